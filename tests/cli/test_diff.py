"""`tcpl diff`: changes between two versions of an assessment, from files or git revisions."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE

OLD = EXAMPLE / "2026" / "assessment.yaml"


def improved(tmp_path: Path) -> Path:
    text = OLD.read_text(encoding="utf-8")
    text = text.replace('"2.2.1": {done: 10, total: 12', '"2.2.1": {done: 12, total: 12')
    path = tmp_path / "2026" / "assessment.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_diff_of_two_files(tcpl, tmp_path: Path) -> None:
    data = json.loads(tcpl("diff", str(OLD), str(improved(tmp_path)), "--format", "json").stdout)
    changes = {(c["level"], c["id"]) for c in data["changes"]}
    assert ("item", "2.2.1") in changes and ("indicator", "2.2") in changes
    assert ("verdict", "") not in changes  # other items still fail
    item = next(c for c in data["changes"] if c["id"] == "2.2.1")
    assert item["before"]["met"] is False and item["after"]["met"] is True
    assert item["detail"] == "10/12 văn bản (83,3%) → 12/12 văn bản (100%)"
    assert tcpl("diff", str(OLD), str(OLD)).stdout.strip() == "Không có thay đổi nào về số liệu hay kết quả."


@pytest.mark.skipif(shutil.which("git") is None, reason="git missing")
def test_diff_of_two_git_revisions(tcpl, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "kho"
    shutil.copytree(EXAMPLE, repo / "huong-binh")
    env = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", *env, "-C", str(repo), "add", "."], check=True)
    subprocess.run(["git", *env, "-C", str(repo), "commit", "-qm", "v1"], check=True)
    path = repo / "huong-binh" / "2026" / "assessment.yaml"
    text = path.read_text(encoding="utf-8")
    for a, b in (
        ("done: 10, total: 12", "done: 12, total: 12"),
        ('"2.4.2": {done: 9', '"2.4.2": {done: 12'),
        ("done: 9, total: 11, note: 02 vụ", "done: 11, total: 11, note: 02 vụ"),
    ):
        text = text.replace(a, b)
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(repo)
    rel = "huong-binh/2026/assessment.yaml"
    result = tcpl("diff", f"HEAD:{rel}", rel, "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "| Kết quả |  | Kết quả công nhận | chưa đạt chuẩn | chưa xác định |" in result.stdout
    missing = tcpl("diff", "HEAD:khong-co.yaml", rel)
    assert missing.exit_code == 2 and "git không có tệp" in missing.stderr


def test_diff_refuses_a_broken_version(tcpl, tmp_path: Path) -> None:
    bad = tmp_path / "assessment.yaml"
    bad.write_text("kind: assessment\nyear: 2026\nitems: {'9.9': true}\n", encoding="utf-8")
    result = tcpl("diff", str(OLD), str(bad))
    assert result.exit_code == 1 and "assessment.yaml:3:9" in result.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git missing")
def test_old_version_is_scored_with_the_rules_it_had(
    tcpl, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commit that raises the pass mark in the overlay must show the verdict change."""
    repo = tmp_path / "kho"
    shutil.copytree(EXAMPLE, repo / "huong-binh")
    env = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", *env, "-C", str(repo), "add", "."], check=True)
    subprocess.run(["git", *env, "-C", str(repo), "commit", "-qm", "v1"], check=True)
    overlay = repo / "huong-binh" / "2023" / "qd25-2021-minh-hoa.yaml"
    overlay.write_text(
        overlay.read_text(encoding="utf-8") + "recognition:\n  total_at_least: 90\n", encoding="utf-8"
    )
    subprocess.run(["git", *env, "-C", str(repo), "commit", "-qam", "v2"], check=True)
    monkeypatch.chdir(repo)
    rel = "huong-binh/2023/assessment.yaml"
    data = json.loads(tcpl("diff", f"HEAD~1:{rel}", f"HEAD:{rel}", "--format", "json").stdout)
    assert data["verdict_changed"] is True
    verdict = next(c for c in data["changes"] if c["level"] == "verdict")
    assert (verdict["before"], verdict["after"]) == (True, False)

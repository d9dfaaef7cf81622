"""The province's overlay applies by itself (office.yaml `overlays:`), is attested, and is easy to write."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.province import ATTESTED_BY, filled_overlay, province, unit

OVERLAY = "thu-nghiem-2026"


@pytest.fixture
def ward(tmp_path: Path) -> Path:
    return unit(province(tmp_path / "tinh"))


def test_score_uses_the_province_overlay_and_recognises(tcpl, ward: Path) -> None:
    data = json.loads(tcpl("score", str(ward), "--format", "json").stdout)
    assert data["ruleset"] == OVERLAY and data["base_ruleset"] == "qd27-2025"
    assert data["recognized"] is True
    assert data["attestation"] == {
        "by": ATTESTED_BY,
        "source": "Công văn số 01/STP-PBGDPL ngày 05/01/2026",
        "date": "2026-01-05",
    }
    assert data["unverified"] == [] and data["undetermined"] == []
    text = tcpl("score", str(ward)).stdout
    assert f"Bộ tiêu chí {OVERLAY}: {ATTESTED_BY} xác nhận ngày 05/01/2026" in text
    assert "chưa xác minh" not in text


def test_every_command_finds_the_overlay(tcpl, ward: Path, tmp_path: Path) -> None:
    root = ward.parents[1]
    gap = json.loads(tcpl("gap", str(ward), "--format", "json", "--as-of", "2026-12-01").stdout)
    assert gap["ruleset"] == OVERLAY and gap["recognized"] is True
    check = json.loads(tcpl("check", str(root), "--format", "json").stdout)
    assert [(c["ruleset"], c["recognized"]) for c in check["communes"]] == [(OVERLAY, True)]
    out = tmp_path / "tong-hop.csv"
    assert tcpl("summary", str(root), "--year", "2026", "-o", str(out)).exit_code == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["Bộ tiêu chí"] == OVERLAY and row["Kết quả"] == "Đạt chuẩn"
    calendar = json.loads(tcpl("calendar", str(ward), "--format", "json", "--as-of", "2026-12-01").stdout)
    dossier = next(e for e in calendar["events"] if e["id"] == "submit_dossier")
    assert dossier["due"] == "2027-01-15"  # the province's date, not in the national file
    q4 = tcpl("report", "q4", str(ward), "-o", str(tmp_path / "q4.docx"))
    assert q4.exit_code == 0 and "DỰ THẢO" not in q4.stdout
    assert f"{ATTESTED_BY} xác nhận" in q4.stdout


def test_diff_scores_both_sides_with_the_overlay(tcpl, ward: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = ward.parents[1]
    monkeypatch.chdir(root)  # REV:PATH is a path in the repository, from where the officer stands
    shutil.rmtree(root / ".git")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@x", "-C", str(root)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "x"], check=True)
    path = ward / "assessment.yaml"
    path.write_text(
        path.read_text("utf-8").replace('"3.3.1": {done: 4, total: 4}', '"3.3.1": {done: 3, total: 4}')
    )
    rel = path.relative_to(root).as_posix()
    result = tcpl("diff", f"HEAD:{rel}", rel, "--format", "json")
    data = json.loads(result.stdout)
    assert data["verdict_changed"] is True
    assert not [c for c in data["changes"] if c["level"] == "ruleset"]  # both sides scored with the overlay


def test_outside_the_province_the_national_file_applies(tcpl, ward: Path, tmp_path: Path) -> None:
    alone = tmp_path / "ngoai"
    shutil.copytree(ward.parent, alone / "thuan-hoa")
    data = json.loads(tcpl("score", str(alone / "thuan-hoa" / "2026"), "--format", "json").stdout)
    assert data["ruleset"] == "qd27-2025" and data["recognized"] is None
    assert data["attestation"] is None


def test_a_commune_grading_itself_is_warned(tcpl, ward: Path) -> None:
    (ward / "rieng.yaml").write_text(filled_overlay(attested=False, overlay_id="tu-cham"), encoding="utf-8")
    path = ward / "assessment.yaml"
    path.write_text(path.read_text("utf-8").replace("year: 2026\n", "year: 2026\nruleset: ./rieng.yaml\n"))
    result = tcpl("check", str(ward.parents[1]))
    assert result.exit_code == 0
    assert "cảnh báo TCPL305: tệp đánh giá dùng lớp bổ sung riêng './rieng.yaml'" in result.stdout
    data = json.loads(tcpl("score", str(ward), "--format", "json").stdout)
    assert data["ruleset"] == "tu-cham"  # kept, and said


def test_a_broken_office_overlay_is_located(tcpl, tmp_path: Path) -> None:
    root = province(tmp_path / "tinh")
    ward = unit(root)
    (root / "office.yaml").write_text(
        (root / "office.yaml").read_text("utf-8").replace("thu-nghiem-2026.yaml", "../ngoai.yaml"), "utf-8"
    )
    result = tcpl("score", str(ward))
    assert result.exit_code == 1
    assert "office.yaml:5:" in result.stderr and "TCPL304" in result.stderr


def test_template_validates_with_warnings_then_attests_when_filled(tcpl, tmp_path: Path) -> None:
    template = tmp_path / "tinh.yaml"
    assert tcpl("rules", "template", "qd27-2025", "-o", str(template)).exit_code == 0
    text = template.read_text("utf-8")
    assert "extends: qd27-2025" in text and "attestation:" in text
    for expected in ("2.6.1", "2.7.1", "2.7.3", "3.4.1", "3.2.2", "3.3.1"):
        assert f'- id: "{expected}"' in text
    blank = tcpl("validate", str(template))
    assert blank.exit_code == 0, blank.stdout
    assert blank.stdout.count("cảnh báo TCPL207") >= 17
    assert "cảnh báo TCPL208" in blank.stdout and " lỗi TCPL" not in blank.stdout
    assert tcpl("validate", "--strict", str(template)).exit_code == 1
    filled = tmp_path / "da-dien.yaml"
    filled.write_text(filled_overlay(), encoding="utf-8")
    done = tcpl("validate", "--strict", str(filled))
    assert done.exit_code == 0 and "0 cảnh báo" in done.stdout
    shown = tcpl("rules", "show", str(filled)).stdout
    assert f"Đã xác nhận: {ATTESTED_BY} xác nhận ngày 05/01/2026" in shown


def test_an_attestation_with_open_entries_does_not_hold(tcpl, tmp_path: Path) -> None:
    partial = tmp_path / "mot-phan.yaml"
    text = filled_overlay().replace("Nội dung thử nghiệm số 4", "")  # 2.6.1 left without a name
    partial.write_text(text.replace("name: \n", 'name: ""\n'), encoding="utf-8")
    result = tcpl("validate", str(partial))
    assert (
        "cảnh báo TCPL208: chưa thể xác nhận: bộ tiêu chí còn 1 mục chưa có (tên nội dung 2.6.1)"
        in result.stdout
    )
    assert "Đã xác nhận" not in tcpl("rules", "show", str(partial)).stdout


def test_a_template_is_only_written_from_a_shipped_ruleset(tcpl, tmp_path: Path) -> None:
    overlay = tmp_path / "x.yaml"
    overlay.write_text(filled_overlay(), encoding="utf-8")
    result = tcpl("rules", "template", str(overlay))
    assert result.exit_code == 2 and "đã là lớp bổ sung" in result.stderr


def test_calendar_runs_from_the_plan_alone(tcpl, tmp_path: Path) -> None:
    root = province(tmp_path / "tinh")
    year = root / "moi" / "2026"
    year.mkdir(parents=True)
    shutil.copy(Path(__file__).parents[2] / "plans/huong-binh/2026/plan.yaml", year / "plan.yaml")
    shutil.copy(Path(__file__).parents[2] / "plans/huong-binh/commune.yaml", root / "moi" / "commune.yaml")
    result = tcpl("calendar", str(year), "--format", "json", "--as-of", "2026-02-01")
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    assert any(e["source"] == "plan" for e in events)
    dossier = next(e for e in events if e["id"] == "submit_dossier")
    assert dossier["due"] == "2027-01-15"  # the province's overlay applies here too

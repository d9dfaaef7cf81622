"""How tcpl behaves in a shell: completion, pipes, `-` for standard output, a broken install."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, REPO

TCPL = Path(sys.executable).with_name("tcpl")


def run(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "TERMINAL_WIDTH", "GITHUB_ACTIONS")}
    return subprocess.run(
        [str(TCPL), *args], capture_output=True, text=True, cwd=cwd, env={**base, **env}, timeout=120
    )


@pytest.mark.parametrize("style", ["bash_source", "source_bash"])
def test_shell_completion_script(style: str) -> None:
    result = run(_TCPL_COMPLETE=style)
    assert result.returncode == 0, result.stderr
    assert "_tcpl_completion()" in result.stdout and "complete -o" in result.stdout


def test_completion_offers_the_commands() -> None:
    result = run(_TCPL_COMPLETE="complete_bash", COMP_WORDS="tcpl sc", COMP_CWORD="1")
    assert result.stdout.split() == ["score", "scoresheet", "schema"]


def test_completion_options_have_vietnamese_help(tcpl) -> None:
    out = tcpl("--help").stdout
    assert "--install-completion" in out and "Cài gợi ý lệnh" in out
    assert "--show-completion" in out and "In đoạn mã gợi ý lệnh" in out


def test_piped_output_is_not_cut_at_80_columns(tmp_path: Path) -> None:
    result = run("summary", str(EXAMPLE), "--year", "2023", "-o", str(tmp_path / "tong hop.xlsx"))
    assert result.returncode == 0, result.stderr
    written = [ln for ln in result.stdout.splitlines() if ln.startswith("Đã viết")]
    assert len(written) == 1 and len(written[0]) > 80 and "đạt chuẩn" in written[0], result.stdout


def test_piped_error_lines_are_not_cut_either(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "huong-binh")
    target = tmp_path / "huong-binh" / "2026" / "assessment.yaml"
    target.write_text(target.read_text("utf-8").replace("total: 3", "totl: 3", 1), encoding="utf-8")
    result = run("summary", str(tmp_path), "--year", "2023", cwd=tmp_path)
    assert result.returncode == 1
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "tệp đánh giá có lỗi không được chấm" in lines[0], result.stderr


def test_dash_is_standard_output_for_check(tcpl, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for fmt in ("json", "sarif", "junit", "text"):
        result = tcpl("check", str(EXAMPLE), "--format", fmt, "--output-file", "-")
        assert result.exit_code == 0 and result.stdout.strip(), fmt
    assert not (tmp_path / "-").exists()


def test_dash_is_standard_output_for_the_calendar(tcpl, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = tcpl("calendar", str(EXAMPLE / "2026"), "--ics", "-", "--as-of", "2026-03-01")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\n") and result.stdout_bytes.endswith(
        b"END:VCALENDAR\r\n"
    )
    assert "Hạn" not in result.stdout  # only the calendar: it can be piped into a file or a program
    assert not (tmp_path / "-").exists()


def test_dash_is_standard_output_for_markdown_reports_and_plans(tcpl, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = tcpl("report", "q4", str(EXAMPLE / "2026"), "--format", "md", "-o", "-")
    assert report.exit_code == 0 and report.stdout.lstrip().startswith("#"), report.output
    word = tcpl("report", "q4", str(EXAMPLE / "2026"), "-o", "-")
    assert word.exit_code == 2 and "chỉ Markdown" in word.stderr
    plan = tcpl("plan", "new", str(EXAMPLE / "2023" / "plan.yaml"), "--year", "2024", "-o", "-")
    assert plan.exit_code == 0, plan.output
    assert "year: 2024" in plan.stdout and "Đã viết" not in plan.stdout and "Đã viết màn hình" in plan.stderr
    assert not (tmp_path / "-").exists()


def test_a_broken_install_is_one_message_and_exit_2(tmp_path: Path) -> None:
    fake = tmp_path / "typer"
    fake.mkdir()
    (fake / "__init__.py").write_text("# an old typer: no typer._click, no typer.core\n", encoding="utf-8")
    result = run("--version", PYTHONPATH=str(tmp_path))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "tcpl không khởi động được" in result.stderr and "typer" in result.stderr
    module = subprocess.run(
        [sys.executable, "-m", "tcpl", "--version"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    assert module.returncode == 2 and "Traceback" not in module.stderr


def test_the_wheel_ships_py_typed(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = tmp_path.glob("tcpl-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "tcpl/py.typed" in names
    assert any(n.startswith("tcpl/_data/criteria/") for n in names)

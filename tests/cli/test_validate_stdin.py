"""`tcpl validate -`: one file from standard input, as an editor or a pipe sends it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tcpl.cli.main import app
from tests.conftest import EXAMPLE


def run(*args: str, text: bytes | str) -> object:
    return CliRunner().invoke(app, list(args), input=text, catch_exceptions=False)


def test_a_valid_file_on_stdin_is_known_by_its_content() -> None:
    result = run("validate", "-", text=(EXAMPLE / "commune.yaml").read_bytes())
    assert result.exit_code == 0, result.output
    assert "1 thông tin xã" in result.stdout and "1 hợp lệ" in result.stdout


def test_a_mistake_on_stdin_is_located_at_the_dash() -> None:
    text = "kind: assessment\nyear: 2026\ntotl: 3\n"
    result = run("validate", "-", text=text)
    assert result.exit_code == 1
    assert "-:3:1: lỗi TCPL102" in result.stdout and "'totl'" in result.stdout


def test_stdin_filename_names_the_file_and_its_kind(tmp_path: Path) -> None:
    # An assessment piped without `kind:`: its name says what it is, and the messages use that name.
    name = "plans/xa-moi/2026/assessment.yaml"
    result = run("validate", "-", "--stdin-filename", name, "--format", "json", text="year: 2026\ntotl: 1\n")
    out = json.loads(result.stdout)
    assert result.exit_code == 1
    assert out["files"] == [{"path": name, "kind": "assessment", "ok": False}]
    assert {d["path"] for d in out["diagnostics"]} == {name}
    assert not (tmp_path / "plans").exists() and not Path(name).exists()  # nothing written there


def test_text_that_does_not_parse_is_reported_not_skipped() -> None:
    result = run("validate", "-", text="a: [\n")
    assert result.exit_code == 1 and "-:2:1: lỗi TCPL006" in result.stdout


def test_another_tools_yaml_on_stdin_is_skipped() -> None:
    result = run("validate", "-", text="rules:\n  line-length: disable\n")
    assert result.exit_code == 0 and "Bỏ qua 1 tệp" in result.stdout


def test_too_much_on_stdin_is_refused_without_reading_it_all() -> None:
    result = run("validate", "-", text=b"a: 1\n" * 500_000)
    assert result.exit_code == 1 and "-:1:1: lỗi TCPL002" in result.stdout and "hơn 2 MB" in result.stdout


def test_the_dash_stands_alone() -> None:
    mixed = run("validate", "-", str(EXAMPLE), text="")
    assert mixed.exit_code == 2 and "đứng một mình" in mixed.stderr
    named = run("validate", str(EXAMPLE), "--stdin-filename", "x.yaml", text="")
    assert named.exit_code == 2 and "chỉ dùng cùng '-'" in named.stderr

"""The one error handler (`TcplGroup.main`), the console script and the progress bar."""

from __future__ import annotations

import builtins
import errno
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tcpl import api
from tcpl.cli import entry
from tcpl.cli.main import Terminated, app
from tcpl.cli.progress import tree_progress
from tests.conftest import EXAMPLE

runner = CliRunner()
Y2026 = str(EXAMPLE / "2026")


def failing(exc: BaseException) -> Any:
    def raise_it(*args: object, **kwargs: object) -> None:
        raise exc

    return raise_it


def test_a_bug_is_one_message_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "score", failing(RuntimeError("hỏng")))
    result = runner.invoke(app, ["score", Y2026])
    assert result.exit_code == 2
    assert result.stderr.startswith("Lỗi nội bộ của tcpl: RuntimeError: hỏng\n")
    assert "Traceback" not in result.output and "TCPL_DEBUG=1" in result.stderr


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "score", failing(RuntimeError("hỏng")))
    monkeypatch.setenv("TCPL_DEBUG", "1")
    result = runner.invoke(app, ["score", Y2026])
    assert result.exit_code == 2 and "Traceback" in result.stderr


def test_a_system_refusal_names_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "score", failing(OSError(errno.ENOSPC, "No space left", "bao-cao.docx")))
    result = runner.invoke(app, ["score", Y2026])
    assert result.exit_code == 2
    assert result.stderr == "Lỗi: không đọc hoặc ghi được 'bao-cao.docx': ổ đĩa đã đầy\n"


def test_ctrl_c_and_sigterm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "score", failing(KeyboardInterrupt()))
    interrupted = runner.invoke(app, ["score", Y2026])
    assert (interrupted.exit_code, interrupted.stderr) == (130, "Đã dừng.\n")
    monkeypatch.setattr(api, "score", failing(Terminated()))
    terminated = runner.invoke(app, ["score", Y2026])
    assert (terminated.exit_code, terminated.stderr) == (143, "Đã dừng (lệnh bị kết thúc).\n")


def test_a_closed_pipe_is_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "score", failing(BrokenPipeError()))
    monkeypatch.setattr("os.dup2", lambda *a: None)
    result = runner.invoke(app, ["score", Y2026])
    assert (result.exit_code, result.stderr) == (0, "")


def test_no_arguments_prints_the_help() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 0 and "Cách dùng" in result.stdout


def test_version() -> None:
    from tcpl import __version__

    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"tcpl {__version__}\n")


def test_app_returns_the_code_outside_standalone_mode() -> None:
    assert app(["validate", str(EXAMPLE)], standalone_mode=False) == 0


def test_console_script_runs_the_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["tcpl", "explain", "TCPL101"])
    with pytest.raises(SystemExit) as exc:
        entry.run()
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("TCPL101 (lỗi)")


def test_console_script_with_a_broken_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_import = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "tcpl.cli.main":
            raise ImportError("cannot import name 'TyperGroup'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    with pytest.raises(SystemExit) as exc:
        entry.run()
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: tcpl không khởi động được với các gói đang cài (ImportError:")
    assert "tcpl cần:" in err and "typer" in err and "Đang có:" in err


def test_progress_reports_counts() -> None:
    with tree_progress(show=True) as update:
        assert update is not None
        update(1, 3)
        update(3, 3)
    with tree_progress(show=False) as nothing:
        assert nothing is None


def test_schema_output_dir(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "--output-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"{k}.schema.json" for k in api.schema_kinds())
    assert json.loads((tmp_path / "assessment.schema.json").read_text(encoding="utf-8"))["title"]
    missing = runner.invoke(app, ["schema", "--output-dir", str(tmp_path / "khong-co")])
    assert missing.exit_code == 2 and "không tồn tại" in missing.stderr

"""The `tcpl` command: a thin Typer skin over the tcpl library.

Exit codes (README, "Mã thoát"): 0 done; 1 the files have problems (or `--require-recognized` and the
commune is not recognised); 2 usage, configuration or internal error. Every error ends in one
clean Vietnamese message, never a traceback (set TCPL_DEBUG=1 to see one).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import traceback
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from tcpl import __version__
from tcpl.cli import _vi
from tcpl.errors import InvalidFilesError, TcplError, display_path
from tcpl.escaping import log_text
from tcpl.safeio import os_error_words

_vi.install()


def _stderr(message: str) -> None:
    sys.stderr.write(log_text(message.rstrip("\n")) + "\n")
    sys.stderr.flush()


class Terminated(BaseException):
    """SIGTERM (a CI job cancelled): unwinds like Ctrl-C, so temporary files are removed."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _click_style_completion(variable: str) -> None:
    """Accept Click's `_TCPL_COMPLETE=bash_source` as well as Typer's `source_bash`."""
    value = os.environ.get(variable, "")
    shell, _, instruction = value.partition("_")
    if shell in _SHELLS and instruction in ("source", "complete"):
        os.environ[variable] = f"{instruction}_{shell}"


class TcplGroup(TyperGroup):
    """Runs the command and turns every error into a message and an exit code."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        from typer._click import exceptions as ce

        _click_style_completion(complete_var or "_TCPL_COMPLETE")
        code = 0
        previous = None
        if threading.current_thread() is threading.main_thread():
            previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            result = super().main(
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
            code = result if isinstance(result, int) else 0
            if code == 130:  # Typer turns Ctrl-C into exit code 130 before it reaches us
                _stderr("Đã dừng.")
        except ce.NoArgsIsHelpError:
            code = 0  # the help was printed while the error was made (Typer's rich help)
        except ce.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx is not None else "tcpl"
            _stderr(f"Lỗi: {_vi.usage_error_message(exc)}")
            _stderr(f"Xem '{command} --help' để biết cách dùng.")
            code = 2
        except InvalidFilesError as exc:
            _stderr(exc.summary())
            code = exc.exit_code
        except TcplError as exc:
            _stderr(f"Lỗi: {exc}")
            code = exc.exit_code
        except (typer.Abort, KeyboardInterrupt):
            _stderr("Đã dừng.")
            code = 130
        except Terminated:
            _stderr("Đã dừng (lệnh bị kết thúc).")
            code = 143
        except BrokenPipeError:
            # The reader (`| head`) stopped reading: not an error of the files or of the command.
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            except (OSError, ValueError):  # no real file behind stdout: nothing more will be written
                pass
            code = 0
        except OSError as exc:  # the system refused (disk full, no permission...): not a bug of tcpl
            where = f" '{display_path(exc.filename)}'" if exc.filename else ""
            _stderr(f"Lỗi: không đọc hoặc ghi được{where}: {os_error_words(exc)}")
            code = 2
        except Exception as exc:  # the last line of defence: no traceback for the user
            if os.environ.get("TCPL_DEBUG"):
                traceback.print_exc()
            _stderr(
                f"Lỗi nội bộ của tcpl: {type(exc).__name__}: {exc}\n"
                "Đây là lỗi của chương trình, không phải của tệp dữ liệu. Hãy báo lỗi kèm lệnh"
                " đã chạy (đặt TCPL_DEBUG=1 để xem chi tiết)."
            )
            code = 2
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    cls=TcplGroup,
    name="tcpl",
    help=(
        "[bold]tcpl[/] — lập kế hoạch, chấm điểm, báo cáo xã đạt chuẩn tiếp cận pháp luật"
        " từ các tệp YAML.\n\n"
        "Mỗi xã là một thư mục: [cyan]commune.yaml[/] (thông tin xã) và một thư mục cho mỗi"
        " năm với [cyan]assessment.yaml[/] (số liệu tự đánh giá) và [cyan]plan.yaml[/] (kế"
        " hoạch).\n\n"
        "[bold]Ví dụ:[/]\n\n"
        "  tcpl score plans/huong-binh/2026\n\n"
        "  tcpl validate plans/\n\n"
        "  tcpl gap plans/huong-binh/2026\n\n"
        "Mã thoát: 0 xong; 1 tệp có lỗi (hoặc --require-recognized và xã chưa đạt); 2 lỗi"
        " cách dùng, cấu hình hoặc lỗi nội bộ."
    ),
    no_args_is_help=True,
    add_completion=True,
    options_metavar="[TÙY CHỌN]",
    subcommand_metavar="LỆNH [THAM SỐ]...",
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"tcpl {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", help="In phiên bản rồi thoát.", callback=_version, is_eager=True),
    ] = False,
) -> None:
    """tcpl — xã đạt chuẩn tiếp cận pháp luật."""


def _register() -> None:
    from tcpl.cli import (
        cmd_check,
        cmd_diff,
        cmd_dossier,
        cmd_explain,
        cmd_form,
        cmd_init,
        cmd_plan,
        cmd_reports,
        cmd_rules,
        cmd_schema,
        cmd_score,
        cmd_validate,
    )

    for module in (
        cmd_init,
        cmd_validate,
        cmd_score,
        cmd_check,
        cmd_diff,
        cmd_form,
        cmd_plan,
        cmd_reports,
        cmd_dossier,
        cmd_rules,
        cmd_schema,
        cmd_explain,
    ):
        module.register(app)


_register()


def run() -> None:
    """Console-script entry point."""
    app()

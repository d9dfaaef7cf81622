"""What the commands share: consoles, the options written once, showing an output, dates typed in."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TextIO, cast

import typer
from rich.console import Console
from rich.markup import escape

from tcpl import reporters
from tcpl.errors import UsageError, display_path
from tcpl.escaping import LogStream, log_text
from tcpl.reporters import Output
from tcpl.safeio import STDOUT, write_text_atomic

EXIT_READ = "\n\nMã thoát: 0 xong; 1 tệp YAML có lỗi; 2 lỗi cách dùng."
"""The exit codes of the commands that only read and print."""
EXIT_WRITE = (
    "\n\nMã thoát: 0 đã viết; 1 tệp YAML có lỗi (không viết gì); 2 lỗi cách dùng (tệp đích đã có mà"
    " không có --force, thư mục không tồn tại...)."
)
"""The exit codes of the commands that write a file."""


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # The reader (`| head`) stopped reading: let the command end quietly (exit 0), as for print.
        raise BrokenPipeError


def _piped(stream: Any) -> bool:
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):
        return True


def out_console() -> Console:
    """Rich console on stdout, made per call so tests capturing stdout see the output.

    Every line goes through `escaping.log_line`: a name from a data file cannot become a CI
    workflow command or hide itself. Piped into a file or another program, lines are never cut
    at 80 columns (Rich's width when there is no terminal): a log line stays one line.
    """
    return _Console(file=_log(sys.stdout), highlight=False, soft_wrap=_piped(sys.stdout))


def err_console() -> Console:
    return Console(file=_log(sys.stderr), highlight=False, soft_wrap=_piped(sys.stderr))


def _log(stream: TextIO) -> TextIO:
    # LogStream has the few methods Rich uses of a text stream (write, flush, isatty, fileno).
    return cast(TextIO, LogStream(stream))


# --- showing what a command found -------------------------------------------------------------


def show(output: Output, *, to: Path | None = None) -> None:
    """Write an output: to the screen (or standard output), or to a file (`-o`)."""
    if to is not None and not is_stdout(to):
        text = output.text or ""
        write_text_atomic(to, text if output.machine else log_text(text), force=True)
        return
    if output.text is not None:
        sys.stdout.write(output.text if output.machine else log_text(output.text))
        sys.stdout.flush()
    if output.screen:
        console = out_console()
        for part in output.screen:
            console.print(part)


def wrote(paths: list[Path], notes: Sequence[str] = (), *, summary: str = "", stderr: bool = False) -> None:
    """ "Đã viết ..." for each file, then the notes for the officer."""
    console = err_console() if stderr else out_console()
    for n, path in enumerate(paths):
        tail = f": {summary}" if summary and n == 0 else ""
        console.print(f"Đã viết [bold]{escape(shown_name(path))}[/]{escape(tail)}")
    for note in notes:
        console.print(f"  [yellow]•[/] {escape(note)}")


def notes(lines: list[str], *, stderr: bool = False) -> None:
    console = err_console() if stderr else out_console()
    for line in lines:
        console.print(f"  [yellow]•[/] {escape(line)}")


def shown_name(path: Path) -> str:
    return "màn hình" if is_stdout(path) else display_path(path)


def is_stdout(path: Path | None) -> bool:
    """`-o -`, `--output-file -`, `--ics -`: standard output rather than a file named "-"."""
    return path is not None and path == STDOUT


# --- options, each written once --------------------------------------------------------------

_FORMAT_ALIASES = {"md": "markdown", "markdown": "md"}


def formats(*choices: str) -> Callable[[str], str]:
    """A --format callback: one of `choices`, any case, md and markdown meaning the same."""

    def check(value: str) -> str:
        word = value.strip().lower()
        if word not in choices and _FORMAT_ALIASES.get(word) in choices:
            word = _FORMAT_ALIASES[word]
        if word not in choices:
            raise UsageError(f"--format phải là một trong: {', '.join(choices)} (không phải '{value}')")
        return word

    return check


def format_option(command: str, *, extra: tuple[str, ...] = (), envvar: str | None = None) -> Any:
    """--format for `command`: its choices come from the reporters' registry."""
    choices = (*extra, *reporters.choices(command))
    words = ", ".join(choices[:-1]) + f" hoặc {choices[-1]}" if len(choices) > 1 else choices[0]
    if "markdown" in choices:
        words = words.replace("markdown", "markdown (md)")
    return typer.Option(
        "--format", "-f", help=f"Định dạng: {words}.", callback=formats(*choices), envvar=envvar
    )


AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="<ngày>", help="Tính đến ngày (2026-10-01 hoặc 01/10/2026); mặc định hôm nay."
    ),
]
"""--as-of for the commands that judge deadlines; parsed by `parse_day`."""
RulesetOpt = Annotated[
    str | None,
    typer.Option(
        "--ruleset",
        metavar="<mã hoặc tệp>",
        help="Chấm theo bộ tiêu chí này: mã có sẵn (qd27-2025) hoặc tệp (kể cả lớp bổ sung extends:).",
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Ghi đè nếu tệp đích đã có.")]
StrictOpt = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Mã thoát 1 khi văn bản còn là DỰ THẢO (bộ tiêu chí chưa được xác nhận, nội dung chưa xác định).",
    ),
]
TemplateOpt = Annotated[
    Path | None, typer.Option("--template", help="Mẫu thân văn bản riêng (Markdown + Jinja).")
]
PdfOpt = Annotated[bool, typer.Option("--pdf", help="Chuyển thêm sang PDF bằng LibreOffice (với docx).")]


def parse_day(text: str | None) -> date:
    """--as-of: ISO (2026-10-01) as in the YAML files, or the way it is written on paper (01/10/2026)."""
    if text is None:
        return date.today()
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--as-of phải là một ngày, dạng NĂM-THÁNG-NGÀY (2026-10-01) hoặc NGÀY/THÁNG/NĂM (01/10/2026),"
            f" không phải '{text}'"
        ) from None


def command_group(help_text: str) -> typer.Typer:
    """A group of commands (`tcpl plan ...`): Vietnamese placeholders, its help when run bare."""
    return typer.Typer(
        options_metavar="[TÙY CHỌN]",
        subcommand_metavar="LỆNH [THAM SỐ]...",
        help=help_text,
        no_args_is_help=True,
    )

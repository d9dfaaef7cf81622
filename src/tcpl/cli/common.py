"""Helpers shared by the commands: consoles and the words for verdicts."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TextIO, cast

import typer
from rich.console import Console

from tcpl.engine.results import Verdict
from tcpl.errors import UsageError, display_path
from tcpl.escaping import LogStream, json_document, log_text

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


AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="<ngày>", help="Tính đến ngày (2026-10-01 hoặc 01/10/2026); mặc định hôm nay."
    ),
]
"""--as-of for the commands that judge deadlines; parsed by `parse_day`."""
TableJsonOpt = Annotated[
    str, typer.Option("--format", "-f", help="table hoặc json.", callback=formats("table", "json"))
]
ReadFormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help="Định dạng: table, json hoặc markdown (md).",
        callback=formats("table", "json", "markdown"),
    ),
]
"""--format of the commands that print a result: table (screen), json (scripts), markdown (a PR comment)."""


def checked_template(path: Path | None) -> Path | None:
    """The --template option: the file must exist (a usage error otherwise)."""
    if path is not None and not path.is_file():
        raise UsageError(f"không tìm thấy mẫu '{display_path(path)}'")
    return path


def checked_ruleset(path: Path | None) -> Path | None:
    """The --ruleset option: the file must exist (a usage error otherwise)."""
    if path is not None and not path.is_file():
        raise UsageError(f"không tìm thấy tệp bộ tiêu chí '{path}'")
    return path


def self_check(path: Path, *, numbered: bool = True, recipients: bool = True) -> list[str]:
    """Read the written document back and check it against Decree 30 (problems become notes)."""
    from tcpl.documents.checks import check_nd30

    problems = check_nd30(path, numbered=numbered, recipients=recipients)
    return [f"Thể thức (Nghị định 30): {p}" for p in problems]


STDOUT_NAME = "-"
"""`-o -`, `--output-file -`, `--ics -`: write to standard output rather than to a file named "-"."""


def is_stdout(path: Path | None) -> bool:
    return path is not None and str(path) == STDOUT_NAME


def write_json(data: Any) -> None:
    """Machine output bypasses Rich: no colour code can leak into it."""
    sys.stdout.write(json_document(json.dumps(data, ensure_ascii=False, indent=2, default=str)) + "\n")


def write_text(text: str) -> None:
    """Plain human text (and Markdown): one log-safe line at a time."""
    sys.stdout.write(log_text(text if text.endswith("\n") else text + "\n"))


def verdict_style(met: Verdict, *, missing: bool = False) -> str:
    if missing or met is None:
        return "yellow"
    return "green" if met else "red"

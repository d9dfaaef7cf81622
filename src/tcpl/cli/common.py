"""Helpers shared by the commands: consoles and the words for verdicts."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console

from tcpl.engine.results import Verdict
from tcpl.errors import UsageError


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # The reader (`| head`) stopped reading: let the command end quietly (exit 0), as for print.
        raise BrokenPipeError


def out_console() -> Console:
    """Rich console on stdout, made per call so tests capturing stdout see the output."""
    return _Console(file=sys.stdout, highlight=False, soft_wrap=False)


def err_console() -> Console:
    return Console(file=sys.stderr, highlight=False)


def checked_ruleset(path: Path | None) -> Path | None:
    """The --ruleset option: the file must exist (a usage error otherwise)."""
    if path is not None and not path.is_file():
        raise UsageError(f"không tìm thấy tệp bộ tiêu chí '{path}'")
    return path


def write_json(data: Any) -> None:
    """Machine output bypasses Rich: no colour code can leak into it."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def write_text(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def verdict_word(met: Verdict, *, missing: bool = False) -> str:
    if missing:
        return "Thiếu số liệu"
    if met is None:
        return "Chưa xác định"
    return "Đạt" if met else "Chưa đạt"


def verdict_style(met: Verdict, *, missing: bool = False) -> str:
    if missing:
        return "yellow"
    if met is None:
        return "yellow"
    return "green" if met else "red"

"""A progress bar for long runs over a tree, on a terminal only (never in CI logs or machine output)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from tcpl.api import Progress


def on_terminal() -> bool:
    """A person is watching stderr: show a progress bar (never in CI logs)."""
    return sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def tree_progress(*, show: bool) -> Iterator[Progress | None]:
    if not show:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from tcpl.cli.common import err_console

    with Progress(
        TextColumn("Đang kiểm tra"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("tệp"),
        TimeElapsedColumn(),
        console=err_console(),
        transient=True,
    ) as bar:
        task = bar.add_task("check", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update

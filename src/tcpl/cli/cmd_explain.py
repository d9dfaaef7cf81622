"""`tcpl explain CODE`: what a diagnostic code means and what to do about it."""

from __future__ import annotations

from typing import Annotated

import typer

from tcpl import api, reporters
from tcpl.cli.common import EXIT_READ, format_option, show


def register(app: typer.Typer) -> None:
    app.command(
        "explain",
        help=(
            "Giải thích một mã lỗi hoặc cảnh báo (TCPL...): nghĩa, mức độ và cách sửa. --all liệt kê mọi mã.\n\n"
            "[bold]Ví dụ:[/]\n\n"
            "  tcpl explain TCPL311\n\n"
            "  tcpl explain --all --format markdown" + EXIT_READ
        ),
    )(explain)


def explain(
    code: Annotated[
        str | None, typer.Argument(metavar="MÃ", help="Mã, ví dụ TCPL311.", show_default=False)
    ] = None,
    all_codes: Annotated[bool, typer.Option("--all", help="Liệt kê mọi mã.")] = False,
    output_format: Annotated[str, format_option("explain")] = "text",
) -> None:
    show(reporters.render("explain", output_format, api.explain(code, every=all_codes)))

"""`tcpl explain CODE`: what a diagnostic code means and what to do about it."""

from __future__ import annotations

from typing import Annotated

import typer

from tcpl import codes
from tcpl.cli.common import EXIT_READ, formats, write_text
from tcpl.errors import UsageError
from tcpl.escaping import markdown_cell


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


def _severity_word(code: codes.Code) -> str:
    return "lỗi" if code.severity is codes.Severity.ERROR else "cảnh báo"


def explain(
    code: Annotated[
        str | None, typer.Argument(metavar="MÃ", help="Mã, ví dụ TCPL311.", show_default=False)
    ] = None,
    all_codes: Annotated[bool, typer.Option("--all", help="Liệt kê mọi mã.")] = False,
    output_format: Annotated[
        str,
        typer.Option("--format", "-f", help="text hoặc markdown (md).", callback=formats("text", "markdown")),
    ] = "text",
) -> None:
    if all_codes:
        chosen = list(codes.REGISTRY.values())
    elif code is not None:
        found = codes.get(code)
        if found is None:
            raise UsageError(f"không có mã {code.strip().upper()}; xem danh sách: tcpl explain --all")
        chosen = [found]
    else:
        raise UsageError("cần một mã (ví dụ: tcpl explain TCPL311) hoặc --all")
    if output_format == "markdown":
        lines = ["| mã | nghĩa | cách sửa |", "|---|---|---|"]
        lines += [f"| `{c}` | {markdown_cell(c.meaning)} | {markdown_cell(c.todo)} |" for c in chosen]
        write_text("\n".join(lines))
        return
    for c in chosen:
        write_text(f"{c} ({_severity_word(c)}): {c.meaning}\n  Cách sửa: {c.todo}")

"""`tcpl rules list|show`: the rulesets tcpl knows and their full tree."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tcpl import api, reporters
from tcpl.cli.common import (
    EXIT_READ,
    EXIT_WRITE,
    ForceOpt,
    command_group,
    format_option,
    is_stdout,
    show,
    wrote,
)
from tcpl.safeio import write_text_atomic

rules_app = command_group(
    "Các bộ tiêu chí: liệt kê, xem toàn bộ tiêu chí, chỉ tiêu, nội dung; viết mẫu lớp bổ sung"
    " của tỉnh.\n\n"
    "[bold]Ví dụ:[/]\n\n  tcpl rules list\n\n  tcpl rules show qd27-2025\n\n"
    "  tcpl rules template qd27-2025 -o hue-2026.yaml"
)


def register(app: typer.Typer) -> None:
    app.add_typer(rules_app, name="rules")


@rules_app.command(
    "list",
    help="Liệt kê các bộ tiêu chí đi kèm tcpl.\n\n[bold]Ví dụ:[/]\n\n  tcpl rules list" + EXIT_READ,
)
def list_rules(output_format: Annotated[str, format_option("rules list")] = "table") -> None:
    show(reporters.render("rules list", output_format, api.rulesets()))


@rules_app.command(
    "show",
    help=(
        "Xem đầy đủ một bộ tiêu chí (mã hoặc đường dẫn tệp): tiêu chí, chỉ tiêu, nội dung, loại,"
        " mức đạt, điểm, nguồn và tình trạng xác minh.\n\n"
        "[bold]Ví dụ:[/]\n\n  tcpl rules show qd25-2021\n\n"
        "  tcpl rules show plans/huong-binh/2023/qd25-2021-minh-hoa.yaml" + EXIT_READ
    ),
)
def show_rules(
    ident: Annotated[
        str, typer.Argument(metavar="MÃ", help="Mã bộ tiêu chí hoặc đường dẫn tệp.", show_default=False)
    ],
    output_format: Annotated[str, format_option("rules show")] = "tree",
) -> None:
    show(reporters.render("rules show", output_format, api.ruleset(ident)))


@rules_app.command(
    "template",
    help=(
        "Viết mẫu lớp bổ sung của tỉnh cho một bộ tiêu chí có sẵn: mọi tên, mức đạt chuẩn, cách tính"
        " còn thiếu được để trống, kèm chú thích phải ghi gì theo văn bản gốc, và mục attestation"
        " (cơ quan, văn bản, ngày xác nhận). Sở Tư pháp điền rồi ghi tên tệp vào 'overlays:' của"
        " office.yaml; tcpl validate liệt kê các mục còn trống.\n\n"
        "[bold]Ví dụ:[/]\n\n  tcpl rules template qd27-2025 -o hue-2026.yaml\n\n"
        "  tcpl validate hue-2026.yaml" + EXIT_WRITE
    ),
)
def template_rules(
    ident: Annotated[
        str,
        typer.Argument(metavar="BỘ_GỐC", help="Mã bộ tiêu chí có sẵn, ví dụ qd27-2025.", show_default=False),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Tệp lớp bổ sung sẽ viết; '-' là màn hình.", show_default=False),
    ] = Path("-"),
    force: ForceOpt = False,
) -> None:
    text = api.rules_template(ident)
    if is_stdout(output):
        show(reporters.Output.document(text))
        return
    write_text_atomic(output, text, force=force)
    wrote([output])

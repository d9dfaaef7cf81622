"""`tcpl rules list|show`: the rulesets tcpl knows and their full tree."""

from __future__ import annotations

from typing import Annotated

import typer

from tcpl import api, reporters
from tcpl.cli.common import EXIT_READ, format_option, show

rules_app = typer.Typer(
    options_metavar="[TÙY CHỌN]",
    subcommand_metavar="LỆNH [THAM SỐ]...",
    help=(
        "Các bộ tiêu chí: liệt kê, xem toàn bộ tiêu chí, chỉ tiêu, nội dung.\n\n"
        "[bold]Ví dụ:[/]\n\n  tcpl rules list\n\n  tcpl rules show qd27-2025"
    ),
    no_args_is_help=True,
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

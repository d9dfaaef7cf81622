"""`tcpl diff OLD NEW`: what changed between two versions of an assessment, for reviewing a change."""

from __future__ import annotations

from typing import Annotated

import typer

from tcpl import api, reporters
from tcpl.cli.common import EXIT_READ, RulesetOpt, err_console, format_option, show


def register(app: typer.Typer) -> None:
    app.command(
        "diff",
        help=(
            "So sánh hai phiên bản của một tệp đánh giá: nội dung nào đổi số liệu, chỉ tiêu, tiêu chí"
            " nào đổi kết quả, kết quả công nhận có đổi không. Mỗi bên là một tệp, hoặc PHIÊN_BẢN:TỆP"
            " của git.\n\n"
            "[bold]Ví dụ:[/]\n\n"
            "  tcpl diff cu/assessment.yaml moi/assessment.yaml\n\n"
            "  tcpl diff HEAD~1:plans/huong-binh/2026/assessment.yaml plans/huong-binh/2026/assessment.yaml\n\n"
            "  tcpl diff main:plans/x/2026/assessment.yaml HEAD:plans/x/2026/assessment.yaml -f markdown"
            + EXIT_READ
        ),
    )(diff_command)


def diff_command(
    old: Annotated[
        str, typer.Argument(metavar="CŨ", help="Tệp đánh giá cũ, hoặc PHIÊN_BẢN:TỆP.", show_default=False)
    ],
    new: Annotated[
        str, typer.Argument(metavar="MỚI", help="Tệp đánh giá mới, hoặc PHIÊN_BẢN:TỆP.", show_default=False)
    ],
    output_format: Annotated[str, format_option("diff")] = "table",
    ruleset: RulesetOpt = None,
) -> None:
    found = api.diff(old, new, ruleset=ruleset)
    if found.rulesets_differ:
        err_console().print(
            "[yellow]Hai phiên bản dùng hai bộ tiêu chí khác nhau: các nội dung cùng mã có thể không tương ứng.[/]"
        )
    show(
        reporters.render(
            "diff", output_format, found.result, old=old, new=new, before=found.before, after=found.after
        )
    )

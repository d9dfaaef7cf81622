"""`tcpl score` and `tcpl gap`: the verdict, its reasons, and what is still needed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tcpl import api, reporters
from tcpl.cli.common import EXIT_READ, AsOfOpt, RulesetOpt, format_option, parse_day, show

PathArg = Annotated[
    Path,
    typer.Argument(
        metavar="ĐƯỜNG_DẪN",
        help="Tệp đánh giá (assessment.yaml) hoặc thư mục năm của xã (plans/<xã>/<năm>).",
        show_default=False,
    ),
]


def register(app: typer.Typer) -> None:
    app.command(
        "score",
        help=(
            "Chấm điểm, đánh giá một xã trong một năm theo bộ tiêu chí của năm đó: bảng theo tiêu"
            " chí và chỉ tiêu, kết quả, lý do, số liệu còn thiếu và quy tắc chưa xác minh.\n\n"
            "[bold]Ví dụ:[/]\n\n"
            "  tcpl score plans/huong-binh/2026\n\n"
            "  tcpl score plans/huong-binh/2023 --explain\n\n"
            "  tcpl score plans/huong-binh/2026 --format json\n\n"
            "Mã thoát: 0 đã chấm (kể cả khi xã chưa đạt); 1 tệp có lỗi, hoặc --require-recognized"
            " và xã chưa đạt; 2 lỗi cách dùng."
        ),
    )(score_command)
    app.command(
        "gap",
        help=(
            "Xã còn thiếu gì để đạt chuẩn: tập nhỏ nhất các nội dung cần cải thiện, với số liệu"
            " cần đạt (tỷ lệ: thêm bao nhiêu vụ việc, văn bản...; mô hình điểm: những điểm dễ"
            " đạt nhất để đủ tổng điểm và tỷ lệ mỗi tiêu chí).\n\n"
            "[bold]Ví dụ:[/]\n\n"
            "  tcpl gap plans/huong-binh/2026\n\n"
            "  tcpl gap plans/huong-binh/2026 --as-of 2026-10-01 --format json" + EXIT_READ
        ),
    )(gap_command)


def score_command(
    path: PathArg,
    output_format: Annotated[str, format_option("score")] = "table",
    explain: Annotated[
        bool, typer.Option("--explain", help="Với mỗi nội dung: giá trị, quy tắc và kết quả.")
    ] = False,
    require_recognized: Annotated[
        bool,
        typer.Option("--require-recognized", help="Mã thoát 1 khi xã chưa được công nhận (dùng trong CI)."),
    ] = False,
    ruleset: RulesetOpt = None,
) -> None:
    scored = api.score(path, ruleset=ruleset)
    show(reporters.render("score", output_format, scored.result, label=scored.label, explain=explain))
    raise typer.Exit(1 if require_recognized and scored.result.recognized is not True else 0)


def gap_command(
    path: PathArg,
    as_of: AsOfOpt = None,
    output_format: Annotated[str, format_option("gap")] = "table",
    ruleset: RulesetOpt = None,
) -> None:
    found = api.gap(path, ruleset=ruleset, as_of=parse_day(as_of))
    show(
        reporters.render(
            "gap",
            output_format,
            found.answer,
            result=found.scored.result,
            label=found.scored.label,
            as_of=found.as_of,
        )
    )

"""`tcpl validate`: check files of any kind, report every problem with its location."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tcpl import api, reporters
from tcpl.cli.common import RulesetOpt, format_option, show
from tcpl.cli.progress import on_terminal, tree_progress
from tcpl.safeio import STDIN


def register(app: typer.Typer) -> None:
    app.command(
        "validate",
        help=(
            "Kiểm tra các tệp YAML: bộ tiêu chí, thông tin xã, kế hoạch, số liệu đánh giá (tự"
            " nhận loại tệp). Thư mục được tìm đệ quy. Mỗi lỗi ghi [cyan]tệp:dòng:cột[/] và"
            " cách sửa.\n\n"
            "[bold]Ví dụ:[/]\n\n"
            "  tcpl validate plans/\n\n"
            "  tcpl validate plans/huong-binh/2026/assessment.yaml --format json\n\n"
            "  cat assessment.yaml | tcpl validate - --stdin-filename plans/huong-binh/2026/assessment.yaml\n\n"
            "Mã thoát: 0 không có lỗi; 1 có lỗi (hoặc có cảnh báo khi dùng --strict); 2 lỗi cách dùng."
        ),
    )(validate)


def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="ĐƯỜNG_DẪN",
            help="Tệp hoặc thư mục cần kiểm tra; '-' là đọc một tệp từ đầu vào chuẩn (stdin).",
            show_default=False,
        ),
    ],
    output_format: Annotated[str, format_option("validate")] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Coi cảnh báo là lỗi (mã thoát 1).")] = False,
    ruleset: RulesetOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Chỉ in lỗi, không in dòng tổng kết.")] = False,
    stdin_filename: Annotated[
        Path | None,
        typer.Option(
            "--stdin-filename",
            metavar="TÊN_TỆP",
            help=(
                "Với '-': tệp đọc từ stdin được coi như đặt ở đường dẫn này (loại tệp theo tên,"
                " thông báo ghi tên này). Không ghi gì vào đó."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    if STDIN in paths:
        if len(paths) > 1:
            raise api.UsageError("'-' (đọc từ stdin) phải đứng một mình, không kèm tệp hay thư mục khác")
        result = api.validate_stream(sys.stdin.buffer, name=stdin_filename, ruleset=ruleset)
    else:
        if stdin_filename is not None:
            raise api.UsageError("--stdin-filename chỉ dùng cùng '-' (đọc từ stdin)")
        with tree_progress(show=output_format == "text" and on_terminal()) as progress:
            result = api.validate(paths, ruleset=ruleset, progress=progress)
    show(reporters.render("validate", output_format, result, strict=strict, quiet=quiet))
    raise typer.Exit(1 if reporters.tree.validation_failed(result, strict=strict) else 0)

"""`tcpl check` and `tcpl summary`: a whole repository of communes, for CI and for the province."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from tcpl import api, reporters
from tcpl.cli.common import ForceOpt, RulesetOpt, err_console, format_option, is_stdout, show, wrote
from tcpl.cli.progress import on_terminal, tree_progress
from tcpl.errors import UsageError, display_path
from tcpl.safeio import check_target

THƯ_MỤC = "THƯ_MỤC"


def register(app: typer.Typer) -> None:
    app.command(
        "check",
        help=(
            "Kiểm tra cả một kho: mọi tệp dưới các thư mục (lỗi có vị trí tệp:dòng:cột) và chấm mọi"
            " xã-năm, trong một lần chạy, dùng mọi lõi CPU khi kho lớn; mỗi xã-năm kèm số nội dung đã"
            " nhập mà chưa có tài liệu kiểm chứng. Dùng trong CI.\n\n"
            "Định dạng: text (người đọc), json, github (chú thích trên pull request và bảng tóm tắt"
            " $GITHUB_STEP_SUMMARY), junit (XML cho bảng kết quả CI), sarif (code scanning); auto ="
            " github khi có biến GITHUB_ACTIONS. Cho một tệp (như pre-commit), tcpl kiểm tra cả thư"
            " mục năm của tệp đó.\n\n"
            "[bold]Ví dụ:[/]\n\n"
            "  tcpl check plans/\n\n"
            "  tcpl check . --format junit --output-file tcpl.xml\n\n"
            "  tcpl check . --require-recognized\n\n"
            "Mã thoát: 0 không có lỗi; 1 có tệp lỗi (hoặc --require-recognized và có xã chưa đạt); 2 lỗi"
            " cách dùng."
        ),
    )(check_command)
    app.command(
        "summary",
        help=(
            "Bảng tổng hợp cả tỉnh cho một năm: mỗi xã một dòng (bộ tiêu chí, điểm hoặc đạt/chưa đạt"
            " từng tiêu chí, tổng điểm, kết quả, số liệu còn thiếu, số nội dung chưa có tài liệu kiểm chứng), số xã"
            " và tỷ lệ đạt chuẩn ở cuối."
            " -o viết .xlsx, .csv hoặc .docx (danh sách kèm quyết định công nhận, thể thức Nghị định"
            " 30; cần office.yaml ở gốc kho, xem README).\n\n"
            "[bold]Ví dụ:[/]\n\n"
            "  tcpl summary plans/ --year 2026\n\n"
            "  tcpl summary plans/ --year 2026 -o tong-hop-2026.xlsx\n\n"
            "  tcpl summary plans/ --year 2023 -o danh-sach-2023.docx\n\n"
            "Mã thoát: 0 xong; 1 có tệp lỗi (bảng vẫn được viết, không có xã có tệp đánh giá lỗi); 2 lỗi"
            " cách dùng."
        ),
    )(summary_command)


def check_command(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar=THƯ_MỤC, help="Thư mục (hoặc tệp) cần kiểm tra.", show_default=False),
    ],
    output_format: Annotated[str, format_option("check", extra=("auto",), envvar="TCPL_FORMAT")] = "auto",
    output_file: Annotated[
        Path | None,
        typer.Option(
            "--output-file",
            "-o",
            help="Ghi kết quả vào tệp thay vì màn hình (thay tệp của lần chạy trước); '-' là màn hình.",
        ),
    ] = None,
    require_recognized: Annotated[
        bool,
        typer.Option(
            "--require-recognized", help="Mã thoát 1 khi có xã-năm chưa đạt chuẩn hoặc chưa xác định."
        ),
    ] = False,
    ruleset: RulesetOpt = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="In kết quả của mọi xã-năm.")] = False,
) -> None:
    if output_format == "auto":
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") else "text"
    to_file = output_file is not None and not is_stdout(output_file)
    if output_file is not None and to_file:
        # A CI report is rewritten on every run; still refuse, before the scan, a folder, a missing
        # parent, a link the repository could carry, and the files being checked.
        check_target(output_file, force=True, protect=api.inputs(paths))
    with tree_progress(show=output_format == "text" and not to_file and on_terminal()) as progress:
        result = api.check(paths, ruleset=ruleset, progress=progress)
    command = "check-file" if to_file and output_format == "text" else "check"
    show(
        reporters.render(
            command, output_format, result, require_recognized=require_recognized, verbose=verbose
        ),
        to=output_file,
    )
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if output_format == "github" and summary_path:
        with open(summary_path, "a", encoding="utf-8") as handle:  # GitHub's own file for this step
            handle.write(reporters.tree.step_summary(result))
    raise typer.Exit(1 if reporters.tree.failed(result, require_recognized=require_recognized) else 0)


def summary_command(
    paths: Annotated[
        list[Path], typer.Argument(metavar=THƯ_MỤC, help="Thư mục chứa các xã.", show_default=False)
    ],
    year: Annotated[int, typer.Option("--year", help="Năm đánh giá.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Tệp .xlsx, .csv hoặc .docx cần viết.")
    ] = None,
    force: ForceOpt = False,
    ruleset: RulesetOpt = None,
) -> None:
    office = None
    if output is not None:
        if output.suffix.lower() not in api.SUMMARY_SUFFIXES:
            raise UsageError(f"tệp đích phải là .xlsx, .csv hoặc .docx (không phải '{output.name}')")
        check_target(output, force=force, protect=api.inputs(paths))
        if output.suffix.lower() == ".docx":
            office = api.find_office(paths[0])
            if office is None:
                raise UsageError(
                    "danh sách .docx cần tệp office.yaml (cơ quan ban hành, địa danh, người ký, số và ngày quyết"
                    f" định công nhận) ở '{display_path(paths[0])}' hoặc thư mục cha. Tạo tệp đó (mẫu: tcpl schema"
                    " office; ví dụ trong README), hoặc viết bảng .xlsx/.csv."
                )
    with tree_progress(show=on_terminal()) as progress:
        found = api.summary(paths, year, ruleset=ruleset, progress=progress)
    tree = found.tree
    if tree.errors:
        err_console().print(
            f"[yellow]Có {tree.errors} lỗi trong {reporters.tree.counts(tree)['files_with_errors']} tệp (chạy"
            f" [bold]tcpl check {escape(' '.join(map(str, paths)))}[/] để xem vị trí); tệp đánh giá có lỗi"
            " không được chấm nên không có trong bảng.[/]"
        )
    if not found.rows and not found.without:
        raise typer.Exit(1)
    if output is None:
        show(reporters.render("summary", "table", found.sheet))
    else:
        notes = api.write_summary(found, output, force=force, office=office)
        units = len(found.rows) + len(found.without)
        listed = (
            sum(1 for r in found.rows if r.recognized is True) if output.suffix.lower() == ".docx" else units
        )
        wrote([output], notes, summary=f"{listed} đơn vị. {found.sheet.verdict}")
    raise typer.Exit(1 if tree.errors else 0)

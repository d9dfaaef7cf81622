"""`tcpl plan render|import|new|status`: the yearly KẾ HOẠCH."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from tcpl import api, reporters
from tcpl.cli.common import (
    EXIT_READ,
    EXIT_WRITE,
    AsOfOpt,
    ForceOpt,
    TemplateOpt,
    command_group,
    err_console,
    format_option,
    is_stdout,
    notes,
    out_console,
    parse_day,
    show,
    wrote,
)
from tcpl.errors import InvalidFilesError
from tcpl.safeio import check_target, write_text_atomic

plan_app = command_group(
    "Kế hoạch năm (KẾ HOẠCH): viết văn bản Word theo Nghị định 30, nhập từ văn bản cũ, lập"
    " kế hoạch năm sau, theo dõi tiến độ.\n\n"
    "[bold]Ví dụ:[/]\n\n"
    "  tcpl plan render plans/huong-binh/2023/plan.yaml\n\n"
    "  tcpl plan import ke-hoach-cu.docx -o plans/huong-binh/2024/plan.yaml\n\n"
    "  tcpl plan new plans/huong-binh/2023/plan.yaml --year 2024 -o plans/huong-binh/2024/plan.yaml"
)


def register(app: typer.Typer) -> None:
    app.add_typer(plan_app, name="plan")


@plan_app.command(
    "render",
    help=(
        "Viết kế hoạch thành văn bản Word (.docx) theo thể thức Nghị định 30/2020: khổ A4, lề,"
        " phông Times New Roman, tiêu đề, số ký hiệu, ngày tháng, chữ ký, nơi nhận, số trang."
        " Thân văn bản lấy từ mẫu templates/ke-hoach.md.j2 (có thể thay bằng --template).\n\n"
        "[bold]Ví dụ:[/]\n\n"
        "  tcpl plan render plans/huong-binh/2023/plan.yaml\n\n"
        "  tcpl plan render plans/huong-binh/2023/plan.yaml -o ke-hoach.docx --pdf --force" + EXIT_WRITE
    ),
)
def render(
    plan_path: Annotated[
        Path, typer.Argument(metavar="KẾ_HOẠCH", help="Tệp plan.yaml (hoặc thư mục năm).", show_default=False)
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Tệp .docx cần viết; mặc định ke-hoach-<năm>.docx cạnh plan.yaml."
        ),
    ] = None,
    template: TemplateOpt = None,
    force: ForceOpt = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Chuyển thêm sang PDF bằng LibreOffice.")] = False,
) -> None:
    loaded = api.load_plan(plan_path)
    target = api.plan_document_target(loaded, output)
    api.check_document_target(target, force=force, pdf=pdf)
    rendered = api.plan_render(loaded, template=template)
    written = api.write_document(rendered.document, target, force=force, pdf=pdf)
    wrote(written.paths[:1], written.notes)
    wrote(written.paths[1:])


def _emit(output: Path, text: str, *, force: bool) -> None:
    """The plan to its file, or to standard output for `-o -` (then the notes go to stderr)."""
    if is_stdout(output):
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_text_atomic(output, text, force=force)


@plan_app.command(
    "import",
    help=(
        "Nhập một kế hoạch có sẵn (văn bản .txt, hoặc tệp Word .docx của năm trước) thành"
        " plan.yaml, giữ mọi câu. Phần không xếp được vào mục nào được giữ thành đoạn văn và được"
        " liệt kê để kiểm tra lại.\n\n"
        "[bold]Ví dụ:[/]\n\n"
        "  tcpl plan import ke-hoach-2023.txt -o plans/huong-binh/2023/plan.yaml\n\n"
        "  tcpl plan import ke-hoach-2024.docx -o plan.yaml --commune huong-binh" + EXIT_WRITE
    ),
)
def import_command(
    source: Annotated[Path, typer.Argument(metavar="TỆP", help="Tệp .txt hoặc .docx.", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="Tệp plan.yaml cần viết; '-' là màn hình.")],
    commune: Annotated[str | None, typer.Option("--commune", help="Mã xã (như trong commune.yaml).")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Năm của kế hoạch, nếu không đoán được.")] = None,
    force: ForceOpt = False,
) -> None:
    if not is_stdout(output):
        check_target(output, force=force)
    imported = api.plan_import(source, output, year=year, commune=commune)
    _emit(output, imported.text, force=force)
    stderr = is_stdout(output)
    wrote([output], summary=f"{imported.sections} mục, {imported.tasks} nhiệm vụ.", stderr=stderr)
    notes(imported.result.notes, stderr=stderr)
    console = err_console() if stderr else out_console()
    if imported.result.unplaced:
        console.print("[yellow]Các dòng chưa xếp được (đã giữ nguyên, hãy kiểm tra):[/]")
        for line in imported.result.unplaced:
            console.print(f"  - {escape(line)}")
    if imported.problems:  # written all the same: the officer fixes it by hand, at these places
        err_console().print("[yellow]Tệp đã viết nhưng cần sửa trước khi dùng:[/]")
        raise InvalidFilesError(imported.problems)


@plan_app.command(
    "new",
    help=(
        "Lập kế hoạch năm sau từ kế hoạch năm nay: đổi năm trong tiêu đề, thời gian và nội dung"
        " ('năm 2023', 'quý I/2023'...), xóa số, ngày ban hành và tiến độ, rồi liệt kê mọi câu đã"
        " đổi (và những câu dẫn chiếu văn bản cũ cần xem lại).\n\n"
        "[bold]Ví dụ:[/]\n\n"
        "  tcpl plan new plans/huong-binh/2023/plan.yaml --year 2024 -o plans/huong-binh/2024/plan.yaml"
        + EXIT_WRITE
    ),
)
def new_command(
    plan_path: Annotated[
        Path, typer.Argument(metavar="KẾ_HOẠCH", help="Kế hoạch năm nay.", show_default=False)
    ],
    year: Annotated[int, typer.Option("--year", help="Năm của kế hoạch mới.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Tệp plan.yaml mới; '-' là màn hình.")],
    force: ForceOpt = False,
) -> None:
    if not is_stdout(output):
        check_target(output, force=force)
    new = api.plan_new(plan_path, year, output)
    _emit(output, new.text, force=force)
    stderr = is_stdout(output)
    console = err_console() if stderr else out_console()
    wrote([output], summary=f"{len(new.rolled.changes)} câu đã đổi năm.", stderr=stderr)
    for change in new.rolled.changes:
        console.print(f"  [dim]{escape(change.where)}[/]")
        console.print(f"    [red]- {escape(change.before)}[/]")
        console.print(f"    [green]+ {escape(change.after)}[/]")
    if new.rolled.review:
        console.print("[yellow]Cần xem lại (dẫn chiếu văn bản, ngày cụ thể của năm cũ):[/]")
        for item in new.rolled.review:
            console.print(f"  [dim]{escape(item.where)}[/]: {escape(item.before)}")
    notes(new.rolled.notes, stderr=stderr)


@plan_app.command(
    "status",
    help=(
        "Tiến độ từng nhiệm vụ của kế hoạch tính đến một ngày: thời gian, hạn, tình trạng (theo"
        " các mục progress), và đánh dấu nhiệm vụ quá hạn chưa hoàn thành.\n\n"
        "[bold]Ví dụ:[/]\n\n"
        "  tcpl plan status plans/huong-binh/2023/plan.yaml --as-of 2023-07-01\n\n"
        "  tcpl plan status plans/huong-binh/2026 --format json" + EXIT_READ
    ),
)
def status_command(
    plan_path: Annotated[
        Path, typer.Argument(metavar="KẾ_HOẠCH", help="Tệp plan.yaml hoặc thư mục năm.", show_default=False)
    ],
    as_of: AsOfOpt = None,
    output_format: Annotated[str, format_option("plan status")] = "table",
) -> None:
    found = api.plan_status(plan_path, as_of=parse_day(as_of))
    show(reporters.render("plan status", output_format, found.progress, warnings=found.warnings))

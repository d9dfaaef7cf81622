"""`tcpl plan render|import|new|status`: the yearly KẾ HOẠCH."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from tcpl.cli.common import (
    EXIT_READ,
    EXIT_WRITE,
    AsOfOpt,
    TableJsonOpt,
    checked_template,
    err_console,
    is_stdout,
    out_console,
    self_check,
)
from tcpl.errors import InvalidFilesError, UsageError, display_path

plan_app = typer.Typer(
    options_metavar="[TÙY CHỌN]",
    subcommand_metavar="LỆNH [THAM SỐ]...",
    help=(
        "Kế hoạch năm (KẾ HOẠCH): viết văn bản Word theo Nghị định 30, nhập từ văn bản cũ, lập"
        " kế hoạch năm sau, theo dõi tiến độ.\n\n"
        "[bold]Ví dụ:[/]\n\n"
        "  tcpl plan render plans/huong-binh/2023/plan.yaml\n\n"
        "  tcpl plan import ke-hoach-cu.docx -o plans/huong-binh/2024/plan.yaml\n\n"
        "  tcpl plan new plans/huong-binh/2023/plan.yaml --year 2024 -o plans/huong-binh/2024/plan.yaml"
    ),
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(plan_app, name="plan")


ForceOpt = Annotated[bool, typer.Option("--force", help="Ghi đè nếu tệp đích đã có.")]


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
    template: Annotated[
        Path | None, typer.Option("--template", help="Mẫu thân văn bản riêng (Markdown + Jinja).")
    ] = None,
    force: ForceOpt = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Chuyển thêm sang PDF bằng LibreOffice.")] = False,
) -> None:
    from tcpl.documents.plan_doc import build_plan_document
    from tcpl.documents.writer import convert_to_pdf, pdf_target
    from tcpl.loading.plans import load_plan
    from tcpl.safeio import check_target, write_atomic

    loaded = load_plan(plan_path)
    target = output or loaded.path.parent / f"ke-hoach-{loaded.plan.year}.docx"
    if target.suffix.lower() != ".docx":
        raise UsageError(f"tệp đích phải có đuôi .docx (không phải '{target.name}')")
    check_target(target, force=force)
    if pdf:
        check_target(pdf_target(target), force=force)
    checked_template(template)
    document = build_plan_document(loaded.plan, loaded.commune, template=template)
    write_atomic(target, document.doc.save, force=force)
    console = out_console()
    console.print(f"Đã viết [bold]{escape(display_path(target))}[/]")

    for note in self_check(target):
        console.print(f"  [yellow]•[/] {escape(note)}")
    if pdf:
        converted = convert_to_pdf(target)
        console.print(f"Đã viết [bold]{escape(display_path(converted))}[/]")


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
    from tcpl.loading.plan_import import dump_yaml, import_plan
    from tcpl.safeio import check_target

    if not source.is_file():
        raise UsageError(f"không tìm thấy '{display_path(source)}'")
    if not is_stdout(output):
        check_target(output, force=force)
    result = import_plan(source, year=year)
    data = result.data
    if commune:
        data = {"kind": "plan", "commune": commune, **{k: v for k, v in data.items() if k != "kind"}}
    header = f"# Nhập từ {source.name} bằng tcpl plan import; hãy đọc lại trước khi dùng.\n"
    console = _emit(output, dump_yaml(data, header), force=force)
    tasks = sum(len(s.get("tasks", [])) for s in data.get("sections", []))
    console.print(
        f"Đã viết [bold]{escape(_shown(output))}[/]: {len(data.get('sections', []))} mục, {tasks} nhiệm vụ."
    )
    for note in result.notes:
        console.print(f"  [yellow]•[/] {escape(note)}")
    if result.unplaced:
        console.print("[yellow]Các dòng chưa xếp được (đã giữ nguyên, hãy kiểm tra):[/]")
        for line in result.unplaced:
            console.print(f"  - {escape(line)}")


def _shown(output: Path) -> str:
    return "màn hình" if is_stdout(output) else display_path(output)


def _emit(output: Path, text: str, *, force: bool, keep_invalid: bool = True) -> Console:
    """Write the plan (to the file, or to stdout for `-o -`) and check that it loads.

    An imported plan that needs fixing by hand is still written (`keep_invalid`), then its
    problems are located (exit 1); a plan that must load (`plan new`) is not written at all.
    Returns the console for the notes: beside the plan, never inside it.
    """
    from tcpl.loading.loader import Loader
    from tcpl.safeio import write_text_atomic

    loaded = Loader().load_text(output if not is_stdout(output) else Path("plan.yaml"), text, expect="plan")
    if not loaded.ok and not keep_invalid:
        raise InvalidFilesError(list(loaded.diagnostics))
    if is_stdout(output):
        sys.stdout.write(text)
        sys.stdout.flush()
        console = err_console()
    else:
        write_text_atomic(output, text, force=force)
        console = out_console()
    if not loaded.ok:
        err_console().print("[yellow]Tệp đã viết nhưng cần sửa trước khi dùng:[/]")
        raise InvalidFilesError(list(loaded.diagnostics))
    return console


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
    from tcpl.engine.rollforward import roll_forward
    from tcpl.loading.loader import Loader
    from tcpl.loading.plan_import import dump_yaml
    from tcpl.loading.plans import find_plan
    from tcpl.loading.rulesets import RulesetRegistry
    from tcpl.models.plan import Plan
    from tcpl.safeio import check_target

    if not 2000 <= year <= 2100:
        raise UsageError(f"--year phải là một năm từ 2000 đến 2100 (không phải {year})")
    source = find_plan(plan_path)
    loaded = Loader().load_or_raise(source, Plan)  # refuse to roll forward a broken plan
    if not is_stdout(output):
        check_target(output, force=force)
    registry = RulesetRegistry()
    old_rulesets, new_rulesets = registry.for_year(loaded.checked().year), registry.for_year(year)
    result = roll_forward(
        loaded.doc.data,
        year,
        old_ruleset=old_rulesets[0].ruleset if old_rulesets else None,
        new_ruleset=new_rulesets[0].ruleset if new_rulesets else None,
    )
    year_note = registry.year_note(year) if not new_rulesets else None
    if year_note:
        result.notes.append(year_note)
    header = f"# Lập từ {display_path(source)} bằng tcpl plan new --year {year}; xem lại các câu đã đổi.\n"
    console = _emit(output, dump_yaml(result.data, header), force=force, keep_invalid=False)
    console.print(f"Đã viết [bold]{escape(_shown(output))}[/]: {len(result.changes)} câu đã đổi năm.")
    for change in result.changes:
        console.print(f"  [dim]{escape(change.where)}[/]")
        console.print(f"    [red]- {escape(change.before)}[/]")
        console.print(f"    [green]+ {escape(change.after)}[/]")
    if result.review:
        console.print("[yellow]Cần xem lại (dẫn chiếu văn bản, ngày cụ thể của năm cũ):[/]")
        for item in result.review:
            console.print(f"  [dim]{escape(item.where)}[/]: {escape(item.before)}")
    for note in result.notes:
        console.print(f"  [yellow]•[/] {escape(note)}")


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
    output_format: TableJsonOpt = "table",
) -> None:
    from rich.table import Table

    from tcpl import textfmt as fmt
    from tcpl.cli.cmd_score import parse_day
    from tcpl.cli.common import write_json
    from tcpl.engine.timewindow import unreadable
    from tcpl.engine.tracking import task_states
    from tcpl.loading.plans import load_plan
    from tcpl.models.plan import TaskStatus

    day = parse_day(as_of)
    loaded = load_plan(plan_path)
    states = task_states(loaded.plan, day)
    late = [s for s in states if s.late]
    # A deadline tcpl cannot read means a task that can never show as late: say so, do not hide it.
    undated = [
        s for s in states if unreadable(s.task.time_text, s.window) and s.status is not TaskStatus.DONE
    ]
    if output_format == "json":
        write_json(
            {
                "year": loaded.plan.year,
                "as_of": day.isoformat(),
                "tasks": [s.to_json() for s in states],
                "late": [s.number for s in late],
                "no_deadline": [s.number for s in undated],
                "warnings": [
                    {"path": d.path, "line": d.line, "col": d.col, "code": d.code, "message": d.message}
                    for d in loaded.warnings
                ],
            }
        )
        return
    table = Table(
        header_style="bold", title=f"Kế hoạch năm {loaded.plan.year} — tính đến {fmt.short_date(day)}"
    )
    table.add_column("STT", justify="right")
    table.add_column("Nhiệm vụ", ratio=2)
    table.add_column("Thời gian", ratio=1)
    table.add_column("Hạn", no_wrap=True)
    table.add_column("Tình trạng", no_wrap=True)
    table.add_column("Ghi chú", ratio=2)
    for s in states:
        due = fmt.short_date(s.window.end) if s.window else ("[yellow]?[/]" if s.task.time_text else "—")
        state = f"[red bold]QUÁ HẠN[/] ({s.status.value})" if s.late else s.status.value
        if s.status.value == "hoàn thành":
            state = f"[green]{state}[/]"
        table.add_row(
            str(s.number),
            escape(s.task.title),
            escape(s.task.time_text or ""),
            due,
            state,
            escape(s.last.note or "") if s.last else "",
        )
    console = out_console()
    console.print(table)
    done = sum(1 for s in states if s.status.value == "hoàn thành")
    console.print(
        f"{len(states)} nhiệm vụ: {done} hoàn thành, {len(late)} quá hạn"
        + (f" (nhiệm vụ {', '.join(str(s.number) for s in late)})" if late else "")
        + (f"; {len(undated)} chưa có hạn để theo dõi" if undated else "")
        + "."
    )
    for d in loaded.warnings:
        console.print(f"  [yellow]•[/] {escape(d.format())}", soft_wrap=True)

"""`tcpl check` and `tcpl summary`: a whole repository of communes, for CI and for the province."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from tcpl import textfmt as fmt
from tcpl.cli.common import checked_ruleset, err_console, formats, is_stdout, out_console
from tcpl.errors import UsageError, display_path
from tcpl.escaping import log_text

if TYPE_CHECKING:
    from tcpl.batch import TreeResult
    from tcpl.models.office import Office

FORMATS = ("auto", "text", "json", "github", "junit", "sarif")


def register(app: typer.Typer) -> None:
    app.command(
        "check",
        help=(
            "Kiểm tra cả một kho: mọi tệp dưới các thư mục (lỗi có vị trí tệp:dòng:cột) và chấm mọi"
            " xã-năm, trong một lần chạy, dùng mọi lõi CPU khi kho lớn. Dùng trong CI.\n\n"
            "Định dạng: text (người đọc), json, github (chú thích trên pull request và bảng tóm tắt"
            " $GITHUB_STEP_SUMMARY), junit (XML cho bảng kết quả CI), sarif (code scanning); auto ="
            " github khi có biến GITHUB_ACTIONS.\n\n"
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
            " từng tiêu chí, tổng điểm, kết quả, số liệu còn thiếu), số xã và tỷ lệ đạt chuẩn ở cuối."
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


def _on_terminal() -> bool:
    """A person is watching stderr: show a progress bar (never in CI logs)."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def run_scan(roots: list[Path], ruleset: Path | None, *, show_progress: bool) -> TreeResult:
    from tcpl.batch import scan_tree

    checked_ruleset(ruleset)
    if not show_progress:
        return scan_tree(roots, ruleset=ruleset)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("Đang kiểm tra"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("tệp"),
        TimeElapsedColumn(),
        console=err_console(),
        transient=True,
    ) as bar:
        task = bar.add_task("check", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return scan_tree(roots, ruleset=ruleset, progress=update)


def check_command(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="THƯ_MỤC", help="Thư mục (hoặc tệp) cần kiểm tra.", show_default=False),
    ],
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="auto, text, json, github, junit hoặc sarif.",
            envvar="TCPL_FORMAT",
            callback=formats(*FORMATS),
        ),
    ] = "auto",
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
    ruleset: Annotated[
        Path | None, typer.Option("--ruleset", help="Chấm mọi tệp đánh giá theo bộ tiêu chí này.")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="In kết quả của mọi xã-năm.")] = False,
) -> None:
    from tcpl import reporters

    if output_format == "auto":
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") else "text"
    if is_stdout(output_file):
        output_file = None
    if output_file is not None:
        from tcpl.safeio import check_target

        # A CI report is rewritten on every run; still refuse, before the scan, a folder, a missing
        # parent, a link the repository could carry, and the files being checked.
        check_target(output_file, force=True, protect=_inputs(paths))
    result = run_scan(
        paths, ruleset, show_progress=output_format == "text" and output_file is None and _on_terminal()
    )
    failed = reporters.failed(result, require_recognized=require_recognized)
    if output_format == "text":
        text = None
        show_text(result, verbose=verbose, output_file=output_file)
    elif output_format == "json":
        text = reporters.to_json(result, require_recognized=require_recognized)
    elif output_format == "github":
        text = reporters.to_github(result, require_recognized=require_recognized)
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_path:
            with open(summary_path, "a", encoding="utf-8") as handle:
                handle.write(reporters.step_summary(result))
    elif output_format == "junit":
        text = reporters.to_junit(result, require_recognized=require_recognized)
    else:
        text = reporters.to_sarif(result, require_recognized=require_recognized)
    if text is not None:
        if output_file is not None:
            from tcpl.safeio import write_text_atomic

            write_text_atomic(output_file, text, force=True)
        else:
            sys.stdout.write(text)
    raise typer.Exit(1 if failed else 0)


def show_text(result: TreeResult, *, verbose: bool, output_file: Path | None) -> None:
    from tcpl import reporters
    from tcpl.cli.cmd_validate import skipped_note

    lines = [d.report_line() for d in result.diagnostics]
    c = reporters.counts(result)
    show_all = verbose or len(result.communes) <= 30
    for cy in result.communes:
        if show_all or cy.recognized is not True:
            total = f" — {fmt.number(cy.total_points)} điểm" if cy.total_points is not None else ""
            lines.append(
                f"{cy.path}: {cy.name or cy.commune} năm {cy.year}: {fmt.recognition_word(cy.recognized)}{total}"
            )
    share = fmt.percent(c["recognized_share"]) if c["recognized_share"] is not None else "—"
    lines.append(
        f"Đã kiểm tra {c['files']} tệp: {c['files_with_errors']} tệp có lỗi ({c['errors']} lỗi, {c['warnings']}"
        f" cảnh báo). Đã chấm {c['commune_years']} xã-năm: {c['recognized']} đạt chuẩn ({share}),"
        f" {c['not_recognized']} chưa đạt, {c['undetermined']} chưa xác định." + skipped_note(result.skipped)
    )
    text = log_text("\n".join(lines) + "\n")
    if output_file is not None:
        from tcpl.safeio import write_text_atomic

        write_text_atomic(output_file, text, force=True)
        return
    console = out_console()
    for line in lines:
        style = "red" if ": lỗi " in line else ("yellow" if ": cảnh báo " in line else None)
        console.print(escape(line), style=style, soft_wrap=True)


def summary_command(
    paths: Annotated[
        list[Path], typer.Argument(metavar="THƯ_MỤC", help="Thư mục chứa các xã.", show_default=False)
    ],
    year: Annotated[int, typer.Option("--year", help="Năm đánh giá.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Tệp .xlsx, .csv hoặc .docx cần viết.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè nếu tệp đích đã có.")] = False,
    ruleset: Annotated[Path | None, typer.Option("--ruleset", help="Chấm theo bộ tiêu chí này.")] = None,
) -> None:
    from tcpl import reporters
    from tcpl.documents.summary import build_summary_sheet

    office = None
    if output is not None:
        from tcpl.safeio import check_target

        if output.suffix.lower() not in (".xlsx", ".csv", ".docx"):
            raise UsageError(f"tệp đích phải là .xlsx, .csv hoặc .docx (không phải '{output.name}')")
        check_target(output, force=force, protect=_inputs(paths))
        if output.suffix.lower() == ".docx":
            office = _office_for_list(paths[0])
    result = run_scan(paths, ruleset, show_progress=_on_terminal())
    rows = [c for c in result.communes if c.year == year]
    without = [u for u in result.unscored if u[1] == year]
    if result.errors:
        err_console().print(
            f"[yellow]Có {result.errors} lỗi trong {reporters.counts(result)['files_with_errors']} tệp (chạy [bold]tcpl check"
            f" {escape(' '.join(map(str, paths)))}[/] để xem vị trí); tệp đánh giá có lỗi không được chấm"
            " nên không có trong bảng.[/]"
        )
    if not rows and not without:
        if result.errors:
            raise typer.Exit(1)
        raise UsageError(f"không có xã nào có số liệu đánh giá năm {year} dưới {', '.join(map(str, paths))}")
    sheet = build_summary_sheet(rows, year, without=without)
    if output is None:
        show_summary(sheet)
        raise typer.Exit(1 if result.errors else 0)
    from tcpl.safeio import write_atomic

    suffix = output.suffix.lower()
    notes: list[str] = []
    if suffix == ".csv":
        from tcpl.documents.summary import write_csv

        write_atomic(output, lambda stream: write_csv(sheet, stream), force=force)
    elif suffix == ".xlsx":
        from tcpl.documents.tables import write_sheet_xlsx

        write_atomic(
            output, lambda stream: write_sheet_xlsx(sheet, stream, info=[("Năm", str(year))]), force=force
        )
    else:
        from tcpl.cli.common import self_check
        from tcpl.documents.summary import build_summary_document

        document = build_summary_document(sheet, rows, year, office)
        write_atomic(output, document.doc.save, force=force)
        notes = self_check(output, numbered=False, recipients=False)
    console = out_console()
    console.print(
        f"Đã viết [bold]{escape(display_path(output))}[/]: {len(rows) + len(without)} đơn vị. {sheet.verdict}"
    )
    for note in notes:
        console.print(f"  [yellow]•[/] {escape(note)}")
    raise typer.Exit(1 if result.errors else 0)


def _inputs(paths: list[Path]) -> frozenset[Path]:
    """The YAML files a tree command reads: its report must never be written over one of them."""
    from tcpl.loading.discovery import collect_yaml_files

    try:
        return frozenset(collect_yaml_files(paths))
    except UsageError:
        return frozenset()


def _office_for_list(root: Path) -> Office:
    """The Word list is an annex to the province's decision: it needs who issues it."""
    from tcpl.documents.summary import load_office

    office = load_office(root)
    if office is None:
        raise UsageError(
            "danh sách .docx cần tệp office.yaml (cơ quan ban hành, địa danh, người ký, số và ngày quyết"
            f" định công nhận) ở '{display_path(root)}' hoặc thư mục cha. Tạo tệp đó (mẫu: tcpl schema"
            " office; ví dụ trong README), hoặc viết bảng .xlsx/.csv."
        )
    return office


def show_summary(sheet: object) -> None:
    from tcpl.documents.scoresheet import Sheet

    assert isinstance(sheet, Sheet)
    table = Table(header_style="bold", title=sheet.title)
    for col in sheet.columns:
        table.add_column(col.title, justify="right" if col.numeric else "left")
    for row in sheet.rows:
        cells = [escape(row.texts[c.key]) for c in sheet.columns]
        table.add_row(*cells, style="bold" if row.bold else None)
    console = out_console()
    console.print(table)
    console.print(sheet.verdict)

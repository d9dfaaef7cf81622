"""`tcpl scoresheet|report|notice|feedback|calendar`: the year's documents after the plan."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from tcpl.cli.cmd_score import parse_day
from tcpl.cli.common import (
    EXIT_READ,
    EXIT_WRITE,
    AsOfOpt,
    TableJsonOpt,
    checked_ruleset,
    checked_template,
    err_console,
    formats,
    is_stdout,
    out_console,
    self_check,
    write_json,
)
from tcpl.errors import UsageError, display_path

if TYPE_CHECKING:
    from tcpl.documents.reports import Rendered
    from tcpl.engine.results import ScoreResult
    from tcpl.loading.bundle import Bundle

FolderArg = Annotated[
    Path,
    typer.Argument(
        metavar="THƯ_MỤC", help="Thư mục năm của xã (plans/<xã>/<năm>) hoặc tệp đánh giá.", show_default=False
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Tệp cần viết; mặc định đặt trong thư mục năm; '-' là màn hình (với --format md).",
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Ghi đè nếu tệp đích đã có.")]
FormatOpt = Annotated[
    str,
    typer.Option("--format", "-f", help="docx (Word) hoặc md (Markdown).", callback=formats("docx", "md")),
]
TemplateOpt = Annotated[
    Path | None, typer.Option("--template", help="Mẫu thân văn bản riêng (Markdown + Jinja).")
]
PdfOpt = Annotated[bool, typer.Option("--pdf", help="Chuyển thêm sang PDF bằng LibreOffice (với docx).")]
RulesetOpt = Annotated[Path | None, typer.Option("--ruleset", help="Dùng bộ tiêu chí trong tệp này.")]


def register(app: typer.Typer) -> None:
    app.command(
        "scoresheet",
        help=(
            "Bảng tự chấm điểm (Mẫu 02 với QĐ 25/2021): mỗi tiêu chí, chỉ tiêu, nội dung một dòng, tổng"
            " điểm và kết quả; khổ ngang, dòng tiêu đề lặp lại mỗi trang. --xlsx viết thêm bảng Excel.\n\n"
            "[bold]Ví dụ:[/]\n\n"
            "  tcpl scoresheet plans/huong-binh/2023 -o bang-diem.docx --xlsx bang-diem.xlsx" + EXIT_WRITE
        ),
    )(scoresheet_command)
    app.command(
        "report",
        help=(
            "BÁO CÁO gửi cấp trên. q1, q2, q3: tiến độ thực hiện kế hoạch (việc đến hạn, đã xong, chậm"
            " và lý do, số liệu, việc quý tới). q4: báo cáo đánh giá cả năm (Mẫu 01 với QĐ 25/2021),"
            " kết quả chấm như `tcpl score`, tồn tại, đề xuất; chỉ đề nghị công nhận khi xã đủ điều"
            " kiện; bảng điểm kèm theo làm Phụ lục.\n\n"
            "[bold]Ví dụ:[/]\n\n"
            "  tcpl report q2 plans/huong-binh/2023\n\n"
            "  tcpl report q4 plans/huong-binh/2023 -o bao-cao-nam.docx --pdf\n\n"
            "  tcpl report q4 plans/huong-binh/2026 --format md" + EXIT_WRITE
        ),
    )(report_command)
    app.command(
        "notice",
        help=(
            "THÔNG BÁO niêm yết công khai dự thảo báo cáo và bảng điểm: nơi niêm yết, thời gian"
            " (theo bộ tiêu chí, ví dụ ít nhất 05 ngày với TT 09/2021), trang thông tin điện tử, đài"
            " truyền thanh — lấy từ commune.yaml và mục posting của tệp đánh giá.\n\n"
            "[bold]Ví dụ:[/]\n\n  tcpl notice plans/huong-binh/2023" + EXIT_WRITE
        ),
    )(notice_command)
    app.command(
        "feedback",
        help=(
            "Bản tổng hợp, tiếp thu, giải trình ý kiến của Nhân dân (Mẫu 03 với TT 09/2021) từ tệp"
            " feedback.yaml trong thư mục năm.\n\n"
            "[bold]Ví dụ:[/]\n\n  tcpl feedback plans/huong-binh/2023" + EXIT_WRITE
        ),
    )(feedback_command)
    app.command(
        "calendar",
        help=(
            "Lịch cả năm: hạn các nhiệm vụ trong kế hoạch và các bước của quy trình đánh giá (niêm"
            " yết, gửi hồ sơ, quyết định, báo cáo), đánh dấu đã xong, sắp đến hạn, quá hạn. --ics viết"
            " tệp lịch để điện thoại nhắc.\n\n"
            "[bold]Ví dụ:[/]\n\n  tcpl calendar plans/huong-binh/2026 --ics lich-2026.ics" + EXIT_READ
        ),
    )(calendar_command)


def _load(path: Path, ruleset: Path | None) -> Bundle:
    from tcpl.loading.bundle import load_bundle
    from tcpl.loading.loader import Loader

    checked_ruleset(ruleset)
    return load_bundle(path, Loader(ruleset_override=ruleset))


def _prepare(path: Path, ruleset: Path | None, template: Path | None) -> tuple[Bundle, ScoreResult]:
    """What every document command starts with: check the template, load the year, score it."""
    checked_template(template)
    bundle = _load(path, ruleset)
    return bundle, _score(bundle)


def _score(bundle: Bundle) -> ScoreResult:
    from tcpl.engine.scoring import score_loaded

    cy = bundle.year
    return score_loaded(cy.ruleset, cy.assessment)


def _write(
    rendered: Rendered, target: Path, output_format: str, *, force: bool, pdf: bool, numbered: bool = True
) -> None:
    from tcpl.documents.writer import convert_to_pdf, pdf_target
    from tcpl.safeio import check_target, write_atomic, write_text_atomic

    if is_stdout(target):
        if output_format != "md":
            raise UsageError("chỉ Markdown (--format md) ghi ra màn hình được; hãy cho -o một tên tệp .docx")
        sys.stdout.write(rendered.markdown if rendered.markdown.endswith("\n") else rendered.markdown + "\n")
        for note in rendered.notes:
            err_console().print(f"  [yellow]•[/] {escape(note)}")
        return
    check_target(target, force=force)
    if pdf and output_format == "docx":
        check_target(pdf_target(target), force=force)
    if output_format == "md":
        write_text_atomic(target, rendered.markdown, force=force)
    else:
        document = rendered.document
        write_atomic(target, document.doc.save, force=force)
    console = out_console()
    console.print(f"Đã viết [bold]{escape(display_path(target))}[/]")
    notes = list(rendered.notes)
    if output_format == "docx":
        notes += self_check(target, numbered=numbered)
    for note in notes:
        console.print(f"  [yellow]•[/] {escape(note)}")
    if pdf and output_format == "docx":
        console.print(f"Đã viết [bold]{escape(display_path(convert_to_pdf(target)))}[/]")


def _target(output: Path | None, folder: Path, stem: str, output_format: str) -> Path:
    target = output or folder / f"{stem}.{output_format}"
    if is_stdout(target):
        return target
    if target.suffix.lower() != f".{output_format}":
        raise UsageError(f"tệp đích '{target.name}' phải có đuôi .{output_format}")
    return target


def scoresheet_command(
    path: FolderArg,
    output: OutputOpt = None,
    xlsx: Annotated[
        Path | None, typer.Option("--xlsx", help="Viết thêm bảng điểm dạng Excel (.xlsx).")
    ] = None,
    output_format: FormatOpt = "docx",
    force: ForceOpt = False,
    pdf: PdfOpt = False,
    template: TemplateOpt = None,
    ruleset: RulesetOpt = None,
) -> None:
    from tcpl.documents.reports import build_scoresheet, commune_name, scoresheet
    from tcpl.documents.tables import write_sheet_xlsx
    from tcpl.safeio import check_target, write_atomic

    bundle, result = _prepare(path, ruleset, template)
    target = _target(output, bundle.folder, f"bang-diem-{result.year}", output_format)
    if xlsx is not None:
        if xlsx.suffix.lower() != ".xlsx":
            raise UsageError(f"tệp Excel phải có đuôi .xlsx (không phải '{xlsx.name}')")
        check_target(xlsx, force=force)
    _write(
        build_scoresheet(bundle, result, template=template),
        target,
        output_format,
        force=force,
        pdf=pdf,
        numbered=False,
    )
    if xlsx is not None:
        sheet = scoresheet(bundle, result)
        info = [("Xã", commune_name(bundle)), ("Năm", str(result.year)), ("Bộ tiêu chí", result.ruleset)]
        write_atomic(xlsx, lambda stream: write_sheet_xlsx(sheet, stream, info=info), force=force)
        out_console().print(f"Đã viết [bold]{escape(display_path(xlsx))}[/]")


def report_command(
    period: Annotated[
        str, typer.Argument(metavar="KỲ", help="q1, q2, q3 hoặc q4 (cả năm).", show_default=False)
    ],
    path: FolderArg,
    output: OutputOpt = None,
    output_format: FormatOpt = "docx",
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="<ngày>",
            help="Số liệu tính đến ngày (2026-10-01 hoặc 01/10/2026); mặc định: hết quý, hoặc hôm nay nếu"
            " quý chưa hết.",
        ),
    ] = None,
    force: ForceOpt = False,
    pdf: PdfOpt = False,
    template: TemplateOpt = None,
    ruleset: RulesetOpt = None,
) -> None:
    from tcpl.documents.reports import build_report

    if period not in ("q1", "q2", "q3", "q4"):
        raise UsageError(f"kỳ báo cáo phải là q1, q2, q3 hoặc q4 (không phải '{period}')")
    checked_template(template)
    day = parse_day(as_of) if as_of else None
    bundle = _load(path, ruleset)
    year = bundle.year.assessment.year
    if day is not None and not year <= day.year <= year + 1:
        raise UsageError(
            f"--as-of phải là một ngày của năm {year} (hoặc đầu năm {year + 1}), không phải {as_of}"
        )
    result = _score(bundle)
    quarter = int(period[1])
    target = _target(output, bundle.folder, f"bao-cao-{period}-{result.year}", output_format)
    rendered = build_report(bundle, result, quarter, as_of=day, template=template)
    _write(rendered, target, output_format, force=force, pdf=pdf)


def notice_command(
    path: FolderArg,
    output: OutputOpt = None,
    output_format: FormatOpt = "docx",
    force: ForceOpt = False,
    pdf: PdfOpt = False,
    template: TemplateOpt = None,
    ruleset: RulesetOpt = None,
) -> None:
    from tcpl.documents.reports import build_notice

    bundle, result = _prepare(path, ruleset, template)
    target = _target(output, bundle.folder, f"thong-bao-niem-yet-{result.year}", output_format)
    _write(build_notice(bundle, result, template=template), target, output_format, force=force, pdf=pdf)


def feedback_command(
    path: FolderArg,
    output: OutputOpt = None,
    output_format: FormatOpt = "docx",
    force: ForceOpt = False,
    pdf: PdfOpt = False,
    template: TemplateOpt = None,
    ruleset: RulesetOpt = None,
) -> None:
    from tcpl.documents.reports import build_feedback

    bundle, result = _prepare(path, ruleset, template)
    if bundle.feedback is None:
        out_console().print("[yellow]Không có tệp feedback.yaml: bản tổng hợp ghi 'không có ý kiến'.[/]")
    target = _target(output, bundle.folder, f"tong-hop-y-kien-{result.year}", output_format)
    _write(
        build_feedback(bundle, result, template=template),
        target,
        output_format,
        force=force,
        pdf=pdf,
        numbered=False,
    )


def calendar_command(
    path: FolderArg,
    ics: Annotated[
        Path | None,
        typer.Option("--ics", help="Viết tệp lịch iCalendar (.ics); '-' là màn hình (chỉ in lịch)."),
    ] = None,
    as_of: AsOfOpt = None,
    output_format: TableJsonOpt = "table",
    force: ForceOpt = False,
    ruleset: RulesetOpt = None,
) -> None:
    from tcpl import textfmt as fmt
    from tcpl.documents.ics import to_ics
    from tcpl.documents.reports import commune_name
    from tcpl.engine.calendar import STATE_WORDS, evaluation_calendar, status_of
    from tcpl.safeio import check_target, write_text_atomic

    day = parse_day(as_of)
    bundle = _load(path, ruleset)
    cy = bundle.year
    events = evaluation_calendar(cy.ruleset.ruleset, cy.assessment, bundle.plan, day)
    if ics is not None:
        name = f"Tiếp cận pháp luật {commune_name(bundle)} {cy.assessment.year}"
        uid = f"{cy.assessment.commune or 'xa'}-{cy.assessment.year}"
        calendar = to_ics(events, calendar_name=name, uid_prefix=uid, stamp=day)
        if is_stdout(ics):
            binary = getattr(sys.stdout, "buffer", None)  # CRLF line ends stay as RFC 5545 wants them
            if binary is not None:
                sys.stdout.flush()
                binary.write(calendar.encode("utf-8"))
                binary.flush()
            else:
                sys.stdout.write(calendar)
            return
        if ics.suffix.lower() != ".ics":
            raise UsageError(f"tệp lịch phải có đuôi .ics (không phải '{ics.name}')")
        check_target(ics, force=force)
        write_text_atomic(ics, calendar, force=force)
    if output_format == "json":
        write_json(
            {"as_of": day.isoformat(), "events": [e.to_json() for e in events], "counts": status_of(events)}
        )
        return
    console = out_console()
    table = Table(
        header_style="bold",
        title=f"{commune_name(bundle)} — năm {cy.assessment.year}, tính đến {fmt.short_date(day)}",
    )
    for col in ("Hạn", "Việc", "Tình trạng", "Ghi chú"):
        table.add_column(col, ratio=1 if col in ("Việc", "Ghi chú") else None, no_wrap=col == "Hạn")
    colours = {"done": "green", "due": "cyan", "late": "red", "undated": "dim"}
    for e in events:
        when = fmt.short_date(e.due) if e.due else "—"
        state = STATE_WORDS[e.state] + (f" {fmt.short_date(e.done_on)}" if e.done_on else "")
        table.add_row(when, escape(e.title), f"[{colours[e.state]}]{state}[/]", escape(e.detail))
    console.print(table)
    counts = status_of(events)
    console.print(
        f"Đã xong {counts['done']}, sắp đến hạn {counts['due']}, quá hạn {counts['late']},"
        f" không có hạn {counts['undated']}."
    )
    if ics is not None:
        console.print(f"Đã viết [bold]{escape(display_path(ics))}[/]")

"""`tcpl scoresheet|report|notice|feedback|calendar`: the year's documents after the plan."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tcpl import api, reporters
from tcpl.cli.common import (
    EXIT_READ,
    EXIT_WRITE,
    AsOfOpt,
    ForceOpt,
    PdfOpt,
    RulesetOpt,
    StrictOpt,
    TemplateOpt,
    format_option,
    formats,
    is_stdout,
    notes,
    parse_day,
    show,
    wrote,
)
from tcpl.errors import NotFinalError, UsageError
from tcpl.escaping import log_text
from tcpl.safeio import check_target, write_text_atomic

if TYPE_CHECKING:
    from tcpl.api import Rendered

FolderArg = Annotated[
    Path,
    typer.Argument(
        metavar="THƯ_MỤC", help="Thư mục năm của xã (plans/<xã>/<năm>) hoặc tệp đánh giá.", show_default=False
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Tệp cần viết; mặc định đặt trong thư mục năm; '-' là màn hình (md)."
    ),
]
FormatOpt = Annotated[
    str,
    typer.Option("--format", "-f", help="docx (Word) hoặc md (Markdown).", callback=formats("docx", "md")),
]


def register(app: typer.Typer) -> None:
    app.command(
        "scoresheet",
        help=(
            "Bảng tự chấm điểm (tên và mẫu theo bộ tiêu chí của năm, mục forms): mỗi tiêu chí, chỉ tiêu, nội dung một dòng, tổng"
            " điểm và kết quả; khổ ngang, dòng tiêu đề lặp lại mỗi trang. --xlsx viết thêm bảng Excel.\n\n"
            "[bold]Ví dụ:[/]\n\n"
            "  tcpl scoresheet plans/huong-binh/2023 -o bang-diem.docx --xlsx bang-diem.xlsx" + EXIT_WRITE
        ),
    )(scoresheet_command)
    app.command(
        "report",
        help=(
            "BÁO CÁO gửi cấp trên. q1, q2, q3: tiến độ thực hiện kế hoạch (việc đến hạn, đã xong, chậm"
            " và lý do, số liệu, việc quý tới). q4: báo cáo đánh giá cả năm (mẫu theo bộ tiêu chí của năm),"
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
            " (theo bộ tiêu chí của năm), trang thông tin điện tử, đài truyền thanh — lấy từ"
            " commune.yaml và mục posting của tệp đánh giá.\n\n"
            "[bold]Ví dụ:[/]\n\n  tcpl notice plans/huong-binh/2023" + EXIT_WRITE
        ),
    )(notice_command)
    app.command(
        "feedback",
        help=(
            "Bản tổng hợp, tiếp thu, giải trình ý kiến của Nhân dân từ tệp feedback.yaml trong thư mục"
            " năm (biểu mẫu theo bộ tiêu chí của năm).\n\n"
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


def _target(output: Path | None, folder: Path, stem: str, output_format: str) -> Path:
    target = output or folder / f"{stem}.{output_format}"
    if is_stdout(target):
        if output_format != "md":
            raise UsageError("chỉ Markdown (--format md) ghi ra màn hình được; hãy cho -o một tên tệp .docx")
        return target
    if target.suffix.lower() != f".{output_format}":
        raise UsageError(f"tệp đích '{target.name}' phải có đuôi .{output_format}")
    return target


def _folder(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def _write(rendered: Rendered, target: Path, output_format: str, *, force: bool, pdf: bool) -> None:
    if is_stdout(target):
        sys.stdout.write(
            log_text(rendered.markdown if rendered.markdown.endswith("\n") else rendered.markdown + "\n")
        )
        notes(rendered.notes, stderr=True)
        return
    if output_format == "md":
        written = api.write_markdown(rendered.markdown, target, force=force)
    else:
        written = api.write_document(rendered.document, target, force=force, pdf=pdf)
    wrote(written.paths[:1], [*rendered.notes, *written.notes])
    wrote(written.paths[1:])


def _document(
    kind: api.DocumentKind,
    path: Path,
    stem: str,
    output: Path | None,
    output_format: str,
    *,
    force: bool,
    pdf: bool,
    template: Path | None,
    ruleset: str | None,
    strict: bool = False,
    quarter: int = 4,
    as_of: str | None = None,
    scored: api.ScoredYear | None = None,
) -> Rendered:
    day = parse_day(as_of) if as_of else None
    rendered = api.document(
        kind, path, quarter=quarter, as_of=day, template=template, ruleset=ruleset, scored=scored
    )
    target = _target(output, _folder(path), f"{stem}-{rendered.year}", output_format)
    if not is_stdout(target):
        api.check_document_target(target, force=force, pdf=pdf and output_format == "docx")
    _write(rendered, target, output_format, force=force, pdf=pdf and output_format == "docx")
    if strict and rendered.draft:
        raise NotFinalError("văn bản còn là DỰ THẢO (--strict): giải quyết các điểm nêu trên rồi viết lại")
    return rendered


def scoresheet_command(
    path: FolderArg,
    output: OutputOpt = None,
    xlsx: Annotated[
        Path | None, typer.Option("--xlsx", help="Viết bảng điểm dạng Excel (.xlsx) vào tệp này.")
    ] = None,
    output_format: FormatOpt = "docx",
    force: ForceOpt = False,
    pdf: PdfOpt = False,
    template: TemplateOpt = None,
    ruleset: RulesetOpt = None,
    strict: StrictOpt = False,
) -> None:
    if xlsx is not None:
        if xlsx.suffix.lower() != ".xlsx":
            raise UsageError(f"tệp Excel phải có đuôi .xlsx (không phải '{xlsx.name}')")
        check_target(xlsx, force=force)
    both = xlsx is not None and output is not None
    scored = api.scored_year(path, ruleset=ruleset) if both else None  # loaded once for both files
    if xlsx is None or output is not None:  # --xlsx alone writes only the workbook
        _document(
            "scoresheet", path, "bang-diem", output, output_format,
            force=force, pdf=pdf, template=template, ruleset=ruleset, strict=strict, scored=scored,
        )  # fmt: skip
    if xlsx is not None:
        wrote(api.scoresheet_workbook(path, xlsx, force=force, ruleset=ruleset, scored=scored).paths)


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
            help="Số liệu tính đến ngày (2026-10-01 hoặc 01/10/2026); mặc định: ngày của báo cáo nếu có, hết"
            " quý, hoặc hôm nay nếu quý chưa hết.",
        ),
    ] = None,
    force: ForceOpt = False,
    pdf: PdfOpt = False,
    template: TemplateOpt = None,
    ruleset: RulesetOpt = None,
    strict: StrictOpt = False,
) -> None:
    if period not in ("q1", "q2", "q3", "q4"):
        raise UsageError(f"kỳ báo cáo phải là q1, q2, q3 hoặc q4 (không phải '{period}')")
    _document(
        "report", path, f"bao-cao-{period}", output, output_format,
        force=force, pdf=pdf, template=template, ruleset=ruleset, strict=strict,
        quarter=int(period[1]), as_of=as_of,
    )  # fmt: skip


def document_command(kind: api.DocumentKind, stem: str) -> Callable[..., None]:
    """A command that writes one document of the year with the common options (notice, feedback)."""

    def command(
        path: FolderArg,
        output: OutputOpt = None,
        output_format: FormatOpt = "docx",
        force: ForceOpt = False,
        pdf: PdfOpt = False,
        template: TemplateOpt = None,
        ruleset: RulesetOpt = None,
        strict: StrictOpt = False,
    ) -> None:
        _document(
            kind, path, stem, output, output_format,
            force=force, pdf=pdf, template=template, ruleset=ruleset, strict=strict,
        )  # fmt: skip

    return command


notice_command = document_command("notice", "thong-bao-niem-yet")
feedback_command = document_command("feedback", "tong-hop-y-kien")


def calendar_command(
    path: FolderArg,
    ics: Annotated[
        Path | None, typer.Option("--ics", help="Viết tệp lịch iCalendar (.ics); '-' là màn hình.")
    ] = None,
    as_of: AsOfOpt = None,
    output_format: Annotated[str, format_option("calendar")] = "table",
    force: ForceOpt = False,
    ruleset: RulesetOpt = None,
) -> None:
    found = api.calendar(path, as_of=parse_day(as_of), ruleset=ruleset)
    if ics is not None and is_stdout(ics):
        binary = getattr(sys.stdout, "buffer", None)  # CRLF line ends stay as RFC 5545 wants them
        sys.stdout.flush()
        if binary is not None:
            binary.write(found.ics.encode("utf-8"))
            binary.flush()
        else:
            sys.stdout.write(found.ics)
        return
    if ics is not None:
        if ics.suffix.lower() != ".ics":
            raise UsageError(f"tệp lịch phải có đuôi .ics (không phải '{ics.name}')")
        check_target(ics, force=force)
    show(reporters.render("calendar", output_format, found.events, title=found.title, as_of=found.as_of))
    if ics is not None:
        write_text_atomic(ics, found.ics, force=force)
        wrote([ics])

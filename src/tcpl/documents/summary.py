"""The province table (`tcpl summary`): one row per commune; CSV, Excel, and the Word list."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from tcpl import textfmt as fmt
from tcpl.documents.scoresheet import Column, Sheet, SheetRow
from tcpl.errors import ConfigError
from tcpl.escaping import spreadsheet_text
from tcpl.loading.tree import CommuneYearSummary
from tcpl.models.office import Office

if TYPE_CHECKING:
    from tcpl.documents.frame import Nd30Document

NO_DATA = "Chưa có số liệu đánh giá"


def build_summary_sheet(
    rows: list[CommuneYearSummary],
    year: int,
    *,
    without: Sequence[tuple[str, int, str | None, str | None]] = (),
) -> Sheet:
    criteria = max((len(r.criteria) for r in rows), default=0)
    points = any(r.model == "points" for r in rows)
    columns = [
        Column("n", "STT", 0.055, numeric=True),
        Column("name", "Tên đơn vị", 0.16),
        Column("province", "Tỉnh, thành phố", 0.12),
        Column("ruleset", "Bộ tiêu chí", 0.1),
        *[
            Column(f"c{n}", f"Tiêu chí {n}", 0.06, group="Kết quả từng tiêu chí", numeric=True)
            for n in range(1, criteria + 1)
        ],
    ]
    if points:
        columns.append(Column("total", "Tổng điểm", 0.07, numeric=True))
    columns += [
        Column("verdict", "Kết quả", 0.09),
        Column("missing", "Số nội dung thiếu số liệu", 0.08, numeric=True),
        Column("bare", "Chưa có tài liệu kiểm chứng", 0.08, numeric=True),
    ]
    sheet_rows: list[SheetRow] = []
    for n, r in enumerate(rows, start=1):
        values: dict[str, object] = {
            "n": n,
            "name": r.name or r.commune or r.path,
            "province": r.province or "",
            "ruleset": r.ruleset,
            "verdict": fmt.recognition_cell(r.recognized),
            "missing": r.missing,
            "bare": r.without_evidence,
            "total": r.total_points,
        }
        texts = {
            k: ("" if v is None else fmt.number(v) if isinstance(v, float) else str(v))
            for k, v in values.items()
        }
        for i, c in enumerate(r.criteria, start=1):
            if r.model == "points":
                values[f"c{i}"] = c.points
                texts[f"c{i}"] = fmt.number(c.points)
            else:
                values[f"c{i}"] = fmt.met_word(c.met)
                texts[f"c{i}"] = str(values[f"c{i}"])
        for col in columns:
            texts.setdefault(col.key, "")
            values.setdefault(col.key, None)
        sheet_rows.append(SheetRow("item", values, texts))
    for folder, _, name, province in without:
        n = len(sheet_rows) + 1
        values = {c.key: None for c in columns}
        values.update({"n": n, "name": name or folder, "province": province or "", "verdict": NO_DATA})
        sheet_rows.append(
            SheetRow("item", values, {k: ("" if v is None else str(v)) for k, v in values.items()})
        )
    recognised = sum(1 for r in rows if r.recognized is True)
    not_recognised = sum(1 for r in rows if r.recognized is False)
    undetermined = len(rows) - recognised - not_recognised
    units = len(rows) + len(without)
    share = fmt.percent(recognised / units) if units else "—"
    total_values: dict[str, object] = {c.key: None for c in columns}
    total_values.update({"name": f"Tổng số: {units} đơn vị", "verdict": f"Đạt chuẩn: {recognised} ({share})"})
    sheet_rows.append(
        SheetRow("total", total_values, {k: ("" if v is None else str(v)) for k, v in total_values.items()})
    )
    verdict = (
        f"Năm {year}: {units} đơn vị cấp xã; đạt chuẩn tiếp cận pháp luật {recognised} ({share}); chưa đạt"
        f" {not_recognised}; chưa xác định {undetermined}"
        + (f"; chưa có số liệu đánh giá {len(without)}" if without else "")
        + "."
    )
    return Sheet(
        title=f"Tổng hợp kết quả đánh giá cấp xã đạt chuẩn tiếp cận pháp luật năm {year}",
        subtitle="",
        columns=columns,
        rows=sheet_rows,
        verdict=verdict,
    )


def write_csv(sheet: Sheet, stream: BinaryIO) -> None:
    """UTF-8 with BOM, so Excel opens the Vietnamese text correctly; numbers with a dot.

    Only the units' rows: a CSV is data to sort, filter and add up, and a total row among them
    would be counted as a unit (the workbook and the list keep theirs). Text that Excel would run
    as a formula (a name starting with '=', '+', '-', '@') stays text.
    """
    handle = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    writer = csv.writer(handle)
    writer.writerow([f"{c.group} - {c.title}" if c.group else c.title for c in sheet.columns])
    for row in sheet.rows:
        if row.level != "total":
            writer.writerow([_csv_value(row.values.get(c.key)) for c in sheet.columns])
    handle.flush()
    handle.detach()


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str):
        return spreadsheet_text(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 89, not "89.0"
    return value


def _list_sheet(sheet: Sheet, keep: list[SheetRow]) -> Sheet:
    renumbered: list[SheetRow] = []
    for n, row in enumerate(keep, start=1):
        renumbered.append(SheetRow(row.level, {**row.values, "n": n}, {**row.texts, "n": str(n)}))
    # An annex to a decision names the units: the ruleset, the verdict (all recognised) and the
    # working figures stay in the summary workbook.
    columns = [c for c in sheet.columns if c.key not in ("ruleset", "verdict", "missing", "bare")]
    return Sheet(sheet.title, sheet.subtitle, columns, renumbered, sheet.verdict)


LIST_TEMPLATE = "danh-sach-cong-nhan.md.j2"
# Which rows each group of the list holds (the headings are the template's `group_*` lines).
GROUPS: dict[str, str] = {
    "recognised": fmt.recognition_cell(True),
    "not_recognised": fmt.recognition_cell(False),
    "undetermined": fmt.recognition_cell(None),
    "no_data": NO_DATA,
}
ALWAYS_SHOWN = ("recognised",)


def build_summary_document(
    sheet: Sheet,
    rows: list[CommuneYearSummary],
    year: int,
    office: Office | None,
    *,
    template: str | Path | None = None,
) -> Nd30Document:
    """The list annexed to the recognition decision (danh sách cấp xã đạt chuẩn), from its template."""
    # python-docx only here: the screen, CSV and Excel tables do not need it.
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from tcpl.documents.frame import FrameInfo, Nd30Document, draft_date, number_text
    from tcpl.documents.front_matter import fill, render_document
    from tcpl.documents.tables import add_sheet_table

    context = {"year": year, "office": office.model_dump(mode="python") if office else {}}
    fm, _ = render_document(LIST_TEMPLATE, template, context)
    decision = office.decision if office else None
    info = FrameInfo(
        issuing_body=office.issuing_body if office else fm.issuing_body,
        parent_body=office.parent_body if office else None,
        doc_type=fm.doc_type,
        symbol="",
        place=office.place if office else "",
        day=decision.date if decision else None,
        year=year + 1,  # the decision is made in the year after the evaluation
        subject=fm.subject,
    )
    doc = Nd30Document(landscape=True)
    doc.header(info)
    doc.title(info)
    note = fill(
        fm.annex_note,
        number=number_text(decision.number if decision else None),
        date=fmt.long_date(decision.date) if decision and decision.date else draft_date(year + 1),
    )
    if note:
        doc.paragraph(note, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    items = [r for r in sheet.rows if r.level == "item"]
    for key, heading in fm.groups.items():
        verdict = GROUPS.get(key)
        if verdict is None:
            raise ConfigError(
                f"mẫu danh sách: nhóm 'group_{key}' không có; các nhóm: "
                + ", ".join(f"group_{k}" for k in GROUPS)
            )
        keep = [r for r in items if r.values["verdict"] == verdict]
        if not keep and key not in ALWAYS_SHOWN:
            continue
        doc.paragraph(
            fill(heading, count=len(keep)),
            bold=True,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            space_before=6,
            keep_with_next=True,
        )
        if keep:
            add_sheet_table(doc, _list_sheet(sheet, keep))
    return doc

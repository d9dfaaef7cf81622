"""Word and Excel renderings of a `Sheet` (scoresheet, province summary)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, BinaryIO

from tcpl.documents.scoresheet import Sheet

if TYPE_CHECKING:
    from tcpl.documents.frame import Nd30Document


def add_sheet_table(doc: Nd30Document, sheet: Sheet) -> None:
    """The sheet as a bordered table whose header rows repeat on every page."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT  # Excel and CSV output need no python-docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    grouped = any(c.group for c in sheet.columns)
    header_rows = 2 if grouped else 1
    table = doc.doc.add_table(rows=header_rows + len(sheet.rows), cols=len(sheet.columns))
    table.style = doc.doc.styles["Table Grid"]
    total = sum(c.weight for c in sheet.columns)
    doc.set_widths(table, [doc.width_mm * c.weight / total for c in sheet.columns])
    size = doc.style.sizes.table
    centre = WD_ALIGN_PARAGRAPH.CENTER
    for n, col in enumerate(sheet.columns):
        top = table.cell(0, n)
        if grouped and col.group:
            doc.paragraph(col.title, container=table.cell(1, n), size=size, bold=True, align=centre)
            first = next(i for i, c in enumerate(sheet.columns) if c.group == col.group)
            if first == n:
                last = max(i for i, c in enumerate(sheet.columns) if c.group == col.group)
                merged = top.merge(table.cell(0, last)) if last > n else top
                doc.paragraph(col.group, container=merged, size=size, bold=True, align=centre)
        else:
            cell = top.merge(table.cell(1, n)) if grouped else top
            doc.paragraph(col.title, container=cell, size=size, bold=True, align=centre)
    for r in range(header_rows):
        for cell in table.rows[r].cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    doc.repeat_header(table, header_rows)
    for i, row in enumerate(sheet.rows):
        r = header_rows + i
        cells = list(table.rows[r].cells)
        columns = list(sheet.columns)
        if row.spans_first_columns and len(columns) > 1:
            cells = [table.cell(r, 0).merge(table.cell(r, 1)), *cells[2:]]
            columns = columns[1:]
            texts = {**row.texts, columns[0].key: row.texts[sheet.columns[0].key]}
        else:
            texts = row.texts
        for cell, col in zip(cells, columns, strict=True):
            text = texts[col.key]
            align = centre if col.numeric else WD_ALIGN_PARAGRAPH.LEFT
            p = doc.paragraph(container=cell, align=align)
            if text:
                doc.run(
                    p,
                    text,
                    size=size,
                    bold=row.bold or None,
                    italic=(row.level == "indicator" and col is columns[0]) or None,
                )
    doc.cant_split(table)
    doc.paragraph(space_before=0)


def write_sheet_xlsx(sheet: Sheet, target: BinaryIO, *, info: list[tuple[str, str]]) -> None:
    """The same rows in Excel: real numbers, no formulas, a frozen header, widths that fit."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Bảng điểm"
    titles = [f"{c.group} - {c.title}" if c.group else c.title for c in sheet.columns]
    ws.append(titles)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row in sheet.rows:
        ws.append([row.values.get(col.key) for col in sheet.columns])
        if row.bold:
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
    for r in range(2, ws.max_row + 1):
        for n, col in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=r, column=n)
            if col.key == "ratio" and isinstance(cell.value, float):
                cell.number_format = "0.0%"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for n, col in enumerate(sheet.columns, start=1):
        longest = max([len(titles[n - 1])] + [len(row.texts[col.key]) for row in sheet.rows])
        ws.column_dimensions[get_column_letter(n)].width = max(10, min(60, longest + 2))
    ws.freeze_panes = "A2"
    meta = wb.create_sheet("Thông tin")
    for key, value in [*info, ("Kết quả", sheet.verdict)]:
        meta.append([key, value])
    for note in sheet.notes:
        meta.append(["Ghi chú", note])
    meta.column_dimensions["A"].width = 20
    meta.column_dimensions["B"].width = 100
    for ws_ in wb.worksheets:
        _as_text(ws_)
    wb.save(target)


def _as_text(ws: Any) -> None:
    """Every text cell is text: a value from the data starting with '=' must not become a formula."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"

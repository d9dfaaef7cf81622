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


def write_sheet_xlsx(sheet: Sheet, target: BinaryIO, *, info: list[tuple[str, str | int]]) -> None:
    """The same rows in Excel, to print and to count with: a title, real numbers (percent cells as
    percent), A4 landscape one page wide, the header row repeated and frozen, an autofilter."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from tcpl.documents.scoresheet import NUMBER_COLUMNS

    columns = list(sheet.columns)
    keys = {c.key for c in columns}
    if any(k in row.values for row in sheet.rows for k in ("done", "total")):
        columns += [c for c in NUMBER_COLUMNS if c.key not in keys]
    wb = Workbook()
    ws = wb.active
    ws.title = "Bảng điểm"
    last = get_column_letter(len(columns))
    ws["A1"] = sheet.title.upper() if sheet.title else ""
    ws["A1"].font = Font(bold=True, size=13)
    ws.merge_cells(f"A1:{last}1")
    ws["A2"] = " — ".join(x for x in [sheet.subtitle, *(f"{k}: {v}" for k, v in info)] if x)
    ws.merge_cells(f"A2:{last}2")
    header = 3
    titles = [f"{c.group} - {c.title}" if c.group else c.title for c in columns]
    for n, title in enumerate(titles, start=1):
        cell = ws.cell(header, n, title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row in sheet.rows:
        ws.append([row.values.get(col.key) for col in columns])
        if row.bold:
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
    for r in range(header + 1, ws.max_row + 1):
        for n, col in enumerate(columns, start=1):
            cell = ws.cell(row=r, column=n)
            if col.key == "ratio" and isinstance(cell.value, float | int):
                cell.number_format = "0.0%"
            elif col.numeric and isinstance(cell.value, float | int) and not isinstance(cell.value, bool):
                cell.number_format = "#,##0.##" if isinstance(cell.value, float) else "#,##0"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for n, col in enumerate(columns, start=1):
        texts = [row.texts.get(col.key, "") for row in sheet.rows]
        longest = max([len(titles[n - 1]) // 2] + [len(t) for t in texts])
        ws.column_dimensions[get_column_letter(n)].width = max(8, min(50, longest + 2))
    ws.freeze_panes = ws.cell(header + 1, 1)
    ws.auto_filter.ref = f"A{header}:{last}{ws.max_row}"
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    meta = wb.create_sheet("Thông tin")
    for key, value in [*info, ("Kết quả", sheet.verdict)]:
        meta.append([key, value])
    for note in sheet.notes:
        meta.append(["Ghi chú", note])
    meta.column_dimensions["A"].width = 20
    meta.column_dimensions["B"].width = 100
    meta.page_setup.orientation = "landscape"
    meta.page_setup.paperSize = meta.PAPERSIZE_A4
    meta.page_setup.fitToWidth = 1
    meta.page_setup.fitToHeight = 0
    meta.sheet_properties.pageSetUpPr.fitToPage = True
    for ws_ in wb.worksheets:
        as_text(ws_)
    wb.save(target)


def as_text(ws: Any) -> None:
    """Every text cell is text: a value from the data starting with '=' must not become a formula."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"

"""The Excel entry form (`tcpl form new` / `tcpl form import`): one row per item, the officer types.

The sheet has a title, then a header row with exactly `HEADERS` from column A, then one row per
item of the year's ruleset. Which cells a row uses comes from its kind (`Kind.form_fields`); the
others are grey and locked. Reading it back gives each item's entry as a plain dict, or located
problems (`so-lieu-2026.xlsx:Số liệu!E12: ...`); nothing is written when there is one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tcpl import kinds
from tcpl.documents.tables import as_text
from tcpl.kinds.base import CellType
from tcpl.models.assessment import Assessment, ItemEntry
from tcpl.models.common import count_from_text, day_from_text, number_from_text, yes_no_from_text
from tcpl.models.ruleset import Item, Ruleset

SHEET = "Số liệu"
HEADERS = (
    "Mã",
    "Nội dung",
    "Mức đạt chuẩn",
    "Đã thực hiện",
    "Tổng số",
    "Có/Không",
    "Hạn",
    "Ngày hoàn thành",
    "Lựa chọn",
    "Số lượng",
    "Điểm tự chấm",
    "Tài liệu kiểm chứng",
    "Ghi chú",
)
COLUMN = {name: n for n, name in enumerate(HEADERS, start=1)}
HEADER_ROW = 3
WIDTHS = (9, 48, 24, 11, 9, 10, 12, 13, 34, 9, 10, 30, 26)
_GREY = "D9D9D9"
NONE_CHOSEN = "Không có"
"""A choice answered with none of its options (in the form: not a blank cell)."""


@dataclass
class FormRow:
    """One item's row as read back: where it is, and the entry it gives (None when left blank)."""

    item_id: str
    row: int
    entry: ItemEntry | None
    """As the item's kind keeps it (options as ids, dates as dates)."""


@dataclass
class FormReading:
    rows: list[FormRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def columns_of(item: Item, model: str) -> dict[str, tuple[str, CellType]]:
    """The value columns an item's row uses: its kind's, and its own points in the points model."""
    used = {column: (name, cell_type) for column, name, cell_type in kinds.of(item).form_fields}
    if model == "points" and "Điểm tự chấm" not in used:
        used["Điểm tự chấm"] = ("points", "number")
    return used


def write_form(
    stream: IO[bytes], ruleset: Ruleset, assessment: Assessment | None, *, title: str, subtitle: str
) -> None:
    """The workbook, pre-filled from `assessment` when there is one."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    grey = PatternFill("solid", fgColor=_GREY)
    last = get_column_letter(len(HEADERS))
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.merge_cells(f"A1:{last}1")
    sheet["A2"] = subtitle
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(f"A2:{last}2")
    sheet.row_dimensions[2].height = 45
    for n, name in enumerate(HEADERS, start=1):
        cell = sheet.cell(HEADER_ROW, n, name)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = border
        cell.fill = PatternFill("solid", fgColor="F2F2F2")
        sheet.column_dimensions[get_column_letter(n)].width = WIDTHS[n - 1]
    yes_no = DataValidation(type="list", formula1='"Có,Không"', allow_blank=True)
    yes_no.error = "Chọn Có hoặc Không"
    yes_no.errorTitle = "Có/Không"
    sheet.add_data_validation(yes_no)
    row = HEADER_ROW
    for _, _, item in ruleset.iter_items():
        row += 1
        kind = kinds.of(item)
        used = columns_of(item, ruleset.model)
        entry = assessment.items.get(item.id) if assessment is not None else None
        values = to_cells(item, entry, used)
        name = "" if item.placeholder else item.name
        level = kind.describe(item, ruleset.model)
        fixed = {"Mã": item.id, "Nội dung": name, "Mức đạt chuẩn": level}
        for header, n in COLUMN.items():
            cell = sheet.cell(row, n)
            cell.border = border
            cell.alignment = wrap
            if header in fixed:
                cell.value = fixed[header]
                cell.protection = Protection(locked=True)
                if header == "Mã":
                    cell.number_format = "@"
                continue
            open_cell = header in used or header in ("Tài liệu kiểm chứng", "Ghi chú")
            if not open_cell:
                cell.fill = grey
                cell.protection = Protection(locked=True)
                continue
            cell.protection = Protection(locked=False)
            value = values.get(header)
            if value is not None:
                cell.value = value
            cell_type = used.get(header, ("", "text"))[1]
            if cell_type == "date":
                cell.number_format = "DD/MM/YYYY"
            elif cell_type == "yes_no":
                yes_no.add(cell)
            elif cell_type in ("count", "number"):
                cell.number_format = "0" if cell_type == "count" else "0.##"
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 3)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{row}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    # Only the grey and fixed cells are locked; the officer fills the rest (no password: it is a guide).
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.autoFilter = False
    sheet.protection.sort = False
    as_text(sheet)  # a note or evidence starting with '=' stays the officer's text, not a formula
    book.save(stream)


def to_cells(item: Item, entry: ItemEntry | None, used: dict[str, tuple[str, CellType]]) -> dict[str, Any]:
    """The cells of an item's entry, in the form's own words (Có, dates, option names)."""
    if entry is None:
        return {}
    out: dict[str, Any] = {}
    names = {o.id: o.name for o in item.options}
    for header, (name, cell_type) in used.items():
        value = getattr(entry, name, None)
        if value is None:
            continue
        if cell_type == "yes_no" and isinstance(value, bool):
            out[header] = "Có" if value else "Không"
        elif cell_type == "options" and isinstance(value, list):
            # "none of them" is a value, not a blank: it must come back as one.
            out[header] = "; ".join(names.get(str(v), str(v)) for v in value) or NONE_CHOSEN
        elif cell_type == "date" and isinstance(value, dt.date):
            out[header] = value
        elif cell_type in ("count", "number") and not isinstance(value, bool | dt.date):
            out[header] = value
        else:
            out[header] = str(value)
    if entry.evidence:
        out["Tài liệu kiểm chứng"] = "\n".join(entry.evidence)
    if entry.note:
        out["Ghi chú"] = entry.note
    return out


def read_form(path: Path, data: bytes, ruleset: Ruleset) -> FormReading:
    """The items' entries from a filled workbook; problems as `book.xlsx:SHEET!CELL: message`."""
    import io

    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    reading = FormReading()
    try:
        book = load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        reading.problems.append(
            f"{path.name}: không đọc được bảng tính Excel (.xlsx); lưu lại bằng Excel rồi thử lại"
        )
        return reading
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    header_row = _header_row(sheet)
    if header_row is None:
        reading.problems.append(
            f"{path.name}:{sheet.title}: không thấy dòng tiêu đề cột ({', '.join(HEADERS)}) bắt đầu từ cột A;"
            " dùng bảng do tcpl form new viết"
        )
        return reading
    index = ruleset.item_index()
    seen: set[str] = set()

    def where(row: int, header: str) -> str:
        return f"{path.name}:{sheet.title}!{get_column_letter(COLUMN[header])}{row}"

    for row in range(header_row + 1, sheet.max_row + 1):
        raw_id = sheet.cell(row, 1).value
        if raw_id is None or str(raw_id).strip() == "":
            continue
        item_id = _id_text(raw_id)
        item = index.get(item_id)
        if item is None:
            reading.problems.append(
                f"{where(row, 'Mã')}: mã '{item_id}' không có trong bộ tiêu chí {ruleset.id}"
            )
            continue
        if item_id in seen:
            reading.problems.append(f"{where(row, 'Mã')}: nội dung {item_id} có hai dòng; giữ một")
            continue
        seen.add(item_id)
        used = columns_of(item, ruleset.model)
        entry: dict[str, Any] = {}
        bad = len(reading.problems)
        for header, (name, cell_type) in used.items():
            value = sheet.cell(row, COLUMN[header]).value
            if _blank(value):
                continue
            try:
                entry[name] = read_cell(value, cell_type)
            except ValueError as exc:
                reading.problems.append(f"{where(row, header)}: {exc}")
        for header in HEADERS[3:11]:
            if header not in used and not _blank(sheet.cell(row, COLUMN[header]).value):
                reading.problems.append(
                    f"{where(row, header)}: nội dung {item_id} ({kinds.of(item).word}) không dùng cột"
                    f" '{header}'; ghi vào cột {', '.join(repr(h) for h in used)}"
                )
        if len(reading.problems) > bad:
            continue  # the row's own cells are wrong: say that, not what follows from it
        evidence = sheet.cell(row, COLUMN["Tài liệu kiểm chứng"]).value
        note = sheet.cell(row, COLUMN["Ghi chú"]).value
        if not entry and (not _blank(evidence) or not _blank(note)):
            reading.problems.append(
                f"{where(row, 'Tài liệu kiểm chứng')}: nội dung {item_id} có tài liệu, ghi chú nhưng chưa có số liệu"
            )
            continue
        if not entry:
            reading.rows.append(FormRow(item_id, row, None))
            continue
        if not _blank(evidence):
            entry["evidence"] = [p.strip() for p in _split(str(evidence)) if p.strip()]
        if not _blank(note):
            entry["note"] = str(note).strip()
        checked, problem = _entry_problem(item, entry)
        if problem is not None or checked is None:
            header, message = problem or ("Mã", "giá trị không hợp lệ")
            reading.problems.append(f"{where(row, header if header in COLUMN else 'Mã')}: {message}")
            continue
        reading.rows.append(FormRow(item_id, row, checked))
    return reading


def read_cell(value: Any, cell_type: CellType) -> Any:
    """One cell as the entry field needs it; ValueError says what to write."""
    if cell_type == "count":
        if isinstance(value, bool):
            raise ValueError("ghi một số nguyên không âm, ví dụ 12")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        number = count_from_text(value)
        if not isinstance(number, int) or number < 0:
            raise ValueError(f"ghi một số nguyên không âm, ví dụ 12 (không phải '{value}')")
        return number
    if cell_type == "number":
        if isinstance(value, bool):
            raise ValueError("ghi một số, ví dụ 5,5")
        number = number_from_text(value)
        if not isinstance(number, int | float):
            raise ValueError(f"ghi một số, ví dụ 5,5 (không phải '{value}')")
        return float(number)
    if cell_type == "yes_no":
        if isinstance(value, bool):
            return value
        return yes_no_from_text(str(value))
    if cell_type == "date":
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        text = str(value).strip()
        parsed = day_from_text(text)
        if isinstance(parsed, dt.date):
            return parsed.isoformat()
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError(f"ghi ngày dạng 15/01/2026 (không phải '{text}')") from None
    # options: the kind reads names or ids, separated by ";" or line breaks
    text = " ".join(str(value).split())
    if text.lower() in ("không", "không có", "0"):
        return []
    return [p.strip() for p in _split(str(value)) if p.strip()]


def _entry_problem(item: Item, entry: dict[str, Any]) -> tuple[ItemEntry | None, tuple[str, str] | None]:
    """The entry as the item's kind reads it, or the first problem with the column it belongs to."""
    from pydantic import ValidationError

    try:
        model = ItemEntry.model_validate(entry)
    except ValidationError as exc:
        first = exc.errors()[0]
        field_name = str(first["loc"][0]) if first["loc"] else ""
        message = str(first.get("msg", "giá trị không hợp lệ")).removeprefix("Value error, ")
        return None, (_column_of(item, field_name), message)
    reading = kinds.of(item).read(item, model)
    if reading.problems:
        problem = reading.problems[0]
        return None, (_column_of(item, str(problem.field or "")), problem.message)
    return reading.entry, None


def _column_of(item: Item, field_name: str) -> str:
    for header, name, _ in kinds.of(item).form_fields:
        if name == field_name:
            return header
    return next(iter(kinds.of(item).columns), "Mã")


def _header_row(sheet: Any) -> int | None:
    for row in range(1, min(sheet.max_row, 12) + 1):
        values = tuple(str(sheet.cell(row, n).value or "").strip() for n in range(1, len(HEADERS) + 1))
        if values == HEADERS:
            return row
    return None


def _id_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _split(text: str) -> Iterable[str]:
    import re

    return re.split(r"[;\n]+", text)

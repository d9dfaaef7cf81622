"""Numbers, dates and verdict words written the Vietnamese way (decimal comma; Decree 30 dates)."""

from __future__ import annotations

import math
from datetime import date


def number(value: float | int | None, *, digits: int = 2) -> str:
    """8.5 -> "8,5"; 10.0 -> "10"; 0.25 -> "0,25"; None -> "—"."""
    if value is None:
        return "—"
    rounded = round(float(value), digits)
    if rounded.is_integer():
        return f"{int(rounded):,}".replace(",", ".")
    text = f"{rounded:.{digits}f}".rstrip("0").rstrip(".")
    whole, _, frac = text.partition(".")
    whole = f"{int(whole):,}".replace(",", ".") if whole not in ("-0", "") else whole
    return f"{whole},{frac}" if frac else whole


def percent(ratio: float | None, *, digits: int = 1, below: float | None = None) -> str:
    """0.9166 -> "91,7%" (rounded half up); 1.0 -> "100%".

    A ratio short of a level is never shown at or above it: with `below=1.0` (a 100 % rule),
    999/1000 is "99,9%", and no ratio under 1 is ever "100%".
    """
    if ratio is None:
        return "—"
    scale = 10**digits
    exact = ratio * 100 * scale
    value = math.floor(exact + 0.5 + 1e-9) / scale
    for level in (below, 1.0):
        if level is not None and ratio < level - 1e-12 and value >= level * 100 - 1e-9:
            value = math.floor(exact + 1e-9) / scale
            if value >= level * 100 - 1e-9:  # still there at this precision: one step below
                value = (math.ceil(level * 100 * scale - 1e-9) - 1) / scale
    return f"{number(value, digits=digits)}%"


def nd30_day_month(d: date) -> tuple[str, str]:
    """Day and month as Decree 30 writes them: days below 10 and months 1-2 get a leading zero."""
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return day, month


def long_date(d: date) -> str:
    """ "ngày 05 tháng 01 năm 2023" (Nghị định 30/2020, Phụ lục I, mục II.4)."""
    day, month = nd30_day_month(d)
    return f"ngày {day} tháng {month} năm {d.year}"


def short_date(d: date) -> str:
    """ "05/01/2023"."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


# Every verdict word tcpl shows, in one table: (a cell, a commune's result in a table, a commune's
# result in a sentence, the result as a heading).
_VERDICTS: dict[bool | None, tuple[str, str, str, str]] = {
    True: ("Đạt", "Đạt chuẩn", "đạt chuẩn", "ĐẠT CHUẨN TIẾP CẬN PHÁP LUẬT"),
    False: ("Chưa đạt", "Chưa đạt", "chưa đạt chuẩn", "CHƯA ĐẠT CHUẨN TIẾP CẬN PHÁP LUẬT"),
    None: ("Chưa xác định", "Chưa xác định", "chưa xác định", "CHƯA XÁC ĐỊNH"),
}
MISSING_WORD = "Thiếu số liệu"


def met_word(met: bool | None, *, missing: bool = False, signed: bool = False) -> str:
    """A table cell for an item, indicator or criterion: "Đạt", "Chưa đạt", "Chưa xác định".

    A missing figure is "Thiếu số liệu"; in a signed scoresheet (`signed`) it counts as a
    failure and the cell says both: "Chưa đạt (thiếu số liệu)".
    """
    if missing:
        return f"{_VERDICTS[False][0]} ({MISSING_WORD.lower()})" if signed else MISSING_WORD
    return _VERDICTS[met][0]


def recognition_cell(recognized: bool | None) -> str:
    """A commune's result in a table: "Đạt chuẩn", "Chưa đạt", "Chưa xác định"."""
    return _VERDICTS[recognized][1]


def recognition_word(recognized: bool | None) -> str:
    """A commune-year's result inside a sentence: "đạt chuẩn", "chưa đạt chuẩn", "chưa xác định"."""
    return _VERDICTS[recognized][2]


def recognition_heading(recognized: bool | None) -> str:
    """The result as a heading: "ĐẠT CHUẨN TIẾP CẬN PHÁP LUẬT"..."""
    return _VERDICTS[recognized][3]


def roman(n: int) -> str:
    """1 -> I, 4 -> IV (mục and quarter numbering)."""
    out = []
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)

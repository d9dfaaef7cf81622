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


def percent(ratio: float | None, *, digits: int = 1) -> str:
    """0.8181 -> "81,8%"; 1.0 -> "100%".

    Truncated, not rounded: 3999/4000 is "99,9%", never a "100%" that fails a 100% rule.
    """
    if ratio is None:
        return "—"
    scale = 10**digits
    value = math.floor(ratio * 100 * scale + 1e-9) / scale
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


def met_word(met: bool | None, *, missing: bool = False) -> str:
    """A table cell for an item, indicator or criterion: "Đạt", "Chưa đạt", "Chưa xác định"."""
    if missing:
        return "Thiếu số liệu"
    if met is None:
        return "Chưa xác định"
    return "Đạt" if met else "Chưa đạt"


def recognition_word(recognized: bool | None) -> str:
    """A commune-year's result inside a sentence: "đạt chuẩn", "chưa đạt chuẩn", "chưa xác định"."""
    return {True: "đạt chuẩn", False: "chưa đạt chuẩn", None: "chưa xác định"}[recognized]

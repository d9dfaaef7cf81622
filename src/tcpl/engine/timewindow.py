"""A task's time as officers write it ("Quý I/2023", "năm 2023") understood as a due window."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from tcpl.textfmt import roman

_QUARTER_NUMBER = {**{roman(n): n for n in range(1, 5)}, **{str(n): n for n in range(1, 5)}}
_Q = r"(?:IV|I{1,3}|[1-4])"
QUARTER_LIST = rf"quý\s+{_Q}(?:\s*(?:,|và|-|đến|–)\s*(?:quý\s+)?{_Q})*"
"""One or more quarters as written: "quý I", "quý I, II", "quý II và quý III" (match with re.I)."""
QUARTERS = re.compile(rf"(?P<qs>{QUARTER_LIST})\s*(?:/|năm\s+)(?P<y>\d{{4}})", re.I)
FIRST_MONTHS = re.compile(r"(?P<n>\d{1,2})\s+tháng\s+(?P<part>đầu|cuối)\s+năm\s+(?P<y>\d{4})", re.I)
MONTH_RANGE = re.compile(
    r"từ\s+tháng\s+(?P<a>\d{1,2})\s*(?:/(?P<ya>\d{4}))?\s+đến\s+tháng\s+(?P<b>\d{1,2})\s*(?:/|năm\s+)(?P<y>\d{4})",
    re.I,
)
MONTH = re.compile(r"tháng\s+(?P<m>\d{1,2})\s*(?:/|năm\s+)(?P<y>\d{4})", re.I)
BEFORE_DAY = re.compile(
    r"(?:trước|chậm nhất|hạn chót|trong)\s+(?:ngày\s+)?"
    r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})",
    re.I,
)
DAY = re.compile(r"(?:ngày\s+)?\b(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})\b", re.I)
YEAR = re.compile(r"(?:năm|cả năm)\s+(?P<y>\d{4})", re.I)
ALL_YEAR = re.compile(r"thường xuyên|cả năm|hằng năm|hàng năm", re.I)


@dataclass(frozen=True)
class DueWindow:
    """When a task should be done: from `start` to `end` (both included)."""

    start: date
    end: date
    text: str

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def quarter_window(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of quarter 1–4 of `year`."""
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1])


def parse_due(text: str | None, year: int | None = None) -> DueWindow | None:
    """The due window of a task's time line; None when it has none ("Theo quy định ...")."""
    if not text:
        return None
    t = unicodedata.normalize("NFC", text)
    m = QUARTERS.search(t)
    if m:
        y = int(m.group("y"))
        qs = [_QUARTER_NUMBER[x.upper()] for x in re.findall(rf"\b{_Q}\b", m.group("qs"), re.I)]
        start, _ = quarter_window(y, min(qs))
        _, end = quarter_window(y, max(qs))
        return DueWindow(start, end, m.group(0))
    m = FIRST_MONTHS.search(t)
    if m:
        n, y = int(m.group("n")), int(m.group("y"))
        if 1 <= n <= 12:
            if m.group("part").lower() == "đầu":
                return DueWindow(date(y, 1, 1), date(y, n, calendar.monthrange(y, n)[1]), m.group(0))
            return DueWindow(date(y, 13 - n, 1), date(y, 12, 31), m.group(0))
    m = MONTH_RANGE.search(t)
    if m:
        y = int(m.group("y"))
        a, b = int(m.group("a")), int(m.group("b"))
        ya = int(m.group("ya") or y)
        if 1 <= a <= 12 and 1 <= b <= 12:
            return DueWindow(date(ya, a, 1), date(y, b, calendar.monthrange(y, b)[1]), m.group(0))
    m = BEFORE_DAY.search(t) or DAY.search(t)
    if m:
        try:
            day = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            return None
        return DueWindow(date(day.year, 1, 1), day, m.group(0))
    m = MONTH.search(t)
    if m:
        mon, y = int(m.group("m")), int(m.group("y"))
        if 1 <= mon <= 12:
            return DueWindow(date(y, mon, 1), date(y, mon, calendar.monthrange(y, mon)[1]), m.group(0))
    m = YEAR.search(t)
    if m:
        y = int(m.group("y"))
        return DueWindow(date(y, 1, 1), date(y, 12, 31), m.group(0))
    if year is not None and ALL_YEAR.search(t):
        return DueWindow(date(year, 1, 1), date(year, 12, 31), ALL_YEAR.search(t).group(0))  # type: ignore[union-attr]
    return None


def unreadable(text: str | None, window: DueWindow | None) -> bool:
    """A time that names a date or period (it has digits) that `parse_due` could not read (`window`).

    A time without digits ("Theo quy định", "Khi có yêu cầu") is not a deadline and is not flagged.
    """
    return window is None and re.search(r"\d", text or "") is not None

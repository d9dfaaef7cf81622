"""Task times as written, understood as due windows."""

from __future__ import annotations

from datetime import date

import pytest

from tcpl.engine.timewindow import parse_due


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Các kế hoạch ban hành trong quý I/2023;", date(2023, 1, 1), date(2023, 3, 31)),
        ("Quý II/2023.", date(2023, 4, 1), date(2023, 6, 30)),
        ("quý III/2023.", date(2023, 7, 1), date(2023, 9, 30)),
        ("Quý IV năm 2023", date(2023, 10, 1), date(2023, 12, 31)),
        ("Quý I và quý II/2024", date(2024, 1, 1), date(2024, 6, 30)),
        ("Năm 2023.", date(2023, 1, 1), date(2023, 12, 31)),
        ("năm 2023.", date(2023, 1, 1), date(2023, 12, 31)),
        ("Tháng 3/2023", date(2023, 3, 1), date(2023, 3, 31)),
        ("tháng 2 năm 2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("Từ tháng 2 đến tháng 5/2023", date(2023, 2, 1), date(2023, 5, 31)),
        ("6 tháng đầu năm 2023", date(2023, 1, 1), date(2023, 6, 30)),
        ("Trước ngày 15/3/2023", date(2023, 1, 1), date(2023, 3, 15)),
    ],
)
def test_windows(text: str, start: date, end: date) -> None:
    window = parse_due(text)
    assert window is not None
    assert (window.start, window.end) == (start, end)


@pytest.mark.parametrize(
    "text", ["Theo quy định về xây dựng xã, phường, thị trấn đạt chuẩn tiếp cận pháp luật.", "", None]
)
def test_no_window(text: str | None) -> None:
    assert parse_due(text) is None


def test_ongoing_tasks_take_the_plan_year() -> None:
    window = parse_due("Thường xuyên", year=2026)
    assert window is not None and (window.start, window.end) == (date(2026, 1, 1), date(2026, 12, 31))

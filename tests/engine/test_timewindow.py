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


def test_a_bare_date_is_a_deadline() -> None:
    window = parse_due("31/12/2026")
    assert window is not None and window.end == date(2026, 12, 31)


def test_unreadable_or_foreign_task_times_are_flagged(tcpl, tmp_path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "kind: plan\nyear: 2026\nsubject: Kế hoạch\nsections:\n  - heading: NHIỆM VỤ\n    tasks:\n"
        "      - {title: A, lines: [{Thời gian thực hiện: Quý V/2026}]}\n"
        "      - {title: B, lines: [{Thời gian thực hiện: Quý I/2025}]}\n"
        "      - {title: C, lines: [{Thời gian thực hiện: Theo quy định}]}\n",
        encoding="utf-8",
    )
    out = tcpl("validate", str(plan)).stdout
    assert ":7:" in out and "cảnh báo TCPL330: không hiểu thời gian 'Quý V/2026'" in out
    assert ":8:" in out and "cảnh báo TCPL331: thời gian 'Quý I/2025' không thuộc năm 2026" in out
    assert "Theo quy định" not in out


def test_task_times_inside_subsections_are_checked_too(tcpl, tmp_path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "kind: plan\nyear: 2026\nsubject: Kế hoạch\nsections:\n  - heading: NHIỆM VỤ\n    subsections:\n"
        "      - heading: Nhiệm vụ chung\n        tasks:\n"
        "          - {title: A, lines: [{Thời gian thực hiện: Quý V/2026}]}\n",
        encoding="utf-8",
    )
    out = tcpl("validate", str(plan)).stdout
    assert f"{plan}:9:" in out and "cảnh báo TCPL330: không hiểu thời gian 'Quý V/2026'" in out

"""`count`: a whole number against a level."""

from __future__ import annotations

from pathlib import Path

from tests.kinds.helpers import problems, reasons, scored

ITEM = "- {id: '1.1.1', name: Hội nghị, kind: count, required: 2, unit: hội nghị}"


def test_counted_against_the_level(tmp_path: Path) -> None:
    assert scored(tmp_path, ITEM, "2").met is True
    low = scored(tmp_path, ITEM, "{value: 1}")
    assert low.met is False and low.value_text == "1 hội nghị"


def test_not_a_whole_number(tmp_path: Path) -> None:
    assert "ghi một số nguyên không âm" in problems(tmp_path, ITEM, "1.5")[0]
    assert "số đếm không được âm" in problems(tmp_path, ITEM, "-1")[0]


def test_a_count_the_vietnamese_way(tmp_path: Path) -> None:
    assert scored(tmp_path, ITEM, '"3"').met is True
    assert scored(tmp_path, ITEM, "1.234").value == {"value": 1234}  # a dot separates thousands
    (found,) = problems(tmp_path, ITEM, '"ba"')
    assert "ghi một số nguyên không âm, ví dụ 12 (không phải 'ba')" in found


def test_the_reason_says_the_level(tmp_path: Path) -> None:
    assert any(
        "nội dung 1.1.1 (Hội nghị): 1 hội nghị, cần từ 2 trở lên" in r for r in reasons(tmp_path, ITEM, "1")
    )

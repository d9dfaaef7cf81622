"""`deadline`: done on or before the due date; what gap can still do."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tcpl import kinds
from tcpl.models.assessment import ItemEntry
from tcpl.models.ruleset import Item
from tests.kinds.helpers import problems, scored

ITEM = "- {id: '1.1.1', name: Kế hoạch, kind: deadline}"


def test_on_time_late_and_not_done(tmp_path: Path) -> None:
    assert scored(tmp_path, ITEM, "{due: 2026-01-20, done: 2026-01-20}").met is True
    assert scored(tmp_path, ITEM, "{due: 2026-01-20, done: 2026-01-21}").met is False
    waiting = scored(tmp_path, ITEM, "{due: 2026-01-20}")
    assert waiting.met is False and waiting.value_text == "hạn 20/01/2026, chưa hoàn thành"


def test_due_is_needed_and_done_is_a_date(tmp_path: Path) -> None:
    assert "ghi 'due' (hạn)" in problems(tmp_path, ITEM, "{done: 2026-01-20}")[0]
    assert "'done' phải là ngày hoàn thành" in problems(tmp_path, ITEM, "{due: 2026-01-20, done: 3}")[0]


def test_gap_can_only_help_before_the_due_date() -> None:
    item = Item.model_validate({"id": "1", "name": "a", "kind": "deadline"})
    entry = ItemEntry(due=date(2026, 3, 1))
    assert kinds.of(item).fix(item, entry, date(2026, 2, 1), None) is not None
    assert kinds.of(item).fix(item, entry, date(2026, 3, 2), None) is None

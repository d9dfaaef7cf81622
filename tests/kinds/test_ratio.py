"""`ratio`: done out of total, a level, bands in the points model, "nothing arose"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tcpl import kinds
from tcpl.models.assessment import ItemEntry
from tcpl.models.ruleset import Item
from tests.kinds.helpers import problems, scored

ITEM = "- {id: '1.1.1', name: Tỷ lệ, kind: ratio, required: 0.8, unit: vụ việc}"


@pytest.mark.parametrize(
    ("value", "met", "text"),
    [
        ("{done: 8, total: 10}", True, "8/10 vụ việc (80%)"),
        ("{done: 7, total: 10}", False, "7/10 vụ việc (70%)"),
        ("{done: 0, total: 0}", None, "không phát sinh (0/0)"),
    ],
)
def test_judged_against_the_level(tmp_path: Path, value: str, met: bool | None, text: str) -> None:
    r = scored(tmp_path, ITEM, value)
    assert (r.met, r.value_text) == (met, text)
    assert r.rule == "đạt khi tỷ lệ đạt từ 80% trở lên"


def test_nothing_arose_follows_when_empty(tmp_path: Path) -> None:
    item = "- {id: '1.1.1', name: Tỷ lệ, kind: ratio, when_empty: met}"
    r = scored(tmp_path, item, "{done: 0, total: 0}")
    assert r.met is True and r.rule == "đạt khi tỷ lệ đạt 100%; không phát sinh thì tính là đạt"


def test_an_unknown_level_is_met_only_at_100(tmp_path: Path) -> None:
    item = "- {id: '1.1.1', name: Tỷ lệ, kind: ratio, required: null}"
    assert scored(tmp_path, item, "{done: 5, total: 5}").met is True
    assert scored(tmp_path, item, "{done: 4, total: 5}").met is None


def test_bands_give_points(tmp_path: Path) -> None:
    item = "- {id: '1.1.1', name: T, kind: ratio, bands: [{at_least: 0.9, points: 2}, {at_least: 0.5, points: 1}]}"
    assert scored(tmp_path, item, "{done: 6, total: 10}", model="points").points == 1
    assert scored(tmp_path, item, "{done: 9, total: 10}", model="points").points == 2


def test_wrong_values_are_located(tmp_path: Path) -> None:
    assert problems(tmp_path, ITEM, "{done: 3}") == [
        f"{tmp_path / 'assessment.yaml'}:5:12: lỗi TCPL311: nội dung 1.1.1 (tỷ lệ): ghi cả 'done' (số đã"
        " thực hiện) và 'total' (tổng số), ví dụ {done: 9, total: 11}"
    ]
    assert (
        "trường 'due' không dùng cho loại nội dung này"
        in problems(tmp_path, ITEM, "{done: 1, total: 1, due: 2026-01-01}")[0]
    )


def test_the_fix_is_the_cases_still_needed() -> None:
    item = Item.model_validate(
        {"id": "1", "name": "a", "kind": "ratio", "required": 0.8, "done_label": "vụ việc"}
    )
    fix = kinds.of(item).fix(item, ItemEntry(done=6, total=10), date(2026, 6, 1), None)
    assert fix is not None and fix.value == {"done": 8, "total": 10} and fix.effort == 2
    assert "cần thêm 2 vụ việc để đạt 8/10 (80%)" in fix.words


def test_definition_rules() -> None:
    kind = kinds.REGISTRY["ratio"]
    assert kind.check_item(Item.model_validate({"id": "1", "name": "a", "kind": "ratio", "required": 80}))
    bands = [{"at_least": 0.5, "points": 1}, {"at_least": 0.9, "points": 2}]
    assert (
        "cao xuống thấp"
        in kind.check_item(Item.model_validate({"id": "1", "name": "a", "kind": "ratio", "bands": bands}))[0]
    )

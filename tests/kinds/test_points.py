"""`points`: the officer's own score, at most the item's maximum."""

from __future__ import annotations

from pathlib import Path

from tests.kinds.helpers import problems, scored

ITEM = "- {id: '1.1.1', name: Tự chấm, kind: points, points: 5}"


def test_the_officers_points(tmp_path: Path) -> None:
    r = scored(tmp_path, ITEM, "{points: 3.5}", model="points")
    assert (r.points, r.points_from, r.value_text) == (3.5, "officer", "3,5 điểm tự chấm")


def test_more_than_the_maximum_is_refused(tmp_path: Path) -> None:
    assert "điểm tự chấm 6 vượt điểm tối đa 5" in problems(tmp_path, ITEM, "{points: 6}")[0]

"""`points` (điểm tự chấm): the officer scores the item by the official method (points model)."""

from __future__ import annotations

from typing import Any

from tcpl import textfmt as fmt
from tcpl.kinds.base import MISSING, Judgement, Kind, Problem, at_least
from tcpl.models.assessment import ItemEntry
from tcpl.models.ruleset import Item


class Points(Kind):
    name = "points"
    word = "điểm tự chấm"
    fields = frozenset({"points", "value", "done", "total"})  # figures may be recorded beside the points
    form_fields = (
        ("Đã thực hiện", "done", "count"),
        ("Tổng số", "total", "count"),
        ("Điểm tự chấm", "points", "number"),
    )
    officer_scored = True
    example = "{points: 5.5}"
    level_hint = "điểm tối đa ghi ở points; required thường không dùng"

    def how_to_write(self, item: Item) -> str:
        return "ghi điểm tự chấm, ví dụ {points: 5.5} (hoặc points: 5,5 trên một dòng riêng)"

    def value_problems(self, item: Item, entry: ItemEntry) -> list[Problem]:
        if entry.points is None:
            return [Problem(None, "ghi điểm tự chấm: points: <số điểm>")]
        if item.points is not None and entry.points > item.points:
            return [Problem("points", f"điểm tự chấm {entry.points:g} vượt điểm tối đa {item.points:g}")]
        return []

    def judge(self, item: Item, entry: ItemEntry | None) -> Judgement:
        if entry is None or entry.points is None:
            return MISSING
        return Judgement(None if item.points is None else at_least(entry.points, item.points))

    def points(self, item: Item, entry: ItemEntry, judged: Judgement) -> tuple[float | None, str | None]:
        return entry.points, "officer"

    def describe(self, item: Item, model: str) -> str:
        if model != "points":
            return ""
        top = f", tối đa {fmt.number(item.points)} điểm" if item.points is not None else ""
        return f"điểm tự chấm{top}"

    def figures(self, item: Item, value: dict[str, Any], value_text: str) -> tuple[str, float | None]:
        if "done" in value and "total" in value:
            ratio = value["done"] / value["total"] if value["total"] else None
            return f"{fmt.number(value['done'])}/{fmt.number(value['total'])}{self.unit(item)}", ratio
        return "", None

    def shows_figures(self, value: dict[str, Any]) -> bool:
        return "total" in value

    def example_value(self, item: Item, top: float | None) -> tuple[dict[str, Any], str] | None:
        if top is None:
            return None
        return {"points": top}, f"chấm và ghi điểm tự chấm (tối đa {fmt.number(top)} điểm)"


KIND = Points()

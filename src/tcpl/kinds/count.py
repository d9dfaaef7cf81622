"""`count` (số đếm): how many, for example the legal-education conferences held in the year."""

from __future__ import annotations

from datetime import date
from typing import Any

from tcpl import textfmt as fmt
from tcpl.kinds.base import MISSING, Fix, Judgement, Kind, Problem, at_least, entry_json, need
from tcpl.models.assessment import ItemEntry
from tcpl.models.common import count_from_text
from tcpl.models.ruleset import Item


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class Count(Kind):
    name = "count"
    word = "số đếm"
    fields = frozenset({"value"})
    form_fields = (("Số lượng", "value", "count"),)
    example = "3"
    counts_to_level = True
    level_hint = "số tối thiểu"

    def how_to_write(self, item: Item) -> str:
        return f"ghi một số{self.unit(item)}, ví dụ 3"

    def normalise(self, item: Item, entry: ItemEntry) -> tuple[ItemEntry, list[Problem]]:
        if isinstance(entry.value, str | float) and not isinstance(entry.value, bool):
            try:
                value = count_from_text(entry.value)
            except ValueError as exc:
                return entry, [Problem("value", str(exc))]
            if isinstance(value, int):
                return entry.model_copy(update={"value": value}), []
        return entry, []

    def value_problems(self, item: Item, entry: ItemEntry) -> list[Problem]:
        value = entry.value
        if not isinstance(value, int) or isinstance(value, bool):
            return [Problem("value", "ghi một số nguyên không âm")]
        if value < 0:
            return [Problem("value", "số đếm không được âm")]
        return []

    def judge(self, item: Item, entry: ItemEntry | None) -> Judgement:
        if entry is None or not _number(entry.value):
            return MISSING
        level = self.required(item)
        assert isinstance(entry.value, int | float)
        return Judgement(None if level is None else at_least(entry.value, level))

    def rule_words(self, item: Item, level: float) -> str:
        return f"đạt khi có từ {fmt.number(level)}{self.unit(item)} trở lên"

    def shown(self, item: Item, entry: ItemEntry) -> str | None:
        if _number(entry.value):
            assert isinstance(entry.value, int | float)
            return f"{fmt.number(entry.value)}{self.unit(item)}"
        return None

    def fix(self, item: Item, entry: ItemEntry | None, as_of: date, target: float | None) -> Fix | None:
        level = target if target is not None else self.required(item)
        if level is None:
            return None
        current = entry.value if entry is not None and _number(entry.value) else 0
        assert isinstance(current, int | float)
        more = need(level, float(current))
        value = float(current) + more if isinstance(current, float) else int(current) + more
        return Fix(
            {**entry_json(entry), "value": value},
            f"cần thêm {more}{self.unit(item)} (mức yêu cầu: từ {fmt.number(level)} trở lên)",
            more,
        )

    def example_value(self, item: Item, top: float | None) -> tuple[dict[str, Any], str] | None:
        level = self.required(item)
        if level is None:
            return None
        return {"value": need(level)}, f"nhập số liệu; cần từ {need(level)} trở lên"


KIND = Count()

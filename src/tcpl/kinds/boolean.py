"""`boolean` (có/không): done or not done, for example "Lập Danh mục thông tin phải công khai"."""

from __future__ import annotations

from datetime import date
from typing import Any

from tcpl.kinds.base import MISSING, Fix, Judgement, Kind, Problem, entry_json
from tcpl.models.assessment import ItemEntry
from tcpl.models.common import yes_no_from_text
from tcpl.models.ruleset import Item


class Boolean(Kind):
    name = "boolean"
    word = "có/không"
    fields = frozenset({"value"})
    form_fields = (("Có/Không", "value", "yes_no"),)
    example = "true"
    level_hint = 'true nếu nội dung phải được thực hiện ("có")'

    def how_to_write(self, item: Item) -> str:
        if item.yes_label:
            return f"ghi có ({item.yes_label}) hoặc không ({item.no_label or 'không'})"
        return "ghi có hoặc không"

    def normalise(self, item: Item, entry: ItemEntry) -> tuple[ItemEntry, list[Problem]]:
        if isinstance(entry.value, str):
            try:
                return entry.model_copy(update={"value": yes_no_from_text(entry.value)}), []
            except ValueError:
                return entry, [Problem("value", f"ghi 'có' hoặc 'không' (không phải '{entry.value}')")]
        return entry, []

    def value_problems(self, item: Item, entry: ItemEntry) -> list[Problem]:
        if not isinstance(entry.value, bool):
            return [Problem("value", "ghi 'có' hoặc 'không' (true/false)")]
        return []

    def judge(self, item: Item, entry: ItemEntry | None) -> Judgement:
        if entry is None or not isinstance(entry.value, bool):
            return MISSING
        # "Not done" fails whatever the level; "done" meets a level only when the level is known.
        known = self.required(item) is not None
        return Judgement(entry.value if known or not entry.value else None)

    def rule_words(self, item: Item, level: float) -> str:
        return f"đạt khi {item.yes_label or 'có'}"

    def shown(self, item: Item, entry: ItemEntry) -> str | None:
        if isinstance(entry.value, bool):
            return (item.yes_label or "có") if entry.value else (item.no_label or "không")
        return None

    def fix(self, item: Item, entry: ItemEntry | None, as_of: date, target: float | None) -> Fix | None:
        if entry is None:
            return Fix({"value": True}, "thực hiện và ghi true (hiện chưa có số liệu)")
        return Fix({**entry_json(entry), "value": True}, "thực hiện nội dung này (hiện: chưa)")

    def example_value(self, item: Item, top: float | None) -> tuple[dict[str, Any], str] | None:
        return {"value": True}, f"thực hiện và ghi kết quả ({item.yes_label or 'có'})"


def _json(entry: ItemEntry) -> dict[str, Any]:
    return entry.model_dump(mode="json", exclude_defaults=True)


KIND = Boolean()

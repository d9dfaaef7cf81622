"""`ratio` (tỷ lệ): cases done out of cases that arose, for example 9/11 vụ việc hòa giải thành."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from tcpl import textfmt as fmt
from tcpl.kinds.base import EPS, MISSING, Fix, Judgement, Kind, Problem, at_least, entry_json
from tcpl.models.assessment import ItemEntry
from tcpl.models.ruleset import Item

_WHEN_EMPTY = {"met": True, "not_met": False, "unknown": None}


def _at_least_words(pct: str) -> str:
    return f"đạt {pct}" if pct == "100%" else f"đạt từ {pct} trở lên"


class Ratio(Kind):
    name = "ratio"
    word = "tỷ lệ"
    fields = frozenset({"done", "total"})
    form_fields = (("Đã thực hiện", "done", "count"), ("Tổng số", "total", "count"))
    uses_bands = True
    example = "{done: 9, total: 11}"
    level_hint = "tỷ lệ tối thiểu, từ 0 đến 1 (1.0 là 100 %, 0.8 là 80 %)"

    def how_to_write(self, item: Item) -> str:
        done = f"số {item.done_label}" if item.done_label else "số đã thực hiện"
        total = f"số {item.total_label}" if item.total_label else "tổng số"
        return f"ghi {done} (done) trên {total} (total), ví dụ {{done: 9, total: 10}}"

    def check_item(self, item: Item) -> list[str]:
        out = super().check_item(item)
        if item.required is not None and item.required > 1:
            out.append("mức đạt của tỷ lệ phải từ 0 đến 1 (ví dụ 0.8 cho 80 %)")
        levels = [b.at_least for b in item.bands]
        if levels != sorted(levels, reverse=True) or len(set(levels)) != len(levels):
            out.append("các mức trong bands phải xếp từ cao xuống thấp, không trùng")
        return out

    def required(self, item: Item) -> float | None:
        if item.bands:  # a banded ratio is met when it reaches its highest band
            return item.bands[0].at_least
        return super().required(item)

    def max_points(self, item: Item) -> float | None:
        if item.bands:
            return max(b.points for b in item.bands)
        return item.points

    def value_problems(self, item: Item, entry: ItemEntry) -> list[Problem]:
        if not isinstance(entry.done, int) or entry.total is None:
            return [
                Problem(
                    None, "ghi cả 'done' (số đã thực hiện) và 'total' (tổng số), ví dụ {done: 9, total: 11}"
                )
            ]
        return []

    def judge(self, item: Item, entry: ItemEntry | None) -> Judgement:
        if entry is None or not isinstance(entry.done, int) or entry.total is None:
            return MISSING
        if entry.total == 0:
            return Judgement(_WHEN_EMPTY[item.when_empty])
        ratio = entry.done / entry.total
        level = self.required(item)
        if level is None:
            # No level can exceed 100 %: a full ratio is met whatever the unknown level is.
            return Judgement(True if entry.done == entry.total else None, ratio=ratio)
        return Judgement(at_least(entry.done, level * entry.total), ratio=ratio)

    def points(self, item: Item, entry: ItemEntry, judged: Judgement) -> tuple[float | None, str | None]:
        if not item.bands:
            return super().points(item, entry, judged)
        if judged.ratio is None:  # nothing arose in the year
            if judged.met is None:
                return entry.points, ("officer" if entry.points is not None else None)
            return (max(b.points for b in item.bands) if judged.met else 0.0), "rule"
        for band in item.bands:
            if at_least(judged.ratio, band.at_least):
                return band.points, "rule"
        return 0.0, "rule"

    def describe(self, item: Item, model: str) -> str:
        if not (item.bands and model == "points"):
            return super().describe(item, model)
        bands = "; ".join(f"từ {fmt.percent(b.at_least)}: {fmt.number(b.points)} điểm" for b in item.bands)
        return "; ".join([f"{bands}; thấp hơn: 0 điểm", *self.rule_notes(item)])

    def rule_words(self, item: Item, level: float) -> str:
        return f"đạt khi tỷ lệ {_at_least_words(fmt.percent(level))}"

    def rule_notes(self, item: Item) -> list[str]:
        if item.when_empty == "unknown":
            return []
        return ["không phát sinh thì tính là " + ("đạt" if item.when_empty == "met" else "chưa đạt")]

    def shown(self, item: Item, entry: ItemEntry) -> str | None:
        if not isinstance(entry.done, int) or entry.total is None:
            return None
        if entry.total == 0:
            return "không phát sinh (0/0)"
        share = fmt.percent(entry.done / entry.total, below=self.required(item))
        return f"{fmt.number(entry.done)}/{fmt.number(entry.total)}{self.unit(item)} ({share})"

    def failure(
        self, item_id: str, name: str, value_text: str, required: float | None, ratio: float | None
    ) -> str:
        if ratio is not None and required is not None:
            return f"nội dung {item_id} ({name}): {value_text}, chưa đạt mức {fmt.percent(required)}"
        return super().failure(item_id, name, value_text, required, ratio)

    def figures(self, item: Item, value: dict[str, Any], value_text: str) -> tuple[str, float | None]:
        if "done" not in value or "total" not in value:
            return value_text, None
        if value["total"] == 0:
            return "Không phát sinh", None
        label = self.unit(item) or (f" {item.done_label}" if item.done_label else "")
        return f"{fmt.number(value['done'])}/{fmt.number(value['total'])}{label}", value["done"] / value[
            "total"
        ]

    def nothing_arose(self, entry: ItemEntry | None) -> bool:
        return entry is not None and entry.total == 0

    def fix(self, item: Item, entry: ItemEntry | None, as_of: date, target: float | None) -> Fix | None:
        level = target if target is not None else self.required(item)
        if level is None or entry is None or not isinstance(entry.done, int) or not entry.total:
            return None
        more = max(0, math.ceil(level * entry.total - EPS) - entry.done)
        if more == 0:
            return None
        done = entry.done + more
        what = item.done_label or (item.unit or "trường hợp")
        return Fix(
            {**entry_json(entry), "done": done},
            f"cần thêm {fmt.number(more)} {what} để đạt {fmt.number(done)}/{fmt.number(entry.total)}"
            f" ({fmt.percent(done / entry.total)}),"
            f" mức yêu cầu {fmt.percent(level)}",
            more,
        )

    def example_value(self, item: Item, top: float | None) -> tuple[dict[str, Any], str] | None:
        level = self.required(item)
        if level is None:
            return None
        return {"done": 1, "total": 1}, f"nhập số liệu; cần tỷ lệ từ {fmt.percent(level)} trở lên"

    def blocker(self, item: Item, item_id: str, value_text: str, entry: ItemEntry | None) -> str:
        if self.nothing_arose(entry):
            return f"Nội dung {item_id}: không phát sinh trong năm nhưng quy định tính là chưa đạt."
        return super().blocker(item, item_id, value_text, entry)


KIND = Ratio()

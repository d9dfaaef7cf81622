"""`deadline` (thời hạn): done by a due date, for example the yearly legal-education plan."""

from __future__ import annotations

from datetime import date

from tcpl import textfmt as fmt
from tcpl.kinds.base import MISSING, Fix, Judgement, Kind, Problem, entry_json
from tcpl.models.assessment import ItemEntry
from tcpl.models.ruleset import Item


class Deadline(Kind):
    name = "deadline"
    word = "thời hạn"
    fields = frozenset({"due", "done"})
    form_fields = (("Hạn", "due", "date"), ("Ngày hoàn thành", "done", "date"))
    example = "{due: 2026-01-20, done: 2026-01-16}"
    level_hint = "thường không cần: đạt khi hoàn thành đúng hạn"

    def how_to_write(self, item: Item) -> str:
        return "ghi hạn (due) và ngày hoàn thành (done), ví dụ {due: 20/01/2026, done: 16/01/2026}"

    def value_problems(self, item: Item, entry: ItemEntry) -> list[Problem]:
        out: list[Problem] = []
        if entry.due is None:
            out.append(Problem(None, "ghi 'due' (hạn) và 'done' (ngày hoàn thành, nếu đã xong)"))
        if entry.done is not None and not isinstance(entry.done, date):
            out.append(Problem("done", "'done' phải là ngày hoàn thành, ví dụ 2026-01-10"))
        return out

    def judge(self, item: Item, entry: ItemEntry | None) -> Judgement:
        if entry is None or entry.due is None:
            return MISSING
        if isinstance(entry.done, date):
            return Judgement(entry.done <= entry.due)
        return Judgement(False)

    def rule_words(self, item: Item, level: float) -> str:
        return "đạt khi hoàn thành đúng hạn"

    def shown(self, item: Item, entry: ItemEntry) -> str | None:
        if entry.due is None:
            return None
        done = (
            f"hoàn thành ngày {fmt.short_date(entry.done)}"
            if isinstance(entry.done, date)
            else "chưa hoàn thành"
        )
        return f"hạn {fmt.short_date(entry.due)}, {done}"

    def fix(self, item: Item, entry: ItemEntry | None, as_of: date, target: float | None) -> Fix | None:
        if entry is None or entry.due is None or isinstance(entry.done, date) or as_of > entry.due:
            return None
        return Fix(
            {**entry_json(entry), "done": entry.due.isoformat()},
            f"hoàn thành chậm nhất ngày {fmt.short_date(entry.due)}",
        )

    def blocker(self, item: Item, item_id: str, value_text: str, entry: ItemEntry | None) -> str:
        if entry is not None and entry.due is not None:
            if isinstance(entry.done, date):
                return f"Nội dung {item_id}: đã hoàn thành sau hạn ({value_text}); không khắc phục được trong năm."
            return f"Nội dung {item_id}: đã quá hạn {fmt.short_date(entry.due)} mà chưa hoàn thành."
        return super().blocker(item, item_id, value_text, entry)


KIND = Deadline()

"""What every item kind (loại nội dung) knows: one class per kind, one module per class.

An item kind says how the officer's value is read and checked against the item, how it is
judged and scored, how it is explained and shown (text, Markdown, Word, Excel), which entry
fields and form columns it uses, and how `tcpl gap` can improve it. The engine, the loader
and the documents ask the item's kind; none of them branches on a kind's name.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Literal

from tcpl import codes
from tcpl import textfmt as fmt
from tcpl.models.assessment import ItemEntry
from tcpl.models.ruleset import Item

EPS = 1e-9

Verdict = bool | None


def at_least(value: float, threshold: float) -> bool:
    return value >= threshold - EPS


@dataclass(frozen=True)
class Judgement:
    """An item's own verdict before points: met (None: undetermined), missing data, and its ratio."""

    met: Verdict
    missing: bool = False
    ratio: float | None = None


MISSING = Judgement(False, True)


@dataclass(frozen=True)
class Problem:
    """Something wrong with an entered value: the field it is in (None: the entry) and what to do."""

    field: str | int | None
    message: str
    code: str = codes.WRONG_VALUE_FOR_KIND
    at: tuple[str | int, ...] = ()
    """A place below the field (the option of a list), when the problem is there."""


@dataclass
class Reading:
    """An entry as the kind reads it: normalised, with the problems found."""

    entry: ItemEntry
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Fix:
    """How to make an item reach a level: the new value, the words for the officer, the effort."""

    value: dict[str, Any] | None
    words: str
    effort: int = 1


def entry_json(entry: ItemEntry | None) -> dict[str, Any]:
    """An assessment entry as JSON, only the fields the officer wrote (`{}` when there is none)."""
    return entry.model_dump(mode="json", exclude_defaults=True) if entry else {}


GENERIC_FIELDS = frozenset({"evidence", "note", "officer"})
"""Entry fields any kind accepts."""


CellType = Literal["count", "yes_no", "date", "options", "number"]
"""How an entry-form cell is read: a whole number, có/không, a date, option names, a number."""


class Kind:
    """The base of every item kind; a kind overrides what differs."""

    name: ClassVar[str]
    word: ClassVar[str]
    """The kind in the officer's words ("tỷ lệ"), for messages and forms."""
    fields: ClassVar[frozenset[str]] = frozenset()
    """Entry fields the kind's value uses (beyond evidence, note, officer)."""
    form_fields: ClassVar[tuple[tuple[str, str, CellType], ...]] = ()
    """The Excel entry form's columns the kind's value goes into: (column, entry field, cell type)."""
    uses_options: ClassVar[bool] = False
    uses_bands: ClassVar[bool] = False
    officer_scored: ClassVar[bool] = False
    """Its points are the officer's own figure (kind points), not computed from its value."""
    counts_to_level: ClassVar[bool] = False
    """An unmet value is a number short of its level (count, choice): the reason says the level."""
    example: ClassVar[str] = ""
    """What a value looks like, as the officer writes it in YAML."""
    level_hint: ClassVar[str] = "mức đạt chuẩn"
    """How a ruleset writes this kind's `required:` level, for a province filling it in."""

    # --- the item, as a ruleset defines it ---------------------------------------------------

    def check_item(self, item: Item) -> list[str]:
        """Problems in the item's definition (a ruleset or an overlay)."""
        out: list[str] = []
        if item.options and not self.uses_options:
            out.append(f"chỉ nội dung loại choice mới có options (nội dung {item.id} là {self.name})")
        if item.bands and not self.uses_bands:
            out.append(f"chỉ nội dung loại ratio mới có bands (nội dung {item.id} là {self.name})")
        return out

    def required(self, item: Item) -> float | None:
        """The level the item needs; None when the ruleset says it is unknown (`required: null`)."""
        if not item.required_known:
            return None
        return item.required if item.required is not None else 1.0

    def max_points(self, item: Item) -> float | None:
        return item.points

    # --- the officer's value ----------------------------------------------------------------

    def read(self, item: Item, entry: ItemEntry) -> Reading:
        """Check (and normalise) the entered value; problems name the field."""
        entry, problems = self.normalise(item, entry)
        reading = Reading(entry, problems or self.value_problems(item, entry))
        extra = sorted(entry.model_fields_set - self.fields - GENERIC_FIELDS - {"points"})
        if extra and not self.officer_scored:
            reading.problems.append(
                Problem(extra[0], f"trường '{extra[0]}' không dùng cho loại nội dung này")
            )
        return reading

    @property
    def columns(self) -> tuple[str, ...]:
        """The entry form's columns this kind uses."""
        return tuple(column for column, _, _ in self.form_fields)

    def how_to_write(self, item: Item) -> str:
        """What the officer writes for this item, in words, with an example (the scaffold's comment)."""
        return f"ghi {self.example}"

    def normalise(self, item: Item, entry: ItemEntry) -> tuple[ItemEntry, list[Problem]]:
        """The value as the kind keeps it, from the forms officers write ("có", "22,5", option names)."""
        return entry, []

    def value_problems(self, item: Item, entry: ItemEntry) -> list[Problem]:
        return []

    # --- judging and scoring ------------------------------------------------------------------

    def judge(self, item: Item, entry: ItemEntry | None) -> Judgement:
        raise NotImplementedError

    def points(self, item: Item, entry: ItemEntry, judged: Judgement) -> tuple[float | None, str | None]:
        """(points earned, where they come from: "rule" or "officer") in the points model."""
        if judged.met is False:
            # Not met: whatever the points rule, the item earns nothing (an officer's figure too).
            return 0.0, "rule"
        if item.points is not None and judged.met is True:
            return item.points, "rule"
        # No rule to score it (or the level is unknown): the officer's figure is all there is.
        return entry.points, ("officer" if entry.points is not None else None)

    # --- words ----------------------------------------------------------------------------------

    def rule_words(self, item: Item, level: float) -> str:
        """The rule of a known level, in words."""
        return f"đạt khi đạt mức {fmt.number(level)}"

    def describe(self, item: Item, model: str) -> str:
        """The item's rule in words (quy tắc), for --explain, the scoresheet and the reports."""
        level = self.required(item)
        parts: list[str] = []
        if level is None:
            parts.append("mức đạt chưa xác định trong bộ tiêu chí")
        else:
            parts.append(self.rule_words(item, level))
        parts.extend(self.rule_notes(item))
        if model == "points":
            if item.points is not None:
                parts.append(f"đạt thì được {fmt.number(item.points)} điểm")
            else:
                parts.append("chưa có quy tắc tính điểm: dùng điểm tự chấm")
        return "; ".join(parts)

    def rule_notes(self, item: Item) -> list[str]:
        return []

    def unit(self, item: Item) -> str:
        return f" {item.unit}" if item.unit else ""

    def value_text(self, item: Item, entry: ItemEntry | None) -> str:
        """The entered value in words, for tables and reasons."""
        if entry is None:
            return "chưa có số liệu"
        shown = self.shown(item, entry)
        if shown is not None:
            return shown
        if entry.points is not None:
            return f"{fmt.number(entry.points)} điểm tự chấm"
        return "chưa có số liệu"

    def shown(self, item: Item, entry: ItemEntry) -> str | None:
        """The kind's own value in words; None when there is none."""
        return None

    def failure(
        self, item_id: str, name: str, value_text: str, required: float | None, ratio: float | None
    ) -> str:
        """Why an unmet item is not met, for the reasons of a verdict."""
        if self.counts_to_level and required is not None:
            return f"nội dung {item_id} ({name}): {value_text}, cần từ {fmt.number(required)} trở lên"
        return f"nội dung {item_id} ({name}): {value_text}"

    def figures(self, item: Item, value: dict[str, Any], value_text: str) -> tuple[str, float | None]:
        """The raw figures (số liệu thực hiện) and the ratio (tỷ lệ đạt được) of the scoresheet."""
        return value_text, None

    def shows_figures(self, value: dict[str, Any]) -> bool:
        """Whether the item's figures say something in a report (an officer's bare points do not)."""
        return True

    # --- what `tcpl gap` can do -----------------------------------------------------------------

    def nothing_arose(self, entry: ItemEntry | None) -> bool:
        """The value says nothing happened in the year to count (a ratio of 0/0)."""
        return False

    def fix(self, item: Item, entry: ItemEntry | None, as_of: date, target: float | None) -> Fix | None:
        """How to reach `target` (the item's level by default); None when no figure can do it."""
        return None

    def example_value(self, item: Item, top: float | None) -> tuple[dict[str, Any], str] | None:
        """Data that would meet the item's level, for an item with no data yet, and the words for it.

        `top` is the points the item can earn, for a kind the officer scores.
        """
        return None

    def blocker(self, item: Item, item_id: str, value_text: str, entry: ItemEntry | None) -> str:
        return f"Nội dung {item_id}: không tìm được cách đạt ({value_text})."


def need(level: float, have: float = 0) -> int:
    """How many more units reach `level` from `have` (at least one)."""
    return max(1, math.ceil(level - have - EPS))

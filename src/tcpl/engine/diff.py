"""What changed between two versions of an assessment (`tcpl diff`): items, indicators, verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tcpl.engine.results import CriterionResult, IndicatorResult, Record, ScoreResult, Verdict


@dataclass
class Change(Record):
    """One difference between two results (thay đổi): an item, indicator, criterion, the total, the verdict."""

    level: str  # item | indicator | criterion | verdict | total
    id: str
    name: str
    before: Any
    after: Any
    detail: str = ""


@dataclass
class DiffResult:
    changes: list[Change] = field(default_factory=list)

    @property
    def verdict_changed(self) -> bool:
        return any(c.level == "verdict" for c in self.changes)

    def to_json(self) -> dict[str, Any]:
        return {"verdict_changed": self.verdict_changed, "changes": [c.to_json() for c in self.changes]}


def _state(met: Verdict, points: float | None) -> dict[str, Any]:
    return {"met": met, "points": points}


def diff_results(old: ScoreResult, new: ScoreResult) -> DiffResult:
    """Changes from `old` to `new`, most important first (verdict, total, criteria, ...)."""
    out = DiffResult()
    if old.recognized != new.recognized:
        out.changes.append(Change("verdict", "", "Kết quả công nhận", old.recognized, new.recognized))
    if old.total_points != new.total_points:
        out.changes.append(Change("total", "", "Tổng điểm", old.total_points, new.total_points))
    if old.ruleset != new.ruleset:
        out.changes.append(Change("ruleset", "", "Bộ tiêu chí", old.ruleset, new.ruleset))
    levels: list[tuple[str, list[CriterionResult] | list[IndicatorResult], list[Any]]] = [
        ("criterion", old.criteria, list(new.criteria)),
        ("indicator", old.indicators(), list(new.indicators())),
    ]
    for level, olds, news in levels:
        earlier = {r.id: r for r in olds}
        for r in news:
            before = earlier.get(r.id)
            if before is None or (before.met, before.points) != (r.met, r.points):
                previous = _state(before.met, before.points) if before else None
                out.changes.append(Change(level, r.id, r.name, previous, _state(r.met, r.points)))
    old_items = {it.id: it for it in old.items()}
    for it in new.items():
        before_it = old_items.get(it.id)
        if before_it is None:
            out.changes.append(Change("item", it.id, it.name, None, it.value, it.value_text))
            continue
        if before_it.value != it.value or (before_it.met, before_it.points) != (it.met, it.points):
            detail = f"{before_it.value_text} → {it.value_text}"
            out.changes.append(
                Change(
                    "item",
                    it.id,
                    it.name,
                    {"value": before_it.value, **_state(before_it.met, before_it.points)},
                    {"value": it.value, **_state(it.met, it.points)},
                    detail,
                )
            )
    return out

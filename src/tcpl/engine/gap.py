"""What a commune still needs to be recognised (`tcpl gap`): the smallest set of improvements.

Pass/fail model: every unmet item must be met, so the answer is each of them with the figure
it needs. Points model: choose improvements (a higher ratio band, an item made good) so that
the total reaches the threshold and every criterion its share, with as few items as possible,
then as little effort as possible (effort = extra cases, documents, activities). This is an
exact multiple-choice knapsack: per indicator (items share the indicator's cap), per
criterion (dynamic programming over gained points), then across criteria.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from tcpl import kinds
from tcpl import textfmt as fmt
from tcpl.engine.results import IndicatorResult, ItemResult, ScoreResult
from tcpl.engine.scoring import item_max_points, score
from tcpl.kinds.base import EPS, entry_json
from tcpl.models.assessment import Assessment, ItemEntry
from tcpl.models.ruleset import Item, Ruleset

UNKNOWN_EFFORT = 1000
"""Effort given to raising an officer-scored item: no rule says what it takes, so it comes last."""

Cost = tuple[int, int]
INF: Cost = (10**9, 10**9)


@dataclass
class Improvement:
    """One item to improve, with what it needs (đề xuất cải thiện)."""

    item_id: str
    indicator_id: str
    criterion_id: str
    name: str
    action: str
    new_value: dict[str, Any] | None
    points_gain: float | None = None
    effort: int = 1
    assumed: bool = False
    """True when the item has no data yet: `new_value` is an example of data that would do."""

    def to_json(self) -> dict[str, Any]:
        return {
            "item": self.item_id,
            "indicator": self.indicator_id,
            "criterion": self.criterion_id,
            "name": self.name,
            "action": self.action,
            "new_value": self.new_value,
            "points_gain": self.points_gain,
            "effort": self.effort,
            "assumed": self.assumed,
        }


@dataclass
class GapResult:
    """The answer of `tcpl gap`."""

    recognized: bool | None
    feasible: bool | None
    steps: list[Improvement] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    points_after: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "recognized": self.recognized,
            "feasible": self.feasible,
            "steps": [s.to_json() for s in self.steps],
            "blockers": self.blockers,
            "notes": self.notes,
            "points_after": self.points_after,
        }


def gap(
    ruleset: Ruleset, assessment: Assessment, *, as_of: date | None = None, result: ScoreResult | None = None
) -> GapResult:
    """The smallest set of improvements that makes the commune recognised."""
    as_of = as_of or date.today()
    result = result or score(ruleset, assessment)
    if result.recognized:
        return GapResult(recognized=True, feasible=True, notes=["Xã đã đủ điều kiện công nhận."])
    out = GapResult(recognized=result.recognized, feasible=True)
    index = ruleset.item_index()
    for cond in result.conditions:
        if cond.missing:
            out.notes.append(f"Cần khai báo điều kiện '{cond.id}' trong tệp đánh giá ({cond.text}).")
        elif not cond.met:
            out.blockers.append(
                f"Không bảo đảm điều kiện công nhận: {cond.text}; không khắc phục được bằng số liệu."
            )
    if ruleset.model == "pass_fail":
        _pass_fail(result, index, assessment, as_of, out)
    else:
        _points(ruleset, result, index, assessment, as_of, out)
    if out.blockers:
        out.feasible = False
    return out


def apply(assessment: Assessment, steps: list[Improvement]) -> Assessment:
    """The assessment with the suggested values put in (to check a gap answer)."""
    items = dict(assessment.items)
    for step in steps:
        if step.new_value is not None:
            items[step.item_id] = ItemEntry.model_validate(step.new_value)
    return assessment.model_copy(update={"items": items})


def _fix(
    item: Item, entry: ItemEntry | None, as_of: date, target: float | None = None
) -> tuple[dict[str, Any] | None, str, int] | None:
    """How to make an item reach `target` (its required level by default): value, words, effort.

    None when no figure can do it (late deadline, nothing arose, unknown level).
    """
    fix = kinds.of(item).fix(item, entry, as_of, target)
    return (fix.value, fix.words, fix.effort) if fix is not None else None


def _example_value(item: Item, top_points: float | None) -> tuple[dict[str, Any], str] | None:
    """Data that would meet the item's level, for an item with no data yet, and the words for it."""
    kind = kinds.of(item)
    if not kind.officer_scored and kind.required(item) is None:
        return None
    found = kind.example_value(item, top_points)
    if found is None:
        return None
    value, words = found
    if top_points is not None and not item.bands and item.points is None and not kind.officer_scored:
        value = {**value, "points": top_points}  # no rule scores it: the officer's figure is needed too
    return value, words


def _pass_fail(
    result: ScoreResult, index: dict[str, Item], assessment: Assessment, as_of: date, out: GapResult
) -> None:
    for criterion in result.criteria:
        for indicator in criterion.indicators:
            for r in indicator.items:
                if r.met is True:
                    continue
                item = index[r.id]
                if r.met is None and not r.missing:
                    out.feasible = None
                    out.notes.append(
                        f"Nội dung {r.id}: bộ tiêu chí chưa có mức đạt chuẩn nên chưa tính được"
                        " cần bao nhiêu."
                    )
                    continue
                entry = assessment.items.get(r.id)
                if r.missing:
                    example = _example_value(item, None)
                    if example is None:
                        out.blockers.append(
                            f"Nội dung {r.id}: chưa có số liệu và không tính được cần gì ({r.rule})."
                        )
                    else:
                        out.steps.append(
                            Improvement(
                                r.id, indicator.id, criterion.id, r.name, example[1], example[0], assumed=True
                            )
                        )
                    continue
                fix = _fix(item, entry, as_of)
                if fix is None:
                    out.blockers.append(_blocker(item, r, entry, as_of))
                    continue
                value, words, effort = fix
                out.steps.append(
                    Improvement(r.id, indicator.id, criterion.id, r.name, words, value, effort=effort)
                )


def _blocker(item: Item, r: ItemResult, entry: ItemEntry | None, as_of: date) -> str:
    return kinds.of(item).blocker(item, r.id, r.value_text, entry)


# --- points model -------------------------------------------------------------------------


def _scale(values: list[float]) -> int:
    """Smallest integer that makes every point value whole (points come in 0,25 or 0,5 steps)."""
    denominator = 1
    for v in values:
        frac = Fraction(v).limit_denominator(100)
        denominator = denominator * frac.denominator // math.gcd(denominator, frac.denominator)
    return min(denominator, 100)


def _item_options(
    item: Item,
    r: ItemResult,
    entry: ItemEntry | None,
    as_of: date,
    indicator_max: float | None,
    ind: IndicatorResult,
    crit_id: str,
) -> list[tuple[float, int, Improvement]]:
    """Ways to raise one item's points: (gain, effort, improvement)."""
    current = r.points or 0.0
    opts: list[tuple[float, int, Improvement]] = []

    def add(
        new_points: float, value: dict[str, Any] | None, words: str, effort: int, assumed: bool = False
    ) -> None:
        gain = new_points - current
        if gain > EPS:
            opts.append(
                (
                    gain,
                    effort,
                    Improvement(r.id, ind.id, crit_id, r.name, words, value, gain, effort, assumed),
                )
            )

    if r.missing:
        top = item_max_points(item) if (item.bands or item.points is not None) else None
        if top is None:
            top = indicator_max
        if top is not None:
            example = _example_value(item, top)
            if example is not None:
                add(top, example[0], f"{example[1]} → tối đa {fmt.number(top)} điểm", 1, assumed=True)
        return opts

    if kinds.of(item).nothing_arose(entry) and r.met is None:
        # Nothing arose and the ruleset does not say how that counts: only the officer can score it.
        top = item_max_points(item) if (item.bands or item.points is not None) else indicator_max
        if top is not None:
            add(
                top,
                {**entry_json(entry), "points": top},
                "không phát sinh, bộ tiêu chí chưa quy định cách tính: chấm theo hướng dẫn và ghi điểm tự chấm",
                UNKNOWN_EFFORT,
                assumed=True,
            )
        return opts
    if r.points_from == "rule" or (r.points_from is None and (item.bands or item.points is not None)):
        if item.bands:
            for band in item.bands:
                if band.points <= current + EPS:
                    continue
                fix = _fix(item, entry, as_of, target=band.at_least)
                if fix is not None:
                    value, words, effort = fix
                    add(band.points, value, f"{words} → {fmt.number(band.points)} điểm", effort)
        elif item.points is not None and r.met is not True:
            fix = _fix(item, entry, as_of)
            if fix is not None:
                value, words, effort = fix
                add(item.points, value, f"{words} → {fmt.number(item.points)} điểm", effort)
        elif item.points is None and r.met is False and indicator_max is not None:
            # A failed item that no rule scores: once met, the officer scores it (Phụ lục I).
            fix = _fix(item, entry, as_of)
            if fix is not None:
                value, words, effort = fix
                add(
                    indicator_max,
                    {**(value or {}), "points": indicator_max},
                    f"{words}, rồi chấm lại theo hướng dẫn chấm điểm (tối đa {fmt.number(indicator_max)} điểm)",
                    effort,
                )
        return opts
    # Officer-scored: no rule says what raising it takes; offer the maximum if one is known.
    top = item.points if item.points is not None else indicator_max
    if top is not None and top > current + EPS:
        base = entry_json(entry)
        add(
            top,
            {**base, "points": top},
            f"rà soát, cải thiện rồi chấm lại theo hướng dẫn chấm điểm (tối đa {fmt.number(top)} điểm)",
            UNKNOWN_EFFORT,
        )
    return opts


def _add(a: Cost, b: Cost) -> Cost:
    return (a[0] + b[0], a[1] + b[1])


def _points(
    ruleset: Ruleset,
    result: ScoreResult,
    index: dict[str, Item],
    assessment: Assessment,
    as_of: date,
    out: GapResult,
) -> None:
    rec = ruleset.recognition
    if rec.total_at_least is None:
        out.feasible = None
        out.notes.append("Bộ tiêu chí chưa có tổng điểm tối thiểu: không tính được khoảng cách.")
        return
    share = rec.criterion_share_at_least
    all_points = [rec.total_at_least, result.total_points or 0.0]
    for c in result.criteria:
        all_points += [c.points or 0.0, c.max_points or 0.0, (share or 0) * (c.max_points or 0)]
        for ind in c.indicators:
            all_points += [ind.points or 0.0, ind.max_points or 0.0]
    for _, _, it in ruleset.iter_items():
        all_points += [it.points or 0.0] + [b.points for b in it.bands]
    scale = _scale(all_points)

    def units(x: float) -> int:
        return round(x * scale)

    total_need = max(0, math.ceil(rec.total_at_least * scale - (result.total_points or 0) * scale - EPS))
    crit_tables: list[tuple[str, int, list[Cost], list[list[tuple[Improvement, ...]]]]] = []
    undetermined_share = False
    for c in result.criteria:
        need = 0
        if share is not None and c.max_points is not None:
            need = max(0, math.ceil(share * c.max_points * scale - (c.points or 0) * scale - EPS))
        elif share is not None:
            undetermined_share = True
        headroom = units(c.max_points - (c.points or 0)) if c.max_points is not None else None
        cap = max(total_need, need) if headroom is None else min(headroom, max(total_need, need))
        best: list[Cost] = [INF] * (cap + 1)
        picks: list[list[tuple[Improvement, ...]]] = [[] for _ in range(cap + 1)]
        best[0] = (0, 0)
        picks[0] = [()]
        for ind in c.indicators:
            ind_opts = _indicator_options(ind, index, assessment, as_of, c.id, units)
            new_best = list(best)
            new_picks = [list(p) for p in picks]
            for g0 in range(cap + 1):
                if best[g0] == INF:
                    continue
                for gain, cost, steps in ind_opts:
                    g = min(cap, g0 + gain)
                    cand = _add(best[g0], cost)
                    if cand < new_best[g]:
                        new_best[g] = cand
                        new_picks[g] = [picks[g0][0] + steps]
            best, picks = new_best, new_picks
        crit_tables.append((c.id, need, best, picks))
        if need > cap or all(cost == INF for cost in best[need:]):
            out.blockers.append(
                f"Tiêu chí {c.id}: không đủ điểm có thể cải thiện để đạt"
                f" {fmt.percent(share or 0, digits=0)} điểm tối đa."
            )
    if out.blockers:
        return
    # Across criteria: reach the total with every criterion at or above its own need.
    total_best: list[Cost] = [INF] * (total_need + 1)
    total_pick: list[tuple[Improvement, ...]] = [()] * (total_need + 1)
    total_best[0] = (0, 0)
    for _cid, need, best, picks in crit_tables:
        nb: list[Cost] = [INF] * (total_need + 1)
        np_: list[tuple[Improvement, ...]] = [()] * (total_need + 1)
        for s in range(total_need + 1):
            if total_best[s] == INF:
                continue
            for g in range(need, len(best)):
                if best[g] == INF:
                    continue
                t = min(total_need, s + g)
                cand = _add(total_best[s], best[g])
                if cand < nb[t]:
                    nb[t] = cand
                    np_[t] = total_pick[s] + picks[g][0]
        total_best, total_pick = nb, np_
    if total_best[total_need] == INF:
        out.blockers.append(
            f"Không đủ điểm có thể cải thiện để đạt tổng {fmt.number(rec.total_at_least)} điểm."
        )
        return
    out.steps = sorted(
        total_pick[total_need], key=lambda s: [int(p) for p in s.item_id.split(".") if p.isdigit()]
    )
    # Recomputed, not summed: caps make gains overlap.
    out.points_after = score(ruleset, apply(assessment, out.steps)).total_points
    if undetermined_share:
        out.feasible = None
        out.notes.append(
            "Một số tiêu chí chưa có điểm tối đa: chỉ tính được điều kiện tổng điểm, chưa tính"
            " được điều kiện mỗi tiêu chí đạt tỷ lệ tối thiểu."
        )
    if any(s.effort >= UNKNOWN_EFFORT for s in out.steps):
        out.notes.append(
            "Có nội dung do công chức tự chấm (bộ tiêu chí chưa có quy tắc): đề xuất nâng điểm"
            " các nội dung này chỉ có giá trị tham khảo."
        )


def _indicator_options(
    ind: IndicatorResult,
    index: dict[str, Item],
    assessment: Assessment,
    as_of: date,
    crit_id: str,
    units: Callable[[float], int],
) -> list[tuple[int, Cost, tuple[Improvement, ...]]]:
    """The cheapest combination of item improvements for each gain of one indicator (its cap applied).

    A knapsack over the items (not every combination of them: 30 items would be 4^30), with
    the gain capped at the indicator's headroom, so the table stays small.
    """
    current = ind.points or 0.0
    headroom = units(ind.max_points - current) if ind.max_points is not None else None
    best: dict[int, tuple[Cost, tuple[Improvement, ...]]] = {0: ((0, 0), ())}
    for r in ind.items:
        item = index[r.id]
        opts = _item_options(item, r, assessment.items.get(r.id), as_of, ind.max_points, ind, crit_id)
        if not opts:
            continue
        table = dict(best)
        for reached, (cost, steps) in best.items():
            for gain, effort, step in opts:
                total = reached + units(gain)
                if headroom is not None:
                    total = min(total, headroom)
                candidate: Cost = (cost[0] + 1, cost[1] + effort)
                if total not in table or candidate < table[total][0]:
                    table[total] = (candidate, (*steps, step))
        best = table
    return [(g, cost, steps) for g, (cost, steps) in best.items() if g > 0]

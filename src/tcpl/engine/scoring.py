"""Pure scoring: (ruleset, assessment) -> ScoreResult. No I/O, no printing.

Semantics are those of DESIGN.md ("Two rule models, one engine"). Three-valued verdicts:
True, False, or None when a figure the rule needs is not known (an unverified maximum or
required level left out of the ruleset); a value missing from the assessment makes its item
not met and is reported as missing.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from tcpl import textfmt as fmt
from tcpl.engine.results import (
    ConditionResult,
    CriterionResult,
    IndicatorResult,
    ItemResult,
    ScoreResult,
    Verdict,
)
from tcpl.models.assessment import Assessment, ItemEntry
from tcpl.models.ruleset import Criterion, Indicator, Item, ItemKind, Ruleset

if TYPE_CHECKING:
    from tcpl.loading.rulesets import LoadedRuleset

EPS = 1e-9


def all_of(verdicts: list[Verdict]) -> Verdict:
    """Three-valued AND: False wins, then None (undetermined), else True."""
    if any(v is False for v in verdicts):
        return False
    if any(v is None for v in verdicts):
        return None
    return True


def at_least(value: float, threshold: float) -> bool:
    return value >= threshold - EPS


def default_required(item: Item) -> float | None:
    """The item's required level; None when the ruleset says it is unknown."""
    if item.bands:  # a banded ratio is met when it reaches its highest band
        return item.bands[0].at_least
    if not item.required_known:
        return None
    return item.required_value()


def item_max_points(item: Item) -> float | None:
    if item.bands:
        return max(b.points for b in item.bands)
    return item.points


def _at_least_words(pct: str) -> str:
    return f"đạt {pct}" if pct == "100%" else f"đạt từ {pct} trở lên"


def describe_rule(item: Item, model: str) -> str:
    """The item's rule in words (quy tắc), for --explain, the scoresheet and the reports."""
    req = default_required(item)
    parts: list[str] = []
    unit = f" {item.unit}" if item.unit else ""
    if req is None and item.kind is not ItemKind.POINTS:
        parts.append("mức đạt chưa xác định trong bộ tiêu chí")
    elif item.kind is ItemKind.BOOLEAN:
        parts.append(f"đạt khi {item.yes_label or 'có'}")
    elif item.kind is ItemKind.RATIO:
        if item.bands and model == "points":
            bands = "; ".join(
                f"từ {fmt.percent(b.at_least)}: {fmt.number(b.points)} điểm" for b in item.bands
            )
            parts.append(f"{bands}; thấp hơn: 0 điểm")
        else:
            parts.append(f"đạt khi tỷ lệ {_at_least_words(fmt.percent(req))}")
    elif item.kind is ItemKind.COUNT:
        parts.append(f"đạt khi có từ {fmt.number(req)}{unit} trở lên")
    elif item.kind is ItemKind.CHOICE:
        parts.append(f"đạt khi có từ {fmt.number(req)} hình thức trở lên")
    elif item.kind is ItemKind.DEADLINE:
        parts.append("đạt khi hoàn thành đúng hạn")
    if item.kind is ItemKind.RATIO and item.when_empty != "unknown":
        parts.append("không phát sinh thì tính là " + ("đạt" if item.when_empty == "met" else "chưa đạt"))
    if model == "points":
        if item.kind is ItemKind.POINTS:
            top = f", tối đa {fmt.number(item.points)} điểm" if item.points is not None else ""
            parts.append(f"điểm tự chấm{top}")
        elif not item.bands:
            if item.points is not None:
                parts.append(f"đạt thì được {fmt.number(item.points)} điểm")
            else:
                parts.append("chưa có quy tắc tính điểm: dùng điểm tự chấm")
    return "; ".join(parts)


def entry_json(entry: ItemEntry | None) -> dict[str, Any]:
    """An assessment entry as JSON, only the fields the officer wrote (`{}` when there is none)."""
    return entry.model_dump(mode="json", exclude_defaults=True) if entry else {}


def value_text(item: Item, entry: ItemEntry | None) -> str:
    """The entered value in words, for tables and reasons."""
    if entry is None:
        return "chưa có số liệu"
    unit = f" {item.unit}" if item.unit else ""
    kind = item.kind
    if kind is ItemKind.RATIO and isinstance(entry.done, int) and entry.total is not None:
        if entry.total == 0:
            return "không phát sinh (0/0)"
        return f"{entry.done}/{entry.total}{unit} ({fmt.percent(entry.done / entry.total)})"
    if kind is ItemKind.BOOLEAN and isinstance(entry.value, bool):
        return (item.yes_label or "có") if entry.value else (item.no_label or "không")
    if kind is ItemKind.COUNT and isinstance(entry.value, int | float) and not isinstance(entry.value, bool):
        return f"{fmt.number(entry.value)}{unit}"
    if kind is ItemKind.CHOICE and isinstance(entry.value, list):
        names = {o.id: o.name for o in item.options}
        return "; ".join(names.get(v, v) for v in entry.value) or "không có"
    if kind is ItemKind.DEADLINE and entry.due is not None:
        done = (
            f"hoàn thành ngày {fmt.short_date(entry.done)}"
            if isinstance(entry.done, date)
            else "chưa hoàn thành"
        )
        return f"hạn {fmt.short_date(entry.due)}, {done}"
    if entry.points is not None:
        return f"{fmt.number(entry.points)} điểm tự chấm"
    return "chưa có số liệu"


def _judge(item: Item, entry: ItemEntry | None) -> tuple[Verdict, bool, float | None]:
    """(met, missing, ratio) for the item's own value, before points."""
    req = default_required(item)
    kind = item.kind
    if kind is ItemKind.POINTS:
        if entry is None or entry.points is None:
            return False, True, None
        top = item.points
        return (None if top is None else at_least(entry.points, top)), False, None
    if entry is None:
        return False, True, None
    if kind is ItemKind.BOOLEAN:
        if not isinstance(entry.value, bool):
            return False, True, None
        return (entry.value if req is not None or not entry.value else None), False, None
    if kind is ItemKind.RATIO:
        if not isinstance(entry.done, int) or entry.total is None:
            return False, True, None
        if entry.total == 0:
            return {"met": True, "not_met": False, "unknown": None}[item.when_empty], False, None
        ratio = entry.done / entry.total
        if req is None:
            # No level can exceed 100 %: a full ratio is met whatever the unknown level is.
            return (True if entry.done == entry.total else None), False, ratio
        return at_least(entry.done, req * entry.total), False, ratio
    if kind is ItemKind.COUNT:
        value = entry.value
        if not isinstance(value, int | float) or isinstance(value, bool):
            return False, True, None
        return (None if req is None else at_least(value, req)), False, None
    if kind is ItemKind.CHOICE:
        if not isinstance(entry.value, list):
            return False, True, None
        valid = {o.id for o in item.options}
        chosen = {v for v in entry.value if v in valid}
        return (None if req is None else at_least(len(chosen), req)), False, None
    # deadline
    if entry.due is None:
        return False, True, None
    if isinstance(entry.done, date):
        return entry.done <= entry.due, False, None
    return False, False, None


def _points(
    item: Item, entry: ItemEntry | None, met: Verdict, ratio: float | None, missing: bool
) -> tuple[float | None, str | None]:
    """(points earned, where they come from) in the points model; None: no figure to give."""
    if missing:
        return 0.0, None
    assert entry is not None
    if item.kind is ItemKind.POINTS:
        return entry.points, "officer"
    if item.bands:
        if ratio is None:  # nothing arose in the year
            if met is None:
                return entry.points, ("officer" if entry.points is not None else None)
            return (max(b.points for b in item.bands) if met else 0.0), "rule"
        for band in item.bands:
            if at_least(ratio, band.at_least):
                return band.points, "rule"
        return 0.0, "rule"
    if met is False:
        # Not met: whatever the points rule, the item earns nothing (an officer's figure too).
        return 0.0, "rule"
    if item.points is not None and met is True:
        return item.points, "rule"
    # No rule to score it (or the level is unknown): the officer's figure is all there is.
    return entry.points, ("officer" if entry.points is not None else None)


def score_item(item: Item, entry: ItemEntry | None, model: str) -> ItemResult:
    met, missing, ratio = _judge(item, entry)
    result = ItemResult(
        id=item.id,
        name=item.name,
        kind=item.kind.value,
        met=met,
        missing=missing,
        value=entry_json(entry),
        ratio=ratio,
        required=default_required(item),
        rule=describe_rule(item, model),
        value_text=value_text(item, entry),
        verified=item.verified,
        evidence=list(entry.evidence) if entry else [],
        note=entry.note if entry else None,
        officer=entry.officer if entry else None,
    )
    if model == "points":
        points, source = _points(item, entry, met, ratio, missing)
        if points is None:
            # A value with no scoring rule and no officer figure: no points can be given.
            result.points_missing = True
            points = 0.0
        result.points = points
        result.points_from = source  # type: ignore[assignment]
        result.max_points = item_max_points(item)
    result.explanation = _explain(result)
    return result


def _explain(r: ItemResult) -> str:
    if r.missing:
        verdict = "thiếu số liệu, tính là chưa đạt"
    elif r.points_missing:
        verdict = "chưa ghi điểm tự chấm, tính 0 điểm"
    elif r.met is None:
        verdict = "chưa xác định"
    else:
        verdict = "đạt" if r.met else "chưa đạt"
    pts = f"; {fmt.number(r.points)} điểm" if r.points is not None else ""
    return f"{r.value_text} — {r.rule} → {verdict}{pts}"


def score_indicator(indicator: Indicator, assessment: Assessment, model: str) -> IndicatorResult:
    items = [score_item(it, assessment.items.get(it.id), model) for it in indicator.items]
    result = IndicatorResult(
        id=indicator.id,
        name=indicator.name,
        met=all_of([i.met for i in items]),
        items=items,
        max_points=indicator.max_points,
        verified=indicator.verified and all(i.verified for i in indicator.items),
    )
    if model == "points":
        total = sum(i.points or 0.0 for i in items)
        if indicator.max_points is not None and total > indicator.max_points + EPS:
            total = indicator.max_points
            result.capped = True
        result.points = total
    return result


def score_loaded(loaded: LoadedRuleset, assessment: Assessment) -> ScoreResult:
    """`score` under a loaded ruleset, recording the national ruleset that an overlay extends."""
    return score(loaded.ruleset, assessment, base_ruleset=loaded.base_id)


def score(ruleset: Ruleset, assessment: Assessment, *, base_ruleset: str | None = None) -> ScoreResult:
    """Score an assessment against a ruleset (chấm điểm, đánh giá)."""
    model = ruleset.model
    criteria: list[CriterionResult] = []
    for criterion in ruleset.criteria:
        criteria.append(_score_criterion(criterion, assessment, model))
    conditions = [
        ConditionResult(
            id=c.id,
            text=c.text,
            met=assessment.conditions.get(c.id) is True,
            missing=c.id not in assessment.conditions,
        )
        for c in ruleset.recognition.conditions
    ]
    result = ScoreResult(
        commune=assessment.commune,
        year=assessment.year,
        ruleset=ruleset.id,
        ruleset_title=ruleset.title,
        base_ruleset=base_ruleset,
        model=model,
        recognized=None,
        criteria=criteria,
        conditions=conditions,
    )
    if model == "points":
        _decide_points(ruleset, result)
    else:
        _decide_pass_fail(result)
    _add_condition_reasons(result)
    _add_notes(ruleset, result)
    return result


def _score_criterion(criterion: Criterion, assessment: Assessment, model: str) -> CriterionResult:
    indicators = [score_indicator(i, assessment, model) for i in criterion.indicators]
    result = CriterionResult(
        id=criterion.id,
        name=criterion.name,
        met=all_of([i.met for i in indicators]),
        indicators=indicators,
        max_points=criterion.max_points,
    )
    if model == "points":
        total = sum(i.points or 0.0 for i in indicators)
        if criterion.max_points is not None:
            total = min(total, criterion.max_points)
        result.points = total
    return result


def _decide_points(ruleset: Ruleset, result: ScoreResult) -> None:
    rec = ruleset.recognition
    total = sum(c.points or 0.0 for c in result.criteria)
    result.total_points = total
    maxima = [c.max_points for c in result.criteria]
    result.max_points = None if any(m is None for m in maxima) else sum(m for m in maxima if m is not None)
    result.total_required = rec.total_at_least
    result.share_required = rec.criterion_share_at_least
    checks: list[Verdict] = []

    if rec.total_at_least is None:
        checks.append(None)
        result.undetermined.append("bộ tiêu chí chưa có tổng điểm tối thiểu để công nhận")
    elif at_least(total, rec.total_at_least):
        checks.append(True)
    else:
        checks.append(False)
        result.reasons.append(
            f"Tổng số điểm {fmt.number(total)}, chưa đạt mức {fmt.number(rec.total_at_least)} điểm"
            f" (thiếu {fmt.number(rec.total_at_least - total)} điểm)"
        )

    share = rec.criterion_share_at_least
    for c in result.criteria:
        if share is None:
            c.met = None
            continue
        if c.max_points is None:
            c.met = None
            checks.append(None)
            result.undetermined.append(
                f"Tiêu chí {c.id} chưa có điểm tối đa nên chưa xác định được điều kiện đạt từ"
                f" {fmt.percent(share, digits=0)} điểm tối đa của tiêu chí trở lên"
            )
            continue
        c.points_required = share * c.max_points
        c.met = at_least(c.points or 0.0, c.points_required)
        checks.append(c.met)
        if not c.met:
            # Say when the shortfall comes from figures not entered, not from work not done.
            unscored = [i.id for ind in c.indicators for i in ind.items if i.missing or i.points_missing]
            result.reasons.append(
                f"Tiêu chí {c.id} đạt {fmt.number(c.points)}/{fmt.number(c.max_points)} điểm, chưa đạt"
                f" {fmt.percent(share, digits=0)} điểm tối đa ({fmt.number(c.points_required)} điểm)"
                + (
                    f"; trong đó nội dung {', '.join(unscored)} chưa có số liệu hoặc điểm tự chấm, tính 0 điểm"
                    if unscored
                    else ""
                )
            )
    if share is None:
        checks.append(None)
        result.undetermined.append("bộ tiêu chí chưa có tỷ lệ điểm tối thiểu của mỗi tiêu chí")
    checks.extend(c.met for c in result.conditions)
    result.recognized = all_of(checks)
    if result.recognized:
        result.reasons.append(
            f"Tổng số điểm {fmt.number(total)}, đạt từ {fmt.number(rec.total_at_least)} điểm trở lên; mọi"
            f" tiêu chí đạt từ {fmt.percent(share, digits=0)} điểm tối đa trở lên"
        )


def _decide_pass_fail(result: ScoreResult) -> None:
    checks: list[Verdict] = [c.met for c in result.criteria]
    for indicator in result.indicators():
        if indicator.met is False:
            failing = [i for i in indicator.items if i.met is False]
            detail = "; ".join(_item_failure(i) for i in failing)
            result.reasons.append(f"Chỉ tiêu {indicator.id} chưa đạt: {detail}")
        elif indicator.met is None:
            unknown = [i for i in indicator.items if i.met is None]
            empty = [i.id for i in unknown if i.value.get("total") == 0]
            level = [i.id for i in unknown if i.value.get("total") != 0]
            parts = []
            if level:
                parts.append(f"nội dung {', '.join(level)} chưa có mức đạt chuẩn trong bộ tiêu chí")
            if empty:
                parts.append(
                    f"nội dung {', '.join(empty)} không phát sinh nhưng bộ tiêu chí chưa quy định cách tính"
                )
            result.undetermined.append(f"Chỉ tiêu {indicator.id}: " + "; ".join(parts))
    checks.extend(c.met for c in result.conditions)
    result.recognized = all_of(checks)
    if result.recognized:
        result.reasons.append("Mọi tiêu chí, chỉ tiêu đều đạt")


def _item_failure(i: ItemResult) -> str:
    if i.missing:
        return f"nội dung {i.id} ({i.name}) chưa có số liệu"
    if i.kind == "ratio" and i.ratio is not None and i.required is not None:
        return f"nội dung {i.id} ({i.name}): {i.value_text}, chưa đạt mức {fmt.percent(i.required)}"
    if i.kind in ("count", "choice") and i.required is not None:
        return f"nội dung {i.id} ({i.name}): {i.value_text}, cần từ {fmt.number(i.required)} trở lên"
    return f"nội dung {i.id} ({i.name}): {i.value_text}"


def _add_condition_reasons(result: ScoreResult) -> None:
    for c in result.conditions:
        if c.missing:
            result.reasons.append(f"Chưa xác nhận điều kiện công nhận: {c.text}")
        elif not c.met:
            result.reasons.append(f"Không bảo đảm điều kiện công nhận: {c.text}")


def _add_notes(ruleset: Ruleset, result: ScoreResult) -> None:
    items = result.items()
    result.missing = [i.id for i in items if i.missing]
    if result.missing:
        result.warnings.append(
            f"Thiếu số liệu {len(result.missing)} nội dung (tính là chưa đạt"
            f"{', 0 điểm' if result.model == 'points' else ''}): {', '.join(result.missing)}"
        )
    result.points_missing = [i.id for i in items if i.points_missing]
    if result.points_missing:
        result.warnings.append(
            f"Chưa ghi điểm tự chấm (points) của {len(result.points_missing)} nội dung, tính 0 điểm:"
            f" {', '.join(result.points_missing)}"
        )
    result.unverified = [i.id for i in items if not i.verified]
    if result.unverified:
        note = ruleset.unverified_note or "một số quy tắc chưa được đối chiếu với văn bản gốc."
        result.warnings.append(
            f"Bộ tiêu chí {ruleset.id} có {len(result.unverified)}/{len(items)} nội dung chưa xác minh. {note}"
        )
    figures = ruleset.unverified_figures()
    if figures:
        result.warnings.append("Chưa đối chiếu với văn bản gốc: " + "; ".join(figures) + ".")
    officer = [i.id for i in items if i.points_from == "officer"]
    if officer:
        result.warnings.append(
            "Điểm do công chức tự chấm, bộ tiêu chí chưa có quy tắc để kiểm tra: " + ", ".join(officer)
        )
    for i in items:
        entered = i.value.get("points")
        if i.points_from == "rule" and entered is not None and abs(entered - (i.points or 0)) > EPS:
            result.warnings.append(
                f"Nội dung {i.id}: điểm tự chấm ({fmt.number(entered)}) khác điểm tính theo quy tắc"
                f" ({fmt.number(i.points)}); dùng điểm theo quy tắc"
            )
    for ind in result.indicators():
        if ind.capped:
            result.warnings.append(
                f"Chỉ tiêu {ind.id}: tổng điểm các nội dung vượt điểm tối đa, tính"
                f" {fmt.number(ind.max_points)} điểm"
            )
    if (
        result.model == "points"
        and ruleset.max_points is not None
        and (result.total_points or 0) > ruleset.max_points + EPS
    ):
        result.warnings.append(
            f"Tổng số điểm {fmt.number(result.total_points)} vượt tổng điểm tối đa {fmt.number(ruleset.max_points)}"
            " theo quy định: kiểm tra lại điểm tự chấm"
        )

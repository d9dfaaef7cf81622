"""Pure scoring: (ruleset, assessment) -> ScoreResult. No I/O, no printing.

Semantics: docs/DESIGN.md, "Scoring: two rule models, one engine". Three-valued verdicts:
True, False, or None when a figure the rule needs is not known (an unverified maximum or
required level left out of the ruleset); a value missing from the assessment makes its item
not met and is reported as missing.
"""

from __future__ import annotations

from tcpl import kinds
from tcpl import textfmt as fmt
from tcpl.engine.results import (
    ConditionResult,
    CriterionResult,
    IndicatorResult,
    ItemResult,
    ScoreResult,
    Verdict,
)
from tcpl.kinds.base import EPS, at_least, entry_json
from tcpl.models.assessment import Assessment, ItemEntry
from tcpl.models.ruleset import Attestation, Criterion, Indicator, Item, Ruleset


def all_of(verdicts: list[Verdict]) -> Verdict:
    """Three-valued AND: False wins, then None (undetermined), else True."""
    if any(v is False for v in verdicts):
        return False
    if any(v is None for v in verdicts):
        return None
    return True


def item_max_points(item: Item) -> float | None:
    return kinds.of(item).max_points(item)


def score_item(item: Item, entry: ItemEntry | None, model: str) -> ItemResult:
    kind = kinds.of(item)
    judged = kind.judge(item, entry)
    result = ItemResult(
        id=item.id,
        name=item.name,
        kind=item.kind,
        met=judged.met,
        missing=judged.missing,
        value=entry_json(entry),
        ratio=judged.ratio,
        required=kind.required(item),
        rule=kind.describe(item, model),
        value_text=kind.value_text(item, entry),
        verified=item.verified,
        evidence=list(entry.evidence) if entry else [],
        note=entry.note if entry else None,
        officer=entry.officer if entry else None,
    )
    if model == "points":
        points, source = (0.0, None) if judged.missing or entry is None else kind.points(item, entry, judged)
        if points is None:
            # A value with no scoring rule and no officer figure: no points can be given.
            result.points_missing = True
            points = 0.0
        result.points = points
        result.points_from = "officer" if source == "officer" else ("rule" if source == "rule" else None)
        result.max_points = kind.max_points(item)
    result.explanation = _explain(result)
    return result


def _explain(r: ItemResult) -> str:
    if r.missing:
        verdict = f"{fmt.MISSING_WORD.lower()}, tính là {fmt.met_word(False).lower()}"
    elif r.points_missing:
        verdict = "chưa ghi điểm tự chấm, tính 0 điểm"
    else:
        verdict = fmt.met_word(r.met).lower()
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


def score(
    ruleset: Ruleset,
    assessment: Assessment,
    *,
    base_ruleset: str | None = None,
    attestation: Attestation | None = None,
) -> ScoreResult:
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
    if attestation is not None:
        result.attestation = attestation.model_dump(mode="json")
        result.attested_by = attestation.words()
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
    return kinds.REGISTRY[i.kind].failure(i.id, i.name, i.value_text, i.required, i.ratio)


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
    # An attested ruleset was checked in full by the body that attests it.
    result.unverified = [] if result.attested_by else [i.id for i in items if not i.verified]
    if result.unverified:
        note = ruleset.unverified_note or "một số quy tắc chưa được đối chiếu với văn bản gốc."
        result.warnings.append(
            f"Bộ tiêu chí {ruleset.id} có {len(result.unverified)}/{len(items)} nội dung chưa xác minh. {note}"
        )
    figures = [] if result.attested_by else ruleset.unverified_figures()
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

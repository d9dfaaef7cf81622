"""What scoring produces: a tree of results with the reasons, ready for any output format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Verdict = bool | None
"""True: met / recognised; False: not; None: undetermined (a figure the rule needs is unknown)."""


@dataclass
class ItemResult:
    """The judgement of one content item (nội dung)."""

    id: str
    name: str
    kind: str
    met: Verdict
    missing: bool
    value: dict[str, Any]
    points: float | None = None
    max_points: float | None = None
    ratio: float | None = None
    required: float | None = None
    rule: str = ""
    value_text: str = ""
    explanation: str = ""
    verified: bool = False
    points_from: Literal["rule", "officer"] | None = None
    points_missing: bool = False
    evidence: list[str] = field(default_factory=list)
    note: str | None = None
    officer: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "met": self.met,
            "points": self.points,
            "max_points": self.max_points,
            "value": self.value,
            "missing": self.missing,
            "ratio": self.ratio,
            "required": self.required,
            "verified": self.verified,
            "points_from": self.points_from,
            "points_missing": self.points_missing,
            "explanation": self.explanation,
        }


@dataclass
class IndicatorResult:
    """The judgement of one indicator (chỉ tiêu)."""

    id: str
    name: str
    met: Verdict
    items: list[ItemResult]
    points: float | None = None
    max_points: float | None = None
    capped: bool = False
    verified: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "met": self.met,
            "points": self.points,
            "max_points": self.max_points,
            "verified": self.verified,
            "items": [i.to_json() for i in self.items],
        }


@dataclass
class CriterionResult:
    """The judgement of one criterion (tiêu chí)."""

    id: str
    name: str
    met: Verdict
    indicators: list[IndicatorResult]
    points: float | None = None
    max_points: float | None = None
    points_required: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "met": self.met,
            "points": self.points,
            "max_points": self.max_points,
            "points_required": self.points_required,
            "indicators": [i.to_json() for i in self.indicators],
        }


@dataclass
class ConditionResult:
    """A recognition condition and whether the assessment states it holds."""

    id: str
    text: str
    met: bool
    missing: bool

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "met": self.met, "missing": self.missing}


@dataclass
class ScoreResult:
    """The verdict for one commune and year, with every reason behind it."""

    commune: str | None
    year: int
    ruleset: str
    ruleset_title: str
    base_ruleset: str | None
    model: Literal["points", "pass_fail"]
    recognized: Verdict
    criteria: list[CriterionResult]
    conditions: list[ConditionResult]
    total_points: float | None = None
    max_points: float | None = None
    total_required: float | None = None
    share_required: float | None = None
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    points_missing: list[str] = field(default_factory=list)
    undetermined: list[str] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)

    def items(self) -> list[ItemResult]:
        return [it for c in self.criteria for i in c.indicators for it in i.items]

    def indicators(self) -> list[IndicatorResult]:
        return [i for c in self.criteria for i in c.indicators]

    def to_json(self) -> dict[str, Any]:
        """The `tcpl score --format json` contract of DESIGN.md (fields may be added only)."""
        return {
            "commune": self.commune,
            "year": self.year,
            "ruleset": self.ruleset,
            "base_ruleset": self.base_ruleset,
            "model": self.model,
            "recognized": self.recognized,
            "total_points": self.total_points,
            "max_points": self.max_points,
            "total_required": self.total_required,
            "criteria": [c.to_json() for c in self.criteria],
            "conditions": [c.to_json() for c in self.conditions],
            "reasons": self.reasons,
            "warnings": self.warnings,
            "missing": self.missing,
            "points_missing": self.points_missing,
            "undetermined": self.undetermined,
            "unverified": self.unverified,
        }

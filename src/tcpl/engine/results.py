"""What scoring produces: a tree of results with the reasons, ready for any output format."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from enum import Enum
from typing import Any, ClassVar, Literal

Verdict = bool | None
"""True: met / recognised; False: not; None: undetermined (a figure the rule needs is unknown)."""


def plain(value: Any) -> Any:
    """A value as JSON has it: records by their `to_json`, dates as ISO text, enums by value."""
    if isinstance(value, Record):
        return value.to_json()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


class Record:
    """A result whose JSON is its fields, in order (`json_omit` names the ones for display only)."""

    json_omit: ClassVar[frozenset[str]] = frozenset()

    def to_json(self) -> dict[str, Any]:
        assert is_dataclass(self)
        return {f.name: plain(getattr(self, f.name)) for f in fields(self) if f.name not in self.json_omit}


@dataclass
class ItemResult(Record):
    """The judgement of one content item (nội dung)."""

    json_omit = frozenset({"rule", "value_text", "evidence", "note", "officer"})

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


@dataclass
class IndicatorResult(Record):
    """The judgement of one indicator (chỉ tiêu)."""

    json_omit = frozenset({"capped"})

    id: str
    name: str
    met: Verdict
    items: list[ItemResult]
    points: float | None = None
    max_points: float | None = None
    capped: bool = False
    verified: bool = False


@dataclass
class CriterionResult(Record):
    """The judgement of one criterion (tiêu chí)."""

    id: str
    name: str
    met: Verdict
    indicators: list[IndicatorResult]
    points: float | None = None
    max_points: float | None = None
    points_required: float | None = None


@dataclass
class ConditionResult(Record):
    """A recognition condition and whether the assessment states it holds."""

    id: str
    text: str
    met: bool
    missing: bool


@dataclass
class ScoreResult(Record):
    """The verdict for one commune and year, with every reason behind it.

    Its JSON is the `tcpl score --format json` contract (docs/DESIGN.md; the reviewed golden
    tests/cli/golden/score-2023-json.txt holds it): fields may be added, never renamed or removed.
    """

    commune: str | None
    year: int
    ruleset: str
    base_ruleset: str | None
    model: Literal["points", "pass_fail"]
    recognized: Verdict
    criteria: list[CriterionResult]
    conditions: list[ConditionResult]
    total_points: float | None = None
    max_points: float | None = None
    total_required: float | None = None
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    points_missing: list[str] = field(default_factory=list)
    undetermined: list[str] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)
    attestation: dict[str, Any] | None = None
    """Who vouched for the ruleset (by, source, date), when a province attested it."""
    attested_by: str | None = None
    """The attestation in words, for messages."""

    json_omit = frozenset({"attested_by"})

    def items(self) -> list[ItemResult]:
        return [it for c in self.criteria for i in c.indicators for it in i.items]

    def indicators(self) -> list[IndicatorResult]:
        return [i for c in self.criteria for i in c.indicators]

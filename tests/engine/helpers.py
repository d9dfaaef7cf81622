"""Small rulesets and assessments built in the test body."""

from __future__ import annotations

from typing import Any

from tcpl.models.assessment import Assessment
from tcpl.models.ruleset import Ruleset


def ruleset(model: str = "pass_fail", criteria: list[dict[str, Any]] | None = None, **extra: Any) -> Ruleset:
    data: dict[str, Any] = {
        "id": "test",
        "title": "Bộ tiêu chí thử",
        "years": {"from": 2020},
        "model": model,
        "criteria": criteria or [],
    }
    data.update(extra)
    return Ruleset.model_validate(data)


def one_item(item: dict[str, Any], model: str = "pass_fail", **indicator: Any) -> Ruleset:
    """A ruleset with one criterion, one indicator and this item (id 1.1.1)."""
    return ruleset(
        model,
        [
            {
                "id": "1",
                "name": "Tiêu chí",
                "indicators": [
                    {
                        "id": "1.1",
                        "name": "Chỉ tiêu",
                        **indicator,
                        "items": [{"id": "1.1.1", "name": "Nội dung", **item}],
                    }
                ],
            }
        ],
    )


def assessment(
    items: dict[str, Any] | None = None, conditions: dict[str, bool] | None = None, year: int = 2026
) -> Assessment:
    return Assessment.model_validate({"year": year, "items": items or {}, "conditions": conditions or {}})


def points_ruleset(
    criteria_max: list[float], *, total: float = 80, share: float = 0.5, conditions: bool = False
) -> Ruleset:
    """Points model: criterion n has one indicator n.1 with one `kind: points` item n.1.1."""
    crits = [
        {
            "id": str(n),
            "name": f"Tiêu chí {n}",
            "max_points": m,
            "indicators": [
                {
                    "id": f"{n}.1",
                    "name": f"Chỉ tiêu {n}.1",
                    "max_points": m,
                    "items": [{"id": f"{n}.1.1", "name": f"Nội dung {n}.1.1", "kind": "points", "points": m}],
                }
            ],
        }
        for n, m in enumerate(criteria_max, start=1)
    ]
    recognition: dict[str, Any] = {"total_at_least": total, "criterion_share_at_least": share}
    if conditions:
        recognition["conditions"] = [
            {"id": "no_disciplined_leader", "text": "Không có người đứng đầu bị kỷ luật"}
        ]
    return ruleset("points", crits, recognition=recognition)

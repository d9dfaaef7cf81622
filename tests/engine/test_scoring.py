"""The scoring semantics of DESIGN.md, one rule at a time."""

from __future__ import annotations

import pytest

from tcpl.engine.scoring import score
from tests.engine.helpers import assessment, one_item, points_ruleset, ruleset


def item_result(rs, items):
    result = score(rs, assessment(items))
    return result, result.criteria[0].indicators[0].items[0]


# --- item kinds (pass/fail) -------------------------------------------------------------


@pytest.mark.parametrize(("value", "met"), [(True, True), (False, False)])
def test_boolean(value: bool, met: bool) -> None:
    result, item = item_result(one_item({"kind": "boolean"}), {"1.1.1": value})
    assert item.met is met
    assert result.recognized is met


@pytest.mark.parametrize(
    ("done", "total", "required", "met"),
    [
        (9, 10, 0.9, True),
        (8, 10, 0.9, False),
        (10, 10, None, True),
        (9, 10, None, False),
        (11, 11, 1.0, True),
    ],
)
def test_ratio_required(done: int, total: int, required: float | None, met: bool) -> None:
    spec = {"kind": "ratio"} if required is None else {"kind": "ratio", "required": required}
    _, item = item_result(one_item(spec), {"1.1.1": {"done": done, "total": total}})
    assert item.met is met
    assert item.ratio == pytest.approx(done / total)


def test_ratio_required_is_exact_at_the_boundary() -> None:
    # 2/3 must meet a 2/3 requirement despite floating point.
    _, item = item_result(one_item({"kind": "ratio", "required": 2 / 3}), {"1.1.1": {"done": 2, "total": 3}})
    assert item.met is True


@pytest.mark.parametrize(("when_empty", "met"), [("met", True), ("not_met", False)])
def test_ratio_when_empty(when_empty: str, met: bool) -> None:
    _, item = item_result(
        one_item({"kind": "ratio", "when_empty": when_empty}), {"1.1.1": {"done": 0, "total": 0}}
    )
    assert item.met is met
    assert item.value_text == "không phát sinh (0/0)"


@pytest.mark.parametrize(
    ("value", "required", "met"), [(3, 3, True), (2, 3, False), (1, None, True), (0, None, False)]
)
def test_count(value: int, required: int | None, met: bool) -> None:
    spec = {"kind": "count", "unit": "hội nghị"}
    if required is not None:
        spec["required"] = required
    _, item = item_result(one_item(spec), {"1.1.1": value})
    assert item.met is met


CHOICE = {
    "kind": "choice",
    "required": 2,
    "options": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}],
}


@pytest.mark.parametrize(
    ("chosen", "met"), [(["a", "b"], True), (["a"], False), (["a", "a"], False), ([], False)]
)
def test_choice_counts_distinct_options(chosen: list[str], met: bool) -> None:
    _, item = item_result(one_item(CHOICE), {"1.1.1": chosen})
    assert item.met is met


@pytest.mark.parametrize(
    ("done", "met"), [("2026-01-20", True), ("2026-01-19", True), ("2026-01-21", False), (None, False)]
)
def test_deadline(done: str | None, met: bool) -> None:
    value = {"due": "2026-01-20"} if done is None else {"due": "2026-01-20", "done": done}
    _, item = item_result(one_item({"kind": "deadline"}), {"1.1.1": value})
    assert item.met is met
    assert item.missing is False


def test_unknown_required_level_is_undetermined_not_failed() -> None:
    rs = one_item({"kind": "ratio", "required": None})
    result, item = item_result(rs, {"1.1.1": {"done": 9, "total": 11}})
    assert item.met is None
    assert result.recognized is None
    assert any("1.1" in u for u in result.undetermined)
    # a full ratio meets any level, known or not
    result, item = item_result(rs, {"1.1.1": {"done": 11, "total": 11}})
    assert item.met is True and result.recognized is True


def test_failing_item_decides_even_when_another_is_undetermined() -> None:
    rs = ruleset(
        "pass_fail",
        [
            {
                "id": "1",
                "name": "T",
                "indicators": [
                    {
                        "id": "1.1",
                        "name": "C",
                        "items": [{"id": "1.1.1", "name": "a", "kind": "ratio", "required": None}],
                    },
                    {"id": "1.2", "name": "D", "items": [{"id": "1.2.1", "name": "b", "kind": "boolean"}]},
                ],
            }
        ],
    )
    result = score(rs, assessment({"1.1.1": {"done": 1, "total": 2}, "1.2.1": False}))
    assert result.recognized is False
    assert result.reasons == ["Chỉ tiêu 1.2 chưa đạt: nội dung 1.2.1 (b): không"]


# --- missing values ------------------------------------------------------------------------


def test_missing_value_is_not_met_and_reported() -> None:
    result, item = item_result(one_item({"kind": "ratio"}), {})
    assert item.missing is True and item.met is False
    assert result.recognized is False
    assert result.missing == ["1.1.1"]
    assert any("Thiếu số liệu 1 nội dung" in w for w in result.warnings)


def test_missing_value_gets_zero_points_and_is_reported() -> None:
    rs = one_item({"kind": "ratio", "points": 2}, model="points", max_points=2)
    result, item = item_result(rs, {})
    assert item.points == 0 and item.missing is True
    assert result.missing == ["1.1.1"]


# --- points model ----------------------------------------------------------------------------

BANDED = {
    "kind": "ratio",
    "when_empty": "met",
    "bands": [
        {"at_least": 0.9, "points": 2},
        {"at_least": 0.7, "points": 1},
        {"at_least": 0.5, "points": 0.25},
    ],
}


@pytest.mark.parametrize(
    ("done", "points", "met"),
    [
        (10, 2, True),
        (9, 2, True),
        (8, 1, False),
        (7, 1, False),
        (6, 0.25, False),
        (5, 0.25, False),
        (4, 0, False),
    ],
)
def test_bands_first_reached_highest_first(done: int, points: float, met: bool) -> None:
    _, item = item_result(one_item(BANDED, model="points"), {"1.1.1": {"done": done, "total": 10}})
    assert item.points == points
    assert item.met is met


def test_bands_when_empty_gives_top_band() -> None:
    _, item = item_result(one_item(BANDED, model="points"), {"1.1.1": {"done": 0, "total": 0}})
    assert item.points == 2


def test_points_when_met() -> None:
    rs = one_item({"kind": "boolean", "points": 1.5}, model="points")
    assert item_result(rs, {"1.1.1": True})[1].points == 1.5
    assert item_result(rs, {"1.1.1": False})[1].points == 0


def test_kind_points_takes_the_officer_figure() -> None:
    rs = one_item({"kind": "points", "points": 4}, model="points")
    result, item = item_result(rs, {"1.1.1": {"points": 3.5}})
    assert item.points == 3.5 and item.points_from == "officer"
    assert any("tự chấm" in w for w in result.warnings)


def test_officer_points_differing_from_the_rule_warn_and_the_rule_wins() -> None:
    rs = one_item({"kind": "boolean", "points": 1}, model="points")
    result, item = item_result(rs, {"1.1.1": {"value": False, "points": 1}})
    assert item.points == 0
    assert any("khác điểm tính theo quy tắc" in w for w in result.warnings)


def test_indicator_points_are_capped_at_max_points() -> None:
    rs = ruleset(
        "points",
        [
            {
                "id": "1",
                "name": "T",
                "max_points": 10,
                "indicators": [
                    {
                        "id": "1.1",
                        "name": "C",
                        "max_points": 3,
                        "items": [
                            {"id": "1.1.1", "name": "a", "kind": "boolean", "points": 2},
                            {"id": "1.1.2", "name": "b", "kind": "boolean", "points": 2},
                        ],
                    },
                ],
            }
        ],
        recognition={"total_at_least": 1, "criterion_share_at_least": 0.1},
    )
    result = score(rs, assessment({"1.1.1": True, "1.1.2": True}))
    ind = result.criteria[0].indicators[0]
    assert ind.points == 3 and ind.capped
    assert result.total_points == 3
    assert any("vượt điểm tối đa" in w for w in result.warnings)


@pytest.mark.parametrize(("total", "recognized"), [(79.5, False), (80, True), (80.5, True)])
def test_total_threshold_boundary(total: float, recognized: bool) -> None:
    rs = points_ruleset([50, 50])
    result = score(rs, assessment({"1.1.1": {"points": 40}, "2.1.1": {"points": total - 40}}))
    assert result.total_points == total
    assert result.recognized is recognized
    if not recognized:
        assert result.reasons[0] == "Tổng số điểm 79,5, chưa đạt mức 80 điểm (thiếu 0,5 điểm)"


@pytest.mark.parametrize(("crit2", "recognized"), [(9.75, False), (10, True), (10.25, True)])
def test_criterion_share_boundary(crit2: float, recognized: bool) -> None:
    # criterion 2 has 20 points: 50 % is 10
    rs = points_ruleset([80, 20])
    result = score(rs, assessment({"1.1.1": {"points": 80}, "2.1.1": {"points": crit2}}))
    assert result.criteria[1].points_required == 10
    assert result.criteria[1].met is recognized
    assert result.recognized is recognized
    if not recognized:
        assert "Tiêu chí 2 đạt 9,75/20 điểm, chưa đạt 50% điểm tối đa (10 điểm)" in result.reasons


def test_unknown_criterion_maximum_makes_the_verdict_undetermined() -> None:
    rs = points_ruleset([50, 50])
    data = rs.model_dump(by_alias=True, exclude_unset=True)
    data["criteria"][1]["max_points"] = None
    rs2 = type(rs).model_validate(data)
    result = score(rs2, assessment({"1.1.1": {"points": 45}, "2.1.1": {"points": 45}}))
    assert result.recognized is None
    assert result.max_points is None
    assert any("Tiêu chí 2 chưa có điểm tối đa" in u for u in result.undetermined)
    # but a total below 80 decides it whatever the maximum is
    low = score(rs2, assessment({"1.1.1": {"points": 30}, "2.1.1": {"points": 30}}))
    assert low.recognized is False


@pytest.mark.parametrize(
    ("conditions", "recognized", "reason"),
    [
        ({"no_disciplined_leader": True}, True, None),
        ({"no_disciplined_leader": False}, False, "Không bảo đảm điều kiện công nhận"),
        ({}, False, "Chưa xác nhận điều kiện công nhận: Không có người đứng đầu bị kỷ luật"),
    ],
)
def test_conditions(conditions: dict[str, bool], recognized: bool, reason: str | None) -> None:
    rs = points_ruleset([50, 50], conditions=True)
    result = score(rs, assessment({"1.1.1": {"points": 45}, "2.1.1": {"points": 45}}, conditions=conditions))
    assert result.recognized is recognized
    if reason:
        assert any(reason in r for r in result.reasons)


def test_json_contract_fields() -> None:
    rs = one_item({"kind": "ratio"})
    data = score(rs, assessment({"1.1.1": {"done": 1, "total": 2}})).to_json()
    for key in (
        "commune",
        "year",
        "ruleset",
        "model",
        "recognized",
        "total_points",
        "max_points",
        "criteria",
        "conditions",
        "reasons",
        "warnings",
    ):
        assert key in data
    crit = data["criteria"][0]
    assert set(crit) >= {"id", "name", "met", "points", "max_points", "indicators"}
    ind = crit["indicators"][0]
    assert set(ind) >= {"id", "met", "points", "max_points", "items"}
    assert set(ind["items"][0]) >= {"id", "met", "points", "value", "missing"}
    assert ind["items"][0]["value"] == {"done": 1, "total": 2}


def test_a_failed_item_earns_no_officer_points() -> None:
    rs = one_item({"kind": "boolean"}, model="points", max_points=4)
    _result, item = item_result(rs, {"1.1.1": {"value": False, "points": 4}})
    assert item.points == 0 and item.met is False
    _result, item = item_result(rs, {"1.1.1": {"value": True, "points": 4}})
    assert item.points == 4 and item.points_from == "officer"


def test_data_without_a_points_rule_and_without_points_is_not_called_missing_data() -> None:
    rs = one_item({"kind": "ratio", "required": None}, model="points", max_points=7)
    result, item = item_result(rs, {"1.1.1": {"done": 46, "total": 47}})
    assert item.missing is False and item.points_missing is True and item.points == 0
    assert result.missing == [] and result.points_missing == ["1.1.1"]
    assert any(w.startswith("Chưa ghi điểm tự chấm (points) của 1 nội dung") for w in result.warnings)


def test_nothing_arose_is_undetermined_unless_the_ruleset_says_how_it_counts() -> None:
    result, item = item_result(one_item({"kind": "ratio"}), {"1.1.1": {"done": 0, "total": 0}})
    assert item.met is None and result.recognized is None
    assert "không phát sinh nhưng bộ tiêu chí chưa quy định cách tính" in result.undetermined[0]


def test_yes_and_no_labels() -> None:
    rs = one_item({"kind": "boolean", "yes_label": "bảo đảm", "no_label": "không bảo đảm"})
    _result, item = item_result(rs, {"1.1.1": False})
    assert item.value_text == "không bảo đảm" and item.rule == "đạt khi bảo đảm"


def test_unverified_maxima_and_recognition_are_reported() -> None:
    rs = points_ruleset([50, 50])  # test rulesets are unverified throughout
    result = score(rs, assessment({"1.1.1": {"points": 45}, "2.1.1": {"points": 45}}))
    assert any(
        w.startswith("Chưa đối chiếu với văn bản gốc: điều kiện công nhận; điểm tối đa của tiêu chí 1, 2")
        for w in result.warnings
    )


def test_a_criterion_failing_for_want_of_entered_points_says_so() -> None:
    rs = points_ruleset([80, 20])
    # criterion 2's only item has no self-score: it counts 0 and the reason must say why
    result = score(rs, assessment({"1.1.1": {"points": 80}, "2.1.1": {}}))
    assert result.recognized is False
    assert (
        "Tiêu chí 2 đạt 0/20 điểm, chưa đạt 50% điểm tối đa (10 điểm); trong đó nội dung 2.1.1 chưa có số"
        " liệu hoặc điểm tự chấm, tính 0 điểm" in result.reasons
    )
    entered = score(rs, assessment({"1.1.1": {"points": 80}, "2.1.1": {"points": 5}}))
    assert "Tiêu chí 2 đạt 5/20 điểm, chưa đạt 50% điểm tối đa (10 điểm)" in entered.reasons

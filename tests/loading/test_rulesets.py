"""The shipped rulesets hold what the sources support, and overlays merge as documented."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tcpl.errors import InvalidFilesError
from tcpl.loading.rulesets import RulesetRegistry, merge_overlay
from tests.conftest import EXAMPLE, REPO

CRITERIA = REPO / "criteria"


@pytest.fixture(scope="module")
def registry() -> RulesetRegistry:
    return RulesetRegistry()


def test_qd25_shape(registry: RulesetRegistry) -> None:
    rs = registry.by_id("qd25-2021").ruleset
    assert rs.model == "points"
    assert (rs.years.from_, rs.years.to) == (2022, 2024)
    assert [len(c.indicators) for c in rs.criteria] == [2, 6, 3, 5, 4]
    assert rs.recognition.total_at_least == 80
    assert rs.recognition.criterion_share_at_least == 0.5
    assert [c.id for c in rs.recognition.conditions] == ["no_disciplined_leader"]
    # the scored discipline indicator and the recognition condition are two different rules
    assert rs.criteria[4].indicators[2].id == "5.3"
    assert "người đứng đầu" in rs.recognition.conditions[0].text
    assert "người đứng đầu" not in rs.criteria[4].indicators[2].name


def test_qd25_leaves_unconfirmed_maxima_unset(registry: RulesetRegistry) -> None:
    rs = registry.by_id("qd25-2021").ruleset
    assert [c.max_points for c in rs.criteria] == [10, None, None, None, None]
    assert rs.criteria[0].indicators[0].max_points == 3
    for c in rs.criteria[1:]:
        for ind in c.indicators:
            assert ind.max_points is None
            assert all(not it.bands for it in ind.items)


def test_qd27_shape(registry: RulesetRegistry) -> None:
    rs = registry.by_id("qd27-2025").ruleset
    assert rs.model == "pass_fail"
    assert rs.years.from_ == 2026 and rs.years.to is None
    assert [len(c.indicators) for c in rs.criteria] == [3, 7, 4]
    assert [n.year for n in rs.year_notes] == [2025]


@pytest.mark.parametrize("name", ["qd25-2021.yaml", "qd27-2025.yaml"])
def test_every_rule_says_where_it_comes_from(name: str) -> None:
    data = yaml.safe_load((CRITERIA / name).read_text(encoding="utf-8"))
    for c in data["criteria"]:
        assert c.get("source") and "verified" in c, c["id"]
        for ind in c["indicators"]:
            assert ind.get("source") and "verified" in ind, ind["id"]
            for item in ind["items"]:
                assert item.get("source") and "verified" in item, item["id"]


def test_no_year_has_two_shipped_rulesets(registry: RulesetRegistry) -> None:
    for year in range(2020, 2031):
        assert len(registry.for_year(year)) <= 1
    assert registry.for_year(2025) == []


def test_merge_by_id_keeps_base_and_appends_new() -> None:
    base = {"a": 1, "criteria": [{"id": "1", "x": 1, "indicators": [{"id": "1.1", "y": 1}]}], "tags": ["p"]}
    overlay = {
        "criteria": [{"id": "1", "indicators": [{"id": "1.1", "y": 2}, {"id": "1.2", "y": 3}]}],
        "tags": ["q"],
    }
    merged = merge_overlay(base, overlay)
    assert merged == {
        "a": 1,
        "criteria": [{"id": "1", "x": 1, "indicators": [{"id": "1.1", "y": 2}, {"id": "1.2", "y": 3}]}],
        "tags": ["q"],
    }
    assert base["criteria"][0]["indicators"][0]["y"] == 1  # inputs untouched


def test_example_overlay_makes_qd25_decidable(registry: RulesetRegistry) -> None:
    loaded = registry.load_path(EXAMPLE / "2023" / "qd25-2021-minh-hoa.yaml")
    assert loaded.base_id == "qd25-2021"
    rs = loaded.ruleset
    assert sum(c.max_points for c in rs.criteria) == 100
    assert rs.recognition.total_at_least == 80  # inherited
    item = rs.item_index()["1.2.1"]
    assert [b.points for b in item.bands] == [7, 5, 3]
    assert rs.criteria[0].indicators[0].items[0].points == 1  # untouched base item


def test_overlay_can_supply_an_unknown_required_level(tmp_path: Path, registry: RulesetRegistry) -> None:
    path = tmp_path / "tinh.yaml"
    path.write_text(
        "id: tinh-x\nextends: qd27-2025\ncriteria:\n  - id: '3'\n    indicators:\n      - id: '3.2'\n"
        "        items:\n          - id: '3.2.2'\n            required: 0.8\n",
        encoding="utf-8",
    )
    rs = registry.load_path(path).ruleset
    item = rs.item_index()["3.2.2"]
    assert item.required == 0.8 and item.required_known
    assert not registry.by_id("qd27-2025").ruleset.item_index()["3.2.2"].required_known


def test_overlay_semantic_error_is_located_in_the_overlay(tmp_path: Path, registry: RulesetRegistry) -> None:
    path = tmp_path / "tinh.yaml"
    path.write_text(
        "id: tinh-x\nextends: qd25-2021\ncriteria:\n  - id: '1'\n    indicators:\n      - id: '1.2'\n"
        "        items:\n          - id: '1.2.1'\n            bands:\n"
        "              - {at_least: 0.5, points: 1}\n"
        "              - {at_least: 0.9, points: 2}\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidFilesError) as exc:
        registry.load_path(path)
    (d,) = exc.value.diagnostics
    assert d.path.endswith("tinh.yaml") and d.line == 8
    assert "cao xuống thấp" in d.message


def test_extends_cycle_and_unknown_base(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("id: a\nextends: ./b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("id: b\nextends: ./a.yaml\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("id: c\nextends: qd99\n", encoding="utf-8")
    reg = RulesetRegistry()
    with pytest.raises(InvalidFilesError, match="vòng tròn"):
        reg.load_path(tmp_path / "a.yaml")
    with pytest.raises(InvalidFilesError, match="không có bộ tiêu chí 'qd99'"):
        reg.load_path(tmp_path / "c.yaml")


def test_an_overlay_that_changes_a_verified_figure_makes_it_unverified(
    tmp_path: Path, registry: RulesetRegistry
) -> None:
    path = tmp_path / "tinh.yaml"
    path.write_text("id: tinh-x\nextends: qd25-2021\nrecognition:\n  total_at_least: 50\n", encoding="utf-8")
    rs = registry.load_path(path).ruleset
    assert rs.recognition.total_at_least == 50 and rs.recognition.verified is False
    assert rs.recognition.source.startswith("lớp bổ sung tinh-x (chưa xác minh")
    assert "điều kiện công nhận" in rs.unverified_figures()
    stated = tmp_path / "tinh2.yaml"
    stated.write_text(
        "id: tinh-y\nextends: qd25-2021\nrecognition:\n  total_at_least: 80\n  verified: true\n  source: QĐ 25 Điều 4\n",
        encoding="utf-8",
    )
    assert registry.load_path(stated).ruleset.recognition.verified is True


def test_criterion_maxima_must_add_up_to_the_total(tmp_path: Path, registry: RulesetRegistry) -> None:
    path = tmp_path / "sai.yaml"
    path.write_text(
        "id: sai\nextends: qd25-2021\ncriteria:\n"
        + "".join(f"  - {{id: '{n}', max_points: 30}}\n" for n in range(2, 6)),
        encoding="utf-8",
    )
    with pytest.raises(InvalidFilesError, match="khác tổng số điểm tối đa 100"):
        registry.load_path(path)


def test_procedure_step_found_by_role_not_by_id(tmp_path: Path) -> None:
    # A province names its posting step its own way: the role, not the id, makes it the posting.
    path = tmp_path / "tinh-x.yaml"
    path.write_text(
        "id: tinh-x\nextends: qd25-2021\nprocedure:\n"
        "  - id: public_posting\n    role: null\n"
        "  - id: niem_yet_tinh\n    role: public_posting\n    name: Niêm yết 07 ngày\n    min_days: 7\n",
        encoding="utf-8",
    )
    ruleset = RulesetRegistry().load_path(path).ruleset
    step = ruleset.step("public_posting")
    assert step is not None and step.id == "niem_yet_tinh" and step.min_days == 7
    assert ruleset.step("submit_dossier") is not None


def test_two_steps_with_one_role_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "tinh-x.yaml"
    path.write_text(
        "id: tinh-x\nextends: qd25-2021\nprocedure:\n"
        "  - id: niem_yet_tinh\n    role: public_posting\n    name: Niêm yết\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidFilesError, match="public_posting"):
        RulesetRegistry().load_path(path)


def test_misspelt_form_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tinh-x.yaml"
    path.write_text("id: tinh-x\nextends: qd27-2025\nforms:\n  scoresheeet: Bảng điểm\n", encoding="utf-8")
    with pytest.raises(InvalidFilesError, match="scoresheeet"):
        RulesetRegistry().load_path(path)


@pytest.mark.parametrize("name", ["qd25-2021", "qd27-2025"])
def test_every_source_an_officer_sees_is_plain_vietnamese(name: str) -> None:
    """No research tags, no other project's file names, nothing outside this repository."""
    import re

    text = (REPO / "criteria" / f"{name}.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    sources: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("source", "max_points_source", "guidance") and isinstance(value, str):
                    sources.append(value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    assert sources
    for source in sources:
        assert not re.search(r"\[[A-Z][A-Z-]*\]", source), source
        assert not re.search(r"\.(ts|js|tsx|md|py)\b", source), source
        assert "shared/" not in source and "github" not in source.lower(), source
    assert "shared/reference" not in text

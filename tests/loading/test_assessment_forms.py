"""What the officer types, through the loader, scores as the engine scores the same values.

Assessments are generated as YAML text, every item kind in each of its accepted forms (short
and long, flow and block style), then loaded from a file and scored; the result must equal the
engine's on the values built directly.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tcpl.engine.scoring import score
from tcpl.loading.loader import Loader
from tcpl.models.assessment import Assessment

RULESET = """\
id: moi-loai
title: Bộ tiêu chí có mọi loại nội dung
years: {from: 2026}
model: points
max_points: 60
recognition: {total_at_least: 30, criterion_share_at_least: 0.5}
criteria:
  - id: "1"
    name: Tiêu chí một
    max_points: 60
    indicators:
      - id: "1.1"
        name: Chỉ tiêu một
        max_points: 60
        items:
          - {id: "1.1.1", name: Có làm, kind: boolean, points: 10}
          - id: "1.1.2"
            name: Tỷ lệ
            kind: ratio
            bands: [{at_least: 1.0, points: 10}, {at_least: 0.5, points: 5}]
            when_empty: met
          - {id: "1.1.3", name: Hội nghị, kind: count, required: 2, points: 10}
          - id: "1.1.4"
            name: Hình thức
            kind: choice
            required: 2
            points: 10
            options: [{id: portal, name: Trang thông tin}, {id: radio, name: Đài}, {id: sms, name: Tin nhắn}]
          - {id: "1.1.5", name: Thời hạn, kind: deadline, points: 10}
          - {id: "1.1.6", name: Tự chấm, kind: points, points: 10}
"""

BASE = date(2026, 1, 15)


def _flow(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return str(value)


def _block(value: Any, indent: str) -> str:
    if isinstance(value, dict):
        return "\n" + "\n".join(f"{indent}{k}: {_flow(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "\n" + "\n".join(f"{indent}- {_flow(v)}" for v in value) if value else " []"
    return " " + _flow(value)


@st.composite
def typed(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """(the values as the engine takes them, the same values as YAML text)."""
    values: dict[str, Any] = {}
    forms: dict[str, Any] = {}
    if draw(st.booleans()):
        b = draw(st.booleans())
        values["1.1.1"] = {"value": b}
        forms["1.1.1"] = draw(st.sampled_from([b, {"value": b}]))
    if draw(st.booleans()):
        total = draw(st.integers(0, 40))
        done = draw(st.integers(0, total))
        values["1.1.2"] = forms["1.1.2"] = {"done": done, "total": total}
    if draw(st.booleans()):
        n = draw(st.integers(0, 6))
        values["1.1.3"] = {"value": n}
        forms["1.1.3"] = draw(st.sampled_from([n, {"value": n}]))
    if draw(st.booleans()):
        chosen = draw(st.lists(st.sampled_from(["portal", "radio", "sms"]), unique=True))
        values["1.1.4"] = {"value": chosen}
        forms["1.1.4"] = draw(st.sampled_from([chosen, {"value": chosen}]))
    if draw(st.booleans()):
        due = BASE + timedelta(days=draw(st.integers(-10, 10)))
        entry: dict[str, Any] = {"due": due}
        if draw(st.booleans()):
            entry["done"] = BASE + timedelta(days=draw(st.integers(-10, 10)))
        values["1.1.5"] = forms["1.1.5"] = entry
    if draw(st.booleans()):
        pts = draw(st.sampled_from([0, 2.5, 5, 7.75, 10]))
        values["1.1.6"] = forms["1.1.6"] = {"points": pts}
    block = draw(st.booleans())
    lines = ["kind: assessment", "ruleset: ./moi-loai.yaml", "year: 2026", "items:" if forms else "items: {}"]
    for ident, form in forms.items():
        body = _block(form, "    ") if block else " " + _flow(form)
        lines.append(f'  "{ident}":{body}')
    return values, "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=typed())
def test_typed_assessments_score_as_the_engine_does(tmp_path: Path, case: tuple[dict[str, Any], str]) -> None:
    values, text = case
    (tmp_path / "moi-loai.yaml").write_text(RULESET, encoding="utf-8")
    path = tmp_path / "assessment.yaml"
    path.write_text(text, encoding="utf-8")
    loader = Loader()
    loaded = loader.load(path, expect="assessment")
    assert loaded.ok, [d.report_line() for d in loaded.diagnostics]
    assert loaded.ruleset is not None
    typed_result = loaded.ruleset.score(loaded.model)
    direct = score(loaded.ruleset.ruleset, Assessment.model_validate({"year": 2026, "items": values}))
    assert typed_result.to_json()["criteria"] == direct.to_json()["criteria"]
    assert typed_result.recognized == direct.recognized
    assert typed_result.total_points == direct.total_points

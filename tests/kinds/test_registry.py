"""The registry: every kind is complete, and a new kind is its module plus one registry line."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tcpl import kinds
from tcpl.kinds.base import MISSING, Fix, Judgement, Kind, Problem, at_least
from tcpl.models.assessment import ItemEntry
from tcpl.models.ruleset import Item
from tests.conftest import EXAMPLE


def test_every_kind_is_registered_under_its_name() -> None:
    assert kinds.names() == ["boolean", "ratio", "count", "choice", "deadline", "points"]
    for name, kind in kinds.REGISTRY.items():
        assert kind.name == name and kind.word and kind.columns and kind.example


class Percent(Kind):
    """A made-up kind: a percentage the officer reads off another system (0 to 100)."""

    name = "percent"
    word = "phần trăm"
    fields = frozenset({"value"})
    form_fields = (("Số lượng", "value", "number"),)
    example = "85.5"

    def value_problems(self, item: Item, entry: ItemEntry) -> list[Problem]:
        if (
            not isinstance(entry.value, int | float)
            or isinstance(entry.value, bool)
            or not 0 <= entry.value <= 100
        ):
            return [Problem("value", "ghi một số phần trăm từ 0 đến 100")]
        return []

    def judge(self, item: Item, entry: ItemEntry | None) -> Judgement:
        if entry is None or not isinstance(entry.value, int | float) or isinstance(entry.value, bool):
            return MISSING
        level = self.required(item)
        return Judgement(
            None if level is None else at_least(entry.value / 100, level), ratio=entry.value / 100
        )

    def rule_words(self, item: Item, level: float) -> str:
        return f"đạt khi đạt từ {level * 100:g} phần trăm trở lên"

    def shown(self, item: Item, entry: ItemEntry) -> str | None:
        return f"{entry.value} phần trăm" if isinstance(entry.value, int | float) else None

    def figures(self, item: Item, value: dict[str, Any], value_text: str) -> tuple[str, float | None]:
        return value_text, (value["value"] / 100 if "value" in value else None)

    def fix(self, item: Item, entry: ItemEntry | None, as_of: date, target: float | None) -> Fix | None:
        level = target if target is not None else self.required(item)
        return None if level is None else Fix({"value": level * 100}, f"nâng lên {level * 100:g} phần trăm")


RULESET = """\
id: thu-phan-tram
title: Bộ tiêu chí có loại mới
years: {from: 2026}
model: pass_fail
criteria:
  - id: "1"
    name: Tiêu chí một
    indicators:
      - id: "1.1"
        name: Chỉ tiêu một
        items:
          - {id: "1.1.1", name: Tỷ lệ người dân hài lòng, kind: percent, required: 0.8}
          - {id: "1.1.2", name: Có làm, kind: boolean}
"""


@pytest.fixture
def commune(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setitem(kinds.REGISTRY, "percent", Percent())  # the registry line
    root = tmp_path / "kho"
    (root / "xa" / "2026").mkdir(parents=True)
    shutil.copy(EXAMPLE / "commune.yaml", root / "xa" / "commune.yaml")
    (root / "xa" / "2026" / "thu.yaml").write_text(RULESET, encoding="utf-8")
    (root / "xa" / "2026" / "assessment.yaml").write_text(
        'kind: assessment\nruleset: ./thu.yaml\ncommune: huong-binh\nyear: 2026\nitems:\n  "1.1.1": 72.5\n  "1.1.2": true\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    return root / "xa" / "2026"


def test_a_new_kind_is_usable_end_to_end(tcpl, commune: Path) -> None:
    assert tcpl("validate", ".").exit_code == 0
    data = json.loads(tcpl("score", str(commune), "--format", "json").stdout)
    item = data["criteria"][0]["indicators"][0]["items"][0]
    assert item["kind"] == "percent" and item["met"] is False
    assert "72.5 phần trăm — đạt khi đạt từ 80 phần trăm trở lên → chưa đạt" in item["explanation"]
    for fmt in ("table", "markdown"):
        out = tcpl("score", str(commune), "--format", fmt, "--explain").stdout
        assert "72.5 phần trăm" in out and "Tỷ lệ người dân hài lòng" in out
    gap = json.loads(tcpl("gap", str(commune), "--format", "json").stdout)
    assert gap["steps"][0]["new_value"] == {"value": 80.0}
    for fmt in ("text", "json", "github", "junit", "sarif"):
        assert tcpl("check", ".", "--format", fmt).exit_code == 0
    assert tcpl("scoresheet", str(commune), "--xlsx", "bang.xlsx", "-o", "bang.docx").exit_code == 0
    assert tcpl("report", "q4", str(commune), "-o", "bc.docx").exit_code == 0
    md = tcpl("report", "q4", str(commune), "--format", "md", "-o", "-").stdout
    assert "72.5 phần trăm" in md
    from docx import Document
    from openpyxl import load_workbook

    text = "\n".join(c.text for t in Document("bang.docx").tables for row in t.rows for c in row.cells)
    assert "72.5 phần trăm" in text and "đạt từ 80 phần trăm" in text
    cells = [c.value for row in load_workbook("bang.xlsx").active.iter_rows() for c in row]
    assert any(isinstance(c, str) and "72.5 phần trăm" in c for c in cells)


def test_an_unknown_kind_is_located(tcpl, commune: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(kinds.REGISTRY, "percent")
    result = tcpl("validate", str(commune / "thu.yaml"))
    assert result.exit_code == 1
    assert (
        "thu.yaml:12:65: lỗi TCPL205: nội dung 1.1.1: loại 'percent' không có; có: boolean" in result.stdout
    )

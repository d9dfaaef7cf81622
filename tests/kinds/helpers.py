"""A kind's tests: an item of that kind in a ruleset file, values as the officer types them."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tcpl.engine.results import ItemResult
from tcpl.loading.loader import LoadedFile, Loader


def ruleset_text(item: str, model: str = "pass_fail") -> str:
    points = (
        "max_points: 10\nrecognition: {total_at_least: 5, criterion_share_at_least: 0.5}\n"
        if model == "points"
        else ""
    )
    maxima = "    max_points: 10\n" if model == "points" else ""
    return (
        f"id: thu\ntitle: Bộ thử\nyears: {{from: 2026}}\nmodel: {model}\n{points}"
        "criteria:\n  - id: '1'\n    name: Tiêu chí\n" + maxima + "    indicators:\n"
        "      - id: '1.1'\n        name: Chỉ tiêu\n"
        + ("        max_points: 10\n" if model == "points" else "")
        + "        items:\n"
        + textwrap.indent(textwrap.dedent(item).strip(), " " * 10)
        + "\n"
    )


def load(tmp_path: Path, item: str, value: str, *, model: str = "pass_fail") -> LoadedFile:
    """The ruleset with one item (id 1.1.1), and an assessment giving it `value` (YAML text)."""
    (tmp_path / "thu.yaml").write_text(ruleset_text(item, model), encoding="utf-8")
    path = tmp_path / "assessment.yaml"
    path.write_text(
        f'kind: assessment\nruleset: ./thu.yaml\nyear: 2026\nitems:\n  "1.1.1": {value}\n', encoding="utf-8"
    )
    return Loader().load(path, expect="assessment")


def scored(tmp_path: Path, item: str, value: str, *, model: str = "pass_fail") -> ItemResult:
    loaded = load(tmp_path, item, value, model=model)
    assert loaded.ok, [d.report_line() for d in loaded.diagnostics]
    assert loaded.ruleset is not None
    return loaded.ruleset.score(loaded.model).items()[0]


def problems(tmp_path: Path, item: str, value: str) -> list[str]:
    return [d.report_line() for d in load(tmp_path, item, value).diagnostics]


def reasons(tmp_path: Path, item: str, value: str) -> list[str]:
    """The verdict's reasons when the one item has `value`."""
    loaded = load(tmp_path, item, value)
    assert loaded.ok and loaded.ruleset is not None
    return loaded.ruleset.score(loaded.model).reasons

"""The published JSON Schemas accept exactly what tcpl accepts, checked with the `jsonschema` package.

Files are read as an editor's YAML language server reads them (dates stay text), then validated
against `schemas/*.schema.json`. A file is valid for its schema exactly when `tcpl validate`
finds no field error in it.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tcpl.loading.loader import Loader
from tcpl.loading.schemas import SCHEMA_KINDS, json_schema
from tests.conftest import EXAMPLE, REPO

SCHEMAS = REPO / "schemas"
BROKEN = REPO / "tests" / "data" / "broken"
FIELD_ERRORS = {"TCPL011", "TCPL101", "TCPL102", "TCPL103", "TCPL104", "TCPL205"}
"""What a schema can say: a bad date or number, a missing or unknown field, a wrong value."""


class EditorLoader(yaml.SafeLoader):
    """YAML as the YAML language server sees it: no timestamp type, a date is a string."""


EditorLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def published(kind: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))


SOURCES = {"published": published, "generated": json_schema}
"""The files in schemas/, and what `tcpl schema` writes with the installed pydantic (the lowest
versions CI tests may word a schema differently, never accept something else)."""


def schema_errors(data: Any, kind: str, source: str = "published") -> list[str]:
    if kind == "ruleset" and isinstance(data, dict) and data.get("extends"):
        kind = "overlay"
    validator = jsonschema.Draft202012Validator(
        SOURCES[source](kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def tcpl_codes(path: Path) -> tuple[str | None, set[str]]:
    loaded = Loader().load(path)
    return loaded.kind, {d.code for d in loaded.diagnostics}


EXAMPLES = sorted([*EXAMPLE.rglob("*.yaml"), *(REPO / "criteria").glob("*.yaml")])


@pytest.mark.parametrize("source", SOURCES)
def test_the_schemas_are_valid_draft_2020_12(source: str) -> None:
    for kind in SCHEMA_KINDS:
        jsonschema.Draft202012Validator.check_schema(SOURCES[source](kind))
        assert SOURCES[source](kind)["$id"] == f"urn:tcpl:schema:{kind}"


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_example_file_is_valid_for_its_schema(path: Path, source: str) -> None:
    kind, codes = tcpl_codes(path)
    assert kind is not None and not codes
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)
    assert schema_errors(data, kind, source) == []


def readme_examples() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", text, re.S)


def test_the_readme_has_an_example_of_each_kind() -> None:
    starts = sorted(block.splitlines()[0].split("#")[0].strip() for block in readme_examples())
    assert starts == sorted(
        [
            "kind: commune",
            "kind: assessment",
            "kind: ruleset",
            "kind: office",
            "kind: plan",
            "kind: feedback",
            "kind: office",
        ]
    )


@pytest.mark.parametrize("n", range(len(readme_examples())))
def test_every_readme_example_is_valid_for_its_schema(tmp_path: Path, n: int) -> None:
    block = readme_examples()[n]
    path = tmp_path / "vi-du.yaml"
    path.write_text(block, encoding="utf-8")
    kind, codes = tcpl_codes(path)
    assert kind is not None
    assert not codes & FIELD_ERRORS and not {c for c in codes if c < "TCPL100"}, codes
    assert schema_errors(yaml.load(block, Loader=EditorLoader), kind) == []


# The broken files whose problem a schema cannot see, or that tcpl stops reading early.
NOT_A_SCHEMA_MATTER = {
    "alias_bomb.yaml": "tcpl stops at the alias bomb, before the fields",
    "recursive_alias.yaml": "tcpl stops at the recursive alias, before the fields",
    "done_greater_than_total.yaml": "done > total compares two fields",
}


def parseable_broken() -> list[Path]:
    out = []
    for path in sorted(BROKEN.glob("*.yaml")):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        if isinstance(data, dict) and path.name not in NOT_A_SCHEMA_MATTER and tcpl_codes(path)[0]:
            out.append(path)
    return out


@pytest.mark.parametrize("path", parseable_broken(), ids=lambda p: p.name)
def test_broken_files_fail_the_schema_exactly_when_tcpl_finds_a_field_error(path: Path) -> None:
    kind, codes = tcpl_codes(path)
    assert kind is not None
    errors = schema_errors(yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader), kind)
    assert bool(errors) == bool(codes & FIELD_ERRORS), (codes, errors)


def test_the_broken_files_include_schema_errors() -> None:
    failing = [p for p in parseable_broken() if tcpl_codes(p)[1] & FIELD_ERRORS]
    assert len(failing) >= 6


# (where, YAML text, valid): the short forms, one at a time, and the mistakes next to them.
CASES = [
    ("2026/assessment.yaml", 'year: 2026\nitems: {"2.1.1": true}', True),
    ("2026/assessment.yaml", 'year: 2026\nitems: {"3.1.1": 3}', True),
    ("2026/assessment.yaml", 'year: 2026\nitems: {"3.1.1": 2.5}', True),
    ("2026/assessment.yaml", 'year: 2026\nitems: {"2.5.1": [portal, social_network]}', True),
    ("2026/assessment.yaml", 'year: 2026\nitems: {"2.2.1": {done: 9, total: 11, note: "x"}}', True),
    ("2026/assessment.yaml", 'year: 2026\nitems: {"2.4.1": {due: 2026-01-20, done: 2026-01-16}}', True),
    # A word is the kind's to judge (TCPL311: "có" yes, "maybe" no), not the schema's.
    ("2026/assessment.yaml", 'year: 2026\nitems: {"2.1.1": maybe}', True),
    ("2026/assessment.yaml", 'year: 2026\nitems: {"2.1.1": có}', True),
    # A blank value is "chưa nhập" (a fresh scaffold).
    ("2026/assessment.yaml", 'year: 2026\nitems: {"2.1.1": null}', True),
    ("2026/assessment.yaml", 'year: 2026\nitems: {"2.4.1": {due: 20/01/2026, done: 16/01/2026}}', True),
    ("2026/assessment.yaml", 'year: 2026\nitems: {"2.2.1": {done: "1.234", total: 1234}}', True),
    ("2026/assessment.yaml", 'year: 2026\nitems: {"2.2.1": {done: 9, totl: 11}}', False),
    ("2026/assessment.yaml", 'year: 2026\nitems: {"2.2.1": {done: -1, total: 11}}', False),
    ("2026/assessment.yaml", 'year: 2026\nitems: {"2.4.1": {due: 2026-02-30}}', False),
    ("2026/assessment.yaml", 'year: 2026\nitems: {"2.1 1": true}', False),
    ("2026/assessment.yaml", "year: 2026\nitems: {}\nyaer: 2026", False),
    ("2026/assessment.yaml", "items: {}", False),
    (
        "2026/plan.yaml",
        "year: 2026\nsubject: a\nsections:\n- heading: I\n  tasks:\n  - title: t\n    lines:\n"
        "    - Một đoạn văn\n    - Ngành phối hợp: Công an xã\n    - {label: Thời gian, text: Quý I/2026}",
        True,
    ),
    (
        "2026/plan.yaml",
        "year: 2026\nsubject: a\nsections:\n- heading: I\n  tasks:\n  - title: t\n    lines:\n"
        "    - {role: lead}",
        False,
    ),
    (
        "2026/plan.yaml",
        "year: 2026\nsubject: a\nsections:\n- heading: I\n  tasks:\n  - title: t\n    lines:\n"
        "    - {Ngành phối hợp: a, Thời gian: b}",
        False,
    ),
    (
        "2026/plan.yaml",
        "year: 2026\nsubject: a\nsections:\n- heading: I\n  tasks:\n  - title: t\n    lines:\n"
        "    - {Ngành phối hợp: 5}",
        False,
    ),
    ("2026/plan.yaml", "year: 2026\nsubject: a\nsections: []", False),
    (
        "criteria/r.yaml",
        "id: r\ntitle: t\nyears: {from: 2026}\nmodel: pass_fail\ncriteria:\n- id: 1\n  name: a\n"
        "  indicators:\n  - id: 1.1\n    name: b\n    items:\n    - {id: 1.1.1, name: c, kind: boolean}",
        True,
    ),
    (
        "criteria/r.yaml",
        "id: r\ntitle: t\nyears: {from: 2026}\nmodel: pass_fail\ncriteria:\n- id: -1\n  name: a\n"
        "  indicators:\n  - id: 1.1\n    name: b\n    items:\n    - {id: 1.1.1, name: c, kind: boolean}",
        False,
    ),
    (
        "criteria/r.yaml",
        "id: r\ntitle: t\nyears: {from: 2026}\nmodel: pass_fail\ncriteria:\n- id: 1\n  name: a\n"
        "  indicators:\n  - id: 1.1\n    name: b\n    items:\n    - {id: 1.1.1, name: c, kind: bool}",
        False,
    ),
    (
        "2026/tinh.yaml",
        'id: t\nextends: qd27-2025\ncriteria:\n- id: "3"\n  indicators:\n  - id: "3.2"\n'
        '    items:\n    - {id: "3.2.2", required: 0.8}',
        True,
    ),
    (
        "2026/tinh.yaml",
        'extends: qd27-2025\ncriteria:\n- id: "3"\n  indicators:\n  - id: "3.2"\n'
        '    items:\n    - {id: "3.2.2", requried: 0.8}',
        False,
    ),
    (
        "2026/tinh.yaml",
        'extends: qd27-2025\ncriteria:\n- id: "3"\n  indicators:\n  - id: "3.2"\n'
        '    items:\n    - {id: "3.2.2", required: -1}',
        False,
    ),
]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(("rel", "text", "valid"), CASES)
def test_short_forms_and_mistakes_agree_with_tcpl(
    tmp_path: Path, rel: str, text: str, valid: bool, source: str
) -> None:
    path = tmp_path / "xa" / rel
    path.parent.mkdir(parents=True)
    path.write_text(textwrap.dedent(text) + "\n", encoding="utf-8")
    kind, codes = tcpl_codes(path)
    assert kind is not None
    assert not (codes & FIELD_ERRORS) == valid, codes
    errors = schema_errors(yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader), kind, source)
    assert (errors == []) == valid, errors


def test_the_editor_header_in_the_readme_points_at_the_schemas() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    headers = re.findall(r"\$schema=([^`\s]+)", text)
    assert headers
    for header in headers:
        # written for plans/<xã>/<năm>/assessment.yaml
        assert (EXAMPLE / "2026" / header).resolve().is_file(), header


def test_vscode_settings_map_every_example_to_an_existing_schema() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]

    def matches(glob: str, rel: str) -> bool:
        rx = re.escape(glob).replace(r"\*\*/", "(?:.*/)?").replace(r"\*", "[^/]*")
        return re.fullmatch(rx, rel) is not None

    for schema in mapping:
        assert (REPO / schema).is_file(), schema
    for path in EXAMPLES:
        rel = str(path.relative_to(REPO))
        found = [
            Path(s).name.split(".")[0] for s, globs in mapping.items() if any(matches(g, rel) for g in globs)
        ]
        kind, _ = tcpl_codes(path)
        if path.name.startswith("qd25-2021-minh-hoa"):
            assert found == [] and "$schema=../../../schemas/overlay.schema.json" in path.read_text("utf-8")
        else:
            assert found == [kind], (rel, found)

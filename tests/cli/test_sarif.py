"""SARIF 2.1.0 as GitHub code scanning ingests it, validated against the official schema.

tests/data/sarif-2.1.0.json is the schema shipped in the npm package
@microsoft/sarif-multitool-linux 5.7.0 (MIT), the file the SARIF Multitool validates with.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest

from tcpl import codes
from tests.conftest import EXAMPLE, REPO

SARIF_SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
# RFC 3986 relative-ref without a scheme: unreserved, sub-delims, ':' '@' '/', or %XX; no ':' before the first '/'.
_URI_CHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@/]|%[0-9A-F]{2})"
RELATIVE_URI = re.compile(rf"{_URI_CHAR}(?:{_URI_CHAR}|:)*")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the example commune and a broken one whose folder name needs encoding."""
    root = tmp_path / "kho tỉnh"
    shutil.copytree(EXAMPLE, root / "plans" / "huong-binh")
    odd = root / "plans" / "xã, mới: 100%"
    odd.mkdir(parents=True)
    (odd / "commune.yaml").write_text("kind: commune\nid: moi\nname: [Mới\n", encoding="utf-8")
    plan = root / "plans" / "huong-binh" / "2026" / "plan.yaml"
    plan.write_text(plan.read_text("utf-8").replace("\nsubject:", "\nsubjet:", 1), encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def sarif_of(tcpl, monkeypatch: pytest.MonkeyPatch, cwd: Path, *args: str) -> dict[str, Any]:
    monkeypatch.chdir(cwd)
    result = tcpl("check", *args, "--format", "sarif", "--require-recognized")
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def validate(sarif: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(
        SARIF_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(sarif)]
    assert errors == []


def locations(sarif: dict[str, Any]) -> list[dict[str, Any]]:
    return [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in sarif["runs"][0]["results"]]


def test_valid_sarif_with_relative_percent_encoded_uris(tcpl, repo: Path, monkeypatch) -> None:
    sarif = sarif_of(tcpl, monkeypatch, repo, "plans")
    validate(sarif)
    run = sarif["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}}
    found = locations(sarif)
    uris = {loc["uri"] for loc in found}
    assert "plans/x%C3%A3%2C%20m%E1%BB%9Bi%3A%20100%25/commune.yaml" in uris
    assert "plans/huong-binh/2026/plan.yaml" in uris
    for loc in found:
        assert loc["uriBaseId"] == "%SRCROOT%" and RELATIVE_URI.fullmatch(loc["uri"]), loc
        assert (repo / unquote(loc["uri"])).is_file(), loc


def test_uris_are_relative_to_the_repository_root_from_any_folder(tcpl, repo: Path, monkeypatch) -> None:
    from_root = locations(sarif_of(tcpl, monkeypatch, repo, "plans"))
    from_plans = locations(sarif_of(tcpl, monkeypatch, repo / "plans", "."))
    assert from_root == from_plans


def test_outside_a_repository_the_base_is_the_working_directory(tcpl, tmp_path: Path, monkeypatch) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "plans" / "huong-binh")
    target = tmp_path / "plans" / "huong-binh" / "2026" / "assessment.yaml"
    target.write_text(target.read_text("utf-8").replace("total: 3", "totl: 3", 1), encoding="utf-8")
    sarif = sarif_of(tcpl, monkeypatch, tmp_path / "plans", ".")
    validate(sarif)
    assert sarif["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == (tmp_path / "plans").as_uri() + "/"
    assert "huong-binh/2026/assessment.yaml" in {loc["uri"] for loc in locations(sarif)}


def test_a_file_outside_the_base_gets_an_absolute_file_uri(
    tcpl, repo: Path, tmp_path: Path, monkeypatch
) -> None:
    elsewhere = tmp_path / "ngoài"
    elsewhere.mkdir()
    sarif = sarif_of(tcpl, monkeypatch, elsewhere, str(repo / "plans"))
    validate(sarif)
    for loc in locations(sarif):
        assert loc["uri"].startswith("file:///") and "uriBaseId" not in loc
        assert " " not in loc["uri"] and "ỉ" not in loc["uri"]


def test_rules_carry_what_github_requires(tcpl, repo: Path, monkeypatch) -> None:
    sarif = sarif_of(tcpl, monkeypatch, repo, "plans")
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert (
        {r["id"] for r in rules} == {r["ruleId"] for r in run["results"]} >= {"TCPL006", "TCPL102", "TCPL900"}
    )
    for rule in rules:
        info = codes.REGISTRY[rule["id"]]
        assert rule["shortDescription"]["text"] == info.meaning
        assert info.todo in rule["fullDescription"]["text"]
        assert rule["help"]["text"] == info.todo and info.todo in rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning")
        # SARIF1001: a readable name, not the id again
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]+", rule["name"]) and rule["name"] != rule["id"]
        assert "helpUri" not in rule  # the package declares no project URL: none is invented
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    assert "informationUri" not in run["tool"]["driver"]


def test_fingerprints_are_stable_and_distinct(tcpl, repo: Path, monkeypatch) -> None:
    first = sarif_of(tcpl, monkeypatch, repo, "plans")["runs"][0]["results"]
    # a line added at the top moves every position of that file, not its fingerprints
    commune = repo / "plans" / "xã, mới: 100%" / "commune.yaml"
    commune.write_text("# ghi chú\n" + commune.read_text("utf-8"), encoding="utf-8")
    second = sarif_of(tcpl, monkeypatch, repo, "plans")["runs"][0]["results"]
    prints = [r["partialFingerprints"]["tcpl/v1"] for r in first]
    assert len(set(prints)) == len(prints)
    assert prints == [r["partialFingerprints"]["tcpl/v1"] for r in second]

    def line_in_commune(results: list[dict[str, Any]]) -> int:
        found = [
            r
            for r in results
            if "x%C3%A3" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        ]
        return int(found[0]["locations"][0]["physicalLocation"]["region"]["startLine"])

    assert line_in_commune(second) == line_in_commune(first) + 1

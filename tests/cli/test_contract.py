"""The CLI contract: exact exit code, stdout and stderr for each command's main cases.

Each case's expected output is a reviewed file in tests/cli/golden/ (yamllint style): a change
of wording, of a figure or of an exit code shows as a diff there. When a change is intended, run
`TCPL_UPDATE_GOLDEN=1 pytest tests/cli/test_contract.py`, then read the diff before committing.
Commands run from the repository root with relative paths, so the output names files as a user
sees them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tcpl.cli.main import app
from tests.conftest import REPO

GOLDEN = Path(__file__).parent / "golden"
BROKEN = "tests/data/broken"
Y2023 = "plans/huong-binh/2023"
Y2026 = "plans/huong-binh/2026"

CASES: dict[str, list[str]] = {
    "validate-broken-text": ["validate", BROKEN],
    "validate-broken-json": ["validate", BROKEN, "--format", "json"],
    "validate-example": ["validate", "plans"],
    "check-broken-text": ["check", BROKEN],
    "check-broken-github": ["check", BROKEN, "--format", "github"],
    "check-broken-junit": ["check", BROKEN, "--format", "junit"],
    "check-example-json": ["check", "plans", "--format", "json"],
    "score-2023-text": ["score", Y2023],
    "score-2023-json": ["score", Y2023, "--format", "json"],
    "score-2026-text": ["score", Y2026],
    "score-2026-markdown": ["score", Y2026, "--format", "markdown"],
    "score-require-recognized": ["score", Y2026, "--require-recognized"],
    "gap-2026-text": ["gap", Y2026, "--as-of", "2026-12-31"],
    "gap-2023-json": ["gap", Y2023, "--format", "json", "--as-of", "2024-01-05"],
    "diff-2023-2026": ["diff", f"{Y2023}/assessment.yaml", f"{Y2026}/assessment.yaml"],
    "rules-list": ["rules", "list"],
    "rules-show": ["rules", "show", "qd25-2021"],
    "explain-code": ["explain", "TCPL101"],
    "plan-status": ["plan", "status", Y2026, "--as-of", "2026-06-30"],
    "calendar-2026": ["calendar", Y2026, "--as-of", "2026-06-30"],
    "summary-plans": ["summary", "plans", "--year", "2026"],
    "usage-missing-folder": ["score", "plans/khong-co"],
    "usage-unknown-option": ["score", Y2026, "--formt", "json"],
    "usage-bad-format": ["score", Y2026, "--format", "yaml"],
}


def run(args: list[str]) -> str:
    runner = CliRunner()
    here = Path.cwd()
    os.chdir(REPO)
    try:
        result = runner.invoke(app, args, env={"NO_COLOR": "1", "COLUMNS": "100", "CI": ""})
    finally:
        os.chdir(here)
    return f"$ tcpl {' '.join(args)}\n[exit {result.exit_code}]\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_is_exactly_the_reviewed_one(name: str) -> None:
    got = run(CASES[name])
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("TCPL_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert same_as_golden(got, expected)


def same_as_golden(got: str, expected: str) -> bool:
    """The comparison every case uses: the whole output, byte for byte."""
    return got == expected


def test_every_golden_file_has_a_case() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.txt")) == sorted(CASES)


def test_a_different_count_fails() -> None:
    """The comparison is exact: '10 lỗi' is not '0 lỗi' (a substring check would pass)."""
    expected = (GOLDEN / "validate-example.txt").read_text(encoding="utf-8")
    got = run(CASES["validate-example"])
    assert same_as_golden(got, expected)
    miscounted = got.replace("0 lỗi", "10 lỗi")
    assert miscounted != got and "0 lỗi" in miscounted  # a substring check would have passed
    assert not same_as_golden(miscounted, expected)

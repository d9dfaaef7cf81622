"""Start-up stays light: the commands that write no document import no document library."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLE

PROBE = """
import json, runpy, sys
sys.argv = ["tcpl", *json.loads(sys.argv[1])]
code = 0
try:
    runpy.run_module("tcpl", run_name="__main__")
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"docx", "jinja2", "openpyxl", "lxml"})
sys.stderr.write("HEAVY=" + json.dumps({"modules": heavy, "exit": code}) + "\\n")
"""


def probe(*args: str) -> tuple[list[str], int]:
    """The document libraries a command imported, and its exit code (a command that failed early
    would import nothing and prove nothing)."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args))], capture_output=True, text=True, timeout=120
    )
    line = next(ln for ln in result.stderr.splitlines() if ln.startswith("HEAVY="))
    data = json.loads(line.removeprefix("HEAVY="))
    return data["modules"], data["exit"]


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["check", str(EXAMPLE / "2026")],
        ["score", str(EXAMPLE / "2026")],
        ["validate", str(EXAMPLE)],
        ["summary", str(EXAMPLE), "--year", "2023"],
    ],
    ids=["version", "check", "score", "validate", "summary-table"],
)
def test_no_document_libraries_at_start(args: list[str]) -> None:
    assert probe(*args) == ([], 0)


def test_the_probe_can_see_a_heavy_import(tmp_path) -> None:
    modules, code = probe(
        "plan", "render", str(EXAMPLE / "2023" / "plan.yaml"), "-o", str(tmp_path / "k.docx")
    )
    assert code == 0 and "docx" in modules

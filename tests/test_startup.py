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
try:
    runpy.run_module("tcpl", run_name="__main__")
except SystemExit:
    pass
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"docx", "jinja2", "openpyxl", "lxml"})
sys.stderr.write("HEAVY=" + json.dumps(heavy) + "\\n")
"""


def heavy_modules(*args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args))], capture_output=True, text=True, timeout=120
    )
    line = next(ln for ln in result.stderr.splitlines() if ln.startswith("HEAVY="))
    return json.loads(line.removeprefix("HEAVY="))


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["check", str(EXAMPLE / "2026")],
        ["score", str(EXAMPLE / "2026")],
        ["validate", str(EXAMPLE)],
    ],
    ids=["version", "check", "score", "validate"],
)
def test_no_document_libraries_at_start(args: list[str]) -> None:
    assert heavy_modules(*args) == []


def test_the_probe_can_see_a_heavy_import() -> None:
    assert "docx" in heavy_modules(
        "plan", "render", str(EXAMPLE / "2023" / "plan.yaml"), "-o", "/dev/null/x.docx"
    )

"""The diagnostic codes: one registry, every code used, explained and listed in the README."""

from __future__ import annotations

import re
from pathlib import Path

from tcpl import codes

REPO = Path(__file__).resolve().parents[1]


def test_every_code_has_a_meaning_and_what_to_do() -> None:
    assert codes.REGISTRY
    for ident, info in codes.REGISTRY.items():
        assert re.fullmatch(r"TCPL\d{3}", ident) and ident == info
        assert info.meaning and info.todo.endswith(".") and info.severity in ("error", "warning")


def test_every_code_is_used_and_no_code_is_written_by_hand() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "src" / "tcpl").rglob("*.py"))
    registry = (REPO / "src" / "tcpl" / "codes.py").read_text(encoding="utf-8")
    # a code as a string of its own ("TCPL310"): behaviour would then hang on its spelling
    by_hand = set(re.findall(r"[\"']TCPL\d{3}[\"']", source.replace(registry, "")))
    assert not by_hand, sorted(by_hand)
    names = re.findall(r"^([A-Z_0-9]+) = _code\(", registry, re.M)
    unused = [n for n in names if f"codes.{n}" not in source]
    assert not unused, unused


def test_the_readme_table_is_the_registry(tcpl) -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Mã lỗi\n", 1)[1].split("\n## ", 1)[0]
    table = tcpl("explain", "--all", "--format", "markdown").stdout
    assert table.strip() and table.strip() in section, "run: tcpl explain --all --format markdown"


def test_explain_one_code(tcpl) -> None:
    result = tcpl("explain", "tcpl311")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "TCPL311 (lỗi): Giá trị không hợp với loại nội dung"
    assert codes.WRONG_VALUE_FOR_KIND.todo in result.stdout
    unknown = tcpl("explain", "TCPL999")
    assert unknown.exit_code == 2 and "không có mã TCPL999" in unknown.stderr


def test_every_code_has_its_own_readable_rule_name() -> None:
    names = [codes.rule_name(ident) for ident in codes.REGISTRY]
    assert len(set(names)) == len(names)
    assert codes.rule_name("TCPL001") == "Unreadable" and codes.rule_name("TCPL900") == "NotRecognised"
    assert all(re.fullmatch(r"[A-Z][A-Za-z0-9]+", n) for n in names)

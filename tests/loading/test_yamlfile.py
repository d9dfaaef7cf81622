"""Safe YAML reading: positions, refusals, normalisation."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from tcpl.loading.yamlfile import MAX_NODES, read_yaml


def read(tmp_path: Path, text: str | bytes):
    path = tmp_path / "f.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_yaml(path)


def test_keys_stay_as_typed_and_ids_keep_their_text(tmp_path: Path) -> None:
    doc = read(tmp_path, "1.1: a\n2: b\nid: 1.10\nn: 3\nd: 2026-01-15\n")
    assert doc.ok
    assert list(doc.data) == ["1.1", "2", "id", "n", "d"]
    assert doc.data["id"].raw == "1.10" and doc.data["id"] == 1.1
    assert doc.data["n"] == 3 and doc.data["d"] == date(2026, 1, 15)


def test_positions_of_nested_nodes(tmp_path: Path) -> None:
    doc = read(tmp_path, "a:\n  b:\n    - x\n    - {c: 1}\n")
    assert doc.position(("a", "b", 1, "c")) == (4, 11)
    assert doc.position(("a", "b", 1, "c"), key=True) == (4, 8)
    assert doc.position(("a", "missing")) == (2, 3)  # deepest node that exists


def test_duplicate_keys_are_refused_with_both_lines(tmp_path: Path) -> None:
    doc = read(tmp_path, "a: 1\nb: 2\na: 3\n")
    (d,) = doc.diagnostics
    assert (d.line, d.col) == (3, 1)
    assert "đã có ở dòng 1" in d.message
    assert doc.data == {"a": 1, "b": 2}  # the first value is kept, the loss is reported


def test_alias_bomb_is_stopped(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 8):
        prev, cur = chr(96 + n), chr(97 + n)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    doc = read(tmp_path, "\n".join(lines) + "\n")
    assert not doc.usable
    assert any(f"{MAX_NODES:,}".replace(",", ".") in d.message for d in doc.diagnostics)


def test_small_aliases_are_fine(tmp_path: Path) -> None:
    doc = read(tmp_path, "a: &e [x, y]\nb: *e\n")
    assert doc.ok and doc.data == {"a": ["x", "y"], "b": ["x", "y"]}


@pytest.mark.parametrize(
    "tag", ["!!python/object/apply:os.system ['id']", "!!binary aGk=", "!custom x", "!!set {a}"]
)
def test_unsafe_or_unknown_tags_are_refused(tmp_path: Path, tag: str) -> None:
    doc = read(tmp_path, f"a: {tag}\n")
    assert not doc.ok
    assert "không được hỗ trợ" in doc.diagnostics[0].message


def test_text_is_normalised_to_nfc(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Hương Bình: Tư pháp")
    doc = read(tmp_path, f'name: "{decomposed}"\n')
    assert doc.data["name"] == unicodedata.normalize("NFC", "Hương Bình: Tư pháp")
    assert unicodedata.is_normalized("NFC", doc.data["name"])


def test_bom_is_accepted(tmp_path: Path) -> None:
    assert read(tmp_path, b"\xef\xbb\xbfa: 1\n").data == {"a": 1}


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\ufffe"])
def test_characters_a_docx_cannot_hold_are_refused(tmp_path: Path, char: str) -> None:
    doc = read(tmp_path, f"a: b{char}c\n")
    assert not doc.ok
    (d,) = doc.diagnostics
    assert (d.line, d.col) == (1, 5)
    assert f"U+{ord(char):04X}" in d.message


def test_non_utf8_is_located(tmp_path: Path) -> None:
    doc = read(tmp_path, b"a: 1\nb: caf" + b"\xe9\n")
    (d,) = doc.diagnostics
    assert (d.line, d.col) == (2, 7)
    assert "UTF-8" in d.message


def test_multiline_values_keep_their_lines(tmp_path: Path) -> None:
    doc = read(tmp_path, "a: |\n  dòng 1\n  dòng 2\n")
    assert doc.data["a"] == "dòng 1\ndòng 2\n"


def test_merge_keys_are_refused(tmp_path: Path) -> None:
    doc = read(tmp_path, "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n")
    assert any("'<<'" in d.message for d in doc.diagnostics)

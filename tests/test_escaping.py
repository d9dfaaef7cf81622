"""Escaping of user strings for each kind of output."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from tcpl import escaping


@given(st.text())
def test_visible_text_is_one_line_without_hidden_characters(text: str) -> None:
    shown = escaping.visible(text)
    assert "\n" not in shown and "\r" not in shown
    assert not escaping.has_invisible(shown)


def test_visible_shows_what_was_hidden() -> None:
    assert escaping.visible("a\nb\u202ec\x1b") == "a\\nb\\u202ec\\x1b"
    assert escaping.visible("tên\udcff") == "tên\\xff"  # a byte of a non-UTF-8 file name


@given(st.text())
def test_no_log_line_is_a_workflow_command(text: str) -> None:
    for line in escaping.log_text(text).split("\n"):
        assert not line.lstrip().startswith("::")
        assert "##[" not in line


def test_log_lines_keep_tcpl_text_and_colours() -> None:
    assert escaping.log_line("plans/x.yaml:1:1: lỗi") == "plans/x.yaml:1:1: lỗi"
    assert escaping.log_line("\x1b[31mđỏ\x1b[0m") == "\x1b[31mđỏ\x1b[0m"
    assert escaping.log_line("  ::error::x") == "  \\::error::x"


def test_the_log_stream_escapes_across_writes() -> None:
    sink = io.StringIO()
    stream = escaping.LogStream(sink)
    stream.write("a\n::ad")
    stream.write("d-mask::x\nb")
    stream.flush()
    assert sink.getvalue() == "a\n\\::add-mask::x\nb"


@given(st.text())
def test_json_documents_keep_their_data(text: str) -> None:
    doc = escaping.json_document(json.dumps({"k": text}, ensure_ascii=False))
    assert "##[" not in doc
    assert json.loads(doc) == {"k": text}


@given(st.text())
def test_xml_documents_are_well_formed_and_keep_visible_data(text: str) -> None:
    root = ET.Element("r", name=escaping.xml_text(text))
    root.text = escaping.xml_text(text)
    doc = escaping.xml_document(ET.tostring(root, encoding="unicode"))
    assert "##[" not in doc
    back = ET.fromstring(doc)
    kept = back.get("name")
    assert kept is not None and all(_xml_char(c) for c in kept)
    if all(_xml_char(c) for c in text):
        assert kept == text  # what XML can hold comes back unchanged


def _xml_char(c: str) -> bool:
    """XML 1.0 § 2.2 Char, written out here rather than taken from the code under test."""
    return c in "\t\n\r" or "\x20" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c >= "\U00010000"


def test_markdown_cannot_add_a_heading_html_or_a_table_cell() -> None:
    text = escaping.markdown("# Xã\n<script>alert(1)</script> | a")
    assert not text.startswith("#") and "<script>" not in text and " | " not in text
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(text)
    assert html.startswith("<p>") and "<script>" not in html and "<h1>" not in html


def test_ics_text_has_no_bare_line_breaks() -> None:
    assert escaping.ics_text("a\rb\r\nc;d,e\\") == "a\\nb\\nc\\;d\\,e\\\\"


def test_spreadsheet_text_never_starts_a_formula() -> None:
    for value in ('=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\t=1"):
        assert escaping.spreadsheet_text(value).startswith("'")
    assert escaping.spreadsheet_text("Hương Bình") == "Hương Bình"

"""Escaping of user strings, one function per kind of output.

Every string from a data file (a key, an id, a commune name, a file name) may be written by
anyone who can open a pull request. Printed as it is, it can break a line, hide itself (bidi and
zero-width characters), start a GitHub workflow command (`::error ...`, `##[...]`), become a
spreadsheet formula, or make an XML report malformed. Each output kind escapes here, so the
rule for that kind lives in one place.
"""

from __future__ import annotations

import re
from typing import Any

# Characters that change how text is read without being seen, or that end a line:
# C0 and C1 controls, DEL, line and paragraph separators, bidi controls (U+202A-202E,
# U+2066-2069, LRM, RLM, ALM), zero-width characters and a BOM inside text.
INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff\u2028\u2029"
_UNSAFE_TEXT = re.compile(f"[\x00-\x1f\x7f-\x9f{INVISIBLE}\ud800-\udfff]")
_HIDDEN = re.compile(f"[{INVISIBLE}\ud800-\udfff]")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

# A GitHub Actions runner executes `::command::` at the start of a line (after leading spaces)
# and the older `##[command]` anywhere in a line.
_LEGACY_COMMAND = "##["


def _code_point(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    n = ord(ch)
    if 0xDC80 <= n <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{n - 0xDC00:02x}"
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


def visible(text: str) -> str:
    """One line, every character seen: controls, newlines, bidi and zero-width become `\\n`, `\\u202e`...

    For any user string placed in a message, a table cell or a log line.
    """
    return _UNSAFE_TEXT.sub(lambda m: _code_point(m.group()), text)


def has_invisible(text: str) -> bool:
    """True when the text holds a character `visible` would escape."""
    return _UNSAFE_TEXT.search(text) is not None


def log_line(line: str) -> str:
    """A line of human output (terminal or CI log) that no runner takes for a command.

    The line is tcpl's own text with user strings inside; it cannot start a workflow command
    (`::...` after spaces) or hold the legacy `##[...]` form anywhere, and nothing in it hides
    (bidi or zero-width characters are shown as escapes; the terminal's own colour codes stay).
    """
    line = _HIDDEN.sub(lambda m: _code_point(m.group()), line).replace(_LEGACY_COMMAND, "##\\[")
    stripped = line.lstrip()
    if stripped.startswith("::"):
        cut = len(line) - len(stripped)
        line = f"{line[:cut]}\\{stripped}"
    return line


def log_text(text: str) -> str:
    """`log_line` for every line of a block of human output."""
    return "\n".join(log_line(line) for line in text.split("\n"))


def json_document(text: str) -> str:
    """A JSON document printed to a CI log: the legacy `##[` form cannot appear in it.

    `\\u0023` is read back as '#', so the data is unchanged.
    """
    return text.replace(_LEGACY_COMMAND, "#\\u0023[")


def xml_document(text: str) -> str:
    """An XML document printed to a CI log: `&#35;` is read back as '#', so the data is unchanged."""
    return text.replace(_LEGACY_COMMAND, "#&#35;[")


def xml_text(text: str) -> str:
    """Text an XML 1.0 document can hold (ElementTree escapes &, < and > itself)."""
    return _XML_INVALID.sub(lambda m: _code_point(m.group()), text)


_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&#!{}])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([-+=>])|(\d{1,9})([.)]))")


def markdown(value: object) -> str:
    """Text as Markdown that renders exactly as the text, on one line (no heading, HTML, link, list)."""
    return _MD_LINE_START.sub(
        lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}"),
        markdown_cell(value),
    )


def markdown_cell(value: object) -> str:
    """Text safe inside one Markdown table cell (a cell cannot start a list or a heading)."""
    return _MD_INLINE.sub(r"\\\1", visible(" ".join(str(value).splitlines())))


def ics_text(text: str) -> str:
    """An iCalendar TEXT value (RFC 5545 §3.3.11): backslash, ';', ',' and line breaks escaped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return visible(text)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "|", "%")


def spreadsheet_text(value: str) -> str:
    """A text cell of a CSV file that Excel will not run as a formula (OWASP CSV injection).

    A leading apostrophe is Excel's own sign for "this is text"; it is not shown in the cell.
    """
    return f"'{value}" if value.startswith(_FORMULA_START) else value


class LogStream:
    """A text stream whose every line passes `log_line`: the sink of human output (Rich included)."""

    def __init__(self, target: Any) -> None:
        self._target = target
        self._pending = ""

    def write(self, text: str) -> int:
        data = self._pending + text
        lines = data.split("\n")
        self._pending = lines.pop()
        if lines:
            self._target.write("".join(log_line(line) + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._target.write(log_line(self._pending))
            self._pending = ""
        self._target.flush()

    def isatty(self) -> bool:
        return bool(getattr(self._target, "isatty", lambda: False)())

    def fileno(self) -> int:
        return int(self._target.fileno())

    @property
    def encoding(self) -> str:
        return str(getattr(self._target, "encoding", "utf-8") or "utf-8")

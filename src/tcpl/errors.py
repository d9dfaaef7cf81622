"""Diagnostics and the error hierarchy.

Problems found in a user's files are values (`Diagnostic`), collected and reported together.
Exceptions are kept for "cannot continue"; each carries a Vietnamese message for the user,
and the CLI maps them to exit codes (README, "Mã thoát": 1 for problems in the files, 2 for usage,
configuration or internal errors).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tcpl.codes import REGISTRY
from tcpl.codes import Severity as Severity
from tcpl.escaping import visible


def byte_line_col(raw: bytes, index: int) -> tuple[int, int]:
    """1-based line and column of byte `index` (a byte that is not UTF-8, say)."""
    return raw.count(b"\n", 0, index) + 1, index - (raw.rfind(b"\n", 0, index) + 1) + 1


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One located problem in a file: `path:line:col: message` (1-based line and column)."""

    path: str
    line: int
    col: int
    message: str
    code: str
    severity: Severity | None = None
    """None: the code's own severity (codes.py)."""
    loc: tuple[str | int, ...] = ()

    def __post_init__(self) -> None:
        if self.severity is None:
            known = REGISTRY.get(self.code)
            object.__setattr__(self, "severity", known.severity if known else Severity.ERROR)
        # A message quotes the officer's keys and values, and a path is whatever a repository holds:
        # each is one line of visible characters, whatever it contains (no line break, no bidi).
        object.__setattr__(self, "message", visible(self.message))
        object.__setattr__(self, "path", visible(self.path))

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"

    @property
    def severity_word(self) -> str:
        return "lỗi" if self.severity is Severity.ERROR else "cảnh báo"

    def report_line(self) -> str:
        """The line `tcpl validate` and `tcpl check` print: `path:line:col: lỗi CODE: message`."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity_word} {self.code}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": (self.severity or Severity.ERROR).value,
            "code": self.code,
            "message": self.message,
            "loc": list(self.loc),
        }

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.message)


class TcplError(Exception):
    """Base of every error tcpl raises on purpose; `str()` is the user's message."""

    exit_code = 2


class UsageError(TcplError):
    """The command was called in a way that cannot work (wrong path, missing option...)."""


class ConfigError(TcplError):
    """A ruleset, template or configuration file cannot be used."""


class ExistingFilesError(TcplError):
    """Files that were to be created already exist; they are left as they are (exit 1)."""

    exit_code = 1


class DossierIncomplete(TcplError):
    """A dossier that misses a document or an evidence file it needs (exit 1; --draft writes it)."""

    exit_code = 1


class FormError(TcplError):
    """An entry form that cannot be imported (bad cells, values that would be overwritten): exit 1."""

    exit_code = 1


class NotFinalError(TcplError):
    """`--strict`: the document was written, but it is still a draft (DỰ THẢO)."""

    exit_code = 1


@dataclass
class InvalidFilesError(TcplError):
    """One or more files have problems; the diagnostics say where and what."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    exit_code = 1

    def __post_init__(self) -> None:
        super().__init__(self.summary())

    def summary(self) -> str:
        """The same lines `tcpl validate` prints, with the severity and the code."""
        return "\n".join(d.report_line() for d in sorted(self.diagnostics, key=Diagnostic.sort_key))


def display_path(path: Path | str) -> str:
    """A path as the user should see it: relative to the working directory when inside it.

    Always printable: a file name that is not UTF-8 or holds a control character is escaped.
    """
    p = Path(path)
    try:
        shown = str(p.absolute().relative_to(Path.cwd().absolute()))
    except ValueError:
        try:
            shown = str(p.resolve().relative_to(Path.cwd().resolve()))
        except (ValueError, OSError, RuntimeError):
            shown = str(p)
    return visible(shown)

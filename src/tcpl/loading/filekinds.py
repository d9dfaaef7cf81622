"""Which YAML files are tcpl's, and of what kind: the one place that decides.

A repository holds other tools' YAML too: CI workflows, pre-commit, yamllint, ESLint, Spectral,
Stylelint, Taskfile, Ansible, Kubernetes, mkdocs, docker-compose. A file is tcpl's only

1. by its `kind:` (one of tcpl's kinds), or
2. by its name in its place: `commune.yaml` anywhere, a plan, assessment or feedback file in a
   year folder (`…/<xã>/<năm>/`), any file in a `criteria/` folder, `office.yaml`, or
3. by a shape no other tool's file has (a `criteria:` list of records with `indicators:`, an
   `items:` table keyed by item ids, plan `sections:` with `heading:`...). Inside a tcpl place
   (a year, commune, office or `criteria/` folder) looser signs are enough, as long as most of
   the file's fields are fields of that kind.

Everything else is another tool's file: `tcpl validate` and `tcpl check` skip it alike and
say how many they skipped. Nothing here reads more than the file's first bytes again, and
only for a file that could not be parsed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from tcpl.loading.yamlfile import YamlDocument

FileKind = Literal["ruleset", "assessment", "commune", "plan", "feedback", "office"]
KINDS: tuple[FileKind, ...] = ("ruleset", "assessment", "commune", "plan", "feedback", "office")

ASSESSMENT_NAMES = ("assessment.yaml", "danh-gia.yaml")
PLAN_NAMES = ("plan.yaml", "ke-hoach.yaml")
COMMUNE_NAMES = ("commune.yaml", "xa.yaml")
FEEDBACK_NAMES = ("feedback.yaml", "y-kien.yaml")
OFFICE_NAMES = ("office.yaml", "co-quan.yaml")

_YEAR_FOLDER = re.compile(r"^(19|20|21)[0-9]{2}$")
_ITEM_ID = re.compile(r"^[0-9]+(\.[0-9]+)*$")
_DECLARED_KIND = re.compile(
    rb"^kind:[ \t]*[\"']?(ruleset|assessment|commune|plan|feedback|office)[\"']?[ \t]*(#.*)?\r?$", re.M
)
_SNIFF_BYTES = 65_536


@dataclass(frozen=True)
class Detection:
    """What a file is: a tcpl kind, another tool's file, or a tcpl file of an unknown kind."""

    kind: FileKind | None
    problem: str | None = None
    """Set when the file is tcpl's by its place but its `kind:` is not one of tcpl's (TCPL013)."""
    unread: bool = False
    """The file could not be read at all: what it is cannot be known, so it is never skipped."""

    @property
    def foreign(self) -> bool:
        return self.kind is None and self.problem is None and not self.unread


FOREIGN = Detection(None)


def _model_fields(kind: FileKind) -> frozenset[str]:
    return _FIELDS[kind]


def _fields_of(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(f.alias or name for name, f in model.model_fields.items())


def _load_fields() -> dict[FileKind, frozenset[str]]:
    from tcpl.models.assessment import Assessment
    from tcpl.models.commune import Commune
    from tcpl.models.feedback import Feedback
    from tcpl.models.office import Office
    from tcpl.models.plan import Plan
    from tcpl.models.ruleset import Ruleset

    return {
        "ruleset": _fields_of(Ruleset),
        "assessment": _fields_of(Assessment),
        "commune": _fields_of(Commune),
        "plan": _fields_of(Plan),
        "feedback": _fields_of(Feedback),
        "office": _fields_of(Office),
    }


_FIELDS: dict[FileKind, frozenset[str]] = _load_fields()


@lru_cache(maxsize=4096)
def _has_file(folder: Path, names: tuple[str, ...]) -> bool:
    return any((folder / name).is_file() for name in names)


def is_year_folder(folder: Path) -> bool:
    return bool(_YEAR_FOLDER.match(folder.name))


def tcpl_place(path: Path) -> str | None:
    """The tcpl place a file is in: "criteria", "year", "commune", "office", or None."""
    folder = path.parent
    if folder.name == "criteria":
        return "criteria"
    if is_year_folder(folder):
        return "year"
    if _has_file(folder, COMMUNE_NAMES):
        return "commune"
    if _has_file(folder, OFFICE_NAMES):
        return "office"
    return None


def _is_other_tools_file(path: Path) -> bool:
    """Dot-files (`.yamllint.yaml`, `.pre-commit-config.yaml`...) and files under a dot-folder."""
    return path.name.startswith(".") or any(
        part.startswith(".") and part not in (".", "..") for part in path.parent.parts
    )


def kind_by_name(path: Path) -> FileKind | None:
    """The kind a file's name and place give it, whatever it holds."""
    name = path.name.lower()
    if name.startswith("."):
        return None
    if name in COMMUNE_NAMES:
        return "commune"
    if name in OFFICE_NAMES:
        return "office"
    folder = path.parent
    if folder.name == "criteria":
        return "ruleset"
    if is_year_folder(folder):
        if name in PLAN_NAMES or name.startswith("ke-hoach"):
            return "plan"
        if name in ASSESSMENT_NAMES or name.startswith(("assessment", "danh-gia")):
            return "assessment"
        if name in FEEDBACK_NAMES:
            return "feedback"
    return None


def _sniffed_kind(doc: YamlDocument) -> FileKind | None:
    """A `kind:` line in a file that could not be parsed (a syntax error, two documents...).

    Only the bytes already read are looked at: a file that could not be read is not reopened.
    """
    m = _DECLARED_KIND.search((doc.raw or b"")[:_SNIFF_BYTES])
    return m.group(1).decode() if m else None  # type: ignore[return-value]


def _records(value: Any, *keys: str) -> bool:
    """A non-empty list of mappings, at least one of which has one of `keys`."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, dict) for v in value)
        and any(k in v for v in value for k in keys)
    )


def _is_year(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1990 <= value <= 2100


def _strict_shape(data: dict[str, Any]) -> FileKind | None:
    """Shapes that no other tool's file has."""
    criteria = data.get("criteria")
    if _records(criteria, "indicators") and all("id" in c for c in criteria or ()):
        return "ruleset"
    if data.get("model") in ("points", "pass_fail") and isinstance(data.get("years"), dict):
        return "ruleset"
    items = data.get("items")
    if (
        _is_year(data.get("year"))
        and isinstance(items, dict)
        and items
        and all(_ITEM_ID.match(str(k)) for k in items)
    ):
        return "assessment"
    if _records(data.get("sections"), "heading"):
        return "plan"
    if _is_year(data.get("year")) and _records(data.get("opinions"), "content", "response"):
        return "feedback"
    if data.get("unit_type") in ("xã", "phường", "thị trấn", "đặc khu"):
        return "commune"
    return None


_LOOSE_MARKERS: tuple[tuple[FileKind, tuple[str, ...]], ...] = (
    ("ruleset", ("criteria", "extends")),
    ("plan", ("sections", "subject", "opening")),
    ("feedback", ("opinions",)),
    ("assessment", ("items", "conditions")),
    ("commune", ("province", "unit_type", "upper_level")),
    ("office", ("authority", "decision")),
)


def _loose_shape(data: dict[str, Any]) -> FileKind | None:
    """Inside a tcpl place: a kind's marker field, and most fields are that kind's fields."""
    keys = set(data)
    for kind, markers in _LOOSE_MARKERS:
        if keys & set(markers):
            known = len(keys & _model_fields(kind))
            if known > len(keys) - known:
                return kind
    return None


def _unknown_kind(declared: Any) -> str:
    close = difflib.get_close_matches(str(declared).lower(), list(KINDS), n=1, cutoff=0.75)
    hint = f"; có phải ý bạn là '{close[0]}'?" if close else ""
    return (
        f"'kind: {declared}' không phải loại tệp của tcpl (có: {', '.join(KINDS)}){hint}. Nếu đây là tệp"
        " của công cụ khác, hãy để nó ngoài các thư mục xã, năm và criteria/"
    )


def detect(doc: YamlDocument) -> Detection:
    """What the file `doc` is (see the module's docstring for the rules)."""
    path = doc.path
    by_name = kind_by_name(path)
    data = doc.data if doc.usable else None
    if data is None:
        if doc.raw is None:
            # Not read at all (a pipe, a device, too big, no permission): reported, never skipped.
            return Detection(by_name, unread=True)
        # Nothing to look at (a syntax error, several documents, empty): only the name, the
        # place or a `kind:` line can claim the file.
        found = by_name or _sniffed_kind(doc)
        return Detection(found) if found else FOREIGN
    if not isinstance(data, dict):
        # A list at the top (an Ansible playbook, a Kubernetes list...): tcpl's only by name.
        return Detection(by_name) if by_name else FOREIGN
    declared = data.get("kind")
    if declared in KINDS:
        return Detection(declared)
    if declared is not None or "apiVersion" in data:
        # Another tool's kind (Kubernetes, Spectral...), unless the name or place says it is tcpl's.
        if by_name is not None or ("apiVersion" not in data and tcpl_place(path) is not None):
            return Detection(None, _unknown_kind(declared))
        return FOREIGN
    if by_name is not None:
        return Detection(by_name)
    if _is_other_tools_file(path):
        return FOREIGN
    shape = _strict_shape(data)
    if shape is None and tcpl_place(path) is not None:
        shape = _loose_shape(data)
    return Detection(shape) if shape else FOREIGN

"""Loading a commune's files: detecting their kind, validating them, checking them together."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tcpl import codes, kinds
from tcpl.errors import Diagnostic, InvalidFilesError, Severity, UsageError, display_path
from tcpl.kinds.base import Problem
from tcpl.loading.kinds import (
    ASSESSMENT_NAMES,
    COMMUNE_NAMES,
    FEEDBACK_NAMES,
    KINDS,
    OFFICE_NAMES,
    PLAN_NAMES,
    FileKind,
    detect,
    detect_kind,
)
from tcpl.loading.references import ReferenceRefused, resolve_reference
from tcpl.loading.rulesets import LoadedRuleset, RulesetRegistry, is_path_ref
from tcpl.loading.validation import validate
from tcpl.loading.yamlfile import YamlDocument, parse_yaml, read_yaml
from tcpl.models.assessment import Assessment, ItemEntry
from tcpl.models.commune import Commune
from tcpl.models.ruleset import Ruleset

__all__ = [
    "ASSESSMENT_NAMES",
    "COMMUNE_NAMES",
    "FEEDBACK_NAMES",
    "KINDS",
    "OFFICE_NAMES",
    "PLAN_NAMES",
    "CommuneYear",
    "FileKind",
    "LoadedFile",
    "Loader",
    "detect_kind",
    "load_commune_year",
]


@dataclass
class LoadedFile:
    """One file as `tcpl validate` sees it."""

    path: Path
    kind: FileKind | None
    doc: YamlDocument
    model: Any = None
    ruleset: LoadedRuleset | None = None
    foreign: bool = False
    """Another tool's YAML file (a CI workflow, a linter's settings...): skipped, never an error."""

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [] if self.foreign else self.doc.diagnostics

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


@dataclass
class Loader:
    """Loads and checks files, sharing one ruleset registry (rulesets are read once)."""

    registry: RulesetRegistry = field(default_factory=RulesetRegistry)
    ruleset_override: Path | None = None

    def load(self, path: Path, *, expect: FileKind | None = None) -> LoadedFile:
        return self._load(read_yaml(path), expect)

    def load_text(self, path: Path, text: str, *, expect: FileKind | None = None) -> LoadedFile:
        """Check text as if it were the file at `path` (before writing it there)."""
        return self._load(parse_yaml(YamlDocument(path=path), text.encode("utf-8")), expect)

    def _load(self, doc: YamlDocument, expect: FileKind | None) -> LoadedFile:
        path = doc.path
        if expect is None:
            found = detect(doc)
            if found.foreign:
                return LoadedFile(path, None, doc, foreign=True)
            if found.problem is not None:
                doc.diagnostics.append(doc.diagnostic(("kind",), found.problem, code=codes.UNKNOWN_FILE_KIND))
                return LoadedFile(path, None, doc)
            kind = found.kind
        else:
            kind = expect
        loaded = LoadedFile(path, kind, doc)
        if not doc.usable:
            return loaded
        if not isinstance(doc.data, dict):
            doc.diagnostics.append(
                doc.diagnostic((), "tệp phải là một bảng các trường 'tên: giá trị'", code=codes.NOT_A_MAPPING)
            )
            return loaded
        if kind == "ruleset":
            try:
                loaded.ruleset = self.registry.load_path(path)
                loaded.model = loaded.ruleset.ruleset
            except InvalidFilesError as exc:
                doc.diagnostics.extend(exc.diagnostics)
        elif kind == "commune":
            loaded.model = validate(doc, Commune)
        elif kind == "assessment":
            assessment = validate(doc, Assessment)
            loaded.model = assessment
            if assessment is not None:
                loaded.ruleset = self.ruleset_for(assessment, doc)
                if loaded.ruleset is not None:
                    loaded.model = check_assessment(assessment, loaded.ruleset.ruleset, doc)
                check_place(assessment, doc)
            else:
                self._check_raw_item_ids(doc)
        elif kind == "plan":
            from tcpl.loading.plans import load_plan_model

            loaded.model = load_plan_model(doc)
        elif kind == "feedback":
            from tcpl.models.feedback import Feedback

            loaded.model = validate(doc, Feedback)
        elif kind == "office":
            from tcpl.models.office import Office

            loaded.model = validate(doc, Office)
        _dedupe(doc)
        if not loaded.ok:
            loaded.model = None
        return loaded

    def ruleset_for(self, assessment: Assessment, doc: YamlDocument) -> LoadedRuleset | None:
        """The ruleset an assessment is scored with; problems go to the assessment's file."""
        if self.ruleset_override is not None:
            loaded = self.registry.load_path(self.ruleset_override)
        elif assessment.ruleset:
            ref = assessment.ruleset
            if is_path_ref(ref):
                try:
                    target = resolve_reference(doc.path, ref, what="tệp bộ tiêu chí")
                except ReferenceRefused as exc:
                    doc.diagnostics.append(doc.diagnostic(("ruleset",), str(exc), code=codes.NO_RULESET))
                    return None
                try:
                    loaded = self.registry.load_path(target)
                except InvalidFilesError as exc:
                    doc.diagnostics.extend(exc.diagnostics)
                    return None
            else:
                found = self.registry.by_id(ref)
                if found is None:
                    known = ", ".join(self.registry.shipped())
                    close = difflib.get_close_matches(ref, list(self.registry.shipped()), n=1)
                    hint = f"; có phải ý bạn là '{close[0]}'?" if close else ""
                    doc.diagnostics.append(
                        doc.diagnostic(
                            ("ruleset",),
                            f"không có bộ tiêu chí '{ref}' (có: {known}){hint}",
                            code=codes.NO_RULESET,
                        )
                    )
                    return None
                loaded = found
        else:
            candidates = self.registry.for_year(assessment.year)
            if len(candidates) != 1:
                if not candidates:
                    note = self.registry.year_note(assessment.year)
                    spans = "; ".join(
                        f"{r.id}: {r.ruleset.years.describe()}"
                        for r in self.registry.all_shipped()
                        if r.base_id is None
                    )
                    text = f"không có bộ tiêu chí nào áp dụng cho năm {assessment.year} ({spans})"
                    if note:
                        text += f". {note}"
                    text += " Nếu vẫn cần chấm, hãy ghi rõ 'ruleset:' hoặc dùng --ruleset."
                else:
                    text = (
                        f"nhiều bộ tiêu chí áp dụng cho năm {assessment.year}:"
                        f" {', '.join(r.id for r in candidates)}; hãy ghi rõ 'ruleset:'"
                    )
                doc.diagnostics.append(doc.diagnostic(("year",), text, code=codes.NO_RULESET_FOR_YEAR))
                return None
            loaded = candidates[0]
        years = loaded.ruleset.years
        if not years.contains(assessment.year) and self.ruleset_override is None:
            doc.diagnostics.append(
                doc.diagnostic(
                    ("year",),
                    f"năm {assessment.year} nằm ngoài phạm vi áp dụng của bộ tiêu chí {loaded.id}"
                    f" ({years.describe()})",
                    code=codes.YEAR_OUTSIDE_RULESET,
                )
            )
            return None
        return loaded

    def _check_raw_item_ids(self, doc: YamlDocument) -> None:
        """Unknown item ids, even when the file has other problems: a typo is reported at once."""
        data = doc.data
        items = data.get("items") if isinstance(data, dict) else None
        if not isinstance(items, dict):
            return
        ref, year = data.get("ruleset"), data.get("year")
        loaded: LoadedRuleset | None = None
        try:
            if isinstance(ref, str) and not is_path_ref(ref):
                loaded = self.registry.by_id(ref)
            elif ref is None and isinstance(year, int):
                found = self.registry.for_year(year)
                loaded = found[0] if len(found) == 1 else None
        except InvalidFilesError:
            return
        if loaded is None:
            return
        known = list(loaded.ruleset.item_index())
        _unknown_items(doc, [i for i in items if i not in known], known, loaded.id)

    def load_or_raise(self, path: Path, *, expect: FileKind) -> LoadedFile:
        loaded = self.load(path, expect=expect)
        if not loaded.ok or loaded.model is None:
            raise InvalidFilesError(list(loaded.diagnostics))
        return loaded


def _dedupe(doc: YamlDocument) -> None:
    """One message per position and code: the first (the loader's) says what is wrong most precisely.

    Two different problems at one node (a value of the wrong type that is also too long) both stay.
    """
    seen: set[tuple[int, int, str]] = set()
    kept: list[Diagnostic] = []
    for d in doc.diagnostics:
        key = (d.line, d.col, d.code)
        if key in seen:
            continue
        seen.add(key)
        kept.append(d)
    doc.diagnostics[:] = kept


MAX_UNKNOWN_REPORTED = 50
"""Unknown item ids reported one by one in a file; the rest are counted in one message."""


def _unknown_items(doc: YamlDocument, ids: list[str], known: list[str], ruleset_id: str) -> None:
    for n, item_id in enumerate(ids):
        if n == MAX_UNKNOWN_REPORTED:
            doc.diagnostics.append(
                doc.diagnostic(
                    ("items", item_id),
                    f"và {len(ids) - n} nội dung khác cũng không có trong bộ tiêu chí {ruleset_id}"
                    " (xem mã các nội dung: tcpl rules show " + ruleset_id + ")",
                    code=codes.UNKNOWN_ITEM,
                    key=True,
                )
            )
            return
        # A suggestion only for an id of an id's length: comparing long texts costs much and says nothing.
        close = difflib.get_close_matches(item_id, known, n=1, cutoff=0.6) if len(item_id) <= 40 else []
        hint = f"; có phải ý bạn là '{close[0]}'?" if close else ""
        shown = item_id if len(item_id) <= 60 else item_id[:57] + "…"
        doc.diagnostics.append(
            doc.diagnostic(
                ("items", item_id),
                f"nội dung '{shown}' không có trong bộ tiêu chí {ruleset_id}{hint}",
                code=codes.UNKNOWN_ITEM,
                key=True,
            )
        )


def check_assessment(assessment: Assessment, ruleset: Ruleset, doc: YamlDocument) -> Assessment:
    """Check an assessment's items and conditions against its ruleset (kinds, ids, ranges).

    Each item's kind reads its value; the assessment comes back with the values as read.
    """
    index = ruleset.item_index()
    known_ids = list(index)
    _unknown_items(doc, [i for i in assessment.items if i not in index], known_ids, ruleset.id)
    read: dict[str, ItemEntry] = {}
    for item_id, entry in assessment.items.items():
        item = index.get(item_id)
        if item is None:
            read[item_id] = entry
            continue
        kind = kinds.of(item)
        reading = kind.read(item, entry)
        read[item_id] = reading.entry
        loc = ("items", item_id)
        for problem in reading.problems:
            doc.diagnostics.append(
                doc.diagnostic(
                    _problem_place(doc, loc, problem),
                    f"nội dung {item_id} ({kind.word}): {problem.message}",
                    code=problem.code,
                )
            )
    known_targets = {c.id for c in ruleset.criteria} | {i.id for c in ruleset.criteria for i in c.indicators}
    known_targets |= set(known_ids)
    for target in assessment.officers:
        if target not in known_targets:
            doc.diagnostics.append(
                doc.diagnostic(
                    ("officers", target),
                    f"'{target}' không phải mã tiêu chí, chỉ tiêu hay nội dung của bộ tiêu chí {ruleset.id}",
                    code=codes.UNKNOWN_ASSIGNMENT,
                    key=True,
                )
            )
    step = next((s for s in ruleset.procedure if s.id == "public_posting"), None)
    posting = assessment.posting
    if step and step.min_days and posting and posting.days and posting.days < step.min_days:
        doc.diagnostics.append(
            doc.diagnostic(
                ("posting", "days"),
                f"niêm yết {posting.days} ngày, ngắn hơn mức tối thiểu {step.min_days} ngày của bộ tiêu chí"
                f" {ruleset.id}",
                code=codes.SHORT_POSTING,
                severity=Severity.WARNING,
            )
        )
    valid_conditions = {c.id for c in ruleset.recognition.conditions}
    for cond in assessment.conditions:
        if cond not in valid_conditions:
            known = ", ".join(sorted(valid_conditions)) or "(bộ tiêu chí không có điều kiện nào)"
            doc.diagnostics.append(
                doc.diagnostic(
                    ("conditions", cond),
                    f"điều kiện '{cond}' không có trong bộ tiêu chí {ruleset.id}; có: {known}",
                    code=codes.UNKNOWN_CONDITION,
                    key=True,
                )
            )
    return assessment.model_copy(update={"items": read})


def _problem_place(doc: YamlDocument, loc: tuple[str | int, ...], problem: Problem) -> tuple[str | int, ...]:
    """Where a problem of an entered value is: its field, or the element of a list it names."""
    if problem.field is None:
        return loc
    if problem.at and doc.has_node((*loc, *problem.at)):  # the short form: the list is the value
        return (*loc, *problem.at)
    where = (*loc, problem.field, *problem.at)
    return where if doc.has_node(where) else loc


def check_place(assessment: Assessment, doc: YamlDocument) -> None:
    """Warn when the file sits in a folder whose year or commune says something else."""
    folder = doc.path.resolve().parent
    if folder.name.isdigit() and int(folder.name) != assessment.year:
        doc.diagnostics.append(
            doc.diagnostic(
                ("year",),
                f"năm {assessment.year} khác tên thư mục '{folder.name}'",
                code=codes.YEAR_NOT_FOLDER,
                severity=Severity.WARNING,
            )
        )


@dataclass
class CommuneYear:
    """Everything known about one commune in one evaluation year (folder plans/<xã>/<năm>)."""

    assessment: Assessment
    assessment_path: Path
    ruleset: LoadedRuleset
    commune: Commune | None
    commune_path: Path | None
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.assessment_path.parent


def _present(path: Path) -> bool:
    """A name that is there, whatever it is (a regular file, a pipe, a link): the loader says what is wrong."""
    try:
        path.lstat()
    except OSError:
        return False
    return not path.is_dir()


def find_assessment(path: Path) -> Path:
    """An assessment file given directly, or the one inside a commune-year folder."""
    if _present(path):
        return path
    if path.is_dir():
        found = [path / name for name in ASSESSMENT_NAMES if _present(path / name)]
        if len(found) > 1:
            raise UsageError(
                f"thư mục '{display_path(path)}' có nhiều tệp đánh giá ({', '.join(p.name for p in found)}):"
                " chỉ giữ một"
            )
        if found:
            return found[0]
        raise UsageError(
            f"thư mục '{display_path(path)}' không có tệp đánh giá ({' hoặc '.join(ASSESSMENT_NAMES)})"
        )
    raise UsageError(f"không tìm thấy '{display_path(path)}'")


def find_commune_file(folder: Path) -> Path | None:
    for candidate in (folder, folder.parent):
        for name in COMMUNE_NAMES:
            if (candidate / name).is_file():
                return candidate / name
    return None


def load_commune_year(path: Path, loader: Loader | None = None) -> CommuneYear:
    """Load an assessment (file or folder) with its ruleset and commune; raise on problems."""
    loader = loader or Loader()
    assessment_path = find_assessment(path)
    loaded = loader.load_or_raise(assessment_path, expect="assessment")
    assert loaded.ruleset is not None
    commune: Commune | None = None
    commune_path = find_commune_file(assessment_path.parent)
    warnings = [d for d in loaded.diagnostics if d.severity is Severity.WARNING]
    if commune_path is not None:
        commune_file = loader.load_or_raise(commune_path, expect="commune")
        commune = commune_file.model
        if commune is not None and loaded.model.commune and commune.id != loaded.model.commune:
            warnings.append(
                loaded.doc.diagnostic(
                    ("commune",),
                    f"mã xã '{loaded.model.commune}' khác mã trong {display_path(commune_path)}"
                    f" ('{commune.id}')",
                    code=codes.COMMUNE_ID_MISMATCH,
                    severity=Severity.WARNING,
                )
            )
    return CommuneYear(
        assessment=loaded.model,
        assessment_path=assessment_path,
        ruleset=loaded.ruleset,
        commune=commune,
        commune_path=commune_path,
        warnings=warnings,
    )

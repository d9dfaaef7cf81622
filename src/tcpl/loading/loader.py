"""Loading one file: detect its kind, read it safely, validate it, run its kind's checks.

One loader per file kind, in a table (`KIND_LOADERS`); the semantic checks live in `checks`,
the choice of an assessment's ruleset in `ruleset_choice`, the detection in `filekinds`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar, cast, overload

from tcpl import codes
from tcpl.errors import Diagnostic, InvalidFilesError, Severity
from tcpl.loading.checks import check_assessment, check_place, check_raw_item_ids, check_task_times
from tcpl.loading.filekinds import FileKind, detect
from tcpl.loading.ruleset_choice import choose_ruleset
from tcpl.loading.rulesets import LoadedRuleset, RulesetRegistry
from tcpl.loading.validation import validate
from tcpl.loading.yamlfile import YamlDocument, parse_yaml, read_yaml
from tcpl.models.assessment import Assessment
from tcpl.models.commune import Commune
from tcpl.models.feedback import Feedback
from tcpl.models.office import Office
from tcpl.models.plan import Plan
from tcpl.models.ruleset import Ruleset

FileModel = Ruleset | Assessment | Commune | Plan | Feedback | Office
M = TypeVar("M", bound=FileModel)

MODEL_KINDS: dict[type, FileKind] = {
    Ruleset: "ruleset",
    Assessment: "assessment",
    Commune: "commune",
    Plan: "plan",
    Feedback: "feedback",
    Office: "office",
}


@dataclass
class LoadedFile(Generic[M]):
    """One file as `tcpl validate` sees it: its document, its model when valid, its ruleset."""

    path: Path
    kind: FileKind | None
    doc: YamlDocument
    model: M | None = None
    ruleset: LoadedRuleset | None = None
    """An assessment's ruleset (and a ruleset file's own)."""
    foreign: bool = False
    """Another tool's YAML file (a CI workflow, a linter's settings...): skipped, never an error."""

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [] if self.foreign else self.doc.diagnostics

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    def checked(self) -> M:
        """The model; the file's problems as an InvalidFilesError when it has any."""
        if not self.ok or self.model is None:
            raise InvalidFilesError(list(self.diagnostics))
        return self.model


KindLoader = Callable[["Loader", YamlDocument, "LoadedFile[FileModel]"], None]


def _plain(model: type[Commune | Feedback | Office]) -> KindLoader:
    def load(loader: Loader, doc: YamlDocument, loaded: LoadedFile[FileModel]) -> None:
        loaded.model = validate(doc, model)

    return load


def _ruleset(loader: Loader, doc: YamlDocument, loaded: LoadedFile[FileModel]) -> None:
    try:
        loaded.ruleset = loader.registry.load_path(doc.path)
        loaded.model = loaded.ruleset.ruleset
        doc.diagnostics.extend(loaded.ruleset.warnings)
    except InvalidFilesError as exc:
        doc.diagnostics.extend(exc.diagnostics)


def _assessment(loader: Loader, doc: YamlDocument, loaded: LoadedFile[FileModel]) -> None:
    assessment = validate(doc, Assessment)
    if assessment is None:
        check_raw_item_ids(loader.registry, doc)  # a typo in an item id is reported at once
        return
    loaded.model = assessment
    loaded.ruleset = choose_ruleset(loader.registry, assessment, doc, override=loader.ruleset_override)
    if loaded.ruleset is not None:
        loaded.model = check_assessment(assessment, loaded.ruleset.ruleset, doc)
    check_place(assessment, doc)


def _plan(loader: Loader, doc: YamlDocument, loaded: LoadedFile[FileModel]) -> None:
    plan = validate(doc, Plan)
    if plan is not None:
        check_task_times(plan, doc)
    loaded.model = plan


KIND_LOADERS: dict[FileKind, KindLoader] = {
    "ruleset": _ruleset,
    "assessment": _assessment,
    "commune": _plain(Commune),
    "plan": _plan,
    "feedback": _plain(Feedback),
    "office": _plain(Office),
}


@dataclass
class Loader:
    """Loads and checks files, sharing one ruleset registry (rulesets are read once)."""

    registry: RulesetRegistry = field(default_factory=RulesetRegistry)
    ruleset_override: Path | None = None

    def load(self, path: Path, *, expect: FileKind | None = None) -> LoadedFile[FileModel]:
        return self._load(read_yaml(path), expect)

    def load_text(self, path: Path, text: str, *, expect: FileKind | None = None) -> LoadedFile[FileModel]:
        """Check text as if it were the file at `path` (before writing it there)."""
        return self.load_bytes(path, text.encode("utf-8"), expect=expect)

    def load_bytes(self, path: Path, raw: bytes, *, expect: FileKind | None = None) -> LoadedFile[FileModel]:
        """Check bytes read elsewhere (standard input) as if they were the file at `path`."""
        return self._load(parse_yaml(YamlDocument(path=path), raw), expect)

    @overload
    def load_as(self, path: Path, model: type[M]) -> LoadedFile[M]: ...

    @overload
    def load_as(self, path: Path, model: type[M], *, text: str) -> LoadedFile[M]: ...

    def load_as(self, path: Path, model: type[M], *, text: str | None = None) -> LoadedFile[M]:
        """A file known to be of one kind (a plan given to `plan render`), typed as that kind."""
        kind = MODEL_KINDS[model]
        loaded = self.load(path, expect=kind) if text is None else self.load_text(path, text, expect=kind)
        return cast(LoadedFile[M], loaded)

    def load_or_raise(self, path: Path, model: type[M]) -> LoadedFile[M]:
        """`load_as`, raising InvalidFilesError (the file's located problems) when it has any."""
        loaded = self.load_as(path, model)
        loaded.checked()
        return loaded

    def _load(self, doc: YamlDocument, expect: FileKind | None) -> LoadedFile[FileModel]:
        path = doc.path
        kind = expect
        if kind is None:
            found = detect(doc)
            if found.foreign:
                return LoadedFile(path, None, doc, foreign=True)
            if found.problem is not None:
                doc.report(("kind",), found.problem, code=codes.UNKNOWN_FILE_KIND)
                return LoadedFile(path, None, doc)
            kind = found.kind
        loaded: LoadedFile[FileModel] = LoadedFile(path, kind, doc)
        if kind is None or not doc.usable:
            return loaded
        if not isinstance(doc.data, dict):
            doc.report((), "tệp phải là một bảng các trường 'tên: giá trị'", code=codes.NOT_A_MAPPING)
            return loaded
        KIND_LOADERS[kind](self, doc, loaded)
        _dedupe(doc)
        if not loaded.ok:
            loaded.model = None
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

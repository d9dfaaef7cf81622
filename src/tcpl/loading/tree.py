"""Checking a whole tree of communes (`tcpl check`, `tcpl summary`): every file, every commune-year.

A province's repository holds hundreds of communes (the country about 3,300). Files are
validated and assessments scored in chunks, on every core when the tree is large; each worker
keeps its own ruleset registry, so rulesets are read once per process.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from tcpl import codes
from tcpl.engine.results import Record
from tcpl.errors import Diagnostic, Severity, UsageError, display_path
from tcpl.loading.commune_year import commune_id_mismatch
from tcpl.loading.discovery import commune_year_scope, discover
from tcpl.loading.evidence import items_without_evidence
from tcpl.loading.filekinds import FileKind, kind_by_name
from tcpl.loading.loader import Loader
from tcpl.loading.yamlfile import MAX_FILE_BYTES
from tcpl.models.assessment import Assessment
from tcpl.models.commune import Commune
from tcpl.models.plan import Plan
from tcpl.safeio import ReadRefused, read_stream

PARALLEL_FROM = 400
"""Below this many files one process is faster than starting workers."""
CHUNK = 150


@dataclass
class FileReport:
    path: str
    kind: FileKind | None
    ok: bool


@dataclass
class CriterionSummary:
    id: str
    points: float | None
    max_points: float | None
    met: bool | None


@dataclass
class CommuneYearSummary(Record):
    """One scored commune-year, small enough to send between processes."""

    json_omit = frozenset({"folder"})

    path: str
    folder: str
    commune: str | None
    year: int
    ruleset: str
    base_ruleset: str | None
    model: str
    recognized: bool | None
    total_points: float | None
    max_points: float | None
    criteria: list[CriterionSummary]
    missing: int
    reasons: list[str]
    undetermined: list[str]
    unverified: bool = False
    """Scored with rules or figures not checked against the official text."""
    without_evidence: int = 0
    """Entered items with no evidence (no text, no file that is there)."""
    name: str | None = None
    province: str | None = None


@dataclass
class TreeResult:
    files: list[FileReport] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    communes: list[CommuneYearSummary] = field(default_factory=list)
    unscored: list[tuple[str, int, str | None, str | None]] = field(default_factory=list)
    """Year folders with a plan but no assessment: (folder, year, commune name, province)."""
    skipped: list[str] = field(default_factory=list)
    """YAML files that are not tcpl files (a CI workflow, a tool's settings), left alone."""

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors


@dataclass
class _Chunk:
    files: list[FileReport]
    diagnostics: list[Diagnostic]
    communes: list[CommuneYearSummary]
    names: dict[str, tuple[Commune, str]]  # commune folder -> its commune.yaml and its path as shown
    plans: list[tuple[str, int, str]]  # (year folder, plan year, the plan's path as shown)
    assessed: set[str] = field(default_factory=set)
    """Year folders holding an assessment file, valid or not (a broken one is not a missing one)."""
    commune_at: dict[str, tuple[int, int]] = field(default_factory=dict)
    """An assessment's path as shown -> where its `commune:` is (line, column)."""


def _work(paths: list[str], ruleset: str | None, score: bool = True) -> _Chunk:

    loader = _loader(ruleset)
    out = _Chunk([], [], [], {}, [])
    for raw in paths:
        path = Path(raw)
        try:
            loaded = loader.load(path)
        except Exception as exc:  # one file must never stop the check of the others
            out.files.append(FileReport(display_path(path), None, False))
            out.diagnostics.append(internal_problem(path, exc))
            continue
        if loaded.foreign:
            out.files.append(FileReport(display_path(path), None, True))
            continue
        out.files.append(FileReport(display_path(path), loaded.kind, loaded.ok))
        out.diagnostics.extend(loaded.diagnostics)
        folder = path.parent.resolve()
        if loaded.kind == "assessment":
            out.assessed.add(str(folder))
        model = loaded.model if loaded.ok else None
        if isinstance(model, Commune):
            out.names[str(folder)] = (model, display_path(path))
        elif isinstance(model, Plan):
            out.plans.append((str(folder), model.year, display_path(path)))
        elif isinstance(model, Assessment) and loaded.ruleset is not None and score:
            out.commune_at[display_path(path)] = loaded.doc.position(("commune",))
            rs = loaded.ruleset
            try:
                result = rs.score(model)
            except Exception as exc:  # pragma: no cover - the engine is total; never stop the tree
                out.diagnostics.append(internal_problem(path, exc))
                continue
            out.communes.append(
                CommuneYearSummary(
                    path=display_path(path),
                    folder=str(folder),
                    commune=result.commune,
                    year=result.year,
                    ruleset=result.ruleset,
                    base_ruleset=result.base_ruleset,
                    model=result.model,
                    recognized=result.recognized,
                    total_points=result.total_points,
                    max_points=result.max_points,
                    criteria=[CriterionSummary(c.id, c.points, c.max_points, c.met) for c in result.criteria],
                    missing=len(result.missing),
                    reasons=result.reasons,
                    undetermined=result.undetermined,
                    unverified=not rs.trusted,
                    without_evidence=len(items_without_evidence(model.items, folder)),
                )
            )
    return out


def internal_problem(path: Path, exc: BaseException) -> Diagnostic:
    """A file tcpl failed on: reported at the file, so the rest of the tree is still checked."""
    return Diagnostic(
        display_path(path),
        1,
        1,
        f"tcpl gặp lỗi nội bộ khi đọc tệp này ({type(exc).__name__}); các tệp khác vẫn được kiểm tra."
        " Hãy báo lỗi kèm tệp này",
        code=codes.INTERNAL_FILE_ERROR,
    )


_LOADERS: dict[str | None, Loader] = {}


def _loader(ruleset: str | None) -> Loader:
    # One loader per process and ruleset override: the rulesets are parsed once.
    if ruleset not in _LOADERS:
        _LOADERS[ruleset] = Loader(ruleset_override=Path(ruleset) if ruleset else None)
    return _LOADERS[ruleset]


def workers_for(count: int) -> int:
    if count < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def scan_tree(
    roots: list[Path],
    *,
    ruleset: Path | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    score: bool = True,
) -> TreeResult:
    """Validate every YAML file under the roots and, with `score`, score every assessment.

    `tcpl check` scores, and checks the tree as a whole: a file among the roots stands for its
    commune-year (see `commune_year_scope`). `tcpl validate` is the same pipeline without the
    scores and the tree checks, over exactly the files given.
    """
    found = discover(commune_year_scope(roots) if score else roots)
    files = found.files
    if not files and not found.problems:
        raise UsageError(f"không có tệp YAML nào trong {', '.join(display_path(r) for r in roots)}")
    total = len(files)
    jobs = workers if workers is not None else workers_for(total)
    chunks = [[str(p) for p in files[i : i + CHUNK]] for i in range(0, total, CHUNK)]
    rs = str(ruleset) if ruleset else None
    parts: list[_Chunk] = []
    done = 0
    if jobs <= 1:
        for chunk in chunks:
            parts.append(_work(chunk, rs, score))
            done += len(chunk)
            if progress:
                progress(done, total)
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            jobs_of = pool.map(_work, chunks, [rs] * len(chunks), [score] * len(chunks))
            for chunk, part in zip(chunks, jobs_of, strict=True):
                parts.append(part)
                done += len(chunk)
                if progress:
                    progress(done, total)
    result = TreeResult()
    result.diagnostics.extend(found.problems)
    names: dict[str, tuple[Commune, str]] = {}
    plans: list[tuple[str, int, str]] = []
    # An assessment found but refused (a link out of the tree) is there: its folder is not "without one".
    assessed: set[str] = {str(f.parent.resolve()) for f in found.refused if kind_by_name(f) == "assessment"}
    commune_at: dict[str, tuple[int, int]] = {}
    for part in parts:
        result.files.extend(f for f in part.files if f.kind is not None or not f.ok)
        result.skipped.extend(f.path for f in part.files if f.kind is None and f.ok)
        result.diagnostics.extend(part.diagnostics)
        result.communes.extend(part.communes)
        names.update(part.names)
        plans.extend(part.plans)
        assessed |= part.assessed
        commune_at.update(part.commune_at)
    if score:
        _cross_checks(result, names, plans, assessed, commune_at)
    # A ruleset's problem is found through each assessment that uses it: report it once.
    result.diagnostics = sorted(set(result.diagnostics), key=Diagnostic.sort_key)
    result.communes.sort(key=lambda c: (c.province or "", c.path))
    return result


def validate_stream(stream: BinaryIO, name: Path, *, ruleset: Path | None = None) -> TreeResult:
    """`tcpl validate -`: one file from a stream (standard input), checked as if it were at `name`."""
    result = TreeResult()
    shown = display_path(name)
    try:
        raw = read_stream(stream, max_bytes=MAX_FILE_BYTES)
    except ReadRefused as exc:
        result.files.append(FileReport(shown, None, False))
        result.diagnostics.append(
            Diagnostic(shown, 1, 1, str(exc), code=codes.TOO_BIG if exc.too_big else codes.UNREADABLE)
        )
        return result
    loaded = _loader(str(ruleset) if ruleset else None).load_bytes(name, raw)
    problems = loaded.doc.diagnostics  # a foreign file's own (a syntax error) included
    if loaded.foreign and not problems:
        result.skipped.append(shown)
        return result
    # Text piped in on purpose that does not even parse is reported, not skipped as another tool's.
    result.files.append(FileReport(shown, loaded.kind, loaded.ok and not problems))
    result.diagnostics = sorted(set(problems), key=Diagnostic.sort_key)
    return result


def _cross_checks(
    result: TreeResult,
    names: dict[str, tuple[Commune, str]],
    plans: list[tuple[str, int, str]],
    assessed: set[str],
    commune_at: dict[str, tuple[int, int]],
) -> None:
    """What no single file shows: names, id mismatches, two assessments or none in a year folder."""
    by_folder: dict[str, list[CommuneYearSummary]] = {}
    for c in result.communes:
        year_folder = Path(c.folder)
        found = names.get(str(year_folder)) or names.get(str(year_folder.parent))
        if found:
            commune, commune_file = found
            named = commune.in_year(c.year)  # the names of that year (commune.yaml history)
            c.name, c.province, commune_id = named.full_name, named.province, named.id
            if c.commune and c.commune != commune_id:
                at = commune_at.get(c.path, (1, 1))
                result.diagnostics.append(
                    commune_id_mismatch(c.path, at, c.commune, commune_id, commune_file)
                )
        by_folder.setdefault(c.folder, []).append(c)
    for key, entries in by_folder.items():
        if len(entries) > 1:
            paths = ", ".join(sorted(e.path for e in entries))
            for extra in sorted(entries, key=lambda e: e.path)[1:]:
                result.diagnostics.append(
                    Diagnostic(
                        extra.path,
                        1,
                        1,
                        f"một thư mục năm có nhiều tệp đánh giá ({paths}): chỉ giữ một",
                        code=codes.TWO_ASSESSMENTS,
                    )
                )
            keep = sorted(entries, key=lambda e: e.path)[0]
            result.communes = [c for c in result.communes if c.folder != key or c is keep]
    for plan_folder, year, plan_path in plans:
        if plan_folder in assessed and plan_folder not in by_folder:
            continue  # the assessment is there but has errors: those are reported, not a missing file
        if plan_folder not in by_folder:
            owned = names.get(str(Path(plan_folder).parent))
            then = owned[0].in_year(year) if owned else None
            result.unscored.append(
                (plan_folder, year, then.full_name if then else None, then.province if then else None)
            )
            result.diagnostics.append(
                Diagnostic(
                    plan_path,
                    1,
                    1,
                    f"thư mục năm {year} có kế hoạch nhưng chưa có tệp đánh giá: hãy tạo assessment.yaml"
                    " (số liệu tự đánh giá) trong thư mục này",
                    code=codes.NO_ASSESSMENT,
                )
            )

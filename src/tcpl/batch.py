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
from typing import Any

from tcpl.errors import Diagnostic, Severity, UsageError, display_path
from tcpl.loading.discovery import collect_yaml_files
from tcpl.loading.files import FileKind, Loader

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
class CommuneYearSummary:
    """One scored commune-year, small enough to send between processes."""

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
    name: str | None = None
    province: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "commune": self.commune,
            "name": self.name,
            "province": self.province,
            "year": self.year,
            "ruleset": self.ruleset,
            "base_ruleset": self.base_ruleset,
            "model": self.model,
            "recognized": self.recognized,
            "total_points": self.total_points,
            "max_points": self.max_points,
            "criteria": [c.__dict__ for c in self.criteria],
            "missing": self.missing,
            "reasons": self.reasons,
            "undetermined": self.undetermined,
        }


@dataclass
class TreeResult:
    files: list[FileReport] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    communes: list[CommuneYearSummary] = field(default_factory=list)

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
    names: dict[str, tuple[str, str | None]]  # commune folder -> (full name, province)


def _work(paths: list[str], ruleset: str | None) -> _Chunk:
    from tcpl.engine.scoring import score

    loader = _loader(ruleset)
    out = _Chunk([], [], [], {})
    for raw in paths:
        path = Path(raw)
        loaded = loader.load(path)
        out.files.append(FileReport(display_path(path), loaded.kind, loaded.ok))
        out.diagnostics.extend(loaded.diagnostics)
        if not loaded.ok or loaded.model is None:
            continue
        if loaded.kind == "commune":
            out.names[str(path.resolve().parent)] = (loaded.model.full_name, loaded.model.province)
        elif loaded.kind == "assessment" and loaded.ruleset is not None:
            rs = loaded.ruleset
            result = score(rs.ruleset, loaded.model, base_ruleset=rs.base_id)
            folder = path.resolve().parent
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
                )
            )
    return out


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
) -> TreeResult:
    """Validate every YAML file under the roots and score every assessment."""
    files = collect_yaml_files(roots)
    if not files:
        raise UsageError(f"không có tệp YAML nào trong {', '.join(display_path(r) for r in roots)}")
    total = len(files)
    jobs = workers if workers is not None else workers_for(total)
    chunks = [[str(p) for p in files[i : i + CHUNK]] for i in range(0, total, CHUNK)]
    rs = str(ruleset) if ruleset else None
    parts: list[_Chunk] = []
    done = 0
    if jobs <= 1:
        for chunk in chunks:
            parts.append(_work(chunk, rs))
            done += len(chunk)
            if progress:
                progress(done, total)
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for chunk, part in zip(chunks, pool.map(_work, chunks, [rs] * len(chunks)), strict=True):
                parts.append(part)
                done += len(chunk)
                if progress:
                    progress(done, total)
    result = TreeResult()
    names: dict[str, tuple[str, str | None]] = {}
    for part in parts:
        result.files.extend(part.files)
        result.diagnostics.extend(part.diagnostics)
        result.communes.extend(part.communes)
        names.update(part.names)
    for c in result.communes:
        folder = Path(c.folder)
        found = names.get(str(folder)) or names.get(str(folder.parent))
        if found:
            c.name, c.province = found
    result.diagnostics.sort(key=Diagnostic.sort_key)
    result.communes.sort(key=lambda c: (c.province or "", c.path))
    return result

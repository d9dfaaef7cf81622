"""Loading plan files (kế hoạch) with the commune they belong to."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tcpl.errors import Diagnostic, Severity, UsageError, display_path
from tcpl.loading.commune_year import find_commune_file, present
from tcpl.loading.filekinds import PLAN_NAMES
from tcpl.loading.loader import Loader
from tcpl.models.commune import Commune
from tcpl.models.plan import Plan


@dataclass
class LoadedPlan:
    plan: Plan
    path: Path
    commune: Commune | None
    commune_path: Path | None
    warnings: list[Diagnostic] = field(default_factory=list)
    """The plan's warnings (a task time without a readable deadline...), for the commands to show."""


def find_plan(path: Path) -> Path:
    if present(path):
        return path
    if path.is_dir():
        for name in PLAN_NAMES:
            if present(path / name):
                return path / name
        raise UsageError(
            f"thư mục '{display_path(path)}' không có tệp kế hoạch ({' hoặc '.join(PLAN_NAMES)})"
        )
    raise UsageError(f"không tìm thấy '{display_path(path)}'")


def load_plan(path: Path, loader: Loader | None = None) -> LoadedPlan:
    """Load a plan (file or commune-year folder) and its commune.yaml; raise on problems."""
    loader = loader or Loader()
    plan_path = find_plan(path)
    loaded = loader.load_or_raise(plan_path, Plan)
    commune_path = find_commune_file(plan_path.parent)
    commune = loader.load_or_raise(commune_path, Commune).checked() if commune_path else None
    if commune is not None:
        commune = commune.in_year(loaded.checked().year)
    return LoadedPlan(
        plan=loaded.checked(),
        path=plan_path,
        commune=commune,
        commune_path=commune_path,
        warnings=[d for d in loaded.diagnostics if d.severity is Severity.WARNING],
    )

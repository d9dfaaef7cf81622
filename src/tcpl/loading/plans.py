"""Loading plan files (kế hoạch) with the commune they belong to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tcpl.errors import UsageError, display_path
from tcpl.loading.files import PLAN_NAMES, Loader, find_commune_file
from tcpl.loading.validation import validate
from tcpl.loading.yamlfile import YamlDocument
from tcpl.models.commune import Commune
from tcpl.models.plan import Plan


def load_plan_model(doc: YamlDocument) -> Plan | None:
    """Validate a plan document; problems are added to the document's diagnostics."""
    return validate(doc, Plan)


@dataclass
class LoadedPlan:
    plan: Plan
    path: Path
    commune: Commune | None
    commune_path: Path | None


def find_plan(path: Path) -> Path:
    if path.is_file():
        return path
    if path.is_dir():
        for name in PLAN_NAMES:
            if (path / name).is_file():
                return path / name
        raise UsageError(
            f"thư mục '{display_path(path)}' không có tệp kế hoạch ({' hoặc '.join(PLAN_NAMES)})"
        )
    raise UsageError(f"không tìm thấy '{display_path(path)}'")


def load_plan(path: Path, loader: Loader | None = None) -> LoadedPlan:
    """Load a plan (file or commune-year folder) and its commune.yaml; raise on problems."""
    loader = loader or Loader()
    plan_path = find_plan(path)
    plan = loader.load_or_raise(plan_path, expect="plan").model
    commune_path = find_commune_file(plan_path.parent)
    commune = loader.load_or_raise(commune_path, expect="commune").model if commune_path else None
    return LoadedPlan(plan=plan, path=plan_path, commune=commune, commune_path=commune_path)

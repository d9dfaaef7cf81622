"""Loading plan files (kế hoạch) with the commune they belong to."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tcpl import codes
from tcpl.errors import Diagnostic, Severity, UsageError, display_path
from tcpl.loading.files import PLAN_NAMES, Loader, _present, find_commune_file
from tcpl.loading.validation import validate
from tcpl.loading.yamlfile import YamlDocument
from tcpl.models.commune import Commune
from tcpl.models.plan import LineRole, Plan


def load_plan_model(doc: YamlDocument) -> Plan | None:
    """Validate a plan document; problems are added to the document's diagnostics."""
    plan = validate(doc, Plan)
    if plan is not None:
        check_task_times(plan, doc)
    return plan


def check_task_times(plan: Plan, doc: YamlDocument) -> None:
    """Warn about a task time tcpl cannot read (no deadline) or that is not of the plan's year."""
    from tcpl.engine.timewindow import parse_due, unreadable

    for where, task in plan.located_tasks():
        for l_index, line in enumerate(task.lines):
            if line.role is not LineRole.TIME:
                continue
            loc = (*where, "lines", l_index)
            window = parse_due(line.text, plan.year)
            if unreadable(line.text, window):
                doc.diagnostics.append(
                    doc.diagnostic(
                        loc,
                        f"không hiểu thời gian '{line.text}': tcpl không tính được hạn của"
                        f" nhiệm vụ (viết ví dụ 'Quý II/{plan.year}', 'tháng 3/{plan.year}',"
                        f" 'trước ngày 31/3/{plan.year}', 'năm {plan.year}')",
                        code=codes.UNREADABLE_TASK_TIME,
                        severity=Severity.WARNING,
                    )
                )
            elif window is not None and not plan.year <= window.end.year <= plan.year + 1:
                doc.diagnostics.append(
                    doc.diagnostic(
                        loc,
                        f"thời gian '{line.text}' không thuộc năm {plan.year} của kế hoạch",
                        code=codes.TASK_TIME_OTHER_YEAR,
                        severity=Severity.WARNING,
                    )
                )


@dataclass
class LoadedPlan:
    plan: Plan
    path: Path
    commune: Commune | None
    commune_path: Path | None
    warnings: list[Diagnostic] = field(default_factory=list)
    """The plan's warnings (a task time without a readable deadline...), for the commands to show."""


def find_plan(path: Path) -> Path:
    if _present(path):
        return path
    if path.is_dir():
        for name in PLAN_NAMES:
            if _present(path / name):
                return path / name
        raise UsageError(
            f"thư mục '{display_path(path)}' không có tệp kế hoạch ({' hoặc '.join(PLAN_NAMES)})"
        )
    raise UsageError(f"không tìm thấy '{display_path(path)}'")


def load_plan(path: Path, loader: Loader | None = None) -> LoadedPlan:
    """Load a plan (file or commune-year folder) and its commune.yaml; raise on problems."""
    loader = loader or Loader()
    plan_path = find_plan(path)
    loaded = loader.load_or_raise(plan_path, expect="plan")
    commune_path = find_commune_file(plan_path.parent)
    commune = loader.load_or_raise(commune_path, expect="commune").model if commune_path else None
    return LoadedPlan(
        plan=loaded.model,
        path=plan_path,
        commune=commune,
        commune_path=commune_path,
        warnings=[d for d in loaded.diagnostics if d.severity is Severity.WARNING],
    )

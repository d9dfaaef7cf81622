"""The public Python API: what the `tcpl` commands do, callable from a script.

    from tcpl import api
    year = api.load_commune_year(Path("plans/huong-binh/2026"))
    result = api.score_loaded(year.ruleset, year.assessment)
    print(result.recognized, result.reasons)

Document builders import python-docx and Jinja only when called.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tcpl.batch import TreeResult, scan_tree
from tcpl.engine.gap import GapResult, gap
from tcpl.engine.results import ScoreResult
from tcpl.engine.scoring import score, score_loaded
from tcpl.loading.bundle import Bundle, load_bundle
from tcpl.loading.commune_year import CommuneYear, load_commune_year
from tcpl.loading.loader import Loader
from tcpl.loading.plans import LoadedPlan, load_plan
from tcpl.loading.rulesets import LoadedRuleset, RulesetRegistry

if TYPE_CHECKING:
    from tcpl.documents.frame import Nd30Document
    from tcpl.documents.reports import Rendered

__all__ = [
    "Bundle",
    "CommuneYear",
    "GapResult",
    "LoadedPlan",
    "LoadedRuleset",
    "Loader",
    "RulesetRegistry",
    "ScoreResult",
    "TreeResult",
    "gap",
    "load_bundle",
    "load_commune_year",
    "load_plan",
    "render_plan",
    "render_report",
    "scan_tree",
    "score",
    "score_loaded",
]


def render_plan(plan_path: Path, *, template: Path | None = None) -> Nd30Document:
    """The KẾ HOẠCH of a plan.yaml as a Decree 30 document (call `.doc.save(path)`)."""
    from tcpl.documents.plan_doc import build_plan_document

    loaded = load_plan(plan_path)
    return build_plan_document(loaded.plan, loaded.commune, template=template)


def render_report(folder: Path, quarter: int, *, template: Path | None = None) -> Rendered:
    """The quarterly (1-3) or annual (4) BÁO CÁO of a commune-year folder."""
    from tcpl.documents.reports import build_report

    bundle = load_bundle(folder)
    cy = bundle.year
    result = score_loaded(cy.ruleset, cy.assessment)
    return build_report(bundle, result, quarter, template=template)

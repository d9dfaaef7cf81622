"""Everything in a commune-year folder: assessment, ruleset, commune, plan, feedback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tcpl.loading.commune_year import CommuneYear, load_commune_year
from tcpl.loading.filekinds import FEEDBACK_NAMES, PLAN_NAMES
from tcpl.loading.loader import Loader
from tcpl.loading.office import find_office
from tcpl.models.feedback import Feedback
from tcpl.models.office import Office
from tcpl.models.plan import Plan


@dataclass
class Bundle:
    """One commune's evaluation year as the reports need it."""

    year: CommuneYear
    plan: Plan | None
    plan_path: Path | None
    feedback: Feedback | None
    office: Office | None = None
    """The office.yaml above the commune, for the addressees every commune of it uses."""

    @property
    def folder(self) -> Path:
        return self.year.folder


def load_bundle(path: Path, loader: Loader | None = None) -> Bundle:
    """Load a commune-year folder (or its assessment file); plan and feedback are optional."""
    loader = loader or Loader()
    cy = load_commune_year(path, loader)
    plan: Plan | None = None
    plan_path: Path | None = None
    for name in PLAN_NAMES:
        candidate = cy.folder / name
        if candidate.is_file():
            plan = loader.load_or_raise(candidate, Plan).checked()
            plan_path = candidate
            break
    feedback: Feedback | None = None
    for name in FEEDBACK_NAMES:
        candidate = cy.folder / name
        if candidate.is_file():
            feedback = loader.load_or_raise(candidate, Feedback).checked()
            break
    office = find_office(cy.folder, loader)
    return Bundle(year=cy, plan=plan, plan_path=plan_path, feedback=feedback, office=office)

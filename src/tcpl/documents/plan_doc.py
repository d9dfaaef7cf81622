"""The KẾ HOẠCH as a Word document: Decree 30 frame + the body template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tcpl.documents.body import signed_document
from tcpl.documents.frame import FrameInfo, Nd30Document, default_signer
from tcpl.documents.front_matter import FrontMatter, render_document
from tcpl.errors import UsageError
from tcpl.models.commune import Commune
from tcpl.models.document import DocumentDefaults, defaults_for
from tcpl.models.office import Office
from tcpl.models.plan import Plan

PLAN_TEMPLATE = "ke-hoach.md.j2"


def plan_frame(
    plan: Plan, commune: Commune | None, fm: FrontMatter | None = None, office: Office | None = None
) -> FrameInfo:
    """The plan's frame: plan.yaml first, then commune.yaml and office.yaml, then the template."""
    fm = fm or FrontMatter()
    body = plan.issuing_body or (commune.body_lines if commune else [])
    place = plan.document.place or (commune.place_name if commune else "")
    if not body or not place:
        raise UsageError(
            "chưa biết tên cơ quan ban hành hoặc địa danh của văn bản: đặt commune.yaml trong thư mục xã"
            " (hoặc ghi issuing_body và document.place trong plan.yaml)"
        )
    symbol_body = commune.body_symbol if commune else "UBND"
    signer = plan.signer or (commune.signer if commune else None) or default_signer()
    defaults = (
        defaults_for("plan", commune.documents if commune else {}, office.documents if office else {})
        if commune or office
        else DocumentDefaults()
    )
    symbol = plan.document.symbol or (f"{fm.symbol}-{symbol_body}" if fm.symbol else "")
    return FrameInfo(
        issuing_body=body,
        parent_body=plan.parent_body or (commune.parent_body if commune else None),
        doc_type=plan.doc_type,
        symbol=symbol,
        number=plan.document.number,
        day=plan.document.date,
        year=plan.year,
        place=place,
        subject=[line.strip() for line in plan.subject.splitlines() if line.strip()],
        signer=signer,
        recipients=plan.recipients or defaults.recipients or fm.recipients,
        kinh_gui=defaults.to or fm.kinh_gui,
    )


def plan_context(plan: Plan, commune: Commune | None) -> dict[str, Any]:
    return {
        "plan": plan.model_dump(mode="python"),
        "commune": commune.model_dump(mode="python") if commune else {},
    }


def build_plan_document(
    plan: Plan,
    commune: Commune | None,
    *,
    template: str | Path | None = None,
    office: Office | None = None,
) -> Nd30Document:
    """The whole plan as a python-docx document (not yet saved)."""
    fm, markdown = render_document(PLAN_TEMPLATE, template, plan_context(plan, commune))
    info = plan_frame(plan, commune, fm, office)
    return signed_document(info, markdown)

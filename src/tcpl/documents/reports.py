"""The year's documents after the plan: scoresheet, quarterly and annual reports, notice, feedback.

All share the Decree 30 frame; their wording is in `templates/*.md.j2` (front matter for the
title, Markdown for the body); every figure comes from the engine or the plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tcpl import kinds
from tcpl import textfmt as fmt
from tcpl.documents.body import render_body, signed_document
from tcpl.documents.frame import FrameInfo, Nd30Document, default_signer, draft_date, number_text
from tcpl.documents.front_matter import FrontMatter, fill, render_document
from tcpl.documents.scoresheet import (
    Sheet,
    build_sheet,
    scoresheet_title,
    sheet_markdown,
    verdict_sentence,
    without_placeholders,
)
from tcpl.documents.tables import add_sheet_table
from tcpl.documents.templating import sentence
from tcpl.engine.gap import gap
from tcpl.engine.results import ScoreResult
from tcpl.engine.timewindow import quarter_window
from tcpl.engine.tracking import overlaps, task_states
from tcpl.errors import UsageError, display_path
from tcpl.escaping import markdown as md
from tcpl.loading.bundle import Bundle
from tcpl.models.commune import Commune
from tcpl.models.document import DocumentKey, DocumentRef, defaults_for
from tcpl.models.plan import TaskStatus
from tcpl.models.ruleset import Ruleset

TEMPLATES = {
    "quarter": "bao-cao-quy.md.j2",
    "annual": "bao-cao-danh-gia.md.j2",
    "notice": "thong-bao-niem-yet.md.j2",
    "feedback": "tong-hop-y-kien.md.j2",
    "scoresheet": "bang-diem.md.j2",
}

REPORT_KEYS: tuple[DocumentKey, ...] = ("report_q1", "report_q2", "report_q3", "report_q4")


@dataclass
class Rendered:
    """A document ready to save, its Markdown twin, and what the officer should know about it."""

    document: Nd30Document
    markdown: str
    notes: list[str] = field(default_factory=list)
    year: int = 0
    """The evaluation year (for the file's default name)."""
    draft: list[str] = field(default_factory=list)
    """Why the document cannot be issued yet (it is marked DỰ THẢO); empty when it can."""


def require_commune(bundle: Bundle) -> Commune:
    """Official documents need the commune's name, place and signer (commune.yaml)."""
    if bundle.year.commune is None:
        raise UsageError(
            f"không có commune.yaml trong '{display_path(bundle.folder)}' hay thư mục cha: văn bản cần tên"
            " cơ quan ban hành, địa danh và người ký"
        )
    return bundle.year.commune


def plain_source(text: str | None) -> str:
    """A ruleset's source without the research tags ([PD], [APP]...) for an official document."""
    return re.sub(r"\s*\[[A-Z-]+\]", "", text or "").strip()


def unresolved(bundle: Bundle, result: ScoreResult) -> list[str]:
    """What must be settled before an evaluation document can be issued; empty when it can.

    The document itself says none of this (it is only marked DỰ THẢO): the terminal does.
    """
    loaded = bundle.year.ruleset
    out: list[str] = []
    if not loaded.trusted:
        blocking = [e for e in loaded.ruleset.open_entries() if e.blocks_attestation]
        names = [e.id for e in blocking if e.what == "name"]
        levels = [e.id for e in blocking if e.what == "level"]
        details = []
        if names:
            details.append("chưa có tên nội dung " + ", ".join(names))
        if levels:
            details.append("chưa có mức đạt chuẩn của " + ", ".join(levels))
        if not blocking:
            details.append("có quy tắc hoặc số liệu chưa đối chiếu với văn bản gốc")
        base = loaded.base_id or loaded.id
        out.append(
            f"Bộ tiêu chí {loaded.id} chưa được cơ quan có thẩm quyền xác nhận: {'; '.join(details)}. Sở Tư pháp"
            f" của tỉnh ghi các mục này và xác nhận trong lớp bổ sung của tỉnh (tcpl rules template {base}),"
            " ghi tên tệp vào 'overlays:' của office.yaml."
        )
    out.extend(f"Chưa xác định: {u}." for u in result.undetermined)
    return out


def document_notes(bundle: Bundle, result: ScoreResult | None) -> list[str]:
    """What the officer must know before signing (besides what keeps it a draft)."""
    loaded = bundle.year.ruleset
    if result is not None and loaded.attestation is not None:
        return [f"Bộ tiêu chí {loaded.id}: {loaded.attestation.words()}."]
    return []


DRAFT_HEAD = "Văn bản được đánh dấu DỰ THẢO, chưa ban hành được cho đến khi giải quyết:"


def _drafted(rendered: Rendered, reasons: list[str]) -> Rendered:
    """Record why a document stays a draft, and say it first among the officer's notes."""
    rendered.draft = reasons
    if reasons:
        rendered.notes[:0] = [DRAFT_HEAD, *reasons]
    return rendered


def commune_name(bundle: Bundle) -> str:
    c = bundle.year.commune
    return c.full_name if c else (bundle.year.assessment.commune or "")


def _ref(bundle: Bundle, key: str) -> DocumentRef:
    return bundle.year.assessment.documents.get(key) or DocumentRef()  # type: ignore[call-overload]


def _frame(
    bundle: Bundle, fm: FrontMatter, key: DocumentKey, ref: DocumentRef, *, draft: bool = False
) -> FrameInfo:
    """The frame of a commune's document: wording from the template, addressees by precedence.

    Kính gửi and Nơi nhận: the assessment file's `documents.<key>`, else commune.yaml's, else
    office.yaml's `documents.<key>`, else the template's.
    """
    commune = require_commune(bundle)
    office = bundle.office.documents if bundle.office else {}
    defaults = defaults_for(key, commune.documents, office)
    return FrameInfo(
        issuing_body=commune.body_lines,
        parent_body=commune.parent_body,
        doc_type=fm.doc_type,
        symbol=(f"{fm.symbol}-{commune.body_symbol}" if fm.symbol else ""),
        number=ref.number,
        day=ref.date,
        year=bundle.year.assessment.year if ref.date is None else None,
        place=commune.place_name,
        subject=fm.subject,
        signer=commune.signer or default_signer(),
        recipients=ref.recipients or defaults.recipients or fm.recipients,
        kinh_gui=ref.to or defaults.to or fm.kinh_gui,
        draft=draft,
    )


def base_context(bundle: Bundle, result: ScoreResult | None) -> dict[str, Any]:
    cy = bundle.year
    ruleset = cy.ruleset.ruleset
    commune = cy.commune
    plan = bundle.plan
    return {
        "commune": commune.model_dump(mode="python") if commune else {},
        "commune_name": commune_name(bundle),
        "year": cy.assessment.year,
        "assessment": cy.assessment.model_dump(mode="python"),
        "ruleset": {
            "id": ruleset.id,
            "title": ruleset.title,
            "legal_basis": ruleset.legal_basis,
            "model": ruleset.model,
            "forms": ruleset.forms.model_dump(mode="python"),
            "unverified_note": ruleset.unverified_note,
        },
        "base_ruleset": cy.ruleset.base_id,
        "scoresheet_title": scoresheet_title(ruleset),
        "plan": plan.model_dump(mode="python") if plan else None,
        "result": _result_context(result, ruleset) if result else None,
    }


def _result_context(result: ScoreResult, ruleset: Ruleset) -> dict[str, Any]:
    data = result.to_json()
    index = ruleset.item_index()
    for item in (i for c in data["criteria"] for ind in c["indicators"] for i in ind["items"]):
        if index[item["id"]].placeholder:
            item["name"] = ""  # a name the ruleset only holds a place for is not printed
    data["reasons"] = [without_placeholders(r, ruleset) for r in result.reasons]
    data["verdict_sentence"] = verdict_sentence(result)
    data["indicators_met"] = sum(1 for i in result.indicators() if i.met is True)
    data["indicators_total"] = len(result.indicators())
    shortfalls: list[dict[str, Any]] = []
    for c in result.criteria:
        for ind in c.indicators:
            figures = "; ".join(
                f"{it.id}: {it.value_text}"
                for it in ind.items
                if not it.missing and kinds.REGISTRY[it.kind].shows_figures(it.value)
            )
            missing = [it.id for it in ind.items if it.missing]
            if result.model == "points":
                # Points: an indicator short of its maximum (when the maximum is known).
                if ind.max_points is not None and (ind.points or 0) < ind.max_points:
                    shortfalls.append(
                        {
                            "id": ind.id,
                            "name": ind.name,
                            "points": ind.points,
                            "max_points": ind.max_points,
                            "figures": figures,
                            "missing": missing,
                        }
                    )
            else:
                for it in ind.items:
                    if it.met is False:
                        shortfalls.append(
                            {
                                "id": it.id,
                                "name": "" if index[it.id].placeholder else it.name,
                                "figures": it.value_text,
                                "rule": it.rule if index[it.id].required_known else "",
                                "missing": [it.id] if it.missing else [],
                            }
                        )
    data["unmet_items"] = shortfalls
    return data


def _render(name: str, template: str | Path | None, context: dict[str, Any]) -> tuple[FrontMatter, str]:
    return render_document(TEMPLATES[name], template, context)


# --- scoresheet ---------------------------------------------------------------------------------


def scoresheet(bundle: Bundle, result: ScoreResult) -> Sheet:
    return build_sheet(
        result, bundle.year.ruleset.ruleset, bundle.year.assessment, commune_name=commune_name(bundle)
    )


def build_scoresheet(bundle: Bundle, result: ScoreResult, *, template: str | Path | None = None) -> Rendered:
    """The scoresheet on its own, landscape (Mẫu 02 for the points model)."""
    require_commune(bundle)
    sheet = scoresheet(bundle, result)
    context = {**base_context(bundle, result), "sheet_title": sheet.title, "sheet_subtitle": sheet.subtitle}
    fm, after = _render("scoresheet", template, context)
    reasons = unresolved(bundle, result)
    info = _frame(bundle, fm, "scoresheet", _ref(bundle, "scoresheet"), draft=bool(reasons))
    doc = Nd30Document(landscape=True)
    doc.header(info)
    doc.title(info)
    add_sheet_table(doc, sheet)
    _sheet_notes(doc, sheet)
    render_body(doc, after)
    doc.signature(info)
    text = f"# {md(sheet.title)}\n\n{md(sheet.subtitle)}\n\n{sheet_markdown(sheet)}\n{md(sheet.verdict)}\n\n{after}"
    return _drafted(Rendered(doc, text, document_notes(bundle, result)), reasons)


def _sheet_notes(doc: Nd30Document, sheet: Sheet) -> None:
    doc.body_paragraph(sheet.verdict, first_line_indent=False, bold=True)
    for note in sheet.notes:
        doc.body_paragraph(
            f"- {sentence(note)}", first_line_indent=False, size=doc.style.sizes.table, italic=True
        )


# --- reports --------------------------------------------------------------------------------------


def data_date(quarter_end: date, issued: date | None, as_of: date | None) -> date:
    """The day a report's figures run to: --as-of; else its own date; else today; never past the period."""
    return as_of or min(quarter_end, issued or date.today())


def quarter_context(
    bundle: Bundle, quarter: int, as_of: date | None, *, issued: date | None = None
) -> dict[str, Any]:
    year = bundle.year.assessment.year
    start, end = quarter_window(year, quarter)
    # A report written before the quarter ends states the figures as of its own date (or today).
    as_of = data_date(end, issued, as_of)
    plan = bundle.plan
    if plan is None:
        return {
            "quarter": quarter,
            "has_plan": False,
            "quarter_start": start,
            "quarter_end": end,
            "as_of": as_of,
        }
    # In a report, a task is late when its time ended by the report date and it is not closed.
    states = task_states(plan, as_of, late_on_due_day=True)
    due = [s for s in states if overlaps(s.window, start, end)]
    ytd_due = [s for s in states if s.window is not None and s.window.start <= end]
    next_start, next_end = (
        quarter_window(year, quarter + 1) if quarter < 4 else (date(year + 1, 1, 1), date(year + 1, 3, 31))
    )
    upcoming = [
        s for s in states if overlaps(s.window, next_start, next_end) and s.status is not TaskStatus.DONE
    ]
    figures: list[dict[str, Any]] = []
    for s in states:
        for entry in s.task.progress:
            if start <= entry.date <= min(end, as_of):
                for key, value in entry.figures.items():
                    figures.append({"task": s.number, "title": s.task.title, "name": key, "value": value})
    done = [s for s in states if s.status is TaskStatus.DONE]
    late = [s for s in states if s.late]
    return {
        "has_plan": True,
        "quarter": quarter,
        "quarter_start": start,
        "quarter_end": end,
        "as_of": as_of,
        "tasks": [s.to_context() for s in states],
        "due": [s.to_context() for s in due],
        "done": [s.to_context() for s in done],
        "late": [s.to_context() for s in late],
        "ytd_due_count": len(ytd_due),
        "ytd_done_count": sum(1 for s in ytd_due if s.status is TaskStatus.DONE),
        "next_quarter": quarter + 1 if quarter < 4 else 1,
        "upcoming": [s.to_context() for s in upcoming],
        "figures": figures,
        "plan_document": plan.document.model_dump(mode="python"),
    }


def build_report(
    bundle: Bundle,
    result: ScoreResult,
    quarter: int,
    *,
    as_of: date | None = None,
    template: str | Path | None = None,
) -> Rendered:
    """BÁO CÁO: q1-q3 the plan's progress; q4 the annual evaluation with the scoresheet annexed."""
    key: DocumentKey = REPORT_KEYS[quarter - 1]
    ref = _ref(bundle, key)
    require_commune(bundle)
    if quarter < 4 and bundle.plan is None:
        raise UsageError(
            f"thư mục '{display_path(bundle.folder)}' chưa có kế hoạch (plan.yaml): báo cáo quý là báo cáo tiến độ"
            " thực hiện kế hoạch"
        )
    context = {**base_context(bundle, result), **quarter_context(bundle, quarter, as_of, issued=ref.date)}
    annual = quarter == 4
    if annual:
        answer = gap(bundle.year.ruleset.ruleset, bundle.year.assessment, as_of=as_of, result=result)
        context["gap"] = answer.to_json()
        index = bundle.year.ruleset.ruleset.item_index()
        for step in context["gap"]["steps"]:
            if step["item"] in index and index[step["item"]].placeholder:
                step["name"] = ""
        context["report_ref"] = ref.model_dump(mode="python")
    fm, body = _render("annual" if annual else "quarter", template, context)
    reasons = unresolved(bundle, result) if annual else []
    info = _frame(bundle, fm, key, ref, draft=bool(reasons))
    doc = signed_document(info, body)
    md_text = _markdown(info, body)
    if annual:
        sheet = scoresheet(bundle, result)
        note = fill(
            fm.annex_note,
            number=number_text(ref.number),
            symbol=info.symbol,
            date=fmt.long_date(ref.date) if ref.date else draft_date(bundle.year.assessment.year),
        )
        title = fm.annex_title or [sheet.title]
        doc.annex(fm.annex_label, title, note or None, landscape=True)
        add_sheet_table(doc, sheet)
        _sheet_notes(doc, sheet)
        heading = f"{fm.annex_label}: {' '.join(title)}" if fm.annex_label else " ".join(title)
        md_text += f"\n\n## {md(heading)}\n\n{md(note)}\n\n{sheet_markdown(sheet)}\n{md(sheet.verdict)}\n"
    notes = document_notes(bundle, result) if annual else []
    if ref.date is not None and context["as_of"] > ref.date:
        notes.append(
            f"Số liệu tính đến {fmt.short_date(context['as_of'])}, sau ngày của văn bản"
            f" ({fmt.short_date(ref.date)}): sửa --as-of hoặc ngày văn bản (documents.{key}.date)."
        )
    if not info.kinh_gui:
        notes.append(
            "Chưa có nơi gửi báo cáo (Kính gửi): ghi upper_level trong commune.yaml (hoặc documents."
            f"{key}.to)."
        )
    return _drafted(Rendered(doc, md_text, notes), reasons)


def _markdown(info: FrameInfo, body: str) -> str:
    # The title and addressees are plain text (the body was escaped by the template).
    head = [f"# {md(info.doc_type)}", "", *(f"**{md(s)}**" for s in info.subject), ""]
    if info.kinh_gui:
        head += [f"Kính gửi: {md('; '.join(info.kinh_gui))}", ""]
    return "\n".join(head) + "\n" + body


# --- public notice and feedback ------------------------------------------------------------------


def posting_context(bundle: Bundle) -> dict[str, Any]:
    cy = bundle.year
    posting = cy.assessment.posting
    commune = cy.commune
    step = cy.ruleset.ruleset.step("public_posting")
    days = (posting.days if posting and posting.days else None) or (step.min_days if step else None)
    start = posting.start if posting else None
    end = start + timedelta(days=days - 1) if start and days else None
    places = (posting.places if posting and posting.places else []) or (
        commune.posting_places if commune else []
    )
    contact = commune.justice_officer() if commune else None
    return {
        "posting": {
            "start": start,
            "end": end,
            "days": days,
            "min_days": step.min_days if step else None,
            "rule": step.name if step else None,
            "rule_source": plain_source(step.source) if step else None,
            "rule_verified": step.verified if step else False,
            "places": places,
            "portal": (commune.portal if commune else None) if (posting is None or posting.portal) else None,
            "radio": commune.radio if commune else None,
            "radio_times": posting.radio_times if posting else None,
            "contact": contact.model_dump() if contact else None,
        }
    }


def build_notice(bundle: Bundle, result: ScoreResult, *, template: str | Path | None = None) -> Rendered:
    context = {**base_context(bundle, result), **posting_context(bundle)}
    require_commune(bundle)
    fm, body = _render("notice", template, context)
    reasons = unresolved(bundle, result)
    info = _frame(bundle, fm, "notice", _ref(bundle, "notice"), draft=bool(reasons))
    doc = signed_document(info, body)
    notes = document_notes(bundle, result)
    posting = context["posting"]
    if posting["rule"] is None or not posting["rule_verified"]:
        notes.append(
            f"Bộ tiêu chí {bundle.year.ruleset.id} không có thời hạn niêm yết đã xác minh: thời gian ghi trong thông"
            " báo lấy từ mục posting của tệp đánh giá."
        )
    if posting["min_days"] and posting["days"] and posting["days"] < posting["min_days"]:
        notes.append(
            f"Thời gian niêm yết {posting['days']} ngày ngắn hơn mức tối thiểu {posting['min_days']} ngày của bộ tiêu chí."
        )
    if posting["start"] is None:
        notes.append("Chưa có ngày bắt đầu niêm yết (posting.start): thông báo ghi thời gian chung.")
    if posting["contact"] is None:
        notes.append(
            "Chưa có công chức nhận ý kiến: ghi officers (tên, chức danh) trong commune.yaml để thông báo"
            " nêu người nhận."
        )
    return _drafted(Rendered(doc, _markdown(info, body), notes), reasons)


def build_feedback(bundle: Bundle, result: ScoreResult, *, template: str | Path | None = None) -> Rendered:
    opinions = bundle.feedback.model_dump(mode="python")["opinions"] if bundle.feedback else []
    context = {**base_context(bundle, result), "opinions": opinions, **posting_context(bundle)}
    require_commune(bundle)
    fm, body = _render("feedback", template, context)
    ref = (bundle.feedback.document if bundle.feedback and bundle.feedback.document else None) or _ref(
        bundle, "feedback"
    )
    reasons = unresolved(bundle, result)
    info = _frame(bundle, fm, "feedback", ref, draft=bool(reasons))
    doc = signed_document(info, body)
    notes = document_notes(bundle, result)
    if bundle.feedback is None:
        notes.append("Không có tệp feedback.yaml: bản tổng hợp ghi là không có ý kiến.")
    start = context["posting"]["start"]
    for n, opinion in enumerate(bundle.feedback.opinions if bundle.feedback else [], start=1):
        # Opinions answer the posted draft: one dated before the posting began has a wrong date.
        if start and opinion.date and opinion.date < start:
            notes.append(
                f"Ý kiến {n} ({opinion.source}) ghi ngày {fmt.short_date(opinion.date)}, trước ngày bắt đầu niêm"
                f" yết {fmt.short_date(start)}: kiểm tra lại ngày."
            )
        if not opinion.response:
            notes.append(f"Ý kiến {n} ({opinion.source}) chưa có nội dung tiếp thu, giải trình (response).")
    return _drafted(Rendered(doc, _markdown(info, body), notes), reasons)


# --- one entry point -------------------------------------------------------------------------

BUILDERS: dict[str, Callable[..., Rendered]] = {
    "scoresheet": lambda bundle, result, *, quarter, as_of, template: build_scoresheet(
        bundle, result, template=template
    ),
    "report": lambda bundle, result, *, quarter, as_of, template: build_report(
        bundle, result, quarter, as_of=as_of, template=template
    ),
    "notice": lambda bundle, result, *, quarter, as_of, template: build_notice(
        bundle, result, template=template
    ),
    "feedback": lambda bundle, result, *, quarter, as_of, template: build_feedback(
        bundle, result, template=template
    ),
}
"""Every document of the year after the plan, by the name `tcpl.api.document` takes."""


def build(
    kind: str,
    bundle: Bundle,
    result: ScoreResult,
    *,
    quarter: int = 4,
    as_of: date | None = None,
    template: str | Path | None = None,
) -> Rendered:
    """Build one of the year's documents (not yet saved)."""
    return BUILDERS[kind](bundle, result, quarter=quarter, as_of=as_of, template=template)

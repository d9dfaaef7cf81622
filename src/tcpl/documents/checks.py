"""Reading a .docx back and checking it against Decree 30 (Nghị định 30/2020, Phụ lục I).

Used by the tests on every generated document, and usable on any office's file. Run
properties are resolved the way Word does: the run, its character style, the paragraph
style and its `basedOn` chain, then the document defaults.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from tcpl.documents.style import Nd30Style, default_style

NUMBER_RE = re.compile(r"^Số: ?(\d{2,}|\u00a0+)/[A-ZĐ]+(-[A-ZĐ0-9]+)+$")
DATE_RE = re.compile(r"^[^,]+, ngày (0[1-9]|[12]\d|3[01]) tháng (01|02|[3-9]|1[0-2]) năm \d{4}$")
DRAFT_DATE_RE = re.compile(r"^[^,]+, ngày\u00a0+tháng\u00a0+năm \d{4}$")
MM_TOLERANCE = 0.2


@dataclass
class RunProps:
    text: str
    size: float | None
    bold: bool
    italic: bool
    fonts: dict[str, str | None]


def _on(el: Any, tag: str) -> bool | None:
    found = el.find(qn(tag)) if el is not None else None
    if found is None:
        return None
    val = found.get(qn("w:val"))
    return val not in ("0", "false", "off")


def _rpr_chain(doc: DocxDocument, paragraph: Paragraph, run_el: Any) -> list[Any]:
    """rPr elements from the most specific (the run) to the least (document defaults)."""
    chain: list[Any] = [run_el.find(qn("w:rPr"))]
    styles = doc.styles.element
    rstyle = chain[0].find(qn("w:rStyle")) if chain[0] is not None else None
    seen: set[str] = set()

    def style_rprs(style_id: str | None) -> None:
        while style_id and style_id not in seen:
            seen.add(style_id)
            el = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
            if el is None:
                return
            chain.append(el.find(qn("w:rPr")))
            based = el.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None

    if rstyle is not None:
        style_rprs(rstyle.get(qn("w:val")))
    ppr = paragraph._p.pPr
    pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
    default_para = styles.find(f"{qn('w:style')}[@{qn('w:type')}='paragraph'][@{qn('w:default')}='1']")
    style_rprs(
        pstyle.get(qn("w:val"))
        if pstyle is not None
        else (default_para.get(qn("w:styleId")) if default_para is not None else None)
    )
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        chain.append(rpr_default.find(qn("w:rPr")) if rpr_default is not None else None)
    return [c for c in chain if c is not None]


def resolve_runs(doc: DocxDocument, paragraph: Paragraph) -> Iterator[RunProps]:
    for run in paragraph.runs:
        if not run.text:
            continue
        chain = _rpr_chain(doc, paragraph, run._r)
        size = None
        bold = italic = None
        fonts: dict[str, str | None] = {"ascii": None, "hAnsi": None, "eastAsia": None, "cs": None}
        themed: set[str] = set()
        for rpr in chain:
            if size is None:
                sz = rpr.find(qn("w:sz"))
                if sz is not None:
                    size = int(sz.get(qn("w:val"))) / 2
            if bold is None:
                bold = _on(rpr, "w:b")
            if italic is None:
                italic = _on(rpr, "w:i")
            rfonts = rpr.find(qn("w:rFonts"))
            if rfonts is not None:
                for slot in fonts:
                    if fonts[slot] is None and slot not in themed:
                        if rfonts.get(qn(f"w:{slot}Theme")) is not None:
                            themed.add(slot)
                        elif rfonts.get(qn(f"w:{slot}")) is not None:
                            fonts[slot] = rfonts.get(qn(f"w:{slot}"))
        for slot in themed:
            fonts[slot] = fonts[slot] or "(theme)"
        yield RunProps(run.text, size, bool(bold), bool(italic), fonts)


def _paragraphs(container: Any) -> Iterator[Paragraph]:
    yield from container.paragraphs
    for table in getattr(container, "tables", []):
        for row in table.rows:
            for cell in row.cells:
                yield from _paragraphs(cell)


def all_paragraphs(doc: DocxDocument) -> Iterator[Paragraph]:
    yield from _paragraphs(doc)


def document_text(path: Path) -> list[str]:
    """Every paragraph's text, body and tables, in order (for content checks)."""
    return [p.text for p in all_paragraphs(Document(str(path)))]


def _check_fonts(doc: DocxDocument, style: Nd30Style, problems: list[str]) -> None:
    allowed = {s for r in style.ranges.sizes.values() for s in r}
    allowed |= {float(x) for x in range(int(min(allowed)), int(max(allowed)) + 1)}
    for p in all_paragraphs(doc):
        for r in resolve_runs(doc, p):
            bad = {k: v for k, v in r.fonts.items() if v != style.font}
            if bad:
                problems.append(f"phông chữ không phải {style.font} ở '{r.text[:40]}': {bad}")
            if r.size is None or r.size not in allowed:
                problems.append(f"cỡ chữ {r.size} không hợp lệ ở '{r.text[:40]}'")
            if not unicodedata.is_normalized("NFC", r.text):
                problems.append(f"chữ không ở dạng NFC: '{r.text[:40]}'")


def _first_run(doc: DocxDocument, p: Paragraph) -> RunProps | None:
    return next(resolve_runs(doc, p), None)


def check_nd30(
    path: Path,
    *,
    style: Nd30Style | None = None,
    doc_type: str | None = None,
    numbered: bool = True,
    recipients: bool = True,
) -> list[str]:
    """Problems found in a .docx against Decree 30; an empty list means it passes.

    ``numbered=False`` and ``recipients=False`` are for an annex (a list sent with a decision),
    which has neither its own number nor its own Nơi nhận; when present they are still checked.
    """
    style = style or default_style()
    doc = Document(str(path))
    problems: list[str] = []
    # Page size and margins of every section.
    for n, section in enumerate(doc.sections, start=1):
        w, h = _mm(section.page_width), _mm(section.page_height)
        if sorted((round(w), round(h))) != sorted((round(style.page_mm.width), round(style.page_mm.height))):
            problems.append(f"phần {n}: khổ giấy {w:.1f} x {h:.1f} mm, không phải A4")
        landscape = w > h
        margins = {
            "top": _mm(section.top_margin),
            "bottom": _mm(section.bottom_margin),
            "left": _mm(section.left_margin),
            "right": _mm(section.right_margin),
        }
        for side, value in margins.items():
            lo, hi = style.ranges.margins_mm[side]
            if not (lo - MM_TOLERANCE <= value <= hi + MM_TOLERANCE):
                where = " (trang ngang)" if landscape else ""
                problems.append(f"phần {n}{where}: lề {side} {value:.1f} mm ngoài {lo:g}–{hi:g} mm")
    _check_fonts(doc, style, problems)

    # Header table: Quốc hiệu, Tiêu ngữ, Số, place and date.
    if not doc.tables:
        return [*problems, "không có bảng tiêu đề (cơ quan | Quốc hiệu)"]
    header: Table = doc.tables[0]
    cells = [c for row in header.rows for c in row.cells]
    texts = {p.text: p for c in cells for p in c.paragraphs}
    for part, text, key in (
        ("Quốc hiệu", style.words.quoc_hieu, "quoc_hieu"),
        ("Tiêu ngữ", style.words.tieu_ngu, "tieu_ngu"),
    ):
        found = texts.get(text)
        if found is None:
            problems.append(f"thiếu {part} trong bảng tiêu đề")
            continue
        r = _first_run(doc, found)
        lo, hi = style.ranges.sizes[key]
        if r is None or not r.bold or r.size is None or not lo <= r.size <= hi:
            problems.append(f"{part} phải đậm, cỡ {lo:g}–{hi:g}")
    if len(header.rows) < 2:
        problems.append("bảng tiêu đề phải có hai hàng (số và ngày tháng cùng một hàng)")
    else:
        mark = style.draft_mark.text
        number_p = [p for p in header.rows[1].cells[0].paragraphs if p.text and p.text != mark]
        date_p = [p for p in header.rows[1].cells[1].paragraphs if p.text]
        if (numbered or number_p) and (not number_p or not NUMBER_RE.match(number_p[0].text)):
            problems.append(f"số, ký hiệu sai thể thức: {number_p[0].text if number_p else '(trống)'}")
        if not date_p:
            problems.append("thiếu địa danh, ngày tháng")
        else:
            text = date_p[0].text
            if not (DATE_RE.match(text) or DRAFT_DATE_RE.match(text)):
                problems.append(f"ngày tháng sai thể thức (ngày < 10 và tháng 1, 2 phải có số 0): {text}")
            r = _first_run(doc, date_p[0])
            if r is None or not r.italic:
                problems.append("địa danh, ngày tháng phải in nghiêng")
    # Title.
    body = [p for p in doc.paragraphs if p.text.strip()]
    if doc_type is not None:
        title = next((p for p in body if p.text == doc_type), None)
        if title is None:
            problems.append(f"không có tên loại '{doc_type}'")
        else:
            r = _first_run(doc, title)
            if r is None or not r.bold:
                problems.append("tên loại văn bản phải in đậm")
    # Nơi nhận.
    noi_nhan = f"{style.words.noi_nhan}:"
    label = next((p for p in all_paragraphs(doc) if p.text == noi_nhan), None)
    if label is None:
        if recipients:
            problems.append(f"thiếu '{noi_nhan}'")
    else:
        r = _first_run(doc, label)
        if r is None or not (r.bold and r.italic and r.size == style.sizes.noi_nhan_label):
            problems.append(f"'{noi_nhan}' phải đậm, nghiêng, cỡ {style.sizes.noi_nhan_label:g}")
        cell_paragraphs = _cell_of(doc, label)
        items = [p for p in cell_paragraphs if p.text and p.text != noi_nhan]
        if not items or not items[-1].text.startswith(f"- {style.words.archive}"):
            problems.append(f"danh sách nơi nhận phải kết thúc bằng '- {style.words.archive}, ...'")
        for p in items:
            r = _first_run(doc, p)
            if r is None or r.size != style.sizes.noi_nhan_list:
                problems.append(f"nơi nhận '{p.text[:30]}' phải cỡ {style.sizes.noi_nhan_list:g}")
    # Page numbers: in the header from page 2, not on page 1.
    first = doc.sections[0]
    if not first.different_first_page_header_footer:
        problems.append("trang 1 phải không có số trang (thiếu titlePg)")
    if "PAGE" in "".join(first.first_page_header._element.itertext()):
        problems.append("trang 1 có trường số trang")
    instr = [t.text for t in first.header._element.iter(qn("w:instrText"))]
    if not any("PAGE" in (t or "") for t in instr):
        problems.append("đầu trang không có trường số trang PAGE")
    for t in doc.element.body.iter(qn("w:t")):
        if not t.text:
            problems.append("có đoạn chữ rỗng (w:t trống)")
            break
    return problems


def _mm(length: Any) -> float:
    return float(length.mm) if length is not None else 0.0


def _cell_of(doc: DocxDocument, paragraph: Paragraph) -> list[Paragraph]:
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                if any(p._p is paragraph._p for p in cell.paragraphs):
                    return list(cell.paragraphs)
    return []

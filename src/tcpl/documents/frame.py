"""The Decree 30 frame shared by every document tcpl writes (python-docx).

Page, fonts, the two-row header table (issuing body | Quốc hiệu, Tiêu ngữ; Số | place and
date), title block, body paragraphs, signature block with Nơi nhận, page numbers in the
header from page 2, and annex sections with their own numbering. The measured traps of
python-docx (Letter default page, theme fonts, grid widths, fields, section copies) are
handled here once; the numbered traps are listed in docs/DESIGN.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tcpl.documents.style import Nd30Style, default_style, text_width_mm
from tcpl.models.commune import Signer
from tcpl.textfmt import long_date

CELL_PADDING_MM = 1.9  # Word's default left/right cell margin (0,19 cm)

# Schema order of w:pPr children after w:pBdr, and of w:sectPr children after w:pgNumType:
# elements must be inserted before these to keep the file valid (trap 8).
_PPR_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_SECTPR_AFTER_PGNUMTYPE = (
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
)


NUMBER_BLANK = chr(0xA0) * 6
"""Room left for the number of a document not yet issued."""
DATE_BLANK = chr(0xA0) * 4
"""Room left for the day and the month of a document not yet signed."""


def number_text(number: str | None) -> str:
    """ "05" for 5 (numbers below 10 take a leading zero, II.3); a blank for a draft."""
    if not number:
        return NUMBER_BLANK
    digits = number.lstrip("0") or "0"
    return digits.zfill(2) if int(digits) < 10 else digits


def draft_date(year: int | None) -> str:
    """ "ngày    tháng    năm 2026": the date line of a document to be dated when signed."""
    return f"ngày{DATE_BLANK}tháng{DATE_BLANK}năm" + (f" {year}" if year else "")


def document_number(number: str | None, symbol: str, label: str = "") -> str:
    """ "Số: 05/KH-UBND"; a draft leaves room for the number: "Số:      /KH-UBND"."""
    label = label or default_style().words.number
    if number:
        return f"{label}: {number_text(number)}/{symbol}"
    return f"{label}:{NUMBER_BLANK}/{symbol}"


def place_and_date(place: str, day: date | None) -> str:
    """ "Hương Bình, ngày 05 tháng 01 năm 2023" (II.4); a draft: "Hương Bình, ngày    tháng    năm 2023"."""
    if day is None:
        return f"{place}, {draft_date(None)}"
    return f"{place}, {long_date(day)}"


def _break_penalty(left: str, right: str, phrases: frozenset[tuple[str, ...]]) -> float:
    """How bad it is to end a line after `left` and start the next with `right`."""
    if left[:1].isupper() and right[:1].isupper() and not right.isupper():
        return 10000.0  # inside a proper name ("Hương | Bình")
    if (left.lower(), right.lower()) in phrases:
        return 3000.0
    if left.lower() in ("năm", "số", "xã", "phường") and right[:1].isdigit() | right[:1].isupper():
        return 3000.0  # "năm | 2023", "xã | Hương Bình"
    return 0.0


def balanced_lines(
    text: str,
    size: float,
    max_width_mm: float,
    *,
    bold: bool = False,
    phrases: frozenset[tuple[str, ...]] | None = None,
) -> list[str]:
    """Split a centred line that would wrap into lines of similar length, never inside a name.

    Lines are chosen by dynamic programming over the break points: each line must fit; lines far
    from the average width and breaks inside a proper name or a two-syllable word cost more.
    """
    if text_width_mm(text, size, bold=bold) <= max_width_mm:
        return [text]
    keep = default_style().phrases if phrases is None else phrases
    words = text.split()
    n = len(words)

    def width(i: int, j: int) -> float:
        return text_width_mm(" ".join(words[i:j]), size, bold=bold)

    for count in range(2, n + 1):
        target = text_width_mm(text, size, bold=bold) / count
        inf = float("inf")
        # best[k][j]: cost of putting words[:j] on k lines; choice[k][j]: start of the last line
        best = [[inf] * (n + 1) for _ in range(count + 1)]
        choice = [[0] * (n + 1) for _ in range(count + 1)]
        best[0][0] = 0.0
        for k in range(1, count + 1):
            for j in range(1, n + 1):
                for i in range(k - 1, j):
                    if best[k - 1][i] == inf:
                        continue
                    w = width(i, j)
                    if w > max_width_mm:
                        continue
                    cost = best[k - 1][i] + (w - target) ** 2
                    if i > 0:
                        cost += _break_penalty(words[i - 1], words[i], keep)
                    if cost < best[k][j]:
                        best[k][j], choice[k][j] = cost, i
        if best[count][n] < inf:
            lines: list[str] = []
            j = n
            for k in range(count, 0, -1):
                i = choice[k][j]
                lines.append(" ".join(words[i:j]))
                j = i
            return lines[::-1]
    return [text]


def default_signer() -> Signer:
    """The signature block when neither the file nor commune.yaml gives one (templates/nd30.yaml)."""
    return Signer(lines=default_style().default_signer)


@dataclass
class FrameInfo:
    """What the frame needs to know about one document."""

    issuing_body: list[str]
    doc_type: str  # KẾ HOẠCH, BÁO CÁO, THÔNG BÁO...
    symbol: str  # KH-UBND; empty for a document that has no number
    place: str
    subject: list[str]  # trích yếu, one entry per line
    number: str | None = None
    day: date | None = None
    year: int | None = None  # for a draft date
    parent_body: str | None = None
    signer: Signer | None = None
    recipients: list[str] = field(default_factory=list)
    kinh_gui: list[str] = field(default_factory=list)
    draft: bool = False
    """Not ready to issue (a rule or a figure is still open): marked DỰ THẢO."""


class Nd30Document:
    """A python-docx document laid out by Decree 30, built top to bottom."""

    def __init__(self, style: Nd30Style | None = None, *, landscape: bool = False) -> None:
        self.style = style or default_style()
        self.numbered = False
        """Whether the header has a "Số: .../..." line (a bản tổng hợp or a list has none)."""
        self.doc: DocxDocument = Document()
        self.landscape = landscape
        self._setup_page(self.doc.sections[0], landscape=landscape)
        self._setup_styles()
        self._setup_page_numbers(self.doc.sections[0])

    # --- page, styles, page numbers -------------------------------------------------------

    def _setup_page(self, section: Any, *, landscape: bool = False) -> None:
        s = self.style
        width, height = Mm(s.page_mm.width), Mm(s.page_mm.height)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if landscape else (width, height)
        section.top_margin = Mm(s.margins_mm.top)
        section.bottom_margin = Mm(s.margins_mm.bottom)
        section.left_margin = Mm(s.margins_mm.left)
        section.right_margin = Mm(s.margins_mm.right)
        section.header_distance = Mm(s.layout.header_footer_mm)
        section.footer_distance = Mm(s.layout.header_footer_mm)

    def _set_fonts(self, rpr: Any) -> None:
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for attr in list(fonts.attrib):
            if attr.endswith("Theme"):  # a theme attribute would override the explicit font
                del fonts.attrib[attr]
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(slot), self.style.font)

    def _setup_styles(self) -> None:
        styles_el = self.doc.styles.element
        defaults = styles_el.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        self._set_fonts(rpr)
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rpr.append(el)
            el.set(qn("w:val"), str(int(self.style.sizes.body * 2)))
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), "vi-VN")
        lang.set(qn("w:eastAsia"), "vi-VN")
        ppr_default = defaults.find(qn("w:pPrDefault"))
        spacing = ppr_default.find(qn("w:pPr")).find(qn("w:spacing"))
        if spacing is None:
            spacing = OxmlElement("w:spacing")
            ppr_default.find(qn("w:pPr")).append(spacing)
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
        spacing.set(qn("w:lineRule"), "auto")
        for style in self.doc.styles:
            el = style.element
            rpr = el.find(qn("w:rPr"))
            if rpr is not None and rpr.find(qn("w:rFonts")) is not None:
                self._set_fonts(rpr)
        normal = self.doc.styles["Normal"]
        normal.font.name = self.style.font
        normal.font.size = Pt(self.style.sizes.body)
        self._set_fonts(normal.element.get_or_add_rPr())
        pf = normal.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing = 1.0
        header_style = self.doc.styles["Header"]
        tabs = header_style.element.find(qn("w:pPr"))
        if tabs is not None:
            for t in tabs.findall(qn("w:tabs")):
                tabs.remove(t)
        # Word proofs the text as Vietnamese, and the theme language no longer says Japanese.
        settings = self.doc.settings.element
        theme_lang = settings.find(qn("w:themeFontLang"))
        if theme_lang is not None:
            theme_lang.set(qn("w:val"), "vi-VN")
            theme_lang.set(qn("w:eastAsia"), "vi-VN")

    def _setup_page_numbers(self, section: Any) -> None:
        """PAGE field centred in the header, hidden on the first page (I.7)."""
        section.different_first_page_header_footer = True
        header = section.header
        header.is_linked_to_previous = False
        p = header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
            run = p.add_run()
            run.font.size = Pt(self.style.sizes.page_number)
            if kind:
                fld = OxmlElement("w:fldChar")
                fld.set(qn("w:fldCharType"), kind)
                run._r.append(fld)
            elif text == " PAGE ":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._r.append(instr)
            else:
                run.text = text or ""
        section.first_page_header.is_linked_to_previous = False

    # --- building blocks --------------------------------------------------------------------

    def paragraph(
        self,
        text: str = "",
        *,
        container: Any = None,
        size: float | None = None,
        bold: bool | None = None,
        italic: bool | None = None,
        align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY,
        first_line_indent: bool = False,
        space_before: float = 0,
        space_after: float = 0,
        line_spacing: float | None = None,
        keep_with_next: bool = False,
    ) -> Paragraph:
        target = container if container is not None else self.doc
        fresh = isinstance(target, _Cell) and len(target.paragraphs) == 1
        if fresh and target.paragraphs[0]._p.pPr is None and not target.paragraphs[0].runs:
            # A new cell already holds one empty paragraph: use it rather than add a blank line.
            p = target.paragraphs[0]
        else:
            p = target.add_paragraph()
        pf = p.paragraph_format
        pf.alignment = align
        pf.space_before = Pt(space_before)
        pf.space_after = Pt(space_after)
        pf.line_spacing = line_spacing if line_spacing is not None else 1.0
        if first_line_indent:
            pf.first_line_indent = Cm(self.style.body.first_line_indent_cm)
        if keep_with_next:
            pf.keep_with_next = True
        if text:
            self.run(p, text, size=size, bold=bold, italic=italic)
        return p

    def run(
        self,
        p: Paragraph,
        text: str,
        *,
        size: float | None = None,
        bold: bool | None = None,
        italic: bool | None = None,
    ) -> Any:
        r = p.add_run(text)
        r.font.size = Pt(size if size is not None else self.style.sizes.body)
        if bold:
            r.bold = True
        if italic:
            r.italic = True
        return r

    def rule_under(
        self, p: Paragraph, container_width_mm: float, line_width_mm: float, *, space_before: float = 1
    ) -> None:
        """A solid line centred under the previous line: bottom border of an empty paragraph."""
        indent = max(0.0, (container_width_mm - line_width_mm) / 2)
        pf = p.paragraph_format
        pf.left_indent = Mm(indent)
        pf.right_indent = Mm(indent)
        pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
        ppr = p._p.get_or_add_pPr()
        border = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(key), value)
        border.append(bottom)
        ppr.insert_element_before(border, *_PPR_AFTER_PBDR)
        # An exact, tiny line height keeps the empty paragraph (and the rule) close to the text.
        pf.line_spacing = Pt(3)
        pf.space_before = Pt(space_before)

    def box(self, p: Paragraph, container_width_mm: float, box_width_mm: float) -> None:
        """A single-line frame around a centred paragraph, as wide as its text (the DỰ THẢO mark)."""
        indent = max(0.0, (container_width_mm - box_width_mm) / 2)
        p.paragraph_format.left_indent = Mm(indent)
        p.paragraph_format.right_indent = Mm(indent)
        ppr = p._p.get_or_add_pPr()
        border = OxmlElement("w:pBdr")
        for edge in ("top", "left", "bottom", "right"):  # schema order of w:pBdr children
            el = OxmlElement(f"w:{edge}")
            for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
                el.set(qn(key), value)
            border.append(el)
        ppr.insert_element_before(border, *_PPR_AFTER_PBDR)

    def borderless_table(self, rows: int, widths_mm: list[float], *, container: Any = None) -> Table:
        target = container if container is not None else self.doc
        table: Table = target.add_table(rows=rows, cols=len(widths_mm))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        tbl_pr = table._tbl.tblPr
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:val"), "nil")
            borders.append(el)
        tbl_pr.insert_element_before(
            borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"
        )
        self.set_widths(table, widths_mm)
        return table

    def set_widths(self, table: Table, widths_mm: list[float]) -> None:
        """Widths in the grid (LibreOffice reads it) and on every cell (Word reads those)."""
        total = sum(widths_mm)
        tbl_w = table._tbl.tblPr.find(qn("w:tblW"))
        if tbl_w is None:
            tbl_w = OxmlElement("w:tblW")
            table._tbl.tblPr.append(tbl_w)
        tbl_w.set(qn("w:type"), "dxa")
        tbl_w.set(qn("w:w"), str(int(Mm(total).twips)))
        for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
            col.w = Emu(Mm(width))
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm, strict=True):
                cell.width = Mm(width)

    @staticmethod
    def cant_split(table: Table) -> None:
        for row in table.rows:
            tr_pr = row._tr.get_or_add_trPr()
            el = OxmlElement("w:cantSplit")
            tr_pr.append(el)

    @staticmethod
    def repeat_header(table: Table, rows: int = 1) -> None:
        for row in table.rows[:rows]:
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:tblHeader"))

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # --- the Decree 30 parts -----------------------------------------------------------------

    def properties(self, info: FrameInfo) -> None:
        """The file's own properties name the issuing body and the document, not the software."""
        props = self.doc.core_properties

        def short(text: str) -> str:  # the package format allows 255 characters a property
            return text if len(text) <= 255 else text[:254] + "…"

        author = short(" ".join(line.strip() for line in info.issuing_body).strip())
        props.author = author
        props.last_modified_by = author
        props.comments = ""
        props.keywords = ""
        props.category = ""
        subject = " ".join(info.subject)
        props.title = short(f"{info.doc_type.capitalize()} {subject[:1].lower()}{subject[1:]}".strip())
        props.subject = short(" ".join(info.subject))
        now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
        props.created = now
        props.modified = now
        props.revision = 1

    def header(self, info: FrameInfo) -> None:
        """Row 1: issuing body | Quốc hiệu, Tiêu ngữ. Row 2: Số | place and date (one line)."""
        self.properties(info)
        s = self.style
        left = round(self.width_mm * s.header_split, 1)
        right = round(self.width_mm - left, 1)
        table = self.borderless_table(2, [left, right])
        sizes = s.sizes
        body_cell, nation_cell = table.rows[0].cells
        centre = WD_ALIGN_PARAGRAPH.CENTER
        if info.parent_body:
            self.paragraph(
                info.parent_body.upper(), container=body_cell, size=sizes.parent_body, align=centre
            )
        for line in info.issuing_body:
            self.paragraph(
                line.upper(), container=body_cell, size=sizes.issuing_body, bold=True, align=centre
            )
        longest = max(text_width_mm(x.upper(), sizes.issuing_body, bold=True) for x in info.issuing_body)
        self.rule_under(
            self.paragraph(container=body_cell),
            left - 2 * CELL_PADDING_MM,
            longest * s.layout.body_rule_share,
        )
        words = s.words
        self.paragraph(words.quoc_hieu, container=nation_cell, size=sizes.quoc_hieu, bold=True, align=centre)
        self.paragraph(words.tieu_ngu, container=nation_cell, size=sizes.tieu_ngu, bold=True, align=centre)
        self.rule_under(
            self.paragraph(container=nation_cell),
            right - 2 * CELL_PADDING_MM,
            text_width_mm(words.tieu_ngu, sizes.tieu_ngu, bold=True),
        )
        number_cell, date_cell = table.rows[1].cells
        self.numbered = bool(info.symbol)
        if info.symbol:  # a document without a number (a bản tổng hợp) leaves the cell empty
            self.paragraph(
                document_number(info.number, info.symbol, words.number),
                container=number_cell,
                size=sizes.number,
                align=centre,
            )
        mark = s.draft_mark
        if info.draft and mark.position == "under_number":
            boxed = self.paragraph(
                mark.text, container=number_cell, size=mark.size, bold=True, align=centre, space_before=4
            )
            text_mm = text_width_mm(mark.text, mark.size, bold=True)
            self.box(boxed, left - 2 * CELL_PADDING_MM, text_mm + 6)
        when = place_and_date(info.place, info.day)
        if info.day is None and info.year:
            when += f" {info.year}"
        self.paragraph(when, container=date_cell, size=sizes.place_date, italic=True, align=centre)
        self.cant_split(table)

    def title(self, info: FrameInfo) -> None:
        """Tên loại and trích yếu, centred and bold, with a short rule under them (II.5)."""
        sizes = self.style.sizes
        layout = self.style.layout
        centre = WD_ALIGN_PARAGRAPH.CENTER
        mark = self.style.draft_mark
        title = info.doc_type.upper()
        if info.draft and mark.position == "title_prefix":
            title = f"{mark.text.upper()} {title}"
        self.paragraph(
            title,
            size=sizes.doc_type,
            bold=True,
            align=centre,
            space_before=layout.title_space_before_pt,
            keep_with_next=True,
        )
        width = self.width_mm
        shown: list[str] = []
        if info.subject:
            # One paragraph: the lines given, each split into balanced lines if it would wrap.
            p = self.paragraph(size=sizes.subject, bold=True, align=centre, keep_with_next=True)
            for line in info.subject:
                shown.extend(
                    balanced_lines(
                        line,
                        sizes.subject,
                        width * layout.subject_width,
                        bold=True,
                        phrases=self.style.phrases,
                    )
                )
            for n, part in enumerate(shown):
                r = self.run(p, part, size=sizes.subject, bold=True)
                if n < len(shown) - 1:
                    r.add_break()
        longest = max((text_width_mm(x, sizes.subject, bold=True) for x in shown), default=40.0)
        longest = min(longest, width)
        self.rule_under(
            self.paragraph(keep_with_next=True), width, longest * layout.title_rule_share, space_before=4
        )
        if info.kinh_gui:
            self.kinh_gui(info.kinh_gui)

    def kinh_gui(self, recipients: list[str]) -> None:
        """ "Kính gửi: ..." (ô 9a): one recipient on the line, several as a dash list."""
        size = self.style.sizes.kinh_gui
        label = self.style.words.kinh_gui
        layout = self.style.layout
        if len(recipients) == 1:
            self.paragraph(
                f"{label}: {recipients[0]}",
                size=size,
                align=WD_ALIGN_PARAGRAPH.CENTER,
                space_before=6,
                space_after=6,
            )
            return
        first = self.paragraph(f"{label}:", size=size, align=WD_ALIGN_PARAGRAPH.LEFT, space_before=6)
        first.paragraph_format.left_indent = Cm(layout.kinh_gui_indent_cm)
        for n, name in enumerate(recipients):
            end = "." if n == len(recipients) - 1 else ";"
            item = self.paragraph(f"- {name.rstrip(';.')}{end}", size=size, align=WD_ALIGN_PARAGRAPH.LEFT)
            item.paragraph_format.left_indent = Cm(layout.kinh_gui_list_indent_cm)

    def body_paragraph(self, text: str = "", **kwargs: Any) -> Paragraph:
        s = self.style
        kwargs.setdefault("first_line_indent", True)
        kwargs.setdefault("space_before", s.body.space_before_pt)
        kwargs.setdefault("line_spacing", s.body.line_spacing)
        return self.paragraph(text, **kwargs)

    def signature(self, info: FrameInfo) -> None:
        """Nơi nhận (left) and the signer (right) in one borderless block that does not split."""
        s = self.style
        left = round(self.width_mm * s.layout.signature_split, 1)
        right = round(self.width_mm - left, 1)
        # Keep the last lines of the body with the signature: a page must not hold the signer alone.
        body = [p for p in self.doc.paragraphs if p.text.strip()]
        for p in body[-2:]:
            p.paragraph_format.keep_with_next = True
        self.paragraph(space_before=6, keep_with_next=True)
        table = self.borderless_table(1, [left, right])
        recipients_cell, signer_cell = table.rows[0].cells
        if info.recipients:
            self.paragraph(
                f"{s.words.noi_nhan}:",
                container=recipients_cell,
                size=s.sizes.noi_nhan_label,
                bold=True,
                italic=True,
                align=WD_ALIGN_PARAGRAPH.LEFT,
            )
            for line in info.recipients:
                text = line if line.startswith("-") else f"- {line}"
                self.paragraph(
                    text, container=recipients_cell, size=s.sizes.noi_nhan_list, align=WD_ALIGN_PARAGRAPH.LEFT
                )
        centre = WD_ALIGN_PARAGRAPH.CENTER
        signer = info.signer
        if signer is not None:
            for line in signer.lines:
                self.paragraph(
                    line.upper(), container=signer_cell, size=s.sizes.signer, bold=True, align=centre
                )
            for _ in range(s.signature_blank_lines):
                self.paragraph(container=signer_cell, size=s.sizes.signer, align=centre)
            if signer.name:
                self.paragraph(
                    signer.name, container=signer_cell, size=s.sizes.signer, bold=True, align=centre
                )
        self.cant_split(table)

    def annex(self, label: str, title: list[str], note: str | None, *, landscape: bool = False) -> None:
        """A phụ lục on new pages with its own page numbering (III.1): label, title, "(Kèm theo ...)"."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._setup_page(section, landscape=landscape)
        self.landscape = landscape
        section.different_first_page_header_footer = True
        sect_pr = section._sectPr
        num = sect_pr.find(qn("w:pgNumType"))
        if num is None:
            num = OxmlElement("w:pgNumType")
            sect_pr.insert_element_before(num, *_SECTPR_AFTER_PGNUMTYPE)
        num.set(qn("w:start"), "1")
        sizes = self.style.sizes
        centre = WD_ALIGN_PARAGRAPH.CENTER
        # A paragraph first: LibreOffice drops the section break when a table starts it (trap 2).
        self.paragraph(label, size=sizes.annex_label, bold=True, align=centre, keep_with_next=True)
        for line in title:
            self.paragraph(line.upper(), size=sizes.annex_title, bold=True, align=centre, keep_with_next=True)
        if note:
            self.paragraph(note, size=sizes.body, italic=True, align=centre, keep_with_next=True)
        width = self.width_mm
        longest = max((text_width_mm(x.upper(), sizes.annex_title, bold=True) for x in title), default=40.0)
        self.rule_under(
            self.paragraph(keep_with_next=True),
            width,
            min(longest, width) * self.style.layout.title_rule_share,
        )

    @property
    def width_mm(self) -> float:
        """Text width of the section being written."""
        return self.usable_width_mm(landscape=self.landscape)

    def usable_width_mm(self, *, landscape: bool = False) -> float:
        s = self.style
        page = s.page_mm.height if landscape else s.page_mm.width
        return page - s.margins_mm.left - s.margins_mm.right

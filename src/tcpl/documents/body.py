"""Markdown body -> Decree 30 paragraphs (markdown-it-py tokens to python-docx).

The mapping (Nghị định 30/2020, Phụ lục I, II.6 and Mục V, case b):

- `## I. MỤC ĐÍCH` -> mục: bold, upright;
- `### 1. Mục đích` -> khoản with a title: bold;
- `#### a) ...` -> điểm with a title: italic;
- a paragraph -> body text: justified, first-line indent, space before;
- `- item` -> a body paragraph starting with "- " (each item its own paragraph: Word
  stretches justified lines before manual breaks);
- `1. item` -> a body paragraph starting with its number;
- `> text` -> an italic paragraph (căn cứ lines);
- a table -> a bordered table with a repeated header row;
- `---` -> a page break.
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tcpl.documents.frame import FrameInfo, Nd30Document

MIN_COLUMN_MM = 13.0

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def parse(markdown: str) -> list[Token]:
    return _md.parse(markdown)


def _runs(
    doc: Nd30Document, p: Any, inline: Token, *, size: float, bold: bool = False, italic: bool = False
) -> None:
    strong = 0
    em = 0
    for child in inline.children or []:
        kind = child.type
        if kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong -= 1
        elif kind == "em_open":
            em += 1
        elif kind == "em_close":
            em -= 1
        elif kind in ("text", "code_inline", "html_inline"):
            if child.content:
                doc.run(
                    p,
                    child.content,
                    size=size,
                    bold=bold or strong > 0 or None,
                    italic=italic or em > 0 or None,
                )
        elif kind in ("softbreak", "hardbreak"):
            doc.run(p, " ", size=size)
        elif kind == "image":
            doc.run(p, child.content, size=size)


def signed_document(info: FrameInfo, markdown: str) -> Nd30Document:
    """A whole document: header, title, the Markdown body, then the signature and Nơi nhận."""
    doc = Nd30Document()
    doc.header(info)
    doc.title(info)
    render_body(doc, markdown)
    doc.signature(info)
    return doc


def render_body(doc: Nd30Document, markdown: str) -> None:
    """Append the Markdown body to the document."""
    tokens = parse(markdown)
    size = doc.style.sizes.body
    lists: list[dict[str, Any]] = []
    quote = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind == "heading_open":
            inline = tokens[i + 1]
            level = int(tok.tag[1])
            p = doc.body_paragraph(keep_with_next=True)
            _runs(doc, p, inline, size=size, bold=level <= 3, italic=level >= 4)
            i += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrs.get("start", 1) or 1) if kind == "ordered_list_open" else None
            lists.append({"ordered": start is not None, "n": start or 1})
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "paragraph_open":
            inline = tokens[i + 1]
            p = doc.body_paragraph()
            if lists:
                current = lists[-1]
                prefix = f"{current['n']}. " if current["ordered"] else "- "
                if tok.level == tokens[i - 1].level + 1 and tokens[i - 1].type == "list_item_open":
                    doc.run(p, prefix, size=size, italic=quote > 0 or None)
                    if current["ordered"]:
                        current["n"] += 1
            _runs(doc, p, inline, size=size, italic=quote > 0)
            i += 3
            continue
        elif kind == "table_open":
            i = _table(doc, tokens, i)
            continue
        elif kind == "hr":
            doc.page_break()
        i += 1


def _table(doc: Nd30Document, tokens: list[Token], i: int) -> int:
    """A Markdown table as a bordered Word table; returns the index after table_close."""
    rows: list[list[tuple[Token, str]]] = []
    header_rows = 0
    in_head = False
    j = i + 1
    while tokens[j].type != "table_close":
        t = tokens[j]
        if t.type == "thead_open":
            in_head = True
        elif t.type == "thead_close":
            in_head = False
        elif t.type == "tr_open":
            rows.append([])
            if in_head:
                header_rows += 1
        elif t.type in ("th_open", "td_open"):
            style = t.attrs.get("style") or ""
            rows[-1].append((tokens[j + 1], str(style)))
            j += 2
        j += 1
    if not rows:
        return j + 1
    cols = max(len(r) for r in rows)
    width = doc.width_mm
    # Columns as wide as their content needs (a "STT" column stays narrow), within limits.
    need: list[int] = []
    for c in range(cols):
        longest = max((len(row[c][0].content) for row in rows if c < len(row)), default=0)
        need.append(min(max(longest, 4), 60))
    total = sum(need)
    widths = [max(MIN_COLUMN_MM, width * n / total) for n in need]
    excess = sum(widths) - width  # taken back from the columns wider than the minimum
    wide = [w for w in widths if w > MIN_COLUMN_MM]
    widths = [w - excess * w / sum(wide) if w > MIN_COLUMN_MM else w for w in widths]
    gap = doc.paragraph()  # a little room between the text above and the table
    gap.paragraph_format.line_spacing = Pt(6)
    table = doc.doc.add_table(rows=len(rows), cols=cols)
    table.style = doc.doc.styles["Table Grid"]
    doc.set_widths(table, widths)
    size = doc.style.sizes.table
    for r, row in enumerate(rows):
        for c, (inline, style) in enumerate(row):
            cell = table.rows[r].cells[c]
            align = WD_ALIGN_PARAGRAPH.LEFT
            if "center" in style:
                align = WD_ALIGN_PARAGRAPH.CENTER
            elif "right" in style:
                align = WD_ALIGN_PARAGRAPH.RIGHT
            p = doc.paragraph(container=cell, align=WD_ALIGN_PARAGRAPH.CENTER if r < header_rows else align)
            _runs(doc, p, inline, size=size, bold=r < header_rows)
    if header_rows:
        doc.repeat_header(table, header_rows)
    doc.paragraph(space_before=0)  # Word needs a paragraph between a table and what follows
    return j + 1

"""Turning an existing plan (plain text, or last year's Word file) into plan.yaml data.

Officers have their plans as Word files or pasted text. The importer recognises the parts a
KẾ HOẠCH has (header, title, opening, I./II./III. sections, numbered khoản, tasks with their
labelled lines, closing, Nơi nhận, signer) and keeps every sentence: a line it cannot place
is kept as a free paragraph where it stands, and listed in the report.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tcpl.errors import UsageError, display_path
from tcpl.escaping import INVISIBLE
from tcpl.models.plan import LineRole, role_for_label
from tcpl.safeio import ReadRefused, os_error_words, read_regular
from tcpl.textfmt import roman

ROMAN = re.compile(r"^(?P<num>[IVX]{1,5})\.\s+(?P<text>.+)$")
NUMBERED = re.compile(r"^(?P<num>\d{1,3})\.\s+(?P<text>.+)$")
DASH = re.compile(r"^[-–+•]\s*")
LABELLED = re.compile(r"^(?P<label>[^:]{3,40}):\s*(?P<text>.*)$")
NUMBER_LINE = re.compile(r"^Số\s*:\s*(?P<number>\d*)\s*/\s*(?P<symbol>[\wĐđ-]+)", re.I)
DATE_LINE = re.compile(
    r"^(?P<place>[^,]+),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.I
)
QUOC_HIEU = re.compile(r"^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$", re.I)
TIEU_NGU = re.compile(r"^Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc$", re.I)
DOC_TYPES = ("KẾ HOẠCH", "BÁO CÁO", "THÔNG BÁO", "CHƯƠNG TRÌNH")
MAX_TEXT_BYTES = 2 * 1024 * 1024


@dataclass
class ImportResult:
    """plan.yaml data, and what the officer should check."""

    data: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)


_INVISIBLE = re.compile(f"[{INVISIBLE}\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _clean(line: str) -> str:
    # Characters that are not seen (bidi controls, zero-width) or cannot go into Word are dropped:
    # they would reorder or hide text in the plan that officials sign.
    line = _INVISIBLE.sub("", unicodedata.normalize("NFC", line.replace("\u00a0", " ")))
    return re.sub(r"[ \t]+", " ", line).strip()


def read_lines(path: Path) -> tuple[list[str], dict[str, Any]]:
    """The plan's lines (body order) and what the Word header and signature tables say."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx_lines(path)
    if suffix in (".txt", ".text", ".md", ""):
        try:
            raw = read_regular(path, max_bytes=MAX_TEXT_BYTES)
        except ReadRefused as exc:
            raise UsageError(f"'{display_path(path)}': {exc}") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UsageError(
                f"'{display_path(path)}' không phải văn bản UTF-8; hãy lưu lại với mã hóa UTF-8"
            ) from None
        return [_clean(x) for x in text.splitlines()], {}
    raise UsageError(f"chỉ nhập được tệp .txt hoặc .docx (không phải '{path.suffix}')")


MAX_DOCX_BYTES = 20 * 1024 * 1024
"""A plan in Word is some tens of kilobytes; its parts, unpacked, at most this much."""
MAX_DOCX_PARTS = 2000


def check_docx_size(path: Path) -> None:
    """Refuse a .docx that unpacks into more than a plan can be (a "zip bomb"), before parsing it.

    The sizes are read from the zip's own directory; python-docx would unpack and parse all.
    """
    import zipfile

    shown = display_path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UsageError(
            f"không mở được tệp Word '{shown}': tệp không phải .docx hợp lệ (tệp .doc cũ hãy lưu lại thành .docx)"
        ) from None
    total = sum(i.file_size for i in infos)
    if len(infos) > MAX_DOCX_PARTS or total > MAX_DOCX_BYTES:
        raise UsageError(
            f"tệp Word '{shown}' khi giải nén quá lớn ({total / 1_048_576:.0f} MB, {len(infos)} phần; tối đa"
            f" {MAX_DOCX_BYTES // 1_048_576} MB): một kế hoạch chỉ vài chục trang; kiểm tra lại tệp"
        )


def _docx_lines(path: Path) -> tuple[list[str], dict[str, Any]]:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        info = path.stat()
    except OSError as exc:
        raise UsageError(f"'{display_path(path)}': không đọc được tệp ({os_error_words(exc)})") from None
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(f"'{display_path(path)}' không phải tệp thường")
    check_docx_size(path)
    try:
        doc = Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError):
        raise UsageError(
            f"không mở được tệp Word '{display_path(path)}': tệp không phải .docx hợp lệ (tệp .doc cũ hãy lưu lại"
            " thành .docx)"
        ) from None
    body = doc.element.body
    lines: list[str] = []
    extra: dict[str, Any] = {"header_cells": [], "signature_cells": [], "paragraphs": {}}
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    numbering = _Numbering(doc)
    headings = _HeadingNumbers()
    count = 0
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            count += 1
            paragraph = Paragraph(child, doc)
            text = _clean(paragraph.text)
            if text:
                # Word's automatic numbering lives in numbering.xml, not in the text: put it back.
                label = numbering.label(paragraph) or headings.label(paragraph, text)
                text = f"{label} {text}".strip() if label and not text.startswith(label) else text
                extra["paragraphs"].setdefault(text, count)
            lines.append(text)
        elif tag == "tbl":
            table = Table(child, doc)
            cells = [
                [_clean(part) for p in cell.paragraphs for part in p.text.split("\n")]
                for row in table.rows
                for cell in row.cells
            ]
            flat = [x for c in cells for x in c]
            if any(QUOC_HIEU.match(x) for x in flat):
                extra["header_cells"] = cells
            elif any(x.startswith("Nơi nhận") for x in flat):
                extra["signature_cells"] = cells
            else:  # an ordinary table in the body: keep its text as lines
                lines.extend(" | ".join(x for x in c if x) for c in cells)
    return lines, extra


_FORMATS = {
    "decimal": lambda n: str(n),
    "decimalZero": lambda n: f"{n:02d}",
    "upperRoman": lambda n: roman(n),
    "lowerRoman": lambda n: roman(n).lower(),
    "upperLetter": lambda n: _letter(n).upper(),
    "lowerLetter": lambda n: _letter(n),
}


def _letter(n: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]


class _Numbering:
    """The labels Word draws for automatically numbered paragraphs (numbering.xml): "I.", "1.", "a)"."""

    def __init__(self, doc: Any) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = doc.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(qn("w:abstractNum")):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in node.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                start = lvl.find(qn("w:start"))
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                    fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
                    text.get(qn("w:val"), "") if text is not None else "",
                    int(start.get(qn("w:val"), "1")) if start is not None else 1,
                )
            abstract[node.get(qn("w:abstractNumId"), "")] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                self.levels[num.get(qn("w:numId"), "")] = abstract.get(ref.get(qn("w:val"), ""), {})

    def _num_pr(self, paragraph: Any) -> tuple[str, int] | None:
        qn = self._qn
        ppr = paragraph._p.pPr
        found = ppr.find(qn("w:numPr")) if ppr is not None else None
        style = paragraph.style
        while found is None and style is not None:  # a list style: "List Number", "Heading 1"...
            sppr = style.element.find(qn("w:pPr"))
            found = sppr.find(qn("w:numPr")) if sppr is not None else None
            style = style.base_style
        if found is None:
            return None
        num = found.find(qn("w:numId"))
        lvl = found.find(qn("w:ilvl"))
        num_id = num.get(qn("w:val")) if num is not None else None
        if not num_id or num_id == "0":
            return None
        return num_id, int(lvl.get(qn("w:val"), "0")) if lvl is not None else 0

    def label(self, paragraph: Any) -> str | None:
        found = self._num_pr(paragraph)
        if found is None:
            return None
        num_id, level = found
        levels = self.levels.get(num_id, {})
        if level not in levels:
            return None
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[level] += 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = levels[level]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return None
        for k in range(9, 0, -1):
            if f"%{k}" in text:
                lvl_fmt, _, start = levels.get(k - 1, ("decimal", "", 1))
                value = start + counters[k - 1] - 1 if counters[k - 1] else start
                text = text.replace(f"%{k}", _FORMATS.get(lvl_fmt, str)(value))
        return text.strip() or None


class _HeadingNumbers:
    """A heading in Word's "Heading 1/2" style, unnumbered, gets the number a plan gives it (I., 1.)."""

    def __init__(self) -> None:
        self.sections = 0
        self.items = 0

    def label(self, paragraph: Any, text: str) -> str | None:
        name = (paragraph.style.name if paragraph.style is not None else "") or ""
        if ROMAN.match(text) or NUMBERED.match(text):
            return None
        if name.startswith("Heading 1") or self._bold_heading(paragraph, text):
            self.sections += 1
            self.items = 0
            return f"{roman(self.sections)}."
        if name.startswith("Heading 2"):
            self.items += 1
            return f"{self.items}."
        return None

    @staticmethod
    def _bold_heading(paragraph: Any, text: str) -> bool:
        """A mục typed by hand: a bold, upper-case line at the left (the title is centred)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        runs = [r for r in paragraph.runs if r.text.strip()]
        if not runs or not all(r.bold for r in runs) or not text.isupper() or len(text) > 120:
            return False
        if text.upper() in DOC_TYPES or QUOC_HIEU.match(text):
            return False
        return paragraph.alignment not in (WD_ALIGN_PARAGRAPH.CENTER,)


def _header(extra: dict[str, Any], data: dict[str, Any], result: ImportResult) -> None:
    cells: list[list[str]] = extra.get("header_cells") or []
    if not cells:
        return
    document: dict[str, Any] = {}
    body_lines: list[str] = []
    for cell in cells:
        for text in cell:
            if not text or QUOC_HIEU.match(text) or TIEU_NGU.match(text):
                continue
            m = NUMBER_LINE.match(text)
            d = DATE_LINE.match(text)
            if m:
                document["number"] = m.group("number") or None
                document["symbol"] = m.group("symbol")
            elif d:
                document["place"] = d.group("place").strip()
                try:
                    document["date"] = date(int(d.group("y")), int(d.group("m")), int(d.group("d")))
                except ValueError:
                    result.notes.append(f"Ngày trong tiêu đề không hợp lệ: '{text}'")
            elif text.isupper():
                body_lines.append(text)
            else:
                result.unplaced.append(text)
    if body_lines:
        data["issuing_body"] = body_lines
    if document:
        data["document"] = document


def _signature(extra: dict[str, Any], data: dict[str, Any]) -> None:
    cells: list[list[str]] = extra.get("signature_cells") or []
    for cell in cells:
        texts = [t for t in cell if t]
        if texts and texts[0].startswith("Nơi nhận"):
            data["recipients"] = [DASH.sub("", t) for t in texts[1:]]
        elif texts:
            upper = [t for t in texts if t.isupper()]
            names = [t for t in texts if not t.isupper()]
            data["signer"] = {"lines": upper or ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]}
            if names:
                data["signer"]["name"] = names[-1]


def _line_entry(text: str) -> dict[str, Any] | str:
    dash = bool(DASH.match(text))
    body = DASH.sub("", text)
    m = LABELLED.match(body)
    if m and role_for_label(m.group("label")) is not LineRole.TEXT and m.group("text"):
        label, value = m.group("label").strip(), m.group("text").strip()
        return {label: value} if dash else {"label": label, "text": value, "dash": False}
    return body if dash else {"text": body, "dash": False}


def _is_task(lines: list[str]) -> bool:
    for text in lines:
        m = LABELLED.match(DASH.sub("", text))
        if m and role_for_label(m.group("label")) is not LineRole.TEXT:
            return True
    return False


def import_plan(path: Path, *, year: int | None = None) -> ImportResult:
    """Read a plan file and build plan.yaml data from it."""
    lines, extra = read_lines(path)
    lines = [x for x in lines if x]
    result = ImportResult(data={})
    data = result.data
    data["kind"] = "plan"
    _header(extra, data, result)

    # Title (tên loại) and trích yếu.
    start = next((n for n, x in enumerate(lines) if x.upper() in DOC_TYPES), None)
    if start is None:
        result.notes.append("Không thấy tên loại văn bản (KẾ HOẠCH): coi dòng đầu là trích yếu.")
        start = -1
        data["doc_type"] = "KẾ HOẠCH"
    else:
        data["doc_type"] = lines[start].upper()
        for x in lines[:start]:
            if not (QUOC_HIEU.match(x) or TIEU_NGU.match(x)):
                result.unplaced.append(x)
    rest = lines[start + 1 :]
    if not rest:
        raise UsageError(f"'{display_path(path)}' không có nội dung kế hoạch")
    subject = [rest[0]]
    n = 1
    while n < len(rest) and len(rest[n]) < 80 and not ROMAN.match(rest[n]) and not rest[n].endswith(":"):
        subject.append(rest[n])
        n += 1
    data["subject"] = "\n".join(subject)
    body = rest[n:]

    opening: list[str] = []
    while body and not ROMAN.match(body[0]):
        opening.append(body.pop(0))
    data["opening"] = opening

    if not any(ROMAN.match(x) for x in body):
        where = extra.get("paragraphs", {})
        first = where.get((opening or rest)[0]) if (opening or rest) else None
        at = f" (từ đoạn {first})" if first else ""
        raise UsageError(
            f"'{display_path(path)}': không thấy các mục của kế hoạch (I., II., III.){at}, nên không chia được"
            " thành mục và nhiệm vụ. Trong Word, đánh số tên mục bằng I., II. (gõ hoặc đánh số tự động) hoặc"
            " dùng kiểu Heading 1 cho tên mục, kiểu Heading 2 hoặc số 1., 2. cho nhiệm vụ, rồi nhập lại"
        )
    sections: list[dict[str, Any]] = []
    closing: list[str] = []
    chunks: list[tuple[str, list[str]]] = []
    for text in body:
        if text.startswith("Trên đây") or closing:
            closing.append(text)
        elif ROMAN.match(text):
            chunks.append((ROMAN.match(text).group("text"), []))  # type: ignore[union-attr]
        elif text.startswith("Nơi nhận"):
            closing.append(text)
        else:
            chunks[-1][1].append(text)
    for heading, content in chunks:
        sections.append(_section(heading, content))
    data["sections"] = sections
    data["closing"] = [x for x in closing if not x.startswith("Nơi nhận")]
    _signature(extra, data)

    found_year = year or _guess_year(data)
    if found_year:
        data = {"kind": "plan", "year": found_year, **{k: v for k, v in data.items() if k != "kind"}}
    else:
        result.notes.append("Không đoán được năm của kế hoạch: hãy ghi trường 'year'.")
    result.data = data
    for key in ("document", "signer", "recipients"):
        if key not in data:
            result.notes.append(_MISSING_NOTES[key])
    return result


_MISSING_NOTES = {
    "document": (
        "Chưa có số, ký hiệu, ngày ban hành (document): ghi khi văn bản được ký, để trống khi là dự thảo."
    ),
    "signer": "Chưa có người ký (signer): lấy theo commune.yaml nếu bỏ trống.",
    "recipients": "Chưa có nơi nhận (recipients): mặc định chỉ '- Lưu: VT.'",
}


def _section(heading: str, content: list[str]) -> dict[str, Any]:
    section: dict[str, Any] = {"heading": heading, "paragraphs": []}
    items: list[tuple[str, list[str]]] = []
    for text in content:
        m = NUMBERED.match(text)
        if m:
            items.append((m.group("text"), []))
        elif items:
            items[-1][1].append(text)
        else:
            section["paragraphs"].append(text)
    tasks = [it for it in items if _is_task(it[1])]
    if items and len(tasks) >= max(1, len(items) // 2):
        section["tasks"] = [
            {"title": title, "lines": [_line_entry(x) for x in lines]} for title, lines in items
        ]
    elif items:
        section["subsections"] = [{"heading": title, "paragraphs": lines} for title, lines in items]
    if not section["paragraphs"]:
        del section["paragraphs"]
    return section


def _guess_year(data: dict[str, Any]) -> int | None:
    years = re.findall(r"năm (20\d\d)", data.get("subject", ""))
    if years:
        return int(years[-1])
    document = data.get("document") or {}
    if isinstance(document.get("date"), date):
        return int(document["date"].year)
    return None


def dump_yaml(data: dict[str, Any], header: str = "") -> str:
    """plan.yaml text: readable, Unicode, in the order a plan is read."""
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _str)
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2)
    return header + text

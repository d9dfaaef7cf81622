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
    extra: dict[str, Any] = {"header_cells": [], "signature_cells": []}
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_clean(Paragraph(child, doc).text))
        elif tag == "tbl":
            table = Table(child, doc)
            cells = [[_clean(p.text) for p in cell.paragraphs] for row in table.rows for cell in row.cells]
            flat = [x for c in cells for x in c]
            if any(QUOC_HIEU.match(x) for x in flat):
                extra["header_cells"] = cells
            elif any(x.startswith("Nơi nhận") for x in flat):
                extra["signature_cells"] = cells
            else:  # an ordinary table in the body: keep its text as lines
                lines.extend(" | ".join(x for x in c if x) for c in cells)
    return lines, extra


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

"""The dossier (hồ sơ) a commune sends up: the year's documents, its evidence files, and their list.

`build_dossier` renders the documents the ruleset's dossier step names (report, scoresheet,
notice, feedback summary; a PDF beside each when LibreOffice is there), gathers the evidence files
under one folder per indicator, and writes the list of contents (danh mục hồ sơ, a Decree 30
document) with each file's name, indicator, pages and SHA-256. Names are ASCII, safe on Windows;
every timestamp is the same fixed one, so the same inputs give the same zip, byte for byte.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from tcpl import codes
from tcpl.documents import reports
from tcpl.documents.front_matter import render_document
from tcpl.documents.reports import DRAFT_HEAD
from tcpl.documents.scoresheet import Column, Sheet, SheetRow
from tcpl.engine.results import ScoreResult
from tcpl.errors import TcplError
from tcpl.loading.bundle import Bundle
from tcpl.loading.evidence import inspect, is_file_entry, locate

DEFAULT_DOCUMENTS = ("report_q4", "scoresheet", "notice", "feedback")
"""When the ruleset does not say what its dossier holds (QĐ 27/2025: not known), tcpl sends these."""
FILE_STEMS = {
    "report_q4": "bao-cao-danh-gia",
    "scoresheet": "bang-diem",
    "notice": "thong-bao-niem-yet",
    "feedback": "tong-hop-y-kien",
}
BUILD = {
    "report_q4": ("report", 4),
    "scoresheet": ("scoresheet", 4),
    "notice": ("notice", 4),
    "feedback": ("feedback", 4),
}
LIST_TEMPLATE = "danh-muc-ho-so.md.j2"
EVIDENCE_CODES = {
    codes.EVIDENCE_MISSING,
    codes.EVIDENCE_UNSIGNED,
    codes.EVIDENCE_OTHER_YEAR,
    codes.EVIDENCE_UNREADABLE,
}
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{n}" for n in range(1, 10)),
    *(f"lpt{n}" for n in range(1, 10)),
}


@dataclass
class Piece:
    """One file of the dossier."""

    name: str
    data: bytes
    title: str
    indicator: str = ""
    pages: int | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class Dossier:
    pieces: list[Piece] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """What the dossier needs and does not have (it is refused without --draft)."""
    notes: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)
    """Documents still marked DỰ THẢO (the dossier is written; --strict refuses it)."""
    draft_reasons: list[str] = field(default_factory=list)
    """Why its documents are still drafts (said once, not per document)."""


def safe_name(text: str, *, keep_suffix: bool = True) -> str:
    """A file name any system takes: ASCII letters, digits, '-', '.', no reserved names."""
    path = Path(text)
    suffix = path.suffix.lower() if keep_suffix else ""
    stem = path.stem if keep_suffix else text
    plain = unicodedata.normalize("NFD", stem.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if unicodedata.category(c) != "Mn").lower()
    slug = re.sub(r"[^a-z0-9.]+", "-", plain).strip("-.")[:80] or "tep"
    if slug in _RESERVED:
        slug += "-1"
    return slug + re.sub(r"[^a-z0-9.]", "", suffix)


def build_dossier(bundle: Bundle, result: ScoreResult, *, pdf: bool, stamp: datetime) -> Dossier:
    """Every piece of the dossier, and what is missing from it."""
    dossier = Dossier()
    year = bundle.year.assessment.year
    ruleset = bundle.year.ruleset.ruleset
    step = ruleset.step("submit_dossier")
    wanted = list(step.documents) if step and step.documents else list(DEFAULT_DOCUMENTS)
    if not (step and step.documents):
        dossier.notes.append(
            f"Bộ tiêu chí {ruleset.id} chưa ghi thành phần hồ sơ: tcpl gửi báo cáo đánh giá, bảng điểm, thông"
            " báo niêm yết và bản tổng hợp ý kiến; kiểm tra theo hướng dẫn của tỉnh (tỉnh ghi thành phần hồ sơ"
            " trong lớp bổ sung: procedure, bước submit_dossier, documents:)."
        )
    for key in wanted:
        kind, quarter = BUILD[key]
        try:
            rendered = reports.build(kind, bundle, result, quarter=quarter)
        except TcplError as exc:
            dossier.missing.append(f"{FILE_STEMS[key]}: {exc}")
            continue
        said = set(rendered.draft) | {DRAFT_HEAD}
        dossier.notes.extend(n for n in rendered.notes if n not in dossier.notes and n not in said)
        name = f"{FILE_STEMS[key]}-{year}.docx"
        if rendered.draft:
            dossier.drafts.append(name)
            dossier.draft_reasons.extend(r for r in rendered.draft if r not in dossier.draft_reasons)
        data = _docx_bytes(rendered.document, stamp)
        title = _title(rendered.document)
        dossier.pieces.append(Piece(name, data, title))
        if pdf:
            converted = _pdf_bytes(data, name, stamp)
            if converted is not None:
                pages = _pdf_pages(converted)
                dossier.pieces[-1].pages = pages
                dossier.pieces.append(Piece(name[:-5] + ".pdf", converted, title + " (PDF)", pages=pages))
    _evidence(bundle, dossier)
    dossier.notes.extend(
        w.report_line()
        for w in bundle.year.warnings
        if w.code in EVIDENCE_CODES and w.code != codes.EVIDENCE_MISSING
    )
    return dossier


def _evidence(bundle: Bundle, dossier: Dossier) -> None:
    year_folder = bundle.year.assessment_path.parent
    items = bundle.year.assessment.items
    used: set[str] = set()
    # The file's located warning says where the entry is (assessment.yaml:8:91).
    where = {w.loc: w.format() for w in bundle.year.warnings if w.code in EVIDENCE_CODES}
    for criterion in bundle.year.ruleset.ruleset.criteria:
        for indicator in criterion.indicators:
            folder = f"minh-chung/chi-tieu-{safe_name(indicator.id, keep_suffix=False)}"
            declared = False
            for item in indicator.items:
                entry = items.get(item.id)
                if entry is None:
                    continue
                declared = declared or bool(entry.evidence)
                if item.evidence and not entry.evidence:
                    dossier.missing.append(
                        f"nội dung {item.id}: chưa có tài liệu kiểm chứng ({'; '.join(item.evidence)})"
                    )
                for n, text in enumerate(entry.evidence):
                    if not is_file_entry(text):
                        continue
                    found = locate(text, year_folder)
                    if found.path is None:
                        dossier.missing.append(
                            where.get(
                                ("items", item.id, "evidence", n), f"nội dung {item.id}: {found.problem}"
                            )
                        )
                        continue
                    name = f"{folder}/{safe_name(item.id, keep_suffix=False)}-{safe_name(found.path.name)}"
                    while name in used:
                        name = name.replace(".", "-1.", 1) if "." in name.rsplit("/", 1)[-1] else name + "-1"
                    used.add(name)
                    seen = inspect(found.path)
                    dossier.pieces.append(
                        Piece(
                            name,
                            found.path.read_bytes(),
                            f"Tài liệu kiểm chứng nội dung {item.id} ({found.path.name})",
                            indicator=indicator.id,
                            pages=seen.pages,
                        )
                    )
            entered = any(items.get(it.id) is not None for it in indicator.items)
            if indicator.evidence and entered and not declared:
                dossier.missing.append(
                    f"chỉ tiêu {indicator.id}: chưa có tài liệu kiểm chứng ({'; '.join(indicator.evidence)})"
                )


def list_document(bundle: Bundle, result: ScoreResult, dossier: Dossier, stamp: datetime) -> Piece:
    """The danh mục hồ sơ: one row per file, with its SHA-256, as a Decree 30 document."""
    from tcpl.documents.body import render_body
    from tcpl.documents.frame import FrameInfo, Nd30Document, default_signer
    from tcpl.documents.tables import add_sheet_table

    commune = reports.require_commune(bundle)
    year = bundle.year.assessment.year
    context = {**reports.base_context(bundle, result), "files": len(dossier.pieces)}
    fm, body = render_document(LIST_TEMPLATE, None, context)
    info = FrameInfo(
        issuing_body=commune.body_lines,
        parent_body=commune.parent_body,
        doc_type=fm.doc_type,
        symbol="",
        place=commune.place_name,
        subject=fm.subject,
        year=year,
        signer=commune.signer or default_signer(),
        recipients=fm.recipients,
        draft=bool(dossier.missing or dossier.drafts),
    )
    doc = Nd30Document(landscape=True)
    doc.header(info)
    doc.title(info)
    render_body(doc, body)
    columns = [
        Column("n", "STT", 0.05, numeric=True),
        Column("name", "Tệp", 0.27),
        Column("title", "Tài liệu", 0.27),
        Column("indicator", "Chỉ tiêu", 0.07),
        Column("pages", "Số trang", 0.06, numeric=True),
        Column("sha", "SHA-256", 0.28),
    ]
    rows = []
    for n, piece in enumerate(dossier.pieces, start=1):
        values: dict[str, Any] = {
            "n": n,
            "name": piece.name,
            "title": piece.title,
            "indicator": piece.indicator,
            "pages": piece.pages,
            "sha": piece.sha256,
        }
        texts = {k: "" if v is None else str(v) for k, v in values.items()}
        rows.append(SheetRow("item", values, texts))
    add_sheet_table(doc, Sheet("", "", columns, rows, ""))
    doc.signature(info)
    return Piece(f"danh-muc-ho-so-{year}.docx", _docx_bytes(doc, stamp), "Danh mục hồ sơ")


def write_zip(pieces: list[Piece], stream: BinaryIO, stamp: datetime) -> None:
    """The pieces in a zip whose bytes depend only on them (fixed times, order, permissions)."""
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for piece in pieces:
            archive.writestr(_entry(piece.name, stamp), piece.data)


def _entry(name: str, stamp: datetime) -> zipfile.ZipInfo:
    """A zip entry that is the same on every machine: fixed time, permissions and system."""
    info = zipfile.ZipInfo(name, date_time=_zip_time(stamp))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Python's default is the running system's (0 on Windows)
    return info


def _zip_time(stamp: datetime) -> tuple[int, int, int, int, int, int]:
    return (max(1980, stamp.year), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)


def _title(document: Any) -> str:
    props = document.doc.core_properties
    return str(props.title or "")


def _docx_bytes(document: Any, stamp: datetime) -> bytes:
    """A python-docx document saved with fixed times (its properties and its zip entries)."""
    props = document.doc.core_properties
    props.created = stamp
    props.modified = stamp
    raw = io.BytesIO()
    document.doc.save(raw)
    return restamp_zip(raw.getvalue(), stamp)


def restamp_zip(data: bytes, stamp: datetime) -> bytes:
    """The same zip (a .docx) with every entry's time set to `stamp`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(_entry(item.filename, stamp), source.read(item.filename))
    return out.getvalue()


def _pdf_bytes(docx: bytes, name: str, stamp: datetime) -> bytes | None:
    """The document as PDF (LibreOffice), with its creation time and ID fixed; None without LibreOffice."""
    import tempfile

    from tcpl.documents.writer import ConversionError, convert_to_pdf

    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        return None
    with tempfile.TemporaryDirectory(prefix="tcpl-hs-") as scratch:
        path = Path(scratch) / name
        path.write_bytes(docx)
        try:
            produced = convert_to_pdf(path)
        except ConversionError:
            return None
        return stable_pdf(produced.read_bytes(), stamp)


def stable_pdf(data: bytes, stamp: datetime) -> bytes:
    """LibreOffice's PDF with the two things that change from run to run (the time, the ID) fixed.

    The replacements have the lengths of what they replace, so the offsets of the file stay right.
    """
    fixed = stamp.strftime("%Y%m%d%H%M%S")

    def when(match: re.Match[bytes]) -> bytes:
        old = match.group(0)
        new = match.group(1) + b"(D:" + fixed.encode() + b"Z)"
        return new.ljust(len(old), b" ") if len(new) <= len(old) else old

    out = re.sub(rb"(/CreationDate|/ModDate)\(D:[0-9]{14}[^)]*\)", when, data)
    # The trailer's ID and LibreOffice's /DocChecksum hash the time: both become a hash of the rest.
    rest = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"", re.sub(rb"/ID \[[^\]]*\]", b"", out))
    digest = hashlib.md5(rest, usedforsecurity=False).hexdigest().upper()
    out = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + digest.encode(), out)

    def ident(match: re.Match[bytes]) -> bytes:
        old = match.group(0)
        new = b"/ID [ <" + digest.encode() + b">\n<" + digest.encode() + b"> ]"
        return new if len(new) == len(old) else old

    return re.sub(rb"/ID \[ <[0-9A-F]{32}>\s*<[0-9A-F]{32}> \]", ident, out)


def _pdf_pages(data: bytes) -> int | None:
    try:
        from pypdf import PdfReader

        return len(PdfReader(io.BytesIO(data)).pages)
    except Exception:  # a page count is a courtesy, not a requirement
        return None

"""Evidence files (tài liệu kiểm chứng): where an `evidence:` entry points, and what the file says.

An entry is a file when it ends like one (`minh-chung/nq-02-2026.pdf`); it is read relative to the
year folder and must stay inside the commune's folder. A PDF or .docx is opened only to count its
pages, see whether a PDF carries a digital signature and when it was signed, and read the dates
and numbers on its first page; that reading runs in a bounded child process (tcpl.isolation) and
never runs anything the file contains. Other entries are text, as officers have always written.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tcpl.isolation import Failed, Runaway, run_isolated
from tcpl.models.assessment import ItemEntry

SUFFIXES = (".pdf", ".docx", ".doc", ".xlsx", ".xls", ".odt", ".ods", ".jpg", ".jpeg", ".png")
MAX_EVIDENCE_BYTES = 30 * 1024 * 1024
"""A scanned decision or report is some megabytes; a bigger file is not evidence to send."""
INSPECT_SECONDS = 10.0
INSPECT_MEMORY = 512 * 1024 * 1024
_DATE = re.compile(
    r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})|\b(\d{1,2})/(\d{1,2})/(\d{4})\b", re.I
)
_NUMBER = re.compile(r"Số\s*:?\s*(\d+)\s*/\s*(\d{4})\s*/", re.I)


def is_file_entry(text: str) -> bool:
    """Whether an evidence entry names a file (by its ending) rather than describing a document."""
    clean = text.strip()
    if "\n" in clean or len(clean) >= 260:
        return False
    # A path however it ends: what starts like one is read as one (and refused if it leaves the folder).
    pathlike = clean.startswith(("./", "../", ".\\", "..\\", "/", "\\", "~")) or bool(
        re.match(r"^[A-Za-z]:[\\/]", clean)
    )
    return pathlike or clean.lower().endswith(SUFFIXES)


@dataclass(frozen=True)
class Located:
    """An evidence entry's file, or why there is none."""

    path: Path | None
    problem: str | None = None
    severity: str = "error"
    """ "error" (the entry may not be read) or "warning" (the file is not there yet)."""


def locate(entry: str, year_folder: Path) -> Located:
    """The file an entry names, relative to the year folder and inside the commune's folder."""
    text = entry.strip()
    if Path(text).is_absolute() or re.match(r"^[A-Za-z]:[\\/]", text) or text.startswith("\\\\"):
        return Located(
            None,
            f"'{text}' là đường dẫn tuyệt đối: chép tệp vào thư mục minh-chung/ của năm rồi ghi"
            " 'minh-chung/<tên tệp>'",
        )
    commune = Path(os.path.realpath(year_folder.parent))
    candidate = year_folder / text.replace("\\", "/")
    try:
        real = Path(os.path.realpath(candidate))
    except (OSError, ValueError):
        return Located(None, f"'{text}' không đọc được")
    if real != commune and commune not in real.parents:
        return Located(
            None,
            f"'{text}' ra ngoài thư mục của xã: chép tệp vào thư mục minh-chung/ của năm rồi ghi"
            " 'minh-chung/<tên tệp>'",
        )
    try:
        info = os.stat(real)
    except FileNotFoundError:
        return Located(
            None,
            f"không có tệp '{text}': chép tệp vào đó hoặc sửa đường dẫn (tính từ thư mục năm)",
            "warning",
        )
    except OSError:
        return Located(None, f"'{text}' không đọc được")
    if not stat.S_ISREG(info.st_mode):
        return Located(
            None, f"'{text}' không phải tệp thường (thư mục, thiết bị, ống...): chỉ ghi tệp tài liệu"
        )
    if info.st_size > MAX_EVIDENCE_BYTES:
        return Located(
            None,
            f"'{text}' quá lớn ({info.st_size / 1_048_576:.0f} MB; tối đa {MAX_EVIDENCE_BYTES // 1_048_576} MB):"
            " quét lại với độ phân giải thấp hơn hoặc tách tệp",
        )
    return Located(real)


@dataclass
class Inspection:
    """What a PDF or .docx says about itself (nothing is run)."""

    pages: int | None = None
    signed: bool | None = None
    """PDF: whether it carries a digital signature; None for other files."""
    signed_on: date | None = None
    dates: list[date] = field(default_factory=list)
    """Dates and document-number years on the first page."""
    problem: str | None = None


_INSPECTED: dict[tuple[str, int, int, int], Inspection] = {}
"""What was read of a file already, by path and version: loading checks it, the dossier lists it."""


def inspect(path: Path) -> Inspection:
    """Pages, signature and first-page dates of a PDF or .docx, bounded in size and time."""
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        return Inspection()
    try:
        info = path.stat()
        key: tuple[str, int, int, int] | None = (str(path), info.st_ino, info.st_size, info.st_mtime_ns)
    except OSError:
        key = None
    if key is not None and key in _INSPECTED:
        return _INSPECTED[key]
    try:
        seen = run_isolated(
            lambda: _inspect(path, suffix),
            seconds=INSPECT_SECONDS,
            memory_bytes=INSPECT_MEMORY,
            max_answer_bytes=1024 * 1024,
        )
    except Runaway:
        seen = Inspection(problem="đọc tệp quá lâu hoặc quá nhiều bộ nhớ: tệp có thể hỏng")
    except Failed as exc:
        seen = Inspection(problem=f"không đọc được tệp ({exc.kind})")
    if key is not None:
        if len(_INSPECTED) >= 1024:  # a province's tree: keep memory flat
            _INSPECTED.clear()
        _INSPECTED[key] = seen
    return seen


def _inspect(path: Path, suffix: str) -> Inspection:
    if suffix == ".pdf":
        return _inspect_pdf(path)
    return _inspect_docx(path)


def _inspect_pdf(path: Path) -> Inspection:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    found = Inspection(pages=len(reader.pages), signed=False)
    try:
        fields = reader.get_fields() or {}
    except Exception:  # a broken form is not evidence of anything
        fields = {}
    for value in fields.values():
        if value.get("/FT") == "/Sig":
            signature = value.get("/V")
            if signature is not None:
                found.signed = True
                stamp = str(signature.get_object().get("/M", "")) if hasattr(signature, "get_object") else ""
                found.signed_on = _pdf_date(stamp)
    try:
        text = (reader.pages[0].extract_text() or "") if len(reader.pages) else ""
    except Exception:
        text = ""
    found.dates = first_page_dates(text[:20_000])
    return found


def _inspect_docx(path: Path) -> Inspection:
    found = Inspection()
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if "docProps/app.xml" in names and archive.getinfo("docProps/app.xml").file_size < 1_000_000:
            pages = re.search(rb"<Pages>(\d+)</Pages>", archive.read("docProps/app.xml"))
            found.pages = int(pages.group(1)) if pages and int(pages.group(1)) > 0 else None
        if "word/document.xml" in names:
            with archive.open("word/document.xml") as handle:
                head = handle.read(400_000).decode("utf-8", "replace")
            text = re.sub(r"</w:p>", "\n", head)
            text = re.sub(r"<[^>]+>", "", text)
            found.dates = first_page_dates(text[:20_000])
    return found


def first_page_dates(text: str) -> list[date]:
    """Dates written on a document ("ngày 05 tháng 01 năm 2026", 05/01/2026) and number years."""
    out: list[date] = []
    for match in _DATE.finditer(text):
        groups = [g for g in match.groups() if g is not None]
        try:
            out.append(date(int(groups[2]), int(groups[1]), int(groups[0])))
        except ValueError:
            continue
    for match in _NUMBER.finditer(text):
        year = int(match.group(2))
        if 1990 <= year <= 2100:
            out.append(date(year, 1, 1))
    return out


def out_of_year(dates: list[date], year: int) -> date | None:
    """The first date that contradicts the evaluation year, when none of them fits it.

    A document of year Y may be dated from December of Y-1 (a plan) to June of Y+1 (a report).
    """
    if not dates:
        return None
    start, end = date(year - 1, 12, 1), date(year + 1, 6, 30)
    if any(start <= d <= end or d.year == year for d in dates):
        return None
    return dates[0]


def _pdf_date(text: str) -> date | None:
    match = re.search(r"(\d{4})(\d{2})(\d{2})", text)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def items_without_evidence(items: Mapping[str, ItemEntry | None], year_folder: Path) -> list[str]:
    """The entered items (nội dung đã nhập) with no evidence: no text, and no file that is there.

    Items not entered are left out: they are counted as missing (chưa nhập) already.
    """
    out = []
    for item_id, entry in items.items():
        if entry is None:
            continue
        if not any(not is_file_entry(t) or locate(t, year_folder).path is not None for t in entry.evidence):
            out.append(item_id)
    return out

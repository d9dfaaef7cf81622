"""Reading generated documents back."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tcpl.documents.checks import document_text

# The real 2023 plan as officers have it (a copy of shared/examples/ke-hoach-2023-xa-huong-binh.txt).
EXAMPLE_TEXT = Path(__file__).resolve().parents[2] / "plans" / "huong-binh" / "2023" / "ke-hoach-2023-goc.txt"
ENUMERATOR = re.compile(r"^(?:[-–+•]|[IVX]{1,5}\.|\d{1,3}\.|[a-zđ]\))\s*")

needs_calc = pytest.mark.skipif(
    not Path("/usr/lib/libreoffice/program/libsclo.so").exists() and shutil.which("localc") is None,
    reason="LibreOffice Calc not installed (.ci/run installs it)",
)
needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or poppler-utils not installed (.ci/run installs them)",
)


def normalise(line: str) -> str:
    """Whitespace and enumerators aside: the comparison the plan acceptance asks for."""
    # The real plan text has decomposed letters (combining marks); tcpl writes NFC.
    text = " ".join(unicodedata.normalize("NFC", line).replace("\u00a0", " ").split())
    return ENUMERATOR.sub("", text).strip()


def missing_lines(expected: list[str], docx: Path) -> list[str]:
    """Lines of `expected` that do not appear in the document (each may span a paragraph)."""
    have = [normalise(t) for t in document_text(docx)]
    joined = "\n".join(have)
    out = []
    for line in expected:
        n = normalise(line)
        if n and n not in have and n not in joined.replace("\n", " "):
            out.append(line)
    return out


def pdf_text(pdf: Path, first: int, last: int | None = None) -> str:
    args = ["pdftotext", "-layout", "-f", str(first), "-l", str(last or first), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    out = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = re.findall(r"Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts", out)
    return [(float(w), float(h)) for w, h in sizes]


def pdf_fonts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split()[0].split("+")[-1] for line in out.splitlines()[2:] if line.strip()]

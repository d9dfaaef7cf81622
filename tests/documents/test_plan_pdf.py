"""The plan converted by LibreOffice: A4 pages, header lines, page numbers, fonts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tcpl.documents.plan_doc import build_plan_document
from tcpl.documents.writer import convert_to_pdf
from tcpl.loading.plans import load_plan
from tests.conftest import EXAMPLE
from tests.documents.helpers import needs_libreoffice, pdf_fonts, pdf_pages, pdf_text

pytestmark = [needs_libreoffice, pytest.mark.libreoffice]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "ke-hoach.docx"
    loaded = load_plan(EXAMPLE / "2023" / "plan.yaml")
    build_plan_document(loaded.plan, loaded.commune).doc.save(str(out))
    return convert_to_pdf(out)


def test_pages_are_a4_portrait(pdf: Path) -> None:
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    for w, h in pages:
        assert (round(w), round(h)) == (595, 842)


def test_header_lines_on_page_one(pdf: Path) -> None:
    lines = [ln.strip() for ln in pdf_text(pdf, 1).splitlines() if ln.strip()]
    # Quốc hiệu on one line; number and date on the same line
    assert any(ln.endswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") for ln in lines)
    number_line = next(ln for ln in lines if "Số: 05/KH-UBND" in ln)
    assert "Hương Bình, ngày 10 tháng 01 năm 2023" in number_line
    # no page number at the top of page 1
    assert not lines[0].isdigit()


def test_page_numbers_from_page_two(pdf: Path) -> None:
    assert len(pdf_pages(pdf)) >= 2  # or there would be no page two to look at
    for page in range(2, len(pdf_pages(pdf)) + 1):
        first = next(ln.strip() for ln in pdf_text(pdf, page).splitlines() if ln.strip())
        assert first == str(page)


def test_only_the_times_new_roman_substitute_is_embedded(pdf: Path) -> None:
    fonts = pdf_fonts(pdf)
    assert fonts
    assert all(f.startswith("LiberationSerif") for f in fonts), fonts


def test_signature_and_closing_on_the_last_page(pdf: Path) -> None:
    last = pdf_text(pdf, len(pdf_pages(pdf)))
    assert "Nơi nhận:" in last and "TM. ỦY BAN NHÂN DÂN" in last and "Nguyễn Văn A" in last

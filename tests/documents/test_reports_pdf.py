"""Reports and scoresheet through LibreOffice: repeated header, landscape pages, annex numbering."""

from __future__ import annotations

from pathlib import Path

import pytest

from tcpl.documents.reports import build_report, build_scoresheet
from tcpl.documents.writer import convert_to_pdf
from tcpl.engine.scoring import score
from tcpl.loading.bundle import load_bundle
from tests.conftest import EXAMPLE
from tests.documents.helpers import needs_libreoffice, pdf_fonts, pdf_pages, pdf_text

pytestmark = [needs_libreoffice, pytest.mark.libreoffice]

PORTRAIT = (595, 842)
LANDSCAPE = (842, 595)


def render(folder: Path, year: str, kind: str) -> Path:
    bundle = load_bundle(EXAMPLE / year)
    cy = bundle.year
    result = score(cy.ruleset.ruleset, cy.assessment, base_ruleset=cy.ruleset.base_id)
    rendered = build_scoresheet(bundle, result) if kind == "bd" else build_report(bundle, result, 4)
    out = folder / f"{kind}-{year}.docx"
    assert rendered.document is not None
    rendered.document.doc.save(str(out))
    return convert_to_pdf(out)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    return {f"{k}-{y}": render(folder, y, k) for y in ("2023", "2026") for k in ("bd", "q4")}


def rounded(pages: list[tuple[float, float]]) -> list[tuple[int, int]]:
    return [(round(w), round(h)) for w, h in pages]


@pytest.mark.parametrize("year", ["2023", "2026"])
def test_scoresheet_is_landscape_and_its_header_repeats(pdfs: dict[str, Path], year: str) -> None:
    pdf = pdfs[f"bd-{year}"]
    pages = rounded(pdf_pages(pdf))
    assert len(pages) >= 2 and set(pages) == {LANDSCAPE}
    second = [ln.strip() for ln in pdf_text(pdf, 2).splitlines() if ln.strip()]
    assert second[0] == "2"  # page number
    header = " ".join(second[1:5])  # the header row, repeated (its cells wrap over lines)
    assert "Tiêu chí," in header and "Nội dung" in header and "chỉ tiêu" in header
    fonts = pdf_fonts(pdf)
    assert fonts and all(f.startswith("LiberationSerif") for f in fonts), fonts


@pytest.mark.parametrize("year", ["2023", "2026"])
def test_q4_report_portrait_then_landscape_annex_numbered_from_one(pdfs: dict[str, Path], year: str) -> None:
    pdf = pdfs[f"q4-{year}"]
    pages = rounded(pdf_pages(pdf))
    annex_start = next(
        n
        for n in range(1, len(pages) + 1)
        if next(ln.strip() for ln in pdf_text(pdf, n).splitlines() if ln.strip()) == "Phụ lục"
    )
    assert annex_start > 1
    assert set(pages[: annex_start - 1]) == {PORTRAIT}
    assert set(pages[annex_start - 1 :]) == {LANDSCAPE}
    assert len(pages) > annex_start  # the annex runs over more than one page
    first_annex = [ln.strip() for ln in pdf_text(pdf, annex_start).splitlines() if ln.strip()]
    assert first_annex[0] == "Phụ lục"  # no page number on the annex's first page
    following = [ln.strip() for ln in pdf_text(pdf, annex_start + 1).splitlines() if ln.strip()]
    assert following[0] == "2"  # numbering restarts: the annex's second page is page 2
    main_second = [ln.strip() for ln in pdf_text(pdf, 2).splitlines() if ln.strip()]
    assert main_second[0] == "2"


def test_province_list_is_one_landscape_page_with_whole_headers(tcpl, tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "tinh"
    shutil.copytree(EXAMPLE, root / "huong-binh")
    (root / "office.yaml").write_text(
        "kind: office\nissuing_body: [ỦY BAN NHÂN DÂN, THỊ XÃ HƯƠNG TRÀ]\nplace: Hương Trà\n"
        "authority: Chủ tịch Ủy ban nhân dân thị xã Hương Trà\n",
        encoding="utf-8",
    )
    out = tmp_path / "danh-sach.docx"
    assert tcpl("summary", str(root), "--year", "2023", "-o", str(out)).exit_code == 0
    pdf = convert_to_pdf(out)
    assert rounded(pdf_pages(pdf)) == [LANDSCAPE]
    words = pdf_text(pdf, 1).split()
    assert "STT" in words  # the narrow column does not break its own heading
    assert "xã Hương Bình" in " ".join(words)
    fonts = pdf_fonts(pdf)
    assert fonts and all(f.startswith("LiberationSerif") for f in fonts), fonts

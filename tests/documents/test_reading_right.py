"""Documents that read right: Vietnamese figures and dates, wording, workbooks that print, the
recognition list of the recognised (read back with python-docx and openpyxl, printed with LibreOffice)."""

from __future__ import annotations

import csv
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from tcpl import textfmt as fmt
from tcpl.documents.checks import document_text
from tcpl.documents.writer import convert_to_pdf
from tests.conftest import EXAMPLE
from tests.documents.helpers import needs_calc, needs_libreoffice, pdf_pages
from tests.province import province, unit


@pytest.mark.parametrize(
    ("done", "total", "below", "shown"),
    [
        (22, 24, None, "91,7%"),
        (24, 27, None, "88,9%"),
        (2, 3, None, "66,7%"),
        (999, 1000, 1.0, "99,9%"),
        (9999, 10000, 1.0, "99,9%"),
        (7999, 10000, 0.8, "79,9%"),
        (1, 8, None, "12,5%"),
        (4, 4, 1.0, "100%"),
    ],
)
def test_percent_rounds_half_up_but_never_to_a_level_not_reached(done, total, below, shown) -> None:
    assert fmt.percent(done / total, below=below) == shown


@given(
    st.integers(1, 10_000).flatmap(lambda t: st.tuples(st.integers(0, t), st.just(t))),
    st.sampled_from([0.5, 0.8, 0.9, 1.0]),
)
def test_a_ratio_below_its_level_never_shows_the_level(pair: tuple[int, int], level: float) -> None:
    done, total = pair
    shown = float(fmt.percent(done / total, below=level).rstrip("%").replace(".", "").replace(",", "."))
    if done / total < level:
        assert shown < level * 100
    assert abs(shown - done / total * 100) <= 0.1 + 1e-9


def test_numbers_take_dots_for_thousands_and_a_decimal_comma() -> None:
    assert fmt.number(45_000_000) == "45.000.000" and fmt.number(1234.5) == "1.234,5"


@pytest.fixture
def ward(tmp_path: Path) -> Path:
    year = unit(province(tmp_path / "tinh"))
    path = year / "assessment.yaml"
    text = path.read_text("utf-8")
    text = text.replace('"2.6.2": {done: 4, total: 4}', '"2.6.2": {done: 45000000, total: 45000000}')
    text = text.replace('"2.2.1": {done: 4, total: 4}', '"2.2.1": {done: 22, total: 24}')
    path.write_text(text, encoding="utf-8")
    return year


def test_scoresheet_figures_the_vietnamese_way(tcpl, ward: Path, tmp_path: Path) -> None:
    out = tmp_path / "bd.docx"
    assert tcpl("scoresheet", str(ward), "-o", str(out)).exit_code == 0
    text = "\n".join(document_text(out))
    assert "45.000.000/45.000.000 đồng (100%)" in text
    assert "22/24 văn bản (91,7%)" in text
    assert "45000000" not in text and "91,6" not in text


def test_report_figures_run_to_its_own_date(tcpl, ward: Path, tmp_path: Path) -> None:
    path = ward / "assessment.yaml"
    path.write_text(
        path.read_text("utf-8") + "documents:\n  report_q4: {number: '12', date: 15/12/2026}\n", "utf-8"
    )
    out = tmp_path / "q4.docx"
    assert tcpl("report", "q4", str(ward), "-o", str(out)).exit_code == 0
    text = "\n".join(document_text(out))
    assert "(số liệu từ ngày 01 tháng 01 năm 2026 đến ngày 15 tháng 12 năm 2026)" in text
    later = tcpl("report", "q4", str(ward), "-o", str(tmp_path / "b.docx"), "--as-of", "2026-12-20")
    assert "sau ngày của văn bản (15/12/2026)" in later.stdout


def test_report_sections_and_full_stops(tcpl, tmp_path: Path) -> None:
    out = tmp_path / "q4.docx"
    assert tcpl("report", "q4", str(EXAMPLE / "2026"), "-o", str(out)).exit_code == 0
    text = "\n".join(document_text(out))
    assert "III. PHƯƠNG HƯỚNG, GIẢI PHÁP KHẮC PHỤC" in text and "IV. ĐỀ XUẤT, KIẾN NGHỊ" in text
    steps = text.split("III. PHƯƠNG HƯỚNG", 1)[1].split("IV. ĐỀ XUẤT", 1)[0]
    proposals = text.split("IV. ĐỀ XUẤT, KIẾN NGHỊ", 1)[1]
    assert "cần thêm" in steps and "cần thêm" not in proposals
    assert "Đề nghị Sở Tư pháp hướng dẫn mức đạt chuẩn" in proposals  # the commune's own proposal
    assert "điểm" not in text.split("PHỤ LỤC", 1)[0].lower().replace("điểm tự", "").replace("địa điểm", "")
    body = [p for p in document_text(out) if p.startswith("- ")]
    assert body and all(p.rstrip().endswith((".", ";", ":", "./.")) for p in body), body


def test_feedback_without_opinions(tcpl, ward: Path, tmp_path: Path) -> None:
    out = tmp_path / "yk.docx"
    assert tcpl("feedback", str(ward), "-o", str(out)).exit_code == 0
    text = "\n".join(document_text(out))
    assert "không nhận được ý kiến, kiến nghị, phản ánh nào" in text and "nhận được 0" not in text


def test_the_recognition_list_names_only_the_recognised(tcpl, tmp_path: Path) -> None:
    root = province(tmp_path / "tinh")
    unit(root, "phường", "Thuận Hóa", slug="thuan-hoa")
    other = unit(root, "xã", "Hòa Bình", slug="hoa-binh")
    path = other / "assessment.yaml"
    path.write_text(path.read_text("utf-8").replace('"2.1.1": true', '"2.1.1": false'), "utf-8")
    out = tmp_path / "danh-sach.docx"
    result = tcpl("summary", str(root), "--year", "2026", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = "\n".join(document_text(out))
    assert "phường Thuận Hóa" in text and "Hòa Bình" not in text
    assert "thu-nghiem-2026" not in text and "qd27-2025" not in text and "Lưu ý" not in text
    assert "1 đơn vị khác" in result.stdout  # the others are in the workbook
    book = tmp_path / "tong-hop.xlsx"
    assert tcpl("summary", str(root), "--year", "2026", "-o", str(book)).exit_code == 0
    names = [c.value for row in load_workbook(book)["Bảng điểm"].iter_rows() for c in row]
    assert "xã Hòa Bình" in names and "phường Thuận Hóa" in names


def test_csv_has_a_bom_and_no_trailing_zero(tcpl, tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    assert tcpl("summary", str(EXAMPLE.parent), "--year", "2023", "-o", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "89" in text and "89.0" not in text and not re.search(r"\d\.0(,|$)", text, re.M)
    rows = list(csv.reader(text.splitlines()))
    assert rows[1][1] == "xã Hương Bình"


def test_scoresheet_workbook_numbers_and_print_setup(tcpl, ward: Path, tmp_path: Path) -> None:
    book = tmp_path / "bd.xlsx"
    result = tcpl("scoresheet", str(ward), "--xlsx", str(book))
    assert result.exit_code == 0 and not list(tmp_path.glob("*.docx"))  # --xlsx alone: only that file
    again = tcpl("scoresheet", str(ward), "--xlsx", str(book), "--force")
    assert again.exit_code == 0
    ws = load_workbook(book)["Bảng điểm"]
    header = [c.value for c in ws[3]]
    assert {"Đã thực hiện", "Tổng số", "Tỷ lệ đạt được"} <= set(header)
    col = {h: n + 1 for n, h in enumerate(header)}
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == "2.6.2")
    assert ws.cell(row, col["Đã thực hiện"]).value == 45_000_000
    assert (
        ws.cell(row, col["Tỷ lệ đạt được"]).value == 1
        and ws.cell(row, col["Tỷ lệ đạt được"]).number_format == "0.0%"
    )
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref and ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    info = {r[0].value: r[1].value for r in load_workbook(book)["Thông tin"].iter_rows()}
    assert isinstance(info["Năm"], int) and 2000 < info["Năm"] < 2100  # a year counts, not text


@needs_libreoffice
@needs_calc
@pytest.mark.libreoffice
def test_the_scoresheet_workbook_prints_one_page_wide_landscape(tcpl, ward: Path, tmp_path: Path) -> None:
    book = tmp_path / "bd.xlsx"
    assert tcpl("scoresheet", str(ward), "--xlsx", str(book)).exit_code == 0
    pages = pdf_pages(convert_to_pdf(book))
    assert pages and all(w > h for w, h in pages)  # landscape
    assert len(pages) <= 3  # fitted to one page wide (11 portrait pages before)


def _numbered_plan_docx(text: str, out: Path) -> None:
    """A Word plan whose I./1. numbers are Word's automatic numbering, not typed."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document()
    root = doc.part.numbering_part.element
    for ident, fmt_, lvl_text in ((90, "upperRoman", "%1."), (91, "decimal", "%1.")):
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(ident))
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt_), ("w:lvlText", lvl_text)):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        abstract.append(lvl)
        root.insert(0, abstract)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(ident))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(ident))
        num.append(ref)
        root.append(num)
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        roman_ = re.match(r"^[IVX]+\.\s+(.*)$", line)
        decimal = re.match(r"^\d+\.\s+(.*)$", line)
        p = doc.add_paragraph((roman_ or decimal).group(1) if (roman_ or decimal) else line)
        if roman_ or decimal:
            ppr = p._p.get_or_add_pPr()
            npr = OxmlElement("w:numPr")
            ilvl = OxmlElement("w:ilvl")
            ilvl.set(qn("w:val"), "0")
            nid = OxmlElement("w:numId")
            nid.set(qn("w:val"), "90" if roman_ else "91")
            npr.append(ilvl)
            npr.append(nid)
            ppr.append(npr)
    doc.save(str(out))


def test_a_word_plan_with_automatic_numbering_imports_and_renders_back(tcpl, tmp_path: Path) -> None:
    source = unicodedata.normalize("NFC", (EXAMPLE / "2023" / "ke-hoach-2023-goc.txt").read_text("utf-8"))
    docx = tmp_path / "ke-hoach.docx"
    _numbered_plan_docx(source, docx)
    folder = tmp_path / "xa" / "2023"
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLE / "commune.yaml", tmp_path / "xa" / "commune.yaml")
    result = tcpl("plan", "import", str(docx), "-o", str(folder / "plan.yaml"))
    assert result.exit_code == 0, result.output
    assert "3 mục, 8 nhiệm vụ" in result.stdout
    rendered = tmp_path / "lai.docx"
    assert tcpl("plan", "render", str(folder / "plan.yaml"), "-o", str(rendered)).exit_code == 0
    out = " ".join(" ".join(document_text(rendered)).split())
    for line in source.splitlines():
        words = re.sub(r"^([IVX]+|\d+)\.\s+", "", line.strip())
        words = re.sub(r"^[-–+•]\s*", "", words)
        if words and not re.match(
            r"^(CỘNG HÒA|Độc lập|Số:|.*, ngày|ỦY BAN|XÃ|KẾ HOẠCH|Nơi nhận|TM\.|CHỦ TỊCH)", words
        ):
            assert " ".join(words.split()) in out, words


def test_a_word_plan_without_sections_says_what_to_do(tcpl, tmp_path: Path) -> None:
    doc = Document()
    for line in ("KẾ HOẠCH", "Thực hiện năm 2026", "Mục đích của kế hoạch", "Nhiệm vụ một", "Nhiệm vụ hai"):
        doc.add_paragraph(line)
    path = tmp_path / "k.docx"
    doc.save(str(path))
    result = tcpl("plan", "import", str(path), "-o", str(tmp_path / "p.yaml"))
    assert result.exit_code == 2
    assert "không thấy các mục của kế hoạch (I., II., III.) (từ đoạn" in result.stderr
    assert "Heading 1" in result.stderr and "cần ít nhất" not in result.stderr


def test_plan_new_flags_the_old_map(tcpl, tmp_path: Path) -> None:
    out = tmp_path / "plan-2026.yaml"
    result = tcpl("plan", "new", str(EXAMPLE / "2023" / "plan.yaml"), "--year", "2026", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    head = text.split("\nkind: plan", 1)[0]
    assert "# Các câu cần xem lại trước khi ban hành" in head
    assert "Nơi nhận 1: Phòng Tư pháp thị xã Hương Trà (b/c);" in head
    assert "gợi ý: Ủy ban nhân dân thành phố Huế (b/c);" in head
    assert "xã, phường, đặc khu" in head  # the suggestion for "xã, phường, thị trấn"
    assert "Phòng Tư pháp thị xã Hương Trà" in result.stdout

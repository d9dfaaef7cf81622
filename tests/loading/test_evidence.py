"""Evidence files (tài liệu kiểm chứng): found, refused at their entry, and read without running them.

Each case is an assessment.yaml an officer writes, loaded through `tcpl validate`; the location
printed is the entry's own line and column.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfWriter

from tcpl.loading import evidence
from tcpl.loading.evidence import first_page_dates, is_file_entry, items_without_evidence, out_of_year
from tests.conftest import EXAMPLE


def blank_pdf(path: Path, pages: int = 2) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def signed_pdf(path: Path, when: str) -> Path:
    """A one-page PDF with a filled signature field signed at `when` (the dictionary a signer writes;
    no certificate: tcpl reports that a signature is there and its time, it does not verify it)."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    signature = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Sig"),
            NameObject("/Filter"): NameObject("/Adobe.PPKLite"),
            NameObject("/M"): TextStringObject(when),
        }
    )
    # pypdf 5 to 7 have no public name for adding an indirect object; a test may use the private one.
    sig_field = DictionaryObject(
        {
            NameObject("/FT"): NameObject("/Sig"),
            NameObject("/T"): TextStringObject("Chữ ký số"),
            NameObject("/V"): writer._add_object(signature),
        }
    )
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {
            NameObject("/Fields"): ArrayObject([writer._add_object(sig_field)]),
            NameObject("/SigFlags"): NumberObject(3),
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def dated_docx(path: Path, *lines: str) -> Path:
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


@pytest.fixture
def year(tmp_path: Path) -> Path:
    """A copy of the example commune; its 2026 folder, whose 1.1.1 has evidence to fill in."""
    shutil.copytree(EXAMPLE, tmp_path / "huong-binh")
    return tmp_path / "huong-binh" / "2026"


def with_evidence(year: Path, *entries: str) -> tuple[int, int]:
    """Set 1.1.1's evidence to the entries; (line, column) of the first one in the file."""
    path = year / "assessment.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index('"1.1.1"')
    end = text.index("\n", start)
    listed = ", ".join(entries)
    line = f'"1.1.1": {{done: 3, total: 3, evidence: [{listed}]}}'
    path.write_text(text[:start] + line + text[end:], encoding="utf-8")
    row = text[:start].count("\n") + 1
    col = start - text.rfind("\n", 0, start) + line.index("[") + 1
    return row, col


def test_file_entries_are_told_from_descriptions() -> None:
    assert is_file_entry("minh-chung/nq-02-2026.pdf")
    assert is_file_entry("Minh chung/Quyết định 04.DOCX")
    assert is_file_entry("../../../etc/passwd")
    assert is_file_entry("C:\\Users\\tuphap\\qd.pdf")
    assert not is_file_entry("Nghị quyết số 02/2026/NQ-HĐND")
    assert not is_file_entry("Báo cáo kết quả thực hiện Kế hoạch phổ biến, giáo dục pháp luật năm 2026")


def test_a_file_that_is_there_passes_and_is_listed_by_score_explain(year: Path, tcpl) -> None:
    blank_pdf(year / "minh-chung" / "nq-02-2026.pdf")
    with_evidence(year, "minh-chung/nq-02-2026.pdf")
    result = tcpl("validate", str(year))
    assert result.exit_code == 0, result.output
    assert "TCPL340" not in result.output and "TCPL341" not in result.output
    explained = tcpl("score", str(year), "--explain")
    assert "minh-chung/nq-02-2026.pdf" in explained.output


def test_a_missing_file_is_a_warning_at_its_entry(year: Path, tcpl) -> None:
    row, col = with_evidence(year, "minh-chung/thieu.pdf")
    result = tcpl("validate", str(year))
    assert result.exit_code == 0, result.output
    assert f"assessment.yaml:{row}:{col}: cảnh báo TCPL340" in result.output
    assert "không có tệp 'minh-chung/thieu.pdf'" in result.output


@pytest.mark.parametrize(
    "entry",
    ["../../../etc/passwd", "../../ngoai.pdf", "/etc/passwd", "C:/Users/tuphap/qd.pdf"],
)
def test_a_path_out_of_the_commune_is_refused_at_its_entry(year: Path, tcpl, entry: str) -> None:
    (year.parents[1] / "ngoai.pdf").write_bytes(b"%PDF-1.4\n")
    row, col = with_evidence(year, entry)
    result = tcpl("validate", str(year))
    assert result.exit_code == 1
    assert f"assessment.yaml:{row}:{col}: lỗi TCPL341" in result.output
    assert "Traceback" not in result.output


def test_a_link_to_a_device_and_a_pipe_are_refused(year: Path, tcpl) -> None:
    folder = year / "minh-chung"
    folder.mkdir()
    os.symlink("/dev/zero", folder / "zero.pdf")
    os.mkfifo(folder / "ong.pdf")
    row, col = with_evidence(year, "minh-chung/zero.pdf", "minh-chung/ong.pdf")
    result = tcpl("validate", str(year))
    assert result.exit_code == 1
    assert f"assessment.yaml:{row}:{col}: lỗi TCPL341" in result.output
    assert "'minh-chung/ong.pdf' không phải tệp thường" in result.output


def test_a_link_inside_the_commune_is_followed(year: Path, tcpl) -> None:
    blank_pdf(year.parent / "chung" / "qd.pdf")
    (year / "minh-chung").mkdir()
    os.symlink(year.parent / "chung" / "qd.pdf", year / "minh-chung" / "qd.pdf")
    with_evidence(year, "minh-chung/qd.pdf")
    assert "TCPL34" not in tcpl("validate", str(year)).output.replace("TCPL342", "")


def test_an_oversized_file_is_refused(year: Path, tcpl) -> None:
    big = year / "minh-chung" / "quet.pdf"
    big.parent.mkdir()
    with big.open("wb") as handle:  # sparse: 31 MB on paper, nothing on disk
        handle.truncate(evidence.MAX_EVIDENCE_BYTES + 1024 * 1024)
    row, col = with_evidence(year, "minh-chung/quet.pdf")
    result = tcpl("validate", str(year))
    assert result.exit_code == 1
    assert f"assessment.yaml:{row}:{col}: lỗi TCPL341" in result.output
    assert "quá lớn (31 MB; tối đa 30 MB)" in result.output


def test_what_the_files_say_is_warned(year: Path, tcpl) -> None:
    blank_pdf(year / "minh-chung" / "nq.pdf", pages=3)
    dated_docx(year / "minh-chung" / "cu.docx", "Số: 12/2019/QĐ-UBND", "Huế, ngày 05 tháng 03 năm 2019")
    dated_docx(year / "minh-chung" / "kh.docx", "Bình Điền, ngày 16 tháng 01 năm 2026")
    (year / "minh-chung" / "hong.pdf").write_bytes(b"%PDF-1.7\nnot really a pdf")
    with_evidence(
        year, "minh-chung/nq.pdf", "minh-chung/cu.docx", "minh-chung/kh.docx", "minh-chung/hong.pdf"
    )
    out = tcpl("validate", str(year)).output
    assert "cảnh báo TCPL342: nội dung 1.1.1: 'minh-chung/nq.pdf' không có chữ ký số" in out
    assert (
        "TCPL343: nội dung 1.1.1: 'minh-chung/cu.docx' ghi ngày 05/03/2019, không thuộc năm đánh giá 2026"
        in out
    )
    assert "'minh-chung/kh.docx'" not in out
    assert "cảnh báo TCPL344: nội dung 1.1.1: 'minh-chung/hong.pdf'" in out
    assert evidence.inspect(year / "minh-chung" / "nq.pdf").pages == 3


def test_a_signed_pdf_and_its_signing_time(year: Path, tcpl) -> None:
    signed_pdf(year / "minh-chung" / "ky-2026.pdf", "D:20260305101500+07'00'")
    signed_pdf(year / "minh-chung" / "ky-2019.pdf", "D:20190305101500+07'00'")
    seen = evidence.inspect(year / "minh-chung" / "ky-2026.pdf")
    assert (seen.signed, seen.signed_on, seen.pages) == (True, date(2026, 3, 5), 1)
    with_evidence(year, "minh-chung/ky-2026.pdf", "minh-chung/ky-2019.pdf")
    out = tcpl("validate", str(year)).output
    assert "TCPL342" not in out
    assert "'minh-chung/ky-2019.pdf' ký số ngày 05/03/2019, không thuộc năm đánh giá 2026" in out
    assert "ky-2026.pdf" not in out


def test_first_page_dates_and_the_year() -> None:
    text = "Số: 04/2025/QĐ-UBND\nBình Điền, ngày 28 tháng 12 năm 2025\nvà văn bản ngày 31/02/2026"
    assert first_page_dates(text) == [date(2025, 12, 28), date(2025, 1, 1)]
    assert out_of_year(first_page_dates(text), 2026) is None  # a plan signed in December is the year's
    assert out_of_year([date(2024, 5, 1)], 2026) == date(2024, 5, 1)
    assert out_of_year([date(2027, 3, 1)], 2026) is None  # the year's report, written the next spring
    assert out_of_year([], 2026) is None


def test_items_without_evidence_count_entered_items_only(year: Path) -> None:
    blank_pdf(year / "minh-chung" / "nq.pdf")
    items = {
        "1.1.1": _entry(["minh-chung/nq.pdf"]),
        "1.1.2": _entry(["Quyết định số 04/2026/QĐ-UBND"]),
        "1.2.1": _entry(["minh-chung/khong-co.pdf"]),
        "2.1.1": _entry([]),
        "2.2.1": None,
    }
    assert items_without_evidence(items, year) == ["1.2.1", "2.1.1"]


def _entry(texts: list[str]):
    from tcpl.models.assessment import ItemEntry

    return ItemEntry.model_validate({"done": 1, "total": 1, "evidence": texts})


def test_check_and_summary_count_items_without_evidence(year: Path, tcpl, tmp_path: Path) -> None:
    import json

    import openpyxl

    commune = year.parent
    data = json.loads(tcpl("check", str(commune), "-f", "json").stdout)
    counted = {c["path"].rsplit("/", 2)[-2]: c["without_evidence"] for c in data["communes"]}
    text = (year / "assessment.yaml").read_text(encoding="utf-8")
    entered = sum(1 for line in text.splitlines() if line.startswith('  "') and ":" in line)
    with_any = text.count("evidence:")
    assert counted["2026"] == entered - with_any > 0
    assert data["summary"]["items_without_evidence"] == sum(counted.values())
    line = next(x for x in tcpl("check", str(commune)).output.splitlines() if "2026/assessment.yaml:" in x)
    assert f"{counted['2026']} nội dung chưa có tài liệu kiểm chứng" in line
    out = tmp_path / "tong-hop.xlsx"
    assert tcpl("summary", str(commune), "--year", "2026", "-o", str(out)).exit_code == 0
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[3]]
    column = header.index("Chưa có tài liệu kiểm chứng")
    assert ws.cell(row=4, column=column + 1).value == counted["2026"]

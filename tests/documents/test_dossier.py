"""`tcpl dossier`: the hồ sơ in one zip, with every document and evidence file, and a list that
reads back as a Decree 30 document whose hashes match the files; refused when something is missing."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document

from tcpl.documents.checks import check_nd30, document_text
from tcpl.documents.dossier import safe_name, stable_pdf
from tests.conftest import EXAMPLE
from tests.documents.helpers import needs_libreoffice
from tests.loading.test_evidence import blank_pdf, dated_docx, with_evidence
from tests.province import province, unit

DOCUMENTS = ["bao-cao-danh-gia", "bang-diem", "thong-bao-niem-yet", "tong-hop-y-kien"]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """The example commune's 2026 folder (a copy), with evidence files for 1.1.1 and 2.4.1."""
    shutil.copytree(EXAMPLE, tmp_path / "huong-binh")
    year = tmp_path / "huong-binh" / "2026"
    blank_pdf(year / "minh-chung" / "nq-02-2026.pdf", pages=2)
    dated_docx(year / "minh-chung" / "Quyết định 04.docx", "Bình Điền, ngày 10 tháng 02 năm 2026")
    with_evidence(
        year, "minh-chung/nq-02-2026.pdf", '"minh-chung/Quyết định 04.docx"', "Quyết định số 09/2026"
    )
    return year


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def list_rows(data: bytes, tmp_path: Path) -> list[list[str]]:
    path = tmp_path / "danh-muc.docx"
    path.write_bytes(data)
    table = next(t for t in Document(str(path)).tables if t.rows[0].cells[0].text == "STT")
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_example_dossier_holds_every_document_and_file(example: Path, tcpl, tmp_path: Path) -> None:
    out = tmp_path / "ho-so-2026.zip"
    result = tcpl("dossier", str(example), "-o", str(out), "--no-pdf")
    assert result.exit_code == 0, result.output
    files = members(out)
    for stem in DOCUMENTS:
        assert f"{stem}-2026.docx" in files
    pdf = "minh-chung/chi-tieu-1.1/1.1.1-nq-02-2026.pdf"
    docx = "minh-chung/chi-tieu-1.1/1.1.1-quyet-dinh-04.docx"
    assert files[pdf] == (example / "minh-chung" / "nq-02-2026.pdf").read_bytes()
    assert files[docx] == (example / "minh-chung" / "Quyết định 04.docx").read_bytes()
    # The list: every other member once, with its indicator, pages and SHA-256.
    rows = list_rows(files["danh-muc-ho-so-2026.docx"], tmp_path)
    header, body = rows[0], rows[1:]
    assert header == ["STT", "Tệp", "Tài liệu", "Chỉ tiêu", "Số trang", "SHA-256"]
    listed = {r[1]: r for r in body}
    assert set(listed) == set(files) - {"danh-muc-ho-so-2026.docx"}
    for name, row in listed.items():
        assert row[5] == hashlib.sha256(files[name]).hexdigest(), name
    assert listed[pdf][3] == "1.1" and listed[pdf][4] == "2"
    assert [r[0] for r in body] == [str(n) for n in range(1, len(body) + 1)]
    # The example's ruleset is not attested: written, and said to be drafts.
    assert "DỰ THẢO" in result.output
    assert "chưa ghi thành phần hồ sơ" in result.output


def test_the_list_reads_back_as_a_decree_30_document(example: Path, tcpl, tmp_path: Path) -> None:
    out = tmp_path / "ho-so.zip"
    assert tcpl("dossier", str(example), "-o", str(out), "--no-pdf").exit_code == 0
    path = tmp_path / "danh-muc.docx"
    path.write_bytes(members(out)["danh-muc-ho-so-2026.docx"])
    assert check_nd30(path, doc_type="DANH MỤC", numbered=False) == []
    text = "\n".join(document_text(path))
    assert "Hồ sơ đánh giá xã Bình Điền đạt chuẩn tiếp cận pháp luật năm 2026" in text
    assert "tcpl" not in text.lower()


def test_two_runs_give_identical_zips(example: Path, tcpl, tmp_path: Path) -> None:
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    assert tcpl("dossier", str(example), "-o", str(first), "--no-pdf").exit_code == 0
    os.utime(example / "minh-chung" / "nq-02-2026.pdf", (0, 0))  # times on disk do not matter
    assert tcpl("dossier", str(example), "-o", str(second), "--no-pdf").exit_code == 0
    assert first.read_bytes() == second.read_bytes()


@needs_libreoffice
def test_pdfs_beside_the_documents_and_still_identical(example: Path, tcpl, tmp_path: Path) -> None:
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    assert tcpl("dossier", str(example), "-o", str(first)).exit_code == 0
    assert tcpl("dossier", str(example), "-o", str(second)).exit_code == 0
    files = members(first)
    for stem in DOCUMENTS:
        assert files[f"{stem}-2026.pdf"].startswith(b"%PDF")
    assert first.read_bytes() == second.read_bytes()


def test_stable_pdf_keeps_lengths_and_fixes_the_time() -> None:
    from datetime import datetime

    raw = (
        b"%PDF-1.7\n/CreationDate(D:20261202061500+07'00')\n/ModDate(D:20261202061501+07'00')\n"
        b"/DocChecksum /0123456789ABCDEF0123456789ABCDEF\n/ID [ <0123456789ABCDEF0123456789ABCDEF>\n"
        b"<0123456789ABCDEF0123456789ABCDEF> ]\n"
    )
    fixed = stable_pdf(raw, datetime(2027, 1, 1))
    assert len(fixed) == len(raw)
    assert b"D:20270101000000" in fixed and b"20261202" not in fixed
    later = raw.replace(b"061500", b"091500")
    assert stable_pdf(later, datetime(2027, 1, 1)) == fixed


@pytest.mark.parametrize(
    ("entry", "code"),
    [
        ("minh-chung/thieu.pdf", "TCPL340"),
        ("../../ngoai.pdf", "TCPL341"),
        ("minh-chung/zero.pdf", "TCPL341"),
        ("minh-chung/quet.pdf", "TCPL341"),
    ],
)
def test_a_dossier_with_a_bad_evidence_file_is_refused_with_its_place(
    example: Path, tcpl, tmp_path: Path, entry: str, code: str
) -> None:
    (example.parents[1] / "ngoai.pdf").write_bytes(b"%PDF-1.4\n")
    os.symlink("/dev/zero", example / "minh-chung" / "zero.pdf")
    with (example / "minh-chung" / "quet.pdf").open("wb") as handle:
        handle.truncate(31 * 1024 * 1024)
    row, col = with_evidence(example, entry)
    out = tmp_path / "ho-so.zip"
    result = tcpl("dossier", str(example), "-o", str(out), "--no-pdf")
    assert result.exit_code == 1
    assert f"assessment.yaml:{row}:{col}:" in result.output
    if code == "TCPL340":  # said as what is missing from the dossier
        assert f"không có tệp '{entry}'" in result.output
    else:
        assert code in result.output
    assert not out.exists()
    if code == "TCPL340":  # a file not there yet: a draft may still be written
        assert "hồ sơ còn thiếu" in result.output
        drafted = tcpl("dossier", str(example), "-o", str(out), "--no-pdf", "--draft")
        assert drafted.exit_code == 0, drafted.output
        assert "Còn thiếu:" in drafted.output
        listing = tmp_path / "dm.docx"
        listing.write_bytes(members(out)["danh-muc-ho-so-2026.docx"])
        assert "DỰ THẢO" in "\n".join(document_text(listing))


def test_evidence_the_ruleset_names_is_required(example: Path, tcpl, tmp_path: Path) -> None:
    """QĐ 27/2025 names the evidence of 1.1 (any of its items) and of 2.4.2 and 2.4.3 (each)."""
    path = example / "assessment.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^(  "(?:1\.1\.1|2\.4\.2)": \{.*?), evidence: \[.*\]\}$', r"\1}", text)
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "hs.zip"
    result = tcpl("dossier", str(example), "-o", str(out), "--no-pdf")
    assert result.exit_code == 1
    said = result.output
    assert "chỉ tiêu 1.1: chưa có tài liệu kiểm chứng (Nghị quyết, quyết định đã ban hành;" in said
    assert "nội dung 2.4.2: chưa có tài liệu kiểm chứng (Báo cáo kết quả thực hiện Kế hoạch" in said
    assert "2.4.3" not in said  # it has its report
    assert not out.exists()


def test_an_attested_province_gets_a_final_dossier(tmp_path: Path, tcpl) -> None:
    root = province(tmp_path / "tinh")
    year = unit(root)
    path = year / "assessment.yaml"
    # Every item with its evidence, as the ruleset asks; 1.1.1's is a file.
    text = re.sub(r"(?m)^(  \"[\d.]+\": )(.+)$", _with_report, path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    blank_pdf(year / "minh-chung" / "kh.pdf")
    with_evidence(year, "minh-chung/kh.pdf")
    out = tmp_path / "ho-so.zip"
    result = tcpl("dossier", str(year), "-o", str(out), "--no-pdf", "--strict")
    assert result.exit_code == 0, result.output
    assert "DỰ THẢO" not in result.output
    listing = tmp_path / "dm.docx"
    listing.write_bytes(members(out)["danh-muc-ho-so-2026.docx"])
    text = "\n".join(document_text(listing))
    assert "DỰ THẢO" not in text
    assert "Hồ sơ đề nghị công nhận phường Thuận Hóa" in text


def _with_report(match: re.Match[str]) -> str:
    key, value = match.group(1), match.group(2)
    said = 'evidence: ["Báo cáo số 12/BC-UBND"]'
    return key + (value[:-1] + f", {said}}}" if value.startswith("{") else f"{{value: {value}, {said}}}")


def test_strict_refuses_drafts_and_writes_nothing(example: Path, tcpl, tmp_path: Path) -> None:
    out = tmp_path / "ho-so.zip"
    result = tcpl("dossier", str(example), "-o", str(out), "--no-pdf", "--strict")
    assert result.exit_code == 1
    assert "DỰ THẢO" in result.output
    assert not out.exists()


def test_an_existing_zip_is_kept_without_force(example: Path, tcpl, tmp_path: Path) -> None:
    out = tmp_path / "ho-so.zip"
    out.write_bytes(b"old")
    result = tcpl("dossier", str(example), "-o", str(out), "--no-pdf")
    assert result.exit_code == 2
    assert "--force" in result.output
    assert out.read_bytes() == b"old"
    assert tcpl("dossier", str(example), "-o", str(out), "--no-pdf", "--force").exit_code == 0
    assert zipfile.is_zipfile(out)


def test_not_a_zip_name_is_a_usage_error(example: Path, tcpl, tmp_path: Path) -> None:
    result = tcpl("dossier", str(example), "-o", str(tmp_path / "ho-so.rar"))
    assert result.exit_code == 2
    assert ".zip" in result.output


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("Quyết định 04.PDF", "quyet-dinh-04.pdf"),
        ("Đề án: tuyên truyền?.docx", "de-an-tuyen-truyen.docx"),
        ("CON.pdf", "con-1.pdf"),
        ("....pdf", "tep.pdf"),
    ],
)
def test_names_are_safe_on_windows(name: str, safe: str) -> None:
    assert safe_name(name) == safe

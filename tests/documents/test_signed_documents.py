"""Documents the commune signs hold only the commune's content, name the unit as it is, and are
marked DỰ THẢO (with the reasons in the terminal) while a rule or a figure is still open."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docx import Document

from tcpl.documents.checks import document_text
from tests.conftest import EXAMPLE
from tests.province import FORBIDDEN, TAG, province, unit

UNITS = [
    ("xã", "Hòa Bình", "hoa-binh"),
    ("phường", "Thuận Hóa", "thuan-hoa"),
    ("đặc khu", "Côn Đảo", "con-dao"),
]
DOCUMENTS = {
    "scoresheet": ["scoresheet"],
    "q4": ["report", "q4"],
    "notice": ["notice"],
    "feedback": ["feedback"],
}


def written(tcpl, folder: Path, out: Path, *extra: str) -> dict[str, tuple[str, str]]:
    """Each document's text (body, tables, header) and what the terminal said about it."""
    texts = {}
    for name, args in DOCUMENTS.items():
        target = out / f"{name}.docx"
        result = tcpl(*args, str(folder), "-o", str(target), *extra)
        assert result.exit_code == 0, result.output
        texts[name] = (full_text(target) + "\n" + _properties(target), result.output)
    return texts


def full_text(path: Path) -> str:
    """Body, tables and page headers of a .docx, one paragraph a line."""
    doc = Document(str(path))
    headers = [p.text for s in doc.sections for h in (s.header, s.first_page_header) for p in h.paragraphs]
    return "\n".join([*document_text(path), *headers])


def _properties(path: Path) -> str:
    props = Document(str(path)).core_properties
    return " ".join(str(v or "") for v in (props.author, props.comments, props.title, props.last_modified_by))


@pytest.mark.parametrize(("unit_type", "name", "slug"), UNITS)
def test_attested_documents_carry_nothing_of_the_tool(tcpl, tmp_path: Path, unit_type, name, slug) -> None:
    ward = unit(province(tmp_path / "tinh"), unit_type, name, slug=slug)
    for doc, (text, terminal) in written(tcpl, ward, tmp_path).items():
        lowered = text.lower()
        for word in FORBIDDEN:
            assert word.lower() not in lowered, (doc, word)
        assert "DỰ THẢO" not in text, doc
        # "dự thảo" only where indicator 1.2 (drafts of legal documents) and its unit say it.
        low = text.lower()
        own = low.count("dự thảo văn bản quy phạm pháp luật") + len(re.findall(r"\d dự thảo", low))
        assert low.count("dự thảo") == own, doc
        assert not TAG.search(text), doc
        assert "Lưu ý" not in text, doc
        assert f"{unit_type} {name}" in text, doc
        if unit_type != "xã":
            assert f"xã {name}" not in text, doc
        assert "DỰ THẢO" not in terminal, doc


def test_the_notice_names_the_unit_and_its_officer(tcpl, tmp_path: Path) -> None:
    ward = unit(province(tmp_path / "tinh"), "phường", "Thuận Hóa")
    text = written(tcpl, ward, tmp_path)["notice"][0]
    assert "Báo cáo đánh giá kết quả xây dựng phường Thuận Hóa đạt chuẩn tiếp cận pháp luật năm 2026" in text
    assert "(qua công chức Tư pháp - Hộ tịch Lê Thị Hoa)" in text
    assert "- Các tổ dân phố;" in text


def test_outside_the_province_the_report_is_a_marked_draft(tcpl, tmp_path: Path) -> None:
    ward = unit(province(tmp_path / "tinh"), "phường", "Thuận Hóa")
    alone = tmp_path / "ngoai" / "thuan-hoa"
    shutil.copytree(ward.parent, alone)
    out = tmp_path / "q4.docx"
    result = tcpl("report", "q4", str(alone / "2026"), "-o", str(out))
    assert result.exit_code == 0
    doc = Document(str(out))
    number_cell = doc.tables[0].rows[1].cells[0]
    assert [p.text for p in number_cell.paragraphs if p.text][-1] == "DỰ THẢO"
    assert (
        doc.tables[0]
        .rows[1]
        .cells[0]
        .paragraphs[-1]
        ._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr")
        is not None
    )  # boxed
    text = full_text(out)
    for word in FORBIDDEN:
        assert word.lower() not in text.lower(), word
    assert "Chưa xác định:" not in text and "Lưu ý" not in text  # a cell may say it; no list of unknowns
    assert "Nội dung 1 của chỉ tiêu" not in text  # placeholder names are not printed
    assert "Văn bản được đánh dấu DỰ THẢO" in result.stdout
    assert "chưa có tên nội dung 2.6.1, 2.7.1, 2.7.3, 3.4.1" in result.stdout
    strict = tcpl("report", "q4", str(alone / "2026"), "-o", str(out), "--force", "--strict")
    assert strict.exit_code == 1 and "--strict" in strict.stderr and out.exists()


def test_the_report_lists_only_the_communes_own_shortcomings(tcpl, tmp_path: Path) -> None:
    out = tmp_path / "q4.docx"
    assert tcpl("report", "q4", str(EXAMPLE / "2026"), "-o", str(out)).exit_code == 0
    text = full_text(out)
    assert "II. TỒN TẠI, HẠN CHẾ" in text and "III. PHƯƠNG HƯỚNG" in text  # the split below cuts
    shortcomings = text.split("II. TỒN TẠI, HẠN CHẾ", 1)[1].split("III. PHƯƠNG HƯỚNG", 1)[0]
    assert "Nội dung 2.2.1" in shortcomings  # unmet by the commune's own figures
    assert "chưa có mức đạt chuẩn" not in shortcomings  # a gap of the ruleset, said in the terminal


def test_history_gives_each_year_its_names(tcpl, tmp_path: Path) -> None:
    old, new = tmp_path / "q4-2023.docx", tmp_path / "q4-2026.docx"
    assert tcpl("report", "q4", str(EXAMPLE / "2023"), "-o", str(old)).exit_code == 0
    assert tcpl("report", "q4", str(EXAMPLE / "2026"), "-o", str(new)).exit_code == 0
    then, now = full_text(old), full_text(new)
    assert "XÃ HƯƠNG BÌNH" in then and "Kính gửi: Ủy ban nhân dân thị xã Hương Trà" in then
    assert "Hương Bình, ngày" in then
    assert "XÃ BÌNH ĐIỀN" in now and "Kính gửi: Ủy ban nhân dân thành phố Huế" in now
    assert "Hương Bình" not in now and "Hương Trà" not in now

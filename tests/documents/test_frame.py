"""Decree 30 text rules and the read-back checker."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from tcpl.documents.checks import check_nd30
from tcpl.documents.frame import balanced_lines, document_number, place_and_date
from tcpl.documents.style import load_style, text_width_mm
from tcpl.errors import InvalidFilesError
from tcpl.textfmt import long_date


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2023, 1, 5), "ngày 05 tháng 01 năm 2023"),
        (date(2023, 2, 9), "ngày 09 tháng 02 năm 2023"),
        (date(2023, 3, 10), "ngày 10 tháng 3 năm 2023"),
        (date(2023, 12, 31), "ngày 31 tháng 12 năm 2023"),
        (date(2023, 11, 1), "ngày 01 tháng 11 năm 2023"),
    ],
)
def test_dates_are_padded_as_the_decree_says(day: date, text: str) -> None:
    assert long_date(day) == text
    assert place_and_date("Hương Bình", day) == f"Hương Bình, {text}"


@pytest.mark.parametrize(
    ("number", "text"),
    [("5", "Số: 05/KH-UBND"), ("05", "Số: 05/KH-UBND"), ("12", "Số: 12/KH-UBND"), ("120", "Số: 120/KH-UBND")],
)
def test_document_number(number: str, text: str) -> None:
    assert document_number(number, "KH-UBND") == text


def test_draft_number_and_date_leave_room() -> None:
    assert document_number(None, "BC-UBND") == "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-UBND"
    assert place_and_date("Hương Bình", None).startswith("Hương Bình, ngày\u00a0")


def test_text_width_matches_measured_widths() -> None:
    # measured in LibreOffice (the Times New Roman widths of src/tcpl/documents/metrics)
    assert text_width_mm("Độc lập - Tự do - Hạnh phúc", 14, bold=True) == pytest.approx(60.4, abs=0.5)
    assert text_width_mm("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True) == pytest.approx(95.0, abs=1)
    assert text_width_mm("Số: 05/KH-UBND", 13) == pytest.approx(34.3, abs=0.5)


def test_balanced_lines() -> None:
    text = "Thực hiện Quy định đánh giá, công nhận xã đạt chuẩn tiếp cận pháp luật năm 2023"
    lines = balanced_lines(text, 14, 150, bold=True)
    assert len(lines) == 2 and " ".join(lines) == text
    widths = [text_width_mm(x, 14, bold=True) for x in lines]
    assert max(widths) / min(widths) < 1.3
    assert balanced_lines("Ngắn", 14, 150) == ["Ngắn"]


def test_shipped_style_is_within_the_decree() -> None:
    style = load_style()
    assert style.font == "Times New Roman"
    assert (style.page_mm.width, style.page_mm.height) == (210, 297)


def test_style_outside_the_decree_is_refused(tmp_path: Path) -> None:
    from tcpl.resources import data_dir

    text = (
        (data_dir("templates") / "nd30.yaml").read_text(encoding="utf-8").replace("left: 30,", "left: 25,", 1)
    )
    path = tmp_path / "nd30.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidFilesError, match="lề left = 25 ngoài khoảng"):
        load_style(path)


def test_checker_finds_problems_in_a_plain_python_docx_file(tmp_path: Path) -> None:
    path = tmp_path / "plain.docx"
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH")
    doc.save(str(path))
    problems = check_nd30(path, doc_type="KẾ HOẠCH")
    text = "\n".join(problems)
    assert "không phải A4" in text  # python-docx's default template is US Letter
    assert "phông chữ không phải Times New Roman" in text
    assert "không có bảng tiêu đề" in text


@pytest.mark.parametrize(
    "text",
    [
        "Đánh giá kết quả và đề nghị công nhận xã Hương Bình đạt chuẩn tiếp cận pháp luật năm 2023",
        "Niêm yết công khai kết quả tự đánh giá xã Hương Bình đạt chuẩn tiếp cận pháp luật năm 2023",
        "Kết quả thực hiện Kế hoạch xây dựng phường Thuận An đạt chuẩn tiếp cận pháp luật quý II năm 2026",
    ],
)
def test_title_lines_never_split_a_name_or_a_word(text: str) -> None:
    lines = balanced_lines(text, 14, 150, bold=True)
    assert len(lines) == 2 and " ".join(lines) == text
    for first, second in itertools.pairwise(lines):
        left, right = first.split()[-1], second.split()[0]
        assert not (left[:1].isupper() and right[:1].isupper()), (left, right)
        assert (left, right) not in {("đánh", "giá"), ("pháp", "luật"), ("tiếp", "cận"), ("xã", "Hương")}

"""`tcpl summary`: the province table equals the per-commune `tcpl score` figures."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from docx import Document

from tcpl.documents.checks import document_text
from tests.conftest import EXAMPLE, REPO


@pytest.fixture(scope="module")
def generated_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("summary") / "tinh"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "generate_tree.py"),
            str(root),
            "--communes",
            "40",
            "--seed",
            "11",
        ],
        check=True,
        capture_output=True,
    )
    # the generated communes are rarely recognised: add the example, recognised in 2023
    shutil.copytree(EXAMPLE, root / "hue" / "huong-binh-vi-du")
    return root


@pytest.mark.parametrize("year", ["2023", "2024", "2026"])
def test_summary_figures_equal_score(tcpl, generated_tree: Path, tmp_path: Path, year: str) -> None:
    out = tmp_path / "tong-hop.csv"
    result = tcpl("summary", str(generated_tree), "--year", year, "-o", str(out))
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    body = rows  # no total row among the units' rows
    assert not any(r["Tên đơn vị"].startswith("Tổng số") for r in rows)
    folders = sorted(generated_tree.glob(f"*/*/{year}"))
    assert len(body) == len(folders) > 0
    words = {True: "Đạt chuẩn", False: "Chưa đạt", None: "Chưa xác định"}
    by_name = {r["Tên đơn vị"]: r for r in body}
    for folder in folders:
        data = json.loads(tcpl("score", str(folder), "--format", "json").stdout)
        # The unit's name in that year: the example's history written out here (it was xã Hương
        # Bình until the end of 2024), the generated communes' read from their YAML.
        if folder.parent.name == "huong-binh-vi-du":
            shown = {"2023": "xã Hương Bình", "2026": "xã Bình Điền"}[year]
        else:
            data_yaml = yaml.safe_load((folder.parent / "commune.yaml").read_text(encoding="utf-8"))
            shown = f"{data_yaml['unit_type']} {data_yaml['name']}"
        row = by_name[shown]
        assert row["Kết quả"] == words[data["recognized"]]
        assert row["Bộ tiêu chí"] == data["ruleset"]
        assert int(row["Số nội dung thiếu số liệu"]) == len(data["missing"])
        for n, c in enumerate(data["criteria"], start=1):
            cell = row[f"Kết quả từng tiêu chí - Tiêu chí {n}"]
            if data["model"] == "points":
                assert float(cell) == c["points"]
            else:
                assert cell == words[c["met"]].replace(" chuẩn", "")
        if data["model"] == "points":
            assert float(row["Tổng điểm"]) == data["total_points"]
    recognised = sum(1 for r in body if r["Kết quả"] == "Đạt chuẩn")
    if year == "2023":
        assert recognised == 1  # the "Đạt chuẩn" words and count are really compared
    # The count is said in the terminal (and in the workbook's total row), not as a CSV row.
    told = " ".join(result.stdout.split())
    assert f"Năm {year}: {len(body)} đơn vị cấp xã; đạt chuẩn tiếp cận pháp luật {recognised} (" in told


def test_summary_table_and_word_list(tcpl, tmp_path: Path) -> None:
    out = tcpl("summary", str(EXAMPLE.parent), "--year", "2023").stdout
    assert "Hương Bình" in out and "Năm 2023: 1 đơn vị cấp xã; đạt chuẩn tiếp cận pháp luật 1 (100" in out
    (tmp_path / "tinh").mkdir()
    (tmp_path / "tinh" / "office.yaml").write_text(
        "kind: office\nissuing_body: [ỦY BAN NHÂN DÂN, THÀNH PHỐ HUẾ]\nplace: Huế\n"
        "authority: Chủ tịch Ủy ban nhân dân thành phố Huế\ndecision: {number: '125', date: 2024-02-05}\n",
        encoding="utf-8",
    )
    subprocess.run(["cp", "-r", str(EXAMPLE), str(tmp_path / "tinh" / "huong-binh")], check=True)
    docx = tmp_path / "danh-sach.docx"
    result = tcpl("summary", str(tmp_path / "tinh"), "--year", "2023", "-o", str(docx))
    assert result.exit_code == 0, result.output
    texts = document_text(docx)
    assert "DANH SÁCH CẤP XÃ ĐẠT CHUẨN TIẾP CẬN PHÁP LUẬT NĂM 2023" in texts
    assert (
        "(Kèm theo Quyết định số 125/QĐ-UBND ngày 05 tháng 02 năm 2024 của Chủ tịch Ủy ban nhân dân thành phố Huế)"
        in texts
    )
    assert "Tổng số: 1 đơn vị" in texts
    assert "xã Hương Bình" in texts
    doc = Document(str(docx))
    assert doc.sections[0].page_width > doc.sections[0].page_height  # landscape
    assert [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs if p.text] == [
        "ỦY BAN NHÂN DÂN",
        "THÀNH PHỐ HUẾ",
    ]


def test_summary_for_a_year_without_data(tcpl) -> None:
    result = tcpl("summary", str(EXAMPLE), "--year", "2019")
    assert result.exit_code == 2 and "không có xã nào có số liệu đánh giá năm 2019" in result.stderr


def test_word_list_needs_the_office_file(tcpl, tmp_path: Path) -> None:
    subprocess.run(["cp", "-r", str(EXAMPLE), str(tmp_path / "huong-binh")], check=True)
    docx = tmp_path / "danh-sach.docx"
    result = tcpl("summary", str(tmp_path), "--year", "2023", "-o", str(docx))
    assert result.exit_code == 2 and "cần tệp office.yaml" in result.stderr
    assert not docx.exists()
    # the working tables need no office
    assert tcpl("summary", str(tmp_path), "--year", "2023", "-o", str(tmp_path / "t.xlsx")).exit_code == 0
    assert (tmp_path / "t.xlsx").stat().st_size > 0


def test_word_list_columns_and_self_check(tcpl, tmp_path: Path) -> None:
    (tmp_path / "office.yaml").write_text(
        "kind: office\nissuing_body: [ỦY BAN NHÂN DÂN, THÀNH PHỐ HUẾ]\nplace: Huế\n"
        "authority: Chủ tịch Ủy ban nhân dân thành phố Huế\n",
        encoding="utf-8",
    )
    subprocess.run(["cp", "-r", str(EXAMPLE), str(tmp_path / "huong-binh")], check=True)
    docx = tmp_path / "danh-sach.docx"
    result = tcpl("summary", str(tmp_path), "--year", "2023", "-o", str(docx))
    assert result.exit_code == 0, result.output
    assert "Thể thức (Nghị định 30)" not in result.stdout  # read back, no problem found
    table = Document(str(docx)).tables[-1]
    header = [c.text for c in table.rows[0].cells]
    assert "Tên đơn vị" in header and "Bộ tiêu chí" not in header
    assert "Tổng điểm" in header


def test_only_broken_assessments_fail_with_errors(tcpl, tmp_path: Path) -> None:
    subprocess.run(["cp", "-r", str(EXAMPLE), str(tmp_path / "huong-binh")], check=True)
    path = tmp_path / "huong-binh" / "2023" / "assessment.yaml"
    path.write_text(path.read_text("utf-8").replace("year: 2023", "year: hai-không"), "utf-8")
    (tmp_path / "huong-binh" / "2023" / "plan.yaml").unlink()
    result = tcpl("summary", str(tmp_path), "--year", "2023")
    assert result.exit_code == 1 and "tcpl check" in result.stderr, result.output

"""Scoresheet, reports, notice, feedback and calendar for the two example years, read back."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from tcpl.documents.checks import check_nd30, document_text
from tcpl.loading.rulesets import RulesetRegistry
from tests.conftest import EXAMPLE

YEARS = ["2023", "2026"]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from tcpl.cli.main import app

    folder = tmp_path_factory.mktemp("docs")
    runner = CliRunner()
    for year in YEARS:
        for args in (
            [
                "scoresheet",
                str(EXAMPLE / year),
                "-o",
                str(folder / f"bd-{year}.docx"),
                "--xlsx",
                str(folder / f"bd-{year}.xlsx"),
            ],
            ["report", "q2", str(EXAMPLE / year), "-o", str(folder / f"q2-{year}.docx")],
            ["report", "q4", str(EXAMPLE / year), "-o", str(folder / f"q4-{year}.docx")],
            ["report", "q4", str(EXAMPLE / year), "-o", str(folder / f"q4-{year}.md"), "--format", "md"],
            ["notice", str(EXAMPLE / year), "-o", str(folder / f"tb-{year}.docx")],
        ):
            result = runner.invoke(app, args)
            assert result.exit_code == 0, (args, result.output)
        score = runner.invoke(app, ["score", str(EXAMPLE / year), "--format", "json"])
        (folder / f"score-{year}.json").write_text(score.stdout, encoding="utf-8")
    return folder


def score_of(out: Path, year: str) -> dict:
    return json.loads((out / f"score-{year}.json").read_text(encoding="utf-8"))


def score_of_registry(year: str) -> list[str]:
    rid = "qd25-2021" if year == "2023" else "qd27-2025"
    rs = RulesetRegistry().by_id(rid).ruleset
    return [f"Tiêu chí {c.id}: {c.name}" for c in rs.criteria] + [
        f"Chỉ tiêu {i.id}: {i.name}" for c in rs.criteria for i in c.indicators
    ]


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("kind", ["bd", "q4"])
def test_every_criterion_and_indicator_appears(out: Path, year: str, kind: str) -> None:
    texts = set(document_text(out / f"{kind}-{year}.docx"))
    missing = [n for n in score_of_registry(year) if n not in texts]
    assert missing == []


def _sheet_rows(path: Path) -> list[list[str]]:
    doc = Document(str(path))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Tiêu chí, chỉ tiêu")
    rows = []
    for row in table.rows:
        cells: list[str] = []
        last = None
        for cell in row.cells:  # a merged cell is listed once per grid column: keep it once
            if cell._tc is not last:
                cells.append(cell.text)
            last = cell._tc
        rows.append(cells)
    return rows


def test_points_totals_equal_the_score(out: Path) -> None:
    data = score_of(out, "2023")
    rows = _sheet_rows(out / "bd-2023.docx")
    criterion_rows = [r for r in rows if r[0].startswith("Tiêu chí ")]
    assert [float(r[-3].replace(",", ".")) for r in criterion_rows] == [c["points"] for c in data["criteria"]]
    assert [float(r[1].replace(",", ".")) for r in criterion_rows] == [
        c["max_points"] for c in data["criteria"]
    ]
    total = next(r for r in rows if r[0] == "Tổng cộng")
    assert (total[1], total[-3]) == ("100", "89")
    assert data["total_points"] == 89
    texts = document_text(out / "bd-2023.docx")
    assert (
        "Kết quả tự đánh giá: đủ điều kiện công nhận đạt chuẩn tiếp cận pháp luật (tổng 89/100 điểm)."
        in texts
    )


def test_pass_fail_results_equal_the_score(out: Path) -> None:
    data = score_of(out, "2026")
    rows = _sheet_rows(out / "bd-2026.docx")
    words = {True: "Đạt", False: "Chưa đạt", None: "Chưa xác định"}
    criterion_rows = [r for r in rows if r[0].startswith("Tiêu chí ")]
    assert [r[-2] for r in criterion_rows] == [words[c["met"]] for c in data["criteria"]]
    indicator_rows = [r for r in rows if r[0].startswith("Chỉ tiêu ")]
    indicators = [i for c in data["criteria"] for i in c["indicators"]]
    assert [r[-2].split(" (")[0] for r in indicator_rows] == [words[i["met"]] for i in indicators]
    total = next(r for r in rows if r[0] == "Kết quả chung")
    met = sum(1 for i in indicators if i["met"] is True)
    assert f"{met}/14 chỉ tiêu đạt" in total and words[data["recognized"]] in total


@pytest.mark.parametrize("year", YEARS)
def test_decree_30_checks(out: Path, year: str) -> None:
    assert check_nd30(out / f"bd-{year}.docx", numbered=False) == []
    for kind, doc_type in (("q2", "BÁO CÁO"), ("q4", "BÁO CÁO"), ("tb", "THÔNG BÁO")):
        assert check_nd30(out / f"{kind}-{year}.docx", doc_type=doc_type) == [], kind


def test_q4_of_a_recognised_commune_requests_recognition(out: Path) -> None:
    texts = document_text(out / "q4-2023.docx")
    flat = [t.replace("\n", " ") for t in texts]
    assert "Đánh giá kết quả và đề nghị công nhận xã Hương Bình đạt chuẩn tiếp cận pháp luật năm 2023" in flat
    request = [t for t in texts if "kính đề nghị" in t]
    assert request == [
        "Ủy ban nhân dân xã Hương Bình kính đề nghị Chủ tịch Ủy ban nhân dân thị xã Hương Trà xem xét,"
        " công nhận xã Hương Bình đạt chuẩn tiếp cận pháp luật năm 2023./."
    ]
    assert "Số: 142/BC-UBND" in texts and "Hương Bình, ngày 29 tháng 12 năm 2023" in texts
    assert "Kính gửi: Ủy ban nhân dân thị xã Hương Trà" in texts
    # the figures of the body are the engine's
    assert "Tổng số điểm tự chấm: 89/100 điểm." in texts
    assert "- Tiêu chí 2 (Tiếp cận thông tin, phổ biến, giáo dục pháp luật): đạt 27/30 điểm." in texts


def test_q4_of_a_commune_not_recognised_has_no_request_and_lists_each_unmet_item(out: Path) -> None:
    data = score_of(out, "2026")
    assert data["recognized"] is False
    text = "\n".join(document_text(out / "q4-2026.docx"))
    assert "đề nghị công nhận" not in text and "kính đề nghị" not in text
    unmet = [
        i for c in data["criteria"] for ind in c["indicators"] for i in ind["items"] if i["met"] is False
    ]
    assert [i["id"] for i in unmet] == ["2.2.1", "2.4.2", "3.4.4"]
    for item in unmet:
        v = item["value"]
        assert re.search(rf"- Nội dung {re.escape(item['id'])} \(.*\): {v['done']}/{v['total']} ", text), (
            item["id"]
        )
    assert "chưa đủ điều kiện công nhận" in text


def test_q4_markdown_has_the_same_figures(out: Path) -> None:
    md = (out / "q4-2023.md").read_text(encoding="utf-8")
    assert md.startswith("# BÁO CÁO")
    assert "Tổng số điểm tự chấm: 89/100 điểm." in md
    assert "## Phụ lục: Bản tổng hợp điểm số của các tiêu chí, chỉ tiêu" in md
    assert "Kết quả tự đánh giá: đủ điều kiện công nhận" in md  # readable, not escaped
    assert "| **Tổng cộng** |  | **100** |" in md


def test_q2_progress_report(out: Path) -> None:
    texts = document_text(out / "q2-2023.docx")
    text = "\n".join(texts)
    flat = [t.replace("\n", " ") for t in texts]
    assert (
        "Kết quả thực hiện Kế hoạch xây dựng xã Hương Bình đạt chuẩn tiếp cận pháp luật quý II năm 2023"
        in flat
    )
    assert "(số liệu đến ngày 30 tháng 6 năm 2023)" in text
    # task 3 was due in Q2 and is late, with the reason from its progress note
    assert "Nhiệm vụ 3 (Tổ chức quán triệt" in text and "chậm so với thời gian quý II/2023" in text
    assert "Nguyên nhân: Hội nghị tập huấn dời sang tháng 7/2023" in text
    # figures of the quarter come from the progress entries
    assert "300" in text and "tờ gấp cấp phát" in text
    assert "III. NHIỆM VỤ TRỌNG TÂM QUÝ III" in text


def test_xlsx_has_the_same_rows_with_real_numbers(out: Path) -> None:
    wb = load_workbook(out / "bd-2023.xlsx")
    ws = wb["Bảng điểm"]
    assert ws.freeze_panes == "A4"
    assert ws["A1"].value.startswith("BẢN TỔNG HỢP") and "xã Hương Bình" in ws["A2"].value
    header = [c.value for c in ws[3]]
    assert header[0] == "Tiêu chí, chỉ tiêu" and "Căn cứ chấm điểm - Số liệu thực hiện" in header
    assert ws.auto_filter.ref.startswith("A3:") and ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    docx_rows = [r for r in _sheet_rows(out / "bd-2023.docx")[2:]]
    assert len(rows) == len(docx_rows)
    total = rows[-1]
    assert total[0] == "Tổng cộng" and total[2] == 100 and total[5] == 89
    assert all(isinstance(r[5], float | int) for r in rows if r[5] is not None)
    assert not any(
        isinstance(c.value, str) and c.value.startswith("=") for row in ws.iter_rows() for c in row
    )
    assert all(ws.column_dimensions[col].width >= 8 for col in "ABCDEFG")


def test_notice_states_places_and_dates(out: Path) -> None:
    text = "\n".join(document_text(out / "tb-2023.docx"))
    assert "Số: 118/TB-UBND" in text
    assert "từ ngày 18 tháng 12 năm 2023 đến hết ngày 22 tháng 12 năm 2023 (05 ngày)" in text
    assert "- Trụ sở Ủy ban nhân dân xã Hương Bình;" in text
    assert "Đồng thời đăng tải trên Trang thông tin điện tử xã Hương Bình" in text
    assert "Thông báo trên Đài truyền thanh xã Hương Bình 03 lần" in text


def test_feedback_document(tcpl, tmp_path: Path) -> None:
    out = tmp_path / "yk.docx"
    result = tcpl("feedback", str(EXAMPLE / "2023"), "-o", str(out))
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Người, tổ chức góp ý",
        "Nội dung ý kiến",
        "Tiếp thu, giải trình",
    ]
    assert len(table.rows) == 3
    assert table.rows[2].cells[3].text.startswith("Giải trình: Điểm chỉ tiêu 3.1")
    assert "Số ý kiến được tiếp thu: 1/2." in document_text(out)
    assert check_nd30(out, numbered=False) == []
    assert "kiểm tra lại ngày" not in result.stdout and "chưa có nội dung tiếp thu" not in result.stdout


def test_feedback_dated_before_posting_or_unanswered_is_noted(tcpl, tmp_path: Path) -> None:
    import shutil

    shutil.copytree(EXAMPLE, tmp_path / "xa")
    path = tmp_path / "xa" / "2023" / "feedback.yaml"
    text = path.read_text("utf-8")
    assert "  - date: 2023-12-19\n" in text
    text = text.replace("  - date: 2023-12-19\n", "  - date: 2023-12-01\n")
    text += (
        "  - source: Bà Lê Thị Hoa, thôn Hương Sơn\n    content: Đề nghị công khai số liệu chỉ tiêu 2.5.\n"
    )
    path.write_text(text, "utf-8")
    out = tmp_path / "yk.docx"
    result = tcpl("feedback", str(path.parent), "-o", str(out))
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    assert (
        "Ý kiến 1 (Ông Nguyễn Văn Bình, thôn Bình Lộc) ghi ngày 01/12/2023, trước ngày bắt đầu niêm yết 18/12/2023"
        in flat
    )
    assert "Ý kiến 3 (Bà Lê Thị Hoa, thôn Hương Sơn) chưa có nội dung tiếp thu, giải trình" in flat
    assert "Ý kiến 2" not in flat


def test_report_refuses_a_bad_period(tcpl) -> None:
    result = tcpl("report", "q5", str(EXAMPLE / "2023"))
    assert result.exit_code == 2 and "q1, q2, q3 hoặc q4" in result.stderr


def test_documents_need_commune_yaml(tcpl, tmp_path: Path) -> None:
    folder = tmp_path / "xa" / "2026"
    folder.mkdir(parents=True)
    (folder / "assessment.yaml").write_text(
        (EXAMPLE / "2026" / "assessment.yaml").read_text("utf-8"), "utf-8"
    )
    for args in (["report", "q4"], ["scoresheet"], ["notice"], ["feedback"]):
        out = tmp_path / "x.docx"
        result = tcpl(*args, str(folder), "-o", str(out))
        assert result.exit_code == 2, args
        assert "không có commune.yaml" in result.stderr
        assert not out.exists()


def test_quarter_report_needs_a_plan(tcpl, tmp_path: Path) -> None:
    folder = tmp_path / "xa" / "2026"
    folder.mkdir(parents=True)
    (tmp_path / "xa" / "commune.yaml").write_text((EXAMPLE / "commune.yaml").read_text("utf-8"), "utf-8")
    (folder / "assessment.yaml").write_text(
        (EXAMPLE / "2026" / "assessment.yaml").read_text("utf-8"), "utf-8"
    )
    result = tcpl("report", "q1", str(folder), "-o", str(tmp_path / "q1.docx"))
    assert result.exit_code == 2 and "chưa có kế hoạch (plan.yaml)" in result.stderr


def test_officer_is_told_about_unverified_rules_and_posting(tcpl, tmp_path: Path) -> None:
    result = tcpl("notice", str(EXAMPLE / "2026"), "-o", str(tmp_path / "tb.docx"))
    assert result.exit_code == 0
    assert "Văn bản được đánh dấu DỰ THẢO" in result.stdout
    assert "Bộ tiêu chí qd27-2025 chưa được cơ quan có thẩm quyền xác nhận" in result.stdout
    assert "không có thời hạn niêm yết đã xác minh" in result.stdout
    assert "Thể thức" not in result.stdout  # the document passed its own Decree 30 check


def test_short_posting_is_flagged(tcpl, tmp_path: Path) -> None:
    folder = tmp_path / "xa" / "2023"
    folder.mkdir(parents=True)
    (tmp_path / "xa" / "commune.yaml").write_text((EXAMPLE / "commune.yaml").read_text("utf-8"), "utf-8")
    for name in ("assessment.yaml", "qd25-2021-minh-hoa.yaml"):
        text = (EXAMPLE / "2023" / name).read_text("utf-8")
        if name == "assessment.yaml":
            text = text.replace("  start: 2023-12-18\n", "  start: 2023-12-18\n  days: 2\n")
        (folder / name).write_text(text, "utf-8")
    validate = tcpl("validate", str(folder / "assessment.yaml"))
    assert (
        validate.exit_code == 0
        and "cảnh báo TCPL322: niêm yết 2 ngày, ngắn hơn mức tối thiểu 5 ngày" in validate.stdout
    )
    assert tcpl("validate", "--strict", str(folder / "assessment.yaml")).exit_code == 1
    notice = tcpl("notice", str(folder), "-o", str(tmp_path / "tb.docx"))
    assert "ngắn hơn mức tối thiểu 5 ngày" in notice.stdout

"""`tcpl plan render`: the real 2023 plan as a Decree 30 document, read back."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docx import Document

from tcpl.documents.checks import check_nd30, document_text, resolve_runs
from tests.conftest import EXAMPLE
from tests.documents.helpers import EXAMPLE_TEXT, missing_lines

PLAN = EXAMPLE / "2023" / "plan.yaml"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from tcpl.cli.main import app

    out = tmp_path_factory.mktemp("plan") / "ke-hoach.docx"
    result = CliRunner().invoke(app, ["plan", "render", str(PLAN), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_every_line_of_the_real_plan_is_in_the_document(rendered: Path) -> None:
    lines = [x for x in EXAMPLE_TEXT.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(lines) == 49
    assert missing_lines(lines, rendered) == []


def test_a_missing_line_would_be_noticed(rendered: Path) -> None:
    assert missing_lines(["Dòng này không có trong kế hoạch."], rendered) == [
        "Dòng này không có trong kế hoạch."
    ]


def test_decree_30_checks_pass(rendered: Path) -> None:
    assert check_nd30(rendered, doc_type="KẾ HOẠCH") == []


def test_header_title_and_signature(rendered: Path) -> None:
    doc = Document(str(rendered))
    header = doc.tables[0]
    assert [p.text for p in header.rows[0].cells[0].paragraphs if p.text] == [
        "ỦY BAN NHÂN DÂN",
        "XÃ HƯƠNG BÌNH",
    ]
    assert header.rows[1].cells[0].paragraphs[0].text == "Số: 05/KH-UBND"
    assert header.rows[1].cells[1].paragraphs[0].text == "Hương Bình, ngày 10 tháng 01 năm 2023"
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    texts = document_text(rendered)
    assert "KẾ HOẠCH" in texts
    assert texts[-1] == "Nguyễn Văn A"
    assert "- Lưu: VT, TP." in texts
    quoc_hieu = header.rows[0].cells[1].paragraphs[0]
    (run,) = list(resolve_runs(doc, quoc_hieu))
    assert run.bold and run.size == 13 and run.fonts["eastAsia"] == "Times New Roman"


def test_body_paragraphs_are_justified_with_first_line_indent(rendered: Path) -> None:
    doc = Document(str(rendered))
    body = next(p for p in doc.paragraphs if p.text.startswith("Nâng cao chất lượng"))
    assert body.paragraph_format.alignment == 3  # justify
    assert round(body.paragraph_format.first_line_indent.cm, 2) == 1.27
    heading = next(p for p in doc.paragraphs if p.text == "I. MỤC ĐÍCH, YÊU CẦU")
    assert all(r.bold for r in resolve_runs(doc, heading))


def test_refuses_to_overwrite_without_force(tcpl, tmp_path: Path) -> None:
    out = tmp_path / "kh.docx"
    out.write_bytes(b"not a docx, but the officer's file")
    result = tcpl("plan", "render", str(PLAN), "-o", str(out))
    assert result.exit_code == 2
    assert "đã có; dùng --force" in result.stderr
    assert out.read_bytes() == b"not a docx, but the officer's file"
    assert tcpl("plan", "render", str(PLAN), "-o", str(out), "--force").exit_code == 0
    assert Document(str(out)).paragraphs


def test_pdf_without_libreoffice_says_so(tcpl, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tcpl.documents.writer as writer

    monkeypatch.setattr(writer, "soffice", lambda: None)
    result = tcpl("plan", "render", str(PLAN), "-o", str(tmp_path / "kh.docx"), "--pdf")
    assert result.exit_code == 2
    assert "không tìm thấy LibreOffice" in result.stderr
    assert (tmp_path / "kh.docx").is_file()  # the document itself was written


def test_default_output_next_to_the_plan(tcpl, tmp_path: Path) -> None:
    folder = tmp_path / "huong-binh" / "2023"
    folder.mkdir(parents=True)
    (tmp_path / "huong-binh" / "commune.yaml").write_text(
        (EXAMPLE / "commune.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "plan.yaml").write_text(PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    result = tcpl("plan", "render", str(folder))
    assert result.exit_code == 0, result.output
    assert (folder / "ke-hoach-2023.docx").is_file()


# --- hostile data and templates ----------------------------------------------------------------

HOSTILE = "Phòng VH&TT <huyện> & GD&ĐT {{ 7*7 }} {% for x in y %} ]]> <w:p/> **đậm** # 1. _x_ \\ ` |a|"


def hostile_plan(tmp_path: Path, **changes: object) -> Path:
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    data["subject"] = HOSTILE
    data["opening"] = [HOSTILE, "- không phải gạch đầu dòng", "1. không phải danh sách"]
    data["sections"][0]["subsections"][0]["heading"] = HOSTILE
    data["recipients"] = [HOSTILE, "Lưu: VT."]
    data.update(changes)
    path = tmp_path / "huong-binh" / "2023" / "plan.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "huong-binh" / "commune.yaml").write_text(
        (EXAMPLE / "commune.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_hostile_text_is_printed_as_written(tcpl, tmp_path: Path) -> None:
    path = hostile_plan(tmp_path)
    out = tmp_path / "kh.docx"
    result = tcpl("plan", "render", str(path), "-o", str(out))
    assert result.exit_code == 0, result.output
    texts = document_text(out)
    assert [t.replace("\n", " ") for t in texts].count(HOSTILE) >= 2  # opening and the (balanced) subject
    assert "- không phải gạch đầu dòng" in texts and "1. không phải danh sách" in texts
    assert f"1. {HOSTILE}" in texts  # the khoản heading
    assert f"- {HOSTILE}" in texts  # a recipient
    assert check_nd30(out, doc_type="KẾ HOẠCH") == []


def test_very_long_title_and_200_tasks(tcpl, tmp_path: Path) -> None:
    tasks = [
        {
            "title": f"Nhiệm vụ số {n} " + "rất dài " * 30,
            "lines": [{"Thời gian thực hiện": f"Quý {1 + n % 4}/2023"}],
        }
        for n in range(200)
    ]
    path = hostile_plan(
        tmp_path,
        subject="Kế hoạch " + "thực hiện nhiều nhiệm vụ " * 25,
        sections=[{"heading": "NHIỆM VỤ", "tasks": tasks}, {"heading": "KINH PHÍ"}],
    )
    out = tmp_path / "kh.docx"
    result = tcpl("plan", "render", str(path), "-o", str(out))
    assert result.exit_code == 0, result.output
    texts = document_text(out)
    assert sum(1 for t in texts if t.startswith("200. Nhiệm vụ số 199")) == 1
    assert "III. KINH PHÍ" not in texts and "II. KINH PHÍ" in texts  # an empty section still renders
    assert check_nd30(out, doc_type="KẾ HOẠCH") == []


def test_template_cannot_escape_the_sandbox(tcpl, tmp_path: Path) -> None:
    template = tmp_path / "evil.md.j2"
    template.write_text("{{ plan.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8")
    out = tmp_path / "kh.docx"
    result = tcpl("plan", "render", str(PLAN), "-o", str(out), "--template", str(template))
    assert result.exit_code == 2
    assert "evil.md.j2" in result.stderr and "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{% for x in plan.sections %}", "mẫu sai cú pháp Jinja"),
        ("{{ khong_co }}", "mẫu dùng tên 'khong_co' không có trong dữ liệu"),
    ],
)
def test_broken_template_fails_cleanly_and_keeps_the_old_file(
    tcpl, tmp_path: Path, body: str, message: str
) -> None:
    template = tmp_path / "mau.md.j2"
    template.write_text(body, encoding="utf-8")
    out = tmp_path / "kh.docx"
    out.write_bytes(b"old")
    result = tcpl("plan", "render", str(PLAN), "-o", str(out), "--template", str(template), "--force")
    assert result.exit_code == 2
    assert message in result.stderr
    assert out.read_bytes() == b"old"
    assert list(tmp_path.glob(".kh.docx.*")) == []  # no temporary file left behind


def test_office_template_changes_the_wording(tcpl, tmp_path: Path) -> None:
    template = tmp_path / "mau.md.j2"
    template.write_text(
        "Căn cứ tình hình thực tế, {{ commune.name }} ban hành {{ plan.sections | length }} mục.\n"
    )
    out = tmp_path / "kh.docx"
    assert tcpl("plan", "render", str(PLAN), "-o", str(out), "--template", str(template)).exit_code == 0
    assert "Căn cứ tình hình thực tế, Hương Bình ban hành 3 mục." in document_text(out)

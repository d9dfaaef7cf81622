"""Document wording from data: template front matter, commune.yaml and office.yaml addressees,
Decree 30 words and numbers from templates/nd30.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from tcpl.cli.main import app
from tcpl.documents.front_matter import FrontMatter, fill
from tcpl.documents.style import default_style
from tcpl.errors import ConfigError
from tests.conftest import EXAMPLE

runner = CliRunner()


def paragraphs(path: Path) -> list[str]:
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return texts


@pytest.fixture
def commune(tmp_path: Path) -> Path:
    """A copy of the example commune inside a province folder with an office.yaml."""
    root = tmp_path / "hue"
    shutil.copytree(EXAMPLE, root / "huong-binh")
    return root / "huong-binh"


def test_unknown_front_matter_key_is_named() -> None:
    with pytest.raises(ConfigError, match="recipent"):
        FrontMatter.parse({"recipent": ["Lưu: VT."]}, "mau.md.j2")


def test_fill_only_replaces_its_names() -> None:
    assert fill("Số {number}/{symbol}", number="05", symbol="BC-UBND") == "Số 05/BC-UBND"
    # A template from a repository never reaches str.format.
    assert fill("{number.__class__} {0} {x}", number="05") == "{number.__class__} {0} {x}"


def test_shipped_templates_set_their_wording() -> None:
    from tcpl.documents.templating import split_front_matter
    from tcpl.resources import data_dir

    for path in sorted(data_dir("templates").glob("*.md.j2")):
        text = path.read_text(encoding="utf-8")
        body = text.split("-#}", 1)[-1]
        meta, _ = split_front_matter(body)
        FrontMatter.parse(meta, path.name)  # every key is known
        assert meta, f"{path.name} has no front matter"


def test_notice_recipients_from_template_by_unit_type(commune: Path, tmp_path: Path) -> None:
    out = tmp_path / "tb.docx"
    assert runner.invoke(app, ["notice", str(commune / "2023"), "-o", str(out)]).exit_code == 0
    texts = paragraphs(out)
    assert "- Các ban, ngành, đoàn thể xã;" in texts
    assert "- Các thôn, tổ dân phố;" in texts
    assert any(t.startswith("Số:") and t.endswith("/TB-UBND") for t in texts)


def test_commune_documents_override_template(commune: Path, tmp_path: Path) -> None:
    yaml = (commune / "commune.yaml").read_text(encoding="utf-8")
    yaml += "documents:\n  notice:\n    recipients: [Ban Thường trực Ủy ban MTTQ Việt Nam xã;, 'Lưu: VT.']\n"
    (commune / "commune.yaml").write_text(yaml, encoding="utf-8")
    out = tmp_path / "tb.docx"
    result = runner.invoke(app, ["notice", str(commune / "2023"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    texts = paragraphs(out)
    assert "- Ban Thường trực Ủy ban MTTQ Việt Nam xã;" in texts
    assert "- Các thôn, tổ dân phố;" not in texts


def test_office_documents_give_the_addressee(commune: Path, tmp_path: Path) -> None:
    yaml = (commune / "commune.yaml").read_text(encoding="utf-8")
    (commune / "commune.yaml").write_text(
        "\n".join(line for line in yaml.splitlines() if "upper_level:" not in line) + "\n",
        encoding="utf-8",
    )
    (commune.parent / "office.yaml").write_text(
        "kind: office\nissuing_body: [ỦY BAN NHÂN DÂN, THÀNH PHỐ HUẾ]\nplace: Huế\n"
        "authority: Chủ tịch Ủy ban nhân dân thành phố Huế\n"
        "documents:\n  report_q4:\n    to: [Sở Tư pháp thành phố Huế]\n",
        encoding="utf-8",
    )
    out = tmp_path / "q4.docx"
    result = runner.invoke(app, ["report", "q4", str(commune / "2023"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Kính gửi: Sở Tư pháp thành phố Huế" in paragraphs(out)
    # q2 has no office entry and the commune no upper level: the officer is told, in the terminal.
    q2 = runner.invoke(app, ["report", "q2", str(commune / "2023"), "-o", str(tmp_path / "q2.docx")])
    assert q2.exit_code == 0, q2.output
    assert "Kính gửi" in q2.output and "documents.report_q2.to" in q2.output


def test_own_template_keeps_shipped_front_matter(commune: Path, tmp_path: Path) -> None:
    template = commune / "tb.md.j2"
    template.write_text("Nội dung thông báo riêng của xã.\n", encoding="utf-8")
    out = tmp_path / "tb.docx"
    result = runner.invoke(
        app, ["notice", str(commune / "2023"), "-o", str(out), "--template", str(template)]
    )
    assert result.exit_code == 0, result.output
    texts = paragraphs(out)
    assert "THÔNG BÁO" in texts
    assert any(t.endswith("/TB-UBND") for t in texts)
    assert "Nội dung thông báo riêng của xã." in texts


def test_misspelt_key_in_own_template_fails_with_its_name(commune: Path, tmp_path: Path) -> None:
    template = commune / "tb.md.j2"
    template.write_text("---\nrecipent: Lưu: VT.\n---\nNội dung.\n", encoding="utf-8")
    result = runner.invoke(
        app, ["notice", str(commune / "2023"), "-o", str(tmp_path / "tb.docx"), "--template", str(template)]
    )
    assert result.exit_code == 2  # a template is configuration (DESIGN: exit codes)
    assert "recipent" in result.stderr and "tb.md.j2" in result.stderr
    assert not (tmp_path / "tb.docx").exists()


def test_nd30_words_come_from_the_style(commune: Path, tmp_path: Path) -> None:
    out = tmp_path / "q4.docx"
    assert runner.invoke(app, ["report", "q4", str(commune / "2023"), "-o", str(out)]).exit_code == 0
    texts = paragraphs(out)
    words = default_style().words
    assert words.quoc_hieu in texts and words.tieu_ngu in texts
    assert f"{words.noi_nhan}:" in texts
    # The annex line names the report it goes with, with room for its number and date.
    note = next(t for t in texts if t.startswith("(Kèm theo Báo cáo số"))
    assert "/BC-UBND ngày" in note and note.endswith("của Ủy ban nhân dân xã Hương Bình)")


def test_layout_numbers_are_checked_against_their_ranges(tmp_path: Path) -> None:
    from tcpl.documents.style import load_style
    from tcpl.errors import InvalidFilesError
    from tcpl.resources import data_dir

    text = (data_dir("templates") / "nd30.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "nd30.yaml"
    bad.write_text(text.replace("title_rule_share: 0.4 ", "title_rule_share: 0.9 "), encoding="utf-8")
    with pytest.raises(InvalidFilesError, match="title_rule_share"):
        load_style(bad)

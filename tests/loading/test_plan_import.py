"""`tcpl plan import`: the officer's text or Word file becomes plan.yaml without losing a sentence."""

from __future__ import annotations

from pathlib import Path

import yaml

from tcpl.loading.loader import Loader
from tcpl.loading.plan_import import import_plan
from tests.conftest import EXAMPLE
from tests.documents.helpers import EXAMPLE_TEXT, missing_lines


def test_import_finds_the_structure() -> None:
    result = import_plan(EXAMPLE_TEXT)
    data = result.data
    assert data["year"] == 2023 and data["doc_type"] == "KẾ HOẠCH"
    assert [s["heading"] for s in data["sections"]] == [
        "MỤC ĐÍCH, YÊU CẦU",
        "NHIỆM VỤ VÀ GIẢI PHÁP",
        "KINH PHÍ",
    ]
    assert [s["heading"] for s in data["sections"][0]["subsections"]] == ["Mục đích", "Yêu cầu"]
    tasks = data["sections"][1]["tasks"]
    assert len(tasks) == 8
    assert tasks[1]["lines"][0] == {
        "label": "Ngành chủ trì",
        "text": "Công chức Tư pháp xã thực hiện đăng tải và tiếp nhận, cấp phát tài liệu hướng dẫn, tuyên truyền,"
        " phổ biến về ý nghĩa, mục đích của công tác đánh giá chuẩn tiếp cận pháp luật nhằm nâng cao nhận thức"
        " của các cấp, các ngành, Nhân dân về công tác này, qua đó góp phần tăng cường các biện pháp bảo đảm"
        " thực hiện các nhiệm vụ.",
        "dash": False,
    }
    assert tasks[1]["lines"][1] == {"Ngành phối hợp": "Công chức Văn hóa - Thông tin, các ngành liên quan."}
    assert tasks[3]["lines"][1].startswith("Công chức Tư pháp tham mưu")  # a free line kept in place
    assert data["closing"][0].startswith("Trên đây là kế hoạch")
    assert result.unplaced == []


def test_import_then_render_keeps_every_line(tcpl, tmp_path: Path) -> None:
    plan = tmp_path / "huong-binh" / "2023" / "plan.yaml"
    plan.parent.mkdir(parents=True)
    (tmp_path / "huong-binh" / "commune.yaml").write_text(
        (EXAMPLE / "commune.yaml").read_text("utf-8"), "utf-8"
    )
    result = tcpl("plan", "import", str(EXAMPLE_TEXT), "-o", str(plan), "--commune", "huong-binh")
    assert result.exit_code == 0, result.output
    assert "3 mục, 8 nhiệm vụ" in result.stdout
    assert Loader().load(plan).ok
    out = tmp_path / "kh.docx"
    assert tcpl("plan", "render", str(plan), "-o", str(out)).exit_code == 0
    lines = [x for x in EXAMPLE_TEXT.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert missing_lines(lines, out) == []


def test_word_file_round_trip(tcpl, tmp_path: Path) -> None:
    out = tmp_path / "kh.docx"
    assert tcpl("plan", "render", str(EXAMPLE / "2023" / "plan.yaml"), "-o", str(out)).exit_code == 0
    again = tmp_path / "plan.yaml"
    result = tcpl("plan", "import", str(out), "-o", str(again))
    assert result.exit_code == 0, result.output
    original = yaml.safe_load((EXAMPLE / "2023" / "plan.yaml").read_text(encoding="utf-8"))
    for task in original["sections"][1]["tasks"]:  # tracking data is not part of the document
        for key in ("id", "indicators", "progress"):
            task.pop(key, None)
    imported = yaml.safe_load(again.read_text(encoding="utf-8"))
    for key in ("year", "document", "opening", "sections", "closing", "recipients"):
        want = original[key]
        if key == "document":
            want = {**want, "place": "Hương Bình"}
        assert imported[key] == want, key
    assert imported["issuing_body"] == ["ỦY BAN NHÂN DÂN", "XÃ HƯƠNG BÌNH"]
    assert imported["signer"] == {"lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "name": "Nguyễn Văn A"}
    assert " ".join(imported["subject"].split()) == original["subject"]


def test_unplaceable_lines_are_kept_and_reported(tcpl, tmp_path: Path) -> None:
    src = tmp_path / "kh.txt"
    src.write_text(
        "Ghi chú của văn thư\nKẾ HOẠCH\nCông tác năm 2025\nMở đầu.\nI. NHIỆM VỤ\nMột đoạn lạ.\n"
        "1. Việc một\n- Thời gian thực hiện: Quý I/2025\n- Một dòng tự do\n",
        encoding="utf-8",
    )
    result = tcpl("plan", "import", str(src), "-o", str(tmp_path / "plan.yaml"))
    assert result.exit_code == 0
    assert "Ghi chú của văn thư" in result.stdout  # reported
    data = yaml.safe_load((tmp_path / "plan.yaml").read_text(encoding="utf-8"))
    assert data["sections"][0]["paragraphs"] == ["Một đoạn lạ."]
    assert data["sections"][0]["tasks"][0]["lines"] == [
        {"Thời gian thực hiện": "Quý I/2025"},
        "Một dòng tự do",
    ]


def test_import_refuses_other_formats_and_existing_output(tcpl, tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    assert (
        "chỉ nhập được tệp .txt hoặc .docx"
        in tcpl("plan", "import", str(tmp_path / "a.pdf"), "-o", str(tmp_path / "p.yaml")).stderr
    )
    (tmp_path / "p.yaml").write_text("giữ nguyên", encoding="utf-8")
    result = tcpl("plan", "import", str(EXAMPLE_TEXT), "-o", str(tmp_path / "p.yaml"))
    assert result.exit_code == 2 and (tmp_path / "p.yaml").read_text(encoding="utf-8") == "giữ nguyên"

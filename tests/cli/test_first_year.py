"""A ward's first year in a province that vouches for its rules: init, fill the Vietnamese way,
score, documents; then the Excel form; then the same ward outside the province."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from tcpl import api
from tcpl.documents.checks import document_text
from tests.province import FORBIDDEN, TAG, province

VALUES = {
    "ratio": "{done: 7, total: 7}",
    "boolean": "có",
    "choice": "Tin nhắn điện thoại; Phổ biến pháp luật qua mạng xã hội, nền tảng cộng đồng",
    "deadline": "{due: 20/01/2026, done: 16/01/2026}",
}


def fill(path: Path) -> None:
    """Write a passing value after each item of the scaffold, as an officer types it."""
    kinds = {it.id: it.kind for _, _, it in api.ruleset("qd27-2025").ruleset.iter_items()}
    text = path.read_text("utf-8")
    text = re.sub(r'(?m)^  "([\d.]+)":$', lambda m: f'  "{m.group(1)}": {VALUES[kinds[m.group(1)]]}', text)
    path.write_text(text, encoding="utf-8")


def test_first_year_of_a_ward(tcpl, tmp_path: Path) -> None:
    root = province(tmp_path / "tinh")
    ward = root / "thuan-hoa"
    args = [
        "--unit",
        "phường Thuận Hóa",
        "--province",
        "tỉnh Thử Nghiệm",
        "--upper",
        "Ủy ban nhân dân tỉnh Thử Nghiệm",
    ]
    assert tcpl("init", str(ward), *args, "--year", "2026").exit_code == 0
    year = ward / "2026"
    assert tcpl("score", str(year)).exit_code == 0
    assert tcpl("init", str(ward), *args, "--year", "2026").exit_code == 1
    fill(year / "assessment.yaml")
    data = json.loads(tcpl("score", str(year), "--format", "json").stdout)
    assert data["recognized"] is True, data["reasons"] + data["undetermined"]
    for name, args_ in (("q4", ["report", "q4"]), ("tb", ["notice"])):
        out = tmp_path / f"{name}.docx"
        result = tcpl(*args_, str(year), "-o", str(out))
        assert result.exit_code == 0, result.output
        text = "\n".join(document_text(out))
        for word in (*FORBIDDEN, "DỰ THẢO"):
            assert word not in text, (name, word)
        assert not TAG.search(text) and "phường Thuận Hóa" in text and "xã Thuận Hóa" not in text
    alone = tmp_path / "ngoai" / "thuan-hoa"
    shutil.copytree(ward, alone)
    out = tmp_path / "q4-ngoai.docx"
    result = tcpl("report", "q4", str(alone / "2026"), "-o", str(out))
    text = "\n".join(document_text(out))
    assert "DỰ THẢO" in text and "Lưu ý" not in text and "An Giang" not in text
    assert "chưa được cơ quan có thẩm quyền xác nhận" in result.stdout

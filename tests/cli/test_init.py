"""`tcpl init`: a new unit's folder, a scaffold that teaches, never overwriting."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tcpl import api
from tests.province import province

ARGS = [
    "--unit",
    "phường Thuận Hóa",
    "--province",
    "thành phố Huế",
    "--upper",
    "Ủy ban nhân dân thành phố Huế",
]


def test_init_writes_a_scaffold_that_scores(tcpl, tmp_path: Path) -> None:
    folder = tmp_path / "plans" / "thuan-hoa"
    result = tcpl("init", str(folder), *ARGS, "--year", "2026")
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.yaml")) == [
        "2026/assessment.yaml",
        "2026/plan.yaml",
        "commune.yaml",
    ]
    commune = (folder / "commune.yaml").read_text("utf-8")
    assert "name: Thuận Hóa\nunit_type: phường\nprovince: thành phố Huế\n" in commune
    assert "issuing_body: [ỦY BAN NHÂN DÂN, PHƯỜNG THUẬN HÓA]" in commune
    assert "# signer:" in commune and "# officers:" in commune
    text = (folder / "2026" / "assessment.yaml").read_text("utf-8")
    for _, _, item in api.ruleset("qd27-2025").ruleset.iter_items():
        assert f'\n  "{item.id}":\n' in text, item.id
        if not item.placeholder:
            assert item.name[:40] in text.replace("\n    # ", " ").replace("\n  # ", " ")
    assert "# Cách ghi (lựa chọn)" in text and "(social_network)" in text
    assert "không phát sinh" in text and "Tài liệu kiểm chứng:" in text
    plan = (folder / "2026" / "plan.yaml").read_text("utf-8")
    assert "phường Thuận Hóa" in plan and "xã Bình Điền" not in plan and "{" not in re.sub(r"#.*", "", plan)
    assert tcpl("validate", str(folder)).exit_code == 0
    score = tcpl("score", str(folder / "2026"), "--format", "json")
    assert score.exit_code == 0
    data = json.loads(score.stdout)
    assert len(data["missing"]) == 26 and data["recognized"] is False


def test_a_second_init_refuses_and_another_year_adds(tcpl, tmp_path: Path) -> None:
    folder = tmp_path / "thuan-hoa"
    assert tcpl("init", str(folder), *ARGS, "--year", "2026").exit_code == 0
    (folder / "2026" / "assessment.yaml").write_text("# của tôi\n", encoding="utf-8")
    again = tcpl("init", str(folder), *ARGS, "--year", "2026")
    assert again.exit_code == 1
    assert "đã có, giữ nguyên" in again.stderr and "2026/assessment.yaml" in again.stderr
    assert (folder / "2026" / "assessment.yaml").read_text("utf-8") == "# của tôi\n"
    before = (folder / "commune.yaml").read_text("utf-8")
    more = tcpl("init", str(folder), *ARGS, "--year", "2027")
    assert more.exit_code == 0, more.output
    assert (folder / "2027" / "assessment.yaml").is_file()
    assert (folder / "commune.yaml").read_text("utf-8") == before


def test_init_uses_the_province_overlay(tcpl, tmp_path: Path) -> None:
    root = province(tmp_path / "tinh")
    result = tcpl("init", str(root / "thuan-hoa"), *ARGS, "--year", "2026")
    assert result.exit_code == 0 and "thu-nghiem-2026" in result.stdout
    text = (root / "thuan-hoa" / "2026" / "assessment.yaml").read_text("utf-8")
    assert "lớp bổ sung của tỉnh, dựa trên qd27-2025" in text
    assert "Nội dung thử nghiệm số 4" in text  # the province's name for 2.6.1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", "Thuận Hóa", "--province", "Huế"], "ghi loại đơn vị"),
        (["--unit", 'phường "A"', "--province", "Huế"], "ghi loại đơn vị"),
        (["--unit", "xã A", "--province", "Huế: x"], "--province"),
        (["--unit", "xã A", "--province", "Huế", "--year", "2025"], "không có bộ tiêu chí cho năm 2025"),
    ],
)
def test_bad_options_say_what_to_write(tcpl, tmp_path: Path, args: list[str], message: str) -> None:
    result = tcpl("init", str(tmp_path / "x"), *args)
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "x").exists()


def test_the_slug_has_no_diacritics() -> None:
    from tcpl.reporters.scaffold import parse_unit

    assert parse_unit("đặc khu Côn Đảo").slug == "con-dao"
    assert parse_unit("thị trấn  Phú   Đa").full == "thị trấn Phú Đa"

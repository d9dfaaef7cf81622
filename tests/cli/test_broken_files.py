"""Every kind of broken input gets one located Vietnamese message, exit code 1, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO

BROKEN = REPO / "tests" / "data" / "broken"

# file -> (line, column, what the message must say)
EXPECTED: dict[str, tuple[int, int, str]] = {
    "wrong_type.yaml": (3, 7, "phải là số nguyên"),
    "unknown_field.yaml": (4, 1, "trường 'itemz' không có trong mẫu; có phải ý bạn là 'items'?"),
    "unknown_item.yaml": (6, 3, "nội dung '9.9.9' không có trong bộ tiêu chí qd27-2025"),
    "done_greater_than_total.yaml": (5, 12, "lớn hơn tổng số"),
    "negative_count.yaml": (5, 19, "không được là số âm"),
    "negative_points.yaml": (6, 21, "không được là số âm"),
    "duplicate_key.yaml": (7, 3, "trường '2.1.1' bị lặp (đã có ở dòng 5)"),
    "alias_bomb.yaml": (4, 23, "alias bomb"),
    "recursive_alias.yaml": (4, 7, "alias đệ quy"),
    "bad_date.yaml": (5, 18, "'2026-02-30' không phải ngày"),
    "tab_indentation.yaml": (5, 1, "tab"),
    "non_utf8.yaml": (4, 10, "không phải mã UTF-8"),
    "control_character.yaml": (5, 50, "ký tự điều khiển U+0007"),
    "escaped_control_character.yaml": (5, 40, "ký tự điều khiển"),
    "wrong_ruleset_id.yaml": (2, 10, "không có bộ tiêu chí 'qd26-2025'"),
    "year_outside_ruleset.yaml": (
        3,
        7,
        "năm 2021 nằm ngoài phạm vi áp dụng của bộ tiêu chí qd25-2021 (2022–2024)",
    ),
    "year_2025_no_round.yaml": (2, 7, "Năm 2025 không có đợt đánh giá"),
    "wrong_value_for_kind.yaml": (5, 12, "ghi 'có' hoặc 'không' (true/false)"),
    "bad_choice_option.yaml": (5, 21, "lựa chọn 'tiktok' không có; ghi tên hoặc mã"),
    "syntax_error.yaml": (6, 1, "lỗi cú pháp YAML"),
    "unsafe_tag.yaml": (4, 7, "không được hỗ trợ"),
    "unknown_condition.yaml": (5, 3, "điều kiện 'no_disciplined_leaders' không có"),
    "commune_bad_id.yaml": (2, 5, "chữ thường không dấu"),
    "overlay_typo.yaml": (9, 13, "có phải ý bạn là 'required'?"),
    "multiple_documents.yaml": (3, 1, "nhiều tài liệu YAML"),
}


# Files that nothing claims for tcpl (no `kind:`, no tcpl name in a tcpl place, no tcpl shape):
# skipped as another tool's file, like a CI workflow. In a tcpl place they are errors (below).
SKIPPED = ("comments_only.yaml", "empty.yaml", "unknown_kind.yaml")


def test_every_broken_file_is_listed() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted([*EXPECTED, *SKIPPED])


@pytest.mark.parametrize("name", SKIPPED)
def test_unclaimed_file_is_skipped_and_counted(tcpl, name: str) -> None:
    result = tcpl("validate", str(BROKEN / name))
    assert result.exit_code == 0, result.output
    assert "Đã kiểm tra 0 tệp" in result.stdout
    assert f"Bỏ qua 1 tệp YAML không phải của tcpl (tests/data/broken/{name})" in result.stdout


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("empty.yaml", "1:1: lỗi TCPL005: tệp rỗng"),
        ("comments_only.yaml", "1:1: lỗi TCPL005: tệp rỗng"),
        # valid YAML, but not an assessment: the schema says what is wrong
        ("unknown_kind.yaml", "assessment.yaml:1:1: lỗi TCPL101: thiếu trường bắt buộc 'year'"),
    ],
)
def test_the_same_files_named_as_tcpl_files_are_errors(
    tcpl, tmp_path: Path, name: str, fragment: str
) -> None:
    target = tmp_path / "huong-binh" / "2026" / "assessment.yaml"
    target.parent.mkdir(parents=True)
    target.write_bytes((BROKEN / name).read_bytes())
    result = tcpl("validate", str(target))
    assert result.exit_code == 1 and fragment in result.stdout, result.stdout


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_reports_located_message(tcpl, name: str) -> None:
    line, col, fragment = EXPECTED[name]
    result = tcpl("validate", str(BROKEN / name))
    assert result.exit_code == 1, result.output
    shown = f"tests/data/broken/{name}:{line}:{col}: lỗi "
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith(shown)]
    assert lines, f"no message at {line}:{col}:\n{result.stdout}"
    assert any(fragment in ln for ln in lines), result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "name",
    sorted(n for n in EXPECTED if n not in ("commune_bad_id.yaml", "overlay_typo.yaml")),
)
def test_score_refuses_broken_assessment(tcpl, name: str) -> None:
    line, col, fragment = EXPECTED[name]
    result = tcpl("score", str(BROKEN / name))
    assert result.exit_code == 1, result.output
    assert f"{name}:{line}:{col}: " in result.stderr
    assert fragment in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_huge_file_is_refused(tcpl, tmp_path: Path) -> None:
    big = tmp_path / "assessment.yaml"
    big.write_text("kind: assessment\nyear: 2026\nnote: |\n" + ("  " + "x" * 99 + "\n") * 30_000)
    result = tcpl("validate", str(big))
    assert result.exit_code == 1
    assert ":1:1: lỗi TCPL002: tệp quá lớn" in result.stdout


def test_folder_of_broken_files_reports_each(tcpl) -> None:
    result = tcpl("validate", str(BROKEN))
    assert result.exit_code == 1
    for name in EXPECTED:
        assert f"tests/data/broken/{name}:" in result.stdout
    assert f"Đã kiểm tra {len(EXPECTED)} tệp" in result.stdout
    assert "0 hợp lệ" in result.stdout
    assert f"Bỏ qua {len(SKIPPED)} tệp YAML không phải của tcpl" in result.stdout


def test_all_problems_of_a_file_at_once(tcpl, tree) -> None:
    root = tree(
        {
            "assessment.yaml": """
            kind: assessment
            ruleset: qd27-2025
            year: 2026
            itemz: 1
            items:
              "2.1.1": true
              "2.1.1": false
              "2.4.1": {due: 2026-02-30}
              "3.2.2": {done: 12, total: 11}
              "9.9": true
            """
        }
    )
    result = tcpl("validate", str(root / "assessment.yaml"))
    positions = [
        ln.split(": lỗi")[0].rsplit(":", 2)[1:] for ln in result.stdout.splitlines() if ": lỗi " in ln
    ]
    assert positions == [["4", "1"], ["7", "3"], ["8", "18"], ["9", "12"], ["10", "3"]]

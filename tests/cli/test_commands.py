"""The commands as an officer or a CI job runs them."""

from __future__ import annotations

import json

import pytest

from tcpl.cli.main import app
from tests.conftest import EXAMPLE


def all_command_paths() -> list[list[str]]:
    import typer.main

    group = typer.main.get_command(app)
    paths: list[list[str]] = []

    def walk(cmd, prefix: list[str]) -> None:
        subs = getattr(cmd, "commands", {})
        for name, sub in subs.items():
            paths.append([*prefix, name])
            walk(sub, [*prefix, name])

    walk(group, [])
    return paths


def test_main_help_is_vietnamese_with_examples(tcpl) -> None:
    result = tcpl("--help")
    assert result.exit_code == 0
    out = result.stdout
    for phrase in (
        "Cách dùng: tcpl",
        "Ví dụ:",
        "Lệnh",
        "Tùy chọn",
        "Hiện hướng dẫn này rồi thoát.",
        "Mã thoát",
    ):
        assert phrase in out
    for english in ("Usage:", "Show this message", "Options", "Commands"):
        assert english not in out


@pytest.mark.parametrize("path", all_command_paths(), ids=lambda p: " ".join(p))
def test_every_command_help_is_vietnamese_with_an_example(tcpl, path: list[str]) -> None:
    result = tcpl(*path, "--help")
    assert result.exit_code == 0
    assert "Cách dùng:" in result.stdout
    assert "Ví dụ:" in result.stdout
    assert "Show this message" not in result.stdout and "Usage:" not in result.stdout
    if path not in (["plan"], ["rules"], ["form"]):  # a group's commands say it themselves
        assert "Mã thoát: 0" in result.stdout, path


@pytest.mark.parametrize(
    ("text", "day"), [("2026-10-01", "2026-10-01"), ("01/10/2026", "2026-10-01"), ("1/2/2026", "2026-02-01")]
)
def test_as_of_accepts_iso_and_vietnamese_dates(tcpl, text: str, day: str) -> None:
    result = tcpl("gap", str(EXAMPLE / "2026"), "--as-of", text, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["as_of"] == day


@pytest.mark.parametrize("text", ["31/13/2026", "2026/10/01", "hôm qua", "1/10"])
def test_as_of_rejects_other_text(tcpl, text: str) -> None:
    result = tcpl("gap", str(EXAMPLE / "2026"), "--as-of", text)
    assert result.exit_code == 2 and "01/10/2026" in result.stderr and text in result.stderr


def test_no_arguments_shows_help(tcpl) -> None:
    result = tcpl()
    assert result.exit_code == 0 and "Cách dùng" in result.stdout


def test_version(tcpl) -> None:
    result = tcpl("--version")
    assert result.exit_code == 0 and result.stdout.startswith("tcpl ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["score", "--bogus"], "Lỗi: không có tùy chọn --bogus"),
        (["scor"], "Lỗi: không có lệnh 'scor'; có phải ý bạn là 'score'?"),
        (["score"], "Lỗi: thiếu tham số"),
        (["score", "khong-co-thu-muc-nay"], "Lỗi: không tìm thấy 'khong-co-thu-muc-nay'"),
        (
            ["score", str(EXAMPLE / "2026"), "--format", "xml"],
            "--format phải là một trong: table, json, markdown (không phải 'xml')",
        ),
        (["gap", str(EXAMPLE / "2026"), "--as-of", "2026-13-01"], "--as-of phải là một ngày"),
        (["schema", "ke-hoach"], "loại tệp phải là một trong"),
    ],
)
def test_usage_errors_exit_2_in_vietnamese(tcpl, args: list[str], message: str) -> None:
    result = tcpl(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_score_2026_json_follows_the_contract(tcpl) -> None:
    result = tcpl("score", str(EXAMPLE / "2026"), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["commune"] == "huong-binh" and data["year"] == 2026
    assert data["ruleset"] == "qd27-2025" and data["model"] == "pass_fail"
    assert data["recognized"] is False
    assert data["total_points"] is None and data["max_points"] is None
    assert [c["id"] for c in data["criteria"]] == ["1", "2", "3"]
    assert sum(len(c["indicators"]) for c in data["criteria"]) == 14
    item = data["criteria"][1]["indicators"][1]["items"][0]
    assert item == {
        **item,
        "id": "2.2.1",
        "met": False,
        "points": None,
        "missing": False,
        "value": {
            "done": 10,
            "total": 12,
            "note": "02 quyết định cá biệt chưa đăng tải trên Trang thông tin điện tử",
        },
    }
    assert data["conditions"] == []
    assert any(r.startswith("Chỉ tiêu 2.2 chưa đạt") for r in data["reasons"])
    assert data["warnings"]


def test_score_2023_shows_total_out_of_100_and_criterion_points(tcpl) -> None:
    data = json.loads(tcpl("score", str(EXAMPLE / "2023"), "--format", "json").stdout)
    assert data["model"] == "points" and data["base_ruleset"] == "qd25-2021"
    assert (data["total_points"], data["max_points"]) == (89, 100)
    assert [(c["points"], c["max_points"]) for c in data["criteria"]] == [
        (8, 10),
        (27, 30),
        (17, 20),
        (18, 20),
        (19, 20),
    ]
    assert data["recognized"] is True
    table = tcpl("score", str(EXAMPLE / "2023")).stdout
    assert "Tổng điểm: 89/100, cần ≥ 80" in table
    assert "ĐẠT CHUẨN TIẾP CẬN PHÁP LUẬT" in table


def test_score_table_names_reasons_and_unverified_rules(tcpl) -> None:
    out = tcpl("score", str(EXAMPLE / "2026")).stdout
    assert "CHƯA ĐẠT CHUẨN TIẾP CẬN PHÁP LUẬT" in out
    assert "Chỉ tiêu 2.2 chưa đạt" in out
    assert "Chưa xác định:" in out and "3.2.2" in out
    assert "chưa xác minh" in out


def test_explain_shows_value_rule_and_result_per_item(tcpl) -> None:
    out = tcpl("score", str(EXAMPLE / "2026"), "--explain").stdout
    assert "10/12 văn bản (83,3%); đạt khi tỷ lệ đạt 100%" in out
    assert "hạn 20/01/2026, hoàn thành ngày 16/01/2026" in out


def test_markdown_format(tcpl) -> None:
    out = tcpl("score", str(EXAMPLE / "2023"), "--format", "markdown").stdout
    assert out.startswith("## Xã Hương Bình — năm 2023")
    assert "| **2** | **Tiếp cận thông tin, phổ biến, giáo dục pháp luật** | **27** | 30 | Đạt |" in out


@pytest.mark.parametrize(("year", "code"), [("2023", 0), ("2026", 1)])
def test_require_recognized(tcpl, year: str, code: int) -> None:
    assert tcpl("score", str(EXAMPLE / year), "--require-recognized").exit_code == code


def test_score_accepts_the_assessment_file_and_an_explicit_ruleset(tcpl, tree) -> None:
    root = tree(
        {
            "tinh.yaml": """
        id: tinh-x
        extends: qd27-2025
        criteria:
          - id: "3"
            indicators:
              - id: "3.2"
                items:
                  - id: "3.2.2"
                    required: 0.8
        """,
        }
    )
    data = json.loads(
        tcpl(
            "score",
            str(EXAMPLE / "2026" / "assessment.yaml"),
            "--ruleset",
            str(root / "tinh.yaml"),
            "--format",
            "json",
        ).stdout
    )
    assert data["ruleset"] == "tinh-x" and data["base_ruleset"] == "qd27-2025"
    item = data["criteria"][2]["indicators"][1]["items"][1]
    assert item["id"] == "3.2.2" and item["met"] is True  # 9/11 = 81.8 % >= 80 %


def test_gap_2026(tcpl) -> None:
    result = tcpl("gap", str(EXAMPLE / "2026"), "--as-of", "2026-10-01", "--format", "json")
    data = json.loads(result.stdout)
    assert [s["item"] for s in data["steps"]] == ["2.2.1", "2.4.2", "3.4.4"]
    assert data["steps"][0]["new_value"]["done"] == 12
    assert data["feasible"] is None  # some levels are unknown in qd27-2025
    table = tcpl("gap", str(EXAMPLE / "2026"), "--as-of", "2026-10-01").stdout
    assert "cần thêm 2 văn bản đã công khai để đạt 12/12 (100%)" in table


def test_rules_list_and_show(tcpl) -> None:
    out = tcpl("rules", "list").stdout
    assert "qd25-2021" in out and "qd27-2025" in out and "2022–2024" in out
    tree = tcpl("rules", "show", "qd25-2021").stdout
    assert "Tiêu chí 2" in tree and "điểm tối đa chưa xác minh" in tree
    assert "5.3" in tree and "người đứng đầu" in tree
    data = json.loads(tcpl("rules", "show", "qd27-2025", "--format", "json").stdout)
    assert data["id"] == "qd27-2025" and len(data["criteria"]) == 3


@pytest.mark.parametrize("kind", ["ruleset", "assessment", "commune", "plan"])
def test_schema(tcpl, kind: str) -> None:
    data = json.loads(tcpl("schema", kind).stdout)
    assert data["type"] == "object" and data["additionalProperties"] is False
    assert "properties" in data


def test_machine_output_has_no_colour_codes_even_when_forced(tcpl, monkeypatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = tcpl("score", str(EXAMPLE / "2026"), "--format", "json").stdout
    assert "\x1b[" not in out
    json.loads(out)


def test_validate_example_tree_is_clean(tcpl) -> None:
    result = tcpl("validate", str(EXAMPLE), str(EXAMPLE.parents[1] / "criteria"))
    assert result.exit_code == 0, result.stdout
    assert "0 lỗi" in result.stdout


def test_help_shows_no_english_type_names_or_metavars(tcpl) -> None:
    for path in all_command_paths():
        out = tcpl(*path, "--help").stdout
        for english in (
            "[OPTIONS]",
            "COMMAND [ARGS]",
            "<bool>",
            "<str>",
            "<path>",
            "<int>",
            "{path}",
            "{ident}",
        ):
            assert english not in out, (path, english)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["score", "a", "b"], "Lỗi: thừa tham số: b"),
        (["summary", "plans", "--year", "abc"], "giá trị không hợp lệ cho '--year': phải là số nguyên"),
        (
            ["report", "q1", str(EXAMPLE / "2026"), "--as-of", "2019-01-01"],
            "--as-of phải là một ngày của năm 2026",
        ),
    ],
)
def test_more_usage_errors_in_vietnamese(tcpl, args: list[str], message: str) -> None:
    result = tcpl(*args)
    assert result.exit_code == 2 and message in result.stderr


def test_template_errors_are_configuration_errors_not_internal(tcpl, tmp_path) -> None:
    template = tmp_path / "vong-lap.md.j2"
    template.write_text("{% for i in range(100000000) %}{{ i }}{% endfor %}", encoding="utf-8")
    result = tcpl(
        "plan",
        "render",
        str(EXAMPLE / "2023" / "plan.yaml"),
        "-o",
        str(tmp_path / "x.docx"),
        "--template",
        str(template),
    )
    assert (
        result.exit_code == 2 and "môi trường an toàn" in result.stderr and "Lỗi nội bộ" not in result.stderr
    )


@pytest.mark.parametrize(
    ("args", "fmt"),
    [
        (["score", str(EXAMPLE / "2023")], "md"),
        (["score", str(EXAMPLE / "2023")], "Markdown"),
        (["gap", str(EXAMPLE / "2026")], "MD"),
    ],
)
def test_md_and_markdown_mean_the_same(tcpl, args: list[str], fmt: str) -> None:
    result = tcpl(*args, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("## ")
    assert result.stdout == tcpl(*args, "--format", "markdown").stdout


def test_document_format_accepts_markdown_for_md(tcpl, tmp_path) -> None:
    out = tmp_path / "tb.md"
    result = tcpl("notice", str(EXAMPLE / "2023"), "--format", "markdown", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "THÔNG BÁO" in out.read_text("utf-8")


@pytest.mark.parametrize(
    "path", [["rules", "list"], ["rules", "show", "qd27-2025"], ["plan", "status", str(EXAMPLE / "2023")]]
)
def test_every_format_option_rejects_unknown_values(tcpl, path: list[str]) -> None:
    result = tcpl(*path, "--format", "xml")
    assert result.exit_code == 2 and "--format phải là một trong" in result.stderr


def test_scoresheet_to_word_and_excel_loads_the_year_once(tcpl, tmp_path, monkeypatch) -> None:
    from tcpl import api

    loads = []
    real = api.load_year

    def counted(*args, **kwargs):
        loads.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(api, "load_year", counted)
    docx, xlsx = tmp_path / "bd.docx", tmp_path / "bd.xlsx"
    result = tcpl("scoresheet", str(EXAMPLE / "2023"), "-o", str(docx), "--xlsx", str(xlsx))
    assert result.exit_code == 0 and docx.is_file() and xlsx.is_file()
    assert len(loads) == 1

"""Hostile and broken input, as a pull request to a province's repository can carry it.

Each case: exit 1 with the file and line (or a usage error, exit 2, for a bad option), no
traceback, no internal error, no hang, nothing read or written outside the repository, and the
other communes of the tree still checked.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLE

LOCATED = re.compile(r"[^\s:]+\.ya?ml:\d+:\d+: lỗi TCPL\d{3}")
SECRET = "TCPL_TEST_SECRET_VALUE"


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(*args: str, seconds: int = 20) -> Any:
    from tcpl.cli.main import app

    with deadline(seconds):
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    text = result.stdout + result.stderr
    assert "Traceback" not in text and "Lỗi nội bộ" not in text and "lỗi nội bộ" not in text, text
    return result


@pytest.fixture
def province(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A province repository: the example commune (good) and a commune 'moi' to break."""
    root = tmp_path / "kho"
    shutil.copytree(EXAMPLE, root / "huong-binh")
    (root / "moi" / "2026").mkdir(parents=True)
    (root / "moi" / "commune.yaml").write_text(
        (EXAMPLE / "commune.yaml").read_text(encoding="utf-8").replace("id: huong-binh", "id: moi"),
        encoding="utf-8",
    )
    (tmp_path / "outside.txt").write_text(f"secret: {SECRET}\n", encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv(SECRET, SECRET)
    return root


def assessment(root: Path, body: str, name: str = "assessment.yaml") -> Path:
    path = root / "moi" / "2026" / name
    path.write_text("kind: assessment\nyear: 2026\n" + body, encoding="utf-8")
    return path


def checked(root: Path, *, code: int = 1, **kwargs: Any) -> str:
    result = run("check", ".", **kwargs)
    assert result.exit_code == code, result.output
    assert "huong-binh/2026/assessment.yaml: xã Bình Điền năm 2026" in result.stdout  # others still scored
    assert SECRET not in result.output and "root:" not in result.output
    return str(result.stdout)


# --- reading what a data file names ----------------------------------------------------------


@pytest.mark.parametrize(
    "ref",
    [
        "/proc/self/environ",
        "../../../outside.txt",
        "../../../../../../../../etc/passwd",
        "/proc/kmsg",
        "/dev/zero",
    ],
)
def test_a_ruleset_named_outside_the_repository_is_not_read(province: Path, ref: str) -> None:
    assessment(province, f"ruleset: {ref}\nitems: {{}}\n")
    out = checked(province)
    assert re.search(r"moi/2026/assessment\.yaml:3:10: lỗi TCPL301: .*(tuyệt đối|ngoài kho)", out)


def test_an_overlay_extending_a_file_outside_is_not_read(province: Path) -> None:
    (province / "moi" / "2026" / "tinh.yaml").write_text(
        "id: tinh\nextends: ../../../outside.txt\ncriteria: []\n", encoding="utf-8"
    )
    assessment(province, "ruleset: ./tinh.yaml\nitems: {}\n")
    out = checked(province)
    assert "moi/2026/tinh.yaml:2:10: lỗi TCPL203" in out and "ngoài kho" in out


@pytest.mark.parametrize("kind", ["fifo", "zero", "outside", "loop"])
def test_an_assessment_that_is_not_a_regular_file_in_the_tree(province: Path, kind: str) -> None:
    path = province / "moi" / "2026" / "assessment.yaml"
    # with a plan beside it: an unreadable assessment is not a missing one (no TCPL323)
    shutil.copy(EXAMPLE / "2026" / "plan.yaml", path.parent / "plan.yaml")
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    elif kind == "outside":
        path.symlink_to(province.parent / "outside.txt")
    else:
        path.symlink_to("danh-gia.yaml")
        (path.parent / "danh-gia.yaml").symlink_to("assessment.yaml")
    out = checked(province, seconds=10)
    assert "moi/2026/assessment.yaml:1:1: lỗi TCPL001" in out
    assert "TCPL323" not in out


def test_a_fifo_given_by_name_does_not_hang_score(province: Path) -> None:
    os.mkfifo(province / "moi" / "2026" / "assessment.yaml")
    result = run("score", "moi/2026", seconds=10)
    assert result.exit_code == 1 and "moi/2026/assessment.yaml:1:1" in result.stderr


def test_an_unreadable_folder_and_a_folder_named_like_a_file_are_reported(
    province: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (province / "moi" / "2026" / "assessment.yaml").mkdir()
    (province / "khoa").mkdir()
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if str(path).endswith("khoa"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out = checked(province)
    assert "moi/2026/assessment.yaml:1:1: lỗi TCPL016" in out
    assert "khoa:1:1: lỗi TCPL015: không đọc được thư mục (không có quyền truy cập)" in out


def test_a_file_name_that_is_not_utf8_is_shown_escaped(province: Path) -> None:
    name = os.fsdecode(b"moi/2026/t\xffn\x1b.yaml")
    Path(name).write_text("kind: plan\nyear: 2026\nsubject: [x\n", encoding="utf-8")
    out = checked(province)
    assert "moi/2026/t\\xffn\\x1b.yaml:4:1: lỗi TCPL006" in out
    result = run("check", ".", "--format", "junit")
    ET.fromstring(result.stdout)  # well-formed


# --- what tcpl writes ---------------------------------------------------------------------


def test_a_report_is_never_written_through_a_committed_link(province: Path) -> None:
    (province / "tcpl.xml").symlink_to(province.parent / "outside.txt")
    result = run("check", ".", "--format", "junit", "-o", "tcpl.xml")
    assert result.exit_code == 2 and "liên kết" in result.stderr
    assert SECRET in (province.parent / "outside.txt").read_text(encoding="utf-8")


def test_a_report_is_never_written_over_an_input(province: Path) -> None:
    target = province / "huong-binh" / "2026" / "assessment.yaml"
    before = target.read_bytes()
    result = run("check", ".", "--format", "json", "-o", "huong-binh/2026/assessment.yaml")
    assert result.exit_code == 2 and "tệp đầu vào" in result.stderr
    assert target.read_bytes() == before


def test_a_full_disk_is_a_clear_message(province: Path) -> None:
    result = run("check", ".", "--format", "json", "-o", "/dev/full")
    assert result.exit_code == 2 and "ổ đĩa đã đầy" in result.stderr


def test_a_revision_never_reaches_git_as_an_option(province: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git missing")
    env = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "init", "-q", "."], check=True)
    subprocess.run(["git", *env, "add", "."], check=True)
    subprocess.run(["git", *env, "commit", "-qm", "v1"], check=True)
    rel = "huong-binh/2026/assessment.yaml"
    for spec in (
        "--output=../elsewhere",
        "--output=../elsewhere:" + rel,
        "-p:" + rel,
        "HEAD --output=x:" + rel,
    ):
        result = run("diff", "--", spec, rel)
        assert result.exit_code == 2
    assert not (province.parent / "elsewhere").exists() and not (province / "x").exists()
    # a path in the old version that leaves the repository is not followed
    (province / "huong-binh" / "2026" / "assessment.yaml").write_text(
        "kind: assessment\nyear: 2026\nruleset: ../../../../outside.txt\nitems: {}\n", encoding="utf-8"
    )
    subprocess.run(["git", *env, "commit", "-qam", "v2"], check=True)
    result = run("diff", f"HEAD:{rel}", f"HEAD~1:{rel}")
    assert result.exit_code == 1 and SECRET not in result.output
    assert (
        "HEAD:huong-binh/2026/assessment.yaml:3:10: lỗi TCPL301: '../../../../outside.txt' nằm ngoài kho"
        in result.stderr
    )


# --- printed output ---------------------------------------------------------------------------


def test_no_workflow_command_reaches_a_log(province: Path) -> None:
    assessment(
        province,
        'items:\n  "\\n::error file=x::pwned\\n::add-mask::secret\\n##[warning]legacy": true\n',
    )
    for args in (("validate", "."), ("check", "."), ("check", ".", "--format", "json")):
        result = run(*args)
        for line in result.output.splitlines():
            assert not line.lstrip().startswith("::") and "##[" not in line, line
    github = run("check", ".", "--format", "github").stdout
    for line in github.splitlines():  # only tcpl's own annotations, one per line
        assert line.startswith(("::error file=", "::warning file=", "::notice title=tcpl::")), line


def test_markdown_output_cannot_be_restructured_by_a_name(province: Path) -> None:
    commune = province / "moi" / "commune.yaml"
    commune.write_text(
        commune.read_text(encoding="utf-8").replace(
            "name: Bình Điền", 'name: "X</h2><script>x</script>\\n# ĐẠT"'
        ),
        encoding="utf-8",
    )
    assessment(province, "items: {}\n")
    out = run("score", "moi/2026", "--format", "markdown").stdout
    assert "<script>" not in out and not any(line.startswith("# ") for line in out.splitlines())


def test_spreadsheet_cells_from_data_stay_text(province: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    commune = province / "huong-binh" / "commune.yaml"
    commune.write_text(
        commune.read_text(encoding="utf-8").replace(
            "province: thành phố Huế", 'province: "=HYPERLINK(\\"http://x\\")"'
        ),
        encoding="utf-8",
    )
    xlsx, csv = tmp_path / "a.xlsx", tmp_path / "a.csv"
    assert run("summary", ".", "--year", "2026", "-o", str(xlsx)).exit_code == 0
    cells = [c for row in load_workbook(xlsx).active.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert run("summary", ".", "--year", "2026", "-o", str(csv)).exit_code == 0
    assert "'=HYPERLINK" in csv.read_text(encoding="utf-8-sig")


def test_invisible_characters_are_refused_where_they_are(province: Path) -> None:
    assessment(province, 'items:\n  "2.1.1": true\nnarrative: {proposals: ["Đề nghị\u202e ngược"]}\n')
    out = checked(province)
    assert "moi/2026/assessment.yaml:5:33: lỗi TCPL004: ký tự điều khiển hướng chữ U+202E" in out


# --- values and shapes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "where", "words"),
    [
        ('items:\n  "1.1.1": {done: 010, total: 10}\n', "4:19", "số 0 ở đầu"),
        ('items:\n  "1.1.1": {done: 1:30, total: 100}\n', "4:19", "'1:30'"),
        ('items:\n  "1.1.1": {done: .nan, total: 3}\n', "4:19", "không phải một số"),
        ('items:\n  "1.1.1": {done: 1, total: ' + "9" * 401 + "}\n", "4:29", "số quá lớn"),
        ('items:\n  "2.4.1": {due: 2026-01-15T10:00:00, done: 2026-01-10}\n', "4:18", "có cả giờ"),
        ("items:\n  " + "[" * 500 + "]" * 500 + "\n", "4:", "lồng quá sâu"),
    ],
)
def test_values_yaml_reads_differently_are_refused_at_their_place(
    province: Path, body: str, where: str, words: str
) -> None:
    assessment(province, body)
    out = checked(province)
    assert f"moi/2026/assessment.yaml:{where}" in out and words in out


def test_deep_nesting_never_crashes_the_parser(province: Path) -> None:
    assessment(province, "items: " + "[" * 200_000 + "]" * 200_000 + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "tcpl", "check", "."], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1 and "moi/2026/assessment.yaml:3:" in done.stdout


def test_aliases_cannot_multiply_a_file(province: Path) -> None:
    word = "x" * 1000
    lines = [f"a0: &a0 [{', '.join([word] * 100)}]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 4)]
    path = province / "moi" / "2026" / "plan.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = checked(province)
    assert "moi/2026/plan.yaml:" in out and "TCPL007" in out


@pytest.fixture
def count_ruleset(province: Path) -> Path:
    path = province / "moi" / "2026" / "dem.yaml"
    path.write_text(
        "id: dem\ntitle: Bộ đếm\nyears: {from: 2026}\nmodel: points\nmax_points: 10\n"
        "recognition: {total_at_least: 5, criterion_share_at_least: 0.5}\n"
        "criteria:\n  - id: '1'\n    name: Tiêu chí\n    max_points: 10\n    indicators:\n"
        "      - id: '1.1'\n        name: Chỉ tiêu\n        max_points: 10\n        items:\n"
        "          - {id: '1.1.1', name: Hội nghị, kind: count, required: 2, points: 5}\n"
        "          - {id: '1.1.2', name: Tự chấm, kind: points, points: 5}\n",
        encoding="utf-8",
    )
    return path


def test_a_count_is_a_plain_integer(province: Path, count_ruleset: Path) -> None:
    assessment(province, 'ruleset: ./dem.yaml\nitems:\n  "1.1.1": 5\n  "1.1.2": {points: 5}\n')
    result = run("score", "moi/2026", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total_points"] == 10


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("true", "lỗi TCPL103: phải là số"),
        ('"năm"', "lỗi TCPL104: ghi một số, ví dụ 22,5 hoặc 22.5 (không phải 'năm')"),
    ],
)
def test_points_are_numbers_not_words(province: Path, count_ruleset: Path, value: str, message: str) -> None:
    assessment(province, f'ruleset: ./dem.yaml\nitems:\n  "1.1.1": 5\n  "1.1.2": {{points: {value}}}\n')
    out = checked(province)
    assert f"moi/2026/assessment.yaml:6:21: {message}" in out


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ("max_points: 10\n    indicators", "max_points: 12\n    indicators"),
        ("        max_points: 10\n        items", "        max_points: 11\n        items"),
    ],
)
def test_maxima_that_cannot_hold_are_refused(
    province: Path, count_ruleset: Path, change: str, words: str
) -> None:
    text = count_ruleset.read_text(encoding="utf-8").replace(change, words)
    count_ruleset.write_text(text, encoding="utf-8")
    assessment(province, 'ruleset: ./dem.yaml\nitems:\n  "1.1.1": 5\n')
    out = checked(province)
    assert "moi/2026/dem.yaml:1:1: lỗi TCPL104" in out and ("vượt" in out or "khác tổng" in out)


def test_gap_is_fast_for_an_indicator_with_many_items(province: Path) -> None:
    items = "\n".join(
        f"          - {{id: '1.1.{n}', name: N{n}, kind: ratio, bands: [{{at_least: 1.0, points: 1}},"
        f" {{at_least: 0.5, points: 0.5}}]}}"
        for n in range(1, 31)
    )
    (province / "moi" / "2026" / "nhieu.yaml").write_text(
        "id: nhieu\ntitle: Nhiều\nyears: {from: 2026}\nmodel: points\n"
        "recognition: {total_at_least: 25, criterion_share_at_least: 0.5}\n"
        "criteria:\n  - id: '1'\n    name: T\n    max_points: 30\n    indicators:\n"
        f"      - id: '1.1'\n        name: C\n        max_points: 30\n        items:\n{items}\n",
        encoding="utf-8",
    )
    values = "\n".join(f'  "1.1.{n}": {{done: 1, total: 4}}' for n in range(1, 31))
    assessment(province, f"ruleset: ./nhieu.yaml\nitems:\n{values}\n")
    result = run("gap", "moi/2026", "--format", "json", seconds=10)
    assert result.exit_code == 0 and len(json.loads(result.stdout)["steps"]) == 25


def test_many_unknown_ids_are_reported_quickly(province: Path) -> None:
    body = "items:\n" + "".join(f'  "9.9.{n}": true\n' for n in range(10_000))
    assessment(province, body)
    result = run("validate", "moi", seconds=10)
    assert result.exit_code == 1 and "và 9950 nội dung khác" in result.stdout


def test_columns_are_those_of_the_file_as_saved(province: Path) -> None:
    nfd = "Hu\u031bo\u031b\u0300ng"  # "Hường" written with combining marks
    assessment(province, f'items:\n  "2.1.1": true\nnarrative: {{proposals: ["{nfd}"]}}\nx: 1\n')
    out = checked(province)
    assert "moi/2026/assessment.yaml:6:1: lỗi TCPL102" in out


def test_plan_new_refuses_a_bad_year_before_writing(province: Path) -> None:
    result = run("plan", "new", "huong-binh/2023/plan.yaml", "--year", "0", "-o", "moi/2026/plan.yaml")
    assert result.exit_code == 2 and not (province / "moi" / "2026" / "plan.yaml").exists()


# --- templates and Word files -------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        '{{ "a" * 10**9 }}',
        "{{ 9**(9**9) }}",
        "{% for i in range(100000) %}x\n{% endfor %}",
        '{{ ""|center(10**9) }}',
        '{% include "secret.md.j2" %}',
    ],
)
def test_a_hostile_template_is_stopped_quickly(province: Path, body: str) -> None:
    template = province / "mau.md.j2"
    template.write_text(body, encoding="utf-8")
    (province / "secret.md.j2").symlink_to(province.parent / "outside.txt")
    result = run(
        "plan", "render", "huong-binh/2023/plan.yaml", "--template", "mau.md.j2", "-o", "k.docx", seconds=15
    )
    assert result.exit_code == 2 and "mau.md.j2" in result.stderr and SECRET not in result.output
    assert not (province / "k.docx").exists()


def test_a_word_file_that_unpacks_too_big_is_refused(province: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "ke-hoach.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>" + " " * (40 * 1024 * 1024) + "</w:document>")
    assert bomb.stat().st_size < 1024 * 1024
    result = run("plan", "import", str(bomb), "-o", "moi/2026/plan.yaml", seconds=10)
    assert result.exit_code == 2 and "quá lớn" in result.stderr


def test_calendar_text_has_no_bare_carriage_return(province: Path, tmp_path: Path) -> None:
    plan = province / "huong-binh" / "2026" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    old = "  - title: Ban hành kế hoạch, văn bản chỉ đạo, hướng dẫn, đôn đốc triển khai thực hiện"
    plan.write_text(text.replace(old, '  - title: "Dòng\\rhai"'), encoding="utf-8")
    ics = tmp_path / "lich.ics"
    result = run("calendar", "huong-binh/2026", "--ics", str(ics))
    assert result.exit_code == 0, result.output
    data = ics.read_bytes()
    assert "Dòng\\nhai".encode() in data and b"\r" not in data.replace(b"\r\n", b"")

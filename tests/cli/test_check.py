"""`tcpl check` over a tree of hundreds of communes with one broken file, in every format."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from tcpl.loading.tree import scan_tree
from tcpl.reporters.tree import annotation
from tests.conftest import EXAMPLE, REPO

COMMUNES = 150


@pytest.fixture(scope="module")
def broken_tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("tree") / "tinh"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "generate_tree.py"),
            str(root),
            "--communes",
            str(COMMUNES),
            "--broken",
            "1",
            "--seed",
            "3",
        ],
        check=True,
        capture_output=True,
    )
    broken = (root / "broken.tsv").read_text(encoding="utf-8").splitlines()[1].split("\t")[0]
    (root / "broken.tsv").unlink()
    return root, broken


def test_the_tree_is_large_and_has_one_broken_file(broken_tree: tuple[Path, str]) -> None:
    root, broken = broken_tree
    files = list(root.rglob("*.yaml"))
    assert len(files) == 3 * COMMUNES
    assert broken.endswith("/assessment.yaml") and (root / broken).is_file()


def _broken_path(root: Path, broken: str) -> Path:
    return root / broken


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit", "sarif"])
def test_every_format_reports_the_broken_file_and_scores_the_rest(
    tcpl, broken_tree: tuple[Path, str], fmt: str
) -> None:
    root, broken = broken_tree
    result = tcpl("check", str(root), "--format", fmt)
    assert result.exit_code == 1
    target = _broken_path(root, broken).name
    out = result.stdout
    assert target in out
    scanned = scan_tree([root])
    bad = [d for d in scanned.diagnostics if d.path.endswith(target)]
    # the generator broke the YAML syntax: PyYAML, asked directly, says where (0-based)
    with pytest.raises(yaml.MarkedYAMLError) as syntax:
        yaml.safe_load((root / broken).read_text(encoding="utf-8"))
    mark = syntax.value.problem_mark
    assert mark is not None and (bad[0].line, bad[0].col) == (mark.line + 1, mark.column + 1)
    assert "lỗi cú pháp YAML" in bad[0].message
    scored = len(scanned.communes)
    assert scored == COMMUNES - 1  # the broken assessment is not scored; every other commune is
    if fmt == "text":
        assert f"{bad[0].path}:{bad[0].line}:{bad[0].col}: lỗi" in out
        assert f"Đã chấm {scored} xã-năm" in out
    elif fmt == "json":
        data = json.loads(out)
        assert data["status"] == "fail" and data["summary"]["commune_years"] == scored
        d = next(d for d in data["diagnostics"] if d["path"].endswith(target))
        assert (d["line"], d["col"]) == (bad[0].line, bad[0].col)
    elif fmt == "github":
        line = next(ln for ln in out.splitlines() if target in ln)
        assert re.fullmatch(r"::error file=[^,]+,line=\d+,col=\d+,title=[^:]+::.+", line), line
        assert f",line={bad[0].line},col={bad[0].col}," in line
    elif fmt == "junit":
        root_el = ET.fromstring(out)
        cases = root_el.findall(".//testcase")
        files = [c for c in cases if c.get("classname") == "tcpl.files"]
        communes = [c for c in cases if c.get("classname") == "tcpl.communes"]
        assert len(files) == 3 * COMMUNES and len(communes) == scored
        failing = [c for c in files if c.find("failure") is not None]
        assert [c.get("name") for c in failing] == [bad[0].path]
        assert f":{bad[0].line}:{bad[0].col}:" in failing[0].find("failure").text
        suite = root_el.find("testsuite[@name='tcpl.files']")
        assert suite.get("tests") == str(3 * COMMUNES) and suite.get("failures") == "1"
    else:
        sarif = json.loads(out)
        assert sarif["version"] == "2.1.0"
        run = sarif["runs"][0]
        assert run["tool"]["driver"]["name"] == "tcpl"
        res = next(
            r
            for r in run["results"]
            if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(target)
        )
        region = res["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (bad[0].line, bad[0].col)
        assert res["level"] == "error" and res["ruleId"] in {r["id"] for r in run["tool"]["driver"]["rules"]}


def test_parallel_scan_equals_serial(broken_tree: tuple[Path, str]) -> None:
    root, _ = broken_tree
    serial = scan_tree([root], workers=1)
    parallel = scan_tree([root], workers=2)
    assert [d.format() for d in serial.diagnostics] == [d.format() for d in parallel.diagnostics]
    assert [c.to_json() for c in serial.communes] == [c.to_json() for c in parallel.communes]
    assert all(c.name for c in parallel.communes)  # names come from the commune.yaml files


def test_auto_format_is_github_in_actions_and_writes_the_step_summary(
    tcpl, broken_tree, tmp_path, monkeypatch
) -> None:
    root, broken = broken_tree
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = tcpl("check", str(root))
    assert result.exit_code == 1
    assert result.stdout.startswith("::error ")
    assert result.stdout.splitlines()[-1].startswith("::notice title=tcpl::")
    text = summary.read_text(encoding="utf-8")
    assert "## Kết quả tcpl check" in text and _broken_path(root, broken).name in text
    assert "| Tệp | Dòng | Cột | Mức | Mã | Nội dung |" in text


def test_annotation_escaping() -> None:
    line = annotation("error", "50% xong\ndòng 2", file="a,b:c.yaml", line=3, col=4, title="T: x")
    assert line == "::error file=a%2Cb%3Ac.yaml,line=3,col=4,title=T%3A x::50%25 xong%0Adòng 2"


def test_require_recognized_and_output_file(tcpl, tmp_path: Path) -> None:
    assert tcpl("check", str(EXAMPLE)).exit_code == 0
    out = tmp_path / "ket-qua.xml"
    result = tcpl(
        "check", str(EXAMPLE), "--require-recognized", "--format", "junit", "--output-file", str(out)
    )
    assert result.exit_code == 1 and result.stdout == ""
    failures = [c for c in ET.parse(out).getroot().iter("testcase") if c.find("failure") is not None]
    assert [c.get("name") for c in failures] == ["huong-binh 2026"]


def test_unknown_format_is_a_usage_error(tcpl) -> None:
    result = tcpl("check", str(EXAMPLE), "--format", "xml")
    assert result.exit_code == 2 and "--format phải là một trong" in result.stderr


def test_tree_level_problems(tcpl, tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "tinh"
    shutil.copytree(EXAMPLE, root / "huong-binh")
    # a second assessment file in a year folder, a year folder with a plan only, a wrong commune id,
    # and a YAML file that is not a tcpl file at all
    a2026 = (root / "huong-binh" / "2026" / "assessment.yaml").read_text("utf-8")
    (root / "huong-binh" / "2026" / "danh-gia.yaml").write_text(a2026, "utf-8")
    (root / "huong-binh" / "2027").mkdir()
    plan = (root / "huong-binh" / "2026" / "plan.yaml").read_text("utf-8").replace("year: 2026", "year: 2027")
    (root / "huong-binh" / "2027" / "plan.yaml").write_text(plan, "utf-8")
    a2023 = root / "huong-binh" / "2023" / "assessment.yaml"
    a2023.write_text(a2023.read_text("utf-8").replace("commune: huong-binh", "commune: huong-binhh"), "utf-8")
    (root / "workflow.yml").write_text("name: ci\non: [push]\njobs: {}\n", "utf-8")
    data = json.loads(tcpl("check", str(root), "--format", "json").stdout)
    codes = {(Path(d["path"]).name, d["code"]) for d in data["diagnostics"]}
    assert ("danh-gia.yaml", "TCPL324") in codes
    assert ("plan.yaml", "TCPL323") in codes
    assert ("assessment.yaml", "TCPL321") in codes
    (mismatch,) = [d for d in data["diagnostics"] if d["code"] == "TCPL321"]
    line = next(n for n, t in enumerate(a2023.read_text("utf-8").splitlines(), 1) if t.startswith("commune:"))
    assert (mismatch["line"], mismatch["col"]) == (line, len("commune: ") + 1)  # at the id, not 1:1
    # `tcpl score` says the same thing at the same place: one wording for the code
    scored = tcpl("score", str(a2023.parent)).output
    assert f":{line}:10: cảnh báo TCPL321: {mismatch['message']}" in " ".join(scored.split())
    assert data["summary"]["commune_years"] == 2  # the duplicate is not counted twice
    assert data["summary"]["without_assessment"] == 1
    assert [Path(p).name for p in data["skipped"]] == ["workflow.yml"]
    assert data["status"] == "fail"
    score = tcpl("score", str(root / "huong-binh" / "2026"))
    assert score.exit_code == 2 and "có nhiều tệp đánh giá" in score.stderr
    error_paths = {d["path"] for d in data["diagnostics"] if d["severity"] == "error"}
    assert (
        data["summary"]["files_with_errors"] == len(error_paths) == 1
    )  # valid alone, a duplicate in the tree
    # the table is still shown, but the run fails: the province must not miss the broken files
    summary = tcpl("summary", str(root), "--year", "2027")
    assert summary.exit_code == 1 and "Chưa có số liệu đánh giá" in summary.stdout
    assert f"lỗi trong {len(error_paths)} tệp" in summary.stderr


def test_output_file_must_be_writable_before_the_scan(tcpl, tmp_path: Path) -> None:
    folder = tcpl("check", str(EXAMPLE), "--output-file", str(tmp_path))
    assert folder.exit_code == 2 and "là một thư mục" in folder.stderr
    missing = tcpl("check", str(EXAMPLE), "-o", str(tmp_path / "khong-co" / "x.xml"), "-f", "junit")
    assert missing.exit_code == 2 and "không tồn tại" in missing.stderr
    # a report from the previous run is replaced, as CI expects
    out = tmp_path / "tcpl.json"
    out.write_text("cũ", "utf-8")
    assert tcpl("check", str(EXAMPLE), "-o", str(out), "-f", "json").exit_code == 0
    assert json.loads(out.read_text("utf-8"))["summary"]["commune_years"] == 2


def test_check_of_files_checks_their_commune_years(tcpl, tmp_path: Path, monkeypatch) -> None:
    import shutil

    shutil.copytree(EXAMPLE, tmp_path / "huong-binh")
    monkeypatch.chdir(tmp_path)
    data = json.loads(tcpl("check", "huong-binh/2026/assessment.yaml", "--format", "json").stdout)
    # the year folder and the commune's file come along: the cross-checks need them
    assert sorted(f["path"] for f in data["files"]) == [
        "huong-binh/2026/assessment.yaml",
        "huong-binh/2026/plan.yaml",
        "huong-binh/commune.yaml",
    ]
    assert [c["path"] for c in data["communes"]] == ["huong-binh/2026/assessment.yaml"]
    whole = json.loads(tcpl("check", "huong-binh/commune.yaml", "--format", "json").stdout)
    assert whole["summary"]["files"] == 7 and whole["summary"]["commune_years"] == 2


def test_a_broken_assessment_is_not_also_a_missing_one(tcpl, tmp_path: Path, monkeypatch) -> None:
    import shutil

    shutil.copytree(EXAMPLE, tmp_path / "huong-binh")
    target = tmp_path / "huong-binh" / "2026" / "assessment.yaml"
    target.write_text(target.read_text("utf-8").replace("total: 3", "totl: 3", 1), encoding="utf-8")
    (tmp_path / "huong-binh" / "2027").mkdir()
    plan = (
        (tmp_path / "huong-binh" / "2026" / "plan.yaml")
        .read_text("utf-8")
        .replace("year: 2026", "year: 2027")
    )
    (tmp_path / "huong-binh" / "2027" / "ke-hoach-2027.yaml").write_text(plan, "utf-8")
    monkeypatch.chdir(tmp_path)
    data = json.loads(tcpl("check", ".", "--format", "json").stdout)
    missing = [d for d in data["diagnostics"] if d["code"] == "TCPL323"]
    # 2026 has a broken assessment (TCPL102, not TCPL323); 2027 has none, and the warning names its real plan
    assert [d["path"] for d in missing] == ["huong-binh/2027/ke-hoach-2027.yaml"]
    assert any(d["code"] == "TCPL102" for d in data["diagnostics"])

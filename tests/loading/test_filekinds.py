"""Other tools' YAML files are not tcpl's: `validate` and `check` skip them alike and count them.

The files under tests/data/foreign/ are real-looking settings of yamllint, ESLint, Spectral,
Stylelint, Taskfile, pre-commit, GitHub Actions, Ansible, Kubernetes, mkdocs and docker-compose.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tcpl.loading.loader import Loader
from tests.conftest import EXAMPLE, REPO

FOREIGN = REPO / "tests" / "data" / "foreign"
FOREIGN_FILES = sorted(p for p in FOREIGN.rglob("*") if p.is_file())


def test_the_fixtures_cover_every_tool() -> None:
    names = {p.name for p in FOREIGN_FILES}
    assert {
        ".yamllint.yaml",
        ".eslintrc.yml",
        ".spectral.yaml",
        ".stylelintrc.yaml",
        "Taskfile.yml",
        ".pre-commit-config.yaml",
        "ci.yml",
        "workflow.yml",
        "playbook.yml",
        "deployment.yaml",
        "configmap.yaml",
        "mkdocs.yml",
        "docker-compose.yml",
    } <= names


@pytest.mark.parametrize("path", FOREIGN_FILES, ids=lambda p: p.name)
def test_each_foreign_file_is_skipped_by_validate_and_check(tcpl, path: Path) -> None:
    for command in ("validate", "check"):
        result = tcpl(command, str(path))
        assert result.exit_code == 0, (command, result.output)
        assert "lỗi TCPL" not in result.stdout and "cảnh báo TCPL" not in result.stdout, (
            command,
            result.stdout,
        )
        assert "Bỏ qua 1 tệp YAML không phải của tcpl" in result.stdout, (command, result.stdout)


def test_loader_marks_them_foreign() -> None:
    loader = Loader()
    for path in FOREIGN_FILES:
        loaded = loader.load(path)
        assert loaded.foreign and loaded.ok and loaded.diagnostics == [], path


@pytest.fixture
def province(tmp_path: Path) -> Path:
    """A repository with a commune at its root and every foreign file beside it, also inside the
    commune and year folders under names without the leading dot."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLE, root / "huong-binh")
    shutil.copytree(FOREIGN, root, dirs_exist_ok=True)
    for path in FOREIGN_FILES:
        if path.parent == FOREIGN:
            shutil.copy(path, root / "huong-binh" / path.name.lstrip("."))
            shutil.copy(path, root / "huong-binh" / "2026" / path.name.lstrip("."))
    return root


def test_a_tree_with_other_tools_files_is_clean_and_says_what_it_skipped(
    tcpl, province: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(province)
    ours = len(list(EXAMPLE.rglob("*.yaml")))
    top = [p for p in FOREIGN_FILES if p.parent == FOREIGN]
    walked_foreign = 3 * len(top)  # the .github folder is not walked, like .git
    check = json.loads(tcpl("check", ".", "--format", "json").stdout)
    assert check["status"] == "ok", check["diagnostics"]
    assert check["summary"]["files"] == ours == 7
    assert check["summary"]["skipped_files"] == walked_foreign
    validate = tcpl("validate", ".")
    assert validate.exit_code == 0, validate.stdout
    assert f"Đã kiểm tra {ours} tệp" in validate.stdout
    assert f"Bỏ qua {walked_foreign} tệp YAML không phải của tcpl" in validate.stdout
    text = tcpl("check", ".")
    assert text.exit_code == 0 and f"Bỏ qua {walked_foreign} tệp YAML không phải của tcpl" in text.stdout
    # pre-commit passes every file by name, the workflow under .github too
    files = [str(p.relative_to(province)) for p in sorted(province.rglob("*.y*ml"))]
    named = tcpl("validate", *files)
    assert named.exit_code == 0 and f"Bỏ qua {walked_foreign + 1} tệp" in named.stdout, named.stdout


def test_a_multi_document_file_named_as_a_tcpl_file_is_still_an_error(tcpl, tmp_path: Path) -> None:
    target = tmp_path / "huong-binh" / "2026" / "plan.yaml"
    target.parent.mkdir(parents=True)
    shutil.copy(FOREIGN / "deployment.yaml", target)
    result = tcpl("validate", str(target))
    assert result.exit_code == 1 and "lỗi TCPL006" in result.stdout and "nhiều tài liệu" in result.stdout


def test_a_list_named_as_a_tcpl_file_is_an_error(tcpl, tmp_path: Path) -> None:
    target = tmp_path / "criteria" / "tinh.yaml"
    target.parent.mkdir(parents=True)
    shutil.copy(FOREIGN / "playbook.yml", target)
    result = tcpl("validate", str(target))
    assert result.exit_code == 1 and "lỗi TCPL012" in result.stdout


def test_a_mistyped_kind_in_a_year_folder_is_reported(tcpl, tree) -> None:
    root = tree({"huong-binh/2026/so-lieu.yaml": "kind: asessment\nyear: 2026\n"})
    result = tcpl("validate", str(root / "huong-binh" / "2026" / "so-lieu.yaml"))
    assert result.exit_code == 1
    assert "1:7: lỗi TCPL013: 'kind: asessment' không phải loại tệp của tcpl" in result.stdout
    assert "có phải ý bạn là 'assessment'?" in result.stdout


@pytest.mark.parametrize(
    ("rel", "text", "kind"),
    [
        # shapes no other tool has, in any folder
        (
            "x/overlay.yaml",
            'id: t\nextends: qd27-2025\ncriteria:\n  - id: "3"\n    indicators: []\n',
            "ruleset",
        ),
        ("x/so-lieu.yaml", 'year: 2026\nitems:\n  "2.1.1": true\n', "assessment"),
        ("x/kh.yaml", "year: 2026\nsubject: a\nsections:\n  - heading: I\n", "plan"),
        ("x/y.yaml", "year: 2026\nopinions:\n  - {source: a, content: b}\n", "feedback"),
        ("x/thong-tin.yaml", "id: a\nname: A\nunit_type: phường\nprovince: B\n", "commune"),
        # looser signs inside a tcpl place, when most fields are the kind's
        ("xa/2026/tinh.yaml", "id: t\nextends: qd27-2025\ncriterias: []\n", "ruleset"),
        ("xa/2026/so-lieu.yaml", "year: 2026\nconditions: {a: true}\n", "assessment"),
        # names in their places
        ("xa/2026/ke-hoach-2026.yaml", "foo: 1\n", "plan"),
        ("xa/commune.yaml", "foo: 1\n", "commune"),
        ("criteria/tinh.yaml", "foo: 1\n", "ruleset"),
        # not tcpl's
        ("x/plan.yaml", "steps: [a, b]\nowner: me\n", None),
        ("xa/2026/spectral.yaml", "extends: spectral:oas\nrules: {}\n", None),
        ("x/Taskfile.yml", "version: '3'\ntasks:\n  a: {cmds: [ls]}\n", None),
    ],
)
def test_what_makes_a_file_tcpls(tree, rel: str, text: str, kind: str | None) -> None:
    root = tree({rel: text, "xa/2026/.keep": ""})
    loaded = Loader().load(root / rel)
    assert loaded.kind == kind and loaded.foreign == (kind is None)

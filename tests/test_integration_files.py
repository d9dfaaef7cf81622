"""Files shipped for other tools: JSON Schemas, pre-commit hooks, the CI example."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tcpl import __version__
from tcpl.loading.schemas import SCHEMA_KINDS, json_schema
from tests.conftest import EXAMPLE, REPO

WORKFLOW = REPO / "docs" / "github-actions.yml"


@pytest.mark.skipif(
    bool(os.environ.get("TCPL_LOWEST_DEPS")),
    reason="the published schemas are written with the newest pydantic; older ones word them differently"
    " (tests/models/test_schemas.py checks that what they write accepts the same files)",
)
@pytest.mark.parametrize("kind", list(SCHEMA_KINDS))
def test_published_schemas_are_current(kind: str) -> None:
    path = REPO / "schemas" / f"{kind}.schema.json"
    assert json.loads(path.read_text(encoding="utf-8")) == json_schema(kind), (
        "run: tcpl schema --output-dir schemas"
    )


def test_pre_commit_hooks_run_on_the_example(tcpl, monkeypatch: pytest.MonkeyPatch) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["tcpl-validate", "tcpl-check"]
    monkeypatch.chdir(REPO)
    files = [str(p.relative_to(REPO)) for p in EXAMPLE.rglob("*.yaml")]
    for hook in hooks:
        entry = hook["entry"].split()
        assert entry[0] == "tcpl"
        args = entry[1:] + (files if hook.get("pass_filenames", True) else [])
        result = tcpl(*args)
        assert result.exit_code == 0, (hook["id"], result.output)
        assert "lỗi TCPL" not in result.output and "cảnh báo TCPL" not in result.output
        if hook["id"] == "tcpl-check":
            assert f"Đã kiểm tra {len(files)} tệp: 0 tệp có lỗi" in result.stdout


def test_ci_example_is_a_valid_workflow_with_current_actions() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(WORKFLOW),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    uses = {s["uses"].split("@")[0]: s["uses"].split("@")[1] for s in steps if "uses" in s}
    assert uses == {
        "actions/checkout": "v6",
        "actions/setup-python": "v6",
        "github/codeql-action/upload-sarif": "v4",
        "actions/upload-artifact": "v7",
    }
    assert workflow["jobs"]["check"]["permissions"] == {
        "contents": "read",
        "security-events": "write",
        "actions": "read",
    }
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "Code Security" in text and "example.invalid" not in text


def test_ci_example_installs_a_tagged_release_and_keeps_every_report() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    env = workflow["env"]
    assert env["TCPL_VERSION"] == f"v{__version__}"
    assert env["TCPL_REPO"].startswith("https://github.com/<")  # a placeholder the README explains
    runs = [s["run"] for s in workflow["jobs"]["check"]["steps"] if "run" in s]
    assert 'pip install "tcpl @ git+${TCPL_REPO}@${TCPL_VERSION}"' in runs
    written = {m for r in runs for m in re.findall(r"(?:--output-file|-o) \"?([\w.$-]+)", r)}
    uploaded = next(s for s in workflow["jobs"]["check"]["steps"] if "upload-artifact" in s.get("uses", ""))
    paths = uploaded["with"]["path"].split()
    for target in written:
        pattern = re.sub(r"\$\w+", "*", target)
        assert pattern in paths, (target, paths)
    assert not any("2026" in r for r in runs)  # the year comes from the run, not the file
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"rev: v{__version__}" in readme and f"@v{__version__}" in readme


def test_ci_example_commands_run_on_the_example(
    tcpl, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    shutil.copytree(EXAMPLE, tmp_path / "plans" / "huong-binh")
    monkeypatch.chdir(tmp_path)
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    env = {**workflow["env"], "YEAR": "2026"}
    for step in workflow["jobs"]["check"]["steps"]:
        for line in step.get("run", "").splitlines():
            line = line.strip()
            if not line.startswith("tcpl "):
                continue
            command = line.split(" || ")[0]
            for name, value in env.items():
                command = command.replace(f'"${name}"', value).replace(f"${name}", value)
            result = tcpl(*shlex.split(command)[1:])
            assert result.exit_code == 0, (command, result.output)
    assert {p.name for p in tmp_path.iterdir()} >= {"tcpl.sarif", "tcpl-junit.xml", "tong-hop-2026.xlsx"}


def test_hook_manifest_is_valid_for_pre_commit() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        assert hook.get("pass_filenames", True) and "files" not in hook and hook["types"] == ["yaml"]
        assert "plans" not in hook["entry"]

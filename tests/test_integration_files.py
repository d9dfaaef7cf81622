"""Files shipped for other tools: JSON Schemas, pre-commit hooks, the CI example."""

from __future__ import annotations

import json

import pytest
import yaml

from tcpl.models.schemas import SCHEMA_KINDS, json_schema
from tests.conftest import EXAMPLE, REPO


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


def test_ci_example_uses_real_commands() -> None:
    workflow = yaml.safe_load((REPO / "docs" / "github-actions.yml").read_text(encoding="utf-8"))
    runs = [s["run"] for s in workflow["jobs"]["check"]["steps"] if "run" in s]
    assert any(r.startswith("tcpl check plans/ --format github") for r in runs)
    assert any("--format sarif" in r for r in runs) and any("--format junit" in r for r in runs)

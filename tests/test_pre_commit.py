"""The pre-commit hooks, run by pre-commit itself on repositories laid out as users lay them out.

The hook repository is a git copy of this working tree (pre-commit installs it with pip, as it
does for a user's `repo:` and `rev:`); the checked repositories hold the example commune at the
root in one case and under plans/ in the other, beside other tools' YAML files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, REPO

pytestmark = pytest.mark.precommit

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "tcpl",
    "GIT_AUTHOR_EMAIL": "tcpl@localhost",
    "GIT_COMMITTER_NAME": "tcpl",
    "GIT_COMMITTER_EMAIL": "tcpl@localhost",
}


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, env={**os.environ, **GIT_ENV}
    )
    return result.stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This working tree as a git repository pre-commit can clone at a commit."""
    root = tmp_path_factory.mktemp("hook-repo") / "tcpl"
    listed = (
        subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, capture_output=True, check=True
        )
        .stdout.decode()
        .split("\0")
    )
    for rel in filter(None, listed):
        source = REPO / rel
        if source.is_file():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / rel)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "hooks under test")
    return root, git(root, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def make_repo(base: Path, hook_repo: tuple[Path, str], layout: str, args: list[str] | None = None) -> Path:
    repo, rev = hook_repo
    root = base / layout
    communes = root if layout == "root" else root / "plans"
    shutil.copytree(EXAMPLE, communes / "huong-binh")
    shutil.copytree(REPO / "tests" / "data" / "foreign", root, dirs_exist_ok=True)
    extra = f"\n        args: {args}" if args else ""
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: tcpl-validate\n"
        f"      - id: tcpl-check{extra}\n",
        encoding="utf-8",
    )
    git(root, "init", "-q")
    git(root, "add", "-A")
    return root


def run_hooks(root: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("GITHUB_ACTIONS", None)  # plain text, as on a developer's machine
    return subprocess.run(
        [*PRE_COMMIT, "run", "--all-files", "--verbose", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


def passed(output: str, hook: str) -> bool:
    return any(line.startswith(hook) and line.rstrip().endswith("Passed") for line in output.splitlines())


def failed(output: str, hook: str) -> bool:
    return any(line.startswith(hook) and line.rstrip().endswith("Failed") for line in output.splitlines())


@pytest.mark.parametrize("layout", ["root", "plans"])
def test_hooks_pass_on_good_files_and_fail_on_a_broken_one(
    tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_home: Path, layout: str
) -> None:
    root = make_repo(tmp_path, hook_repo, layout)
    good = run_hooks(root, pre_commit_home)
    out = good.stdout + good.stderr
    assert good.returncode == 0, out
    assert passed(out, "tcpl validate") and passed(out, "tcpl check"), out
    assert "Skipped" not in out  # the hooks ran on the communes, wherever they are
    assert "xã Hương Bình năm 2023: đạt chuẩn — 89 điểm" in out
    assert "Bỏ qua" in out and "tệp YAML không phải của tcpl" in out

    prefix = "" if layout == "root" else "plans/"
    assessment = root / prefix / "huong-binh" / "2026" / "assessment.yaml"
    text = assessment.read_text("utf-8").replace("total: 3", "totl: 3", 1)
    assessment.write_text(text, encoding="utf-8")
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if "totl:" in ln)
    git(root, "add", "-A")
    bad = run_hooks(root, pre_commit_home)
    out = bad.stdout + bad.stderr
    assert bad.returncode == 1, out
    assert failed(out, "tcpl validate") and failed(out, "tcpl check"), out
    shown = f"{prefix}huong-binh/2026/assessment.yaml:{line}:"
    message = "lỗi TCPL102: trường 'totl' không có trong mẫu; có phải ý bạn là 'total'?"
    assert any(ln.startswith(shown) and message in ln for ln in out.splitlines()), out
    assert "chưa có tệp đánh giá" not in out  # the assessment is broken, not missing


def test_args_are_honoured(tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_home: Path) -> None:
    root = make_repo(tmp_path, hook_repo, "root", args=["--require-recognized"])
    result = run_hooks(root, pre_commit_home)
    out = result.stdout + result.stderr
    # 2026 is not recognised: --require-recognized makes the check fail, the validation still passes
    assert result.returncode == 1, out
    assert passed(out, "tcpl validate") and failed(out, "tcpl check"), out
    assert "huong-binh/2026/assessment.yaml: xã Bình Điền năm 2026: chưa đạt chuẩn" in out

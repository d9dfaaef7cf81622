"""The layers of the package hold: models ← kinds ← engine ← loading ← documents, reporters ← api ← cli.

Every `import tcpl...` in src/ is read with `ast` (at the top of a module, inside a function, or
under TYPE_CHECKING: all count), and must point to the same layer or one below. The CLI is a skin:
below the api it may use only the reporters and the small shared modules. There is no import
cycle between modules.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import REPO

SRC = REPO / "src"

# Shared helpers every layer may use: they import nothing above themselves.
BASE = {
    "tcpl",
    "tcpl.errors",
    "tcpl.codes",
    "tcpl.escaping",
    "tcpl.safeio",
    "tcpl.textfmt",
    "tcpl.resources",
    "tcpl.isolation",
}
LAYERS = ["models", "kinds", "engine", "loading", "documents", "reporters", "api", "cli", "__main__"]
RANK = {
    "models": 1,
    "kinds": 2,
    "engine": 3,
    "loading": 4,
    "documents": 5,
    "reporters": 5,
    "api": 6,
    "cli": 7,
    "__main__": 8,
}
# Below the api, the CLI reaches only these (it turns options into api calls and shows results).
CLI_MAY_USE = {"api", "reporters"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def layer(module: str) -> str:
    if module in BASE:
        return "base"
    return module.split(".")[1]


def rank(module: str) -> int:
    return 0 if layer(module) == "base" else RANK[layer(module)]


def imports() -> dict[str, set[str]]:
    """Each module's imports of other tcpl modules."""
    known = {module_name(p) for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = defaultdict(set)
    for path in sorted(SRC.rglob("*.py")):
        source = module_name(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.startswith("tcpl"):
                    # `from tcpl.loading import tree` names a module; `from tcpl.x import name` a name.
                    for alias in node.names:
                        sub = f"{node.module}.{alias.name}"
                        targets.append(sub if sub in known else node.module)
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.startswith("tcpl")]
            for target in targets:
                if target != source:
                    graph[source].add(target)
    return graph


def test_every_module_is_in_a_layer() -> None:
    for path in SRC.rglob("*.py"):
        module = module_name(path)
        assert layer(module) == "base" or layer(module) in LAYERS, f"{module}: no layer (add it to LAYERS)"


def test_nothing_imports_upward() -> None:
    upward = [
        f"{source} -> {target}"
        for source, targets in imports().items()
        for target in targets
        if rank(target) > rank(source)
    ]
    assert not upward, "imports against the layers:\n" + "\n".join(sorted(upward))


def test_base_modules_import_only_base() -> None:
    wrong = [
        f"{source} -> {target}"
        for source, targets in imports().items()
        if layer(source) == "base"
        for target in targets
        if layer(target) != "base"
    ]
    assert not wrong, "\n".join(sorted(wrong))


def test_cli_is_a_skin_over_the_api() -> None:
    reached = [
        f"{source} -> {target}"
        for source, targets in imports().items()
        if layer(source) == "cli"
        for target in targets
        if layer(target) not in {"base", "cli", *CLI_MAY_USE}
    ]
    assert not reached, "the CLI must go through tcpl.api:\n" + "\n".join(sorted(reached))


def test_no_import_cycle() -> None:
    graph = imports()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for module in sorted(graph):
        if module not in state:
            cycle = visit(module)
            assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize(
    ("source", "target", "allowed"),
    [
        ("tcpl.engine.scoring", "tcpl.loading.rulesets", False),
        ("tcpl.loading.rulesets", "tcpl.engine.scoring", True),
        ("tcpl.cli.cmd_score", "tcpl.api", True),
        ("tcpl.models.plan", "tcpl.kinds", False),
        ("tcpl.reporters.score", "tcpl.documents.scoresheet", True),
    ],
)
def test_the_rule_itself(source: str, target: str, allowed: bool) -> None:
    """The check can fail: an upward edge is seen as one."""
    assert (rank(target) <= rank(source)) is allowed

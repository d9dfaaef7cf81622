"""Every command's output formats, in one registry: the `--format` choices come from here.

`render(command, format, outcome, **options)` returns an `Output`; the CLI only writes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tcpl.reporters import calendar, codes, diff, plan, rules, score, summary, tree
from tcpl.reporters.output import Output

Reporter = Callable[..., Output]

FORMATS: dict[str, dict[str, Reporter]] = {
    "score": {"table": score.score_table, "json": score.score_json, "markdown": score.score_markdown},
    "gap": {"table": score.gap_table, "json": score.gap_json, "markdown": score.gap_markdown},
    "validate": {"text": tree.validate_text, "json": tree.validate_json},
    "check": {
        "text": tree.check_screen,
        "json": tree.check_json,
        "github": tree.check_github,
        "junit": tree.check_junit,
        "sarif": tree.check_sarif,
    },
    "check-file": {"text": tree.check_text},
    "diff": {"table": diff.diff_table, "json": diff.diff_json, "markdown": diff.diff_markdown},
    "rules list": {"table": rules.list_table, "json": rules.list_json},
    "rules show": {"tree": rules.show_tree, "json": rules.show_json},
    "plan status": {"table": plan.status_table, "json": plan.status_json},
    "calendar": {"table": calendar.calendar_table, "json": calendar.calendar_json},
    "summary": {"table": summary.summary_table},
    "explain": {"text": codes.explain_text, "markdown": codes.explain_markdown},
}
"""command -> format -> reporter. `check-file` is `check --format text -o FILE` (no colours)."""


def choices(command: str) -> tuple[str, ...]:
    return tuple(FORMATS[command])


def render(command: str, output_format: str, outcome: Any, **options: Any) -> Output:
    return FORMATS[command][output_format](outcome, **options)


__all__ = ["FORMATS", "Output", "choices", "render"]

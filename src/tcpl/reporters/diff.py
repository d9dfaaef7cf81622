"""`tcpl diff` output: what changed between two versions of an assessment."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from tcpl import textfmt as fmt
from tcpl.engine.diff import Change, DiffResult
from tcpl.engine.results import ScoreResult
from tcpl.escaping import markdown, markdown_cell
from tcpl.reporters.output import Output
from tcpl.reporters.score import as_json

LEVELS = {
    "verdict": "Kết quả",
    "total": "Tổng điểm",
    "ruleset": "Bộ tiêu chí",
    "criterion": "Tiêu chí",
    "indicator": "Chỉ tiêu",
    "item": "Nội dung",
}
NOTHING = "Không có thay đổi nào về số liệu hay kết quả."


def _word(state: Any) -> str:
    if state is None:
        return "—"
    if isinstance(state, dict):
        parts = []
        if state.get("points") is not None:
            parts.append(f"{fmt.number(state['points'])} điểm")
        parts.append(fmt.met_word(state.get("met")).lower())
        return ", ".join(parts)
    if isinstance(state, bool):
        return fmt.recognition_word(state)
    if isinstance(state, float | int):
        return fmt.number(state)
    return str(state)


def _cells(c: Change) -> tuple[str, str, str, str, str, str]:
    before = fmt.recognition_word(c.before) if c.level == "verdict" else _word(c.before)
    after = fmt.recognition_word(c.after) if c.level == "verdict" else _word(c.after)
    return LEVELS[c.level], c.id, c.name, before, after, c.detail


def diff_json(result: DiffResult, *, old: str, new: str, before: ScoreResult, after: ScoreResult) -> Output:
    return as_json({"old": old, "new": new, **result.to_json()})


def diff_markdown(
    result: DiffResult, *, old: str, new: str, before: ScoreResult, after: ScoreResult
) -> Output:
    lines = [f"### tcpl diff: {markdown(old.split(':')[-1])}", ""]
    if not result.changes:
        lines.append(NOTHING)
    else:
        lines += ["| Mức | Mã | Tên | Trước | Sau | Số liệu |", "|---|---|---|---|---|---|"]
        lines += ["| " + " | ".join(markdown_cell(x) for x in _cells(c)) + " |" for c in result.changes]
    return Output.lines("\n".join(lines))


def diff_table(result: DiffResult, *, old: str, new: str, before: ScoreResult, after: ScoreResult) -> Output:
    if not result.changes:
        return Output.rich(Text(NOTHING))
    table = Table(header_style="bold")
    for col in ("Mức", "Mã", "Tên", "Trước", "Sau", "Số liệu"):
        table.add_column(col, ratio=1 if col in ("Tên", "Số liệu") else None)
    for c in result.changes:
        table.add_row(
            *(escape(x) for x in _cells(c)), style="bold" if c.level in ("verdict", "total") else None
        )
    shown: list[Any] = [table]
    if result.verdict_changed:
        shown.append(
            Text.from_markup(
                f"[bold]Kết quả công nhận đổi: {fmt.recognition_word(before.recognized)}"
                f" → {fmt.recognition_word(after.recognized)}[/]"
            )
        )
    return Output.rich(*shown)

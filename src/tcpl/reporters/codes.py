"""`tcpl explain` output: what a diagnostic code means and what to do (the README's table too)."""

from __future__ import annotations

from tcpl.codes import Code, Severity
from tcpl.escaping import markdown_cell
from tcpl.reporters.output import Output


def _severity_word(code: Code) -> str:
    return "lỗi" if code.severity is Severity.ERROR else "cảnh báo"


def explain_text(chosen: list[Code]) -> Output:
    return Output.lines(
        "\n".join(f"{c} ({_severity_word(c)}): {c.meaning}\n  Cách sửa: {c.todo}" for c in chosen)
    )


def explain_markdown(chosen: list[Code]) -> Output:
    lines = ["| mã | nghĩa | cách sửa |", "|---|---|---|"]
    lines += [f"| `{c}` | {markdown_cell(c.meaning)} | {markdown_cell(c.todo)} |" for c in chosen]
    return Output.lines("\n".join(lines))

"""`tcpl diff OLD NEW`: what changed between two versions of an assessment, for reviewing a change."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from tcpl import textfmt as fmt
from tcpl.cli.common import (
    EXIT_READ,
    ReadFormatOpt,
    checked_ruleset,
    out_console,
    write_json,
    write_text,
)
from tcpl.errors import InvalidFilesError, UsageError, display_path
from tcpl.escaping import markdown, markdown_cell
from tcpl.loading.gitrev import materialise, split_spec


def register(app: typer.Typer) -> None:
    app.command(
        "diff",
        help=(
            "So sánh hai phiên bản của một tệp đánh giá: nội dung nào đổi số liệu, chỉ tiêu, tiêu chí"
            " nào đổi kết quả, kết quả công nhận có đổi không. Mỗi bên là một tệp, hoặc PHIÊN_BẢN:TỆP"
            " của git.\n\n"
            "[bold]Ví dụ:[/]\n\n"
            "  tcpl diff cu/assessment.yaml moi/assessment.yaml\n\n"
            "  tcpl diff HEAD~1:plans/huong-binh/2026/assessment.yaml plans/huong-binh/2026/assessment.yaml\n\n"
            "  tcpl diff main:plans/x/2026/assessment.yaml HEAD:plans/x/2026/assessment.yaml -f markdown"
            + EXIT_READ
        ),
    )(diff_command)


def _load(spec: str, ruleset: Path | None, scratch: Path) -> Any:
    from tcpl.engine.scoring import score_loaded
    from tcpl.loading.commune_year import find_assessment, load_commune_year
    from tcpl.loading.loader import Loader

    path = Path(spec)
    if path.exists():
        path = find_assessment(path) if path.is_dir() else path
        shown = None
    elif split_spec(spec) is not None:
        path = materialise(spec, scratch / f"v{len(list(scratch.iterdir()))}")
        shown = spec
    else:
        raise UsageError(f"không tìm thấy '{spec}'")
    try:
        cy = load_commune_year(path, Loader(ruleset_override=ruleset))
    except InvalidFilesError as exc:
        if shown is None:
            raise
        rev = spec.partition(":")[0]
        exc.diagnostics[:] = [
            replace(d, path=f"{rev}:{d.path.split(str(scratch), 1)[-1].split('/', 2)[-1]}")
            for d in exc.diagnostics
        ]
        raise InvalidFilesError(exc.diagnostics) from None
    return score_loaded(cy.ruleset, cy.assessment)


def _word(state: Any) -> str:
    if state is None:
        return "—"
    if isinstance(state, dict):
        parts = []
        if state.get("points") is not None:
            parts.append(f"{fmt.number(state['points'])} điểm")
        met = state.get("met")
        parts.append({True: "đạt", False: "chưa đạt", None: "chưa xác định"}[met])
        return ", ".join(parts)
    if isinstance(state, bool):
        return fmt.recognition_word(state)
    if isinstance(state, float | int):
        return fmt.number(state)
    return str(state)


def diff_command(
    old: Annotated[
        str, typer.Argument(metavar="CŨ", help="Tệp đánh giá cũ, hoặc PHIÊN_BẢN:TỆP.", show_default=False)
    ],
    new: Annotated[
        str, typer.Argument(metavar="MỚI", help="Tệp đánh giá mới, hoặc PHIÊN_BẢN:TỆP.", show_default=False)
    ],
    output_format: ReadFormatOpt = "table",
    ruleset: Annotated[
        Path | None, typer.Option("--ruleset", help="Chấm cả hai theo bộ tiêu chí này.")
    ] = None,
) -> None:
    from tcpl.engine.diff import diff_results

    checked_ruleset(ruleset)
    with tempfile.TemporaryDirectory(prefix="tcpl-diff-") as scratch:
        before = _load(old, ruleset, Path(scratch))
        after = _load(new, ruleset, Path(scratch))
    result = diff_results(before, after)
    if (before.base_ruleset or before.ruleset) != (after.base_ruleset or after.ruleset):
        from tcpl.cli.common import err_console

        err_console().print(
            "[yellow]Hai phiên bản dùng hai bộ tiêu chí khác nhau: các nội dung cùng mã có thể không tương ứng.[/]"
        )
    if output_format == "json":
        write_json({"old": old, "new": new, **result.to_json()})
        return
    rows = [
        (
            c.level,
            c.id,
            c.name,
            fmt.recognition_word(c.before) if c.level == "verdict" else _word(c.before),
            fmt.recognition_word(c.after) if c.level == "verdict" else _word(c.after),
            c.detail,
        )
        for c in result.changes
    ]
    levels = {
        "verdict": "Kết quả",
        "total": "Tổng điểm",
        "ruleset": "Bộ tiêu chí",
        "criterion": "Tiêu chí",
        "indicator": "Chỉ tiêu",
        "item": "Nội dung",
    }
    if output_format == "markdown":
        lines = [f"### tcpl diff: {markdown(display_path(Path(old.split(':')[-1])))}", ""]
        if not rows:
            lines.append("Không có thay đổi nào về số liệu hay kết quả.")
        else:
            lines += ["| Mức | Mã | Tên | Trước | Sau | Số liệu |", "|---|---|---|---|---|---|"]
            for level, ident, name, b, a, detail in rows:
                cells = (levels[level], ident, name, b, a, detail)
                lines.append("| " + " | ".join(markdown_cell(c) for c in cells) + " |")
        write_text("\n".join(lines) + "\n")
        return
    console = out_console()
    if not rows:
        console.print("Không có thay đổi nào về số liệu hay kết quả.")
        return
    table = Table(header_style="bold")
    for col in ("Mức", "Mã", "Tên", "Trước", "Sau", "Số liệu"):
        table.add_column(col, ratio=1 if col in ("Tên", "Số liệu") else None)
    for level, ident, name, b, a, detail in rows:
        style = "bold" if level in ("verdict", "total") else None
        table.add_row(levels[level], ident, escape(name), escape(b), escape(a), escape(detail), style=style)
    console.print(table)
    if result.verdict_changed:
        console.print(
            f"[bold]Kết quả công nhận đổi: {fmt.recognition_word(before.recognized)}"
            f" → {fmt.recognition_word(after.recognized)}[/]"
        )

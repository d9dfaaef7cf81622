"""`tcpl score` and `tcpl gap` output: a table on the screen, JSON for scripts, Markdown for a PR."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from tcpl import textfmt as fmt
from tcpl.engine.gap import GapResult
from tcpl.engine.results import ScoreResult, Verdict
from tcpl.escaping import json_document, markdown_cell
from tcpl.escaping import markdown as md
from tcpl.reporters.output import Output


def verdict_style(met: Verdict, *, missing: bool = False) -> str:
    if missing or met is None:
        return "yellow"
    return "green" if met else "red"


def as_json(data: Any) -> Output:
    """Machine output bypasses Rich: no colour code can leak into it."""
    return Output.document(json_document(json.dumps(data, ensure_ascii=False, indent=2, default=str)))


# --- score ----------------------------------------------------------------------------------


def score_json(result: ScoreResult, *, label: str, explain: bool) -> Output:
    return as_json(result.to_json())


def score_table(result: ScoreResult, *, label: str, explain: bool) -> Output:
    model_word = "mô hình điểm" if result.model == "points" else "đạt/chưa đạt"
    based = f", dựa trên {result.base_ruleset}" if result.base_ruleset else ""
    head = Text.from_markup(
        f"[bold]{escape(label)}[/] — năm {result.year} — bộ tiêu chí"
        f" [cyan]{escape(result.ruleset)}[/] ({model_word}{escape(based)})"
    )
    table = Table(show_lines=False, header_style="bold")
    table.add_column("Mã", no_wrap=True)
    table.add_column("Tiêu chí, chỉ tiêu" + (", nội dung" if explain else ""), ratio=1)
    if explain:
        table.add_column("Số liệu và quy tắc", ratio=1)
    if result.model == "points":
        table.add_column("Điểm", justify="right", no_wrap=True)
        table.add_column("Tối đa", justify="right", no_wrap=True)
    table.add_column("Kết quả", no_wrap=True)

    def row(
        ident: str, name: str, detail: str, points: str, top: str, word: str, style: str, bold: bool = False
    ) -> None:
        cells = [escape(ident), f"[bold]{escape(name)}[/]" if bold else escape(name)]
        if explain:
            cells.append(escape(detail))
        if result.model == "points":
            cells += [points, top]
        cells.append(f"[{style}]{word}[/]")
        table.add_row(*cells)

    for c in result.criteria:
        row(
            c.id,
            c.name,
            "",
            fmt.number(c.points),
            fmt.number(c.max_points),
            fmt.met_word(c.met),
            verdict_style(c.met),
            bold=True,
        )
        for ind in c.indicators:
            missing = any(i.missing for i in ind.items) and ind.met is not True
            # Points model: an indicator's result is its points; only missing data is worth a word.
            word = fmt.met_word(ind.met, missing=missing)
            if result.model == "points":
                word = fmt.MISSING_WORD if missing else ""
            row(
                f"  {ind.id}",
                ind.name,
                "",
                fmt.number(ind.points),
                fmt.number(ind.max_points),
                word,
                verdict_style(ind.met, missing=missing),
            )
            if explain:
                for it in ind.items:
                    detail = f"{it.value_text}; {it.rule}" + ("" if it.verified else " (chưa xác minh)")
                    if it.evidence:
                        detail += "; tài liệu: " + "; ".join(it.evidence)
                    row(
                        f"    {it.id}",
                        it.name,
                        detail,
                        fmt.number(it.points),
                        fmt.number(it.max_points),
                        fmt.met_word(it.met, missing=it.missing),
                        verdict_style(it.met, missing=it.missing),
                    )
    lines: list[Any] = [head, table]
    if result.model == "points":
        top = (
            f"/{fmt.number(result.max_points)}" if result.max_points is not None else " (chưa rõ điểm tối đa)"
        )
        need = f", cần ≥ {fmt.number(result.total_required)}" if result.total_required is not None else ""
        lines.append(Text.from_markup(f"Tổng điểm: [bold]{fmt.number(result.total_points)}{top}[/]{need}"))
    style = verdict_style(result.recognized)
    lines.append(Text.from_markup(f"Kết quả: [bold {style}]{fmt.recognition_heading(result.recognized)}[/]"))
    if result.attested_by:
        lines.append(Text(f"Bộ tiêu chí {result.ruleset}: {result.attested_by}."))
    for title, entries, colour in (
        ("Lý do", result.reasons, style),
        ("Chưa xác định", result.undetermined, "yellow"),
        ("Lưu ý", result.warnings, "dim"),
    ):
        if entries:
            lines.append(Text.from_markup(f"[bold]{title}:[/]"))
            lines.extend(Text.from_markup(f"  [{colour}]•[/] {escape(e)}") for e in entries)
    return Output.rich(*lines)


def score_markdown(result: ScoreResult, *, label: str, explain: bool) -> Output:
    """The score as a Markdown table with the verdict and its reasons."""
    lines = [f"## {md(label + ' — năm ' + str(result.year))}", ""]
    lines.append(f"- Xã: {md(result.commune or '—')}")
    lines.append(
        f"- Bộ tiêu chí: {md(result.ruleset)}"
        + (f" (dựa trên {md(result.base_ruleset)})" if result.base_ruleset else "")
    )
    if result.model == "points":
        top = f"/{fmt.number(result.max_points)}" if result.max_points is not None else ""
        lines.append(f"- Tổng điểm: **{fmt.number(result.total_points)}{top}**")
    if result.attested_by:
        lines.append(f"- Xác nhận bộ tiêu chí: {md(result.attested_by)}")
    lines += [f"- Kết quả: **{fmt.recognition_heading(result.recognized)}**", ""]
    if result.model == "points":
        lines += ["| Mã | Tiêu chí, chỉ tiêu | Điểm | Tối đa | Kết quả |", "|---|---|---:|---:|---|"]
    else:
        lines += ["| Mã | Tiêu chí, chỉ tiêu | Kết quả |", "|---|---|---|"]
    for c in result.criteria:
        cells = [f"**{markdown_cell(c.id)}**", f"**{markdown_cell(c.name)}**"]
        if result.model == "points":
            cells += [f"**{fmt.number(c.points)}**", fmt.number(c.max_points)]
        cells.append(fmt.met_word(c.met))
        lines.append("| " + " | ".join(cells) + " |")
        for ind in c.indicators:
            missing = any(i.missing for i in ind.items) and ind.met is not True
            cells = [markdown_cell(ind.id), markdown_cell(ind.name)]
            if result.model == "points":
                cells += [
                    fmt.number(ind.points),
                    fmt.number(ind.max_points),
                    fmt.MISSING_WORD if missing else "",
                ]
            else:
                cells.append(fmt.met_word(ind.met, missing=missing))
            lines.append("| " + " | ".join(cells) + " |")
            if explain:
                for it in ind.items:
                    evidence = f" Tài liệu: {'; '.join(it.evidence)}." if it.evidence else ""
                    cells = [markdown_cell(it.id), markdown_cell(f"{it.name}: {it.explanation}{evidence}")]
                    if result.model == "points":
                        cells += [fmt.number(it.points), fmt.number(it.max_points)]
                    cells.append(fmt.met_word(it.met, missing=it.missing))
                    lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    for header, entries in (
        ("Lý do", result.reasons),
        ("Chưa xác định", result.undetermined),
        ("Lưu ý", result.warnings),
    ):
        if entries:
            lines += [f"### {header}", "", *(f"- {md(e)}" for e in entries), ""]
    return Output.lines("\n".join(lines))


# --- gap ------------------------------------------------------------------------------------


def gap_json(answer: GapResult, *, result: ScoreResult, label: str, as_of: date) -> Output:
    return as_json(
        {
            "commune": result.commune,
            "year": result.year,
            "ruleset": result.ruleset,
            "as_of": as_of.isoformat(),
            **answer.to_json(),
        }
    )


def gap_table(answer: GapResult, *, result: ScoreResult, label: str, as_of: date) -> Output:
    lines: list[Any] = [
        Text.from_markup(
            f"[bold]{escape(label)}[/] — năm {result.year} — {fmt.recognition_heading(result.recognized).lower()}"
        )
    ]
    if answer.recognized:
        lines.append(Text.from_markup("[green]Xã đã đủ điều kiện công nhận: không cần cải thiện thêm.[/]"))
        return Output.rich(*lines)
    if answer.steps:
        table = Table(header_style="bold")
        table.add_column("Nội dung", no_wrap=True)
        table.add_column("Tên", ratio=1)
        table.add_column("Cần làm", ratio=1)
        if result.model == "points":
            table.add_column("Thêm điểm", justify="right")
        for s in answer.steps:
            cells = [escape(s.item_id), escape(s.name), escape(s.action)]
            if result.model == "points":
                cells.append(fmt.number(s.points_gain))
            table.add_row(*cells)
        lines.append(table)
        if answer.points_after is not None:
            lines.append(
                Text.from_markup(f"Tổng điểm sau khi cải thiện: [bold]{fmt.number(answer.points_after)}[/]")
            )
    if answer.feasible is False:
        lines.append(Text.from_markup("[red bold]Không thể đạt chuẩn trong năm nay:[/]"))
    lines.extend(Text.from_markup(f"  [red]•[/] {escape(e)}") for e in answer.blockers)
    lines.extend(Text.from_markup(f"  [yellow]•[/] {escape(e)}") for e in answer.notes)
    return Output.rich(*lines)


def gap_markdown(answer: GapResult, *, result: ScoreResult, label: str, as_of: date) -> Output:
    lines = ["## Cần làm gì để đạt chuẩn", ""]
    if answer.recognized:
        lines.append("Xã đã đủ điều kiện công nhận.")
        return Output.lines("\n".join(lines))
    for step in answer.steps:
        gain = f" (+{fmt.number(step.points_gain)} điểm)" if step.points_gain else ""
        lines.append(f"- **{md(step.item_id)}** {md(step.name)}: {md(step.action)}{gain}")
    for header, entries in (("Không khắc phục được", answer.blockers), ("Lưu ý", answer.notes)):
        if entries:
            lines += ["", f"### {header}", "", *(f"- {md(e)}" for e in entries)]
    return Output.lines("\n".join(lines))

"""Markdown renderings of results, for a quick read or a CI artefact."""

from __future__ import annotations

from tcpl import textfmt as fmt
from tcpl.engine.gap import GapResult
from tcpl.engine.results import ScoreResult, Verdict
from tcpl.escaping import markdown as md
from tcpl.escaping import markdown_cell


def verdict_text(recognized: Verdict) -> str:
    if recognized is None:
        return "CHƯA XÁC ĐỊNH"
    return "ĐẠT CHUẨN TIẾP CẬN PHÁP LUẬT" if recognized else "CHƯA ĐẠT CHUẨN TIẾP CẬN PHÁP LUẬT"


def score_markdown(result: ScoreResult, *, title: str | None = None, explain: bool = False) -> str:
    """The score as a Markdown table with the verdict and its reasons."""
    lines: list[str] = []
    heading = title or f"Kết quả đánh giá năm {result.year}"
    lines.append(f"## {md(heading)}")
    lines.append("")
    lines.append(f"- Xã: {md(result.commune or '—')}")
    lines.append(
        f"- Bộ tiêu chí: {md(result.ruleset)}"
        + (f" (dựa trên {md(result.base_ruleset)})" if result.base_ruleset else "")
    )
    if result.model == "points":
        total = fmt.number(result.total_points)
        top = f"/{fmt.number(result.max_points)}" if result.max_points is not None else ""
        lines.append(f"- Tổng điểm: **{total}{top}**")
    lines.append(f"- Kết quả: **{verdict_text(result.recognized)}**")
    lines.append("")
    if result.model == "points":
        lines.append("| Mã | Tiêu chí, chỉ tiêu | Điểm | Tối đa | Kết quả |")
        lines.append("|---|---|---:|---:|---|")
    else:
        lines.append("| Mã | Tiêu chí, chỉ tiêu | Kết quả |")
        lines.append("|---|---|---|")
    for c in result.criteria:
        cells = [f"**{markdown_cell(c.id)}**", f"**{markdown_cell(c.name)}**"]
        if result.model == "points":
            cells += [f"**{fmt.number(c.points)}**", fmt.number(c.max_points)]
        cells.append(fmt.met_word(c.met))
        lines.append("| " + " | ".join(cells) + " |")
        for ind in c.indicators:
            missing = any(i.missing for i in ind.items)
            cells = [markdown_cell(ind.id), markdown_cell(ind.name)]
            if result.model == "points":
                cells += [fmt.number(ind.points), fmt.number(ind.max_points)]
            if result.model == "points":
                cells.append("Thiếu số liệu" if missing and ind.met is not True else "")
            else:
                cells.append(fmt.met_word(ind.met, missing=missing and ind.met is not True))
            lines.append("| " + " | ".join(cells) + " |")
            if explain:
                for it in ind.items:
                    cells = [markdown_cell(it.id), markdown_cell(f"{it.name}: {it.explanation}")]
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
            lines.append(f"### {header}")
            lines.append("")
            lines.extend(f"- {md(e)}" for e in entries)
            lines.append("")
    return "\n".join(lines)


def gap_markdown(result: GapResult) -> str:
    lines = ["## Cần làm gì để đạt chuẩn", ""]
    if result.recognized:
        lines.append("Xã đã đủ điều kiện công nhận.")
        return "\n".join(lines) + "\n"
    for step in result.steps:
        gain = f" (+{fmt.number(step.points_gain)} điểm)" if step.points_gain else ""
        lines.append(f"- **{md(step.item_id)}** {md(step.name)}: {md(step.action)}{gain}")
    for header, entries in (("Không khắc phục được", result.blockers), ("Lưu ý", result.notes)):
        if entries:
            lines += ["", f"### {header}", ""]
            lines.extend(f"- {md(e)}" for e in entries)
    return "\n".join(lines) + "\n"

"""The self-scoring table (bảng tự chấm điểm; Mẫu 02 of TT 09/2021 for the points model).

One `Sheet` of rows is built from the engine's result; the Word table, the Excel sheet and the
Markdown table are three renderings of the same rows, so their figures cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from tcpl import kinds
from tcpl import textfmt as fmt
from tcpl.engine.results import CriterionResult, IndicatorResult, ItemResult, ScoreResult, Verdict
from tcpl.escaping import markdown_cell
from tcpl.models.assessment import Assessment
from tcpl.models.ruleset import Item, Ruleset

Level = Literal["criterion", "indicator", "item", "total"]


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    weight: float  # share of the table width
    group: str | None = None  # a merged header above (Căn cứ chấm điểm)
    numeric: bool = False


@dataclass
class SheetRow:
    level: Level
    values: dict[str, Any]  # typed values: numbers stay numbers (for Excel)
    texts: dict[str, str]  # what the document shows

    @property
    def bold(self) -> bool:
        return self.level in ("criterion", "total")

    @property
    def spans_first_columns(self) -> bool:
        """Criterion, indicator and total rows: the name runs over the first two columns."""
        return self.level != "item"


@dataclass
class Sheet:
    title: str
    subtitle: str
    columns: list[Column]
    rows: list[SheetRow]
    verdict: str
    notes: list[str] = field(default_factory=list)


POINTS_COLUMNS = [
    Column("target", "Tiêu chí, chỉ tiêu", 0.09),
    Column("content", "Nội dung", 0.30),
    Column("max_points", "Điểm tối đa", 0.07, numeric=True),
    Column("figures", "Số liệu thực hiện", 0.13, group="Căn cứ chấm điểm"),
    Column("ratio", "Tỷ lệ đạt được", 0.08, group="Căn cứ chấm điểm", numeric=True),
    Column("points", "Điểm tự chấm", 0.08, numeric=True),
    Column("evidence", "Tài liệu kiểm chứng", 0.13),
    Column("officer", "Công chức phụ trách", 0.12),
]
NUMBER_KEYS = ("done", "total", "ratio")
"""Figures a pass/fail row also keeps as numbers (the Word table shows them as text)."""
NUMBER_COLUMNS = [
    Column("done", "Đã thực hiện", 0.06, numeric=True),
    Column("total", "Tổng số", 0.06, numeric=True),
    Column("ratio", "Tỷ lệ đạt được", 0.06, numeric=True),
]
"""What Excel adds to a pass/fail sheet, so its figures can be summed and sorted."""
PASS_FAIL_COLUMNS = [
    Column("target", "Tiêu chí, chỉ tiêu", 0.09),
    Column("content", "Nội dung", 0.31),
    Column("required", "Mức độ đạt chuẩn", 0.13),
    Column("figures", "Số liệu / tỷ lệ", 0.20),
    Column("result", "Kết quả", 0.09),
    Column("evidence", "Tài liệu kiểm chứng", 0.18),
]


DEFAULT_SCORESHEET_TITLE = "Bảng tổng hợp kết quả tự đánh giá các tiêu chí, chỉ tiêu"
"""The scoresheet's name when the ruleset does not give its form's (forms.scoresheet)."""


def scoresheet_title(ruleset: Ruleset) -> str:
    """The scoresheet's name, as the ruleset's form calls it."""
    return ruleset.forms.scoresheet or DEFAULT_SCORESHEET_TITLE


def verdict_sentence(result: ScoreResult) -> str:
    if result.model == "points":
        total = f"tổng {fmt.number(result.total_points)}"
        if result.max_points is not None:
            total += f"/{fmt.number(result.max_points)}"
        total += " điểm"
    else:
        met = sum(1 for i in result.indicators() if i.met is True)
        total = f"{met}/{len(result.indicators())} chỉ tiêu đạt"
    if result.recognized is True:
        return f"Kết quả tự đánh giá: đủ điều kiện công nhận đạt chuẩn tiếp cận pháp luật ({total})."
    if result.recognized is False:
        return f"Kết quả tự đánh giá: chưa đủ điều kiện công nhận đạt chuẩn tiếp cận pháp luật ({total})."
    return f"Kết quả tự đánh giá: chưa đủ căn cứ để kết luận ({total})."


def _word(met: Verdict, missing: bool = False) -> str:
    # In the signed scoresheet a missing figure is a failure: say both.
    return fmt.met_word(met, missing=missing, signed=True)


def without_placeholders(text: str, ruleset: Ruleset) -> str:
    """A sentence for a document, without the names the ruleset only holds a place for."""
    for _, _, it in ruleset.iter_items():
        if it.placeholder:
            text = text.replace(f" ({it.name})", "").replace(it.name, f"nội dung {it.id}")
    return text


def _figures(item: Item, r: ItemResult) -> tuple[str, float | None]:
    """The raw figures (số liệu thực hiện) and the ratio (tỷ lệ đạt được)."""
    if r.missing:
        return "Chưa có số liệu", None
    return kinds.of(item).figures(item, r.value, r.value_text)


def _officer(assessment: Assessment, *ids: str) -> str:
    for ident in ids:
        if ident in assessment.officers:
            return assessment.officers[ident]
    return ""


def build_sheet(result: ScoreResult, ruleset: Ruleset, assessment: Assessment, *, commune_name: str) -> Sheet:
    index = ruleset.item_index()
    points = result.model == "points"
    columns = POINTS_COLUMNS if points else PASS_FAIL_COLUMNS
    rows: list[SheetRow] = []

    def add(level: Level, **values: Any) -> None:
        texts: dict[str, str] = {}
        for col in columns:
            value = values.get(col.key)
            if value is None:
                texts[col.key] = ""
            elif col.key == "ratio":
                texts[col.key] = fmt.percent(value, below=values.get("_level"))
            elif isinstance(value, float | int) and not isinstance(value, bool):
                texts[col.key] = fmt.number(value)
            else:
                texts[col.key] = str(value)
        keys = [c.key for c in columns] + [k for k in NUMBER_KEYS if k in values]
        rows.append(SheetRow(level, {k: values.get(k) for k in keys}, texts))
        # (the item's level, given as _level, only rounds the shown ratio: it is not a column)

    def heading(
        level: Literal["criterion", "indicator"], target: str, r: CriterionResult | IndicatorResult, *ids: str
    ) -> None:
        """A criterion or indicator row: its points (points model) or its verdict (pass/fail)."""
        if points:
            add(
                level,
                target=target,
                max_points=r.max_points,
                points=r.points,
                officer=_officer(assessment, *ids),
            )
        else:
            lacking = isinstance(r, IndicatorResult) and r.met is not True and any(i.missing for i in r.items)
            add(level, target=target, result=_word(r.met, lacking))

    for c in result.criteria:
        heading("criterion", f"Tiêu chí {c.id}: {c.name}", c, c.id)
        for ind in c.indicators:
            heading("indicator", f"Chỉ tiêu {ind.id}: {ind.name}", ind, ind.id, c.id)
            for r in ind.items:
                item = index[r.id]
                figures, ratio = _figures(item, r)
                # A name the ruleset only holds a place for, or a level it does not know, is not
                # printed in a signed table: the terminal says what is missing.
                content = "" if item.placeholder else r.name
                level = r.rule if item.required_known else ""
                officer = r.officer or _officer(assessment, r.id, ind.id, c.id)
                if points:
                    add(
                        "item",
                        target=r.id,
                        content=content,
                        max_points=r.max_points,
                        figures=figures,
                        ratio=ratio,
                        _level=kinds.of(item).required(item),
                        points=r.points,
                        evidence="; ".join(r.evidence),
                        officer=officer,
                    )
                else:
                    shown = (
                        fmt.percent(ratio, below=kinds.of(item).required(item)) if ratio is not None else ""
                    )
                    figure_text = figures if ratio is None else f"{figures} ({shown})"
                    numbers = {k: r.value[k] for k in ("done", "total") if isinstance(r.value.get(k), int)}
                    add(
                        "item",
                        target=r.id,
                        content=content,
                        required=level,
                        figures=figure_text,
                        result=_word(r.met, r.missing),
                        evidence="; ".join(r.evidence),
                        **numbers,
                        **({"ratio": ratio} if ratio is not None else {}),
                    )
    if points:
        add("total", target="Tổng cộng", max_points=result.max_points, points=result.total_points)
    else:
        met = sum(1 for i in result.indicators() if i.met is True)
        add(
            "total",
            target="Kết quả chung",
            figures=f"{met}/{len(result.indicators())} chỉ tiêu đạt",
            result=_word(result.recognized),
        )
    form = scoresheet_title(ruleset)
    # Under the table: the commune's own shortcomings only (what tcpl cannot decide goes to the terminal).
    notes = [without_placeholders(r, ruleset) for r in result.reasons]
    return Sheet(
        title=form,
        subtitle=f"Đánh giá {commune_name} đạt chuẩn tiếp cận pháp luật năm {result.year}",
        columns=columns,
        rows=rows,
        verdict=verdict_sentence(result),
        notes=notes,
    )


def sheet_markdown(sheet: Sheet) -> str:
    titles = [markdown_cell(f"{c.group}: {c.title}" if c.group else c.title) for c in sheet.columns]
    lines = [
        "| " + " | ".join(titles) + " |",
        "|" + "|".join("---:" if c.numeric else "---" for c in sheet.columns) + "|",
    ]
    for row in sheet.rows:
        cells = [markdown_cell(row.texts[c.key]) for c in sheet.columns]
        if row.bold:
            cells = [f"**{x}**" if x else x for x in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"

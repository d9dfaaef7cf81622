"""`tcpl score` and `tcpl gap`: the verdict, its reasons, and what is still needed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from tcpl import textfmt as fmt
from tcpl.cli.common import (
    EXIT_READ,
    AsOfOpt,
    ReadFormatOpt,
    checked_ruleset,
    out_console,
    verdict_style,
    write_json,
    write_text,
)
from tcpl.documents.markdown import gap_markdown, score_markdown, verdict_text
from tcpl.engine.gap import GapResult, gap
from tcpl.engine.results import ScoreResult
from tcpl.engine.scoring import score_loaded
from tcpl.errors import UsageError
from tcpl.loading.commune_year import CommuneYear, load_commune_year
from tcpl.loading.loader import Loader

PathArg = Annotated[
    Path,
    typer.Argument(
        metavar="ĐƯỜNG_DẪN",
        help="Tệp đánh giá (assessment.yaml) hoặc thư mục năm của xã (plans/<xã>/<năm>).",
        show_default=False,
    ),
]
RulesetOpt = Annotated[
    Path | None,
    typer.Option("--ruleset", help="Dùng bộ tiêu chí trong tệp này (kể cả lớp bổ sung extends:)."),
]


def register(app: typer.Typer) -> None:
    app.command(
        "score",
        help=(
            "Chấm điểm, đánh giá một xã trong một năm theo bộ tiêu chí của năm đó: bảng theo tiêu"
            " chí và chỉ tiêu, kết quả, lý do, số liệu còn thiếu và quy tắc chưa xác minh.\n\n"
            "[bold]Ví dụ:[/]\n\n"
            "  tcpl score plans/huong-binh/2026\n\n"
            "  tcpl score plans/huong-binh/2023 --explain\n\n"
            "  tcpl score plans/huong-binh/2026 --format json\n\n"
            "Mã thoát: 0 đã chấm (kể cả khi xã chưa đạt); 1 tệp có lỗi, hoặc --require-recognized"
            " và xã chưa đạt; 2 lỗi cách dùng."
        ),
    )(score_command)
    app.command(
        "gap",
        help=(
            "Xã còn thiếu gì để đạt chuẩn: tập nhỏ nhất các nội dung cần cải thiện, với số liệu"
            " cần đạt (tỷ lệ: thêm bao nhiêu vụ việc, văn bản...; mô hình điểm: những điểm dễ"
            " đạt nhất để đủ tổng điểm và tỷ lệ mỗi tiêu chí).\n\n"
            "[bold]Ví dụ:[/]\n\n"
            "  tcpl gap plans/huong-binh/2026\n\n"
            "  tcpl gap plans/huong-binh/2026 --as-of 2026-10-01 --format json" + EXIT_READ
        ),
    )(gap_command)


def load(path: Path, ruleset: Path | None) -> CommuneYear:
    checked_ruleset(ruleset)
    loader = Loader(ruleset_override=ruleset)
    return load_commune_year(path, loader)


def _commune_label(cy: CommuneYear) -> str:
    if cy.commune is not None:
        name = cy.commune.full_name
        return name[:1].upper() + name[1:]
    return cy.assessment.commune or "(chưa rõ xã)"


def score_command(
    path: PathArg,
    output_format: ReadFormatOpt = "table",
    explain: Annotated[
        bool, typer.Option("--explain", help="Với mỗi nội dung: giá trị, quy tắc và kết quả.")
    ] = False,
    require_recognized: Annotated[
        bool,
        typer.Option("--require-recognized", help="Mã thoát 1 khi xã chưa được công nhận (dùng trong CI)."),
    ] = False,
    ruleset: RulesetOpt = None,
) -> None:
    cy = load(path, ruleset)
    result = score_loaded(cy.ruleset, cy.assessment)
    for w in cy.warnings:
        result.warnings.append(w.format())
    if output_format == "json":
        write_json(result.to_json())
    elif output_format == "markdown":
        write_text(score_markdown(result, title=f"{_commune_label(cy)} — năm {result.year}", explain=explain))
    else:
        show_score(result, cy, explain=explain)
    raise typer.Exit(1 if require_recognized and result.recognized is not True else 0)


def show_score(result: ScoreResult, cy: CommuneYear, *, explain: bool) -> None:
    console = out_console()
    model_word = "mô hình điểm" if result.model == "points" else "đạt/chưa đạt"
    based = f", dựa trên {result.base_ruleset}" if result.base_ruleset else ""
    console.print(
        f"[bold]{escape(_commune_label(cy))}[/] — năm {result.year} — bộ tiêu chí"
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
        cells = [ident, f"[bold]{escape(name)}[/]" if bold else escape(name)]
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
                word = "Thiếu số liệu" if missing else ""
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
                    detail = f"{it.value_text}; {it.rule}"
                    if not it.verified:
                        detail += " (chưa xác minh)"
                    row(
                        f"    {it.id}",
                        it.name,
                        detail,
                        fmt.number(it.points),
                        fmt.number(it.max_points),
                        fmt.met_word(it.met, missing=it.missing),
                        verdict_style(it.met, missing=it.missing),
                    )
    console.print(table)
    if result.model == "points":
        top = (
            f"/{fmt.number(result.max_points)}" if result.max_points is not None else " (chưa rõ điểm tối đa)"
        )
        need = f", cần ≥ {fmt.number(result.total_required)}" if result.total_required is not None else ""
        console.print(f"Tổng điểm: [bold]{fmt.number(result.total_points)}{top}[/]{need}")
    style = verdict_style(result.recognized)
    console.print(f"Kết quả: [bold {style}]{verdict_text(result.recognized)}[/]")
    for title, entries, colour in (
        ("Lý do", result.reasons, style),
        ("Chưa xác định", result.undetermined, "yellow"),
        ("Lưu ý", result.warnings, "dim"),
    ):
        if entries:
            console.print(f"[bold]{title}:[/]")
            for e in entries:
                console.print(f"  [{colour}]•[/] {escape(e)}")


def gap_command(
    path: PathArg,
    as_of: AsOfOpt = None,
    output_format: ReadFormatOpt = "table",
    ruleset: RulesetOpt = None,
) -> None:
    day = parse_day(as_of)
    cy = load(path, ruleset)
    result = score_loaded(cy.ruleset, cy.assessment)
    answer = gap(cy.ruleset.ruleset, cy.assessment, as_of=day, result=result)
    if output_format == "json":
        write_json(
            {
                "commune": result.commune,
                "year": result.year,
                "ruleset": result.ruleset,
                "as_of": day.isoformat(),
                **answer.to_json(),
            }
        )
    elif output_format == "markdown":
        write_text(gap_markdown(answer))
    else:
        show_gap(answer, result, cy)


def parse_day(text: str | None) -> date:
    """--as-of: ISO (2026-10-01) as in the YAML files, or the way it is written on paper (01/10/2026)."""
    if text is None:
        return date.today()
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--as-of phải là một ngày, dạng NĂM-THÁNG-NGÀY (2026-10-01) hoặc NGÀY/THÁNG/NĂM (01/10/2026),"
            f" không phải '{text}'"
        ) from None


def show_gap(answer: GapResult, result: ScoreResult, cy: CommuneYear) -> None:
    console = out_console()
    console.print(
        f"[bold]{escape(_commune_label(cy))}[/] — năm {result.year}"
        f" — {verdict_text(result.recognized).lower()}"
    )
    if answer.recognized:
        console.print("[green]Xã đã đủ điều kiện công nhận: không cần cải thiện thêm.[/]")
        return
    if answer.steps:
        table = Table(header_style="bold")
        table.add_column("Nội dung", no_wrap=True)
        table.add_column("Tên", ratio=1)
        table.add_column("Cần làm", ratio=1)
        if result.model == "points":
            table.add_column("Thêm điểm", justify="right")
        for s in answer.steps:
            cells = [s.item_id, escape(s.name), escape(s.action)]
            if result.model == "points":
                cells.append(fmt.number(s.points_gain))
            table.add_row(*cells)
        console.print(table)
        if answer.points_after is not None:
            console.print(f"Tổng điểm sau khi cải thiện: [bold]{fmt.number(answer.points_after)}[/]")
    if answer.feasible is False:
        console.print("[red bold]Không thể đạt chuẩn trong năm nay:[/]")
    for e in answer.blockers:
        console.print(f"  [red]•[/] {escape(e)}")
    for e in answer.notes:
        console.print(f"  [yellow]•[/] {escape(e)}")

"""`tcpl rules list|show`: the rulesets tcpl knows and their full tree."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from tcpl import textfmt as fmt
from tcpl.cli.common import EXIT_READ, TableJsonOpt, formats, out_console, write_json
from tcpl.engine.scoring import describe_rule
from tcpl.errors import UsageError
from tcpl.loading.rulesets import LoadedRuleset, RulesetRegistry
from tcpl.models.ruleset import Ruleset

rules_app = typer.Typer(
    options_metavar="[TÙY CHỌN]",
    subcommand_metavar="LỆNH [THAM SỐ]...",
    help=(
        "Các bộ tiêu chí: liệt kê, xem toàn bộ tiêu chí, chỉ tiêu, nội dung.\n\n"
        "[bold]Ví dụ:[/]\n\n  tcpl rules list\n\n  tcpl rules show qd27-2025"
    ),
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(rules_app, name="rules")


def _model_word(rs: Ruleset) -> str:
    if rs.model == "points":
        return f"điểm ({fmt.number(rs.max_points)})" if rs.max_points is not None else "điểm"
    return "đạt/chưa đạt"


@rules_app.command(
    "list",
    help="Liệt kê các bộ tiêu chí đi kèm tcpl.\n\n[bold]Ví dụ:[/]\n\n  tcpl rules list" + EXIT_READ,
)
def list_rules(
    output_format: TableJsonOpt = "table",
) -> None:
    registry = RulesetRegistry()
    rulesets = registry.all_shipped()
    if output_format == "json":
        write_json([_summary(r) for r in rulesets])
        return
    table = Table(header_style="bold")
    for col in ("Mã", "Năm áp dụng", "Mô hình", "Tiêu chí/chỉ tiêu", "Đã xác minh"):
        table.add_column(col)
    for r in rulesets:
        s = _summary(r)
        table.add_row(
            r.id,
            r.ruleset.years.describe(),
            _model_word(r.ruleset),
            f"{s['criteria']}/{s['indicators']}",
            f"{s['verified_items']}/{s['items']} nội dung",
        )
    out_console().print(table)


def _summary(r: LoadedRuleset) -> dict[str, object]:
    rs = r.ruleset
    items = rs.iter_items()
    return {
        "id": rs.id,
        "title": rs.title,
        "years": {"from": rs.years.from_, "to": rs.years.to},
        "model": rs.model,
        "extends": rs.extends,
        "criteria": len(rs.criteria),
        "indicators": sum(len(c.indicators) for c in rs.criteria),
        "items": len(items),
        "verified_items": sum(1 for _, _, it in items if it.verified),
        "path": str(r.path),
    }


@rules_app.command(
    "show",
    help=(
        "Xem đầy đủ một bộ tiêu chí (mã hoặc đường dẫn tệp): tiêu chí, chỉ tiêu, nội dung, loại,"
        " mức đạt, điểm, nguồn và tình trạng xác minh.\n\n"
        "[bold]Ví dụ:[/]\n\n  tcpl rules show qd25-2021\n\n"
        "  tcpl rules show plans/huong-binh/2023/qd25-2021-minh-hoa.yaml" + EXIT_READ
    ),
)
def show_rules(
    ident: Annotated[
        str, typer.Argument(metavar="MÃ", help="Mã bộ tiêu chí hoặc đường dẫn tệp.", show_default=False)
    ],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="tree hoặc json.", callback=formats("tree", "json"))
    ] = "tree",
) -> None:
    registry = RulesetRegistry()
    loaded = registry.by_id(ident)
    if loaded is None:
        path = Path(ident)
        if not path.is_file():
            known = ", ".join(registry.shipped())
            raise UsageError(f"không có bộ tiêu chí '{ident}' (có: {known})")
        loaded = registry.load_path(path)
    rs = loaded.ruleset
    if output_format == "json":
        write_json(rs.model_dump(mode="json", by_alias=True, exclude_none=True))
        return
    tree = Tree(
        f"[bold]{escape(rs.id)}[/] — {escape(rs.title)}\n"
        f"Năm áp dụng: {rs.years.describe()}; mô hình: {_model_word(rs)}"
        + (f"; mở rộng: {escape(rs.extends)}" if rs.extends else "")
    )
    rec = rs.recognition
    cond = tree.add("[bold]Điều kiện công nhận[/]")
    if rs.model == "points":
        cond.add(f"Tổng điểm ≥ {fmt.number(rec.total_at_least)}")
        if rec.criterion_share_at_least is not None:
            cond.add(
                f"Mỗi tiêu chí ≥ {fmt.percent(rec.criterion_share_at_least, digits=0)}"
                " điểm tối đa của tiêu chí"
            )
    else:
        cond.add("Mọi tiêu chí, chỉ tiêu đều đạt")
    for condition in rec.conditions:
        cond.add(f"{escape(condition.text)} [dim]({escape(condition.source or '')})[/]")
    for c in rs.criteria:
        pts = f" — tối đa {fmt.number(c.max_points)} điểm" if rs.model == "points" else ""
        if rs.model == "points" and c.max_points is None:
            pts = " — [yellow]điểm tối đa chưa xác minh[/]"
        cnode = tree.add(f"[bold]Tiêu chí {c.id}[/]. {escape(c.name)}{pts}")
        for ind in c.indicators:
            ipts = ""
            if rs.model == "points":
                ipts = (
                    f" — tối đa {fmt.number(ind.max_points)} điểm"
                    if ind.max_points is not None
                    else " — [yellow]điểm chưa rõ[/]"
                )
            flag = "" if ind.verified else " [yellow](chưa xác minh)[/]"
            inode = cnode.add(f"[bold]{ind.id}[/] {escape(ind.name)}{ipts}{flag}")
            for it in ind.items:
                inode.add(
                    f"{it.id} {escape(it.name)} [dim]\\[{it.kind}][/]"
                    f" — {escape(describe_rule(it, rs.model))}"
                    + (f"\n[dim]Nguồn: {escape(it.source)}[/]" if it.source else "")
                )
    out_console().print(tree)

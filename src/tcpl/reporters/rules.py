"""`tcpl rules list|show` output: the rulesets tcpl knows and their full tree."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from tcpl import kinds
from tcpl import textfmt as fmt
from tcpl.loading.rulesets import LoadedRuleset
from tcpl.models.ruleset import Ruleset
from tcpl.reporters.output import Output
from tcpl.reporters.score import as_json


def model_word(rs: Ruleset) -> str:
    if rs.model == "points":
        return f"điểm ({fmt.number(rs.max_points)})" if rs.max_points is not None else "điểm"
    return "đạt/chưa đạt"


def summary(r: LoadedRuleset) -> dict[str, Any]:
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


def list_json(rulesets: list[LoadedRuleset]) -> Output:
    return as_json([summary(r) for r in rulesets])


def list_table(rulesets: list[LoadedRuleset]) -> Output:
    table = Table(header_style="bold")
    for col in ("Mã", "Năm áp dụng", "Mô hình", "Tiêu chí/chỉ tiêu", "Đã xác minh"):
        table.add_column(col)
    for r in rulesets:
        s = summary(r)
        table.add_row(
            escape(r.id),
            r.ruleset.years.describe(),
            model_word(r.ruleset),
            f"{s['criteria']}/{s['indicators']}",
            f"{s['verified_items']}/{s['items']} nội dung",
        )
    return Output.rich(table)


def show_json(loaded: LoadedRuleset) -> Output:
    return as_json(loaded.ruleset.model_dump(mode="json", by_alias=True, exclude_none=True))


def show_tree(loaded: LoadedRuleset) -> Output:
    rs = loaded.ruleset
    tree = Tree(
        f"[bold]{escape(rs.id)}[/] — {escape(rs.title)}\n"
        f"Năm áp dụng: {rs.years.describe()}; mô hình: {model_word(rs)}"
        + (f"; mở rộng: {escape(rs.extends)}" if rs.extends else "")
    )
    attested = loaded.attestation
    if attested is not None:
        tree.add(f"[green]Đã xác nhận:[/] {escape(attested.words())}")
    else:
        blocking = [e for e in rs.open_entries() if e.blocks_attestation]
        if rs.attestation is not None:
            tree.add(
                "[yellow]Có mục attestation nhưng chưa đủ (cơ quan, văn bản, ngày) hoặc còn mục chưa có[/]"
            )
        if blocking:
            node = tree.add(f"[yellow]Còn thiếu theo văn bản gốc ({len(blocking)} mục)[/]")
            for entry in blocking:
                node.add(escape(entry.words()))
        if not rs.fully_verified():
            tree.add(
                "[yellow]Chưa xác minh đầy đủ với văn bản gốc và chưa được cơ quan có thẩm quyền xác nhận[/]"
            )
    rec = rs.recognition
    cond = tree.add("[bold]Điều kiện công nhận[/]")
    if rs.model == "points":
        cond.add(f"Tổng điểm ≥ {fmt.number(rec.total_at_least)}")
        if rec.criterion_share_at_least is not None:
            cond.add(
                f"Mỗi tiêu chí ≥ {fmt.percent(rec.criterion_share_at_least, digits=0)} điểm tối đa của tiêu chí"
            )
    else:
        cond.add("Mọi tiêu chí, chỉ tiêu đều đạt")
    for condition in rec.conditions:
        cond.add(f"{escape(condition.text)} [dim]({escape(condition.source or '')})[/]")
    for c in rs.criteria:
        pts = f" — tối đa {fmt.number(c.max_points)} điểm" if rs.model == "points" else ""
        if rs.model == "points" and c.max_points is None:
            pts = " — [yellow]điểm tối đa chưa xác minh[/]"
        cnode = tree.add(f"[bold]Tiêu chí {escape(c.id)}[/]. {escape(c.name)}{pts}")
        for ind in c.indicators:
            ipts = ""
            if rs.model == "points":
                ipts = (
                    f" — tối đa {fmt.number(ind.max_points)} điểm"
                    if ind.max_points is not None
                    else " — [yellow]điểm chưa rõ[/]"
                )
            flag = "" if ind.verified else " [yellow](chưa xác minh)[/]"
            inode = cnode.add(f"[bold]{escape(ind.id)}[/] {escape(ind.name)}{ipts}{flag}")
            for it in ind.items:
                kind = kinds.of(it)
                name = (
                    f"[yellow](chưa có tên)[/] [dim]{escape(it.name)}[/]"
                    if it.placeholder
                    else escape(it.name)
                )
                inode.add(
                    f"{escape(it.id)} {name} [dim]\\[{escape(kind.word)}][/]"
                    f" — {escape(kind.describe(it, rs.model))}"
                    + (f"\n[dim]Nguồn: {escape(it.source)}[/]" if it.source else "")
                )
    return Output.rich(tree)

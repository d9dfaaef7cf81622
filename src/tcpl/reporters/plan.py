"""`tcpl plan status` output: each task's deadline and state, the late ones marked."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from tcpl import textfmt as fmt
from tcpl.engine.tracking import PlanProgress
from tcpl.errors import Diagnostic
from tcpl.models.plan import TaskStatus
from tcpl.reporters.output import Output
from tcpl.reporters.score import as_json


def status_json(progress: PlanProgress, *, warnings: list[Diagnostic]) -> Output:
    return as_json(
        {
            "year": progress.year,
            "as_of": progress.as_of.isoformat(),
            "tasks": [s.to_json() for s in progress.states],
            "late": [s.number for s in progress.late],
            "no_deadline": [s.number for s in progress.undated],
            "warnings": [d.to_json() for d in warnings],
        }
    )


def status_table(progress: PlanProgress, *, warnings: list[Diagnostic]) -> Output:
    # The title on its own line (see reporters/calendar.py).
    heading = Text(f"Kế hoạch năm {progress.year} — tính đến {fmt.short_date(progress.as_of)}", style="bold")
    table = Table(header_style="bold")
    table.add_column("STT", justify="right")
    table.add_column("Nhiệm vụ", ratio=2)
    table.add_column("Thời gian", ratio=1)
    table.add_column("Hạn", no_wrap=True)
    table.add_column("Tình trạng", no_wrap=True)
    table.add_column("Ghi chú", ratio=2)
    for s in progress.states:
        due = fmt.short_date(s.window.end) if s.window else ("[yellow]?[/]" if s.task.time_text else "—")
        state = f"[red bold]QUÁ HẠN[/] ({s.status.value})" if s.late else s.status.value
        if s.status is TaskStatus.DONE:
            state = f"[green]{state}[/]"
        table.add_row(
            str(s.number),
            escape(s.task.title),
            escape(s.task.time_text or ""),
            due,
            state,
            escape(s.last.note or "") if s.last else "",
        )
    late, undated = progress.late, progress.undated
    shown: list[Any] = [
        heading,
        table,
        Text(
            f"{len(progress.states)} nhiệm vụ: {len(progress.done)} hoàn thành, {len(late)} quá hạn"
            + (f" (nhiệm vụ {', '.join(str(s.number) for s in late)})" if late else "")
            + (f"; {len(undated)} chưa có hạn để theo dõi" if undated else "")
            + "."
        ),
    ]
    shown.extend(Text.from_markup(f"  [yellow]•[/] {escape(d.report_line())}") for d in warnings)
    return Output.rich(*shown)

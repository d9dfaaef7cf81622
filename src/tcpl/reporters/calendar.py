"""`tcpl calendar` output: the year's dated steps and their state."""

from __future__ import annotations

from datetime import date

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from tcpl import textfmt as fmt
from tcpl.engine.calendar import STATE_WORDS, Event, status_of
from tcpl.reporters.output import Output
from tcpl.reporters.score import as_json

_COLOURS = {"done": "green", "due": "cyan", "late": "red", "undated": "dim"}


def calendar_json(events: list[Event], *, title: str, as_of: date) -> Output:
    return as_json(
        {"as_of": as_of.isoformat(), "events": [e.to_json() for e in events], "counts": status_of(events)}
    )


def calendar_table(events: list[Event], *, title: str, as_of: date) -> Output:
    # The title is a line of its own: rich centres a table's title differently from version to version.
    heading = Text(f"{title}, tính đến {fmt.short_date(as_of)}", style="bold")
    table = Table(header_style="bold")
    for col in ("Hạn", "Việc", "Tình trạng", "Ghi chú"):
        table.add_column(col, ratio=1 if col in ("Việc", "Ghi chú") else None, no_wrap=col == "Hạn")
    for e in events:
        when = fmt.short_date(e.due) if e.due else "—"
        state = STATE_WORDS[e.state] + (f" {fmt.short_date(e.done_on)}" if e.done_on else "")
        table.add_row(when, escape(e.title), f"[{_COLOURS[e.state]}]{state}[/]", escape(e.detail))
    counts = status_of(events)
    return Output.rich(
        heading,
        table,
        Text(
            f"Đã xong {counts['done']}, sắp đến hạn {counts['due']}, quá hạn {counts['late']},"
            f" không có hạn {counts['undated']}."
        ),
    )

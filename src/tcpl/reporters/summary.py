"""`tcpl summary` on the screen: the province table."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from tcpl.documents.scoresheet import Sheet
from tcpl.reporters.output import Output


def summary_table(sheet: Sheet) -> Output:
    table = Table(header_style="bold")  # the title on its own line (see reporters/calendar.py)
    for col in sheet.columns:
        table.add_column(col.title, justify="right" if col.numeric else "left")
    for row in sheet.rows:
        table.add_row(*(escape(row.texts[c.key]) for c in sheet.columns), style="bold" if row.bold else None)
    return Output.rich(Text(sheet.title, style="bold"), table, Text(sheet.verdict))

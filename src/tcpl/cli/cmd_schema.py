"""`tcpl schema KIND`: the JSON Schema of a file kind, for editors (YAML language server)."""

from __future__ import annotations

from typing import Annotated

import typer

from tcpl.cli.common import write_json
from tcpl.errors import UsageError
from tcpl.models.schemas import SCHEMA_KINDS, json_schema


def register(app: typer.Typer) -> None:
    app.command(
        "schema",
        help=(
            "In JSON Schema của một loại tệp (ruleset, assessment, commune, plan, feedback) để trình soạn"
            " thảo gợi ý và kiểm tra khi gõ.\n\n"
            "[bold]Ví dụ:[/]\n\n"
            "  tcpl schema assessment > schemas/assessment.schema.json\n\n"
            "Rồi thêm dòng đầu tệp YAML:\n\n"
            "  # yaml-language-server: $schema=../../schemas/assessment.schema.json"
        ),
    )(schema)


def schema(
    kind: Annotated[
        str, typer.Argument(help="ruleset, assessment, commune, plan hoặc feedback.", show_default=False)
    ],
) -> None:
    if kind not in SCHEMA_KINDS:
        raise UsageError(f"loại tệp phải là một trong: {', '.join(SCHEMA_KINDS)} (không phải '{kind}')")
    write_json(json_schema(kind))

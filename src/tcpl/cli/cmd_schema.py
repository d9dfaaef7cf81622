"""`tcpl schema KIND`: the JSON Schema of a file kind, for editors (YAML language server)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from tcpl import api
from tcpl.cli.common import EXIT_WRITE, show
from tcpl.errors import UsageError
from tcpl.reporters.score import as_json
from tcpl.safeio import write_text_atomic


def register(app: typer.Typer) -> None:
    app.command(
        "schema",
        help=(
            "In JSON Schema của một loại tệp (ruleset, overlay, assessment, commune, plan, feedback, office) để"
            " trình soạn thảo gợi ý và kiểm tra khi gõ; overlay là lớp bổ sung (tệp bộ tiêu chí có"
            " 'extends:').\n\n"
            "[bold]Ví dụ:[/]\n\n"
            "  tcpl schema assessment > schemas/assessment.schema.json\n\n"
            "  tcpl schema --output-dir schemas/\n\n"
            "Rồi thêm dòng đầu tệp YAML (đường dẫn tính từ thư mục của tệp; từ plans/<xã>/<năm>/ là"
            " ../../../schemas/):\n\n"
            "  # yaml-language-server: $schema=../../../schemas/assessment.schema.json" + EXIT_WRITE
        ),
    )(schema)


def schema(
    kind: Annotated[
        str | None,
        typer.Argument(
            metavar="LOẠI",
            help="ruleset, overlay, assessment, commune, plan, feedback hoặc office.",
            show_default=False,
        ),
    ] = None,
    output_dir: Annotated[
        Path | None, typer.Option("--output-dir", help="Viết schema của mọi loại tệp vào thư mục này.")
    ] = None,
) -> None:
    if output_dir is not None:
        if not output_dir.is_dir():
            raise UsageError(f"thư mục '{output_dir}' không tồn tại")
        for name in api.schema_kinds():
            text = json.dumps(api.schema(name), ensure_ascii=False, indent=2) + "\n"
            write_text_atomic(output_dir / f"{name}.schema.json", text, force=True)
        return
    show(as_json(api.schema(kind or "")))

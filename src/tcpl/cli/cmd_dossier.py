"""`tcpl dossier YEAR_DIR -o ho-so-2026.zip`: the hồ sơ a commune sends up, in one zip."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tcpl import api
from tcpl.cli.common import ForceOpt, RulesetOpt, notes, wrote


def register(app: typer.Typer) -> None:
    app.command(
        "dossier",
        help=(
            "Hồ sơ gửi cấp trên, trong một tệp .zip: các văn bản của hồ sơ theo bộ tiêu chí (báo cáo đánh"
            " giá, bảng điểm, thông báo niêm yết, bản tổng hợp ý kiến; kèm PDF khi có LibreOffice), các tệp"
            " tài liệu kiểm chứng (mỗi chỉ tiêu một thư mục) và danh mục hồ sơ (tên tệp, chỉ tiêu, số"
            " trang, mã SHA-256). Thiếu văn bản hoặc tài liệu thì không viết, trừ khi dùng --draft;"
            " văn bản còn là DỰ THẢO thì viết và báo (--strict: không viết). Cùng"
            " số liệu cho cùng một tệp .zip.\n\n"
            "[bold]Ví dụ:[/]\n\n  tcpl dossier plans/huong-binh/2026 -o ho-so-2026.zip\n\n"
            "  tcpl dossier plans/huong-binh/2026 -o ho-so-nhap.zip --draft"
            "\n\nMã thoát: 0 đã viết; 1 hồ sơ còn thiếu, tệp có lỗi hoặc (--strict) còn DỰ THẢO; 2 lỗi cách dùng."
        ),
    )(dossier_command)


def dossier_command(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="THƯ_MỤC_NĂM",
            help="Thư mục năm của đơn vị, ví dụ plans/huong-binh/2026.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Tệp .zip sẽ viết; mặc định: ho-so-<năm>.zip trong thư mục năm."),
    ] = None,
    draft: Annotated[bool, typer.Option("--draft", help="Viết cả khi hồ sơ còn thiếu (bản nháp).")] = False,
    no_pdf: Annotated[bool, typer.Option("--no-pdf", help="Không kèm bản PDF của các văn bản.")] = False,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Không viết (mã thoát 1) khi có văn bản còn là DỰ THẢO."),
    ] = False,
    force: ForceOpt = False,
    ruleset: RulesetOpt = None,
) -> None:
    target = output or folder / f"ho-so-{folder.name}.zip"
    done = api.dossier(
        folder, target, force=force, draft=draft, strict=strict, pdf=not no_pdf, ruleset=ruleset
    )
    wrote([done.path], summary=f"{len(done.files)} tệp")
    lines = [f"Còn thiếu: {m}" for m in done.missing] + done.notes
    notes(lines)

"""`tcpl form new|import`: the Excel entry form of a year's figures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tcpl import api
from tcpl.cli.common import ForceOpt, RulesetOpt, command_group, notes, wrote

form_app = command_group(
    "Bảng Excel để nhập số liệu tự đánh giá: viết bảng (new), ghi số liệu từ bảng vào"
    " assessment.yaml (import).\n\n"
    "[bold]Ví dụ:[/]\n\n"
    "  tcpl form new plans/thuan-hoa/2026 -o so-lieu-2026.xlsx\n\n"
    "  tcpl form import so-lieu-2026.xlsx plans/thuan-hoa/2026"
)

YearDir = Annotated[
    Path,
    typer.Argument(
        metavar="THƯ_MỤC_NĂM", help="Thư mục năm của đơn vị, ví dụ plans/thuan-hoa/2026.", show_default=False
    ),
]


def register(app: typer.Typer) -> None:
    app.add_typer(form_app, name="form")


@form_app.command(
    "new",
    help=(
        "Viết bảng Excel nhập số liệu của năm theo bộ tiêu chí của năm (kể cả lớp bổ sung của tỉnh):"
        " mỗi nội dung một dòng; ô không dùng cho nội dung đó tô xám, khóa; Có/Không chọn trong danh"
        " sách; in A4 ngang. Có assessment.yaml thì bảng ghi sẵn số liệu đã có.\n\n"
        "[bold]Ví dụ:[/]\n\n  tcpl form new plans/thuan-hoa/2026 -o so-lieu-2026.xlsx"
        "\n\nMã thoát: 0 đã viết; 1 tệp có lỗi; 2 lỗi cách dùng."
    ),
)
def form_new(
    folder: YearDir,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Tệp .xlsx sẽ viết; mặc định: so-lieu-<năm>.xlsx trong thư mục năm."
        ),
    ] = None,
    force: ForceOpt = False,
    ruleset: RulesetOpt = None,
) -> None:
    target = output or folder / f"so-lieu-{folder.name}.xlsx"
    wrote(api.form_new(folder, target, force=force, ruleset=ruleset).paths)


@form_app.command(
    "import",
    help=(
        "Ghi số liệu từ bảng Excel (do tcpl form new viết) vào assessment.yaml của thư mục năm: tạo"
        " tệp nếu chưa có, hoặc chỉ đổi phần items: (giữ nguyên các phần khác và chú thích); in các"
        " nội dung đã đổi. Đổi một số liệu đã có cần --force. Ô sai được báo theo tên bảng tính và ô"
        " (so-lieu-2026.xlsx:Số liệu!E12) và khi đó không tệp nào bị đổi.\n\n"
        "[bold]Ví dụ:[/]\n\n  tcpl form import so-lieu-2026.xlsx plans/thuan-hoa/2026"
        "\n\nMã thoát: 0 đã ghi (hoặc không có gì đổi); 1 bảng có ô sai hoặc cần --force; 2 lỗi cách dùng."
    ),
)
def form_import(
    book: Annotated[Path, typer.Argument(metavar="TỆP_XLSX", help="Bảng Excel đã điền.", show_default=False)],
    folder: YearDir,
    force: Annotated[
        bool, typer.Option("--force", help="Cho phép đổi số liệu đã có trong assessment.yaml.")
    ] = False,
    ruleset: RulesetOpt = None,
) -> None:
    done = api.form_import(book, folder, force=force, ruleset=ruleset)
    if not done.written:
        notes([f"Không có số liệu nào khác với {done.path}: không ghi gì."])
        return
    wrote([done.path], summary=f"{len(done.changes)} nội dung " + ("mới." if done.created else "đã đổi:"))
    notes([f"{item}: {before} → {after}" for item, before, after in done.changes])

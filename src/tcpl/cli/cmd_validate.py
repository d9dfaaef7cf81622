"""`tcpl validate`: check files of any kind, report every problem with its location."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from tcpl.batch import internal_problem
from tcpl.cli.common import checked_ruleset, formats, write_json, write_text
from tcpl.errors import Severity, UsageError, display_path
from tcpl.loading.discovery import discover
from tcpl.loading.loader import FileModel, LoadedFile, Loader

PROGRESS_FROM = 200
"""A progress bar for long runs (on a terminal only: never in logs or machine output)."""

KIND_WORDS = {
    "ruleset": "bộ tiêu chí",
    "assessment": "đánh giá",
    "commune": "thông tin xã",
    "plan": "kế hoạch",
    "feedback": "ý kiến",
    "office": "cơ quan",
    None: "không rõ loại",
}


def skipped_note(paths: list[str], *, shown: int = 3) -> str:
    """The sentence both `validate` and `check` end with when they left other tools' files alone."""
    if not paths:
        return ""
    names = ", ".join(paths[:shown]) + (", …" if len(paths) > shown else "")
    return (
        f" Bỏ qua {len(paths)} tệp YAML không phải của tcpl ({names}); một tệp của tcpl cần"
        " 'kind:', tên và chỗ của nó (commune.yaml, <năm>/assessment.yaml, criteria/...)."
    )


def register(app: typer.Typer) -> None:
    app.command(
        "validate",
        help=(
            "Kiểm tra các tệp YAML: bộ tiêu chí, thông tin xã, kế hoạch, số liệu đánh giá (tự"
            " nhận loại tệp). Thư mục được tìm đệ quy. Mỗi lỗi ghi [cyan]tệp:dòng:cột[/] và"
            " cách sửa.\n\n"
            "[bold]Ví dụ:[/]\n\n"
            "  tcpl validate plans/\n\n"
            "  tcpl validate plans/huong-binh/2026/assessment.yaml --format json\n\n"
            "Mã thoát: 0 không có lỗi; 1 có lỗi (hoặc có cảnh báo khi dùng --strict); 2 lỗi cách dùng."
        ),
    )(validate)


def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="ĐƯỜNG_DẪN", help="Tệp hoặc thư mục cần kiểm tra.", show_default=False),
    ],
    output_format: Annotated[
        str,
        typer.Option("--format", "-f", help="Định dạng: text hoặc json.", callback=formats("text", "json")),
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Coi cảnh báo là lỗi (mã thoát 1).")] = False,
    ruleset: Annotated[
        Path | None,
        typer.Option("--ruleset", help="Chấm các tệp đánh giá theo bộ tiêu chí này (tệp YAML)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Chỉ in lỗi, không in dòng tổng kết.")] = False,
) -> None:
    checked_ruleset(ruleset)
    found = discover(paths)
    files = found.files
    if not files and not found.problems:
        raise UsageError("không có tệp YAML nào để kiểm tra")
    loader = Loader(ruleset_override=ruleset)
    problems = list(found.problems)

    def load(f: Path) -> LoadedFile[FileModel] | None:
        try:
            return loader.load(f)
        except Exception as exc:  # one file must never stop the check of the others
            problems.append(internal_problem(f, exc))
            return None

    if len(files) >= PROGRESS_FROM and sys.stderr.isatty() and not os.environ.get("CI"):
        from rich.progress import track

        from tcpl.cli.common import err_console

        loaded = [
            load(f) for f in track(files, description="Đang kiểm tra", console=err_console(), transient=True)
        ]
    else:
        loaded = [load(f) for f in files]
    skipped = [r for r in loaded if r is not None and r.foreign]
    results = [r for r in loaded if r is not None and not r.foreign]
    diagnostics = sorted(
        set(problems) | {d for r in results for d in r.diagnostics}, key=lambda d: d.sort_key()
    )
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    shown = {display_path(r.path) for r in results}
    bad = {display_path(r.path) for r in results if not r.ok}
    bad |= {d.path for d in problems if d.severity is Severity.ERROR}
    checked = len(shown | {d.path for d in problems})
    failed = errors > 0 or (strict and warnings > 0)

    if output_format == "json":
        write_json(
            {
                "version": 1,
                "status": "fail" if failed else "ok",
                "files": [{"path": display_path(r.path), "kind": r.kind, "ok": r.ok} for r in results],
                "skipped": [display_path(r.path) for r in skipped],
                "diagnostics": [d.to_json() for d in diagnostics],
            }
        )
    else:
        for d in diagnostics:
            write_text(d.report_line())
        if not quiet:
            kinds = Counter(KIND_WORDS[r.kind] for r in results)
            breakdown = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
            write_text(
                f"Đã kiểm tra {checked} tệp"
                + (f" ({breakdown})" if breakdown else "")
                + f": {checked - len(bad)} hợp lệ, {len(bad)} có lỗi; {errors} lỗi, {warnings} cảnh báo."
                + skipped_note([display_path(r.path) for r in skipped])
            )
    raise typer.Exit(1 if failed else 0)

"""`tcpl diff OLD NEW`: what changed between two versions of an assessment, for reviewing a change."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from tcpl import textfmt as fmt
from tcpl.cli.common import out_console, write_json, write_text
from tcpl.errors import InvalidFilesError, UsageError, display_path


def register(app: typer.Typer) -> None:
    app.command(
        "diff",
        help=(
            "So sánh hai phiên bản của một tệp đánh giá: nội dung nào đổi số liệu, chỉ tiêu, tiêu chí"
            " nào đổi kết quả, kết quả công nhận có đổi không. Mỗi bên là một tệp, hoặc PHIÊN_BẢN:TỆP"
            " của git.\n\n"
            "[bold]Ví dụ:[/]\n\n"
            "  tcpl diff cu/assessment.yaml moi/assessment.yaml\n\n"
            "  tcpl diff HEAD~1:plans/huong-binh/2026/assessment.yaml plans/huong-binh/2026/assessment.yaml\n\n"
            "  tcpl diff main:plans/x/2026/assessment.yaml HEAD:plans/x/2026/assessment.yaml -f markdown"
        ),
    )(diff_command)


def _git_show(spec: str) -> tuple[Path, str]:
    rev, _, rel = spec.partition(":")
    path = Path(rel)
    folder = (path.parent if path.parent.exists() else Path.cwd()).resolve()
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()
        inside = path.resolve().relative_to(Path(top)).as_posix()
        text = subprocess.run(
            ["git", "show", f"{rev}:{inside}"], cwd=top, capture_output=True, check=True, timeout=30
        ).stdout
    except FileNotFoundError:
        raise UsageError("không tìm thấy chương trình git để đọc phiên bản cũ") from None
    except (subprocess.CalledProcessError, ValueError):
        raise UsageError(f"git không có tệp '{rel}' ở phiên bản '{rev}'") from None
    try:
        return path, text.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"'{spec}' không phải văn bản UTF-8") from None


def _load(spec: str, ruleset: Path | None) -> tuple[str, Any]:
    from tcpl.engine.scoring import score
    from tcpl.loading.files import Loader, check_assessment
    from tcpl.loading.validation import validate
    from tcpl.loading.yamlfile import read_yaml
    from tcpl.models.assessment import Assessment

    if Path(spec).exists():
        path, text = Path(spec), None
        if path.is_dir():
            from tcpl.loading.files import find_assessment

            path = find_assessment(path)
    elif ":" in spec:
        path, text = _git_show(spec)
    else:
        raise UsageError(f"không tìm thấy '{spec}'")
    doc = read_yaml(path, text=text)
    if text is not None:
        doc.path = path  # positions are reported against the file's path in the working tree
    assessment = validate(doc, Assessment) if doc.usable else None
    loader = Loader(ruleset_override=ruleset)
    loaded = loader.ruleset_for(assessment, doc) if assessment is not None else None
    if assessment is not None and loaded is not None:
        check_assessment(assessment, loaded.ruleset, doc)
    if doc.diagnostics or assessment is None or loaded is None:
        raise InvalidFilesError(
            [d for d in doc.diagnostics]
            or [doc.diagnostic((), "tệp đánh giá không đọc được", code="TCPL001")]
        )
    return spec, score(loaded.ruleset, assessment, base_ruleset=loaded.base_id)


def _word(state: Any) -> str:
    if state is None:
        return "—"
    if isinstance(state, dict):
        parts = []
        if state.get("points") is not None:
            parts.append(f"{fmt.number(state['points'])} điểm")
        met = state.get("met")
        parts.append({True: "đạt", False: "chưa đạt", None: "chưa xác định"}[met])
        return ", ".join(parts)
    if isinstance(state, bool):
        return "đạt chuẩn" if state else "chưa đạt chuẩn"
    if isinstance(state, float | int):
        return fmt.number(state)
    return str(state)


def _verdict(value: Any) -> str:
    return {True: "đạt chuẩn", False: "chưa đạt chuẩn", None: "chưa xác định"}[value]


def diff_command(
    old: Annotated[
        str, typer.Argument(metavar="CŨ", help="Tệp đánh giá cũ, hoặc PHIÊN_BẢN:TỆP.", show_default=False)
    ],
    new: Annotated[
        str, typer.Argument(metavar="MỚI", help="Tệp đánh giá mới, hoặc PHIÊN_BẢN:TỆP.", show_default=False)
    ],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="table, json hoặc markdown.")
    ] = "table",
    ruleset: Annotated[
        Path | None, typer.Option("--ruleset", help="Chấm cả hai theo bộ tiêu chí này.")
    ] = None,
) -> None:
    from tcpl.engine.diff import diff_results

    if output_format not in ("table", "json", "markdown"):
        raise UsageError(f"--format phải là table, json hoặc markdown (không phải '{output_format}')")
    _, before = _load(old, ruleset)
    _, after = _load(new, ruleset)
    result = diff_results(before, after)
    if output_format == "json":
        write_json({"old": old, "new": new, **result.to_json()})
        return
    rows = [
        (
            c.level,
            c.id,
            c.name,
            _verdict(c.before) if c.level == "verdict" else _word(c.before),
            _verdict(c.after) if c.level == "verdict" else _word(c.after),
            c.detail,
        )
        for c in result.changes
    ]
    levels = {
        "verdict": "Kết quả",
        "total": "Tổng điểm",
        "ruleset": "Bộ tiêu chí",
        "criterion": "Tiêu chí",
        "indicator": "Chỉ tiêu",
        "item": "Nội dung",
    }
    if output_format == "markdown":
        lines = [f"### tcpl diff: {display_path(Path(old.split(':')[-1]))}", ""]
        if not rows:
            lines.append("Không có thay đổi nào về số liệu hay kết quả.")
        else:
            lines += ["| Mức | Mã | Tên | Trước | Sau | Số liệu |", "|---|---|---|---|---|---|"]
            for level, ident, name, b, a, detail in rows:
                lines.append(f"| {levels[level]} | {ident} | {name} | {b} | {a} | {detail} |")
        write_text("\n".join(lines) + "\n")
        return
    console = out_console()
    if not rows:
        console.print("Không có thay đổi nào về số liệu hay kết quả.")
        return
    table = Table(header_style="bold")
    for col in ("Mức", "Mã", "Tên", "Trước", "Sau", "Số liệu"):
        table.add_column(col, ratio=1 if col in ("Tên", "Số liệu") else None)
    for level, ident, name, b, a, detail in rows:
        style = "bold" if level in ("verdict", "total") else None
        table.add_row(levels[level], ident, escape(name), escape(b), escape(a), escape(detail), style=style)
    console.print(table)
    if result.verdict_changed:
        console.print(
            f"[bold]Kết quả công nhận đổi: {_verdict(before.recognized)} → {_verdict(after.recognized)}[/]"
        )

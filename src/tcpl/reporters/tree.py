"""`tcpl check` and `tcpl validate` output: text, JSON, GitHub annotations and step summary, JUnit, SARIF.

The machine formats are plain strings written without Rich, so no colour code can leak into them.
"""

from __future__ import annotations

import hashlib
import json
import os
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rich.text import Text

from tcpl import __version__, codes
from tcpl import textfmt as fmt
from tcpl.errors import Diagnostic, Severity
from tcpl.escaping import json_document, markdown_cell, xml_document, xml_text
from tcpl.loading.tree import CommuneYearSummary, TreeResult
from tcpl.reporters.output import Output

GITHUB_ANNOTATION_LIMIT = 50
"""GitHub shows 10 errors per step and 50 per job; more is noise in the log."""


def unrecognised(result: TreeResult) -> list[CommuneYearSummary]:
    return [c for c in result.communes if c.recognized is not True]


def failed(result: TreeResult, *, require_recognized: bool) -> bool:
    return result.errors > 0 or (require_recognized and bool(unrecognised(result)))


def counts(result: TreeResult) -> dict[str, Any]:
    communes = result.communes
    recognised = sum(1 for c in communes if c.recognized is True)
    return {
        # Tree problems (an unreadable folder, a link out of the tree) count as files with errors.
        "files": len({f.path for f in result.files} | {d.path for d in result.diagnostics}),
        # A file can be valid alone and still carry a tree-level error (a duplicate commune-year).
        "files_with_errors": len(
            {f.path for f in result.files if not f.ok}
            | {d.path for d in result.diagnostics if d.severity is Severity.ERROR}
        ),
        "errors": result.errors,
        "warnings": result.warnings,
        "commune_years": len(communes),
        "recognized": recognised,
        "not_recognized": sum(1 for c in communes if c.recognized is False),
        "undetermined": sum(1 for c in communes if c.recognized is None),
        "recognized_share": (recognised / len(communes)) if communes else None,
        "without_assessment": len(result.unscored),
        "items_without_evidence": sum(c.without_evidence for c in communes),
        "skipped_files": len(result.skipped),
    }


def to_json(result: TreeResult, *, require_recognized: bool) -> str:
    data = {
        "version": 1,
        "tool": {"name": "tcpl", "version": __version__},
        "status": "fail" if failed(result, require_recognized=require_recognized) else "ok",
        "summary": counts(result),
        "files": [f.__dict__ for f in result.files],
        "skipped": result.skipped,
        "diagnostics": [d.to_json() for d in result.diagnostics],
        "communes": [c.to_json() for c in result.communes],
    }
    return json_document(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


# --- GitHub Actions --------------------------------------------------------------------------------


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, *, file: str, line: int, col: int, title: str) -> str:
    props = ",".join(
        f"{k}={_escape_property(str(v))}"
        for k, v in (("file", file), ("line", line), ("col", col), ("title", title))
    )
    return f"::{level} {props}::{_escape_data(message)}"


def to_github(result: TreeResult, *, require_recognized: bool, limit: int = GITHUB_ANNOTATION_LIMIT) -> str:
    lines: list[str] = []
    shown = 0
    for d in result.diagnostics:
        if shown >= limit:
            break
        level = "error" if d.severity is Severity.ERROR else "warning"
        lines.append(
            annotation(
                level,
                d.message,
                file=d.path,
                line=d.line,
                col=d.col,
                title=f"{d.code} {_title(d.code)}".strip(),
            )
        )
        shown += 1
    if require_recognized:
        for c in unrecognised(result):
            if shown >= limit:
                break
            message = (
                f"{c.name or c.commune} năm {c.year}: {fmt.recognition_word(c.recognized)}. "
                + " ".join(c.reasons[:3])
            )
            lines.append(
                annotation(
                    "error",
                    message,
                    file=c.path,
                    line=1,
                    col=1,
                    title=f"{codes.NOT_RECOGNISED} {codes.NOT_RECOGNISED.meaning}",
                )
            )
            shown += 1
    hidden = len(result.diagnostics) + (len(unrecognised(result)) if require_recognized else 0) - shown
    totals = counts(result)
    summary = (
        f"tcpl: {totals['files']} tệp, {totals['errors']} lỗi, {totals['warnings']} cảnh báo;"
        f" {totals['commune_years']} xã-năm, {totals['recognized']} đạt chuẩn"
    )
    if hidden > 0:
        summary += f"; {hidden} thông báo khác xem trong bảng tóm tắt của bước (step summary)"
    lines.append(f"::notice title=tcpl::{_escape_data(summary)}")
    return "\n".join(lines) + "\n"


def step_summary(result: TreeResult, *, limit: int = 500) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: every problem, since annotations are capped."""
    c = counts(result)
    share = fmt.percent(c["recognized_share"]) if c["recognized_share"] is not None else "—"
    out = [
        "## Kết quả tcpl check",
        "",
        f"- Tệp: {c['files']} ({c['files_with_errors']} có lỗi); lỗi: {c['errors']}; cảnh báo: {c['warnings']}",
        f"- Xã-năm đã chấm: {c['commune_years']}; đạt chuẩn: {c['recognized']} ({share}); chưa đạt:"
        f" {c['not_recognized']}; chưa xác định: {c['undetermined']}",
        "",
    ]
    if result.diagnostics:
        out += [
            "### Lỗi và cảnh báo",
            "",
            "| Tệp | Dòng | Cột | Mức | Mã | Nội dung |",
            "|---|---:|---:|---|---|---|",
        ]
        for d in result.diagnostics[:limit]:
            out.append(
                f"| {markdown_cell(d.path)} | {d.line} | {d.col} | {d.severity_word} | {d.code} |"
                f" {markdown_cell(d.message)} |"
            )
        if len(result.diagnostics) > limit:
            out.append(
                f"\n… và {len(result.diagnostics) - limit} thông báo khác (xem đầu ra JSON hoặc SARIF)."
            )
        out.append("")
    bad = unrecognised(result)
    if bad:
        out += [
            "### Xã chưa đạt chuẩn hoặc chưa xác định",
            "",
            "| Xã | Năm | Bộ tiêu chí | Kết quả | Lý do |",
            "|---|---:|---|---|---|",
        ]
        for cy in bad[:limit]:
            reason = "; ".join((cy.reasons or cy.undetermined)[:2])
            out.append(
                f"| {markdown_cell(cy.name or cy.commune or cy.path)} | {cy.year} | {markdown_cell(cy.ruleset)} |"
                f" {fmt.recognition_word(cy.recognized)} | {markdown_cell(reason)} |"
            )
        out.append("")
    return "\n".join(out) + "\n"


# --- JUnit XML --------------------------------------------------------------------------------------


def to_junit(result: TreeResult, *, require_recognized: bool) -> str:
    """One testcase per file (failures: its errors) and one per commune-year (its verdict)."""
    root = _junit(result, require_recognized=require_recognized)
    for element in root.iter():
        # Every value may hold a file name or a key from the data: XML 1.0 cannot hold every character.
        for key, value in element.attrib.items():
            element.set(key, xml_text(value))
        if element.text:
            element.text = xml_text(element.text)
    ET.indent(root)
    return xml_document(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    )


def _junit(result: TreeResult, *, require_recognized: bool) -> ET.Element:
    root = ET.Element("testsuites", name="tcpl")
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in result.diagnostics:
        by_file[d.path].append(d)
    files = ET.SubElement(root, "testsuite", name="tcpl.files")
    failures = 0
    for f in result.files:
        case = ET.SubElement(files, "testcase", classname="tcpl.files", name=f.path)
        errors = [d for d in by_file.get(f.path, []) if d.severity is Severity.ERROR]
        if errors:
            failures += 1
            failure = ET.SubElement(case, "failure", message=errors[0].message, type=errors[0].code)
            failure.text = "\n".join(d.format() for d in errors)
        warnings = [d for d in by_file.get(f.path, []) if d.severity is Severity.WARNING]
        if warnings:
            ET.SubElement(case, "system-out").text = "\n".join(d.format() for d in warnings)
    files.set("tests", str(len(result.files)))
    files.set("failures", str(failures))
    files.set("errors", "0")
    communes = ET.SubElement(root, "testsuite", name="tcpl.communes")
    failures = 0
    for c in result.communes:
        case = ET.SubElement(
            communes, "testcase", classname="tcpl.communes", name=f"{c.commune or c.path} {c.year}"
        )
        text = f"{c.name or c.commune}: {fmt.recognition_word(c.recognized)} ({c.ruleset})"
        if c.total_points is not None:
            text += f"; tổng điểm {fmt.number(c.total_points)}"
        if require_recognized and c.recognized is not True:
            failures += 1
            failure = ET.SubElement(case, "failure", message=text, type=codes.NOT_RECOGNISED)
            failure.text = "\n".join(c.reasons + c.undetermined)
        else:
            ET.SubElement(case, "system-out").text = text
    communes.set("tests", str(len(result.communes)))
    communes.set("failures", str(failures))
    communes.set("errors", "0")
    return root


# --- SARIF 2.1.0 -------------------------------------------------------------------------------------


SRCROOT = "%SRCROOT%"
CODES_ANCHOR = "mã-lỗi"
"""The README's heading that lists the codes ("## Mã lỗi"), for rules' helpUri."""


def repository_root(start: Path | None = None) -> Path:
    """The git top level above the working directory, else the working directory itself."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def _project_url(*labels: str) -> str | None:
    """A URL the package declares (`[project.urls]` in pyproject.toml); None when it declares none."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("tcpl").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    found = dict(u.split(", ", 1) for u in urls if ", " in u)
    wanted = {label.lower() for label in labels}
    return next((url for name, url in found.items() if name.lower() in wanted), None)


def artifact_location(path: str, root: Path) -> dict[str, str]:
    """A percent-encoded URI (RFC 3986) relative to the repository root, or absolute outside it."""
    absolute = Path(os.path.abspath(path))
    try:
        rel = absolute.relative_to(root)
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(rel.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def _title(code: str) -> str:
    known = codes.get(code)
    return known.meaning if known else ""


def sarif_rule(code: str, help_uri: str | None) -> dict[str, Any]:
    info = codes.get(code) or codes.Code(code, code, "Xem thông báo để biết cách sửa.")
    rule: dict[str, Any] = {
        "id": code,
        "name": codes.rule_name(code),
        "shortDescription": {"text": info.meaning},
        "fullDescription": {"text": f"{info.meaning}. {info.todo}"},
        "help": {"text": info.todo, "markdown": f"**{code} — {info.meaning}**\n\n{info.todo}"},
        "defaultConfiguration": {"level": info.severity.value},
        "properties": {"tags": ["tcpl"]},
    }
    if help_uri:
        rule["helpUri"] = f"{help_uri}#{quote(CODES_ANCHOR)}"
    return rule


def to_sarif(result: TreeResult, *, require_recognized: bool, root: Path | None = None) -> str:
    """SARIF 2.1.0 as GitHub code scanning ingests it (URIs against %SRCROOT%, rule help, fingerprints)."""
    root = root or repository_root()
    used = sorted(
        {d.code for d in result.diagnostics}
        | ({codes.NOT_RECOGNISED} if require_recognized and unrecognised(result) else set())
    )
    index = {code: n for n, code in enumerate(used)}
    seen: dict[str, int] = defaultdict(int)

    def entry(code: str, level: str, message: str, path: str, line: int, col: int) -> dict[str, Any]:
        location = artifact_location(path, root)
        key = hashlib.sha256(f"{code}\0{location['uri']}\0{message}".encode()).hexdigest()[:32]
        seen[key] += 1
        return {
            "ruleId": code,
            "ruleIndex": index[code],
            "level": level,
            "message": {"text": message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": {"startLine": max(line, 1), "startColumn": max(col, 1)},
                    }
                }
            ],
            # Stable across runs and line shifts: the code, the file and the message (GitHub matches
            # a finding to the one of the previous run by these).
            "partialFingerprints": {"tcpl/v1": f"{key}:{seen[key]}"},
        }

    results = [
        entry(
            d.code, "error" if d.severity is Severity.ERROR else "warning", d.message, d.path, d.line, d.col
        )
        for d in result.diagnostics
    ]
    if require_recognized:
        for c in unrecognised(result):
            message = (
                f"{c.name or c.commune} năm {c.year}: {fmt.recognition_word(c.recognized)}. "
                + " ".join(c.reasons[:3])
            )
            results.append(entry(codes.NOT_RECOGNISED, "error", message, c.path, 1, 1))
    home = _project_url("Documentation", "Homepage", "Repository", "Source")
    driver: dict[str, Any] = {
        "name": "tcpl",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [sarif_rule(code, home) for code in used],
    }
    if home:
        driver["informationUri"] = home
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json_document(json.dumps(sarif, ensure_ascii=False, indent=2)) + "\n"


# --- human text -------------------------------------------------------------------------------

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


def check_lines(result: TreeResult, *, verbose: bool) -> list[str]:
    """`tcpl check` for a person: every problem, the communes (or those not recognised), the counts."""
    lines = [d.report_line() for d in result.diagnostics]
    c = counts(result)
    show_all = verbose or len(result.communes) <= 30
    for cy in result.communes:
        if show_all or cy.recognized is not True:
            total = f" — {fmt.number(cy.total_points)} điểm" if cy.total_points is not None else ""
            bare = (
                f"; {cy.without_evidence} nội dung chưa có tài liệu kiểm chứng" if cy.without_evidence else ""
            )
            lines.append(
                f"{cy.path}: {cy.name or cy.commune} năm {cy.year}:"
                f" {fmt.recognition_word(cy.recognized)}{total}{bare}"
            )
    share = fmt.percent(c["recognized_share"]) if c["recognized_share"] is not None else "—"
    lines.append(
        f"Đã kiểm tra {c['files']} tệp: {c['files_with_errors']} tệp có lỗi ({c['errors']} lỗi, {c['warnings']}"
        f" cảnh báo). Đã chấm {c['commune_years']} xã-năm: {c['recognized']} đạt chuẩn ({share}),"
        f" {c['not_recognized']} chưa đạt, {c['undetermined']} chưa xác định." + skipped_note(result.skipped)
    )
    return lines


def check_text(result: TreeResult, *, require_recognized: bool, verbose: bool = False) -> Output:
    return Output.lines("\n".join(check_lines(result, verbose=verbose)))


def check_screen(result: TreeResult, *, require_recognized: bool, verbose: bool = False) -> Output:
    """The same lines, coloured: errors red, warnings yellow."""
    styled = []
    for line in check_lines(result, verbose=verbose):
        style = "red" if ": lỗi " in line else ("yellow" if ": cảnh báo " in line else "")
        styled.append(Text(line, style=style))
    return Output.rich(*styled)


def check_json(result: TreeResult, *, require_recognized: bool, verbose: bool = False) -> Output:
    return Output.document(to_json(result, require_recognized=require_recognized))


def check_github(result: TreeResult, *, require_recognized: bool, verbose: bool = False) -> Output:
    return Output.document(to_github(result, require_recognized=require_recognized))


def check_junit(result: TreeResult, *, require_recognized: bool, verbose: bool = False) -> Output:
    return Output.document(to_junit(result, require_recognized=require_recognized))


def check_sarif(result: TreeResult, *, require_recognized: bool, verbose: bool = False) -> Output:
    return Output.document(to_sarif(result, require_recognized=require_recognized))


def validate_text(result: TreeResult, *, strict: bool, quiet: bool) -> Output:
    lines = [d.report_line() for d in result.diagnostics]
    if not quiet:
        checked = {f.path for f in result.files} | {d.path for d in result.diagnostics}
        bad = {f.path for f in result.files if not f.ok} | {
            d.path for d in result.diagnostics if d.severity is Severity.ERROR
        }
        kinds = Counter(KIND_WORDS[f.kind] for f in result.files)
        kinds.update(KIND_WORDS[None] for _ in checked - {f.path for f in result.files})
        breakdown = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        lines.append(
            f"Đã kiểm tra {len(checked)} tệp"
            + (f" ({breakdown})" if breakdown else "")
            + f": {len(checked) - len(bad)} hợp lệ, {len(bad)} có lỗi; {result.errors} lỗi, {result.warnings} cảnh báo."
            + skipped_note(result.skipped)
        )
    return Output.lines("\n".join(lines))


def validate_json(result: TreeResult, *, strict: bool, quiet: bool) -> Output:
    data = {
        "version": 1,
        "status": "fail" if validation_failed(result, strict=strict) else "ok",
        "files": [{"path": f.path, "kind": f.kind, "ok": f.ok} for f in result.files],
        "skipped": result.skipped,
        "diagnostics": [d.to_json() for d in result.diagnostics],
    }
    return Output.document(json_document(json.dumps(data, ensure_ascii=False, indent=2)))


def validation_failed(result: TreeResult, *, strict: bool) -> bool:
    return result.errors > 0 or (strict and result.warnings > 0)

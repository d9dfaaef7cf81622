"""Machine formats of a tree check: JSON, GitHub annotations and step summary, JUnit XML, SARIF.

They are plain strings written without Rich, so no colour code can leak into them.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import Any

from tcpl import __version__
from tcpl import textfmt as fmt
from tcpl.batch import CommuneYearSummary, TreeResult
from tcpl.errors import Diagnostic, Severity
from tcpl.escaping import json_document, markdown_cell, xml_document, xml_text

GITHUB_ANNOTATION_LIMIT = 50
"""GitHub shows 10 errors per step and 50 per job; more is noise in the log."""

CODE_TITLES = {
    "TCPL001": "Không đọc được tệp",
    "TCPL002": "Tệp quá lớn",
    "TCPL003": "Tệp không phải UTF-8",
    "TCPL004": "Ký tự điều khiển",
    "TCPL005": "Tệp rỗng",
    "TCPL006": "Lỗi cú pháp YAML",
    "TCPL007": "Alias YAML nguy hiểm",
    "TCPL008": "Thẻ YAML không được hỗ trợ",
    "TCPL009": "Tên trường không hợp lệ",
    "TCPL010": "Trường bị lặp",
    "TCPL011": "Ngày hoặc số không hợp lệ",
    "TCPL012": "Tệp không phải bảng",
    "TCPL013": "Không nhận ra loại tệp",
    "TCPL101": "Thiếu trường bắt buộc",
    "TCPL102": "Trường không có trong mẫu",
    "TCPL103": "Giá trị không hợp lệ",
    "TCPL104": "Giá trị không hợp lệ",
    "TCPL201": "Bộ tiêu chí không hợp lệ",
    "TCPL202": "Chuỗi extends không hợp lệ",
    "TCPL203": "Không tìm thấy bộ tiêu chí gốc",
    "TCPL204": "Lớp bổ sung không hợp lệ",
    "TCPL301": "Không có bộ tiêu chí",
    "TCPL302": "Không có bộ tiêu chí cho năm",
    "TCPL303": "Năm ngoài phạm vi bộ tiêu chí",
    "TCPL310": "Nội dung không có trong bộ tiêu chí",
    "TCPL311": "Giá trị không hợp với loại nội dung",
    "TCPL312": "Lựa chọn không hợp lệ",
    "TCPL313": "Điều kiện không có trong bộ tiêu chí",
    "TCPL314": "Mã phân công không có trong bộ tiêu chí",
    "TCPL320": "Năm khác tên thư mục",
    "TCPL321": "Mã xã không khớp",
    "TCPL322": "Thời gian niêm yết ngắn hơn quy định",
    "TCPL323": "Chưa có tệp đánh giá",
    "TCPL324": "Nhiều tệp đánh giá trong một thư mục năm",
    "TCPL330": "Không hiểu thời gian của nhiệm vụ",
    "TCPL331": "Thời gian nhiệm vụ khác năm của kế hoạch",
    "TCPL900": "Xã chưa đạt chuẩn",
}


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
                title=f"{d.code} {CODE_TITLES.get(d.code, '')}".strip(),
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
                annotation("error", message, file=c.path, line=1, col=1, title="TCPL900 Xã chưa đạt chuẩn")
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
            failure = ET.SubElement(case, "failure", message=text, type="TCPL900")
            failure.text = "\n".join(c.reasons + c.undetermined)
        else:
            ET.SubElement(case, "system-out").text = text
    communes.set("tests", str(len(result.communes)))
    communes.set("failures", str(failures))
    communes.set("errors", "0")
    return root


# --- SARIF 2.1.0 -------------------------------------------------------------------------------------


def to_sarif(result: TreeResult, *, require_recognized: bool) -> str:
    codes = sorted({d.code for d in result.diagnostics} | ({"TCPL900"} if require_recognized else set()))
    results: list[dict[str, Any]] = []
    for d in result.diagnostics:
        results.append(
            {
                "ruleId": d.code,
                "level": "error" if d.severity is Severity.ERROR else "warning",
                "message": {"text": d.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": d.path},
                            "region": {"startLine": d.line, "startColumn": d.col},
                        }
                    }
                ],
            }
        )
    if require_recognized:
        for c in unrecognised(result):
            results.append(
                {
                    "ruleId": "TCPL900",
                    "level": "error",
                    "message": {
                        "text": f"{c.name or c.commune} năm {c.year}: {fmt.recognition_word(c.recognized)}. "
                        + " ".join(c.reasons[:3])
                    },
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": c.path},
                                "region": {"startLine": 1, "startColumn": 1},
                            }
                        }
                    ],
                }
            )
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "tcpl",
                        "version": __version__,
                        "rules": [
                            {"id": code, "shortDescription": {"text": CODE_TITLES.get(code, code)}}
                            for code in codes
                        ],
                    }
                },
                "results": results,
            }
        ],
    }
    return json_document(json.dumps(sarif, ensure_ascii=False, indent=2)) + "\n"

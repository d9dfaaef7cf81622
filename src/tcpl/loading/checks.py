"""Checks of a file against what it refers to: an assessment against its ruleset, and its place."""

from __future__ import annotations

import difflib

from tcpl import codes, kinds
from tcpl.engine.timewindow import parse_due, unreadable
from tcpl.errors import InvalidFilesError
from tcpl.kinds.base import Problem
from tcpl.loading.rulesets import LoadedRuleset, RulesetRegistry, is_path_ref
from tcpl.loading.yamlfile import YamlDocument
from tcpl.models.assessment import Assessment, ItemEntry
from tcpl.models.plan import LineRole, Plan
from tcpl.models.ruleset import Ruleset

MAX_UNKNOWN_REPORTED = 50
"""Unknown item ids reported one by one in a file; the rest are counted in one message."""


def _unknown_items(doc: YamlDocument, ids: list[str], known: list[str], ruleset_id: str) -> None:
    for n, item_id in enumerate(ids):
        if n == MAX_UNKNOWN_REPORTED:
            doc.report(
                ("items", item_id),
                f"và {len(ids) - n} nội dung khác cũng không có trong bộ tiêu chí {ruleset_id}"
                " (xem mã các nội dung: tcpl rules show " + ruleset_id + ")",
                code=codes.UNKNOWN_ITEM,
                key=True,
            )
            return
        # A suggestion only for an id of an id's length: comparing long texts costs much and says nothing.
        close = difflib.get_close_matches(item_id, known, n=1, cutoff=0.6) if len(item_id) <= 40 else []
        hint = f"; có phải ý bạn là '{close[0]}'?" if close else ""
        shown = item_id if len(item_id) <= 60 else item_id[:57] + "…"
        doc.report(
            ("items", item_id),
            f"nội dung '{shown}' không có trong bộ tiêu chí {ruleset_id}{hint}",
            code=codes.UNKNOWN_ITEM,
            key=True,
        )


def check_assessment(assessment: Assessment, ruleset: Ruleset, doc: YamlDocument) -> Assessment:
    """Check an assessment's items and conditions against its ruleset (kinds, ids, ranges).

    Each item's kind reads its value; the assessment comes back with the values as read.
    """
    index = ruleset.item_index()
    known_ids = list(index)
    _unknown_items(doc, [i for i in assessment.items if i not in index], known_ids, ruleset.id)
    read: dict[str, ItemEntry | None] = {}
    for item_id, entry in assessment.items.items():
        item = index.get(item_id)
        if item is None or entry is None:  # an unknown id is reported above; a blank is "chưa nhập"
            read[item_id] = entry
            continue
        kind = kinds.of(item)
        reading = kind.read(item, entry)
        read[item_id] = reading.entry
        loc = ("items", item_id)
        for problem in reading.problems:
            doc.report(
                _problem_place(doc, loc, problem),
                f"nội dung {item_id} ({kind.word}): {problem.message}",
                code=problem.code,
            )
    check_evidence(assessment, doc)
    known_targets = {c.id for c in ruleset.criteria} | {i.id for c in ruleset.criteria for i in c.indicators}
    known_targets |= set(known_ids)
    for target in assessment.officers:
        if target not in known_targets:
            doc.report(
                ("officers", target),
                f"'{target}' không phải mã tiêu chí, chỉ tiêu hay nội dung của bộ tiêu chí {ruleset.id}",
                code=codes.UNKNOWN_ASSIGNMENT,
                key=True,
            )
    step = ruleset.step("public_posting")
    posting = assessment.posting
    if step and step.min_days and posting and posting.days and posting.days < step.min_days:
        doc.report(
            ("posting", "days"),
            f"niêm yết {posting.days} ngày, ngắn hơn mức tối thiểu {step.min_days} ngày của bộ tiêu chí"
            f" {ruleset.id}",
            code=codes.SHORT_POSTING,
        )
    valid_conditions = {c.id for c in ruleset.recognition.conditions}
    for cond in assessment.conditions:
        if cond not in valid_conditions:
            known = ", ".join(sorted(valid_conditions)) or "(bộ tiêu chí không có điều kiện nào)"
            doc.report(
                ("conditions", cond),
                f"điều kiện '{cond}' không có trong bộ tiêu chí {ruleset.id}; có: {known}",
                code=codes.UNKNOWN_CONDITION,
                key=True,
            )
    return assessment.model_copy(update={"items": read})


def _problem_place(doc: YamlDocument, loc: tuple[str | int, ...], problem: Problem) -> tuple[str | int, ...]:
    """Where a problem of an entered value is: its field, or the element of a list it names."""
    if problem.field is None:
        return loc
    if problem.at and doc.has_node((*loc, *problem.at)):  # the short form: the list is the value
        return (*loc, *problem.at)
    where = (*loc, problem.field, *problem.at)
    return where if doc.has_node(where) else loc


def check_place(assessment: Assessment, doc: YamlDocument) -> None:
    """Warn when the file sits in a folder whose year or commune says something else."""
    folder = doc.path.resolve().parent
    if folder.name.isdigit() and int(folder.name) != assessment.year:
        doc.report(
            ("year",),
            f"năm {assessment.year} khác tên thư mục '{folder.name}'",
            code=codes.YEAR_NOT_FOLDER,
        )


def check_raw_item_ids(registry: RulesetRegistry, doc: YamlDocument) -> None:
    """Unknown item ids, even when the file has other problems: a typo is reported at once."""
    data = doc.data
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, dict):
        return
    ref, year = data.get("ruleset"), data.get("year")
    loaded: LoadedRuleset | None = None
    try:
        if isinstance(ref, str) and not is_path_ref(ref):
            loaded = registry.by_id(ref)
        elif ref is None and isinstance(year, int):
            found = registry.for_year(year)
            loaded = found[0] if len(found) == 1 else None
    except InvalidFilesError:
        return
    if loaded is None:
        return
    known = list(loaded.ruleset.item_index())
    _unknown_items(doc, [i for i in items if i not in known], known, loaded.id)


def check_task_times(plan: Plan, doc: YamlDocument) -> None:
    """Warn about a task time tcpl cannot read (no deadline) or that is not of the plan's year."""
    for where, task in plan.located_tasks():
        if not any(line.role is LineRole.TIME for line in task.lines) and not task.time_text:
            doc.report(
                where,
                f"nhiệm vụ '{_short(task.title)}' không có dòng thời gian: tcpl không tính được hạn (thêm"
                f" dòng 'Thời gian thực hiện: Quý II/{plan.year}')",
                code=codes.UNREADABLE_TASK_TIME,
                key=True,
            )
        for l_index, line in enumerate(task.lines):
            if line.role is not LineRole.TIME:
                continue
            loc = (*where, "lines", l_index)
            window = parse_due(line.text, plan.year)
            if unreadable(line.text, window):
                doc.report(
                    loc,
                    f"không hiểu thời gian '{line.text}': tcpl không tính được hạn của"
                    f" nhiệm vụ (viết ví dụ 'Quý II/{plan.year}', 'tháng 3/{plan.year}',"
                    f" 'trước ngày 31/3/{plan.year}', 'năm {plan.year}')",
                    code=codes.UNREADABLE_TASK_TIME,
                )
            elif window is not None and not plan.year <= window.end.year <= plan.year + 1:
                doc.report(
                    loc,
                    f"thời gian '{line.text}' không thuộc năm {plan.year} của kế hoạch",
                    code=codes.TASK_TIME_OTHER_YEAR,
                )


def _short(text: str, room: int = 60) -> str:
    return text if len(text) <= room else text[: room - 1] + "…"


def check_evidence(assessment: Assessment, doc: YamlDocument) -> None:
    """Each evidence entry that names a file: there, inside the commune's folder, and plausible."""
    from tcpl.loading.evidence import inspect, is_file_entry, locate, out_of_year
    from tcpl.textfmt import short_date

    year_folder = doc.path.parent
    for item_id, entry in assessment.items.items():
        if entry is None:
            continue
        for n, text in enumerate(entry.evidence):
            if not is_file_entry(text):
                continue
            loc = ("items", item_id, "evidence", n)
            found = locate(text, year_folder)
            if found.path is None:
                missing = found.severity == "warning"
                doc.report(
                    loc,
                    f"nội dung {item_id}: {found.problem}",
                    code=codes.EVIDENCE_MISSING if missing else codes.EVIDENCE_REFUSED,
                )
                continue
            seen = inspect(found.path)
            if seen.problem:
                doc.report(
                    loc, f"nội dung {item_id}: '{text}': {seen.problem}", code=codes.EVIDENCE_UNREADABLE
                )
                continue
            if seen.signed is False:
                doc.report(
                    loc, f"nội dung {item_id}: '{text}' không có chữ ký số", code=codes.EVIDENCE_UNSIGNED
                )
            other = out_of_year(seen.dates, assessment.year)
            if other is not None:
                doc.report(
                    loc,
                    f"nội dung {item_id}: '{text}' ghi ngày {short_date(other)}, không thuộc năm đánh giá"
                    f" {assessment.year}",
                    code=codes.EVIDENCE_OTHER_YEAR,
                )
            elif seen.signed_on is not None and out_of_year([seen.signed_on], assessment.year):
                doc.report(
                    loc,
                    f"nội dung {item_id}: '{text}' ký số ngày {short_date(seen.signed_on)}, không thuộc năm"
                    f" đánh giá {assessment.year}",
                    code=codes.EVIDENCE_OTHER_YEAR,
                )

"""Values the Vietnamese way, in every file kind: có/không, 15/01/2026, 22,5 (read through the loader)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tcpl.loading.loader import Loader
from tcpl.models.assessment import Assessment
from tcpl.models.feedback import Feedback
from tcpl.models.office import Office
from tcpl.models.plan import Plan
from tests.conftest import EXAMPLE


def load(tmp_path: Path, name: str, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "xa" / "2026" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "xa" / "commune.yaml").write_text((EXAMPLE / "commune.yaml").read_text("utf-8"), "utf-8")
    path.write_text(text, encoding="utf-8")
    return Loader().load(path)


def test_assessment_dates_yes_no_and_decimals(tmp_path: Path) -> None:
    loaded = load(
        tmp_path,
        "assessment.yaml",
        "kind: assessment\nyear: 2026\n"
        'items:\n  "2.4.1": {due: 20/01/2026, done: 16-01-2026}\n  "2.1.1": Có\n'
        "posting: {start: 14.12.2026, portal: không}\nmilestones: {submit_dossier: 05/01/2027}\n"
        "recognized: {date: 10/02/2027}\n",
    )
    assessment = loaded.model
    assert isinstance(assessment, Assessment), [d.report_line() for d in loaded.diagnostics]
    assert assessment.items["2.4.1"] is not None and assessment.items["2.4.1"].due == date(2026, 1, 20)
    assert assessment.items["2.1.1"] is not None and assessment.items["2.1.1"].value is True
    assert assessment.posting is not None and assessment.posting.start == date(2026, 12, 14)
    assert assessment.posting.portal is False
    assert assessment.milestones["submit_dossier"] == date(2027, 1, 5)
    assert assessment.recognized is not None and assessment.recognized.date == date(2027, 2, 10)


def test_a_condition_the_vietnamese_way(tmp_path: Path) -> None:
    loaded = load(
        tmp_path,
        "assessment.yaml",
        "kind: assessment\nruleset: qd25-2021\nyear: 2023\nconditions: {no_disciplined_leader: Có}\n",
    )
    assert isinstance(loaded.model, Assessment), [d.report_line() for d in loaded.diagnostics]
    assert loaded.model.conditions == {"no_disciplined_leader": True}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '"2.4.1": {due: 31/02/2026}',
            "'31/02/2026' không phải ngày có thật; viết ngày/tháng/năm, ví dụ 15/01/2026",
        ),
        ('"2.1.1": {value: có, points: 22,5}', "trong dấu {...} dấu phẩy ngăn cách các trường"),
        ('"2.1.1": {points: "hai"}', "ghi một số, ví dụ 22,5 hoặc 22.5 (không phải 'hai')"),
    ],
)
def test_a_wrong_form_says_what_to_write(tmp_path: Path, text: str, message: str) -> None:
    loaded = load(tmp_path, "assessment.yaml", f"kind: assessment\nyear: 2026\nitems:\n  {text}\n")
    lines = [d.report_line() for d in loaded.diagnostics]
    assert any(message in line for line in lines), lines


def test_points_with_a_decimal_comma(tmp_path: Path) -> None:
    loaded = load(
        tmp_path,
        "assessment.yaml",
        'kind: assessment\nyear: 2026\nitems:\n  "2.1.1":\n    value: có\n    points: 22,5\n',
    )
    assessment = loaded.model
    assert isinstance(assessment, Assessment), [d.report_line() for d in loaded.diagnostics]
    assert assessment.items["2.1.1"] is not None and assessment.items["2.1.1"].points == 22.5


def test_plan_feedback_and_office_dates(tmp_path: Path) -> None:
    plan = load(
        tmp_path,
        "plan.yaml",
        "kind: plan\nyear: 2026\nsubject: Kế hoạch\ndocument: {date: 22/01/2026}\nsections:\n"
        "  - heading: I\n    tasks:\n      - title: Việc\n        lines:\n"
        '          - "Thời gian thực hiện: Quý I/2026"\n'
        "        progress: [{date: 15/03/2026, status: hoàn thành}]\n",
    )
    model = plan.model
    assert isinstance(model, Plan), [d.report_line() for d in plan.diagnostics]
    task = model.tasks()[0]
    assert task.progress[0].date == date(2026, 3, 15) and model.document.date == date(2026, 1, 22)
    assert task.time_text == "Quý I/2026"  # a quoted "Nhãn: lời" line keeps its deadline
    feedback = load(
        tmp_path,
        "feedback.yaml",
        "kind: feedback\nyear: 2026\nopinions:\n  - {source: Ông A, date: 16/12/2026, content: x, accepted: có}\n",
    )
    assert isinstance(feedback.model, Feedback), [d.report_line() for d in feedback.diagnostics]
    assert (
        feedback.model.opinions[0].date == date(2026, 12, 16) and feedback.model.opinions[0].accepted is True
    )
    office = load(
        tmp_path,
        "office.yaml",
        "kind: office\nissuing_body: [UBND]\nplace: Huế\nauthority: Chủ tịch\ndecision: {number: '12', date: 05/02/2027}\n",
    )
    assert isinstance(office.model, Office), [d.report_line() for d in office.diagnostics]
    assert office.model.decision is not None and office.model.decision.date == date(2027, 2, 5)


def test_a_task_without_a_readable_time_is_warned(tmp_path: Path) -> None:
    plan = load(
        tmp_path,
        "plan.yaml",
        "kind: plan\nyear: 2026\nsubject: Kế hoạch\nsections:\n  - heading: I\n    tasks:\n"
        "      - title: Việc không có hạn\n        lines: [Nội dung]\n",
    )
    lines = [d.report_line() for d in plan.diagnostics]
    assert any("TCPL330" in line and "không có dòng thời gian" in line for line in lines), lines

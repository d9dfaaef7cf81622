"""Task status as of a date, and `tcpl plan status`."""

from __future__ import annotations

import json
import re
from datetime import date

import yaml

from tcpl.engine.tracking import task_states
from tcpl.models.plan import Plan
from tests.conftest import EXAMPLE

PLAN = EXAMPLE / "2023" / "plan.yaml"
QUARTER_END = {"I": 3, "II": 6, "III": 9, "IV": 12}


def expected_late(as_of: date) -> list[int]:
    """Computed from the YAML without tcpl: quarter tasks ended before `as_of`, not "hoàn thành" by then."""
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    late = []
    number = 0
    for section in data["sections"]:
        for task in section.get("tasks", []):
            number += 1
            times = [
                next(iter(ln.values())) if "label" not in ln else ln["text"]
                for ln in task["lines"]
                if isinstance(ln, dict) and "Thời gian" in str(ln)
            ]
            m = re.search(r"[Qq]uý (IV|I{1,3})/(\d{4})", times[0]) if times else None
            if not m:
                continue
            end_month = QUARTER_END[m.group(1)]
            if date(int(m.group(2)), end_month, 28) >= as_of:
                continue
            done = any(e["status"] == "hoàn thành" and e["date"] < as_of for e in task.get("progress", []))
            if not done:
                late.append(number)
    return late


def test_plan_status_flags_exactly_the_late_tasks(tcpl) -> None:
    assert expected_late(date(2023, 7, 1)) == [3]
    result = tcpl("plan", "status", str(PLAN), "--as-of", "2023-07-01", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["late"] == expected_late(date(2023, 7, 1))
    statuses = {t["number"]: t["status"] for t in data["tasks"]}
    assert statuses[1] == "hoàn thành"
    assert statuses[3] == "đang thực hiện"  # its "hoàn thành" entry is dated 14/07/2023, after the date
    table = tcpl("plan", "status", str(PLAN), "--as-of", "2023-07-01").stdout
    assert "8 nhiệm vụ: 1 hoàn thành, 1 quá hạn (nhiệm vụ 3)." in table


def test_status_later_in_the_year(tcpl) -> None:
    data = json.loads(tcpl("plan", "status", str(PLAN), "--as-of", "2024-01-15", "--format", "json").stdout)
    # tasks 4 and 5 ("năm 2023") and 8 ("Quý IV/2023") are still "đang thực hiện" after their time
    assert expected_late(date(2024, 1, 15)) == [8]
    assert data["late"] == [4, 5, 8]


def test_task_states_ignore_entries_after_the_date() -> None:
    plan = Plan.model_validate(
        {
            "year": 2026,
            "subject": "Kế hoạch",
            "sections": [
                {
                    "heading": "NHIỆM VỤ",
                    "tasks": [
                        {
                            "title": "A",
                            "lines": [{"Thời gian thực hiện": "Quý I/2026"}],
                            "progress": [
                                {"date": "2026-03-01", "status": "đang thực hiện"},
                                {"date": "2026-04-02", "status": "hoàn thành"},
                            ],
                        },
                        {"title": "B", "lines": [{"Thời gian thực hiện": "Quý II/2026"}]},
                        {"title": "C", "lines": [{"Thời gian thực hiện": "Theo quy định"}]},
                        {
                            "title": "D",
                            "lines": [{"Thời gian thực hiện": "Quý I/2026"}],
                            "progress": [
                                {
                                    "date": "2026-02-01",
                                    "status": "không thực hiện",
                                    "note": "Không còn phù hợp",
                                }
                            ],
                        },
                    ],
                }
            ],
        }
    )
    states = {s.task.title: s for s in task_states(plan, date(2026, 4, 1))}
    assert states["A"].late and states["A"].status.value == "đang thực hiện"
    assert not states["B"].late and not states["C"].late and not states["D"].late
    later = {s.task.title: s for s in task_states(plan, date(2026, 4, 2))}
    assert not later["A"].late and later["A"].done_on == date(2026, 4, 2)


def test_a_task_without_a_readable_deadline_is_not_hidden(tcpl, tmp_path) -> None:
    import shutil

    shutil.copytree(EXAMPLE, tmp_path / "xa")
    plan = tmp_path / "xa" / "2023" / "plan.yaml"
    text = plan.read_text("utf-8")
    assert text.count("Thời gian thực hiện: Quý II/2023.") == 1
    plan.write_text(text.replace("Quý II/2023.", "Sau khi có Hướng dẫn số 12 của huyện."), "utf-8")
    data = json.loads(tcpl("plan", "status", str(plan), "--as-of", "2023-07-01", "-f", "json").stdout)
    undated = [t["number"] for t in data["tasks"] if t["time"] and "số 12" in t["time"]]
    assert data["no_deadline"] == undated and len(undated) == 1
    line = next(n for n, ln in enumerate(text.splitlines(), start=1) if "Quý II/2023." in ln)
    assert [(w["code"], w["line"]) for w in data["warnings"]] == [("TCPL330", line)]
    table = " ".join(tcpl("plan", "status", str(plan), "--as-of", "2023-07-01").stdout.split())
    assert "1 chưa có hạn để theo dõi" in table and f"plan.yaml:{line}:" in table


def test_a_report_on_the_due_day_counts_the_task_late_and_plan_status_does_not() -> None:
    plan = Plan.model_validate(
        yaml.safe_load(
            "year: 2026\nsubject: Kế hoạch\nsections:\n  - heading: NHIỆM VỤ\n    tasks:\n"
            "      - title: A\n        lines: [{Thời gian thực hiện: Quý I/2026}]\n"
            "        progress: [{date: 2026-02-01, status: đang thực hiện}]\n"
        )
    )
    due_day = date(2026, 3, 31)
    (status,) = task_states(plan, due_day)
    (report,) = task_states(plan, due_day, late_on_due_day=True)
    assert status.window is not None and status.window.end == due_day
    assert (status.late, report.late) == (False, True)
    (after,) = task_states(plan, date(2026, 4, 1))
    assert after.late is True

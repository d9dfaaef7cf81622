"""Every dated step of the evaluation year: the plan's tasks and the ruleset's procedure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from tcpl import textfmt as fmt
from tcpl.engine.results import Record
from tcpl.engine.tracking import CLOSED, task_states
from tcpl.models.assessment import Assessment
from tcpl.models.plan import Plan
from tcpl.models.ruleset import Ruleset

State = Literal["done", "due", "late", "undated"]
STATE_WORDS = {"done": "đã xong", "due": "sắp đến hạn", "late": "quá hạn", "undated": "không có hạn"}


@dataclass
class Event(Record):
    """One step with its date (mốc thời gian)."""

    id: str
    title: str
    source: Literal["plan", "procedure"]
    start: date | None
    due: date | None
    state: State
    done_on: date | None = None
    detail: str = ""


def _state(due: date | None, done: bool, as_of: date) -> State:
    if done:
        return "done"
    if due is None:
        return "undated"
    return "late" if due < as_of else "due"


def evaluation_calendar(
    ruleset: Ruleset,
    assessment: Assessment | None,
    plan: Plan | None,
    as_of: date,
    *,
    year: int | None = None,
) -> list[Event]:
    """The year's steps in date order (undated ones last); early in the year, from the plan alone."""
    year = assessment.year if assessment is not None else (year or (plan.year if plan else as_of.year))
    milestones = assessment.milestones if assessment is not None else {}
    posting = assessment.posting if assessment is not None else None
    events: list[Event] = []
    if plan is not None:
        for s in task_states(plan, as_of):
            window = s.window
            events.append(
                Event(
                    id=f"task-{s.id}",
                    title=f"Nhiệm vụ {s.number}: {s.task.title}",
                    source="plan",
                    start=window.start if window else None,
                    due=window.end if window else None,
                    state=_state(window.end if window else None, s.status in CLOSED, as_of),
                    done_on=s.done_on,
                    detail=s.task.time_text or "",
                )
            )
    for step in ruleset.procedure:
        done_on = milestones.get(step.id)
        due: date | None = None
        start: date | None = None
        detail = step.source or ""
        if step.due is not None:
            due = date(year + step.due.year_offset, step.due.month, step.due.day)
        posting_step = step.role == "public_posting"
        if posting_step and posting and posting.start:
            days = posting.days or step.min_days or 1
            start = posting.start
            due = start + timedelta(days=days - 1)
            if step.min_days and days < step.min_days:
                # The calendar is where the officer plans the posting: say it is too short here too.
                detail = f"niêm yết {days} ngày, ngắn hơn mức tối thiểu {step.min_days} ngày" + (
                    f"; {detail}" if detail else ""
                )
        if due is not None and not posting_step:
            detail = f"trước ngày {fmt.short_date(due)}" + (f"; {detail}" if detail else "")
        events.append(
            Event(
                id=step.id,
                title=step.name,
                source="procedure",
                start=start,
                due=due,
                state=_state(due, done_on is not None, as_of),
                done_on=done_on,
                detail=detail,
            )
        )
    return sorted(events, key=lambda e: (e.due is None, e.due or date.max, e.source != "procedure", e.id))


def status_of(events: list[Event]) -> dict[str, int]:
    counts = {"done": 0, "due": 0, "late": 0, "undated": 0}
    for e in events:
        counts[e.state] += 1
    return counts

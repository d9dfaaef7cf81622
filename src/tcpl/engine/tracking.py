"""Following the plan's tasks: status as of a date, what is late, what each quarter holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tcpl.engine.timewindow import DueWindow, parse_due, unreadable
from tcpl.models.plan import Plan, ProgressEntry, Task, TaskStatus

CLOSED = (TaskStatus.DONE, TaskStatus.DROPPED)


@dataclass
class TaskState:
    """A task as of a date (tình trạng nhiệm vụ)."""

    number: int
    task: Task
    window: DueWindow | None
    status: TaskStatus
    last: ProgressEntry | None
    late: bool
    done_on: date | None

    @property
    def id(self) -> str:
        return self.task.id or str(self.number)

    def to_json(self) -> dict[str, Any]:
        data = self.to_context()
        for key in ("due_start", "due_end", "done_on"):
            if data[key] is not None:
                data[key] = data[key].isoformat()
        return data

    def to_context(self) -> dict[str, Any]:
        """For templates: dates stay dates."""
        return {
            "number": self.number,
            "id": self.id,
            "title": self.task.title,
            "time": (self.task.time_text or "").rstrip(" .;,") or None,
            "due_start": self.window.start if self.window else None,
            "due_end": self.window.end if self.window else None,
            "status": self.status.value,
            "late": self.late,
            "done_on": self.done_on,
            "note": self.last.note if self.last else None,
            "evidence": list(self.last.evidence) if self.last else [],
        }


def task_states(plan: Plan, as_of: date, *, late_on_due_day: bool = False) -> list[TaskState]:
    """Each task's status from its progress entries dated on or before `as_of`.

    A task is late when its due window ended before `as_of` and it has no "hoàn thành" (or
    "không thực hiện") entry by then. A report dated on the due day counts it late already
    (`late_on_due_day`): by the report, the time given for it is over.
    """
    out: list[TaskState] = []
    for number, task in enumerate(plan.tasks(), start=1):
        window = parse_due(task.time_text, plan.year)
        entries = sorted((e for e in task.progress if e.date <= as_of), key=lambda e: e.date)
        last = entries[-1] if entries else None
        status = last.status if last else TaskStatus.NOT_STARTED
        done_on = next((e.date for e in reversed(entries) if e.status is TaskStatus.DONE), None)
        ended = window is not None and (window.end <= as_of if late_on_due_day else window.end < as_of)
        late = ended and status not in CLOSED
        out.append(TaskState(number, task, window, status, last, late, done_on))
    return out


def overlaps(window: DueWindow | None, start: date, end: date) -> bool:
    return window is not None and window.start <= end and window.end >= start


@dataclass
class PlanProgress:
    """`tcpl plan status`: every task as of a day, the late ones, and those no deadline can be read for."""

    year: int
    as_of: date
    states: list[TaskState]

    @property
    def late(self) -> list[TaskState]:
        return [s for s in self.states if s.late]

    @property
    def undated(self) -> list[TaskState]:
        """A time that names a date tcpl cannot read: the task can never show as late, so say so."""
        return [
            s
            for s in self.states
            if unreadable(s.task.time_text, s.window) and s.status is not TaskStatus.DONE
        ]

    @property
    def done(self) -> list[TaskState]:
        return [s for s in self.states if s.status is TaskStatus.DONE]


def plan_progress(plan: Plan, as_of: date) -> PlanProgress:
    return PlanProgress(plan.year, as_of, task_states(plan, as_of))

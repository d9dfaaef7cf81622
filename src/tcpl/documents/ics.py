"""iCalendar (RFC 5545) output: the officer's phone reminds them of each step."""

from __future__ import annotations

from datetime import date, timedelta

from tcpl.engine.calendar import STATE_WORDS, Event
from tcpl.escaping import ics_text

_escape = ics_text


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continuation lines starting with a space (RFC 5545 §3.1)."""
    out: list[str] = []
    current = ""
    for ch in line:
        limit = 75 if not out else 74
        if len((current + ch).encode("utf-8")) > limit:
            out.append(current)
            current = ch
        else:
            current += ch
    out.append(current)
    return [out[0], *(" " + x for x in out[1:])]


def to_ics(
    events: list[Event], *, calendar_name: str, uid_prefix: str, stamp: date, remind_days: int = 3
) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//tcpl//lich danh gia tiep can phap luat//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(calendar_name)}",
    ]
    for e in events:
        if e.due is None:
            continue
        # A one-day event on the due date (the window is in the description): the reminder is
        # then exactly `remind_days` before the deadline.
        window = f" Thời gian: {e.start:%d/%m/%Y} - {e.due:%d/%m/%Y}." if e.start and e.start != e.due else ""
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid_prefix}-{e.id}@tcpl",
            f"DTSTAMP:{stamp:%Y%m%d}T000000Z",
            f"DTSTART;VALUE=DATE:{e.due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{e.due + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(('[Đã xong] ' if e.state == 'done' else '') + e.title)}",
            f"DESCRIPTION:{_escape(f'{STATE_WORDS[e.state]}.{window} {e.detail}'.strip())}",
            "TRANSP:TRANSPARENT",
        ]
        if e.state != "done":
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"TRIGGER:-P{remind_days}D",
                f"DESCRIPTION:{_escape('Sắp đến hạn: ' + e.title)}",
                "END:VALARM",
            ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _fold(line)]
    return "\r\n".join(folded) + "\r\n"

"""`tcpl calendar`: dated steps of the plan and the procedure, and the iCalendar file."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EXAMPLE


def test_calendar_2023_marks_done_due_and_late(tcpl) -> None:
    data = json.loads(
        tcpl("calendar", str(EXAMPLE / "2023"), "--as-of", "2024-01-12", "--format", "json").stdout
    )
    events = {e["id"]: e for e in data["events"]}
    # procedure dates are data in the ruleset (QĐ 25/2021, TT 09/2021)
    assert events["submit_dossier"]["due"] == "2024-01-10" and events["submit_dossier"]["state"] == "late"
    assert (
        events["recognition_decision"]["due"] == "2024-02-10"
        and events["recognition_decision"]["state"] == "due"
    )
    assert events["province_report"]["due"] == "2024-02-20"
    assert events["public_posting"] == {
        **events["public_posting"],
        "start": "2023-12-18",
        "due": "2023-12-22",
        "state": "done",
        "done_on": "2023-12-18",
    }
    assert events["task-ke-hoach"]["state"] == "done" and events["task-ke-hoach"]["due"] == "2023-03-31"
    dates = [e["due"] for e in data["events"] if e["due"]]
    assert dates == sorted(dates)


def test_ics_file_is_valid_icalendar(tcpl, tmp_path: Path) -> None:
    ics = tmp_path / "lich.ics"
    result = tcpl("calendar", str(EXAMPLE / "2026"), "--as-of", "2026-11-29", "--ics", str(ics))
    assert result.exit_code == 0, result.output
    raw = ics.read_bytes()
    lines = raw.decode("utf-8").split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert b"\n" not in raw.replace(b"\r\n", b"")
    unfolded = raw.decode("utf-8").replace("\r\n ", "").split("\r\n")
    assert unfolded.count("BEGIN:VEVENT") == unfolded.count("END:VEVENT") > 0
    assert unfolded.count("BEGIN:VALARM") == unfolded.count("END:VALARM")
    assert any(x.startswith("DTSTART;VALUE=DATE:2026") for x in unfolded)
    summaries = [x for x in unfolded if x.startswith("SUMMARY:")]
    assert any("Nhiệm vụ 1" in s and s.startswith("SUMMARY:[Đã xong]") for s in summaries)
    assert "\\," in "".join(summaries)  # commas escaped


def test_ics_refuses_to_overwrite(tcpl, tmp_path: Path) -> None:
    ics = tmp_path / "lich.ics"
    ics.write_text("giữ", encoding="utf-8")
    assert tcpl("calendar", str(EXAMPLE / "2026"), "--ics", str(ics)).exit_code == 2
    assert ics.read_text(encoding="utf-8") == "giữ"


def test_ics_reminder_is_three_days_before_the_due_date(tcpl, tmp_path: Path) -> None:
    ics = tmp_path / "lich.ics"
    assert tcpl("calendar", str(EXAMPLE / "2026"), "--as-of", "2026-01-02", "--ics", str(ics)).exit_code == 0
    text = ics.read_bytes().decode("utf-8").replace("\r\n ", "")
    event = next(e for e in text.split("BEGIN:VEVENT")[1:] if "UID:huong-binh-2026-task-2@tcpl" in e)
    assert "DTSTART;VALUE=DATE:20261231" in event and "DTEND;VALUE=DATE:20270101" in event
    assert "TRIGGER:-P3D" in event


def test_a_short_posting_is_flagged_in_the_calendar(tcpl, tmp_path: Path) -> None:
    import shutil

    shutil.copytree(EXAMPLE, tmp_path / "xa")
    path = tmp_path / "xa" / "2023" / "assessment.yaml"
    text = path.read_text("utf-8")
    assert "  start: 2023-12-18\n" in text
    path.write_text(text.replace("  start: 2023-12-18\n", "  start: 2023-12-18\n  days: 3\n"), "utf-8")
    data = json.loads(tcpl("calendar", str(path.parent), "--as-of", "2024-01-12", "-f", "json").stdout)
    posting = next(e for e in data["events"] if e["id"] == "public_posting")
    assert posting["due"] == "2023-12-20"
    assert posting["detail"].startswith("niêm yết 3 ngày, ngắn hơn mức tối thiểu 5 ngày")
    untouched = json.loads(
        tcpl("calendar", str(EXAMPLE / "2023"), "--as-of", "2024-01-12", "-f", "json").stdout
    )
    assert "ngắn hơn" not in next(e for e in untouched["events"] if e["id"] == "public_posting")["detail"]

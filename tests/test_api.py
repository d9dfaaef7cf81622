"""`tcpl.api` as the public library it claims to be: paths in, result objects out, nothing printed,
problems raised as typed errors with Vietnamese messages."""

from __future__ import annotations

import inspect
import shutil
from datetime import date
from pathlib import Path

import pytest

from tcpl import api
from tcpl.errors import InvalidFilesError, UsageError
from tests.conftest import EXAMPLE, REPO

Y2023 = EXAMPLE / "2023"
Y2026 = EXAMPLE / "2026"


@pytest.fixture(autouse=True)
def silent(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """No api function prints: everything it has to say is in its result."""
    yield
    out, err = capsys.readouterr()
    assert (out, err) == ("", "")


def test_every_public_name_is_exported_and_documented() -> None:
    public = {
        name
        for name, value in vars(api).items()
        if not name.startswith("_")
        and (inspect.isfunction(value) or inspect.isclass(value))
        and getattr(value, "__module__", "") == "tcpl.api"
    }
    assert public <= set(api.__all__), sorted(public - set(api.__all__))
    for name in api.__all__:
        assert inspect.getdoc(getattr(api, name)), f"api.{name} has no docstring"


def test_score() -> None:
    scored = api.score(Y2023)
    assert scored.result.recognized is True
    assert scored.result.total_points == 89.0
    assert scored.label == "Xã Hương Bình"
    assert api.score(Y2026).result.recognized is False


def test_score_with_a_shipped_ruleset_id_and_a_wrong_one() -> None:
    with pytest.raises(InvalidFilesError):  # the 2023 figures do not fit the 2026 ruleset
        api.score(Y2023 / "assessment.yaml", ruleset="qd27-2025")
    with pytest.raises(UsageError, match="không tìm thấy bộ tiêu chí 'qd99'"):
        api.score(Y2023, ruleset="qd99")


def test_bad_file_is_raised_with_located_diagnostics() -> None:
    with pytest.raises(InvalidFilesError) as exc:
        api.score(REPO / "tests/data/broken/unknown_item.yaml")
    (d,) = exc.value.diagnostics
    assert (d.line, d.col, d.code) == (6, 3, "TCPL310")


def test_missing_path_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="không tìm thấy"):
        api.score(EXAMPLE / "1999")


def test_gap() -> None:
    gapped = api.gap(Y2026, as_of=date(2026, 12, 31))
    assert gapped.as_of == date(2026, 12, 31)
    assert [s.item_id for s in gapped.answer.steps] == ["2.2.1", "2.4.2", "3.4.4"]


def test_validate_and_check() -> None:
    assert api.validate([EXAMPLE]).errors == 0
    tree = api.check([REPO / "tests/data/broken"])
    assert tree.errors == 28
    checked = api.check([EXAMPLE])
    assert sorted((c.year, c.recognized) for c in checked.communes) == [(2023, True), (2026, False)]


def test_progress_is_called() -> None:
    calls: list[tuple[int, int]] = []
    api.check([EXAMPLE], progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1]


def test_summary_and_its_files(tmp_path: Path) -> None:
    found = api.summary([EXAMPLE], 2026)
    assert [r.recognized for r in found.rows] == [False]
    for suffix in (".csv", ".xlsx"):
        assert api.write_summary(found, tmp_path / f"t{suffix}", force=False) == []
        assert (tmp_path / f"t{suffix}").stat().st_size > 0
    with pytest.raises(UsageError, match="năm 2030"):
        api.summary([EXAMPLE], 2030)


def test_diff() -> None:
    diffed = api.diff(str(Y2023 / "assessment.yaml"), str(Y2026 / "assessment.yaml"))
    assert diffed.result.verdict_changed


def test_rulesets_schema_explain() -> None:
    assert [r.id for r in api.rulesets()] == ["qd25-2021", "qd27-2025"]
    assert api.ruleset("qd27-2025").ruleset.model == "pass_fail"
    with pytest.raises(UsageError):
        api.ruleset("khong-co")
    assert "assessment" in api.schema_kinds()
    assert api.schema("assessment")["type"] == "object"
    with pytest.raises(UsageError):
        api.schema("khong-co")
    (code,) = api.explain("tcpl101")
    assert code == "TCPL101" and code.todo
    assert len(api.explain(every=True)) > 40
    with pytest.raises(UsageError):
        api.explain("TCPL999")


def test_plan_functions(tmp_path: Path) -> None:
    status = api.plan_status(Y2026, as_of=date(2026, 6, 30))
    assert status.progress.states and not status.warnings
    rendered = api.plan_render(Y2026 / "plan.yaml")
    assert rendered.loaded.plan.year == 2026
    target = api.plan_document_target(rendered.loaded, None)
    assert target.name == "ke-hoach-2026.docx"
    written = api.write_document(rendered.document, tmp_path / "kh.docx", force=False)
    assert written.paths == [tmp_path / "kh.docx"] and written.notes == []
    new = api.plan_new(Y2026 / "plan.yaml", 2027, tmp_path / "plan-2027.yaml")
    assert "2027" in new.text


def test_documents_are_built_then_written(tmp_path: Path) -> None:
    for kind in ("scoresheet", "report", "notice", "feedback"):
        rendered = api.document(kind, Y2023)  # type: ignore[arg-type]
        assert rendered.year == 2023 and rendered.markdown
        written = api.write_document(rendered.document, tmp_path / f"{kind}.docx", force=False)
        assert written.notes == [], (kind, written.notes)
    with pytest.raises(UsageError, match="--as-of"):
        api.document("report", Y2023, as_of=date(2030, 1, 1))
    # Nothing is overwritten without force.
    with pytest.raises(UsageError):
        api.write_document(api.document("notice", Y2023).document, tmp_path / "notice.docx", force=False)
    assert api.scoresheet_workbook(Y2023, tmp_path / "bd.xlsx", force=False).paths == [tmp_path / "bd.xlsx"]


def test_calendar() -> None:
    cal = api.calendar(Y2026, as_of=date(2026, 6, 30))
    assert cal.events and cal.ics.startswith("BEGIN:VCALENDAR")


def test_find_office(tmp_path: Path) -> None:
    assert api.find_office(tmp_path) is None
    (tmp_path / ".git").mkdir()
    (tmp_path / "office.yaml").write_text(
        "kind: office\nissuing_body: [ỦY BAN NHÂN DÂN, THÀNH PHỐ HUẾ]\nplace: Huế\n"
        "authority: Chủ tịch Ủy ban nhân dân thành phố Huế\n",
        encoding="utf-8",
    )
    shutil.copytree(EXAMPLE, tmp_path / "huong-binh")
    office = api.find_office(tmp_path / "huong-binh" / "2023")
    assert office is not None and office.place == "Huế"

"""The Excel entry form: written for the year's ruleset, filled as an officer fills it, imported."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tcpl import api
from tcpl.documents.entry_form import HEADER_ROW, HEADERS
from tcpl.loading.items_text import entry_yaml, set_items
from tcpl.models.assessment import ItemEntry
from tests.province import province

ARGS = ["--unit", "phường Thuận Hóa", "--province", "tỉnh Thử Nghiệm"]


def ward(tcpl, root: Path) -> Path:
    assert tcpl("init", str(root / "thuan-hoa"), *ARGS, "--year", "2026").exit_code == 0
    return root / "thuan-hoa" / "2026"


def columns(sheet) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {sheet.cell(HEADER_ROW, n).value: n for n in range(1, len(HEADERS) + 1)}


def fill_passing(path: Path) -> None:
    """Fill every open cell the way an officer would: numbers, "Có", date cells, option names."""
    book = load_workbook(path)
    sheet = book["Số liệu"]
    col = columns(sheet)
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):

        def open_(name: str, row: int = row) -> bool:
            return sheet.cell(row, col[name]).protection.locked is False

        if open_("Đã thực hiện"):
            sheet.cell(row, col["Đã thực hiện"]).value = 5
            sheet.cell(row, col["Tổng số"]).value = 5
        if open_("Có/Không"):
            sheet.cell(row, col["Có/Không"]).value = "Có"
        if open_("Hạn"):
            sheet.cell(row, col["Hạn"]).value = dt.datetime(2026, 1, 20)
            sheet.cell(row, col["Ngày hoàn thành"]).value = "16/01/2026"
        if open_("Lựa chọn"):
            sheet.cell(
                row, col["Lựa chọn"]
            ).value = "Tin nhắn điện thoại;\nPhổ biến pháp luật qua mạng xã hội, nền tảng cộng đồng"
    book.save(path)


def test_the_form_as_written(tcpl, tmp_path: Path) -> None:
    year = ward(tcpl, tmp_path)
    out = tmp_path / "so-lieu-2026.xlsx"
    assert tcpl("form", "new", str(year), "-o", str(out)).exit_code == 0
    book = load_workbook(out)
    sheet = book["Số liệu"]
    assert "SỐ LIỆU TỰ ĐÁNH GIÁ NĂM 2026 — PHƯỜNG THUẬN HÓA" in sheet["A1"].value
    assert tuple(sheet.cell(HEADER_ROW, n).value for n in range(1, len(HEADERS) + 1)) == HEADERS
    ids = [sheet.cell(r, 1).value for r in range(HEADER_ROW + 1, sheet.max_row + 1)]
    assert ids == [it.id for _, _, it in api.ruleset("qd27-2025").ruleset.iter_items()]
    col = columns(sheet)
    boolean_row = HEADER_ROW + 1 + ids.index("2.1.1")
    ratio_row = HEADER_ROW + 1 + ids.index("1.1.1")
    assert sheet.cell(boolean_row, col["Có/Không"]).protection.locked is False
    assert sheet.cell(boolean_row, col["Đã thực hiện"]).protection.locked is True
    assert sheet.cell(boolean_row, col["Đã thực hiện"]).fill.fgColor.rgb.endswith("D9D9D9")
    assert sheet.cell(ratio_row, col["Đã thực hiện"]).protection.locked is False
    assert sheet.protection.sheet is True
    lists = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    assert lists and lists[0].formula1 == '"Có,Không"'
    assert f"{sheet.cell(boolean_row, col['Có/Không']).coordinate}" in str(lists[0].sqref)
    deadline_row = HEADER_ROW + 1 + ids.index("2.4.1")
    assert sheet.cell(deadline_row, col["Hạn"]).number_format == "DD/MM/YYYY"
    assert (
        sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    )
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"


def test_filled_form_imports_and_the_ward_is_recognised(tcpl, tmp_path: Path) -> None:
    year = ward(tcpl, province(tmp_path / "tinh"))
    out = tmp_path / "so-lieu.xlsx"
    assert tcpl("form", "new", str(year), "-o", str(out)).exit_code == 0
    fill_passing(out)
    result = tcpl("form", "import", str(out), str(year))
    assert result.exit_code == 0, result.output
    assert "26 nội dung đã đổi" in result.stdout and "2.1.1: (trống) → có" in result.stdout
    text = (year / "assessment.yaml").read_text("utf-8")
    assert text.count("    # Cách ghi (") == 26  # the scaffold's comments survive the import
    assert '"2.5.1": [sms, social_network]' in text
    assert '"2.4.1": {due: 20/01/2026, done: 16/01/2026}' in text
    data = json.loads(tcpl("score", str(year), "--format", "json").stdout)
    assert data["recognized"] is True
    # Written again from the filled assessment, the form carries its values...
    again = tmp_path / "lai.xlsx"
    assert tcpl("form", "new", str(year), "-o", str(again)).exit_code == 0
    sheet = load_workbook(again)["Số liệu"]
    col = columns(sheet)
    rows = {sheet.cell(r, 1).value: r for r in range(HEADER_ROW + 1, sheet.max_row + 1)}
    assert sheet.cell(rows["2.1.1"], col["Có/Không"]).value == "Có"
    assert sheet.cell(rows["2.4.1"], col["Hạn"]).value.date() == dt.date(2026, 1, 20)
    assert "Tin nhắn điện thoại" in sheet.cell(rows["2.5.1"], col["Lựa chọn"]).value
    # ...and importing it changes nothing.
    before = (year / "assessment.yaml").read_text("utf-8")
    same = tcpl("form", "import", str(again), str(year))
    assert same.exit_code == 0 and "không ghi gì" in same.stdout
    assert (year / "assessment.yaml").read_text("utf-8") == before


def test_a_bad_cell_is_refused_by_workbook_and_cell(tcpl, tmp_path: Path) -> None:
    year = ward(tcpl, tmp_path)
    out = tmp_path / "so-lieu-2026.xlsx"
    assert tcpl("form", "new", str(year), "-o", str(out)).exit_code == 0
    book = load_workbook(out)
    sheet = book["Số liệu"]
    col = columns(sheet)
    sheet.cell(HEADER_ROW + 1, col["Đã thực hiện"]).value = "bốn"
    sheet.cell(HEADER_ROW + 1, col["Tổng số"]).value = 4
    sheet.cell(HEADER_ROW + 4, col["Có/Không"]).value = "chắc vậy"
    book.save(out)
    before = (year / "assessment.yaml").read_bytes()
    result = tcpl("form", "import", str(out), str(year))
    assert result.exit_code == 1
    assert (
        "so-lieu-2026.xlsx:Số liệu!D4: ghi một số nguyên không âm, ví dụ 12 (không phải 'bốn')"
        in result.stderr
    )
    assert "so-lieu-2026.xlsx:Số liệu!F7: ghi 'có' hoặc 'không' (không phải 'chắc vậy')" in result.stderr
    assert (year / "assessment.yaml").read_bytes() == before


def test_changing_a_value_needs_force_and_keeps_other_sections(tcpl, tmp_path: Path) -> None:
    year = ward(tcpl, tmp_path)
    path = year / "assessment.yaml"
    path.write_text(
        path.read_text("utf-8").replace('  "1.1.1":\n', '  "1.1.1": {done: 3, total: 3}  # ghi chú của tôi\n')
        + "posting: {start: 14/12/2026}  # niêm yết\nnarrative:\n  proposals: [Đề nghị A]\n",
        encoding="utf-8",
    )
    out = tmp_path / "f.xlsx"
    assert tcpl("form", "new", str(year), "-o", str(out)).exit_code == 0
    book = load_workbook(out)
    sheet = book["Số liệu"]
    sheet.cell(HEADER_ROW + 1, columns(sheet)["Đã thực hiện"]).value = 2
    book.save(out)
    refused = tcpl("form", "import", str(out), str(year))
    assert refused.exit_code == 1 and "--force" in refused.stderr and "1.1.1" in refused.stderr
    forced = tcpl("form", "import", str(out), str(year), "--force")
    assert forced.exit_code == 0 and "1.1.1: {done: 3, total: 3} → {done: 2, total: 3}" in forced.stdout
    text = path.read_text("utf-8")
    assert "posting: {start: 14/12/2026}  # niêm yết\nnarrative:\n  proposals: [Đề nghị A]\n" in text
    assert text.count("    # Cách ghi (") == 26


def test_import_creates_the_assessment_when_there_is_none(tcpl, tmp_path: Path) -> None:
    year = ward(tcpl, tmp_path)
    out = tmp_path / "f.xlsx"
    assert tcpl("form", "new", str(year), "-o", str(out)).exit_code == 0
    (year / "assessment.yaml").unlink()
    fill_passing(out)
    result = tcpl("form", "import", str(out), str(year))
    assert result.exit_code == 0 and "26 nội dung mới" in result.stdout
    text = (year / "assessment.yaml").read_text("utf-8")
    assert text.startswith("kind: assessment\ncommune: thuan-hoa\nyear: 2026\nitems:\n")


def test_set_items_keeps_comments_and_replaces_block_values() -> None:
    text = (
        'kind: assessment\nyear: 2026\nitems:\n  # Chỉ tiêu 1.1\n  "1.1.1":\n    done: 1\n    # giữa\n'
        "    total: 2\n  # Chỉ tiêu 2.1\n  '2.1.1': true\n# cuối\nposting: {}\n"
    )
    new = set_items(text, {"1.1.1": "{done: 2, total: 2}", "2.1.2": "không"})
    assert new == (
        'kind: assessment\nyear: 2026\nitems:\n  # Chỉ tiêu 1.1\n  "1.1.1": {done: 2, total: 2}\n'
        "  # Chỉ tiêu 2.1\n  '2.1.1': true\n  \"2.1.2\": không\n# cuối\nposting: {}\n"
    )


ITEMS = [it for _, _, it in api.ruleset("qd27-2025").ruleset.iter_items()]


def _entry(item) -> st.SearchStrategy[dict]:  # type: ignore[no-untyped-def]
    extras = st.fixed_dictionaries(
        {},
        optional={
            "evidence": st.lists(
                st.sampled_from(["Quyết định số 01", "Biên bản họp"]), min_size=1, max_size=2, unique=True
            ),
            "note": st.sampled_from(["Đã thực hiện", "Có 02 vụ việc chuyển Tòa án"]),
        },
    )
    if item.kind == "ratio":
        value = st.integers(0, 30).flatmap(lambda t: st.integers(0, t).map(lambda d: {"done": d, "total": t}))
    elif item.kind == "boolean":
        value = st.booleans().map(lambda b: {"value": b})
    elif item.kind == "choice":
        ids = [o.id for o in item.options]
        value = st.lists(st.sampled_from(ids), min_size=0, max_size=3, unique=True).map(
            lambda v: {"value": v}
        )
    else:  # deadline
        days = st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        value = st.tuples(days, st.one_of(st.none(), days)).map(
            lambda p: {"due": p[0].isoformat(), **({"done": p[1].isoformat()} if p[1] else {})}
        )
    return st.tuples(value, extras).map(lambda p: {**p[0], **p[1]})


ASSESSMENTS = st.fixed_dictionaries({}, optional={it.id: _entry(it) for it in ITEMS})


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=ASSESSMENTS)
def test_any_assessment_written_to_a_form_and_imported_back_scores_the_same(entries: dict) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        first = root / "a" / "xa" / "2026"
        first.mkdir(parents=True)
        values = {i: entry_yaml(ItemEntry.model_validate(e)) for i, e in entries.items()}
        text = (
            set_items("kind: assessment\nyear: 2026\n", values)
            if values
            else "kind: assessment\nyear: 2026\n"
        )
        (first / "assessment.yaml").write_text(text, encoding="utf-8")
        expected = api.score(first).result.to_json()
        book = root / "f.xlsx"
        api.form_new(first, book, force=False)
        second = root / "b" / "xa" / "2026"
        second.mkdir(parents=True)
        if values:
            api.form_import(book, second, force=False)
            got = api.score(second).result.to_json()
        else:
            assert not api.form_import(book, second, force=False).written
            shutil.copy(first / "assessment.yaml", second / "assessment.yaml")
            got = api.score(second).result.to_json()
        assert got == expected


def test_a_note_starting_with_an_equals_sign_stays_text_and_survives_the_round_trip(
    tcpl, tmp_path: Path
) -> None:
    year = ward(tcpl, tmp_path)
    assessment = year / "assessment.yaml"
    text = assessment.read_text("utf-8")
    first = next(line for line in text.splitlines() if line.startswith('  "1.1.1":'))
    assessment.write_text(
        text.replace(first, '  "1.1.1": {done: 9, total: 10, note: "=1+1 (đã đối chiếu)"}'), "utf-8"
    )
    out = tmp_path / "f.xlsx"
    assert tcpl("form", "new", str(year), "-o", str(out)).exit_code == 0
    sheet = load_workbook(out)["Số liệu"]
    note = sheet.cell(HEADER_ROW + 1, columns(sheet)["Ghi chú"])
    assert note.value == "=1+1 (đã đối chiếu)" and note.data_type == "s"  # not a formula
    again = tcpl("form", "import", str(out), str(year))
    assert again.exit_code == 0 and "Không có số liệu nào khác" in again.stdout, again.output

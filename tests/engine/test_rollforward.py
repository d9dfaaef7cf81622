"""`tcpl plan new`: next year's plan changes the plan's year where it is the year of the work."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tcpl.engine.rollforward import roll_forward, roll_text
from tests.conftest import EXAMPLE

PLAN = EXAMPLE / "2023" / "plan.yaml"


def strings(value, path=""):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for n, v in enumerate(value):
            yield from strings(v, f"{path}[{n}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(v, f"{path}.{k}")


def test_only_year_expressions_change() -> None:
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    data["sections"][1]["tasks"][0]["progress"] = [{"date": "2023-03-01", "status": "hoàn thành"}]
    result = roll_forward(data, 2024)
    before = {
        k: v
        for k, v in strings({k: v for k, v in data.items() if k not in ("year", "document")})
        if ".progress" not in k
    }
    after = dict(strings({k: v for k, v in result.data.items() if k not in ("year", "document")}))
    assert before.keys() == after.keys()
    changed = {k for k in before if before[k] != after[k]}
    assert len(changed) == len(result.changes) == 11
    for key in changed:
        # the only differences are years: the words around them are untouched...
        assert re.sub(r"\d{4}", "Y", before[key]) == re.sub(r"\d{4}", "Y", after[key])
        # ...and each year either stays or moves 2023 -> 2024
        for old, new in zip(re.findall(r"\d{4}", before[key]), re.findall(r"\d{4}", after[key]), strict=True):
            assert (old, new) in (("2023", "2024"), (old, old))
    opening_after = result.data["opening"][0]
    assert "ngày 04 tháng 01 năm 2023" in opening_after  # a dated document stays as issued
    assert "năm 2022" in opening_after  # the title of last year's district plan
    assert "Kế hoạch thực hiện năm 2024 như sau" in opening_after
    assert any(item.where == "Đoạn mở đầu 1" for item in result.review)
    times = [
        ln
        for t in result.data["sections"][1]["tasks"]
        for ln in t["lines"]
        if "Thời gian thực hiện" in str(ln)
    ]
    assert "Quý II/2024." in str(times) and "quý III/2024." in str(times) and "2023" not in str(times)
    assert result.data["year"] == 2024
    assert result.data["document"] == {"symbol": "KH-UBND"}
    assert "progress" not in str(result.data)


def test_full_dates_and_document_numbers_are_not_touched() -> None:
    text = "Kế hoạch số 2023/KH-UBND ngày 05 tháng 3 năm 2023, ngày 05/3/2023, quý I/2023, năm 2023"
    assert roll_text(text, 2023, 2024) == (
        "Kế hoạch số 2023/KH-UBND ngày 05 tháng 3 năm 2023, ngày 05/3/2023, quý I/2024, năm 2024"
    )


def test_cli_lists_changes_and_writes_a_valid_plan(tcpl, tmp_path: Path) -> None:
    out = tmp_path / "plan.yaml"
    result = tcpl("plan", "new", str(PLAN), "--year", "2024", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "11 câu đã đổi năm" in result.stdout
    assert "+ Quý IV/2024." in result.stdout
    assert "Cần xem lại" in result.stdout
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["year"] == 2024 and data["subject"].endswith("năm 2024")
    assert tcpl("validate", str(out)).exit_code == 0


def _shipped(ident: str):
    from tcpl.loading.rulesets import RulesetRegistry

    loaded = RulesetRegistry().by_id(ident)
    assert loaded is not None
    return loaded.ruleset


def test_a_change_of_ruleset_is_said_and_old_citations_are_listed() -> None:
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    data["sections"][1]["tasks"][0]["indicators"] = ["2.3", "5.2"]  # 5.2 is a QĐ 25 indicator only
    # a citation without "số": only the change of ruleset makes it one to review
    bare = "Chấm điểm theo Phụ lục I Thông tư 09/2021/TT-BTP."
    data["sections"][1]["tasks"][1]["title"] = bare
    qd25, qd27 = _shipped("qd25-2021"), _shipped("qd27-2025")
    result = roll_forward(data, 2026, old_ruleset=qd25, new_ruleset=qd27)
    change = next(n for n in result.notes if "qd27-2025" in n and "qd25-2021" in n)
    assert "25/2021/QĐ-TTg" in change and "09/2021/TT-BTP" in change
    citing = [s for _, s in strings(data) if "25/2021/QĐ-TTg" in s or "09/2021/TT-BTP" in s]
    assert citing and all(any(r.before == s for r in result.review) for s in citing)
    codes = next(n for n in result.notes if n.startswith("Mã chỉ tiêu không có"))
    assert "chỉ tiêu 5.2" in codes and "chỉ tiêu 2.3" not in codes
    # the same ruleset on both sides: nothing to say
    same = roll_forward(data, 2024, old_ruleset=qd25, new_ruleset=qd25)
    assert not any("bộ tiêu chí" in n for n in same.notes)
    assert bare in [r.before for r in result.review] and bare not in [r.before for r in same.review]


def test_a_year_without_a_ruleset_is_said() -> None:
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    result = roll_forward(data, 2025, old_ruleset=_shipped("qd25-2021"), new_ruleset=None)
    assert any("Chưa có bộ tiêu chí đi kèm tcpl cho năm 2025" in n for n in result.notes)


def test_plan_new_command_names_the_rulesets_of_both_years(tcpl, tmp_path: Path) -> None:
    to_2026 = tcpl("plan", "new", str(PLAN), "--year", "2026", "-o", str(tmp_path / "p26.yaml"))
    assert to_2026.exit_code == 0, to_2026.output
    flat = " ".join(to_2026.stdout.split())
    assert "Năm 2026 đánh giá theo bộ tiêu chí qd27-2025, không còn theo qd25-2021" in flat
    to_2025 = tcpl("plan", "new", str(PLAN), "--year", "2025", "-o", str(tmp_path / "p25.yaml"))
    flat = " ".join(to_2025.stdout.split())
    assert "Chưa có bộ tiêu chí đi kèm tcpl cho năm 2025" in flat
    assert "Năm 2025 không có đợt đánh giá, công nhận thường kỳ" in flat  # the ruleset's year note
    to_2024 = tcpl("plan", "new", str(PLAN), "--year", "2024", "-o", str(tmp_path / "p24.yaml"))
    assert "bộ tiêu chí" not in to_2024.stdout

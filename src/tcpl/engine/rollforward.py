"""Next year's plan from this year's (`tcpl plan new`).

Only the plan's own year moves, and only where it is the year of the plan's work: "năm 2023",
"Năm 2023", "quý I/2023", "tháng 3/2023". A full date ("ngày 04 tháng 01 năm 2023",
"04/01/2023") belongs to a document that was issued: it is left as written and the sentence is
listed for review, with the sentences that cite a numbered document ("Kế hoạch số 03/KH-UBND").
Number, date and progress are cleared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tcpl import textfmt as fmt
from tcpl.engine.timewindow import QUARTER_LIST

if TYPE_CHECKING:
    from tcpl.models.ruleset import Ruleset


@dataclass
class Rewording:
    """A sentence of the plan that next year's plan changes, or that the officer must reword."""

    where: str
    before: str
    after: str


@dataclass
class RollForward:
    data: dict[str, Any]
    changes: list[Rewording] = field(default_factory=list)
    review: list[Rewording] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


_DOC_REF = re.compile(r"\b(?:số|Số)\s+\d+/[\wĐđ/-]+")
_SYMBOL = re.compile(r"\d+/\d{4}/[A-ZĐ]+-[A-ZĐ][A-ZĐa-z]*")
"""A legal document's symbol, "25/2021/QĐ-TTg", as the rulesets' legal_basis writes it."""


_DISTRICT = re.compile(
    r"\b(?:Phòng Tư pháp |Ủy ban nhân dân |Ủy ban nhân |UBND )?(?:huyện|quận|thị xã|thành phố)\b(?:\s+\w+)*"
)
_OLD_UNITS = "xã, phường, thị trấn"
_NEW_UNITS = "xã, phường, đặc khu"


def district_names(text: str, keep: tuple[str, ...] = ()) -> list[str]:
    """Names of district-level units in `text` ("thị xã Hương Trà", "Phòng Tư pháp huyện A").

    The level ended on 01/7/2025. A name in `keep` (the province, "thành phố Huế") is not one.
    """
    found: list[str] = []
    for match in _DISTRICT.finditer(text):
        words = match.group(0).split()
        # The unit's own name is its capitalised words; stop at the first word in lower case.
        head = next(n for n, w in enumerate(words) if w in ("huyện", "quận", "thị", "thành"))
        size = 2 if words[head] in ("thị", "thành") else 1
        name = words[: head + size]
        for word in words[head + size :]:
            if not word[:1].isupper():
                break
            name.append(word)
        shown = " ".join(name)
        if any(shown.endswith(k) or k.endswith(" ".join(name[head:])) for k in keep if k):
            continue
        found.append(shown)
    return found


def _stale_symbols(old: Ruleset, new: Ruleset) -> set[str]:
    """Documents the old year's ruleset stands on and the new year's does not."""
    keep = {m for line in new.legal_basis for m in _SYMBOL.findall(line)}
    return {m for line in old.legal_basis for m in _SYMBOL.findall(line)} - keep


def _patterns(year: int) -> list[re.Pattern[str]]:
    y = str(year)
    return [
        # "năm 2023" but not the year of a full date "ngày 04 tháng 01 năm 2023"
        re.compile(rf"(?<!tháng \d )(?<!tháng \d\d )(?<![Tt]háng\d)\b([Nn]ăm)(\s+){y}\b"),
        re.compile(rf"\b({QUARTER_LIST})(\s*/\s*){y}\b", re.I),
        re.compile(rf"\b([Tt]háng\s+\d{{1,2}})(\s*/\s*){y}\b"),
    ]


def _full_date(year: int) -> re.Pattern[str]:
    return re.compile(rf"ngày\s+\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+{year}|\b\d{{1,2}}/\d{{1,2}}/{year}\b")


def roll_text(text: str, old: int, new: int) -> str:
    out = text
    for pattern in _patterns(old):
        out = pattern.sub(lambda m: f"{m.group(1)}{m.group(2)}{new}", out)
    return out


def needs_review(text: str, old: int) -> bool:
    return bool(_full_date(old).search(text) or _full_date(old - 1).search(text) or _DOC_REF.search(text))


_PARTS = {
    "sections": "Mục",
    "subsections": "khoản",
    "tasks": "nhiệm vụ",
    "lines": "dòng",
    "paragraphs": "đoạn",
    "closing_paragraphs": "đoạn cuối",
    "opening": "Đoạn mở đầu",
    "closing": "Câu kết",
    "recipients": "Nơi nhận",
}
_FIELDS = {"subject": "Trích yếu", "heading": "tên", "title": "tên", "doc_type": "Tên loại"}


def _field(where: str, key: str) -> str:
    if key in _PARTS:
        return f"{where} › {_PARTS[key]}" if where != "kế hoạch" else _PARTS[key]
    if key in _FIELDS:
        return f"{where} › {_FIELDS[key]}" if where != "kế hoạch" else _FIELDS[key]
    return where if key in ("text", "label") else f"{where} › {key}"


def _place(where: str, n: int) -> str:
    if where.endswith("Mục"):
        return f"{where} {fmt.roman(n)}"
    return f"{where} {n}"


def roll_forward(
    data: dict[str, Any],
    year: int,
    *,
    old_ruleset: Ruleset | None = None,
    new_ruleset: Ruleset | None = None,
    keep_names: tuple[str, ...] = (),
    upper_level: str | None = None,
) -> RollForward:
    """Plan data for `year`, with the list of sentences changed and those to review.

    With the rulesets of both years, a change of ruleset (QĐ 25/2021 to QĐ 27/2025) is said
    plainly, and the sentences citing the old documents and the indicator codes the new ruleset
    does not have are listed for review.
    """
    old = int(data["year"])
    result = RollForward(data={})
    if year <= old:
        result.notes.append(f"Năm mới ({year}) không sau năm của kế hoạch ({old}).")
    changed = old_ruleset is not None and new_ruleset is not None and old_ruleset.id != new_ruleset.id
    stale = _stale_symbols(old_ruleset, new_ruleset) if changed and old_ruleset and new_ruleset else set()
    new_indicators = (
        {i.id for c in new_ruleset.criteria for i in c.indicators} if changed and new_ruleset else set()
    )
    unknown_indicators: list[str] = []

    def walk(value: Any, where: str) -> Any:
        where = where or "kế hoạch"
        if isinstance(value, str):
            rolled = roll_text(value, old, year)
            if rolled != value:
                result.changes.append(Rewording(where, value, rolled))
            suggestion = rolled
            if changed:  # names of the new map: "xã, phường, đặc khu", no district level since 7/2025
                suggestion = suggestion.replace(_OLD_UNITS, _NEW_UNITS)
                for name in district_names(rolled, keep_names):
                    suggestion = suggestion.replace(name, upper_level or "(cấp trên hiện nay)")
            if needs_review(value, old) or any(symbol in value for symbol in stale) or suggestion != rolled:
                result.review.append(Rewording(where, value, suggestion))
            return rolled
        if isinstance(value, list):
            return [walk(v, _place(where, n + 1)) for n, v in enumerate(value)]
        if isinstance(value, dict):
            for ident in (value.get("indicators") or []) if new_indicators else []:
                if str(ident) not in new_indicators:
                    unknown_indicators.append(f"{where}: chỉ tiêu {ident}")
            return {
                k: (v if k in ("id", "kind", "commune") else walk(v, _field(where, k)))
                for k, v in value.items()
                if k != "progress"
            }
        return value

    body = {k: v for k, v in data.items() if k not in ("year", "document")}
    rolled = walk(body, "")
    document = {k: v for k, v in (data.get("document") or {}).items() if k not in ("number", "date")}
    out: dict[str, Any] = {}
    for key in data:
        if key == "year":
            out["year"] = year
        elif key == "document":
            if document:
                out["document"] = document
        else:
            out[key] = rolled[key]
    result.data = out
    if data.get("document", {}).get("number") or data.get("document", {}).get("date"):
        result.notes.append("Đã xóa số và ngày ban hành: ghi lại khi kế hoạch mới được ký.")
    if changed and old_ruleset and new_ruleset:
        result.notes.append(
            f"Năm {year} đánh giá theo bộ tiêu chí {new_ruleset.id}, không còn theo {old_ruleset.id}"
            f" (xem: tcpl rules show {new_ruleset.id}): sửa căn cứ, tên và nội dung nhiệm vụ theo văn bản mới"
            + (
                f" (các câu dẫn chiếu {', '.join(sorted(stale))} có trong danh sách cần xem lại)"
                if stale
                else ""
            )
            + "."
        )
        if unknown_indicators:
            result.notes.append(
                f"Mã chỉ tiêu không có trong bộ tiêu chí {new_ruleset.id}: "
                + "; ".join(unknown_indicators)
                + ". Ghi lại theo bộ tiêu chí mới (tcpl rules show "
                + new_ruleset.id
                + ")."
            )
    elif old_ruleset is not None and new_ruleset is None:
        result.notes.append(
            f"Chưa có bộ tiêu chí đi kèm tcpl cho năm {year}: kiểm tra văn bản áp dụng cho năm đó trước khi"
            " ban hành kế hoạch."
        )
    return result

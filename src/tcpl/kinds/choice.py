"""`choice` (lựa chọn): the forms used out of a list, for example the digital-transformation activities."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from tcpl import codes
from tcpl import textfmt as fmt
from tcpl.kinds.base import MISSING, Fix, Judgement, Kind, Problem, at_least, entry_json, need
from tcpl.models.assessment import ItemEntry
from tcpl.models.ruleset import Item


class Choice(Kind):
    name = "choice"
    word = "lựa chọn"
    fields = frozenset({"value"})
    form_fields = (("Lựa chọn", "value", "options"),)
    uses_options = True
    counts_to_level = True
    example = "[portal, social_network]"
    level_hint = "số hình thức tối thiểu phải thực hiện"

    def how_to_write(self, item: Item) -> str:
        return "ghi các hình thức đã thực hiện (tên hoặc mã, cách nhau bằng dấu ;)"

    def check_item(self, item: Item) -> list[str]:
        out = super().check_item(item)
        if not item.options:
            out.append("nội dung loại choice cần danh sách options")
        ids = [o.id for o in item.options]
        if len(ids) != len(set(ids)):
            out.append("mã lựa chọn trong options bị trùng")
        return out

    def normalise(self, item: Item, entry: ItemEntry) -> tuple[ItemEntry, list[Problem]]:
        value = entry.value
        if isinstance(value, str):
            value = [part for part in re.split(r"[;\n]+", value) if part.strip()]
        if not isinstance(value, list):
            return entry, []
        by_name = {_key(o.name): o.id for o in item.options} | {_key(o.id): o.id for o in item.options}
        chosen = [by_name.get(_key(str(v)), str(v).strip()) for v in value]
        if not all(c in by_name.values() for c in chosen):
            # `[Phổ biến qua mạng xã hội, nền tảng cộng đồng]`: YAML split a name at its comma. Joined
            # back only when that makes every entry an option, so a located problem stays in place.
            rejoined = _rejoin([str(v) for v in value], by_name)
            if rejoined is not None:
                chosen = rejoined
        return entry.model_copy(update={"value": chosen}), []

    def value_problems(self, item: Item, entry: ItemEntry) -> list[Problem]:
        if not isinstance(entry.value, list):
            return [
                Problem(
                    "value",
                    "ghi các hình thức đã thực hiện: tên hoặc mã, cách nhau bằng dấu ';' hoặc danh sách"
                    " [portal, social_network]",
                )
            ]
        valid = {o.id for o in item.options}
        with_comma = [_key(o.name) for o in item.options if "," in o.name]

        def hint(choice: str) -> str:
            piece = _key(choice)
            if any(name.startswith(piece + ",") or f", {piece}" in name for name in with_comma):
                return " (tên có dấu phẩy: ghi các tên cách nhau bằng dấu ; hoặc đặt mỗi tên trong ngoặc kép)"
            return ""

        return [
            Problem(
                "value",
                f"lựa chọn '{choice}' không có{hint(str(choice))}; ghi tên hoặc mã: "
                + "; ".join(f"{o.name} ({o.id})" for o in item.options),
                code=codes.UNKNOWN_OPTION,
                at=(n,),
            )
            for n, choice in enumerate(entry.value)
            if choice not in valid
        ]

    def judge(self, item: Item, entry: ItemEntry | None) -> Judgement:
        if entry is None or not isinstance(entry.value, list):
            return MISSING
        valid = {o.id for o in item.options}
        chosen = {v for v in entry.value if v in valid}
        level = self.required(item)
        return Judgement(None if level is None else at_least(len(chosen), level))

    def rule_words(self, item: Item, level: float) -> str:
        return f"đạt khi có từ {fmt.number(level)} hình thức trở lên"

    def shown(self, item: Item, entry: ItemEntry) -> str | None:
        if not isinstance(entry.value, list):
            return None
        names = {o.id: o.name for o in item.options}
        return "; ".join(names.get(str(v), str(v)) for v in entry.value) or "không có"

    def fix(self, item: Item, entry: ItemEntry | None, as_of: date, target: float | None) -> Fix | None:
        level = target if target is not None else self.required(item)
        if level is None:
            return None
        chosen = [str(v) for v in entry.value] if entry and isinstance(entry.value, list) else []
        left = [o for o in item.options if o.id not in chosen]
        have = len({c for c in chosen if c in {o.id for o in item.options}})
        more = need(level, have)
        if more > len(left):
            return None
        extra = left[:more]
        return Fix(
            {**entry_json(entry), "value": chosen + [o.id for o in extra]},
            f"thêm {more} hình thức, ví dụ: {'; '.join(o.name for o in extra)}",
            more,
        )

    def example_value(self, item: Item, top: float | None) -> tuple[dict[str, Any], str] | None:
        level = self.required(item)
        if level is None or need(level) > len(item.options):
            return None
        return {
            "value": [o.id for o in item.options[: need(level)]]
        }, f"thực hiện từ {need(level)} hình thức trở lên"


KIND = Choice()


def _key(text: str) -> str:
    """An option's name or id as compared: NFC, case and spaces ignored, no final full stop."""
    return " ".join(unicodedata.normalize("NFC", text).lower().split()).rstrip(".;")


def _rejoin(parts: list[str], by_name: dict[str, str]) -> list[str] | None:
    """The options named by `parts` once pieces split at a name's comma are joined, or None."""
    out: list[str] = []
    start = 0
    while start < len(parts):
        for end in range(len(parts), start, -1):  # the longest run that is a name
            found = by_name.get(_key(", ".join(p.strip() for p in parts[start:end])))
            if found is not None:
                out.append(found)
                start = end
                break
        else:
            return None
    return out

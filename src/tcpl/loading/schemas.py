"""JSON Schemas of the file kinds, generated from the models.

A file is valid for its schema exactly when `tcpl validate` finds no field error in it (no
TCPL101 missing field, TCPL102 unknown field, TCPL103 wrong value): the short forms the
loader accepts come from the models (`Model.json_short_forms`, `JsonAlso`), and an overlay
(a ruleset with `extends:`) has a schema of its own where every field may be left out, as
the loader takes what is missing from the base ruleset.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel

from tcpl import kinds
from tcpl.models.assessment import Assessment
from tcpl.models.commune import Commune
from tcpl.models.feedback import Feedback
from tcpl.models.office import Office
from tcpl.models.plan import Plan
from tcpl.models.ruleset import Ruleset

SCHEMA_KINDS: dict[str, type[BaseModel]] = {
    "ruleset": Ruleset,
    "overlay": Ruleset,
    "assessment": Assessment,
    "commune": Commune,
    "plan": Plan,
    "feedback": Feedback,
    "office": Office,
}

_TITLES = {
    "ruleset": "Bộ tiêu chí (tcpl)",
    "overlay": "Lớp bổ sung của một bộ tiêu chí: tệp có 'extends:' (tcpl)",
    "assessment": "Số liệu tự đánh giá (tcpl)",
    "commune": "Thông tin xã (tcpl)",
    "plan": "Kế hoạch (tcpl)",
    "feedback": "Ý kiến của Nhân dân về kết quả đánh giá (tcpl)",
    "office": "Cơ quan tổng hợp, công nhận (tcpl)",
}


def schema_id(kind: str) -> str:
    """A name, not an address: nothing is hosted, editors read the files in schemas/."""
    return f"urn:tcpl:schema:{kind}"


def json_schema(kind: str) -> dict[str, Any]:
    schema = SCHEMA_KINDS[kind].model_json_schema(by_alias=True, mode="validation")
    _close_pattern_maps(schema)
    _item_kinds(schema)
    if kind == "overlay":
        schema = _overlay(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id(kind),
        **schema,
        "title": _TITLES[kind],
    }


def _walk(node: Any) -> list[dict[str, Any]]:
    """Every mapping in a schema, depth first."""
    out: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            out.append(current)
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return out


def _item_kinds(schema: dict[str, Any]) -> None:
    """An item's `kind:` is one of the kinds tcpl knows (the registry of tcpl.kinds, read now)."""
    item = schema.get("$defs", {}).get("Item", {}).get("properties", {}).get("kind")
    if isinstance(item, dict):
        item["enum"] = kinds.names()


def _close_pattern_maps(schema: dict[str, Any]) -> None:
    """A table keyed by ids (`items: {"2.1.1": ...}`) refuses keys that are not ids, as the loader does."""
    for node in _walk(schema):
        if "patternProperties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False


def _overlay(schema: dict[str, Any]) -> dict[str, Any]:
    """The ruleset schema with nothing required but `extends:` (the base supplies the rest)."""
    out = copy.deepcopy(schema)
    for node in _walk(out):
        if isinstance(node.get("required"), list):  # the keyword, not a field named "required"
            del node["required"]
    out["required"] = ["extends"]
    out["properties"]["extends"] = {
        "type": "string",
        "minLength": 1,
        "maxLength": 2000,
        "description": "Bộ tiêu chí gốc: mã (qd25-2021, qd27-2025) hoặc đường dẫn tệp",
    }
    return out

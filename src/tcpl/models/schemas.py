"""JSON Schemas of the file kinds, generated from the models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from tcpl.models.assessment import Assessment
from tcpl.models.commune import Commune
from tcpl.models.feedback import Feedback
from tcpl.models.office import Office
from tcpl.models.plan import Plan
from tcpl.models.ruleset import Ruleset

SCHEMA_KINDS: dict[str, type[BaseModel]] = {
    "ruleset": Ruleset,
    "assessment": Assessment,
    "commune": Commune,
    "plan": Plan,
    "feedback": Feedback,
    "office": Office,
}

_TITLES = {
    "ruleset": "Bộ tiêu chí (tcpl)",
    "assessment": "Số liệu tự đánh giá (tcpl)",
    "commune": "Thông tin xã (tcpl)",
    "plan": "Kế hoạch (tcpl)",
    "feedback": "Ý kiến của Nhân dân về kết quả đánh giá (tcpl)",
    "office": "Cơ quan tổng hợp, công nhận (tcpl)",
}


def json_schema(kind: str) -> dict[str, Any]:
    schema = SCHEMA_KINDS[kind].model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://tcpl.invalid/schemas/{kind}.schema.json",
        **schema,
        "title": _TITLES[kind],
    }

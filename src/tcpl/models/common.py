"""Shared building blocks of the file models."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, GetJsonSchemaHandler, Strict
from pydantic_core import CoreSchema

JsonSchema = dict[str, Any]


class YamlFloat(float):
    """A float that remembers how it was written, so `id: 1.10` can be read back as "1.10"."""

    raw: str

    def __new__(cls, value: float, raw: str) -> YamlFloat:
        obj = super().__new__(cls, value)
        obj.raw = raw
        return obj

    def __reduce__(self) -> tuple[type[YamlFloat], tuple[float, str]]:
        return (YamlFloat, (float(self), self.raw))


class Model(BaseModel):
    """Base of every file model: unknown fields are refused, values are not coerced silently.

    A model that also accepts a short form (its `mode="before"` validator turns `true` into
    `{value: true}`, say) declares the JSON Schema of those forms in `json_short_forms`, next
    to that validator; the published schemas then accept exactly what the loader accepts.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @classmethod
    def json_short_forms(cls, full: JsonSchema) -> list[JsonSchema]:
        """The JSON Schemas of the short forms, built from the long form's schema `full`."""
        return []

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchema:
        json_schema = handler(core_schema)
        target = handler.resolve_ref_schema(json_schema)
        forms = cls.json_short_forms(target)
        if forms:
            full = dict(target)
            target.clear()
            target.update({"title": full.get("title", cls.__name__), "anyOf": [*forms, full]})
            if "description" in full:
                target["description"] = full["description"]
        return json_schema


def field_schema(full: JsonSchema, name: str, *, nullable: bool = False) -> JsonSchema:
    """The schema of one field of a model's schema, as a value of its own (for a short form)."""
    schema = {k: v for k, v in full["properties"][name].items() if k not in ("default", "title")}
    if not nullable and "anyOf" in schema:
        schema["anyOf"] = [s for s in schema["anyOf"] if s != {"type": "null"}]
    return schema


class JsonAlso:
    """Annotated marker: the value is also accepted in these JSON forms (a YAML number for an id...).

    The type's own validator (a `BeforeValidator`) turns those forms into the canonical value;
    this marker says the same to the JSON Schema, in the same `Annotated[...]`.
    """

    def __init__(self, *forms: JsonSchema) -> None:
        self.forms = forms

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchema:
        schema = handler(core_schema)
        outer: JsonSchema = {k: schema.pop(k) for k in ("description", "title") if k in schema}
        return {**outer, "anyOf": [schema, *self.forms]}


_ID_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]*$")


def _id_from_yaml(value: Any) -> Any:
    # `id: 1.1` is a float to YAML; the officer meant the text they typed.
    if isinstance(value, YamlFloat):
        return value.raw
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


IdKey = Annotated[
    str,
    Field(pattern=_ID_PATTERN.pattern, max_length=40, description="Mã số, ví dụ 2.1 hoặc 3.2.2"),
]
"""An identifier as a mapping key (`items: {"2.1.1": ...}`): YAML keys are always read as text."""

Id = Annotated[IdKey, BeforeValidator(_id_from_yaml), JsonAlso({"type": "number", "minimum": 0})]
"""An identifier such as "1", "2.1" or "3.2.2" (mã tiêu chí, chỉ tiêu, nội dung)."""

Slug = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=80,
        description="Mã viết thường không dấu, nối bằng gạch ngang, ví dụ huong-binh",
    ),
]

Year = Annotated[int, Strict(), Field(ge=2000, le=2100, description="Năm, ví dụ 2026")]
Text = Annotated[str, Field(min_length=1, max_length=20_000)]
ShortText = Annotated[str, Field(min_length=1, max_length=2_000)]


# --- values the Vietnamese way ----------------------------------------------------------------

_DAY = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
_DECIMAL_COMMA = re.compile(r"^\s*(-?\d+),(\d+)\s*$")
_THOUSANDS = re.compile(r"^\s*\d{1,3}(\.\d{3})+\s*$")
YES_WORDS = frozenset({"có", "co", "đạt", "rồi", "x", "yes", "true", "đúng"})
NO_WORDS = frozenset({"không", "khong", "chưa", "no", "false", "sai"})


def day_from_text(value: Any) -> Any:
    """ "15/01/2026" (also 15-01-2026, 15.01.2026) as a date; ISO text and dates pass through."""
    if isinstance(value, str):
        match = _DAY.match(value)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise ValueError(
                    f"'{value.strip()}' không phải ngày có thật; viết ngày/tháng/năm, ví dụ 15/01/2026"
                ) from None
    return value


def yes_no_from_text(value: Any) -> Any:
    """ "có" / "không" (any case) as true / false."""
    if isinstance(value, str):
        word = unicodedata.normalize("NFC", value).strip().lower()
        if word in YES_WORDS:
            return True
        if word in NO_WORDS:
            return False
        raise ValueError(f"ghi 'có' hoặc 'không' (không phải '{value.strip()}')")
    return value


def number_from_text(value: Any) -> Any:
    """ "22,5" (decimal comma) as 22.5; a number passes through."""
    if isinstance(value, str):
        match = _DECIMAL_COMMA.match(value)
        if match:
            return float(f"{match.group(1)}.{match.group(2)}")
        text = value.strip()
        if re.fullmatch(r"-?\d+(\.\d+)?", text):
            return float(text) if "." in text else int(text)
        raise ValueError(f"ghi một số, ví dụ 22,5 hoặc 22.5 (không phải '{text}')")
    return value


def count_from_text(value: Any) -> Any:
    """A count as officers write it: "1.234" (dot for thousands) is 1234; "12" is 12."""
    raw = value.raw if isinstance(value, YamlFloat) else value if isinstance(value, str) else None
    if raw is not None and _THOUSANDS.match(raw):
        return int(raw.replace(".", "").strip())
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        return int(value)
    if isinstance(value, str):
        raise ValueError(f"ghi một số nguyên không âm, ví dụ 12 (không phải '{value.strip()}')")
    return value


Day = Annotated[
    dt.date,
    BeforeValidator(day_from_text),
    JsonAlso({"type": "string", "pattern": r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$"}),
    Field(description="Ngày: 15/01/2026 hoặc 2026-01-15"),
]
"""A date as officers write it (15/01/2026) or as YAML does (2026-01-15)."""

YesNo = Annotated[
    bool,
    BeforeValidator(yes_no_from_text),
    JsonAlso({"type": "string", "enum": ["có", "Có", "CÓ", "không", "Không", "KHÔNG"]}),
]
"""Yes or no: true/false, or có/không in any case."""

# A BeforeValidator last in the list wraps the whole: it runs first, and the limits stay in the schema.
Count = Annotated[
    int,
    Strict(),
    Field(ge=0, le=1_000_000_000_000, description="Số đếm, không âm (số tiền tính bằng đồng)"),
    JsonAlso({"type": "string", "pattern": r"^\s*(\d+|\d{1,3}(\.\d{3})+)\s*$"}),
    BeforeValidator(count_from_text),
]
Number = Annotated[
    float,
    Strict(),
    Field(description="Số (nguyên hoặc thập phân; dấu phẩy thập phân: 22,5)"),
    JsonAlso({"type": "string", "pattern": r"^-?\d+(,\d+)?$"}),
    BeforeValidator(number_from_text),
]

"""Shared building blocks of the file models."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict


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
    """Base of every file model: unknown fields are refused, values are not coerced silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


_ID_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]*$")


def _id_from_yaml(value: Any) -> Any:
    # `id: 1.1` is a float to YAML; the officer meant the text they typed.
    if isinstance(value, YamlFloat):
        return value.raw
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


Id = Annotated[
    str,
    BeforeValidator(_id_from_yaml),
    Field(pattern=_ID_PATTERN.pattern, max_length=40, description="Mã số, ví dụ 2.1 hoặc 3.2.2"),
]
"""An identifier such as "1", "2.1" or "3.2.2" (mã tiêu chí, chỉ tiêu, nội dung)."""

Slug = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=80,
        description="Mã viết thường không dấu, nối bằng gạch ngang, ví dụ huong-binh",
    ),
]

Count = Annotated[int, Strict(), Field(ge=0, le=100_000_000, description="Số đếm, không âm")]
Number = Annotated[float, Strict(), Field(description="Số (nguyên hoặc thập phân)")]
Year = Annotated[int, Strict(), Field(ge=2000, le=2100, description="Năm, ví dụ 2026")]
Text = Annotated[str, Field(min_length=1, max_length=20_000)]
ShortText = Annotated[str, Field(min_length=1, max_length=2_000)]

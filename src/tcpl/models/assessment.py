"""Assessment files (số liệu tự đánh giá): one commune's figures for one evaluation year."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, Strict, StrictBool, StrictInt, model_validator

from tcpl.models.common import (
    Count,
    Day,
    IdKey,
    JsonSchema,
    Model,
    Number,
    ShortText,
    Slug,
    Text,
    Year,
    YesNo,
    field_schema,
    number_from_text,
)
from tcpl.models.document import AssessmentDocumentKey, DocumentRef

ItemScalar = StrictBool | StrictInt | Number | list[ShortText] | ShortText
"""A short-form value: strict, so `5` stays the integer a count needs and `true` is no number.

Text is kept as written ("có", "22,5", "Phổ biến trên mạng xã hội; Tin nhắn"): the item's kind
reads it (tcpl/kinds), because only the kind knows what the words mean."""


def _thousands(value: Any) -> Any:
    """`1.234` typed for a count is 1234 (a dot separates thousands); YAML read it as a decimal."""
    raw = getattr(value, "raw", None)
    if isinstance(raw, str) and re.fullmatch(r"\d{1,3}(\.\d{3})+", raw.strip()):
        return int(raw.replace(".", ""))
    return value


class ItemEntry(Model):
    """The value of one item (nội dung) as the officer entered it.

    Short forms are accepted: `true` (boolean), `3` (count, or points for kind points),
    `[portal, radio]` (choice). The long form adds evidence and notes.
    """

    value: Annotated[ItemScalar | None, BeforeValidator(_thousands)] = Field(
        default=None, description="boolean: true/false; count: số; choice: danh sách mã lựa chọn"
    )
    done: Count | Day | None = Field(
        default=None, description="ratio: số đã thực hiện/đạt; deadline: ngày hoàn thành"
    )
    total: Count | None = Field(default=None, description="ratio: tổng số phát sinh")
    due: Day | None = Field(default=None, description="deadline: hạn phải hoàn thành")
    points: Annotated[float, Strict(), Field(ge=0, le=100), BeforeValidator(number_from_text)] | None = Field(
        default=None, description="Điểm tự chấm (bắt buộc với kind points)"
    )
    evidence: list[ShortText] = Field(default_factory=list, description="Tài liệu kiểm chứng")
    note: Text | None = Field(default=None, description="Ghi chú, giải trình")
    officer: ShortText | None = Field(default=None, description="Công chức phụ trách")

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        if isinstance(data, bool | int | float | list | str):
            return {"value": data}
        return data

    @classmethod
    def json_short_forms(cls, full: JsonSchema) -> list[JsonSchema]:
        # What `_short_form` accepts: the `value` alone (true, a number, a list of option ids).
        return [field_schema(full, "value")]

    @model_validator(mode="after")
    def _check_ratio(self) -> ItemEntry:
        if isinstance(self.done, int) and self.total is not None and self.done > self.total:
            raise ValueError(f"số đã thực hiện (done: {self.done}) lớn hơn tổng số (total: {self.total})")
        return self


class Recognized(Model):
    """The recognition decision, once issued (quyết định công nhận)."""

    decision: ShortText | None = Field(default=None, description="Số quyết định")
    date: Day | None = Field(default=None, description="Ngày quyết định")
    authority: ShortText | None = Field(default=None, description="Cơ quan, người quyết định")
    result: Literal["dat", "chua_dat"] | None = None


class Posting(Model):
    """Public posting of the draft report and scoresheet (niêm yết công khai)."""

    start: Day | None = Field(default=None, description="Ngày bắt đầu niêm yết")
    days: int | None = Field(
        default=None, ge=1, le=60, description="Số ngày niêm yết; bỏ trống: theo bộ tiêu chí"
    )
    places: list[ShortText] = Field(
        default_factory=list, description="Nơi niêm yết; bỏ trống: theo commune.yaml"
    )
    portal: YesNo = Field(default=True, description="Đăng trên Trang thông tin điện tử của xã")
    radio_times: int | None = Field(default=None, ge=0, description="Số lần thông báo trên đài truyền thanh")


class Narrative(Model):
    """The officer's own sentences for the reports (phần lời của báo cáo)."""

    direction: list[Text] = Field(
        default_factory=list, description="Về chỉ đạo, hướng dẫn, tổ chức thực hiện"
    )
    shortcomings: list[Text] = Field(default_factory=list, description="Tồn tại, hạn chế")
    causes: list[Text] = Field(default_factory=list, description="Nguyên nhân")
    proposals: list[Text] = Field(default_factory=list, description="Đề xuất, kiến nghị")


class Assessment(Model):
    """An assessment file: the year's figures of a commune, judged against a ruleset."""

    kind: Literal["assessment"] | None = None
    ruleset: ShortText | None = Field(
        default=None,
        description="Mã bộ tiêu chí (qd25-2021, qd27-2025) hoặc đường dẫn tệp; bỏ trống: theo năm",
    )
    commune: Slug | None = Field(default=None, description="Mã xã, như trong commune.yaml")
    year: Year
    conditions: dict[str, YesNo] = Field(
        default_factory=dict, description="Điều kiện công nhận: true khi điều kiện được bảo đảm"
    )
    items: dict[IdKey, ItemEntry | None] = Field(
        default_factory=dict, description="Số liệu từng nội dung; để trống là chưa nhập"
    )
    officers: dict[IdKey, ShortText] = Field(
        default_factory=dict, description="Công chức phụ trách theo mã tiêu chí hoặc chỉ tiêu"
    )
    recognized: Recognized | None = None
    posting: Posting | None = None
    narrative: Narrative = Field(default_factory=Narrative)
    documents: dict[AssessmentDocumentKey, DocumentRef] = Field(
        default_factory=dict, description="Số, ngày các văn bản đã ban hành"
    )
    milestones: dict[str, Day] = Field(
        default_factory=dict, description="Ngày đã làm các bước của quy trình, theo mã bước trong bộ tiêu chí"
    )

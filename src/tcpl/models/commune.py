"""Commune files (`commune.yaml`, thông tin xã): who the commune is and who signs for it."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, model_validator

from tcpl.models.common import Day, Model, ShortText, Slug
from tcpl.models.document import DocumentDefaults, DocumentKey


class Signer(Model):
    """The signature block (thẩm quyền ký): authority lines, then the signer's name.

    Lines are data because they vary: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH", or
    "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH".
    """

    lines: list[ShortText] = Field(min_length=1, description="Quyền hạn, chức vụ (in hoa)")
    name: ShortText | None = Field(default=None, description="Họ và tên người ký")


class Officer(Model):
    """A civil servant of the commune (công chức)."""

    name: ShortText
    title: ShortText = Field(description="Chức danh, ví dụ 'Công chức Tư pháp - Hộ tịch'")


UnitType = Literal["xã", "phường", "thị trấn", "đặc khu"]


class Era(Model):
    """How the unit was named and placed until a change (sáp nhập, đổi tên, bỏ cấp huyện...).

    Each field given replaces today's for documents of a year that ended on or before `until`;
    a field left out is the same as today's. `source` names the resolution of the change.
    """

    until: Day = Field(description="Ngày cuối cùng các tên này còn dùng, ví dụ 2025-06-30")
    name: ShortText | None = None
    unit_type: UnitType | None = None
    district: ShortText | None = None
    province: ShortText | None = None
    issuing_body: list[ShortText] | None = None
    parent_body: ShortText | None = None
    place: ShortText | None = None
    upper_level: ShortText | None = None
    portal: ShortText | None = None
    radio: ShortText | None = None
    posting_places: list[ShortText] | None = None
    hamlets: list[ShortText] | None = None
    source: ShortText | None = Field(default=None, description="Văn bản của việc thay đổi")


class Commune(Model):
    """A commune-level unit (đơn vị cấp xã) and the data its documents need."""

    kind: Literal["commune"] | None = None
    id: Slug
    name: ShortText = Field(description="Tên, ví dụ 'Hương Bình'")
    unit_type: UnitType = "xã"
    district: ShortText | None = Field(default=None, description="Huyện, thị xã (trước 7/2025)")
    province: ShortText
    issuing_body: list[ShortText] = Field(
        default_factory=list,
        description="Tên cơ quan ban hành, từng dòng, in hoa; bỏ trống: ỦY BAN NHÂN DÂN / XÃ ...",
    )
    parent_body: ShortText | None = Field(
        default=None, description="Cơ quan chủ quản trực tiếp (nếu có), in hoa"
    )
    body_symbol: ShortText = Field(default="UBND", description="Chữ viết tắt cơ quan trong số ký hiệu")
    place: ShortText | None = Field(default=None, description="Địa danh ghi ngày tháng; bỏ trống: tên xã")
    upper_level: ShortText | None = Field(
        default=None, description="Cấp trên nhận báo cáo (Kính gửi), ví dụ 'Ủy ban nhân dân thị xã ...'"
    )
    signer: Signer | None = None
    officers: list[Officer] = Field(default_factory=list)
    portal: ShortText | None = Field(default=None, description="Trang thông tin điện tử của xã")
    radio: ShortText | None = Field(default=None, description="Đài truyền thanh của xã")
    posting_places: list[ShortText] = Field(default_factory=list, description="Nơi niêm yết công khai")
    hamlets: list[ShortText] = Field(default_factory=list, description="Thôn, tổ dân phố")
    address: ShortText | None = None
    documents: dict[DocumentKey, DocumentDefaults] = Field(
        default_factory=dict,
        description="Kính gửi, Nơi nhận dùng hằng năm cho từng loại văn bản (plan, report_q4, notice...)",
    )
    history: list[Era] = Field(
        default_factory=list,
        description="Tên, cấp trên trước đây, mỗi mục đến ngày 'until' (sáp nhập, đổi tên 2025...)",
    )

    @model_validator(mode="after")
    def _history_in_order(self) -> Commune:
        days = [e.until for e in self.history]
        if len(set(days)) != len(days):
            raise ValueError("history: hai mục cùng ngày 'until'")
        return self

    def in_year(self, year: int) -> Commune:
        """The unit as documents of evaluation year `year` name it (its names on 31/12 of that year)."""
        return self.as_of(dt.date(year, 12, 31))

    def as_of(self, day: dt.date) -> Commune:
        """The unit with the names that applied on `day` (today's when no history entry covers it)."""
        era = min((e for e in self.history if e.until >= day), key=lambda e: e.until, default=None)
        if era is None:
            return self
        changes: dict[str, Any] = {
            k: v for k, v in era.model_dump(exclude={"until", "source"}, exclude_none=True).items()
        }
        if "name" in changes and "issuing_body" not in changes and self.issuing_body:
            changes["issuing_body"] = []  # the body's lines follow the old name
        if "name" in changes and "place" not in changes:
            changes["place"] = None
        # Validated again: the result is a commune of that time, with no history of its own.
        return Commune.model_validate({**self.model_dump(exclude={"history"}), **changes})

    def justice_officer(self) -> Officer | None:
        """Who receives the public's opinions: the officer whose title names justice work (tư pháp)."""
        return next((o for o in self.officers if "tư pháp" in o.title.lower()), None)

    @property
    def full_name(self) -> str:
        """For example "xã Hương Bình"."""
        return f"{self.unit_type} {self.name}"

    @property
    def body_lines(self) -> list[str]:
        if self.issuing_body:
            return list(self.issuing_body)
        return ["ỦY BAN NHÂN DÂN", self.full_name.upper()]

    @property
    def place_name(self) -> str:
        return self.place or self.name

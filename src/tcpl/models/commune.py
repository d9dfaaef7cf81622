"""Commune files (`commune.yaml`, thông tin xã): who the commune is and who signs for it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from tcpl.models.common import Model, ShortText, Slug
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


class Commune(Model):
    """A commune-level unit (đơn vị cấp xã) and the data its documents need."""

    kind: Literal["commune"] | None = None
    id: Slug
    name: ShortText = Field(description="Tên, ví dụ 'Hương Bình'")
    unit_type: Literal["xã", "phường", "thị trấn", "đặc khu"] = "xã"
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

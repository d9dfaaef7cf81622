"""Office files (`office.yaml`, cơ quan tổng hợp): the province or district body that issues the list."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from tcpl.models.assessment import DocumentRef
from tcpl.models.common import Model, ShortText


class Office(Model):
    """The body that recognises communes and issues the province list (Ủy ban nhân dân cấp tỉnh...)."""

    kind: Literal["office"] | None = None
    issuing_body: list[ShortText] = Field(min_length=1, description="Tên cơ quan, từng dòng, in hoa")
    parent_body: ShortText | None = None
    place: ShortText = Field(description="Địa danh ghi ngày tháng, ví dụ 'Huế'")
    body_symbol: ShortText = Field(default="UBND")
    authority: ShortText = Field(
        description="Người quyết định công nhận, ví dụ 'Chủ tịch Ủy ban nhân dân thành phố Huế'"
    )
    decision: DocumentRef | None = Field(default=None, description="Số, ngày quyết định công nhận")

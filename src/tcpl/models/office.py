"""Office files (`office.yaml`, cơ quan tổng hợp): the province or district body that issues the list."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from tcpl.models.common import Model, ShortText
from tcpl.models.document import DocumentDefaults, DocumentKey, DocumentRef


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
    overlays: list[ShortText] = Field(
        default_factory=list,
        description=(
            "Lớp bổ sung của tỉnh (đường dẫn tương đối tới office.yaml): mọi xã bên dưới chấm theo"
            " lớp này khi bộ tiêu chí của năm là bộ gốc của nó"
        ),
    )
    documents: dict[DocumentKey, DocumentDefaults] = Field(
        default_factory=dict,
        description="Kính gửi, Nơi nhận mặc định của các xã trong tỉnh, theo loại văn bản",
    )

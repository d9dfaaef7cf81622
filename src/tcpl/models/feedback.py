"""Feedback files (`feedback.yaml`, ý kiến của Nhân dân): opinions on the posted result and the answers."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from tcpl.models.common import Day, Model, ShortText, Slug, Text, Year, YesNo
from tcpl.models.document import DocumentRef


class Opinion(Model):
    """One opinion, petition or comment, and how the commune answered (ý kiến, tiếp thu, giải trình)."""

    date: Day | None = None
    source: ShortText = Field(description="Người, tổ chức góp ý (có thể ghi 'Cử tri thôn ...')")
    content: Text = Field(description="Nội dung ý kiến, kiến nghị, phản ánh")
    response: Text | None = Field(default=None, description="Tiếp thu hoặc giải trình của Ủy ban nhân dân xã")
    accepted: YesNo | None = Field(
        default=None, description="true: tiếp thu; false: giải trình, không tiếp thu"
    )


class Feedback(Model):
    """The summary of opinions for one evaluation year (Mẫu 03, TT 09/2021)."""

    kind: Literal["feedback"] | None = None
    commune: Slug | None = None
    year: Year
    document: DocumentRef | None = None
    opinions: list[Opinion] = Field(default_factory=list)

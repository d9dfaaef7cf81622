"""What every official document shares in the files: its number and date once issued, and the
addressees an office sets once (văn bản: số, ngày; Kính gửi; Nơi nhận)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from tcpl.models.common import Day, Model, ShortText

AssessmentDocumentKey = Literal[
    "report_q1", "report_q2", "report_q3", "report_q4", "scoresheet", "notice", "feedback"
]
"""The documents of an evaluation year, as keys of `documents:` in an assessment file."""

DocumentKey = Literal[
    "plan",
    "report_q1",
    "report_q2",
    "report_q3",
    "report_q4",
    "scoresheet",
    "notice",
    "feedback",
    "recognition_list",
]
"""Every document tcpl writes, as keys of `documents:` in commune.yaml and office.yaml."""


class DocumentDefaults(Model):
    """Addressees a commune or an office uses for one kind of document, every year.

    Set in commune.yaml or office.yaml under `documents:`; an assessment file's own
    `documents.<key>` wins over them, and they win over the template's defaults.
    """

    to: list[ShortText] = Field(default_factory=list, description="Kính gửi, từng nơi")
    recipients: list[ShortText] = Field(default_factory=list, description="Nơi nhận, từng dòng")


class DocumentRef(Model):
    """Number and date of a document once it is issued (số, ngày ban hành); empty for a draft."""

    number: Annotated[str, Field(pattern=r"^[0-9]{1,6}$")] | None = None
    date: Day | None = None
    to: list[ShortText] = Field(
        default_factory=list, description="Kính gửi; bỏ trống: cấp trên trong commune.yaml"
    )
    recipients: list[ShortText] = Field(default_factory=list, description="Nơi nhận; bỏ trống: mặc định")


def defaults_for(key: DocumentKey, *layers: dict[DocumentKey, DocumentDefaults]) -> DocumentDefaults:
    """The addressees for `key`: each field from the first layer that sets it (commune, then office)."""
    to: list[str] = []
    recipients: list[str] = []
    for layer in layers:
        entry = layer.get(key)
        if entry is None:
            continue
        to = to or list(entry.to)
        recipients = recipients or list(entry.recipients)
    return DocumentDefaults(to=to, recipients=recipients)

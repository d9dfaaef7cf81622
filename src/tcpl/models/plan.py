"""Plan files (`plan.yaml`, KẾ HOẠCH): everything the official plan says, and its progress."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from tcpl.models.common import Day, JsonSchema, Model, ShortText, Slug, Text, Year, field_schema
from tcpl.models.commune import Signer


class LineRole(StrEnum):
    """What a labelled line of a task says (dòng của nhiệm vụ)."""

    LEAD = "lead"  # Ngành/Cơ quan thực hiện, chủ trì
    PARTNER = "partner"  # Ngành/Cơ quan phối hợp
    TIME = "time"  # Thời gian thực hiện
    OUTPUT = "output"  # Kết quả, sản phẩm
    TEXT = "text"  # a free paragraph


_LABEL_ROLES: list[tuple[re.Pattern[str], LineRole]] = [
    (re.compile(r"phối\s*hợp", re.I), LineRole.PARTNER),
    (re.compile(r"chủ\s*trì|thực\s*hiện$|thực\s*hiện\b(?!.*thời)", re.I), LineRole.LEAD),
    (re.compile(r"thời\s*gian|thời\s*hạn|tiến\s*độ", re.I), LineRole.TIME),
    (re.compile(r"kết\s*quả|sản\s*phẩm", re.I), LineRole.OUTPUT),
]


def role_for_label(label: str) -> LineRole:
    """The role of a line from its label as officers write it ("Ngành chủ trì" -> lead)."""
    for pattern, role in _LABEL_ROLES:
        if label.lower().startswith("thời") and role is not LineRole.TIME:
            continue
        if pattern.search(label):
            return role
    return LineRole.TEXT


class TaskLine(Model):
    """One line of a task: "Ngành phối hợp: ..." or a free paragraph.

    Short forms: `{Ngành phối hợp: "..."}`, the same line quoted whole ("Thời gian thực hiện:
    Quý I/2026", as YAML needs it when the text holds ": "), or a plain string (free paragraph).
    """

    label: ShortText | None = Field(default=None, description="Nhãn như trong văn bản, ví dụ 'Ngành chủ trì'")
    text: Text
    role: LineRole = Field(default=LineRole.TEXT, description="lead, partner, time, output hoặc text")
    dash: bool = Field(default=True, description="Dòng bắt đầu bằng gạch đầu dòng '- '")

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        if isinstance(data, str):
            label, sep, text = data.partition(":")
            # A quoted "Nhãn: lời" whose label has a role keeps the role (and a time its deadline).
            if (
                sep
                and text.strip()
                and len(label) <= 60
                and role_for_label(label.strip()) is not LineRole.TEXT
            ):
                return {"label": label.strip(), "text": text.strip(), "role": role_for_label(label.strip())}
            return {"text": data}
        if isinstance(data, dict) and len(data) == 1:
            ((label, text),) = data.items()
            if label not in cls.model_fields and isinstance(text, str):
                return {"label": label, "text": text, "role": role_for_label(label)}
        if isinstance(data, dict) and data.get("label") and "role" not in data:
            return {**data, "role": role_for_label(str(data["label"]))}
        return data

    @classmethod
    def json_short_forms(cls, full: JsonSchema) -> list[JsonSchema]:
        # What `_short_form` accepts: a plain paragraph, or one `Nhãn: lời` pair whose label is
        # not one of the long form's field names.
        text = field_schema(full, "text")
        label = field_schema(full, "label")
        names = sorted({f.alias or n for n, f in cls.model_fields.items()} | set(cls.model_fields))
        return [
            text,
            {
                "type": "object",
                "minProperties": 1,
                "maxProperties": 1,
                "propertyNames": {"allOf": [label, {"not": {"enum": names}}]},
                "additionalProperties": text,
            },
        ]


class TaskStatus(StrEnum):
    """Progress status of a task (tình trạng)."""

    NOT_STARTED = "chưa bắt đầu"
    IN_PROGRESS = "đang thực hiện"
    DONE = "hoàn thành"
    DROPPED = "không thực hiện"


class ProgressEntry(Model):
    """What was done on a task, and when (tiến độ)."""

    date: Day
    status: TaskStatus
    note: Text | None = Field(default=None, description="Đã làm gì; nếu chậm: vì sao")
    evidence: list[ShortText] = Field(default_factory=list, description="Văn bản, tài liệu kiểm chứng")
    figures: dict[str, Annotated[float, Field()] | ShortText] = Field(
        default_factory=dict, description="Số liệu, ví dụ {hội nghị: 2, người tham dự: 150}"
    )


class Task(Model):
    """A numbered task of the plan (nhiệm vụ, giải pháp)."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")] | None = Field(
        default=None, description="Mã ngắn để tham chiếu; bỏ trống: theo số thứ tự"
    )
    title: Text
    lines: list[TaskLine] = Field(default_factory=list)
    indicators: list[ShortText] = Field(default_factory=list, description="Chỉ tiêu liên quan, ví dụ ['2.3']")
    progress: list[ProgressEntry] = Field(default_factory=list)

    def line(self, role: LineRole) -> TaskLine | None:
        return next((ln for ln in self.lines if ln.role is role), None)

    @property
    def time_text(self) -> str | None:
        line = self.line(LineRole.TIME)
        return line.text if line else None


class Section(Model):
    """A numbered part of the body: I., 1., a) (phần, mục, khoản, điểm)."""

    heading: Text
    paragraphs: list[Text] = Field(default_factory=list)
    subsections: list[Section] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    closing_paragraphs: list[Text] = Field(default_factory=list, description="Đoạn sau các mục con (nếu có)")


class DocumentInfo(Model):
    """Number, symbol, place and date of the document (số, ký hiệu, địa danh, ngày tháng)."""

    number: Annotated[str, Field(pattern=r"^[0-9]{1,6}$")] | None = Field(
        default=None, description="Số văn bản; bỏ trống khi là dự thảo"
    )
    symbol: ShortText | None = Field(default=None, description="Ký hiệu, ví dụ KH-UBND")
    date: Day | None = Field(default=None, description="Ngày ký; bỏ trống khi là dự thảo")
    place: ShortText | None = Field(default=None, description="Địa danh; bỏ trống: theo commune.yaml")


class Plan(Model):
    """A commune's yearly plan (kế hoạch) as data."""

    kind: Literal["plan"] | None = None
    commune: Slug | None = Field(default=None, description="Mã xã trong commune.yaml")
    year: Year
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    issuing_body: list[ShortText] = Field(
        default_factory=list, description="Tên cơ quan ban hành (từng dòng); bỏ trống: theo commune.yaml"
    )
    parent_body: ShortText | None = None
    doc_type: ShortText = Field(default="KẾ HOẠCH", description="Tên loại văn bản")
    subject: Text = Field(description="Trích yếu nội dung")
    opening: list[Text] = Field(default_factory=list, description="Đoạn mở đầu, căn cứ")
    sections: list[Section] = Field(min_length=1)
    closing: list[Text] = Field(default_factory=list, description="Câu kết")
    signer: Signer | None = Field(default=None, description="Người ký; bỏ trống: theo commune.yaml")
    recipients: list[ShortText] = Field(default_factory=list, description="Nơi nhận, từng dòng")

    def tasks(self) -> list[Task]:
        """Every task in document order, subsections included (nhiệm vụ)."""
        return [task for _, task in self.located_tasks()]

    def located_tasks(self) -> list[tuple[tuple[str | int, ...], Task]]:
        """Every task with its position in the file, e.g. ("sections", 1, "subsections", 0, "tasks", 2)."""
        out: list[tuple[tuple[str | int, ...], Task]] = []

        def walk(sections: list[Section], where: tuple[str | int, ...]) -> None:
            for n, s in enumerate(sections):
                here = (*where, n)
                out.extend(((*here, "tasks", t), task) for t, task in enumerate(s.tasks))
                walk(s.subsections, (*here, "subsections"))

        walk(self.sections, ("sections",))
        return out

    @model_validator(mode="after")
    def _check_ids(self) -> Plan:
        ids = [t.id for t in self.tasks() if t.id]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"mã nhiệm vụ bị trùng: {', '.join(dupes)}")
        return self

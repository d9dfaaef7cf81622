"""Ruleset files (bộ tiêu chí, `criteria/*.yaml`): the rules of one legal basis, as data."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, Strict, model_validator

from tcpl.models.common import Id, Model, ShortText, Text, Year

Share = Annotated[float, Field(ge=0, le=1, description="Tỷ lệ từ 0 đến 1 (0,9 = 90 %)")]
Points = Annotated[float, Strict(), Field(ge=0, le=100, description="Số điểm")]
ConditionId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
OptionId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60)]


KindName = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        max_length=40,
        description="Loại nội dung: boolean, ratio, count, choice, deadline hoặc points",
    ),
]
"""An item kind's name; the loader checks it against the kinds tcpl knows (tcpl.kinds)."""


class Band(Model):
    """A ratio band (mức điểm): from this ratio up, the item earns these points."""

    at_least: Share
    points: Points


class ChoiceOption(Model):
    """One allowed option of a `choice` item (hình thức được chọn)."""

    id: OptionId
    name: ShortText


class Sourced(Model):
    """Where a rule comes from and whether it was checked against the official text."""

    source: ShortText | None = Field(
        default=None, description="Căn cứ: văn bản, điều, khoản, phụ lục; hoặc nguồn tham khảo"
    )
    verified: bool = Field(
        default=False,
        description="true khi đã đối chiếu với văn bản chính thức; false: chưa xác minh",
    )


class Item(Sourced):
    """A content item of an indicator (nội dung): the unit that is entered and judged."""

    id: Id
    name: Text
    kind: KindName
    required: float | None = Field(
        default=None,
        ge=0,
        description=(
            "Mức đạt: tỷ lệ (0–1) cho ratio, số tối thiểu cho count/choice. Bỏ trống: mặc định"
            " (1,0 hoặc 1). Ghi null: mức chưa xác định, kết quả sẽ là 'chưa xác định'."
        ),
    )
    when_empty: Literal["met", "not_met", "unknown"] = Field(
        default="unknown",
        description=(
            "Tỷ lệ khi tổng số là 0 (không phát sinh trong năm): met = đạt, not_met = chưa đạt;"
            " bỏ trống: chưa có căn cứ, kết quả là 'chưa xác định'"
        ),
    )
    options: list[ChoiceOption] = Field(default_factory=list, description="choice: các lựa chọn")
    points: Points | None = Field(
        default=None,
        description=(
            "Mô hình điểm: điểm khi đạt; với kind points là điểm tối đa. null: chưa rõ, công"
            " chức tự nhập điểm"
        ),
    )
    bands: list[Band] = Field(
        default_factory=list, description="Mô hình điểm, ratio: các mức điểm, mức cao trước"
    )
    done_label: ShortText | None = Field(default=None, description="ratio: tử số là gì")
    total_label: ShortText | None = Field(default=None, description="ratio: mẫu số là gì")
    unit: ShortText | None = Field(default=None, description="Đơn vị đếm, ví dụ 'vụ việc'")
    yes_label: ShortText | None = Field(
        default=None, description="boolean: cách ghi giá trị true (mặc định 'có')"
    )
    no_label: ShortText | None = Field(
        default=None, description="boolean: cách ghi giá trị false (mặc định 'không')"
    )
    guidance: Text | None = Field(default=None, description="Hướng dẫn chấm, ghi chú nguồn")
    evidence: list[ShortText] = Field(default_factory=list, description="Tài liệu kiểm chứng")

    @property
    def required_known(self) -> bool:
        """False when the ruleset says the required level is not known (`required: null`)."""
        return not ("required" in self.model_fields_set and self.required is None)


class Indicator(Sourced):
    """An indicator (chỉ tiêu): met when all its items are; points are their sum, capped."""

    id: Id
    name: Text
    max_points: Points | None = Field(default=None, description="Điểm tối đa (mô hình điểm)")
    guidance: Text | None = None
    evidence: list[ShortText] = Field(default_factory=list, description="Tài liệu kiểm chứng")
    items: list[Item] = Field(min_length=1)


class Criterion(Sourced):
    """A criterion (tiêu chí): a group of indicators."""

    id: Id
    name: Text
    max_points: Points | None = Field(
        default=None, description="Điểm tối đa (mô hình điểm); null khi chưa xác minh"
    )
    indicators: list[Indicator] = Field(min_length=1)


class Condition(Sourced):
    """A yes/no recognition condition the assessment must state (điều kiện công nhận)."""

    id: ConditionId
    text: Text


class Recognition(Model):
    """When a commune is recognised (điều kiện công nhận đạt chuẩn)."""

    total_at_least: Points | None = Field(default=None, description="Mô hình điểm: tổng điểm tối thiểu")
    criterion_share_at_least: Share | None = Field(
        default=None, description="Mô hình điểm: mỗi tiêu chí đạt tối thiểu tỷ lệ này của điểm tối đa"
    )
    source: ShortText | None = None
    verified: bool = False
    conditions: list[Condition] = Field(default_factory=list)


class DayOfYear(Model):
    """A fixed date of the evaluation cycle: day/month, in the evaluation year or the next."""

    day: int = Field(ge=1, le=31)
    month: int = Field(ge=1, le=12)
    year_offset: Literal[0, 1] = Field(default=0, description="1: năm sau năm đánh giá")


StepRole = Literal["public_posting", "submit_dossier"]
"""What a procedure step means to tcpl, besides its date: `public_posting` (niêm yết công khai)
takes its dates from the assessment's `posting:` and its minimum days check the posting;
`submit_dossier` (gửi hồ sơ đề nghị công nhận) is when the dossier must be sent."""


class ProcedureStep(Sourced):
    """A step of the evaluation procedure (trình tự đánh giá), for the calendar."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    role: StepRole | None = Field(
        default=None, description="Vai trò của bước: public_posting (niêm yết), submit_dossier (gửi hồ sơ)"
    )
    name: Text
    actor: ShortText | None = Field(default=None, description="Ai thực hiện")
    due: DayOfYear | None = Field(default=None, description="Hạn (trước ngày này)")
    min_days: int | None = Field(default=None, ge=0, description="Thời gian tối thiểu (ngày)")


class Forms(Model):
    """The names of the ruleset's official forms (biểu mẫu), as the documents cite them.

    Each is optional: a ruleset whose forms are not known (Thông tư 15/2025 not found) leaves
    them out, and the templates fall back to a general wording. A misspelt key is an error.
    """

    report: ShortText | None = Field(default=None, description="Tên báo cáo đánh giá")
    report_form: ShortText | None = Field(default=None, description="Số mẫu của báo cáo")
    scoresheet: ShortText | None = Field(default=None, description="Tên bảng điểm, bản tổng hợp")
    scoresheet_form: ShortText | None = None
    feedback: ShortText | None = Field(default=None, description="Tên bản tổng hợp ý kiến")
    feedback_form: ShortText | None = None
    survey: ShortText | None = Field(default=None, description="Tên phiếu lấy ý kiến")
    survey_form: ShortText | None = None
    recipient_office: ShortText | None = Field(default=None, description="Cơ quan nhận hồ sơ")
    decision_basis: Text | None = Field(
        default=None, description="Câu nói căn cứ công nhận (ghi dưới kết quả tự chấm)"
    )


class YearNote(Sourced):
    """Something to say about one year (for example 2025: no regular round)."""

    year: Year
    text: Text


class YearRange(Model):
    """Evaluation years the ruleset governs (năm đánh giá áp dụng)."""

    from_: Year = Field(alias="from")
    to: Year | None = None

    def contains(self, year: int) -> bool:
        return year >= self.from_ and (self.to is None or year <= self.to)

    def describe(self) -> str:
        return f"{self.from_}–{self.to}" if self.to else f"từ {self.from_}"


class Ruleset(Model):
    """A ruleset file (bộ tiêu chí): criteria, indicators, items and recognition rules."""

    kind: Literal["ruleset"] | None = None
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._+-]*$", max_length=80)]
    title: Text
    legal_basis: list[ShortText] = Field(default_factory=list, description="Căn cứ pháp lý")
    years: YearRange
    model: Literal["points", "pass_fail"]
    max_points: Points | None = Field(default=None, description="Mô hình điểm: tổng số điểm tối đa")
    max_points_source: ShortText | None = None
    extends: ShortText | None = Field(
        default=None, description="Bộ tiêu chí gốc (mã hoặc đường dẫn) khi tệp này là lớp bổ sung"
    )
    recognition: Recognition = Field(default_factory=Recognition)
    criteria: list[Criterion] = Field(min_length=1)
    procedure: list[ProcedureStep] = Field(default_factory=list)
    year_notes: list[YearNote] = Field(default_factory=list)
    forms: Forms = Field(
        default_factory=Forms, description="Tên các biểu mẫu (report, scoresheet, feedback...)"
    )
    unverified_note: Text | None = Field(
        default=None, description="Điều cần nói khi dùng bộ tiêu chí có số liệu chưa xác minh"
    )

    @model_validator(mode="after")
    def _check_ids(self) -> Ruleset:
        seen: set[str] = set()
        for criterion in self.criteria:
            for ident in (criterion.id, *self._ids_below(criterion)):
                if ident in seen:
                    raise ValueError(f"mã '{ident}' bị trùng trong bộ tiêu chí")
                seen.add(ident)
        roles = [s.role for s in self.procedure if s.role is not None]
        for role in set(roles):
            if roles.count(role) > 1:
                raise ValueError(f"nhiều bước quy trình có role '{role}'; mỗi vai trò chỉ một bước")
        cond_ids = [c.id for c in self.recognition.conditions]
        if len(cond_ids) != len(set(cond_ids)):
            raise ValueError("mã điều kiện công nhận bị trùng")
        if self.model == "pass_fail":
            for criterion in self.criteria:
                if criterion.max_points is not None:
                    raise ValueError("mô hình đạt/chưa đạt không có max_points")
        if self.model == "points":
            self._check_maxima()
        return self

    def step(self, role: StepRole) -> ProcedureStep | None:
        """The procedure step with this role, if the ruleset has one."""
        return next((s for s in self.procedure if s.role == role), None)

    def _check_maxima(self) -> None:
        """Maxima that cannot all hold: parts above their whole, a total the parts cannot reach."""
        maxima = [c.max_points for c in self.criteria]
        known = sum(m for m in maxima if m is not None)
        if self.max_points is not None:
            if None not in maxima and abs(known - self.max_points) > 1e-9:
                raise ValueError(
                    f"tổng điểm tối đa của các tiêu chí là {known:g}, khác tổng số điểm tối đa {self.max_points:g}"
                )
            if known > self.max_points + 1e-9:
                raise ValueError(
                    f"điểm tối đa của các tiêu chí đã cộng lại {known:g}, vượt tổng số điểm tối đa {self.max_points:g}"
                )
        top = self.max_points
        need = self.recognition.total_at_least
        if top is not None and need is not None and need > top + 1e-9:
            raise ValueError(
                f"tổng điểm tối thiểu để công nhận ({need:g}) vượt tổng số điểm tối đa ({top:g})"
            )
        for c in self.criteria:
            parts = [i.max_points for i in c.indicators if i.max_points is not None]
            if c.max_points is not None:
                for i in c.indicators:
                    if i.max_points is not None and i.max_points > c.max_points + 1e-9:
                        raise ValueError(
                            f"chỉ tiêu {i.id} có điểm tối đa {i.max_points:g}, vượt điểm tối đa {c.max_points:g}"
                            f" của tiêu chí {c.id}"
                        )
                if sum(parts) > c.max_points + 1e-9:
                    raise ValueError(
                        f"điểm tối đa các chỉ tiêu của tiêu chí {c.id} cộng lại {sum(parts):g}, vượt điểm tối đa"
                        f" {c.max_points:g} của tiêu chí"
                    )

    @staticmethod
    def _ids_below(criterion: Criterion) -> list[str]:
        out: list[str] = []
        for indicator in criterion.indicators:
            out.append(indicator.id)
            out.extend(item.id for item in indicator.items)
        return out

    def iter_items(self) -> list[tuple[Criterion, Indicator, Item]]:
        return [(c, i, it) for c in self.criteria for i in c.indicators for it in i.items]

    def item_index(self) -> dict[str, Item]:
        return {it.id: it for _, _, it in self.iter_items()}

    def unverified_figures(self) -> list[str]:
        """Figures the verdict uses that were not checked against the official text."""
        out: list[str] = []
        rec = self.recognition
        if not rec.verified and (rec.total_at_least is not None or rec.criterion_share_at_least is not None):
            out.append("điều kiện công nhận")
        crit = [c.id for c in self.criteria if c.max_points is not None and not c.verified]
        if crit:
            out.append("điểm tối đa của tiêu chí " + ", ".join(crit))
        inds = [
            i.id for c in self.criteria for i in c.indicators if i.max_points is not None and not i.verified
        ]
        if inds:
            out.append("điểm tối đa của chỉ tiêu " + ", ".join(inds))
        return out

"""Ruleset files (bộ tiêu chí, `criteria/*.yaml`): the rules of one legal basis, as data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, Strict, model_validator

from tcpl.models.common import Day, Id, Model, ShortText, Text, Year

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
    placeholder: bool = Field(
        default=False,
        description=(
            "true: tên nội dung chưa có trong văn bản tìm được, 'name' chỉ là chỗ giữ; lớp bổ sung"
            " của tỉnh ghi tên đúng theo văn bản gốc (ghi 'name' là đủ)"
        ),
    )
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
    short_name: bool = Field(
        default=False,
        description="true: tên chỉ tiêu là tên rút gọn; lớp bổ sung của tỉnh có thể ghi tên đầy đủ",
    )
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
    documents: list[Literal["report_q4", "scoresheet", "notice", "feedback"]] = Field(
        default_factory=list,
        description="submit_dossier: các văn bản của hồ sơ (báo cáo, bảng điểm, thông báo, bản tổng hợp ý kiến)",
    )
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


class Attestation(Model):
    """A body's statement that it checked the whole ruleset against the official texts.

    Written in a province's overlay (xác nhận của Sở Tư pháp): with it, and with every name and
    level filled, the ruleset is attested and the documents are no longer drafts on its account.
    """

    by: ShortText | None = Field(
        default=None, description="Cơ quan xác nhận, ví dụ 'Sở Tư pháp thành phố Huế'"
    )
    source: ShortText | None = Field(
        default=None, description="Văn bản đã đối chiếu hoặc văn bản xác nhận (số, ký hiệu, ngày)"
    )
    date: Day | None = Field(default=None, description="Ngày xác nhận")

    @property
    def complete(self) -> bool:
        return bool(self.by and self.source and self.date)

    def words(self) -> str:
        """ "Sở Tư pháp thành phố Huế xác nhận ngày 05/01/2026 (Công văn số ...)"."""
        when = f" ngày {self.date.day:02d}/{self.date.month:02d}/{self.date.year}" if self.date else ""
        return f"{self.by} xác nhận{when}" + (f" ({self.source})" if self.source else "")


@dataclass(frozen=True)
class OpenEntry:
    """Something the official text must give that the ruleset does not have yet."""

    id: str
    what: Literal["name", "level", "when_empty", "indicator_name"]
    name: str

    @property
    def blocks_attestation(self) -> bool:
        """A missing name or level stops a ruleset from being attested; the rest does not."""
        return self.what in ("name", "level")

    def words(self) -> str:
        return {
            "name": f"tên nội dung {self.id}",
            "level": f"mức đạt chuẩn của nội dung {self.id}",
            "when_empty": f"cách tính nội dung {self.id} khi không phát sinh (tổng số là 0)",
            "indicator_name": f"tên đầy đủ của chỉ tiêu {self.id}",
        }[self.what]


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
    attestation: Attestation | None = Field(
        default=None,
        description="Lớp bổ sung của tỉnh: cơ quan đã đối chiếu toàn bộ bộ tiêu chí với văn bản gốc",
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

    def open_entries(self) -> list[OpenEntry]:
        """Names, levels and rules the official text must give and this ruleset lacks, in order."""
        out: list[OpenEntry] = []
        for c in self.criteria:
            for ind in c.indicators:
                if ind.short_name:
                    out.append(OpenEntry(ind.id, "indicator_name", ind.name))
                for it in ind.items:
                    if it.placeholder:
                        out.append(OpenEntry(it.id, "name", it.name))
                    if not it.required_known:
                        out.append(OpenEntry(it.id, "level", it.name))
                    if it.kind == "ratio" and it.when_empty == "unknown":
                        out.append(OpenEntry(it.id, "when_empty", it.name))
        return out

    def fully_verified(self) -> bool:
        """Every rule checked against the official text by whoever wrote the file."""
        entries = [*self.criteria, *(i for c in self.criteria for i in c.indicators)]
        entries += [it for _, _, it in self.iter_items()]
        blocking = any(e.blocks_attestation for e in self.open_entries())
        return all(e.verified for e in entries) and not self.unverified_figures() and not blocking

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

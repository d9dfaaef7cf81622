"""The Decree 30 presentation settings (`templates/nd30.yaml`), checked against the decree's ranges."""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, model_validator

from tcpl.errors import ConfigError, InvalidFilesError
from tcpl.loading.validation import diagnostics_from
from tcpl.loading.yamlfile import read_yaml
from tcpl.models.common import Model
from tcpl.resources import data_dir

Range = tuple[float, float]


class Margins(Model):
    top: float
    bottom: float
    left: float
    right: float


class Sizes(Model):
    parent_body: float
    issuing_body: float
    quoc_hieu: float
    tieu_ngu: float
    number: float
    place_date: float
    doc_type: float
    subject: float
    body: float
    kinh_gui: float
    signer: float
    noi_nhan_label: float
    noi_nhan_list: float
    page_number: float
    annex_label: float
    annex_title: float
    table: float


class Body(Model):
    first_line_indent_cm: float
    space_before_pt: float
    line_spacing: float


class Words(Model):
    """The fixed words of the frame: Quốc hiệu, Tiêu ngữ and the labels of its parts."""

    quoc_hieu: str
    tieu_ngu: str
    number: str
    kinh_gui: str
    noi_nhan: str
    archive: str


class Layout(Model):
    """Proportions and distances the decree leaves open (measured on real documents)."""

    signature_split: float = Field(gt=0.2, lt=0.7)
    body_rule_share: float
    title_rule_share: float
    subject_width: float = Field(gt=0.5, le=1.0)
    kinh_gui_indent_cm: float = Field(ge=0, le=10)
    kinh_gui_list_indent_cm: float = Field(ge=0, le=12)
    header_footer_mm: float = Field(ge=5, le=20)
    title_space_before_pt: float = Field(ge=0, le=48)


class DraftMark(Model):
    """How a document that cannot be issued yet is marked (dấu DỰ THẢO)."""

    text: str = Field(min_length=1)
    position: Literal["under_number", "title_prefix", "none"] = "under_number"
    size: float = Field(ge=12, le=14)


class Ranges(Model):
    margins_mm: dict[str, Range]
    sizes: dict[str, Range]
    first_line_indent_cm: Range
    space_before_pt: Range
    line_spacing: Range
    layout: dict[str, Range] = Field(default_factory=dict)


class PageSize(Model):
    width: float
    height: float


class Nd30Style(Model):
    """Fonts, sizes, margins and spacing of every tcpl document (Nghị định 30/2020, Phụ lục I)."""

    font: str
    page_mm: PageSize
    margins_mm: Margins
    sizes: Sizes
    body: Body
    header_split: float = Field(gt=0.2, lt=0.6)
    signature_blank_lines: int = Field(ge=1, le=8)
    words: Words
    draft_mark: DraftMark
    default_signer: list[str] = Field(min_length=1)
    layout: Layout
    title_phrases: list[str] = Field(default_factory=list)
    ranges: Ranges

    @property
    def phrases(self) -> frozenset[tuple[str, ...]]:
        """The two-syllable words a title line must not be broken inside, lower-case."""
        return frozenset(tuple(p.lower().split()) for p in self.title_phrases)

    @model_validator(mode="after")
    def _within_decree(self) -> Nd30Style:
        problems: list[str] = []

        def check(name: str, value: float, allowed: Range | None) -> None:
            if allowed is not None and not (allowed[0] <= value <= allowed[1]):
                problems.append(
                    f"{name} = {value:g} ngoài khoảng Nghị định 30 cho phép {allowed[0]:g}–{allowed[1]:g}"
                )

        for side, value in self.margins_mm.model_dump().items():
            check(f"lề {side}", value, self.ranges.margins_mm.get(side))
        for name, value in self.sizes.model_dump().items():
            check(f"cỡ chữ {name}", value, self.ranges.sizes.get(name))
        check("thụt đầu dòng", self.body.first_line_indent_cm, self.ranges.first_line_indent_cm)
        check("khoảng cách đoạn", self.body.space_before_pt, self.ranges.space_before_pt)
        check("giãn dòng", self.body.line_spacing, self.ranges.line_spacing)
        for name, value in self.layout.model_dump().items():
            check(name, value, self.ranges.layout.get(name))
        if problems:
            raise ValueError("; ".join(problems))
        return self


def load_style(path: Path | None = None) -> Nd30Style:
    path = path or data_dir("templates") / "nd30.yaml"
    doc = read_yaml(path)
    if not doc.ok:
        raise InvalidFilesError(doc.diagnostics)
    try:
        return Nd30Style.model_validate(doc.data)
    except ValidationError as exc:
        raise InvalidFilesError(diagnostics_from(doc, Nd30Style, exc, doc.data)) from None


@cache
def default_style() -> Nd30Style:
    try:
        return load_style()
    except InvalidFilesError as exc:  # pragma: no cover - the shipped file is tested
        raise ConfigError(f"tệp trình bày Nghị định 30 bị lỗi:\n{exc.summary()}") from None


@cache
def _widths() -> dict[str, dict[str, float]]:
    path = Path(__file__).parent / "metrics" / "times-widths.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def text_width_mm(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """Printed width of a line in Times New Roman (from Liberation Serif's metrics)."""
    key = ("bold_" if bold else "") + ("italic" if italic else "")
    table = _widths()[key.rstrip("_") or "regular"]
    em = 0.0
    for ch in text:
        width = table.get(ch)
        if width is None:
            base = unicodedata.normalize("NFD", ch)[0]
            width = table.get(base, 0.5)
        em += width
    return em * size_pt * 25.4 / 72

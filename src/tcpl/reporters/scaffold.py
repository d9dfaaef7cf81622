"""`tcpl init`: the files of a new commune, written to teach the officer who fills them in.

The assessment lists every item of the year's ruleset with a blank value ("chưa nhập") under
Vietnamese comments: the item's name, what to write and how, the level it needs, what counts when
nothing arose, the evidence to keep, a choice's options. The commune file has what `init` was told
and the rest as commented prompts. The plan is the ruleset's plan model (templates/plans/) with
the unit's names filled in.
"""

from __future__ import annotations

import json
import textwrap
import unicodedata
from dataclasses import dataclass

from tcpl import kinds
from tcpl.errors import UsageError
from tcpl.loading.rulesets import LoadedRuleset
from tcpl.models.ruleset import Item
from tcpl.resources import data_dir

UNIT_TYPES = ("đặc khu", "thị trấn", "phường", "xã")
_UNSAFE = set("\"'{}[]:#\n\r\t|>&*!%@`")
_WHEN_EMPTY = {
    "met": "không phát sinh trong năm (tổng số 0): tính là đạt",
    "not_met": "không phát sinh trong năm (tổng số 0): tính là chưa đạt",
    "unknown": "không phát sinh trong năm (tổng số 0): bộ tiêu chí chưa quy định, kết quả chưa xác định",
}


@dataclass(frozen=True)
class Unit:
    """A commune-level unit as `--unit "phường Thuận Hóa"` names it."""

    unit_type: str
    name: str

    @property
    def full(self) -> str:
        return f"{self.unit_type} {self.name}"

    @property
    def slug(self) -> str:
        """ "thuan-hoa": the folder's id, without diacritics."""
        text = self.name.replace("đ", "d").replace("Đ", "D")
        plain = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
        words = "".join(c if c.isalnum() else " " for c in plain.lower()).split()
        return "-".join(words)


def parse_unit(text: str) -> Unit:
    """ "phường Thuận Hóa" -> Unit("phường", "Thuận Hóa"); a usage error says what to write."""
    clean = " ".join(unicodedata.normalize("NFC", text).split())
    for unit_type in UNIT_TYPES:
        if clean.lower().startswith(unit_type + " "):
            name = clean[len(unit_type) + 1 :].strip()
            if name and not (_UNSAFE & set(name)) and Unit(unit_type, name).slug:
                return Unit(unit_type, name)
    raise UsageError(
        f"--unit '{text}': ghi loại đơn vị (xã, phường, thị trấn hoặc đặc khu) rồi tên, ví dụ"
        ' --unit "phường Thuận Hóa" (tên không có dấu nháy, hai chấm, ngoặc)'
    )


def checked_text(option: str, text: str | None) -> str | None:
    """An option's text that goes into a YAML file: no characters YAML would read as syntax."""
    if text is None:
        return None
    clean = " ".join(unicodedata.normalize("NFC", text).split())
    if not clean or _UNSAFE & set(clean):
        raise UsageError(f"{option} '{text}': ghi tên bằng chữ, không có dấu nháy, hai chấm, ngoặc")
    return clean


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, indent: str, width: int = 100) -> list[str]:
    room = max(40, width - len(indent) - 2)
    return [f"{indent}# {line}" for line in textwrap.wrap(text, room)] or [f"{indent}#"]


def commune_scaffold(unit: Unit, province: str, upper: str | None) -> str:
    """commune.yaml: what init was told, the rest as commented prompts."""
    lines = [
        f"# Thông tin {unit.full} dùng cho mọi văn bản (tiêu đề, chữ ký, Kính gửi, nơi nhận, niêm yết).",
        "# Dòng bắt đầu bằng dấu # là hướng dẫn: bỏ dấu # ở đầu dòng và sửa khi có thông tin.",
        "kind: commune",
        f"id: {unit.slug}",
        f"name: {unit.name}",
        f"unit_type: {unit.unit_type}",
        f"province: {province}",
        f"issuing_body: [ỦY BAN NHÂN DÂN, {unit.full.upper()}]",
    ]
    if upper:
        lines.append(f"upper_level: {upper}   # nơi nhận báo cáo (Kính gửi)")
    else:
        lines.append("# upper_level: Ủy ban nhân dân tỉnh ...   # nơi nhận báo cáo (Kính gửi)")
    lines += [
        f"# place: {unit.name}   # địa danh ghi ngày tháng; mặc định là tên {unit.unit_type}",
        "# signer:   # người ký văn bản",
        "#   lines: [TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH]",
        "#   name: Nguyễn Văn A",
        "# officers:   # công chức; người có chức danh Tư pháp nhận ý kiến khi niêm yết công khai",
        "#   - {name: Trần Thị B, title: Công chức Tư pháp - Hộ tịch}",
        f"# portal: Trang thông tin điện tử {unit.full}",
        f"# radio: Đài truyền thanh {unit.full}",
        f"# posting_places: [Trụ sở Ủy ban nhân dân {unit.full}]",
    ]
    return "\n".join(lines) + "\n"


def assessment_scaffold(loaded: LoadedRuleset, unit: Unit, year: int) -> str:
    """assessment.yaml: every item blank under what the officer needs to fill it in."""
    rs = loaded.ruleset
    attested = loaded.attestation
    if loaded.base_id:
        basis = f"{rs.id} (lớp bổ sung của tỉnh, dựa trên {loaded.base_id})"
    else:
        basis = rs.id
    lines = [
        f"# Số liệu tự đánh giá năm {year} của {unit.full}; bộ tiêu chí {basis}.",
        *(_comment(f"Bộ tiêu chí do {attested.words()}.", "") if attested else []),
        '# Cách ghi: mỗi nội dung một dòng "mã": giá trị; để trống là chưa nhập. Có/không: có hoặc',
        "# không. Ngày: 15/01/2026. Số thập phân: 22,5 (trong dấu {...} viết 22.5). Tài liệu kiểm chứng",
        '# và ghi chú: {done: 3, total: 3, evidence: [Quyết định số ...], note: "..."}.',
        "# Khi đã ghi: tcpl score THƯ_MỤC_NĂM (kết quả), tcpl gap THƯ_MỤC_NĂM (còn thiếu gì để đạt chuẩn).",
        "kind: assessment",
        f"commune: {unit.slug}",
        f"year: {year}",
    ]
    if rs.recognition.conditions:
        lines.append("conditions:   # điều kiện công nhận: có hoặc không")
        for condition in rs.recognition.conditions:
            lines += _comment(condition.text, "  ")
            lines.append(f"  {condition.id}:")
    lines.append("items:")
    for criterion in rs.criteria:
        lines.append(f"  # ── Tiêu chí {criterion.id}. {criterion.name}")
        for indicator in criterion.indicators:
            lines += _comment(f"Chỉ tiêu {indicator.id}. {indicator.name}", "  ")
            for item in indicator.items:
                lines += _item(item, rs.model)
    return "\n".join(lines) + "\n"


def _item(item: Item, model: str) -> list[str]:
    kind = kinds.of(item)
    name = "(tên nội dung chưa có trong bộ tiêu chí)" if item.placeholder else item.name
    out = _comment(f"{item.id} {name}", "  ")
    out += _comment(f"Cách ghi ({kind.word}): {kind.how_to_write(item)}.", "    ")
    rule = kind.describe(item, model)
    out += _comment(f"Mức đạt chuẩn: {rule}.", "    ")
    if item.kind == "ratio" and "không phát sinh" not in rule:
        out += _comment(_WHEN_EMPTY[item.when_empty] + ".", "    ")
    for option in item.options:
        out += _comment(f"- {option.name} ({option.id})", "    ")
    if item.evidence:
        out += _comment("Tài liệu kiểm chứng: " + "; ".join(item.evidence) + ".", "    ")
    if item.guidance:
        out += _comment(f"Hướng dẫn: {item.guidance}", "    ")
    out.append(f"  {_q(item.id)}:")
    return out


def plan_scaffold(loaded: LoadedRuleset, unit: Unit, year: int, upper: str | None) -> str | None:
    """plan.yaml from the ruleset's plan model (templates/plans/<base id>.yaml); None if it has none."""
    path = data_dir("templates") / "plans" / f"{loaded.base_id or loaded.id}.yaml"
    if not path.is_file():
        return None
    hamlets = {"xã": "thôn", "phường": "tổ dân phố", "thị trấn": "tổ dân phố"}.get(
        unit.unit_type, "thôn, tổ dân phố"
    )
    values = {
        "don_vi": unit.full,
        "cap": unit.unit_type,
        "cap_tren": upper or "Ủy ban nhân dân cấp tỉnh",
        "thon": hamlets,
        "ma": unit.slug,
        "nam": str(year),
    }
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    lines = text.splitlines()
    body = [line for line in lines if not line.startswith("#")]
    head = [
        f"# Kế hoạch năm {year} của Ủy ban nhân dân {unit.full}: bản khung theo bộ tiêu chí "
        f"{loaded.base_id or loaded.id}.",
        "# Sửa lời văn cho đúng việc của đơn vị; ghi số, ngày khi ban hành (document: {number, date}).",
        "# Viết văn bản Word: tcpl plan render THƯ_MỤC_NĂM/plan.yaml",
    ]
    return "\n".join([*head, *body]) + "\n"

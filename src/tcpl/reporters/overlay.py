"""`tcpl rules template BASE`: a province overlay to fill in, listing what the official text must give.

The file `extends:` the base and has one entry for each name, level or rule the base lacks, each
left blank (`""` or `null`) under a Vietnamese comment saying what to write, plus an
`attestation:` block. A blank keeps the base's value, so the file validates before it is filled,
with one warning per blank.
"""

from __future__ import annotations

import json
import textwrap
from collections import defaultdict

from tcpl import kinds
from tcpl.loading.rulesets import LoadedRuleset
from tcpl.models.ruleset import Indicator, Item, OpenEntry


def _q(text: str) -> str:
    """A YAML double-quoted string (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, indent: str, width: int = 100) -> list[str]:
    """`text` as comment lines of at most `width` characters."""
    room = max(40, width - len(indent) - 2)
    return [f"{indent}# {line}" for line in textwrap.wrap(text, room)]


def overlay_template(base: LoadedRuleset) -> str:
    """The overlay text for `base`: every open entry blank, under what it needs."""
    rs = base.ruleset
    open_by_id: dict[str, list[OpenEntry]] = defaultdict(list)
    for entry in rs.open_entries():
        open_by_id[entry.id].append(entry)
    blocking = sum(1 for e in rs.open_entries() if e.blocks_attestation)
    lines = [
        f"# Lớp bổ sung của tỉnh cho bộ tiêu chí {rs.id}:",
        *_comment(rs.title, ""),
        "#",
        "# Sở Tư pháp điền các mục để trống theo văn bản gốc, rồi ghi tên tệp này vào office.yaml ở",
        "# thư mục gốc của kho (mọi xã bên dưới sẽ chấm theo lớp này, không phải sửa tệp đánh giá):",
        "#   overlays: [ten-tep-nay.yaml]",
        '# Mục còn để trống ("" hoặc null) giữ giá trị của bộ tiêu chí gốc; tcpl validate liệt kê',
        "# từng mục còn trống. Khi đã điền đủ tên và mức đạt chuẩn"
        + (f" ({blocking} mục)" if blocking else "")
        + ", ghi attestation: cơ quan, văn bản",
        "# đã đối chiếu và ngày. Văn bản của các xã khi đó không còn là dự thảo vì bộ tiêu chí.",
        "kind: ruleset",
        f"id: {rs.id}-tinh  # đổi thành mã riêng của tỉnh, ví dụ hue-{rs.years.from_}",
        f"extends: {rs.id}",
        "attestation:",
        '  by: ""  # cơ quan xác nhận, ví dụ "Sở Tư pháp thành phố Huế"',
        '  source: ""  # văn bản đã đối chiếu hoặc văn bản xác nhận: số, ký hiệu, ngày',
        "  date: null  # ngày xác nhận, ví dụ 2026-01-05",
    ]
    criteria: list[str] = []
    for criterion in rs.criteria:
        block: list[str] = []
        for indicator in criterion.indicators:
            inner = _indicator(indicator, open_by_id)
            if inner:
                block += inner
        if block:
            criteria += [f"  - id: {_q(criterion.id)}  # {criterion.name}", "    indicators:", *block]
    if criteria:
        lines += ["criteria:", *criteria]
    if not rs.procedure or all(s.due is None for s in rs.procedure):
        lines += [
            "# Các mốc thời gian của năm đánh giá (nếu văn bản của tỉnh có), ví dụ:",
            "# procedure:",
            "#   - id: submit_dossier",
            "#     due: {day: 15, month: 1, year_offset: 1}  # trước ngày 15/01 năm sau",
            "#     source: Kế hoạch số .../KH-UBND của Ủy ban nhân dân tỉnh",
        ]
    return "\n".join(lines) + "\n"


def _indicator(indicator: Indicator, open_by_id: dict[str, list[OpenEntry]]) -> list[str]:
    out: list[str] = []
    for entry in open_by_id.get(indicator.id, []):
        if entry.what == "indicator_name":
            out += [
                f'        # Tên đầy đủ của chỉ tiêu (hiện là tên rút gọn: "{indicator.name}"):',
                '        name: ""',
            ]
    items: list[str] = []
    for item in indicator.items:
        items += _item(item, open_by_id.get(item.id, []))
    if not out and not items:
        return []
    head = [f"      - id: {_q(indicator.id)}  # {indicator.name}"]
    return head + out + (["        items:", *items] if items else [])


def _item(item: Item, entries: list[OpenEntry]) -> list[str]:
    if not entries:
        return []
    kind = kinds.of(item)
    shown = "(chưa có tên)" if item.placeholder else item.name
    out = [f"          - id: {_q(item.id)}  # {shown} [{kind.word}]"]
    for entry in entries:
        if entry.what == "name":
            out += ["            # Tên nội dung theo văn bản gốc:", '            name: ""']
        elif entry.what == "level":
            out += [f"            # Mức đạt chuẩn: {kind.level_hint}", "            required: null"]
        elif entry.what == "when_empty":
            out += [
                "            # Khi không phát sinh trong năm (tổng số là 0): met (đạt) hoặc not_met (chưa đạt)",
                "            when_empty: null",
            ]
    if item.guidance:
        out += _comment(f"Ghi chú của bộ tiêu chí gốc: {item.guidance}", "            ")
    return out

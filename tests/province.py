"""A province repository for tests: office.yaml naming an attested overlay of qd27-2025, and units.

The overlay is the one `tcpl rules template qd27-2025` writes, filled in the way a Sở Tư pháp would:
every blank gets a value. The values are invented for the tests (they are not TT 15/2025's).
"""

from __future__ import annotations

import re
from pathlib import Path

from tcpl import api

ATTESTED_BY = "Sở Tư pháp tỉnh Thử Nghiệm"
FORBIDDEN = (
    "tcpl",
    "python-docx",
    "chưa xác minh",
    "chưa đối chiếu",
    "An Giang",
    "tên rút gọn",
    "chưa có tên",
)
TAG = re.compile(r"\[[A-Z][A-Z-]*\]")


def filled_overlay(*, attested: bool = True, overlay_id: str = "thu-nghiem-2026") -> str:
    """The template for qd27-2025 with every blank filled (and the attestation when `attested`)."""
    text = api.rules_template("qd27-2025")
    text = text.replace("id: qd27-2025-tinh", f"id: {overlay_id}", 1)
    counter = iter(range(1, 100))
    text = re.sub(
        r'(?m)^(\s+)name: ""', lambda m: f"{m.group(1)}name: Nội dung thử nghiệm số {next(counter)}", text
    )
    text = text.replace("required: null  ", "required: ").replace("when_empty: null", "when_empty: met")

    def level(match: re.Match[str]) -> str:
        return f"{match.group(1)}required: 1"

    text = re.sub(r"(?m)^(\s+)required: null", level, text)
    if attested:
        text = text.replace('  by: ""', f'  by: "{ATTESTED_BY}"', 1)
        text = text.replace('  source: ""', '  source: "Công văn số 01/STP-PBGDPL ngày 05/01/2026"', 1)
        text = text.replace("  date: null", "  date: 2026-01-05", 1)
    text += (
        "procedure:\n"
        "  - id: submit_dossier\n"
        "    due: {day: 15, month: 1, year_offset: 1}\n"
        "    source: Kế hoạch số 10/KH-UBND ngày 20/01/2026 của Ủy ban nhân dân tỉnh Thử Nghiệm\n"
    )
    return text


def passing_items() -> str:
    """An assessment's items with every figure passing, as an officer writes them."""
    lines = []
    for _, _, item in api.ruleset("qd27-2025").ruleset.iter_items():
        value = {
            "ratio": "{done: 4, total: 4}",
            "boolean": "true",
            "choice": "[portal, social_network]",
            "deadline": "{due: 2026-01-20, done: 2026-01-16}",
            "count": "3",
        }[item.kind]
        lines.append(f'  "{item.id}": {value}')
    return "\n".join(lines) + "\n"


def commune_yaml(unit_type: str, name: str, *, slug: str = "thuan-hoa") -> str:
    upper = name.upper()
    return (
        "kind: commune\n"
        f"id: {slug}\n"
        f"name: {name}\n"
        f"unit_type: {unit_type}\n"
        "province: tỉnh Thử Nghiệm\n"
        f"issuing_body: [ỦY BAN NHÂN DÂN, {unit_type.upper()} {upper}]\n"
        "upper_level: Ủy ban nhân dân tỉnh Thử Nghiệm\n"
        "signer: {lines: [TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH], name: Nguyễn Văn A}\n"
        "officers:\n"
        "  - {name: Lê Thị Hoa, title: Công chức Tư pháp - Hộ tịch}\n"
        f"posting_places: [Trụ sở Ủy ban nhân dân {unit_type} {name}]\n"
    )


def unit(root: Path, unit_type: str = "phường", name: str = "Thuận Hóa", *, slug: str = "thuan-hoa") -> Path:
    """A unit with its 2026 assessment (every figure passing); returns the year folder."""
    year = root / slug / "2026"
    year.mkdir(parents=True, exist_ok=True)
    (root / slug / "commune.yaml").write_text(commune_yaml(unit_type, name, slug=slug), encoding="utf-8")
    (year / "assessment.yaml").write_text(
        f"kind: assessment\ncommune: {slug}\nyear: 2026\nitems:\n{passing_items()}"
        "posting: {start: 2026-12-14, days: 5}\n",
        encoding="utf-8",
    )
    return year


def province(root: Path, *, attested: bool = True) -> Path:
    """A province repository (a git work tree) whose office.yaml names the filled overlay."""
    root.mkdir(parents=True, exist_ok=True)
    (root / ".git").mkdir(exist_ok=True)
    (root / "thu-nghiem-2026.yaml").write_text(filled_overlay(attested=attested), encoding="utf-8")
    (root / "office.yaml").write_text(
        "kind: office\n"
        "issuing_body: [ỦY BAN NHÂN DÂN, TỈNH THỬ NGHIỆM]\n"
        "place: Thử Nghiệm\n"
        "authority: Chủ tịch Ủy ban nhân dân tỉnh Thử Nghiệm\n"
        "overlays: [thu-nghiem-2026.yaml]\n",
        encoding="utf-8",
    )
    return root

#!/usr/bin/env python3
"""Generate a synthetic national tree of communes for benchmarks and tests.

    python benchmarks/generate_tree.py OUT_DIR [--communes 3321] [--seed 1] [--broken 0] [--force]

Layout (one commune-year per commune):

    OUT_DIR/<province-slug>/<commune-slug>/commune.yaml
    OUT_DIR/<province-slug>/<commune-slug>/<year>/assessment.yaml
    OUT_DIR/<province-slug>/<commune-slug>/<year>/plan.yaml

About 70 % of the communes have a 2026 folder scored with qd27-2025 (pass/fail), the others a
2024 folder scored with qd25-2021 (points). Item ids, kinds and choice options are read from
the rulesets in criteria/, so the data follows them. Every file is valid for `tcpl validate`,
except the --broken N files, which are listed with what is wrong in OUT_DIR/broken.tsv.

The output depends only on --communes, --seed (and --broken for the broken files): the
clean files of a tree are the same whatever --broken is. Standard library plus PyYAML only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
CRITERIA = REPO / "criteria"

# ---------------------------------------------------------------------------------------------
# YAML text output (block style like PyYAML's, written directly for speed)
# ---------------------------------------------------------------------------------------------


class Q(str):
    """A string always written in quotes (ids such as "2.1", document numbers such as '05')."""

    __slots__ = ()


class Flow:
    """A mapping or list written in flow style: {done: 3, total: 3} or [a, b]."""

    __slots__ = ("v",)

    def __init__(self, v: Any) -> None:
        self.v = v


_SPECIAL_START = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_IMPLICIT = re.compile(
    r"^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?[0-9][0-9_.:eExXoObB+-]*"
    r"|[-+]?\.(?:inf|nan)|=|<<)$",
    re.IGNORECASE,
)
_FLOW_FORBIDDEN = re.compile(r"[,\[\]{}:#]")
WRAP = 110


def _plain_ok(s: str, flow: bool) -> bool:
    if not s or s[0] in _SPECIAL_START or s[-1] == " " or s[-1] == ":":
        return False
    if "\n" in s or "\t" in s or ": " in s or " #" in s or "  " in s:
        return False
    if flow and _FLOW_FORBIDDEN.search(s):
        return False
    return not _IMPLICIT.match(s)


def _quote(s: str) -> str:
    if '"' not in s and "\\" not in s:
        return '"' + s + '"'
    return "'" + s.replace("'", "''") + "'"


def _wrap(s: str, used: int, cont: int) -> str:
    """Fold a long scalar over lines of about WRAP columns (YAML joins them with single spaces).

    `used` is the width already taken on the first line, `cont` the indentation of the others.
    """
    if used + len(s) <= WRAP or "  " in s:
        return s
    words = s.split(" ")
    lines: list[str] = []
    cur, width = words[0], WRAP - used
    for w in words[1:]:
        # Never start a continuation line with a character YAML might read as syntax.
        if len(cur) + 1 + len(w) > width and w[0] not in _SPECIAL_START:
            lines.append(cur)
            cur, width = w, WRAP - cont
        else:
            cur += " " + w
    lines.append(cur)
    return ("\n" + " " * cont).join(lines)


_SCALARS: dict[tuple[str, bool, int, int], str] = {}  # template texts repeat across communes


def scalar(v: Any, *, flow: bool = False, used: int = 0, cont: int = 2) -> str:
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, Q):
        return _quote(v)
    if isinstance(v, str):
        key = (v, flow, used, cont)
        text = _SCALARS.get(key)
        if text is None:
            text = v if _plain_ok(v, flow) else _quote(v)
            text = _SCALARS[key] = text if flow else _wrap(text, used, cont)
        return text
    if isinstance(v, bool | int):
        return str(v)
    if isinstance(v, float):
        return f"{v:g}" if v != int(v) else str(int(v))
    if isinstance(v, dt.date):
        return v.isoformat()
    raise TypeError(type(v))


def flow(v: Any) -> str:
    if isinstance(v, Flow):
        v = v.v
    if isinstance(v, dict):
        return "{" + ", ".join(f"{scalar(k, flow=True)}: {flow(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(flow(x) for x in v) + "]"
    return scalar(v, flow=True)


def emit_map(out: list[str], d: dict[Any, Any], indent: int) -> None:
    pad = " " * indent
    for k, v in d.items():
        key = scalar(k)
        if isinstance(v, Flow):
            out.append(f"{pad}{key}: {flow(v)}")
        elif isinstance(v, dict) and v:
            out.append(f"{pad}{key}:")
            emit_map(out, v, indent + 2)
        elif isinstance(v, list) and v:
            out.append(f"{pad}{key}:")
            emit_seq(out, v, indent)
        elif isinstance(v, dict | list):
            out.append(f"{pad}{key}: {'{}' if isinstance(v, dict) else '[]'}")
        else:
            out.append(f"{pad}{key}: {scalar(v, used=indent + len(key) + 2, cont=indent + 2)}")


def emit_seq(out: list[str], items: list[Any], indent: int) -> None:
    pad = " " * indent
    for v in items:
        if isinstance(v, dict) and v:
            start = len(out)
            emit_map(out, v, indent + 2)
            out[start] = pad + "- " + out[start][indent + 2 :]
        elif isinstance(v, Flow):
            out.append(f"{pad}- {flow(v)}")
        else:
            out.append(f"{pad}- {scalar(v, used=indent + 2, cont=indent + 2)}")


def document(header: list[str], data: dict[str, Any]) -> str:
    out = [f"# {line}" for line in header]
    emit_map(out, data, 0)
    out.append("")
    return unicodedata.normalize("NFC", "\n".join(out))


# ---------------------------------------------------------------------------------------------
# Geography and names
# ---------------------------------------------------------------------------------------------

# The 34 provincial units after the 2025 reorganisation: name, is a city, weight (roughly the
# number of commune-level units after 1 July 2025; only the proportions are used), region.
PROVINCES: list[tuple[str, bool, int, str]] = [
    ("Hà Nội", True, 126, "north"),
    ("Huế", True, 40, "central"),
    ("Lai Châu", False, 38, "mountain"),
    ("Điện Biên", False, 45, "mountain"),
    ("Sơn La", False, 75, "mountain"),
    ("Lạng Sơn", False, 65, "mountain"),
    ("Quảng Ninh", False, 54, "north"),
    ("Thanh Hóa", False, 166, "central"),
    ("Nghệ An", False, 130, "central"),
    ("Hà Tĩnh", False, 69, "central"),
    ("Cao Bằng", False, 56, "mountain"),
    ("Tuyên Quang", False, 124, "mountain"),
    ("Lào Cai", False, 99, "mountain"),
    ("Thái Nguyên", False, 92, "mountain"),
    ("Phú Thọ", False, 148, "north"),
    ("Bắc Ninh", False, 99, "north"),
    ("Hưng Yên", False, 104, "north"),
    ("Hải Phòng", True, 114, "north"),
    ("Ninh Bình", False, 129, "north"),
    ("Quảng Trị", False, 78, "central"),
    ("Đà Nẵng", True, 94, "central"),
    ("Quảng Ngãi", False, 96, "central"),
    ("Gia Lai", False, 135, "highland"),
    ("Khánh Hòa", False, 65, "central"),
    ("Lâm Đồng", False, 124, "highland"),
    ("Đắk Lắk", False, 102, "highland"),
    ("Hồ Chí Minh", True, 168, "south"),
    ("Đồng Nai", False, 95, "south"),
    ("Tây Ninh", False, 96, "south"),
    ("Cần Thơ", True, 103, "south"),
    ("Vĩnh Long", False, 124, "south"),
    ("Đồng Tháp", False, 102, "south"),
    ("Cà Mau", False, 64, "south"),
    ("An Giang", False, 102, "south"),
]

# The 13 special zones (đặc khu) and their province.
SPECIAL_ZONES: list[tuple[str, str]] = [
    ("Vân Đồn", "Quảng Ninh"),
    ("Phú Quốc", "An Giang"),
    ("Côn Đảo", "Hồ Chí Minh"),
    ("Cát Hải", "Hải Phòng"),
    ("Lý Sơn", "Quảng Ngãi"),
    ("Phú Quý", "Lâm Đồng"),
    ("Cô Tô", "Quảng Ninh"),
    ("Trường Sa", "Khánh Hòa"),
    ("Bạch Long Vĩ", "Hải Phòng"),
    ("Cồn Cỏ", "Quảng Trị"),
    ("Kiên Hải", "An Giang"),
    ("Thổ Châu", "An Giang"),
    ("Hoàng Sa", "Đà Nẵng"),
]
REAL_TOTAL, REAL_WARDS, REAL_ZONES = 3321, 687, 13

FIRST = (
    "Tân Phú Hòa An Bình Long Phước Thạnh Thuận Vĩnh Hưng Đông Tây Nam Bắc Trung Hương Quảng Xuân"
    " Thanh Hồng Minh Đức Kim Ngọc Yên Mỹ Lộc Cẩm Hải Sơn Thái Gia Nghĩa Định Hiệp Lạc Quang Tiên"
    " Văn Đại Cát Hà Lâm Hoàng Trường Châu Tam Thượng Phong Thiện Khánh Nhơn Hiếu Tường Đồng Kỳ"
    " Diễn Nghi Triệu Hoằng Quỳnh Thiệu Cao Lương Việt Tiền"
).split()
SECOND = (
    "An Bình Phú Lộc Hòa Thành Hưng Thịnh Phong Sơn Hải Long Tiến Lợi Điền Mỹ Thuận Đông Tây Nam"
    " Bắc Trung Xuân Khánh Định Hiệp Quý Lập Tân Phước Yên Vinh Lâm Hà Giang Châu Cường Nghĩa"
    " Đức Hội Lạc Thủy Kiều Quang Minh Tường Hạnh Thắng Lương Tài Thọ Trạch Khê Trà Dương Hoa"
).split()
REGION_FIRST = {
    "mountain": "Mường Nậm Na Pá Chiềng Bản Tà Sìn Phìn Mù Si Lũng Bảo Quan Thông Bằng Khau".split(),
    "highland": "Ia Ea Đắk Chư Krông Cư Buôn Kon Đam Đạ".split(),
    "south": "Thới Nhơn Cái Giồng Rạch Vĩnh Long Mỹ Tân Phước Hòa Thạnh".split(),
}
REGION_SECOND = {
    "mountain": "Lay Nhé Pồ Ban Sại Hồ Chải Tủa Khoa Mùn Tè Xé Cang Lự Ngàm Hăn Pục Phăng Nông".split(),
    "highland": "Grai Kar Mil Păh Sê Pưh Drăng Nang Bông Hleo Rông Pơng Yang Ktur Sar Mơ Tơ Rbol".split(),
    "south": "Thới Hậu Điền Xuyên Lợi Thạnh Nhựt Trạch Trôm Mương Bè Tây Đông Phú Hòa".split(),
}
SUFFIX = "Đông Tây Nam Bắc Trung Thượng Hạ".split()

SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Lương Trịnh".split()
MIDDLE_M = "Văn Hữu Đức Minh Quốc Thanh Công Xuân Đình Trọng".split()
MIDDLE_F = "Thị Thị Thị Ngọc Thu Hồng Thanh Kim Mỹ Bích".split()
GIVEN_M = (
    "An Bình Cường Dũng Hải Hiếu Hùng Khang Long Nam Phong Quân Sơn Thắng Tuấn Việt Vinh Toàn Lộc".split()
)
GIVEN_F = (
    "Anh Giang Hà Hạnh Hoa Hương Lan Linh Mai Nga Phương Tâm Thảo Trang Vân Yến Huyền Dung Nhung".split()
)


def slugify(name: str) -> str:
    s = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def person(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"


def place_name(rng: random.Random, region: str) -> str:
    if region in REGION_FIRST and rng.random() < 0.35:
        a, b = rng.choice(REGION_FIRST[region]), rng.choice(REGION_SECOND[region])
    else:
        a, b = rng.choice(FIRST), rng.choice(SECOND)
    if a == b:
        b = rng.choice(SECOND)
    name = f"{a} {b}"
    if rng.random() < 0.06:
        name += " " + rng.choice(SUFFIX)
    return name


def allocate(n: int, weights: list[int]) -> list[int]:
    """Largest-remainder split of n over the weights."""
    total = sum(weights)
    exact = [n * w / total for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[: n - sum(counts)]:
        counts[i] += 1
    return counts


class Commune:
    __slots__ = (
        "cid", "district", "index", "name", "province", "province_slug", "quality", "region", "ruleset",
        "unit", "year",
    )  # fmt: skip

    def __init__(self, **kw: Any) -> None:
        for k, v in kw.items():
            setattr(self, k, v)

    @property
    def full(self) -> str:
        return f"{self.unit} {self.name}"

    @property
    def rel(self) -> str:
        return f"{self.province_slug}/{self.cid}"


def build_communes(n: int, seed: int) -> list[Commune]:
    rng = random.Random(f"tree:{seed}")
    counts = allocate(n, [w for _, _, w, _ in PROVINCES])
    n_zones = min(len(SPECIAL_ZONES), round(REAL_ZONES * n / REAL_TOTAL) or (1 if n >= 20 else 0))
    zones_by_province: dict[str, list[str]] = {}
    for zone, prov in SPECIAL_ZONES[:n_zones]:
        zones_by_province.setdefault(prov, []).append(zone)
    names = [p[0] for p in PROVINCES]
    for prov, zones in zones_by_province.items():  # a zone's province must have room for it
        i = names.index(prov)
        while counts[i] < len(zones):
            j = max(
                range(len(counts)), key=lambda k: (counts[k] - len(zones_by_province.get(names[k], [])), -k)
            )
            counts[j] -= 1
            counts[i] += 1
    ward_share = REAL_WARDS / REAL_TOTAL
    out: list[Commune] = []
    for (pname, is_city, _, region), count in zip(PROVINCES, counts, strict=True):
        pslug = slugify(pname)
        used_names: set[str] = set()
        used_slugs: set[str] = set()
        districts = [place_name(rng, region) for _ in range(max(1, count // 12))]
        zones = zones_by_province.get(pname, [])
        for k in range(count):
            if k < len(zones):
                unit, name = "đặc khu", zones[k]
            else:
                p_ward = 0.45 if is_city else ward_share * 0.8
                unit = "phường" if rng.random() < p_ward else "xã"
                for _ in range(1000):
                    name = place_name(rng, region)
                    if name not in used_names and slugify(name) not in used_slugs:
                        break
                else:  # pragma: no cover - the name space is far larger than a province
                    name = f"{place_name(rng, region)} {k}"
            used_names.add(name)
            cid = slugify(name)
            if cid in used_slugs:
                cid = f"{cid}-{k}"
            used_slugs.add(cid)
            out.append(
                Commune(
                    index=len(out),
                    cid=cid,
                    name=name,
                    unit=unit,
                    province=pname,
                    province_slug=pslug,
                    region=region,
                    district=rng.choice(districts),
                    quality=rng.betavariate(6, 1.4),
                    ruleset="",
                    year=0,
                )
            )
    # ~30 % of the communes get a 2024 folder (QĐ 25/2021), the others 2026 (QĐ 27/2025);
    # special zones exist only since July 2025.
    for c in out:
        if rng.random() < 0.3 and c.unit != "đặc khu":
            c.year, c.ruleset = 2024, "qd25-2021"
            if c.unit == "xã" and rng.random() < 0.08:
                c.unit = "thị trấn"  # before July 2025 there were towns
        else:
            c.year, c.ruleset = 2026, "qd27-2025"
    return out


CITIES = ("Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Cần Thơ")


def province_body(c: Commune) -> str:
    """'tỉnh Nghệ An', 'thành phố Huế', 'Thành phố Hồ Chí Minh'."""
    if c.province == "Hồ Chí Minh":
        return "Thành phố Hồ Chí Minh"
    return f"thành phố {c.province}" if c.province in CITIES else f"tỉnh {c.province}"


def district_body(c: Commune) -> str:
    """The district-level unit before July 2025: 'huyện ...', or 'quận'/'thị xã ...' for a ward."""
    if c.unit == "phường":
        return f"{'quận' if c.province in CITIES or c.province == 'Hồ Chí Minh' else 'thị xã'} {c.district}"
    return f"huyện {c.district}"


def hamlet_word(c: Commune) -> str:
    return "tổ dân phố" if c.unit == "phường" else ("khu" if c.unit == "đặc khu" else "thôn")


# ---------------------------------------------------------------------------------------------
# Rulesets (read from criteria/ so the data follows them)
# ---------------------------------------------------------------------------------------------


def load_items(ruleset_id: str) -> list[dict[str, Any]]:
    with open(CRITERIA / f"{ruleset_id}.yaml", encoding="utf-8") as f:
        data = yaml.safe_load(f)
    items: list[dict[str, Any]] = []
    for crit in data["criteria"]:
        for ind in crit["indicators"]:
            for item in ind["items"]:
                items.append({**item, "id": str(item["id"]), "indicator": str(ind["id"])})
    return items


# (low, high, probability of total 0 = "không phát sinh") of each ratio's total, qd27-2025
RATIO_TOTALS: dict[str, tuple[int, int, float]] = {
    "1.1.1": (1, 6, 0.12), "1.2.1": (1, 5, 0.15), "1.3.1": (1, 6, 0.12), "2.2.1": (5, 40, 0.0),
    "2.3.1": (1, 4, 0.65), "2.4.2": (8, 20, 0.0), "2.4.3": (1, 4, 0.4), "2.6.2": (8, 20, 0.0),
    "2.6.3": (8, 40, 0.0), "2.7.2": (2, 8, 0.02), "3.1.1": (3, 20, 0.0), "3.1.2": (2, 30, 0.25),
    "3.2.1": (1, 40, 0.12), "3.3.1": (3, 20, 0.0), "3.4.2": (15, 120, 0.0), "3.4.3": (3, 20, 0.0),
    "3.4.4": (1, 30, 0.15),
}  # fmt: skip
RATIO_TOTALS_25: dict[str, tuple[int, int, float]] = {
    "1.1.1": (1, 4, 0.3), "1.1.2": (1, 4, 0.3), "1.2.1": (20, 150, 0.0), "2.2.1": (1, 5, 0.5),
    "2.5.1": (5, 40, 0.0), "3.1.1": (1, 40, 0.1), "5.2.1": (300, 5000, 0.0),
}  # fmt: skip
# Maximum self-scored points per qd25 item: the ILLUSTRATIVE figures of
# plans/huong-binh/2023/qd25-2021-minh-hoa.yaml (the ruleset itself leaves them open).
MAX_POINTS_25: dict[str, float] = {
    "1.2.1": 7, "2.1.1": 6, "2.2.1": 6, "2.3.1": 6, "2.4.1": 6, "2.5.1": 2, "2.6.1": 4, "3.1.1": 10,
    "3.2.1": 5, "3.3.1": 5, "4.1.1": 4, "4.2.1": 4, "4.3.1": 4, "4.4.1": 4, "4.5.1": 4, "5.1.1": 6,
    "5.2.1": 6, "5.3.1": 4, "5.4.1": 4,
}  # fmt: skip

# Notes explaining a ratio below 100 % ({m}: how many are missing), by ruleset and item.
MISS_NOTES: dict[str, dict[str, list[str]]] = {}
MISS_NOTES["qd25-2021"] = {
    "1.1.1": ["{m:02d} văn bản được giao chưa ban hành, chuyển sang năm sau"],
    "1.1.2": ["{m:02d} văn bản bị cơ quan có thẩm quyền xử lý do trái pháp luật"],
    "1.2.1": ["{m:02d} quyết định phải đính chính về thể thức", "{m:02d} văn bản ban hành sai thẩm quyền"],
    "2.2.1": ["{m:02d} yêu cầu cung cấp thông tin trả lời chậm so với thời hạn"],
    "2.5.1": ["{m:02d} tuyên truyền viên chưa tham gia tập huấn do đi làm ăn xa"],
    "3.1.1": ["{m:02d} vụ việc hòa giải không thành, đã hướng dẫn các bên đến Tòa án nhân dân"],
    "5.2.1": ["{m} hồ sơ giải quyết quá hạn, đã có văn bản xin lỗi người dân"],
}
MISS_NOTES["qd27-2025"] = {
    "1.1.1": ["{m:02d} nghị quyết ban hành chậm so với thời hạn được giao"],
    "3.2.1": ["{m:02d} vụ việc chưa hòa giải do các bên chưa đồng ý"],
    "2.2.1": [
        "{m:02d} quyết định cá biệt chưa đăng tải trên Trang thông tin điện tử",
        "{m:02d} văn bản chậm niêm yết tại trụ sở do thay đổi nhân sự",
    ],
    "2.3.1": ["{m:02d} yêu cầu trả lời chậm do phải xin ý kiến cơ quan chuyên môn cấp tỉnh"],
    "2.4.2": ["{m:02d} nhiệm vụ chuyển sang quý I năm sau do chưa bố trí được kinh phí"],
    "2.6.3": ["{m:02d} tuyên truyền viên mới được công nhận chưa tham gia tập huấn"],
    "3.2.2": [
        "{m:02d} vụ việc hòa giải không thành, đã hướng dẫn các bên đến Tòa án nhân dân khu vực",
        "{m:02d} vụ việc chuyển cơ quan có thẩm quyền giải quyết",
    ],
    "3.4.4": [
        "{m:02d} vụ việc hòa giải không thành chưa chi thù lao",
        "chưa thanh toán thù lao {m:02d} vụ việc",
    ],
    "3.1.1": ["{m:02d} tổ hòa giải chưa đủ thành phần nữ theo quy định"],
    "3.3.1": ["{m:02d} tổ hòa giải chỉ có 01 hoạt động phối hợp trong năm"],
}
GENERIC_MISS = [
    "{m:02d} {unit} chưa hoàn thành trong năm, đã chuyển sang năm sau",
    "{m:02d} {unit} chậm so với thời hạn do thiếu nhân lực",
    "còn {m:02d} {unit} chưa đạt, đang khắc phục",
]
ZERO_NOTES = ["Không phát sinh trong năm {year}", "Trong năm không phát sinh", "không phát sinh"]


# Evidence (tài liệu kiểm chứng) by ruleset and criterion; {n} number, {day} date, {year}, {full}.
EVIDENCE: dict[tuple[str, str], list[str]] = {
    ("qd27-2025", "1"): [
        "Nghị quyết số {n:02d}/{year}/NQ-HĐND ngày {day}",
        "Quyết định số {n:02d}/{year}/QĐ-UBND ngày {day}",
        "Sổ theo dõi tự kiểm tra văn bản năm {year}",
        "Ảnh chụp màn hình đăng tải dự thảo trên Trang thông tin điện tử",
    ],
    ("qd27-2025", "2"): [
        "Kế hoạch số {n}/KH-UBND ngày {day}",
        "Danh mục thông tin phải được công khai (cập nhật ngày {day})",
        "Sổ theo dõi cung cấp thông tin năm {year}",
        "Danh sách tuyên truyền viên pháp luật {full}",
        "Ảnh chụp màn hình Trang thông tin điện tử",
        "Báo cáo số {n}/BC-UBND ngày {day}",
    ],
    ("qd27-2025", "3"): [
        "Quyết định số {n}/QĐ-UBND ngày {day} công nhận tổ hòa giải",
        "Sổ theo dõi hoạt động hòa giải ở cơ sở năm {year}",
        "Chứng từ chi số {n}/CT ngày {day}",
        "Chương trình phối hợp số {n}/CTr-UBND ngày {day}",
    ],
    ("qd25-2021", "1"): [
        "Nghị quyết số {n:02d}/NQ-HĐND ngày {day}",
        "Quyết định số {n:02d}/{year}/QĐ-UBND ngày {day}",
        "Sổ đăng ký văn bản đi năm {year}",
    ],
    ("qd25-2021", "2"): [
        "Kế hoạch số {n}/KH-UBND ngày {day}",
        "Danh sách tuyên truyền viên pháp luật {full}",
        "Ảnh chụp màn hình Trang thông tin điện tử",
        "Sổ theo dõi cung cấp thông tin năm {year}",
    ],
    ("qd25-2021", "3"): [
        "Sổ theo dõi hoạt động hòa giải ở cơ sở năm {year}",
        "Chứng từ chi số {n}/CT ngày {day}",
        "Ảnh chụp bảng thông tin trợ giúp pháp lý tại trụ sở",
    ],
    ("qd25-2021", "4"): [
        "Biên bản hội nghị đối thoại ngày {day}",
        "Báo cáo số {n}/BC-UBND ngày {day} về thực hiện dân chủ ở cơ sở",
    ],
    ("qd25-2021", "5"): [
        "Sổ tiếp công dân năm {year}",
        "Sổ theo dõi hồ sơ thủ tục hành chính năm {year}",
        "Báo cáo số {n}/BC-UBND ngày {day}",
    ],
}
GENERAL_EVIDENCE = [
    "Kế hoạch số {n}/KH-UBND ngày {day}",
    "Báo cáo số {n}/BC-UBND ngày {day}",
    "Biên bản kiểm tra ngày {day}",
    "Thông báo số {n}/TB-UBND ngày {day}",
]


def evidence(
    rng: random.Random, c: Commune, year: int, item_id: str = "", when: dt.date | None = None
) -> str:
    pool = EVIDENCE.get((c.ruleset, item_id[:1]), GENERAL_EVIDENCE)
    if when is None:
        day = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}"
    else:
        day = f"{when - dt.timedelta(days=rng.randint(0, 10)):%d/%m/%Y}"
    return rng.choice(pool).format(n=rng.randint(1, 250), day=day, year=year, full=c.full)


def ratio_entry(
    rng: random.Random,
    c: Commune,
    item: dict[str, Any],
    rng_total: tuple[int, int, float],
    total: int | None = None,
) -> dict[str, Any]:
    lo, hi, p0 = rng_total
    if total is None:
        total = 0 if rng.random() < p0 else rng.randint(lo, hi)
    if total == 0 or rng.random() < c.quality:
        done = total
    else:
        done = max(0, total - rng.randint(1, max(1, total // 4)))
    e: dict[str, Any] = {"done": done, "total": total}
    if total == 0 and rng.random() < 0.3:
        e["note"] = rng.choice(ZERO_NOTES).format(year=c.year)
    elif done < total and rng.random() < 0.6:
        tmpl = rng.choice(MISS_NOTES[c.ruleset].get(item["id"], GENERIC_MISS))
        e["note"] = tmpl.format(m=total - done, unit=item.get("unit", "trường hợp"))
    if rng.random() < 0.15:
        e["evidence"] = [evidence(rng, c, c.year, item["id"]) for _ in range(rng.randint(1, 3))]
    return e


def assessment_27(rng: random.Random, c: Commune, items: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[Any, Any] = {}
    done_of: dict[str, int] = {}
    for item in items:
        iid, kind = item["id"], item["kind"]
        if rng.random() < 0.04:
            continue  # missing figure: the scorer lists it as "thiếu số liệu"
        value: Any
        if kind == "ratio":
            linked = {"3.2.2": "3.2.1", "3.4.4": "3.2.1", "3.3.1": "3.1.1", "3.4.3": "3.1.1"}.get(iid)
            total = done_of.get(linked) if linked else None
            e = ratio_entry(rng, c, item, RATIO_TOTALS.get(iid, (0, 20, 0.1)), total)
            done_of[iid] = e["done"]
            value = Flow(e)
        elif kind == "boolean":
            b = rng.random() < 0.5 + c.quality / 2
            if rng.random() < 0.15:
                e = {"value": b, "evidence": [evidence(rng, c, c.year, iid)]}
                if not b:
                    e["note"] = "Chưa thực hiện, sẽ bổ sung trong quý I năm sau"
                value = Flow(e)
            else:
                value = b
        elif kind == "choice":
            ids = [o["id"] for o in item.get("options", [])]
            k = min(len(ids), rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4, 5]))
            chosen = set(rng.sample(ids, k))
            value = Flow([o for o in ids if o in chosen])
        elif kind == "deadline":
            due = dt.date(c.year, 1, rng.randint(10, 31))
            e = {"due": due}
            r = rng.random()
            if r < 0.8:
                e["done"] = due - dt.timedelta(days=rng.randint(0, 9))
            elif r < 0.93:
                e["done"] = due + dt.timedelta(days=rng.randint(1, 20))
                e["note"] = "Ban hành chậm do chờ Kế hoạch của tỉnh"
            if "done" in e and rng.random() < 0.4:
                e["evidence"] = [f"Kế hoạch số {rng.randint(1, 30):02d}/KH-UBND ngày {e['done']:%d/%m/%Y}"]
            value = Flow(e)
        elif kind == "count":
            value = rng.randint(0, 50)
        elif kind == "points":
            value = Flow({"points": round(rng.uniform(0, 10) * 2) / 2})
        else:
            continue
        out[Q(iid)] = value
    return out


def assessment_25(rng: random.Random, c: Commune, items: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[Any, Any] = {}
    done_of: dict[str, int] = {}
    for item in items:
        iid, kind = item["id"], item["kind"]
        top = MAX_POINTS_25.get(iid, 5.0)
        score = max(0.0, min(1.0, c.quality + rng.uniform(-0.25, 0.1)))
        points = round(top * score * 2) / 2
        e: dict[str, Any]
        if kind == "ratio":
            linked = {"1.1.2": "1.1.1"}.get(iid)
            e = ratio_entry(rng, c, item, RATIO_TOTALS_25.get(iid, (0, 20, 0.1)), done_of.get(linked or ""))
            done_of[iid] = e["done"]
            if item.get("points") is None:  # no points rule in the ruleset: the officer's score
                if iid == "2.5.1" and e["total"]:
                    share = e["done"] / e["total"]
                    points = next(
                        (p for t, p in ((0.9, 2), (0.8, 1), (0.7, 0.5), (0.5, 0.25)) if share >= t), 0
                    )
                elif e["total"] and e["done"] < e["total"]:
                    points = round(points * e["done"] / e["total"] * 4) / 4
                e = {"done": e.pop("done"), "total": e.pop("total"), "points": points, **e}
        elif kind == "boolean":
            b = rng.random() < 0.6 + c.quality * 0.4
            e = {"value": b, "points": points if b else 0}
            if b and iid == "5.4.1" and rng.random() < 0.5:
                e["evidence"] = [
                    f'Quyết định công nhận xã đạt tiêu chuẩn "An toàn về an ninh, trật tự" năm {c.year}'
                ]
        elif kind == "points":
            e = {"points": points}
            if rng.random() < 0.12:
                e["note"] = rng.choice(
                    [
                        f"Tổng hợp {rng.randint(60, 200)} phiếu lấy ý kiến theo Mẫu 04",
                        f"Tổ chức {rng.randint(1, 4)} hội nghị đối thoại với Nhân dân",
                        "Trừ điểm do chậm công khai 01 nội dung",
                        "Đã bố trí đủ kinh phí theo dự toán được giao",
                    ]
                )
            if rng.random() < 0.1:
                e["evidence"] = [evidence(rng, c, c.year, iid)]
        else:
            continue
        out[Q(iid)] = Flow(e)
    return out


def make_assessment(rng: random.Random, c: Commune, officers: list[str]) -> str:
    data: dict[str, Any] = {"kind": "assessment"}
    if rng.random() >= 0.1:  # otherwise left out: chosen by the year
        data["ruleset"] = c.ruleset
    data["commune"] = c.cid
    data["year"] = c.year
    if c.ruleset == "qd25-2021":
        data["conditions"] = {"no_disciplined_leader": rng.random() < 0.94}
        if rng.random() < 0.6:
            data["officers"] = {Q(str(k)): rng.choice(officers) for k in range(1, 6)}
        data["items"] = assessment_25(rng, c, ITEMS["qd25-2021"])
        if rng.random() < 0.4:
            data["recognized"] = {
                "decision": f"Quyết định số {rng.randint(10, 400)}/QĐ-UBND",
                "date": dt.date(c.year + 1, 2, rng.randint(1, 9)),
                "authority": f"Chủ tịch Ủy ban nhân dân {district_body(c)}",
                "result": "dat" if rng.random() < 0.85 else "chua_dat",
            }
        header = [
            f"Số liệu tự đánh giá năm {c.year} của {c.full} ({district_body(c)}, {province_body(c)}),",
            f"từ 01/01/{c.year} đến 31/12/{c.year}; chấm theo QĐ 25/2021 + TT 09/2021 (mô hình điểm).",
        ]
    else:
        data["items"] = assessment_27(rng, c, ITEMS["qd27-2025"])
        header = [
            f"Số liệu tự đánh giá năm {c.year} của {c.full} ({province_body(c)}) theo QĐ 27/2025 + TT"
            f" 15/2025.",
        ]
    header.append("Dữ liệu tổng hợp (benchmarks/generate_tree.py), không phải số liệu thật.")
    return document(header, data)


# ---------------------------------------------------------------------------------------------
# commune.yaml
# ---------------------------------------------------------------------------------------------


def make_commune(rng: random.Random, c: Commune) -> tuple[str, list[str]]:
    officers = [person(rng) for _ in range(rng.randint(2, 4))]
    titles = [
        "Công chức Tư pháp - Hộ tịch",
        "Công chức Văn phòng - Thống kê",
        "Công chức Văn hóa - Xã hội",
        "Công chức Tài chính - Kế toán",
    ]
    word = hamlet_word(c)
    n_hamlets = rng.randint(4, 16)
    if word == "tổ dân phố":
        hamlets = [f"Tổ dân phố {k}" for k in range(1, n_hamlets + 1)]
    else:
        picked: list[str] = []
        while len(picked) < n_hamlets:
            h = place_name(rng, c.region)
            if h not in picked:
                picked.append(h)
        hamlets = [f"{word.capitalize()} {h}" for h in picked]
    data: dict[str, Any] = {
        "kind": "commune",
        "id": c.cid,
        "name": c.name,
        "unit_type": c.unit,
    }
    if c.year < 2025:
        data["district"] = district_body(c)
    data["province"] = c.province if c.province != "Hồ Chí Minh" else "Thành phố Hồ Chí Minh"
    data["issuing_body"] = Flow(["ỦY BAN NHÂN DÂN", c.full.upper()])
    data["body_symbol"] = "UBND"
    data["place"] = c.name
    upper = district_body(c) if c.year < 2025 else province_body(c)
    data["upper_level"] = f"Ủy ban nhân dân {upper}"
    if rng.random() < 0.8:
        lines = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    else:
        lines = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    data["signer"] = {"lines": Flow(lines), "name": person(rng)}
    data["officers"] = [Flow({"name": o, "title": t}) for o, t in zip(officers, titles, strict=False)]
    if rng.random() < 0.85:
        data["portal"] = f"Trang thông tin điện tử {c.full}"
    if rng.random() < 0.7:
        data["radio"] = f"Đài truyền thanh {c.full}"
    data["posting_places"] = [f"Trụ sở Ủy ban nhân dân {c.full}", f"Nhà văn hóa các {word}"]
    data["hamlets"] = Flow(hamlets)
    if rng.random() < 0.5:
        data["address"] = f"{hamlets[0]}, {c.full}, {province_body(c)}"
    header = [
        f"Thông tin {c.full}, {province_body(c)}, dùng cho mọi văn bản tcpl viết.",
        "Dữ liệu tổng hợp (benchmarks/generate_tree.py): tên xã, tên người là tên giả.",
    ]
    return document(header, data), officers


# ---------------------------------------------------------------------------------------------
# plan.yaml
# ---------------------------------------------------------------------------------------------

# title, lead, partner, time, output, indicators (qd27), indicators (qd25)
TASKS: list[tuple[str, str, str, str, str, list[str], list[str]]] = [
    (
        "Ban hành kế hoạch, văn bản chỉ đạo, hướng dẫn, đôn đốc triển khai thực hiện đánh giá, công nhận"
        " {unit} đạt chuẩn tiếp cận pháp luật năm {year}",
        "Công chức Tư pháp - Hộ tịch tham mưu Ủy ban nhân dân {unit} xây dựng Kế hoạch thực hiện năm {year}"
        " và các văn bản chỉ đạo, hướng dẫn, đôn đốc thực hiện trên địa bàn {unit}.",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân, các ban, ngành, đoàn thể liên quan.",
        "Quý I/{year}.",
        "Kế hoạch, văn bản chỉ đạo, hướng dẫn được ban hành.",
        [],
        [],
    ),
    (
        "Quán triệt, phổ biến, tập huấn cho đội ngũ cán bộ, công chức, người làm công tác đánh giá, công nhận"
        " {units} đạt chuẩn tiếp cận pháp luật theo {qd} và {tt}",
        "Công chức Tư pháp - Hộ tịch tham mưu Ủy ban nhân dân {unit} tổ chức hội nghị quán triệt, tập huấn;"
        " biên soạn, cấp phát tài liệu hướng dẫn về các tiêu chí, chỉ tiêu, trình tự, thủ tục đánh giá.",
        "Ủy ban Mặt trận Tổ quốc Việt Nam {unit}, các tổ chức chính trị - xã hội, trưởng các {hamlet}.",
        "Quý I - Quý II/{year}.",
        "Hội nghị quán triệt, tập huấn; tài liệu hướng dẫn được cấp phát.",
        [],
        [],
    ),
    (
        "Tham mưu ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân {unit} đúng thời"
        " hạn, đúng quy định; truyền thông dự thảo và tự kiểm tra văn bản sau khi ban hành",
        "Công chức Tư pháp - Hộ tịch chủ trì, phối hợp với công chức chuyên môn được giao soạn thảo rà soát"
        " nhiệm vụ ban hành văn bản, lập danh mục, theo dõi tiến độ soạn thảo, lấy ý kiến và thẩm định.",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân, các công chức chuyên môn.",
        "Cả năm {year}; tự kiểm tra trong 05 ngày làm việc kể từ ngày văn bản được ban hành.",
        "Văn bản quy phạm pháp luật được ban hành đúng thời hạn; sổ theo dõi tự kiểm tra văn bản.",
        ["1.1", "1.2", "1.3"],
        ["1.1", "1.2"],
    ),
    (
        "Lập, cập nhật và đăng tải (hoặc niêm yết) Danh mục thông tin phải được công khai, Danh mục thông tin"
        " công dân được tiếp cận có điều kiện; công khai nghị quyết, quyết định sau khi ban hành",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân chủ trì lập, cập nhật danh mục; đăng tải trên Trang"
        " thông tin điện tử hoặc niêm yết tại trụ sở Ủy ban nhân dân {unit}.",
        "Công chức Tư pháp - Hộ tịch, công chức Văn hóa - Xã hội.",
        "Thường xuyên; cập nhật chậm nhất 05 ngày làm việc kể từ ngày có thông tin mới.",
        "Danh mục thông tin được đăng tải, niêm yết; văn bản được công khai đúng quy định.",
        ["2.1", "2.2"],
        ["2.1"],
    ),
    (
        "Tiếp nhận, giải quyết yêu cầu cung cấp thông tin của công dân kịp thời, chính xác, đầy đủ theo quy"
        " định của pháp luật về tiếp cận thông tin",
        "Công chức Văn phòng - Thống kê tiếp nhận, vào sổ theo dõi và tham mưu Chủ tịch Ủy ban nhân dân"
        " {unit}"
        " trả lời yêu cầu cung cấp thông tin trong thời hạn luật định.",
        "Các công chức chuyên môn đang quản lý thông tin được yêu cầu.",
        "Thường xuyên trong năm {year}.",
        "Sổ theo dõi cung cấp thông tin; văn bản trả lời công dân.",
        ["2.3"],
        ["2.2"],
    ),
    (
        "Ban hành và tổ chức thực hiện Kế hoạch phổ biến, giáo dục pháp luật năm {year}; thực hiện các nhiệm"
        " vụ phổ biến, giáo dục pháp luật phát sinh ngoài kế hoạch",
        "Công chức Tư pháp - Hộ tịch tham mưu Ủy ban nhân dân {unit} ban hành Kế hoạch phổ biến, giáo dục"
        " pháp luật đúng thời hạn và theo dõi, đôn đốc thực hiện từng nhiệm vụ trong kế hoạch.",
        "Hội đồng phối hợp phổ biến, giáo dục pháp luật {unit}, các ban, ngành, đoàn thể.",
        "Ban hành trong tháng 01/{year}; thực hiện cả năm.",
        "Kế hoạch phổ biến, giáo dục pháp luật; báo cáo kết quả thực hiện.",
        ["2.4"],
        ["2.3"],
    ),
    (
        "Đẩy mạnh chuyển đổi số trong phổ biến, giáo dục pháp luật: đăng tải tin, bài trên Trang thông tin"
        " điện tử, mạng xã hội; tổ chức thi tìm hiểu pháp luật trực tuyến",
        "Công chức Văn hóa - Xã hội chủ trì biên tập, đăng tải tin, bài, video phổ biến pháp luật; duy trì"
        " chuyên mục hỏi đáp pháp luật trên Trang thông tin điện tử {unit}.",
        "Công chức Tư pháp - Hộ tịch, Đoàn Thanh niên Cộng sản Hồ Chí Minh {unit}.",
        "Thường xuyên; cao điểm trong dịp Ngày Pháp luật Việt Nam (09/11).",
        "Tin, bài, video được đăng tải; cuộc thi trực tuyến được tổ chức.",
        ["2.5"],
        ["2.4"],
    ),
    (
        "Củng cố, kiện toàn đội ngũ tuyên truyền viên pháp luật; tổ chức bồi dưỡng, tập huấn kiến thức, kỹ"
        " năng phổ biến, giáo dục pháp luật cho tuyên truyền viên pháp luật",
        "Công chức Tư pháp - Hộ tịch tham mưu Chủ tịch Ủy ban nhân dân {unit} công nhận tuyên truyền viên"
        " pháp luật và cử tuyên truyền viên tham gia các lớp tập huấn do cấp trên tổ chức.",
        "Các tổ chức chính trị - xã hội, trưởng các {hamlet}.",
        "Quý II - Quý III/{year}.",
        "Quyết định công nhận tuyên truyền viên; danh sách tuyên truyền viên được tập huấn.",
        ["2.6"],
        ["2.5"],
    ),
    (
        "Bảo đảm kinh phí, cơ sở vật chất, phương tiện để thực hiện nhiệm vụ phổ biến, giáo dục pháp luật và"
        " hòa giải ở cơ sở",
        "Công chức Tài chính - Kế toán tham mưu bố trí kinh phí trong dự toán ngân sách {unit} năm {year};"
        " hướng dẫn thanh toán, quyết toán theo quy định.",
        "Công chức Tư pháp - Hộ tịch.",
        "Trong dự toán năm {year}; thanh toán hằng quý.",
        "Dự toán được phê duyệt; chứng từ thanh toán.",
        ["2.6", "3.4"],
        ["2.6", "3.2"],
    ),
    (
        "Thông tin, giới thiệu về trợ giúp pháp lý; niêm yết bảng thông tin về trợ giúp pháp lý tại trụ sở"
        " Ủy ban nhân dân và nơi sinh hoạt cộng đồng",
        "Công chức Tư pháp - Hộ tịch phối hợp với Trung tâm Trợ giúp pháp lý nhà nước {province} niêm yết,"
        " cập nhật thông tin, giới thiệu người thuộc diện được trợ giúp pháp lý đến Trung tâm.",
        "Trưởng các {hamlet}, Hội Cựu chiến binh, Hội Liên hiệp Phụ nữ {unit}.",
        "Thường xuyên trong năm {year}.",
        "Bảng thông tin được niêm yết; danh sách người được giới thiệu.",
        ["2.7"],
        ["3.3"],
    ),
    (
        "Thành lập, kiện toàn tổ hòa giải; công nhận tổ trưởng tổ hòa giải, hòa giải viên theo quy định của"
        " pháp luật về hòa giải ở cơ sở",
        "Công chức Tư pháp - Hộ tịch hướng dẫn các {hamlet} rà soát, kiện toàn tổ hòa giải bảo đảm đúng số"
        " lượng, thành phần; tham mưu Chủ tịch Ủy ban nhân dân {unit} ra quyết định công nhận.",
        "Ban công tác Mặt trận các {hamlet}.",
        "Quý I/{year}.",
        "Quyết định công nhận tổ trưởng tổ hòa giải, hòa giải viên.",
        ["3.1"],
        ["3.1"],
    ),
    (
        "Hòa giải kịp thời, hiệu quả các mâu thuẫn, tranh chấp, vi phạm pháp luật thuộc phạm vi hòa giải ở"
        " cơ sở",
        "Các tổ hòa giải chủ động nắm bắt, tiến hành hòa giải; công chức Tư pháp - Hộ tịch theo dõi, hướng"
        " dẫn nghiệp vụ, tổng hợp kết quả hằng quý.",
        "Công an {unit}, Ban công tác Mặt trận các {hamlet}.",
        "Thường xuyên trong năm {year}.",
        "Sổ theo dõi hoạt động hòa giải; báo cáo kết quả hòa giải.",
        ["3.2"],
        ["3.1"],
    ),
    (
        "Phối hợp, huy động luật sư, luật gia, hội thẩm nhân dân, công an, báo cáo viên, tuyên truyền viên"
        " pháp luật tham gia hoạt động hòa giải ở cơ sở",
        "Công chức Tư pháp - Hộ tịch tham mưu Ủy ban nhân dân {unit} ký kết, triển khai chương trình phối"
        " hợp;"
        " mời người có uy tín, có kiến thức pháp luật tham gia hỗ trợ các tổ hòa giải.",
        "Công an {unit}, Hội Luật gia, các tổ chức hành nghề luật sư trên địa bàn {province}.",
        "Quý II - Quý IV/{year}.",
        "Chương trình phối hợp; danh sách người được huy động tham gia hòa giải.",
        ["3.3"],
        [],
    ),
    (
        "Hỗ trợ kinh phí hoạt động cho tổ hòa giải và chi thù lao cho hòa giải viên theo đúng mức chi do"
        " Hội đồng nhân dân tỉnh quy định",
        "Công chức Tài chính - Kế toán chủ trì, phối hợp với công chức Tư pháp - Hộ tịch lập hồ sơ, thanh"
        " toán kinh phí hỗ trợ và thù lao theo vụ việc.",
        "Các tổ hòa giải.",
        "Hằng quý, năm {year}.",
        "Chứng từ chi hỗ trợ tổ hòa giải và thù lao hòa giải viên.",
        ["3.4"],
        ["3.2"],
    ),
    (
        "Tổ chức tiếp công dân, tiếp nhận, giải quyết kiến nghị, phản ánh, khiếu nại, tố cáo đúng quy định",
        "Chủ tịch Ủy ban nhân dân {unit} tiếp công dân định kỳ; công chức Văn phòng - Thống kê tiếp nhận, vào"
        " sổ, tham mưu giải quyết, trả lời đúng thời hạn.",
        "Công an {unit}, công chức Địa chính - Xây dựng.",
        "Thường xuyên; tiếp công dân định kỳ ít nhất 01 ngày trong tuần.",
        "Sổ tiếp công dân; văn bản giải quyết, trả lời.",
        [],
        ["5.1"],
    ),
    (
        "Tiếp nhận, giải quyết thủ tục hành chính đúng hạn tại Bộ phận Một cửa; đẩy mạnh dịch vụ công trực"
        " tuyến",
        "Bộ phận Tiếp nhận và Trả kết quả {unit} tiếp nhận, chuyển xử lý và trả kết quả đúng hẹn; công khai"
        " thủ tục hành chính tại trụ sở và trên Cổng Dịch vụ công.",
        "Các công chức chuyên môn.",
        "Thường xuyên trong năm {year}.",
        "Tỷ lệ hồ sơ giải quyết đúng hạn; sổ theo dõi hồ sơ.",
        [],
        ["5.2"],
    ),
    (
        "Thực hiện dân chủ ở cơ sở: tổ chức đối thoại với Nhân dân, để Nhân dân bàn, quyết định, tham gia ý"
        " kiến và giám sát các nội dung theo quy định",
        "Ủy ban nhân dân {unit} tổ chức hội nghị đối thoại; trưởng các {hamlet} tổ chức hội nghị để Nhân dân"
        " bàn, biểu quyết các nội dung theo Luật Thực hiện dân chủ ở cơ sở.",
        "Ủy ban Mặt trận Tổ quốc Việt Nam {unit}, Ban Thanh tra nhân dân.",
        "Quý II - Quý IV/{year}.",
        "Biên bản hội nghị; báo cáo kết quả thực hiện dân chủ ở cơ sở.",
        [],
        ["4.1", "4.2", "4.3", "4.4", "4.5"],
    ),
    (
        "Tiếp nhận, tổng hợp, hướng dẫn, giải đáp các khó khăn, vướng mắc trong quá trình thực hiện",
        "Công chức Tư pháp - Hộ tịch tiếp nhận, tổng hợp và hướng dẫn, giải đáp các khó khăn, vướng mắc trong"
        " phạm vi thẩm quyền; kiến nghị cấp có thẩm quyền hướng dẫn, giải quyết.",
        "Các ban, ngành, đoàn thể {unit}.",
        "Thường xuyên trong năm {year}.",
        "Văn bản hướng dẫn, báo cáo, kiến nghị.",
        [],
        [],
    ),
    (
        "Kiểm tra, đôn đốc việc thực hiện các tiêu chí, chỉ tiêu tiếp cận pháp luật tại các {hamlet}",
        "Công chức Tư pháp - Hộ tịch tham mưu thành lập đoàn kiểm tra; kiểm tra việc lưu trữ tài liệu kiểm"
        " chứng, hoạt động của tổ hòa giải và tủ sách pháp luật.",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân, Công an {unit}.",
        "Quý III/{year}.",
        "Biên bản kiểm tra; thông báo kết luận kiểm tra.",
        [],
        [],
    ),
    (
        "Tự đánh giá kết quả thực hiện các tiêu chí, chỉ tiêu; niêm yết công khai, lấy ý kiến Nhân dân và họp"
        " thống nhất kết quả đánh giá",
        "Công chức Tư pháp - Hộ tịch tham mưu Ủy ban nhân dân {unit} tổng hợp số liệu, tự đánh giá, niêm yết"
        " công khai kết quả tại trụ sở và trên Trang thông tin điện tử, tiếp thu, giải trình ý kiến.",
        "Các công chức được phân công theo dõi tiêu chí, Công an {unit}, Ủy ban Mặt trận Tổ quốc Việt Nam"
        " {unit}.",
        "Tháng 11 - tháng 12/{year}.",
        "Dự thảo báo cáo, bảng tổng hợp kết quả được niêm yết; biên bản họp thống nhất.",
        [],
        [],
    ),
    (
        "Tổng hợp, báo cáo kết quả đánh giá và đề nghị công nhận {unit} đạt chuẩn tiếp cận pháp luật năm"
        " {year}",
        "Công chức Tư pháp - Hộ tịch tham mưu Ủy ban nhân dân {unit} hoàn thiện hồ sơ đề nghị công nhận, gửi"
        " {office} đúng thời hạn.",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân.",
        "Trước ngày 10/01/{next}.",
        "Báo cáo đánh giá, bảng tổng hợp kết quả và hồ sơ đề nghị công nhận.",
        [],
        [],
    ),
]
ALWAYS = {0, len(TASKS) - 2, len(TASKS) - 1}
EXTRA_LINES = [
    "Chú trọng phổ biến các văn bản pháp luật mới ban hành có liên quan trực tiếp đến đời sống của người dân,"
    " doanh nghiệp trên địa bàn {unit}.",
    "Lồng ghép nội dung tuyên truyền vào các buổi sinh hoạt của chi bộ, đoàn thể và các cuộc họp {hamlet}.",
    "Kết quả thực hiện được cập nhật định kỳ hằng quý và tổng hợp vào báo cáo công tác tư pháp của Ủy ban"
    " nhân dân {unit}.",
    "Đối với các nhiệm vụ phát sinh ngoài kế hoạch, công chức Tư pháp - Hộ tịch kịp thời tham mưu bổ sung,"
    " bảo đảm hoàn thành đúng thời hạn.",
    "Ưu tiên các hình thức phù hợp với đặc điểm của từng địa bàn, nhất là vùng đồng bào dân tộc thiểu số,"
    " vùng sâu, vùng xa.",
    "Tài liệu kiểm chứng được lưu trữ đầy đủ, khoa học để phục vụ việc tự đánh giá cuối năm.",
    "Phân công cụ thể cán bộ, công chức theo dõi từng tiêu chí, chỉ tiêu; định kỳ báo cáo tiến độ tại cuộc"
    " họp giao ban của Ủy ban nhân dân {unit}.",
    "Bảo đảm các tổ hòa giải được cung cấp tài liệu nghiệp vụ và văn bản pháp luật mới.",
    "Phối hợp với Công an {unit} rà soát, nắm bắt các mâu thuẫn, tranh chấp phát sinh tại cộng đồng dân cư"
    " để kịp thời hòa giải.",
    "Sử dụng hiệu quả hệ thống loa truyền thanh và các nhóm Zalo của {hamlet} để đưa thông tin pháp luật đến"
    " người dân.",
    "Tổ chức rút kinh nghiệm sau mỗi đợt triển khai, đề xuất giải pháp khắc phục những chỉ tiêu chưa đạt.",
]
LABEL_STYLES = [
    ("Ngành chủ trì", "Ngành phối hợp", "Thời gian thực hiện", "Kết quả, sản phẩm"),
    ("Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Sản phẩm"),
    ("Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn hoàn thành", "Kết quả, sản phẩm"),
    ("Ngành thực hiện", "Ngành phối hợp", "Tiến độ", "Kết quả, sản phẩm"),
]
PURPOSE = [
    "Triển khai thực hiện kịp thời, hiệu quả {qd} và {tt}; nâng cao chất lượng, hiệu quả công tác đánh giá,"
    " công nhận {unit} đạt chuẩn tiếp cận pháp luật trên địa bàn.",
    "Lấy người dân làm trung tâm, bảo đảm công khai, minh bạch, dân chủ, khách quan, công bằng, đúng quy định"
    " pháp luật trong đánh giá, công nhận {units} đạt chuẩn tiếp cận pháp luật.",
    "Gắn việc xây dựng {unit} đạt chuẩn tiếp cận pháp luật với thực hiện nhiệm vụ phát triển kinh tế - xã"
    " hội,"
    " bảo đảm quốc phòng, an ninh, tăng cường dân chủ ở cơ sở, vận động Nhân dân thực hiện chủ trương, đường"
    " lối của Đảng, chính sách, pháp luật của Nhà nước.",
    "Nâng cao nhận thức, trách nhiệm của cán bộ, công chức và Nhân dân trong việc tìm hiểu, chấp hành pháp"
    " luật; phát huy vai trò của hòa giải ở cơ sở trong giải quyết mâu thuẫn, tranh chấp tại cộng đồng dân"
    " cư.",
]
REQUIREMENTS = [
    "Xác định rõ nội dung công việc, thời gian, tiến độ thực hiện, trách nhiệm cụ thể của từng cơ quan, tổ"
    " chức, cá nhân trong thực hiện đánh giá, công nhận {unit} đạt chuẩn tiếp cận pháp luật theo {qd}.",
    "Các nội dung, nhiệm vụ đề ra phải bảo đảm tính khả thi, có trọng tâm, trọng điểm; phân công cụ thể trách"
    " nhiệm chủ trì, phối hợp; chú trọng lồng ghép với các chương trình, đề án, nhiệm vụ có liên quan để sử"
    " dụng nguồn lực tiết kiệm, hiệu quả.",
    "Việc tự đánh giá các tiêu chí, chỉ tiêu phải căn cứ vào số liệu thực tế từ ngày 01 tháng 01 đến ngày"
    " 31 tháng 12 năm {year}, có tài liệu kiểm chứng đầy đủ.",
    "Tăng cường sự phối hợp giữa Ủy ban nhân dân {unit} với Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức"
    " chính trị - xã hội cùng cấp trong quá trình triển khai thực hiện.",
]
BUDGET = [
    "Kinh phí thực hiện Kế hoạch được bố trí từ nguồn ngân sách {unit} năm {year} theo phân cấp ngân sách"
    " hiện hành và các nguồn kinh phí hợp pháp khác (nếu có).",
    "Công chức Tư pháp - Hộ tịch phối hợp với công chức Tài chính - Kế toán lập dự toán kinh phí thực hiện"
    " các nhiệm vụ phổ biến, giáo dục pháp luật, hòa giải ở cơ sở, trình Chủ tịch Ủy ban nhân dân {unit} phê"
    " duyệt.",
    "Mức chi hỗ trợ hoạt động của tổ hòa giải và thù lao cho hòa giải viên thực hiện theo Nghị quyết của Hội"
    " đồng nhân dân {province}.",
]
ORGANISATION = [
    (
        "Công chức Tư pháp - Hộ tịch",
        "Chủ trì, phối hợp với các ban, ngành, đoàn thể tham mưu Ủy ban nhân dân {unit} triển khai thực hiện"
        " Kế hoạch; theo dõi, đôn đốc, tổng hợp kết quả, báo cáo Chủ tịch Ủy ban nhân dân {unit} theo quy"
        " định.",
    ),
    (
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
        "Phối hợp cập nhật, đăng tải thông tin trên Trang thông tin điện tử; bảo đảm điều kiện phục vụ các"
        " hội"
        " nghị, cuộc họp liên quan.",
    ),
    (
        "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam {unit} và các tổ chức chính trị - xã hội",
        "Phối hợp tuyên truyền, vận động hội viên, đoàn viên và Nhân dân tích cực hưởng ứng, tham gia xây"
        " dựng"
        " {unit} đạt chuẩn tiếp cận pháp luật; giám sát việc thực hiện Kế hoạch.",
    ),
    (
        "Trưởng các {hamlet}",
        "Phổ biến nội dung Kế hoạch đến Nhân dân; phối hợp thu thập số liệu, tài liệu kiểm chứng; chỉ đạo tổ"
        " hòa giải hoạt động hiệu quả.",
    ),
]
# progress note, and the figures it reports ({a}, {b}: small and larger numbers; {h}: hamlets)
PROGRESS_DONE: list[tuple[str, dict[str, str]]] = [
    ("Đã hoàn thành đúng tiến độ.", {}),
    ("Đã tổ chức {a} hội nghị với {b} lượt người tham dự.", {"hội nghị": "a", "người tham dự": "b"}),
    ("Đã đăng tải {b} tin, bài trên Trang thông tin điện tử.", {"tin bài": "b"}),
    ("Hoàn thành; đã ban hành {a} văn bản.", {"văn bản": "a"}),
]
PROGRESS_ONGOING: list[tuple[str, dict[str, str]]] = [
    ("Đang triển khai tại {a}/{h} {hamlet}.", {}),
    ("Đang tổng hợp số liệu, tài liệu kiểm chứng.", {}),
    ("Đã thực hiện một phần; phần còn lại chuyển sang quý sau do chưa bố trí được kinh phí.", {}),
    (
        "Đã tổ chức {a} hội nghị với {b} lượt người tham dự; đang triển khai tiếp.",
        {"hội nghị": "a", "người tham dự": "b"},
    ),
]
PLAN_MAX_BYTES = 15_000


def make_plan(rng: random.Random, c: Commune) -> str:
    year = c.year
    new = c.ruleset == "qd27-2025"
    units = "xã, phường, đặc khu" if new else "xã, phường, thị trấn"
    ctx = {
        "unit": c.unit,
        "units": units,
        "year": year,
        "next": year + 1,
        "hamlet": hamlet_word(c),
        "province": province_body(c),
        "qd": "Quyết định số 27/2025/QĐ-TTg" if new else "Quyết định số 25/2021/QĐ-TTg",
        "tt": "Thông tư số 15/2025/TT-BTP" if new else "Thông tư số 09/2021/TT-BTP",
        "office": f"Sở Tư pháp {province_body(c)}" if new else f"Phòng Tư pháp {district_body(c)}",
    }

    def fmt(s: str) -> str:
        return s.format(**ctx)

    upper = f"Ủy ban nhân dân {province_body(c)}" if new else f"Ủy ban nhân dân {district_body(c)}"
    upper_date = (
        dt.date(year, 1, rng.randint(2, 12))
        if rng.random() < 0.7
        else dt.date(year - 1, 12, rng.randint(10, 30))
    )
    if new:
        basis = (
            "Căn cứ Quyết định số 27/2025/QĐ-TTg ngày 04 tháng 8 năm 2025 của Thủ tướng Chính phủ quy định"
            " về xã,"
            " phường, đặc khu đạt chuẩn tiếp cận pháp luật; Thông tư số 15/2025/TT-BTP ngày 11 tháng 9 năm"
            " 2025"
            " của Bộ trưởng Bộ Tư pháp hướng dẫn thi hành Quyết định số 27/2025/QĐ-TTg;"
        )
    else:
        basis = (
            "Thực hiện Quyết định số 25/2021/QĐ-TTg ngày 22 tháng 7 năm 2021 của Thủ tướng Chính phủ ban hành"
            " quy định về xã, phường, thị trấn đạt chuẩn tiếp cận pháp luật và Thông tư số 09/2021/TT-BTP"
            " ngày"
            " 15 tháng 11 năm 2021 của Bộ trưởng Bộ Tư pháp hướng dẫn thi hành;"
        )
    opening = [
        f"{basis} Kế hoạch số {rng.randint(1, 300)}/KH-UBND ngày {upper_date.day:02d} tháng"
        f" {upper_date.month:02d} năm {upper_date.year} của {upper} về thực hiện đánh giá, công nhận {units}"
        f" đạt chuẩn tiếp cận pháp luật năm {year}, Ủy ban nhân dân {c.full} ban hành Kế hoạch thực hiện năm"
        f" {year} như sau:"
    ]

    labels = rng.choice(LABEL_STYLES)
    n_tasks = rng.randint(8, 15)
    # Tasks about QĐ 25/2021-only indicators (criteria 4 and 5) do not belong in a 2026 plan.
    optional = [
        i for i in range(len(TASKS)) if i not in ALWAYS and not (new and TASKS[i][6] and not TASKS[i][5])
    ]
    chosen = sorted(ALWAYS | set(rng.sample(optional, min(len(optional), n_tasks - len(ALWAYS)))))
    with_ids = rng.random() < 0.4
    with_progress = rng.random() < (0.6 if year < 2025 else 0.35)
    terse = rng.random() < 0.35  # some communes write short lines: first clause only, no extras
    tasks: list[dict[str, Any]] = []
    for k, i in enumerate(chosen, start=1):
        title, lead, partner, when, output, ind27, ind25 = TASKS[i]
        task: dict[str, Any] = {}
        if with_ids:
            task["id"] = f"nv{k:02d}"
        task["title"] = fmt(title)
        indicators = ind27 if new else ind25
        if indicators and rng.random() < 0.7:
            task["indicators"] = Flow([Q(x) for x in indicators])
        lines: list[Any] = []
        if terse:
            lead = lead.split(";")[0].rstrip(".") + "."
        if rng.random() < 0.3:
            lines.append({"label": labels[0], "text": fmt(lead), "dash": False})
        else:
            lines.append({labels[0]: fmt(lead)})
        if rng.random() < (0.6 if terse else 0.9):
            lines.append({labels[1]: fmt(partner)})
        if not terse:
            lines.extend(fmt(x) for x in rng.sample(EXTRA_LINES, rng.choice([0, 0, 0, 0, 1, 1, 2])))
        lines.append({labels[2]: fmt(when)})
        lines.append({labels[3]: fmt(output)})
        task["lines"] = lines
        if with_progress and not terse and rng.random() < 0.5:
            progress: list[dict[str, Any]] = []
            day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(20, 120))
            for _ in range(rng.choice([1, 1, 2, 3])):
                last = day > dt.date(year, 9, 1) or rng.random() < 0.4
                status = "hoàn thành" if last and rng.random() < 0.85 else "đang thực hiện"
                if rng.random() < 0.03:
                    status = rng.choice(["chưa bắt đầu", "không thực hiện"])
                pool = PROGRESS_DONE if status == "hoàn thành" else PROGRESS_ONGOING
                h = rng.randint(6, 16)
                nums = {"a": rng.randint(1, 5), "b": rng.randint(20, 400)}
                entry: dict[str, Any] = {"date": day, "status": status}
                figures: dict[str, str] = {}
                if status == "không thực hiện":
                    entry["note"] = "Không thực hiện do nội dung đã được lồng ghép vào nhiệm vụ khác."
                elif status == "chưa bắt đầu":
                    entry["note"] = "Chưa triển khai do chờ hướng dẫn của cấp trên."
                else:
                    note, figures = rng.choice(pool)
                    entry["note"] = note.format(h=h, hamlet=ctx["hamlet"], **nums)
                if rng.random() < 0.3:
                    entry["evidence"] = Flow([evidence(rng, c, year, when=day)])
                if figures and rng.random() < 0.5:
                    entry["figures"] = Flow({k: nums[v] for k, v in figures.items()})
                progress.append(entry)
                if status != "đang thực hiện":
                    break
                day += dt.timedelta(days=rng.randint(30, 100))
                if day > dt.date(year, 12, 20):
                    break
            task["progress"] = progress
        tasks.append(task)

    organisation = [
        {"heading": fmt(h), "paragraphs": [fmt(p)]}
        for h, p in ORGANISATION[: rng.randint(1, len(ORGANISATION))]
    ]
    sections: list[dict[str, Any]] = [
        {
            "heading": "MỤC ĐÍCH, YÊU CẦU",
            "subsections": [
                {
                    "heading": "Mục đích",
                    "paragraphs": [fmt(p) for p in rng.sample(PURPOSE, rng.randint(1, 2))],
                },
                {
                    "heading": "Yêu cầu",
                    "paragraphs": [fmt(p) for p in rng.sample(REQUIREMENTS, rng.randint(1, 2))],
                },
            ],
        },
        {"heading": "NHIỆM VỤ VÀ GIẢI PHÁP", "tasks": tasks},
        {"heading": "KINH PHÍ", "paragraphs": [fmt(p) for p in BUDGET[: rng.randint(1, 2)]]},
    ]
    last = fmt(
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh về Ủy ban"
        " nhân dân {unit} (qua công chức Tư pháp - Hộ tịch) để được hướng dẫn, giải quyết."
    )
    if terse:
        sections.append(
            {"heading": "TỔ CHỨC THỰC HIỆN", "paragraphs": [organisation[0]["paragraphs"][0], last]}
        )
    else:
        sections.append(
            {"heading": "TỔ CHỨC THỰC HIỆN", "subsections": organisation, "closing_paragraphs": [last]}
        )
    doc: dict[str, Any] = {"number": Q(f"{rng.randint(1, 120):02d}"), "symbol": "KH-UBND"}
    issued = upper_date + dt.timedelta(days=rng.randint(3, 20))
    doc["date"] = issued
    if rng.random() < 0.08:  # a draft: no number nor date yet
        doc = {"symbol": "KH-UBND"}
    data: dict[str, Any] = {
        "kind": "plan",
        "commune": c.cid,
        "year": year,
        "document": doc,
        "doc_type": "KẾ HOẠCH",
        "subject": f"Thực hiện đánh giá, công nhận {c.unit} đạt chuẩn tiếp cận pháp luật năm {year}",
        "opening": opening,
        "sections": sections,
        "closing": [
            f"Trên đây là Kế hoạch thực hiện đánh giá, công nhận {c.unit} đạt chuẩn tiếp cận pháp luật năm"
            f" {year} của Ủy ban nhân dân {c.full}./."
        ],
    }
    if rng.random() < 0.2:
        data["signer"] = {
            "lines": Flow(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
            "name": person(rng),
        }
    data["recipients"] = [
        f"{ctx['office']} (b/c);",
        f"TT Đảng ủy, TT HĐND {c.unit} (b/c);",
        f"Chủ tịch, các PCT UBND {c.unit};",
        f"Các ban, ngành, đoàn thể {c.unit};",
        f"Trưởng các {ctx['hamlet']};",
        "Lưu: VT, TP.",
    ]
    header = [
        f"KẾ HOẠCH năm {year} của Ủy ban nhân dân {c.full} ({province_body(c)}).",
        "Dữ liệu tổng hợp (benchmarks/generate_tree.py), không phải văn bản thật.",
    ]
    text = document(header, data)
    # Keep plans at a realistic 5-15 KB: drop optional tasks (never below 8) until it fits.
    while len(text.encode("utf-8")) > PLAN_MAX_BYTES and len(tasks) > 8:
        excess = len(text.encode("utf-8")) - PLAN_MAX_BYTES
        drop = min(len(tasks) - 8, 1 + excess // 1100)
        for _ in range(drop):
            del tasks[-3]  # the last two tasks (self-assessment, report) always stay
        if with_ids:
            for k, task in enumerate(tasks, start=1):
                task["id"] = f"nv{k:02d}"
        text = document(header, data)
    if len(text.encode("utf-8")) > PLAN_MAX_BYTES:  # still too big with 8 tasks: no progress records
        for task in tasks:
            task.pop("progress", None)
        text = document(header, data)
    return text


# ---------------------------------------------------------------------------------------------
# Broken files (--broken N)
# ---------------------------------------------------------------------------------------------

_FLOW_ITEM = re.compile(r'^(  "[0-9.]+": \{)(.*)\}$', re.M)
_RATIO = re.compile(r"\{done: (\d+), total: (\d+)")


def _items_at(text: str) -> int:
    """Where the `items:` mapping starts (the `officers:` mapping has the same key shape)."""
    at = text.find("\nitems:\n")
    return at if at >= 0 else len(text)


def br_yaml_syntax_assessment(text: str, rng: random.Random, c: Commune) -> str | None:
    m = _FLOW_ITEM.search(text, _items_at(text))  # a flow mapping without its closing brace
    return text[: m.end() - 1] + text[m.end() :] if m else None


def br_unknown_item(text: str, rng: random.Random, c: Commune) -> str | None:
    m = re.compile(r'^  "([0-9.]+)":', re.M).search(text, _items_at(text))
    if not m:
        return None
    known = {i["id"] for i in ITEMS[c.ruleset]}
    new = next(
        x for x in rng.sample(["2.8.1", "3.2.21", "6.1.1", "4.1.1", "1.4.1", "9.9.9"], 6) if x not in known
    )
    return text[: m.start(1)] + new + text[m.end(1) :]


def br_done_gt_total(text: str, rng: random.Random, c: Commune) -> str | None:
    m = _RATIO.search(text)
    if not m:
        return None
    bigger = int(m.group(2)) + rng.randint(1, 3)
    return text[: m.start(1)] + str(bigger) + text[m.end(1) :]


def br_duplicate_item(text: str, rng: random.Random, c: Commune) -> str | None:
    m = re.compile(r'^  "[0-9.]+": .*$', re.M).search(text, _items_at(text))
    return text[: m.end()] + "\n" + m.group(0) + text[m.end() :] if m else None


def br_bad_type(text: str, rng: random.Random, c: Commune) -> str | None:
    m = _RATIO.search(text)
    return text[: m.start(1)] + "nhiều" + text[m.end(1) :] if m else None


def br_missing_total(text: str, rng: random.Random, c: Commune) -> str | None:
    m = re.search(r"\{done: (\d+), total: \d+", text)
    return text[: m.start()] + "{done: " + m.group(1) + text[m.end() :] if m else None


def br_bad_choice(text: str, rng: random.Random, c: Commune) -> str | None:
    m = re.search(r'^  "2\.5\.1": \[', text, re.M)
    if c.ruleset != "qd27-2025" or not m:
        return None
    return text[: m.end()] + "facebook, " + text[m.end() :]


def br_points_over(text: str, rng: random.Random, c: Commune) -> str | None:
    m = re.search(r"points: ([0-9.]+)", text)
    if c.ruleset != "qd25-2021" or not m:
        return None
    return text[: m.start(1)] + "120" + text[m.end(1) :]


def br_commune_bad_id(text: str, rng: random.Random, c: Commune) -> str | None:
    return text.replace(f"\nid: {c.cid}\n", f"\nid: {c.name}\n", 1)


def br_commune_unclosed_quote(text: str, rng: random.Random, c: Commune) -> str | None:
    return re.sub(r"^name: (.*)$", r'name: "\1', text, count=1, flags=re.M)


def br_commune_unknown_field(text: str, rng: random.Random, c: Commune) -> str | None:
    return re.sub(r"^province:", "provnce:", text, count=1, flags=re.M)


def br_plan_unclosed_list(text: str, rng: random.Random, c: Commune) -> str | None:
    return re.sub(r"^subject: (.*)$", r"subject: [\1", text, count=1, flags=re.M)


def br_plan_missing_subject(text: str, rng: random.Random, c: Commune) -> str | None:
    return re.sub(r"^subject: .*\n", "", text, count=1, flags=re.M)


def br_plan_bad_indent(text: str, rng: random.Random, c: Commune) -> str | None:
    m = re.search(r"^  - (?:id|title): ", text, re.M)  # first task shifted by one space
    return text[: m.start()] + " " + text[m.start() :] if m else None


def br_plan_bad_status(text: str, rng: random.Random, c: Commune) -> str | None:
    m = re.search(r"status: (hoàn thành|đang thực hiện)", text)
    return text[: m.start(1)] + "xong" + text[m.end(1) :] if m else None


# kind, file, mutation, what tcpl should say
BREAKAGES: list[tuple[str, str, Any, str]] = [
    ("yaml-syntax", "assessment.yaml", br_yaml_syntax_assessment, "lỗi cú pháp YAML: thiếu '}'"),
    ("unknown-item", "assessment.yaml", br_unknown_item, "nội dung không có trong bộ tiêu chí (TCPL310)"),
    ("done-gt-total", "assessment.yaml", br_done_gt_total, "done lớn hơn total"),
    ("duplicate-key", "assessment.yaml", br_duplicate_item, "khóa trùng"),
    ("bad-commune-id", "commune.yaml", br_commune_bad_id, "id có dấu, sai định dạng"),
    ("plan-missing-subject", "plan.yaml", br_plan_missing_subject, "thiếu trường bắt buộc 'subject'"),
    ("wrong-type", "assessment.yaml", br_bad_type, "done không phải số"),
    ("bad-choice", "assessment.yaml", br_bad_choice, "lựa chọn không hợp lệ (TCPL312)"),
    ("unknown-field", "commune.yaml", br_commune_unknown_field, "trường 'provnce' không có trong mẫu"),
    ("yaml-syntax", "plan.yaml", br_plan_unclosed_list, "lỗi cú pháp YAML: thiếu ']'"),
    ("missing-total", "assessment.yaml", br_missing_total, "tỷ lệ thiếu total (TCPL311)"),
    ("points-over-100", "assessment.yaml", br_points_over, "điểm lớn hơn 100"),
    ("yaml-syntax", "commune.yaml", br_commune_unclosed_quote, "lỗi cú pháp YAML: thiếu dấu nháy đóng"),
    ("bad-indent", "plan.yaml", br_plan_bad_indent, "lỗi cú pháp YAML: thụt lề"),
    ("bad-status", "plan.yaml", br_plan_bad_status, "tình trạng không hợp lệ"),
]


def plan_breakage(communes: list[Commune], n: int, seed: int) -> dict[tuple[int, str], tuple[int, int]]:
    """Which files to break: (commune index, file name) -> (breakage index, salt)."""
    rng = random.Random(f"broken:{seed}")
    chosen: dict[tuple[int, str], tuple[int, int]] = {}
    capacity = 3 * len(communes)
    needs = {br_bad_choice: "qd27-2025", br_points_over: "qd25-2021"}
    for k in range(min(n, capacity)):
        b = k % len(BREAKAGES)
        fname = BREAKAGES[b][1]
        ruleset = needs.get(BREAKAGES[b][2])
        for _ in range(50):
            idx = rng.randrange(len(communes))
            if (idx, fname) not in chosen and (ruleset is None or communes[idx].ruleset == ruleset):
                break
        else:
            free = [
                (i, f) for i in range(len(communes)) for f in ("assessment.yaml", "commune.yaml", "plan.yaml")
            ]
            idx, fname = next(x for x in free if x not in chosen)
            b = next(j for j, br in enumerate(BREAKAGES) if br[1] == fname)
        chosen[(idx, fname)] = (b, rng.randrange(1 << 30))
    return chosen


def apply_breakage(text: str, b: int, salt: int, c: Commune) -> tuple[str, str, str]:
    rng = random.Random(salt)
    kind, fname, fn, what = BREAKAGES[b]
    out = fn(text, rng, c)
    if out is None or out == text:
        candidates = [br for br in BREAKAGES[b + 1 :] + BREAKAGES[:b] if br[1] == fname]
        for candidate in candidates:
            out = candidate[2](text, rng, c)
            if out is not None and out != text:
                kind, what = candidate[0], candidate[3]
                break
        else:  # pragma: no cover
            out, kind, what = text + "\n: [\n", "yaml-syntax", "lỗi cú pháp YAML"
    return out, kind, what


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------

ITEMS: dict[str, list[dict[str, Any]]] = {}


def generate(out_dir: Path, n: int, seed: int, broken: int) -> tuple[int, int, list[Commune]]:
    ITEMS["qd27-2025"] = load_items("qd27-2025")
    ITEMS["qd25-2021"] = load_items("qd25-2021")
    communes = build_communes(n, seed)
    to_break = plan_breakage(communes, broken, seed) if broken else {}
    manifest: list[str] = []
    files = size = 0
    made_dirs: set[str] = set()
    for c in communes:
        rng = random.Random(f"commune:{seed}:{c.index}")
        commune_text, officers = make_commune(rng, c)
        texts = {
            "commune.yaml": commune_text,
            "assessment.yaml": make_assessment(rng, c, officers),
            "plan.yaml": make_plan(rng, c),
        }
        base = os.path.join(out_dir, c.province_slug, c.cid)
        year_dir = os.path.join(base, str(c.year))
        if year_dir not in made_dirs:
            os.makedirs(year_dir, exist_ok=True)
            made_dirs.add(year_dir)
        for fname, text in texts.items():
            if (c.index, fname) in to_break:
                b, salt = to_break[(c.index, fname)]
                text, kind, what = apply_breakage(text, b, salt, c)
                rel = f"{c.rel}/{fname}" if fname == "commune.yaml" else f"{c.rel}/{c.year}/{fname}"
                manifest.append(f"{rel}\t{kind}\t{what}")
            path = os.path.join(base if fname == "commune.yaml" else year_dir, fname)
            data = text.encode("utf-8")
            with open(path, "wb") as f:
                f.write(data)
            files += 1
            size += len(data)
    manifest_path = out_dir / "broken.tsv"
    if manifest:
        manifest.sort()
        manifest_path.write_text("path\tkind\texpected\n" + "\n".join(manifest) + "\n", encoding="utf-8")
    elif manifest_path.exists():
        manifest_path.unlink()
    return files, size, communes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate a synthetic national tree of commune YAML files (benchmarks, tests)."
    )
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--communes", type=int, default=REAL_TOTAL, help="number of communes (default 3321)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--broken", type=int, default=0, help="number of files to break (default 0)")
    parser.add_argument("--force", action="store_true", help="write into a non-empty OUT_DIR (overwrites)")
    args = parser.parse_args(argv)
    if args.communes < 1 or args.broken < 0:
        parser.error("--communes must be at least 1 and --broken at least 0")
    out: Path = args.out_dir
    if out.exists() and not out.is_dir():
        parser.error(f"{out} is not a folder")
    if out.is_dir() and any(out.iterdir()) and not args.force:
        parser.error(f"{out} is not empty; pass --force to write into it (same-named files are overwritten)")
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    files, size, communes = generate(out, args.communes, args.seed, args.broken)
    seconds = time.perf_counter() - start
    provinces = len({c.province_slug for c in communes})
    new = sum(1 for c in communes if c.year == 2026)
    print(
        f"{out}: {files} files, {size / 1e6:.1f} MB ({size} bytes) in {seconds:.1f} s;"
        f" {len(communes)} communes in {provinces} provinces ({new} × 2026/qd27-2025,"
        f" {len(communes) - new} × 2024/qd25-2021), {min(args.broken, files)} broken"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

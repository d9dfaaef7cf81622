"""Safe YAML reading that remembers where every value came from.

libyaml (PyYAML's C parser) composes the node tree; the tree is then turned into plain Python
values here rather than by PyYAML's constructor, so that:

- duplicate keys are refused (PyYAML silently keeps the last one: data loss);
- alias expansion is bounded (an "alias bomb" is refused, a recursive alias too);
- only the standard safe tags are accepted;
- mapping keys stay the text the officer typed ("1.1" is an id, not the number 1.1);
- text is NFC and holds no character that cannot go into a Word document, nor one that hides
  itself or reorders the text (bidi controls, zero-width characters);
- a value YAML 1.1 reads differently from YAML 1.2 (`010` as 8, `1:30` as 90) is refused, not
  read silently (as yamllint's octal-values rule does), and so are `.nan`, `.inf` and times;
- nesting is bounded before libyaml composes the tree (a deep `[[[[...` crashes its composer),
  and alias expansion is bounded in values and in characters.

The node tree is kept, so a problem found later (by pydantic, or against the ruleset) can be
reported at its line and column without building a position table for every file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from tcpl import codes
from tcpl.errors import Diagnostic, byte_line_col, display_path
from tcpl.escaping import INVISIBLE
from tcpl.models.common import YamlFloat
from tcpl.safeio import ReadRefused, read_regular

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Larger files are refused: a commune's YAML is a few kilobytes, a big plan some tens."""

MAX_NODES = 200_000
"""Values built from one file, counting every alias expansion: stops "billion laughs"."""

MAX_EXPANSION = 4
"""Characters built from a file, at most this many times the file's own (aliases repeat text)."""
MIN_EXPANSION_CHARS = 1_000_000

MAX_DEPTH = 64
"""Nesting of lists and tables: a tcpl file needs under ten levels."""

MAX_DIGITS = 15
"""Digits of an integer: no figure of a commune reaches 10^15 (and huge ones slow everything)."""

# Characters XML 1.0 (hence a .docx) cannot hold, or that only cause trouble in a document:
# C0 controls except tab/LF/CR, DEL, C1 controls, the non-characters U+FFFE/U+FFFF, and the
# characters that are not seen or that reorder the text (bidi controls, zero-width characters).
_FORBIDDEN_CHARS = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff{INVISIBLE}]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")

# Integers and floats that YAML 1.1 (PyYAML) and YAML 1.2 read differently, or that no officer
# means: leading-zero octal, 0b/0x, digit separators, sexagesimal "1:30".
_YAML11_NUMBER = re.compile(r"^[-+]?(?:0[0-9_]+|0[bx][0-9a-fA-F_]+|[0-9][0-9_]*:[0-9:._]+|.*_.*)$")

_SAFE_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp")
)
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"

_constructor = SafeConstructor()


@dataclass
class YamlDocument:
    """A YAML file read safely: its data, its node tree (for positions) and its problems."""

    path: Path
    data: Any = None
    root: yaml.Node | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    usable: bool = False
    """True when the data can be validated further, even if problems were found."""
    raw: bytes | None = field(default=None, repr=False)
    """The bytes read (None when the file could not be read)."""
    _children: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return not self.diagnostics

    @property
    def shown_path(self) -> str:
        return display_path(self.path)

    def diagnostic(
        self,
        loc: tuple[str | int, ...],
        message: str,
        *,
        code: str,
        key: bool = False,
    ) -> Diagnostic:
        """A diagnostic placed at the node for `loc` (at its key when `key` is true); its severity
        is the code's own."""
        line, col = self.position(loc, key=key)
        return Diagnostic(self.shown_path, line, col, message, code=code, loc=loc)

    def report(self, loc: tuple[str | int, ...], message: str, **where: Any) -> None:
        """Add a diagnostic placed at the node for `loc` (options as `diagnostic`) to this file's."""
        self.diagnostics.append(self.diagnostic(loc, message, **where))

    def position(self, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of the deepest node along `loc` that exists."""
        node = self.root
        if node is None:
            return (1, 1)
        mark = node.start_mark
        for part in loc:
            found = self._child(node, part)
            if found is None:
                break
            key_node, value_node = found
            mark = key_node.start_mark if (key and key_node is not None) else value_node.start_mark
            node = value_node
        return (mark.line + 1, mark.column + 1)

    def has_node(self, loc: tuple[str | int, ...]) -> bool:
        node = self.root
        for part in loc:
            if node is None:
                return False
            found = self._child(node, part)
            if found is None:
                return False
            node = found[1]
        return node is not None

    def _child(self, node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
        if isinstance(node, yaml.MappingNode):
            # An index per mapping: a file with thousands of keys is located in linear time.
            index = self._children.get(id(node))
            if index is None:
                index = {}
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode):
                        index.setdefault(unicodedata.normalize("NFC", key_node.value), (key_node, value_node))
                self._children[id(node)] = index
            return index.get(str(part))
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                return None, node.value[part]
        return None


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def forbidden_char_name(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def read_yaml(path: Path) -> YamlDocument:
    """Read `path`; never raises for bad content."""
    doc = YamlDocument(path=path)
    shown = doc.shown_path

    def fail(line: int, col: int, message: str, code: str) -> YamlDocument:
        doc.diagnostics.append(Diagnostic(shown, line, col, message, code=code))
        return doc

    try:
        raw = read_regular(path, max_bytes=MAX_FILE_BYTES)
    except ReadRefused as exc:
        return fail(1, 1, str(exc), codes.TOO_BIG if exc.too_big else codes.UNREADABLE)
    return parse_yaml(doc, raw)


def parse_yaml(doc: YamlDocument, raw: bytes) -> YamlDocument:
    """Parse bytes already read for `doc` (a file, or a version of it from git)."""
    shown = doc.shown_path
    doc.raw = raw

    def fail(line: int, col: int, message: str, code: str) -> YamlDocument:
        doc.diagnostics.append(Diagnostic(shown, line, col, message, code=code))
        return doc

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = byte_line_col(raw, exc.start)
        return fail(
            line,
            col,
            f"tệp không phải mã UTF-8 (byte 0x{raw[exc.start]:02X}); hãy lưu lại tệp với"
            " mã hóa UTF-8 (trong Notepad: Lưu thành → Mã hóa: UTF-8)",
            codes.NOT_UTF8,
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    # Columns are counted in the text as saved (NFD stays NFD here): values and keys are made NFC
    # one by one, so a message points at the column the officer's editor shows.
    bad = list(_iter_forbidden(text))
    if bad:
        for index in bad[:20]:
            line, col = _line_col(text, index)
            doc.diagnostics.append(
                Diagnostic(shown, line, col, _forbidden_message(text[index]), code=codes.CONTROL_CHARACTER)
            )
        return doc

    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return fail(1, 1, "tệp rỗng: không có dữ liệu nào", codes.EMPTY)

    if _may_nest_deeply(text):
        deep = _too_deep(text)
        if deep is not None:
            return fail(
                *deep,
                f"tệp lồng quá sâu (quá {MAX_DEPTH} cấp danh sách, bảng lồng nhau); tệp của tcpl chỉ"
                " cần vài cấp: kiểm tra dấu ngoặc [ ] { }",
                codes.YAML_SYNTAX,
            )
    loader = yaml.CSafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return fail(line, col, translate_yaml_error(exc), codes.YAML_SYNTAX)
    except yaml.YAMLError as exc:
        return fail(1, 1, f"lỗi cú pháp YAML: {exc}", codes.YAML_SYNTAX)
    finally:
        loader.dispose()
    if root is None:
        return fail(1, 1, "tệp rỗng: không có dữ liệu nào", codes.EMPTY)
    doc.root = root
    builder = _Builder(shown, budget=max(MIN_EXPANSION_CHARS, MAX_EXPANSION * len(text)))
    doc.data = builder.build(root)
    doc.diagnostics.extend(builder.diagnostics)
    # After an alias bomb the data is unusable; other problems (a duplicate key, a bad date)
    # leave data worth validating, so that every problem of the file is reported at once.
    doc.usable = not builder.exploded and not builder.recursive
    return doc


def _iter_forbidden(text: str) -> Iterator[int]:
    for m in _FORBIDDEN_CHARS.finditer(text):
        yield m.start()


def _forbidden_message(ch: str) -> str:
    name = forbidden_char_name(ch)
    if _BIDI.match(ch):
        return (
            f"ký tự điều khiển hướng chữ {name} không được phép: nó làm chữ hiện sai thứ tự, người đọc"
            " không thấy; hãy xóa ký tự này (thường dính vào khi chép từ nơi khác)"
        )
    if re.match(f"[{INVISIBLE}]", ch):
        return (
            f"ký tự vô hình {name} không được phép (không nhìn thấy trên màn hình, làm sai tên và mã);"
            " hãy xóa ký tự này"
        )
    return f"ký tự điều khiển {name} không được phép (không đưa được vào văn bản Word); hãy xóa ký tự này"


def _may_nest_deeply(text: str) -> bool:
    """A cheap bound on the nesting: each level needs a flow bracket, indentation or a "- " on its line."""
    brackets = text.count("[") + text.count("{")
    if brackets > MAX_DEPTH:
        return True
    deepest = max((len(x) - len(x.lstrip(" ")) + x.count("- ") for x in text.split("\n")), default=0)
    return brackets + deepest > MAX_DEPTH


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where the nesting passes MAX_DEPTH, found from libyaml's events (its parser does not recurse)."""
    parser = yaml.CSafeLoader(text)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # the syntax error is reported by the real parse
    finally:
        parser.dispose()
    return None


_YAML_PROBLEMS: list[tuple[str, str]] = [
    (
        "found character that cannot start any token",
        "ký tự không hợp lệ ở đầu giá trị; nếu đây là ký tự tab, YAML không cho thụt lề bằng"
        " tab: hãy dùng dấu cách",
    ),
    (
        "found a tab character",
        "YAML không cho thụt lề bằng tab: hãy thay tab bằng dấu cách",
    ),
    (
        "mapping values are not allowed",
        "dấu ':' không đúng chỗ: có thể thiếu dấu cách sau ':', thụt lề sai, hoặc giá trị chứa"
        " ': ' cần đặt trong dấu nháy",
    ),
    ("could not find expected ':'", "thiếu dấu ':' sau tên trường"),
    ("did not find expected key", "thụt lề không khớp: dòng này không thẳng hàng với các trường"),
    ("did not find expected '-' indicator", "thụt lề không khớp với danh sách (các dòng '- ...')"),
    ("did not find expected node content", "thiếu giá trị ở đây"),
    ("found undefined alias", "alias (*tên) chưa được định nghĩa bằng anchor (&tên)"),
    (
        "found unexpected end of stream",
        "tệp kết thúc bất ngờ: có thể thiếu dấu nháy đóng hoặc dấu ngoặc đóng",
    ),
    ("found unknown escape character", "chuỗi trong dấu nháy kép có ký tự thoát '\\' không hợp lệ"),
    ("but found another document", "tệp chứa nhiều tài liệu YAML ('---'): mỗi tệp chỉ được một"),
    ("found duplicate anchor", "anchor (&tên) bị định nghĩa hai lần"),
    ("expected ',' or ']'", "danh sách trong [...] thiếu dấu ',' hoặc ']'"),
    ("expected ',' or '}'", "bảng trong {...} thiếu dấu ',' hoặc '}'"),
    ("found unexpected ':'", "dấu ':' không đúng chỗ"),
    ("while scanning a simple key", "thiếu dấu ':' sau tên trường"),
    ("expected <block end>", "thụt lề không khớp"),
    ("expected a comment or a line break", "sau giá trị này chỉ được có chú thích (#) hoặc xuống dòng"),
    ("exceeded maximum nesting depth", "tệp lồng quá sâu (quá nhiều cấp danh sách, bảng lồng nhau)"),
]


def translate_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    """A Vietnamese explanation of a libyaml syntax error, keeping the original for search."""
    problem = exc.problem or ""
    context = exc.context or ""
    for needle, message in _YAML_PROBLEMS:
        if needle in problem or needle in context:
            return f"lỗi cú pháp YAML: {message}"
    return f"lỗi cú pháp YAML: {problem or context}"


class _Builder:
    """Turns a composed node tree into Python values, recording problems instead of raising."""

    def __init__(self, shown_path: str, *, budget: int) -> None:
        self.shown_path = shown_path
        self.diagnostics: list[Diagnostic] = []
        self.count = 0
        self.chars = 0
        self.budget = budget
        self.active: set[int] = set()
        self.exploded = False
        self.recursive = False

    def problem(self, node: yaml.Node, message: str, code: str) -> None:
        mark = node.start_mark
        self.diagnostics.append(
            Diagnostic(self.shown_path, mark.line + 1, mark.column + 1, message, code=code)
        )

    def build(self, node: yaml.Node) -> Any:
        self.count += 1
        if isinstance(node, yaml.ScalarNode):
            self.chars += len(node.value)
        if self.count > MAX_NODES or self.chars > self.budget:
            if not self.exploded:
                self.exploded = True
                self.problem(
                    node,
                    f"tệp mở rộng ra quá {MAX_NODES:,} giá trị".replace(",", ".")
                    + f" hoặc quá {MAX_EXPANSION} lần độ dài của tệp (alias '*' lặp lại: 'alias bomb');"
                    " hãy viết các giá trị trực tiếp, không dùng anchor/alias lồng nhau",
                    codes.ALIAS_BOMB,
                )
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        key = id(node)
        if key in self.active:
            self.recursive = True
            self.problem(
                node, "alias đệ quy (một giá trị tự chứa chính nó) không được phép", codes.ALIAS_BOMB
            )
            return None
        self.active.add(key)
        try:
            if isinstance(node, yaml.SequenceNode):
                if node.tag != _SEQ_TAG:
                    self.unsupported_tag(node)
                    return None
                return [self.build(child) for child in node.value]
            if isinstance(node, yaml.MappingNode):
                if node.tag != _MAP_TAG:
                    self.unsupported_tag(node)
                    return None
                return self.mapping(node)
        finally:
            self.active.discard(key)
        return None  # pragma: no cover - libyaml only makes these three node kinds

    def unsupported_tag(self, node: yaml.Node) -> None:
        self.problem(
            node,
            f"thẻ YAML '{node.tag}' không được hỗ trợ; chỉ dùng chuỗi, số, ngày, true/false,"
            " danh sách và bảng",
            codes.UNSUPPORTED_TAG,
        )

    def mapping(self, node: yaml.MappingNode) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, "tên trường phải là một chuỗi đơn giản", codes.BAD_KEY)
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(
                    key_node,
                    "khóa gộp '<<' không được hỗ trợ; hãy viết các trường trực tiếp",
                    codes.UNSUPPORTED_TAG,
                )
                continue
            key = unicodedata.normalize("NFC", str(key_node.value))
            if key in first_seen:
                earlier = first_seen[key].start_mark
                self.problem(
                    key_node,
                    f"trường '{key}' bị lặp (đã có ở dòng {earlier.line + 1}); YAML chỉ giữ một"
                    " giá trị nên dữ liệu sẽ mất: hãy xóa hoặc gộp một trong hai",
                    codes.DUPLICATE_KEY,
                )
                continue
            first_seen[key] = key_node
            result[key] = self.build(value_node)
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag not in _SAFE_SCALAR_TAGS:
            self.unsupported_tag(node)
            return None
        if tag.endswith(":str"):
            value: str = node.value
            if _FORBIDDEN_CHARS.search(value):
                self.problem(
                    node,
                    "chuỗi chứa ký tự điều khiển (viết bằng mã thoát '\\x..') không đưa được vào"
                    " văn bản Word; hãy xóa ký tự này",
                    codes.CONTROL_CHARACTER,
                )
                return _FORBIDDEN_CHARS.sub("", value)
            return value if value.isascii() else unicodedata.normalize("NFC", value)
        if tag.endswith((":int", ":float")) and not node.style and _YAML11_NUMBER.match(node.value):
            self.problem(
                node,
                f"'{node.value}' không được hiểu rõ ràng là một số (số 0 ở đầu, dấu ':' hay '_' làm YAML đọc"
                " thành số khác); ghi số bình thường, ví dụ 10, 8.5; nếu là chữ hoặc số hiệu văn bản,"
                f' đặt trong dấu nháy: "{node.value}"',
                codes.BAD_SCALAR,
            )
            return None
        try:
            if tag.endswith(":int"):
                if len(node.value.lstrip("+-")) > MAX_DIGITS:
                    self.problem(
                        node, f"số quá lớn (quá {MAX_DIGITS} chữ số); kiểm tra lại số liệu", codes.BAD_SCALAR
                    )
                    return None
                return _constructor.construct_yaml_int(node)
            if tag.endswith(":float"):
                number: float = _constructor.construct_yaml_float(node)
                if number != number or number in (float("inf"), float("-inf")):
                    self.problem(
                        node,
                        f"'{node.value}' không phải một số (YAML đọc là 'không phải số' hoặc vô cực); ghi một"
                        " số, ví dụ 8.5",
                        codes.BAD_SCALAR,
                    )
                    return None
                return YamlFloat(number, node.value)
            if tag.endswith(":bool"):
                return _constructor.construct_yaml_bool(node)
            if tag.endswith(":null"):
                return None
            stamp = _constructor.construct_yaml_timestamp(node)
            if isinstance(stamp, datetime):
                self.problem(
                    node,
                    f"'{node.value}' có cả giờ: ở đây chỉ ghi ngày, ví dụ 2026-01-15",
                    codes.BAD_SCALAR,
                )
                return None
            return stamp
        except (ValueError, OverflowError):
            self.problem(
                node,
                f"'{node.value}' không phải ngày hoặc số hợp lệ; ngày viết dạng NĂM-THÁNG-NGÀY,"
                " ví dụ 2026-01-15",
                codes.BAD_SCALAR,
            )
            return None

"""Body templates: Markdown with Jinja, rendered in a sandbox, data escaped, work bounded.

Templates come from `templates/` or from an office's own file (`--template`), so they are
untrusted: Jinja's immutable sandbox, undefined names are errors, and every value a template
prints is escaped for Markdown, so text such as "VH&TT", "<b>", "1. ..." or "{{ x }}" inside
the YAML data is shown as written and can never change the document's structure.

The work a template may do is bounded three ways: in Jinja (no huge `*`, `**` or repeat
arguments, an output and time budget), by the operating system (on Linux the template runs in
a forked child with limits on memory and CPU time, killed at the deadline: one C-level
operation such as `9 ** (9 ** 9)` cannot be interrupted from inside), and after it (the
Markdown may not exceed a number of lines, which bounds the Word build). `{% include %}` reads
only regular files inside the template's own folder.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from tcpl import escaping, textfmt
from tcpl.errors import ConfigError, byte_line_col, display_path
from tcpl.isolation import Failed, Runaway, run_isolated
from tcpl.resources import data_dir
from tcpl.safeio import ReadRefused, read_regular, resolved

# A body template is a few pages of text; anything far larger or slower is a runaway loop in an
# untrusted template (the sandbox bounds each range(), not loops nested inside each other).
MAX_OUTPUT_CHARS = 2_000_000
MAX_OUTPUT_LINES = 10_000
"""Markdown lines a body may have: the Word build takes seconds for ten thousand paragraphs."""
TIME_LIMIT_SECONDS = 5.0
MEMORY_LIMIT_BYTES = 768 * 1024 * 1024
"""Memory a template may take beyond what tcpl already uses (Linux, in the child process)."""
MAX_TEMPLATE_BYTES = 512 * 1024
MAX_POWER = 64
"""The largest exponent `**` takes (10 ** 64 is more than any figure of a commune)."""


class _RunawayTemplate(Exception):
    """Raised inside rendering when a template exceeds the output or time budget."""


def _limited_concat(parts: Iterable[str]) -> str:
    out: list[str] = []
    size = 0
    deadline = time.monotonic() + TIME_LIMIT_SECONDS
    for part in parts:
        size += len(part)
        if size > MAX_OUTPUT_CHARS or time.monotonic() > deadline:
            raise _RunawayTemplate
        out.append(part)
    return "".join(out)


_SYNTAX_MESSAGES = (
    (
        re.compile(r"^Unexpected end of template"),
        "mẫu hết mà còn khối chưa đóng (thiếu {% endfor %}, {% endif %}...)",
    ),
    (re.compile(r"^Encountered unknown tag '([^']+)'"), "thẻ '{0}' không có trong Jinja (hoặc đặt sai chỗ)"),
    (re.compile(r"^unexpected '([^']+)'"), "ký tự '{0}' không đúng chỗ"),
    (re.compile(r"^unexpected end of template"), "mẫu hết giữa chừng một biểu thức"),
    (re.compile(r"^expected token '([^']+)', got '([^']+)'"), "cần '{0}' nhưng gặp '{1}'"),
    (re.compile(r"^unexpected char '(.+?)'"), "ký tự {0} không đúng chỗ"),
)


_TOKEN_NAMES = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "end of template": "hết mẫu",
    "begin of print statement": "{{",
    "begin of statement block": "{%",
}


def _syntax_message(message: str | None) -> str:
    text = message or ""
    for pattern, vietnamese in _SYNTAX_MESSAGES:
        m = pattern.search(text)
        if m:
            for n, group in enumerate(m.groups()):
                vietnamese = vietnamese.replace(f"{{{n}}}", _TOKEN_NAMES.get(group, group))
            return vietnamese
    return f"Jinja báo: {text}"


class Raw(str):
    """Markdown a template means literally (from the `raw` filter): not escaped."""


def escape_markdown(value: Any) -> str:
    """Text as Markdown that renders exactly as the text (one line)."""
    return escaping.markdown(" ".join(str(value).splitlines()))


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool | int | float):
        return escape_markdown(textfmt.number(value) if isinstance(value, float) else value)
    return escape_markdown(value)


def letter(n: int) -> str:
    """1 -> a, 2 -> b (điểm numbering, Vietnamese alphabet order without f, j, w, z)."""
    alphabet = "abcdđeghiklmnopqrstuvxy"
    return alphabet[(n - 1) % len(alphabet)]


def sentence(value: Any) -> str:
    """A sentence as a document prints it: spaces tidied and a full stop at the end."""
    text = " ".join(str(value).split()).rstrip(",;")
    if not text or text[-1] in ".!?…:" or text.endswith("./."):
        return text
    return text + "."


def lower_first(value: Any) -> str:
    """ "Thực hiện Quy định ..." -> "thực hiện Quy định ..." to continue a sentence; names and
    abbreviations (a first word in capitals or with digits) are left as they are."""
    text = " ".join(str(value).split())
    first = text.split(" ", 1)[0] if text else ""
    if not first or first.isupper() or any(ch.isdigit() for ch in first) or first[1:] != first[1:].lower():
        return text
    return text[0].lower() + text[1:]


class _FolderLoader(BaseLoader):
    """Templates from one folder only: a name, an `include` or an `extends` cannot leave it.

    Jinja's FileSystemLoader follows symbolic links; this one resolves the file and refuses
    anything outside the folder, anything that is not a regular file, and anything too big.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = resolved(folder)

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        parts = split_template_path(template)  # refuses ".." and absolute names
        candidate = self.folder.joinpath(*parts)
        try:
            real = resolved(candidate)
        except OSError:
            raise TemplateNotFound(template) from None
        if not real.is_relative_to(self.folder):
            raise SecurityError(f"mẫu '{template}' nằm ngoài thư mục mẫu")
        try:
            raw = read_regular(real, max_bytes=MAX_TEMPLATE_BYTES)
        except ReadRefused:
            raise TemplateNotFound(template) from None
        return raw.decode("utf-8"), str(real), lambda: True


def _bounded_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_OUTPUT_CHARS


class _Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox, refusing single operations that would build too much before any budget sees it."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _is_number(left) and _is_number(right):
            if abs(right) > MAX_POWER and abs(left) > 1:
                raise SecurityError("lũy thừa quá lớn")
        elif operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(count, int):
                    if len(seq) * count > MAX_OUTPUT_CHARS:
                        raise SecurityError("chuỗi lặp quá dài")
            if _is_number(left) and _is_number(right) and _bits(left) + _bits(right) > 4096:
                raise SecurityError("tích quá lớn")
        elif operator == "+" and isinstance(left, str | list) and isinstance(right, str | list):
            if len(left) + len(right) > MAX_OUTPUT_CHARS:
                raise SecurityError("chuỗi quá dài")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if any(_bounded_int(a) for a in (*args, *kwargs.values())):
            raise SecurityError("tham số quá lớn")
        return super().call(__context, __obj, *args, **kwargs)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _bits(value: Any) -> int:
    if isinstance(value, float):
        return 64
    return int(abs(value)).bit_length()


def _guarded(f: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses a huge width or count (`center(10 ** 9)` builds a gigabyte at once)."""

    @functools.wraps(f)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if any(_bounded_int(a) for a in (*args, *kwargs.values())):
            raise SecurityError("tham số quá lớn")
        return f(*args, **kwargs)

    return guarded


def environment(folder: Path) -> ImmutableSandboxedEnvironment:
    env = _Sandbox(
        loader=_FolderLoader(folder),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.concat = _limited_concat  # type: ignore[method-assign]
    env.globals.update(
        roman=textfmt.roman, letter=letter, long_date=textfmt.long_date, short_date=textfmt.short_date
    )
    env.filters.update(
        raw=lambda v: Raw(v),
        number=textfmt.number,
        percent=textfmt.percent,
        upper_vi=lambda v: str(v).upper(),
        lower_first=lower_first,
        sentence=sentence,
    )
    env.filters = {name: _guarded(f) for name, f in env.filters.items()}
    return env


def render_template(name_or_path: str | Path, context: dict[str, Any]) -> str:
    """Render a body template (a name in templates/, or a path) to Markdown."""
    path = Path(name_or_path)
    if path.suffix and (path.is_file() or path.parent != Path(".")):
        if not path.is_file():
            raise ConfigError(f"không tìm thấy mẫu '{display_path(path)}'")
        folder = path.parent
        name = path.name
        shown = display_path(path)
    else:
        folder = data_dir("templates")
        name = str(name_or_path)
        shown = f"templates/{name}"
    text = _isolated(lambda: _render(folder, name, shown, context), shown)
    lines = text.count("\n")
    if lines > MAX_OUTPUT_LINES:
        raise ConfigError(
            f"{shown}: mẫu tạo ra {lines:,} dòng (tối đa {MAX_OUTPUT_LINES:,}); một thân văn bản chỉ vài trang".replace(
                ",", "."
            )
        )
    return text


def _render(folder: Path, name: str, shown: str, context: dict[str, Any]) -> str:
    env = environment(folder)
    try:
        return env.get_template(name).render(**context)
    except TemplateSyntaxError as exc:
        raise ConfigError(
            f"{shown}:{exc.lineno}: mẫu sai cú pháp Jinja: {_syntax_message(exc.message)}. Sửa dòng"
            f" {exc.lineno} của mẫu."
        ) from None
    except UnicodeDecodeError as exc:
        line, col = byte_line_col(exc.object, exc.start)
        raise ConfigError(
            f"{shown}:{line}:{col}: mẫu không phải văn bản UTF-8; mở mẫu bằng trình soạn thảo và lưu lại"
            " với bảng mã UTF-8"
        ) from None
    except _RunawayTemplate:
        raise ConfigError(_runaway(shown)) from None
    except TemplateNotFound as exc:
        raise ConfigError(f"{shown}: không tìm thấy mẫu '{exc.name}' trong thư mục của mẫu") from None
    except UndefinedError as exc:
        names = re.findall(r"'([^']+)'", exc.message or "")
        missing = names[-1] if names else (exc.message or "")
        raise ConfigError(f"{shown}: mẫu dùng tên '{missing}' không có trong dữ liệu") from None
    except (SecurityError, OverflowError, RecursionError, MemoryError):
        raise ConfigError(
            f"{shown}: mẫu làm việc không được phép trong môi trường an toàn (truy cập nội bộ, phép tính hoặc"
            " vòng lặp quá lớn, đọc tệp ngoài thư mục mẫu)"
        ) from None
    except TemplateError as exc:
        raise ConfigError(f"{shown}: lỗi mẫu: {exc}") from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError) as exc:
        raise ConfigError(f"{shown}: lỗi khi điền mẫu: {type(exc).__name__}: {exc}") from None


def _runaway(shown: str) -> str:
    return (
        f"{shown}: mẫu tạo ra văn bản quá lớn hoặc chạy quá {TIME_LIMIT_SECONDS:g} giây (vòng lặp lồng"
        " nhau?); một thân văn bản chỉ vài trang"
    )


def _isolated(render: Callable[[], str], shown: str) -> str:
    """Run `render` in a bounded child process (tcpl.isolation): a runaway template is an error."""
    try:
        return run_isolated(
            render,
            seconds=TIME_LIMIT_SECONDS,
            memory_bytes=MEMORY_LIMIT_BYTES,
            max_answer_bytes=8 * MAX_OUTPUT_CHARS + 4096,
            passthrough=(ConfigError,),
        )
    except Runaway as exc:
        raise ConfigError(_memory(shown) if exc.reason == "memory" else _runaway(shown)) from None
    except Failed as exc:
        raise ConfigError(f"{shown}: lỗi khi điền mẫu: {exc.kind}: {exc}") from None


def _memory(shown: str) -> str:
    return f"{shown}: mẫu dùng quá nhiều bộ nhớ hoặc thời gian và đã bị dừng; một thân văn bản chỉ vài trang"


_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def split_front_matter(markdown: str) -> tuple[dict[str, list[str]], str]:
    """Header lines a template sets for the frame ("subject: ...") and the body after them.

    A template may start with lines between `---` markers; each is `key: value` and a key may
    repeat (a subject on two lines). Values were escaped for Markdown; the escape is undone.
    """
    text = markdown.lstrip("\n")
    if not text.startswith("---\n"):
        return {}, markdown
    end = text.find("\n---", 4)
    if end < 0:
        return {}, markdown
    meta: dict[str, list[str]] = {}
    for line in text[4:end].splitlines():
        if ":" not in line:
            continue
        key, _, value = line.partition(":")
        value = _UNESCAPE.sub(r"\1", value.strip())
        if value:
            meta.setdefault(key.strip(), []).append(value)
    return meta, text[end + 4 :].lstrip("\n")

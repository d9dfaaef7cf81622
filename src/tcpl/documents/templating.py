"""Body templates: Markdown with Jinja, rendered in a sandbox, data escaped.

Templates come from `templates/` or from an office's own file (`--template`), so they are
untrusted: Jinja's immutable sandbox, undefined names are errors, and every value a template
prints is escaped for Markdown, so text such as "VH&TT", "<b>", "1. ..." or "{{ x }}" inside
the YAML data is shown as written and can never change the document's structure.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from tcpl import textfmt
from tcpl.errors import ConfigError, byte_line_col, display_path
from tcpl.resources import data_dir

# Characters that can start Markdown syntax anywhere in a line...
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# ...and constructs that only matter at the start of a line (a value may begin one).
_MD_LINE_START = re.compile(r"^(\s*)(?:([-+#>=])|(\d{1,9})([.)]))")


# A body template is a few pages of text; anything far larger or slower is a runaway loop in an
# untrusted template (the sandbox bounds each range(), not loops nested inside each other).
MAX_OUTPUT_CHARS = 5_000_000
TIME_LIMIT_SECONDS = 10.0


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


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Stop loops that print nothing (which the output budget cannot see): an alarm, where one
    can be set (the main thread of a POSIX process, as in the CLI)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _RunawayTemplate

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
    text = " ".join(str(value).split("\n")) if "\n" in str(value) else str(value)
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(
        lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}"), text
    )


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool | int | float):
        return escape_markdown(textfmt.number(value) if isinstance(value, float) else value)
    return escape_markdown(value)


def roman(n: int) -> str:
    """1 -> I, 4 -> IV (mục numbering)."""
    out = []
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def letter(n: int) -> str:
    """1 -> a, 2 -> b (điểm numbering, Vietnamese alphabet order without f, j, w, z)."""
    alphabet = "abcdđeghiklmnopqrstuvxy"
    return alphabet[(n - 1) % len(alphabet)]


def lower_first(value: Any) -> str:
    """ "Thực hiện Quy định ..." -> "thực hiện Quy định ..." to continue a sentence; names and
    abbreviations (a first word in capitals or with digits) are left as they are."""
    text = " ".join(str(value).split())
    first = text.split(" ", 1)[0] if text else ""
    if not first or first.isupper() or any(ch.isdigit() for ch in first) or first[1:] != first[1:].lower():
        return text
    return text[0].lower() + text[1:]


def environment(search: list[Path]) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader([str(p) for p in search]),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.concat = _limited_concat  # type: ignore[method-assign]
    env.globals.update(roman=roman, letter=letter, long_date=textfmt.long_date, short_date=textfmt.short_date)
    env.filters.update(
        raw=lambda v: Raw(v),
        number=textfmt.number,
        percent=textfmt.percent,
        upper_vi=lambda v: str(v).upper(),
        lower_first=lower_first,
    )
    return env


def render_template(name_or_path: str | Path, context: dict[str, Any]) -> str:
    """Render a body template (a name in templates/, or a path) to Markdown."""
    path = Path(name_or_path)
    if path.suffix and (path.is_file() or path.parent != Path(".")):
        if not path.is_file():
            raise ConfigError(f"không tìm thấy mẫu '{display_path(path)}'")
        env = environment([path.parent.resolve()])
        name = path.name
        shown = display_path(path)
    else:
        env = environment([data_dir("templates")])
        name = str(name_or_path)
        shown = f"templates/{name}"
    try:
        template = env.get_template(name)
        with _time_limit(TIME_LIMIT_SECONDS):
            return template.render(**context)
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
        raise ConfigError(
            f"{shown}: mẫu tạo ra văn bản quá lớn hoặc chạy quá {TIME_LIMIT_SECONDS:g} giây (vòng lặp lồng"
            " nhau?); một thân văn bản chỉ vài trang"
        ) from None
    except UndefinedError as exc:
        names = re.findall(r"'([^']+)'", exc.message or "")
        name = names[-1] if names else (exc.message or "")
        raise ConfigError(f"{shown}: mẫu dùng tên '{name}' không có trong dữ liệu") from None
    except (SecurityError, OverflowError, RecursionError, MemoryError):
        raise ConfigError(
            f"{shown}: mẫu làm việc không được phép trong môi trường an toàn (truy cập nội bộ, vòng lặp quá lớn)"
        ) from None
    except TemplateError as exc:
        raise ConfigError(f"{shown}: lỗi mẫu: {exc}") from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError) as exc:
        raise ConfigError(f"{shown}: lỗi khi điền mẫu: {type(exc).__name__}: {exc}") from None


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

"""Untrusted body templates: clear Vietnamese errors, bounded output and time."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from tcpl.documents import templating
from tcpl.documents.templating import render_template
from tcpl.errors import ConfigError


def _template(tmp_path: Path, body: bytes | str) -> Path:
    path = tmp_path / "mau.md.j2"
    if isinstance(body, str):
        path.write_text(body, encoding="utf-8")
    else:
        path.write_bytes(body)
    return path


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("Dòng 1\n{% for x in items %}\n", 2, "còn khối chưa đóng"),
        ("{{ year }", 1, "ký tự '}' không đúng chỗ"),
        ("a\nb\n{% fore x %}", 3, "thẻ 'fore' không có trong Jinja"),
        ("{{ a b }}", 1, "cần '}}' nhưng gặp 'b'"),
    ],
)
def test_syntax_errors_name_the_line_in_vietnamese(
    tmp_path: Path, body: str, line: int, message: str
) -> None:
    with pytest.raises(ConfigError) as info:
        render_template(_template(tmp_path, body), {"items": [], "year": 2026})
    text = str(info.value)
    assert f"mau.md.j2:{line}: mẫu sai cú pháp Jinja" in text and message in text
    assert "expected" not in text and "Unexpected" not in text


def test_a_template_not_in_utf8_is_located(tmp_path: Path) -> None:
    path = _template(tmp_path, "Dòng một\nXin ch".encode() + b"\xe0o {{ year }}\n")
    with pytest.raises(ConfigError) as info:
        render_template(path, {"year": 2026})
    assert "mau.md.j2:2:7: mẫu không phải văn bản UTF-8" in str(info.value)


def test_runaway_output_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templating, "MAX_OUTPUT_CHARS", 100_000)
    path = _template(
        tmp_path, "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}"
    )
    with pytest.raises(ConfigError, match="quá lớn"):
        render_template(path, {})


def test_a_silent_loop_is_stopped_and_the_alarm_restored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templating, "TIME_LIMIT_SECONDS", 0.3)
    path = _template(
        tmp_path, "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
    )
    start = time.monotonic()
    with pytest.raises(ConfigError, match=r"0\.3 giây"):
        render_template(path, {})
    assert time.monotonic() - start < 5
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.default_int_handler, None)


def test_a_normal_template_is_unaffected(tmp_path: Path) -> None:
    path = _template(tmp_path, "{% for i in range(3) %}Năm {{ year + i }}\n{% endfor %}")
    assert render_template(path, {"year": 2026}) == "Năm 2026\nNăm 2027\nNăm 2028\n"

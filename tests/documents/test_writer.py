"""Writing files: atomic, never over special files, readable by colleagues, no silent overwrite."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from tcpl.documents.writer import write_text_atomic
from tcpl.textfmt import percent
from tests.conftest import EXAMPLE


def test_new_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "a.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o644


def test_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_pipe_is_written_into_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_text_atomic(fifo, "dữ liệu")
    reader.join(timeout=10)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received == ["dữ liệu".encode()]


def test_a_symlink_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_pdf_is_not_overwritten_without_force(tcpl, tmp_path: Path) -> None:
    (tmp_path / "kh.pdf").write_bytes(b"old pdf")
    result = tcpl(
        "plan", "render", str(EXAMPLE / "2023" / "plan.yaml"), "-o", str(tmp_path / "kh.docx"), "--pdf"
    )
    assert result.exit_code == 2 and "kh.pdf' đã có" in result.stderr
    assert (tmp_path / "kh.pdf").read_bytes() == b"old pdf"
    assert not (tmp_path / "kh.docx").exists()  # nothing written when the command cannot finish


@pytest.mark.parametrize(
    ("ratio", "text"),
    [(3999 / 4000, "99,9%"), (1.0, "100%"), (10 / 12, "83,3%"), (9 / 11, "81,8%"), (0.0, "0%")],
)
def test_percent_is_truncated_so_a_failing_ratio_never_shows_100(ratio: float, text: str) -> None:
    assert percent(ratio) == text

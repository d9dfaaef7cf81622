"""Reading and writing files: only regular files, bounded, never through a link, never lost."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tcpl import safeio
from tcpl.errors import UsageError
from tcpl.safeio import FileAccessError, ReadRefused, read_regular, write_atomic, write_text_atomic

# --- reading -----------------------------------------------------------------------------


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "assessment.yaml"
    os.mkfifo(fifo)
    start = time.monotonic()
    with pytest.raises(ReadRefused, match="không phải tệp thường"):
        read_regular(fifo, max_bytes=1000)
    assert time.monotonic() - start < 2


def test_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "commune.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(ReadRefused, match="không phải tệp thường"):
        read_regular(link, max_bytes=1000)


def test_reading_stops_at_the_limit_whatever_the_size_claims(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a" * 5000)
    with pytest.raises(ReadRefused) as info:
        read_regular(big, max_bytes=1000)
    assert info.value.too_big
    # /proc files say they are empty and are not: the read itself is bounded
    with pytest.raises(ReadRefused) as info:
        read_regular(Path("/proc/self/maps"), max_bytes=10)
    assert info.value.too_big


def test_an_unreadable_file_says_why_in_vietnamese(tmp_path: Path) -> None:
    with pytest.raises(ReadRefused, match="không có tệp hoặc thư mục này"):
        read_regular(tmp_path / "none.yaml", max_bytes=10)


# --- writing -----------------------------------------------------------------------------


def test_new_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "a.txt", "x", force=False)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o644


def test_existing_file_keeps_its_mode_and_needs_force(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    with pytest.raises(UsageError, match="đã có; dùng --force"):
        write_text_atomic(target, "new", force=False)
    assert target.read_text(encoding="utf-8") == "old"
    write_text_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_pipe_is_written_into_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_text_atomic(fifo, "dữ liệu", force=True)
    reader.join(timeout=10)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received == ["dữ liệu".encode()]


def test_a_link_in_the_working_folder_is_never_written_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("giữ nguyên", encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "tcpl.xml").symlink_to(outside)
    monkeypatch.chdir(repo)
    with pytest.raises(UsageError, match="liên kết"):
        write_text_atomic(Path("tcpl.xml"), "report", force=True)
    assert outside.read_text(encoding="utf-8") == "giữ nguyên"
    # nor through a linked folder leading out of the working folder
    (repo / "out").symlink_to(tmp_path)
    with pytest.raises(UsageError, match="trỏ ra ngoài"):
        write_text_atomic(Path("out/report.xml"), "report", force=True)
    assert not (tmp_path / "report.xml").exists()


def test_a_link_the_user_names_outside_the_working_folder_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_text_atomic(link, "new", force=True)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_an_input_of_the_command_is_protected(tmp_path: Path) -> None:
    source = tmp_path / "assessment.yaml"
    source.write_text("year: 2026\n", encoding="utf-8")
    with pytest.raises(UsageError, match="tệp đầu vào"):
        safeio.check_target(source, force=True, protect=frozenset({source}))


def test_a_file_created_meanwhile_is_not_replaced_without_force(tmp_path: Path) -> None:
    """Two runs racing to one new name: the second does not silently overwrite the first."""
    target = tmp_path / "ke-hoach.docx"

    def write(stream: object) -> None:
        target.write_text("the other run", encoding="utf-8")  # appears after the first check
        stream.write(b"this run")  # type: ignore[attr-defined]

    with pytest.raises(UsageError, match="đã có"):
        write_atomic(target, write, force=False)
    assert target.read_text(encoding="utf-8") == "the other run"
    assert [p.name for p in tmp_path.iterdir()] == ["ke-hoach.docx"]  # no temporary file left


def test_nothing_is_on_disk_while_the_output_is_built(tmp_path: Path) -> None:
    seen: list[list[str]] = []
    write_atomic(
        tmp_path / "a.docx", lambda s: seen.append(os.listdir(tmp_path)) or s.write(b"x"), force=False
    )
    assert seen == [[]]


def test_a_killed_run_leaves_no_temporary_file_behind(tmp_path: Path) -> None:
    script = (
        "import sys, time; from pathlib import Path; from tcpl.safeio import write_atomic\n"
        "from tcpl.cli.main import Terminated, _terminate\n"
        "import signal; signal.signal(signal.SIGTERM, _terminate)\n"
        "write_atomic(Path(sys.argv[1]), lambda s: (time.sleep(30), s.write(b'x')), force=False)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "out.docx")], stderr=subprocess.PIPE
    )
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=20)
    assert os.listdir(tmp_path) == []
    # SIGKILL cannot be caught: a temporary file it leaves is removed by the next write there
    stale = tmp_path / ".out.docx.tcpl-999999-0badc0de.tmp"
    stale.write_bytes(b"half")
    write_text_atomic(tmp_path / "out.docx", "whole", force=False)
    assert sorted(os.listdir(tmp_path)) == ["out.docx"]


def test_a_full_disk_is_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match="ổ đĩa đã đầy"):
        write_text_atomic(Path("/dev/full"), "x" * 10000, force=True)


def test_a_read_only_folder_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def refuse(path: object, flags: int, *args: object) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(safeio.os, "open", refuse)
    with pytest.raises(FileAccessError, match="chỉ cho đọc"):
        write_text_atomic(tmp_path / "a.docx", "x", force=False)
    assert os.listdir(tmp_path) == []

"""Reading and writing files safely: the one place tcpl touches the file system for data.

Reading: only regular files, never blocking (a FIFO, a device), never more than a limit (a
symlink to /dev/zero, a file that lies about its size in /proc).

Writing: the whole output is built in memory, then written to a temporary file in the target's
folder and renamed over the target, so a failure (a full disk, an interrupt) never leaves a
broken or half-written file. Without `force` the rename never replaces a file, even one created
meanwhile by another run. A symbolic link inside the working folder (one a repository can
carry) is never followed: tcpl will not write through it to a file elsewhere.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from tcpl.errors import TcplError, UsageError, display_path


class FileAccessError(TcplError):
    """A file could not be read or written because of the system (disk full, no permission...)."""


_ERRNO_WORDS = {
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "ổ đĩa hoặc thư mục chỉ cho đọc",
    errno.EISDIR: "đây là một thư mục",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.ELOOP: "liên kết (symlink) vòng tròn",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EAGAIN: "tệp chưa có dữ liệu để đọc (tệp đặc biệt)",
    errno.EDQUOT: "hết hạn mức dung lượng",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.EIO: "lỗi đọc ghi của ổ đĩa",
    errno.EXDEV: "không đổi tên được qua hai ổ đĩa",
    errno.EBUSY: "tệp đang được dùng",
}


def os_error_words(exc: OSError) -> str:
    """A Vietnamese explanation of an OSError (the system's own text is English)."""
    if exc.errno in _ERRNO_WORDS:
        return _ERRNO_WORDS[exc.errno]
    return f"lỗi hệ thống {errno.errorcode.get(exc.errno or 0, exc.errno)}"


# --- reading ---------------------------------------------------------------------------------


class ReadRefused(Exception):
    """A file that must not be read (not a regular file, too big, unreadable); `str()` says why."""

    def __init__(self, message: str, *, too_big: bool = False) -> None:
        super().__init__(message)
        self.too_big = too_big


def read_regular(path: Path, *, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; ReadRefused otherwise.

    The file is opened without blocking (a FIFO or a device would hang a CI job) and read up to
    one byte more than the limit, whatever size the system claims.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ReadRefused(f"không đọc được tệp: {os_error_words(exc)}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadRefused(
                "không phải tệp thường (là thiết bị, đường ống hoặc tệp đặc biệt): tcpl chỉ đọc tệp thường"
            )
        if info.st_size > max_bytes:
            raise ReadRefused(_too_big(info.st_size, max_bytes), too_big=True)
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            try:
                chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            except BlockingIOError:
                raise ReadRefused(f"không đọc được tệp: {_ERRNO_WORDS[errno.EAGAIN]}") from None
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:
            raise ReadRefused(_too_big(size, max_bytes), too_big=True)
        return b"".join(chunks)
    except OSError as exc:
        raise ReadRefused(f"không đọc được tệp: {os_error_words(exc)}") from None
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, *, max_bytes: int) -> bytes:
    """At most `max_bytes` from a stream (standard input); ReadRefused beyond that."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReadRefused(_too_big(None, max_bytes), too_big=True)  # the rest is never read
    return data


def _too_big(size: int | None, limit: int) -> str:
    told = f"{size / 1_048_576:.1f} MB, tối đa" if size is not None else "hơn"
    return (
        f"tệp quá lớn ({told} {limit / 1_048_576:g} MB);"
        " hãy tách tệp hoặc kiểm tra xem có phải tệp của tcpl không"
    ).replace(".", ",", 1)


# --- containment -----------------------------------------------------------------------------


def is_inside(path: Path, root: Path) -> bool:
    """True when `path` (resolved) lies in `root` (resolved)."""
    try:
        return resolved(path).is_relative_to(resolved(root))
    except OSError:
        return False


def resolved(path: Path) -> Path:
    """`path.resolve()` that reports a symlink loop as an OSError (ELOOP), not a RuntimeError."""
    try:
        return path.resolve()
    except RuntimeError:
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path)) from None


def _under_cwd(path: Path) -> bool:
    """The path, as written, names something in the working folder (where a repository's files are)."""
    return Path(os.path.abspath(path)).is_relative_to(Path(os.path.abspath(os.getcwd())))


# --- writing ---------------------------------------------------------------------------------

STDOUT = Path("-")
"""`-o -`: standard output, for the text formats."""
STDIN = Path("-")
"""`tcpl validate -`: standard input."""


def check_target(path: Path, *, force: bool, protect: frozenset[Path] = frozenset()) -> None:
    """Refuse, before any work, a target tcpl must not write (nothing is lost silently).

    `protect` holds files that are inputs of the command: they are never written over.
    """
    if path == STDOUT:
        return
    shown = display_path(path)
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise FileAccessError(f"không ghi được '{shown}': {os_error_words(exc)}") from None
    if info is not None and stat.S_ISLNK(info.st_mode) and _under_cwd(path):
        raise UsageError(
            f"'{shown}' là một liên kết (symlink): tcpl không ghi qua liên kết tới một tệp khác;"
            " xóa liên kết hoặc chọn tên tệp khác"
        )
    try:
        real = resolved(path)
    except OSError as exc:
        raise FileAccessError(f"không ghi được '{shown}': {os_error_words(exc)}") from None
    if real in {resolved(p) for p in protect}:
        raise UsageError(f"'{shown}' là một tệp đầu vào của lệnh này: không ghi đè; chọn tên tệp khác")
    if real.is_dir():
        raise UsageError(f"'{shown}' là một thư mục")
    if not path.parent.exists():
        raise UsageError(f"thư mục '{display_path(path.parent)}' không tồn tại")
    if _under_cwd(path) and not is_inside(path.parent, Path.cwd()):
        raise UsageError(
            f"thư mục của '{shown}' là liên kết trỏ ra ngoài thư mục làm việc: tcpl không ghi ra đó"
        )
    if info is not None and stat.S_ISREG(info.st_mode) and not force:
        raise UsageError(f"tệp '{shown}' đã có; dùng --force để ghi đè")


_TEMP = re.compile(r"^\..+\.tcpl-(?P<pid>\d+)-[0-9a-f]{8}\.tmp$")


def _remove_stale_temps(folder: Path) -> None:
    """Delete temporary files left by a tcpl run that was killed (SIGKILL cannot be caught)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        m = _TEMP.match(name)
        if m is None:
            continue
        pid = int(m.group("pid"))
        if pid == os.getpid() or _alive(pid):
            continue
        try:
            (folder / name).unlink()
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def write_atomic(path: Path, write: Callable[[BinaryIO], object], *, force: bool) -> None:
    """Build the output with `write(stream)`, then put it at `path` in one step.

    A regular file is replaced by renaming (only with `force`); a device or pipe the user named
    (`/dev/null`, `/dev/stdout`) is written in place.
    """
    check_target(path, force=force)
    buffer = io.BytesIO()
    write(buffer)
    data = buffer.getvalue()
    shown = display_path(path)
    if path.is_symlink():  # a link the user named outside the working folder: write where it leads
        path = resolved(path)
    try:
        if path.exists() and not stat.S_ISREG(path.stat().st_mode):
            with path.open("wb") as handle:
                handle.write(data)
            return
        folder = path.parent
        _remove_stale_temps(folder)
        tmp = folder / f".{path.name}.tcpl-{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
        mode = _new_file_mode(path)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
        try:
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.chmod(tmp, mode)
            _put(tmp, path, force=force)
        finally:
            if tmp.exists():
                tmp.unlink()
    except OSError as exc:
        raise FileAccessError(f"không ghi được '{shown}': {os_error_words(exc)}") from None


def _put(tmp: Path, path: Path, *, force: bool) -> None:
    if force:
        os.replace(tmp, path)
        return
    # A hard link never replaces an existing file: two runs racing to one new name cannot both win.
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise UsageError(f"tệp '{display_path(path)}' đã có; dùng --force để ghi đè") from None
    except OSError:
        if path.exists():
            raise UsageError(f"tệp '{display_path(path)}' đã có; dùng --force để ghi đè") from None
        os.replace(tmp, path)  # a file system without hard links


def _new_file_mode(existing: Path) -> int:
    """Keep an existing file's mode, else the mode a new file gets under the umask."""
    try:
        return stat.S_IMODE(existing.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text_atomic(path: Path, text: str, *, force: bool) -> None:
    write_atomic(path, lambda stream: stream.write(text.encode("utf-8")), force=force)


def temporary_folder(prefix: str = "tcpl-") -> tempfile.TemporaryDirectory[str]:
    """A scratch folder of tcpl's own (for conversions, git revisions)."""
    return tempfile.TemporaryDirectory(prefix=prefix)

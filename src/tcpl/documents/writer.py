"""Writing files safely (temporary file, then rename) and converting them with LibreOffice."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from tcpl.errors import TcplError, UsageError, display_path


def check_target(path: Path, *, force: bool) -> None:
    """Refuse to overwrite an existing file unless asked to (nothing is lost silently)."""
    if path.is_dir():
        raise UsageError(f"'{display_path(path)}' là một thư mục")
    if path.exists() and _is_regular(path) and not force:
        raise UsageError(f"tệp '{display_path(path)}' đã có; dùng --force để ghi đè")
    if not path.parent.exists():
        raise UsageError(f"thư mục '{display_path(path.parent)}' không tồn tại")


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _new_file_mode(existing: Path) -> int:
    """The mode the file would get if created normally: keep an existing file's, else honour umask."""
    try:
        return stat.S_IMODE(existing.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Call `write(tmp)` then rename tmp over `path`: a failure never leaves a broken file.

    Only regular files are replaced by renaming. A device, a pipe or anything else that is not a
    regular file (`/dev/null`, `/dev/stdout`, a FIFO) is written in place, and a symbolic link is
    followed, so the link and special files survive.
    """
    if path.exists() and not _is_regular(path):
        with tempfile.TemporaryDirectory(prefix="tcpl-") as folder:
            tmp = Path(folder) / path.name
            write(tmp)
            with tmp.open("rb") as src, path.open("wb") as dst:
                shutil.copyfileobj(src, dst)
        return
    target = path.resolve() if path.is_symlink() else path
    mode = _new_file_mode(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


class ConversionError(TcplError):
    """LibreOffice is missing or could not convert the file."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_target(docx: Path) -> Path:
    return docx.parent / (docx.stem + ".pdf")


def convert_to_pdf(docx: Path, *, timeout: float = 180) -> Path:
    """Convert with LibreOffice headless, in a profile of its own (parallel runs collide)."""
    exe = soffice()
    if exe is None:
        raise ConversionError(
            "không tìm thấy LibreOffice (soffice) để chuyển sang PDF; cài LibreOffice"
            " (Debian/Ubuntu: apt install libreoffice-writer) rồi chạy lại, hoặc bỏ --pdf"
        )
    target = pdf_target(docx)
    with (
        tempfile.TemporaryDirectory(prefix="tcpl-lo-") as profile,
        tempfile.TemporaryDirectory(prefix="tcpl-pdf-") as staging,
    ):
        cmd = [
            exe,
            f"-env:UserInstallation=file://{profile}/{uuid.uuid4().hex}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            staging,
            str(docx),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise ConversionError(
                f"LibreOffice không chuyển xong '{display_path(docx)}' sau {timeout:.0f} giây"
            ) from None
        produced = Path(staging) / (docx.stem + ".pdf")
        if not produced.is_file():
            raise ConversionError(f"LibreOffice không tạo được PDF từ '{display_path(docx)}'")
        write_atomic(target, lambda tmp: shutil.copyfile(produced, tmp))
        return target

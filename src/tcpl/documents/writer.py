"""Writing files safely (temporary file, then rename) and converting them with LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from tcpl.errors import TcplError, UsageError, display_path


def check_target(path: Path, *, force: bool) -> None:
    """Refuse to overwrite an existing file unless asked to (nothing is lost silently)."""
    if path.exists() and not force:
        raise UsageError(f"tệp '{display_path(path)}' đã có; dùng --force để ghi đè")
    if path.exists() and path.is_dir():
        raise UsageError(f"'{display_path(path)}' là một thư mục")
    if not path.parent.exists():
        raise UsageError(f"thư mục '{display_path(path.parent)}' không tồn tại")


def write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Call `write(tmp)` then rename tmp over `path`: a failure never leaves a broken file."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


class ConversionError(TcplError):
    """LibreOffice is missing or could not convert the file."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx: Path, out_dir: Path | None = None, *, timeout: float = 180) -> Path:
    """Convert with LibreOffice headless, in a profile of its own (parallel runs collide)."""
    exe = soffice()
    if exe is None:
        raise ConversionError(
            "không tìm thấy LibreOffice (soffice) để chuyển sang PDF; cài LibreOffice"
            " (Debian/Ubuntu: apt install libreoffice-writer) rồi chạy lại, hoặc bỏ --pdf"
        )
    out_dir = out_dir or docx.parent
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
        target = out_dir / produced.name
        write_atomic(target, lambda tmp: shutil.copyfile(produced, tmp))
        return target

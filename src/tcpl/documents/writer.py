"""Converting written documents with LibreOffice (writing itself is `tcpl.safeio`)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from tcpl.errors import TcplError, display_path
from tcpl.safeio import write_atomic


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
        data = produced.read_bytes()
        write_atomic(target, lambda stream: stream.write(data), force=True)
        return target

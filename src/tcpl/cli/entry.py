"""The console script: start the CLI, or say in one message why it cannot start.

The CLI leans on its libraries' exact shapes (Typer's vendored Click in particular), so an
install with versions outside the declared bounds fails at import time. That is a problem of
the installation, not of the user's files: one clean message and exit code 2, never a traceback
with exit code 1 (the code for "the files have errors"). TCPL_DEBUG=1 shows the traceback.
"""

from __future__ import annotations

import os
import sys
import traceback


def _installed(names: list[str]) -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in names:
        try:
            out.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            out.append(f"{name} (chưa cài)")
    return ", ".join(out)


def _declared() -> list[str]:
    from importlib.metadata import PackageNotFoundError, requires

    try:
        return [r for r in requires("tcpl") or [] if "extra ==" not in r]
    except PackageNotFoundError:
        return []


def run() -> None:
    try:
        from tcpl.cli.main import run as main
    except (ImportError, AttributeError) as exc:
        if os.environ.get("TCPL_DEBUG"):
            traceback.print_exc()
        declared = _declared()
        names = [r.split(">")[0].split("<")[0].split("=")[0].split(";")[0].strip() for r in declared]
        sys.stderr.write(
            f"Lỗi: tcpl không khởi động được với các gói đang cài ({type(exc).__name__}: {exc}).\n"
            "Đây là lỗi cài đặt, không phải lỗi của tệp dữ liệu. Hãy cài lại tcpl để pip chọn đúng"
            ' phiên bản các gói nó cần, ví dụ: pip install --force-reinstall "tcpl @ git+<địa chỉ kho'
            ' tcpl>@v0.1.0" (hoặc pip install -e . trong thư mục mã nguồn).\n'
            + (f"tcpl cần: {'; '.join(declared)}.\nĐang có: {_installed(names)}.\n" if declared else "")
        )
        sys.exit(2)
    main()

"""Where a file named inside a data file may be (`ruleset:`, `extends:`, `overlays:`...).

A data file is untrusted: in CI it comes from a pull request. A name it gives resolves
relative to the file, and must stay inside the file's *trust root* (the git work tree holding
it; outside git, the folder of the province tree: the nearest folder up with an office.yaml,
else the folder holding the commune folders) or inside tcpl's shipped rulesets. It must be a
regular file. Anything else is refused with a message that says only what was named, never what
is there: nothing outside the repository is read, nothing of it is shown.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from tcpl.loading.filekinds import COMMUNE_NAMES, OFFICE_NAMES
from tcpl.resources import data_dir
from tcpl.safeio import resolved

_YEAR = re.compile(r"^\d{4}$")


class ReferenceRefused(Exception):
    """A reference a data file may not follow; `str()` is the Vietnamese reason."""


def _git_top(folder: str) -> str | None:
    current = Path(folder)
    for candidate in (current, *current.parents):
        if (candidate / ".git").exists():
            return str(candidate)
    return None


def trust_root(file: Path) -> Path:
    """The folder a data file's references must stay in."""
    folder = Path(os.path.abspath(file)).parent
    top = _git_top(str(folder))
    if top is not None:
        return Path(top)
    for candidate in (folder, *folder.parents):
        if any((candidate / name).is_file() for name in OFFICE_NAMES):
            return candidate
    if _YEAR.match(folder.name):
        return folder.parent.parent
    if any((folder / name).is_file() for name in COMMUNE_NAMES):
        return folder.parent
    return folder


def shipped_root() -> Path:
    return data_dir("criteria")


def resolve_reference(referrer: Path, ref: str, *, what: str = "tệp") -> Path:
    """The file `ref` names, relative to the data file `referrer`; ReferenceRefused if not allowed."""
    if "\x00" in ref:
        raise ReferenceRefused(f"tên {what} có ký tự không hợp lệ")
    if Path(ref).is_absolute() or re.match(r"^[A-Za-z]:[\\/]", ref) or ref.startswith("\\\\"):
        raise ReferenceRefused(
            f"'{ref}' là đường dẫn tuyệt đối: tệp dữ liệu chỉ được chỉ tới {what} trong cùng kho,"
            " bằng đường dẫn tương đối (ví dụ ../hue-2026.yaml)"
        )
    candidate = Path(os.path.abspath(referrer)).parent / ref
    try:
        real = resolved(candidate)
    except OSError:
        raise ReferenceRefused(f"không đọc được '{ref}' (liên kết vòng tròn hoặc đường dẫn hỏng)") from None
    roots = [trust_root(referrer), shipped_root()]
    if not any(real.is_relative_to(resolved(root)) for root in roots):
        raise ReferenceRefused(
            f"'{ref}' nằm ngoài kho chứa tệp này: tcpl không đọc tệp ngoài kho; hãy đặt {what} trong kho"
        )
    try:
        mode = real.stat().st_mode
    except OSError:
        raise ReferenceRefused(f"không tìm thấy {what} '{ref}'") from None
    if not stat.S_ISREG(mode):
        raise ReferenceRefused(f"'{ref}' không phải tệp thường")
    return real

"""The office.yaml above a commune or a province tree (cơ quan tổng hợp, công nhận)."""

from __future__ import annotations

import os
from pathlib import Path

from tcpl.loading.filekinds import OFFICE_NAMES
from tcpl.loading.loader import Loader
from tcpl.loading.references import trust_root
from tcpl.models.office import Office


def office_file(start: Path) -> Path | None:
    """The nearest office.yaml from `start` up, never above the repository that holds it."""
    folder = Path(os.path.abspath(start))
    if not folder.is_dir():
        folder = folder.parent
    top = trust_root(folder / "_")
    for candidate in (folder, *folder.parents):
        for name in OFFICE_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        if candidate == top:
            break
    return None


def find_office(start: Path, loader: Loader | None = None) -> Office | None:
    """The office above `start`, checked; None when there is none."""
    path = office_file(start)
    if path is None:
        return None
    return (loader or Loader()).load_or_raise(path, Office).checked()

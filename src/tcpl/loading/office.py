"""The office.yaml above a commune or a province tree (cơ quan tổng hợp, công nhận)."""

from __future__ import annotations

from pathlib import Path

from tcpl.loading.loader import Loader
from tcpl.loading.province import office_file
from tcpl.models.office import Office

__all__ = ["find_office", "office_file"]


def find_office(start: Path, loader: Loader | None = None) -> Office | None:
    """The office above `start`, checked; None when there is none."""
    path = office_file(start)
    if path is None:
        return None
    return (loader or Loader()).load_or_raise(path, Office).checked()

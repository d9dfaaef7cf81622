"""Where tcpl's data folders are: inside the installed package, or at the repository root."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """`criteria` or `templates`: bundled in a wheel under `tcpl/_data/`, else the checkout's."""
    bundled = _PACKAGE / "_data" / name
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parents[1] / name

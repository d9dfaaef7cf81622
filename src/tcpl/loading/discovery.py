"""Finding the YAML files under folders, in a stable order."""

from __future__ import annotations

import os
from pathlib import Path

from tcpl.errors import UsageError, display_path

SKIP_DIRS = frozenset({".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", "build", "dist"})
YAML_SUFFIXES = (".yaml", ".yml")


def collect_yaml_files(paths: list[Path]) -> list[Path]:
    """Files given directly are kept whatever their name; folders are searched recursively."""
    out: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_file():
            found = [path]
        elif path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                found.extend(Path(root) / f for f in sorted(files) if f.endswith(YAML_SUFFIXES))
        else:
            raise UsageError(f"không tìm thấy '{display_path(path)}'")
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out

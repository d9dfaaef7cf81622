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


def commune_year_scope(paths: list[Path]) -> list[Path]:
    """What `tcpl check FILE...` checks: for each file, the commune-year it belongs to.

    pre-commit passes the changed files; the cross-checks (a plan without an assessment, a
    commune id that does not match commune.yaml) need the rest of their year folder and the
    commune's file. A file in a year folder brings its folder and the commune's commune.yaml;
    commune.yaml brings the whole commune folder; any other file stands alone. Folders are
    kept as they are.
    """
    from tcpl.loading.kinds import COMMUNE_NAMES, is_year_folder

    out: list[Path] = []
    for path in paths:
        if not path.is_file():
            out.append(path)
            continue
        if path.name.lower() in COMMUNE_NAMES:
            out.append(path.parent)
        elif is_year_folder(path.parent):
            out.append(path.parent)
            out.extend(path.parent.parent / name for name in COMMUNE_NAMES if (path.parent.parent / name).is_file())
        else:
            out.append(path)
    return out

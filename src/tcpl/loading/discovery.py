"""Finding the YAML files under folders, in a stable order, saying what was left out and why.

A folder tcpl cannot read, a link that loops or leads out of the folder being checked, or a
folder named like a tcpl file are problems of the tree: they are reported, never skipped in
silence (a CI run that passes because it did not look is worse than one that fails).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from tcpl import codes
from tcpl.errors import Diagnostic, UsageError, display_path
from tcpl.safeio import os_error_words, resolved

SKIP_DIRS = frozenset({".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", "build", "dist"})
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Discovery:
    """The YAML files found, and the problems of the tree itself."""

    files: list[Path] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    refused: list[Path] = field(default_factory=list)
    """Files found but not read (a link out of the folder, a loop): reported among the problems."""


def _problem(path: Path, message: str, *, code: str) -> Diagnostic:
    return Diagnostic(display_path(path), 1, 1, message, code=code)


def discover(paths: list[Path]) -> Discovery:
    """Files given directly are kept whatever their name; folders are searched recursively.

    Inside a folder, a link to a file is followed only when the file is in that folder.
    """
    found = Discovery()
    seen: set[Path] = set()

    def keep(f: Path) -> None:
        try:
            key = resolved(f)
        except OSError:
            key = Path(os.path.abspath(f))
        if key not in seen:
            seen.add(key)
            found.files.append(f)

    for path in paths:
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists() or path.is_symlink()
        except OSError:
            is_dir, exists = False, True
        if not exists:
            raise UsageError(f"không tìm thấy '{display_path(path)}'")
        if not is_dir:
            keep(path)
            continue
        root = resolved(path)

        def unreadable(exc: OSError, top: Path = path) -> None:
            where = Path(exc.filename) if exc.filename else top
            found.problems.append(
                _problem(
                    where,
                    f"không đọc được thư mục ({os_error_words(exc)}): các tệp trong đó chưa được kiểm tra",
                    code=codes.UNREADABLE_FOLDER,
                )
            )

        for folder, dirs, files in os.walk(path, onerror=unreadable):
            here = Path(folder)
            kept_dirs: list[str] = []
            for d in sorted(dirs):
                if d in SKIP_DIRS or d.startswith("."):
                    continue
                sub = here / d
                if d.lower().endswith(YAML_SUFFIXES):
                    found.problems.append(
                        _problem(
                            sub,
                            f"'{d}' là một thư mục, không phải tệp: tcpl không đọc được; đổi tên thư mục"
                            " hoặc thay bằng tệp",
                            code=codes.FOLDER_NAMED_LIKE_FILE,
                        )
                    )
                    continue
                if sub.is_symlink():
                    found.problems.append(
                        _problem(
                            sub,
                            "thư mục là một liên kết (symlink): tcpl không đi theo liên kết thư mục; đặt các"
                            " tệp trực tiếp trong kho",
                            code=codes.LINKED_FOLDER,
                        )
                    )
                    continue
                kept_dirs.append(d)
            dirs[:] = kept_dirs
            for name in sorted(files):
                if not name.lower().endswith(YAML_SUFFIXES):
                    continue
                f = here / name
                problem = _link_problem(f, root)
                if problem is not None:
                    found.problems.append(problem)
                    found.refused.append(f)
                    continue
                keep(f)
    return found


def _link_problem(f: Path, root: Path) -> Diagnostic | None:
    """A link among the files of a folder: it must lead to a regular file inside that folder."""
    try:
        if not stat.S_ISLNK(f.lstat().st_mode):
            return None
    except OSError as exc:
        return _problem(f, f"không đọc được tệp ({os_error_words(exc)})", code=codes.UNREADABLE)
    try:
        target = resolved(f)
    except OSError:
        return _problem(
            f, "liên kết (symlink) vòng tròn: không đọc được tệp; xóa liên kết", code=codes.UNREADABLE
        )
    if not target.is_relative_to(root):
        return _problem(
            f,
            "tệp là liên kết (symlink) trỏ ra ngoài thư mục đang kiểm tra: tcpl không đọc tệp ngoài kho;"
            " thay liên kết bằng chính tệp",
            code=codes.UNREADABLE,
        )
    return None


def collect_yaml_files(paths: list[Path]) -> list[Path]:
    """The files only (problems of the tree ignored): for callers that check one folder they know."""
    return discover(paths).files


def commune_year_scope(paths: list[Path]) -> list[Path]:
    """What `tcpl check FILE...` checks: for each file, the commune-year it belongs to.

    pre-commit passes the changed files; the cross-checks (a plan without an assessment, a
    commune id that does not match commune.yaml) need the rest of their year folder and the
    commune's file. A file in a year folder brings its folder and the commune's commune.yaml;
    commune.yaml brings the whole commune folder; any other file stands alone. Folders are
    kept as they are.
    """
    from tcpl.loading.filekinds import COMMUNE_NAMES, is_year_folder

    out: list[Path] = []
    for path in paths:
        if not path.is_file():
            out.append(path)
            continue
        if path.name.lower() in COMMUNE_NAMES:
            out.append(path.parent)
        elif is_year_folder(path.parent):
            out.append(path.parent)
            out.extend(
                path.parent.parent / name for name in COMMUNE_NAMES if (path.parent.parent / name).is_file()
            )
        else:
            out.append(path)
    return out

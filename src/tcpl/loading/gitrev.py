"""An assessment as it was at a git revision, with the ruleset files it pointed to then.

`tcpl diff HEAD~1:plans/x/2026/assessment.yaml ...` scores the old version with the rules it had
then. The revision comes from the command line, the paths from files in the repository: neither
may reach git as an option (a revision is checked, then replaced by the commit id git gives
for it, and every command ends its options with `--end-of-options`), no path may leave the
repository, and only regular files of at most the YAML size limit are read, as raw blobs (no
git filters run).
"""

from __future__ import annotations

import posixpath
import re
import subprocess
from pathlib import Path, PurePosixPath

from tcpl.errors import UsageError
from tcpl.loading.filekinds import OFFICE_NAMES
from tcpl.loading.rulesets import is_path_ref
from tcpl.loading.yamlfile import MAX_FILE_BYTES, YamlDocument, parse_yaml
from tcpl.safeio import FileAccessError, os_error_words

# What a revision may look like: a branch, tag, commit id, HEAD~1, main^2, v1.0, @{u}...
_REVISION = re.compile(r"^[A-Za-z0-9_@][A-Za-z0-9_@./~^{}+-]{0,199}$")
GIT_TIMEOUT = 30


def split_spec(spec: str) -> tuple[str, str] | None:
    """ "REV:PATH" as (revision, path), or None when `spec` is not one."""
    rev, sep, rel = spec.partition(":")
    if not sep or not rev or not rel or re.match(r"^[A-Za-z]$", rev):  # C:\... on Windows
        return None
    return rev, rel


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise UsageError("không tìm thấy chương trình git để đọc phiên bản cũ") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git không trả lời sau {GIT_TIMEOUT} giây") from None
    except OSError as exc:
        raise FileAccessError(f"không chạy được git: {os_error_words(exc)}") from None
    if done.returncode != 0:
        raise _GitFailed
    return done.stdout


class _GitFailed(Exception):
    pass


def _commit(rev: str, top: Path) -> str:
    if rev.startswith("-") or not _REVISION.match(rev):
        raise UsageError(f"'{rev}' không phải một phiên bản git (ví dụ HEAD~1, main, v1.0 hoặc mã commit)")
    try:
        out = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], top)
    except _GitFailed:
        raise UsageError(f"kho git không có phiên bản '{rev}'") from None
    commit = out.decode("ascii", "replace").strip()
    if not re.fullmatch(r"[0-9a-f]{40,64}", commit):
        raise UsageError(f"kho git không có phiên bản '{rev}'")
    return commit


def _blob(commit: str, path: PurePosixPath, top: Path) -> bytes | None:
    """The bytes of a regular file at a commit; None when it is not there (or not a regular file)."""
    try:
        listing = _git(["ls-tree", "-z", "--end-of-options", commit, "--", str(path)], top)
    except _GitFailed:
        return None
    entry = listing.split(b"\0", 1)[0]
    meta, _, _ = entry.partition(b"\t")
    parts = meta.split()
    if len(parts) != 3 or not parts[0].startswith(b"100") or parts[1] != b"blob":
        return None
    obj = parts[2].decode("ascii")
    try:
        size = int(_git(["cat-file", "-s", obj], top))
    except (_GitFailed, ValueError):
        return None
    if size > MAX_FILE_BYTES:
        return None  # the loader reports the missing file; a huge blob is never read
    try:
        return _git(["cat-file", "blob", obj], top)
    except _GitFailed:
        return None


def materialise(spec: str, into: Path) -> Path:
    """Copy an assessment at a git revision, and the ruleset files it points to, into a folder."""
    parsed = split_spec(spec)
    if parsed is None:
        raise UsageError(f"'{spec}' phải có dạng PHIÊN_BẢN:TỆP, ví dụ HEAD~1:plans/x/2026/assessment.yaml")
    rev, rel = parsed
    path = Path(rel)
    folder = (path.parent if path.parent.exists() else Path.cwd()).resolve()
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], folder).decode().strip())
        inside = PurePosixPath(path.resolve().relative_to(top.resolve()).as_posix())
    except (_GitFailed, ValueError, OSError):
        raise UsageError(f"'{rel}' không nằm trong một kho git") from None
    commit = _commit(rev, top)
    (into / ".git").mkdir(parents=True, exist_ok=True)  # the copy is a repository of its own
    # The province's office.yaml files above the assessment: their overlays apply at that revision too.
    offices = [parent / name for parent in inside.parents for name in OFFICE_NAMES]
    todo = [*offices, inside]
    seen: set[PurePosixPath] = set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        data = _blob(commit, current, top)
        if data is None:
            if current == inside:
                raise UsageError(f"git không có tệp '{rel}' ở phiên bản '{rev}'")
            continue  # a ruleset missing at that revision is reported when the file is loaded
        target = into.joinpath(*current.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        doc = parse_yaml(YamlDocument(path=target), data)
        if isinstance(doc.data, dict):
            refs = [doc.data.get(key) for key in ("ruleset", "extends")]
            overlays = doc.data.get("overlays") if current in offices else None
            if isinstance(overlays, list):
                refs += overlays
            for ref in refs:
                if isinstance(ref, str) and is_path_ref(ref):
                    nxt = posixpath.normpath(str(current.parent / ref))
                    if not (nxt.startswith(("..", "/")) or PurePosixPath(nxt).is_absolute()):
                        todo.append(PurePosixPath(nxt))
    return into.joinpath(*inside.parts)

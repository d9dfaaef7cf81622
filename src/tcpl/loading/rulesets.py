"""Finding and loading rulesets, including overlays (`extends:`) such as a province's settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tcpl import codes, kinds
from tcpl.engine.results import ScoreResult
from tcpl.engine.scoring import score
from tcpl.errors import Diagnostic, InvalidFilesError
from tcpl.loading.references import ReferenceRefused, resolve_reference
from tcpl.loading.validation import diagnostics_from
from tcpl.loading.yamlfile import YamlDocument, read_yaml
from tcpl.models.assessment import Assessment
from tcpl.models.ruleset import Attestation, Ruleset
from tcpl.resources import data_dir

MAX_EXTENDS_DEPTH = 5


@dataclass
class LoadedRuleset:
    """A ruleset ready to score with, and where it came from."""

    ruleset: Ruleset
    path: Path
    base_id: str | None
    """The national ruleset at the root of an `extends:` chain (None for a national one)."""
    warnings: list[Diagnostic] = field(default_factory=list)
    """The overlay's own warnings: entries left blank, an attestation not filled in."""

    @property
    def id(self) -> str:
        return self.ruleset.id

    @property
    def attestation(self) -> Attestation | None:
        """The attestation that holds: filled in, and no name or level left open in the ruleset."""
        found = self.ruleset.attestation
        if found is None or not found.complete:
            return None
        if any(e.blocks_attestation for e in self.ruleset.open_entries()):
            return None
        return found

    @property
    def trusted(self) -> bool:
        """Attested by a province, or checked in full against the official text."""
        return self.attestation is not None or self.ruleset.fully_verified()

    def score(self, assessment: Assessment) -> ScoreResult:
        """Score under this ruleset, recording the national ruleset an overlay extends."""
        return score(self.ruleset, assessment, base_ruleset=self.base_id, attestation=self.attestation)


# Keys that hold child records: changing a child is not a change of the record itself.
_CONTAINERS = frozenset(
    {"id", "source", "verified", "criteria", "indicators", "items", "conditions", "options"}
)


# Naming an entry in an overlay gives it its real name: the placeholder flags go.
_NAMED_BY_OVERLAY = ("placeholder", "short_name")
# An overlay leaves these to be filled with null or "" (a template from `tcpl rules template`).
_BLANKABLE = frozenset({"name", "required", "when_empty", "source", "by", "date", "guidance", "text"})


def strip_blanks(data: Any, loc: tuple[str | int, ...] = ()) -> tuple[Any, list[tuple[str | int, ...]]]:
    """The overlay without its blank entries (`name: ""`, `required: null`), and where they were.

    A blank means "still to be filled": the base's value stays, and the overlay gets a warning.
    """
    blanks: list[tuple[str | int, ...]] = []
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for key, value in data.items():
            if key in _BLANKABLE and (value is None or value == ""):
                blanks.append((*loc, key))
                continue
            out[key], inner = strip_blanks(value, (*loc, key))
            blanks += inner
            if key == "attestation" and isinstance(out[key], dict) and not out[key]:
                del out[key]
        return out, blanks
    if isinstance(data, list):
        items: list[Any] = []
        for n, value in enumerate(data):
            cleaned, inner = strip_blanks(value, (*loc, n))
            items.append(cleaned)
            blanks += inner
        return items, blanks
    return data, blanks


def merge_overlay(base: Any, overlay: Any, *, overlay_id: str | None = None) -> Any:
    """Overlay data onto base data: mappings merge, lists of records merge by `id`.

    A record whose figures the overlay changes loses the base's `verified: true` unless the
    overlay says so itself: a province's setting is not the national text. Neither input is
    modified; unmerged values are shared, not copied.
    """
    if isinstance(base, dict) and isinstance(overlay, dict):
        out = dict(base)
        for key, value in overlay.items():
            out[key] = merge_overlay(base[key], value, overlay_id=overlay_id) if key in base else value
        if "name" in overlay and overlay["name"] != base.get("name"):
            for flag in _NAMED_BY_OVERLAY:
                if base.get(flag) and flag not in overlay:
                    out[flag] = False
        changed = [k for k in overlay if k not in _CONTAINERS and base.get(k) != overlay[k]]
        if changed and base.get("verified") and "verified" not in overlay:
            out["verified"] = False
            if "source" not in overlay:
                out["source"] = (
                    f"lớp bổ sung {overlay_id or ''} (chưa xác minh; gốc: {base.get('source', '')})".strip()
                )
        return out
    if isinstance(base, list) and isinstance(overlay, list) and _records(base) and _records(overlay):
        merged = [dict(x) for x in base]
        index = {str(x["id"]): n for n, x in enumerate(merged)}
        for element in overlay:
            key = str(element["id"])
            if key in index:
                merged[index[key]] = merge_overlay(merged[index[key]], element, overlay_id=overlay_id)
            else:
                index[key] = len(merged)
                merged.append(element)
        return merged
    return overlay


def _records(values: list[Any]) -> bool:
    return bool(values) and all(isinstance(v, dict) and "id" in v for v in values)


def _translate_loc(merged: Any, overlay: Any, loc: tuple[str | int, ...]) -> tuple[str | int, ...] | None:
    """A loc in the merged data, as a loc in the overlay's own data (None if not there)."""
    out: list[str | int] = []
    m, o = merged, overlay
    for part in loc:
        if isinstance(m, dict) and isinstance(o, dict):
            if str(part) not in o:
                return tuple(out) if out else None
            out.append(str(part))
            m, o = m.get(str(part)), o[str(part)]
        elif isinstance(m, list) and isinstance(o, list) and isinstance(part, int):
            if part >= len(m) or not isinstance(m[part], dict) or "id" not in m[part]:
                return tuple(out) if out else None
            ident = str(m[part]["id"])
            found = next(
                (n for n, x in enumerate(o) if isinstance(x, dict) and str(x.get("id")) == ident), None
            )
            if found is None:
                return tuple(out) if out else None
            out.append(found)
            m, o = m[part], o[found]
        else:
            break
    return tuple(out)


def is_path_ref(ref: str) -> bool:
    """`ruleset:` or `extends:` names a file ("../qd25-minh-hoa.yaml") rather than an id ("qd25-2021")."""
    return ref.endswith((".yaml", ".yml")) or "/" in ref


class RulesetRegistry:
    """The rulesets tcpl knows: the shipped ones in `criteria/`, and any file given by path."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or data_dir("criteria")
        self._by_id: dict[str, Path] | None = None
        self._loaded: dict[Path, LoadedRuleset] = {}
        self._read: dict[Path, YamlDocument] = {}  # shipped files read for their id, not yet loaded
        self.provinces: dict[Path, Any] = {}
        """The province rules of each office.yaml met (loading/province.py), read once."""

    def shipped(self) -> dict[str, Path]:
        if self._by_id is None:
            found: dict[str, Path] = {}
            for path in sorted(self.directory.glob("*.yaml")):
                doc = read_yaml(path)
                if isinstance(doc.data, dict) and isinstance(doc.data.get("id"), str):
                    found[doc.data["id"]] = path
                    self._read[path.resolve()] = doc
            self._by_id = found
        return self._by_id

    def by_id(self, ident: str) -> LoadedRuleset | None:
        path = self.shipped().get(ident)
        return self.load_path(path) if path else None

    def all_shipped(self) -> list[LoadedRuleset]:
        return [self.load_path(p) for p in self.shipped().values()]

    def for_year(self, year: int) -> list[LoadedRuleset]:
        return [r for r in self.all_shipped() if r.base_id is None and r.ruleset.years.contains(year)]

    def year_note(self, year: int) -> str | None:
        for loaded in self.all_shipped():
            for note in loaded.ruleset.year_notes:
                if note.year == year:
                    return note.text
        return None

    def load_path(self, path: Path) -> LoadedRuleset:
        """Load a ruleset file; raise InvalidFilesError with located problems if it is bad."""
        key = path.resolve()
        if key not in self._loaded:
            self._loaded[key] = self._load(key, chain=())
        return self._loaded[key]

    def _load(self, path: Path, chain: tuple[Path, ...]) -> LoadedRuleset:
        doc = self._read.pop(path, None) or read_yaml(path)
        if not doc.ok:
            raise InvalidFilesError(doc.diagnostics)
        if not isinstance(doc.data, dict):
            raise InvalidFilesError(
                [doc.diagnostic((), "bộ tiêu chí phải là một bảng các trường", code=codes.BAD_RULESET)]
            )
        extends = doc.data.get("extends")
        if not extends:
            ruleset = _validated(doc, doc.data)
            _check_kinds(doc, ruleset, merged=None)
            return LoadedRuleset(ruleset=ruleset, path=path, base_id=None)
        base = self._resolve_extends(doc, str(extends), (*chain, path))
        data, blanks = strip_blanks(doc.data)
        # Field-level problems of the overlay itself ("missing" is fine: the base supplies it).
        try:
            Ruleset.model_validate(data)
        except ValidationError as exc:
            own = [d for d in diagnostics_from(doc, Ruleset, exc, data) if d.code != codes.MISSING_FIELD]
            if own:
                raise InvalidFilesError(own) from None
        base_data = base.ruleset.model_dump(mode="python", by_alias=True, exclude_unset=True)
        merged = merge_overlay(base_data, data, overlay_id=str(data.get("id", "")))
        try:
            ruleset = Ruleset.model_validate(merged)
        except ValidationError as exc:
            raise InvalidFilesError(_overlay_diagnostics(doc, exc, merged)) from None
        _check_kinds(doc, ruleset, merged=merged)
        loaded = LoadedRuleset(ruleset=ruleset, path=path, base_id=base.base_id or base.id)
        loaded.warnings = _overlay_warnings(doc, data, blanks, loaded)
        return loaded

    def _resolve_extends(self, doc: YamlDocument, target: str, chain: tuple[Path, ...]) -> LoadedRuleset:
        if len(chain) > MAX_EXTENDS_DEPTH:
            raise InvalidFilesError(
                [
                    doc.diagnostic(
                        ("extends",), "chuỗi 'extends' quá dài (tối đa 5 lớp)", code=codes.BAD_EXTENDS
                    )
                ]
            )
        if is_path_ref(target):
            try:
                target_path = resolve_reference(doc.path, target, what="tệp bộ tiêu chí")
            except ReferenceRefused as exc:
                raise InvalidFilesError(
                    [doc.diagnostic(("extends",), str(exc), code=codes.BASE_NOT_FOUND)]
                ) from None
        else:
            found = self.shipped().get(target)
            if found is None:
                known = ", ".join(self.shipped()) or "(không có)"
                raise InvalidFilesError(
                    [
                        doc.diagnostic(
                            ("extends",),
                            f"không có bộ tiêu chí '{target}'; có: {known}",
                            code=codes.BASE_NOT_FOUND,
                        )
                    ]
                )
            target_path = found.resolve()
        if target_path in chain:
            raise InvalidFilesError(
                [
                    doc.diagnostic(
                        ("extends",),
                        "'extends' vòng tròn: bộ tiêu chí mở rộng chính nó",
                        code=codes.BAD_EXTENDS,
                    )
                ]
            )
        if target_path in self._loaded:
            return self._loaded[target_path]
        loaded = self._load(target_path, chain)
        self._loaded[target_path] = loaded
        return loaded


def _check_kinds(doc: YamlDocument, ruleset: Ruleset, *, merged: Any) -> None:
    """Every item's kind is one tcpl knows, and the item is defined as its kind needs."""
    problems: list[Diagnostic] = []
    for c_n, criterion in enumerate(ruleset.criteria):
        for i_n, indicator in enumerate(criterion.indicators):
            for t_n, item in enumerate(indicator.items):
                loc: tuple[str | int, ...] = ("criteria", c_n, "indicators", i_n, "items", t_n)
                if merged is not None:  # an overlay: the place in its own file, if it is there
                    loc = _translate_loc(merged, doc.data, loc) or ()
                kind = kinds.REGISTRY.get(item.kind)
                if kind is None:
                    problems.append(
                        doc.diagnostic(
                            (*loc, "kind"),
                            f"nội dung {item.id}: loại '{item.kind}' không có; có: {', '.join(kinds.names())}",
                            code=codes.UNKNOWN_ITEM_KIND,
                        )
                    )
                    continue
                problems.extend(
                    doc.diagnostic(loc, f"nội dung {item.id}: {message}", code=codes.BAD_ITEM)
                    for message in kind.check_item(item)
                )
    if problems:
        raise InvalidFilesError(problems)


def _validated(doc: YamlDocument, data: Any) -> Ruleset:
    try:
        return Ruleset.model_validate(data)
    except ValidationError as exc:
        raise InvalidFilesError(diagnostics_from(doc, Ruleset, exc, data)) from None


def _overlay_diagnostics(doc: YamlDocument, exc: ValidationError, merged: Any) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        own = _translate_loc(merged, doc.data, loc)
        where = ".".join(str(p) for p in loc if not (isinstance(p, str) and "[" in p))
        message = (err.get("ctx") or {}).get("error") or err.get("msg")
        place = f" (ở '{where}')" if where else ""
        out.append(
            doc.diagnostic(
                own or (),
                f"sau khi gộp với bộ tiêu chí gốc{place}: {message}",
                code=codes.BAD_OVERLAY,
            )
        )
    return out


def _overlay_warnings(
    doc: YamlDocument, data: dict[str, Any], blanks: list[tuple[str | int, ...]], loaded: LoadedRuleset
) -> list[Diagnostic]:
    """What an overlay still leaves open: its blanks, and an attestation that cannot hold yet."""
    out: list[Diagnostic] = []
    for loc in blanks:
        what = _blank_words(data, loc)
        out.append(
            doc.diagnostic(
                loc, f"{what} còn để trống: điền theo văn bản gốc", code=codes.BLANK_IN_OVERLAY, key=True
            )
        )
    attestation = loaded.ruleset.attestation
    stated = "attestation" in doc.data if isinstance(doc.data, dict) else False
    if stated and (attestation is None or not attestation.complete):
        out.append(
            doc.diagnostic(
                ("attestation",),
                "xác nhận (attestation) chưa đủ: cần by (cơ quan), source (văn bản) và date (ngày)",
                code=codes.INCOMPLETE_ATTESTATION,
                key=True,
            )
        )
    elif attestation is not None and loaded.attestation is None:
        still = [e.words() for e in loaded.ruleset.open_entries() if e.blocks_attestation]
        shown = "; ".join(still[:8]) + ("; ..." if len(still) > 8 else "")
        out.append(
            doc.diagnostic(
                ("attestation",),
                f"chưa thể xác nhận: bộ tiêu chí còn {len(still)} mục chưa có ({shown})",
                code=codes.INCOMPLETE_ATTESTATION,
                key=True,
            )
        )
    return out


def _blank_words(data: Any, loc: tuple[str | int, ...]) -> str:
    """ "mức đạt chuẩn (required) của 2.6.1": the blank, named by the id of the entry it is in."""
    node = data
    owner = ""
    for part in loc[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and "id" in node:
            owner = str(node["id"])
    key = str(loc[-1])
    label = {
        "name": "tên",
        "required": "mức đạt chuẩn (required)",
        "when_empty": "cách tính khi không phát sinh (when_empty)",
        "source": "nguồn (source)",
        "by": "cơ quan xác nhận (attestation.by)",
        "date": "ngày xác nhận (attestation.date)",
        "guidance": "hướng dẫn (guidance)",
        "text": "nội dung (text)",
    }.get(key, key)
    if key == "source" and loc[:1] == ("attestation",):
        label = "văn bản căn cứ (attestation.source)"
    return f"{label} của {owner}" if owner else label

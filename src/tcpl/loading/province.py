"""The province's own rules: the overlays an office.yaml above a commune names (`overlays:`).

A province's Sở Tư pháp holds the official text the national file lacks; it writes the missing
names and levels once, in an overlay, and lists it in the office.yaml at the top of its
repository. Every commune below is then scored with that overlay whenever its year's ruleset
(named or chosen by year) is the overlay's base, without editing any assessment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tcpl import codes
from tcpl.errors import Diagnostic, InvalidFilesError
from tcpl.loading.filekinds import OFFICE_NAMES
from tcpl.loading.references import ReferenceRefused, resolve_reference, trust_root
from tcpl.loading.rulesets import LoadedRuleset, RulesetRegistry
from tcpl.loading.validation import validate
from tcpl.loading.yamlfile import read_yaml
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


@dataclass
class ProvinceRules:
    """The overlays one office.yaml names, loaded, and the problems met on the way."""

    office: Path | None
    overlays: list[LoadedRuleset] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)

    def for_base(self, base_id: str) -> LoadedRuleset | None:
        """The province's overlay of the national ruleset `base_id`, if it has one."""
        return next((o for o in self.overlays if o.base_id == base_id), None)


def province_rules(registry: RulesetRegistry, start: Path) -> ProvinceRules:
    """The province overlays that apply at `start` (read once per registry and office.yaml)."""
    path = office_file(start)
    if path is None:
        return ProvinceRules(None)
    if path not in registry.provinces:
        registry.provinces[path] = _load(registry, path)
    found: ProvinceRules = registry.provinces[path]
    return found


def _load(registry: RulesetRegistry, path: Path) -> ProvinceRules:
    rules = ProvinceRules(path)
    doc = read_yaml(path)
    office = validate(doc, Office) if doc.ok and isinstance(doc.data, dict) else None
    if office is None:
        rules.problems = [d for d in doc.diagnostics]
        return rules
    seen: set[str] = set()
    for n, ref in enumerate(office.overlays):
        try:
            target = resolve_reference(path, ref, what="lớp bổ sung")
            loaded = registry.load_path(target)
        except ReferenceRefused as exc:
            rules.problems.append(doc.diagnostic(("overlays", n), str(exc), code=codes.PROVINCE_OVERLAY))
            continue
        except InvalidFilesError as exc:
            rules.problems.extend(exc.diagnostics)
            continue
        if loaded.base_id is None:
            rules.problems.append(
                doc.diagnostic(
                    ("overlays", n),
                    f"'{ref}' không phải lớp bổ sung (không có 'extends:'): tỉnh chỉ ghi lớp bổ sung của"
                    " một bộ tiêu chí có sẵn",
                    code=codes.PROVINCE_OVERLAY,
                )
            )
            continue
        if loaded.base_id in seen:
            rules.problems.append(
                doc.diagnostic(
                    ("overlays", n),
                    f"hai lớp bổ sung cùng mở rộng bộ tiêu chí {loaded.base_id}: chỉ giữ một",
                    code=codes.PROVINCE_OVERLAY,
                )
            )
            continue
        seen.add(loaded.base_id)
        rules.overlays.append(loaded)
    return rules

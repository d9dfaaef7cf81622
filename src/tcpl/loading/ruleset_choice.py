"""Which ruleset an assessment is scored with: the one it names, the override, or its year's.

A ruleset named by id or chosen by year gives way to the province's overlay of it (office.yaml
`overlays:` above the assessment); an overlay the commune names itself is kept, with a warning
when the province has its own for the same base.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from tcpl import codes
from tcpl.errors import InvalidFilesError
from tcpl.loading.province import province_rules
from tcpl.loading.references import ReferenceRefused, resolve_reference
from tcpl.loading.rulesets import LoadedRuleset, RulesetRegistry, is_path_ref
from tcpl.loading.yamlfile import YamlDocument
from tcpl.models.assessment import Assessment


def choose_ruleset(
    registry: RulesetRegistry, assessment: Assessment, doc: YamlDocument, *, override: Path | None = None
) -> LoadedRuleset | None:
    """The ruleset an assessment is scored with; problems go to the assessment's file."""
    own_overlay = False
    if override is not None:
        loaded = registry.load_path(override)
    elif assessment.ruleset:
        ref = assessment.ruleset
        if is_path_ref(ref):
            try:
                target = resolve_reference(doc.path, ref, what="tệp bộ tiêu chí")
            except ReferenceRefused as exc:
                doc.report(("ruleset",), str(exc), code=codes.NO_RULESET)
                return None
            try:
                loaded = registry.load_path(target)
            except InvalidFilesError as exc:
                doc.diagnostics.extend(exc.diagnostics)
                return None
            own_overlay = loaded.base_id is not None
        else:
            found = registry.by_id(ref)
            if found is None:
                known = ", ".join(registry.shipped())
                close = difflib.get_close_matches(ref, list(registry.shipped()), n=1)
                hint = f"; có phải ý bạn là '{close[0]}'?" if close else ""
                doc.report(
                    ("ruleset",),
                    f"không có bộ tiêu chí '{ref}' (có: {known}){hint}",
                    code=codes.NO_RULESET,
                )
                return None
            loaded = found
    else:
        candidates = registry.for_year(assessment.year)
        if len(candidates) != 1:
            if not candidates:
                note = registry.year_note(assessment.year)
                spans = "; ".join(
                    f"{r.id}: {r.ruleset.years.describe()}"
                    for r in registry.all_shipped()
                    if r.base_id is None
                )
                text = f"không có bộ tiêu chí nào áp dụng cho năm {assessment.year} ({spans})"
                if note:
                    text += f". {note}"
                text += " Nếu vẫn cần chấm, hãy ghi rõ 'ruleset:' hoặc dùng --ruleset."
            else:
                text = (
                    f"nhiều bộ tiêu chí áp dụng cho năm {assessment.year}:"
                    f" {', '.join(r.id for r in candidates)}; hãy ghi rõ 'ruleset:'"
                )
            doc.report(("year",), text, code=codes.NO_RULESET_FOR_YEAR)
            return None
        loaded = candidates[0]
    if override is None:
        province = province_rules(registry, doc.path)
        if province.problems:
            doc.diagnostics.extend(province.problems)
            return None
        theirs = province.for_base(loaded.base_id or loaded.id)
        if theirs is not None and own_overlay and theirs.path != loaded.path:
            doc.report(
                ("ruleset",),
                f"tệp đánh giá dùng lớp bổ sung riêng '{assessment.ruleset}' trong khi tỉnh đã có lớp"
                f" bổ sung {theirs.id} cho bộ tiêu chí {theirs.base_id} (office.yaml): xã không tự đặt"
                " mức đạt chuẩn",
                code=codes.SELF_GRADED,
            )
        elif theirs is not None and loaded.base_id is None:
            loaded = theirs
    years = loaded.ruleset.years
    if not years.contains(assessment.year) and override is None:
        doc.report(
            ("year",),
            f"năm {assessment.year} nằm ngoài phạm vi áp dụng của bộ tiêu chí {loaded.id}"
            f" ({years.describe()})",
            code=codes.YEAR_OUTSIDE_RULESET,
        )
        return None
    return loaded


def ruleset_for_year(registry: RulesetRegistry, year: int, where: Path) -> LoadedRuleset | None:
    """The ruleset of an evaluation year at `where` (the province's overlay of it, if any)."""
    candidates = registry.for_year(year)
    if len(candidates) != 1:
        return None
    province = province_rules(registry, where)
    return province.for_base(candidates[0].id) or candidates[0]

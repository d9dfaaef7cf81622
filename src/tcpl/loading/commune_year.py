"""One commune in one evaluation year: its assessment, ruleset and commune file, found and loaded."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tcpl import codes
from tcpl.errors import Diagnostic, Severity, UsageError, display_path
from tcpl.loading.filekinds import ASSESSMENT_NAMES, COMMUNE_NAMES
from tcpl.loading.loader import Loader
from tcpl.loading.rulesets import LoadedRuleset
from tcpl.models.assessment import Assessment
from tcpl.models.commune import Commune


@dataclass
class CommuneYear:
    """Everything known about one commune in one evaluation year (folder plans/<xã>/<năm>)."""

    assessment: Assessment
    assessment_path: Path
    ruleset: LoadedRuleset
    commune: Commune | None
    commune_path: Path | None
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.assessment_path.parent


def present(path: Path) -> bool:
    """A name that is there, whatever it is (a regular file, a pipe, a link): the loader says what is wrong."""
    try:
        path.lstat()
    except OSError:
        return False
    return not path.is_dir()


def find_assessment(path: Path) -> Path:
    """An assessment file given directly, or the one inside a commune-year folder."""
    if present(path):
        return path
    if path.is_dir():
        found = [path / name for name in ASSESSMENT_NAMES if present(path / name)]
        if len(found) > 1:
            raise UsageError(
                f"thư mục '{display_path(path)}' có nhiều tệp đánh giá ({', '.join(p.name for p in found)}):"
                " chỉ giữ một"
            )
        if found:
            return found[0]
        raise UsageError(
            f"thư mục '{display_path(path)}' không có tệp đánh giá ({' hoặc '.join(ASSESSMENT_NAMES)})"
        )
    raise UsageError(f"không tìm thấy '{display_path(path)}'")


def find_commune_file(folder: Path) -> Path | None:
    for candidate in (folder, folder.parent):
        for name in COMMUNE_NAMES:
            if (candidate / name).is_file():
                return candidate / name
    return None


def load_commune_year(path: Path, loader: Loader | None = None) -> CommuneYear:
    """Load an assessment (file or folder) with its ruleset and commune; raise on problems."""
    loader = loader or Loader()
    assessment_path = find_assessment(path)
    loaded = loader.load_or_raise(assessment_path, Assessment)
    assessment = loaded.checked()
    assert loaded.ruleset is not None
    commune: Commune | None = None
    commune_path = find_commune_file(assessment_path.parent)
    warnings = [d for d in loaded.diagnostics if d.severity is Severity.WARNING]
    if commune_path is not None:
        commune = loader.load_or_raise(commune_path, Commune).checked().in_year(assessment.year)
        if assessment.commune and commune.id != assessment.commune:
            warnings.append(
                commune_id_mismatch(
                    loaded.doc.shown_path,
                    loaded.doc.position(("commune",)),
                    assessment.commune,
                    commune.id,
                    display_path(commune_path),
                )
            )
    return CommuneYear(
        assessment=assessment,
        assessment_path=assessment_path,
        ruleset=loaded.ruleset,
        commune=commune,
        commune_path=commune_path,
        warnings=warnings,
    )


def commune_id_mismatch(
    assessment: str, at: tuple[int, int], given: str, commune_id: str, commune_file: str
) -> Diagnostic:
    """TCPL321: the assessment's `commune:` is not the id in commune.yaml (every command says it so)."""
    return Diagnostic(
        assessment,
        *at,
        f"mã xã '{given}' khác mã trong {commune_file} ('{commune_id}')",
        code=codes.COMMUNE_ID_MISMATCH,
        loc=("commune",),
    )

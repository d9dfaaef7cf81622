"""The public Python API: what each `tcpl` command does, callable from a script.

    from pathlib import Path
    from tcpl import api

    scored = api.score(Path("plans/huong-binh/2026"))
    print(scored.result.recognized, scored.result.reasons)

    tree = api.check([Path("plans")])
    print(tree.errors, [c.recognized for c in tree.communes])

Every function takes paths and options and returns a result object; none prints. Problems in
the files raise `InvalidFilesError` (with located diagnostics), misuse raises `UsageError`;
both carry a Vietnamese message. Document builders import python-docx and Jinja only when called.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

from tcpl import codes
from tcpl.engine.calendar import Event, evaluation_calendar
from tcpl.engine.diff import DiffResult, diff_results
from tcpl.engine.gap import GapResult
from tcpl.engine.gap import gap as _gap
from tcpl.engine.results import ScoreResult
from tcpl.engine.rollforward import RollForward, roll_forward
from tcpl.engine.tracking import PlanProgress, plan_progress
from tcpl.errors import (
    Diagnostic,
    DossierIncomplete,
    ExistingFilesError,
    FormError,
    InvalidFilesError,
    NotFinalError,
    Severity,
    UsageError,
    display_path,
)
from tcpl.loading.bundle import Bundle, load_bundle
from tcpl.loading.commune_year import CommuneYear, find_assessment, load_commune_year
from tcpl.loading.discovery import collect_yaml_files
from tcpl.loading.gitrev import materialise, split_spec
from tcpl.loading.loader import Loader
from tcpl.loading.plans import LoadedPlan, find_plan, load_plan
from tcpl.loading.rulesets import LoadedRuleset, RulesetRegistry
from tcpl.loading.tree import CommuneYearSummary, TreeResult, scan_tree
from tcpl.models.assessment import Assessment
from tcpl.models.plan import Plan
from tcpl.safeio import STDIN, STDOUT, check_target, temporary_folder, write_atomic, write_text_atomic

if TYPE_CHECKING:
    from tcpl.codes import Code
    from tcpl.documents.frame import Nd30Document
    from tcpl.documents.reports import Rendered as Rendered
    from tcpl.documents.scoresheet import Sheet
    from tcpl.loading.plan_import import ImportResult
    from tcpl.models.office import Office

Progress = Callable[[int, int], None]
RulesetRef = Path | str | None
"""A ruleset for `--ruleset`: a file, or the id of a shipped ruleset (qd27-2025)."""

__all__ = [
    "Calendar",
    "CommuneYear",
    "Diffed",
    "DossierWritten",
    "FormImported",
    "Gapped",
    "ImportedPlan",
    "Initialised",
    "InvalidFilesError",
    "LoadedPlan",
    "NewPlan",
    "PlanStatus",
    "RenderedPlan",
    "Scored",
    "ScoredYear",
    "Summary",
    "TreeResult",
    "UsageError",
    "Written",
    "YearFolder",
    "calendar",
    "check",
    "check_document_target",
    "checked_template",
    "diff",
    "document",
    "dossier",
    "errors_of",
    "explain",
    "find_office",
    "form_import",
    "form_new",
    "gap",
    "init",
    "inputs",
    "load_plan",
    "load_year",
    "plan_document_target",
    "plan_import",
    "plan_new",
    "plan_render",
    "plan_status",
    "rules_template",
    "ruleset",
    "ruleset_file",
    "rulesets",
    "schema",
    "schema_kinds",
    "score",
    "scored_year",
    "scoresheet_workbook",
    "self_check",
    "summary",
    "validate",
    "validate_stream",
    "write_document",
    "write_markdown",
    "write_summary",
    "year_folder",
]


def ruleset_file(ref: RulesetRef) -> Path | None:
    """The ruleset `--ruleset` names: an existing file, or a shipped ruleset's id."""
    if ref is None:
        return None
    path = Path(ref)
    if path.is_file():
        return path
    found = RulesetRegistry().shipped().get(str(ref))
    if found is not None:
        return found
    known = ", ".join(RulesetRegistry().shipped())
    raise UsageError(f"không tìm thấy bộ tiêu chí '{ref}': ghi đường dẫn tệp hoặc mã có sẵn ({known})")


def _loader(ruleset: RulesetRef) -> Loader:
    return Loader(ruleset_override=ruleset_file(ruleset))


# --- one commune-year ---------------------------------------------------------------------


@dataclass
class Scored:
    """`tcpl score`: the commune-year as loaded, and its result."""

    year: CommuneYear
    result: ScoreResult

    @property
    def label(self) -> str:
        """ "Xã Hương Bình" (the commune's name as a heading), or its id without commune.yaml."""
        if self.year.commune is not None:
            name = self.year.commune.full_name
            return name[:1].upper() + name[1:]
        return self.year.assessment.commune or "(chưa rõ xã)"


def score(path: Path, *, ruleset: RulesetRef = None) -> Scored:
    """Score an assessment (file or commune-year folder) against its year's ruleset."""
    cy = load_commune_year(path, _loader(ruleset))
    result = cy.ruleset.score(cy.assessment)
    result.warnings.extend(w.report_line() for w in cy.warnings)
    return Scored(cy, result)


@dataclass
class Gapped:
    """`tcpl gap`: what is still needed, as of a day."""

    scored: Scored
    answer: GapResult
    as_of: date


def gap(path: Path, *, ruleset: RulesetRef = None, as_of: date | None = None) -> Gapped:
    """What the commune still needs to be recognised: the smallest set of items to improve."""
    day = as_of or date.today()
    scored = score(path, ruleset=ruleset)
    cy = scored.year
    return Gapped(scored, _gap(cy.ruleset.ruleset, cy.assessment, as_of=day, result=scored.result), day)


# --- a tree of communes -------------------------------------------------------------------


def validate(
    paths: list[Path], *, ruleset: RulesetRef = None, progress: Progress | None = None
) -> TreeResult:
    """Check every YAML file under the paths (any kind); no scoring."""
    return scan_tree(paths, ruleset=ruleset_file(ruleset), progress=progress, score=False)


def validate_stream(stream: BinaryIO, *, name: Path | None = None, ruleset: RulesetRef = None) -> TreeResult:
    """Check one file read from a stream (standard input), as if it were at `name` (its kind is
    then known by its name, and what it names is found beside it); without a name, by content."""
    from tcpl.loading.tree import validate_stream as validate_one

    return validate_one(stream, name or STDIN, ruleset=ruleset_file(ruleset))


def check(paths: list[Path], *, ruleset: RulesetRef = None, progress: Progress | None = None) -> TreeResult:
    """Check every file and score every commune-year under the paths, and check the tree as a whole."""
    return scan_tree(paths, ruleset=ruleset_file(ruleset), progress=progress)


def inputs(paths: list[Path]) -> frozenset[Path]:
    """The YAML files a tree command reads: its report must never be written over one of them."""
    try:
        return frozenset(collect_yaml_files(paths))
    except UsageError:
        return frozenset()


@dataclass
class Summary:
    """`tcpl summary`: the province table of one year."""

    tree: TreeResult
    year: int
    rows: list[CommuneYearSummary]
    without: list[tuple[str, int, str | None, str | None]]
    sheet: Sheet


def summary(
    paths: list[Path], year: int, *, ruleset: RulesetRef = None, progress: Progress | None = None
) -> Summary:
    """The province table of one year: one row per commune scored under the paths."""
    from tcpl.documents.summary import build_summary_sheet

    tree = check(paths, ruleset=ruleset, progress=progress)
    rows = [c for c in tree.communes if c.year == year]
    without = [u for u in tree.unscored if u[1] == year]
    if not rows and not without and not tree.errors:
        raise UsageError(f"không có xã nào có số liệu đánh giá năm {year} dưới {', '.join(map(str, paths))}")
    return Summary(tree, year, rows, without, build_summary_sheet(rows, year, without=without))


SUMMARY_SUFFIXES = (".xlsx", ".csv", ".docx")


def find_office(root: Path) -> Office | None:
    """The office.yaml at or above `root` (never above its repository), checked; None if none."""
    from tcpl.loading.office import find_office as found

    return found(root)


def write_summary(found: Summary, output: Path, *, force: bool, office: Office | None = None) -> list[str]:
    """Write the table as .xlsx or .csv, or the list annexed to the decision as .docx; the notes."""
    suffix = output.suffix.lower()
    if suffix == ".csv":
        from tcpl.documents.summary import write_csv

        write_atomic(output, lambda stream: write_csv(found.sheet, stream), force=force)
        return []
    if suffix == ".xlsx":
        from tcpl.documents.tables import write_sheet_xlsx

        write_atomic(
            output,
            lambda stream: write_sheet_xlsx(found.sheet, stream, info=[("Năm", found.year)]),
            force=force,
        )
        return []
    from tcpl.documents.summary import build_summary_document

    document = build_summary_document(found.sheet, found.rows, found.year, office)
    write_atomic(output, document.doc.save, force=force)
    notes = self_check(output, numbered=False, recipients=False)
    recognised = sum(1 for r in found.rows if r.recognized is True)
    others = len(found.rows) - recognised + len(found.without)
    notes.append(
        f"Danh sách có {recognised} đơn vị đạt chuẩn; {others} đơn vị khác (chưa đạt, chưa xác định, chưa có"
        " số liệu) chỉ có trong bảng tổng hợp (.xlsx, .csv)."
    )
    unverified = sorted({r.ruleset for r in found.rows if r.unverified})
    if unverified:
        notes.append(
            "Kết quả tính theo bộ tiêu chí chưa được xác nhận hoặc chưa đối chiếu văn bản gốc ("
            + ", ".join(unverified)
            + "): kiểm tra trước khi ban hành quyết định."
        )
    return notes


# --- versions -----------------------------------------------------------------------------


@dataclass
class Diffed:
    """`tcpl diff`: the changes, and both results."""

    result: DiffResult
    before: ScoreResult
    after: ScoreResult

    @property
    def rulesets_differ(self) -> bool:
        return (self.before.base_ruleset or self.before.ruleset) != (
            self.after.base_ruleset or self.after.ruleset
        )


def _version(spec: str, ruleset: RulesetRef, scratch: Path) -> ScoreResult:
    path = Path(spec)
    into: Path | None = None
    if path.exists():
        path = find_assessment(path) if path.is_dir() else path
    elif split_spec(spec) is not None:
        into = scratch / f"v{len(list(scratch.iterdir()))}"
        path = materialise(spec, into)
    else:
        raise UsageError(f"không tìm thấy '{spec}'")
    try:
        cy = load_commune_year(path, _loader(ruleset))
    except InvalidFilesError as exc:
        if into is None:
            raise
        rev = spec.partition(":")[0]
        # The copy's paths as the user knows them: REV:path/in/the/repository.
        raise InvalidFilesError([_at_revision(d, rev, into) for d in exc.diagnostics]) from None
    return cy.ruleset.score(cy.assessment)


def _at_revision(d: Diagnostic, rev: str, into: Path) -> Diagnostic:
    from dataclasses import replace

    rel = d.path
    for base in (str(into.resolve()), str(into)):
        if rel.startswith(base):
            rel = rel[len(base) :].lstrip("/\\")
            break
    return replace(d, path=f"{rev}:{rel}")


def diff(old: str, new: str, *, ruleset: RulesetRef = None) -> Diffed:
    """Compare two versions of an assessment: files, or `REV:PATH` of git."""
    with temporary_folder("tcpl-diff-") as scratch:
        before = _version(old, ruleset, Path(scratch))
        after = _version(new, ruleset, Path(scratch))
    return Diffed(diff_results(before, after), before, after)


# --- rules, schemas, codes ----------------------------------------------------------------


def rulesets() -> list[LoadedRuleset]:
    """The rulesets shipped with tcpl (criteria/), oldest first."""
    return RulesetRegistry().all_shipped()


def ruleset(ident: str) -> LoadedRuleset:
    """A shipped ruleset by id, or a ruleset file (an overlay, with what it extends)."""
    registry = RulesetRegistry()
    found = registry.by_id(ident)
    if found is not None:
        return found
    path = Path(ident)
    if not path.is_file():
        raise UsageError(f"không có bộ tiêu chí '{ident}' (có: {', '.join(registry.shipped())})")
    return registry.load_path(path)


def rules_template(ident: str) -> str:
    """A province overlay of a ruleset to fill in: every open name, level and rule left blank."""
    from tcpl.reporters.overlay import overlay_template

    base = ruleset(ident)
    if base.base_id is not None:
        raise UsageError(
            f"'{ident}' đã là lớp bổ sung (mở rộng {base.base_id}): mẫu được viết từ bộ tiêu chí có sẵn,"
            f" ví dụ tcpl rules template {base.base_id}"
        )
    return overlay_template(base)


def schema_kinds() -> tuple[str, ...]:
    """The file kinds that have a JSON Schema (ruleset, assessment, commune...)."""
    from tcpl.loading.schemas import SCHEMA_KINDS

    return tuple(SCHEMA_KINDS)


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file kind, with the short forms the loader accepts."""
    from tcpl.loading.schemas import SCHEMA_KINDS, json_schema

    if kind not in SCHEMA_KINDS:
        raise UsageError(f"loại tệp phải là một trong: {', '.join(SCHEMA_KINDS)} (không phải '{kind}')")
    return json_schema(kind)


def explain(code: str | None = None, *, every: bool = False) -> list[Code]:
    """The registry entry of one diagnostic code (any case), or of every code."""
    if every:
        return list(codes.REGISTRY.values())
    if code is None:
        raise UsageError("cần một mã (ví dụ: tcpl explain TCPL311) hoặc --all")
    found = codes.get(code)
    if found is None:
        raise UsageError(f"không có mã {code.strip().upper()}; xem danh sách: tcpl explain --all")
    return [found]


# --- a new commune ----------------------------------------------------------------------------


@dataclass
class Initialised:
    """`tcpl init`: what was written, what was there already, and under which ruleset."""

    written: list[Path]
    kept: list[Path]
    ruleset: LoadedRuleset
    year: int


def init(
    folder: Path, unit: str, province: str, *, upper: str | None = None, year: int | None = None
) -> Initialised:
    """A new commune folder: commune.yaml, and the year's assessment.yaml and plan.yaml to fill in.

    Nothing is overwritten: an existing commune.yaml is kept (adding a year is normal); an
    existing year file is named in an ExistingFilesError after the others are written.
    """
    from tcpl.loading.ruleset_choice import ruleset_for_year
    from tcpl.reporters.scaffold import (
        assessment_scaffold,
        checked_text,
        commune_scaffold,
        parse_unit,
        plan_scaffold,
    )

    named = parse_unit(unit)
    province_name = checked_text("--province", province) or ""
    upper_level = checked_text("--upper", upper)
    year = year or date.today().year
    registry = RulesetRegistry()
    where = next((p for p in (folder, *folder.absolute().parents) if p.is_dir()), Path.cwd())
    chosen = ruleset_for_year(registry, year, where)
    if chosen is None:
        note = registry.year_note(year) or ""
        spans = "; ".join(f"{r.id}: {r.ruleset.years.describe()}" for r in registry.all_shipped())
        raise UsageError(
            f"không có bộ tiêu chí cho năm {year} ({spans}). {note} Dùng --year.".replace("  ", " ")
        )
    files = {
        folder / "commune.yaml": commune_scaffold(named, province_name, upper_level),
        folder / str(year) / "assessment.yaml": assessment_scaffold(chosen, named, year),
    }
    plan_text = plan_scaffold(chosen, named, year, upper_level)
    if plan_text is not None:
        files[folder / str(year) / "plan.yaml"] = plan_text
    loader = Loader(registry=registry)
    for path, text in files.items():
        loaded = loader.load_text(path, text)
        if not loaded.ok:  # a scaffold tcpl cannot read back is a bug, not the officer's problem
            raise RuntimeError("; ".join(d.report_line() for d in loaded.diagnostics))
    written: list[Path] = []
    kept: list[Path] = []
    for path, text in files.items():
        if path.exists() or path.is_symlink():
            kept.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, text, force=False)
        written.append(path)
    done = Initialised(written, kept, chosen, year)
    clashing = [p for p in kept if p.name != "commune.yaml"]
    if clashing:
        raise ExistingFilesError(
            "đã có, giữ nguyên (không ghi đè): "
            + ", ".join(display_path(p) for p in clashing)
            + (f"; đã viết: {', '.join(display_path(p) for p in written)}" if written else "")
            + f". Thêm năm khác: tcpl init {display_path(folder)} ... --year {year + 1}"
        )
    return done


# --- the dossier -------------------------------------------------------------------------------


@dataclass
class DossierWritten:
    """`tcpl dossier`: the zip, what it holds, and what the officer should know."""

    path: Path
    files: list[tuple[str, str]]
    """(name in the zip, SHA-256)."""
    missing: list[str]
    notes: list[str]
    drafts: list[str]
    """Documents of the dossier still marked DỰ THẢO."""


def dossier(
    folder: Path,
    output: Path,
    *,
    force: bool,
    draft: bool = False,
    strict: bool = False,
    pdf: bool = True,
    ruleset: RulesetRef = None,
) -> DossierWritten:
    """The hồ sơ of a year: documents, evidence files and their list, in one zip written atomically.

    Refused (DossierIncomplete, exit 1) when something it needs is missing, unless `draft`; with
    `strict`, refused (NotFinalError) when one of its documents is still a draft.
    """
    from datetime import datetime

    from tcpl.documents.dossier import build_dossier, list_document, write_zip

    if output.suffix.lower() != ".zip":
        raise UsageError(f"tệp hồ sơ phải có đuôi .zip (không phải '{output.name}')")
    check_target(output, force=force)
    found = scored_year(folder, ruleset=ruleset)
    bundle, result = found.bundle, found.result
    ref = bundle.year.assessment.documents.get("report_q4")
    day = (
        ref.date if ref is not None and ref.date is not None else date(bundle.year.assessment.year + 1, 1, 1)
    )
    stamp = datetime(day.year, day.month, day.day)
    built = build_dossier(bundle, result, pdf=pdf, stamp=stamp)
    if built.missing and not draft:
        raise DossierIncomplete(
            "hồ sơ còn thiếu (bổ sung rồi chạy lại, hoặc dùng --draft để viết bản nháp):\n"
            + "\n".join(f"  – {m}" for m in built.missing)
        )
    drafted = []
    if built.drafts:
        drafted = [
            f"Văn bản còn là DỰ THẢO ({', '.join(built.drafts)}), chưa gửi được cho đến khi giải quyết:",
            *built.draft_reasons,
        ]
        if strict:
            raise NotFinalError("hồ sơ có văn bản còn là DỰ THẢO (--strict):\n" + "\n".join(drafted))
    listing = list_document(bundle, result, built, stamp)
    pieces = [listing, *built.pieces]
    write_atomic(output, lambda stream: write_zip(pieces, stream, stamp), force=force)
    return DossierWritten(
        output, [(p.name, p.sha256) for p in pieces], built.missing, [*drafted, *built.notes], built.drafts
    )


# --- the Excel entry form ----------------------------------------------------------------------


@dataclass
class YearFolder:
    """A commune-year folder for the entry form: its ruleset, commune, and assessment if any."""

    folder: Path
    year: int
    ruleset: LoadedRuleset
    assessment: Assessment | None
    assessment_path: Path
    unit: str
    commune_id: str | None


def year_folder(folder: Path, *, ruleset: RulesetRef = None) -> YearFolder:
    """The year folder `plans/<xã>/<năm>`: with an assessment, as it is scored; without, by its name."""
    from tcpl.loading.commune_year import find_commune_file
    from tcpl.loading.ruleset_choice import ruleset_for_year
    from tcpl.models.commune import Commune

    if not folder.is_dir():
        raise UsageError(f"'{display_path(folder)}' không phải thư mục năm (plans/<xã>/<năm>)")
    target = folder / "assessment.yaml"
    if _has_assessment(folder):
        cy = load_commune_year(folder, _loader(ruleset))
        unit = cy.commune.full_name if cy.commune else (cy.assessment.commune or "")
        return YearFolder(
            folder,
            cy.assessment.year,
            cy.ruleset,
            cy.assessment,
            cy.assessment_path,
            unit,
            cy.assessment.commune,
        )
    if not folder.name.isdigit():
        raise UsageError(
            f"thư mục '{display_path(folder)}' phải mang tên năm đánh giá, ví dụ plans/thuan-hoa/2026"
        )
    year = int(folder.name)
    registry = RulesetRegistry()
    override = ruleset_file(ruleset)
    chosen = registry.load_path(override) if override else ruleset_for_year(registry, year, folder)
    if chosen is None:
        raise UsageError(f"không có bộ tiêu chí cho năm {year}; dùng --ruleset")
    commune_path = find_commune_file(folder.parent)
    commune = (
        Loader(registry=registry).load_or_raise(commune_path, Commune).checked() if commune_path else None
    )
    named = commune.in_year(year) if commune else None
    return YearFolder(
        folder, year, chosen, None, target, named.full_name if named else "", named.id if named else None
    )


def form_new(folder: Path, output: Path, *, force: bool, ruleset: RulesetRef = None) -> Written:
    """The Excel entry form of a year folder, pre-filled from its assessment when it has one."""
    from tcpl.documents.entry_form import write_form

    found = year_folder(folder, ruleset=ruleset)
    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"tệp phải có đuôi .xlsx (không phải '{output.name}')")
    rs = found.ruleset
    attested = found.ruleset.attestation
    title = f"SỐ LIỆU TỰ ĐÁNH GIÁ NĂM {found.year}" + (f" — {found.unit.upper()}" if found.unit else "")
    subtitle = (
        f"Bộ tiêu chí {rs.id}"
        + (f" ({attested.words()})" if attested else "")
        + ". Ghi vào các ô trắng: ô xám"
        " không dùng cho nội dung đó; Có/Không chọn trong danh sách; ngày dạng 15/01/2026; nhiều lựa chọn"
        " cách nhau bằng dấu ; hoặc xuống dòng. Xong thì chạy: tcpl form import TỆP THƯ_MỤC_NĂM."
    )
    write_atomic(
        output,
        lambda stream: write_form(stream, rs.ruleset, found.assessment, title=title, subtitle=subtitle),
        force=force,
    )
    return Written([output])


MAX_FORM_BYTES = 20 * 1024 * 1024
"""An entry form is a few dozen rows: a bigger file is not one."""


@dataclass
class FormImported:
    """`tcpl form import`: the assessment written (or not), and each item that changed."""

    path: Path
    changes: list[tuple[str, str, str]]
    """(item, before, after) in the file's words; "(trống)" for a blank."""
    created: bool
    written: bool


def form_import(book: Path, folder: Path, *, force: bool, ruleset: RulesetRef = None) -> FormImported:
    """The items of a filled entry form into the year's assessment.yaml (only `items:` changes).

    A bad cell is refused as `book.xlsx:SHEET!E12: ...` and nothing is written; a value that is
    already in the file and differs needs `force`.
    """
    from tcpl.documents.entry_form import read_form
    from tcpl.loading.items_text import entry_yaml, set_items
    from tcpl.loading.yamlfile import MAX_FILE_BYTES
    from tcpl.safeio import ReadRefused, read_regular

    found = year_folder(folder, ruleset=ruleset)
    if not book.is_file():
        raise UsageError(f"không tìm thấy '{display_path(book)}'")
    try:
        data = read_regular(book, max_bytes=MAX_FORM_BYTES)
    except ReadRefused as exc:
        raise UsageError(f"{display_path(book)}: {exc}") from None
    reading = read_form(book, data, found.ruleset.ruleset)
    if reading.problems:
        raise FormError("\n".join(reading.problems))
    before = found.assessment.items if found.assessment is not None else {}
    index = found.ruleset.ruleset.item_index()
    changes: list[tuple[str, str, str]] = []
    values: dict[str, str] = {}
    conflicts: list[str] = []
    for row in reading.rows:
        if row.entry is None:
            continue  # a blank row leaves the file's value as it is
        new = entry_yaml(row.entry)
        old_entry = before.get(row.item_id)
        old = entry_yaml(_as_read(index[row.item_id], old_entry)) if old_entry is not None else None
        if old == new:
            continue
        if old is not None and not force:
            conflicts.append(f"{row.item_id}: {old} → {new}")
        values[row.item_id] = new
        changes.append((row.item_id, old or "(trống)", new))
    if conflicts:
        raise FormError(
            "bảng tính đổi số liệu đã có trong "
            + display_path(found.assessment_path)
            + " (dùng --force để ghi đè):\n"
            + "\n".join(f"  {c}" for c in conflicts)
        )
    path = found.assessment_path
    created = not path.exists()
    if not values:
        return FormImported(path, [], created=False, written=False)
    if created:
        head = "kind: assessment\n" + (f"commune: {found.commune_id}\n" if found.commune_id else "")
        text = head + f"year: {found.year}\n"
    else:
        text = read_regular(path, max_bytes=MAX_FILE_BYTES).decode("utf-8")
    updated = set_items(text, values)
    checked = Loader().load_text(path, updated)
    if not checked.ok:
        raise InvalidFilesError([d for d in checked.diagnostics if d.severity is Severity.ERROR])
    write_text_atomic(path, updated, force=True)
    return FormImported(path, changes, created=created, written=True)


def _as_read(item: Any, entry: Any) -> Any:
    """An entry of the file as its kind reads it (names as ids...), to compare with the form's."""
    from tcpl import kinds

    return kinds.of(item).read(item, entry).entry


# --- the plan -------------------------------------------------------------------------------


@dataclass
class RenderedPlan:
    """`tcpl plan render`: the KẾ HOẠCH built (not yet saved) and the plan it came from."""

    document: Nd30Document
    loaded: LoadedPlan


def plan_render(plan: Path | LoadedPlan, *, template: Path | None = None) -> RenderedPlan:
    """The KẾ HOẠCH of a plan.yaml (or of a plan already loaded) as a Decree 30 document, not yet saved."""
    from tcpl.documents.plan_doc import build_plan_document
    from tcpl.loading.office import find_office as office_of

    loaded = load_plan(plan) if isinstance(plan, Path) else plan
    document = build_plan_document(
        loaded.plan, loaded.commune, template=checked_template(template), office=office_of(loaded.path)
    )
    return RenderedPlan(document, loaded)


def plan_document_target(loaded: LoadedPlan, output: Path | None) -> Path:
    """Where `plan render` writes: -o, or ke-hoach-<năm>.docx beside plan.yaml."""
    target = output or loaded.path.parent / f"ke-hoach-{loaded.plan.year}.docx"
    if target.suffix.lower() != ".docx":
        raise UsageError(f"tệp đích phải có đuôi .docx (không phải '{target.name}')")
    return target


@dataclass
class ImportedPlan:
    """`tcpl plan import`: plan.yaml text, and what the officer should check."""

    text: str
    result: ImportResult
    problems: list[Diagnostic] = field(default_factory=list)
    """Where the written plan does not load yet (it is written all the same, to be fixed by hand)."""

    @property
    def sections(self) -> int:
        return len(self.result.data.get("sections", []))

    @property
    def tasks(self) -> int:
        return sum(len(s.get("tasks", [])) for s in self.result.data.get("sections", []))


def plan_import(
    source: Path, output: Path, *, year: int | None = None, commune: str | None = None
) -> ImportedPlan:
    """A plan.yaml from an existing plan (.txt or .docx), every sentence kept; not yet written."""
    from tcpl.loading.plan_import import dump_yaml, import_plan

    if not source.is_file():
        raise UsageError(f"không tìm thấy '{display_path(source)}'")
    result = import_plan(source, year=year)
    if commune:
        result.data = {
            "kind": "plan",
            "commune": commune,
            **{k: v for k, v in result.data.items() if k != "kind"},
        }
    header = f"# Nhập từ {source.name} bằng tcpl plan import; hãy đọc lại trước khi dùng.\n"
    text = dump_yaml(result.data, header)
    loaded = Loader().load_as(_probe(output), Plan, text=text)
    return ImportedPlan(text, result, [] if loaded.ok else list(loaded.diagnostics))


@dataclass
class NewPlan:
    """`tcpl plan new`: next year's plan.yaml text and the sentences changed or to review."""

    text: str
    rolled: RollForward
    source: Path


def plan_new(plan_path: Path, year: int, output: Path) -> NewPlan:
    """Next year's plan from this year's; refused (nothing to write) if it would not load."""
    from tcpl.loading.plan_import import dump_yaml

    if not 2000 <= year <= 2100:
        raise UsageError(f"--year phải là một năm từ 2000 đến 2100 (không phải {year})")
    source = find_plan(plan_path)
    loaded = Loader().load_or_raise(source, Plan)  # refuse to roll forward a broken plan
    plan = loaded.checked()
    from tcpl.loading.commune_year import find_commune_file
    from tcpl.models.commune import Commune

    registry = RulesetRegistry()
    old_rulesets, new_rulesets = registry.for_year(plan.year), registry.for_year(year)
    commune_path = find_commune_file(source.parent)
    commune = Loader().load_or_raise(commune_path, Commune).checked().in_year(year) if commune_path else None
    keep = tuple(
        x for x in (commune.province if commune else None, commune.upper_level if commune else None) if x
    )
    rolled = roll_forward(
        loaded.doc.data,
        year,
        old_ruleset=old_rulesets[0].ruleset if old_rulesets else None,
        new_ruleset=new_rulesets[0].ruleset if new_rulesets else None,
        keep_names=keep,
        upper_level=commune.upper_level if commune else None,
    )
    year_note = registry.year_note(year) if not new_rulesets else None
    if year_note:
        rolled.notes.append(year_note)
    header = f"# Lập từ {display_path(source)} bằng tcpl plan new --year {year}; xem lại các câu đã đổi.\n"
    if rolled.review:
        header += "# Các câu cần xem lại trước khi ban hành (văn bản đã dẫn, tên đơn vị cũ, căn cứ cũ):\n"
        for item in rolled.review:
            shown = " ".join(item.before.split())
            header += f"#   - {item.where}: {shown[:160]}{'…' if len(shown) > 160 else ''}\n"
            if item.after != item.before and " ".join(item.after.split()) != shown:
                header += f"#     gợi ý: {' '.join(item.after.split())[:160]}\n"
    text = dump_yaml(rolled.data, header)
    Loader().load_as(_probe(output), Plan, text=text).checked()  # nothing is written that would not load
    return NewPlan(text, rolled, source)


def _probe(output: Path) -> Path:
    return Path("plan.yaml") if output == STDOUT else output


@dataclass
class PlanStatus:
    """`tcpl plan status`: each task's state on a day, and the plan file's warnings."""

    progress: PlanProgress
    warnings: list[Diagnostic]


def plan_status(plan_path: Path, *, as_of: date | None = None) -> PlanStatus:
    """The plan's progress on `as_of` (today by default): done, due, late, upcoming."""
    loaded = load_plan(plan_path)
    return PlanStatus(plan_progress(loaded.plan, as_of or date.today()), loaded.warnings)


# --- the year's documents --------------------------------------------------------------------

DocumentKind = Literal["scoresheet", "report", "notice", "feedback"]


def checked_template(path: Path | None) -> Path | None:
    """--template: the file must exist (a usage error otherwise)."""
    if path is not None and not path.is_file():
        raise UsageError(f"không tìm thấy mẫu '{display_path(path)}'")
    return path


def load_year(path: Path, *, ruleset: RulesetRef = None) -> Bundle:
    """A commune-year folder with everything its documents need (plan and feedback optional)."""
    return load_bundle(path, _loader(ruleset))


@dataclass
class ScoredYear:
    """A commune-year loaded for its documents, and its score: one load for several documents."""

    bundle: Bundle
    result: ScoreResult


def scored_year(path: Path, *, ruleset: RulesetRef = None) -> ScoredYear:
    """`load_year` and its score."""
    bundle = load_year(path, ruleset=ruleset)
    return ScoredYear(bundle, bundle.year.ruleset.score(bundle.year.assessment))


def document(
    kind: DocumentKind,
    path: Path,
    *,
    quarter: int = 4,
    as_of: date | None = None,
    template: Path | None = None,
    ruleset: RulesetRef = None,
    scored: ScoredYear | None = None,
) -> Rendered:
    """One of the year's documents, built (not yet saved), with what the officer must know about it.

    `scored`: the year already loaded and scored (`scored_year`), when several documents are made."""
    from tcpl.documents import reports

    checked_template(template)
    found = scored or scored_year(path, ruleset=ruleset)
    bundle = found.bundle
    year = bundle.year.assessment.year
    if as_of is not None and not year <= as_of.year <= year + 1:
        raise UsageError(
            f"--as-of phải là một ngày của năm {year} (hoặc đầu năm {year + 1}), không phải {as_of}"
        )
    rendered = reports.build(kind, bundle, found.result, quarter=quarter, as_of=as_of, template=template)
    rendered.year = year
    return rendered


@dataclass
class Written:
    """What a write produced: the files, and the notes for the officer (Decree 30 read-back...)."""

    paths: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def self_check(path: Path, *, numbered: bool = True, recipients: bool = True) -> list[str]:
    """Read the written document back and check it against Decree 30 (problems become notes)."""
    from tcpl.documents.checks import check_nd30

    return [
        f"Thể thức (Nghị định 30): {p}" for p in check_nd30(path, numbered=numbered, recipients=recipients)
    ]


def check_document_target(target: Path, *, force: bool, pdf: bool) -> None:
    """Refuse, before any work, a target (or its PDF beside it) that cannot be written."""
    from tcpl.documents.writer import pdf_target

    check_target(target, force=force)
    if pdf:
        check_target(pdf_target(target), force=force)


def write_document(
    document: Nd30Document, target: Path, *, force: bool, pdf: bool = False, numbered: bool | None = None
) -> Written:
    """Save a Decree 30 document (and its PDF with LibreOffice), then read it back against the decree."""
    from tcpl.documents.writer import convert_to_pdf

    check_document_target(target, force=force, pdf=pdf)
    write_atomic(target, document.doc.save, force=force)
    written = Written(
        [target], self_check(target, numbered=document.numbered if numbered is None else numbered)
    )
    if pdf:
        written.paths.append(convert_to_pdf(target))
    return written


def write_markdown(text: str, target: Path, *, force: bool) -> Written:
    """Write a document's Markdown twin (`--format md`), safely."""
    write_text_atomic(target, text, force=force)
    return Written([target])


def scoresheet_workbook(
    path: Path, target: Path, *, force: bool, ruleset: RulesetRef = None, scored: ScoredYear | None = None
) -> Written:
    """The scoresheet as an Excel workbook (`scored`: as for `document`)."""
    from tcpl.documents.reports import commune_name, scoresheet
    from tcpl.documents.tables import write_sheet_xlsx

    found = scored or scored_year(path, ruleset=ruleset)
    bundle, result = found.bundle, found.result
    sheet = scoresheet(bundle, result)
    info: list[tuple[str, str | int]] = [
        ("Đơn vị", commune_name(bundle)),
        ("Năm", result.year),
        ("Bộ tiêu chí", result.ruleset),
    ]
    write_atomic(target, lambda stream: write_sheet_xlsx(sheet, stream, info=info), force=force)
    return Written([target])


@dataclass
class Calendar:
    """`tcpl calendar`: every dated step of the year, and its iCalendar text."""

    events: list[Event]
    title: str
    as_of: date
    ics: str


def calendar(path: Path, *, as_of: date | None = None, ruleset: RulesetRef = None) -> Calendar:
    """Every dated step of the commune's year (plan tasks, procedure steps) and its iCalendar text."""
    from tcpl.documents.ics import to_ics
    from tcpl.documents.reports import commune_name

    day = as_of or date.today()
    if _has_assessment(path):
        bundle = load_year(path, ruleset=ruleset)
        cy = bundle.year
        events = evaluation_calendar(cy.ruleset.ruleset, cy.assessment, bundle.plan, day)
        year, commune_id, shown = cy.assessment.year, cy.assessment.commune, commune_name(bundle)
    else:
        # Early in the year there is a plan and no figures yet: the plan's tasks and the steps.
        loaded = load_plan(path)
        year = loaded.plan.year
        chosen = _ruleset_of_year(year, loaded.path, ruleset)
        events = evaluation_calendar(chosen.ruleset, None, loaded.plan, day, year=year)
        commune_id = loaded.commune.id if loaded.commune else None
        shown = loaded.commune.full_name if loaded.commune else ""
    name = f"Tiếp cận pháp luật {shown} {year}".replace("  ", " ")
    uid = f"{commune_id or 'xa'}-{year}"
    title = f"{shown} — năm {year}" if shown else f"Năm {year}"
    return Calendar(events, title, day, to_ics(events, calendar_name=name, uid_prefix=uid, stamp=day))


def _has_assessment(path: Path) -> bool:
    try:
        find_assessment(path)
    except UsageError:
        return False
    return True


def _ruleset_of_year(year: int, where: Path, ref: RulesetRef) -> LoadedRuleset:
    from tcpl.loading.ruleset_choice import ruleset_for_year

    registry = RulesetRegistry()
    override = ruleset_file(ref)
    found = registry.load_path(override) if override else ruleset_for_year(registry, year, where)
    if found is None:
        note = registry.year_note(year) or ""
        raise UsageError(f"không có bộ tiêu chí cho năm {year}. {note}".strip())
    return found


def errors_of(diagnostics: list[Diagnostic]) -> int:
    """How many of the diagnostics are errors (not warnings)."""
    return sum(1 for d in diagnostics if d.severity is Severity.ERROR)

"""One build: load → compute → (check) → document view → PDF + XLSX, all or nothing
(both files appear together, see ``generator.atomic``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from generator.atomic import replacing_all
from generator.bundled import DEFAULT_PROFILE, EXAMPLE
from generator.checks import CheckOptions, CheckResult, Severity, run_checks
from generator.checks.context import CheckContext
from generator.checks.totals import CORRECTED_BY_BUILD, correction
from generator.compute.cells import DEFAULT_TOLERANCE
from generator.compute.computed import Computed
from generator.compute.report import compute
from generator.errors import Location, UserError, within
from generator.formats import load_input
from generator.formats.yaml_input.source import SourceMap
from generator.profiles.loader import input_profile
from generator.text import file_stem

if TYPE_CHECKING:
    from generator.formats.pdf.workers import Workers

FORMATS = ("pdf", "xlsx")
__all__ = ["DEFAULT_PROFILE", "EXAMPLE", "FORMATS", "Built", "Loaded", "check", "load", "render"]


@dataclass
class Loaded:
    path: Path
    computed: Computed
    sources: SourceMap
    notes: list[str] = field(default_factory=list)  # what --prior could not fill


@dataclass
class Built:
    files: list[Path]
    pages: int | None


def load(
    path: Path,
    tolerance: Decimal | None = DEFAULT_TOLERANCE,
    prior: Path | None = None,
    building: bool = False,
) -> Loaded:
    """Read and compute an input; ``prior`` is last year's version (``app.prior``): its
    printed figures are the 上年 figures, whatever this input types.

    ``building``: the figures are those a build prints.  For an unmodified extract that
    is the corrected sheet (``Sheet.corrected``), whose contradictions ``check`` names
    as corrections; ``check`` alone audits the published tables as they are."""
    report, sources = load_input(path)
    profile = input_profile(report.profile, sources.find(("profile",)) or Location(str(path)))
    with within(path):
        computed = compute(report, profile, tolerance, building and report.unmodified_extract)
    notes: list[str] = []
    if prior is not None:  # last year's PDF needs PDFium and openpyxl: loaded only then
        from generator.app.prior import with_prior

        computed, notes = with_prior(computed, prior, tolerance)
    linked = report.evaluation.final_accounts if report.evaluation else None
    if linked:
        computed.final_accounts = _final_accounts(path, linked, sources, tolerance)
    return Loaded(path, computed, sources, notes)


def _final_accounts(
    path: Path, linked: str, sources: SourceMap, tolerance: Decimal | None
) -> Computed:
    """The 决算 input a 评价报告 takes its 收入/支出 figures from (a path beside the input)."""
    base = path if path.is_dir() else path.parent
    target = (base / linked).resolve()
    where = sources.find(("评价报告", "决算输入")) or Location(str(path))
    if not target.exists():
        raise UserError(f"决算输入不存在：{target}", where)
    report, _ = load_input(target)
    profile = input_profile(report.profile, where)
    return compute(report, profile, tolerance)


def check(loaded: Loaded, options: CheckOptions | None = None) -> CheckResult:
    """Every rule of rules.md over the loaded report (build refuses on errors).

    An unmodified extract (``Report.unmodified_extract``) is the publisher's report: a
    stated table figure that contradicts its source or its parts is still an error, but
    loaded for a build (``load(building=True)``) the rebuilt report prints the computed
    figure instead, so the finding carries the line the build prints rather than
    refusing (``CheckResult.blocking``)."""
    ctx = CheckContext(loaded.computed, loaded.sources, str(loaded.path), options or CheckOptions())
    with within(loaded.path):
        result = run_checks(ctx)
        if loaded.computed.sheet.corrected:  # loaded for a build of an unmodified extract
            for finding in result.findings:
                if (
                    finding.severity == Severity.ERROR
                    and finding.code in CORRECTED_BY_BUILD
                    and finding.key is not None
                ):
                    finding.correction = correction(ctx, finding)
    return result


def output_name(path: Path) -> str:
    """The outputs' name: the input's, made safe for any file system (see ``file_stem``)."""
    stem = path.stem if path.is_file() else path.resolve().name
    return file_stem(stem)


def render(
    loaded: Loaded,
    out_dir: Path,
    formats: tuple[str, ...] = FORMATS,
    name: str | None = None,
    workers: Workers | None = None,
    pdf_variant: str | None = None,
) -> Built:
    """Write the PDF and XLSX of ``loaded`` into ``out_dir`` (both or neither).

    ``workers`` lay the PDF out (``write_pdf``: the command starts them before reading the
    input; ``Workers(1)`` is this process, as in a batch, which runs one build per core);
    ``pdf_variant`` ("pdf/a-3b") writes an archival PDF.
    """
    from generator.document.report import build_document
    from generator.formats.output_workbook.writer import write_xlsx
    from generator.formats.pdf.writer import write_pdf

    with within(loaded.path):
        doc = build_document(loaded.computed)
    name = name or output_name(loaded.path)
    pages: int | None = None

    # The workbook is renamed into place before the PDF: whatever stops a build
    # between the two renames, there is never a new PDF without its workbook.
    ordered = sorted(formats, key=lambda fmt: fmt == "pdf")
    targets = {fmt: out_dir / f"{name}.{fmt}" for fmt in ordered}
    with replacing_all(list(targets.values())) as temporaries:
        staged = dict(zip(targets, temporaries, strict=True))

        def xlsx() -> None:
            write_xlsx(doc, staged["xlsx"])

        if "pdf" in staged:
            # the workbook is written while the PDF workers lay out pages
            pages = write_pdf(
                doc, staged["pdf"], xlsx if "xlsx" in staged else None, workers, pdf_variant
            )
        elif "xlsx" in staged:
            xlsx()
    return Built([targets[fmt] for fmt in formats], pages)

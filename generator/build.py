"""One build: load → compute → (check) → document view → PDF + XLSX, all or nothing.

Both files are rendered to temporary files first and renamed into place only
when both succeeded, so an interrupted or refused build leaves no
half-written output and never touches the input.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from generator.checks import CheckOptions, CheckResult, run_checks
from generator.checks.context import CheckContext
from generator.compute import Computed, compute
from generator.compute.cells import DEFAULT_TOLERANCE
from generator.load import load_input
from generator.load.yaml_source import SourceMap
from generator.profiles.loader import load_profile

REPO = Path(__file__).resolve().parents[1]


def _settings() -> dict[str, str]:
    """The defaults that name a layout — data, in pyproject's [tool.gen-report], not code."""
    with (REPO / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)["tool"]["gen-report"]


SETTINGS = _settings()
EXAMPLE = REPO / SETTINGS["example"]  # what `build` builds when given no input
DEFAULT_PROFILE = SETTINGS["profile"]  # what `init` lays out when given no profile
OUTPUTS = REPO / "outputs"
FORMATS = ("pdf", "xlsx")


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


def load(path: Path, tolerance: Decimal = DEFAULT_TOLERANCE, prior: Path | None = None) -> Loaded:
    """Read and compute an input; ``prior`` fills last year's figures from that version."""
    report, sources = load_input(path)
    profile = load_profile(report.profile)
    computed = compute(report, profile, tolerance)
    notes: list[str] = []
    if prior is not None:
        from generator.prior import merged, prior_tables

        filled, notes = prior_tables(prior, computed)
        computed = compute(merged(report, filled), profile, tolerance)
    return Loaded(path, computed, sources, notes)


def check(loaded: Loaded, options: CheckOptions | None = None) -> CheckResult:
    """Every rule of rules.md over the loaded report (build refuses on errors)."""
    ctx = CheckContext(loaded.computed, loaded.sources, str(loaded.path), options or CheckOptions())
    return run_checks(ctx)


def output_name(path: Path) -> str:
    stem = path.stem if path.is_file() else path.name
    return re.sub(r"[^\w.\-]+", "_", stem) or "report"


def render(loaded: Loaded, out_dir: Path, formats: tuple[str, ...] = FORMATS) -> Built:
    from generator.render.pdf import write_pdf
    from generator.render.xlsx import write_xlsx
    from generator.views.document import build_document

    doc = build_document(loaded.computed)
    name = output_name(loaded.path)
    out_dir.mkdir(parents=True, exist_ok=True)
    pages: int | None = None

    staged: dict[str, tuple[Path, Path]] = {}
    try:
        for fmt in formats:
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=f".{fmt}.part", dir=out_dir)
            os.close(fd)
            staged[fmt] = (Path(tmp), out_dir / f"{name}.{fmt}")

        def xlsx() -> None:
            write_xlsx(doc, staged["xlsx"][0])

        if "pdf" in staged:
            # the workbook is written while the PDF workers lay out pages
            pages = write_pdf(doc, staged["pdf"][0], xlsx if "xlsx" in staged else None)
        elif "xlsx" in staged:
            xlsx()
        umask = os.umask(0)
        os.umask(umask)
        for tmp, target in staged.values():
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
            os.replace(tmp, target)
    finally:
        for tmp, _ in staged.values():
            tmp.unlink(missing_ok=True)
    return Built([target for _, target in staged.values()], pages)

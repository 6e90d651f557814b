"""Last year's figures for ``--prior``: last year's model, computed by the same code.

The prior version — an input (YAML or workbook), our PDF (the input it carries) or
a published PDF (through ``extract``) — is loaded into a ``Report`` and computed
with its profile exactly as ``build`` computes it; this year's narrative then reads
last year's printed 本年 figures from that model (``Computed.prior``), and the
上年机关运行经费 is last year's 机关运行经费.

One source wins for every figure: the ``--prior`` version.  上年 figures typed in
this year's input (``narrative.上年``, the 上年数 sheet) are not used — a typed
total beside filled components would print a figure found in neither — and each
one that differs from what the prior version prints is a located warning (Y001).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from generator.app.extract import extract
from generator.compute.computed import Computed, PriorSource
from generator.compute.report import compute
from generator.errors import Location, UserError
from generator.formats import WORKBOOK_SUFFIXES, load_input
from generator.formats.output_workbook.reader import is_output_workbook
from generator.formats.published_pdf.text_input import NOT_RECOVERED
from generator.model.report import Report
from generator.narrative.context import Figures, MissingTable
from generator.profiles.loader import load_profile


def prior_report(path: Path, profile_id: str) -> tuple[Report, list[str]]:
    """Last year's input, and notes on what its source could not give."""
    if not path.exists():
        raise UserError("文件不存在", Location(str(path)))
    if path.suffix.lower() == ".pdf":
        data, notes = extract(path, profile_id)  # a budget or other document is refused
        notes = [f"上年版本：{note}" for note in notes if note not in NOT_RECOVERED]
        return Report.model_validate(data), notes
    if path.suffix.lower() in WORKBOOK_SUFFIXES and is_output_workbook(path):
        raise UserError(
            "这是 gen-report 生成的表格文件，不是输入；--prior 请用上年的输入"
            "（YAML 或输入工作簿）或上年的 PDF",
            Location(str(path)),
        )
    report, _ = load_input(path)
    return report, []


def with_prior(
    current: Computed, path: Path, tolerance: Decimal | None
) -> tuple[Computed, list[str]]:
    """This year's report computed with last year's version as its prior."""
    report = current.report
    last, notes = prior_report(path, current.profile.id)
    profile = load_profile(last.profile)
    if last.year != report.year - 1:
        notes.append(f"上年版本 {path.name} 为 {last.year} 年度，本年为 {report.year} 年度")
    if profile.id != current.profile.id:
        notes.append(
            f"上年版本的版式为 {profile.id}，本年为 {current.profile.id}：按相同的表、行、列取数"
        )
    prior = compute(last, profile, tolerance)
    typed = report.narrative.operating_costs_prior
    narrative = report.narrative.model_copy(
        update={"operating_costs_prior": _operating_costs(prior)}
    )
    this_year = compute(
        report.model_copy(update={"narrative": narrative}),
        current.profile,
        tolerance,
        current.sheet.corrected,
    )
    source = PriorSource(str(path), typed)
    return replace(this_year, prior=prior, prior_source=source), notes


def _operating_costs(prior: Computed) -> Decimal | None:
    """Last year's 机关运行经费 as its report states it; None where it cannot say."""
    if (
        prior.report.narrative.operating_costs is None
        and prior.profile.checks.operating_costs is None
    ):
        return None
    try:
        return Figures(prior).operating_costs()
    except MissingTable:
        return None

"""Compute a report: the sheet of every table figure, this year's and last year's.

``compute()`` is the one place where inputs become figures; each table's
formulas come from its kind (``generator.tables``).
"""

from __future__ import annotations

from decimal import Decimal

from generator.compute.cells import DEFAULT_TOLERANCE, Sheet
from generator.compute.computed import Computed
from generator.model.report import Report, TableInput
from generator.profiles.schema import Profile
from generator.tables.base import Problem, Structure
from generator.tables.registry import kind_of


def _build(
    report: Report, profile: Profile, tolerance: Decimal | None, corrected: bool = False
) -> tuple[Sheet, Structure]:
    if tolerance is None and report.amount_unit == "元":
        tolerance = Decimal(0)  # exact 元 figures: no rounding difference arises
    sheet = Sheet(tolerance=tolerance, corrected=corrected)
    structure = Structure()
    for tdef in profile.tables:
        data = report.tables.get(tdef.id, TableInput())
        kind_of(tdef).build(sheet, structure, tdef, data, report.amount_unit, profile)
    for tid in report.tables:
        if not any(t.id == tid for t in profile.tables):
            structure.problems.append(
                Problem("not_in_layout", f"profile“{profile.id}”没有表 {tid}", ("tables", tid))
            )
    for tdef in profile.tables:
        shown = [c.shown for c in sheet.cells() if c.key[0] == tdef.id and c.shown not in (None, 0)]
        structure.empty[tdef.id] = not shown
    return sheet, structure


def _prior_tables(report: Report, profile: Profile) -> dict[str, TableInput]:
    """Last year's sparse figures, shaped as table inputs so the same builders apply."""
    out: dict[str, TableInput] = {}
    for tid, entries in report.narrative.prior_year.tables.items():
        tdef = next((t for t in profile.tables if t.id == tid), None)
        if tdef is None:
            out[tid] = TableInput(lines=dict(entries))
        else:
            out[tid] = kind_of(tdef).table_input(entries)
    return out


def compute(
    report: Report,
    profile: Profile,
    tolerance: Decimal | None = DEFAULT_TOLERANCE,
    corrected: bool = False,
) -> Computed:
    """``corrected``: the figures a build of an unmodified extract prints (``Sheet.corrected``)."""
    sheet, structure = _build(report, profile, tolerance, corrected)
    prior = None
    if report.narrative.prior_year.tables:
        prior_report = report.model_copy(
            update={"tables": _prior_tables(report, profile), "amount_unit": "万元"}
        )
        prior_sheet, prior_structure = _build(prior_report, profile, tolerance)
        prior = Computed(prior_report, profile, prior_sheet, prior_structure)
    return Computed(report, profile, sheet, structure, prior)

"""Compute a report: the sheet of every table figure, this year's and last year's.

``compute()`` is the one place where inputs become figures; the narrative,
both renderers, ``check`` and ``diff`` all read the ``Computed`` it returns,
so a figure cannot differ between the text and the tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generator.compute.cells import DEFAULT_TOLERANCE, Sheet
from generator.compute.tables import BUILDERS, TOTAL, Structure
from generator.model.report import Report, RowInput, TableInput
from generator.profiles.schema import Profile


@dataclass
class Computed:
    report: Report
    profile: Profile
    sheet: Sheet
    structure: Structure
    prior: Computed | None = None

    def value(self, table: str, row: str, column: str) -> Decimal | None:
        """The printed figure (cents), or None for an empty cell."""
        if not self.sheet.has((table, row, column)):
            return None
        return self.sheet.value(table, row, column)

    def amount(self, table: str, row: str, column: str) -> Decimal:
        """Like ``value`` but an empty cell is 0 — what sentences need."""
        return self.value(table, row, column) or Decimal(0)

    def is_empty(self, table: str) -> bool:
        return self.structure.empty.get(table, False)

    def is_missing(self, table: str) -> bool:
        """The table's figures are unknown (not zero): the input says it is missing."""
        typed = self.report.tables.get(table)
        return typed is not None and typed.missing is not None


def _build(report: Report, profile: Profile, tolerance: Decimal | None) -> tuple[Sheet, Structure]:
    if tolerance is None and report.amount_unit == "元":
        tolerance = Decimal(0)  # exact 元 figures: no rounding difference arises
    sheet = Sheet(tolerance=tolerance)
    structure = Structure()
    for tdef in profile.tables:
        data = report.tables.get(tdef.id, TableInput())
        BUILDERS[tdef.kind](sheet, structure, tdef, data, report.amount_unit, profile)
    for tid in report.tables:
        if not any(t.id == tid for t in profile.tables):
            from generator.compute.tables import Problem

            structure.problems.append(
                Problem("S002", f"profile“{profile.id}”没有表 {tid}", ("tables", tid))
            )
    for tdef in profile.tables:
        shown = [c.shown for c in sheet.cells() if c.key[0] == tdef.id and c.shown not in (None, 0)]
        structure.empty[tdef.id] = not shown
    return sheet, structure


def _prior_tables(report: Report, profile: Profile) -> dict[str, TableInput]:
    """Last year's sparse figures, shaped as table inputs so the same builders apply."""
    out: dict[str, TableInput] = {}
    for tid, entries in report.narrative.prior_year.tables.items():
        kind = next((t.kind for t in profile.tables if t.id == tid), None)
        if kind == "classified":
            rows: list[RowInput] = []
            total: dict[str, Any] = {}
            for key, value in entries.items():
                values = value if isinstance(value, dict) else {}
                if key == TOTAL:
                    total = dict(values)
                else:
                    rows.append(RowInput(code=key, values=values))
            out[tid] = TableInput(rows=rows, total=total)
        else:
            out[tid] = TableInput(lines=dict(entries))
    return out


def compute(
    report: Report, profile: Profile, tolerance: Decimal | None = DEFAULT_TOLERANCE
) -> Computed:
    sheet, structure = _build(report, profile, tolerance)
    prior = None
    if report.narrative.prior_year.tables:
        prior_report = report.model_copy(
            update={"tables": _prior_tables(report, profile), "amount_unit": "万元"}
        )
        prior_sheet, prior_structure = _build(prior_report, profile, tolerance)
        prior = Computed(prior_report, profile, prior_sheet, prior_structure)
    return Computed(report, profile, sheet, structure, prior)

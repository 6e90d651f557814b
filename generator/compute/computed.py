"""The computed report every later stage reads: the narrative, both renderers, check, diff.

One object holds the sheet of every table figure (this year's and last
year's), so a figure cannot differ between the text and the tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.compute.cells import Sheet
from generator.model.report import Report
from generator.profiles.schema import Profile
from generator.tables.base import Structure


@dataclass(frozen=True)
class PriorSource:
    """Where ``Computed.prior`` came from when it is last year's version (``--prior``), not
    the 上年 figures typed in this year's input; what was typed stays in the report and
    is checked against it (rule Y001)."""

    path: str
    typed_operating_costs: Decimal | None = None  # 上年机关运行经费 as typed this year


@dataclass
class Computed:
    report: Report
    profile: Profile
    sheet: Sheet
    structure: Structure
    prior: Computed | None = None
    prior_source: PriorSource | None = None
    # the same department's 决算, when a 绩效评价报告 names it (评价报告.决算输入)
    final_accounts: Computed | None = None

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

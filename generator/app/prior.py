"""Last year's figures for this year's narrative, from last year's input or published PDF.

Both years print the same tables, so a figure of last year's document is
found under the same (table, row, column) key as this year's, and this
year's view knows which computed cell that key is.  Figures the user typed
under ``narrative.上年`` win: a table typed there is not filled in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.app.sources import figures_of
from generator.compute.computed import Computed
from generator.document.figures import table_figures
from generator.model.report import Report
from generator.tables.registry import kind_of, table_views


def prior_tables(path: Path, current: Computed) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Prior-year entries keyed like ``narrative.上年.tables``, and notes on what was not found."""
    last_year, notes = figures_of(path)
    out: dict[str, dict[str, Any]] = {}
    for view in table_views(current):
        mine = table_figures(view)
        theirs = last_year.tables.get(mine.table)
        if theirs is None:
            notes.append(f"上年版本中没有 {mine.table}")
            continue
        for figure_key, (table, row, column) in mine.keys.items():
            value = theirs.cells.get(figure_key)
            if value is None:
                continue
            entries = out.setdefault(table, {})
            if kind_of(current.profile.table(table)).one_figure(current.profile.table(table), row):
                entries[row] = value
            else:
                entries.setdefault(row, {})[column] = value
    return out, notes


def merged(report: Report, filled: dict[str, dict[str, Any]]) -> Report:
    """The report with filled prior tables, except tables the user typed prior figures for.

    Per table, not per cell: a typed 总计 beside filled components would not add up.
    """
    typed = report.narrative.prior_year.tables
    tables = {**{t: v for t, v in filled.items() if t not in typed}, **typed}
    prior_year = report.narrative.prior_year.model_copy(update={"tables": tables})
    narrative = report.narrative.model_copy(update={"prior_year": prior_year})
    return report.model_copy(update={"narrative": narrative})

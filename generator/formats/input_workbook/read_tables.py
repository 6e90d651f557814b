"""公开01–09 sheets of the input workbook: the body under the header, row by row.

A row is recognised by what it holds, not where it sits, so a pasted export
may bring blank rows, "注：" rows, its own 栏次 row or a 合计 row at the top or
the bottom.  How a kind's rows are read is its own module's ``read_sheet``
(``generator.tables.<kind>``), next to the ``write_sheet`` that lays the
same columns out.  A number with no place in the table is reported, never
dropped.
"""

from __future__ import annotations

from typing import Any

from generator.formats.input_workbook import layout as wl
from generator.formats.input_workbook.read_cells import Grid, Reader
from generator.formats.yaml_input.source import PathKey
from generator.profiles.schema import Profile, TableDef
from generator.tables.registry import body_top, kind_of


class TableReader:
    """公开01–09: the 空表说明, then the body below the header as the table's kind reads it."""

    def __init__(self, reader: Reader, profile: Profile) -> None:
        self.r = reader
        self.profile = profile

    def read(self, tdef: TableDef, grid: Grid) -> dict[str, Any]:
        base: PathKey = ("tables", tdef.id)
        top = body_top(tdef)
        self.r.mark(base, grid, top, 1)
        data: dict[str, Any] = {}
        statement = self.r.cell(grid, wl.STATEMENT_ROW, 2, "text")
        self.r.mark((*base, "statement"), grid, wl.STATEMENT_ROW, 2)
        if statement is not None:
            data["statement"] = statement
        data.update(kind_of(tdef).read_sheet(self.r, tdef, grid, base, top, self.profile))
        return data

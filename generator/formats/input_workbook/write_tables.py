"""公开01–09 sheets of the input workbook: the published header, then a body to paste onto.

Header and 栏次 rows are placed exactly as the published table places them
(same spans), so an accounting export's body lines up column for column.
Where each figure goes is the table kind's business (``write_sheet`` of
``generator.tables.<kind>``, which also reads it back); this module draws
the banners, the header and the cells the kind lays out.  The body is
unlocked as a whole — a paste covers labels too — and tinted where figures
go.  Banners read 部门 and 单位 from the cover by formula.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from generator.document.tables import ViewCell
from generator.formats.input_workbook import layout as wl
from generator.formats.input_workbook.write_cells import (
    Validations,
    font,
    merge,
    protect,
    put_value,
    set_widths,
    style_header,
    style_input,
    style_label,
)
from generator.formats.output_workbook.writer import layout, page_setup, put_text
from generator.profiles.schema import Profile, TableDef
from generator.tables.registry import body_top, kind_of


class TableSheets:
    """Writes one sheet per disclosure table; collects what the layout has no place for."""

    def __init__(
        self, profile: Profile, lists: dict[str, str], cover: dict[str, str], unplaced: list[str]
    ) -> None:
        self.profile = profile
        self.lists = lists
        self.cover = cover
        self.unplaced = unplaced

    def write(self, ws: Worksheet, tdef: TableDef, data: dict[str, Any]) -> None:
        kind = kind_of(tdef)
        valid = Validations(ws, self.lists)
        ncols = self.header(ws, kind.input_header(tdef))
        numbers = kind.input_numbers(tdef)
        if numbers:
            self.numbers_row(ws, wl.HEADER_TOP + len(kind.input_header(tdef)), numbers)
        top = body_top(tdef)
        sheet = kind.write_sheet(tdef, data, self.profile, self.unplaced)
        for spec in sheet.cells:
            cell = ws.cell(top + spec.row, spec.col)
            put_value(cell, spec.value, spec.kind)
            style_input(cell, spec.kind, fill=spec.fill, bold=spec.bold)
        for name, r0, c0, r1, c1 in sheet.checks:
            first, last = get_column_letter(c0), get_column_letter(c1)
            valid.add(name, f"{first}{top + r0}:{last}{top + r1}")
        set_widths(ws, sheet.widths)
        self.banners(ws, tdef, ncols, data)
        ws.freeze_panes = ws.cell(top, 1).coordinate
        ws.print_title_rows = f"{wl.HEADER_TOP}:{top - 1}"
        page_setup(ws, tdef.landscape or ncols > 8)
        protect(ws)

    def banners(self, ws: Worksheet, tdef: TableDef, ncols: int, data: dict[str, Any]) -> None:
        """Title, label, 部门/单位 (formulas reading the cover), then the 空表说明 input."""
        cover = quote_sheetname(wl.SHEET_COVER)
        title = ws.cell(wl.TITLE_ROW, 1)
        put_text(title, tdef.title)
        title.font = font(bold=True, size=14)
        title.alignment = Alignment(horizontal="center")
        merge(ws, wl.TITLE_ROW, 1, ncols)
        label = ws.cell(wl.LABEL_ROW, ncols)
        put_text(label, tdef.label or tdef.id)
        label.alignment = Alignment(horizontal="right")
        if self.profile.document.department_line:
            dept = ws.cell(wl.DEPARTMENT_ROW, 1)
            dept.value = f'="部门："&{cover}!{_abs(self.cover["department"])}'
            merge(ws, wl.DEPARTMENT_ROW, 1, max(1, ncols - 1))
        unit = ws.cell(wl.DEPARTMENT_ROW, ncols)
        unit.value = f'="单位："&{cover}!{_abs(self.cover["amount_unit"])}'
        unit.alignment = Alignment(horizontal="right")
        put_text(ws.cell(wl.STATEMENT_ROW, 1), wl.STATEMENT_LABEL)
        style_label(ws.cell(wl.STATEMENT_ROW, 1), bold=True)
        statement = ws.cell(wl.STATEMENT_ROW, 2)
        put_value(statement, data.get("statement"), "text")
        style_input(statement, "text")
        merge(ws, wl.STATEMENT_ROW, 2, max(2, ncols))
        ws.row_dimensions[wl.STATEMENT_ROW].height = 30

    def header(self, ws: Worksheet, rows: Sequence[Sequence[ViewCell]]) -> int:
        """Header rows with their spans (placed as the published table places them)."""
        placed, ncols = layout(rows)
        for p in placed:
            row, col = wl.HEADER_TOP + p.row, 1 + p.col
            cell = ws.cell(row, col)
            put_text(cell, p.cell.text)
            for r in range(row, row + p.rowspan):
                for c in range(col, col + p.colspan):
                    style_header(ws.cell(r, c))
            if p.rowspan > 1 or p.colspan > 1:
                ws.merge_cells(
                    start_row=row,
                    start_column=col,
                    end_row=row + p.rowspan - 1,
                    end_column=col + p.colspan - 1,
                )
        return ncols

    def numbers_row(self, ws: Worksheet, row: int, cells: Sequence[tuple[str, int]]) -> None:
        """The 栏次 row: (text, span) pieces left to right."""
        col = 1
        for text, span in cells:
            put_text(ws.cell(row, col), text)
            for c in range(col, col + span):
                style_header(ws.cell(row, c))
            merge(ws, row, col, col + span - 1)
            col += span


def _abs(coordinate: str) -> str:
    m = re.fullmatch(r"([A-Z]+)(\d+)", coordinate)
    assert m is not None
    return f"${m.group(1)}${m.group(2)}"

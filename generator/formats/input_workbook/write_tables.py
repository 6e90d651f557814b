"""公开01–09 sheets of the input workbook: the published header, then a body to paste onto.

Header and 栏次 rows are placed exactly as the published table places them
(same spans), so an accounting export's body lines up column for column.
The body is unlocked as a whole — a paste covers labels too — and tinted
where figures go.  Banners read 部门 and 单位 from the cover by formula.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from generator.compute.tables import TOTAL, LineInfo
from generator.document.tables import ViewCell
from generator.formats.input_workbook import layout as wl
from generator.formats.input_workbook.write_cells import (
    BODY_ROWS,
    SPARE_BLANK,
    SPARE_FILLED,
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
        writer = {
            "classified": self.classified,
            "balance": self.balance,
            "economic": self.economic,
            "grid": self.grid,
        }[tdef.kind]
        valid = Validations(ws, self.lists)
        ncols = writer(ws, tdef, data, valid)
        self.banners(ws, tdef, ncols, data)
        ws.freeze_panes = ws.cell(wl.body_top(tdef), 1).coordinate
        ws.print_title_rows = f"{wl.HEADER_TOP}:{wl.body_top(tdef) - 1}"
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

    def numbers_row(self, ws: Worksheet, tdef: TableDef, cells: Sequence[tuple[str, int]]) -> None:
        """The 栏次 row: (text, span) pieces left to right."""
        row = wl.HEADER_TOP + wl.header_rows(tdef)
        col = 1
        for text, span in cells:
            put_text(ws.cell(row, col), text)
            for c in range(col, col + span):
                style_header(ws.cell(row, c))
            merge(ws, row, col, col + span - 1)
            col += span

    def classified(
        self, ws: Worksheet, tdef: TableDef, data: dict[str, Any], valid: Validations
    ) -> int:
        ncols = self.header(ws, _header_cells(tdef))
        if tdef.column_numbers:
            self.numbers_row(
                ws, tdef, [(wl.NUMBERS_LABEL, 2), *((n, 1) for n in tdef.column_numbers)]
            )
        columns = [c.id for c in tdef.columns]
        top = wl.body_top(tdef)
        rows = [{"code": TOTAL, "values": data.get(TOTAL) or {}}, *(data.get("rows") or [])]
        for row in rows:
            for col in row.get("values") or {}:
                if col not in columns:
                    self.unplaced.append(f"tables.{tdef.id} {row['code']} {col}（没有这一栏）")
        total = max(len(rows) + SPARE_BLANK, BODY_ROWS)
        for i in range(total):
            r = top + i
            row = rows[i] if i < len(rows) else {}
            bold = i == 0 or len(str(row.get("code") or "")) == 3
            code = ws.cell(r, 1)
            put_value(code, row.get("code"), "code")
            style_input(code, "code", fill=False, bold=bold)
            name = ws.cell(r, 2)
            put_value(name, row.get("name"), "name")
            style_input(name, "name", fill=False, bold=bold)
            for c, col in enumerate(columns, start=3):
                cell = ws.cell(r, c)
                put_value(cell, (row.get("values") or {}).get(col), "amount")
                style_input(cell, "amount", bold=bold)
        last = top + total - 1
        valid.add(wl.LIST_CODES, f"A{top + 1}:A{last}")
        valid.add("amount", f"C{top}:{get_column_letter(ncols)}{last}")
        set_widths(ws, [14, 36] + [16] * len(columns))
        return ncols

    def balance(
        self, ws: Worksheet, tdef: TableDef, data: dict[str, Any], valid: Validations
    ) -> int:
        assert tdef.left is not None and tdef.right is not None
        ncols = self.header(ws, _header_cells(tdef))
        nleft = len(tdef.left.columns)
        if tdef.column_numbers:
            pieces: list[tuple[str, int]] = []
            for nums in (tdef.column_numbers[:nleft], tdef.column_numbers[nleft:]):
                pieces += [(wl.NUMBERS_LABEL, 1), ("", 1), *((n, 1) for n in nums)]
            self.numbers_row(ws, tdef, pieces)
        lines = data.get("lines") or {}
        top = wl.body_top(tdef)
        sides = wl.balance_sides(self.profile, tdef.id)
        placed: set[str] = set()
        col = 1
        for side, infos in zip((tdef.left, tdef.right), sides, strict=True):
            cols = [c.id for c in side.columns]
            for i, line in enumerate(infos):
                self.balance_line(ws, top + i, col, line, cols, lines, placed, valid)
            col += 2 + len(cols)
        for row in lines:
            if row not in placed:
                self.unplaced.append(f"tables.{tdef.id}.lines.{row}（版式中没有这一行）")
        widths: list[float] = []
        for side in (tdef.left, tdef.right):
            widths += [34, 6] + [16] * len(side.columns)
        set_widths(ws, widths)
        return ncols

    def balance_line(
        self,
        ws: Worksheet,
        row: int,
        col: int,
        line: LineInfo,
        cols: list[str],
        lines: dict[str, Any],
        placed: set[str],
        valid: Validations,
    ) -> None:
        label = ws.cell(row, col)
        put_text(label, "　" * line.indent + line.label)
        style_input(label, "name", fill=False, bold=line.bold)
        no = ws.cell(row, col + 1)
        no.value = line.no
        style_input(no, "int", fill=False)
        raw = lines.get(line.row) if line.row else None
        if line.row and line.row in lines:
            placed.add(line.row)
            if isinstance(raw, dict):
                for key in raw:
                    if key not in cols:
                        self.unplaced.append(f"{line.row} {key}（没有这一栏）")
            elif len(cols) > 1 and raw is not None:
                self.unplaced.append(f"{line.row}（多栏的行应按栏填写）")
        for j, cid in enumerate(cols):
            cell = ws.cell(row, col + 2 + j)
            single = raw if len(cols) == 1 else None
            value = raw.get(cid) if isinstance(raw, dict) else single
            put_value(cell, value, "amount")
            style_input(cell, "amount", fill=line.row is not None, bold=line.bold)
            valid.add("amount", cell.coordinate)

    def economic(
        self, ws: Worksheet, tdef: TableDef, data: dict[str, Any], valid: Validations
    ) -> int:
        ncols = self.header(ws, [[ViewCell(t, kind="header") for t in wl.ECONOMIC_HEADER]])
        lines = dict(data.get("lines") or {})
        rows: list[tuple[str, str, Any, bool]] = []
        economic = self.profile.economic
        for cls in economic.classes if economic else []:
            rows.append((cls.code, cls.name, lines.pop(cls.code, None), True))
            rows += [(i.code, i.name, lines.pop(i.code, None), False) for i in cls.items]
        totals = [(t.id, t.label, lines.pop(t.id, None)) for t in tdef.totals]
        for code, value in list(lines.items()):  # codes the catalog lacks: kept, check flags them
            if isinstance(value, dict):
                self.unplaced.append(f"tables.{tdef.id}.lines.{code}（应为一个金额）")
            else:
                rows.append((code, "", value, False))
        top = wl.body_top(tdef)
        r = top
        for code, name, value, bold in rows:
            self.economic_row(ws, r, code, name, value, bold)
            r += 1
        for _ in range(SPARE_FILLED):
            self.economic_row(ws, r, None, None, None, False)
            r += 1
        for _, label, value in totals:
            self.economic_row(ws, r, None, label, value, True)
            r += 1
        valid.add("amount", f"C{top}:C{r - 1}")
        set_widths(ws, [16, 34, 16])
        return ncols

    def economic_row(
        self, ws: Worksheet, r: int, code: str | None, name: str | None, value: Any, bold: bool
    ) -> None:
        for c, (v, kind) in enumerate(((code, "code"), (name, "name"), (value, "amount")), 1):
            cell = ws.cell(r, c)
            put_value(cell, v, kind)  # type: ignore[arg-type]
            style_input(cell, kind, fill=kind == "amount", bold=bold)  # type: ignore[arg-type]

    def grid(self, ws: Worksheet, tdef: TableDef, data: dict[str, Any], valid: Validations) -> int:
        ncols = self.header(ws, _header_cells(tdef))
        if tdef.column_numbers:
            self.numbers_row(ws, tdef, [(n, 1) for n in tdef.column_numbers])
        lines = data.get("lines") or {}
        columns = [c.id for c in tdef.columns]
        for row_id, value in lines.items():
            if row_id not in tdef.rows:
                self.unplaced.append(f"tables.{tdef.id}.lines.{row_id}（版式中没有这一行）")
            elif isinstance(value, dict):
                extra = [c for c in value if c not in columns]
                self.unplaced += [f"tables.{tdef.id} {row_id} {c}（没有这一栏）" for c in extra]
        top = wl.body_top(tdef)
        for i, print_row in enumerate(tdef.print_rows):
            c = 1
            for row_id in print_row:
                values = lines.get(row_id) if isinstance(lines.get(row_id), dict) else {}
                for col in columns:
                    cell = ws.cell(top + i, c)
                    put_value(cell, values.get(col), "amount")
                    style_input(cell, "amount")
                    c += 1
        last = get_column_letter(ncols)
        valid.add("amount", f"A{top}:{last}{top + len(tdef.print_rows) - 1}")
        set_widths(ws, [13] * ncols)
        return ncols

    # 上年数, 年初预算, 原因 ------------------------------------------------------------------


def _abs(coordinate: str) -> str:
    m = re.fullmatch(r"([A-Z]+)(\d+)", coordinate)
    assert m is not None
    return f"${m.group(1)}${m.group(2)}"


def _header_cells(tdef: TableDef) -> list[list[ViewCell]]:
    return [
        [ViewCell(h.text, kind="header", colspan=h.colspan, rowspan=h.rowspan) for h in row]
        for row in tdef.header
    ]

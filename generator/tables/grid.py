"""Grid kind (公开07 “三公”): named rows × columns, printed as ``print_rows`` side by side."""

from __future__ import annotations

from typing import Any

from generator.compute.cells import Cell, Key, Leaf, PathKey, Sheet
from generator.compute.computed import Computed
from generator.document.tables import (
    TableView,
    ViewCell,
    amount_cell,
    header_cells,
    table_view,
)
from generator.formats.input_workbook.read_cells import Grid, Reader, has_digit, is_blank, is_note
from generator.model.report import TableInput
from generator.profiles.schema import Profile, TableDef
from generator.tables.base import Problem, Structure, column_formula, scale
from generator.tables.sheet import InputSheet, SheetCell, is_numbers_row, stray_right

NAME = "grid"
NEEDS = "需要 columns 和 rows"
ROWS_BY_CODE = False
SCALE_CHECKED = False  # a handful of figures


def defined(tdef: TableDef) -> bool:
    return bool(tdef.columns and tdef.rows)


def one_figure(tdef: TableDef, row: str) -> bool:
    return False


def build(
    sheet: Sheet, st: Structure, tdef: TableDef, data: TableInput, unit: str, profile: Profile
) -> None:
    t = tdef.id
    base: PathKey = ("tables", t, "lines")
    for row in tdef.rows:
        raw = data.lines.get(row)
        values = raw if isinstance(raw, dict) else {}
        if raw is not None and not isinstance(raw, dict):
            st.problems.append(Problem("shape", f"“{row}”应按栏目填写（键值映射）", (*base, row)))
        for col in tdef.columns:
            key: Key = (t, row, col.id)
            path = (*base, row, col.id)
            typed = scale(values.get(col.id), unit)
            if col.computed:
                sheet.define(key, column_formula(t, row, col), path)
                sheet.state(key, typed, path)
            else:
                sheet.define(key, Leaf(typed), path)
        for col in values:
            if col not in {c.id for c in tdef.columns}:
                st.problems.append(
                    Problem("not_in_layout", f"{t} 没有“{col}”这一栏", (*base, row, col))
                )
    for row in data.lines:
        if row not in tdef.rows:
            st.problems.append(Problem("not_in_layout", f"{t} 没有“{row}”这一行", (*base, row)))


def total_role(cell: Cell, structure: Structure) -> str:
    return "sangong"


def table_input(entries: dict[str, Any]) -> TableInput:
    return TableInput(lines=dict(entries))


def view(computed: Computed, tdef: TableDef) -> TableView:
    t = tdef.id
    body = [
        [amount_cell(computed, (t, row, c.id)) for row in rows for c in tdef.columns]
        for rows in tdef.print_rows
    ]
    ncols = len(tdef.columns) * max(len(r) for r in tdef.print_rows)
    numbers = [ViewCell(n, kind="header") for n in tdef.column_numbers]
    return table_view(computed, tdef, body, [1.0] * ncols, numbers)


# --- input-workbook sheet: the printed rows, one column per (row, column) ----------------------


def input_header(tdef: TableDef) -> list[list[ViewCell]]:
    return header_cells(tdef)


def input_numbers(tdef: TableDef) -> list[tuple[str, int]]:
    return [(n, 1) for n in tdef.column_numbers]


def _width(tdef: TableDef) -> int:
    return len(tdef.columns) * max((len(p) for p in tdef.print_rows), default=1)


def write_sheet(
    tdef: TableDef, data: dict[str, Any], profile: Profile, unplaced: list[str]
) -> InputSheet:
    lines = data.get("lines") or {}
    columns = [c.id for c in tdef.columns]
    for row_id, value in lines.items():
        if row_id not in tdef.rows:
            unplaced.append(f"tables.{tdef.id}.lines.{row_id}（版式中没有这一行）")
        elif isinstance(value, dict):
            extra = [c for c in value if c not in columns]
            unplaced += [f"tables.{tdef.id} {row_id} {c}（没有这一栏）" for c in extra]
    out = InputSheet()
    for i, print_row in enumerate(tdef.print_rows):
        c = 1
        for row_id in print_row:
            values = lines.get(row_id) if isinstance(lines.get(row_id), dict) else {}
            for col in columns:
                out.cells.append(SheetCell(i, c, values.get(col), "amount"))
                c += 1
    ncols = max(_width(tdef), len(input_numbers(tdef)))
    out.checks.append(("amount", 0, 1, len(tdef.print_rows) - 1, ncols))
    out.widths = [13] * ncols
    return out


def read_sheet(
    r: Reader, tdef: TableDef, grid: Grid, base: PathKey, top: int, profile: Profile
) -> dict[str, Any]:
    """The i-th row with figures is the i-th printed row (预算 | 决算)."""
    lines: dict[str, Any] = {}
    columns = [c.id for c in tdef.columns]
    width = _width(tdef)
    r.mark((*base, "lines"), grid, top, 1)
    index = 0
    for row in range(top, grid.nrows + 1):
        values = [grid.get(row, c) for c in range(1, max(width, grid.ncols(row)) + 1)]
        if all(is_blank(v) for v in values) or is_note(values[0]):
            continue
        if is_numbers_row(tdef, values) or not any(has_digit(v) for v in values):
            continue
        if index >= len(tdef.print_rows):
            c = next(i for i, v in enumerate(values, 1) if not is_blank(v))
            r.error(grid, row, c, f"{tdef.id} 只有 {len(tdef.print_rows)} 行数字，这一行多余")
            continue
        _row(r, grid, row, tdef.print_rows[index], columns, base, lines)
        index += 1
    if index == 0:
        for row_id, c in zip(tdef.rows, range(1, width + 1, len(columns)), strict=False):
            r.mark((*base, "lines", row_id), grid, top, c)
    return {"lines": lines}


def _row(
    r: Reader,
    grid: Grid,
    row: int,
    row_ids: list[str],
    columns: list[str],
    base: PathKey,
    lines: dict[str, Any],
) -> None:
    c = 1
    for row_id in row_ids:
        path = (*base, "lines", row_id)
        r.mark(path, grid, row, c)
        values = {}
        for col in columns:
            r.mark((*path, col), grid, row, c)
            value = r.cell(grid, row, c, "amount")
            if value is not None:
                values[col] = value
            c += 1
        if values:
            lines[row_id] = values
    stray_right(r, grid, row, c)

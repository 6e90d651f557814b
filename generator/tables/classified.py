"""功能分类 tables (公开02/03/05/08/09): rows by 科目编码 (类 > 款 > 项) and a 合计.

The layout options of this kind — 科目编码 in one column or as 类 | 款 | 项
(``code_style``), the 合计 row first or last (``total_position``) — are read
here only, so the PDF, the output workbook and the input workbook's sheet
(written and read back) place codes, names and figures in the same columns.
"""

from __future__ import annotations

from typing import Any

from generator.compute.cells import Cell, Key, Leaf, PathKey, Sheet, Sum
from generator.compute.computed import Computed
from generator.document.tables import (
    TableView,
    ViewCell,
    amount_cell,
    header_cells,
    numbers_cells,
    table_view,
)
from generator.formats.input_workbook import layout as wl
from generator.formats.input_workbook.read_cells import (
    Grid,
    Reader,
    as_text,
    has_digit,
    is_blank,
    is_code,
    is_note,
    norm_code,
    squeeze,
)
from generator.model.report import RowInput, TableInput
from generator.profiles import codes
from generator.profiles.schema import Profile, TableDef
from generator.tables.base import TOTAL, Problem, RowInfo, Structure, column_formula, scale
from generator.tables.sheet import (
    InputSheet,
    SheetCell,
    is_numbers_row,
    read_values,
    stray_right,
)

NAME = "classified"
NEEDS = "需要 columns"
ROWS_BY_CODE = True  # extract: printed rows are keyed by their 科目编码
SCALE_CHECKED = True  # leaves of one table share a scale (U001)


def defined(tdef: TableDef) -> bool:
    return bool(tdef.columns)


def code_columns(tdef: TableDef) -> int:
    """1, or 3 when the layout prints 类 | 款 | 项 in columns of their own."""
    return 3 if tdef.code_style == "split" else 1


def first_figure_column(tdef: TableDef) -> int:
    """1-based column of the first figure: after the code column(s) and the name."""
    return code_columns(tdef) + 2


# --- formulas --------------------------------------------------------------------------------


def build(
    sheet: Sheet, st: Structure, tdef: TableDef, data: TableInput, unit: str, profile: Profile
) -> None:
    t = tdef.id
    base: PathKey = ("tables", t)
    col_ids = {c.id for c in tdef.columns}
    given: dict[str, int] = {}
    names: dict[str, str] = {}
    for i, row in enumerate(data.rows):
        path = (*base, "rows", i)
        if not codes.is_code(row.code):
            st.problems.append(
                Problem("bad_code", f"科目编码“{row.code}”应为3、5或7位数字", (*path, "code"))
            )
            continue
        if row.code in given:
            st.problems.append(
                Problem(
                    "duplicate_code",
                    f"科目编码 {row.code} 重复出现（第一次在第 {given[row.code] + 1} 行）",
                    (*path, "code"),
                )
            )
            continue
        given[row.code] = i
        if row.name:
            names[row.code] = row.name.strip()
        for col in row.values:
            if col not in col_ids:
                st.problems.append(
                    Problem(
                        "not_in_layout",
                        f"{t} 没有“{col}”这一栏（可用：{'、'.join(col_ids)}）",
                        (*path, col),
                    )
                )
    for col in data.total:
        if col not in col_ids:
            st.problems.append(
                Problem("not_in_layout", f"{t} 没有“{col}”这一栏", (*base, TOTAL, col))
            )

    all_codes: set[str] = set(given)
    for code in list(given):
        all_codes.update(codes.ancestors(code))
    children: dict[str, list[str]] = {}
    for code in all_codes:
        parent = codes.parent(code)
        if parent is not None:
            children.setdefault(parent, []).append(code)
    ordered = sorted(all_codes)
    st.rows[t] = [
        RowInfo(
            code=code,
            name=names.get(code) or profile.code_name(code) or "",
            level=codes.level(code),
            leaf=code not in children,
        )
        for code in ordered
    ]
    st.empty[t] = not any(v is not None for r in data.rows for v in r.values.values()) and not any(
        v is not None for v in data.total.values()
    )

    for code in ordered:
        row_path = (*base, "rows", given[code]) if code in given else None
        values = data.rows[given[code]].values if code in given else {}
        for col in tdef.columns:
            key: Key = (t, code, col.id)
            if code in children:
                formula: Leaf | Sum = Sum(tuple((t, c, col.id) for c in sorted(children[code])))
            elif col.computed:
                formula = column_formula(t, code, col)
            else:
                formula = Leaf(scale(values.get(col.id), unit))
            sheet.define(key, formula, (*row_path, col.id) if row_path else None)
            if row_path and (code in children or col.computed):
                sheet.state(key, scale(values.get(col.id), unit), (*row_path, col.id))
    classes = tuple(c for c in ordered if codes.level(c) == 1)
    for col in tdef.columns:
        key = (t, TOTAL, col.id)
        if classes:
            total: Leaf | Sum = Sum(tuple((t, c, col.id) for c in classes))
        elif col.computed:  # no rows at all (e.g. last year's 合计 only): row identity
            total = column_formula(t, TOTAL, col)
        else:
            total = Leaf(None)
        sheet.define(key, total, (*base, TOTAL, col.id))
        sheet.state(key, scale(data.total.get(col.id), unit), (*base, TOTAL, col.id))


def total_role(cell: Cell, structure: Structure) -> str:
    """A leaf row's computed column is a row identity; every other total is the 科目 tree."""
    table, row, _ = cell.key
    rows = {r.code: r for r in structure.rows.get(table, [])}
    leaf = row in rows and rows[row].leaf
    return "row" if leaf and row != TOTAL else "hierarchy"


# --- input shapes ----------------------------------------------------------------------------


def table_input(entries: dict[str, Any]) -> TableInput:
    """``{code: {column: figure}, 合计: {…}}`` (last year's figures) as a table input."""
    rows: list[RowInput] = []
    total: dict[str, Any] = {}
    for key, value in entries.items():
        values = value if isinstance(value, dict) else {}
        if key == TOTAL:
            total = dict(values)
        else:
            rows.append(RowInput(code=key, values=values))
    return TableInput(rows=rows, total=total)


def one_figure(tdef: TableDef, row: str) -> bool:
    """Every row has a figure per column."""
    return False


# --- printed grid ----------------------------------------------------------------------------


def _code_cells(code: str, tdef: TableDef, bold: bool) -> list[ViewCell]:
    if code_columns(tdef) == 1:
        return [ViewCell(code, kind="code", bold=bold)]
    return [ViewCell(part, kind="code", bold=bold) for part in codes.split(code)]


def view(computed: Computed, tdef: TableDef) -> TableView:
    t = tdef.id
    ncode = code_columns(tdef)
    total = [ViewCell(TOTAL, kind="label", colspan=ncode + 1, bold=True)] + [
        amount_cell(computed, (t, TOTAL, c.id), bold=True) for c in tdef.columns
    ]
    body = [total] if tdef.total_position == "first" else []
    for row in computed.structure.rows.get(t, []):
        bold = row.level == 1
        body.append(
            _code_cells(row.code, tdef, bold)
            + [ViewCell(row.name, kind="label", indent=row.level - 1, bold=bold)]
            + [amount_cell(computed, (t, row.code, c.id), bold) for c in tdef.columns]
        )
    if tdef.total_position == "last":
        body.append(total)
    code_widths = [tdef.code_width / 2] * 3 if ncode > 1 else [tdef.code_width]
    return table_view(
        computed,
        tdef,
        body,
        [*code_widths, tdef.name_width] + [c.width for c in tdef.columns],
        numbers_cells([(ncode + 1, tdef.column_numbers)]) if tdef.column_numbers else [],
    )


# --- input-workbook sheet ----------------------------------------------------------------------


def input_header(tdef: TableDef) -> list[list[ViewCell]]:
    return header_cells(tdef)


def input_numbers(tdef: TableDef) -> list[tuple[str, int]]:
    if not tdef.column_numbers:
        return []
    return [(wl.NUMBERS_LABEL, code_columns(tdef) + 1), *((n, 1) for n in tdef.column_numbers)]


def write_sheet(
    tdef: TableDef, data: dict[str, Any], profile: Profile, unplaced: list[str]
) -> InputSheet:
    """The 合计 row and the typed rows in the printed order, then blank rows to paste onto."""
    ncode = code_columns(tdef)
    first = first_figure_column(tdef)
    columns = [c.id for c in tdef.columns]
    total_row = {"code": TOTAL, "values": data.get(TOTAL) or {}}
    typed = list(data.get("rows") or [])
    # the 合计 row where the printed table has it; the reader finds it anywhere
    rows = [*typed, total_row] if tdef.total_position == "last" else [total_row, *typed]
    for row in rows:
        for col in row.get("values") or {}:
            if col not in columns:
                unplaced.append(f"tables.{tdef.id} {row['code']} {col}（没有这一栏）")
    total = max(len(rows) + wl.SPARE_BLANK, wl.BODY_ROWS)
    out = InputSheet()
    for i in range(total):
        row = rows[i] if i < len(rows) else {}
        code = str(row.get("code") or "")
        bold = code == TOTAL or (codes.is_code(code) and codes.level(code) == 1)
        if ncode == 1 or not codes.is_code(code):
            pieces: list[str | None] = [code or None] + [None] * (ncode - 1)
        else:
            pieces = [p or None for p in codes.split(code)]
        for c, piece in enumerate(pieces, start=1):
            out.cells.append(SheetCell(i, c, piece, "code", bold, fill=False))
        out.cells.append(SheetCell(i, ncode + 1, row.get("name"), "name", bold, fill=False))
        for c, col in enumerate(columns, start=first):
            out.cells.append(SheetCell(i, c, (row.get("values") or {}).get(col), "amount", bold))
    if ncode == 1:
        start = 1 if tdef.total_position == "first" else 0
        out.checks.append((wl.LIST_CODES, start, 1, total - 1, 1))
    out.checks.append(("amount", 0, first, total - 1, first + len(columns) - 1))
    out.widths = [14] + [6] * (ncode - 1) + [36] + [16] * len(columns)
    return out


def read_sheet(
    r: Reader, tdef: TableDef, grid: Grid, base: PathKey, top: int, profile: Profile
) -> dict[str, Any]:
    """Rows by what they hold: a 合计 row (anywhere), code rows, notes and 栏次 skipped."""
    columns = [c.id for c in tdef.columns]
    ncode = code_columns(tdef)
    first = first_figure_column(tdef)
    rows: list[dict[str, Any]] = []
    total: dict[str, Any] | None = None
    r.mark((*base, "rows"), grid, top, 1)
    for row in range(top, grid.nrows + 1):
        code_cells = [grid.get(row, c) for c in range(1, ncode + 1)]
        name_cell = grid.get(row, ncode + 1)
        amounts = [grid.get(row, first + i) for i in range(len(columns))]
        label = next((v for v in (*code_cells, name_cell) if not is_blank(v)), None)
        stray_right(r, grid, row, first + len(columns))
        if label is None and all(is_blank(v) for v in amounts):
            continue
        if is_note(label) or squeeze(as_text(label or "")) == wl.NUMBERS_LABEL:
            continue
        if label is not None and squeeze(as_text(label)) in wl.TOTAL_LABELS:
            if total is not None:
                r.error(grid, row, 1, "“合计”行出现了两次")
                continue
            total = read_values(r, grid, row, first, columns, (*base, TOTAL))
            continue
        if is_code(code_cells[0]):
            path = (*base, "rows", len(rows))
            r.mark(path, grid, row, 1)
            r.mark((*path, "code"), grid, row, 1)
            r.mark((*path, "name"), grid, row, ncode + 1)
            entry: dict[str, Any] = {"code": _joined(code_cells)}
            name = r.cell(grid, row, ncode + 1, "name")
            if name:
                entry["name"] = name
            entry.update(read_values(r, grid, row, first, columns, path))
            rows.append(entry)
            continue
        if is_numbers_row(tdef, amounts):
            continue
        stray = next((i for i, v in enumerate(amounts) if has_digit(v)), None)
        if stray is not None:
            where = "A 列" if ncode == 1 else "类、款、项各列"
            r.error(grid, row, first + stray, f"这一行有数字，但{where}不是科目编码，无法使用")
    if total is None:
        for i, col in enumerate(columns):
            r.mark((*base, TOTAL, col), grid, top, first + i)
    out: dict[str, Any] = {"rows": rows}
    if total:
        out[TOTAL] = total
    return out


def _joined(cells: list[Any]) -> str:
    """The code of one row: one cell, or 类 | 款 | 项 cells (款/项 Excel made numbers: 6 → 06)."""
    parts = [norm_code(v) if not is_blank(v) else "" for v in cells]
    parts = [parts[0]] + [p.zfill(2) if p.isdigit() else p for p in parts[1:]]
    return codes.join(parts)

"""收支总表 kind (公开01/04): two sides of labelled lines, each with its own columns.

Lines come from the profile (``lines``, with ``expand: expense_classes``
giving one line per 类 of the catalog); ``sides`` lays them out once, and the
formulas, the printed grid and the input sheet all use it.
"""

from __future__ import annotations

from itertools import zip_longest
from typing import Any

from generator.compute.cells import Cell, Key, Leaf, PathKey, Ref, Sheet, Sum
from generator.compute.computed import Computed
from generator.document.tables import (
    TableView,
    ViewCell,
    amount_cell,
    header_cells,
    table_view,
)
from generator.formats.input_workbook import layout as wl
from generator.formats.input_workbook.read_cells import (
    HEADER_WORDS,
    Grid,
    Reader,
    as_text,
    has_digit,
    is_blank,
    is_note,
    label_key,
    norm_code,
)
from generator.model.report import TableInput
from generator.profiles.schema import Expand, Line, Profile, Side, TableDef
from generator.tables.base import (
    TOTAL,
    LineInfo,
    Problem,
    Structure,
    chinese_number,
    column_formula,
    scale,
)
from generator.tables.sheet import InputSheet, SheetCell, stray_right

NAME = "balance"
NEEDS = "需要 left 和 right"
ROWS_BY_CODE = False
SCALE_CHECKED = False  # a handful of lines of very different sizes


def defined(tdef: TableDef) -> bool:
    return tdef.left is not None and tdef.right is not None


def _sides(tdef: TableDef) -> tuple[Side, Side]:
    assert tdef.left is not None and tdef.right is not None
    return tdef.left, tdef.right


def expand(lines: list[Line | Expand], profile: Profile) -> list[Line]:
    """The side's lines with ``expand`` replaced by one line per expense 类."""
    out: list[Line] = []
    for line in lines:
        if isinstance(line, Expand):
            for i, cls in enumerate(profile.catalog.classes, start=1):
                label = f"{chinese_number(i)}、{cls.name}" if line.numbered_labels else cls.name
                no = None if line.first_no is None else line.first_no + i - 1
                out.append(Line(code=cls.code, label=label, no=no))
        else:
            out.append(line)
    return out


def line_info(line: Line) -> LineInfo:
    return LineInfo(line.code or line.id, line.label, line.no, line.indent, line.bold, line.code)


def sides(tdef: TableDef, profile: Profile) -> tuple[list[LineInfo], list[LineInfo]]:
    """The printed lines of each side, as the profile lays them out."""
    left, right = (
        [line_info(line) for line in expand(side.lines, profile)] for side in _sides(tdef)
    )
    return left, right


def one_figure(tdef: TableDef, row: str) -> bool:
    """A line on a side with one figure column is typed as a plain number."""
    for side in _sides(tdef):
        for line in side.lines:
            on_side = (isinstance(line, Line) and row in (line.id, line.code)) or (
                isinstance(line, Expand) and row.isdigit()
            )
            if on_side:
                return len(side.columns) == 1
    return False


# --- formulas --------------------------------------------------------------------------------


def build(
    sheet: Sheet, st: Structure, tdef: TableDef, data: TableInput, unit: str, profile: Profile
) -> None:
    t = tdef.id
    base: PathKey = ("tables", t, "lines")
    known: set[str] = set()
    for side in _sides(tdef):
        lines = expand(side.lines, profile)
        class_rows = [ln.code for ln in lines if ln.code]
        single = side.columns[0].id if len(side.columns) == 1 else None
        col_ids = [c.id for c in side.columns]
        for line in lines:
            row = line.code or line.id
            if row is None:
                continue
            known.add(row)
            raw = data.lines.get(row)
            if isinstance(raw, dict):  # columns this side does not print would be dropped
                for other in raw:
                    if other not in col_ids:
                        st.problems.append(
                            Problem(
                                "not_in_layout",
                                f"{t} “{row}”没有“{other}”这一栏（可用：{'、'.join(col_ids)}）",
                                (*base, row, other),
                            )
                        )
            elif raw is not None and not single:
                st.problems.append(
                    Problem("shape", f"“{row}”应按栏目填写（{'、'.join(col_ids)}）", (*base, row))
                )
            for col in side.columns:
                key: Key = (t, row, col.id)
                path = (*base, row) if single or not isinstance(raw, dict) else (*base, row, col.id)
                typed = (
                    raw
                    if (single and not isinstance(raw, dict))
                    else (raw.get(col.id) if isinstance(raw, dict) else None)
                )
                typed = scale(typed, unit)
                if line.sum or line.minus:
                    plus = [r for s in line.sum for r in (class_rows if s == "@classes" else [s])]
                    formula: Leaf | Sum | Ref = Sum(
                        tuple((t, r, col.id) for r in plus),
                        tuple((t, r, col.id) for r in line.minus),
                    )
                    sheet.define(key, formula, path)
                    sheet.state(key, typed, path)
                elif col.computed:
                    sheet.define(key, column_formula(t, row, col), path)
                    sheet.state(key, typed, path)
                elif line.source or (line.code and col.source):
                    src = line.source or col.source
                    assert src is not None
                    target_row = src.row or line.code or TOTAL
                    sheet.define(key, Ref((src.table, target_row, src.column)), path)
                    sheet.state(key, typed, path)
                else:
                    sheet.define(key, Leaf(typed), path)
    st.sides[t] = sides(tdef, profile)
    for row in data.lines:
        if row not in known:
            st.problems.append(Problem("not_in_layout", f"{t} 没有“{row}”这一行", (*base, row)))


def total_role(cell: Cell, structure: Structure) -> str:
    """A figure taken from another table answers to that table; the rest are line sums."""
    return "source" if isinstance(cell.formula, Ref) else "balance"


def table_input(entries: dict[str, Any]) -> TableInput:
    return TableInput(lines=dict(entries))


# --- printed grid ----------------------------------------------------------------------------


def view(computed: Computed, tdef: TableDef) -> TableView:
    left, right = _sides(tdef)
    t = tdef.id
    left_lines, right_lines = computed.structure.sides[t]

    def side_cells(line: LineInfo | None, columns: list[str]) -> list[ViewCell]:
        if line is None:
            return [ViewCell(), ViewCell(kind="no")] + [ViewCell(kind="amount") for _ in columns]
        cells = [
            ViewCell(line.label, kind="label", indent=line.indent, bold=line.bold),
            ViewCell("" if line.no is None else str(line.no), kind="no"),
        ]
        if line.row is None:
            return cells + [ViewCell(kind="amount") for _ in columns]
        return cells + [amount_cell(computed, (t, line.row, c), line.bold) for c in columns]

    left_cols = [c.id for c in left.columns]
    right_cols = [c.id for c in right.columns]
    body = [
        side_cells(a, left_cols) + side_cells(b, right_cols)
        for a, b in zip_longest(left_lines, right_lines)
    ]
    nleft = len(left_cols)
    numbers: list[ViewCell] = []
    if tdef.column_numbers:
        for nums in (tdef.column_numbers[:nleft], tdef.column_numbers[nleft:]):
            numbers += [ViewCell("栏次", kind="header"), ViewCell(kind="header")]
            numbers += [ViewCell(n, kind="header") for n in nums]
    widths = (
        [left.label_width, left.no_width]
        + [c.width for c in left.columns]
        + [right.label_width, right.no_width]
        + [c.width for c in right.columns]
    )
    return table_view(computed, tdef, body, widths, numbers)


# --- input-workbook sheet ----------------------------------------------------------------------
# Each side is 项目 | 行次 | its figure columns, left side first, as printed.


def input_header(tdef: TableDef) -> list[list[ViewCell]]:
    return header_cells(tdef)


def input_numbers(tdef: TableDef) -> list[tuple[str, int]]:
    if not tdef.column_numbers:
        return []
    nleft = len(_sides(tdef)[0].columns)
    pieces: list[tuple[str, int]] = []
    for nums in (tdef.column_numbers[:nleft], tdef.column_numbers[nleft:]):
        pieces += [(wl.NUMBERS_LABEL, 1), ("", 1), *((n, 1) for n in nums)]
    return pieces


def write_sheet(
    tdef: TableDef, data: dict[str, Any], profile: Profile, unplaced: list[str]
) -> InputSheet:
    lines = data.get("lines") or {}
    placed: set[str] = set()
    out = InputSheet()
    col = 1
    for side, infos in zip(_sides(tdef), sides(tdef, profile), strict=True):
        cols = [c.id for c in side.columns]
        for i, line in enumerate(infos):
            out.cells.append(
                SheetCell(i, col, "　" * line.indent + line.label, "name", line.bold, fill=False)
            )
            out.cells.append(SheetCell(i, col + 1, line.no, "int", fill=False))
            raw = lines.get(line.row) if line.row else None
            if line.row and line.row in lines:
                placed.add(line.row)
                if isinstance(raw, dict):
                    unplaced += [f"{line.row} {k}（没有这一栏）" for k in raw if k not in cols]
                elif len(cols) > 1 and raw is not None:
                    unplaced.append(f"{line.row}（多栏的行应按栏填写）")
            for j, cid in enumerate(cols):
                single = raw if len(cols) == 1 else None
                value = raw.get(cid) if isinstance(raw, dict) else single
                c = col + 2 + j
                out.cells.append(SheetCell(i, c, value, "amount", line.bold, line.row is not None))
                out.checks.append(("amount", i, c, i, c))
        col += 2 + len(cols)
    for row in lines:
        if row not in placed:
            unplaced.append(f"tables.{tdef.id}.lines.{row}（版式中没有这一行）")
    for side in _sides(tdef):
        out.widths += [34, 6] + [16] * len(side.columns)
    return out


def read_sheet(
    r: Reader, tdef: TableDef, grid: Grid, base: PathKey, top: int, profile: Profile
) -> dict[str, Any]:
    """Each side of each body row finds its line by 行次 (checked against the label)."""
    lines: dict[str, Any] = {}
    seen: dict[str, int] = {}
    r.mark((*base, "lines"), grid, top, 3)
    col = 1
    for side, infos in zip(_sides(tdef), sides(tdef, profile), strict=True):
        columns = [c.id for c in side.columns]
        for row in range(top, grid.nrows + 1):
            if is_note(grid.get(row, 1)):
                continue
            _read_side(r, grid, row, col, infos, columns, (*base, "lines"), lines, seen)
        col += 2 + len(columns)
    for row in range(top, grid.nrows + 1):
        stray_right(r, grid, row, col)
    return {"lines": lines}


def _read_side(
    r: Reader,
    grid: Grid,
    row: int,
    col: int,
    infos: list[LineInfo],
    columns: list[str],
    base: PathKey,
    lines: dict[str, Any],
    seen: dict[str, int],
) -> None:
    label, no = grid.get(row, col), grid.get(row, col + 1)
    cells = [(col + 2 + j, grid.get(row, col + 2 + j)) for j in range(len(columns))]
    filled = [(c, v) for c, v in cells if not is_blank(v)]
    text = "" if is_blank(label) else label_key(as_text(label))
    if (is_blank(label) and is_blank(no) and not filled) or text in HEADER_WORDS:
        return
    line = _find_line(r, grid, row, col, infos, text, label, no)
    if line is False:
        return  # already reported
    if line is None:
        figures = [c for c, v in filled if has_digit(v)]
        if figures:
            r.error(grid, row, figures[0], "找不到这一行对应的项目（请核对行次和项目名称）")
        return
    if line.row is None:
        if any(has_digit(v) for _, v in filled):
            r.error(grid, row, filled[0][0], f"行次 {line.no} 是空行，不填数")
        return
    if line.row in seen:
        if filled:
            r.error(grid, row, filled[0][0], f"“{line.label}”出现了两次（第 {seen[line.row]} 行）")
        return
    seen[line.row] = row
    path = (*base, line.row)
    r.mark(path, grid, row, col + 2)
    values = {}
    for j, cid in enumerate(columns):
        r.mark((*path, cid), grid, row, col + 2 + j)
        value = r.cell(grid, row, col + 2 + j, "amount")
        if value is not None:
            values[cid] = value
    if len(columns) == 1:
        if columns[0] in values:
            lines[line.row] = values[columns[0]]
    elif values:
        lines[line.row] = values


def _find_line(
    r: Reader,
    grid: Grid,
    row: int,
    col: int,
    infos: list[LineInfo],
    text: str,
    label: object,
    no: object,
) -> LineInfo | bool | None:
    """By 行次 when given — a label that disagrees with it is an error, never a guess.

    None: no such line; False: a problem already reported for this cell.
    """
    number = norm_code(no) if not is_blank(no) else ""
    if number.isdigit():
        line = next((ln for ln in infos if ln.no == int(number)), None)
        if line is None:
            return None
        if text and line.label and text != label_key(line.label):
            r.error(
                grid,
                row,
                col,
                f"行次 {number} 应为“{line.label}”，这里是“{as_text(label).strip()}”",
            )
            return False
        return line
    matches = [ln for ln in infos if ln.label and label_key(ln.label) == text] if text else []
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        r.error(grid, row, col + 1, f"“{as_text(label).strip()}”有多行同名，请填写行次")
        return False
    return None

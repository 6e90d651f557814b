"""经济分类 kind (公开06): the profile's 经济分类 catalog printed in groups side by side.

One figure per 科目 under the table's one declared column (``columns``);
classes sum their items, ``totals`` sum classes (人员经费合计, 公用经费合计).
"""

from __future__ import annotations

from decimal import Decimal
from itertools import zip_longest
from typing import Any

from generator.compute.cells import Cell, Key, Leaf, PathKey, Sheet, Sum
from generator.compute.computed import Computed
from generator.document.tables import (
    TableView,
    ViewCell,
    amount_cell,
    header_cells,
    layout,
    table_view,
)
from generator.formats.input_workbook import layout as wl
from generator.formats.input_workbook.read_cells import (
    Grid,
    Reader,
    as_text,
    cell_name,
    has_digit,
    is_blank,
    is_note,
    norm_code,
    squeeze,
)
from generator.model.report import TableInput
from generator.profiles.schema import Profile, TableDef
from generator.tables.base import Problem, Structure, scale
from generator.tables.sheet import InputSheet, SheetCell

NAME = "economic"
NEEDS = "需要 groups 和恰好一个 columns 栏目（如 {id: 决算数}）"
ROWS_BY_CODE = False
SCALE_CHECKED = True
INPUT_LABELS = ("经济分类科目编码", "科目名称")  # the input sheet's list: code | name | figure


def defined(tdef: TableDef) -> bool:
    return bool(tdef.groups) and len(tdef.columns) == 1


def column(tdef: TableDef) -> str:
    """The id of the table's one figure column (决算数)."""
    return tdef.columns[0].id


def one_figure(tdef: TableDef, row: str) -> bool:
    """Every 科目 is one figure."""
    return True


def build(
    sheet: Sheet, st: Structure, tdef: TableDef, data: TableInput, unit: str, profile: Profile
) -> None:
    t = tdef.id
    base: PathKey = ("tables", t, "lines")
    col = column(tdef)
    assert profile.economic is not None, "the economic table needs the profile's economic catalog"
    known: set[str] = set()

    def amount(code: str) -> Decimal | None:
        value = data.lines.get(code)  # a mapping here is reported below (S001), not summed
        return None if isinstance(value, dict) else scale(value, unit)

    for cls in profile.economic.classes:
        known.add(cls.code)
        for item in cls.items:
            known.add(item.code)
            sheet.define((t, item.code, col), Leaf(amount(item.code)), (*base, item.code))
        key: Key = (t, cls.code, col)
        sheet.define(key, Sum(tuple((t, i.code, col) for i in cls.items)), (*base, cls.code))
        sheet.state(key, amount(cls.code), (*base, cls.code))
    for total in tdef.totals:
        known.add(total.id)
        key = (t, total.id, col)
        sheet.define(key, Sum(tuple((t, c, col) for c in total.sum)), (*base, total.id))
        sheet.state(key, amount(total.id), (*base, total.id))
    for code, value in data.lines.items():
        if code not in known:
            st.problems.append(
                Problem(
                    "unknown_economic",
                    f"经济分类科目 {code} 不在本 profile 的{t}科目表中",
                    (*base, code),
                )
            )
        elif isinstance(value, dict):
            st.problems.append(Problem("shape", "应为一个金额", (*base, code)))
    st.empty[t] = not any(v is not None for v in data.lines.values() if not isinstance(v, dict))


def total_role(cell: Cell, structure: Structure) -> str:
    return "economic"


def table_input(entries: dict[str, Any]) -> TableInput:
    return TableInput(lines=dict(entries))


# --- printed grid ----------------------------------------------------------------------------


def view(computed: Computed, tdef: TableDef) -> TableView:
    t = tdef.id
    col = column(tdef)
    economic_catalog = computed.profile.economic
    assert economic_catalog is not None
    by_code = {c.code: c for c in economic_catalog.classes}
    columns: list[list[list[ViewCell]]] = []
    for group in tdef.groups:
        cells: list[list[ViewCell]] = []
        for code in group:
            cls = by_code.get(code)
            if cls is None:
                continue
            cells.append(
                [
                    ViewCell(cls.code, kind="code", bold=True),
                    ViewCell(cls.name, bold=True),
                    amount_cell(computed, (t, cls.code, col), bold=True),
                ]
            )
            for item in cls.items:
                cells.append(
                    [
                        ViewCell(item.code, kind="code"),
                        ViewCell(item.name, indent=1),
                        amount_cell(computed, (t, item.code, col)),
                    ]
                )
        columns.append(cells)
    blank = [ViewCell(kind="code"), ViewCell(), ViewCell(kind="amount")]
    body = [
        [cell for triple in row for cell in (triple or blank)]
        for row in zip_longest(*columns, fillvalue=None)
    ]
    footer: list[ViewCell] = []
    ngroups = len(tdef.groups)
    for i, total in enumerate(tdef.totals):
        end = tdef.totals[i + 1].group if i + 1 < len(tdef.totals) else ngroups
        span = (end - total.group) * 3 - 1
        footer += [
            ViewCell(total.label, bold=True, colspan=span),
            amount_cell(computed, (t, total.id, col), bold=True),
        ]
    if footer:
        body.append(footer)
    return table_view(computed, tdef, body, [0.9, 2.0, 1.1] * ngroups, [])


# --- input-workbook sheet ----------------------------------------------------------------------
# One plain header row and a vertical list (code | name | figure); the reader also takes
# the published groups side by side, so an export pastes as printed.


def input_header(tdef: TableDef) -> list[list[ViewCell]]:
    """经济分类科目编码 | 科目名称 | the figure's printed heading (决算数, 金额 …)."""
    return [[ViewCell(text, kind="header") for text in (*INPUT_LABELS, _figure_heading(tdef))]]


def _figure_heading(tdef: TableDef) -> str:
    """The header text the printed table puts over its first figure column."""
    if tdef.columns[0].header:
        return tdef.columns[0].header
    placed, _ = layout(header_cells(tdef))
    over = [p for p in placed if p.col <= 2 < p.col + p.colspan]
    return max(over, key=lambda p: p.row).cell.text if over else column(tdef)


def input_numbers(tdef: TableDef) -> list[tuple[str, int]]:
    return []


def write_sheet(
    tdef: TableDef, data: dict[str, Any], profile: Profile, unplaced: list[str]
) -> InputSheet:
    lines = dict(data.get("lines") or {})
    rows: list[tuple[str | None, str | None, Any, bool]] = []
    economic = profile.economic
    for cls in economic.classes if economic else []:
        rows.append((cls.code, cls.name, lines.pop(cls.code, None), True))
        rows += [(i.code, i.name, lines.pop(i.code, None), False) for i in cls.items]
    totals = [(t.label, lines.pop(t.id, None)) for t in tdef.totals]
    for code, value in list(lines.items()):  # codes the catalog lacks: kept, check flags them
        if isinstance(value, dict):
            unplaced.append(f"tables.{tdef.id}.lines.{code}（应为一个金额）")
        else:
            rows.append((code, "", value, False))
    rows += [(None, None, None, False)] * wl.SPARE_FILLED
    rows += [(None, label, value, True) for label, value in totals]
    out = InputSheet()
    for i, (code, name, value, bold) in enumerate(rows):
        out.cells += [
            SheetCell(i, 1, code, "code", bold, fill=False),
            SheetCell(i, 2, name, "name", bold, fill=False),
            SheetCell(i, 3, value, "amount", bold),
        ]
    out.checks.append(("amount", 0, 3, len(rows) - 1, 3))
    out.widths = [16, 34, 16]
    return out


def read_sheet(
    r: Reader, tdef: TableDef, grid: Grid, base: PathKey, top: int, profile: Profile
) -> dict[str, Any]:
    """Code, name, amount triples anywhere in a row (our list or the grouped export)."""
    lines: dict[str, Any] = {}
    seen: dict[str, str] = {}
    totals = {squeeze(t.label): t.id for t in tdef.totals} | {t.id: t.id for t in tdef.totals}
    r.mark((*base, "lines"), grid, top, 3)
    for row in range(top, grid.nrows + 1):
        values = grid.rows[row - 1]
        if any(is_note(v) for v in values[:1]):
            continue
        used: set[int] = set()
        c = 1
        while c <= len(values):
            value = grid.get(row, c)
            code = norm_code(value) if not is_blank(value) else ""
            if code.isdigit() and 3 <= len(code) <= 7:
                used.update((c, c + 1, c + 2))
                _item(r, grid, row, c + 2, code, (*base, "lines"), lines, seen)
                c += 3
                continue
            key = totals.get(squeeze(as_text(value))) if isinstance(value, str) else None
            if key is not None:
                used.add(c)
                # the amount is the next filled cell; when blank, the cell our list
                # puts it in (label in B, amount in C) or the export's (label A:B, C)
                target = next(
                    (j for j in range(c + 1, len(values) + 1) if not is_blank(grid.get(row, j))),
                    c + 1 if c == 2 else c + 2,
                )
                used.add(target)
                _item(r, grid, row, target, key, (*base, "lines"), lines, seen)
                c = target + 1
                continue
            c += 1
        for c, value in enumerate(values, start=1):
            if c not in used and has_digit(value):
                r.error(grid, row, c, "这个数字不在任何经济分类科目之后，无法使用")
    return {"lines": lines}


def _item(
    r: Reader,
    grid: Grid,
    row: int,
    c: int,
    key: str,
    base: PathKey,
    lines: dict[str, Any],
    seen: dict[str, str],
) -> None:
    where = cell_name(row, c)
    if key in seen:
        if not is_blank(grid.get(row, c)):
            r.error(grid, row, c, f"科目 {key} 出现了两次（另一处在 {seen[key]}）")
        return
    seen[key] = where
    r.mark((*base, key), grid, row, c)
    value = r.cell(grid, row, c, "amount")
    if value is not None:
        lines[key] = value

"""A kind's input-workbook sheet as data: its header, 栏次 row and body cells.

Each kind module says where every figure of its table sits on the sheet
(``write_sheet``) and reads the same positions back (``read_sheet``); the
workbook writer only executes this plan, so writer and reader cannot
disagree about a column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.formats.input_workbook import layout as wl
from generator.formats.input_workbook.read_cells import Grid, Reader, has_digit, is_blank, norm_code
from generator.formats.yaml_input.source import PathKey
from generator.profiles.schema import TableDef


@dataclass
class SheetCell:
    row: int  # 0-based, below the body top
    col: int  # 1-based
    value: Any
    kind: wl.Kind
    bold: bool = False
    fill: bool = True


@dataclass
class InputSheet:
    """Everything a table sheet shows below its header.

    ``checks`` are data validations over ranges: (validation, first row, first
    column, last row, last column), rows counted from the body top like ``cells``.
    """

    cells: list[SheetCell] = field(default_factory=list)
    checks: list[tuple[str, int, int, int, int]] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)


def is_numbers_row(tdef: TableDef, values: list[Any]) -> bool:
    """A pasted 栏次 row (1, 2, 3 …) is layout, not figures."""
    shown = [norm_code(v) for v in values if not is_blank(v)]
    return bool(shown) and shown == list(tdef.column_numbers[: len(shown)])


def stray_right(r: Reader, grid: Grid, row: int, first: int) -> None:
    """A number right of the table has no place in it: say so rather than drop it."""
    for c in range(first, grid.ncols(row) + 1):
        if has_digit(grid.get(row, c)):
            r.error(grid, row, c, "表格右侧多出的数字，无法使用")


def read_values(
    r: Reader, grid: Grid, row: int, first: int, columns: list[str], path: PathKey
) -> dict[str, Any]:
    """Figures of consecutive columns ``first``…, each marked at its cell."""
    r.mark(path, grid, row, first)
    values = {}
    for i, col in enumerate(columns):
        r.mark((*path, col), grid, row, first + i)
        value = r.cell(grid, row, first + i, "amount")
        if value is not None:
            values[col] = value
    return values

"""Building blocks of the input workbook: styles, drop-downs, protection, marked blocks.

Shared by the table sheets (``input_tables``) and the form sheets
(``input_workbook``).  Looks are named styles, assigned in one step per
cell: the example workbook has tens of thousands of styled cells and
openpyxl re-hashes every style object on each attribute set.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.formats.input_workbook import layout as wl
from generator.formats.output_workbook.writer import (
    BORDER,
    GRID_FONT,
    HEADER_FILL,
    MONEY,
    put_text,
    wrapped_lines,
)

INPUT_FILL = PatternFill(fill_type="solid", fgColor="FFF8DC")  # where to type
COMPUTED_FILL = PatternFill(fill_type="solid", fgColor="DDEBF7")  # 计算（勿填）
MARKER_FILL = PatternFill(fill_type="solid", fgColor="D9E1F2")
UNLOCKED = Protection(locked=False)
LOCKED = Protection(locked=True)
NO_BORDER = Border()

PERCENT = "0.00%"
SCORE = "0.00"
MAX_ROW_HEIGHT = 409.0  # Excel's limit


def font(bold: bool = False, size: float = 10, italic: bool = False, color: str = "000000") -> Font:
    return Font(name=GRID_FONT, size=size, bold=bold, italic=italic, color=color)


# --- cells -----------------------------------------------------------------------------------

FORMATS: dict[str, str] = {
    "amount": MONEY,
    "number": SCORE,
    "code": "@",  # typed codes and dates stay text in Excel
    "name": "@",
    "text": "@",
    "date": "@",
    "day": "@",
    "yesno": "@",
    "level": "@",
    "blocks": "@",
    "lines": "@",
}


def put_value(cell: Cell, value: Any, kind: wl.Kind) -> None:
    """Write one model value the way the reader reads it back (text stays text)."""
    if value is None or value == "":
        cell.value = None
    elif kind == "yesno" and isinstance(value, bool):
        put_text(cell, "是" if value else "否")
    elif kind == "lines" and isinstance(value, list):
        put_text(cell, "\n".join(str(v) for v in value))
    elif kind == "value" and isinstance(value, int | Decimal) and not _exact_number(value):
        put_text(cell, str(value))  # "4.0", a long decimal: as text, read back exactly
    elif kind in ("amount", "number", "int", "value") and isinstance(value, int | Decimal):
        cell.value = value
    else:
        put_text(cell, str(value))


def _exact_number(value: int | Decimal) -> bool:
    """Whether a number cell gives ``value`` back as the same type and value: Excel keeps
    15 digits, and an integral decimal (4.0) would come back as an int."""
    if isinstance(value, int):
        return abs(value) < 10**15
    if value == value.to_integral_value():
        return False
    return Decimal(repr(float(value))) == value


def _style(cell: Cell, name: str, make: Any) -> None:
    """Named styles: one style record per look, assigned in one step.

    Setting font, fill, border … cell by cell costs openpyxl a hash of every
    style object each time; an example workbook has tens of thousands of cells.
    """
    wb = cell.parent.parent
    if name not in wb.named_styles:
        style = NamedStyle(name=name)
        make(style)
        wb.add_named_style(style)
    cell.style = name


def style_input(cell: Cell, kind: wl.Kind = "name", fill: bool = True, bold: bool = False) -> None:
    """A cell to type or paste into: unlocked, tinted when it takes a figure or a word."""

    def make(s: NamedStyle) -> None:
        s.protection = UNLOCKED
        s.border = BORDER
        if fill:
            s.fill = INPUT_FILL
        s.font = font(bold=bold)
        s.number_format = FORMATS.get(kind, "General")
        right = kind in ("amount", "number", "int")
        s.alignment = Alignment(
            horizontal="right" if right else "left", vertical="top", wrap_text=not right
        )

    _style(cell, f"输入·{kind}·{int(fill)}{int(bold)}", make)


def style_header(cell: Cell) -> None:
    def make(s: NamedStyle) -> None:
        s.protection = LOCKED
        s.border = BORDER
        s.fill = HEADER_FILL
        s.font = font(bold=True)
        s.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    _style(cell, "表头", make)


def style_computed(cell: Cell, number_format: str = MONEY) -> None:
    def make(s: NamedStyle) -> None:
        s.protection = LOCKED
        s.border = BORDER
        s.fill = COMPUTED_FILL
        s.font = font(italic=True, color="1F4E79")
        s.number_format = number_format
        s.alignment = Alignment(horizontal="right", vertical="top")

    _style(cell, f"计算·{number_format}", make)


def style_label(cell: Cell, bold: bool = False, muted: bool = False) -> None:
    """A printed label; ``muted`` for reference text (默认解释, 何时需要) that is not read."""

    def make(s: NamedStyle) -> None:
        s.protection = UNLOCKED if muted else LOCKED
        s.border = BORDER
        s.font = font(bold=bold, color="595959" if muted else "000000")
        s.alignment = Alignment(vertical="top", wrap_text=True)

    _style(cell, f"标签·{int(bold)}{int(muted)}", make)


# --- validation ------------------------------------------------------------------------------


@dataclass
class Validations:
    """One DataValidation per rule and sheet, growing its ranges as cells are written."""

    ws: Worksheet
    lists: dict[str, str]  # list name → absolute range on the 代码表 sheet
    _rules: dict[str, DataValidation] = field(default_factory=dict)

    def _rule(self, name: str) -> DataValidation | None:
        if name in self._rules:
            return self._rules[name]
        if name == "amount" or name == "number":
            rule = DataValidation(
                type="decimal",
                operator="between",
                formula1="-999999999999",
                formula2="999999999999",
                allow_blank=True,
                errorStyle="stop",
                errorTitle="应为数字",
                error="请填写数字（零可留空）。",
            )
        elif name == "int":
            rule = DataValidation(
                type="whole",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                errorStyle="stop",
                errorTitle="应为整数",
                error="请填写不小于 0 的整数。",
            )
        elif name in self.lists:
            strict = name in (
                wl.LIST_UNIT_KINDS,
                wl.LIST_AMOUNT_UNITS,
                wl.LIST_LEVELS,
                wl.LIST_PROFILES,
                wl.LIST_YES_NO,
            )
            rule = DataValidation(
                type="list",
                formula1=self.lists[name],
                allow_blank=True,
                errorStyle="stop" if strict else "warning",
                errorTitle=name,
                error=f"不在“{name}”列表中。" + ("" if strict else "确定要使用吗？"),
            )
        else:
            return None
        self._rules[name] = rule
        self.ws.add_data_validation(rule)
        return rule

    def add(self, name: str | None, ref: str) -> None:
        if name is None:
            return
        rule = self._rule(name)
        if rule is not None:
            rule.add(ref)

    def for_field(self, spec: wl.Field, ref: str) -> None:
        self.add(
            spec.choices or (spec.kind if spec.kind in ("amount", "number", "int") else None), ref
        )


# --- sheets common ---------------------------------------------------------------------------


def protect(ws: Worksheet, spare_columns: int = 4) -> None:
    """Protect headers (no password) but let people insert rows, resize, sort and paste.

    Cells we never wrote take their column's style: unlocking the columns lets
    an export longer than the prepared body, or a copied 绩效 block, be pasted
    below; headers, labels and computed cells keep their own locked style.
    """
    p = ws.protection
    p.sheet = True
    p.formatCells = p.formatColumns = p.formatRows = False
    p.insertRows = p.deleteRows = False
    p.sort = p.autoFilter = False
    for c in range(1, ws.max_column + spare_columns + 1):
        ws.column_dimensions[get_column_letter(c)].protection = UNLOCKED


def set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def fit_height(ws: Worksheet, row: int, text: str, width: float) -> None:
    """Grow a row for wrapped text (Excel does not do it for merged cells)."""
    lines = wrapped_lines(text, width)
    height = min(MAX_ROW_HEIGHT, max(18.0, lines * 13.5 + 4))
    current = ws.row_dimensions[row].height or 0
    if height > current:
        ws.row_dimensions[row].height = height


def merge(ws: Worksheet, row: int, first: int, last: int) -> None:
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


# --- form sheets -----------------------------------------------------------------------------


@dataclass
class FormSheet:
    """Writes marked blocks one below the other; remembers cells formulas need."""

    ws: Worksheet
    valid: Validations
    ncols: int
    widths: list[float]
    row: int = 1

    def title(self, text: str, hint: str = "") -> None:
        cell = self.ws.cell(self.row, 1)
        put_text(cell, text)
        cell.font = font(bold=True, size=14)
        merge(self.ws, self.row, 1, self.ncols)
        self.row += 1
        if hint:
            self.note(hint)
        self.row += 1

    def note(self, text: str) -> None:
        cell = self.ws.cell(self.row, 1)
        put_text(cell, text)
        cell.font = font(italic=True, color="595959")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        merge(self.ws, self.row, 1, self.ncols)
        fit_height(self.ws, self.row, text, sum(self.widths))
        self.row += 1

    def marker(self, block: wl.Block) -> None:
        cell = self.ws.cell(self.row, 1)
        put_text(cell, wl.marker_text(block))
        for c in range(1, self.ncols + 1):
            self.ws.cell(self.row, c).fill = MARKER_FILL
        cell.font = font(bold=True, size=11)
        if block.hint:
            hint = self.ws.cell(self.row, 2)
            put_text(hint, block.hint)
            hint.font = font(italic=True, color="595959")
            hint.alignment = Alignment(wrap_text=True, vertical="top")
            merge(self.ws, self.row, 2, self.ncols)
            fit_height(self.ws, self.row, block.hint, sum(self.widths[1:]))
        self.row += 1

    def kv(self, block: wl.Block, values: dict[str, Any]) -> dict[str, str]:
        """Labels in A, values in B (text merged across); returns key → value cell."""
        self.marker(block)
        cells: dict[str, str] = {}
        for spec in block.fields:
            label = self.ws.cell(self.row, 1)
            put_text(label, spec.label)
            style_label(label, bold=True)
            cell = self.ws.cell(self.row, 2)
            cells[spec.key] = cell.coordinate
            if spec.kind == "formula":
                style_computed(cell, SCORE)
            else:
                value = values.get(spec.key)
                put_value(cell, value, spec.kind)
                style_input(cell, spec.kind)
                self.valid.for_field(spec, cell.coordinate)
                if spec.kind == "text":
                    merge(self.ws, self.row, 2, self.ncols)
                    for c in range(3, self.ncols + 1):
                        self.ws.cell(self.row, c).border = BORDER
                    fit_height(self.ws, self.row, str(value or ""), sum(self.widths[1:]))
            self.row += 1
        self.row += 1
        return cells

    def table(self, block: wl.Block, records: Sequence[dict[str, Any]], spare: int) -> range:
        """Header row, then one row per record and ``spare`` blank rows; returns the data rows."""
        self.marker(block)
        for c, spec in enumerate(block.fields, start=1):
            style_header(self.ws.cell(self.row, c))
            put_text(self.ws.cell(self.row, c), spec.label)
        self.row += 1
        first = self.row
        for record in [*records, *({} for _ in range(spare))]:
            self.record_row(block, record)
        rows = range(first, self.row)
        for c, spec in enumerate(block.fields, start=1):
            if spec.read and rows:
                letter = get_column_letter(c)
                self.valid.for_field(spec, f"{letter}{first}:{letter}{self.row - 1}")
        self.row += 1
        return rows

    def record_row(self, block: wl.Block, record: dict[str, Any]) -> None:
        for c, spec in enumerate(block.fields, start=1):
            cell = self.ws.cell(self.row, c)
            value = record.get(spec.key)
            if spec.kind == "formula":
                style_computed(cell, PERCENT)
                continue
            put_value(cell, value, spec.kind)
            if spec.kind == "info":
                style_label(cell, muted=True)
            else:
                style_input(cell, spec.kind)
            if isinstance(value, str):
                fit_height(self.ws, self.row, value, spec.width)
        self.row += 1


def form_widths(blocks: Iterable[wl.Block]) -> list[float]:
    """Column widths: the widest table column at each position, A wide enough for labels."""
    widths: list[float] = [24.0, 40.0]
    for block in blocks:
        if not block.table:
            continue
        for i, spec in enumerate(block.fields):
            if i >= len(widths):
                widths.append(spec.width)
            else:
                widths[i] = max(widths[i], spec.width)
    return widths

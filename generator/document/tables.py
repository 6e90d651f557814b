"""Lay each disclosure table out as a printable grid, once, for every renderer.

The PDF and the workbook draw the same ``TableView``: header rows with their
spans, the 栏次 row, body rows of cells that keep both the printed text and
the Decimal behind it.  A table looks the same in both because it is the same
object.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import zip_longest

from jinja2.sandbox import SandboxedEnvironment

from generator.compute import Computed
from generator.compute.cells import Key
from generator.compute.tables import TOTAL, LineInfo
from generator.model.amounts import fmt_money
from generator.profiles.schema import TableDef


@dataclass
class ViewCell:
    text: str = ""
    value: Decimal | None = None
    kind: str = "label"  # label | code | amount | no | header | text
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False
    indent: int = 0
    key: Key | None = None


@dataclass(frozen=True)
class Placed:
    """One view cell at its real grid position (0-based), spans clipped to its row group."""

    cell: ViewCell
    row: int
    col: int
    rowspan: int
    colspan: int


def layout(rows: Sequence[Sequence[ViewCell]]) -> tuple[list[Placed], int]:
    """Place one row group like HTML does; returns the cells and the columns they use.

    A row's cells go left to right into the first columns not already covered
    by a rowspan from a row above; a rowspan never reaches past its group
    (HTML clips it at the end of ``thead``/``tbody`` the same way).
    """
    taken: set[tuple[int, int]] = set()
    placed: list[Placed] = []
    nrows = len(rows)
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            rowspan = max(1, min(cell.rowspan, nrows - r))
            colspan = max(1, cell.colspan)
            taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            placed.append(Placed(cell, r, c, rowspan, colspan))
            c += colspan
    return placed, max((c + 1 for _, c in taken), default=0)


@dataclass
class TableView:
    id: str
    title: str
    label: str | None
    unit: str
    department: str
    header: list[list[ViewCell]]
    numbers: list[ViewCell]
    body: list[list[ViewCell]]
    widths: list[float]
    notes: list[str] = field(default_factory=list)
    statement: str | None = None
    landscape: bool = False

    @property
    def ncols(self) -> int:
        return len(self.widths)


def _amount(computed: Computed, key: Key, bold: bool = False) -> ViewCell:
    zero = computed.profile.display.zero
    if not computed.sheet.has(key):
        return ViewCell(kind="amount")
    value = computed.sheet.cell(key).shown
    return ViewCell(fmt_money(value, zero=zero), value, "amount", bold=bold, key=key)


def _header(tdef: TableDef) -> list[list[ViewCell]]:
    return [
        [ViewCell(h.text, kind="header", colspan=h.colspan, rowspan=h.rowspan) for h in row]
        for row in tdef.header
    ]


def _numbers(labels: list[tuple[int, list[str]]]) -> list[ViewCell]:
    """栏次 row: each (span of label columns, numbers of the value columns)."""
    out: list[ViewCell] = []
    for span, numbers in labels:
        out.append(ViewCell("栏次", kind="header", colspan=span))
        out += [ViewCell(n, kind="header") for n in numbers]
    return out


def _code_cells(code: str, split: bool, bold: bool) -> list[ViewCell]:
    """One 科目编码 cell, or 类 | 款 | 项 cells (as some layouts print them: 201 | 13 | 01)."""
    if not split:
        return [ViewCell(code, kind="code", bold=bold)]
    parts = [code[:3], code[3:5], code[5:7]]
    return [ViewCell(part, kind="code", bold=bold) for part in parts]


def classified(computed: Computed, tdef: TableDef) -> TableView:
    t = tdef.id
    split = tdef.code_style == "split"
    ncode = 3 if split else 1
    total = [ViewCell(TOTAL, kind="label", colspan=ncode + 1, bold=True)] + [
        _amount(computed, (t, TOTAL, c.id), bold=True) for c in tdef.columns
    ]
    body = [total] if tdef.total_position == "first" else []
    for row in computed.structure.rows.get(t, []):
        bold = row.level == 1
        body.append(
            _code_cells(row.code, split, bold)
            + [ViewCell(row.name, kind="label", indent=row.level - 1, bold=bold)]
            + [_amount(computed, (t, row.code, c.id), bold) for c in tdef.columns]
        )
    if tdef.total_position == "last":
        body.append(total)
    code_widths = [tdef.code_width / 2] * 3 if split else [tdef.code_width]
    return _view(
        computed,
        tdef,
        body,
        [*code_widths, tdef.name_width] + [c.width for c in tdef.columns],
        _numbers([(ncode + 1, tdef.column_numbers)]) if tdef.column_numbers else [],
    )


def balance(computed: Computed, tdef: TableDef) -> TableView:
    assert tdef.left is not None and tdef.right is not None
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
        return cells + [_amount(computed, (t, line.row, c), line.bold) for c in columns]

    left_cols = [c.id for c in tdef.left.columns]
    right_cols = [c.id for c in tdef.right.columns]
    body = [
        side_cells(left, left_cols) + side_cells(right, right_cols)
        for left, right in zip_longest(left_lines, right_lines)
    ]
    nleft = len(left_cols)
    numbers: list[ViewCell] = []
    if tdef.column_numbers:
        for nums in (tdef.column_numbers[:nleft], tdef.column_numbers[nleft:]):
            numbers += [ViewCell("栏次", kind="header"), ViewCell(kind="header")]
            numbers += [ViewCell(n, kind="header") for n in nums]
    widths = (
        [tdef.left.label_width, tdef.left.no_width]
        + [c.width for c in tdef.left.columns]
        + [tdef.right.label_width, tdef.right.no_width]
        + [c.width for c in tdef.right.columns]
    )
    return _view(computed, tdef, body, widths, numbers)


def economic(computed: Computed, tdef: TableDef) -> TableView:
    t = tdef.id
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
                    _amount(computed, (t, cls.code, "决算数"), bold=True),
                ]
            )
            for item in cls.items:
                cells.append(
                    [
                        ViewCell(item.code, kind="code"),
                        ViewCell(item.name, indent=1),
                        _amount(computed, (t, item.code, "决算数")),
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
            _amount(computed, (t, total.id, "决算数"), bold=True),
        ]
    if footer:
        body.append(footer)
    return _view(computed, tdef, body, [0.9, 2.0, 1.1] * ngroups, [])


def grid(computed: Computed, tdef: TableDef) -> TableView:
    t = tdef.id
    body = [
        [_amount(computed, (t, row, c.id)) for row in rows for c in tdef.columns]
        for rows in tdef.print_rows
    ]
    ncols = len(tdef.columns) * max(len(r) for r in tdef.print_rows)
    numbers = [ViewCell(n, kind="header") for n in tdef.column_numbers]
    return _view(computed, tdef, body, [1.0] * ncols, numbers)


def _view(
    computed: Computed,
    tdef: TableDef,
    body: list[list[ViewCell]],
    widths: list[float],
    numbers: list[ViewCell],
) -> TableView:
    report = computed.report
    statement = None
    typed = report.tables.get(tdef.id)
    if typed is not None and typed.missing is not None:
        statement = f"本表数据缺失（{typed.missing}）。"  # unknown, not "没有…": absent is not zero
    elif computed.is_empty(tdef.id):
        if typed and typed.statement:
            statement = typed.statement  # the user's words, never a template
        elif tdef.empty_statement:
            statement = (
                SandboxedEnvironment()
                .from_string(tdef.empty_statement)
                .render(year=report.year, department=report.department)
            )
    return TableView(
        id=tdef.id,
        title=tdef.title,
        label=tdef.label,
        unit=tdef.unit,
        department=report.department,
        header=_header(tdef),
        numbers=numbers,
        body=body,
        widths=widths,
        notes=list(tdef.notes),
        statement=statement,
        landscape=tdef.landscape,
    )


KINDS = {"classified": classified, "balance": balance, "economic": economic, "grid": grid}


def table_views(computed: Computed) -> list[TableView]:
    return [KINDS[t.kind](computed, t) for t in computed.profile.tables]

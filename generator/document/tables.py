"""Lay each disclosure table out as a printable grid, once, for every renderer.

The PDF and the workbook draw the same ``TableView``: header rows with their
spans, the 栏次 row, body rows of cells that keep both the printed text and
the Decimal behind it.  A table looks the same in both because it is the same
object.  Each table kind lays its body out (``generator.tables.<kind>.view``)
with the cells and helpers defined here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jinja2.sandbox import SandboxedEnvironment

from generator.compute.cells import Key
from generator.compute.computed import Computed
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
    department: str | None  # None: the layout prints no "部门：…" line above the table
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


def amount_cell(computed: Computed, key: Key, bold: bool = False) -> ViewCell:
    zero = computed.profile.display.zero
    if not computed.sheet.has(key):
        return ViewCell(kind="amount")
    value = computed.sheet.cell(key).shown
    return ViewCell(fmt_money(value, zero=zero), value, "amount", bold=bold, key=key)


def header_cells(tdef: TableDef) -> list[list[ViewCell]]:
    return [
        [ViewCell(h.text, kind="header", colspan=h.colspan, rowspan=h.rowspan) for h in row]
        for row in tdef.header
    ]


def numbers_cells(labels: list[tuple[int, list[str]]]) -> list[ViewCell]:
    """栏次 row: each (span of label columns, numbers of the value columns)."""
    out: list[ViewCell] = []
    for span, numbers in labels:
        out.append(ViewCell("栏次", kind="header", colspan=span))
        out += [ViewCell(n, kind="header") for n in numbers]
    return out


def table_view(
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
        department=report.department if computed.profile.document.department_line else None,
        header=header_cells(tdef),
        numbers=numbers,
        body=body,
        widths=widths,
        notes=list(tdef.notes),
        statement=statement,
        landscape=tdef.landscape,
    )

"""What ``diff`` compares: every printed table figure keyed by meaning, and the narrative text.

A figure's key is (table, row, column) as a reader of the report would name
it — never its position on a page: ``table`` is the code label (公开03) or
the title when a layout prints none, ``row`` the 科目编码 where the row has
one, else the row label as printed, ``column`` the header path as printed
("本年支出/基本支出", "支出/决算数").  Our own documents produce it from the
views; published PDFs from the PDF reader; both compare the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from generator.compute.cells import Key
from generator.document.report import DocumentView
from generator.document.tables import TableView, ViewCell, layout
from generator.profiles import codes

KEY_KINDS = {"code", "label", "no"}


@dataclass
class TableFigures:
    table: str
    title: str
    cells: dict[tuple[str, str], Decimal | None] = field(default_factory=dict)
    rows: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # 科目编码 → 科目名称 as printed (PDFs)
    # our own documents only: which computed cell each printed figure is (for --prior)
    keys: dict[tuple[str, str], Key] = field(default_factory=dict)
    # inputs only: what was typed where a figure is printed (a typed total may differ
    # from the computed figure that is printed instead), so diff compares the input
    typed: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    pages: list[int] = field(default_factory=list)  # published PDFs: the pages it is printed on

    def put(self, row: str, column: str, value: Decimal | None, key: Key | None = None) -> None:
        if row not in self.rows:
            self.rows.append(row)
        if column not in self.columns:
            self.columns.append(column)
        self.cells[(row, column)] = value
        if key is not None:
            self.keys[(row, column)] = key


@dataclass
class DocumentFigures:
    source: str
    tables: dict[str, TableFigures] = field(default_factory=dict)
    sections: dict[str, list[str]] = field(default_factory=dict)  # section title → paragraphs
    section_pages: dict[str, list[int]] = field(default_factory=dict)  # PDFs: title → pages
    # Read from published PDFs (``formats.published_pdf``); our own documents leave them empty
    # here, since they are inputs there and diff compares tables and 情况说明.
    overview: str = ""  # 概况 as printed: one paragraph or heading per line
    glossary: list[tuple[str, str]] = field(default_factory=list)  # 名词解释: (term, text)
    department: str = ""
    year: int | None = None
    # What the document is (published PDFs: "部门决算", "部门预算", another document's
    # name, "" unknown) and the printed evidence it was told by; our own documents are 决算.
    document: str = "部门决算"
    evidence: str = ""


def clean(text: str) -> str:
    """Printed text as a key: PDF line breaks and spacing do not make a new label."""
    return re.sub(r"\s+", "", text or "")


def place(rows: list[list[ViewCell]]) -> list[list[ViewCell | None]]:
    """Spanning cells on a grid (the views' HTML placement); spanned slots repeat the cell."""
    placed, ncols = layout(rows)
    grid: list[list[ViewCell | None]] = [[None] * ncols for _ in rows]
    for p in placed:
        for r in range(p.row, p.row + p.rowspan):
            for c in range(p.col, p.col + p.colspan):
                grid[r][c] = p.cell
    return grid


def header_paths(view: TableView, ncols: int) -> list[str]:
    """Each column's header texts from top to bottom, joined with "/"."""
    grid = place(view.header)
    paths: list[str] = []
    for c in range(ncols):
        parts: list[str] = []
        for row in grid:
            cell = row[c] if c < len(row) else None
            text = clean(cell.text) if cell else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        paths.append("/".join(parts))
    return paths


def table_figures(view: TableView) -> TableFigures:
    """Amount cells keyed by the code (else label) to their left and their column header."""
    name = (view.label or view.title).replace("表", "") if view.label else view.title
    figures = TableFigures(name, view.title)
    body = place(view.body)
    ncols = max((len(r) for r in body), default=0)
    columns = header_paths(view, ncols)
    for row in body:
        code, label, after_amount = "", "", False
        seen: set[int] = set()
        for c, cell in enumerate(row):
            if cell is None or id(cell) in seen:
                continue
            seen.add(id(cell))
            if cell.kind == "amount":
                column = columns[c] if c < len(columns) else str(c + 1)
                value = cell.value if cell.text.strip() else None
                figures.put(code or label, column, value, cell.key)
                after_amount = True
                continue
            if after_amount:  # a key cell after figures: the next side of a balance table
                code, label, after_amount = "", "", False
            if cell.kind == "code":  # split 类 | 款 | 项 cells join into one code
                part = clean(cell.text)
                code = code + part if code and codes.extends(code) else part
            elif cell.kind in ("label", "header", "text") and cell.text.strip():
                label = clean(cell.text)
                if code:
                    figures.names.setdefault(code, label)
    return figures


def from_document(doc: DocumentView, source: str) -> DocumentFigures:
    out = DocumentFigures(source, year=doc.computed.report.year)
    for _, view in doc.tables:
        figures = table_figures(view)
        out.tables[figures.table] = figures
    for section in doc.narrative:
        _sections(section, out.sections)
    return out


def _sections(section, sink: dict[str, list[str]]) -> None:
    sink[clean(section.title)] = list(section.paragraphs)
    for sub in section.subsections:
        _sections(sub, sink)

"""Our own output workbook read back, for ``diff``: each table sheet is re-read as the
grid it was written from (header rows = the repeated print rows, body until the
first row merged across the whole table, the notes).

A column is told by its header, as a reader of the printed table tells it: 类/款/项
and …编码/…代码 columns hold 科目编码 (text, whatever Excel stored: a code is never an
amount), 项目/名称/行次/栏次 columns hold row keys, every other cell is a figure.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from generator.document.figures import DocumentFigures, TableFigures, table_figures
from generator.document.tables import TableView, ViewCell
from generator.profiles import codes

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

WIDTHS = {"类": 3, "款": 2, "项": 2}  # digits of a split code column
KEY_HEADER = re.compile(r"^(?:项目|行次|栏次|科目)$|名称")


def is_output_workbook(path: Path) -> bool:
    """A workbook gen-report wrote as output (not the input workbook ``init`` writes)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        return wb.properties.creator == "gen-report" and "封面概况" not in wb.sheetnames
    finally:
        wb.close()


def read_output_workbook(path: Path) -> DocumentFigures:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    out = DocumentFigures(str(path))
    for ws in wb.worksheets:
        figures = sheet_figures(ws)
        if figures is not None:
            out.tables[figures.table] = figures
    return out


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def sheet_figures(ws: Worksheet) -> TableFigures | None:
    titles = ws.print_title_rows
    if not titles:
        return None
    first, last = (int(x.replace("$", "")) for x in titles.split(":"))
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        spans[(rng.min_row, rng.min_col)] = (
            rng.max_row - rng.min_row + 1,
            rng.max_col - rng.min_col + 1,
        )
        covered |= {
            (r, c)
            for r in range(rng.min_row, rng.max_row + 1)
            for c in range(rng.min_col, rng.max_col + 1)
        } - {(rng.min_row, rng.min_col)}
    ncols = ws.max_column
    headers: dict[int, list[str]] = {c: [] for c in range(1, ncols + 1)}
    for (r, c), (_, colspan) in [
        ((r, c), spans.get((r, c), (1, 1)))
        for r in range(first, last + 1)
        for c in range(1, ncols + 1)
    ]:
        if (r, c) not in covered and (text := _text(ws.cell(r, c).value)):
            for spanned in range(c, min(c + colspan, ncols + 1)):
                headers[spanned].append(text)
    code_columns = {
        c for c, texts in headers.items() if any(codes.is_code_header(t) for t in texts)
    }
    key_columns = code_columns | {
        c for c, texts in headers.items() if any(KEY_HEADER.search(t) for t in texts)
    }

    def row_cells(r: int, header: bool) -> list[ViewCell] | None:
        cells: list[ViewCell] = []
        for c in range(1, ncols + 1):
            if (r, c) in covered:
                continue
            rowspan, colspan = spans.get((r, c), (1, 1))
            if colspan == ncols and not header:
                return None  # a note or statement banner: the table has ended
            value = ws.cell(r, c).value
            text = _text(value)
            if header:
                kind = "header"
            elif c in code_columns:
                kind = "code" if text else "label"
                if text.isdigit() and not isinstance(value, str):  # Excel dropped a 0
                    text = text.zfill(WIDTHS.get(headers[c][-1], len(text)))
            elif c in key_columns:
                kind = "no" if text.isdigit() else "label"
            elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                cells.append(ViewCell(text, Decimal(str(value)), "amount", colspan, rowspan))
                continue
            elif not text:
                kind = "amount"
            else:
                kind = "label"
            cells.append(ViewCell(text, kind=kind, colspan=colspan, rowspan=rowspan))
        return cells

    def numbers_row(r: int) -> bool:  # the 栏次 row: "栏次", blanks and column numbers
        texts = [_text(ws.cell(r, c).value) for c in range(1, ncols + 1)]
        return all(t in ("", "栏次") or t.isdigit() for t in texts)

    header = [row_cells(r, True) or [] for r in range(first, last + 1) if not numbers_row(r)]
    body = []
    for r in range(last + 1, ws.max_row + 1):
        cells = row_cells(r, False)
        if cells is None:
            break
        body.append(cells)
    label = ws.cell(2, ncols).value or ws.cell(2, 1).value
    title = str(ws.cell(1, 1).value or ws.title)
    view = TableView(
        ws.title, title, str(label or "") or None, "", "", header, [], body, [1.0] * ncols
    )
    figures = table_figures(view)
    figures.table = ws.title
    return figures

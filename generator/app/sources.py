"""Any version of a report → DocumentFigures: input YAML or workbook, our output
workbook, or a PDF (generated or published)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from generator.compute.report import compute
from generator.document.figures import (
    DocumentFigures,
    TableFigures,
    from_document,
    header_paths,
    place,
    table_figures,
)
from generator.document.report import build_document
from generator.document.tables import TableView, ViewCell
from generator.errors import Location, UserError, unreadable
from generator.formats import load_input
from generator.profiles import codes
from generator.profiles.loader import load_profile

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

KEY_HEADERS = {"项目", "行次", "功能分类科目编码", "科目名称", "经济分类科目编码", "栏次"}


def figures_of(path: Path) -> tuple[DocumentFigures, list[str]]:
    """The figures of one version, with notes on what could not be read."""
    if not path.exists():
        raise UserError("文件不存在", Location(str(path)))
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from generator.formats.published_pdf.reader import read_pdf

        figures, notes = read_pdf(path)
        if not figures.tables and not figures.sections:
            reason = notes[0] if notes else "没有可读的表格或文字"
            raise UserError(f"无法从 PDF 读出内容：{reason}", Location(str(path)))
        return figures, notes
    if suffix == ".xlsx" and _is_output_workbook(path):
        with unreadable(path, " .xlsx 工作簿"):
            return output_workbook(path), []
    report, _ = load_input(path)
    computed = compute(report, load_profile(report.profile))
    return from_document(build_document(computed), str(path)), []


def _is_output_workbook(path: Path) -> bool:
    from openpyxl import load_workbook

    with unreadable(path, " .xlsx 工作簿"):
        wb = load_workbook(path, read_only=True)
        try:
            return wb.properties.creator == "gen-report" and "封面概况" not in wb.sheetnames
        finally:
            wb.close()


def output_workbook(path: Path) -> DocumentFigures:
    """Our own output workbook: each table sheet is re-read as the grid it was written from."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    out = DocumentFigures(str(path))
    for ws in wb.worksheets:
        figures = sheet_figures(ws)
        if figures is not None:
            out.tables[figures.table] = figures
    return out


def sheet_figures(ws: Worksheet) -> TableFigures | None:
    """The repeated print rows are the header; body rows run until the first row
    merged across the whole table (the notes)."""
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
    key_columns = {
        c
        for c in range(1, ncols + 1)
        if any(
            str(ws.cell(r, c).value or "").strip() in KEY_HEADERS for r in range(first, last + 1)
        )
    }

    # 类 | 款 | 项 columns of a split-code layout: every body cell there is a code piece
    code_columns = {
        c
        for c in range(1, ncols + 1)
        if any(
            str(ws.cell(r, c).value or "").strip() in codes.LEVEL_NAMES
            for r in range(first, last + 1)
        )
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
            text = "" if value is None else str(value)
            if header:
                kind = "header"
            elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                cells.append(ViewCell(text, Decimal(text), "amount", colspan, rowspan))
                continue
            elif c in code_columns:
                kind = "code"
            elif c not in key_columns and not text.strip():
                kind = "amount"
            elif text.isdigit():
                kind = "code" if codes.is_code(text) else "no"
            else:
                kind = "label"
            cells.append(ViewCell(text, kind=kind, colspan=colspan, rowspan=rowspan))
        return cells

    def numbers_row(r: int) -> bool:  # the 栏次 row: "栏次", blanks and column numbers
        texts = [str(ws.cell(r, c).value or "").strip() for c in range(1, ncols + 1)]
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


__all__ = ["figures_of", "header_paths", "output_workbook", "place"]

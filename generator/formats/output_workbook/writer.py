"""Document view → Excel workbook: one sheet per table, the same grid the PDF draws.

The workbook is for people who want to reuse the figures, so amounts are real
numbers (the exact ``Decimal`` behind the printed text, never a float
round-trip) while codes and every piece of user text stay text.  Nothing typed
by a user may become a formula: all strings are stored as strings, and those
Excel would re-read as a formula when edited get the quote prefix too.

Spans are placed the way an HTML table places them (a cell covered by an
earlier rowspan is skipped), because that is how the PDF lays out the very
same ``TableView``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from generator.document.report import DocumentView
from generator.document.tables import Placed, TableView, ViewCell, layout
from generator.formats.build_time import build_time
from generator.formats.output_workbook import reproducible
from generator.narrative.write import Section
from generator.text import printable, without_controls

GRID_FONT = "宋体"  # the PDF sets its tables in SimSun; this is its name in Chinese Excel
GRID_SIZE = 10
LINE_HEIGHT = 13.5  # points per wrapped line at GRID_SIZE
MIN_ROW_HEIGHT = 18.0
PROSE = 80.0  # a text cell wider than this (in column units) is a paragraph, not a value

MONEY = "#,##0.00"
SCORE = "0.00"

SHEET_NAME_MAX = 31
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
# Text starting with one of these is a formula (or a DDE trigger) when Excel re-parses it.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

DEPARTMENT_TABLE = "部门整体自评表"  # view id of the 部门整体支出绩效自评表

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill(fill_type="solid", fgColor="F2F2F2")  # the PDF's th background


@dataclass
class Grid:
    """A table's row groups (header, 栏次, body) laid out one below the other."""

    groups: list[list[Placed]]
    heights: list[int]  # rows per group
    ncols: int

    @property
    def cells(self) -> Iterator[tuple[int, Placed]]:
        """Every placed cell with the grid row offset of its group."""
        offset = 0
        for placed, height in zip(self.groups, self.heights, strict=True):
            for p in placed:
                yield offset, p
            offset += height

    @property
    def nrows(self) -> int:
        return sum(self.heights)


def grid_of(table: TableView) -> Grid:
    """Lay out header, 栏次 row and body as separate groups, as the PDF's thead/tbody."""
    groups: list[list[Placed]] = []
    heights: list[int] = []
    ncols = table.ncols
    for rows in (table.header, [table.numbers] if table.numbers else [], table.body):
        placed, width = layout(rows)
        groups.append(placed)
        heights.append(len(rows))
        ncols = max(ncols, width)
    return Grid(groups, heights, max(ncols, 1))


# --- text ------------------------------------------------------------------------------------


def display_units(text: str) -> float:
    """Width of ``text`` in Excel column units (one unit ≈ a 7 px digit).

    At 10 pt a CJK glyph (and the ambiguous-width punctuation CJK fonts draw
    full width) is about 13 px, a Latin one about 7 px.
    """
    return sum(1.9 if unicodedata.east_asian_width(ch) in "WFA" else 1.0 for ch in text)


def wrapped_lines(text: str, width: float, indent: int = 0) -> int:
    """How many lines ``text`` needs in a cell ``width`` units wide (after padding)."""
    room = max(1.0, width - 0.6 - 2 * indent)
    paragraphs = text.rstrip("\n").split("\n") if text.strip() else [""]
    return sum(max(1, math.ceil(display_units(p) / room)) for p in paragraphs)


def put_text(cell: Cell, text: str) -> None:
    """Store user text as a string Excel will never evaluate.

    openpyxl turns a string starting with ``=`` into a formula and ``#N/A``
    into an error value; forcing the data type keeps both as shown.  The quote
    prefix keeps ``=``/``+``/``-``/``@`` text a string even after someone edits
    the cell in Excel.  Characters XML cannot hold are dropped rather than
    letting one stray control character abort the whole build, and so is what
    the PDF does not print either (``printable``): the two show the same text.
    """
    clean = printable(ILLEGAL_CHARACTERS_RE.sub("", text))
    if not clean:
        cell.value = None
        return
    cell.value = clean
    cell.data_type = "s"
    if clean.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True


def _decimals(text: str) -> int | None:
    """Decimals a printed number shows ("94.37" → 2, "7.3" → 1, "10" → 0); None if no number."""
    m = re.fullmatch(r"\s*-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*", text)
    if m is None:
        return None
    return len(m.group(1) or "")


def number_format(vc: ViewCell, money: bool) -> str:
    """Show the number as the PDF prints it.

    The nine tables print money (``#,##0.00``).  Attachment forms mix amounts in
    元 (grouped, two decimals) with scores and rates, which keep the decimals
    their text shows.  A zero printed as a word (a profile's ``zero: "—"``)
    gets that word as the format's zero section.
    """
    assert vc.value is not None
    shown = _decimals(vc.text)
    if money or "," in vc.text:
        fmt = MONEY
    elif shown == 2:
        fmt = SCORE
    else:
        fmt = "General"
    if vc.value == 0 and shown is None:
        literal = re.sub(r'["\\]', "", vc.text)
        base = MONEY if fmt == "General" else fmt
        fmt = f'{base};-{base};"{literal}"'
    return fmt


# --- styles ----------------------------------------------------------------------------------


def _font(bold: bool = False, size: float = GRID_SIZE) -> Font:
    return Font(name=GRID_FONT, size=size, bold=bold)


_registered: WeakKeyDictionary[Workbook, set[str]] = WeakKeyDictionary()


def apply_style(cell: Cell, name: str, make: Callable[[], NamedStyle]) -> None:
    """Give ``cell`` the workbook's shared named style ``name`` (made on first use).

    A cell then carries one style reference instead of its own font,
    alignment, border and fill objects, which openpyxl would hash and look up
    one by one for every cell (a tenth of a second per report).
    """
    wb = cell.parent.parent
    names = _registered.setdefault(wb, set())
    if name not in names:
        style = make()
        style.name = name
        wb.add_named_style(style)
        names.add(name)
    cell.style = name


def _grid_style(kind: str, bold: bool, indent: int, fmt: str) -> NamedStyle:
    """Per kind, the look the PDF's stylesheet gives the same cell."""
    if kind == "header":
        font, fill = _font(bold=True), HEADER_FILL
        alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    else:
        font, fill = _font(bold), PatternFill()
        if kind == "amount":
            alignment = Alignment(horizontal="right", vertical="center")
        elif kind in ("code", "no"):
            alignment = Alignment(horizontal="center", vertical="center")
        elif kind == "text":
            alignment = Alignment(horizontal="left", vertical="top", wrap_text=True, indent=indent)
        else:  # label and anything a future view invents
            alignment = Alignment(
                horizontal="left", vertical="center", wrap_text=True, indent=indent
            )
    return NamedStyle(font=font, fill=fill, alignment=alignment, border=BORDER, number_format=fmt)


def style_cell(cell: Cell, vc: ViewCell, fmt: str = "General") -> None:
    """The shared style of this kind of grid cell; ``fmt`` is an amount's number format."""
    kind = vc.kind
    if kind in ("code", "no"):
        fmt = "@"
    bold = vc.bold or kind == "header"
    indent = vc.indent if kind not in ("header", "amount", "code", "no") else 0
    name = f"grid {kind}{' bold' if bold else ''}{f' i{indent}' if indent else ''} {fmt}"
    apply_style(cell, name, lambda: _grid_style(kind, bold, indent, fmt))


def _covered_style(header: bool) -> NamedStyle:
    return NamedStyle(border=BORDER, fill=HEADER_FILL if header else PatternFill())


def write_value(cell: Cell, vc: ViewCell, money: bool) -> str:
    """Amounts as numbers (the Decimal itself), everything else as text; returns the format.

    An amount the PDF leaves blank stays empty even when a zero is behind it;
    an amount the PDF prints is written, zero included.  A printed number
    without a value behind it (a form's missing 元 amount shows "0.00") is
    still a number: the one it prints.
    """
    if vc.kind == "amount":
        if not vc.text.strip():
            cell.value = None
            return "General"
        value = vc.value
        if value is None and _decimals(vc.text) is not None:
            value = Decimal(vc.text.replace(",", "").strip())
        if value is not None and value.is_finite():
            cell.value = value
            cell.number_format = number_format(replace(vc, value=value), money)
            return cell.number_format
    put_text(cell, vc.text)
    return "General"


# --- sheet -----------------------------------------------------------------------------------


@dataclass
class SheetWriter:
    """Writes one table onto one worksheet and remembers the row heights it needs."""

    ws: Worksheet
    widths: list[float]
    heights: dict[int, float] = field(default_factory=dict)

    @property
    def ncols(self) -> int:
        return len(self.widths)

    def need(self, row: int, lines: int, line: float = LINE_HEIGHT) -> None:
        self.heights[row] = max(self.heights.get(row, 0.0), lines * line + 4)

    def banner(
        self,
        row: int,
        text: str,
        *,
        size: float = GRID_SIZE,
        bold: bool = False,
        horizontal: str = "left",
        first: int = 1,
        last: int | None = None,
        wrap: bool = True,
    ) -> None:
        """A borderless text line merged over columns ``first``..``last``."""
        last = self.ncols if last is None else last
        cell = self.ws.cell(row, first)
        put_text(cell, text)
        prefix = cell.quotePrefix
        name = f"banner {size:g}{' bold' if bold else ''} {horizontal}{' wrap' if wrap else ''}"
        apply_style(
            cell,
            name,
            lambda: NamedStyle(
                font=_font(bold, size),
                alignment=Alignment(horizontal=horizontal, vertical="center", wrap_text=wrap),
            ),
        )
        if prefix:
            cell.quotePrefix = True
        if last > first:
            self.ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        width = sum(self.widths[first - 1 : last])
        self.need(row, wrapped_lines(text, width * GRID_SIZE / size), size * 1.35)

    def grid(self, grid: Grid, top: int, money: bool) -> None:
        """Write every cell at ``top``-based rows, merge spans, border every covered cell.

        ``money`` says every amount is money (the nine tables).  In a form, a
        column is money when one of its amounts is printed with grouping, so
        its "0.00" cells get the money format too while 执行率/得分 keep theirs.
        """
        money_cols = {
            p.col
            for _, p in grid.cells
            if p.cell.kind == "amount" and p.colspan == 1 and "," in p.cell.text
        }
        for offset, p in grid.cells:
            row, col = top + offset + p.row, 1 + p.col
            cell = self.ws.cell(row, col)
            if p.rowspan > 1 or p.colspan > 1:
                # merged before the cell has a border: openpyxl then has no edges to copy it to
                end_row, end_col = row + p.rowspan - 1, col + p.colspan - 1
                self.ws.merge_cells(
                    start_row=row, start_column=col, end_row=end_row, end_column=end_col
                )
            in_money_col = p.colspan == 1 and p.col in money_cols and _decimals(p.cell.text) == 2
            fmt = write_value(cell, p.cell, money or in_money_col)
            prefix = cell.quotePrefix
            style_cell(cell, p.cell, fmt)
            if prefix:
                cell.quotePrefix = True
            if p.rowspan > 1 or p.colspan > 1:
                for r in range(row, end_row + 1):
                    for c in range(col, end_col + 1):
                        covered = self.ws.cell(r, c)
                        if isinstance(covered, MergedCell):
                            header = p.cell.kind == "header"
                            name = "grid covered header" if header else "grid covered"
                            apply_style(covered, name, lambda h=header: _covered_style(h))
        # Blank grid positions (a short row) still get their borders.
        for r in range(top, top + grid.nrows):
            for c in range(1, self.ncols + 1):
                blank = self.ws.cell(r, c)
                if not blank.has_style:
                    apply_style(blank, "grid covered", lambda: _covered_style(False))
        self._grid_heights(grid, top)

    def _grid_heights(self, grid: Grid, top: int) -> None:
        """Row heights for wrapped text; a rowspan's need is shared by its rows.

        Excel does not grow rows for merged cells, so without this long
        descriptions in the 绩效 forms would be cut off.
        """
        spanned: list[tuple[int, int, float]] = []
        for offset, p in grid.cells:
            row = top + offset + p.row
            width = sum(self.widths[p.col : p.col + p.colspan])
            lines = wrapped_lines(p.cell.text, width, p.cell.indent)
            if p.rowspan == 1:
                self.need(row, lines)
            else:
                spanned.append((row, p.rowspan, lines * LINE_HEIGHT + 4))
        for r in range(top, top + grid.nrows):
            self.heights[r] = max(self.heights.get(r, 0.0), MIN_ROW_HEIGHT)
        for row, span, needed in spanned:
            have = sum(self.heights[r] for r in range(row, row + span))
            if have < needed:
                extra = (needed - have) / span
                for r in range(row, row + span):
                    self.heights[r] += extra

    def finish(self) -> None:
        for i, w in enumerate(self.widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = round(w, 2)
        for row, height in self.heights.items():
            self.ws.row_dimensions[row].height = round(height, 1)


def column_widths(table: TableView, grid: Grid) -> list[float]:
    """Scale the view's relative widths to a 100–130 character sheet, then fit the content.

    A number too wide for its column shows as ``####`` in Excel, so every
    amount's column (or the last column of its span) is widened to fit it;
    code columns get at least 10 characters so 科目编码 never wrap.  Wide
    tables and forms full of prose (评分标准 paragraphs) get the widest sheet.
    """
    n = grid.ncols
    rel = [w if w > 0 else 1.0 for w in table.widths[:n]]
    rel += [1.0] * (n - len(rel))
    prose = any(p.cell.kind == "text" and display_units(p.cell.text) > PROSE for _, p in grid.cells)
    total = 130.0 if prose else min(130.0, max(100.0, 10.0 * n + 40.0))
    widths = [w * total / sum(rel) for w in rel]
    spanned: list[Placed] = []
    for _, p in grid.cells:
        kind, text = p.cell.kind, p.cell.text
        if kind not in ("amount", "code", "no"):
            continue
        if p.colspan > 1:
            spanned.append(p)
            continue
        need = display_units(text) + 2
        if kind == "code":
            need = max(10.0, need)
        widths[p.col] = max(widths[p.col], need)
    for p in spanned:
        have = sum(widths[p.col : p.col + p.colspan])
        need = display_units(p.cell.text) + 2
        if have < need:
            widths[p.col + p.colspan - 1] += need - have
    return widths


def page_setup(ws: Worksheet, landscape: bool) -> None:
    """A4, fitted to one page wide, as long as it needs to be, page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def write_disclosure(ws: Worksheet, table: TableView) -> None:
    """公开01–09: title, label, 部门/单位, header + 栏次 (repeated when printed), body, notes."""
    grid = grid_of(table)
    sheet = SheetWriter(ws, column_widths(table, grid))
    n = sheet.ncols
    sheet.banner(1, table.title, size=14, bold=True, horizontal="center")
    if table.label:
        sheet.banner(2, table.label, horizontal="right")
    department = "" if table.department is None else f"部门：{table.department}"
    unit = f"单位：{table.unit}" if table.unit else ""
    if n >= 3:
        if department:
            sheet.banner(3, department, last=n - 2)
        if unit:
            sheet.banner(3, unit, horizontal="right", first=n - 1)
    elif n == 2:
        if department:
            sheet.banner(3, department, last=1)
        if unit:
            sheet.banner(3, unit, horizontal="right", first=2)
    else:
        sheet.banner(3, f"{department}　{unit}".strip())
    top = 4
    sheet.grid(grid, top, money=True)
    head = grid.heights[0] + grid.heights[1]
    body_top = top + head
    if head:
        ws.print_title_rows = f"{top}:{body_top - 1}"
        ws.freeze_panes = ws.cell(body_top, 1).coordinate
    row = top + grid.nrows
    for note in table.notes:
        sheet.banner(row, note)
        row += 1
    if table.statement:
        sheet.banner(row, table.statement)
    sheet.finish()
    page_setup(ws, table.landscape or n > 8)


def write_form(
    ws: Worksheet, table: TableView, title: str, context: str, repeat_header: bool = True
) -> None:
    """An attachment form: its title, where it comes from, then the grid.

    A table block inside the text is short: its header is not repeated on printed
    pages (which also keeps it apart from the disclosure tables ``diff`` reads)."""
    grid = grid_of(table)
    sheet = SheetWriter(ws, column_widths(table, grid))
    sheet.banner(1, title, size=14, bold=True, horizontal="center")
    row = 2
    if context:
        sheet.banner(row, context)
        row += 1
    sheet.grid(grid, row, money=False)
    head = grid.heights[0] + grid.heights[1]
    if head and repeat_header:
        ws.print_title_rows = f"{row}:{row + head - 1}"
    sheet.finish()
    page_setup(ws, table.landscape or sheet.ncols > 8)


# --- names -----------------------------------------------------------------------------------


def sheet_name(raw: str, used: set[str]) -> str:
    """A name Excel accepts: no []:*?/\\, no edge apostrophes, ≤31 chars, unique (any case)."""
    name = SHEET_FORBIDDEN.sub("", raw)
    name = re.sub(r"\s+", " ", name).strip().strip("'").strip() or "表"
    name = name[:SHEET_NAME_MAX].rstrip().rstrip("'")
    candidate, n = name, 1
    while candidate.casefold() in used or candidate.casefold() == "history":
        n += 1
        suffix = f"({n})"
        candidate = name[: SHEET_NAME_MAX - len(suffix)].rstrip().rstrip("'") + suffix
    used.add(candidate.casefold())
    return candidate


@dataclass
class FormSheet:
    name: str
    title: str
    context: str
    table: TableView


def attachment_forms(doc: DocumentView) -> list[FormSheet]:
    """Every attachment table with a sheet name a reader can find it by.

    Project and target forms are named by their project ("自评表1 扶贫合作交流").
    A 评分表/指标表 belongs to the 部门整体 attachment when that attachment holds
    the 部门整体自评表; otherwise to the report it sits in: the project named in
    the report's "项目名称：" line, else the report's heading.
    """
    counts: Counter[str] = Counter()
    out: list[FormSheet] = []
    for att in [*doc.bodies.values(), *doc.attachments]:
        tables = [b.table for b in att.blocks if b.table is not None]
        whole = any(t.id == DEPARTMENT_TABLE for t in tables)
        levels = [b.level for b in att.blocks if b.kind == "heading"]
        top = min(levels, default=None)
        subject = report = heading = ""
        fresh = False
        for block in att.blocks:
            if block.kind == "heading":
                heading = block.text
                if block.level == top:
                    subject = report = block.text
                    fresh = True
                    continue
            elif block.kind == "paragraphs" and fresh and block.paragraphs:
                first = block.paragraphs[0]
                if first.startswith("项目名称："):
                    subject = first.removeprefix("项目名称：").strip() or subject
            fresh = False
            if block.table is None:
                continue
            table = block.table
            kind, _, own = table.id.partition("/")
            context = f"附件{att.number}　{att.title}" if att.number else att.title
            if table.id == DEPARTMENT_TABLE:
                raw = DEPARTMENT_TABLE
            elif own:
                counts[kind] += 1
                short = "目标表" if kind == "绩效目标表" else kind
                raw = f"{short}{counts[kind]} {own}"
            elif kind in ("评分表", "指标表") and whole:
                raw = f"部门整体{kind}"
            elif kind in ("评分表", "指标表", "表格"):
                counts[kind] += 1
                raw = f"{kind}{counts[kind]} {subject}".strip()
                if report:
                    context += f"　{report}"
            else:
                raw = table.id or table.title
            title = table.title or heading or raw
            if kind == "表格" and table.unit:
                context += f"　单位：{table.unit}"
            out.append(FormSheet(raw, title, context, table))
    return out


def narrative_forms(doc: DocumentView) -> list[FormSheet]:
    """The tables printed inside 情况说明 sections, named by their section."""
    out: list[FormSheet] = []

    def walk(sections: list[Section]) -> None:
        for section in sections:
            for table in section.tables:
                name = f"表{len(out) + 1} {table.title or section.title}"
                context = section.title + (f"　单位：{table.unit}" if table.unit else "")
                out.append(FormSheet(name, table.title or section.title, context, table))
            walk(section.subsections)

    walk(doc.narrative)
    return out


def write_xlsx(doc: DocumentView, target: Path) -> None:
    """The nine 公开 tables, then every attachment form, one sheet each."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = without_controls(doc.title)
    wb.properties.creator = "gen-report"
    used: set[str] = set()
    for _, table in doc.tables:
        label = (table.label or "").replace("表", "").strip()
        ws = wb.create_sheet(sheet_name(label or table.title, used))
        write_disclosure(ws, table)
    for form in narrative_forms(doc):
        write_form(
            wb.create_sheet(sheet_name(form.name, used)),
            form.table,
            form.title,
            form.context,
            repeat_header=False,
        )
    for form in attachment_forms(doc):
        ws = wb.create_sheet(sheet_name(form.name, used))
        inline = form.table.id.partition("/")[0] == "表格"
        write_form(ws, form.table, form.title, form.context, repeat_header=not inline)
    if not wb.worksheets:
        put_text(wb.create_sheet(sheet_name(doc.title, used))["A1"], doc.title)
    reproducible.save(wb, target, build_time(doc.computed.report.year))


__all__ = ["write_xlsx"]

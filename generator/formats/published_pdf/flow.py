"""Reading order: pages top to bottom, text lines outside tables, and each grid attached to
the table it belongs to — by its title above, or as the continuation of the table left
open on the previous page (our PDFs repeat the header rows there, some layouts' do not).

A table is found by its title ("…决算表", "…预算表") and code label ("公开03表") above
the grid, whatever page it starts on.  Running heads and page numbers are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from generator.document.figures import TableFigures
from generator.formats.published_pdf.grid import Grid, grids_of
from generator.formats.published_pdf.grid_figures import Columns, Labels, grid_figures
from generator.formats.published_pdf.lines import Line, text_lines
from generator.formats.published_pdf.page import Page

TABLE_TITLE = re.compile(r"(决算|预算)(总)?表$")  # a budget's tables are read too: they tell it
TABLE_LABEL = re.compile(r"公开(\d{1,2})表")
CONTINUED = re.compile(r"续表|[（(]续[）)]|^(单位|金额单位)[:：]|^公开\d{1,2}表$")
NOT_TITLE = re.compile(r"^(单位|部门|金额单位|编制单位)[:：]|^公开\d{1,2}表$")

PAGE_NUMBER = re.compile(r"^[-—–－―]*(第)?\d{1,4}(页|/\d+)?[-—–－―]*$")

TITLE_REACH = 6  # lines above a grid searched for its title

# --- reading order: tables and flow text ---------------------------------------------------


@dataclass
class TableRead:
    """A table being read across pages."""

    name: str
    title: str
    figures: TableFigures
    columns: Columns | None = None
    labels: Labels = field(default_factory=lambda: Labels())

    def add(self, grid: Grid, notes: list[str]) -> None:
        where = f"第{grid.page}页 {self.name}"
        figures, self.columns = grid_figures(grid, self.columns, self.labels, notes, where)
        for (row, column), value in figures.cells.items():
            self.figures.put(row, column, value)
        self.figures.names.update(figures.names)
        if grid.page not in self.figures.pages:
            self.figures.pages.append(grid.page)


def find_title(lines: list[Line]) -> tuple[str | None, str | None]:
    """The title and code label printed above a grid, nearest first.

    Only the few lines just above count (title, label, 部门/单位): a contents page or a
    paragraph further up names tables too.  Returns (title, label); (None, None) when
    nothing there looks like a table title — then the grid continues the previous table."""
    label = None
    for line in reversed(lines[-TITLE_REACH:]):
        key = line.key
        found = TABLE_LABEL.search(key)
        if found and label is None:
            label = f"公开{int(found.group(1)):02d}"
        if NOT_TITLE.search(key) or not key:
            continue
        title = re.sub(r"[（(]续[）)]$|^续表", "", TABLE_LABEL.sub("", key))
        if title.endswith("表"):
            return title, label
    return None, label


def _furniture_key(line: Line) -> str:
    return re.sub(r"\d+", "#", line.key)


def running_texts(pages: list[tuple[Page, list[Line]]]) -> set[str]:
    """Texts printed in the top or bottom margin of at least three pages (running heads)."""
    counts: Counter[str] = Counter()
    for page, lines in pages:
        seen = {_furniture_key(ln) for ln in lines if _in_margin(ln, page)}
        counts.update(seen)
    return {text for text, n in counts.items() if n >= 3 and text}


def _in_margin(line: Line, page: Page) -> bool:
    return line.bottom > page.height * 0.88 or line.top < page.height * 0.08


def is_furniture(line: Line, page: Page, running: set[str]) -> bool:
    """Page numbers ("— 12 —", "3", "第3页") and running heads or feet."""
    if not _in_margin(line, page):
        return False
    return bool(PAGE_NUMBER.match(line.key)) or _furniture_key(line) in running


@dataclass
class Flow:
    """The document's text outside tables, in reading order, and the tables read."""

    lines: list[Line]
    tables: dict[str, TableRead]
    pages: dict[int, Page]


def read_flow(pages: list[Page], notes: list[str]) -> Flow:
    """Walk pages top to bottom: text lines, and grids attached to the table they belong to."""
    laid: list[tuple[Page, list[Grid], list[Line]]] = []
    for page in pages:
        grids, outside = grids_of(page)
        laid.append((page, grids, text_lines(outside, page.number)))
    running = running_texts([(page, lines) for page, _, lines in laid])
    flow = Flow([], {}, {page.number: page for page in pages})
    current: TableRead | None = None
    pending: list[Line] = []  # text since the last grid: a title may end the previous page
    for page, grids, lines in laid:
        text = [ln for ln in lines if not is_furniture(ln, page, running)]
        items: list[Line | Grid] = sorted([*text, *grids], key=lambda item: item.top)
        for item in items:
            if isinstance(item, Line):
                flow.lines.append(item)
                pending.append(item)
                if not CONTINUED.search(item.key):
                    current = None  # text after a table ends it
                continue
            current = _place_grid(item, pending, current, flow.tables, notes)
            pending = []
    return flow


def _place_grid(
    grid: Grid,
    above: list[Line],
    current: TableRead | None,
    tables: dict[str, TableRead],
    notes: list[str],
) -> TableRead | None:
    """Attach a grid to its table: a titled one starts (or resumes) it, an untitled one
    continues the table left open on the previous page; other tables are skipped."""
    title, label = find_title(above)
    if title is None and label is None:
        if current is not None:
            current.add(grid, notes)
        return current
    if title is None and label in tables:
        table = tables[label]  # the code label repeated above a continuation page
    elif not (title and TABLE_TITLE.search(title)):
        return (
            None  # an attachment's table (自评表, 评分表…), or a label alone: not one of the nine
        )
    else:
        name = label or title
        table = tables.get(name)
        if table is None:
            table = tables[name] = TableRead(name, title, TableFigures(name, title))
    table.add(grid, notes)
    return table

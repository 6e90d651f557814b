"""Ruled table regions of a page: grid lines from the rules, cells where no rule separates.

Tables are read from their ruling lines, never from text columns: in published
PDFs a figure sits anywhere inside its cell (top-aligned beside a centred name, a
name wrapped onto two lines), and only the rules say which row and column it
belongs to.  Cells that no rule separates are one cell, exactly as printed.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from generator.formats.published_pdf.lines import cell_text, text_lines
from generator.formats.published_pdf.page import Glyph, Page, Rule

NUMBERS_RUN = re.compile(r"^[-−]?[\d,.]+$")
NUMBER_TOKEN = re.compile(r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?|[^\d]+")

SNAP = 3.0  # rules closer than this are one grid line (double rules, line widths)
REACH = 2.0  # how far a rule may fall short of a crossing and still close a cell

# --- ruled grids ---------------------------------------------------------------------------


@dataclass
class Cell:
    """A printed cell: grid slots r0..r1 × c0..c1 that no rule separates."""

    r0: int
    r1: int
    c0: int
    c1: int
    glyphs: list[Glyph] = field(default_factory=list)
    text: str = ""


@dataclass
class Grid:
    """One ruled table region on one page."""

    page: int
    xs: list[float]
    ys: list[float]
    cells: list[Cell]
    slots: list[list[Cell]]  # [row band][column] → the cell covering it

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    @property
    def ncols(self) -> int:
        return len(self.xs) - 1

    @property
    def nrows(self) -> int:
        return len(self.ys) - 1

    def band(self, r: int) -> list[Cell]:
        """The distinct cells covering row band ``r``, left to right."""
        seen: list[Cell] = []
        for cell in self.slots[r]:
            if not seen or seen[-1] is not cell:
                seen.append(cell)
        return seen

    def centres(self) -> list[float]:
        return [(a + b) / 2 for a, b in zip(self.xs, self.xs[1:], strict=False)]


def _merge_rules(rules: list[Rule]) -> list[Rule]:
    """Collinear pieces (one per cell edge, or both edges of a thin rectangle) become one rule."""
    out: list[Rule] = []
    for horizontal in (True, False):
        group = sorted((r for r in rules if r.horizontal is horizontal), key=lambda r: r.at)
        rows: list[list[Rule]] = []
        for rule in group:
            if rows and rule.at - rows[-1][0].at <= SNAP / 2:
                rows[-1].append(rule)
            else:
                rows.append([rule])
        for row in rows:
            at = statistics.fmean(r.at for r in row)
            spans = sorted((r.start, r.end) for r in row)
            start, end = spans[0]
            for s, e in spans[1:]:
                if s <= end + REACH:
                    end = max(end, e)
                else:
                    out.append(Rule(horizontal, at, start, end))
                    start, end = s, e
            out.append(Rule(horizontal, at, start, end))
    return out


def _crosses(h: Rule, v: Rule) -> bool:
    return h.start - REACH <= v.at <= h.end + REACH and v.start - REACH <= h.at <= v.end + REACH


def _regions(rules: list[Rule]) -> list[list[Rule]]:
    """Connected sets of crossing rules: each is one table (or a page frame)."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, r in enumerate(rules) if r.horizontal]
    vs = [i for i, r in enumerate(rules) if not r.horizontal]
    for i in hs:
        for j in vs:
            if _crosses(rules[i], rules[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(find(i), []).append(rule)
    return [g for g in groups.values() if _is_table(g)]


def _is_table(rules: list[Rule]) -> bool:
    hs = {round(r.at) for r in rules if r.horizontal}
    vs = {round(r.at) for r in rules if not r.horizontal}
    return len(hs) >= 2 and len(vs) >= 2


def _snap(values: Iterable[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= SNAP:
            continue
        out.append(v)
    return out


def _covers(rules: list[Rule], at: float, lo: float, hi: float) -> bool:
    """Whether some rule at ``at`` passes the middle of [lo, hi] (a border between slots)."""
    mid = (lo + hi) / 2
    return any(abs(r.at - at) <= SNAP and r.start - REACH <= mid <= r.end + REACH for r in rules)


def build_grid(rules: list[Rule], page: int) -> Grid:
    """Grid lines from the rules, then slots joined wherever no rule separates them."""
    hs = [r for r in rules if r.horizontal]
    vs = [r for r in rules if not r.horizontal]
    xs = _snap([r.at for r in vs] + [min(r.start for r in hs), max(r.end for r in hs)])
    ys = _snap([r.at for r in hs] + [min(r.start for r in vs), max(r.end for r in vs)])
    nrows, ncols = len(ys) - 1, len(xs) - 1
    parent = list(range(nrows * ncols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nrows):
        for c in range(ncols):
            here = r * ncols + c
            if c + 1 < ncols and not _covers(vs, xs[c + 1], ys[r], ys[r + 1]):
                parent[find(here)] = find(here + 1)
            if r + 1 < nrows and not _covers(hs, ys[r + 1], xs[c], xs[c + 1]):
                parent[find(here)] = find(here + ncols)
    cells: dict[int, Cell] = {}
    slots: list[list[Cell]] = [[] for _ in range(nrows)]
    for r in range(nrows):
        for c in range(ncols):
            root = find(r * ncols + c)
            cell = cells.get(root)
            if cell is None:
                cell = cells[root] = Cell(r, r, c, c)
            cell.r0, cell.r1 = min(cell.r0, r), max(cell.r1, r)
            cell.c0, cell.c1 = min(cell.c0, c), max(cell.c1, c)
            slots[r].append(cell)
    return Grid(page, xs, ys, list(cells.values()), slots)


def grids_of(page: Page) -> tuple[list[Grid], list[Glyph]]:
    """The page's ruled tables with their cell texts, and the glyphs outside every table."""
    grids = [build_grid(region, page.number) for region in _regions(_merge_rules(page.rules))]
    grids = [g for g in grids if g.nrows >= 1 and g.ncols >= 2]
    grids.sort(key=lambda g: g.top)
    inside: dict[int, list[Glyph]] = {id(g): [] for g in grids}
    outside: list[Glyph] = []
    for glyph in page.glyphs:
        grid = next((g for g in grids if _inside(g, glyph)), None)
        if grid is None:
            outside.append(glyph)
        else:
            inside[id(grid)].append(glyph)
    for grid in grids:
        for run in _runs(inside[id(grid)]):
            for piece, cell in _settle(grid, run):
                cell.glyphs += piece
        for cell in grid.cells:
            cell.text = cell_text(cell.glyphs)
    return grids, outside


def _runs(glyphs: list[Glyph]) -> Iterator[list[Glyph]]:
    """Touching glyphs of one printed line: a word, a name, a number."""
    for line in text_lines(glyphs, 0):
        run: list[Glyph] = []
        for g in line.glyphs:
            if run and g.x0 - run[-1].x1 > g.size * 0.3:
                yield run
                run = []
            run.append(g)
        if run:
            yield run


def _slot(grid: Grid, glyph: Glyph) -> Cell:
    r = min(max(bisect_right(grid.ys, glyph.cy) - 1, 0), grid.nrows - 1)
    c = min(max(bisect_right(grid.xs, glyph.cx) - 1, 0), grid.ncols - 1)
    return grid.slots[r][c]


def _settle(grid: Grid, run: list[Glyph]) -> Iterator[tuple[list[Glyph], Cell]]:
    """Which cell each glyph of a run belongs to.

    A figure wider than its column runs over the rule into the next cell, even
    onto the next figure ("364,062.40364,062.40"): a run of figures crossing a
    rule is cut into numbers, and each number goes where most of it is printed."""
    cells = [_slot(grid, g) for g in run]
    if all(c is cells[0] for c in cells):
        yield run, cells[0]
        return
    text = "".join(g.char for g in run)
    if not NUMBERS_RUN.match(text):
        for g, c in zip(run, cells, strict=True):
            yield [g], c
        return
    for token in NUMBER_TOKEN.finditer(text):
        piece = run[token.start() : token.end()]
        votes = Counter(id(c) for c in cells[token.start() : token.end()])
        best = max(cells[token.start() : token.end()], key=lambda c: votes[id(c)])
        yield piece, best


def _inside(grid: Grid, glyph: Glyph) -> bool:
    return grid.xs[0] <= glyph.cx <= grid.xs[-1] and grid.ys[0] <= glyph.cy <= grid.ys[-1]

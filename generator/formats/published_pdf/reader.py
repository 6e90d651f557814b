"""Read a published 部门决算 PDF — ours or anyone's — back into figures and text.

Why it works the way it does:

- Text and ruling lines come from PDFium (``pypdfium2``): it gives every
  glyph with its box and every drawn path, about eight times faster than the
  pdfminer-based readers, so a 160-page report reads in a few seconds.
- Tables are read from their ruling lines, never from text columns: in
  published PDFs a figure sits anywhere inside its cell (top-aligned beside a
  centred name, a name wrapped onto two lines), and only the rules say which
  row and column it belongs to.  Cells that no rule separates are one cell,
  exactly as the printed grid shows them.
- A table is found by its title ("…决算表", "…决算总表") and code label
  ("公开03表") above the grid, whatever page it starts on; a grid with no title
  of its own at the top of the next page continues the table (our PDFs repeat
  the header rows there, some layouts' do not — both are handled).
- Each page's grid becomes a ``TableView`` and is keyed by the very function
  that keys our own documents (``figures.table_figures``), so a published
  figure and a generated one meet under the same (table, row, column) key.
- Nothing here knows a profile: header paths, codes (also 类/款/项 printed in
  three columns) and labels are read as printed.

``read_pdf`` returns the figures and a list of Chinese notes on what could
not be read; it raises ``UserError`` only when the file is not a readable PDF.
"""

from __future__ import annotations

import ctypes
import re
import statistics
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from generator.diff.figures import (
    DocumentFigures,
    TableFigures,
    clean,
    header_paths,
    place,
    table_figures,
)
from generator.document.tables import TableView, ViewCell
from generator.errors import Location, UserError

# --- what printed text means ---------------------------------------------------------------

CN_NUM = "一二三四五六七八九十"
AMOUNT = re.compile(r"^[-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
DECIMAL_AMOUNT = re.compile(r"^[-−(（]?[\d,]*\d\.\d+[)）]?$")
NUMBERS_RUN = re.compile(r"^[-−]?[\d,.]+$")
NUMBER_TOKEN = re.compile(r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?|[^\d]+")
DASHES = {"-", "—", "－", "–", "--", "——", "―"}
CODE = re.compile(r"^\d{2,7}$")
SPLIT_CODE_HEADERS = {"类", "款", "项"}
TABLE_TITLE = re.compile(r"决算(总)?表$")
TABLE_LABEL = re.compile(r"公开(\d{1,2})表")
CONTINUED = re.compile(r"续表|[（(]续[）)]|^(单位|金额单位)[:：]|^公开\d{1,2}表$")
NOT_TITLE = re.compile(r"^(单位|部门|金额单位|编制单位)[:：]|^公开\d{1,2}表$")
ENUMERATED = re.compile(rf"^[{CN_NUM}]+、")
TOTAL_LABEL = re.compile(r"^(合计|总计)$")
PAGE_NUMBER = re.compile(r"^[-—–－―]*(第)?\d{1,4}(页|/\d+)?[-—–－―]*$")
LEADERS = re.compile(r"(\.{4,}|…{2,}|·{4,})")
HEADING_NUMBER = re.compile(rf"^(（[{CN_NUM}]+）|[{CN_NUM}]+、|\d+[.．、](?!\d)|（\d+）|\(\d+\))")
PART_PREFIX = rf"^(第[{CN_NUM}]+部分|[{CN_NUM}]+、)"
PARTS: list[tuple[str, re.Pattern[str]]] = [
    ("overview", re.compile(PART_PREFIX + r".{0,60}概况$")),
    ("tables", re.compile(PART_PREFIX + r".{0,60}部门决算表$")),
    ("narrative", re.compile(PART_PREFIX + r".{0,60}部门决算情况说明$")),
    ("glossary", re.compile(rf"^(第[{CN_NUM}]+部分|[{CN_NUM}]+、)?名词解释$")),
    ("attachments", re.compile(rf"^(第[{CN_NUM}]+部分)?附件[:：]?$")),
    ("other", re.compile(rf"^第[{CN_NUM}]+部分")),
]
GLOSSARY_ENTRY = re.compile(rf"^(（[{CN_NUM}]+）|[{CN_NUM}]+、|\d+[.．、]|（\d+）)(.+?)[:：](.*)$")
YEAR = re.compile(r"(20\d\d)年度")

SKIPPED = {0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF, 0xFFFE, 0xFFFF}
SKIPPED |= set(range(0x2000, 0x200C))  # every other kind of space

# --- geometry tolerances (PDF points) ------------------------------------------------------

TITLE_REACH = 6  # lines above a grid searched for its title
THIN = 2.5  # a filled or stroked path this thin is a ruling line
SNAP = 3.0  # rules closer than this are one grid line (double rules, line widths)
REACH = 2.0  # how far a rule may fall short of a crossing and still close a cell


# --- the page as geometry ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Glyph:
    """One printed character, top-down coordinates (y grows down the page)."""

    char: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def size(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling line: ``at`` is y for horizontal rules, x for vertical ones."""

    horizontal: bool
    at: float
    start: float
    end: float


@dataclass
class Page:
    number: int
    width: float
    height: float
    glyphs: list[Glyph]
    rules: list[Rule]
    images: int = 0  # counted only on pages without text: a scanned page


def load_pages(path: Path) -> list[Page]:
    """Every page's glyphs and ruling lines; a broken file is the user's problem, said once."""
    try:
        doc = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise UserError(f"无法打开 PDF：{exc}", Location(str(path))) from None
    pages: list[Page] = []
    try:
        for index in range(len(doc)):
            page = doc[index]
            width, height = page.get_size()
            shown = Shown.of(page.get_rotation(), width, height)
            textpage = page.get_textpage()
            glyphs = _glyphs(textpage, shown)
            rules = _rules(page, shown)
            images = 0 if glyphs else _images(page)
            textpage.close()
            page.close()
            pages.append(Page(index + 1, width, height, glyphs, rules, images))
    finally:
        doc.close()
    return pages


@dataclass(frozen=True)
class Shown:
    """PDF page space (y up, before /Rotate) → the page as displayed, y down.

    Landscape tables are often stored on a portrait page turned by /Rotate;
    reading them as displayed keeps rows horizontal."""

    rotation: int
    width: float  # unrotated page size
    height: float

    @classmethod
    def of(cls, rotation: int, shown_width: float, shown_height: float) -> Shown:
        if rotation in (90, 270):
            return cls(rotation, shown_height, shown_width)
        return cls(rotation, shown_width, shown_height)

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return self.width - x, y
        if self.rotation == 270:
            return self.height - y, self.width - x
        return x, self.height - y

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, ...]:
        """(x0, top, x1, bottom) as displayed."""
        xa, ya = self.point(left, bottom)
        xb, yb = self.point(right, top)
        return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)


def _glyphs(textpage: pdfium.PdfTextPage, shown: Shown) -> list[Glyph]:
    """Printed characters, spaces dropped: x from the advance box, y from the baseline and
    the font's em size.  Loose boxes alone are unreliable vertically (some embedded fonts
    report a 4-point-high comma or a 22-point-high digit), the baseline never is."""
    handle = textpage.raw
    rect = pdfium_c.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    unicode, generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    loose, origin = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetCharOrigin
    address = ctypes.cast(handle, ctypes.c_void_p).value
    upright, height = shown.rotation == 0, shown.height
    fonts: dict[int, tuple[bool, float]] = {}
    out: list[Glyph] = []
    for i in range(pdfium_c.FPDFText_CountChars(handle)):
        code = unicode(handle, i)
        if code <= 32 or code in SKIPPED or 0xD800 <= code <= 0xDFFF or generated(handle, i):
            continue
        loose(handle, i, rect)
        origin(handle, i, x, y)
        key = _text_object(address, i) or 0
        font = fonts.get(key)
        if font is None:
            font = fonts[key] = _font(handle, i, key)
        bold, em = font
        if em <= 0:
            em = rect.top - rect.bottom
        if upright:
            x0, x1, base = rect.left, rect.right, height - y.value
        else:
            x0, _, x1, _ = shown.box(rect.left, rect.bottom, rect.right, rect.top)
            base = shown.point(x.value, y.value)[1]
        out.append(Glyph(chr(code), x0, x1, base - 0.85 * em, base + 0.15 * em, bold))
    return out


# FPDFText_GetTextObject giving a plain address: glyphs are grouped by their text object
# (one font, one size) without a ctypes cast per glyph, which cost a third of the read.
_text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value
)


def _font(handle: pdfium_c.FPDF_TEXTPAGE, i: int, address: int) -> tuple[bool, float]:
    """Whether a text object is bold (by name, or drawn fill+stroke) and its em size on the page."""
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(handle, i, name, len(name), flags)
    obj = ctypes.cast(address, pdfium_c.FPDF_PAGEOBJECT) if address else None
    fake = obj is not None and (
        pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == pdfium_c.FPDF_TEXTRENDERMODE_FILL_STROKE
    )
    bold = fake or bool(re.search(r"bold|hei|black|heavy", name.value.decode("latin-1"), re.I))
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(handle, i, matrix)
    scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    return bold, pdfium_c.FPDFText_GetFontSize(handle, i) * scale


def _images(page: pdfium.PdfPage) -> int:
    return sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4))


def _rules(page: pdfium.PdfPage, shown: Shown) -> list[Rule]:
    """Ruling lines: stroked lines, thin filled rectangles, and the edges of stroked boxes."""
    out: list[Rule] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4):
        left, y_top, right, y_bottom = shown.box(*obj.get_bounds())
        width, tall = right - left, y_bottom - y_top
        if tall <= THIN and width > tall:
            out.append(Rule(True, (y_top + y_bottom) / 2, left, right))
        elif width <= THIN and tall > width:
            out.append(Rule(False, (left + right) / 2, y_top, y_bottom))
        else:
            pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
            if stroke.value:  # a stroked box (a cell's frame); filled boxes are shading
                out += [
                    Rule(True, y_top, left, right),
                    Rule(True, y_bottom, left, right),
                    Rule(False, left, y_top, y_bottom),
                    Rule(False, right, y_top, y_bottom),
                ]
    return out


# --- text lines ----------------------------------------------------------------------------


@dataclass
class Line:
    """Glyphs sharing a band across the page, left to right (never changed once made)."""

    glyphs: list[Glyph]
    page: int

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1

    @cached_property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @cached_property
    def bottom(self) -> float:
        return max(g.bottom for g in self.glyphs)

    @cached_property
    def size(self) -> float:
        return statistics.median(g.size for g in self.glyphs)

    @cached_property
    def bold(self) -> bool:
        return sum(g.bold for g in self.glyphs) * 2 > len(self.glyphs)

    @cached_property
    def text(self) -> str:
        """Characters in order; a gap wider than a character becomes one space."""
        parts: list[str] = []
        previous: Glyph | None = None
        for g in self.glyphs:
            if previous is not None and g.x0 - previous.x1 > max(g.size, previous.size) * 1.2:
                parts.append(" ")
            parts.append(g.char)
            previous = g
        return "".join(parts)

    @cached_property
    def key(self) -> str:
        return clean(self.text)


def text_lines(glyphs: Iterable[Glyph], page: int) -> list[Line]:
    """Group glyphs into lines by their vertical centre; a line's glyphs sorted left to right."""
    ordered = sorted(glyphs, key=lambda g: g.cy)
    lines: list[list[Glyph]] = []
    centre = 0.0
    for g in ordered:
        if lines and abs(g.cy - centre) <= g.size * 0.45:
            lines[-1].append(g)
            centre += (g.cy - centre) / len(lines[-1])
        else:
            lines.append([g])
            centre = g.cy
    return [Line(sorted(chunk, key=lambda g: g.x0), page) for chunk in lines]


def cell_text(glyphs: list[Glyph]) -> str:
    """A cell's text: its lines in order, joined without a break (names wrap inside cells)."""
    if not glyphs:
        return ""
    return "".join(line.text for line in text_lines(glyphs, 0))


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


# --- grids → keyed figures -----------------------------------------------------------------


def parse_amount(text: str) -> Decimal | None:
    """A printed amount: "1,234.56", "0.00", "-" (zero), "(1.00)" (negative); blank → None.
    Anything else raises ValueError (the caller says which cell)."""
    t = clean(text).replace("−", "-").replace("，", ",")
    if not t:
        return None
    if t in DASHES:
        return Decimal("0")
    negative = t[0] in "(（" and t[-1] in ")）"
    if negative:
        t = t[1:-1]
    if not AMOUNT.match(t):
        raise ValueError(text)
    try:
        value = Decimal(t.replace(",", ""))
    except InvalidOperation:
        raise ValueError(text) from None
    return -value if negative else value


def _is_numbers_row(texts: list[str]) -> bool:
    """The 栏次 row: "栏次", blanks and small column numbers only."""
    numbers = [t for t in texts if t]
    return bool(numbers) and all(t == "栏次" or (t.isdigit() and len(t) <= 2) for t in numbers)


def _has_figure(texts: list[str]) -> bool:
    return any(DECIMAL_AMOUNT.match(t) or (t.isdigit() and len(t) >= 3) for t in texts)


def _is_row_label(text: str) -> bool:
    return bool(TOTAL_LABEL.match(text) or ENUMERATED.match(text))


def _only_row_labels(texts: list[str]) -> bool:
    """A band of row labels (合计, “一、…”) and nothing a header would say besides."""
    words = [t for t in texts if t and t not in SPLIT_CODE_HEADERS and t not in DASHES]
    return bool(words) and all(_is_row_label(t) for t in words)


@dataclass(frozen=True)
class Split:
    """Row bands [0, header) are the header, [body, …) the figures.  They overlap by a band
    where a template prints the 合计 row label beside the last header line."""

    header: int
    body: int


def split_bands(grid: Grid) -> Split:
    """Header and body bands: below the 栏次 row where there is one, else from the first band
    that is blank, holds an amount or a code, or holds only row labels (合计, “一、…”; a
    header may say 合计 too, but among other headings: 项目 / 决算数 / 合计)."""
    own = [[clean(c.text) for c in grid.band(r) if c.r0 == r] for r in range(grid.nrows)]
    for r, texts in enumerate(own):
        if _is_numbers_row(texts):
            return Split(r + 1, r + 1)
        if _has_figure(texts):
            break
    for r, texts in enumerate(own):
        blank = not any(c.text for c in grid.band(r))
        if blank or _has_figure(texts) or _only_row_labels(texts):
            return Split(r, r)
        if r and _labels_row(grid, r):
            return Split(r + 1, r)
    return Split(grid.nrows, grid.nrows)


def _labels_row(grid: Grid, r: int) -> bool:
    """Band ``r`` starts with a row label (合计) in a column headed 项目/编码/名称 above it."""
    first = grid.slots[r][0]
    if first.r0 != r or not _is_row_label(clean(first.text)):
        return False
    above = header_columns(grid, r)
    return above.roles[0] in ("label", "code")


def column_role(path: str) -> str:
    """What a column holds, from its printed header: code, label, no (行次) or amount."""
    last = path.rsplit("/", 1)[-1]
    if "行次" in path or last == "栏次":
        return "no"
    if "编码" in path or last in SPLIT_CODE_HEADERS:
        return "code"
    if last in ("项目", "科目", "序号") or "名称" in last:
        return "label"
    return "amount"


@dataclass
class Columns:
    """A table's column keys and roles, with the x centres they were read at."""

    paths: list[str]
    roles: list[str]
    centres: list[float]
    words: set[str] = field(default_factory=set)  # every header text, to know a repeated header

    def project(self, centres: list[float]) -> Columns:
        """The same columns on a page whose grid lines differ: nearest centre wins."""
        picks = [_nearest(self.centres, x) for x in centres]
        return Columns(
            [self.paths[i] for i in picks], [self.roles[i] for i in picks], centres, self.words
        )


def _nearest(values: list[float], x: float) -> int:
    return min(range(len(values)), key=lambda i: abs(values[i] - x))


def header_columns(grid: Grid, header: int) -> Columns:
    """Header paths of each grid column, as ``figures.header_paths`` builds them for our views
    (the 栏次 row is not a heading: it is left out, and spans across it shortened)."""
    kept = [r for r in range(header) if not _is_numbers_row([clean(c.text) for c in grid.band(r)])]
    rows: list[list[ViewCell]] = []
    for r in kept:
        cells = [c for c in grid.band(r) if c.r0 == r or (not rows and c.r0 < r)]
        rows.append(
            [
                ViewCell(
                    c.text, kind="header", colspan=c.c1 - c.c0 + 1, rowspan=_rowspan(c, r, kept)
                )
                for c in cells
            ]
        )
    view = TableView("", "", None, "", "", rows, [], [], [1.0] * grid.ncols)
    paths = header_paths(view, grid.ncols) if rows else [""] * grid.ncols
    words = {clean(cell.text) for row in rows for cell in row} - {""}
    return Columns(paths, [column_role(p) for p in paths], grid.centres(), words)


def _repeats_header(grid: Grid, split: Split, reference: Columns) -> bool:
    """Whether a continuation page's top rows are the table's header printed again."""
    texts = {clean(c.text) for r in range(split.body) for c in grid.band(r)} - {""}
    return bool(texts) and len(texts & reference.words) * 2 >= len(texts)


def _rowspan(cell: Cell, r: int, kept: list[int]) -> int:
    """Header rows the cell covers from ``r`` on, counting only the rows kept."""
    return sum(1 for k in kept if r <= k <= cell.r1)


def body_roles(grid: Grid, start: int) -> list[str]:
    """Column roles read from the figures themselves, for a grid printed without a header."""
    roles: list[str] = []
    for c in range(grid.ncols):
        texts = [clean(grid.slots[r][c].text) for r in range(start, grid.nrows)]
        texts = [t for t in texts if t]
        if texts and all(CODE.match(t) for t in texts):
            roles.append("code")
        elif texts and all(AMOUNT.match(t) or t in DASHES for t in texts):
            roles.append("amount")
        else:
            roles.append("label")
    return roles


def body_rows(
    grid: Grid, split: Split, columns: Columns, notes: list[str], where: str
) -> list[list[ViewCell]]:
    """Body bands as view rows: split 类/款/项 codes joined, amounts parsed, blank bands dropped."""
    rows: list[list[ViewCell]] = []
    for r in range(split.body, grid.nrows):
        cells = [c for c in grid.band(r) if c.r0 == r or r == split.body]
        if not any(clean(c.text) for c in grid.band(r)):
            continue
        if r < split.header:  # the 合计 label beside header words: those are not figures
            cells = [_blank_header(c, columns) for c in cells]
        rows.append(_join_codes([_view_cell(c, r, columns, notes, where) for c in cells]))
    if not rows and split.header and split.body < grid.nrows:  # a table printed empty
        cells = [c for c in grid.band(split.body)]
        rows.append(_join_codes([_view_cell(c, split.body, columns, notes, where) for c in cells]))
    return rows


def _blank_header(cell: Cell, columns: Columns) -> Cell:
    if columns.roles[cell.c0] != "amount":
        return cell
    return Cell(cell.r0, cell.r1, cell.c0, cell.c1)


def _view_cell(cell: Cell, r: int, columns: Columns, notes: list[str], where: str) -> ViewCell:
    role = columns.roles[cell.c0]
    text = clean(cell.text)
    span = {"colspan": cell.c1 - cell.c0 + 1, "rowspan": cell.r1 - max(cell.r0, r) + 1}
    if role == "amount":
        if not text or DECIMAL_AMOUNT.match(text) or AMOUNT.match(text) or text in DASHES:
            try:
                return ViewCell(text, parse_amount(text), "amount", **span)
            except ValueError:
                pass
        if cell.c1 == cell.c0 or all(
            columns.roles[c] == "amount" for c in range(cell.c0, cell.c1 + 1)
        ):
            notes.append(f"{where}：“{cell.text}”不是金额，未读取")
            return ViewCell(text, None, "amount", **span)
        return ViewCell(text, kind="label", **span)  # a label spanning into figure columns
    if role == "code":
        if text in SPLIT_CODE_HEADERS:
            return ViewCell("", kind="code", **span)
        if not text or CODE.match(text):
            return ViewCell(text, kind="code", **span)
        return ViewCell(text, kind="label", **span)  # 合计 spanning the code and name columns
    if role == "no":
        return ViewCell(text, kind="no", **span)
    return ViewCell(text, kind="label", **span)


def _join_codes(cells: list[ViewCell]) -> list[ViewCell]:
    """类 / 款 / 项 printed in adjacent columns ("201" "06" "01") are one code: 2010601."""
    out: list[ViewCell] = []
    for cell in cells:
        previous = out[-1] if out else None
        if (
            previous is not None
            and cell.kind == "code"
            and previous.kind == "code"
            and previous.rowspan == cell.rowspan
        ):
            previous.text += cell.text
            previous.colspan += cell.colspan
            continue
        out.append(ViewCell(cell.text, cell.value, cell.kind, cell.colspan, cell.rowspan))
    return out


def grid_figures(
    grid: Grid, reference: Columns | None, labels: Labels, notes: list[str], where: str
) -> tuple[TableFigures, Columns]:
    """One page of a table as keyed figures, and the columns a continuation page reuses."""
    split = split_bands(grid)
    if split.header and reference is not None and not _repeats_header(grid, split, reference):
        split = Split(0, 0)  # the page goes straight on with rows that merely have no figure
    if split.header:
        columns = header_columns(grid, split.header)
        if not any(columns.paths):
            columns.roles = body_roles(grid, split.body)
    elif reference is not None:
        columns = reference.project(grid.centres())
    else:
        columns = Columns(
            [str(c + 1) for c in range(grid.ncols)], body_roles(grid, 0), grid.centres()
        )
        notes.append(f"{where}：表格没有表头，列名按位置编号")
    header = [[ViewCell(path or str(c + 1), kind="header") for c, path in enumerate(columns.paths)]]
    body = body_rows(grid, split, columns, notes, where)
    qualify_repeats(body, columns, labels)
    view = TableView("", "", None, "", "", header, [], body, [1.0] * grid.ncols)
    figures = table_figures(view)
    figures.names = code_names(body)
    return figures, columns


def code_names(body: list[list[ViewCell]]) -> dict[str, str]:
    """The 科目名称 printed beside each 科目编码 (one row may hold several code groups)."""
    names: dict[str, str] = {}
    for row in body:
        code = ""
        for cell in row:
            if cell.kind == "code":
                code = clean(cell.text)
            elif cell.kind == "label" and code and clean(cell.text):
                names[code] = clean(cell.text)
                code = ""
            elif cell.kind == "amount":
                code = ""
    return names


@dataclass
class Labels:
    """Row labels already seen in each label column of a table, and the last heading line."""

    seen: dict[str, set[str]] = field(default_factory=dict)
    anchor: dict[str, str] = field(default_factory=dict)


def qualify_repeats(body: list[list[ViewCell]], columns: Columns, labels: Labels) -> None:
    """A label printed twice in one column gets the line it falls under as a prefix.

    A 财政拨款收入支出决算总表 without 行次 prints "一、一般公共预算财政拨款" both as this
    year's income and under 年初财政拨款结转和结余; keyed alike, one would overwrite the
    other.  The second becomes "年初财政拨款结转和结余/一、一般公共预算财政拨款"."""
    grid = place(body)
    done: set[int] = set()
    for row in grid:
        for c, cell in enumerate(row):
            if cell is None or id(cell) in done or cell.kind != "label" or not clean(cell.text):
                continue
            done.add(id(cell))
            path = columns.paths[c] if c < len(columns.paths) else str(c)
            text = clean(cell.text)
            seen = labels.seen.setdefault(path, set())
            if text in seen and path in labels.anchor:
                cell.text = f"{labels.anchor[path]}/{text}"
            seen.add(text)
            if not ENUMERATED.match(text):
                labels.anchor[path] = text


# --- reading order: tables and flow text ---------------------------------------------------


@dataclass
class TableRead:
    """A table being read across pages."""

    name: str
    title: str
    figures: TableFigures
    columns: Columns | None = None
    labels: Labels = field(default_factory=lambda: Labels())
    pages: list[int] = field(default_factory=list)

    def add(self, grid: Grid, notes: list[str]) -> None:
        where = f"第{grid.page}页 {self.name}"
        figures, self.columns = grid_figures(grid, self.columns, self.labels, notes, where)
        for (row, column), value in figures.cells.items():
            self.figures.put(row, column, value)
        self.figures.names.update(figures.names)
        self.pages.append(grid.page)


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
    if label is None and not (title and TABLE_TITLE.search(title)):
        return None  # an attachment's table (自评表, 评分表…): not one of the nine
    name = label or title or ""
    table = tables.get(name)
    if table is None:
        table = tables[name] = TableRead(name, title or "", TableFigures(name, title or ""))
    table.add(grid, notes)
    return table


# --- flow text → paragraphs, parts, sections -----------------------------------------------


@dataclass
class Block:
    """A paragraph or heading as printed: lines joined across line and page breaks."""

    lines: list[Line]

    @property
    def text(self) -> str:
        return " ".join("".join(ln.text for ln in self.lines).split())

    @property
    def key(self) -> str:
        return clean(self.text)

    @property
    def bold(self) -> bool:
        return all(ln.bold for ln in self.lines)

    @property
    def size(self) -> float:
        return max(ln.size for ln in self.lines)


@dataclass
class Margins:
    """The body text's measure: glyph size, line gap, and where lines start per page width."""

    body: float
    gap: float
    left: dict[int, float]

    def left_of(self, line: Line, pages: dict[int, Page]) -> float:
        return self.left.get(round(pages[line.page].width), 0.0)


def margins(lines: list[Line], pages: dict[int, Page]) -> Margins:
    """Body size is the commonest glyph size; the left margin the commonest start of body
    lines; the line gap the commonest gap between consecutive body lines."""
    sizes = Counter(round(g.size, 1) for ln in lines for g in ln.glyphs)
    body = sizes.most_common(1)[0][0] if sizes else 12.0
    starts: dict[int, Counter[int]] = {}
    gaps: Counter[float] = Counter()
    previous: Line | None = None
    for ln in lines:
        if abs(ln.size - body) > body * 0.1 or len(ln.glyphs) < 8:
            previous = None
            continue
        starts.setdefault(round(pages[ln.page].width), Counter())[round(ln.x0)] += 1
        if previous is not None and previous.page == ln.page and ln.top > previous.bottom - 1:
            gaps[round(ln.top - previous.bottom, 1)] += 1
        previous = ln
    left = {w: float(c.most_common(1)[0][0]) for w, c in starts.items()}
    gap = gaps.most_common(1)[0][0] if gaps else body * 0.5
    return Margins(body, gap, left)


def _starts_block(prev: Line, line: Line, m: Margins, pages: dict[int, Page]) -> bool:
    """Whether ``line`` begins a new paragraph rather than continuing ``prev``: an indented
    first line, a change of font or size, or more space than between a paragraph's lines.
    (Ragged right edges say nothing: CJK lines stop short before an unbreakable number.)"""
    big = m.body * 1.15
    same_page_gap = line.top - prev.bottom if line.page == prev.page else None
    if prev.size > big and line.size > big and abs(prev.size - line.size) < 0.5:
        return same_page_gap is None or same_page_gap > line.size  # a heading set on two lines
    if abs(prev.size - line.size) > m.body * 0.15 or prev.bold != line.bold:
        return True
    if line.x0 > m.left_of(line, pages) + line.size * 0.8:
        return True
    if HEADING_NUMBER.match(line.key) and prev.key[-1:] in "。：；！？":
        return True  # a numbered item set flush left after a finished sentence
    return same_page_gap is not None and same_page_gap > m.gap + line.size * 0.5


def blocks_of(lines: list[Line], m: Margins, pages: dict[int, Page]) -> list[Block]:
    blocks: list[Block] = []
    for line in lines:
        if LEADERS.search(line.text):
            continue  # a contents line
        if blocks and not _starts_block(blocks[-1].lines[-1], line, m, pages):
            blocks[-1].lines.append(line)
        else:
            blocks.append(Block([line]))
    return blocks


def _heading_like(block: Block, m: Margins) -> bool:
    lines = len({(ln.page, round(ln.top)) for ln in block.lines})
    return lines == 1 or block.size > m.body * 1.15 or (lines == 2 and block.bold)


def part_of(block: Block, m: Margins | None) -> str | None:
    """Which part of the report a heading opens (概况, 决算表, 情况说明, 名词解释, 附件);
    ``m`` None: the block is known to be a heading."""
    if (m is not None and not _heading_like(block, m)) or len(block.key) > 70:
        return None
    return next((kind for kind, pattern in PARTS if pattern.search(block.key)), None)


def split_parts(blocks: list[Block], m: Margins) -> dict[str, list[Block]]:
    """Blocks by part.  The contents page names every part first; each real heading
    later starts its part afresh, so what the contents listed is dropped."""
    parts: dict[str, list[Block]] = {}
    heads: dict[str, Block] = {}
    current: str | None = None
    skip = False
    for i, block in enumerate(blocks):
        if skip:
            skip = False
            continue
        kind = part_of(block, m)
        if kind == "other" and i + 1 < len(blocks):  # "第三部分…部门决算" / "情况说明"
            joined = Block(block.lines + blocks[i + 1].lines)
            if len(blocks[i + 1].lines) == 1 and part_of(joined, None) not in (None, "other"):
                block, kind, skip = joined, part_of(joined, None), True
        if kind is not None:
            current = kind
            parts[kind] = []
            heads[kind] = block
            continue
        if current is not None:
            parts[current].append(block)
    parts["_heads"] = list(heads.values())
    return parts


def is_heading(block: Block, m: Margins, bold_headings: bool) -> bool:
    """A numbered one-line block ("（一）…", "1.…", "一、…"), bold where the document bolds them."""
    if not _heading_like(block, m) or len(block.key) > 40 or not HEADING_NUMBER.match(block.key):
        return False
    return block.bold or not bold_headings


def sections_of(blocks: list[Block], m: Margins) -> dict[str, list[str]]:
    """情况说明: heading → its paragraphs (a heading with subsections keeps an empty list)."""
    candidates = [b for b in blocks if is_heading(b, m, bold_headings=False)]
    bold_headings = any(b.bold for b in candidates)
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for block in blocks:
        if is_heading(block, m, bold_headings):
            current = sections.setdefault(block.key, [])
        elif current is not None:
            current.append(block.text)
    return sections


def glossary_of(blocks: list[Block]) -> list[tuple[str, str]]:
    """名词解释 entries "（一）term：text"; unnumbered paragraphs continue the entry above."""
    entries: list[tuple[str, str]] = []
    for block in blocks:
        found = GLOSSARY_ENTRY.match(block.text)
        if found:
            entries.append((clean(found.group(2)), found.group(3).strip()))
        elif entries:
            term, text = entries[-1]
            entries[-1] = (term, text + block.text)
    return entries


def identity(heads: list[Block], lines: list[Line]) -> tuple[str, int | None]:
    """Department and year from the part headings ("一、{部门}概况", "…{年}年度部门决算表")."""
    department = ""
    year = None
    for head in heads:
        key = re.sub(PART_PREFIX, "", head.key)
        if key.endswith("概况") and not department:
            department = key.removesuffix("概况")
        found = YEAR.search(key)
        if found and year is None:
            year = int(found.group(1))
    if year is None:
        found = next((YEAR.search(ln.key) for ln in lines[:20] if YEAR.search(ln.key)), None)
        year = int(found.group(1)) if found else None
    return department, year


# --- the whole document --------------------------------------------------------------------


def read_pdf(path: Path) -> tuple[DocumentFigures, list[str]]:
    """Figures, narrative, 概况 and 名词解释 of a published report, and what could not be read."""
    notes: list[str] = []
    pages = load_pages(path)
    out = DocumentFigures(str(path))
    if not any(page.glyphs for page in pages):
        notes.append("PDF 没有文字层（可能是扫描件），无法读取任何内容")
        return out, notes
    notes += [
        f"第{page.number}页只有图片、没有文字层（可能是扫描件），该页内容未读取"
        for page in pages
        if page.images and not page.glyphs
    ]
    flow = read_flow(pages, notes)
    for name, table in flow.tables.items():
        out.tables[name] = table.figures
    m = margins(flow.lines, flow.pages)
    parts = split_parts(blocks_of(flow.lines, m, flow.pages), m)
    out.sections = sections_of(parts.get("narrative", []), m)
    out.overview = "\n".join(b.text for b in parts.get("overview", []))
    out.glossary = glossary_of(parts.get("glossary", []))
    out.department, out.year = identity(parts.get("_heads", []), flow.lines)
    notes += _missing(out, parts)
    notes += _unread_tables(parts.get("tables", []), out)
    return out, notes


def _unread_tables(blocks: list[Block], out: DocumentFigures) -> list[str]:
    """Table titles printed in the tables part with no ruled grid read under them."""
    read = {t.title for t in out.tables.values()}
    titles = [re.sub(rf"^（[{CN_NUM}]+）", "", b.key) for b in blocks if len(b.key) <= 40]
    return [
        f"“{title}”下没有找到带框线的表格（无框线的表格暂不能按单元格读取），该表未读取"
        for title in dict.fromkeys(titles)
        if TABLE_TITLE.search(title) and title not in read
    ]


def _missing(out: DocumentFigures, parts: dict[str, list[Block]]) -> list[str]:
    """Say plainly which parts were not found, so a partial read is never silent."""
    notes: list[str] = []
    if len(out.tables) < 9:
        found = "、".join(out.tables) or "无"
        notes.append(f"只找到 {len(out.tables)} 张决算表（通常为 9 张）：{found}")
    for name, table in out.tables.items():
        if not table.cells:
            notes.append(f"{name}：表中没有读到任何数字")
    if "narrative" not in parts:
        notes.append("未找到“情况说明”部分")
    elif not out.sections:
        notes.append("“情况说明”部分未能分出小节")
    if "overview" not in parts:
        notes.append("未找到“概况”部分")
    if "glossary" not in parts:
        notes.append("未找到“名词解释”部分")
    elif not out.glossary:
        notes.append("“名词解释”未能读出词条")
    return notes

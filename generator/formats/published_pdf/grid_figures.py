"""One page's grid → keyed figures: header and body bands, header paths, 类/款/项 code
columns joined into one 科目编码, amounts parsed, labels printed twice kept apart.

Each grid becomes a ``TableView`` and is keyed by the very function that keys our
own documents (``figures.table_figures``), so a published figure and a generated
one meet under the same (table, row, column) key.  Nothing here knows a profile:
header paths, codes and labels are read as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from generator.document.figures import TableFigures, clean, header_paths, place, table_figures
from generator.document.tables import TableView, ViewCell
from generator.formats.published_pdf.grid import Cell, Grid
from generator.formats.published_pdf.lines import CN_NUM

AMOUNT = re.compile(r"^[-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
DECIMAL_AMOUNT = re.compile(r"^[-−(（]?[\d,]*\d\.\d+[)）]?$")

DASHES = {"-", "—", "－", "–", "--", "——", "―"}
CODE = re.compile(r"^\d{2,7}$")
SPLIT_CODE_HEADERS = {"类", "款", "项"}

ENUMERATED = re.compile(rf"^[{CN_NUM}]+、")
TOTAL_LABEL = re.compile(r"^(合计|总计)$")

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
    if last in ("项目", "科目", "序号") or "名称" in last or last.endswith("内容"):
        return "label"  # 项目支出内容: the 资金使用情况 table of a 评价报告
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
    other.  The second becomes "年初财政拨款结转和结余/一、一般公共预算财政拨款".
    Rows keyed by a 科目编码 are left alone: their name is the 科目名称 as printed, and a
    款 and its only 项 often share it ("城乡社区规划与管理")."""
    grid = place(body)
    done: set[int] = set()
    for row in grid:
        if any(cell is not None and cell.kind == "code" and clean(cell.text) for cell in row):
            continue
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

"""Reading input-workbook cells the way pasted spreadsheets hold them.

Numbers stored as text, thousands separators, full-width digits, "-" for
zero, codes as numbers (2011301.0), names with trailing spaces: the value
helpers here normalise all of it, once.  ``Reader`` reads a cell by the kind
the layout gives it, turns anything unreadable into a located error (sheet +
cell) instead of raising, and records where every data path came from.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Location, UserError, unreadable
from generator.formats.input_workbook import layout as wl
from generator.formats.yaml_input.source import PathKey, SourceMap
from generator.model.amounts import FULLWIDTH, parse_amount

_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\d+[.、]|[（(][一二三四五六七八九十\d]+[)）])"
)
HEADER_WORDS = frozenset({wl.NUMBERS_LABEL, "项目", "收入", "支出"})
_NOTE = re.compile(r"^\s*(注|说明)\s*[:：\d]")


# --- cell values -----------------------------------------------------------------------------


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not _SPACES.sub("", value))


def as_text(value: object) -> str:
    """A cell as the text it shows: 12.0 → "12", a date → 年月日 text as Excel shows it."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def squeeze(text: str) -> str:
    """For matching labels: no spaces of any width."""
    return _SPACES.sub("", text)


def label_key(text: str) -> str:
    """A printed line label without spacing or its leading "一、" / "1." numbering."""
    return _ENUMERATOR.sub("", squeeze(text))


def norm_code(value: object) -> str:
    """科目编码 as pasted (2011301.0, "２０１１３０１ ", 201) → "2011301"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = squeeze(as_text(value).translate(FULLWIDTH))
    return re.sub(r"^(\d+)\.0+$", r"\1", text)


_CODE_LIKE = re.compile(r"^[0-9A-Za-z]*\d[0-9A-Za-z]*$")


def is_code(value: object) -> bool:
    """Looks like a 科目编码 (a mistyped one too: "20113x" is a code the checks reject);
    a sentence with a year in it is not one."""
    return not is_blank(value) and bool(_CODE_LIKE.match(norm_code(value)))


def is_note(value: object) -> bool:
    return isinstance(value, str) and bool(_NOTE.match(value))


def has_digit(value: object) -> bool:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and any(ch.isdigit() for ch in value)


# --- the workbook as grids -------------------------------------------------------------------


@dataclass
class Grid:
    """One sheet's values (1-based access) and the formula cells Excel never calculated."""

    name: str
    rows: list[tuple[Any, ...]]
    uncached: set[tuple[int, int]] = field(default_factory=set)

    def get(self, r: int, c: int) -> Any:
        if r < 1 or c < 1 or r > len(self.rows):
            return None
        row = self.rows[r - 1]
        return row[c - 1] if c <= len(row) else None

    @property
    def nrows(self) -> int:
        return len(self.rows)

    def ncols(self, r: int) -> int:
        return len(self.rows[r - 1]) if 1 <= r <= len(self.rows) else 0


MAX_UNPACKED = 200 * 1024 * 1024  # bytes of XML inside the zip (a zip bomb is refused unread)
MAX_CELLS = 2_000_000  # cells read over all sheets (the example workbook holds ~15,000)


def _check_size(path: Path) -> None:
    with zipfile.ZipFile(path) as zf:
        unpacked = sum(info.file_size for info in zf.infolist())
    if unpacked > MAX_UNPACKED:
        raise UserError(
            f"工作簿过大：解压后 {unpacked // 1024 // 1024} MB，最多 {MAX_UNPACKED // 1024 // 1024} MB",
            Location(str(path)),
        )


def cell_name(r: int, c: int) -> str:
    """``D12``. openpyxl is imported when a workbook is read, not when the CLI starts."""
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(c)}{r}"


def _read_rows(path: Path, data_only: bool) -> dict[str, list[tuple[Any, ...]]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=data_only)
    cells = 0
    try:
        out = {}
        for ws in wb.worksheets:
            ws.reset_dimensions()  # some writers store a wrong sheet size
            rows = out[ws.title] = []
            for row in ws.iter_rows(values_only=True):
                cells += max(len(row), 1)
                if cells > MAX_CELLS:
                    raise UserError(
                        f"工作簿过大：超过 {MAX_CELLS:,} 个单元格",
                        Location(str(path), sheet=ws.title),
                    )
                rows.append(tuple(row))
        return out
    finally:
        wb.close()


def open_grids(path: Path) -> dict[str, Grid]:
    """Values as Excel last calculated them, plus where a formula has no value at all."""
    file = str(path)
    if not path.exists():
        raise UserError("文件不存在", Location(file))
    with unreadable(path, " .xlsx 工作簿"):
        _check_size(path)
        values = _read_rows(path, data_only=True)
        formulas = _read_rows(path, data_only=False)
    grids = {}
    for name, rows in values.items():
        grid = Grid(name, rows)
        for r, row in enumerate(formulas.get(name, []), start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, str) and value.startswith("=") and grid.get(r, c) is None:
                    grid.uncached.add((r, c))
        grids[name] = grid
    return grids


# --- reading with locations ------------------------------------------------------------------


@dataclass
class Rec:
    """One key/value block or one table row: values read, and the cell of every field."""

    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, tuple[int, int]] = field(default_factory=dict)

    def at(self, key: str) -> tuple[int, int]:
        """The cell of ``key``; for a field left blank, the record's first cell (a mutated
        or hand-made row may lack the very cell an error is about)."""
        if key in self.cells:
            return self.cells[key]
        return min(self.cells.values(), default=(1, 1))


@dataclass
class BlockRows:
    marker: str
    row: int
    rows: list[int]


class Reader:
    """Reads cells by kind, collects located errors, records where each data path came from."""

    def __init__(self, path: Path, grids: dict[str, Grid]) -> None:
        self.file = str(path)
        self.grids = grids
        self.errors: list[UserError] = []
        self.smap = SourceMap()
        self.labels: dict[tuple[str, str], str] = {}  # (sheet, cell) → the field's label
        self._pending: dict[PathKey, Location] | None = None
        self.smap.add((), Location(self.file))

    def loc(self, grid: Grid, r: int, c: int) -> Location:
        return Location(self.file, sheet=grid.name, cell=cell_name(r, c))

    def error(self, grid: Grid, r: int, c: int, message: str) -> None:
        self.errors.append(UserError(message, self.loc(grid, r, c)))

    def mark(self, path: PathKey, grid: Grid, r: int, c: int) -> None:
        """Remember where ``path`` lives (the first place wins: later blanks do not move it)."""
        if self._pending is not None:
            if path not in self._pending and path not in self.smap:
                self._pending[path] = self.loc(grid, r, c)
        elif path not in self.smap:
            self.smap.add(path, self.loc(grid, r, c))

    def remark(self, path: PathKey, grid: Grid, r: int, c: int) -> None:
        if self._pending is not None:
            self._pending[path] = self.loc(grid, r, c)
        else:
            self.smap.add(path, self.loc(grid, r, c))

    def begin_record(self) -> None:
        """Hold the locations of one repeated block (a 自评表 …) until we know it is used.

        An unused block (the blank workbook's spare one) must not claim the index
        the next used block gets, or findings would point into the empty block.
        """
        self._pending = {}

    def end_record(self, keep: bool) -> None:
        pending, self._pending = self._pending or {}, None
        if keep:
            for path, location in pending.items():
                if path not in self.smap:
                    self.smap.add(path, location)

    def cell(self, grid: Grid, r: int, c: int, kind: wl.Kind) -> Any:
        """One value by kind; None for an empty cell or one that could not be read (reported)."""
        if (r, c) in grid.uncached:
            self.error(grid, r, c, "公式没有计算结果：请在 Excel 中打开并保存，或直接填数字")
            return None
        value = grid.get(r, c)
        if is_blank(value):
            return None
        try:
            return READERS[kind](value)
        except ValueError as exc:
            self.error(grid, r, c, str(exc))
            return None

    # form blocks ---------------------------------------------------------------------------

    def blocks(self, grid: Grid, known: set[str]) -> list[BlockRows]:
        """Split a form sheet at its 【marker】 rows; rows above the first marker are titles."""
        out: list[BlockRows] = []
        for r in range(1, grid.nrows + 1):
            first = grid.get(r, 1)
            m = wl.MARKER_RE.match(first) if isinstance(first, str) else None
            if m and squeeze(first) == f"【{squeeze(m.group(1))}】" and m.group(1) in known:
                out.append(BlockRows(m.group(1), r, []))
            elif out:
                out[-1].rows.append(r)
        return out

    def kv(self, grid: Grid, block: wl.Block, rows: BlockRows) -> Rec:
        """Labels in A, values in B; an unknown label holding a value is an error."""
        rec = Rec()
        by_label = {squeeze(f.label): f for f in block.fields}
        for r in rows.rows:
            label = grid.get(r, 1)
            spec = by_label.get(squeeze(as_text(label))) if not is_blank(label) else None
            if spec is None:
                if not is_blank(grid.get(r, 2)) and not is_blank(label):
                    self.error(
                        grid, r, 1, f"不认识的项目“{as_text(label).strip()}”（【{block.marker}】）"
                    )
                elif not is_blank(grid.get(r, 2)):
                    self.error(grid, r, 1, "缺少项目名称（A 列）")
                continue
            if not spec.read or spec.key in rec.cells:
                continue
            rec.cells[spec.key] = (r, 2)
            self.labels[(grid.name, f"B{r}")] = spec.label
            value = self.cell(grid, r, 2, spec.kind)
            if value is not None:
                rec.values[spec.key] = value
        return rec

    def table(self, grid: Grid, block: wl.Block, rows: BlockRows) -> list[Rec]:
        """A header row naming the columns, then one record per non-blank row."""
        header = next(
            (r for r in rows.rows if any(not is_blank(v) for v in grid.rows[r - 1])), None
        )
        if header is None:
            return []
        columns: dict[int, wl.Field] = {}
        by_label = {squeeze(f.label): f for f in block.fields}
        unknown: dict[int, str] = {}
        for c in range(1, grid.ncols(header) + 1):
            text = grid.get(header, c)
            if is_blank(text):
                continue
            spec = by_label.get(squeeze(as_text(text)))
            if spec is None:
                unknown[c] = as_text(text)
            elif spec.read:
                columns[c] = spec
        records: list[Rec] = []
        for r in rows.rows:
            if r <= header or squeeze(as_text(grid.get(r, 1) or "")) in block.computed_rows:
                continue
            rec = Rec()
            for c, spec in columns.items():
                rec.cells[spec.key] = (r, c)
                self.labels[(grid.name, cell_name(r, c))] = spec.label
                value = self.cell(grid, r, c, spec.kind)
                if value is not None:
                    rec.values[spec.key] = value
            for c, text in unknown.items():
                if not is_blank(grid.get(r, c)):
                    self.error(grid, r, c, f"栏目“{text.strip()}”不是本块的栏目，此格内容无法使用")
            if rec.values:
                records.append(rec)
        return records


def _amount(value: object) -> Decimal | None:
    return parse_amount(value)


def _int(value: object) -> int:
    try:
        number = parse_amount(value)
    except ValueError:
        number = None
    if number is None or number != number.to_integral_value():
        raise ValueError(f"应为整数：{as_text(value)!r}")
    return int(number)


_INTEGER = re.compile(r"^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)$")
_DECIMAL = re.compile(
    r"^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)?\.\d*(?:[eE][+-]?\d+)?$|^[+-]?\d+[eE][+-]?\d+$"
)


def _value(value: object) -> int | Decimal | str:
    """A free fact (其他数据): a number when it reads as one, as YAML reads it (``4`` → int,
    ``4.0`` / ``598.42`` → Decimal, separators and full-width digits allowed); else text."""
    if isinstance(value, bool):
        return as_text(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, datetime | date):
        return _date(value)
    text = _text(value)
    plain = squeeze(text.translate(FULLWIDTH))
    if _INTEGER.match(plain):
        return int(plain.replace(",", ""))
    if _DECIMAL.match(plain) and any(ch.isdigit() for ch in plain):
        return Decimal(plain.replace(",", ""))
    return text


def _name(value: object) -> str:
    return as_text(value).strip()


def _text(value: object) -> str:
    return as_text(value).replace("\r\n", "\n").replace("_x000D_", "")


def _date(value: object) -> str:
    if isinstance(value, datetime | date):
        if value.day == 1:
            return f"{value.year}年{value.month}月"
        return f"{value.year}年{value.month}月{value.day}日"
    return _name(value)


def _day(value: object) -> str:
    """A calendar day as the 项目绩效目标表 prints it (YYYY-MM-DD); typed text is kept for
    the model to check."""
    if isinstance(value, datetime | date):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return _name(value)


_YES = frozenset({"是", "true", "yes", "y", "1", "√", "✓"})
_NO = frozenset({"否", "false", "no", "n", "0", "×"})


def _yesno(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = squeeze(as_text(value)).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"应为“是”或“否”：{as_text(value)!r}")


def _level(value: object) -> str:
    text = squeeze(as_text(value).translate(FULLWIDTH))
    text = re.sub(r"^(\d+)\.0+$", r"\1", text)
    if text == wl.INDICATOR_LEVEL or (text.isdigit() and int(text) >= 1):
        return text
    raise ValueError(f"层级应为 1、2、3… 或“{wl.INDICATOR_LEVEL}”：{as_text(value)!r}")


def _blocks(value: object) -> list[Any]:
    """Table blocks typed as YAML text: a list of mappings (checked by the model)."""
    try:
        data = yaml.safe_load(_text(value))
    except yaml.YAMLError as exc:
        raise ValueError(f"文中表格不是有效的 YAML：{exc}") from None
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        raise ValueError("文中表格应为表格的列表（每项一个映射）")
    return data


def _lines(value: object) -> list[str]:
    return [line.strip() for line in _text(value).splitlines() if line.strip()]


READERS: dict[str, Callable[[Any], Any]] = {
    "amount": _amount,
    "number": _amount,
    "int": _int,
    "value": _value,
    "code": norm_code,
    "name": _name,
    "text": _text,
    "date": _date,
    "day": _day,
    "yesno": _yesno,
    "level": _level,
    "blocks": _blocks,
    "lines": _lines,
}

"""公开01–09 sheets of the input workbook: the body under the header, row by row.

A row is recognised by what it holds, not where it sits, so a pasted export
may bring blank rows, "注：" rows, its own 栏次 row or a 合计 row at the top or
the bottom.  Balance tables find each line by its 行次 and refuse a label
that disagrees; 公开06 reads code/name/amount triples anywhere in a row, so
both our vertical list and the three-group export paste.  A number with no
place in the table is reported, never dropped.
"""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter

from generator.compute.tables import TOTAL, LineInfo
from generator.formats.input_workbook import layout as wl
from generator.formats.input_workbook.read_cells import (
    HEADER_WORDS,
    Grid,
    Reader,
    as_text,
    has_digit,
    is_blank,
    is_code,
    is_note,
    label_key,
    norm_code,
    squeeze,
)
from generator.formats.yaml_input.source import PathKey
from generator.profiles.schema import Profile, TableDef


class TableReader:
    """公开01–09: the body below the header, read row by row by what each row holds."""

    def __init__(self, reader: Reader, profile: Profile) -> None:
        self.r = reader
        self.profile = profile

    def read(self, tdef: TableDef, grid: Grid) -> dict[str, Any]:
        base: PathKey = ("tables", tdef.id)
        top = wl.body_top(tdef)
        self.r.mark(base, grid, top, 1)
        data: dict[str, Any] = {}
        statement = self.r.cell(grid, wl.STATEMENT_ROW, 2, "text")
        self.r.mark((*base, "statement"), grid, wl.STATEMENT_ROW, 2)
        if statement is not None:
            data["statement"] = statement
        read = {
            "classified": self.classified,
            "balance": self.balance,
            "economic": self.economic,
            "grid": self.grid,
        }[tdef.kind]
        data.update(read(tdef, grid, base, top))
        return data

    def _numbers_row(self, tdef: TableDef, values: list[Any]) -> bool:
        """A pasted 栏次 row (1, 2, 3 …) is layout, not figures."""
        shown = [norm_code(v) for v in values if not is_blank(v)]
        return bool(shown) and shown == list(tdef.column_numbers[: len(shown)])

    def classified(self, tdef: TableDef, grid: Grid, base: PathKey, top: int) -> dict[str, Any]:
        columns = [c.id for c in tdef.columns]
        rows: list[dict[str, Any]] = []
        total: dict[str, Any] | None = None
        self.r.mark((*base, "rows"), grid, top, 1)
        for r in range(top, grid.nrows + 1):
            code_cell, name_cell = grid.get(r, 1), grid.get(r, 2)
            amounts = [grid.get(r, 3 + i) for i in range(len(columns))]
            label = next((v for v in (code_cell, name_cell) if not is_blank(v)), None)
            self._stray_right(grid, r, 3 + len(columns))
            if label is None and all(is_blank(v) for v in amounts):
                continue
            if is_note(label) or squeeze(as_text(label or "")) == wl.NUMBERS_LABEL:
                continue
            if label is not None and squeeze(as_text(label)) in wl.TOTAL_LABELS:
                if total is not None:
                    self.r.error(grid, r, 1, "“合计”行出现了两次")
                    continue
                total = self._values(grid, r, 3, columns, (*base, TOTAL))
                continue
            if is_code(code_cell):
                rows.append(self._row(grid, r, columns, (*base, "rows", len(rows))))
                continue
            if self._numbers_row(tdef, amounts):
                continue
            stray = next((i for i, v in enumerate(amounts) if has_digit(v)), None)
            if stray is not None:
                self.r.error(grid, r, 3 + stray, "这一行有数字，但 A 列不是科目编码，无法使用")
        if total is None:
            for i, col in enumerate(columns):
                self.r.mark((*base, TOTAL, col), grid, top, 3 + i)
        out: dict[str, Any] = {"rows": rows}
        if total:
            out[TOTAL] = total
        return out

    def _row(self, grid: Grid, r: int, columns: list[str], path: PathKey) -> dict[str, Any]:
        self.r.mark(path, grid, r, 1)
        self.r.mark((*path, "code"), grid, r, 1)
        self.r.mark((*path, "name"), grid, r, 2)
        row: dict[str, Any] = {"code": norm_code(grid.get(r, 1))}
        name = self.r.cell(grid, r, 2, "name")
        if name:
            row["name"] = name
        row.update(self._values(grid, r, 3, columns, path))
        return row

    def _values(
        self, grid: Grid, r: int, first: int, columns: list[str], path: PathKey
    ) -> dict[str, Any]:
        self.r.mark(path, grid, r, first)
        values = {}
        for i, col in enumerate(columns):
            self.r.mark((*path, col), grid, r, first + i)
            value = self.r.cell(grid, r, first + i, "amount")
            if value is not None:
                values[col] = value
        return values

    def balance(self, tdef: TableDef, grid: Grid, base: PathKey, top: int) -> dict[str, Any]:
        assert tdef.left is not None and tdef.right is not None
        lines: dict[str, Any] = {}
        seen: dict[str, int] = {}
        self.r.mark((*base, "lines"), grid, top, 3)
        col = 1
        sides = wl.balance_sides(self.profile, tdef.id)
        for side, infos in zip((tdef.left, tdef.right), sides, strict=True):
            columns = [c.id for c in side.columns]
            for r in range(top, grid.nrows + 1):
                if is_note(grid.get(r, 1)):
                    continue
                self._balance_cell(grid, r, col, infos, columns, (*base, "lines"), lines, seen)
            col += 2 + len(columns)
        for r in range(top, grid.nrows + 1):
            self._stray_right(grid, r, col)
        return {"lines": lines}

    def _stray_right(self, grid: Grid, r: int, first: int) -> None:
        """A number right of the table has no place in it: say so rather than drop it."""
        for c in range(first, grid.ncols(r) + 1):
            if has_digit(grid.get(r, c)):
                self.r.error(grid, r, c, "表格右侧多出的数字，无法使用")

    def _balance_cell(
        self,
        grid: Grid,
        r: int,
        col: int,
        infos: list[LineInfo],
        columns: list[str],
        base: PathKey,
        lines: dict[str, Any],
        seen: dict[str, int],
    ) -> None:
        """One side of one body row: find its line by 行次 (checked against the label)."""
        label, no = grid.get(r, col), grid.get(r, col + 1)
        cells = [(col + 2 + j, grid.get(r, col + 2 + j)) for j in range(len(columns))]
        filled = [(c, v) for c, v in cells if not is_blank(v)]
        text = "" if is_blank(label) else label_key(as_text(label))
        if (is_blank(label) and is_blank(no) and not filled) or text in HEADER_WORDS:
            return
        line = self._find_line(grid, r, col, infos, text, label, no)
        if line is False:
            return  # already reported
        if line is None:
            figures = [c for c, v in filled if has_digit(v)]
            if figures:
                self.r.error(grid, r, figures[0], "找不到这一行对应的项目（请核对行次和项目名称）")
            return
        if line.row is None:
            if any(has_digit(v) for _, v in filled):
                self.r.error(grid, r, filled[0][0], f"行次 {line.no} 是空行，不填数")
            return
        if line.row in seen:
            if filled:
                self.r.error(
                    grid, r, filled[0][0], f"“{line.label}”出现了两次（第 {seen[line.row]} 行）"
                )
            return
        seen[line.row] = r
        path = (*base, line.row)
        self.r.mark(path, grid, r, col + 2)
        values = {}
        for j, cid in enumerate(columns):
            self.r.mark((*path, cid), grid, r, col + 2 + j)
            value = self.r.cell(grid, r, col + 2 + j, "amount")
            if value is not None:
                values[cid] = value
        if len(columns) == 1:
            if columns[0] in values:
                lines[line.row] = values[columns[0]]
        elif values:
            lines[line.row] = values

    def _find_line(
        self,
        grid: Grid,
        r: int,
        col: int,
        infos: list[LineInfo],
        text: str,
        label: object,
        no: object,
    ) -> LineInfo | bool | None:
        """By 行次 when given — a label that disagrees with it is an error, never a guess.

        None: no such line; False: a problem already reported for this cell.
        """
        number = norm_code(no) if not is_blank(no) else ""
        if number.isdigit():
            line = next((ln for ln in infos if ln.no == int(number)), None)
            if line is None:
                return None
            if text and line.label and text != label_key(line.label):
                self.r.error(
                    grid,
                    r,
                    col,
                    f"行次 {number} 应为“{line.label}”，这里是“{as_text(label).strip()}”",
                )
                return False
            return line
        matches = [ln for ln in infos if ln.label and label_key(ln.label) == text] if text else []
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            self.r.error(grid, r, col + 1, f"“{as_text(label).strip()}”有多行同名，请填写行次")
            return False
        return None

    def economic(self, tdef: TableDef, grid: Grid, base: PathKey, top: int) -> dict[str, Any]:
        """Code, name, amount triples anywhere in a row (our list or the 3-group export)."""
        lines: dict[str, Any] = {}
        seen: dict[str, str] = {}
        totals = {squeeze(t.label): t.id for t in tdef.totals} | {t.id: t.id for t in tdef.totals}
        self.r.mark((*base, "lines"), grid, top, 3)
        for r in range(top, grid.nrows + 1):
            row = grid.rows[r - 1]
            if any(is_note(v) for v in row[:1]):
                continue
            used: set[int] = set()
            c = 1
            while c <= len(row):
                value = grid.get(r, c)
                code = norm_code(value) if not is_blank(value) else ""
                if code.isdigit() and 3 <= len(code) <= 7:
                    used.update((c, c + 1, c + 2))
                    self._economic_item(grid, r, c + 2, code, (*base, "lines"), lines, seen)
                    c += 3
                    continue
                key = totals.get(squeeze(as_text(value))) if isinstance(value, str) else None
                if key is not None:
                    used.add(c)
                    # the amount is the next filled cell; when blank, the cell our list
                    # puts it in (label in B, amount in C) or the export's (label A:B, C)
                    target = next(
                        (j for j in range(c + 1, len(row) + 1) if not is_blank(grid.get(r, j))),
                        c + 1 if c == 2 else c + 2,
                    )
                    used.add(target)
                    self._economic_item(grid, r, target, key, (*base, "lines"), lines, seen)
                    c = target + 1
                    continue
                c += 1
            for c, value in enumerate(row, start=1):
                if c not in used and has_digit(value):
                    self.r.error(grid, r, c, "这个数字不在任何经济分类科目之后，无法使用")
        return {"lines": lines}

    def _economic_item(
        self,
        grid: Grid,
        r: int,
        c: int,
        key: str,
        base: PathKey,
        lines: dict[str, Any],
        seen: dict[str, str],
    ) -> None:
        where = f"{get_column_letter(c)}{r}"
        if key in seen:
            if not is_blank(grid.get(r, c)):
                self.r.error(grid, r, c, f"科目 {key} 出现了两次（另一处在 {seen[key]}）")
            return
        seen[key] = where
        self.r.mark((*base, key), grid, r, c)
        value = self.r.cell(grid, r, c, "amount")
        if value is not None:
            lines[key] = value

    def grid(self, tdef: TableDef, grid: Grid, base: PathKey, top: int) -> dict[str, Any]:
        """公开07: the i-th row with figures is the i-th printed row (预算 | 决算)."""
        lines: dict[str, Any] = {}
        columns = [c.id for c in tdef.columns]
        width = len(columns) * max((len(p) for p in tdef.print_rows), default=1)
        self.r.mark((*base, "lines"), grid, top, 1)
        index = 0
        for r in range(top, grid.nrows + 1):
            values = [grid.get(r, c) for c in range(1, max(width, grid.ncols(r)) + 1)]
            if all(is_blank(v) for v in values) or is_note(values[0]):
                continue
            if self._numbers_row(tdef, values) or not any(has_digit(v) for v in values):
                continue
            if index >= len(tdef.print_rows):
                c = next(i for i, v in enumerate(values, 1) if not is_blank(v))
                self.r.error(
                    grid, r, c, f"{tdef.id} 只有 {len(tdef.print_rows)} 行数字，这一行多余"
                )
                continue
            self._grid_row(grid, r, tdef.print_rows[index], columns, base, lines)
            index += 1
        if index == 0:
            for row_id, c in zip(tdef.rows, range(1, width + 1, len(columns)), strict=False):
                self.r.mark((*base, "lines", row_id), grid, top, c)
        return {"lines": lines}

    def _grid_row(
        self,
        grid: Grid,
        r: int,
        row_ids: list[str],
        columns: list[str],
        base: PathKey,
        lines: dict[str, Any],
    ) -> None:
        c = 1
        for row_id in row_ids:
            path = (*base, "lines", row_id)
            self.r.mark(path, grid, r, c)
            values = {}
            for col in columns:
                self.r.mark((*path, col), grid, r, c)
                value = self.r.cell(grid, r, c, "amount")
                if value is not None:
                    values[col] = value
                c += 1
            if values:
                lines[row_id] = values
        self._stray_right(grid, r, c)

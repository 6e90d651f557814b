"""Build the sheet of formulas for the nine tables from the profile's table definitions.

One function per table kind; each reads the user's ``TableInput`` and
defines, for every printed cell, whether it is typed, summed or referenced.
Anything in the input that the layout has no place for is recorded as a
problem (with its path) rather than silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from generator.compute.cells import Key, Leaf, PathKey, Ref, Sheet, Sum
from generator.model.amounts import WAN
from generator.model.report import TableInput
from generator.profiles.schema import Column, Expand, Line, Profile, TableDef

TOTAL = "合计"
CODE_RE = re.compile(r"^\d{3}(\d{2}){0,2}$")
CN_NUMERALS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 26 → 二十六 (enough for 类 numbering)."""
    if n < 10:
        return CN_NUMERALS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_NUMERALS[tens]
    return head + "十" + (CN_NUMERALS[ones] if ones else "")


@dataclass
class Problem:
    """Input the layout cannot place; reported by ``check`` (schema group)."""

    rule: str
    message: str
    path: PathKey
    severity: str = "error"


@dataclass
class RowInfo:
    code: str
    name: str
    level: int  # 1 类, 2 款, 3 项
    leaf: bool


@dataclass
class LineInfo:
    row: str | None  # cell row key; None for filler lines
    label: str
    no: int | None
    indent: int = 0
    bold: bool = False
    code: str | None = None


@dataclass
class Structure:
    """What the views need to print each table, beyond the sheet's figures."""

    rows: dict[str, list[RowInfo]] = field(default_factory=dict)
    sides: dict[str, tuple[list[LineInfo], list[LineInfo]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    empty: dict[str, bool] = field(default_factory=dict)


def _scale(value: Decimal | None, unit: str) -> Decimal | None:
    if value is None:
        return None
    return value / WAN if unit == "元" else value


def _column_formula(table: str, row: str, col: Column) -> Sum:
    return Sum(
        tuple((table, row, c) for c in col.sum),
        tuple((table, row, c) for c in col.minus),
    )


def build_classified(
    sheet: Sheet, st: Structure, tdef: TableDef, data: TableInput, unit: str, profile: Profile
) -> None:
    t = tdef.id
    base: PathKey = ("tables", t)
    col_ids = {c.id for c in tdef.columns}
    given: dict[str, int] = {}
    names: dict[str, str] = {}
    for i, row in enumerate(data.rows):
        path = (*base, "rows", i)
        if not CODE_RE.match(row.code):
            st.problems.append(
                Problem("S003", f"科目编码“{row.code}”应为3、5或7位数字", (*path, "code"))
            )
            continue
        if row.code in given:
            st.problems.append(
                Problem(
                    "S004",
                    f"科目编码 {row.code} 重复出现（第一次在第 {given[row.code] + 1} 行）",
                    (*path, "code"),
                )
            )
            continue
        given[row.code] = i
        if row.name:
            names[row.code] = row.name.strip()
        for col in row.values:
            if col not in col_ids:
                st.problems.append(
                    Problem(
                        "S002", f"{t} 没有“{col}”这一栏（可用：{'、'.join(col_ids)}）", (*path, col)
                    )
                )
    for col in data.total:
        if col not in col_ids:
            st.problems.append(Problem("S002", f"{t} 没有“{col}”这一栏", (*base, TOTAL, col)))

    codes: set[str] = set(given)
    for code in list(given):
        codes.update(code[:n] for n in (3, 5) if len(code) > n)
    children: dict[str, list[str]] = {}
    for code in codes:
        if len(code) > 3:
            parent = code[:3] if len(code) == 5 else code[:5]
            children.setdefault(parent, []).append(code)
    ordered = sorted(codes)
    st.rows[t] = [
        RowInfo(
            code=code,
            name=names.get(code) or profile.code_name(code) or "",
            level={3: 1, 5: 2, 7: 3}[len(code)],
            leaf=code not in children,
        )
        for code in ordered
    ]
    st.empty[t] = not any(v is not None for r in data.rows for v in r.values.values()) and not any(
        v is not None for v in data.total.values()
    )

    for code in ordered:
        row_path = (*base, "rows", given[code]) if code in given else None
        values = data.rows[given[code]].values if code in given else {}
        for col in tdef.columns:
            key: Key = (t, code, col.id)
            if code in children:
                formula: Leaf | Sum = Sum(tuple((t, c, col.id) for c in sorted(children[code])))
            elif col.computed:
                formula = _column_formula(t, code, col)
            else:
                formula = Leaf(_scale(values.get(col.id), unit))
            sheet.define(key, formula, (*row_path, col.id) if row_path else None)
            if row_path and (code in children or col.computed):
                sheet.state(key, _scale(values.get(col.id), unit), (*row_path, col.id))
    classes = tuple(c for c in ordered if len(c) == 3)
    for col in tdef.columns:
        key = (t, TOTAL, col.id)
        if classes:
            total: Leaf | Sum = Sum(tuple((t, c, col.id) for c in classes))
        elif col.computed:  # no rows at all (e.g. last year's 合计 only): row identity
            total = _column_formula(t, TOTAL, col)
        else:
            total = Leaf(None)
        sheet.define(key, total, (*base, TOTAL, col.id))
        sheet.state(key, _scale(data.total.get(col.id), unit), (*base, TOTAL, col.id))


def _expand(lines: list[Line | Expand], profile: Profile) -> list[Line]:
    out: list[Line] = []
    for line in lines:
        if isinstance(line, Expand):
            for i, cls in enumerate(profile.catalog.classes, start=1):
                label = f"{chinese_number(i)}、{cls.name}" if line.numbered_labels else cls.name
                no = None if line.first_no is None else line.first_no + i - 1
                out.append(Line(code=cls.code, label=label, no=no))
        else:
            out.append(line)
    return out


def build_balance(
    sheet: Sheet, st: Structure, tdef: TableDef, data: TableInput, unit: str, profile: Profile
) -> None:
    t = tdef.id
    base: PathKey = ("tables", t, "lines")
    assert tdef.left is not None and tdef.right is not None
    known: set[str] = set()
    printed: list[list[LineInfo]] = []
    for side in (tdef.left, tdef.right):
        lines = _expand(side.lines, profile)
        class_rows = [ln.code for ln in lines if ln.code]
        infos: list[LineInfo] = []
        single = side.columns[0].id if len(side.columns) == 1 else None
        for line in lines:
            row = line.code or line.id
            infos.append(LineInfo(row, line.label, line.no, line.indent, line.bold, line.code))
            if row is None:
                continue
            known.add(row)
            raw = data.lines.get(row)
            col_ids = [c.id for c in side.columns]
            if isinstance(raw, dict):  # columns this side does not print would be dropped
                for other in raw:
                    if other not in col_ids:
                        st.problems.append(
                            Problem(
                                "S002",
                                f"{t} “{row}”没有“{other}”这一栏（可用：{'、'.join(col_ids)}）",
                                (*base, row, other),
                            )
                        )
            elif raw is not None and not single:
                st.problems.append(
                    Problem("S001", f"“{row}”应按栏目填写（{'、'.join(col_ids)}）", (*base, row))
                )
            for col in side.columns:
                key: Key = (t, row, col.id)
                path = (*base, row) if single or not isinstance(raw, dict) else (*base, row, col.id)
                typed = (
                    raw
                    if (single and not isinstance(raw, dict))
                    else (raw.get(col.id) if isinstance(raw, dict) else None)
                )
                typed = _scale(typed, unit)
                if line.sum or line.minus:
                    plus = [r for s in line.sum for r in (class_rows if s == "@classes" else [s])]
                    formula: Leaf | Sum | Ref = Sum(
                        tuple((t, r, col.id) for r in plus),
                        tuple((t, r, col.id) for r in line.minus),
                    )
                    sheet.define(key, formula, path)
                    sheet.state(key, typed, path)
                elif col.computed:
                    sheet.define(key, _column_formula(t, row, col), path)
                    sheet.state(key, typed, path)
                elif line.source or (line.code and col.source):
                    src = line.source or col.source
                    assert src is not None
                    target_row = src.row or line.code or TOTAL
                    sheet.define(key, Ref((src.table, target_row, src.column)), path)
                    sheet.state(key, typed, path)
                else:
                    sheet.define(key, Leaf(typed), path)
        printed.append(infos)
    st.sides[t] = (printed[0], printed[1])
    for row in data.lines:
        if row not in known:
            st.problems.append(Problem("S002", f"{t} 没有“{row}”这一行", (*base, row)))


def build_economic(
    sheet: Sheet, st: Structure, tdef: TableDef, data: TableInput, unit: str, profile: Profile
) -> None:
    t = tdef.id
    base: PathKey = ("tables", t, "lines")
    col = "决算数"
    assert profile.economic is not None, "公开06 needs the profile's economic catalog"
    known: set[str] = set()

    def amount(code: str) -> Decimal | None:
        value = data.lines.get(code)  # a mapping here is reported below (S001), not summed
        return None if isinstance(value, dict) else _scale(value, unit)

    for cls in profile.economic.classes:
        known.add(cls.code)
        for item in cls.items:
            known.add(item.code)
            sheet.define((t, item.code, col), Leaf(amount(item.code)), (*base, item.code))
        key: Key = (t, cls.code, col)
        sheet.define(key, Sum(tuple((t, i.code, col) for i in cls.items)), (*base, cls.code))
        sheet.state(key, amount(cls.code), (*base, cls.code))
    for total in tdef.totals:
        known.add(total.id)
        key = (t, total.id, col)
        sheet.define(key, Sum(tuple((t, c, col) for c in total.sum)), (*base, total.id))
        sheet.state(key, amount(total.id), (*base, total.id))
    for code, value in data.lines.items():
        if code not in known:
            st.problems.append(
                Problem(
                    "S005", f"经济分类科目 {code} 不在本 profile 的公开06科目表中", (*base, code)
                )
            )
        elif isinstance(value, dict):
            st.problems.append(Problem("S001", "应为一个金额", (*base, code)))
    st.empty[t] = not any(v is not None for v in data.lines.values() if not isinstance(v, dict))


def build_grid(
    sheet: Sheet, st: Structure, tdef: TableDef, data: TableInput, unit: str, profile: Profile
) -> None:
    t = tdef.id
    base: PathKey = ("tables", t, "lines")
    for row in tdef.rows:
        raw = data.lines.get(row)
        values = raw if isinstance(raw, dict) else {}
        if raw is not None and not isinstance(raw, dict):
            st.problems.append(Problem("S001", f"“{row}”应按栏目填写（键值映射）", (*base, row)))
        for col in tdef.columns:
            key: Key = (t, row, col.id)
            path = (*base, row, col.id)
            typed = _scale(values.get(col.id), unit)
            if col.computed:
                sheet.define(key, _column_formula(t, row, col), path)
                sheet.state(key, typed, path)
            else:
                sheet.define(key, Leaf(typed), path)
        for col in values:
            if col not in {c.id for c in tdef.columns}:
                st.problems.append(Problem("S002", f"{t} 没有“{col}”这一栏", (*base, row, col)))
    for row in data.lines:
        if row not in tdef.rows:
            st.problems.append(Problem("S002", f"{t} 没有“{row}”这一行", (*base, row)))


BUILDERS = {
    "classified": build_classified,
    "balance": build_balance,
    "economic": build_economic,
    "grid": build_grid,
}

"""Figures read from a published PDF → the ``tables`` of an input document for a profile.

Where a figure goes is not hard-coded: the profile's own (empty) document is laid
out by the caller, and each of its printed cells knows which input line and column
it is (``Slots``).  A figure read under the same table, row and column heading goes
to that input slot.  Labels printed differently ("（含专用结余）" suffixes, "一、"
numbering, another year's class list) are matched after removing numbering and
remarks; column headings by their words.  What still has no place is listed, never
silently dropped.

A table is matched by its title and its header — never by its ``公开0N表`` label
alone: a 部门预算 prints the same labels over 预算 tables.  A table the PDF does
not hold is written as missing (``missing:``), never as a table of zeros.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from generator.compute.cells import Key
from generator.document.figures import DocumentFigures, TableFigures, clean
from generator.profiles import codes
from generator.profiles.schema import Profile, TableDef
from generator.tables.base import TOTAL
from generator.tables.registry import kind_of

CENT = Decimal("0.01")
ENUMERATION = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])")
REMARK = re.compile(r"（[^）]*）$|\([^)]*\)$")
SYNONYMS = {
    "公务用车运行维护费": "公务用车运行费",
    "公务用车购置及运行维护费": "公务用车购置及运行费",
}
KIND_WORD = re.compile(r"(决算|预算)")


@dataclass
class Slots:
    """One profile table: its printed (row, column) keys → input (line, column)."""

    tdef: TableDef
    keys: dict[tuple[str, str], Key]
    columns: dict[str, str] = field(default_factory=dict)  # header path → column id (classified)


def match_tables(figures: DocumentFigures, profile: Profile) -> dict[str, TableFigures]:
    """Profile table id → the table read from the PDF: the same title, else the most similar
    title saying the same kind (决算/预算: "财政拨款“三公”经费支出决算表" for a
    "一般公共预算…" title, never "…预算表" for "…决算表").  The ``公开0N`` label only
    breaks a tie between titles; alone it matches nothing."""
    left = dict(figures.tables)
    out: dict[str, TableFigures] = {}
    for tdef in profile.tables:
        found = next((n for n, t in left.items() if clean(t.title) == clean(tdef.title)), None)
        if found:
            out[tdef.id] = left.pop(found)
    for tdef in profile.tables:
        if tdef.id in out or not left:
            continue
        label = (tdef.label or "").replace("表", "")
        scored = [
            (_similar(t.title, tdef.title), n == label, n)
            for n, t in left.items()
            if _kind_word(t.title) == _kind_word(tdef.title)
        ]
        if scored:
            score, _, name = max(scored)
            if score >= 0.8:
                out[tdef.id] = left.pop(name)
    return out


def _kind_word(title: str) -> str:
    found = KIND_WORD.findall(clean(title).removesuffix("总表").removesuffix("表"))
    return found[-1] if found else ""


def header_agrees(read: TableFigures, slots: Slots) -> bool:
    """Whether some printed column heading is one of the profile table's columns."""
    paths = list(slots.columns) or _columns(slots)
    return any(column_match(column, paths) for column in read.columns)


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, clean(a), clean(b)).ratio()


def norm_label(label: str) -> str:
    """A row label without numbering ("一、"), remarks ("（含专用结余）") or the line it falls
    under ("年初财政拨款结转和结余/…"): what stays the same between layouts."""
    last = label.rsplit("/", 1)[-1]
    return REMARK.sub("", ENUMERATION.sub("", last))


def occurrences(figures: TableFigures) -> dict[tuple[str, str, int], str]:
    """(normalised label, column, n-th time in that column) → the printed row key."""
    counts: Counter[tuple[str, str]] = Counter()
    out: dict[tuple[str, str, int], str] = {}
    for row in figures.rows:
        for column in figures.columns:
            if (row, column) not in figures.cells and (row, column) not in figures.keys:
                continue
            name = norm_label(row)  # "" too: 公开07's one row has no label
            n = counts[(name, column)]
            counts[(name, column)] += 1
            out[(name, column, n)] = row
    return out


def column_match(path: str, candidates: list[str]) -> str | None:
    """The profile's column for a printed header path: the same path, else the one candidate
    sharing the most heading words where one path's words contain the other's (合计 and
    小计 count as one word: "本年支出/小计" ↔ "合计"), else the only column on that side
    ("收入/决算数" ↔ "收入/金额")."""
    if path in candidates:
        return path
    words = _words(path)
    scored = []
    for candidate in candidates:
        need = _words(candidate)
        if need <= words or words <= need:
            scored.append((len(need & words), candidate))
    scored.sort(reverse=True)
    if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    side = [c for c in candidates if "/" in c and c.split("/")[0] == path.split("/")[0]]
    return side[0] if len(side) == 1 else None


def _words(path: str) -> set[str]:
    total = {"小计": "合计"}
    return {total.get(SYNONYMS.get(w, w), SYNONYMS.get(w, w)) for w in path.split("/")}


# --- tables --------------------------------------------------------------------------------


def amount(value: Decimal) -> Decimal:
    return value.quantize(CENT)


def classified_input(read: TableFigures, slots: Slots, notes: list[str]) -> dict[str, Any]:
    """功能分类 tables: every printed row by 科目编码 (类 and 款 subtotals too) and the 合计."""
    paths = list(slots.columns)
    rows: list[dict[str, Any]] = []
    total: dict[str, Decimal] = {}
    lost: Counter[str] = Counter()
    for row in read.rows:
        values: dict[str, Decimal] = {}
        for column in read.columns:
            value = read.cells.get((row, column))
            if value is None:
                continue
            path = column_match(column, paths)
            if path is None:
                lost[column] += 1
                continue
            values[slots.columns[path]] = amount(value)
        if row == TOTAL:
            total = values
        elif codes.is_code(row):
            entry: dict[str, Any] = {"code": row}
            if read.names.get(row):
                entry["name"] = read.names[row]
            rows.append({**entry, **values})
        elif values:
            notes.append(f"{slots.tdef.id}：行“{row}”不是科目编码，未写入")
    notes += [
        f"{slots.tdef.id}：列“{column}”在 profile 中没有对应的列，{n} 个数字未写入"
        for column, n in lost.items()
    ]
    out: dict[str, Any] = {}
    if rows:
        out["rows"] = rows
    if total:
        out[TOTAL] = total
    return out


def lines_input(read: TableFigures, slots: Slots, notes: list[str]) -> dict[str, Any]:
    """Balance, economic and grid tables: each printed figure to the line its label names."""
    mine = occurrences(
        TableFigures(slots.tdef.id, "", rows=_rows(slots), columns=_columns(slots), keys=slots.keys)
    )
    theirs = occurrences(read)
    lines: dict[str, dict[str, Decimal]] = {}
    for (name, column, n), row in theirs.items():
        value = read.cells.get((row, column))
        if value is None:
            continue
        key = _slot(slots, mine, name, column, n)
        if key is None:
            notes.append(
                f"{slots.tdef.id}：“{row}”（{column}）在 profile 中没有对应的行或列，未写入"
            )
            continue
        _, line, col = key
        lines.setdefault(line, {})[col] = amount(value)
    return {"lines": _collapse(lines, slots.tdef)} if lines else {}


def _rows(slots: Slots) -> list[str]:
    return list(dict.fromkeys(row for row, _ in slots.keys))


def _columns(slots: Slots) -> list[str]:
    return list(dict.fromkeys(column for _, column in slots.keys))


def _slot(
    slots: Slots, mine: dict[tuple[str, str, int], str], name: str, column: str, n: int
) -> Key | None:
    """The profile cell for the n-th printed row called ``name`` under header ``column``."""
    candidates = sorted({c for (nm, c, k) in mine if nm == name and k == n})
    path = column_match(column, candidates)
    if path is None:
        return None
    return slots.keys.get((mine[(name, path, n)], path))


def _collapse(lines: dict[str, dict[str, Decimal]], tdef: TableDef) -> dict[str, Any]:
    """A line of one figure (a one-column side, a 公开06 code) is a plain number, as people
    type it."""
    one_figure = kind_of(tdef).one_figure
    out: dict[str, Any] = {}
    for line, values in lines.items():
        if one_figure(tdef, line) and len(values) == 1:
            out[line] = next(iter(values.values()))
        else:
            out[line] = values
    return out


def tables_input(
    figures: DocumentFigures, profile: Profile, slots: dict[str, Slots], notes: list[str]
) -> dict[str, Any]:
    """Every profile table from the figures read; a table not found is written as missing."""
    found = match_tables(figures, profile)
    out: dict[str, Any] = {}
    for tdef in profile.tables:
        read = found.get(tdef.id)
        if read is not None and not header_agrees(read, slots[tdef.id]):
            notes.append(f"{tdef.id}：PDF 中“{read.title}”的表头与 profile 的列不符，未读取")
            read = None
        if read is None:
            notes.append(f"PDF 中未找到 {tdef.id}（{tdef.title}），该表记为缺失")
            out[tdef.id] = {"missing": f"PDF 中未找到“{tdef.title}”"}
            continue
        if kind_of(tdef).ROWS_BY_CODE:
            out[tdef.id] = classified_input(read, slots[tdef.id], notes)
        else:
            out[tdef.id] = lines_input(read, slots[tdef.id], notes)
    return out

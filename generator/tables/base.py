"""What every table kind shares: the structure the views print from, problems, scaling."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from generator.compute.cells import PathKey, Sum
from generator.model.amounts import WAN
from generator.profiles.schema import Column

TOTAL = "合计"
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
    """Input the layout cannot place, as data; ``check`` assigns the rule (schema group).

    ``what``: shape (one value where the layout has several, or the reverse),
    not_in_layout (a table, row or column the layout lacks), bad_code (a 科目编码
    not of 3/5/7 digits), duplicate_code, unknown_economic (an 经济分类 item the
    layout's catalog lacks).
    """

    what: Literal["shape", "not_in_layout", "bad_code", "duplicate_code", "unknown_economic"]
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


def scale(value: Decimal | None, unit: str) -> Decimal | None:
    """A figure typed in 元 into the 万元 the tables print."""
    if value is None:
        return None
    return value / WAN if unit == "元" else value


def column_formula(table: str, row: str, col: Column) -> Sum:
    """A computed column of one row (本年收入合计 = Σ 各栏)."""
    return Sum(
        tuple((table, row, c) for c in col.sum),
        tuple((table, row, c) for c in col.minus),
    )

"""A small spreadsheet: every figure of the report is a cell with a formula.

A cell is a typed leaf, a signed sum of other cells, or a reference to a cell
of another table.  Where the input also *states* a figure for a computed
cell, both are kept: checks compare them, and the printed figure is the
stated one when it agrees within tolerance (published totals are roundings of
exact 元 data), the computed one otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generator.errors import UserError
from generator.model.amounts import round2

Key = tuple[str, str, str]  # (table, row, column)
PathKey = tuple[str | int, ...]

DEFAULT_TOLERANCE = Decimal("0.01")


@dataclass(frozen=True)
class Leaf:
    value: Decimal | None


@dataclass(frozen=True)
class Sum:
    plus: tuple[Key, ...]
    minus: tuple[Key, ...] = ()


@dataclass(frozen=True)
class Ref:
    target: Key


Formula = Leaf | Sum | Ref


@dataclass
class Cell:
    key: Key
    formula: Formula
    computed: Decimal | None
    stated: Decimal | None
    path: PathKey | None
    tolerance: Decimal

    @property
    def exact(self) -> Decimal | None:
        """What sums above this cell use: the computed figure, else what was typed."""
        return self.computed if self.computed is not None else self.stated

    @property
    def difference(self) -> Decimal:
        """Stated minus computed, exact (rules.md: 0.009 is rounding, 0.011 is not)."""
        if self.stated is None or self.computed is None:
            return Decimal(0)
        return self.stated - self.computed

    @property
    def agrees(self) -> bool:
        return abs(self.difference) <= self.tolerance

    @property
    def shown(self) -> Decimal | None:
        """The figure printed, rounded to cents."""
        if self.stated is not None and (self.computed is None or self.agrees):
            return round2(self.stated)
        return None if self.computed is None else round2(self.computed)

    @property
    def typed(self) -> bool:
        return isinstance(self.formula, Leaf)


@dataclass
class Sheet:
    """All formulas and stated figures of a report, evaluated lazily and once."""

    tolerance: Decimal = DEFAULT_TOLERANCE
    formulas: dict[Key, Formula] = field(default_factory=dict)
    stated: dict[Key, Decimal] = field(default_factory=dict)
    paths: dict[Key, PathKey] = field(default_factory=dict)
    _cells: dict[Key, Cell] = field(default_factory=dict)
    _active: set[Key] = field(default_factory=set)

    def define(self, key: Key, formula: Formula, path: PathKey | None = None) -> None:
        self.formulas[key] = formula
        if path is not None:
            self.paths[key] = path

    def state(self, key: Key, value: Decimal | None, path: PathKey) -> None:
        """Record a figure the input states for a cell (typed leaf or pasted total)."""
        if value is None:
            return
        self.stated[key] = value
        self.paths[key] = path

    def has(self, key: Key) -> bool:
        return key in self.formulas

    def cell(self, key: Key) -> Cell:
        if key in self._cells:
            return self._cells[key]
        if key in self._active:
            raise UserError(f"profile 中的公式循环引用：{'/'.join(key)}")
        formula = self.formulas.get(key, Leaf(None))
        self._active.add(key)
        try:
            computed = self._evaluate(formula)
        finally:
            self._active.discard(key)
        cell = Cell(
            key=key,
            formula=formula,
            computed=computed,
            stated=self.stated.get(key),
            path=self.paths.get(key),
            tolerance=self.tolerance,
        )
        self._cells[key] = cell
        return cell

    def _evaluate(self, formula: Formula) -> Decimal | None:
        if isinstance(formula, Leaf):
            return formula.value
        if isinstance(formula, Ref):
            # The other table's figure as it stands there: its typed total when that
            # agrees (what it prints, before rounding), else what it computes.
            target = self.cell(formula.target)
            if target.stated is not None and target.agrees:
                return target.stated
            return target.exact
        total: Decimal | None = None
        for keys, sign in ((formula.plus, 1), (formula.minus, -1)):
            for key in keys:
                value = self.cell(key).exact
                if value is not None:
                    total = (total or Decimal(0)) + sign * value
        return total

    def value(self, table: str, row: str, column: str) -> Decimal | None:
        return self.cell((table, row, column)).shown

    def cells(self) -> list[Cell]:
        return [self.cell(key) for key in self.formulas]

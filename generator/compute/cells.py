"""A small spreadsheet: every figure of the report is a cell with a formula.

A cell is a typed leaf, a signed sum of other cells, or a reference to a cell
of another table.  Where the input also *states* a figure for a computed
cell, both are kept: checks compare them, and the printed figure is the
stated one when it agrees within rounding, the computed one otherwise.

The rounding model (rules.md): every printed 万元 figure is a rounding (to
0.01) of exact 元 data.  A stated total over n rounded addends may differ from
their sum by n × 0.005, and itself by another 0.005, so it agrees when
|difference| ≤ (n + 1) × 0.005.  A reference to a figure printed elsewhere is
the same rounding of the same exact value: it agrees only when equal.  An
input in 元 is exact (bound 0); a fixed ``tolerance`` (``--tolerance``)
overrides the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generator.errors import UserError
from generator.model.amounts import round2

Key = tuple[str, str, str]  # (table, row, column)
PathKey = tuple[str | int, ...]

DEFAULT_TOLERANCE: Decimal | None = None  # None: the rounding model
HALF_CENT = Decimal("0.005")


def rounding_bound(roundings: int) -> Decimal:
    """How far a rounded total may lie from the sum of ``roundings`` rounded addends.

    One addend is the total's own exact value rounded the same way: no room at all.
    """
    return (roundings + 1) * HALF_CENT if roundings > 1 else Decimal(0)


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
    tolerance: Decimal | None  # a fixed bound (--tolerance, or 0 for 元 inputs), else the model
    roundings: int = 0  # rounded figures summed into ``computed``
    quotes_printed: bool = False  # a Ref whose target prints its own stated figure
    corrected: bool = False  # see ``Sheet.corrected``

    @property
    def bound(self) -> Decimal:
        """The largest |stated − computed| that is rounding, not an error."""
        if self.tolerance is not None:
            return self.tolerance
        if isinstance(self.formula, Ref) and self.quotes_printed:
            return Decimal(0)
        return rounding_bound(self.roundings)

    @property
    def exact(self) -> Decimal | None:
        """What sums above this cell use: the computed figure, else what was typed.

        A line quoted from another table (a Ref) that differs from its source sums as
        this table prints it, so the difference is reported once (X001), not again
        in every total of this table above it.
        """
        if self._differs_from_source:
            return self.stated
        return self.computed if self.computed is not None else self.stated

    @property
    def difference(self) -> Decimal:
        """Stated minus computed, exact (rules.md: 0.009 is rounding, 0.011 is not)."""
        if self.stated is None or self.computed is None:
            return Decimal(0)
        return self.stated - self.computed

    @property
    def _differs_from_source(self) -> bool:
        """A quoted line printed as its source while summed as stated (not when corrected)."""
        return (
            isinstance(self.formula, Ref)
            and self.stated is not None
            and not self.agrees
            and not self.corrected
        )

    @property
    def agrees(self) -> bool:
        return abs(self.difference) <= self.bound

    @property
    def shown(self) -> Decimal | None:
        """The figure printed, rounded to cents."""
        if self.stated is not None and (self.computed is None or self.agrees):
            return round2(self.stated)
        return None if self.computed is None else round2(self.computed)

    @property
    def typed(self) -> bool:
        return isinstance(self.formula, Leaf)


def _roundings(cell: Cell) -> int:
    """Rounded figures inside what ``cell.exact`` contributes to a sum above it."""
    if cell.computed is None or cell._differs_from_source:
        return 0 if cell.stated is None else 1
    return cell.roundings


@dataclass
class Sheet:
    """All formulas and stated figures of a report, evaluated lazily and once."""

    tolerance: Decimal | None = DEFAULT_TOLERANCE
    # A build of an unmodified extract (``app.build``): the rebuilt report prints a quoted
    # line that contradicts its source as the source, so every total above it sums that
    # figure too (and is corrected in turn where it no longer agrees).  Otherwise the line
    # sums as stated, so ``check`` reports the contradiction once, not in every total.
    corrected: bool = False
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
            computed, roundings, quotes = self._evaluate(formula)
        finally:
            self._active.discard(key)
        cell = Cell(
            key=key,
            formula=formula,
            computed=computed,
            stated=self.stated.get(key),
            path=self.paths.get(key),
            tolerance=self.tolerance,
            roundings=roundings,
            quotes_printed=quotes,
            corrected=self.corrected,
        )
        self._cells[key] = cell
        return cell

    def _evaluate(self, formula: Formula) -> tuple[Decimal | None, int, bool]:
        """The figure, how many rounded figures it sums, and whether it quotes a printed one."""
        if isinstance(formula, Leaf):
            return formula.value, 0 if formula.value is None else 1, False
        if isinstance(formula, Ref):
            # The other table's figure as it stands there: its typed total when that
            # agrees (what it prints, before rounding), else what it computes.
            target = self.cell(formula.target)
            if target.stated is not None and target.agrees:
                return target.stated, 1, True
            return target.exact, _roundings(target), False
        total: Decimal | None = None
        roundings = 0
        for keys, sign in ((formula.plus, 1), (formula.minus, -1)):
            for key in keys:
                cell = self.cell(key)
                value = cell.exact
                if value is not None:
                    total = (total or Decimal(0)) + sign * value
                    roundings += _roundings(cell)
        return total, roundings, False

    def value(self, table: str, row: str, column: str) -> Decimal | None:
        return self.cell((table, row, column)).shown

    def cells(self) -> list[Cell]:
        return [self.cell(key) for key in self.formulas]

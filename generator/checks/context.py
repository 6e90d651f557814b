"""What every check needs: the computed report, where each figure was typed, the options."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from generator.checks.findings import Figures, Finding, Rule, Severity
from generator.compute.cells import (
    DEFAULT_TOLERANCE,
    Cell,
    Key,
    PathKey,
    Ref,
    rounding_bound,
)
from generator.compute.computed import Computed
from generator.errors import Location
from generator.formats.yaml_input.source import SourceMap, format_path
from generator.model.amounts import round2
from generator.tables.base import TOTAL

SCORE_ROUNDING = Decimal("0.01")


@dataclass
class CheckOptions:
    tolerance: Decimal | None = DEFAULT_TOLERANCE  # None: the rounding model
    missing_reason: Severity = Severity.ERROR
    strict: bool = False
    select: set[str] = field(default_factory=set)
    ignore: set[str] = field(default_factory=set)


@dataclass
class CheckContext:
    computed: Computed
    sources: SourceMap
    file: str
    options: CheckOptions = field(default_factory=CheckOptions)

    @property
    def profile(self):
        return self.computed.profile

    @property
    def report(self):
        return self.computed.report

    def locate(self, path: Iterable[str | int] | None) -> Location:
        """Where to look: the exact key if it was written, else its nearest written parent
        (and, in an extracted input, the page of the published PDF it was read from)."""
        path = tuple(path or ())
        found = self.sources.find(path)
        pages = self.pdf_pages(path)
        if found is None:
            return Location(self.file, format_path(path) or None, pdf_pages=pages)
        if found.sheet:  # a workbook: the cell is the answer
            return found
        return Location(found.file, format_path(path) or found.path, found.line, pdf_pages=pages)

    def pdf_pages(self, path: tuple[str | int, ...]) -> tuple[int, ...]:
        """The published PDF's pages of a table (while its figures are the PDF's) or of a
        公开文本 section (the text is never printed: it always is the PDF's)."""
        source = self.report.source
        if source is None or len(path) < 2:
            return ()
        if path[0] == "tables" and self.report.unmodified_extract:
            return tuple(source.table_pages.get(str(path[1]), ()))
        if path[:2] == ("narrative", "公开文本") and len(path) > 2:
            return tuple(source.text_pages.get(str(path[2]), ()))
        return ()

    def locate_cell(self, key: Key) -> Location:
        path: PathKey | None = self.computed.sheet.paths.get(key)
        if path is None:
            path = ("tables", key[0], key[1]) if key[1] == TOTAL else ("tables", key[0])
        return self.locate(path)

    def finding(
        self,
        rule: Rule,
        message: str,
        location: Location,
        group: str = "",
        severity: Severity | None = None,
        figures: Figures | None = None,
        key: Key | None = None,
    ) -> Finding:
        return Finding(rule.code, severity or rule.severity, message, location, group, figures, key)

    def bound(self, roundings: int) -> Decimal:
        """The rounding bound for ``roundings`` rounded figures (rules.md), or --tolerance."""
        if self.options.tolerance is not None:
            return self.options.tolerance
        if self.computed.sheet.tolerance is not None:  # an input in 元: exact
            return self.computed.sheet.tolerance
        return rounding_bound(roundings)

    @property
    def score_bound(self) -> Decimal:
        """Scores print two decimals; a total within a hundredth of its parts is rounding."""
        return self.options.tolerance if self.options.tolerance is not None else SCORE_ROUNDING

    @staticmethod
    def rounding_severity(diff: Decimal, bound: Decimal) -> Severity | None:
        """≤ bound is rounding (info), above it an error; no difference, no finding."""
        if diff == 0:
            return None
        return Severity.INFO if diff <= bound else Severity.ERROR

    @cached_property
    def missing_tables(self) -> dict[str, list[str]]:
        """Tables of the layout the input lacks, and what that leaves unchecked: a table
        the input marks ``missing`` (extract: not in the PDF), or one with no figure and
        no statement (not even the profile's) from which another table's figures come."""
        said = {t.id for t in self.profile.tables if self.computed.is_missing(t.id)}
        empty = said | {
            t.id
            for t in self.profile.tables
            if self.computed.is_empty(t.id)
            and not t.empty_statement
            and not getattr(self.report.tables.get(t.id), "statement", None)
        }
        out: dict[str, list[str]] = {t: [] for t in said}  # the input says so (extract)
        if not empty:
            return out
        for cell in self.computed.sheet.cells():
            target = cell.formula.target if isinstance(cell.formula, Ref) else None
            if target is not None and target[0] in empty and cell.stated:
                out.setdefault(target[0], []).append(
                    f"{cell.key[0]} {cell.key[1]} {cell.key[2]} 与 {target[0]} 的核对（X001）"
                )
        for identity in self.profile.checks.identities:
            for side, other in ((identity.left, identity.right), (identity.right, identity.left)):
                tables = {ref.split("/", 1)[0] for ref in other}
                if len(tables) == 1 and tables <= empty and any(self.value(r) for r in side):
                    out.setdefault(tables.pop(), []).append(f"{identity.label}（X002/B002）")
        return out

    def cell(self, ref: str) -> Cell | None:
        """A "table/row/column" reference to a cell of this year's sheet."""
        table, row, column = ref.split("/", 2)
        key = (table, row, column)
        sheet = self.computed.sheet
        return sheet.cell(key) if sheet.has(key) else None

    def value(self, ref: str) -> Decimal:
        cell = self.cell(ref)
        return (cell.shown if cell else None) or Decimal(0)

    def prior_value(self, ref: str) -> Decimal | None:
        prior = self.computed.prior
        if prior is None:
            return None
        table, row, column = ref.split("/", 2)
        return prior.value(table, row, column)


def cents(value: Decimal | None) -> Decimal:
    return round2(value or Decimal(0))

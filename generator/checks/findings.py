"""Findings and the rule registry.

Every rule has a stable code, a group, a default severity, a one-line
summary and an example, declared next to its code with ``@rule``; the
``--list-rules`` output and docs/rules.md are generated from this registry so
they cannot drift from what runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from generator.compute.cells import Key
from generator.errors import Location
from generator.narrative.numbers import money

if TYPE_CHECKING:
    from generator.checks.context import CheckContext


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Figures:
    """The numbers a finding is about, as data: tools and HTML views never parse messages.

    ``difference`` is actual − expected; ``addends`` and ``bound`` say which
    rounding bound applied (n rounded addends, (n + 1) × 0.005).
    """

    expected: Decimal | None
    actual: Decimal | None
    unit: str = "万元"
    addends: int | None = None
    bound: Decimal | None = None

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "expected": _text(self.expected),
            "actual": _text(self.actual),
            "difference": (
                _text(self.actual - self.expected)
                if self.expected is not None and self.actual is not None
                else None
            ),
            "unit": self.unit,
        }
        if self.addends is not None:
            out["addends"] = self.addends
        if self.bound is not None:
            out["bound"] = _text(self.bound)
        return out


def _text(value: Decimal | None) -> str | None:
    """A decimal string with at least the two decimals money is printed with ("10.00")."""
    if value is None:
        return None
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        value = value.quantize(Decimal("0.01"))
    return f"{value:f}"


@dataclass
class Finding:
    code: str
    severity: Severity
    message: str
    location: Location
    group: str = ""  # table or section the finding belongs to (for grouping output)
    figures: Figures | None = None
    key: Key | None = None  # the table cell a stated-total finding is about
    # an unmodified extract's contradiction a build corrects: the line it prints instead
    correction: str = ""

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "location": self.location.as_dict(),
        }
        if self.figures is not None:
            out["figures"] = self.figures.as_dict()
        if self.correction:
            out["corrected_by_build"] = self.correction
        return out


CheckFn = Callable[["CheckContext"], Iterator[Finding]]


@dataclass
class Rule:
    code: str
    group: str
    severity: Severity
    summary: str
    example: str
    check: CheckFn | None = field(default=None, repr=False)


RULES: dict[str, Rule] = {}


def rule(code: str, group: str, severity: Severity, summary: str, example: str) -> Rule:
    """Declare a rule; decorate the check function that produces its findings."""
    if code in RULES:
        raise ValueError(f"duplicate rule code {code}")
    entry = Rule(code, group, severity, summary, example)
    RULES[code] = entry
    return entry


def implements(*rules: Rule) -> Callable[[CheckFn], CheckFn]:
    """Attach one check function to the rules whose findings it yields."""

    def decorate(fn: CheckFn) -> CheckFn:
        for r in rules:
            r.check = fn
        return fn

    return decorate


def difference(expected: Decimal, actual: Decimal) -> str:
    """ "应为 X，实际 Y，相差 Z" — both figures and the difference, as rules.md asks."""
    return f"应为 {money(expected)}，实际 {money(actual)}，相差 {money(abs(actual - expected))}"

"""How figures read in sentences: 万元 amounts, percentages, and changes.

Every sentence computes from the *printed* figures (cents), so the words
"增加276,443.77万元" always equal the difference of the two printed numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from generator.model.amounts import fmt_money

HUNDRED = Decimal(100)


class NotAnAmount(ValueError):
    """A typed text where a sentence needs an amount (a free fact typed as words):
    the input's fault, so the writer turns it into a located input error."""

    def __init__(self, value: object) -> None:
        super().__init__(value)
        self.value = value


def money(value: Decimal | None) -> str:
    """Amounts in sentences always show a figure: 0 reads "0.00"."""
    if isinstance(value, str):  # (a template's undefined figure still raises as undefined)
        raise NotAnAmount(value)
    return fmt_money(value or Decimal(0), zero="0.00")


def plain(value: Decimal | None) -> str:
    """A score as published: 95, 99.1, 94.37 (no padding zeros)."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(value: Decimal | None, decimals: int = 1, strip: bool = True) -> str:
    """0.3155 → "31.6" (percent points, no sign); trailing ".0" dropped when ``strip``."""
    if value is None:
        return ""
    q = Decimal(1).scaleb(-decimals)
    text = f"{(value * HUNDRED).quantize(q, rounding=ROUND_HALF_UP):f}"
    if strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def ratio(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if not whole:
        return None
    return (part or Decimal(0)) / whole


@dataclass(frozen=True)
class Change:
    """Year-on-year (or against budget) change between two printed figures."""

    current: Decimal
    base: Decimal | None

    @property
    def known(self) -> bool:
        return self.base is not None

    @property
    def delta(self) -> Decimal:
        return self.current - (self.base or Decimal(0))

    @property
    def amount(self) -> Decimal:
        return abs(self.delta)

    @property
    def word(self) -> str:
        """增加 / 减少 / 持平."""
        return "增加" if self.delta > 0 else "减少" if self.delta < 0 else "持平"

    @property
    def rate_word(self) -> str:
        """增长 / 下降 / 持平."""
        return "增长" if self.delta > 0 else "下降" if self.delta < 0 else "持平"

    @property
    def compare(self) -> str:
        """大于 / 小于 / 等于 (决算数 versus 预算数)."""
        return "大于" if self.delta > 0 else "小于" if self.delta < 0 else "等于"

    @property
    def rate(self) -> Decimal | None:
        """Relative change; None from a zero base (never divide by zero)."""
        if not self.base:
            return None
        return self.delta.copy_abs() / self.base.copy_abs()

    @property
    def zero_base(self) -> bool:
        return not self.base

    @property
    def flat(self) -> bool:
        return self.delta == 0

    def significant(self, threshold: Decimal) -> bool:
        """Does this change need a reason (≥ threshold, or from/to zero)?"""
        if self.flat:
            return False
        if not self.base or not self.current:
            return True
        rate = self.rate
        return rate is not None and rate >= threshold

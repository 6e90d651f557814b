"""Money as Decimal, and the forgiving parser for amounts typed or pasted by people.

Finance exports arrive with thousands separators, full-width digits, "-" for
zero and numbers stored as text.  All of it is normalised here, once; anything
still not a number is rejected with the original text so the user can find it.

Every number a user gives is bounded here too: below 10^15 in magnitude and at
most 10 decimal places.  That is far beyond any department's accounts and
keeps every sum and rounding exact within Decimal's 28 digits (1e60 or a
30-digit figure used to stop the build with InvalidOperation).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

from generator.text import shown

CENT = Decimal("0.01")
WAN = Decimal(10000)

FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
_EMPTY = {"", "-", "—", "–", "－", "——"}
# Typed to say "there is none" (declared none): read as zero, never as a missing value.
NONE_WORDS = {"无", "无。", "没有", "无此项"}


def is_none_word(value: object) -> bool:
    return isinstance(value, str) and value.strip() in NONE_WORDS


MAX_MAGNITUDE = Decimal(10) ** 15
MAX_DECIMALS = 10
FLOAT_PLACES = Decimal(1).scaleb(-MAX_DECIMALS)  # a spreadsheet float's binary noise lies below


def within_limits(number: Decimal, raw: object = None, what: str = "金额") -> Decimal:
    """``number`` if a report can hold it; otherwise a message that states the limit."""
    written = shown(number if raw is None else raw)
    if not number.is_finite():
        raise ValueError(f"不是{what}：{written}")
    if abs(number) >= MAX_MAGNITUDE:
        raise ValueError(f"{what}超出范围：{written}，绝对值须小于 10^15（1,000,000,000,000,000）")
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        raise ValueError(
            f"{what}的小数位过多：{written} 有 {-exponent} 位小数，最多 {MAX_DECIMALS} 位"
        )
    return number


def limited_number(number: Decimal) -> Decimal:
    """For figures that are not money (scores, weights, facts): the magnitude bound.

    Their precision is the user's (a published ratio may have 20 places); only
    the magnitude can break a sum or a rounding.
    """
    if not number.is_finite():
        raise ValueError(f"不是数值：{shown(number)}")
    if abs(number) >= MAX_MAGNITUDE:
        raise ValueError(
            f"数值超出范围：{shown(number)}，绝对值须小于 10^15（1,000,000,000,000,000）"
        )
    return number


def limited_integer(number: int) -> int:
    """A count or an integer fact: the same magnitude bound as any figure, so a
    30-digit integer is refused where it is typed, not when a sentence formats it."""
    if abs(number) >= MAX_MAGNITUDE:
        raise ValueError(
            f"数值超出范围：{shown(number)}，绝对值须小于 10^15（1,000,000,000,000,000）"
        )
    return number


def parse_amount(value: object) -> Decimal | None:
    """Read an amount; None means an empty cell (printed blank or 0.00 by profile)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"不是金额：{shown(value)}")
    if isinstance(value, Decimal):
        return within_limits(value)
    if isinstance(value, int):
        if value.bit_length() > 64:  # far past the limit; never build a huge Decimal
            raise ValueError(
                f"金额超出范围：{shown(value)}，绝对值须小于 10^15（1,000,000,000,000,000）"
            )
        return within_limits(Decimal(value))
    if isinstance(value, float):
        # Floats only reach us from spreadsheets; their repr is the shortest
        # decimal that round-trips, which is what the user typed (a formula's
        # 873.6300000000001 is cut back to 10 places: below is binary noise).
        number = Decimal(repr(value))
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -MAX_DECIMALS and abs(number) < MAX_MAGNITUDE:
            number = number.quantize(FLOAT_PLACES, rounding=ROUND_HALF_UP).normalize()
            number = number if number.as_tuple().exponent <= 0 else number.quantize(Decimal(1))
        return within_limits(number, value)
    if isinstance(value, str):
        text = value.strip().translate(FULLWIDTH).replace(",", "").replace(" ", "")
        text = text.replace("\u00a0", "")
        if text in _EMPTY:
            return None
        if text in NONE_WORDS:
            return Decimal(0)
        if re.fullmatch(r"\(\d+(\.\d+)?\)", text):  # accounting negative
            text = "-" + text[1:-1]
        if len(text) > 60:
            raise ValueError(f"不是金额：{shown(value)}")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"不是金额：{shown(value)}") from None
        return within_limits(number, value)
    raise ValueError(f"不是金额：{shown(value)}")


Amount = Annotated[Decimal | None, BeforeValidator(parse_amount)]
Number = Annotated[Decimal, AfterValidator(limited_number)]  # a non-money figure from a user
Integer = Annotated[int, AfterValidator(limited_integer)]


def parse_count(value: object) -> object:
    """A count (车辆, 批次, 团组): "无" declares none (0); anything else as pydantic reads it."""
    if is_none_word(value):
        return 0
    if isinstance(value, str) and not value.strip():
        return None
    return value


Count = Annotated[Integer | None, BeforeValidator(parse_count)]


def round2(value: Decimal) -> Decimal:
    """Round half up to cents, as 财政 systems do (never banker's rounding)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt_money(value: Decimal | None, *, zero: str = "", decimals: int = 2) -> str:
    """364062.4 → '364,062.40'.  ``zero`` is what an empty/zero cell shows."""
    if value is None or value == 0:
        return zero
    q = Decimal(1).scaleb(-decimals)
    return f"{value.quantize(q, rounding=ROUND_HALF_UP):,.{decimals}f}"

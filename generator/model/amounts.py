"""Money as Decimal, and the forgiving parser for amounts typed or pasted by people.

Finance exports arrive with thousands separators, full-width digits, "-" for
zero and numbers stored as text.  All of it is normalised here, once; anything
still not a number is rejected with the original text so the user can find it.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated

from pydantic import BeforeValidator

CENT = Decimal("0.01")
WAN = Decimal(10000)

FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
_EMPTY = {"", "-", "—", "–", "－", "——"}


def parse_amount(value: object) -> Decimal | None:
    """Read an amount; None means an empty cell (printed blank or 0.00 by profile)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"不是金额：{value!r}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # Floats only reach us from spreadsheets; their repr is the shortest
        # decimal that round-trips, which is what the user typed.
        return Decimal(repr(value))
    if isinstance(value, str):
        text = value.strip().translate(FULLWIDTH).replace(",", "").replace(" ", "")
        text = text.replace("\u00a0", "")
        if text in _EMPTY:
            return None
        if re.fullmatch(r"\(\d+(\.\d+)?\)", text):  # accounting negative
            text = "-" + text[1:-1]
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"不是金额：{value!r}") from None
        if not number.is_finite():
            raise ValueError(f"不是金额：{value!r}")
        return number
    raise ValueError(f"不是金额：{value!r}")


Amount = Annotated[Decimal | None, BeforeValidator(parse_amount)]


def round2(value: Decimal) -> Decimal:
    """Round half up to cents, as 财政 systems do (never banker's rounding)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt_money(value: Decimal | None, *, zero: str = "", decimals: int = 2) -> str:
    """364062.4 → '364,062.40'.  ``zero`` is what an empty/zero cell shows."""
    if value is None or value == 0:
        return zero
    q = Decimal(1).scaleb(-decimals)
    return f"{value.quantize(q, rounding=ROUND_HALF_UP):,.{decimals}f}"

"""Text that leaves the program: one line, no control characters, long values elided.

Messages quote what the user typed, and PDF metadata, file names and the
terminal all break on what people paste: a NUL, a newline, 4 KB of a cell.
These helpers make any value fit where it goes; they never change the
document's own text (the PDF and XLSX print user text as typed).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

ELLIPSIS = "…"
VALUE_WIDTH = 40  # characters of a quoted value in a message
MESSAGE_WIDTH = 300  # a whole message line

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_BREAKS = re.compile(r"[\r\n\t\v\f]+")


def without_controls(text: str) -> str:
    """Drop control characters (C0, C1, NUL) and direction/format marks.

    Bidi controls (U+202A–U+202E, U+2066–U+2069) are dropped too: in a title or
    a file name they reorder what a reader sees.
    """
    text = _BREAKS.sub(" ", text)
    return "".join(
        ch for ch in _CONTROLS.sub("", text) if unicodedata.category(ch) not in ("Cc", "Cf")
    )


def elide(text: str, width: int = VALUE_WIDTH) -> str:
    """``text`` cut to ``width`` characters, the middle replaced by …"""
    if len(text) <= width:
        return text
    head = (width - 1) * 2 // 3
    tail = width - 1 - head
    return text[:head] + ELLIPSIS + (text[-tail:] if tail else "")


def one_line(text: str, width: int = MESSAGE_WIDTH) -> str:
    """A message as one terminal line: breaks become spaces, controls go, length is capped."""
    return elide(without_controls(text).strip(), width)


def shown(value: object, width: int = VALUE_WIDTH) -> str:
    """A value the user wrote, quoted in a message as they would recognise it.

    Never a Python repr (``Decimal('1.0')``, ``{'a': …}``): numbers print as
    numbers, text as text, mappings and lists by their size.
    """
    if value is None:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        text = format(value, "f") if abs(value.adjusted()) < 30 else str(value)
    elif isinstance(value, int):
        digits = int(value.bit_length() * 0.30103) + 1  # str() of a huge int raises
        text = str(value) if digits <= width else f"（约 {digits} 位的整数）"
    elif isinstance(value, float):
        text = repr(value)
    elif isinstance(value, dict):
        return f"（含 {len(value)} 项的键值映射）"
    elif isinstance(value, list | tuple):
        return f"（含 {len(value)} 项的列表）"
    else:
        text = str(value)
    return "“" + elide(without_controls(text), width) + "”"

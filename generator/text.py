"""Text that leaves the program: one line, no control characters, long values elided.

Messages quote what the user typed, and PDF metadata, file names and the
terminal all break on what people paste: a NUL, a newline, 4 KB of a cell.
These helpers make any value fit where it goes.  The document's own text
is printed as typed, less what has no printed form (``printable``).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

ELLIPSIS = "…"
VALUE_WIDTH = 40  # characters of a quoted value in a message
MESSAGE_WIDTH = 300  # a whole message line

_BREAKS = re.compile(r"[\r\n\t\v\f\x85]+")
# control (C0, C1), format (bidi marks, BOM), line/paragraph separators, surrogates, non-characters
_DROPPED = {"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"}


def without_controls(text: str) -> str:
    """Line breaks become spaces; control characters (NUL, C1) and format marks go.

    Bidi controls are format marks too: in a title or a file name they
    reorder what a reader sees.
    """
    text = _BREAKS.sub(" ", text)
    if text.isprintable():
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) not in _DROPPED)


# C0/C1 controls other than line break and tab, bidi embeddings/overrides/isolates and
# marks, the BOM: invisible in print, and bidi controls reorder what a reader sees
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\U00002066-\U00002069\ufeff]"
)


def printable(text: str) -> str:
    """User text for the printed page: as typed, without characters that print nothing
    (a NUL pasted from another system) or that silently reorder the line (U+202E)."""
    return _UNPRINTABLE.sub("", text)


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


_WINDOWS_RESERVED = re.compile(r"^(?:CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$", re.IGNORECASE)
NAME_MAX_CHARS = 100
NAME_MAX_BYTES = 150  # UTF-8; leaves room for a suffix and a temporary's decoration in 255


def file_stem(text: str, fallback: str = "report") -> str:
    """A file name stem that is valid and harmless on Windows and POSIX.

    Letters (CJK included), digits, ``_ . -`` are kept, anything else becomes
    ``_``; no leading dot (hidden, ``..``), no trailing dot or space, no device
    name (CON, NUL, COM1 …), at most 100 characters / 150 bytes.
    """
    stem = re.sub(r"[^\w.\-]+", "_", without_controls(text).strip(". ")).strip("._")
    stem = stem[:NAME_MAX_CHARS]
    while len(stem.encode("utf-8")) > NAME_MAX_BYTES:
        stem = stem[:-1]
    stem = stem.rstrip("._")
    if not stem:
        return fallback
    if _WINDOWS_RESERVED.match(stem.split(".")[0]):
        stem = "_" + stem
    return stem

"""What a 功能分类科目编码 is: 类 (3 digits), 款 (类 + 2), 项 (款 + 2).

The engine, the checks, the readers and the views all ask this module
whether a text is a code, at which level it sits, what its parent is and how
a layout that prints 类 | 款 | 项 in three columns splits or joins it, so
the rule is written once.
"""

from __future__ import annotations

import re

PATTERN = re.compile(r"^\d{3}(\d{2}){0,2}$")
LENGTHS = (3, 5, 7)  # 类, 款, 项
LEVEL_NAMES = ("类", "款", "项")


def is_code(text: str) -> bool:
    """A 3, 5 or 7 digit 科目编码."""
    return bool(PATTERN.match(text))


def level(code: str) -> int:
    """1 类, 2 款, 3 项."""
    return LENGTHS.index(len(code)) + 1


def parent(code: str) -> str | None:
    """The 类 of a 款, the 款 of a 项; a 类 has none."""
    n = level(code)
    return None if n == 1 else code[: LENGTHS[n - 2]]


def ancestors(code: str) -> list[str]:
    """The 类 (and 款) a code falls under, outermost first."""
    return [code[:n] for n in LENGTHS if n < len(code)]


def class_of(code: str) -> str:
    return code[: LENGTHS[0]]


def split(code: str) -> tuple[str, str, str]:
    """类 | 款 | 项 as a split-code layout prints them: 2011301 → 201 | 13 | 01."""
    return code[:3], code[3:5], code[5:7]


def join(parts: list[str]) -> str:
    """The code from 类 | 款 | 项 cells ("201", "13", "01" → "2011301"); blanks end it."""
    out = ""
    for part in parts:
        if not part:
            break
        out += part
    return out


def extends(code: str) -> bool:
    """A 类 or 款 that the next split 款/项 cell continues (a 项 is complete)."""
    return len(code) in LENGTHS[:-1]


HEADER = re.compile(r"^[类款项]$|编码|代码")


def is_code_header(text: str) -> bool:
    """A column header under which 科目编码 are printed (类/款/项, 功能分类科目编码, …代码)."""
    return bool(HEADER.search(text))

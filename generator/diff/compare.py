"""Compare two documents number by number and sentence by sentence.

Cells are matched by (table, row, column) keys, never by page position, so
a table that moved, grew a row or wrapped differently still lines up.
Narrative sections are matched by title and compared sentence by sentence.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from generator.document.figures import DocumentFigures
from generator.model.amounts import round2


@dataclass
class CellDifference:
    table: str
    row: str
    column: str
    a: Decimal | None
    b: Decimal | None

    def as_dict(self) -> dict[str, str]:
        return {
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "a": amount_text(self.a),
            "b": amount_text(self.b),
        }


@dataclass
class TextDifference:
    section: str
    a: str
    b: str

    def as_dict(self) -> dict[str, str]:
        return {"section": self.section, "a": self.a, "b": self.b}


@dataclass
class Comparison:
    a: DocumentFigures
    b: DocumentFigures
    differences: list[CellDifference] = field(default_factory=list)
    text_differences: list[TextDifference] = field(default_factory=list)
    only_in_a: list[str] = field(default_factory=list)  # tables
    only_in_b: list[str] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not (self.differences or self.text_differences or self.only_in_a or self.only_in_b)

    def as_dict(self) -> dict[str, object]:
        return {
            "same": self.same,
            "differences": [d.as_dict() for d in self.differences],
            "text_differences": [t.as_dict() for t in self.text_differences],
        }


def amount_text(value: Decimal | None) -> str:
    return "" if value is None else f"{round2(value):.2f}"


def _differ(a: Decimal | None, b: Decimal | None, tolerance: Decimal) -> bool:
    a0, b0 = a or Decimal(0), b or Decimal(0)
    if a is None and b is None:
        return False
    if (a is None) != (b is None) and a0 == b0 == 0:
        return False  # blank and 0.00 print the same figure
    return abs(round2(a0) - round2(b0)) > tolerance


SENTENCE = re.compile(r"[^。！？；]*[。！？；]|[^。！？；]+$")


def sentences(paragraphs: list[str]) -> list[str]:
    """A section's sentences; paragraph breaks are layout, not wording."""
    text = re.sub(r"\s+", "", "".join(paragraphs))
    return [s.strip() for s in SENTENCE.findall(text) if s.strip()]


NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def normal(sentence: str) -> str:
    """A sentence without formatting: 2,995.39 = 2995.39, 6.20 = 6.2, "；" = "。" at the end."""

    def number(match: re.Match[str]) -> str:
        text = match.group(0).replace(",", "")
        return text.rstrip("0").rstrip(".") if "." in text else text

    return NUMBER.sub(number, sentence).rstrip("。；;.")


def _text(section: str, a: list[str], b: list[str]) -> list[TextDifference]:
    sa, sb = sentences(a), sentences(b)
    out: list[TextDifference] = []
    matcher = difflib.SequenceMatcher(
        a=[normal(x) for x in sa], b=[normal(x) for x in sb], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        left, right = sa[i1:i2], sb[j1:j2]
        for k in range(max(len(left), len(right))):
            out.append(
                TextDifference(
                    section, left[k] if k < len(left) else "", right[k] if k < len(right) else ""
                )
            )
    return out


def compare(a: DocumentFigures, b: DocumentFigures, tolerance: Decimal = Decimal(0)) -> Comparison:
    result = Comparison(a, b)
    result.only_in_a = [t for t in a.tables if t not in b.tables]
    result.only_in_b = [t for t in b.tables if t not in a.tables]
    for name, ta in a.tables.items():
        tb = b.tables.get(name)
        if tb is None:
            continue
        keys = list(ta.cells) + [k for k in tb.cells if k not in ta.cells]
        for key in keys:
            va, vb = ta.cells.get(key), tb.cells.get(key)
            if _differ(va, vb, tolerance):
                result.differences.append(CellDifference(name, key[0], key[1], va, vb))
    if not (a.sections and b.sections):  # a workbook has no narrative: nothing to compare
        return result
    titles = list(a.sections) + [t for t in b.sections if t not in a.sections]
    for title in titles:
        result.text_differences += _text(
            title, a.sections.get(title, []), b.sections.get(title, [])
        )
    return result

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

from generator.document.figures import DocumentFigures, TableFigures
from generator.model.amounts import round2
from generator.profiles import codes


@dataclass
class CellDifference:
    table: str
    row: str
    column: str
    a: Decimal | None
    b: Decimal | None
    typed: bool = False  # the inputs differ in a typed figure, not in what is printed

    @property
    def difference(self) -> Decimal | None:
        """B − A, exact; None where one side has no figure."""
        return None if self.a is None or self.b is None else self.b - self.a

    def as_dict(self) -> dict[str, str | bool]:
        return {
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "a": amount_text(self.a),
            "b": amount_text(self.b),
            "difference": amount_text(self.difference),
            "typed": self.typed,
        }


@dataclass
class TextDifference:
    section: str
    a: str
    b: str
    years: tuple[int | None, int | None] = (None, None)  # set in year-on-year mode

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


def without_year(sentence: str, year: int | None) -> str:
    """The report's year and its predecessor as words, for a year-on-year comparison:
    ``〈本年〉年…比〈上年〉年增加`` reads the same last year and this year."""
    if year is None:
        return sentence
    sentence = re.sub(rf"(?<!\d){year}(?!\d)", "〈本年〉", sentence)
    return re.sub(rf"(?<!\d){year - 1}(?!\d)", "〈上年〉", sentence)


def report_year(doc: DocumentFigures) -> int | None:
    """The document's year; for a document that does not say, the year its text names most."""
    if doc.year is not None:
        return doc.year
    text = "".join(p for paragraphs in doc.sections.values() for p in paragraphs)
    found = re.findall(r"(?<!\d)(20\d{2})年", text)
    return int(max(found, key=found.count)) if found else None


def _text(
    section: str, a: list[str], b: list[str], years: tuple[int | None, int | None] | None = None
) -> list[TextDifference]:
    sa, sb = sentences(a), sentences(b)
    out: list[TextDifference] = []
    ya, yb = years or (None, None)
    matcher = difflib.SequenceMatcher(
        a=[normal(without_year(x, ya)) for x in sa],
        b=[normal(without_year(x, yb)) for x in sb],
        autojunk=False,
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        left, right = sa[i1:i2], sb[j1:j2]
        for k in range(max(len(left), len(right))):
            out.append(
                TextDifference(
                    section,
                    left[k] if k < len(left) else "",
                    right[k] if k < len(right) else "",
                    (ya, yb),
                )
            )
    return out


def _code_column(column: str) -> bool:
    return any(codes.is_code_header(part) for part in column.split("/"))


def _as_typed(t: TableFigures, key: tuple[str, str]) -> Decimal | None:
    """What the input typed for a printed figure, else the figure it prints."""
    return t.typed.get(key, t.cells.get(key))


def compare(
    a: DocumentFigures,
    b: DocumentFigures,
    tolerance: Decimal = Decimal(0),
    ignore_year: bool = False,
) -> Comparison:
    """``ignore_year``: a year-on-year comparison (last year's report against this
    year's), so a sentence that differs only in its years is the same sentence."""
    result = Comparison(a, b)
    result.only_in_a = [t for t in a.tables if t not in b.tables]
    result.only_in_b = [t for t in b.tables if t not in a.tables]
    for name, ta in a.tables.items():
        tb = b.tables.get(name)
        if tb is None:
            continue
        keys = list(ta.cells) + [k for k in tb.cells if k not in ta.cells]
        both_inputs = bool(ta.keys and tb.keys)
        for key in keys:
            if _code_column(key[1]):  # a 科目编码 is never an amount
                continue
            va, vb = ta.cells.get(key), tb.cells.get(key)
            if _differ(va, vb, tolerance):
                result.differences.append(CellDifference(name, key[0], key[1], va, vb))
            elif both_inputs and _differ(
                ca := _as_typed(ta, key), cb := _as_typed(tb, key), tolerance
            ):
                result.differences.append(CellDifference(name, key[0], key[1], ca, cb, True))
    if not (a.sections and b.sections):  # a workbook has no narrative: nothing to compare
        return result
    years = (report_year(a), report_year(b)) if ignore_year else None
    ya, yb = years or (None, None)
    sa = {without_year(t, ya): paragraphs for t, paragraphs in a.sections.items()}
    sb = {without_year(t, yb): paragraphs for t, paragraphs in b.sections.items()}
    for title in list(sa) + [t for t in sb if t not in sa]:
        result.text_differences += _text(title, sa.get(title, []), sb.get(title, []), years)
    return result


def _tokens(text: str) -> list[str]:
    """Figures and the text between them."""
    out: list[str] = []
    last = 0
    for m in NUMBER.finditer(text):
        out += [text[last : m.start()], m.group(0)]
        last = m.end()
    return [*out, text[last:]]


def figure_changes(
    a: str, b: str, years: tuple[int | None, int | None] = (None, None)
) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Both sentences as pieces, each figure flagged when it is one that differs between
    them (the other figures of a changed sentence are the same and stay unmarked; in
    year-on-year mode a year and its predecessor are no difference either)."""
    ta, tb = _tokens(a), _tokens(b)
    changed_a: set[int] = set()
    changed_b: set[int] = set()
    matcher = difflib.SequenceMatcher(
        a=[normal(without_year(t, years[0])) for t in ta],
        b=[normal(without_year(t, years[1])) for t in tb],
        autojunk=False,
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            changed_a.update(range(i1, i2))
            changed_b.update(range(j1, j2))

    def flagged(tokens: list[str], changed: set[int]) -> list[tuple[str, bool]]:
        return [(t, i in changed and bool(NUMBER.fullmatch(t))) for i, t in enumerate(tokens)]

    return flagged(ta, changed_a), flagged(tb, changed_b)


def row_name(figures: TableFigures, row: str) -> str:
    """How a reader names a row: 科目编码 and its name, the printed label, or, for a row
    printed without one (the single figure row of a 三公 table), its position."""
    if not row:
        position = figures.rows.index(row) + 1 if row in figures.rows else 1
        return f"第 {position} 行"
    name = figures.names.get(row)
    return f"{row} {name}" if name and name != row else row

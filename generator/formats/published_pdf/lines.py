"""Glyphs grouped into printed lines: the unit both table cells and prose are read from."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from generator.document.figures import clean
from generator.formats.published_pdf.page import Glyph

CN_NUM = "一二三四五六七八九十"


# --- text lines ----------------------------------------------------------------------------


@dataclass
class Line:
    """Glyphs sharing a band across the page, left to right (never changed once made)."""

    glyphs: list[Glyph]
    page: int

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1

    @cached_property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @cached_property
    def bottom(self) -> float:
        return max(g.bottom for g in self.glyphs)

    @cached_property
    def size(self) -> float:
        return statistics.median(g.size for g in self.glyphs)

    @cached_property
    def bold(self) -> bool:
        return sum(g.bold for g in self.glyphs) * 2 > len(self.glyphs)

    @cached_property
    def text(self) -> str:
        """Characters in order; a gap wider than a character becomes one space."""
        parts: list[str] = []
        previous: Glyph | None = None
        for g in self.glyphs:
            if previous is not None and g.x0 - previous.x1 > max(g.size, previous.size) * 1.2:
                parts.append(" ")
            parts.append(g.char)
            previous = g
        return "".join(parts)

    @cached_property
    def key(self) -> str:
        return clean(self.text)


def text_lines(glyphs: Iterable[Glyph], page: int) -> list[Line]:
    """Group glyphs into lines by their vertical centre; a line's glyphs sorted left to right."""
    ordered = sorted(glyphs, key=lambda g: g.cy)
    lines: list[list[Glyph]] = []
    centre = 0.0
    for g in ordered:
        if lines and abs(g.cy - centre) <= g.size * 0.45:
            lines[-1].append(g)
            centre += (g.cy - centre) / len(lines[-1])
        else:
            lines.append([g])
            centre = g.cy
    return [Line(sorted(chunk, key=lambda g: g.x0), page) for chunk in lines]


def cell_text(glyphs: list[Glyph]) -> str:
    """A cell's text: its lines in order, joined without a break (names wrap inside cells)."""
    if not glyphs:
        return ""
    return "".join(line.text for line in text_lines(glyphs, 0))

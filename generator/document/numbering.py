"""Heading numbers (一、 （一） 1.) counted over the headings actually printed.

A profile writes its titles without numbers and says how each level's number
reads (``Part.numbering``, ``Document.numbering``: ``"（{cn}）"``, ``"{n}."``).
A section left out — its facts absent, its table missing — takes no number,
so the printed ones run on without a gap, and the contents page and the PDF
outline (both read the printed headings) agree with them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from generator.narrative.write import Section
from generator.tables.base import chinese_number


def numeral(pattern: str, n: int) -> str:
    """The ``n``-th number in ``pattern``: ``{cn}`` is 一 二 … 十一, ``{n}`` is 1 2 … 11."""
    return pattern.replace("{cn}", chinese_number(n)).replace("{n}", str(n))


def numbered(titles: Sequence[str], pattern: str) -> list[str]:
    """Each title after its number; untitled entries take none (and no count)."""
    out: list[str] = []
    count = 0
    for title in titles:
        if title and pattern:
            count += 1
            title = numeral(pattern, count) + title
        out.append(title)
    return out


def number_sections(
    sections: list[Section], levels: Sequence[str], own: Mapping[str, str | None]
) -> None:
    """Put the numbers before the titles of the sections printed, level by level.

    ``levels`` are the formats of this level and the ones below; ``own`` a section's
    format of its own, by section id (a layout that printed one section differently).
    """
    count = 0
    for section in sections:
        pattern = own.get(section.id)
        if pattern is None:
            pattern = levels[0] if levels else ""
        if pattern:
            count += 1
            section.title = numeral(pattern, count) + section.title
        number_sections(section.subsections, levels[1:], own)

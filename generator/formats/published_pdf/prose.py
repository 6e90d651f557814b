"""Text outside the tables → paragraphs, the report's parts, 情况说明 sections, 名词解释.

Paragraphs are rebuilt from the geometry (indent, font, line gap), never from line
ends: CJK lines stop short before an unbreakable number.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from generator.document.figures import clean
from generator.formats.published_pdf.lines import CN_NUM, Line
from generator.formats.published_pdf.page import Page

LEADERS = re.compile(r"(\.{4,}|…{2,}|·{4,})")
HEADING_NUMBER = re.compile(rf"^(（[{CN_NUM}]+）|[{CN_NUM}]+、|\d+[.．、](?!\d)|（\d+）|\(\d+\))")
PART_PREFIX = rf"^(第[{CN_NUM}]+部分|[{CN_NUM}]+、)"
PARTS: list[tuple[str, re.Pattern[str]]] = [
    ("overview", re.compile(PART_PREFIX + r".{0,60}概况$")),
    ("tables", re.compile(PART_PREFIX + r".{0,60}部门(决算|预算)表$")),
    ("narrative", re.compile(PART_PREFIX + r".{0,60}部门(决算|预算)(情况|编制)说明$")),
    ("glossary", re.compile(rf"^(第[{CN_NUM}]+部分|[{CN_NUM}]+、)?名词解释$")),
    ("attachments", re.compile(rf"^(第[{CN_NUM}]+部分)?附件[:：]?$")),
    ("other", re.compile(rf"^第[{CN_NUM}]+部分")),
]
GLOSSARY_ENTRY = re.compile(rf"^(（[{CN_NUM}]+）|[{CN_NUM}]+、|\d+[.．、]|（\d+）)(.+?)[:：](.*)$")
YEAR = re.compile(r"(20\d\d)年度")

# --- flow text → paragraphs, parts, sections -----------------------------------------------


@dataclass
class Block:
    """A paragraph or heading as printed: lines joined across line and page breaks."""

    lines: list[Line]

    @property
    def text(self) -> str:
        return " ".join("".join(ln.text for ln in self.lines).split())

    @property
    def key(self) -> str:
        return clean(self.text)

    @property
    def bold(self) -> bool:
        return all(ln.bold for ln in self.lines)

    @property
    def size(self) -> float:
        return max(ln.size for ln in self.lines)


@dataclass
class Margins:
    """The body text's measure: glyph size, line gap, and where lines start per page width."""

    body: float
    gap: float
    left: dict[int, float]

    def left_of(self, line: Line, pages: dict[int, Page]) -> float:
        return self.left.get(round(pages[line.page].width), 0.0)


def margins(lines: list[Line], pages: dict[int, Page]) -> Margins:
    """Body size is the commonest glyph size; the left margin the commonest start of body
    lines; the line gap the commonest gap between consecutive body lines."""
    sizes = Counter(round(g.size, 1) for ln in lines for g in ln.glyphs)
    body = sizes.most_common(1)[0][0] if sizes else 12.0
    starts: dict[int, Counter[int]] = {}
    gaps: Counter[float] = Counter()
    previous: Line | None = None
    for ln in lines:
        if abs(ln.size - body) > body * 0.1 or len(ln.glyphs) < 8:
            previous = None
            continue
        starts.setdefault(round(pages[ln.page].width), Counter())[round(ln.x0)] += 1
        if previous is not None and previous.page == ln.page and ln.top > previous.bottom - 1:
            gaps[round(ln.top - previous.bottom, 1)] += 1
        previous = ln
    left = {w: float(c.most_common(1)[0][0]) for w, c in starts.items()}
    gap = gaps.most_common(1)[0][0] if gaps else body * 0.5
    return Margins(body, gap, left)


def _starts_block(prev: Line, line: Line, m: Margins, pages: dict[int, Page]) -> bool:
    """Whether ``line`` begins a new paragraph rather than continuing ``prev``: an indented
    first line, a change of font or size, or more space than between a paragraph's lines.
    (Ragged right edges say nothing: CJK lines stop short before an unbreakable number.)"""
    big = m.body * 1.15
    same_page_gap = line.top - prev.bottom if line.page == prev.page else None
    if prev.size > big and line.size > big and abs(prev.size - line.size) < 0.5:
        return same_page_gap is None or same_page_gap > line.size  # a heading set on two lines
    if abs(prev.size - line.size) > m.body * 0.15 or prev.bold != line.bold:
        return True
    if line.x0 > m.left_of(line, pages) + line.size * 0.8:
        return True
    if HEADING_NUMBER.match(line.key) and prev.key[-1:] in "。：；！？":
        return True  # a numbered item set flush left after a finished sentence
    return same_page_gap is not None and same_page_gap > m.gap + line.size * 0.5


def blocks_of(lines: list[Line], m: Margins, pages: dict[int, Page]) -> list[Block]:
    blocks: list[Block] = []
    for line in lines:
        if LEADERS.search(line.text):
            continue  # a contents line
        if blocks and not _starts_block(blocks[-1].lines[-1], line, m, pages):
            blocks[-1].lines.append(line)
        else:
            blocks.append(Block([line]))
    return blocks


def _heading_like(block: Block, m: Margins) -> bool:
    lines = len({(ln.page, round(ln.top)) for ln in block.lines})
    return lines == 1 or block.size > m.body * 1.15 or (lines == 2 and block.bold)


def part_of(block: Block, m: Margins | None) -> str | None:
    """Which part of the report a heading opens (概况, 决算表, 情况说明, 名词解释, 附件);
    ``m`` None: the block is known to be a heading."""
    if (m is not None and not _heading_like(block, m)) or len(block.key) > 70:
        return None
    return next((kind for kind, pattern in PARTS if pattern.search(block.key)), None)


def split_parts(blocks: list[Block], m: Margins) -> dict[str, list[Block]]:
    """Blocks by part.  The contents page names every part first; each real heading
    later starts its part afresh, so what the contents listed is dropped."""
    parts: dict[str, list[Block]] = {}
    heads: dict[str, Block] = {}
    current: str | None = None
    skip = False
    for i, block in enumerate(blocks):
        if skip:
            skip = False
            continue
        kind = part_of(block, m)
        if kind == "other" and i + 1 < len(blocks):  # "第三部分…部门决算" / "情况说明"
            joined = Block(block.lines + blocks[i + 1].lines)
            if len(blocks[i + 1].lines) == 1 and part_of(joined, None) not in (None, "other"):
                block, kind, skip = joined, part_of(joined, None), True
        if kind is not None:
            current = kind
            parts[kind] = []
            heads[kind] = block
            continue
        if current is not None:
            parts[current].append(block)
    parts["_heads"] = list(heads.values())
    return parts


def is_heading(block: Block, m: Margins, bold_headings: bool) -> bool:
    """A numbered one-line block ("（一）…", "1.…", "一、…"), bold where the document bolds them."""
    if not _heading_like(block, m) or len(block.key) > 40 or not HEADING_NUMBER.match(block.key):
        return False
    return block.bold or not bold_headings


def sections_of(
    blocks: list[Block], m: Margins
) -> tuple[dict[str, list[str]], dict[str, list[int]]]:
    """情况说明: heading → its paragraphs (a heading with subsections keeps an empty list),
    and heading → the pages it is printed on (so findings on the text can name them)."""
    candidates = [b for b in blocks if is_heading(b, m, bold_headings=False)]
    bold_headings = any(b.bold for b in candidates)
    sections: dict[str, list[str]] = {}
    pages: dict[str, list[int]] = {}
    current: list[str] | None = None
    on: list[int] = []
    for block in blocks:
        if is_heading(block, m, bold_headings):
            current = sections.setdefault(block.key, [])
            on = pages.setdefault(block.key, [])
        elif current is not None:
            current.append(block.text)
        else:
            continue
        for line in block.lines:
            if line.page not in on:
                on.append(line.page)
    return sections, pages


def glossary_of(blocks: list[Block]) -> list[tuple[str, str]]:
    """名词解释 entries "（一）term：text"; unnumbered paragraphs continue the entry above."""
    entries: list[tuple[str, str]] = []
    for block in blocks:
        found = GLOSSARY_ENTRY.match(block.text)
        if found:
            entries.append((clean(found.group(2)), found.group(3).strip()))
        elif entries:
            term, text = entries[-1]
            entries[-1] = (term, text + block.text)
    return entries

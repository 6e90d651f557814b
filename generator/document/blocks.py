"""The pieces a text part is printed from: headings, paragraphs, tables (forms and inline blocks).

Attachments, 评价报告 and 自评报告 are all lists of blocks, so the PDF prints
them with one loop and the workbook finds every table in them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.compute.performance import ScoringResult
from generator.document.performance import indicators_table
from generator.document.table_blocks import block_view
from generator.document.tables import TableView
from generator.model.performance import Section


@dataclass
class Block:
    kind: str  # heading | paragraphs | table (a form) | inline (a table block) | footnotes
    text: str = ""
    level: int = 2
    anchor: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    table: TableView | None = None


def paragraphs_keep_lines(text: str) -> list[str]:
    """Attachment text is already one paragraph per line: keep the user's lines."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def text_blocks(
    sections: list[Section],
    department: str,
    level: int = 3,
    zero: str = "",
    scoring: ScoringResult | None = None,
) -> list[Block]:
    """A section tree as blocks: heading, text, its tables, text after them, 指标表, sub-sections."""
    blocks: list[Block] = []
    for sec in sections:
        if sec.title:
            blocks.append(Block("heading", sec.title, level=min(level, 5)))
        if sec.text:
            blocks.append(Block("paragraphs", paragraphs=paragraphs_keep_lines(sec.text)))
        for table in sec.tables:
            view = block_view(table, department, zero, scoring)
            blocks.append(Block("inline", table=view))
        if sec.after:
            blocks.append(Block("paragraphs", paragraphs=paragraphs_keep_lines(sec.after)))
        if sec.indicators:
            blocks.append(Block("table", table=indicators_table(sec.indicators, department)))
        blocks += text_blocks(sec.sections, department, level + 1, zero, scoring)
    return blocks

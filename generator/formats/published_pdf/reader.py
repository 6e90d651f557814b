"""Read a published PDF — ours or anyone's — back into figures and text.

The stages, one module each: ``page`` (glyphs and ruling lines from PDFium),
``lines`` (glyphs → printed lines), ``grid`` (ruled table regions and their
cells), ``grid_figures`` (a grid → keyed figures: headers, 类/款/项 codes,
amounts), ``flow`` (reading order: tables across pages, text outside them),
``prose`` (paragraphs, parts, 情况说明 sections, 名词解释) and ``recognition``
(决算 or 预算 or another document; department and year).

``read_pdf`` returns the figures and a list of Chinese notes on what could not
be read; it raises ``UserError`` only when the file is not a readable PDF.
Whether the document is a 部门决算 at all is in ``DocumentFigures.document``: the
use cases decide what to do with another kind (``extract`` refuses it).
"""

from __future__ import annotations

from pathlib import Path

from generator.document.figures import DocumentFigures
from generator.formats.published_pdf.flow import read_flow
from generator.formats.published_pdf.page import load_pages
from generator.formats.published_pdf.prose import (
    blocks_of,
    glossary_of,
    margins,
    sections_of,
    split_parts,
)
from generator.formats.published_pdf.recognition import (
    identity,
    missing_parts,
    recognise,
    unread_tables,
)


def read_pdf(path: Path) -> tuple[DocumentFigures, list[str]]:
    """Figures, narrative, 概况 and 名词解释 of a published report, and what could not be read."""
    notes: list[str] = []
    pages = load_pages(path)
    out = DocumentFigures(str(path))
    if not any(page.glyphs for page in pages):
        notes.append("PDF 没有文字层（可能是扫描件），无法读取任何内容")
        return out, notes
    notes += [
        f"第{page.number}页只有图片、没有文字层（可能是扫描件），该页内容未读取"
        for page in pages
        if page.images and not page.glyphs
    ]
    flow = read_flow(pages, notes)
    for name, table in flow.tables.items():
        out.tables[name] = table.figures
    m = margins(flow.lines, flow.pages)
    parts = split_parts(blocks_of(flow.lines, m, flow.pages), m)
    heads = parts.get("_heads", [])
    out.sections, out.section_pages = sections_of(parts.get("narrative", []), m)
    out.overview = "\n".join(b.text for b in parts.get("overview", []))
    out.glossary = glossary_of(parts.get("glossary", []))
    out.department, out.year = identity(heads, flow.lines)
    recognition = recognise(out, heads, flow.lines)
    out.document, out.evidence = recognition.kind, recognition.describe()
    if not recognition.is_final_accounts:
        return out, notes  # a budget's parts are not a 决算's: listing them as missing misleads
    notes += missing_parts(out, parts)
    notes += unread_tables(parts.get("tables", []), out)
    return out, notes

"""The whole document in reading order: parts, tables, sections, glossary, attachments.

Both renderers walk this: the PDF prints it all, the workbook takes its
tables.  Headings carry anchors so the contents page can show real page
numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2.sandbox import SandboxedEnvironment

from generator.compute import Computed
from generator.compute.performance import score_project, score_table
from generator.compute.tables import chinese_number
from generator.document.performance import (
    department_table,
    indicators_table,
    project_table,
    scoring_table,
    target_table,
)
from generator.document.tables import TableView, table_views
from generator.model.performance import Section as TextSection
from generator.narrative.write import Section, paragraphs, write_narrative


@dataclass
class Block:
    kind: str  # heading | paragraphs | table
    text: str = ""
    level: int = 2
    anchor: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    table: TableView | None = None


@dataclass
class Attachment:
    number: int
    title: str
    anchor: str
    blocks: list[Block]


@dataclass
class TocEntry:
    level: int
    title: str
    anchor: str


@dataclass
class GlossaryItem:
    number: str
    term: str
    text: str


@dataclass
class DocumentView:
    title: str
    department: str
    year: int
    publication_date: str | None
    parts: list[tuple[str, str, str]]  # (kind, title, anchor)
    overview_subtitles: dict[str, str]
    tables: list[tuple[str, TableView]]
    narrative: list[Section]
    glossary: list[GlossaryItem]
    attachments: list[Attachment]
    toc: list[TocEntry]
    computed: Computed

    @property
    def all_tables(self) -> list[TableView]:
        """Every table in the document: the nine, then each attachment's."""
        out = [t for _, t in self.tables]
        for att in self.attachments:
            out += [b.table for b in att.blocks if b.table is not None]
        return out


def glossary(computed: Computed) -> list[GlossaryItem]:
    """Profile defaults, then the department's replacements, appendices and additions."""
    entries = [[e.term, e.text] for e in computed.profile.glossary.entries]
    index = {term: i for i, (term, _) in enumerate(entries)}
    for item in computed.report.glossary:
        if item.term in index:
            entry = entries[index[item.term]]
            if item.text:
                entry[1] = item.text
            entry[1] += item.append
        else:
            index[item.term] = len(entries)
            entries.append([item.term, (item.text or "") + item.append])
    numbering = computed.profile.glossary.numbering

    def number(i: int) -> str:
        return {"arabic": f"{i}.", "none": ""}.get(numbering, f"（{chinese_number(i)}）")

    return [GlossaryItem(number(i), term, text) for i, (term, text) in enumerate(entries, start=1)]


def _text_blocks(sections: list[TextSection], department: str, level: int = 3) -> list[Block]:
    blocks: list[Block] = []
    for sec in sections:
        if sec.title:
            blocks.append(Block("heading", sec.title, level=min(level, 5)))
        if sec.text:
            blocks.append(Block("paragraphs", paragraphs=paragraphs_keep_lines(sec.text)))
        if sec.indicators:
            blocks.append(Block("table", table=indicators_table(sec.indicators, department)))
        blocks += _text_blocks(sec.sections, department, level + 1)
    return blocks


def paragraphs_keep_lines(text: str) -> list[str]:
    """Attachment text is already one paragraph per line: keep the user's lines."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def attachments(computed: Computed, titles: dict[str, str]) -> list[Attachment]:
    report = computed.report
    att = report.attachments
    dept = report.department
    out: list[Attachment] = []

    def add(title: str, blocks: list[Block]) -> None:
        n = len(out) + 1
        out.append(Attachment(n, title, f"attachment-{n}", blocks))

    if att.department_self_evaluation:
        dse = att.department_self_evaluation
        blocks = _text_blocks(dse.sections, dept)
        if dse.table:
            blocks.append(Block("table", table=department_table(dse.table, dept, report.year)))
        if dse.scoring:
            blocks.append(Block("table", table=scoring_table(score_table(dse.scoring), dept)))
        add(dse.title or titles.get("department_self_evaluation", ""), blocks)
    if att.project_self_evaluations:
        blocks = [
            Block("table", table=project_table(score_project(p), dept))
            for p in att.project_self_evaluations
        ]
        add(
            att.project_self_evaluations_title or titles.get("project_self_evaluations", ""), blocks
        )
    if att.department_evaluations:
        blocks = []
        for ev in att.department_evaluations:
            blocks.append(Block("heading", ev.title, level=3))
            meta = [f"项目名称：{ev.project}"] if ev.project else []
            meta += [f"主管部门：{ev.department}"] if ev.department else []
            if meta:
                blocks.append(Block("paragraphs", paragraphs=meta))
            blocks += _text_blocks(ev.sections, dept, level=4)
            if ev.scoring:
                blocks.append(Block("table", table=scoring_table(score_table(ev.scoring), dept)))
        add(att.department_evaluations_title or titles.get("department_evaluations", ""), blocks)
    if att.performance_targets:
        add(
            titles.get("performance_targets", "项目绩效目标表"),
            [Block("table", table=target_table(t, dept)) for t in att.performance_targets],
        )
    return out


def build_document(computed: Computed) -> DocumentView:
    report = computed.report
    profile = computed.profile
    env = SandboxedEnvironment()
    ctx = {"department": report.department, "year": report.year}

    def render(text: str) -> str:
        return env.from_string(text).render(ctx)

    titles = {k: render(v) for k, v in profile.document.attachment_titles.items()}
    views = table_views(computed)
    numbered = profile.document.table_subtitles
    tables = [
        (f"（{chinese_number(i)}）{v.title}" if numbered else v.title, v)
        for i, v in enumerate(views, start=1)
    ]
    narrative = write_narrative(computed)
    atts = attachments(computed, titles)
    toc: list[TocEntry] = []
    parts = []
    overview_subtitles: dict[str, str] = {}
    for i, part in enumerate(profile.document.parts, start=1):
        if part.kind == "attachments" and not atts:
            continue
        anchor = f"part-{i}"
        title = render(part.title)
        parts.append((part.kind, title, anchor))
        toc.append(TocEntry(1, title, anchor))
        if part.kind == "overview":
            overview_subtitles = dict(part.subtitles)
        if part.kind == "tables":
            toc += [TocEntry(2, sub, f"table-{v.id}") for sub, v in tables]
        if part.kind == "narrative":
            toc += [TocEntry(2, s.title, f"narrative-{j}") for j, s in enumerate(narrative)]
        if part.kind == "attachments":
            toc += [TocEntry(2, f"附件{a.number} {a.title}", a.anchor) for a in atts]
    return DocumentView(
        title=render(profile.document.title),
        department=report.department,
        year=report.year,
        publication_date=report.publication_date,
        parts=parts,
        overview_subtitles=overview_subtitles,
        tables=tables,
        narrative=narrative,
        glossary=glossary(computed),
        attachments=atts,
        toc=toc,
        computed=computed,
    )


__all__ = ["Block", "DocumentView", "build_document", "paragraphs"]

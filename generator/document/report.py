"""The whole document in reading order: parts, tables, sections, glossary, attachments.

Both renderers walk this: the PDF prints it all, the workbook takes its
tables.  Headings carry anchors so the contents page can show real page
numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2.sandbox import SandboxedEnvironment

from generator.compute.computed import Computed
from generator.compute.evaluation import profile_grades
from generator.compute.performance import score_project, score_table
from generator.document.blocks import Block, text_blocks
from generator.document.charts import chart_view
from generator.document.evaluation import evaluation_blocks, self_evaluation_blocks
from generator.document.numbering import number_sections, numbered, numeral
from generator.document.performance import (
    department_table,
    project_table,
    scoring_table,
    target_table,
)
from generator.document.table_blocks import block_view
from generator.document.tables import TableView
from generator.model.amounts import NONE_WORDS
from generator.narrative.write import Section, paragraphs, write_narrative
from generator.profiles.schema import NarrativeSection, Part
from generator.tables.base import chinese_number
from generator.tables.registry import table_views


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
    cover_title: list[str] = field(default_factory=list)
    cover_subtitle: list[str] = field(default_factory=list)
    cover_page: bool = True
    contents: bool = True
    # the text parts that are not attachments (评价报告, 自评报告), by part anchor
    bodies: dict[str, Attachment] = field(default_factory=dict)
    # a part replaced by the department's statement (by part kind: tables, narrative …)
    statements: dict[str, str] = field(default_factory=dict)

    @property
    def all_tables(self) -> list[TableView]:
        """Every table in the document: the nine, the narrative's, each text part's."""
        out = [t for _, t in self.tables]
        for section in self.narrative:
            out += section_tables(section)
        for att in [*self.bodies.values(), *self.attachments]:
            out += [b.table for b in att.blocks if b.table is not None]
        return out


def section_tables(section: Section) -> list[TableView]:
    out = list(section.tables)
    for sub in section.subsections:
        out += section_tables(sub)
    return out


def _classes(computed: Computed) -> set[str]:
    """The expense 类 the department spent in (any 功能分类 row with a figure)."""
    return {
        row.code[:3]
        for table in computed.report.tables.values()
        for row in table.rows
        if any(v for v in row.values.values())
    }


def glossary(computed: Computed) -> list[GlossaryItem]:
    """Profile defaults for the general terms and the classes the department has, then
    the department's replacements, appendices, removals and additions."""
    mentioned = {item.term for item in computed.report.glossary}
    has = _classes(computed)
    entries = [
        [e.term, e.text]
        for e in computed.profile.glossary.entries
        if e.code is None or e.code in has or e.term in mentioned
    ]
    index = {term: i for i, (term, _) in enumerate(entries)}
    removed: set[str] = set()
    for item in computed.report.glossary:
        if item.removes:
            removed.add(item.term)
        elif item.term in index:
            entry = entries[index[item.term]]
            if item.text:
                entry[1] = item.text
            entry[1] += item.append
        else:
            index[item.term] = len(entries)
            entries.append([item.term, (item.text or "") + item.append])
    entries = [e for e in entries if e[0] not in removed]
    numbering = computed.profile.glossary.numbering

    def number(i: int) -> str:
        forms = {"arabic": f"{i}.", "arabic_comma": f"{i}、", "none": ""}
        return forms.get(numbering, f"（{chinese_number(i)}）")

    return [GlossaryItem(number(i), term, text) for i, (term, text) in enumerate(entries, start=1)]


def targets(computed: Computed) -> list[TableView]:
    """The 项目绩效目标表, with the profile's check-box options for the full form."""
    settings = computed.profile.performance
    return [
        target_table(
            t,
            computed.report.department,
            settings.target_project_types,
            settings.target_fund_uses,
        )
        for t in computed.report.attachments.performance_targets
    ]


def _embed(sections: list[Section], computed: Computed) -> set[str]:
    """Print an attachment's tables inside the 情况说明 sections that ask for it
    (Section.embed); returns what was embedded, so it is not printed again."""
    out: set[str] = set()
    for s in sections:
        if s.embed == "performance_targets":
            s.tables = targets(computed)
            out.add(s.embed)
        out |= _embed(s.subsections, computed)
    return out


def attachments(
    computed: Computed, titles: dict[str, str], embedded: set[str] | frozenset[str] = frozenset()
) -> list[Attachment]:
    """The attachments in order; those printed inside 情况说明 (``embedded``) are left out."""
    report = computed.report
    att = report.attachments
    dept = report.department
    grades = profile_grades(computed.profile)
    zero = computed.profile.display.zero
    notes = computed.profile.performance.scoring_notes
    out: list[Attachment] = []

    def add(title: str, blocks: list[Block]) -> None:
        n = len(out) + 1
        out.append(Attachment(n, title, f"attachment-{n}", blocks))

    if att.department_self_evaluation:
        dse = att.department_self_evaluation
        result = score_table(dse.scoring, grades) if dse.scoring else None
        blocks = text_blocks(dse.sections, dept, 3, zero, result)
        if dse.table:
            blocks.append(Block("table", table=department_table(dse.table, dept, report.year)))
        if result:
            blocks.append(Block("table", table=scoring_table(result, dept)))
        add(dse.title or titles["department_self_evaluation"], blocks)
    if att.project_self_evaluations:
        blocks = [
            Block("table", table=project_table(score_project(p), dept))
            for p in att.project_self_evaluations
        ]
        add(att.project_self_evaluations_title or titles["project_self_evaluations"], blocks)
    if att.department_evaluations:
        blocks = []
        for ev in att.department_evaluations:
            blocks.append(Block("heading", ev.title, level=3))
            meta = [f"项目名称：{ev.project}"] if ev.project else []
            meta += [f"主管部门：{ev.department}"] if ev.department else []
            if meta:
                blocks.append(Block("paragraphs", paragraphs=meta))
            result = score_table(ev.scoring, grades) if ev.scoring else None
            blocks += text_blocks(ev.sections, dept, 4, zero, result)
            if result:
                blocks.append(Block("table", table=scoring_table(result, dept, notes)))
        add(att.department_evaluations_title or titles["department_evaluations"], blocks)
    if att.performance_targets and "performance_targets" not in embedded:
        add(
            titles["performance_targets"],
            [Block("table", table=t) for t in targets(computed)],
        )
    return out


def _specs(computed: Computed) -> dict[str, NarrativeSection]:
    """Every 情况说明 section of the profile, subsections too, by id."""
    specs: dict[str, NarrativeSection] = {}
    pending = list(computed.profile.narrative.sections)
    while pending:
        spec = pending.pop()
        specs[spec.id] = spec
        pending += spec.subsections
    return specs


def _decorate(sections: list[Section], computed: Computed) -> None:
    """Attach each 情况说明 section's charts (profile) and tables (input) after its text."""
    specs = _specs(computed)
    typed = computed.report.narrative.tables
    zero = computed.profile.display.zero
    for section in sections:
        spec = specs.get(section.id)
        if spec is not None:
            section.charts = [chart_view(chart, computed) for chart in spec.charts]
        section.tables = [
            block_view(block, computed.report.department, zero, None)
            for block in typed.get(section.id, [])
        ]
        _decorate(section.subsections, computed)


BODIES = {"evaluation": evaluation_blocks, "self_evaluation": self_evaluation_blocks}


def _levels(parts: list[Part], kind: str) -> list[str]:
    """The number formats of a part's headings (none when the document has no such part)."""
    return next((p.numbering for p in parts if p.kind == kind), [])


def _overview_subtitles(computed: Computed, part: Part) -> dict[str, str]:
    """The overview's subtitles that have something under them, numbered as printed."""
    filled = computed.report.overview.filled()
    keys = [k for k in filled if filled[k] and part.subtitles.get(k)]
    pattern = part.numbering[0] if part.numbering else ""
    return dict(zip(keys, numbered([part.subtitles[k] for k in keys], pattern), strict=True))


def build_document(computed: Computed) -> DocumentView:
    report = computed.report
    profile = computed.profile
    env = SandboxedEnvironment()
    ctx: dict[str, object] = {"department": report.department, "year": report.year}
    if report.evaluation is not None:
        ctx.update(evaluator=report.evaluation.evaluator, date=report.evaluation.date)
    if report.self_evaluation is not None:
        ctx.update(project=report.self_evaluation.project)

    def render(text: str) -> str:
        return env.from_string(text).render(ctx)

    titles = {k: render(v) for k, v in profile.document.attachment_title_templates.items()}
    document = profile.document
    views = table_views(computed)
    subtitle = (_levels(document.parts, "tables") or [""])[0] if document.table_subtitles else ""
    tables = list(zip(numbered([v.title for v in views], subtitle), views, strict=True))
    narrative = write_narrative(computed)
    _decorate(narrative, computed)
    number_sections(
        narrative,
        _levels(document.parts, "narrative"),
        {spec.id: spec.number for spec in _specs(computed).values()},
    )
    atts = attachments(computed, titles, _embed(narrative, computed))
    terms = glossary(computed)
    toc: list[TocEntry] = []
    parts = []
    bodies: dict[str, Attachment] = {}
    overview_subtitles: dict[str, str] = {}
    statements: dict[str, str] = {}
    count = 0
    for i, part in enumerate(document.parts, start=1):
        typed = report.statements.get(part.key)
        if part.kind == "overview":
            overview_subtitles = _overview_subtitles(computed, part)
        body = {
            "overview": any(report.overview.filled().values()),
            "tables": tables,
            "narrative": narrative,
            "glossary": terms,
            "attachments": atts,
        }
        if typed is None and part.kind in body and not body[part.kind]:
            continue  # no heading without a body: nor does it take a number
        anchor = f"part-{i}"
        title = render(part.title)
        pattern = document.numbering if part.number is None else part.number
        if title and pattern:
            count += 1
            title = numeral(pattern, count) + title
        parts.append((part.kind, title, anchor))
        if title:
            toc.append(TocEntry(1, title, anchor))
        if part.kind in BODIES:
            bodies[anchor] = Attachment(0, title, anchor, BODIES[part.kind](computed))
        if typed is not None:
            default = typed.strip() in NONE_WORDS or typed.strip() == "默认"
            statements[part.kind] = render(part.statement) if default and part.statement else typed
            if part.kind == "tables":
                tables = []
            continue
        if part.kind == "tables":
            toc += [TocEntry(2, sub, f"table-{v.id}") for sub, v in tables]
        if part.kind == "narrative":
            toc += [TocEntry(2, s.title, f"narrative-{j}") for j, s in enumerate(narrative)]
        if part.kind == "attachments":
            toc += [TocEntry(2, f"附件{a.number} {a.title}", a.anchor) for a in atts]
    cover = profile.document.cover
    cover_title = (
        [render(line) for line in cover.title] if cover else [render(profile.document.title)]
    )
    return DocumentView(
        cover_title=[line for line in cover_title if line.strip()],
        cover_subtitle=[render(line) for line in cover.subtitle] if cover else [],
        cover_page=cover.page if cover else True,
        contents=profile.document.contents,
        bodies=bodies,
        title=render(profile.document.title),
        department=report.department,
        year=report.year,
        publication_date=report.publication_date,
        parts=parts,
        overview_subtitles=overview_subtitles,
        tables=tables,
        narrative=narrative,
        glossary=terms,
        attachments=atts,
        toc=toc,
        computed=computed,
        statements=statements,
    )


__all__ = ["Block", "DocumentView", "build_document", "paragraphs"]

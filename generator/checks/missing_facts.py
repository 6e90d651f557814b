"""Absent is not zero: a fact the 情况说明 would state but nobody entered, a 概况 subtitle
with nothing under it, and a report with nothing in it.

The facts a layout states are the ones its templates ask about with
``state('名称')`` or read with ``fact('名称')`` while writing this report's
情况说明 (a 公务接待批次 is not asked for when there was no 公务接待费); each
missing one leaves its sentence out of the PDF, and this rule says where to
fill it (or to type 无).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.context import CheckContext
from generator.checks.findings import Finding, Severity, implements, rule
from generator.errors import Location, UserError
from generator.formats.input_workbook import layout as wl
from generator.model.facts import Fact, fact, fact_state
from generator.narrative.context import Figures
from generator.narrative.write import FactNotAnAmount, write_narrative
from generator.profiles.schema import NarrativeSection

N004 = rule(
    "N004",
    "narrative inputs",
    Severity.WARNING,
    "情况说明要陈述的事实未填写（该句不印出）；没有时请填“无”",
    "未填 政府采购（narrative.政府采购，或工作簿“三公及其他”的“政府采购”块）",
)
N005 = rule(
    "N005",
    "narrative inputs",
    Severity.WARNING,
    "概况的一节未填写（该节不印出）",
    "未填 部门职责（overview.duties，或工作簿“封面概况”的“部门职责”块）",
)
E002 = rule(
    "E002",
    "empty report",
    Severity.ERROR,
    "报告没有任何数据，也没有说明代替内容",
    "九张表全空，且未填 说明.决算表",
)


def _where(ctx: CheckContext, spec: Fact) -> Location:
    if ctx.file.lower().endswith(".xlsx"):
        return Location(ctx.file, spec.block, sheet=spec.sheet)
    return ctx.locate(spec.path)


@implements(N004)
def missing_facts(ctx: CheckContext) -> Iterator[Finding]:
    figures = Figures(ctx.computed)
    try:
        write_narrative(ctx.computed, figures)
    except FactNotAnAmount as exc:
        if exc.name is None:
            raise
        raise UserError(exc.text, ctx.locate(("narrative", "其他数据", exc.name))) from None
    for name, section in figures.asked.items():
        if name == "上年" and ctx.computed.prior is not None:
            continue
        if fact_state(ctx.report, name) != "missing":
            continue
        spec = fact(name)
        yield ctx.finding(
            N004,
            f"{section}：未填 {name}，该句不印出；请在 {'.'.join(spec.path)}"
            f"（工作簿“{spec.sheet}”的“{spec.block}”）填写，没有时填“无”",
            _where(ctx, spec),
            "情况说明",
        )


# where each 概况 subtitle is typed: YAML key, the workbook blocks on the cover sheet
OVERVIEW_FIELDS = {
    "duties": ("overview.duties", wl.DUTIES_INTRO.marker, wl.DUTIES.marker),
    "organization": ("overview.organization", wl.ORGANIZATION.marker, wl.UNITS.marker),
}


@implements(N005)
def missing_overview(ctx: CheckContext) -> Iterator[Finding]:
    """A 概况 subtitle with nothing under it is left out of the PDF (no heading without a
    body); say so, and where to fill it, unless the department typed the part's statement."""
    part = next((p for p in ctx.profile.document.parts if p.kind == "overview"), None)
    if part is None or part.key in ctx.report.statements:
        return
    for name, filled in ctx.report.overview.filled().items():
        title = part.subtitles.get(name)
        if filled or not title:
            continue
        key, block, table = OVERVIEW_FIELDS[name]
        yield ctx.finding(
            N005,
            f"概况：未填 {title}，该节不印出；请在 {key}（工作簿“{wl.SHEET_COVER}”的“{block}”"
            f"或“{table}”块）填写",
            ctx.locate(("overview", name)),  # in a workbook, the empty field's cell
            "概况",
        )


@implements(E002)
def empty_report(ctx: CheckContext) -> Iterator[Finding]:
    if not any(p.kind == "tables" for p in ctx.profile.document.parts):
        return  # a 评价报告 or 自评报告: no 决算表 to be empty
    if not all(ctx.computed.is_empty(t.id) for t in ctx.profile.tables):
        return
    statements = ctx.report.statements

    def said(spec: NarrativeSection) -> bool:
        return spec.id in statements or (
            bool(spec.subsections) and all(said(sub) for sub in spec.subsections)
        )

    sections = ctx.profile.narrative.sections
    narrative_said = "情况说明" in statements or all(said(s) for s in sections)
    if "决算表" in statements and narrative_said:
        return
    yield ctx.finding(
        E002,
        "各表都没有数据：请填入决算数据，或用 说明.决算表 写明本部门为何没有决算表、"
        "用 说明.情况说明（或 说明.<节> 逐节）代替情况说明（填“无”则用 profile 的默认说明），"
        "否则情况说明只会是一串 0.00 万元",
        ctx.locate(("tables",)),
        "决算表",
    )

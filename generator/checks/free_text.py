"""Figures in the user's own sentences, matched against the data.

The generated sentences cannot contradict the tables, but reasons and
descriptions are typed by people: "公务用车购置及运行费全年预算数为3.5元"
(3.5 万元 in the tables) is the classic slip.  A figure whose 万元 value is
10⁴ times or 1/10⁴ of a data value is a unit slip (error); one a few cents
off a data value is a stale figure (warning); any other figure is reported
for a second look (warning).  A figure the sentence attributes to a named
cell is compared with that cell (text_figures.py), not with every value.
Figures that need data the input does not hold — 年初预算 and last year's
figures of an extracted PDF — are one info per kind, not a warning each.
Attachments are long reports full of figures that are not in the tables, so
only unit slips are reported there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from generator.checks.context import CheckContext, cents
from generator.checks.findings import Figures, Finding, Severity, implements, money, rule
from generator.checks.text import Figure, Sentence, locate, named_figures, split, texts
from generator.checks.text_figures import verdict
from generator.compute.performance import score_project
from generator.model.amounts import WAN

F001 = rule(
    "F001",
    "free text",
    Severity.ERROR,
    "文字中的金额与数据相差 10⁴ 倍（万元/元 单位错误）",
    "“全年预算数为3.5元”，表中为 3.50 万元",
)
F002 = rule(
    "F002",
    "free text",
    Severity.WARNING,
    "文字中的金额与某个数据相差几分钱（旧数或尾差）",
    "文字写 364,066.22 万元，表中为 364,066.21 万元",
)
F003 = rule(
    "F003",
    "free text",
    Severity.WARNING,
    "文字中的金额在数据中找不到",
    "“纳入财政专户管理的资金0.3万元”，数据中没有 0.30",
)
F008 = rule(
    "F008",
    "free text",
    Severity.INFO,
    "文字中的年初预算、上年数等输入中没有的数据无法核对（每类提示一次）",
    "公开的 PDF 不含年初预算：“年初预算为1560.05万元”等 12 个数无法核对",
)

CENT = Decimal("0.005")
NEAR = Decimal("0.05")
THRESHOLD = re.compile(r"^\s*(?:（含）)?以[上下]")  # "单价100万元（含）以上设备": a bound, not data
BUDGET = re.compile(r"预算(?:数|金额)?(?:为|是)?\s*$")
PRIOR = re.compile(r"(?:增加|减少|增长|下降|上年[^，。；]{0,8}(?:为|是))\s*$")
KINDS = {"年初预算": "年初预算（或全年预算）数", "上年": "上年数或增减额"}


def data_values(ctx: CheckContext) -> set[Decimal]:
    """Every figure the report holds, in 万元 cents: computed, and typed where typed."""
    values: set[Decimal] = set()
    for computed in (ctx.computed, ctx.computed.prior):
        if computed is None:
            continue
        for c in computed.sheet.cells():
            values.update(cents(v) for v in (c.shown, c.stated) if v)
    n = ctx.report.narrative
    facts = [
        n.operating_costs,
        n.operating_costs_prior,
        *n.budgets.values(),
        n.procurement.goods,
        n.procurement.works,
        n.procurement.services,
        n.procurement.total,
        n.procurement.sme,
        n.procurement.small_micro,
    ]
    values.update(cents(v) for v in facts if v)
    for project in ctx.report.attachments.project_self_evaluations:
        scores = score_project(project)
        for row in scores.funds:
            values.update(cents(v / WAN) for v in (row.initial, row.budget, row.executed) if v)
    values.discard(Decimal(0))
    return values


def rounded_sums(ctx: CheckContext) -> list[tuple[Decimal, Decimal]]:
    """Totals the text may print that the input holds only as parts, with their rounding bound.

    The 政府采购 total (货物 + 工程 + 服务) of an extracted report: the published
    total is a rounding of the exact sum, so it may differ from the rounded parts.
    """
    p = ctx.report.narrative.procurement
    parts = [v for v in (p.goods, p.works, p.services) if v is not None]
    if not parts or p.total is not None:
        return []
    return [(sum(parts, Decimal(0)), ctx.bound(len(parts)))]


def _matches(value: Decimal, values: set[Decimal], sums: list[tuple[Decimal, Decimal]]) -> bool:
    return (
        cents(value) in values
        or any(abs(value - v) <= CENT for v in values if abs(v - value) < 1)
        or any(abs(value - total) <= bound for total, bound in sums)
    )


def _unit_slip(number: Decimal, unit: str, values: set[Decimal]) -> Decimal | None:
    """The data value (万元) this figure equals once its unit is corrected, if any.

    "3.5元" for 3.5 万元, or "35,000万元" for 3.5 万元.  Only figures with two
    significant digits and data values of at least 1 万元 count: a bare "5元"
    or a match with a 0.03 万元 remainder would be coincidence, not a slip.
    """
    digits = len(number.normalize().as_tuple().digits)
    if digits < 2:
        return None
    candidate = {"元": number, "万元": number / WAN}.get(unit)
    if candidate is None or candidate < 1 or candidate != cents(candidate):
        return None
    return candidate if candidate in values else None


def _unverifiable(ctx: CheckContext, before: str) -> str | None:
    """The kind of data a figure needs that this input does not hold (an extracted PDF)."""
    narrative = ctx.report.narrative
    if BUDGET.search(before) and not narrative.budgets:
        return "年初预算"
    has_prior = ctx.computed.prior is not None or narrative.operating_costs_prior is not None
    if PRIOR.search(before) and not has_prior:
        return "上年"
    return None


@implements(F001, F002, F003, F008)
def figures_in_text(ctx: CheckContext) -> Iterator[Finding]:
    values = data_values(ctx)
    sums = rounded_sums(ctx)
    unverifiable: dict[str, list[tuple[Sentence, Figure]]] = {}
    for text in texts(ctx):
        seen: set[str] = set()
        for sentence in split(text):
            claimed = {
                (n.figure.start, n.figure.end)
                for n in named_figures(ctx.profile, sentence)
                if text.tables_related and verdict(ctx, n) != "slip"
            }
            for figure in sentence.figures:
                if figure.number == 0 or figure.raw in seen:
                    continue
                if (figure.start, figure.end) in claimed:
                    continue  # F004/F007 compare it with the cell the sentence names
                if THRESHOLD.match(sentence.body[figure.end :]):
                    continue
                seen.add(figure.raw)
                yield from _judge(ctx, values, sums, sentence, figure, unverifiable)
    for kind, found in unverifiable.items():
        sentence, _ = found[0]
        examples = "、".join(f"“{f.raw}”" for _, f in found[:3])
        yield ctx.finding(
            F008,
            f"文字中有 {len(found)} 个{KINDS[kind]}（如{examples}），输入中没有这些数据"
            f"（公开的 PDF 不含{kind}数），无法核对",
            locate(ctx, sentence.text, sentence),
            "情况说明",
        )


def _judge(
    ctx: CheckContext,
    values: set[Decimal],
    sums: list[tuple[Decimal, Decimal]],
    sentence: Sentence,
    figure: Figure,
    unverifiable: dict[str, list[tuple[Sentence, Figure]]],
) -> Iterator[Finding]:
    text = sentence.text
    wan = figure.wan
    if _matches(wan, values, sums):
        return
    section = "情况说明" if text.tables_related else "附件"
    location = locate(ctx, text, sentence)
    slip = _unit_slip(figure.number, figure.unit, values)
    if slip is not None:
        right = "万元" if figure.unit == "元" else "元"
        yield ctx.finding(
            F001,
            f"“{figure.raw}”：数据中有 {money(slip)} 万元，单位应为“{right}”？",
            location,
            section,
            figures=Figures(slip, cents(wan)),
        )
        return
    if not text.tables_related:
        return
    kind = _unverifiable(ctx, sentence.body[max(0, figure.start - 12) : figure.start])
    if kind is not None:
        unverifiable.setdefault(kind, []).append((sentence, figure))
        return
    near = min(values, key=lambda v: abs(v - wan), default=None)
    if near is not None and abs(near - wan) <= NEAR:
        yield ctx.finding(
            F002,
            f"“{figure.raw}”与数据 {money(near)} 万元不一致",
            location,
            section,
            figures=Figures(near, cents(wan)),
        )
    else:
        yield ctx.finding(F003, f"“{figure.raw}”在表格和数据中找不到，请核对", location, section)

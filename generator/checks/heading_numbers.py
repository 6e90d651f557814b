"""Section numbers the department types run in order.

The 绩效 reports' section titles are typed with their numbers (“（二）主要履职情况”),
since a published report numbers them as its authors chose; the document's own
headings are numbered as printed (``document.numbering``).  A section left out,
or one moved, leaves “（一）（三）” or a second “二、” in a public document.  Each
level is checked as printed: typed titles and the layout's fixed ones between
them (“三、绩效分析及评价结论” after a 自评报告's typed 一、二、).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.checks.context import CheckContext
from generator.checks.findings import Finding, Severity, implements, rule
from generator.checks.text import PathKey
from generator.model.performance import Section
from generator.tables.base import chinese_number

W004 = rule(
    "W004",
    "published text",
    Severity.WARNING,
    "输入的标题序号不连续（跳号、重号或不从一开始）",
    "“（一）部门主要职能”之后是“（三）年度总体工作”",
)

CN = "一二三四五六七八九十"
LOOKALIKES = "—－─-"  # dashes typed for 一: “（—）项目决策情况” is in a published report
STYLES = (  # a heading's number: pattern, how it is written
    (re.compile(rf"^\s*([{CN}{LOOKALIKES}]+)、"), "{}、"),
    (re.compile(rf"^\s*[（(]([{CN}{LOOKALIKES}]+)[）)]"), "（{}）"),  # ( and （ both occur
    (re.compile(r"^\s*(\d+)[.．、](?!\d)"), "{}."),
    (re.compile(r"^\s*[（(](\d+)[）)]"), "（{}）"),
)


@dataclass(frozen=True)
class Heading:
    path: PathKey
    title: str
    typed: bool = True  # False: the layout's fixed title (its default unless typed over)


DIGITS = CN[:9]  # 一 … 九


def _value(numeral: str) -> int | None:
    """一 … 九十九 (or digits); None for what is not a number as headings write them."""
    numeral = "".join("一" if c in LOOKALIKES else c for c in numeral)
    if numeral.isdigit():
        return int(numeral)
    tens, ten, ones = numeral.partition("十")
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in DIGITS):
        return None
    if ones and ones not in DIGITS:
        return None
    if not ten:
        return DIGITS.index(tens) + 1 if tens else None
    return (DIGITS.index(tens) + 1 if tens else 1) * 10 + (DIGITS.index(ones) + 1 if ones else 0)


def _number(title: str) -> tuple[int, int] | None:
    """(style, value) of a title's leading number."""
    for style, (pattern, _) in enumerate(STYLES):
        m = pattern.match(title)
        if m:
            value = _value(m.group(1))
            return (style, value) if value else None
    return None


def _written(style: int, value: int) -> str:
    pattern, form = STYLES[style]
    return form.format(chinese_number(value) if "一" in pattern.pattern else value)


def _levels(base: PathKey, sections: list[Section], tail: list[Heading]) -> Iterator[list[Heading]]:
    """Each level of a section tree as printed (``tail``: fixed titles after it)."""
    yield [Heading((*base, i, "title"), s.title) for i, s in enumerate(sections)] + tail
    for i, s in enumerate(sections):
        yield from _levels((*base, i, "sections"), s.sections, [])


def _report_levels(ctx: CheckContext) -> Iterator[list[Heading]]:
    report = ctx.report
    att = report.attachments
    if att.department_self_evaluation:
        base = ("attachments", "department_self_evaluation", "sections")
        yield from _levels(base, att.department_self_evaluation.sections, [])
    for i, ev in enumerate(att.department_evaluations):
        yield from _levels(
            ("attachments", "department_evaluations", i, "sections"), ev.sections, []
        )
    own = report.self_evaluation
    if own is not None:
        analysis = Heading(("自评报告", "绩效分析标题"), own.analysis_title, False)
        yield from _levels(("自评报告", "sections"), own.sections, [analysis])
    ev = report.evaluation
    if ev is not None:
        parts = {"绩效目标": ev.goals, "主要绩效": ev.achievements, "存在问题": ev.problems}
        parts["相关建议"] = ev.suggestions
        top = [Heading(("评价报告", "评价概况标题"), ev.overview_title, False)]
        top += [Heading(("评价报告", k, "title"), s.title) for k, s in parts.items() if s]
        yield top
        conclusion = Heading(("评价报告", "评价结论", "title"), ev.conclusion.title, False)
        yield from _levels(("评价报告", "评价概况"), ev.overview, [conclusion])
        for key, section in parts.items():
            if section:
                yield from _levels(("评价报告", key, "sections"), section.sections, [])


@implements(W004)
def heading_numbers(ctx: CheckContext) -> Iterator[Finding]:
    for level in _report_levels(ctx):
        numbered = [(h, n) for h in level if (n := _number(h.title))]
        if not any(h.typed for h, _ in numbered) or len({s for _, (s, _) in numbered}) > 1:
            continue  # nothing numbered typed here, or mixed styles: not a sequence
        expected = 1
        for heading, (style, value) in numbered:
            dash = next((c for c in heading.title.lstrip()[:4] if c in LOOKALIKES), None)
            if dash and value == expected:
                yield ctx.finding(
                    W004,
                    f"标题序号写错：“{heading.title}”的序号用了“{dash}”，应为"
                    f"{_written(style, value)}；请改正标题的序号",
                    ctx.locate(heading.path),
                    "附件",
                )
            elif value != expected:
                before = "开头" if expected == 1 else f"前一节为{_written(style, expected - 1)}"
                yield ctx.finding(
                    W004,
                    f"标题序号不连续：“{heading.title}”应为{_written(style, expected)}"
                    f"（{before}）；请改正标题的序号",
                    ctx.locate(heading.path),
                    "附件",
                )
            expected = value + 1

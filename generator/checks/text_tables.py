"""A table typed for a 情况说明 section must name a section the layout has.

Otherwise it would silently not print: the 情况说明 is the profile's, so a
misspelt section id is the only way a typed table can get lost.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.context import CheckContext
from generator.checks.findings import Finding, Severity, implements, rule

T003 = rule(
    "T003",
    "文中表格",
    Severity.WARNING,
    "文中表格的章节须是本 profile 情况说明的章节 id",
    "文中表格 写在“其他/非税收入征缴”下，profile 的章节 id 是“其他/非税收入”",
)


def _section_ids(sections) -> Iterator[str]:
    for section in sections:
        yield section.id
        yield from _section_ids(section.subsections)


@implements(T003)
def text_tables_have_a_section(ctx: CheckContext) -> Iterator[Finding]:
    known = set(_section_ids(ctx.profile.narrative.sections))
    for key in ctx.report.narrative.tables:
        if key not in known:
            yield ctx.finding(
                T003,
                f"文中表格的章节“{key}”不是情况说明的章节，表格不会印出",
                ctx.locate(("narrative", "文中表格", key)),
                T003.group,
            )

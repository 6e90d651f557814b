"""A figure the text attributes to a table cell is that cell as printed.

"××局本年度财政拨款收入支出总计0.3万元" names 财政拨款收入支出总计,
which 公开04 prints as 2,961.68: one figure printed twice, so any difference
is an error, zero included.  The phrases are the profile's
(``checks.text_cells``).  The text is compared with the cell as the table
prints it (the typed figure where one was typed), never with a re-summed
total, and a cell left blank while the text gives its figure is reported as
such — never matched with some other line that happens to be close.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator.checks.context import CheckContext, cents
from generator.checks.findings import Figures, Finding, Severity, implements, money, rule
from generator.checks.text import NamedFigure, Sentence, locate, named_figures, split, texts
from generator.model.amounts import WAN

F004 = rule(
    "F004",
    "published text",
    Severity.ERROR,
    "文字中指明某表某格的金额等于该格印出的数（零也比较）",
    "“本年度收入支出总计0万元”，公开01 收入总计印为 2,995.39",
)
F007 = rule(
    "F007",
    "published text",
    Severity.WARNING,
    "文字给出某格的金额，而表中该格为空",
    "“三公”经费年初预算为0.95万元，公开07 预算 合计 为空",
)

SECTION = "情况说明"


def printed(ctx: CheckContext, ref: str) -> Decimal | None:
    """The cell as the table prints it: what was typed there, else what is computed."""
    cell = ctx.cell(ref)
    if cell is None:
        return None
    if cell.stated is not None:
        return cents(cell.stated)
    return cell.shown


def is_unit_slip(text: Decimal, value: Decimal) -> bool:
    return value != 0 and (cents(text * WAN) == value or cents(text / WAN) == value)


def verdict(ctx: CheckContext, named: NamedFigure) -> str:
    """ok · blank (cell empty, text gives a figure) · slip (10⁴ apart: F001's) · differs."""
    value = printed(ctx, named.named.cell)
    text = named.figure.wan
    if value is None:
        return "ok" if text == 0 else "blank"
    if cents(text) == value:
        return "ok"
    return "slip" if is_unit_slip(text, value) else "differs"


def named_in(ctx: CheckContext) -> Iterator[tuple[Sentence, NamedFigure]]:
    for text in texts(ctx):
        if not text.tables_related:
            continue
        for sentence in split(text):
            for named in named_figures(ctx.profile, sentence):
                yield sentence, named


def _label(ref: str) -> str:
    table, row, column = ref.split("/", 2)
    return f"{table} {row} {column}"


@implements(F004, F007)
def named_cells(ctx: CheckContext) -> Iterator[Finding]:
    for sentence, named in named_in(ctx):
        if named.named.cell.split("/", 1)[0] in ctx.missing_tables:
            continue  # could not be checked: T002 names the missing table
        found = verdict(ctx, named)
        where = locate(ctx, sentence.text, sentence)
        figure = named.figure
        if found == "blank":
            yield ctx.finding(
                F007,
                f"“{sentence.quote()}”：文字写{named.named.phrase} {figure.raw}，"
                f"而 {_label(named.named.cell)} 为空（请在表中填写或核对文字）",
                where,
                SECTION,
                figures=Figures(None, cents(figure.wan)),
            )
        elif found == "differs":
            value = printed(ctx, named.named.cell) or Decimal(0)
            yield ctx.finding(
                F004,
                f"“{sentence.quote()}”：{named.named.phrase} 写 {figure.raw}，"
                f"{_label(named.named.cell)} 印为 {money(value)}，相差 "
                f"{money(abs(cents(figure.wan) - value))}",
                where,
                SECTION,
                figures=Figures(value, cents(figure.wan)),
            )

"""上年数 typed in this year's input against last year's version given with ``--prior``.

With ``--prior`` the prior version's printed figures are the 上年 figures (one
source for every figure); a figure also typed here that says otherwise is reported
where it was typed, so the user can correct or delete it — never silently mixed in.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator.checks.context import CheckContext, cents
from generator.checks.findings import Finding, Severity, implements, rule
from generator.compute.cells import Key
from generator.narrative.numbers import money

Y001 = rule(
    "Y001",
    "上年数",
    Severity.WARNING,
    "填写的上年数与 --prior 上年版本印出的本年数不一致（情况说明以 --prior 为准）",
    "上年数 公开01 收入总计 填 93,512.36，上年版本印出 98,756.93",
)


@implements(Y001)
def typed_prior_against_prior_version(ctx: CheckContext) -> Iterator[Finding]:
    source, prior = ctx.computed.prior_source, ctx.computed.prior
    if source is None or prior is None:
        return
    by_path = {path: key for key, path in ctx.computed.sheet.paths.items()}
    for table, entries in ctx.report.narrative.prior_year.tables.items():
        for row, value in entries.items():
            cells = value.items() if isinstance(value, dict) else [(None, value)]
            for column, typed in cells:
                key = _key(ctx, by_path, table, row, column)
                if typed is None or key is None:
                    continue  # a figure that names no cell: the schema rules say so
                printed = cents(prior.value(*key))
                if cents(typed) != printed:
                    path = ("narrative", "上年", "tables", table, row)
                    path += (column,) if column is not None else ()
                    yield _finding(ctx, path, f"{table} {row} {column or ''}", typed, printed)
    typed_costs = source.typed_operating_costs
    printed_costs = ctx.report.narrative.operating_costs_prior
    if (
        typed_costs is not None
        and printed_costs is not None
        and cents(typed_costs) != cents(printed_costs)
    ):
        path = ("narrative", "上年机关运行经费")
        yield _finding(ctx, path, "上年机关运行经费", typed_costs, printed_costs)


def _key(
    ctx: CheckContext, by_path: dict[tuple, Key], table: str, row: str, column: str | None
) -> Key | None:
    """The cell a typed 上年 entry names: (table, row, column) itself, else the line whose
    input path it is (a single-column line is typed without its column)."""
    if column is not None and ctx.computed.sheet.has((table, row, column)):
        return (table, row, column)
    path = ("tables", table, "lines", row) + ((column,) if column is not None else ())
    return by_path.get(path)


def _finding(
    ctx: CheckContext, path: tuple, what: str, typed: Decimal, printed: Decimal
) -> Finding:
    source = ctx.computed.prior_source
    name = source.path.rsplit("/", 1)[-1] if source else ""
    message = (
        f"上年数 {what.strip()} 填 {money(cents(typed))}，上年版本 {name} 印出 {money(printed)}："
        "情况说明按上年版本写，请改正或删去此处的上年数"
    )
    return ctx.finding(Y001, message, ctx.locate(path), group="上年数")

"""Every stated total against the computed one, and the profile's identities.

One pass over the sheet covers several rule groups, because they differ only
in *why* a cell is computed: from the 科目 tree (hierarchy), from other
columns of its row (row identities), from other lines (the 01/04 balances),
from another table (cross-table), from 经济分类 items (公开06) or from the
三公 parts (公开07).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator.checks.context import CheckContext, cents
from generator.checks.findings import (
    Figures,
    Finding,
    Rule,
    Severity,
    difference,
    implements,
    money,
    rule,
)
from generator.compute.cells import Cell, Ref, Sum
from generator.narrative.numbers import plain
from generator.tables.registry import kind_of

H001 = rule(
    "H001",
    "hierarchy",
    Severity.ERROR,
    "类 = Σ 款，款 = Σ 项，合计 = Σ 类（每一栏）",
    "公开03 201 基本支出 填 900.00，而其下各款之和为 873.63",
)
R001 = rule(
    "R001",
    "row identities",
    Severity.ERROR,
    "行内恒等：本年收入合计 = 各栏之和，本年支出合计 = 各栏之和，小计 = 基本 + 项目，年末 = 年初 + 收入 − 支出",
    "公开05 2011301 小计 填 900.00，而基本支出 + 项目支出 = 873.63",
)
B001 = rule(
    "B001",
    "balance",
    Severity.ERROR,
    "公开01/04 的合计行与总计行等于其组成行之和",
    "公开01 总计（收）填 364,072.22，而本年收入合计 + 年初结转和结余 = 364,072.21（尾差，提示）",
)
X001 = rule(
    "X001",
    "cross-table",
    Severity.ERROR,
    "由其他表得出的数（公开01 支出类、公开04 各栏等）与来源表一致",
    "公开01 社会保障和就业支出 填 326.71，而公开03 208 本年支出合计为 326.72",
)
E001 = rule(
    "E001",
    "05↔06",
    Severity.ERROR,
    "公开06 经济分类各款 = Σ 其科目；人员经费合计、公用经费合计按 profile 定义求和",
    "公开06 人员经费合计 填 1,288.19，而 301 + 303 = 1,288.18",
)
G001 = rule(
    "G001",
    "三公",
    Severity.ERROR,
    "三公合计 = 因公出国 + 公务用车购置及运行费 + 公务接待费；公务用车购置及运行费 = 购置费 + 运行费（预算、决算）",
    "公开07 决算 合计 填 6.26，而各项之和为 6.16",
)
B002 = rule(
    "B002",
    "balance",
    Severity.ERROR,
    "总计（收）= 总计（支）（公开01、公开04）",
    "公开01 收入总计 364,072.22 与支出总计 364,072.12 不等",
)
X002 = rule(
    "X002",
    "cross-table",
    Severity.ERROR,
    "跨表恒等：公开01↔02/03、公开04↔05/08/09、公开05 基本支出 = 公开06 人员经费 + 公用经费",
    "公开05 基本支出 1,376.89，公开06 人员经费合计 + 公用经费合计 = 1,376.88（尾差，提示）",
)
X003 = rule(
    "X003",
    "cross-table",
    Severity.ERROR,
    "公开04 财政拨款收入不超过公开01 本年收入合计",
    "公开04 本年收入合计 500.00 大于公开01 本年收入合计 400.00",
)


NEAR = Decimal("0.2")  # a difference this small is worth comparing with the rounding bound


def _row_label(ctx: CheckContext, table: str, row: str) -> str:
    structure = ctx.computed.structure
    for info in structure.rows.get(table, []):
        if info.code == row:
            return f"{row} {info.name}"
    for side in structure.sides.get(table, ()):
        for line in side:
            if line.row == row:
                return line.label or row
    return row


# what a stated total is, as its table's kind says (``total_role``) → the rule it answers to
ROLES = {
    "hierarchy": H001,
    "row": R001,
    "source": X001,
    "balance": B001,
    "economic": E001,
    "sangong": G001,
}


def _rule_for(ctx: CheckContext, cell: Cell) -> Rule:
    tdef = ctx.profile.table(cell.key[0])
    return ROLES[kind_of(tdef).total_role(cell, ctx.computed.structure)]


@implements(H001, R001, B001, X001, E001, G001)
def stated_totals(ctx: CheckContext) -> Iterator[Finding]:
    for cell in ctx.computed.sheet.cells():
        if cell.stated is None or cell.computed is None:
            continue
        if not isinstance(cell.formula, Sum | Ref):
            continue
        if isinstance(cell.formula, Ref) and cell.formula.target[0] in ctx.missing_tables:
            continue  # could not be checked: T002 names it
        stated, computed = cents(cell.stated), cents(cell.computed)
        severity = ctx.rounding_severity(abs(cell.difference), cell.bound)
        if severity is None:
            continue
        table, row, column = cell.key
        what = "来源表" if isinstance(cell.formula, Ref) else "计算"
        message = (
            f"{table} {_row_label(ctx, table, row)} {column}：按{what}{difference(computed, stated)}"
            f"{_rounding_note(cell, severity)}"
        )
        figures = Figures(cell.computed, cell.stated, addends=cell.roundings, bound=cell.bound)
        location = ctx.locate_cell(cell.key)
        rule = _rule_for(ctx, cell)
        yield ctx.finding(rule, message, location, table, severity, figures, cell.key)


# The rules of ``stated_totals``: a stated figure of a computed cell that disagrees beyond
# rounding is printed as computed (``Cell.shown``), so the rebuilt report is consistent
# by construction.  In an unmodified extract these contradictions are the publisher's and
# a build corrects them (``app.build``).  The identities (B002, X002, X003) compare two
# printed figures: a build cannot correct them, so they always block.
CORRECTED_BY_BUILD = frozenset(r.code for r in (H001, R001, B001, X001, E001, G001))


def correction(ctx: CheckContext, finding: Finding) -> str:
    """What the published PDF printed in a cell and what the rebuilt report prints instead."""
    assert finding.key is not None
    cell = ctx.computed.sheet.cell(finding.key)
    table, row, column = finding.key
    page = finding.location.pdf_page.strip("（）") or "原 PDF"
    printed = (
        f"{table} {_row_label(ctx, table, row)} {column}：{page}印 {money(cents(cell.stated))}"
    )
    if isinstance(cell.formula, Ref):
        source = cell.formula.target[0]
        return (
            f"{printed}，与 {source} 的 {money(cell.shown)} 矛盾；重建的报告印 {money(cell.shown)}"
        )
    return f"{printed}；重建的报告按其组成项之和印 {money(cell.shown)}"


def _rounding_note(cell: Cell, severity: Severity) -> str:
    if severity == Severity.INFO:
        return f"（尾差：{cell.roundings} 个四舍五入数之和，容许 {plain(cell.bound)}，印出填写数）"
    if isinstance(cell.formula, Ref) and cell.quotes_printed:
        return "（同一个数印在两处，应完全一致）"
    if cell.bound and abs(cell.difference) <= NEAR:
        return f"（超出 {cell.roundings} 个四舍五入数的容许范围 {plain(cell.bound)}）"
    return ""


@implements(B002, X002, X003)
def identities(ctx: CheckContext) -> Iterator[Finding]:
    for identity in ctx.profile.checks.identities:
        tables = {ref.split("/", 1)[0] for ref in identity.left + identity.right}
        if tables & set(ctx.missing_tables):
            continue  # could not be checked: T002 names it
        cells = [ctx.cell(ref) for ref in identity.left + identity.right]
        if all(c is None or c.shown is None for c in cells):
            continue  # neither side has any figure: nothing was reported
        left = sum((ctx.value(r) for r in identity.left), Decimal(0))
        right = sum((ctx.value(r) for r in identity.right), Decimal(0))
        anchor = ctx.cell(identity.left[0])
        location = ctx.locate_cell(anchor.key) if anchor else ctx.locate(("tables",))
        table = identity.left[0].split("/", 1)[0]
        if identity.op == "<=":
            if left > right:
                yield ctx.finding(
                    X003,
                    f"{identity.label}：{money(left)} 大于 {money(right)}",
                    location,
                    table,
                    figures=Figures(right, left),
                )
            continue
        printed = sum(1 for c in cells if c is not None and c.shown)
        # n figures on one side, one on the other: (n + 1) × 0.005; one on each side is
        # one exact value printed twice, which must be equal
        bound = ctx.bound(printed - 1)
        severity = ctx.rounding_severity(abs(left - right), bound)
        if severity is not None:
            note = f"（尾差：{printed} 个四舍五入数，容许 {plain(bound)}）"
            yield ctx.finding(
                B002 if identity.relation == "balance" else X002,
                f"{identity.label}：{difference(right, left)}"
                f"{note if severity == Severity.INFO else ''}",
                location,
                table,
                severity,
                Figures(right, left, addends=printed, bound=bound),
            )

"""What a sentence template can ask for.

Templates live in the profile (``narrative.yaml``) and see only this
context: printed figures of this and last year's tables, 年初预算, the
user's reasons and facts, and the scored 自评表.  Helpers return Decimal
so templates do arithmetic on the same cents the tables print.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generator.compute.cells import rounding_bound
from generator.compute.computed import Computed
from generator.compute.performance import ProjectScores, score_project
from generator.model.amounts import round2
from generator.model.facts import fact_state
from generator.model.report import FactState
from generator.narrative.numbers import Change, money, ratio
from generator.profiles import codes
from generator.tables.economic import column as economic_column
from generator.tables.registry import economic_table


@dataclass
class RowLine:
    """A 类, 款 or 项 row of a 功能分类 table, with the names of the rows above it."""

    code: str
    name: str
    short: str
    level: int  # 1 类, 2 款, 3 项
    amount: Decimal
    budget: Decimal | None
    prior: Decimal | None
    class_name: str  # its 类
    class_short: str
    parent_name: str  # the row directly above: 类 for a 款, 款 for a 项
    parent_short: str


@dataclass
class EconomicLine:
    code: str
    name: str
    amount: Decimal


def short_name(name: str) -> str:
    """一般公共服务支出 → 一般公共服务 (as in "一般公共服务（类）")."""
    return name[:-2] if name.endswith("支出") and len(name) > 2 else name


class MissingTable(Exception):
    """A template read a table whose figures are unknown: its sentence is left out."""

    def __init__(self, table: str) -> None:
        super().__init__(table)
        self.table = table


class Figures:
    """Accessors bound to one Computed report; exposed to templates as functions.

    Reading a missing table (``tables.X.missing``) raises ``MissingTable``: a figure
    nobody knows is never written as 0.00."""

    def __init__(self, computed: Computed) -> None:
        self.c = computed
        self.narrative = computed.report.narrative
        # the optional facts the templates asked about while writing, with the title of
        # the section that asked (the missing-fact rule reports the missing ones)
        self.asked: dict[str, str] = {}
        self.section = ""
        self.missed = 0  # how many times a template asked about a missing fact

    def known(self, table: str) -> None:
        if self.c.is_missing(table):
            raise MissingTable(table)

    def v(self, table: str, row: str, column: str) -> Decimal:
        """This year's printed figure; empty reads as 0."""
        self.known(table)
        return self.c.amount(table, row, column)

    def p(self, table: str, row: str, column: str) -> Decimal | None:
        """Last year's figure, None when the input does not give it."""
        prior = self.c.prior
        if prior is None or prior.is_missing(table):
            return None
        return prior.value(table, row, column)

    def state(self, name: str) -> FactState:
        """given / none / missing for an optional fact (generator.model.facts); a template
        states a fact only when it is not missing (the missing-fact rule warns)."""
        self.asked.setdefault(name, self.section)
        if name == "上年" and self.c.prior is not None:
            return "given"
        found = fact_state(self.c.report, name)
        self.missed += found == "missing"
        return found

    def change(self, current: Decimal | None, base: Decimal | None) -> Change:
        return Change(current or Decimal(0), base)

    def ratio(self, part: Decimal | None, whole: Decimal | None) -> Decimal | None:
        return ratio(part, whole)

    def budget(self, code: str) -> Decimal | None:
        """The 年初预算 of a 类; None when not typed, 0 when typed as 0 or 无 (no budget)."""
        value = self.narrative.budgets.get(code)
        return None if value is None else round2(value)

    def budget_total(self) -> Decimal | None:
        """年初预算合计: the stated total when it agrees with the 类 sum, else the sum."""
        parts = [v for k, v in self.narrative.budgets.items() if k != "合计" and v is not None]
        stated = self.narrative.budgets.get("合计")
        computed = sum(parts, Decimal(0)) if parts else None
        fixed = self.c.sheet.tolerance
        bound = fixed if fixed is not None else rounding_bound(len(parts))
        if stated is not None and (computed is None or abs(stated - computed) <= bound):
            return round2(stated)
        return None if computed is None else round2(computed)

    def reason(self, key: str) -> str:
        return self.narrative.reasons.get(key, "").strip()

    def classes(self, table: str, column: str) -> list[RowLine]:
        """Non-zero 类 rows of a 功能分类 table, in code order."""
        return self.rows(table, column, level=1)

    def rows(self, table: str, column: str, level: int = 2) -> list[RowLine]:
        """Non-zero rows of one level (1 类, 2 款, 3 项) of a 功能分类 table, in code order.

        ``budget`` is the 年初预算 typed under the row's own code (if any);
        ``prior`` last year's figure of the same cell.
        """
        self.known(table)
        infos = self.c.structure.rows.get(table, [])
        names = {r.code: r.name for r in infos}
        out = []
        for row in infos:
            if row.level != level:
                continue
            amount = self.v(table, row.code, column)
            if not amount:
                continue
            class_name = names.get(codes.class_of(row.code), "")
            parent_name = names.get(codes.parent(row.code) or row.code, "")
            out.append(
                RowLine(
                    row.code,
                    row.name,
                    short_name(row.name),
                    row.level,
                    amount,
                    self.budget(row.code),
                    self.p(table, row.code, column),
                    class_name,
                    short_name(class_name),
                    parent_name,
                    short_name(parent_name),
                )
            )
        return out

    def leaf_rows(self, table: str, column: str) -> list[RowLine]:
        """Non-zero rows with nothing below them (项, or a 款 typed without 项), in code
        order: the rows a layout explains one by one ("按上述格式依次说明到各项级科目")."""
        leaves = {r.code for r in self.c.structure.rows.get(table, []) if r.leaf}
        found = [r for level in (2, 3) for r in self.rows(table, column, level) if r.code in leaves]
        return sorted(found, key=lambda r: r.code)

    def fact(self, name: str) -> Decimal | str | None:
        """A layout's own fact from ``narrative.其他数据``; numbers come back as Decimal
        (so ``money``, ``change`` and ``ratio`` take them), None when not given."""
        self.asked.setdefault(name, self.section)
        value = self.narrative.extra.get(name)
        self.missed += value is None
        if isinstance(value, int) and not isinstance(value, bool):
            return Decimal(value)
        return value

    def economic_classes(self, *class_codes: str) -> list[EconomicLine]:
        """The non-zero 经济分类 classes (301, 302 …) of the basic-expenditure table,
        in the order asked, with their names and totals."""
        economic = self.c.profile.economic
        tdef = economic_table(self.c.profile)
        if economic is None or tdef is None:
            return []
        by_code = {c.code: c for c in economic.classes}
        out = []
        for code in class_codes:
            cls = by_code.get(code)
            amount = self.v(tdef.id, code, economic_column(tdef)) if cls else Decimal(0)
            if cls is not None and amount:
                out.append(EconomicLine(cls.code, cls.name, amount))
        return out

    def economic_items(self, *class_codes: str) -> list[str]:
        """Names of the non-zero 经济分类 items of the given classes (公开06)."""
        economic = self.c.profile.economic
        tdef = economic_table(self.c.profile)
        if economic is None or tdef is None:
            return []
        column = economic_column(tdef)
        names = []
        for cls in economic.classes:
            if cls.code in class_codes:
                names += [i.name for i in cls.items if self.v(tdef.id, i.code, column)]
        return names

    def is_empty(self, table: str) -> bool:
        self.known(table)
        return self.c.is_empty(table)

    def operating_costs(self) -> Decimal:
        """机关运行经费: as typed, else the cell the profile defines it as (checks.yaml
        ``operating_costs``: 公用经费合计 of the basic-expenditure table)."""
        typed = self.narrative.operating_costs
        if typed is not None:
            return round2(typed)
        ref = self.c.profile.checks.operating_costs
        if ref is None:
            return Decimal(0)
        table, row, column = ref.split("/", 2)
        return self.v(table, row, column)

    def procurement_total(self) -> Decimal:
        pr = self.narrative.procurement
        if pr.total is not None:
            return round2(pr.total)
        return round2(sum((x for x in (pr.goods, pr.works, pr.services) if x), Decimal(0)))


def amounts(pairs: list[tuple[str, Decimal | None]], sep: str = "，") -> str:
    """ "label364,062.40万元，label9.81万元" for the non-zero pairs."""
    return sep.join(f"{label}{money(value)}万元" for label, value in pairs if value)


def build_context(computed: Computed, figures: Figures | None = None) -> dict[str, Any]:
    report = computed.report
    figures = figures or Figures(computed)
    projects: list[ProjectScores] = [
        score_project(p) for p in report.attachments.project_self_evaluations
    ]
    summaries = report.narrative.performance.project_summaries
    return {
        "department": report.department,
        "year": report.year,
        "prior_year": report.year - 1,
        "unit_kind": report.unit_kind,
        "v": figures.v,
        "p": figures.p,
        "change": figures.change,
        "ratio": figures.ratio,
        "budget": figures.budget,
        "budget_total": figures.budget_total,
        "reason": figures.reason,
        "classes": figures.classes,
        "economic_items": figures.economic_items,
        "rows": figures.rows,
        "economic_classes": figures.economic_classes,
        "leaf_rows": figures.leaf_rows,
        "fact": figures.fact,
        "state": figures.state,
        "is_empty": figures.is_empty,
        "operating_costs": figures.operating_costs,
        "procurement_total": figures.procurement_total,
        "amounts": amounts,
        "facts": report.narrative,
        "projects": [(p, summaries.get(p.source.name)) for p in projects],
        "threshold": Decimal(str(computed.profile.narrative.reason_threshold)),
        "statements": report.statements,
        "performance_targets": report.attachments.performance_targets,
    }

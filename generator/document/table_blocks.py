"""Table blocks inside text sections, computed and laid out as grids (``TableView``).

A row's figure is typed, or the sum of other columns of its row (``sum`` on
the column), or the sum of other rows (``sum`` on the row), or a ratio of two
rows as a percentage (``(5)=(4)/(2)``).  A ``评分`` block lays out one 一级指标
of the report's 评分表, so the scores printed in the text are the table's.
"""

from __future__ import annotations

from decimal import Decimal

from generator.compute.performance import ScoringResult
from generator.document.tables import TableView, ViewCell
from generator.errors import UserError
from generator.model.amounts import fmt_money, round2
from generator.model.table_block import BlockColumn, TableBlock
from generator.narrative.numbers import plain

HUNDRED = Decimal(100)


def block_values(block: TableBlock) -> list[dict[str, Decimal | None]]:
    """The figure of every (row, figure column); None for an empty cell."""
    by_id = {row.id: n for n, row in enumerate(block.rows) if row.id}
    figures = [c for c in block.columns if c.kind != "text"]
    memo: dict[tuple[int, str], Decimal | None] = {}

    def cell(
        n: int, column: BlockColumn, seen: frozenset[tuple[int, str]] = frozenset()
    ) -> Decimal | None:
        key = (n, column.id)
        if key in memo:
            return memo[key]
        if key in seen:
            raise UserError(f"表格“{block.title}”的行或列互相引用（循环求和）")
        row = block.rows[n]
        seen = seen | {key}
        value: Decimal | None
        if row.ratio:
            top, bottom = (cell(_row(by_id, r, block), column, seen) for r in row.ratio)
            value = round2(top / bottom * HUNDRED) if top is not None and bottom else None
        elif row.sum:
            parts = [cell(_row(by_id, r, block), column, seen) for r in row.sum]
            value = sum((p for p in parts if p is not None), Decimal(0))
            value = value if any(p is not None for p in parts) else None
        elif column.computed and row.cells.get(column.id) is None:
            cols = {c.id: c for c in block.columns}
            plus = [cell(n, cols[c], seen) for c in column.sum]
            minus = [cell(n, cols[c], seen) for c in column.minus]
            given = [p for p in plus + minus if p is not None]
            total = sum((p for p in plus if p is not None), Decimal(0))
            total -= sum((p for p in minus if p is not None), Decimal(0))
            value = total if given else None
        else:
            typed = row.cells.get(column.id)
            value = typed if isinstance(typed, Decimal) else None
        memo[key] = value
        return value

    return [{c.id: cell(n, c) for c in figures} for n in range(len(block.rows))]


def _row(by_id: dict[str, int], row_id: str, block: TableBlock) -> int:
    if row_id not in by_id:
        raise UserError(f"表格“{block.title}”引用了不存在的行：{row_id}")
    return by_id[row_id]


def _figure(value: Decimal | None, column: BlockColumn, zero: str) -> ViewCell:
    if value is None:
        return ViewCell(kind="amount")
    text = plain(value) if column.kind == "number" else fmt_money(value, zero=zero or "0.00")
    return ViewCell(text, value, "amount")


def _header(block: TableBlock) -> list[list[ViewCell]]:
    if block.header:
        return [
            [ViewCell(h.text, kind="header", colspan=h.colspan, rowspan=h.rowspan) for h in row]
            for row in block.header
        ]
    return [
        [ViewCell(c.header if c.header is not None else c.id, kind="header") for c in block.columns]
    ]


def block_view(
    block: TableBlock, department: str, zero: str, scoring: ScoringResult | None
) -> TableView:
    title = block.title.strip("：:）) ")
    view_id = f"表格/{title}" if title else "表格"  # untitled: named by its section
    if block.scores:
        return _score_view(block, view_id, department, scoring)
    values = block_values(block)
    body: list[list[ViewCell]] = []
    above: dict[str, ViewCell] = {}  # the open cell of each merged column
    for row, figures in zip(block.rows, values, strict=True):
        line: list[ViewCell] = []
        for i, column in enumerate(block.columns):
            if column.kind == "text":
                text = row.cells.get(column.id)
                if column.merge and not text and column.id in above:
                    above[column.id].rowspan += 1
                    continue
                kind = "label" if i == 0 else "text"
                cell = ViewCell(
                    "" if text is None else str(text),
                    kind=kind,
                    indent=row.indent if i == 0 else 0,
                )
                if column.merge:
                    above[column.id] = cell
                line.append(cell)
            else:
                line.append(_figure(figures[column.id], column, zero))
            line[-1].bold = row.bold
        body.append(line)
    numbers = [ViewCell(t, kind="header") for t in block.column_numbers]
    return TableView(
        view_id,
        block.title,
        None,
        block.unit,
        department,
        _header(block),
        numbers,
        body,
        [c.width for c in block.columns],
        notes=list(block.notes),
    )


def _score_view(
    block: TableBlock, view_id: str, department: str, scoring: ScoringResult | None
) -> TableView:
    level = (
        next((lv for lv in scoring.levels if lv.name == block.scores), None) if scoring else None
    )
    if level is None:
        raise UserError(
            f"表格“{block.title or block.scores}”：评分表中没有一级指标“{block.scores}”"
        )
    rows = sum(len(g.items) for g in level.groups)
    body: list[list[ViewCell]] = []
    for g, group in enumerate(level.groups):
        for k, item in enumerate(group.items):
            line: list[ViewCell] = []
            if g == 0 and k == 0:
                line.append(
                    ViewCell(f"{level.name}（{plain(level.weight)}分）", kind="text", rowspan=rows)
                )
            if k == 0:
                line.append(
                    ViewCell(
                        f"{group.name}（{plain(group.weight)}分）",
                        kind="text",
                        rowspan=len(group.items),
                    )
                )
            line.append(ViewCell(f"{item.name}（{plain(item.weight)}分）", kind="text"))
            line.append(ViewCell(plain(item.score), item.score, "amount"))
            body.append(line)
    body.append(
        [
            ViewCell("合计", kind="label", colspan=3, bold=True),
            ViewCell(plain(level.score), level.score, "amount"),
        ]
    )
    header = [[ViewCell(t, kind="header") for t in ("一级指标", "二级指标", "三级指标", "得分")]]
    return TableView(
        view_id,
        block.title,
        None,
        "",
        department,
        _header(block) if block.header else header,
        [],
        body,
        [1.2, 1.4, 2.6, 0.8],
    )

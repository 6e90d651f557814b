"""A side-by-side HTML report of a comparison, to send to a colleague.

For each table with a difference, the rows and columns that differ: A, B and the
difference (B − A) for each changed column, the changed cells marked, every row
named (科目编码 and name, or the printed label), numbers printed as the report
prints them. A table whose rows fall apart into groups that share no column (the
收入 and 支出 sides of 公开01/04) is shown group by group, never interleaved.
Changed sentences are shown in pairs with only the figures that differ marked.
Autoescaped: report text stays text.
"""

from __future__ import annotations

from decimal import Decimal

from jinja2 import Environment, select_autoescape
from markupsafe import Markup, escape

from generator.diff.compare import CellDifference, Comparison, figure_changes, row_name
from generator.document.figures import TableFigures
from generator.model.amounts import fmt_money

TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>差异报告</title>
<style>
body { font-family: "Noto Sans CJK SC", sans-serif; margin: 2em; color: #111; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 13px; }
th, td { border: 1px solid #bbb; padding: 3px 8px; }
th { background: #f2f2f2; font-weight: normal; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.diff { background: #ffe08a; font-weight: bold; }
td.delta { color: #555; }
td.row { white-space: nowrap; }
.a { color: #8a1c1c; } .b { color: #1c5a8a; }
mark { background: #ffe08a; font-weight: bold; }
h3 { font-size: 14px; margin: 0.8em 0 0; }
.summary { font-size: 15px; }
</style></head><body>
<h1>差异报告</h1>
<p class="summary">A：{{ a }}<br>B：{{ b }}<br>
表格差异 {{ cmp.differences|length }} 处，文字差异 {{ cmp.text_differences|length }} 处。</p>
{% if cmp.only_in_a %}<p>仅在 A 中的表：{{ cmp.only_in_a|join("、") }}</p>{% endif %}
{% if cmp.only_in_b %}<p>仅在 B 中的表：{{ cmp.only_in_b|join("、") }}</p>{% endif %}
{% for t in tables %}
<h2>{{ t.name }} {{ t.title }}</h2>
{% for g in t.groups %}{% if g.heading %}<h3>{{ g.heading }}</h3>{% endif %}
<table class="figures"><tr><th rowspan="2">行</th>{% for col in g.columns %}<th colspan="3">{{ col }}</th>{% endfor %}</tr>
<tr>{% for col in g.columns %}<th class="a">A</th><th class="b">B</th><th>差额</th>{% endfor %}</tr>
{% for row in g.rows %}<tr><td class="row">{{ row.name }}</td>
{% for c in row.cells %}<td class="n{% if c.diff %} diff{% endif %}">{{ c.a }}</td><td class="n{% if c.diff %} diff{% endif %}">{{ c.b }}</td><td class="n delta">{{ c.delta }}</td>{% endfor %}</tr>
{% endfor %}</table>
{% endfor %}{% endfor %}
{% if typed %}<h2>填报数差异（打印数相同）</h2>
<p>两个输入在这些格中填报的数不同；打印的是计算出的数，两者相同。</p>
<table class="typed"><tr><th>表</th><th>行</th><th>列</th><th class="a">A 填报</th><th class="b">B 填报</th><th>差额</th></tr>
{% for d in typed %}<tr><td>{{ d.table }}</td><td class="row">{{ d.row }}</td><td>{{ d.column }}</td><td class="n diff">{{ d.a }}</td><td class="n diff">{{ d.b }}</td><td class="n delta">{{ d.delta }}</td></tr>
{% endfor %}</table>{% endif %}
{% if sentences %}<h2>情况说明文字差异</h2>
<table class="text"><tr><th>章节</th><th class="a">A</th><th class="b">B</th></tr>
{% for d in sentences %}<tr><td>{{ d.section }}</td><td>{{ d.a }}</td><td>{{ d.b }}</td></tr>
{% endfor %}</table>{% endif %}
</body></html>
"""


def money(value: Decimal | None) -> str:
    """As the report prints it: thousands separators, 2 decimals; an absent figure is blank."""
    return "" if value is None else fmt_money(value, zero="0.00")


def mark_pair(
    a: str, b: str, years: tuple[int | None, int | None] = (None, None)
) -> tuple[Markup, Markup]:
    """Both sentences escaped, with only the figures that differ between them marked."""

    def render(pieces: list[tuple[str, bool]]) -> Markup:
        if not "".join(t for t, _ in pieces):
            return Markup("（无）")
        return Markup(
            "".join(f"<mark>{escape(t)}</mark>" if hit else str(escape(t)) for t, hit in pieces)
        )

    pa, pb = figure_changes(a, b, years)
    return render(pa), render(pb)


def _groups(ta: TableFigures, tb: TableFigures) -> list[tuple[list[str], list[str]]]:
    """Columns that belong together, each with its rows: two columns are together when
    rows carry figures in both (a row that alone joins them, like the 总计 printed on both
    sides of a balance table, does not). So the 收入 and 支出 sides of 公开01/04 come out
    as two groups and an ordinary table as one; a row is shown in each group it has
    figures in."""
    rows = ta.rows + [r for r in tb.rows if r not in ta.rows]
    columns = ta.columns + [c for c in tb.columns if c not in ta.columns]
    filled: dict[str, set[str]] = {r: set() for r in rows}
    for figures in (ta, tb):
        for (row, column), value in figures.cells.items():
            if value is not None and row in filled:
                filled[row].add(column)
    parent = {c: c for c in columns}

    def find(c: str) -> str:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for i, c1 in enumerate(columns):
        for c2 in columns[i + 1 :]:
            both = sum(1 for cs in filled.values() if c1 in cs and c2 in cs)
            either = sum(1 for cs in filled.values() if c1 in cs or c2 in cs)
            if both >= min(2, either):
                parent[find(c1)] = find(c2)
    groups: dict[str, list[str]] = {}
    for c in columns:
        groups.setdefault(find(c), []).append(c)
    return [
        ([r for r in rows if filled[r] & set(cols) or not filled[r]], cols)
        for cols in groups.values()
    ]


def _table(name: str, ta: TableFigures, tb: TableFigures, diffs: list[CellDifference]) -> dict:
    changed = {(d.row, d.column): d for d in diffs}
    groups = []
    for rows, columns in _groups(ta, tb):
        rows = [r for r in rows if any((r, c) in changed for c in columns)]
        columns = [c for c in columns if any((r, c) in changed for r in rows)]
        if not rows:
            continue
        groups.append(
            {
                "columns": columns,
                "heading": columns[0].split("/")[0],
                "rows": [
                    {
                        "name": row_name(ta if r in ta.rows else tb, r),
                        "cells": [
                            {
                                "a": money(ta.cells.get((r, c))),
                                "b": money(tb.cells.get((r, c))),
                                "diff": (r, c) in changed,
                                "delta": money(changed[(r, c)].difference)
                                if (r, c) in changed
                                else "",
                            }
                            for c in columns
                        ],
                    }
                    for r in rows
                ],
            }
        )
    if len(groups) == 1:
        groups[0]["heading"] = ""
    return {"name": name, "title": ta.title, "groups": groups}


def render_html(cmp: Comparison) -> str:
    printed = [d for d in cmp.differences if not d.typed]
    tables = [
        _table(
            name, cmp.a.tables[name], cmp.b.tables[name], [d for d in printed if d.table == name]
        )
        for name in sorted({d.table for d in printed})
    ]
    typed = [
        {
            "table": d.table,
            "row": row_name(cmp.a.tables[d.table], d.row),
            "column": d.column,
            "a": money(d.a),
            "b": money(d.b),
            "delta": money(d.difference),
        }
        for d in cmp.differences
        if d.typed
    ]
    sentences = []
    for d in cmp.text_differences:
        a, b = mark_pair(d.a, d.b, d.years)
        sentences.append({"section": d.section, "a": a, "b": b})
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    return env.from_string(TEMPLATE).render(
        cmp=cmp, a=cmp.a.source, b=cmp.b.source, tables=tables, typed=typed, sentences=sentences
    )

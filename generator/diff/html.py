"""A side-by-side HTML report of a comparison, to send to a colleague.

Every table with a difference is shown whole, A beside B, differing cells
marked; changed sentences are shown in pairs with their figures highlighted.
Autoescaped: report text stays text.
"""

from __future__ import annotations

import re

from jinja2 import Environment, select_autoescape
from markupsafe import Markup, escape

from generator.diff.compare import Comparison, amount_text

FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")

TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>gen-report diff</title>
<style>
body { font-family: "Noto Sans CJK SC", sans-serif; margin: 2em; color: #111; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 13px; }
th, td { border: 1px solid #bbb; padding: 2px 6px; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.diff { background: #ffe08a; font-weight: bold; }
.a { color: #8a1c1c; } .b { color: #1c5a8a; }
mark { background: #ffe08a; }
.summary { font-size: 15px; }
</style></head><body>
<h1>差异报告</h1>
<p class="summary">A：{{ a }}<br>B：{{ b }}<br>
表格差异 {{ cmp.differences|length }} 处，文字差异 {{ cmp.text_differences|length }} 处。</p>
{% if cmp.only_in_a %}<p>仅在 A 中的表：{{ cmp.only_in_a|join("、") }}</p>{% endif %}
{% if cmp.only_in_b %}<p>仅在 B 中的表：{{ cmp.only_in_b|join("、") }}</p>{% endif %}
{% for t in tables %}
<h2>{{ t.name }} {{ t.title }}</h2>
<table><tr><th>行</th>{% for col in t.columns %}<th colspan="2">{{ col }}</th>{% endfor %}</tr>
<tr><th></th>{% for col in t.columns %}<th class="a">A</th><th class="b">B</th>{% endfor %}</tr>
{% for row in t.rows %}<tr><td>{{ row.key }}</td>
{% for c in row.cells %}<td class="n{% if c.diff %} diff{% endif %}">{{ c.a }}</td><td class="n{% if c.diff %} diff{% endif %}">{{ c.b }}</td>{% endfor %}</tr>
{% endfor %}</table>
{% endfor %}
{% if cmp.text_differences %}<h2>情况说明文字差异</h2>
<table><tr><th>章节</th><th class="a">A</th><th class="b">B</th></tr>
{% for d in cmp.text_differences %}<tr><td>{{ d.section }}</td><td>{{ mark(d.a) }}</td><td>{{ mark(d.b) }}</td></tr>
{% endfor %}</table>{% endif %}
</body></html>
"""


def mark(text: str) -> Markup:
    """Escape the sentence, then highlight its figures."""
    escaped = str(escape(text))
    return Markup(FIGURE.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))


def render_html(cmp: Comparison) -> str:
    changed = {d.table for d in cmp.differences}
    tables = []
    for name in changed:
        ta, tb = cmp.a.tables[name], cmp.b.tables[name]
        diffs = {(d.row, d.column) for d in cmp.differences if d.table == name}
        columns = ta.columns + [c for c in tb.columns if c not in ta.columns]
        keys = ta.rows + [r for r in tb.rows if r not in ta.rows]
        rows = [
            {
                "key": key,
                "cells": [
                    {
                        "a": amount_text(ta.cells.get((key, col))),
                        "b": amount_text(tb.cells.get((key, col))),
                        "diff": (key, col) in diffs,
                    }
                    for col in columns
                ],
            }
            for key in keys
        ]
        tables.append({"name": name, "title": ta.title, "columns": columns, "rows": rows})
    tables.sort(key=lambda t: t["name"])
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    return env.from_string(TEMPLATE).render(
        cmp=cmp, a=cmp.a.source, b=cmp.b.source, tables=tables, mark=mark
    )

"""Charts of a 情况说明 section, drawn from the same cells the tables print.

A chart is laid out here as plain shapes (pie slices as arc paths, bars as
rectangles, labels at their positions) and drawn by ``templates/chart.svg.j2``:
a dozen shapes do not need a charting library, and a template keeps the SVG
vector, escaped and in the document's fonts.  Figures print as the tables
print them (2 decimals, the profile's zero), shares as the narrative prints them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from jinja2.sandbox import SandboxedEnvironment

from generator.compute.computed import Computed
from generator.model.amounts import fmt_money
from generator.narrative.numbers import percent, ratio
from generator.profiles.schema import Chart

COLOURS = ("#4472c4", "#ed7d31", "#a5a5a5", "#ffc000", "#5b9bd5", "#70ad47")
WIDTH, HEIGHT = 480.0, 230.0


@dataclass
class Shape:
    kind: str  # path | rect | text
    d: str = ""
    x: float = 0
    y: float = 0
    w: float = 0
    h: float = 0
    fill: str = "#000"
    text: str = ""
    anchor: str = "start"
    size: float = 10


@dataclass
class ChartView:
    title: str
    width: float
    height: float
    shapes: list[Shape] = field(default_factory=list)
    # what a reader of the figures (tests, diff) can use: label → printed value(s)
    values: dict[str, list[str]] = field(default_factory=dict)


def _cell(computed: Computed | None, ref: str) -> Decimal:
    if computed is None:
        return Decimal(0)
    table, row, column = ref.split("/", 2)
    return computed.amount(table, row, column)


def chart_view(chart: Chart, computed: Computed) -> ChartView:
    zero = computed.profile.display.zero or "0.00"
    strip = computed.profile.display.percent_strip_zeros
    values = [_cell(computed, item.cell) for item in chart.items]
    view = ChartView(chart.title, WIDTH, HEIGHT)
    if chart.kind == "pie":
        _pie(view, chart, values, zero, strip)
    else:
        prior = [_cell(computed.prior, item.cell) for item in chart.items]
        env = SandboxedEnvironment()
        year = computed.report.year
        names = [env.from_string(n).render(year=year) for n in chart.series]
        _bars(view, chart, values, prior if computed.prior else None, zero, names)
    return view


def _pie(view: ChartView, chart: Chart, values: list[Decimal], zero: str, strip: bool) -> None:
    total = sum(values, Decimal(0))
    cx, cy, r = 110.0, 118.0, 88.0
    angle = -math.pi / 2
    for i, (item, value) in enumerate(zip(chart.items, values, strict=True)):
        colour = COLOURS[i % len(COLOURS)]
        share = ratio(value, total)
        if share:
            sweep = float(share) * 2 * math.pi
            end = angle + sweep
            if sweep >= 2 * math.pi - 1e-9:  # one item holds everything: a full disc
                d = f"M {cx - r:.2f} {cy:.2f} a {r} {r} 0 1 0 {2 * r} 0 a {r} {r} 0 1 0 {-2 * r} 0"
            else:
                x1, y1 = cx + r * math.cos(angle), cy + r * math.sin(angle)
                x2, y2 = cx + r * math.cos(end), cy + r * math.sin(end)
                large = 1 if sweep > math.pi else 0
                d = (
                    f"M {cx:.2f} {cy:.2f} L {x1:.2f} {y1:.2f} "
                    f"A {r} {r} 0 {large} 1 {x2:.2f} {y2:.2f} Z"
                )
            view.shapes.append(Shape("path", d=d, fill=colour))
            angle = end
        shown = fmt_money(value, zero=zero)
        pct = f"{percent(share, 2, strip)}%" if share is not None else ""
        y = 60 + i * 26
        view.shapes.append(Shape("rect", x=232, y=y - 9, w=11, h=11, fill=colour))
        line = f"{item.label} {shown}{chart.unit} {pct}".strip()
        view.shapes.append(Shape("text", x=250, y=y, text=line, size=10.5))
        view.values[item.label] = [shown, pct]


def _bars(
    view: ChartView,
    chart: Chart,
    values: list[Decimal],
    prior: list[Decimal] | None,
    zero: str,
    names: list[str],
) -> None:
    series = [values] + ([prior] if prior is not None else [])
    top = max((v for s in series for v in s), default=Decimal(0)) or Decimal(1)
    left, base, height = 40.0, 190.0, 140.0
    group = (WIDTH - left - 20) / max(1, len(values))
    bar = min(36.0, group / (len(series) + 1))
    view.shapes.append(Shape("path", d=f"M {left} {base} L {WIDTH - 20} {base}", fill="none"))
    for i, item in enumerate(chart.items):
        x0 = left + i * group + (group - bar * len(series)) / 2
        printed = []
        for k, numbers in enumerate(series):
            value = numbers[i]
            h = float(value / top) * height
            x = x0 + k * bar
            view.shapes.append(
                Shape("rect", x=x, y=base - h, w=bar - 4, h=h, fill=COLOURS[k % len(COLOURS)])
            )
            shown = fmt_money(value, zero=zero)
            printed.append(shown)
            view.shapes.append(
                Shape(
                    "text", x=x + (bar - 4) / 2, y=base - h - 4, text=shown, anchor="middle", size=9
                )
            )
        view.shapes.append(
            Shape("text", x=left + (i + 0.5) * group, y=base + 16, text=item.label, anchor="middle")
        )
        view.values[item.label] = printed
    for k, name in enumerate(names[: len(series)]):
        x = WIDTH - 150 + k * 70
        view.shapes.append(Shape("rect", x=x, y=20, w=11, h=11, fill=COLOURS[k % len(COLOURS)]))
        view.shapes.append(Shape("text", x=x + 15, y=29, text=name))

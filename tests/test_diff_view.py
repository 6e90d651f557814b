"""diff as a colleague reads it: codes are never amounts, typed figures of two inputs are
compared, a year-on-year mode, and the HTML view marks exactly what changed."""

from __future__ import annotations

import copy
import shutil
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from generator.app import build as builder
from generator.app.sources import figures_of
from generator.cli.app import app
from generator.diff.compare import compare, figure_changes, row_name
from generator.diff.html import render_html
from generator.document.figures import DocumentFigures
from generator.model.amounts import fmt_money

runner = CliRunner()

# Leaf changes that keep the report consistent (totals typed are changed with them).
CHANGES = {
    '{code: "2210201", name: 住房公积金, 本年收入合计: 112.97, 财政拨款收入: 112.97}': '{code: "2210201", name: 住房公积金, 财政拨款收入: 113.97}',
    '"30201": 20.78': '"30201": 21.78',
    "公务接待费: 2.66, 公务用车购置及运行费: 3.50, 合计: 6.16}": "公务接待费: 2.76, 公务用车购置及运行费: 3.50, 合计: 6.26}",
}


def changed_copy(folder: Path, changes: dict[str, str]) -> Path:
    shutil.copytree(builder.EXAMPLE, folder)
    tables = folder / "tables.yaml"
    text = tables.read_text(encoding="utf-8")
    for old, new in changes.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    tables.write_text(text, encoding="utf-8")
    return folder


class Cells(HTMLParser):
    """The marked cells of the HTML view (table, row, A, B, 差额) and each sentence pair's
    marked and unmarked figures."""

    def __init__(self) -> None:
        super().__init__()
        self.marked: list[tuple[str, str, str, str]] = []
        self.sentences: list[list[tuple[str, bool]]] = []
        self.headings: list[str] = []
        self._h2 = self._h3 = ""
        self._in: str | None = None
        self._row: list[tuple[str, str]] = []
        self._cell: list[str] = []
        self._classes = ""
        self._table = ""
        self._mark = False
        self._pieces: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("h2", "h3"):
            self._in, self._cell = tag, []
        elif tag == "table":
            self._table = a.get("class") or ""
        elif tag == "tr":
            self._row = []
        elif tag == "td":
            self._in, self._cell, self._classes, self._pieces = "td", [], a.get("class") or "", []
        elif tag == "mark":
            self._mark = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3") and self._in == tag:
            text = "".join(self._cell)
            if tag == "h2":
                self._h2, self._h3 = text, ""
            else:
                self._h3 = text
            self.headings.append(text)
            self._in = None
        elif tag == "td":
            self._row.append((self._classes, "".join(self._cell)))
            if self._table == "text" and len(self._row) > 1:
                self.sentences.append(self._pieces)
            self._in = None
        elif tag == "mark":
            self._mark = False
        elif tag == "tr" and self._table == "figures" and self._row:
            name = self._row[0][1]
            cells = self._row[1:]
            for i in range(0, len(cells), 3):
                (ca, a), (_, b), (_, delta) = cells[i : i + 3]
                if "diff" in ca:
                    self.marked.append((f"{self._h2}|{self._h3}|{name}", a, b, delta))

    def handle_data(self, data: str) -> None:
        if self._in:
            self._cell.append(data)
        if self._in == "td" and self._table == "text":
            self._pieces.append((data, self._mark))


@pytest.mark.slow
def test_html_diff_of_two_builds_marks_exactly_the_changed_cells_and_numbers(
    example_pdf: Path, tmp_path: Path
) -> None:
    source = changed_copy(tmp_path / "b", CHANGES)
    builder.render(builder.load(source), tmp_path, ("pdf",))
    a, _ = figures_of(example_pdf)
    b, _ = figures_of(tmp_path / "b.pdf")
    cmp = compare(a, b)
    # what the two PDFs differ in is what the two inputs differ in (read independently)
    from_inputs = compare(figures_of(builder.EXAMPLE)[0], figures_of(source)[0])
    key = lambda d: (d.table, d.row, d.column, d.a, d.b)  # noqa: E731
    assert sorted(map(key, cmp.differences)) == sorted(
        map(key, [d for d in from_inputs.differences if not d.typed])
    )
    view = Cells()
    view.feed(render_html(cmp))
    expected = sorted(
        (
            f"{d.table} {a.tables[d.table].title}||{row_name(a.tables[d.table], d.row)}",
            fmt_money(d.a, zero="0.00"),
            fmt_money(d.b, zero="0.00"),
            fmt_money(d.b - d.a, zero="0.00"),
        )
        for d in cmp.differences
    )
    assert sorted(view.marked) == expected
    names = {m[0].split("|")[-1] for m in view.marked}
    assert {"2210201 住房公积金", "30201 办公费", "第 1 行"} <= names  # every row named
    assert ("21.78", "1.00") in {(m[2], m[3]) for m in view.marked}
    # each sentence pair: only figures that differ are marked, the others are the same
    pairs = list(zip(view.sentences[::2], view.sentences[1::2], strict=True))
    assert pairs and len(pairs) == len(cmp.text_differences)
    for left, right in pairs:
        figures = lambda pieces, hit: [t for t, m in pieces if m == hit and t.strip()]  # noqa: E731
        assert figures(left, True) and figures(right, True)
        assert not set(figures(left, True)) & set(figures(right, True))
    sangong = next(p for p in pairs if "7.22" in "".join(t for t, _ in p[0]))
    assert [t for t, m in sangong[0] if m] == ["6.16", "1.06", "14.68"]
    assert [t for t, m in sangong[1] if m] == [
        "6.26",
        "0.96",
        "13.30",
    ]  # two-decimal percent precision


def test_balance_table_sides_stay_apart_in_the_html() -> None:
    a, _ = figures_of(builder.EXAMPLE)
    b = copy.deepcopy(a)
    t = b.tables["公开01"]
    income = next(k for k in t.cells if k[1].startswith("收入") and t.cells[k])
    expense = next(k for k in t.cells if k[1].startswith("支出") and t.cells[k])
    t.cells[income] += Decimal(1)
    t.cells[expense] += Decimal(2)
    view = Cells()
    view.feed(render_html(compare(a, b)))
    sides = {m[0].split("|")[1]: m for m in view.marked}
    assert set(sides) == {"收入", "支出"}
    assert sides["收入"][0].endswith(income[0]) and sides["支出"][0].endswith(expense[0])
    assert sides["收入"][3] == "1.00" and sides["支出"][3] == "2.00"


def test_a_code_is_never_an_amount(tmp_path: Path) -> None:
    """Split 类/款/项 code columns and codes Excel stored as numbers stay codes."""
    example = builder.EXAMPLE.parent / "shanghai-2024"
    built = builder.render(builder.load(example), tmp_path, ("xlsx",)).files[0]
    wb = load_workbook(built)
    ws = wb["公开02"] if "公开02" in wb.sheetnames else wb.worksheets[1]
    first = int(ws.print_title_rows.split(":")[1].replace("$", "")) + 1
    for row in ws.iter_rows(min_row=first, max_row=first + 3):
        for cell in row[:3]:
            if isinstance(cell.value, str) and cell.value.isdigit():
                cell.value = int(cell.value)  # as a user's Excel may store it
    wb.save(built)
    result = runner.invoke(app, ["diff", str(example), str(built), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"same": true' in result.stdout


def test_typed_figures_of_two_inputs_are_compared(tmp_path: Path) -> None:
    """A typed total that differs is listed although both print the computed figure."""
    typed = changed_copy(
        tmp_path / "typed",
        {
            "公务接待费: 2.66, 公务用车购置及运行费: 3.50, 合计: 6.16}": "公务接待费: 2.66, 公务用车购置及运行费: 3.50, 合计: 6.26}"
        },
    )
    a, b = figures_of(builder.EXAMPLE)[0], figures_of(typed)[0]
    assert a.tables["公开07"].cells == b.tables["公开07"].cells  # printed: the same
    cmp = compare(a, b)
    assert not cmp.same
    (d,) = cmp.differences
    assert d.typed and (d.table, d.column) == ("公开07", "决算数/合计")
    assert (d.a, d.b) == (Decimal("6.16"), Decimal("6.26"))
    result = runner.invoke(app, ["diff", str(builder.EXAMPLE), str(typed)])
    assert result.exit_code == 1 and "填报数" in result.stdout and "6.26" in result.stdout
    assert "填报数差异" in render_html(cmp)


def _doc(year: int, text: str) -> DocumentFigures:
    return DocumentFigures("x", sections={"收入决算情况说明": [text]}, year=year)


def test_year_on_year_mode_compares_sentences_without_their_years() -> None:
    last = _doc(2023, "2023年度收入合计100.00万元，比2022年度增加5.00万元。本年无变化。")
    this = _doc(2024, "2024年度收入合计100.00万元，比2023年度增加5.00万元。本年无变化。")
    assert len(compare(last, this).text_differences) == 1
    assert compare(last, this, ignore_year=True).same
    moved = _doc(2024, "2024年度收入合计120.00万元，比2023年度增加5.00万元。本年无变化。")
    (d,) = compare(last, moved, ignore_year=True).text_differences
    assert "120.00" in d.b
    left, right = figure_changes(d.a, d.b, d.years)
    assert [t for t, hit in left if hit] == ["100.00"] and [t for t, hit in right if hit] == [
        "120.00"
    ]
    result = runner.invoke(app, ["diff", "--help"])
    assert "--ignore-year" in result.output

"""``gen-report diff``: two versions of a report compared number by number."""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import replace
from decimal import Decimal
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from generator.atomic import write_text
from generator.cli.app import (
    EXIT_FINDINGS,
    EXIT_OK,
    command,
    friendly,
    out,
    parse_tolerance,
    warn,
)

if TYPE_CHECKING:
    from generator.diff.compare import Comparison
    from generator.document.figures import DocumentFigures


def print_comparison(cmp: Comparison) -> None:
    from generator.diff.compare import figure_changes, row_name
    from generator.model.amounts import fmt_money

    for name in cmp.only_in_a:
        out.print(f"[yellow]仅在 A 中[/yellow] {escape(name)}", soft_wrap=True)
    for name in cmp.only_in_b:
        out.print(f"[yellow]仅在 B 中[/yellow] {escape(name)}", soft_wrap=True)
    if cmp.differences:
        out.print(f"[bold]表格差异 {len(cmp.differences)} 处[/bold]（A → B）")
    for table, items in groupby(cmp.differences, key=lambda d: d.table):
        out.print(f"[bold]{escape(table)}[/bold]", soft_wrap=True)
        for d in items:
            a = fmt_money(d.a, zero="0.00") if d.a is not None else "（空）"
            b = fmt_money(d.b, zero="0.00") if d.b is not None else "（空）"
            what = "（填报数，打印数相同）" if d.typed else ""
            where = escape(f"{row_name(cmp.a.tables[d.table], d.row)}  {d.column}{what}")
            change = (
                "" if d.difference is None else f"（差额 {fmt_money(d.difference, zero='0.00')}）"
            )
            out.print(f"  {where}：[red]{a}[/red] → [green]{b}[/green]{change}", soft_wrap=True)
    if cmp.text_differences:
        out.print(f"[bold]文字差异 {len(cmp.text_differences)} 处[/bold]")
    for section, items in groupby(cmp.text_differences, key=lambda t: t.section):
        out.print(f"[bold]{escape(section)}[/bold]", soft_wrap=True)
        for t in items:
            pieces = figure_changes(t.a, t.b, t.years)
            for side, flagged, colour in (("A", pieces[0], "red"), ("B", pieces[1], "green")):
                marked = "".join(
                    f"[{colour} bold]{escape(p)}[/]" if hit else escape(p) for p, hit in flagged
                )
                out.print(f"  {side}：{marked or '（无）'}", soft_wrap=True)
    if cmp.same:
        out.print("两个版本的表格数字与文字一致。")


def _same_file(a: Path, b: Path) -> bool:
    """The same file, or two files with the same bytes (a copy): read once."""
    try:
        if a.samefile(b):
            return True
        if not (a.is_file() and b.is_file()) or a.stat().st_size != b.stat().st_size:
            return False
        return hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()
    except OSError:
        return False


def read_both(a: Path, b: Path) -> list[tuple[DocumentFigures, list[str]]]:
    """Two PDFs are read side by side on two cores (a 160-page report takes ~4 s to read)."""
    from generator.app.sources import figures_of

    if _same_file(a, b):  # one reading serves both sides
        figures, notes = figures_of(a)
        return [(figures, notes), (replace(figures, source=str(b)), list(notes))]
    if a.suffix.lower() == b.suffix.lower() == ".pdf" and a.exists() and b.exists():
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(2) as pool:
            return pool.map(figures_of, [a, b])
    return [figures_of(a), figures_of(b)]


@command()
@friendly
def diff(
    a: Annotated[Path, typer.Argument(help="版本 A：PDF、工作簿、YAML 输入", metavar="版本A")],
    b: Annotated[Path, typer.Argument(help="版本 B", metavar="版本B")],
    format: Annotated[str, typer.Option("--format", help="text 或 json", metavar="格式")] = "text",
    tolerance: Annotated[
        str, typer.Option(help="不超过此差额（万元）的不列出", metavar="万元")
    ] = "0",
    html: Annotated[
        Path | None, typer.Option("--html", help="另存并排对照的 HTML 报告", metavar="文件")
    ] = None,
    ignore_year: Annotated[
        bool,
        typer.Option(
            "--ignore-year",
            help="同比模式（上年报告对本年报告）：句子中的年度及其上一年不算差异",
            metavar="",
        ),
    ] = False,
) -> None:
    """逐数比较两个版本（生成的或已公开的 PDF、工作簿、YAML）。"""
    from generator.diff.compare import compare
    from generator.diff.html import render_html

    if format not in ("text", "json"):
        raise typer.BadParameter(f"不支持的格式：{format}；可用：text、json")
    (fa, notes_a), (fb, notes_b) = read_both(a, b)
    for note in notes_a + notes_b:
        warn(note)
    cmp = compare(fa, fb, parse_tolerance(tolerance) or Decimal(0), ignore_year)
    if html is not None:
        write_text(html, render_html(cmp))
    if format == "json":
        sys.stdout.write(json.dumps(cmp.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        print_comparison(cmp)
    raise typer.Exit(EXIT_OK if cmp.same else EXIT_FINDINGS)

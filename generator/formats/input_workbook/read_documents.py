"""评价报告 and 自评报告 sheets: documents that are a report of their own.

Profiles whose parts print a 绩效评价报告 or a 项目支出绩效自评报告 have these
instead of the 决算 sheets.
"""

from __future__ import annotations

from typing import Any

from generator.formats.input_workbook import layout as wl
from generator.formats.input_workbook.read_forms import FormReader
from generator.formats.yaml_input.source import PathKey


def read_evaluation_report(f: FormReader) -> dict[str, Any]:
    sheet = wl.SHEET_EVALUATION_REPORT
    head, _ = f.grouped(sheet)
    path: PathKey = ("评价报告",)
    out = dict(f.kv(sheet, wl.EVAL_REPORT, head.get(wl.EVAL_REPORT.marker), path).values)
    figures = f.named(sheet, head, wl.EVAL_FIGURES, "name", "value", "数据", path)
    if figures:
        out["数据"] = figures
    overview = f.sections(sheet, head.get(wl.EVAL_OVERVIEW.marker), path, "评价概况")
    if overview:
        out["评价概况"] = overview
    cpath = (*path, "评价结论")
    conclusion = f.kv(sheet, wl.EVAL_CONCLUSION, head.get(wl.EVAL_CONCLUSION.marker), cpath)
    if conclusion.values:
        out["评价结论"] = conclusion.values
    for key, block in wl.EVAL_PARTS.items():
        parts = f.sections(sheet, head.get(block.marker), path, key)
        if len(parts) > 1:
            rows = head[block.marker]
            f.r.error(f.r.grids[sheet], rows.row, 1, f"【{key}】只能有一个层级 1 的标题")
        if parts:
            out[key] = parts[0]
    scoring = f.scoring(sheet, head, (*path, "评分表"))
    if scoring:
        out["评分表"] = scoring
    notes = f.records(sheet, wl.FOOTNOTES, head.get(wl.FOOTNOTES.marker), (*path, "脚注"))
    if notes:
        out["脚注"] = [n["text"] for n in notes if "text" in n]
    return out


def read_self_report(f: FormReader) -> dict[str, Any]:
    sheet = wl.SHEET_SELF_REPORT
    head, _ = f.grouped(sheet)
    path: PathKey = ("自评报告",)
    out = dict(f.kv(sheet, wl.SELF_REPORT, head.get(wl.SELF_REPORT.marker), path).values)
    sections = f.sections(sheet, head.get(wl.SECTIONS.marker), path)
    if sections:
        out["sections"] = sections
    dpath = (*path, "评价维度")
    dims = f.records(sheet, wl.DIMENSIONS, head.get(wl.DIMENSIONS.marker), dpath)
    items = head.get(wl.DIMENSION_ITEMS.marker)
    f.grouped_records(sheet, wl.DIMENSION_ITEMS, items, dims, ("dimension", "名称", "指标"), dpath)
    if dims:
        out["评价维度"] = dims
    return out

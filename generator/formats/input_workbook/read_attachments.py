"""部门整体自评, 项目自评, 部门评价 and 绩效目标 sheets: the 绩效 attachments.

One record per block a record marker starts (a copied 项目支出绩效自评表 block
is one more project); an unused spare block is no record.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.formats.input_workbook import layout as wl
from generator.formats.input_workbook.read_cells import BlockRows
from generator.formats.input_workbook.read_forms import FormReader
from generator.formats.yaml_input.source import PathKey

# one record of a sheet: (reader, sheet, its blocks, its path) → its fields, or None if unused
Reader = Callable[[FormReader, str, dict[str, BlockRows], PathKey], dict[str, Any] | None]


def _department_self(f: FormReader) -> dict[str, Any] | None:
    sheet = wl.SHEET_DEPT_SELF
    head, _ = f.grouped(sheet)
    path: PathKey = ("attachments", "department_self_evaluation")
    out: dict[str, Any] = dict(f.kv(sheet, wl.DEPT_REPORT, head.get("报告"), path).values)
    sections = f.sections(sheet, head.get(wl.SECTIONS.marker), path)
    if sections:
        out["sections"] = sections
    tpath = (*path, "自评表")
    table: dict[str, Any] = {}
    tasks = f.records(sheet, wl.TASKS, head.get(wl.TASKS.marker), (*tpath, "年度主要任务"))
    goals = f.kv(sheet, wl.DEPT_GOALS, head.get(wl.DEPT_GOALS.marker), tpath)
    indicators = f.records(
        sheet, wl.DEPT_INDICATORS, head.get(wl.DEPT_INDICATORS.marker), (*tpath, "绩效指标")
    )
    table.update(goals.values)
    if tasks:
        table["年度主要任务"] = tasks
    if indicators:
        table["绩效指标"] = indicators
    if table:
        out["自评表"] = table
    scoring = f.scoring(sheet, head, (*path, "评分表"))
    if scoring:
        out["评分表"] = scoring
    return out or None


def _one_per_record(f: FormReader, out: dict[str, Any], sheet: str, key: str, read: Reader) -> None:
    """A sheet of one record per project (项目自评, 部门评价): its title setting and the
    records ``read`` keeps, into ``out[key]`` (and ``out[key + "_title"]``)."""
    head, records = f.grouped(sheet)
    title = f.settings(sheet, head, f"{key}_title").values.get("title")
    if title:
        out[f"{key}_title"] = title
    out[key] = f.each_record(
        records, ("attachments", key), lambda blocks, path: read(f, sheet, blocks, path)
    )


def _project(
    f: FormReader, sheet: str, blocks: dict[str, BlockRows], path: PathKey
) -> dict[str, Any] | None:
    grid = f.r.grids[sheet]
    kv = f.kv(sheet, wl.PROJECT, blocks.get(wl.PROJECT.marker), path)
    funds: dict[str, Any] = {}
    for rec in f.table(sheet, wl.FUNDS, blocks.get(wl.FUNDS.marker), (*path, "项目资金")):
        source = rec.values.pop("source", None)
        if source == wl.FUND_TOTAL or not rec.values:
            continue
        if source is None or source in funds:
            why = "缺少资金来源" if source is None else f"资金来源“{source}”重复"
            f.r.error(grid, *rec.at("source"), why)
            continue
        funds[source] = rec.values
        f.place(sheet, (*path, "项目资金", source), rec)
    indicators = f.records(
        sheet,
        wl.PROJECT_INDICATORS,
        blocks.get(wl.PROJECT_INDICATORS.marker),
        (*path, "绩效指标"),
    )
    typed = {k: v for k, v in kv.values.items() if k != "资金分值"}
    if not typed and not funds and not indicators:
        return None  # an unused block (the blank workbook has spare ones)
    out = dict(kv.values)
    if funds:
        out["项目资金"] = funds
    if indicators:
        out["绩效指标"] = indicators
    return out


def _evaluation(
    f: FormReader, sheet: str, blocks: dict[str, BlockRows], path: PathKey
) -> dict[str, Any] | None:
    kv = f.kv(sheet, wl.EVALUATION, blocks.get(wl.EVALUATION.marker), path)
    sections = f.sections(sheet, blocks.get(wl.SECTIONS.marker), path)
    scoring = f.scoring(sheet, blocks, (*path, "评分表"))
    if not (kv.values or sections or scoring):
        return None
    evaluation = dict(kv.values)
    if sections:
        evaluation["sections"] = sections
    if scoring:
        evaluation["评分表"] = scoring
    return evaluation


def _targets(f: FormReader) -> list[dict[str, Any]]:
    sheet = wl.SHEET_TARGETS
    _, records = f.grouped(sheet)
    base = ("attachments", "performance_targets")
    return f.each_record(records, base, lambda blocks, path: _target(f, sheet, blocks, path))


def _target(
    f: FormReader, sheet: str, blocks: dict[str, BlockRows], path: PathKey
) -> dict[str, Any] | None:
    kv = f.kv(sheet, wl.TARGET, blocks.get(wl.TARGET.marker), path)
    marker = wl.TARGET_INDICATORS.marker
    indicators = f.records(sheet, wl.TARGET_INDICATORS, blocks.get(marker), (*path, "绩效指标"))
    if not kv.values and not indicators:
        return None
    return {**kv.values, **({"绩效指标": indicators} if indicators else {})}


def read_attachments(f: FormReader) -> dict[str, Any]:
    out: dict[str, Any] = {}
    department = _department_self(f)
    if department is not None:
        out["department_self_evaluation"] = department
    _one_per_record(f, out, wl.SHEET_PROJECTS, "project_self_evaluations", _project)
    _one_per_record(f, out, wl.SHEET_EVALUATIONS, "department_evaluations", _evaluation)
    out["performance_targets"] = _targets(f)
    return out

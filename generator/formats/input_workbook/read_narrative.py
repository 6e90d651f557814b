"""封面概况, 上年数, 年初预算, 原因, 三公及其他, 其他数据 and 名词解释 sheets.

The cover and what 情况说明 needs beyond the nine tables, read into the YAML
input's keys and paths.
"""

from __future__ import annotations

from typing import Any

from generator.formats.input_workbook import layout as wl
from generator.formats.input_workbook.read_cells import BlockRows, Grid, Rec
from generator.formats.input_workbook.read_forms import FormReader
from generator.formats.yaml_input.source import PathKey


def read_cover(f: FormReader) -> dict[str, Any]:
    sheet = wl.SHEET_COVER
    head, _ = f.grouped(sheet)
    data: dict[str, Any] = {}
    basic = f.kv(sheet, wl.BASIC, head.get(wl.BASIC.marker), ())
    data.update(basic.values)
    overview: dict[str, Any] = {}
    path: PathKey = ("overview",)
    intro = f.kv(sheet, wl.DUTIES_INTRO, head.get(wl.DUTIES_INTRO.marker), path)
    organization = f.kv(sheet, wl.ORGANIZATION, head.get(wl.ORGANIZATION.marker), path)
    overview.update(intro.values)
    overview.update(organization.values)
    duties = []
    for rec in f.table(sheet, wl.DUTIES, head.get(wl.DUTIES.marker), (*path, "duties")):
        i = len(duties)
        f.place(sheet, (*path, "duties", i), rec)
        items = [line.strip() for line in rec.values.get("items", "").split("\n")]
        duty: dict[str, Any] = {"items": [x for x in items if x]}
        if "text" in rec.values:
            duty["text"] = rec.values["text"]
        duties.append(duty)
    units = []
    for rec in f.table(sheet, wl.UNITS, head.get(wl.UNITS.marker), (*path, "units")):
        f.place(sheet, (*path, "units", len(units)), rec)
        units.append(rec.values)
    if duties:
        overview["duties"] = duties
    if units:
        overview["units"] = units
    data["overview"] = overview
    return data


def read_narrative(f: FormReader) -> dict[str, Any]:
    n: dict[str, Any] = {}
    prior = _prior(f)
    none = _prior_none(f)
    if prior or none is not None:
        n["上年"] = {"tables": prior, **({"无": none} if none is not None else {})}
    n["年初预算"] = _budget(f)
    n["原因"] = _reasons(f)
    n.update(_facts(f))
    n.update(_extra(f))
    return n


def _prior(f: FormReader) -> dict[str, dict[str, Any]]:
    sheet = wl.SHEET_PRIOR
    grid = f.r.grids[sheet]
    head, _ = f.grouped(sheet)
    path: PathKey = ("narrative", "上年")
    tables: dict[str, dict[str, Any]] = {}
    for rec in f.table(sheet, wl.PRIOR, head.get(wl.PRIOR.marker), path):
        v = rec.values
        if "value" not in v:
            continue
        if "table" not in v or "row" not in v:
            missing = "table" if "table" not in v else "row"
            f.r.error(grid, *rec.at(missing), "有上年数但缺少“表”或“行”")
            continue
        _prior_value(f, grid, rec, tables)
    block = head.get(wl.PRIOR.marker)
    f.r.mark(("narrative",), grid, block.row if block else 1, 1)
    return tables


def _prior_none(f: FormReader) -> bool | None:
    """上年决算: 是 declares there was no last year (a department formed this year)."""
    sheet = wl.SHEET_PRIOR
    head, _ = f.grouped(sheet)
    rows = head.get(wl.PRIOR_NONE.marker)
    return f.kv(sheet, wl.PRIOR_NONE, rows, ("narrative", "上年")).values.get("无")


def _prior_value(f: FormReader, grid: Grid, rec: Rec, tables: dict[str, dict[str, Any]]) -> None:
    v = rec.values
    table, row, column = v["table"], v["row"], v.get("column")
    entries = tables.setdefault(table, {})
    path: PathKey = ("narrative", "上年", "tables", table, row)
    where = rec.at("value")
    existing = entries.get(row)
    if column is None:
        if existing is not None:
            f.r.error(grid, *where, f"{table} {row} 的上年数重复")
            return
        entries[row] = v["value"]
        f.r.remark(path, grid, *where)
        return
    if existing is not None and not isinstance(existing, dict):
        f.r.error(grid, *where, f"{table} {row} 已按单栏填写，不能再按栏填写")
        return
    bucket = entries.setdefault(row, {})
    if column in bucket:
        f.r.error(grid, *where, f"{table} {row} {column} 的上年数重复")
        return
    bucket[column] = v["value"]
    f.r.mark(path, grid, *where)
    f.r.remark((*path, column), grid, *where)


def _budget(f: FormReader) -> dict[str, Any]:
    sheet = wl.SHEET_BUDGET
    grid = f.r.grids[sheet]
    head, _ = f.grouped(sheet)
    path: PathKey = ("narrative", "年初预算")
    out: dict[str, Any] = {}
    for rec in f.table(sheet, wl.BUDGET, head.get(wl.BUDGET.marker), path):
        if "value" not in rec.values:
            continue
        code = rec.values.get("code")
        if code is None:
            f.r.error(grid, *rec.at("code"), "有年初预算数但缺少科目编码")
            continue
        if code in out:
            f.r.error(grid, *rec.at("value"), f"{code} 的年初预算重复")
            continue
        out[code] = rec.values["value"]
        f.r.remark((*path, code), grid, *rec.at("value"))
    return out


def _reasons(f: FormReader) -> dict[str, str]:
    sheet = wl.SHEET_REASONS
    grid = f.r.grids[sheet]
    head, _ = f.grouped(sheet)
    path: PathKey = ("narrative", "原因")
    out: dict[str, str] = {}
    blank_at: tuple[int, int] | None = None
    for rec in f.table(sheet, wl.REASONS, head.get(wl.REASONS.marker), path):
        key, text = rec.values.get("key"), rec.values.get("text")
        if text is None:
            blank_at = blank_at or rec.cells.get("text")
            continue
        if key is None:
            f.r.error(grid, *rec.at("key"), "有原因说明但缺少键（A 列）")
            continue
        if key in out:
            f.r.error(grid, *rec.at("key"), f"键“{key}”重复")
            continue
        out[key] = text
        f.r.remark((*path, key), grid, *rec.at("text"))
    if blank_at:  # a missing reason is typed in the first empty 原因 cell
        f.r.remark(path, grid, *blank_at)
    return out


def _facts(f: FormReader) -> dict[str, Any]:
    sheet = wl.SHEET_FACTS
    grid = f.r.grids[sheet]
    head, _ = f.grouped(sheet)
    base: PathKey = ("narrative",)
    out: dict[str, Any] = {}
    out["三公"] = f.kv(sheet, wl.SANGONG, head.get("三公"), (*base, "三公")).values
    out.update(f.kv(sheet, wl.OPERATING, head.get(wl.OPERATING.marker), base).values)
    out["政府采购"] = f.kv(
        sheet, wl.PROCUREMENT, head.get(wl.PROCUREMENT.marker), (*base, "政府采购")
    ).values
    assets_path = (*base, "国有资产")
    assets = f.kv(sheet, wl.ASSETS, head.get(wl.ASSETS.marker), assets_path).values
    vehicles: dict[str, int] = {}
    for rec in f.table(sheet, wl.VEHICLES, head.get(wl.VEHICLES.marker), (*assets_path, "车辆")):
        if "count" not in rec.values:
            continue
        kind = rec.values.get("kind")
        if kind is None or kind in vehicles:
            why = "缺少车辆类型" if kind is None else f"车辆类型“{kind}”重复"
            f.r.error(grid, *rec.at("kind"), why)
            continue
        vehicles[kind] = rec.values["count"]
        f.r.mark((*assets_path, "车辆", kind), grid, *rec.at("count"))
    if vehicles:
        assets["车辆"] = vehicles
    out["国有资产"] = assets
    others = []
    for rec in f.table(
        sheet, wl.OTHER_MATTERS, head.get(wl.OTHER_MATTERS.marker), (*base, "其他事项")
    ):
        f.r.mark((*base, "其他事项", len(others)), grid, *rec.at("text"))
        others.append(rec.values["text"])
    if others:
        out["其他事项"] = others
    out["预算绩效"] = _performance(f, sheet, head)
    return out


def _performance(f: FormReader, sheet: str, head: dict[str, BlockRows]) -> dict[str, Any]:
    grid = f.r.grids[sheet]
    path: PathKey = ("narrative", "预算绩效")
    out = dict(f.kv(sheet, wl.PERFORMANCE, head.get(wl.PERFORMANCE.marker), path).values)
    summaries: dict[str, Any] = {}
    spath = (*path, "项目自评综述")
    for rec in f.table(sheet, wl.SUMMARIES, head.get(wl.SUMMARIES.marker), spath):
        name = rec.values.pop("name", None)
        if name is None or name in summaries:
            why = "缺少项目名称" if name is None else f"项目“{name}”重复"
            f.r.error(grid, *rec.at("name"), why)
            continue
        summaries[name] = rec.values
        f.place(sheet, (*spath, name), rec)
    if summaries:
        out["项目自评综述"] = summaries
    return out


def _extra(f: FormReader) -> dict[str, Any]:
    """其他数据 (名称 → number or text) and 公开文本 (章节 → 原文)."""
    sheet = wl.SHEET_EXTRA
    if sheet not in f.r.grids:  # workbooks made before the sheet existed
        return {}
    head, _ = f.grouped(sheet)
    return {
        "其他数据": f.named(sheet, head, wl.EXTRA, "name", "value", "其他数据"),
        "公开文本": f.named(sheet, head, wl.PUBLISHED_TEXT, "title", "text", "公开文本"),
        "文中表格": f.named(sheet, head, wl.TEXT_TABLES, "title", "text", "文中表格"),
    }


def read_statements(f: FormReader) -> dict[str, Any]:
    """代替内容的说明 (on the 其他数据 sheet): part or section id → the department's words."""
    sheet = wl.SHEET_EXTRA
    if sheet not in f.r.grids:  # workbooks made before the sheet existed
        return {}
    head, _ = f.grouped(sheet)
    return f.named(sheet, head, wl.STATEMENTS, "key", "text", "说明", parent=())


def read_glossary(f: FormReader) -> list[dict[str, Any]]:
    sheet = wl.SHEET_GLOSSARY
    head, _ = f.grouped(sheet)
    out = []
    for rec in f.table(sheet, wl.GLOSSARY, head.get(wl.GLOSSARY.marker), ("glossary",)):
        if "text" not in rec.values and "append" not in rec.values:
            continue  # a default listed for reference, nothing changed
        f.place(sheet, ("glossary", len(out)), rec)
        out.append(rec.values)
    return out


# 绩效 ---------------------------------------------------------------------------------

"""Input workbook (.xlsx) → Report, every figure located by sheet and cell.

The workbook is where people paste accounting exports, so this reader
expects what pastes contain: numbers stored as text, thousands separators,
full-width digits, "-" for zero, codes as numbers (2011301.0), merged cells,
blank and "注：" rows, names with trailing spaces.  Whatever it still cannot
read becomes one located ``UserError`` per cell (collected, then raised as
``InputErrors``) — never a crash and never a figure silently dropped: a
number in a place no figure belongs is reported too.

Sheet by sheet it builds the same nested data a YAML input holds (same keys,
same paths), so ``Report.model_validate`` and every check work unchanged and
the ``SourceMap`` answers a data path with the sheet and cell it came from.
Cells the workbook computes itself (计算，勿填) are never read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.errors import InputErrors, Location, UserError
from generator.formats.input_workbook import layout as wl
from generator.formats.input_workbook.read_cells import BlockRows, Grid, Reader, Rec, open_grids
from generator.formats.input_workbook.read_tables import TableReader
from generator.formats.validation import located_pairs
from generator.formats.yaml_input.source import PathKey, SourceMap
from generator.model.report import Report
from generator.profiles.loader import load_profile
from generator.profiles.schema import Profile

# --- form sheets -----------------------------------------------------------------------------


class FormReader:
    """The marked-block sheets: cover, narrative inputs, glossary and the 绩效 attachments."""

    def __init__(self, reader: Reader) -> None:
        self.r = reader

    def grouped(self, sheet: str) -> tuple[dict[str, BlockRows], list[dict[str, BlockRows]]]:
        """Sheet-level blocks, and the records a record marker starts (项目自评 …)."""
        grid = self.r.grids[sheet]
        known = {b.marker for b in wl.SHEET_BLOCKS[sheet]}
        start = wl.RECORD_MARKERS.get(sheet)
        head: dict[str, BlockRows] = {}
        records: list[dict[str, BlockRows]] = []
        for block in self.r.blocks(grid, known):
            if block.marker == start:
                records.append({})
            target = records[-1] if records else head
            if block.marker in target:
                self.r.error(grid, block.row, 1, f"【{block.marker}】重复出现")
                continue
            target[block.marker] = block
        return head, records

    def kv(self, sheet: str, block: wl.Block, rows: BlockRows | None, path: PathKey) -> Rec:
        grid = self.r.grids[sheet]
        if rows is None:
            return Rec()
        rec = self.r.kv(grid, block, rows)
        self.r.mark(path, grid, rows.row, 1)
        for key, (r, c) in rec.cells.items():
            self.r.mark((*path, key), grid, r, c)
        return rec

    def table(
        self, sheet: str, block: wl.Block, rows: BlockRows | None, path: PathKey
    ) -> list[Rec]:
        grid = self.r.grids[sheet]
        if rows is None:
            return []
        self.r.mark(path, grid, rows.row, 1)
        return self.r.table(grid, block, rows)

    def place(self, sheet: str, path: PathKey, rec: Rec) -> None:
        """Locate a record under ``path``: the record at its first cell, each field at its own."""
        grid = self.r.grids[sheet]
        if rec.cells:
            first = min(rec.cells.values(), key=lambda rc: rc[1])
            self.r.mark(path, grid, *first)
        for key, (r, c) in rec.cells.items():
            self.r.mark((*path, key), grid, r, c)

    # 封面概况 -----------------------------------------------------------------------------

    def cover(self) -> dict[str, Any]:
        sheet = wl.SHEET_COVER
        head, _ = self.grouped(sheet)
        data: dict[str, Any] = {}
        basic = self.kv(sheet, wl.BASIC, head.get(wl.BASIC.marker), ())
        data.update(basic.values)
        overview: dict[str, Any] = {}
        path: PathKey = ("overview",)
        intro = self.kv(sheet, wl.DUTIES_INTRO, head.get(wl.DUTIES_INTRO.marker), path)
        organization = self.kv(sheet, wl.ORGANIZATION, head.get(wl.ORGANIZATION.marker), path)
        overview.update(intro.values)
        overview.update(organization.values)
        duties = []
        for rec in self.table(sheet, wl.DUTIES, head.get(wl.DUTIES.marker), (*path, "duties")):
            i = len(duties)
            self.place(sheet, (*path, "duties", i), rec)
            items = [line.strip() for line in rec.values.get("items", "").split("\n")]
            duty: dict[str, Any] = {"items": [x for x in items if x]}
            if "text" in rec.values:
                duty["text"] = rec.values["text"]
            duties.append(duty)
        units = []
        for rec in self.table(sheet, wl.UNITS, head.get(wl.UNITS.marker), (*path, "units")):
            self.place(sheet, (*path, "units", len(units)), rec)
            units.append(rec.values)
        if duties:
            overview["duties"] = duties
        if units:
            overview["units"] = units
        data["overview"] = overview
        return data

    # narrative ----------------------------------------------------------------------------

    def narrative(self) -> dict[str, Any]:
        n: dict[str, Any] = {}
        prior = self.prior()
        if prior:
            n["上年"] = {"tables": prior}
        n["年初预算"] = self.budget()
        n["原因"] = self.reasons()
        n.update(self.facts())
        n.update(self.extra())
        return n

    def prior(self) -> dict[str, dict[str, Any]]:
        sheet = wl.SHEET_PRIOR
        grid = self.r.grids[sheet]
        head, _ = self.grouped(sheet)
        path: PathKey = ("narrative", "上年")
        tables: dict[str, dict[str, Any]] = {}
        for rec in self.table(sheet, wl.PRIOR, head.get(wl.PRIOR.marker), path):
            v = rec.values
            if "value" not in v:
                continue
            if "table" not in v or "row" not in v:
                missing = "table" if "table" not in v else "row"
                self.r.error(grid, *rec.at(missing), "有上年数但缺少“表”或“行”")
                continue
            self._prior_value(grid, rec, tables)
        block = head.get(wl.PRIOR.marker)
        self.r.mark(("narrative",), grid, block.row if block else 1, 1)
        return tables

    def _prior_value(self, grid: Grid, rec: Rec, tables: dict[str, dict[str, Any]]) -> None:
        v = rec.values
        table, row, column = v["table"], v["row"], v.get("column")
        entries = tables.setdefault(table, {})
        path: PathKey = ("narrative", "上年", "tables", table, row)
        where = rec.at("value")
        existing = entries.get(row)
        if column is None:
            if existing is not None:
                self.r.error(grid, *where, f"{table} {row} 的上年数重复")
                return
            entries[row] = v["value"]
            self.r.remark(path, grid, *where)
            return
        if existing is not None and not isinstance(existing, dict):
            self.r.error(grid, *where, f"{table} {row} 已按单栏填写，不能再按栏填写")
            return
        bucket = entries.setdefault(row, {})
        if column in bucket:
            self.r.error(grid, *where, f"{table} {row} {column} 的上年数重复")
            return
        bucket[column] = v["value"]
        self.r.mark(path, grid, *where)
        self.r.remark((*path, column), grid, *where)

    def budget(self) -> dict[str, Any]:
        sheet = wl.SHEET_BUDGET
        grid = self.r.grids[sheet]
        head, _ = self.grouped(sheet)
        path: PathKey = ("narrative", "年初预算")
        out: dict[str, Any] = {}
        for rec in self.table(sheet, wl.BUDGET, head.get(wl.BUDGET.marker), path):
            if "value" not in rec.values:
                continue
            code = rec.values.get("code")
            if code is None:
                self.r.error(grid, *rec.at("code"), "有年初预算数但缺少科目编码")
                continue
            if code in out:
                self.r.error(grid, *rec.at("value"), f"{code} 的年初预算重复")
                continue
            out[code] = rec.values["value"]
            self.r.remark((*path, code), grid, *rec.at("value"))
        return out

    def reasons(self) -> dict[str, str]:
        sheet = wl.SHEET_REASONS
        grid = self.r.grids[sheet]
        head, _ = self.grouped(sheet)
        path: PathKey = ("narrative", "原因")
        out: dict[str, str] = {}
        blank_at: tuple[int, int] | None = None
        for rec in self.table(sheet, wl.REASONS, head.get(wl.REASONS.marker), path):
            key, text = rec.values.get("key"), rec.values.get("text")
            if text is None:
                blank_at = blank_at or rec.cells.get("text")
                continue
            if key is None:
                self.r.error(grid, *rec.at("key"), "有原因说明但缺少键（A 列）")
                continue
            if key in out:
                self.r.error(grid, *rec.at("key"), f"键“{key}”重复")
                continue
            out[key] = text
            self.r.remark((*path, key), grid, *rec.at("text"))
        if blank_at:  # a missing reason is typed in the first empty 原因 cell
            self.r.remark(path, grid, *blank_at)
        return out

    def facts(self) -> dict[str, Any]:
        sheet = wl.SHEET_FACTS
        grid = self.r.grids[sheet]
        head, _ = self.grouped(sheet)
        base: PathKey = ("narrative",)
        out: dict[str, Any] = {}
        out["三公"] = self.kv(sheet, wl.SANGONG, head.get("三公"), (*base, "三公")).values
        out.update(self.kv(sheet, wl.OPERATING, head.get(wl.OPERATING.marker), base).values)
        out["政府采购"] = self.kv(
            sheet, wl.PROCUREMENT, head.get(wl.PROCUREMENT.marker), (*base, "政府采购")
        ).values
        assets_path = (*base, "国有资产")
        assets = self.kv(sheet, wl.ASSETS, head.get(wl.ASSETS.marker), assets_path).values
        vehicles: dict[str, int] = {}
        for rec in self.table(
            sheet, wl.VEHICLES, head.get(wl.VEHICLES.marker), (*assets_path, "车辆")
        ):
            if "count" not in rec.values:
                continue
            kind = rec.values.get("kind")
            if kind is None or kind in vehicles:
                why = "缺少车辆类型" if kind is None else f"车辆类型“{kind}”重复"
                self.r.error(grid, *rec.at("kind"), why)
                continue
            vehicles[kind] = rec.values["count"]
            self.r.mark((*assets_path, "车辆", kind), grid, *rec.at("count"))
        if vehicles:
            assets["车辆"] = vehicles
        out["国有资产"] = assets
        others = []
        for rec in self.table(
            sheet, wl.OTHER_MATTERS, head.get(wl.OTHER_MATTERS.marker), (*base, "其他事项")
        ):
            self.r.mark((*base, "其他事项", len(others)), grid, *rec.at("text"))
            others.append(rec.values["text"])
        if others:
            out["其他事项"] = others
        out["预算绩效"] = self.performance(sheet, head)
        return out

    def performance(self, sheet: str, head: dict[str, BlockRows]) -> dict[str, Any]:
        grid = self.r.grids[sheet]
        path: PathKey = ("narrative", "预算绩效")
        out = dict(self.kv(sheet, wl.PERFORMANCE, head.get(wl.PERFORMANCE.marker), path).values)
        summaries: dict[str, Any] = {}
        spath = (*path, "项目自评综述")
        for rec in self.table(sheet, wl.SUMMARIES, head.get(wl.SUMMARIES.marker), spath):
            name = rec.values.pop("name", None)
            if name is None or name in summaries:
                why = "缺少项目名称" if name is None else f"项目“{name}”重复"
                self.r.error(grid, *rec.at("name"), why)
                continue
            summaries[name] = rec.values
            self.place(sheet, (*spath, name), rec)
        if summaries:
            out["项目自评综述"] = summaries
        return out

    def extra(self) -> dict[str, Any]:
        """其他数据 (名称 → number or text) and 公开文本 (章节 → 原文)."""
        sheet = wl.SHEET_EXTRA
        if sheet not in self.r.grids:  # workbooks made before the sheet existed
            return {}
        head, _ = self.grouped(sheet)
        return {
            "其他数据": self._named(sheet, head, wl.EXTRA, "name", "value", "其他数据"),
            "公开文本": self._named(sheet, head, wl.PUBLISHED_TEXT, "title", "text", "公开文本"),
            "文中表格": self._named(sheet, head, wl.TEXT_TABLES, "title", "text", "文中表格"),
        }

    def _named(
        self,
        sheet: str,
        head: dict[str, BlockRows],
        block: wl.Block,
        key: str,
        value: str,
        name: str,
        parent: PathKey = ("narrative",),
    ) -> dict[str, Any]:
        """A two-column table read as a mapping; rows with a name and no value are skipped."""
        grid = self.r.grids[sheet]
        path: PathKey = (*parent, name)
        out: dict[str, Any] = {}
        for rec in self.table(sheet, block, head.get(block.marker), path):
            if value not in rec.values:
                continue
            label = rec.values.get(key)
            if label is None or label in out:
                what = block.field(key).label
                why = (
                    f"有{block.field(value).label}但缺少{what}"
                    if label is None
                    else (f"{what}“{label}”重复")
                )
                self.r.error(grid, *rec.at(key), why)
                continue
            out[label] = rec.values[value]
            self.r.remark((*path, label), grid, *rec.at(value))
        return out

    def glossary(self) -> list[dict[str, Any]]:
        sheet = wl.SHEET_GLOSSARY
        head, _ = self.grouped(sheet)
        out = []
        for rec in self.table(sheet, wl.GLOSSARY, head.get(wl.GLOSSARY.marker), ("glossary",)):
            if "text" not in rec.values and "append" not in rec.values:
                continue  # a default listed for reference, nothing changed
            self.place(sheet, ("glossary", len(out)), rec)
            out.append(rec.values)
        return out

    # 绩效 ---------------------------------------------------------------------------------

    def sections(
        self, sheet: str, rows: BlockRows | None, path: PathKey, key: str = "sections"
    ) -> list[dict[str, Any]]:
        """Rows of 层级/标题/正文 (and 指标 rows) → the nested section tree."""
        grid = self.r.grids[sheet]
        top: list[dict[str, Any]] = []
        stack: list[tuple[dict[str, Any], PathKey]] = []
        for rec in self.table(sheet, wl.SECTIONS, rows, (*path, key)):
            level = rec.values.pop("level", None)
            if level == wl.INDICATOR_LEVEL:
                self._indicator_row(grid, rec, stack)
                continue
            depth = int(level) if level else (len(stack) or 1)
            if depth > len(stack) + 1:
                self.r.error(grid, *rec.at("level"), f"层级 {depth} 之前缺少层级 {depth - 1}")
                continue
            del stack[depth - 1 :]
            siblings = stack[-1][0].setdefault("sections", []) if stack else top
            parent = (stack[-1][1], "sections") if stack else (path, key)
            spath = (*parent[0], parent[1], len(siblings))
            own = ("title", "text", "表格", "表后文字")
            section = {k: rec.values[k] for k in own if k in rec.values}
            extra = [k for k in rec.values if k not in own]
            for key in extra:
                self.r.error(grid, *rec.at(key), "指标各栏只在层级为“指标”的行填写")
            siblings.append(section)
            self.place(sheet, spath, rec)
            stack.append((section, spath))
        return top

    def _indicator_row(
        self, grid: Grid, rec: Rec, stack: list[tuple[dict[str, Any], PathKey]]
    ) -> None:
        if not stack:
            self.r.error(grid, *rec.at("level"), "指标行之前没有章节")
            return
        section, spath = stack[-1]
        indicators = section.setdefault("指标表", [])
        ipath = (*spath, "指标表", len(indicators))
        own = ("title", "text", "表格", "表后文字")
        values = {k: v for k, v in rec.values.items() if k not in own}
        for key in own:
            if key in rec.values:
                self.r.error(grid, *rec.at(key), "层级为“指标”的行只填指标各栏")
        indicators.append(values)
        self.place(grid.name, ipath, rec)

    def scoring(
        self, sheet: str, blocks: dict[str, BlockRows], path: PathKey
    ) -> dict[str, Any] | None:
        kv = self.kv(sheet, wl.SCORING, blocks.get(wl.SCORING.marker), path)
        items = []
        for rec in self.table(sheet, wl.SCORE_ITEMS, blocks.get(wl.SCORE_ITEMS.marker), path):
            self.place(sheet, (*path, "指标", len(items)), rec)
            items.append(rec.values)
        if not kv.values and not items:
            return None
        self.r.mark((*path, "指标"), self.r.grids[sheet], *self._block_cell(blocks, wl.SCORE_ITEMS))
        return {**kv.values, **({"指标": items} if items else {})}

    def _block_cell(self, blocks: dict[str, BlockRows], block: wl.Block) -> tuple[int, int]:
        rows = blocks.get(block.marker)
        return (rows.row, 1) if rows else (1, 1)

    def records(
        self, sheet: str, block: wl.Block, rows: BlockRows | None, path: PathKey
    ) -> list[dict[str, Any]]:
        out = []
        for rec in self.table(sheet, block, rows, path):
            self.place(sheet, (*path, len(out)), rec)
            out.append(rec.values)
        return out

    # 评价报告, 自评报告 ------------------------------------------------------------------------

    def evaluation_report(self) -> dict[str, Any]:
        sheet = wl.SHEET_EVALUATION_REPORT
        head, _ = self.grouped(sheet)
        path: PathKey = ("评价报告",)
        out = dict(self.kv(sheet, wl.EVAL_REPORT, head.get(wl.EVAL_REPORT.marker), path).values)
        figures = self._named(sheet, head, wl.EVAL_FIGURES, "name", "value", "数据", path)
        if figures:
            out["数据"] = figures
        overview = self.sections(sheet, head.get(wl.EVAL_OVERVIEW.marker), path, "评价概况")
        if overview:
            out["评价概况"] = overview
        cpath = (*path, "评价结论")
        conclusion = self.kv(sheet, wl.EVAL_CONCLUSION, head.get(wl.EVAL_CONCLUSION.marker), cpath)
        if conclusion.values:
            out["评价结论"] = conclusion.values
        for key, block in wl.EVAL_PARTS.items():
            parts = self.sections(sheet, head.get(block.marker), path, key)
            if len(parts) > 1:
                rows = head[block.marker]
                self.r.error(self.r.grids[sheet], rows.row, 1, f"【{key}】只能有一个层级 1 的标题")
            if parts:
                out[key] = parts[0]
        scoring = self.scoring(sheet, head, (*path, "评分表"))
        if scoring:
            out["评分表"] = scoring
        notes = self.records(sheet, wl.FOOTNOTES, head.get(wl.FOOTNOTES.marker), (*path, "脚注"))
        if notes:
            out["脚注"] = [n["text"] for n in notes if "text" in n]
        return out

    def self_report(self) -> dict[str, Any]:
        sheet = wl.SHEET_SELF_REPORT
        head, _ = self.grouped(sheet)
        path: PathKey = ("自评报告",)
        out = dict(self.kv(sheet, wl.SELF_REPORT, head.get(wl.SELF_REPORT.marker), path).values)
        sections = self.sections(sheet, head.get(wl.SECTIONS.marker), path)
        if sections:
            out["sections"] = sections
        dims = self.records(
            sheet, wl.DIMENSIONS, head.get(wl.DIMENSIONS.marker), (*path, "评价维度")
        )
        if dims:
            out["评价维度"] = dims
        return out

    def department_self(self) -> dict[str, Any] | None:
        sheet = wl.SHEET_DEPT_SELF
        head, _ = self.grouped(sheet)
        path: PathKey = ("attachments", "department_self_evaluation")
        out: dict[str, Any] = dict(self.kv(sheet, wl.DEPT_REPORT, head.get("报告"), path).values)
        sections = self.sections(sheet, head.get(wl.SECTIONS.marker), path)
        if sections:
            out["sections"] = sections
        tpath = (*path, "自评表")
        table: dict[str, Any] = {}
        tasks = self.records(sheet, wl.TASKS, head.get(wl.TASKS.marker), (*tpath, "年度主要任务"))
        goals = self.kv(sheet, wl.DEPT_GOALS, head.get(wl.DEPT_GOALS.marker), tpath)
        indicators = self.records(
            sheet, wl.DEPT_INDICATORS, head.get(wl.DEPT_INDICATORS.marker), (*tpath, "绩效指标")
        )
        table.update(goals.values)
        if tasks:
            table["年度主要任务"] = tasks
        if indicators:
            table["绩效指标"] = indicators
        if table:
            out["自评表"] = table
        scoring = self.scoring(sheet, head, (*path, "评分表"))
        if scoring:
            out["评分表"] = scoring
        return out or None

    def projects(self) -> tuple[str | None, list[dict[str, Any]]]:
        sheet = wl.SHEET_PROJECTS
        head, records = self.grouped(sheet)
        title = self.settings(sheet, head, "project_self_evaluations_title")
        out = []
        for blocks in records:
            path = ("attachments", "project_self_evaluations", len(out))
            self.r.begin_record()
            project = self.project(sheet, blocks, path)
            self.r.end_record(keep=project is not None)
            if project is not None:
                out.append(project)
        return title.values.get("title"), out

    def settings(self, sheet: str, head: dict[str, BlockRows], key: str) -> Rec:
        """The 附件设置 block: the attachment's title (``attachments.<key>``)."""
        rows = head.get(wl.SETTINGS.marker)
        if rows is None:
            return Rec()
        rec = self.r.kv(self.r.grids[sheet], wl.SETTINGS, rows)
        if "title" in rec.cells:
            self.r.mark(("attachments", key), self.r.grids[sheet], *rec.at("title"))
        return rec

    def project(
        self, sheet: str, blocks: dict[str, BlockRows], path: PathKey
    ) -> dict[str, Any] | None:
        grid = self.r.grids[sheet]
        kv = self.kv(sheet, wl.PROJECT, blocks.get(wl.PROJECT.marker), path)
        funds: dict[str, Any] = {}
        for rec in self.table(sheet, wl.FUNDS, blocks.get(wl.FUNDS.marker), (*path, "项目资金")):
            source = rec.values.pop("source", None)
            if source == wl.FUND_TOTAL or not rec.values:
                continue
            if source is None or source in funds:
                why = "缺少资金来源" if source is None else f"资金来源“{source}”重复"
                self.r.error(grid, *rec.at("source"), why)
                continue
            funds[source] = rec.values
            self.place(sheet, (*path, "项目资金", source), rec)
        indicators = self.records(
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

    def evaluations(self) -> tuple[str | None, list[dict[str, Any]]]:
        sheet = wl.SHEET_EVALUATIONS
        head, records = self.grouped(sheet)
        title = self.settings(sheet, head, "department_evaluations_title")
        out = []
        for blocks in records:
            path = ("attachments", "department_evaluations", len(out))
            self.r.begin_record()
            kv = self.kv(sheet, wl.EVALUATION, blocks.get(wl.EVALUATION.marker), path)
            sections = self.sections(sheet, blocks.get(wl.SECTIONS.marker), path)
            scoring = self.scoring(sheet, blocks, (*path, "评分表"))
            used = bool(kv.values or sections or scoring)
            self.r.end_record(keep=used)
            if not used:
                continue
            evaluation = dict(kv.values)
            if sections:
                evaluation["sections"] = sections
            if scoring:
                evaluation["评分表"] = scoring
            out.append(evaluation)
        return title.values.get("title"), out

    def targets(self) -> list[dict[str, Any]]:
        sheet = wl.SHEET_TARGETS
        _, records = self.grouped(sheet)
        out = []
        for blocks in records:
            path = ("attachments", "performance_targets", len(out))
            self.r.begin_record()
            kv = self.kv(sheet, wl.TARGET, blocks.get(wl.TARGET.marker), path)
            indicators = self.records(
                sheet,
                wl.TARGET_INDICATORS,
                blocks.get(wl.TARGET_INDICATORS.marker),
                (*path, "绩效指标"),
            )
            self.r.end_record(keep=bool(kv.values or indicators))
            if not kv.values and not indicators:
                continue
            out.append({**kv.values, **({"绩效指标": indicators} if indicators else {})})
        return out

    def attachments(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        department = self.department_self()
        if department is not None:
            out["department_self_evaluation"] = department
        title, projects = self.projects()
        if title:
            out["project_self_evaluations_title"] = title
        out["project_self_evaluations"] = projects
        title, evaluations = self.evaluations()
        if title:
            out["department_evaluations_title"] = title
        out["department_evaluations"] = evaluations
        out["performance_targets"] = self.targets()
        return out


# --- the whole workbook ----------------------------------------------------------------------


def _missing_sheets(reader: Reader, profile: Profile | None) -> list[str]:
    if profile is not None and not profile.document.disclosure_tables:
        return [name for name in _part_sheets(profile) if name not in reader.grids]
    wanted = [name for name in wl.FORM_SHEETS if name != wl.SHEET_EXTRA]  # optional
    if profile is not None:
        wanted += [t.id for t in profile.tables]
    return [name for name in wanted if name not in reader.grids]


PART_SHEETS = {"evaluation": wl.SHEET_EVALUATION_REPORT, "self_evaluation": wl.SHEET_SELF_REPORT}


def _part_sheets(profile: Profile) -> list[str]:
    """The sheets of a document's own parts (评价报告, 自评报告)."""
    return [PART_SHEETS[p.kind] for p in profile.document.parts if p.kind in PART_SHEETS]


def _profile(reader: Reader, cover: dict[str, Any]) -> Profile | None:
    """The profile named on the cover; its table definitions say how to read 公开01–09."""
    where = reader.smap.find(("profile",))
    if where is None or not where.sheet:  # the row itself is gone: say where it belongs
        where = Location(reader.file, sheet=wl.SHEET_COVER, path=f"【{wl.BASIC.marker}】")
    profile_id = cover.get("profile")
    if not profile_id:
        reader.errors.append(UserError("缺少版式（profile）", where))
        return None
    try:
        return load_profile(str(profile_id))
    except UserError as exc:
        reader.errors.append(UserError(exc.message, where))
        return None


def read_data(path: Path) -> tuple[dict[str, Any], Reader]:
    """The workbook as YAML-shaped data plus its reader (errors, source map)."""
    reader = Reader(path, open_grids(path))
    if wl.SHEET_COVER not in reader.grids:
        raise UserError(
            f"不是 gen-report 输入工作簿：缺少工作表“{wl.SHEET_COVER}”（可用 gen-report init 生成）",
            Location(str(path)),
        )
    forms = FormReader(reader)
    data = forms.cover()
    profile = _profile(reader, data)
    missing = _missing_sheets(reader, profile)
    if missing:
        raise UserError(f"缺少工作表：{'、'.join(missing)}", Location(str(path)))
    if profile is not None and not profile.document.disclosure_tables:
        readers = {wl.SHEET_EVALUATION_REPORT: ("评价报告", forms.evaluation_report)}
        readers[wl.SHEET_SELF_REPORT] = ("自评报告", forms.self_report)
        for sheet in _part_sheets(profile):
            key, read = readers[sheet]
            data[key] = read()
        return data, reader
    if profile is not None:
        tables = TableReader(reader, profile)
        data["tables"] = {t.id: tables.read(t, reader.grids[t.id]) for t in profile.tables}
    data["narrative"] = forms.narrative()
    data["glossary"] = forms.glossary()
    data["attachments"] = forms.attachments()
    return data, reader


def _validation_errors(exc: ValidationError, reader: Reader) -> InputErrors:
    """Pydantic's complaints, each at the sheet and cell its path was read from, by label."""
    errors = []
    cover = {f.key: f.label for f in wl.BASIC.fields}
    for raw, err in located_pairs(exc, reader.smap, reader.file):
        found = reader.smap.find(part for part in raw["loc"] if part != "values")
        if (found is None or not found.sheet) and raw["loc"] and raw["loc"][0] in cover:
            # a cover field whose row is gone altogether: say where it belongs
            where = Location(reader.file, sheet=wl.SHEET_COVER, path=f"【{wl.BASIC.marker}】")
            errors.append(UserError(f"{cover[raw['loc'][0]]}：{err.message}", where))
            continue
        if found is None or not found.sheet or found.cell is None:
            errors.append(err)
            continue
        label = reader.labels.get((found.sheet, found.cell))
        errors.append(UserError(f"{label}：{err.message}" if label else err.message, found))
    return InputErrors(errors)


def load_workbook_input(path: Path) -> tuple[Report, SourceMap]:
    """Read an input workbook; every unreadable or invalid cell is reported, all at once.

    Validation runs even after reading errors so one round of fixes covers
    both; a cell already reported as unreadable is not reported again as missing.
    """
    data, reader = read_data(path)
    try:
        report = Report.model_validate(data)
    except ValidationError as exc:
        seen = {(e.location.sheet, e.location.cell) for e in reader.errors if e.location}
        invalid = _validation_errors(exc, reader).errors
        fresh = [
            e for e in invalid if not e.location or (e.location.sheet, e.location.cell) not in seen
        ]
        raise InputErrors(reader.errors + fresh) from None
    if reader.errors:
        raise InputErrors(reader.errors)
    return report, reader.smap

"""The input workbook: what a finance officer fills in Excel, blank or from an existing input.

It is a different thing from the output workbook (``render.xlsx``): that one
is for reading the published figures, this one is for typing and pasting.
So the table sheets keep the published layout only as far as it helps a
paste (header, 栏次, then a body of plain rows an export can be dropped
onto), headers are protected while the whole body stays unlocked, and the
narrative and 绩效 sheets are marked blocks that ``load.workbook`` reads by
their labels.  Figures the tool computes (执行率, 资金得分, 合计得分) appear as
formulas in cells marked 计算（勿填） and are never read back.

The format itself (sheet names, markers, labels, positions) lives in
``load.workbook_layout`` so writer and reader cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from generator.atomic import replacing
from generator.formats.input_workbook import layout as wl
from generator.formats.input_workbook.write_cells import (
    FormSheet,
    Validations,
    fit_height,
    font,
    form_widths,
    protect,
    set_widths,
    style_computed,
    style_label,
)
from generator.formats.input_workbook.write_tables import TableSheets
from generator.formats.output_workbook.writer import page_setup, put_text
from generator.model.report import Report
from generator.model.table_block import TableBlock
from generator.profiles.schema import Profile
from generator.tables.base import TOTAL
from generator.tables.registry import kind_of

# --- data helpers ----------------------------------------------------------------------------


def _spare(filled: bool, blank: int = wl.SPARE_BLANK) -> int:
    return wl.SPARE_FILLED if filled else blank


def blocks_yaml(tables: list[dict[str, Any]] | None) -> str | None:
    """A section's table blocks as the YAML text the 表格 cell holds (defaults left out)."""
    if not tables:
        return None
    data = [
        TableBlock.model_validate(t).model_dump(by_alias=True, exclude_defaults=True)
        for t in tables
    ]
    return yaml.dump(data, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=200)


class _BlockDumper(yaml.SafeDumper):
    """Figures as quoted text, so they come back as the exact Decimal typed."""


_BlockDumper.add_representer(Decimal, lambda d, v: d.represent_str(f"{v:f}"))


def flatten_sections(sections: list[dict[str, Any]], level: int = 1) -> Iterator[dict[str, Any]]:
    """The section tree as rows: a section, its 指标表 rows, then its sub-sections."""
    for section in sections:
        yield {
            "level": str(level),
            "title": section.get("title", ""),
            "text": section.get("text"),
            "表格": blocks_yaml(section.get("表格")),
            "表后文字": section.get("表后文字"),
        }
        for indicator in section.get("指标表") or []:
            yield {"level": wl.INDICATOR_LEVEL, **indicator}
        yield from flatten_sections(section.get("sections") or [], level + 1)


def prior_records(prior: dict[str, Any], profile: Profile) -> list[dict[str, Any]]:
    """Prior-year figures as (表, 行, 栏, 数) rows; a blank workbook lists what sentences use."""
    records: list[dict[str, Any]] = []
    for table, entries in prior.items():
        for row, value in entries.items():
            if isinstance(value, dict):
                records += [
                    {"table": table, "row": row, "column": c, "value": v} for c, v in value.items()
                ]
            else:
                records.append({"table": table, "row": row, "value": value})
    seen = {(r["table"], r["row"], r.get("column")) for r in records}
    for table, row, column in used_prior_cells(profile):
        key = (table, row, column)
        if key not in seen:
            seen.add(key)
            records.append({"table": table, "row": row, "column": column, "info": "情况说明用"})
    return records


_P_CALL = re.compile(r"""\bp\(\s*'([^']+)'\s*,\s*'([^']+)'\s*,\s*'([^']+)'\s*\)""")


def used_prior_cells(profile: Profile) -> list[tuple[str, str, str | None]]:
    """Cells whose last-year figure a sentence or a reason rule reads, keyed like the input.

    A line of one figure (a single-column side of a balance table, a 公开06
    code) is keyed by line only (栏 blank), as the YAML input writes it.
    """
    cells: list[tuple[str, str, str]] = []

    def walk(sections: Iterable[Any]) -> None:
        for s in sections:
            cells.extend(_P_CALL.findall(s.template))
            walk(s.subsections)

    walk(profile.narrative.sections)
    for rule in profile.checks.reasons:
        if rule.prior and rule.current:
            table, row, column = rule.current.split("/", 2)
            cells.append((table, row, column))
    out: list[tuple[str, str, str | None]] = []
    for table, row, column in cells:
        tdef = next((t for t in profile.tables if t.id == table), None)
        if tdef is not None and kind_of(tdef).one_figure(tdef, row):
            out.append((table, row, None))
        else:
            out.append((table, row, column))
    return list(dict.fromkeys(out))


_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def statement_targets(profile: Profile) -> list[tuple[str, str]]:
    """What a 说明 can replace, as (key, what it is): the parts, then every 情况说明 section
    (tables take theirs on their own sheet)."""
    out = [
        (p.key, f"部分：{_JINJA.sub('', p.title).strip() or p.key}") for p in profile.document.parts
    ]

    def walk(sections: Iterable[Any]) -> None:
        for s in sections:
            out.append((s.id, f"情况说明：{_JINJA.sub('…', s.title).strip()}"))
            walk(s.subsections)

    walk(profile.narrative.sections)
    return list(dict.fromkeys(out))


_FACT_CALL = re.compile(r"""\bfact\(\s*'([^']+)'\s*\)""")


def used_facts(profile: Profile) -> list[str]:
    """Names of 其他数据 the profile's sentences read by a fixed name (``fact('会议费')``)."""
    names: list[str] = []

    def walk(sections: Iterable[Any]) -> None:
        for s in sections:
            names.extend(_FACT_CALL.findall(s.template))
            walk(s.subsections)

    walk(profile.narrative.sections)
    return list(dict.fromkeys(names))


# --- the workbook ----------------------------------------------------------------------------


class InputWorkbook:
    """Builds the whole input workbook for one profile, optionally filled from a report."""

    def __init__(self, profile: Profile, report: Report | None = None) -> None:
        self.profile = profile
        self.report = report
        self.data: dict[str, Any] = report.model_dump(by_alias=True) if report else {}
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self.lists: dict[str, str] = {}
        self.cover: dict[str, str] = {}
        self.unplaced: list[str] = []

    def sheet(self, name: str) -> Worksheet:
        return self.wb.create_sheet(name)

    def save(self, target: Path) -> None:
        self.wb.properties.creator = "gen-report"
        self.wb.properties.title = "部门决算公开 输入工作簿"
        self.wb.save(target)

    def build(self) -> None:
        readme = self.sheet(wl.SHEET_README)
        self.write_lists()
        self.write_cover()
        if self.profile.document.disclosure_tables:
            self.write_final_accounts()
        kinds = {part.kind for part in self.profile.document.parts}
        if "evaluation" in kinds:
            self.write_evaluation_report()
        if "self_evaluation" in kinds:
            self.write_self_report()
        self.write_readme(readme)
        lists = self.wb[wl.SHEET_LISTS]
        self.wb.move_sheet(lists, len(self.wb.sheetnames) - 1 - self.wb.index(lists))
        self.wb.active = 0
        for extra, table in (self.data.get("tables") or {}).items():
            if extra not in {t.id for t in self.profile.tables}:
                self.unplaced.append(f"tables.{extra}（本 profile 没有这张表）")
            elif table.get("missing"):  # extract's "not printed": no cell says it
                self.unplaced.append(f"tables.{extra}.missing（{table['missing']}）")

    def write_final_accounts(self) -> None:
        """The 决算 sheets: the tables, then what 情况说明 and the attachments need."""
        tables = TableSheets(self.profile, self.lists, self.cover, self.unplaced)
        for tdef in self.profile.tables:
            tables.write(
                self.sheet(tdef.id), tdef, (self.data.get("tables") or {}).get(tdef.id) or {}
            )
        self.write_prior()
        self.write_budget()
        self.write_reasons()
        self.write_facts()
        self.write_extra()
        self.write_glossary()
        self.write_department_self()
        self.write_projects()
        self.write_evaluations()
        self.write_targets()

    # 评价报告, 自评报告 (documents of their own) ------------------------------------------------

    def write_evaluation_report(self) -> None:
        form = self.form(wl.SHEET_EVALUATION_REPORT, "部门整体支出绩效评价报告")
        ev = self.data.get("评价报告") or {}
        form.kv(wl.EVAL_REPORT, ev)
        figures = [{"name": k, "value": v} for k, v in (ev.get("数据") or {}).items()]
        form.table(wl.EVAL_FIGURES, figures, _spare(bool(figures), 6))
        rows = list(flatten_sections(ev.get("评价概况") or []))
        form.table(wl.EVAL_OVERVIEW, rows, _spare(bool(rows), 6))
        conclusion = dict(ev.get("评价结论") or {})
        if not conclusion.get("写明等级"):
            conclusion.pop("写明等级", None)  # the default (否) stays blank
        form.kv(wl.EVAL_CONCLUSION, conclusion)
        for key, block in wl.EVAL_PARTS.items():
            part = ev.get(key)
            rows = list(flatten_sections([part] if part else []))
            form.table(block, rows, _spare(bool(rows), 6))
        self.scoring(form, ev.get("评分表"))
        notes = [{"text": n} for n in ev.get("脚注") or []]
        form.table(wl.FOOTNOTES, notes, _spare(bool(notes), 3))
        protect(form.ws)

    def write_self_report(self) -> None:
        form = self.form(wl.SHEET_SELF_REPORT, "项目支出绩效自评报告")
        se = self.data.get("自评报告") or {}
        form.kv(wl.SELF_REPORT, se)
        rows = list(flatten_sections(se.get("sections") or []))
        form.table(wl.SECTIONS, rows, _spare(bool(rows), 15))
        dims = se.get("评价维度") or [
            {"名称": name, "满分": full}
            for name, full in (("投入", 20), ("过程", 20), ("产出", 20), ("效果", 40))
        ]
        form.table(wl.DIMENSIONS, dims, 2)
        items = [{"dimension": d["名称"], **i} for d in dims for i in d.get("指标") or []]
        form.table(wl.DIMENSION_ITEMS, items, _spare(bool(items), 25))
        protect(form.ws)

    # 说明 ----------------------------------------------------------------------------------

    def write_readme(self, ws: Worksheet) -> None:
        department = self.data.get("department") or ""
        year = self.data.get("year")
        title = (
            f"{department}{year}年度部门决算 输入工作簿"
            if department and year
            else "部门决算公开 输入工作簿"
        )
        lines = [
            f"版式（profile）：{self.profile.id}　{self.profile.name}",
            "用法：填好后运行  gen-report check 本文件.xlsx  （逐项检查，指出要改的工作表和单元格），"
            "再运行  gen-report build 本文件.xlsx -o 输出文件夹  （生成 PDF 和 XLSX）。",
            "颜色：浅黄色为填写区；灰色为表头（已保护，无密码，需要时可“撤销工作表保护”）；"
            "浅蓝色为计算值（计算，勿填），不会被读取。",
            "公开01–09：与公开表同样的表头。可把会计系统导出的表体（从“合计”行或第一个科目起）"
            "直接粘贴到表头下方。只需填最末级科目；类、款、合计行和合计栏可照导出一并粘贴，"
            "会与计算值核对，差额不超过 0.01 万元时印出填写数。",
            "金额：数字或文字均可（“1,234.50”“１２３”），“-”或留空表示零；科目编码可为数字或文字。"
            "空行和“注：”开头的行被忽略；读不懂的格子会报出工作表和单元格。",
            "金额单位见“封面概况”的金额单位（万元或元）；绩效附件的金额一律为元。",
            "公开06：按经济分类逐行填写；也可粘贴三组并排的导出表。",
            "上年数、年初预算、原因：情况说明要用的上年数、年初预算和变动原因；check 会指出缺哪一项。",
            "其他数据：版式自有语句用到的其他数据（名称、值，像数字的值按数字读）；"
            "公开文本：已公开报告的情况说明原文（按章节，只用于核对）；"
            "代替内容的说明：没有内容的部分或情况说明某一节，以部门自己的说明代替。",
            "其他工作表由【】标记的块组成：不要改动【】行和表头行，可在块内插入行；"
            "项目支出绩效自评表、部门评价报告、项目绩效目标表可复制整块粘贴到下方来增加。",
        ]
        ws.column_dimensions["A"].width = 110
        put_text(ws["A1"], title)
        ws["A1"].font = font(bold=True, size=14)
        for i, text in enumerate(lines, start=3):
            cell = ws.cell(i, 1)
            put_text(cell, text)
            cell.font = font(size=11)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            fit_height(ws, i, text, 100)
        protect(ws)

    # 代码表 --------------------------------------------------------------------------------

    def write_lists(self) -> None:
        """The hidden sheet of drop-down lists (科目编码 from the profile's catalog …)."""
        ws = self.sheet(wl.SHEET_LISTS)
        codes = [(c.code, c.name) for c in self.profile.catalog.classes]
        codes += sorted(self.profile.catalog.codes.items())
        columns: list[tuple[str, list[str]]] = [
            (wl.LIST_CODES, [c for c, _ in codes]),
            ("科目名称", [n for _, n in codes]),
            (wl.LIST_UNIT_KINDS, ["行政单位", "参照公务员法管理事业单位", "事业单位", "其他"]),
            (wl.LIST_AMOUNT_UNITS, ["万元", "元"]),
            # the sheets are laid out for this profile: another id would not fit them
            (wl.LIST_PROFILES, [self.profile.id]),
            (wl.LIST_TABLES, [t.id for t in self.profile.tables]),
            (wl.LIST_LEVEL1, list(wl.INDICATOR_LEVEL1)),
            (wl.LIST_LEVEL2, list(wl.INDICATOR_LEVEL2)),
            (wl.LIST_SCORE_LEVEL1, list(wl.SCORE_LEVEL1)),
            (wl.LIST_LEVELS, list(wl.SECTION_LEVELS)),
            (wl.LIST_YES_NO, ["是", "否"]),
        ]
        performance = self.profile.performance
        for name, options in (
            (wl.LIST_PROJECT_TYPES, performance.target_project_types),
            (wl.LIST_FUND_USES, performance.target_fund_uses),
        ):
            if options:  # the layout prints check boxes: offer its options
                columns.append((name, list(options)))
        sheet = quote_sheetname(wl.SHEET_LISTS)
        for c, (name, values) in enumerate(columns, start=1):
            letter = get_column_letter(c)
            put_text(ws.cell(1, c), name)
            for r, value in enumerate(values, start=2):
                put_text(ws.cell(r, c), value)
            self.lists[name] = f"{sheet}!${letter}$2:${letter}${len(values) + 1}"
            ws.column_dimensions[letter].width = 16
        ws.sheet_state = "hidden"
        protect(ws)

    # 封面概况 ------------------------------------------------------------------------------

    def write_cover(self) -> None:
        """封面概况: who and which year, then the 概况 text (职责, 机构设置, 单位构成)."""
        ws = self.sheet(wl.SHEET_COVER)
        widths = [24.0, 60.0, 60.0]  # 序号/labels, then two wide text columns
        set_widths(ws, widths)
        form = FormSheet(ws, Validations(ws, self.lists), len(widths), widths)
        page_setup(ws, landscape=False)
        form.title(
            "封面与概况", "部门名称、年度、版式（profile）必填；金额单位决定公开01–09的单位。"
        )
        d = self.data
        basic = {
            "department": d.get("department"),
            "year": d.get("year"),  # never pre-filled: the user types the report's year
            "unit_kind": d.get("unit_kind", "行政单位"),
            "amount_unit": d.get("amount_unit", "万元"),
            "profile": self.profile.id,
            "publication_date": d.get("publication_date"),
        }
        self.cover = form.kv(wl.BASIC, basic)
        overview = d.get("overview") or {}
        form.kv(wl.DUTIES_INTRO, overview)
        duties = [
            {"no": i, "text": duty["text"], "items": "\n".join(duty.get("items") or [])}
            for i, duty in enumerate(overview.get("duties") or [], start=1)
        ]
        form.table(wl.DUTIES, duties, _spare(bool(duties)))
        form.kv(wl.ORGANIZATION, overview)
        units = overview.get("units") or []
        form.table(wl.UNITS, units, _spare(bool(units), 5))
        protect(ws)

    # 上年数, 年初预算, 原因 ------------------------------------------------------------------

    def narrative(self) -> dict[str, Any]:
        return self.data.get("narrative") or {}

    def form(self, name: str, title: str, hint: str = "") -> FormSheet:
        ws = self.sheet(name)
        widths = form_widths(wl.SHEET_BLOCKS[name])
        set_widths(ws, widths)
        form = FormSheet(ws, Validations(ws, self.lists), len(widths), widths)
        form.title(title, hint)
        page_setup(ws, landscape=len(widths) > 3)
        return form

    def write_prior(self) -> None:
        form = self.form(wl.SHEET_PRIOR, "上年决算数（情况说明的同比比较用）")
        comparison = self.narrative().get("上年") or {}
        prior = comparison.get("tables") or {}
        records = prior_records(prior, self.profile)
        form.table(wl.PRIOR, records, _spare(bool(prior), 10))
        form.kv(wl.PRIOR_NONE, {"无": True} if comparison.get("无") else {})
        protect(form.ws)

    def write_budget(self) -> None:
        form = self.form(wl.SHEET_BUDGET, "年初预算数（一般公共预算财政拨款，按类）")
        budgets = dict(self.narrative().get("年初预算") or {})
        records = [
            {"code": c.code, "name": c.name, "value": budgets.pop(c.code, None)}
            for c in self.profile.catalog.classes
        ]
        records += [
            {"code": code, "name": self.profile.code_name(code) or "", "value": value}
            for code, value in budgets.items()
            if code != TOTAL
        ]
        records.append({"code": TOTAL, "name": "", "value": budgets.get(TOTAL)})
        form.table(wl.BUDGET, records, wl.SPARE_FILLED)
        protect(form.ws)

    def write_reasons(self) -> None:
        form = self.form(wl.SHEET_REASONS, "变动原因（情况说明）")
        reasons = self.narrative().get("原因") or {}
        rules = {r.key: r.label for r in self.profile.checks.reasons}
        records = [
            {"key": k, "info": _reason_info(k, rules), "text": v} for k, v in reasons.items()
        ]
        for r in self.profile.checks.reasons:
            if r.per_class:
                records.append({"info": f"{r.key}/类编码（如 {r.key}/201）：{r.label}"})
            elif r.key not in reasons:
                records.append({"key": r.key, "info": r.label})
        form.table(wl.REASONS, records, _spare(bool(reasons), 10))
        protect(form.ws)

    # 三公及其他 ----------------------------------------------------------------------------

    def write_facts(self) -> None:
        form = self.form(
            wl.SHEET_FACTS, "三公、机关运行经费、政府采购、国有资产、其他事项、预算绩效"
        )
        n = self.narrative()
        form.kv(wl.SANGONG, n.get("三公") or {})
        form.kv(wl.OPERATING, n)
        form.kv(wl.PROCUREMENT, n.get("政府采购") or {})
        assets = n.get("国有资产") or {}
        form.kv(wl.ASSETS, assets)
        vehicles = dict(assets.get("车辆") or {})
        records = [{"kind": k, "count": v} for k, v in vehicles.items()]
        records += [{"kind": k} for k in wl.VEHICLE_KINDS if k not in vehicles]
        form.table(wl.VEHICLES, records, wl.SPARE_FILLED)
        others = [{"text": t} for t in n.get("其他事项") or []]
        form.table(wl.OTHER_MATTERS, others, _spare(bool(others), 5))
        performance = n.get("预算绩效") or {}
        form.kv(wl.PERFORMANCE, performance)
        summaries = [{"name": k, **v} for k, v in (performance.get("项目自评综述") or {}).items()]
        form.table(wl.SUMMARIES, summaries, _spare(bool(summaries), 10))
        protect(form.ws)

    def write_extra(self) -> None:
        form = self.form(wl.SHEET_EXTRA, "其他数据、公开文本与代替内容的说明")
        n = self.narrative()
        extra = n.get("其他数据") or {}
        records = [{"name": k, "value": v} for k, v in extra.items()]
        records += [
            {"name": name, "info": "情况说明用"}
            for name in used_facts(self.profile)
            if name not in extra
        ]
        form.table(wl.EXTRA, records, _spare(bool(extra), 10))
        texts = [{"title": k, "text": v} for k, v in (n.get("公开文本") or {}).items()]
        form.table(wl.PUBLISHED_TEXT, texts, _spare(bool(texts), 5))
        tables = [
            {"title": k, "text": blocks_yaml(v)} for k, v in (n.get("文中表格") or {}).items()
        ]
        form.table(wl.TEXT_TABLES, tables, _spare(bool(tables), 3))
        typed = self.data.get("说明") or {}
        targets = dict(statement_targets(self.profile))
        records = [{"key": k, "text": v, "info": targets.get(k, "")} for k, v in typed.items()]
        records += [{"key": k, "info": what} for k, what in targets.items() if k not in typed]
        form.table(wl.STATEMENTS, records, wl.SPARE_FILLED)
        protect(form.ws)

    def write_glossary(self) -> None:
        form = self.form(wl.SHEET_GLOSSARY, "名词解释（在默认解释上替换、补充或新增）")
        entries = list(self.data.get("glossary") or [])
        defaults = {e.term: e.text for e in self.profile.glossary.entries}
        records = [
            {
                **e,
                "text": "删除" if e.get("remove") else e.get("text"),
                "default": defaults.get(e["term"], ""),
            }
            for e in entries
        ]
        used = {e["term"] for e in entries}
        records += [{"term": t, "default": x} for t, x in defaults.items() if t not in used]
        form.table(wl.GLOSSARY, records, wl.SPARE_FILLED)
        protect(form.ws)

    # 绩效 ---------------------------------------------------------------------------------

    def attachments(self) -> dict[str, Any]:
        return self.data.get("attachments") or {}

    def scoring(self, form: FormSheet, scoring: dict[str, Any] | None) -> None:
        scoring = scoring or {}
        cells = form.kv(wl.SCORING, scoring)
        items = scoring.get("指标") or []
        rows = form.table(wl.SCORE_ITEMS, items, _spare(bool(items), 25))
        weight = _column(wl.SCORE_ITEMS, "分值")
        score = _column(wl.SCORE_ITEMS, "得分")
        ws = form.ws
        ws[cells["computed_total"]] = f"=SUM({_span(score, rows)})"
        ws[cells["computed_weight"]] = f"=SUM({_span(weight, rows)})"

    def sections(self, form: FormSheet, sections: list[dict[str, Any]]) -> None:
        rows = list(flatten_sections(sections))
        form.table(wl.SECTIONS, rows, _spare(bool(rows), 20))

    def write_department_self(self) -> None:
        form = self.form(
            wl.SHEET_DEPT_SELF, "附件1 部门整体绩效自评报告", "不需要本附件时整张表留空。"
        )
        d = self.attachments().get("department_self_evaluation") or {}
        form.kv(wl.DEPT_REPORT, d)
        self.sections(form, d.get("sections") or [])
        table = d.get("自评表") or {}
        tasks = table.get("年度主要任务") or []
        form.table(wl.TASKS, tasks, _spare(bool(tasks), 10))
        form.kv(wl.DEPT_GOALS, table)
        indicators = table.get("绩效指标") or []
        form.table(wl.DEPT_INDICATORS, indicators, _spare(bool(indicators), 30))
        self.scoring(form, d.get("评分表"))
        protect(form.ws)

    def write_projects(self) -> None:
        form = self.form(wl.SHEET_PROJECTS, "附件2 项目支出绩效自评表（金额单位：元）")
        att = self.attachments()
        form.kv(wl.SETTINGS, {"title": att.get("project_self_evaluations_title")})
        projects = att.get("project_self_evaluations") or []
        for project in projects or [{"资金分值": Decimal(10)}, {"资金分值": Decimal(10)}]:
            self.project(form, project)
        protect(form.ws)

    def project(self, form: FormSheet, p: dict[str, Any]) -> None:
        cells = form.kv(wl.PROJECT, p)
        funds = dict(p.get("项目资金") or {})
        records = [{"source": wl.FUND_TOTAL}]
        records += [{"source": k, **v} for k, v in funds.items()]
        records += [{"source": s} for s in wl.FUND_SOURCES if s not in funds]
        rows = form.table(wl.FUNDS, records, 1)
        self.fund_formulas(form.ws, rows)
        indicators = p.get("绩效指标") or []
        ind_rows = form.table(wl.PROJECT_INDICATORS, indicators, _spare(bool(indicators), 15))
        ws = form.ws
        total_row = rows[0]
        budget = f"{_column(wl.FUNDS, '全年预算数')}{total_row}"
        executed = f"{_column(wl.FUNDS, '全年执行数')}{total_row}"
        weight = cells["资金分值"]
        w = f'IF({weight}="",10,{weight})'
        ws[cells["computed_fund_score"]] = (
            f"=IF(N({budget})=0,0,MIN({w},ROUND({w}*ROUND({executed}/{budget},2),2)))"
        )
        score = _column(wl.PROJECT_INDICATORS, "得分")
        ws[cells["computed_total"]] = (
            f"={cells['computed_fund_score']}+SUM({_span(score, ind_rows)})"
        )

    def fund_formulas(self, ws: Worksheet, rows: range) -> None:
        """年度资金总额 = Σ sources below it; 执行率 = 执行数 / 预算数 on every row."""
        total = rows[0]
        for key in ("年初预算数", "全年预算数", "全年执行数"):
            letter = _column(wl.FUNDS, key)
            cell = ws[f"{letter}{total}"]
            cell.value = f"=SUM({letter}{total + 1}:{letter}{rows[-1]})"
            style_computed(cell)
        label = ws[f"A{total}"]
        style_label(label, bold=True)
        label.value = wl.FUND_TOTAL
        budget, executed = _column(wl.FUNDS, "全年预算数"), _column(wl.FUNDS, "全年执行数")
        rate = _column(wl.FUNDS, "rate")
        for r in rows:
            ws[f"{rate}{r}"] = f'=IF(N({budget}{r})=0,"",{executed}{r}/{budget}{r})'

    def write_evaluations(self) -> None:
        form = self.form(wl.SHEET_EVALUATIONS, "附件3 项目支出部门评价报告")
        att = self.attachments()
        form.kv(wl.SETTINGS, {"title": att.get("department_evaluations_title")})
        for evaluation in att.get("department_evaluations") or [{}]:
            form.kv(wl.EVALUATION, evaluation)
            self.sections(form, evaluation.get("sections") or [])
            self.scoring(form, evaluation.get("评分表"))
        protect(form.ws)

    def write_targets(self) -> None:
        form = self.form(wl.SHEET_TARGETS, "项目绩效目标表（下一年度，可选）")
        for target in self.attachments().get("performance_targets") or [{}]:
            form.kv(wl.TARGET, target)
            indicators = target.get("绩效指标") or []
            form.table(wl.TARGET_INDICATORS, indicators, _spare(bool(indicators), 10))
        protect(form.ws)


def _column(block: wl.Block, key: str) -> str:
    index = next(i for i, f in enumerate(block.fields) if f.key == key)
    return get_column_letter(index + 1)


def _span(letter: str, rows: range) -> str:
    if not rows:
        return f"{letter}1:{letter}1"
    return f"{letter}{rows[0]}:{letter}{rows[-1]}"


def _reason_info(key: str, rules: dict[str, str]) -> str:
    base = key.split("/", 1)[0] if key not in rules else key
    return rules.get(key) or rules.get(base, "")


def write_input_workbook(profile: Profile, target: Path, report: Report | None = None) -> list[str]:
    """Write the workbook (whole or not at all); returns what had no place in it.

    ``report`` fills it (``init --from``); without one it is blank.
    """
    book = InputWorkbook(profile, report)
    book.build()
    with replacing(target) as tmp:
        book.save(tmp)
    return book.unplaced


__all__ = ["write_input_workbook"]

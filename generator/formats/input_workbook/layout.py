"""The input workbook's format, shared by its writer and its reader.

Writer (``generator.formats.input_workbook.writer``) and reader
(``generator.formats.input_workbook.reader``) must agree on every sheet name, block marker,
field label and table position; keeping that agreement in one module is what
makes "init → fill → build" a round trip rather than two codes drifting apart.

Two kinds of sheets:

* table sheets (公开01…), laid out like the published table so an
  accounting export can be pasted over the body; where each figure sits is
  the table kind's (``generator.tables.<kind>``: ``write_sheet``/``read_sheet``);
* form sheets (封面概况, 原因, 绩效 …): a column of blocks, each starting with a
  marker row ``【名称】`` in column A.  A key/value block has labels in A and
  values in B; a table block has a header row, then one record per row.  The
  reader finds blocks by their markers and columns by their header labels, so
  inserted rows, moved blocks and reordered columns still read.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

from generator.model.report import Procurement, SanGongFacts

# --- sheet names -----------------------------------------------------------------------------

SHEET_README = "说明"
SHEET_COVER = "封面概况"
SHEET_PRIOR = "上年数"
SHEET_BUDGET = "年初预算"
SHEET_REASONS = "原因"
SHEET_FACTS = "三公及其他"
SHEET_EXTRA = "其他数据"
SHEET_GLOSSARY = "名词解释"
SHEET_DEPT_SELF = "部门整体自评"
SHEET_PROJECTS = "项目自评"
SHEET_EVALUATIONS = "部门评价"
SHEET_TARGETS = "绩效目标"
SHEET_LISTS = "代码表"
SHEET_EVALUATION_REPORT = "评价报告"  # documents of their own (profile parts), not 决算 sheets
SHEET_SELF_REPORT = "自评报告"

FORM_SHEETS = (
    SHEET_COVER,
    SHEET_PRIOR,
    SHEET_BUDGET,
    SHEET_REASONS,
    SHEET_FACTS,
    SHEET_EXTRA,
    SHEET_GLOSSARY,
    SHEET_DEPT_SELF,
    SHEET_PROJECTS,
    SHEET_EVALUATIONS,
    SHEET_TARGETS,
)

# --- table sheets ----------------------------------------------------------------------------

TITLE_ROW, LABEL_ROW, DEPARTMENT_ROW, STATEMENT_ROW = 1, 2, 3, 4
HEADER_TOP = 5
STATEMENT_LABEL = "空表说明"
TOTAL_LABELS = frozenset({"合计", "总计"})
NUMBERS_LABEL = "栏次"
BODY_ROWS = 120  # blank rows under a classified table: more than any export has
SPARE_FILLED, SPARE_BLANK = 3, 15  # spare rows after filled / blank tables and lists


# --- form sheets -----------------------------------------------------------------------------

MARKER_RE = re.compile(r"^\s*【\s*(.+?)\s*】")

Kind = Literal[
    "text",
    "name",
    "code",
    "amount",
    "number",
    "int",
    "value",
    "date",
    "day",
    "yesno",
    "level",
    "blocks",
    "lines",
    "info",
    "formula",
]
"""How a field is read.

text     free text, kept exactly (paragraphs, line breaks)
name     one line; surrounding spaces dropped
code     an identifier such as 科目编码: numbers become digits ("201.0" → "201")
amount   money (万元 or 元): text numbers, separators, full-width digits, "-" read
number   a score or weight, read like an amount
int      a count
value    a free fact: a number when it reads as one (integer → int, with a decimal
         point → Decimal, as in YAML), otherwise text kept exactly
date     text; a cell Excel turned into a date is written back as ××××年×月
day      a calendar day (计划开始日期): a cell Excel turned into a date reads as YYYY-MM-DD
yesno    是 or 否 (true / false)
level    a section's 层级 (1–4) or 指标
blocks   the table blocks of a text section, written as YAML text in one cell
lines    a list of lines (the notes under a 评分表), one per line of the cell
info     shown for reference, never read
formula  computed by the workbook (计算，勿填), never read
"""

COMPUTED = "（计算，勿填）"


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: Kind = "name"
    width: float = 16.0
    choices: str | None = None  # a list on the 代码表 sheet offered as a drop-down

    @property
    def read(self) -> bool:
        return self.kind not in ("info", "formula")


@dataclass(frozen=True)
class Block:
    marker: str
    fields: tuple[Field, ...]
    table: bool = False
    hint: str = ""
    computed_rows: tuple[str, ...] = ()  # first-column labels of rows the workbook computes

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


def _unannotated(annotation: object) -> object:
    """``Annotated[int, validator]`` is an int to the workbook."""
    if typing.get_origin(annotation) is typing.Annotated:
        return typing.get_args(annotation)[0]
    return annotation


def _kind_of(annotation: object) -> Kind:
    """A pydantic field's annotation → how the workbook reads it (flat fact models only)."""
    union = isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union
    args = {_unannotated(a) for a in typing.get_args(annotation)} if union else set()
    annotation = _unannotated(annotation)
    if annotation is int or int in args:
        return "int"
    if annotation is str:
        return "text"
    if Decimal in args or annotation is Decimal:
        return "amount"
    raise TypeError(f"no workbook kind for {annotation!r}")


def model_fields(model: type[BaseModel]) -> tuple[Field, ...]:
    """One key/value field per model field, by its Chinese alias (三公, 政府采购)."""
    out = []
    for name, info in model.model_fields.items():
        kind = _kind_of(info.annotation)
        label = info.alias or name
        out.append(Field(label, label, kind, 40 if kind == "text" else 16))
    return tuple(out)


# lists on the 代码表 sheet (name → column header); values are filled by the writer
LIST_CODES = "功能分类科目编码"
LIST_UNIT_KINDS = "单位性质"
LIST_AMOUNT_UNITS = "金额单位"
LIST_PROFILES = "profile"
LIST_TABLES = "表"
LIST_LEVEL1 = "一级指标"
LIST_LEVEL2 = "二级指标"
LIST_SCORE_LEVEL1 = "评分一级指标"
LIST_LEVELS = "层级"
LIST_YES_NO = "是否"
# the full 项目绩效目标表's check-box options, from the profile (lists only where it has them)
LIST_PROJECT_TYPES = "项目类型"
LIST_FUND_USES = "资金用途"

INDICATOR_LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")
INDICATOR_LEVEL2 = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "满意度指标",
    "服务对象满意度指标",
)
SCORE_LEVEL1 = (  # 评价报告 and 部门评价: 决策…效益; 自评报告 dimensions: 投入…效果
    "决策",
    "投入",
    "过程",
    "产出",
    "效益",
    "效果",
    "部门决策",
    "部门管理",
    "部门绩效",
)
SECTION_LEVELS = ("1", "2", "3", "4", "指标")
INDICATOR_LEVEL = "指标"

# 封面概况
BASIC = Block(
    "基本信息",
    (
        Field("department", "部门名称", width=40),
        Field("year", "年度", "int"),
        Field("unit_kind", "单位性质", choices=LIST_UNIT_KINDS),
        Field("amount_unit", "金额单位", choices=LIST_AMOUNT_UNITS),
        Field("profile", "版式（profile）", choices=LIST_PROFILES),
        Field("publication_date", "公开日期", "date"),
    ),
)
DUTIES_INTRO = Block("部门职责", (Field("duties_intro", "职责引言", "text"),))
DUTIES = Block(
    "职责条目",
    (
        Field("no", "序号", "info", 8),
        Field("text", "职责", "text", 60),
        Field("items", "细项（每行一条）", "text", 60),
    ),
    table=True,
    hint="每条职责一行；其下的（1）（2）细项写在右侧同一格，每条一行。",
)
ORGANIZATION = Block("机构设置", (Field("organization", "机构设置", "text"),))
UNITS = Block(
    "单位构成",
    (
        Field("单位名称", "单位名称", width=40),
        Field("备注", "备注", width=30),
        Field("单位性质", "单位性质", choices=LIST_UNIT_KINDS),
    ),
    table=True,
    hint="单位性质可空；含事业单位时，机关运行经费的核对（J001）按公用经费含事业单位说明。",
)

# 上年数, 年初预算, 原因
PRIOR_NONE = Block(
    "上年决算",
    (Field("无", "没有上年决算（新组建部门填“是”）", "yesno", choices=LIST_YES_NO),),
    hint="填“是”时不写同比比较，也不要求上年数。",
)
PRIOR = Block(
    "上年数",
    (
        Field("table", "表", choices=LIST_TABLES, width=10),
        Field("row", "行（项目/科目编码/合计）", "code", 28),
        Field("column", "栏（单栏表留空）", width=26),
        Field("value", "上年数", "amount"),
        Field("info", "说明", "info", 40),
    ),
    table=True,
    hint="按本年表格的行和栏填写上年决算数；公开01等单栏表“栏”留空。",
)
BUDGET = Block(
    "年初预算",
    (
        Field("code", "科目编码（类）或合计", "code", 20),
        Field("name", "科目名称", "info", 30),
        Field("value", "年初预算数", "amount"),
    ),
    table=True,
    hint="一般公共预算财政拨款年初预算，按类填写；“合计”可不填（填写则核对）。",
)
REASONS = Block(
    "原因",
    (
        Field("key", "键", width=26),
        Field("info", "何时需要", "info", 40),
        Field("text", "原因说明", "text", 80),
    ),
    table=True,
    hint="变动达到阈值（默认10%）时须说明原因；键见“何时需要”，按类的写作 预算差异/201。",
)

# 三公及其他
SANGONG = Block("三公", model_fields(SanGongFacts))
OPERATING = Block(
    "机关运行经费",
    (
        Field("机关运行经费", "机关运行经费", "amount"),
        Field("上年机关运行经费", "上年机关运行经费", "amount"),
        Field(
            "公用经费含事业单位",
            "公用经费含事业单位（是/否，可空）",
            "yesno",
            choices=LIST_YES_NO,
        ),
    ),
    hint="机关运行经费留空时取公开06公用经费合计。",
)
PROCUREMENT = Block("政府采购", model_fields(Procurement))
ASSETS = Block(
    "国有资产",
    (
        Field("截至日期", "截至日期", "date"),
        Field("单价50万元以上通用设备", "单价50万元以上通用设备", "int"),
        Field("单价100万元以上专用设备", "单价100万元以上专用设备", "int"),
    ),
)
VEHICLES = Block(
    "国有资产·车辆",
    (Field("kind", "车辆类型", width=30), Field("count", "数量", "int")),
    table=True,
)
VEHICLE_KINDS = (
    "副部（省）级及以上领导用车",
    "一般公务用车",
    "一般执法执勤用车",
    "特种专业技术用车",
    "其他用车",
)
OTHER_MATTERS = Block("其他事项", (Field("text", "内容", "text", 100),), table=True)
PERFORMANCE = Block(
    "预算绩效",
    (
        Field("工作开展情况", "工作开展情况", "text"),
        Field("项目自评", "项目自评（没有时填“无”）", "text"),
        Field("部门评价结果", "部门评价结果", "text"),
    ),
)
SUMMARIES = Block(
    "项目自评综述",
    (
        Field("name", "项目名称", width=24),
        Field("完成情况", "完成情况", "text", 40),
        Field("问题", "问题", "text", 40),
        Field("改进措施", "改进措施", "text", 40),
    ),
    table=True,
    hint="按项目支出绩效自评表的项目名称，一个项目一行。",
)
FACT_BLOCKS = (
    SANGONG,
    OPERATING,
    PROCUREMENT,
    ASSETS,
    VEHICLES,
    OTHER_MATTERS,
    PERFORMANCE,
    SUMMARIES,
)

# 其他数据
EXTRA = Block(
    "其他数据",
    (
        Field("name", "名称", width=30),
        Field("value", "值", "value", 60),
        Field("info", "说明", "info", 30),
    ),
    table=True,
    hint="版式自有语句用到的其他数据（facts.extra），一项一行；像数字的值按数字读，其余按文字。",
)
PUBLISHED_TEXT = Block(
    "公开文本",
    (Field("title", "章节", width=30), Field("text", "原文", "text", 60)),
    table=True,
    hint="已公开报告的情况说明原文（gen-report extract 写入），按章节；只用于核对，不印出。",
)
TEXT_TABLES = Block(
    "文中表格",
    (
        Field("title", "章节（情况说明的章节 id）", width=30),
        Field("text", "表格（YAML）", "blocks", 80),
    ),
    table=True,
    hint="印在情况说明某一节正文之后的表格（如非税收入征缴表），按输入格式说明以 YAML 填写。",
)
STATEMENTS = Block(
    "代替内容的说明",
    (
        Field("key", "代替的内容（部分或情况说明章节 id）", width=30),
        Field("text", "说明（填“无”用默认措辞）", "text", 60),
        Field("info", "内容", "info", 30),
    ),
    table=True,
    hint=(
        "没有内容的部分（决算表、情况说明、附件……）或情况说明某一节，以部门自己的一段说明代替；"
        "不填说明的行不起作用。某一张表的说明填在该表的“空表说明”。"
    ),
)
EXTRA_BLOCKS = (EXTRA, PUBLISHED_TEXT, TEXT_TABLES, STATEMENTS)

# 名词解释
GLOSSARY = Block(
    "名词解释",
    (
        Field("term", "名词", width=28),
        Field("text", "解释（替换默认，可空）", "text", 50),
        Field("append", "补充（接在解释之后）", "text", 50),
        Field("default", "默认解释（参考）", "info", 50),
    ),
    table=True,
    hint="只填名词、不填解释和补充的行不起作用。",
)

# 绩效: shared pieces
SECTIONS = Block(
    "章节",
    (
        Field("level", "层级", "level", 8, LIST_LEVELS),
        Field("title", "标题", width=30),
        Field("text", "正文", "text", 70),
        Field("一级指标", "一级指标", choices=LIST_LEVEL1),
        Field("二级指标", "二级指标", choices=LIST_LEVEL2),
        Field("三级指标", "三级指标", width=24),
        Field("预期指标值", "预期指标值", "text", 20),
        Field("实际完成指标值", "实际完成指标值", "text", 20),
        Field("表格", "文中表格（YAML）", "blocks", 60),
        Field("表后文字", "表后文字", "text", 50),
    ),
    table=True,
    hint=(
        "层级 1 为一级标题，2 为其下小节……；层级填“指标”的行是上一节的指标表（填右侧指标各栏）。"
        "文中表格按输入格式说明（docs/input-format.md）以 YAML 填写，印在正文之后、表后文字之前。"
    ),
)
SCORING = Block(
    "评分表",
    (
        Field("title", "标题"),
        Field("指标解释列名", "指标解释列名"),
        Field("评分标准列名", "评分标准列名"),
        Field("合计行名", "合计行名"),
        Field("合计得分", "合计得分（填写则核对）", "number"),
        Field("等级", "等级（填写则核对）"),
        Field("说明", "表下说明（每行一条；留空用默认）", "lines"),
        Field("computed_total", "合计得分" + COMPUTED, "formula"),
        Field("computed_weight", "分值合计" + COMPUTED, "formula"),
    ),
    hint="标题和列名留空时用默认。",
)
SCORE_ITEMS = Block(
    "评分指标",
    (
        Field("一级指标", "一级指标", choices=LIST_SCORE_LEVEL1),
        Field("二级指标", "二级指标"),
        Field("三级指标", "三级指标", width=20),
        Field("分值", "分值", "number", 8),
        Field("指标解释", "指标解释", "text", 40),
        Field("评分标准", "评分标准", "text", 50),
        Field("得分", "得分", "number", 8),
        Field("扣分原因", "扣分原因", "text", 30),
    ),
    table=True,
)


def _indicators(target: str, actual: str | None = None) -> tuple[Field, ...]:
    fields = [
        Field("一级指标", "一级指标", choices=LIST_LEVEL1),
        Field("二级指标", "二级指标", choices=LIST_LEVEL2),
        Field("三级指标", "三级指标", width=28),
        Field(target, target, "text", 20),
    ]
    if actual:
        fields.append(Field(actual, actual, "text", 20))
    return tuple(fields)


# 部门整体自评
DEPT_REPORT = Block("报告", (Field("title", "标题", width=40),), hint="标题留空时用默认。")
TASKS = Block(
    "年度主要任务",
    (
        Field("任务名称", "任务名称", width=24),
        Field("完成情况", "完成情况", "text", 50),
        Field("预算数全额", "预算数全额", "amount"),
        Field("预算数财政拨款", "预算数财政拨款", "amount"),
        Field("执行数全额", "执行数全额", "amount"),
        Field("执行数财政拨款", "执行数财政拨款", "amount"),
    ),
    table=True,
    hint="金额单位：元。",
)
DEPT_GOALS = Block(
    "自评表目标",
    (Field("预期目标", "预期目标", "text"), Field("目标实际完成情况", "目标实际完成情况", "text")),
)
DEPT_INDICATORS = Block("自评表绩效指标", _indicators("预期指标值", "实际完成指标值"), table=True)
DEPT_SELF_BLOCKS = (DEPT_REPORT, SECTIONS, TASKS, DEPT_GOALS, DEPT_INDICATORS, SCORING, SCORE_ITEMS)

# 项目自评
SETTINGS = Block("附件设置", (Field("title", "附件标题", width=40),), hint="附件标题留空时用默认。")
PROJECT = Block(
    "项目支出绩效自评表",
    (
        Field("项目名称", "项目名称", width=40),
        Field("项目金额", "项目金额（元）", "amount"),
        Field("主管部门", "主管部门"),
        Field("实施单位", "实施单位"),
        Field("资金分值", "资金分值", "number"),
        Field("预期目标", "预期目标", "text"),
        Field("实际完成情况", "实际完成情况", "text"),
        Field("总分", "总分（填写则核对）", "number"),
        Field("computed_fund_score", "资金得分" + COMPUTED, "formula"),
        Field("computed_total", "总分" + COMPUTED, "formula"),
    ),
    hint="一个项目一块；再加项目时复制整块（从本行到绩效指标表末行）粘贴到下方。",
)
FUND_TOTAL = "年度资金总额"
FUND_SOURCES = ("当年财政拨款", "上年结转资金", "其他资金")
FUNDS = Block(
    "项目资金",
    (
        Field("source", "资金来源", width=24),
        Field("年初预算数", "年初预算数", "amount"),
        Field("全年预算数", "全年预算数", "amount"),
        Field("全年执行数", "全年执行数", "amount"),
        Field("rate", "执行率" + COMPUTED, "formula"),
    ),
    table=True,
    hint="金额单位：元；“年度资金总额”一行为计算值。",
    computed_rows=("年度资金总额",),
)
PROJECT_INDICATORS = Block(
    "绩效指标",
    (
        *_indicators("年度指标值", "实际完成值"),
        Field("分值", "分值", "number", 8),
        Field("得分", "得分", "number", 8),
        Field("偏差原因分析及改进措施", "偏差原因分析及改进措施", "text", 40),
    ),
    table=True,
)
PROJECT_BLOCKS = (PROJECT, FUNDS, PROJECT_INDICATORS)

# 部门评价
EVALUATION = Block(
    "部门评价报告",
    (
        Field("title", "标题", width=40),
        Field("项目名称", "项目名称"),
        Field("主管部门", "主管部门"),
    ),
    hint="一个报告一块；再加报告时复制整块粘贴到下方。",
)
EVALUATION_BLOCKS = (EVALUATION, SECTIONS, SCORING, SCORE_ITEMS)

# 绩效目标
TARGET = Block(
    "项目绩效目标表",
    (
        Field("项目名称", "项目名称", width=40),
        Field("主管部门", "主管部门"),
        Field("实施单位", "实施单位"),
        Field("项目金额", "项目金额（元）", "amount"),
        Field("年度目标", "年度目标", "text"),
        # the full form (项目类型 … 目标值来源) as some layouts print it
        Field("年度", "年度（表头“（××××年）”）", "int"),
        Field("项目类型", "项目类型", choices=LIST_PROJECT_TYPES),
        Field("资金用途", "资金用途", choices=LIST_FUND_USES),
        Field("负责人", "负责人"),
        Field("负责人电话", "负责人电话"),
        Field("联系人", "联系人"),
        Field("联系人电话", "联系人电话"),
        Field("计划开始日期", "计划开始日期", "day"),
        Field("计划完成日期", "计划完成日期", "day"),
        Field("项目总金额", "项目总金额（元）", "amount"),
        Field("财政拨款资金", "财政拨款资金（元）", "amount"),
        Field("其他资金", "其他资金（元）", "amount"),
        Field("项目概况", "项目概况", "text"),
        Field("项目用途", "项目用途", "text"),
        Field("项目总(中期)目标", "项目总(中期)目标", "text"),
    ),
    hint=(
        "下一年度的项目绩效目标（可选）；一个项目一块。项目金额即本年度项目金额。"
        "“年度”以下为完整格式的各项（项目类型、资金用途从下拉列表选一项），不用时留空。"
    ),
)
TARGET_INDICATORS = Block(
    "目标指标",
    (*_indicators("指标值"), Field("目标值来源", "目标值来源", "text", 40)),
    table=True,
    hint="目标值来源只在完整格式中印出。",
)
TARGET_BLOCKS = (TARGET, TARGET_INDICATORS)

# the block that starts a new record on a sheet of repeated records
RECORD_MARKERS = {
    SHEET_PROJECTS: PROJECT.marker,
    SHEET_EVALUATIONS: EVALUATION.marker,
    SHEET_TARGETS: TARGET.marker,
}

# 部门整体支出绩效评价报告 (a document of its own)
EVAL_REPORT = Block(
    "评价报告",
    (
        Field("评价机构", "评价机构", width=40),
        Field("评价日期", "评价日期", "date"),
        Field("评价概况标题", "评价概况标题"),
        Field("决算输入", "决算输入（同部门决算输入的路径，可空）", width=40),
    ),
    hint="评价得分印在“评价结论”中：有评分表时由评分表计算，填写的评价得分只用于核对。",
)
EVAL_FIGURES = Block(
    "数据",
    (Field("name", "名称", width=30), Field("value", "金额（万元）", "amount")),
    table=True,
    hint="部门基本情况中的收入、支出数；给出决算输入时取自决算，这里填写的只用于核对。",
)
EVAL_OVERVIEW = Block("评价概况", SECTIONS.fields, table=True, hint=SECTIONS.hint)
EVAL_CONCLUSION = Block(
    "评价结论",
    (
        Field("title", "标题"),
        Field("依据", "依据（得分句之前）", "text"),
        Field("简称", "部门简称"),
        Field("评价得分", "评价得分（无评分表时填写；有则核对）", "number"),
        Field("等级", "等级（填写则核对）"),
        Field("写明等级", "得分句写明等级（是/否）", "yesno", choices=LIST_YES_NO),
        Field("补充", "补充段落", "text"),
    ),
)
EVAL_PARTS = {
    key: Block(key, SECTIONS.fields, table=True, hint="层级 1 为本部分标题（如“四、存在问题”）。")
    for key in ("绩效目标", "主要绩效", "存在问题", "相关建议")
}
FOOTNOTES = Block("脚注", (Field("text", "脚注", "text", 80),), table=True)
EVALUATION_REPORT_BLOCKS = (
    EVAL_REPORT,
    EVAL_FIGURES,
    EVAL_OVERVIEW,
    EVAL_CONCLUSION,
    *EVAL_PARTS.values(),
    SCORING,
    SCORE_ITEMS,
    FOOTNOTES,
)

# 项目支出绩效自评报告 (a document of its own)
SELF_REPORT = Block(
    "自评报告",
    (
        Field("项目名称", "项目名称", width=40),
        Field("自称", "自称（如“本办”）"),
        Field("项目金额", "项目金额", "amount"),
        Field("引言", "引言", "text"),
        Field("绩效分析标题", "绩效分析标题"),
        Field("绩效分析", "绩效分析", "text"),
        Field("结论标题", "结论标题"),
        Field("评价结论", "评价结论（接在总分、等级之后）", "text"),
        Field("总分", "总分（填写则核对）", "number"),
        Field("等级", "等级（填写则核对）"),
    ),
    hint="各维度标题中的满分、得分和总分、等级由下方评价维度计算。",
)
DIMENSIONS = Block(
    "评价维度",
    (
        Field("名称", "维度", width=16),
        Field("满分", "满分", "number", 8),
        Field("得分", "得分", "number", 8),
        Field("text", "正文", "text", 70),
    ),
    table=True,
    hint="有维度指标的维度，得分为其指标得分之和，填写的得分只用于核对。",
)
DIMENSION_ITEMS = Block(
    "维度指标",
    (Field("dimension", "维度", width=16), *SCORE_ITEMS.fields),
    table=True,
    hint="各评价维度的评分指标，一项一行；“维度”填上方评价维度中的名称，其余各栏同评分表的评分指标。",
)
SELF_REPORT_BLOCKS = (SELF_REPORT, SECTIONS, DIMENSIONS, DIMENSION_ITEMS)

SHEET_BLOCKS: dict[str, tuple[Block, ...]] = {
    SHEET_EVALUATION_REPORT: EVALUATION_REPORT_BLOCKS,
    SHEET_SELF_REPORT: SELF_REPORT_BLOCKS,
    SHEET_COVER: (BASIC, DUTIES_INTRO, DUTIES, ORGANIZATION, UNITS),
    SHEET_PRIOR: (PRIOR, PRIOR_NONE),
    SHEET_BUDGET: (BUDGET,),
    SHEET_REASONS: (REASONS,),
    SHEET_FACTS: FACT_BLOCKS,
    SHEET_EXTRA: EXTRA_BLOCKS,
    SHEET_GLOSSARY: (GLOSSARY,),
    SHEET_DEPT_SELF: DEPT_SELF_BLOCKS,
    SHEET_PROJECTS: (SETTINGS, *PROJECT_BLOCKS),
    SHEET_EVALUATIONS: (SETTINGS, *EVALUATION_BLOCKS),
    SHEET_TARGETS: TARGET_BLOCKS,
}


def marker_text(block: Block) -> str:
    return f"【{block.marker}】"


def block_named(sheet: str, marker: str) -> Block | None:
    return next((b for b in SHEET_BLOCKS[sheet] if b.marker == marker), None)

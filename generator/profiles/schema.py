"""The profile format: everything that differs between a region's or a year's layout.

A profile is a folder of YAML files (see ``docs/profiles.md``).  This schema
is what makes "a new layout is a profile file away" safe: a broken profile is
rejected with a located error exactly like a broken input.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from generator.profiles import codes


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def _numbering(pattern: str) -> str:
    if pattern and pattern.count("{cn}") + pattern.count("{n}") != 1:
        raise ValueError("编号格式应含一个 {cn}（一、二、…）或 {n}（1、2、…），或为空（不编号）")
    return pattern


# How a heading's number reads: "（{cn}）" → （一）（二）…, "{n}." → 1. 2. …, "" → none.
# Numbers are counted over the headings printed (generator/document/numbering.py).
Numbering = Annotated[str, AfterValidator(_numbering)]


class HeaderCell(Strict):
    text: str = ""
    colspan: int = 1
    rowspan: int = 1


class Ref(Strict):
    """A figure taken from another table: the same row (by 科目编码) unless ``row`` is given."""

    table: str
    column: str
    row: str | None = None


class Column(Strict):
    id: str
    header: str | None = None
    sum: list[str] = Field(default_factory=list)
    minus: list[str] = Field(default_factory=list)
    source: Ref | None = None
    width: float = 1.0

    @property
    def computed(self) -> bool:
        return bool(self.sum or self.minus)


class Line(Strict):
    """One printed line of a balance table (公开01/04) or a 三公 row.

    ``code`` lines take their figure from ``source`` columns at that 科目编码;
    ``sum``/``minus`` lines are totals of other lines; other lines with an
    ``id`` are typed by the user; lines with neither are blank filler rows.
    """

    id: str | None = None
    label: str = ""
    no: int | None = None
    code: str | None = None
    sum: list[str] = Field(default_factory=list)
    minus: list[str] = Field(default_factory=list)
    source: Ref | None = None
    indent: int = 0
    bold: bool = False


class Expand(Strict):
    """Expands into one line per expense 类 of the catalog (公开01/04 right side)."""

    expand: Literal["expense_classes"]
    first_no: int | None = None
    numbered_labels: bool = True


class Side(Strict):
    columns: list[Column]
    lines: list[Line | Expand]
    label_width: float = 3.2
    no_width: float = 0.5


class EconomicTotal(Strict):
    id: str
    label: str
    sum: list[str]
    group: int = 0


class TableDef(Strict):
    id: str
    title: str
    label: str | None = None
    kind: Literal["classified", "balance", "economic", "grid"]  # generator/tables/<kind>.py
    unit: str = "万元"
    landscape: bool = False
    header: list[list[HeaderCell]] = Field(default_factory=list)
    column_numbers: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    empty_statement: str | None = None
    allow_negative: list[str] = Field(default_factory=list)
    # classified, grid; economic: its one figure column
    columns: list[Column] = Field(default_factory=list)
    code_style: Literal["single", "split"] = "single"  # split: 类 | 款 | 项 in three columns
    total_position: Literal["first", "last"] = "first"  # where the 合计 row prints
    code_width: float = 1.2
    name_width: float = 3.0
    # balance
    left: Side | None = None
    right: Side | None = None
    # economic
    groups: list[list[str]] = Field(default_factory=list)
    totals: list[EconomicTotal] = Field(default_factory=list)
    # grid (公开07): rows × columns, printed as one row per ``print_rows`` entry
    rows: list[str] = Field(default_factory=list)
    print_rows: list[list[str]] = Field(default_factory=list)


class CatalogClass(Strict):
    code: str
    name: str


class Catalog(Strict):
    classes: list[CatalogClass]
    codes: dict[str, str] = Field(default_factory=dict)


class EconomicItem(Strict):
    code: str
    name: str


class EconomicClass(Strict):
    code: str
    name: str
    items: list[EconomicItem] = Field(default_factory=list)


class Economic(Strict):
    classes: list[EconomicClass]


class GlossaryDefault(Strict):
    """A default entry; ``code`` (a 类 such as "213") prints it only for a department
    with spending in that class."""

    term: str
    text: str
    code: str | None = None


class Glossary(Strict):
    entries: list[GlossaryDefault] = Field(default_factory=list)
    numbering: Literal["chinese_paren", "arabic", "arabic_comma", "none"] = "chinese_paren"


class ChartItem(Strict):
    label: str
    cell: str  # "table/row/column"


class Chart(Strict):
    """A chart printed after a section's text, drawn from table cells (SVG in the PDF).

    ``pie``: each item's share of their sum; ``bars``: each item this year beside
    last year (the same cell of the prior-year figures)."""

    kind: Literal["pie", "bars"]
    title: str
    items: list[ChartItem]
    series: list[str] = Field(default_factory=lambda: ["本年", "上年"])
    unit: str = "万元"


class NarrativeSection(Strict):
    """One titled section of 情况说明.

    ``statement`` is the default wording when the department replaces the section
    (input ``说明: {id: 无}``) and what prints when the template has nothing to say;
    without it such a section is left out, heading and all.  ``embed`` prints an
    attachment's tables inside the section (performance_targets) instead of as an
    attachment.
    """

    id: str
    title: str  # without its number: the part's ``numbering`` gives it
    # this section's own number format instead of its level's ("" for none)
    number: Numbering | None = None
    template: str = ""
    statement: str | None = None
    embed: Literal["performance_targets"] | None = None
    subsections: list[NarrativeSection] = Field(default_factory=list)
    charts: list[Chart] = Field(default_factory=list)


class Narrative(Strict):
    sections: list[NarrativeSection]
    reason_threshold: float = 0.10


class Display(Strict):
    zero: str = ""
    decimals: int = 2
    # one precision for every percentage in running text (占…%, 增长…%, 完成…%)
    percent_decimals: int = 2
    percent_strip_zeros: bool = False
    body_font: list[str] = Field(
        default_factory=lambda: ["FangSong", "SimSun", "Noto Serif CJK SC"]
    )
    heading_font: list[str] = Field(default_factory=lambda: ["SimHei", "Noto Sans CJK SC"])


PART_KEYS = {
    "overview": "概况",
    "tables": "决算表",
    "narrative": "情况说明",
    "glossary": "名词解释",
    "attachments": "附件",
    "evaluation": "评价报告",
    "self_evaluation": "自评报告",
}


class Part(Strict):
    """One part of the document; ``statement`` is the default wording when the department
    replaces the whole part (input ``说明: {决算表: 无}``).  ``evaluation`` / ``self_evaluation``
    print the body of
    a 绩效评价报告 / 项目支出绩效自评报告 (its title may be empty: the parts then follow
    the cover without a part heading)."""

    kind: Literal[
        "overview",
        "tables",
        "narrative",
        "glossary",
        "attachments",
        "evaluation",
        "self_evaluation",
    ]
    title: str = ""
    # this part's own number format instead of the document's ("" for none: 附件)
    number: Numbering | None = None
    # the number formats of the part's headings, by level: overview subtitles, table
    # subtitles, 情况说明 sections then their subsections …
    numbering: list[Numbering] = Field(default_factory=list)
    subtitles: dict[str, str] = Field(default_factory=dict)
    statement: str | None = None

    @property
    def key(self) -> str:
        return PART_KEYS[self.kind]


class Cover(Strict):
    """What the cover says, as Jinja lines (``department``, ``year`` and the report's own
    fields such as ``project``/``evaluator`` are in scope).  ``page: false`` prints the
    title at the top of the first page instead of on a page of its own (自评报告)."""

    title: list[str]
    subtitle: list[str] = Field(default_factory=list)
    page: bool = True


ATTACHMENT_TITLES = {
    "department_self_evaluation": "部门整体绩效自评报告",
    "project_self_evaluations": "项目支出绩效自评表",
    "department_evaluations": "项目支出部门评价报告",
    "performance_targets": "项目绩效目标表",
}


class Document(Strict):
    title: str
    subtitle: str = ""
    cover: Cover | None = None  # default: the title on one line
    contents: bool = True  # a 目录 page after the cover
    # Whether the document holds the disclosure tables (公开01–…): a 绩效评价报告 does
    # not, so it neither checks nor writes them.
    disclosure_tables: bool = True
    parts: list[Part]
    numbering: Numbering = ""  # the part headings' number format ("{cn}、", "第{cn}部分 ")
    # "（一）收入支出决算总表" above each table (and in the contents); some layouts print
    # only the table's own title
    table_subtitles: bool = True
    department_line: bool = True  # "部门：…" above each table, beside "单位：万元"
    # 附件 titles (Jinja: year, department) where the input gives none; keys as in
    # ATTACHMENT_TITLES, whose titles stand for a key the profile leaves out
    attachment_titles: dict[str, str] = Field(default_factory=dict)

    @property
    def attachment_title_templates(self) -> dict[str, str]:
        return {**ATTACHMENT_TITLES, **self.attachment_titles}


class Identity(Strict):
    """Σ left (op) Σ right, each a "table/row/column" cell.

    ``relation`` says what the identity is — a table's own balance (总计 收 = 支)
    or a cross-table one; ``checks/`` assigns the rule (profiles never name codes).
    """

    relation: Literal["balance", "cross_table"]
    label: str
    left: list[str]
    right: list[str]
    op: Literal["=", "<="] = "="


class ReasonRule(Strict):
    """A comparison the narrative prints, and the reason key it asks for when it is large.

    ``current``/``base`` are "table/row/column" cells; ``prior: true`` compares
    with last year's same cell; ``per_class`` ("table/column") expands to one
    comparison per expense 类 against its 年初预算 (key gets "/<code>").
    """

    key: str
    label: str
    current: str | None = None
    base: str | None = None
    prior: bool = False
    prior_fact: str | None = None
    current_fact: str | None = None
    per_class: str | None = None


class SanGongItem(Strict):
    """A 三公 决算 cell ("table/row/column") and the 经济分类 item that must fit in it."""

    cell: str
    item: str


class TextCell(Strict):
    """A phrase of the 情况说明 that names a table cell: "收入支出总计" → 公开01/收入总计/决算数.

    The figure right after the phrase (after 为/是/共计) is the cell as printed.
    ``{class}`` in the phrase stands for every 类 name of the catalog and
    ``{code}`` in the cell for its code; ``…`` matches any words within the clause.
    """

    phrase: str
    cell: str
    # the budget a "完成预算的 P%" right after this figure is taken against, where the
    # text does not state it (an item of 三公 whose 预算 only the table gives)
    base: str | None = None


class Checks(Strict):
    identities: list[Identity] = Field(default_factory=list)
    text_cells: list[TextCell] = Field(default_factory=list)
    reasons: list[ReasonRule] = Field(default_factory=list)
    sangong_items: list[SanGongItem] = Field(default_factory=list)
    operating_costs: str | None = None


class Grade(Strict):
    min: Decimal
    name: str


class PerformanceSettings(Strict):
    """How the 绩效 documents grade and word their scores (``performance.yaml``)."""

    grades: list[Grade] = Field(
        default_factory=lambda: [
            Grade(min=Decimal(90), name="优"),
            Grade(min=Decimal(80), name="良"),
            Grade(min=Decimal(60), name="中"),
            Grade(min=Decimal(0), name="差"),
        ]
    )
    # printed under every 评分表 unless the table brings its own 说明
    scoring_notes: list[str] = Field(default_factory=list)
    # the full 项目绩效目标表's check-box options (项目类型, 资金用途), in printed order
    target_project_types: list[str] = Field(default_factory=list)
    target_fund_uses: list[str] = Field(default_factory=list)
    # 自评报告: the heading of each dimension section, of the result after them, and
    # the closing sentence
    dimension_heading: str = "（{{ number }}）{{ name }}（满分{{ full }}分，得{{ score }}分）"
    result_heading: str = "（{{ number }}）{{ title }}"
    self_evaluation_conclusion: str = (
        "综上所述，{{ subject }}{{ project }}支出绩效评价自评总分{{ total }}分，{{ grade }}等级"
        "{% if result %}，{{ result }}{% endif %}。"
    )
    # 评价报告: the sentence of 评价结论 that states the score
    evaluation_conclusion: str = (
        "{% if basis %}{{ basis }}，{% endif %}评定{{ subject }}{{ year }}年度部门整体支出"
        "绩效评价得分为{{ score }}分{% if show_grade %}，评价等级为“{{ grade }}”{% endif %}。"
    )
    # cells ("table/row/column") of the same department's 决算 the 评价报告 takes its
    # figures from, and the sentence (after the first 评价概况 section) that states them;
    # ``f`` holds the figures by name, ``money`` prints an amount
    final_accounts_figures: dict[str, str] = Field(default_factory=dict)
    evaluation_finances: str = ""


class Profile(Strict):
    id: str
    # the profile whose files this one takes where it has none of its own, and whose
    # files' top-level keys it keeps unless it gives them (docs/profiles.md)
    extends: str | None = None
    name: str
    year: int
    region: str = ""
    description: str = ""
    display: Display = Field(default_factory=Display)
    document: Document
    tables: list[TableDef] = Field(default_factory=list)
    catalog: Catalog = Field(default_factory=lambda: Catalog(classes=[]))
    economic: Economic | None = None
    glossary: Glossary = Field(default_factory=Glossary)
    narrative: Narrative = Field(default_factory=lambda: Narrative(sections=[]))
    checks: Checks = Field(default_factory=Checks)
    performance: PerformanceSettings = Field(default_factory=PerformanceSettings)

    def table(self, table_id: str) -> TableDef:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)

    def code_name(self, code: str) -> str | None:
        """类 names come from ``classes``; ``codes`` may also name 3-digit codes
        that are not printed as expense-类 lines (e.g. 债务还本支出 in some years)."""
        if codes.level(code) == 1:
            for c in self.catalog.classes:
                if c.code == code:
                    return c.name
        return self.catalog.codes.get(code)

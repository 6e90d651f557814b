"""The Shanghai 2024 example: a third layout that is profile data only.

The example (上海市普陀区财政局 2024) is built once for the module and read back
with pdftotext; the figures below are those of the published report
(shanghai-putuo-finance-2024-final-accounts.pdf), table by table.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.app import build as builder
from generator.checks.findings import Severity
from tests.conftest import REPO, build_pdf, flat, pdf_text, squeezed_layout, without_footers

EXAMPLE = REPO / "inputs" / "shanghai-2024"

# Titles as printed, in print order; the layout prints no 公开0N表 label.
TITLES = [
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表",
    "财政拨款“三公”经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款收入支出决算表",
]

# Figures as printed in the published tables, except 社会保障和就业支出 of the two
# 总表, published 326.71 against 326.72 in the other tables (an error `check`
# reports; the example types 326.72). Two published figures of the
# 基本支出表 (商品和服务支出 171.07, 公用经费合计 184.65) and 基本支出 2,336.91 of
# 一般公共预算财政拨款支出决算表 are not among them: the published items do not add
# up to them (see inputs/shanghai-2024/tables.yaml).
PUBLISHED = {
    "收入支出决算总表": [
        "2,940.05", "6.20", "2,946.25", "49.14", "2,995.39",
        "2,106.66", "326.72", "60.99", "445.69", "55.34",
    ],
    "收入决算表": [
        "2,946.25", "2,940.05", "6.20", "2,112.86", "2,106.66", "1,511.90", "1,511.89",
        "0.01", "16.19", "10.00", "6.19", "135.25", "449.52", "326.72", "84.65",
        "160.75", "80.38", "0.94", "60.99", "445.69", "187.19", "258.50",
    ],
    "支出决算表": [
        "2,940.05", "2,336.91", "603.14", "2,106.66", "1,503.52", "1,511.89", "8.37",
        "10.00", "135.25", "449.52", "326.72", "84.65", "160.75", "80.38", "0.94",
        "60.99", "445.69", "187.19", "258.50",
    ],
    "财政拨款收入支出决算总表": [
        "2,940.05", "2,106.66", "326.72", "60.99", "445.69", "21.63", "2,961.68",
    ],
    "一般公共预算财政拨款支出决算表": [
        "2,940.05", "603.14", "2,106.66", "1,503.52", "1,511.89", "8.37", "10.00",
        "135.25", "449.52", "326.72", "84.65", "160.75", "80.38", "0.94", "60.99",
        "445.69", "187.19", "258.50",
    ],
    "一般公共预算财政拨款基本支出决算表": [
        "2,082.85", "262.33", "1,238.58", "160.75", "80.38", "60.99", "1.61",
        "187.19", "91.03", "69.41", "69.10", "0.31", "2,152.26", "21.21", "7.61",
        "0.09", "4.88", "1.20", "2.83", "4.05", "2.01", "24.42", "42.77", "48.49",
        "11.53", "13.58",
    ],
    "财政拨款“三公”经费支出决算表": ["0.95"],
    "政府性基金预算财政拨款收入支出决算表": [],
    "国有资本经营预算财政拨款收入支出决算表": [],
}  # fmt: skip

# Row labels as printed (compared without line breaks: names wrap inside cells).
ROWS = {
    "收入支出决算总表": [
        "一、一般公共预算财政拨款收入", "八、其他收入", "使用非财政拨款结余",
        "一、一般公共服务支出", "十九、住房保障支出", "二十四、抗疫特别国债安排的支出",
        "本年收入合计", "本年支出合计", "年初结转和结余", "年末结转和结余", "结余分配",
    ],
    "收入决算表": [
        "财政事务", "行政运行", "一般行政管理事务", "信息化建设", "财政委托业务支出",
        "机关事业单位基本养老保险缴费支出", "其他行政事业单位养老支出", "行政单位医疗",
        "住房改革支出", "购房补贴", "附属单位上缴收入",
    ],
    "支出决算表": [
        "行政事业单位养老支出", "行政单位离退休", "机关事业单位职业年金缴费支出",
        "住房公积金", "上缴上级支出", "对附属单位补助支出",
    ],
    "财政拨款收入支出决算总表": [
        "一、一般公共预算财政拨款", "三、国有资本经营预算财政拨款", "年初财政拨款结转和结余",
        "年末财政拨款结转和结余", "八、社会保障和就业支出", "国有资本经营预算财政拨款",
    ],
    "一般公共预算财政拨款支出决算表": ["一般公共服务支出", "卫生健康支出", "住房保障支出"],
    "一般公共预算财政拨款基本支出决算表": [
        "工资福利支出", "机关事业单位基本养老保险缴费", "对个人和家庭的补助", "奖励金",
        "商品和服务支出", "维修（护）费", "其他交通费用", "资本性支出", "办公设备购置",
        "人员经费合计", "公用经费合计",
    ],
    "财政拨款“三公”经费支出决算表": [
        "财政拨款“三公”经费", "因公出国（境）费", "公务用车购置及运行维护费",
        "公务用车购置费", "公务用车运行维护费", "公务接待费", "预算数", "决算数",
    ],
    "政府性基金预算财政拨款收入支出决算表": [
        "年初结转和结余", "本年收入", "年末结转和结余",
        "注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。",
    ],
    "国有资本经营预算财政拨款收入支出决算表": [
        "注：上海市普陀区财政局无国有资本经营预算财政拨款支出，故本表无数据。",
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def sh_loaded() -> builder.Loaded:
    return builder.load(EXAMPLE)


@pytest.fixture(scope="module")
def sh_pdf(tmp_path_factory: pytest.TempPathFactory, sh_loaded: builder.Loaded) -> Path:
    return build_pdf(tmp_path_factory, sh_loaded)


@pytest.fixture(scope="module")
def sh_text(sh_pdf: Path) -> str:
    return pdf_text(sh_pdf)


@pytest.fixture(scope="module")
def sh_flat(sh_text: str) -> str:
    return without_footers(sh_text)


@pytest.fixture(scope="module")
def sh_layout(sh_pdf: Path) -> str:
    return squeezed_layout(sh_pdf)


def table_segments(text: str) -> dict[str, str]:
    """Each table's text, from its title to the next one's (after the contents page)."""
    start = text.index("第二部分", text.index("第一部分", text.index("第四部分")))
    end = text.index("第三部分", start)
    body = text[start:end]
    positions = []
    for title in TITLES:  # print order: search on from the previous title
        after = positions[-1][0] + 1 if positions else 0
        found = re.compile(rf"[\n\f]{re.escape(title)}\n").search(body, after)
        assert found, f"no table titled {title}"
        positions.append((found.start(), title))
    ends = [p for p, _ in positions[1:]] + [len(body)]
    return {title: body[p:e] for (p, title), e in zip(positions, ends, strict=True)}


def test_check_has_no_errors(sh_loaded: builder.Loaded) -> None:
    findings = builder.check(sh_loaded).findings
    errors = [f for f in findings if f.severity == Severity.ERROR]
    assert not errors, errors


def test_the_published_326_71_is_located_as_an_error(tmp_path: Path) -> None:
    """收支总表 published 社会保障和就业支出 326.71, 支出决算表 326.72: one figure, two prints."""
    copy = tmp_path / "shanghai-2024"
    shutil.copytree(EXAMPLE, copy)
    tables = copy / "tables.yaml"
    tables.write_text(
        tables.read_text(encoding="utf-8").replace('"208": 326.72', '"208": 326.71', 1),
        encoding="utf-8",
    )
    findings = builder.check(builder.load(copy)).findings
    found = [f for f in findings if f.location.path == "tables.公开01.lines.208"]
    assert len(found) == 1, findings
    finding = found[0]
    assert (finding.code, finding.severity) == ("X001", Severity.ERROR)
    assert "326.72" in finding.message and "326.71" in finding.message
    assert finding.figures is not None
    assert finding.figures.as_dict()["difference"] == "-0.01"
    assert finding.location.file.endswith("tables.yaml")
    assert finding.location.line is not None


def test_nine_tables_titled_as_published(sh_text: str) -> None:
    segments = table_segments(sh_text)
    assert list(segments) == TITLES
    assert not re.search(r"公开0\d表", sh_text)  # no code labels in this layout


def test_parts_as_published(sh_flat: str) -> None:
    for heading in [
        "上海市普陀区财政局2024年度部门决算",
        "第一部分上海市普陀区财政局概况",
        "一、主要职能",
        "二、部门决算单位构成",
        "第二部分上海市普陀区财政局2024年度部门决算表",
        "第三部分上海市普陀区财政局2024年度部门决算情况说明",
        "第四部分名词解释",
        "十、预算绩效管理情况",
        "十一、其他重要事项的情况说明",
        "（三）国有资产占有使用情况说明",
    ]:
        assert heading in sh_flat, heading


@pytest.mark.parametrize("title", TITLES)
def test_published_figures_and_rows_in_their_table(sh_text: str, title: str) -> None:
    segment = table_segments(sh_text)[title]
    numbers = set(re.findall(r"\d[\d,]*\.\d\d", segment))
    missing = [f for f in PUBLISHED[title] if f not in numbers]
    assert not missing, f"{title} lacks {missing}"
    text = flat(segment)
    absent = [row for row in ROWS[title] if row not in text]
    assert not absent, f"{title} lacks {absent}"


def test_codes_print_as_class_section_item(sh_layout: str) -> None:
    for row in [
        r"201 06 01 行政运行 1,511\.90 1,511\.89 0\.01",  # 收入决算表
        r"201 06 01 行政运行 1,511\.89 1,503\.52 8\.37",  # 支出决算表, 05
        r"208 05 99 其他行政事业单位养老支出 0\.94 0\.94",
        r"221 02 03 购房补贴 258\.50 258\.50",
        r"210 11 行政事业单位医疗 60\.99 60\.99",
        r"类 款 项",
    ]:
        assert re.search(row, sh_layout), row
    assert "2010601" not in sh_layout


def test_balance_and_economic_rows(sh_layout: str) -> None:
    for row in [
        r"八、其他收入 6\.20 八、社会保障和就业支出 326\.72",
        r"本年收入合计 2,946\.25 本年支出合计 2,940\.05",
        r"总计 2,995\.39 总计 2,995\.39",
        r"年初财政拨款结转和结余 21\.63 年末财政拨款结转和结余 21\.63 21\.63",
        r"总计 2,961\.68 总计 2,961\.68 2,961\.68",
        r"301 工资福利支出 2,082\.85 302 商品和服务支出",
        r"30309 奖励金 0\.31 30229 福利费 42\.77",
        r"人员经费合计 2,152\.26 公用经费合计",
    ]:
        assert re.search(row, sh_layout), row


def test_sangong_table_alternates_budget_and_actual(sh_layout: str) -> None:
    assert re.search(r"(预算数 决算数 ){5}预算数 决算数", sh_layout)
    assert re.search(r"\n 0\.95 +0\.95\n", sh_layout)


def test_sentences_computed_from_the_tables(sh_flat: str) -> None:
    for sentence in [
        "上海市普陀区财政局2024年度收入支出总计2,995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。",
        "本年收入合计2,946.25万元，其中：财政拨款收入2,940.05万元，占99.79%；其他收入6.20万元，占0.21%。",
        "本年支出合计2,940.05万元，其中：基本支出2,336.91万元，占79.49%；项目支出603.14万元，占20.51%。",
        # the published "财政拨款收入支出总计0.3万元" is the table's 2,961.68 here
        "上海市普陀区财政局2024年度财政拨款收入支出总计2,961.68万元。与2023年度相比，财政拨款收入支出总计持平。",
        "一般公共预算财政拨款支出2,940.05万元，占本年支出合计的100.00%。与2023年度相比，一般公共预算财政拨款支出减少63.14万元，下降2.10%。",
        # published 71.73%: 2,106.66 / 2,940.05 is 71.65%
        "一般公共服务支出（类）2,106.66万元，占71.65%；社会保障和就业支出（类）326.72万元，占11.11%；",
        "一般公共预算财政拨款支出年初预算为2,993.92万元，支出决算为2,940.05万元，完成年初预算的98.20%。决算数小于预算数的主要原因：",
        "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人员经费及公用经费等的基本支出。年初预算为1,560.05万元，支出决算为1,511.89万元。决算数小于预算数的主要原因：人员进出及退休变化，减少人员经费开支。",
        "11、住房保障支出（类）住房改革支出（款）购房补贴（项）。",
        "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0.00%",
        "2024年度“三公”经费财政拨款支出决算数与2023年度持平。",
        "上海市普陀区财政局2024年度无“三公”经费财政拨款支出。",
        "上海市普陀区财政局2024年度无政府性基金预算财政拨款收入和支出。",
        "上海市普陀区财政局2024年度无国有资本经营预算财政拨款收入和支出。",
        "绩效自评的2024年度项目4个，涉及预算金额598.42万元，平均得分99.43分（其中，绩效评级为“优”的项目4个；",
        "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。主要原因是优化办公环境",
        "政府采购金额（以合同签订为准）为251.25万元，其中：货物采购金额4.79万元、工程采购金额0.00万元、服务采购金额246.47万元。",
        "2024年度本部门面向中小企业预留政府采购项目预算金额246.47万元，面向小微企业预留政府采购项目预算金额0.00万元。",
        "在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额4.79万元。",
        "截至2024年12月31日，上海市普陀区财政局共有车辆0辆，其中：部级领导干部用车0辆、",
        "单价100万元（含）以上设备（不含车辆）2台（套）。",
    ]:
        assert sentence in sh_flat, sentence


def test_glossary_entries(sh_flat: str) -> None:
    glossary = sh_flat[sh_flat.rindex("第四部分名词解释") :]
    for entry in [
        "（一）财政拨款收入：指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。",
        "事业收入：指事业单位开展专业业务活动及辅助活动所取得的收入。",  # the department's wording
        "其他收入：指除上述“财政拨款收入”“事业收入”“经营收入”等以外的收入。",
        "年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。",
        "“三公”经费：指单位使用本级财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。",
        "（十一）机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。",
    ]:
        assert entry in glossary, entry
    assert "（十二）" not in glossary


def test_layout_settings_as_published(sh_layout: str) -> None:
    """合计 prints under the rows of 一般公共预算财政拨款支出决算表; no "部门：" line above tables."""
    start = sh_layout.index("一般公共预算财政拨款支出决算表\n", sh_layout.index("第二部分"))
    table = sh_layout[start : sh_layout.index("一般公共预算财政拨款基本支出决算表", start)]
    assert table.index("购房补贴") < table.index("合计 2,940.05")
    body = sh_layout[
        sh_layout.index("第二部分") : sh_layout.index("第三部分", sh_layout.index("第二部分"))
    ]
    assert "部门：" not in body


def test_sangong_actuals_are_checked_against_basic_items(tmp_path: Path) -> None:
    """G002 reads this layout's one-row 三公 table through profile cells (决算 as columns)."""
    import shutil

    from generator.checks import CheckOptions

    folder = tmp_path / "sh"
    shutil.copytree(EXAMPLE, folder)
    tables = folder / "tables.yaml"
    text = tables.read_text(encoding="utf-8")
    text = text.replace('      "30101": 262.33', '      "30217": 0.50\n      "30101": 262.33', 1)
    tables.write_text(text, encoding="utf-8")
    findings = builder.check(builder.load(folder), CheckOptions()).findings
    g002 = [f for f in findings if f.code == "G002"]
    assert len(g002) == 1 and "公务接待费" in g002[0].message and "30217" in g002[0].message
    assert g002[0].location.path.startswith("tables.公开07")

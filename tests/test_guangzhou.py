"""The Guangzhou 2017 example: a second layout that is profile data only.

The example is built once for the module and read back with pdftotext; the
figures below are those of the published 广州市协作办公室 2017 report.
"""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from generator.app import build as builder
from generator.checks.findings import Severity
from generator.formats.published_pdf.grid import grids_of
from generator.formats.published_pdf.grid_figures import Labels, grid_figures
from generator.formats.published_pdf.page import load_pages
from tests.conftest import REPO, build_pdf, flat, pdf_text, squeezed_layout, without_footers

EXAMPLE = REPO / "inputs" / "guangzhou-2017"
LABELS = [f"公开0{i}表" for i in range(1, 9)]

TITLES = {
    "公开01表": "收入支出决算总表",
    "公开02表": "收入决算表",
    "公开03表": "支出决算表",
    "公开04表": "财政拨款收入支出决算总表",
    "公开05表": "一般公共预算财政拨款支出决算表",
    "公开06表": "一般公共预算财政拨款基本支出决算表",
    "公开07表": "一般公共预算财政拨款“三公”经费支出决算表",
    "公开08表": "政府性基金预算财政拨款收入支出决算表",
}

# Figures as printed in the published tables (two decimals, thousands separators).
PUBLISHED = {
    "公开01表": [
        "41,652.65",
        "853.95",
        "42,506.60",
        "9,788.95",
        "52,295.55",
        "4,114.40",
        "63.08",
        "1,133.06",
        "88.70",
        "50.99",
        "947.63",
        "34,979.17",
        "898.25",
        "42,275.28",
        "10,020.27",
    ],
    "公开02表": [
        "42,506.60",
        "41,652.65",
        "4,316.08",
        "3,462.13",
        "2,067.15",
        "2,031.29",
        "35.86",
        "998.93",
        "180.84",
        "818.09",
        "1,250.00",
        "68.04",
        "1,138.74",
        "1,075.02",
        "717.55",
        "357.48",
        "20.56",
        "43.16",
        "30.70",
        "58.00",
        "966.63",
        "34,979.17",
        "191.46",
        "706.79",
    ],
    "公开03表": [
        "42,275.28",
        "4,506.36",
        "37,768.91",
        "4,114.40",
        "2,386.36",
        "1,728.04",
        "2,139.32",
        "1,661.28",
        "478.04",
        "725.08",
        "1,069.34",
        "351.79",
        "947.63",
        "898.25",
    ],
    "公开04表": [
        "41,601.66",
        "50.99",
        "41,652.65",
        "509.89",
        "42,162.54",
        "3,582.85",
        "41,743.73",
        "41,692.74",
        "418.81",
        "42,111.55",
    ],
    "公开05表": [
        "41,692.74",
        "3,974.81",
        "37,717.93",
        "3,582.85",
        "1,854.81",
        "193.53",
        "1,250.00",
        "63.08",
        "1,133.06",
        "1,069.34",
        "88.70",
        "947.63",
        "34,979.17",
        "898.25",
    ],
    "公开06表": [
        "980.12",
        "327.05",
        "547.24",
        "20.11",
        "43.16",
        "18.90",
        "23.65",
        "2,642.04",
        "1,051.04",
        "65.65",
        "37.58",
        "191.46",
        "706.79",
        "568.96",
        "349.10",
        "18.31",
        "35.69",
        "45.73",
        "3.09",
        "9.38",
        "61.93",
        "20.53",
        "3.56",
        "3,622.15",
        "352.66",
    ],
    "公开07表": ["70.22", "12.63", "9.38", "48.21", "35.57", "13.56"],
    "公开08表": ["50.99"],
}

# Row labels as printed (names wrap inside cells: compared without line breaks).
ROWS = {
    "公开01表": [
        "一、财政拨款收入",
        "六、其他收入",
        "用事业基金弥补收支差额",
        "九、医疗卫生与计划生育支出",
        "十四、资源勘探信息等支出",
        "十八、国土海洋气象等支出",
        "二十一、其他支出",
        "结余分配",
    ],
    "公开02表": ["政府办公厅（室）及相关机构事务", "归口管理的行政单位离退休", "科技条件专项"],
    "公开03表": ["其他政府办公厅（室）及相关机构事务支出", "征地和拆迁补偿支出"],
    "公开04表": [
        "二、政府性基金预算财政拨款",
        "二十二、债务还本支出",
        "二十三、债务付息支出",
        "年初财政拨款结转和结余",
    ],
    "公开05表": ["行政事业单位离退休", "其他计划生育事务支出", "住房改革支出"],
    "公开06表": [
        "人员经费",
        "公用经费",
        "机关事业单位基本养老保险缴费",
        "30311住房公积金",
        "30313购房补贴",
        "其他对个人和家庭的补助支出",
        "310其他资本性支出",
        "304对企事业单位的补贴",
        "30707国外债务付息",
        "39906赠与",
        "人员经费合计",
        "公用经费合计",
    ],
    "公开07表": ["因公出国（境）费", "公务用车购置及运行费", "公务接待费"],
    "公开08表": ["国有土地使用权出让收入及对应专项债务收入安排的支出"],
}


@pytest.fixture(scope="module")
def gz_loaded() -> builder.Loaded:
    return builder.load(EXAMPLE)


@pytest.fixture(scope="module")
def gz_pdf(tmp_path_factory: pytest.TempPathFactory, gz_loaded: builder.Loaded) -> Path:
    return build_pdf(tmp_path_factory, gz_loaded)


@pytest.fixture(scope="module")
def gz_text(gz_pdf: Path) -> str:
    return pdf_text(gz_pdf)


@pytest.fixture(scope="module")
def gz_flat(gz_text: str) -> str:
    return without_footers(gz_text)


@pytest.fixture(scope="module")
def gz_layout(gz_pdf: Path) -> str:
    return squeezed_layout(gz_pdf)


def table_segments(text: str) -> dict[str, str]:
    """The text from each 公开0N表 label to the next (the tables part only)."""
    end = text.index("第三部分", text.index("公开08表"))
    positions = [(text.index(label), label) for label in LABELS]
    out = {}
    for (start, label), nxt in zip(positions, [*positions[1:], (end, "")], strict=True):
        out[label] = text[start : nxt[0]]
    return out


def test_check_has_no_errors(gz_loaded: builder.Loaded) -> None:
    result = builder.check(gz_loaded)
    errors = [f for f in result.findings if f.severity == Severity.ERROR]
    assert not errors, errors


def test_eight_tables_with_titles_and_labels(gz_text: str) -> None:
    for label, title in TITLES.items():
        assert label in gz_text
        assert title in gz_text
    assert "公开09表" not in gz_text
    assert "国有资本经营预算财政拨款支出决算表" not in gz_text


def test_parts_are_numbered_as_published(gz_flat: str) -> None:
    for heading in [
        "第一部分广州市协作办公室概况",
        "（一）部门主要职责",
        "（二）部门决算单位构成",
        "第二部分广州市协作办公室2017年部门决算表",
        "第三部分广州市协作办公室2017年部门决算情况说明",
        "一、2017年度收入支出决算总体情况说明",
        "二、2017年度财政拨款收入支出总表说明",
        "三、2017年度财政拨款“三公”经费支出决算情况说明",
        "（三）会议费一般公共预算财政拨款支出情况",
        "四、其他重要事项的情况说明",
        "（五）非税收入征缴情况说明",
        "第四部分名词解释",
        "广州市协作办公室部门整体绩效管理情况",
    ]:
        assert heading in gz_flat, heading


@pytest.mark.parametrize("label", LABELS)
def test_published_figures_in_their_table(gz_text: str, label: str) -> None:
    segment = table_segments(gz_text)[label]
    numbers = set(re.findall(r"\d[\d,]*\.\d\d", segment))
    missing = [f for f in PUBLISHED[label] if f not in numbers]
    assert not missing, f"{label} lacks {missing}"
    text = flat(segment)
    absent = [row for row in ROWS[label] if row not in text]
    assert not absent, f"{label} lacks {absent}"


def test_zeros_print_as_0_00(gz_layout: str) -> None:
    for row in [
        r"二、上级补助收入 2 0\.00 二、外交支出 27 0\.00",  # 公开01
        r"2010301 行政运行 2,067\.15 2,031\.29 0\.00 0\.00 0\.00 0\.00 35\.86",  # 公开02
        r"2010301 行政运行 2,139\.32 1,661\.28 478\.04 0\.00 0\.00 0\.00",  # 公开03
        r"二十二、债务还本支出 50 0\.00 0\.00 0\.00",  # 公开04
        r"30106 伙食补助费 0\.00 30205 水费 0\.99",  # 公开06
        r"31013 公务用车购置 0\.00",
        r"70\.22 12\.63 9\.38 0\.00 9\.38 48\.21 35\.57 12\.63 9\.38 0\.00 9\.38 13\.56",  # 公开07
        r"合计 0\.00 50\.99 50\.99 0\.00 50\.99 0\.00",  # 公开08
    ]:
        assert re.search(row, gz_layout), row


def test_economic_table_has_two_groups(gz_layout: str) -> None:
    for row in [
        r"人员经费 公用经费",
        r"301 工资福利支出 980\.12 302 商品和服务支出 349\.10",
        r"30199 其他工资福利支出 23\.65 30209 物业管理费 45\.73",
        r"303 对个人和家庭的补助 2,642\.04 30211 差旅费 5\.77",
        r"人员经费合计 3,622\.15 公用经费合计 352\.66",
    ]:
        assert re.search(row, gz_layout), row


def test_income_sentences(gz_flat: str) -> None:
    for sentence in [
        "广州市协作办公室2017年度总收入52,295.55万元，其中本年收入42,506.60万元。",
        "1．财政拨款收入41,652.65万元，比上年决算数减少1,905.77万元，下降4.38%，"
        "主要变动情况：一是精准扶贫精准脱贫三年攻坚专项经费减少2,840万元",
        "2．上级补助收入0万元，与上年决算数持平。",
        "5．其他收入853.95万元，比上年决算数增加634.02万元",
        "1.基本支出4,506.36万元，比上年决算数增加1,040.25万元，增长30.01%，"
        "主要变动情况：工资福利（在职、退休）按照相关政策有所调增。",
        "2.项目支出37,768.91万元，比上年决算数减少2,426.95万元，下降6.04%",
        "一般公共预算财政拨款收入41,601.66万元，比上年决算数减少1,919.78万元，下降4.41%；",
        "政府性基金预算财政拨款收入50.99万元，比上年决算数增加14.02万元，增长37.92%；",
        "一般公共预算财政拨款支出41,692.74万元，比年初预算数增加12,172.62万元，增长41.23%；",
    ]:
        assert sentence in gz_flat, sentence


def test_expenditure_sentences(gz_flat: str) -> None:
    for sentence in [
        "本部门2017年度一般公共预算财政拨款支出41,692.74万元，占本年支出合计98.62%。"
        "与2016年相比，一般公共预算财政拨款支出减少1,827.78万元，下降4.20%。",
        "一般公共服务（类）3,582.85万元，占8.59%；科学技术（类）63.08万元，占0.15%；",
        "援助其他地区（类）34,979.17万元，占83.90%；住房保障（类）898.25万元，占2.15%。",
        "年初预算29,520.12万元，支出决算41,692.74万元，完成年初预算的141.23%。",
        "行政运行（项）支出2,139.32万元，完成年初预算的116.33%",
        "事业单位离退休（项）支出351.79万元，完成年初预算的779.85%",
        "死亡抚恤（项）支出20.56万元，年初无预算",
        "其他扶贫支出（项）支出947.63万元，完成年初预算的96.30%",
        "其他支出（项）支出34,979.17万元，完成年初预算的145.66%",
        "购房补贴（项）支出706.79万元，完成年初预算的176.59%",
        "本年基本支出3,974.81万元，其中人员经费3,622.15万元，主要包括工资福利支出980.12万元、"
        "对个人和家庭的补助2,642.04万元；公用经费352.66万元，包括商品和服务支出349.10万元",
        "政府性基金预算财政拨款收入50.99万元。支出50.99万元，与2016年度相比增加14.02万元，"
        "增长37.92%。其中基本支出0万元，项目支出50.99万元。",
    ]:
        assert sentence in gz_flat, sentence


def test_sangong_meeting_and_other_sentences(gz_flat: str) -> None:
    for sentence in [
        "2017年度“三公”经费财政拨款支出决算为35.57万元，完成预算70.22万元的50.66%。",
        "公务接待费支出决算为13.56万元，完成预算48.21万元的28.13%。",
        "比上年减少5.24万元，下降12.84%。",
        "公务用车购置及运行费支出决算减少4.03万元，下降30.05%；公务接待费支出决算减少1.20万元，下降8.13%。",
        "因公出国（境）费12.63万元，占35.51%；公务用车购置及运行费支出9.38万元，占26.37%；"
        "公务接待费支出13.56万元，占38.12%。",
        "出国团组2个、累计5人次",
        "公务用车保有量为4辆",
        "发生国内接待60次，接待人数共261人",
        "会议费决算34.83万元，完成预算89.54万元的38.90%。比上年减少20.04万元。",
        "2017年本部门机关运行经费支出352.66万元，比上年增加40.78万元，增长13.08%。",
        "2017年本部门政府采购支出总额237.79万元，其中：政府采购货物支出17.76万元、"
        "政府采购工程支出0万元、政府采购服务支出220.03万元。",
        "机要通信应急保障用车（综合保障业务用车）4辆",
        "本部门2017年度各类非税收入合计1,577.57万元，纳入预算管理已缴国库0万元",
        "其他收入1,577.57万元，占100.00%",
    ]:
        assert sentence in gz_flat, sentence


def test_glossary_entries(gz_flat: str) -> None:
    for entry in [
        "财政拨款收入：指财政当年拨付的资金。包括一般公共预算财政拨款和政府性基金财政拨款。",
        "用事业基金弥补收支差额：指事业单位在用当年的“财政拨款收入”",
        "年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。",
        "“三公”经费：按照党中央、国务院有关文件及部门预算管理有关规定",
        "机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金",
    ]:
        assert entry in gz_flat, entry


def test_attachment_text(gz_flat: str) -> None:
    assert "对口支援三峡库区巫山县社会公益项目自评得分为98分" in gz_flat
    assert "1.会展业务费项目绩效评价报告" in gz_flat
    assert "部门整体预算完成率：99.74%" in gz_flat


# --- the 非税收入征缴 table and the two 三公 charts --------------------------------------


def test_non_tax_table_reads_back_under_its_headers(gz_pdf: Path) -> None:
    found = {}
    for page in load_pages(gz_pdf):
        for grid in grids_of(page)[0]:
            figures, columns = grid_figures(grid, None, Labels(), [], "")
            if columns.paths[:1] == ["科目名称"] and "纳入预算管理已缴国库小计" in columns.paths:
                found.update(figures.cells)
    special = "纳入财政专户管理已缴财政专户小计"
    assert found[("合计", "合计")] == Decimal("1577.57")
    assert found[("合计", "纳入预算管理已缴国库小计")] == Decimal("0.00")
    assert found[("七、其他收入", special)] == Decimal("1577.57")
    assert found[("展览收入", special)] == Decimal("1502.23")
    assert found[("利息收入", "合计")] == Decimal("22.85")  # 栏次1 = 2 + 3
    assert found[("一、政府性基金收入", special)] == Decimal("0.00")


def test_sangong_charts_are_drawn_from_the_table(gz_text: str, gz_pdf: Path) -> None:
    page = next(p for p in gz_text.split("\f") if "“三公”经费本年支出结构" in p)
    body = flat(page)
    assert "“三公”经费各项与上年对比" in body
    # the shares of 公开07 决算 (35.57 in all), figures printed as the table prints them
    assert "因公出国（境）费12.63万元35.51%" in body
    assert "公务用车购置及运行费9.38万元26.37%" in body and "公务接待费13.56万元38.12%" in body
    for last_year in ("13.41", "14.76"):  # 上年 公务用车 and 公务接待, beside this year's
        assert last_year in body
    number = gz_text.split("\f").index(page) + 1
    images = subprocess.run(
        ["pdfimages", "-f", str(number), "-l", str(number), "-list", str(gz_pdf)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert len(images.strip().splitlines()) == 2  # header lines only: vector, not a picture

"""情况说明 sentences are written from the numbers: every sentence type, incl. zero/negative."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from generator.narrative.numbers import Change, money, percent
from generator.narrative.write import Section, write_narrative
from tests.conftest import computed


def texts(sections: list[Section]) -> dict[str, str]:
    out: dict[str, str] = {}
    for s in sections:
        out[s.id] = "\n".join(s.paragraphs)
        out.update(texts(s.subsections))
    return out


def narrative(**fields) -> dict[str, str]:
    return texts(write_narrative(computed(**fields)))


BASE_TABLES = {
    "公开02": {"rows": [{"code": "2011301", "财政拨款收入": 100}]},
    "公开03": {
        "rows": [
            {"code": "2011301", "基本支出": 60, "项目支出": 20},
            {"code": "2080505", "基本支出": 20},
        ]
    },
    "公开04": {"lines": {"一般公共预算财政拨款": 100}},
    "公开05": {
        "rows": [
            {"code": "2011301", "基本支出": 60, "项目支出": 20},
            {"code": "2080505", "基本支出": 20},
        ]
    },
}


def with_prior(prior_01: dict, **narr) -> dict[str, str]:
    return narrative(
        tables=BASE_TABLES,
        narrative={"上年": {"tables": {"公开01": prior_01}}, **narr},
    )


def test_increase_sentence() -> None:
    t = with_prior({"收入总计": 80}, 原因={"收入总体": "业务量增加"})["收支总体"]
    assert "2020年度收入合计100.00万元，其中：本年度一般公共预算财政拨款收入100.00万元" in t
    assert "与2019年度收入80.00万元" in t
    assert "增加20.00万元，增长25.00%。主要原因是：业务量增加。" in t


def test_decrease_sentence() -> None:
    t = with_prior({"收入总计": 125})["收支总体"]
    assert "减少25.00万元，下降20.00%。" in t


def test_flat_sentence() -> None:
    t = with_prior({"收入总计": 100})["收支总体"]
    assert "相比，持平。" in t and "增长" not in t.split("\n")[0]


def test_zero_base_never_divides() -> None:
    t = with_prior({"收入总计": 0})["收支总体"]
    assert "与2019年度收入0.00万元" in t
    assert "增加100.00万元。" in t
    first = t.split("\n")[0]
    assert "%" not in first


def test_no_prior_year_means_no_comparison() -> None:
    t = narrative(tables=BASE_TABLES)["收支总体"]
    assert "相比" not in t and t.startswith("2020年度收入合计100.00万元")


def test_shares_of_income_and_expense() -> None:
    n = narrative(tables=BASE_TABLES)
    assert "财政拨款收入100.00万元，占100.00%" in n["收入"]
    assert "基本支出80.00万元，占80.00%；项目支出20.00万元，占20.00%。" in n["支出"]


def test_budget_completion_over_under_equal_and_none() -> None:
    tables = {
        "公开05": {
            "rows": [
                {"code": "2011301", "基本支出": 120},
                {"code": "2080505", "基本支出": 50},
                {"code": "2210201", "基本支出": 30},
                {"code": "2130101", "基本支出": 10},
            ]
        }
    }
    n = narrative(
        tables=tables,
        narrative={
            "年初预算": {"201": 100, "208": 100, "221": 30, "213": "无"},
            "原因": {
                "预算差异/201": "追加任务",
                "预算差异/208": "压减支出",
                "预算差异/213": "年中新增",
            },
        },
    )["一般公共预算/结构"]
    assert "年初预算230.00万元，决算支出合计210.00万元，完成年初预算的91.30%" in n
    assert (
        "一般公共服务（类）决算支出120.00万元，占57.14%；年初预算为100.00万元，完成年初预算的120.00%。决算数大于预算数的主要原因是：追加任务。"
        in n
    )
    assert "完成年初预算的50.00%。决算数小于预算数的主要原因是：压减支出。" in n
    assert "完成年初预算的100.00%。决算数等于预算数。" in n
    assert (
        "农林水（类）决算支出10.00万元，占4.76%；年初无预算，决算支出的主要原因是：年中新增。" in n
    )
    assert "完成年初预算的0%" not in n


def test_basic_expenditure_lists_nonzero_economic_items() -> None:
    n = narrative(
        tables={
            "公开05": {"rows": [{"code": "2011301", "基本支出": 17}]},
            "公开06": {"lines": {"30101": 10, "30302": 5, "30201": 2}},
        }
    )["基本支出"]
    assert "人员经费15.00万元，主要包括基本工资、退休费" in n
    assert "公用经费2.00万元，主要包括办公费。" in n


def test_sangong_vs_budget_and_prior_with_zero_parts() -> None:
    n = narrative(
        tables={
            "公开07": {
                "lines": {
                    "预算": {"公务用车运行费": 4, "公务接待费": 6},
                    "决算": {"公务用车运行费": 5, "公务接待费": 3},
                }
            }
        },
        narrative={
            "上年": {"tables": {"公开07": {"决算": {"公务用车运行费": 5, "公务接待费": 0}}}},
            "三公": {"公务接待批次": 3, "公务接待人数": 12},
        },
    )
    assert "“三公”经费决算支出8.00万元，比全年预算数10.00万元减少2.00万元，下降20.00%" in n["三公"]
    assert "与2019年度决算支出5.00万元相比，增加3.00万元，增长60.00%" in n["三公"]
    assert n["三公/因公出国"] == "我单位2020年度无因公出国（境）费支出。"
    assert "比全年预算数6.00万元减少3.00万元，下降50.00%，完成预算的50.00%" in n["三公/公务接待"]
    assert "共接待3批次，总人数12人" in n["三公/公务接待"]
    # from zero last year: an increase with no percentage
    assert "与2019年度决算支出0.00万元相比，增加3.00万元。" in n["三公/公务接待"]
    assert (
        "运行维护费全年预算数为4.00万元，决算支出5.00万元，完成预算的125.00%" in n["三公/公务用车"]
    )
    assert "与2019年度决算支出5.00万元相比无变动" in n["三公/公务用车"]


def test_empty_funds_say_so() -> None:
    n = narrative()
    assert n["政府性基金"] == "我单位2020年度无政府性基金预算财政拨款收入支出。"
    assert n["国有资本经营"] == "我单位2020年度无国有资本经营预算财政拨款支出。"


def test_gov_fund_sentence_when_present() -> None:
    n = narrative(
        tables={
            "公开08": {
                "rows": [{"code": "2120801", "年初结转和结余": 10, "本年收入": 5, "项目支出": 12}]
            }
        }
    )["政府性基金"]
    assert "年初结转和结余10.00万元，本年收入5.00万元，本年支出12.00万元" in n
    assert "年末结转和结余3.00万元" in n


def test_operating_costs_default_to_public_funds() -> None:
    n = narrative(tables={"公开06": {"lines": {"30201": 2.5}}}, narrative={"上年机关运行经费": 5})[
        "其他/机关运行经费"
    ]
    assert "机关运行经费支出2.50万元" in n and "减少2.50万元，下降50.00%" in n


@pytest.mark.parametrize(
    ("cur", "base", "word", "rate"),
    [
        (D(120), D(100), "增加", D("0.2")),
        (D(80), D(100), "减少", D("0.2")),
        (D(100), D(100), "持平", D(0)),
        (D(5), D(0), "增加", None),
        (D(0), D(5), "减少", D(1)),
        (D(-5), D(10), "减少", D("1.5")),
    ],
)
def test_change_words(cur: D, base: D, word: str, rate: D | None) -> None:
    c = Change(cur, base)
    assert c.word == word and c.rate == rate


def test_number_formats() -> None:
    assert money(D("364062.4")) == "364,062.40" and money(None) == "0.00"
    assert percent(D("3.155")) == "315.5" and percent(D("0.89")) == "89"
    assert percent(D("0.0957"), 2) == "9.57" and percent(D(1)) == "100"


def test_example_narrative_figures_equal_the_tables(example) -> None:
    n = texts(write_narrative(example.computed))
    # the published text said 364,066.22 and 1,288.19: ours follows the tables
    assert "决算支出合计364,066.21万元，完成年初预算的147.78%" in n["一般公共预算/结构"]
    assert "人员经费1,288.18万元" in n["基本支出"]
    assert "364,066.22" not in "".join(n.values()) and "1,288.19" not in "".join(n.values())
    # the published "下降39.8%" is 1.06/2.66; against the budget 3.72 it is 28.5%
    assert "减少1.06万元，下降28.49%，完成预算的71.51%" in n["三公/公务接待"]
    assert "3.5元" not in "".join(n.values())

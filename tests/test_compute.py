"""Typed once: every subtotal and cross-table figure is computed from leaves."""

from __future__ import annotations

from decimal import Decimal as D

from tests.conftest import computed


def rows(*items: dict) -> dict:
    return {"rows": list(items)}


def test_class_and_kuan_and_total_are_sums_of_leaves() -> None:
    c = computed(
        tables={
            "公开03": rows(
                {"code": "2011301", "基本支出": 10.5},
                {"code": "2011302", "项目支出": 2.25},
                {"code": "2080505", "基本支出": 1},
            )
        }
    )
    assert c.value("公开03", "20113", "基本支出") == D("10.50")
    assert c.value("公开03", "201", "本年支出合计") == D("12.75")  # row identity then hierarchy
    assert c.value("公开03", "合计", "本年支出合计") == D("13.75")
    assert c.value("公开03", "合计", "基本支出") == D("11.50")
    names = {r.code: r.name for r in c.structure.rows["公开03"]}
    assert names["20113"] == "商贸事务" and names["201"] == "一般公共服务支出"


def test_stated_total_printed_when_it_agrees_within_tolerance() -> None:
    c = computed(
        tables={
            "公开03": {
                "rows": [
                    {"code": "2011301", "基本支出": 1.004},
                    {"code": "2011302", "基本支出": 1.004},
                ],
                "合计": {"基本支出": 2.01},
            }
        }
    )
    cell = c.sheet.cell(("公开03", "合计", "基本支出"))
    assert cell.computed == D("2.008") and cell.stated == D("2.01")
    assert cell.shown == D("2.01")  # the faithful rounding is printed


def test_stated_total_not_printed_when_it_disagrees() -> None:
    c = computed(
        tables={"公开03": {"rows": [{"code": "2011301", "基本支出": 5}], "合计": {"基本支出": 50}}}
    )
    cell = c.sheet.cell(("公开03", "合计", "基本支出"))
    assert not cell.agrees and cell.shown == D("5.00")


def test_amounts_in_yuan_are_rounded_from_exact_sums() -> None:
    c = computed(
        amount_unit="元",
        tables={
            "公开05": rows(
                {"code": "2011301", "基本支出": 50},  # 0.005 万元
                {"code": "2011302", "基本支出": 50},
            )
        },
    )
    assert c.value("公开05", "2011301", "基本支出") == D("0.01")  # 0.005 rounds half up
    assert c.value("公开05", "合计", "基本支出") == D("0.01")  # exact 0.01, not 0.01 + 0.01


def test_balance_tables_take_figures_from_their_sources() -> None:
    c = computed(
        tables={
            "公开02": {"rows": [{"code": "2011301", "财政拨款收入": 100, "事业收入": 5}]},
            "公开03": rows(
                {"code": "2011301", "基本支出": 90}, {"code": "2210201", "基本支出": 10}
            ),
            "公开04": {
                "lines": {
                    "一般公共预算财政拨款": 100,
                    "年初财政拨款结转和结余/一般公共预算财政拨款": 3,
                }
            },
            "公开05": rows(
                {"code": "2011301", "基本支出": 90}, {"code": "2210201", "基本支出": 10}
            ),
            "公开01": {"lines": {"年初结转和结余": 4, "年末结转和结余": 9}},
        }
    )
    assert c.value("公开01", "一般公共预算财政拨款收入", "决算数") == D("100.00")
    assert c.value("公开01", "事业收入", "决算数") == D("5.00")
    assert c.value("公开01", "本年收入合计", "决算数") == D("105.00")
    assert c.value("公开01", "收入总计", "决算数") == D("109.00")
    assert c.value("公开01", "201", "决算数") == D("90.00")
    assert c.value("公开01", "支出总计", "决算数") == D("109.00")
    assert c.value("公开04", "年初财政拨款结转和结余", "金额") == D("3.00")
    assert c.value("公开04", "221", "一般公共预算财政拨款") == D("10.00")
    assert c.value("公开04", "本年支出合计", "合计") == D("100.00")


def test_economic_and_sangong_totals() -> None:
    c = computed(
        tables={
            "公开06": {"lines": {"30101": 10, "30102": 5, "30201": 2, "30302": 1}},
            "公开07": {
                "lines": {"决算": {"公务用车购置费": 1, "公务用车运行费": 2, "公务接待费": 3}}
            },
        }
    )
    assert c.value("公开06", "301", "决算数") == D("15.00")
    assert c.value("公开06", "人员经费合计", "决算数") == D("16.00")
    assert c.value("公开06", "公用经费合计", "决算数") == D("2.00")
    assert c.value("公开07", "决算", "公务用车购置及运行费") == D("3.00")
    assert c.value("公开07", "决算", "合计") == D("6.00")


def test_gov_fund_table_year_end_identity() -> None:
    c = computed(
        tables={
            "公开08": rows(
                {"code": "2120801", "年初结转和结余": 10, "本年收入": 5, "项目支出": 12},
            )
        }
    )
    assert c.value("公开08", "合计", "本年支出小计") == D("12.00")
    assert c.value("公开08", "合计", "年末结转和结余") == D("3.00")
    assert not c.is_empty("公开08") and c.is_empty("公开09")


def test_unplaceable_input_is_a_problem_not_dropped() -> None:
    c = computed(
        tables={
            "公开03": rows({"code": "20113x", "基本支出": 1}, {"code": "2011301", "基本费": 2}),
            "公开99": {},
        }
    )
    # compute reports what it could not place, as data; check assigns the rule (S002, S003)
    found = sorted(p.what for p in c.structure.problems)
    assert found == ["bad_code", "not_in_layout", "not_in_layout"]


def test_example_figures_match_the_published_tables(example) -> None:
    c = example.computed
    assert c.value("公开01", "一般公共预算财政拨款收入", "决算数") == D("364062.40")
    assert c.value("公开01", "收入总计", "决算数") == D("364072.22")
    assert c.value("公开03", "合计", "本年支出合计") == D("364066.21")
    assert c.value("公开03", "合计", "基本支出") == D("1376.89")
    assert c.value("公开04", "支出总计", "合计") == D("364072.19")
    assert c.value("公开06", "人员经费合计", "决算数") == D("1288.18")
    assert c.value("公开06", "公用经费合计", "决算数") == D("88.70")
    assert c.value("公开07", "预算", "合计") == D("7.22")
    assert c.structure.problems == []

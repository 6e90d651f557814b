"""Tables inside text sections: computed, printed as real tables, read back under their headers.

The Shenzhen 2020 附件3 tables (资金投入 with 行次 (1)–(7), 资金使用情况, the
决策/过程/产出/效益 score tables) are table blocks of the bundled example; our
PDF is read back with the published-PDF reader's grid entry points and every
figure must sit under its printed column header.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.app.build import check, load
from generator.document.report import attachments
from generator.document.table_blocks import block_values, block_view
from generator.errors import UserError
from generator.formats.published_pdf.grid import grids_of
from generator.formats.published_pdf.grid_figures import Labels, grid_figures
from generator.formats.published_pdf.page import load_pages
from generator.model.table_block import TableBlock
from tests.conftest import squeezed_layout
from tests.test_checks import evaluation, write_report

FUNDS = {
    "title": "1）项目资金投入：",
    "unit": "万元",
    "columns": [
        {"id": "项目", "kind": "text"},
        {"id": "行次", "kind": "text"},
        {"id": "合计", "sum": ["小计"]},
        {"id": "小计", "sum": ["省级", "市级"]},
        {"id": "省级"},
        {"id": "市级"},
    ],
    "rows": [
        {"id": "r2", "项目": "全年预算数", "行次": "(2)", "市级": "193.99", "省级": 6},
        {"id": "r4", "项目": "实际支出", "行次": "(4)", "市级": "124.97"},
        {"项目": "预算执行率(%)", "行次": "(5)=(4)/(2)", "ratio": ["r4", "r2"]},
        {"项目": "合计", "sum": ["r2", "r4"]},
    ],
}


def test_columns_rows_and_ratios_are_computed() -> None:
    values = block_values(TableBlock.model_validate(FUNDS))
    assert values[0]["小计"] == Decimal("199.99") and values[0]["合计"] == Decimal("199.99")
    assert values[1]["合计"] == Decimal("124.97") and values[1]["省级"] is None
    assert values[2]["合计"] == Decimal("62.49")  # 124.97 / 199.99 × 100
    assert values[2]["省级"] is None  # (4) has no 省级 figure: no ratio
    assert values[3]["市级"] == Decimal("318.96")


def test_a_typed_figure_in_a_computed_column_wins_and_prints() -> None:
    block = TableBlock.model_validate({**FUNDS, "rows": [{"项目": "x", "合计": "7.5", "市级": 1}]})
    view = block_view(block, "测试局", "", None)
    assert [c.text for c in view.body[0]] == ["x", "", "7.50", "1.00", "", "1.00"]


def test_merged_text_cells_span_down() -> None:
    block = TableBlock.model_validate(
        {
            "columns": [
                {"id": "一级", "kind": "text", "merge": True},
                {"id": "三级", "kind": "text"},
            ],
            "rows": [
                {"一级": "决策", "三级": "甲"},
                {"三级": "乙"},
                {"一级": "过程", "三级": "丙"},
            ],
        }
    )
    view = block_view(block, "测试局", "", None)
    assert view.body[0][0].text == "决策" and view.body[0][0].rowspan == 2
    assert [c.text for c in view.body[1]] == ["乙"]


def test_bad_references_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="不存在的列"):
        TableBlock.model_validate({"columns": [{"id": "a", "sum": ["b"]}]})
    looped = {
        "columns": [{"id": "a"}],
        "rows": [{"id": "x", "sum": ["y"]}, {"id": "y", "sum": ["x"]}],
    }
    with pytest.raises(UserError, match="循环"):
        block_values(TableBlock.model_validate(looped))
    with pytest.raises(UserError, match="不存在的行"):
        block_values(
            TableBlock.model_validate({"columns": [{"id": "a"}], "rows": [{"sum": ["z"]}]})
        )


def _read_tables(pdf: Path, header: str) -> list[dict[tuple[str, str], Decimal | None]]:
    """Every ruled table of our PDF whose first header cell is ``header``, as read back."""
    out = []
    for page in load_pages(pdf):
        grids, _ = grids_of(page)
        for grid in grids:
            figures, columns = grid_figures(grid, None, Labels(), [], f"第{page.number}页")
            if columns.paths and columns.paths[0] == header:
                out.append(figures.cells)
    return out


def test_funds_tables_read_back_under_their_headers(example_pdf: Path) -> None:
    first, second = _read_tables(example_pdf, "项目")[-2:]
    assert first[("年初预算金额", "财政资金/市级")] == Decimal("265.65")
    assert first[("实际支出", "合计")] == Decimal("124.97")
    assert first[("预算执行率(%)", "财政资金/小计")] == Decimal("64.42")
    assert first[("资金到位率(%)", "合计")] == Decimal("100.00")
    assert first[("实际支出", "财政资金/中央级")] is None
    assert second[("全年预算数", "财政资金/市级")] == Decimal("360162.07")
    assert second[("资金实际支出率(%)", "合计")] == Decimal("98.79")


def test_use_of_funds_tables_read_back_under_their_headers(example_pdf: Path) -> None:
    first, second = _read_tables(example_pdf, "项目支出内容")
    assert first[("调研协调工作", "实际支出数/财政资金支出数")] == Decimal("53.81")
    assert first[("合计", "实际支出数/合计")] == Decimal("124.97")
    assert second[("合计", "财政资金专款专用数")] == Decimal("355798.57")  # 354,755.49 + 1,043.08
    assert second[("结转2019年市扶贫合作专项资金", "财政资金专款专用数")] == Decimal("1043.08")


def test_score_tables_in_the_text_are_the_scoring_tables(example_pdf: Path) -> None:
    """四、绩效评价指标分析: each dimension's table is its part of the 评分表."""
    text = squeezed_layout(example_pdf)
    start = text.index("（一）项目决策情况分析")
    table = text[start : text.index("1、项目立项得分", start)]
    for line in ("一级指标 二级指标 三级指标 得分", "立项依据充分性（5分） 5", "决策（20分）"):
        assert line in table
    assert "项目立项（7分）" in table and "合计 19" in table
    totals = re.findall(r"^合计 (\d+(?:\.\d+)?)$", text, re.M)
    assert totals[:4] == ["19", "18.2", "30", "30"]  # 97.2 in all, as published
    assert totals[4:8] == ["19", "19.94", "23.81", "25.5"]


def test_table_blocks_are_sheets_of_the_workbook(example_xlsx: Path) -> None:
    wb = load_workbook(example_xlsx)
    ws = wb["表格1 1）项目资金投入"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert ["项目", "行次", "合计", "财政资金", None, None, None, None] in rows
    assert ["预算执行率(%)", "(5)=(4)/(2)", 64.42, 64.42, None, None, 64.42, None] in rows


def test_a_chart_without_last_years_figures_draws_this_year_only() -> None:
    from generator.document.charts import chart_view
    from generator.profiles.schema import Chart
    from tests.conftest import computed

    report = computed(tables={"公开07": {"lines": {"决算": {"公务接待费": 2.5}}}})
    items = [
        {"label": "因公出国（境）费", "cell": "公开07/决算/因公出国（境）费"},
        {"label": "公务接待费", "cell": "公开07/决算/公务接待费"},
    ]
    pie = chart_view(Chart(kind="pie", title="结构", items=items), report)
    # the profile's one percent precision (two decimals, zeros kept)
    assert pie.values == {"因公出国（境）费": ["0.00", "0.00%"], "公务接待费": ["2.50", "100.00%"]}
    assert sum(1 for s in pie.shapes if s.kind == "path") == 1  # one full disc
    bars = chart_view(Chart(kind="bars", title="对比", items=items), report)
    assert bars.values == {"因公出国（境）费": ["0.00"], "公务接待费": ["2.50"]}
    assert [s.text for s in bars.shapes if s.kind == "text"][-1] == "本年"


def test_a_self_evaluation_section_lays_out_its_own_scoring_table(tmp_path: Path) -> None:
    """A 评分 block in the 部门整体绩效自评报告 refers to that report's 评分表 (it used
    to be laid out with none, so every such block was refused)."""
    table = evaluation()["attachments"]["department_evaluations"][0]["评分表"]
    section = {"title": "（一）产出情况分析", "表格": [{"评分": "产出"}]}
    dse = {"sections": [section], "评分表": table}
    loaded = load(write_report(tmp_path, {"attachments": {"department_self_evaluation": dse}}))
    assert [f.code for f in check(loaded).findings if f.code.startswith("Q")] == []
    [first] = attachments(loaded.computed, {"department_self_evaluation": "附件1"})
    [inline] = [b for b in first.blocks if b.kind == "inline"]
    assert inline.table is not None
    cells = [c.text for row in inline.table.body for c in row]
    assert "产出（40分）" in cells and "38" in cells

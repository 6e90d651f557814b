"""Everything the YAML input holds has a place in the input workbook (One model, many views).

The full 项目绩效目标表 of the Shenzhen 2018 report (项目类型 … 目标值来源), the 说明
that replace content, and the smaller facts (单位性质, 公用经费含事业单位, 上年: 无,
项目自评, a removed 名词解释 entry) go YAML → ``init --from`` → workbook → the same
model and the same PDF text.  Each new field with a value that can be wrong gives a
located message (sheet and cell); a field left blank reads as absent and prints blank,
never as 0.00 or 无.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from generator.app import build as builder
from generator.cli.app import app
from generator.errors import InputErrors
from generator.formats import load_input
from generator.formats.input_workbook import layout as wl
from generator.model.report import Report, TableInput
from tests.conftest import REPO, flat, pdf_text, without_footers
from tests.test_workbook import edited, errors_of

runner = CliRunner()
EXAMPLE = REPO / "inputs" / "shenzhen-2018"
TARGETS = wl.SHEET_TARGETS


def init_from(source: Path, target: Path) -> Path:
    result = runner.invoke(app, ["init", "--from", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "未写入" not in result.output, result.output  # nothing of the input left out
    return target


def dumped(report: Report) -> dict[str, Any]:
    """The model as data; a table typed as ``{}`` and one left out are the same input
    (a blank table sheet reads as the former; compute reads both as an empty table)."""
    data = report.model_dump()
    empty = TableInput().model_dump()
    data["tables"] = {k: v for k, v in data["tables"].items() if v != empty}
    return data


def cell_of(ws: Worksheet, label: str, nth: int = 0) -> str:
    """The value cell (column B) of the ``nth`` key/value row labelled ``label``."""
    rows = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label]
    return f"B{rows[nth]}"


def target_section(pdf: Path) -> str:
    """（九）1 of the printed report: the statement and both 项目绩效目标表."""
    body = without_footers(pdf_text(pdf))
    return body[body.index("（九）预算绩效目标编报") : body.index("2.2018年绩效自评结果")]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return init_from(EXAMPLE, tmp_path_factory.mktemp("sz2018") / "shenzhen-2018.xlsx")


def build_pdf(source: Path, out: Path) -> Path:
    return builder.render(builder.load(source), out, ("pdf",)).files[0]


# --- round trip ------------------------------------------------------------------------------


def test_shenzhen_2018_round_trips_through_the_workbook(book: Path) -> None:
    from_yaml, _ = load_input(EXAMPLE)
    from_xlsx, _ = load_input(book)
    assert dumped(from_xlsx) == dumped(from_yaml)
    targets = from_xlsx.attachments.performance_targets
    assert [t.full_form for t in targets] == [True, True]
    assert targets[0].year == 2019 and targets[0].manager_phone == "0755-88120337"
    assert targets[1].project_type == "专项性项目支出"
    assert all(i.source for t in targets for i in t.indicators)
    assert from_xlsx.statements == from_yaml.statements and len(from_xlsx.statements) >= 10


def test_the_target_pages_print_the_same_text(book: Path, tmp_path: Path) -> None:
    from_yaml = target_section(build_pdf(EXAMPLE, tmp_path / "yaml"))
    from_xlsx = target_section(build_pdf(book, tmp_path / "xlsx"))
    assert from_xlsx == from_yaml
    assert from_xlsx.count("项目绩效目标表") == 2
    for printed in ("严稳定", "0755-88120316", "2019-12-31", "1925572800.00", "目标值来源"):
        assert printed in from_xlsx, printed
    assert "一般性项目支出■" in flat(from_xlsx) and "专项性项目支出■" in flat(from_xlsx)


def test_init_offers_the_layouts_check_box_options(book: Path) -> None:
    wb = load_workbook(book)
    lists = wb[wl.SHEET_LISTS]
    header = {c.value: c.column_letter for c in lists[1]}
    options = [c.value for c in lists[header[wl.LIST_PROJECT_TYPES]][1:] if c.value]
    assert options == ["一般性项目支出", "专项性项目支出", "政府投资项目支出", "政府性基金项目支出"]
    ws = wb[TARGETS]
    cell = cell_of(ws, "项目类型")
    rules = [dv for dv in ws.data_validations.dataValidation if cell in str(dv.sqref)]
    assert rules and f"${header[wl.LIST_PROJECT_TYPES]}$" in rules[0].formula1
    headers = [r for r in ws.iter_rows() if r[0].value == "一级指标"]
    assert len(headers) == 2 and all("目标值来源" in [c.value for c in r] for r in headers)


SMALL = """\
profile: shenzhen-2020
department: 测试局
year: 2020
overview:
  units:
  - {单位名称: 测试局本级, 单位性质: 行政单位}
  - {单位名称: 测试中心, 备注: 下属, 单位性质: 事业单位}
tables:
  公开02: {rows: [{code: "2011301", name: 行政运行, 财政拨款收入: 10}]}
  公开03: {rows: [{code: "2011301", name: 行政运行, 基本支出: 10}]}
  公开04: {lines: {一般公共预算财政拨款: 10}}
  公开05: {rows: [{code: "2011301", name: 行政运行, 基本支出: 10}]}
  公开06: {lines: {"30101": 10}}
narrative:
  上年: 无
  年初预算: {"201": 10}
  公用经费含事业单位: false
  预算绩效: {工作开展情况: 按要求开展。, 项目自评: 无, 部门评价结果: 无}
glossary:
- {term: 财政拨款收入, remove: true}
说明:
  政府性基金: 无
  其他/国有资产: 本部门无单价50万元以上的设备。
"""


def test_every_other_field_round_trips(tmp_path: Path) -> None:
    source = tmp_path / "small.yaml"
    source.write_text(SMALL, encoding="utf-8")
    book = init_from(source, tmp_path / "small.xlsx")
    from_yaml, _ = load_input(source)
    from_xlsx, _ = load_input(book)
    assert dumped(from_xlsx) == dumped(from_yaml)
    n = from_xlsx.narrative
    assert n.prior_year.none and n.public_funds_include_institutions is False
    assert n.performance.self_evaluation == "无"
    assert [u.kind for u in from_xlsx.overview.units] == ["行政单位", "事业单位"]
    assert from_xlsx.glossary[0].removes
    assert from_xlsx.statements == {
        "政府性基金": "无",
        "其他/国有资产": "本部门无单价50万元以上的设备。",
    }


# --- bad values are located ------------------------------------------------------------------


def set_cell(sheet: str, label: str, value: Any) -> Callable[[Workbook], None]:
    def change(wb: Workbook) -> None:
        ws = wb[sheet]
        ws[cell_of(ws, label)] = value

    return change


BAD = [
    # (sheet, label, value, part of the message)
    (TARGETS, "年度（表头“（××××年）”）", "明年", "应为整数"),
    (TARGETS, "项目总金额（元）", "八千万", "八千万"),
    (TARGETS, "财政拨款资金（元）", "约800万", "不是金额"),
    (TARGETS, "其他资金（元）", "零元整", "零元整"),
    (TARGETS, "计划开始日期", "下月", "应为日期"),
    (TARGETS, "计划完成日期", "2019-13-01", "应为日期"),
    (TARGETS, "负责人电话", "严稳定", "应为电话号码"),
    (TARGETS, "联系人电话", "见附件", "应为电话号码"),
    (wl.SHEET_PRIOR, "没有上年决算（新组建部门填“是”）", "也许", "应为“是”或“否”"),
    (wl.SHEET_FACTS, "公用经费含事业单位（是/否，可空）", "部分", "应为“是”或“否”"),
]


@pytest.mark.parametrize(("sheet", "label", "value", "says"), BAD, ids=[b[1] for b in BAD])
def test_a_bad_value_is_located(
    book: Path, tmp_path: Path, sheet: str, label: str, value: str, says: str
) -> None:
    bad = edited(book, tmp_path / "bad.xlsx", set_cell(sheet, label, value))
    cell = cell_of(load_workbook(bad)[sheet], label)
    errors = errors_of(bad)
    assert any(s == sheet and c == cell and says in m for s, c, m in errors), errors


def test_a_plan_ending_before_it_starts_is_located(book: Path, tmp_path: Path) -> None:
    bad = edited(book, tmp_path / "dates.xlsx", set_cell(TARGETS, "计划完成日期", "2018-12-31"))
    cell = cell_of(load_workbook(bad)[TARGETS], "计划完成日期")
    assert (TARGETS, cell, "计划完成日期：2018-12-31 早于计划开始日期 2019-01-01") in errors_of(bad)


def test_a_date_excel_converted_reads_as_the_day(book: Path, tmp_path: Path) -> None:
    from datetime import datetime

    typed = edited(
        book, tmp_path / "date.xlsx", set_cell(TARGETS, "计划完成日期", datetime(2019, 12, 1))
    )
    report, _ = load_input(typed)
    assert report.attachments.performance_targets[0].end_date == "2019-12-01"


@pytest.mark.parametrize(("label", "value"), [("项目类型", "一般项目"), ("资金用途", "办公类")])
def test_an_option_the_layout_does_not_print_is_located(
    book: Path, tmp_path: Path, label: str, value: str
) -> None:
    bad = edited(book, tmp_path / "option.xlsx", set_cell(TARGETS, label, value))
    cell = cell_of(load_workbook(bad)[TARGETS], label)
    found = [f for f in builder.check(builder.load(bad)).findings if f.code == "K001"]
    assert [(f.location.sheet, f.location.cell) for f in found] == [(TARGETS, cell)]
    assert value in found[0].message


def test_funds_that_do_not_add_up_are_located(book: Path, tmp_path: Path) -> None:
    bad = edited(book, tmp_path / "funds.xlsx", set_cell(TARGETS, "其他资金（元）", 1000))
    cell = cell_of(load_workbook(bad)[TARGETS], "项目金额（元）")
    found = [f for f in builder.check(builder.load(bad)).findings if f.code == "K002"]
    assert [(f.location.sheet, f.location.cell) for f in found] == [(TARGETS, cell)]


# --- absent is not zero ----------------------------------------------------------------------

OPTIONAL = [
    "年度（表头“（××××年）”）",
    "资金用途",
    "负责人",
    "负责人电话",
    "联系人",
    "联系人电话",
    "计划开始日期",
    "计划完成日期",
    "项目总金额（元）",
    "项目金额（元）",
    "财政拨款资金（元）",
    "其他资金（元）",
    "项目概况",
    "项目用途",
    "项目总(中期)目标",
]


def test_blank_optional_fields_are_absent_and_print_blank(book: Path, tmp_path: Path) -> None:
    """Both targets keep only 项目名称, 项目类型 and the 年度目标: every other field of
    the full form is blank in the workbook, absent in the model and blank in the PDF."""

    def blank(wb: Workbook) -> None:
        ws = wb[TARGETS]
        for label in OPTIONAL:
            for nth in (0, 1):
                ws[cell_of(ws, label, nth)] = None
        for row in ws.iter_rows():  # the 目标值来源 column
            for cell in row:
                if cell.value == "目标值来源":
                    for r in range(cell.row + 1, ws.max_row + 1):
                        if ws.cell(r, 1).value and str(ws.cell(r, 1).value).startswith("【"):
                            break
                        ws.cell(r, cell.column).value = None

    path = edited(book, tmp_path / "blank.xlsx", blank)
    report, _ = load_input(path)
    for target in report.attachments.performance_targets:
        assert target.full_form  # 项目类型 is given
        for attr in ("year", "total_amount", "amount", "fiscal_funds", "other_funds"):
            assert getattr(target, attr) is None, attr
        for attr in ("fund_use", "manager", "manager_phone", "contact", "contact_phone",
                     "start_date", "end_date", "overview", "use", "overall_goal"):  # fmt: skip
            assert getattr(target, attr) == "", attr
        assert all(i.source == "" for i in target.indicators)
    loaded = builder.load(path)
    warned = [f for f in builder.check(loaded).findings if f.code == "K003"]
    assert len(warned) == 2 and all(f.location.sheet == TARGETS for f in warned)
    assert "项目总金额" in warned[0].message and "印为空白" in warned[0].message
    section = target_section(builder.render(loaded, tmp_path / "out", ("pdf",)).files[0])
    assert section.count("项目绩效目标表") == 2
    assert "0.00" not in section and "（2019年）" not in section
    kept = "".join(
        t.goal + "".join(i.name + i.target for i in t.indicators)
        for t in report.attachments.performance_targets
    )
    assert flat(section).count("无") == kept.count("无")  # nothing printed as 无
    for label in ("项目概况", "项目用途", "项目总(中期)目标"):  # rows left out, not empty
        assert label not in section, label


def test_an_evaluation_report_that_states_its_grade_round_trips(tmp_path: Path) -> None:
    example = REPO / "inputs" / "guangzhou-2020-evaluation" / "report.yaml"
    data = load_input(example)[0].model_dump(by_alias=True)
    data["评价报告"]["评价结论"]["写明等级"] = True
    stated = tmp_path / "stated.yaml"
    stated.write_text(yaml.safe_dump(_plain(data), allow_unicode=True), encoding="utf-8")
    from_yaml, _ = load_input(stated)
    from_xlsx, _ = load_input(init_from(stated, tmp_path / "stated.xlsx"))
    assert from_xlsx.evaluation is not None and from_xlsx.evaluation.conclusion.show_grade
    assert dumped(from_xlsx) == dumped(from_yaml)


def _plain(value: Any) -> Any:
    """A dumped model as YAML can hold it (Decimal as text, as the inputs type figures)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, Decimal) else value


# --- 自评报告: the 指标 of each 评价维度 -------------------------------------------------------

SELF = REPO / "inputs" / "hechi-2018-self-evaluation"
DIMENSION_ITEMS = {
    "投入": [
        {"一级指标": "投入", "二级指标": "资金落实", "三级指标": "资金到位率", "分值": 10,
         "指标解释": "实际到位资金/计划到位资金", "评分标准": "到位率100%得满分", "得分": 10},
        {"一级指标": "投入", "二级指标": "资金落实", "三级指标": "到位及时性", "分值": 10,
         "得分": 9.5, "扣分原因": "部分资金晚于计划下达"},
    ],
    "产出": [{"一级指标": "产出", "二级指标": "产出数量", "三级指标": "减贫人数", "分值": 20,
              "得分": 20}],
}  # fmt: skip


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Hechi 自评报告 with 指标 under two of its dimensions (投入 summed to 19.5)."""
    data = yaml.safe_load((SELF / "report.yaml").read_text(encoding="utf-8"))
    report = data["自评报告"]
    for dim in report["评价维度"]:
        if dim["名称"] in DIMENSION_ITEMS:
            dim["指标"] = DIMENSION_ITEMS[dim["名称"]]
            del dim["得分"]  # comes from the 指标
    report["总分"] = 99.5
    source = tmp_path_factory.mktemp("hechi-scored") / "report.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return source


@pytest.fixture(scope="module")
def scored_book(scored: Path) -> Path:
    return init_from(scored, scored.with_suffix(".xlsx"))


def items_sheet_rows(path: Path) -> tuple[Worksheet, dict[str, int], list[int]]:
    """The 自评报告 sheet, the 【维度指标】 header's columns by label, and its filled rows."""
    ws = load_workbook(path)[wl.SHEET_SELF_REPORT]
    marker = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "【维度指标】")
    header = next(r for r in range(marker + 1, ws.max_row + 1) if ws.cell(r, 1).value == "维度")
    columns = {ws.cell(header, c).value: c for c in range(1, ws.max_column + 1)}
    rows = [r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, 4).value]
    return ws, columns, rows


@pytest.mark.parametrize("source", ["example", "scored"])
def test_the_self_evaluation_round_trips(
    source: str, scored: Path, scored_book: Path, tmp_path: Path
) -> None:
    yaml_path, book_path = (
        (SELF, init_from(SELF, tmp_path / "hechi.xlsx"))
        if source == "example"
        else (scored, scored_book)
    )
    from_yaml, _ = load_input(yaml_path)
    from_xlsx, _ = load_input(book_path)
    assert from_xlsx.model_dump() == from_yaml.model_dump()
    if source == "scored":
        dims = {d.name: d for d in from_xlsx.self_evaluation.dimensions}
        assert [i.score for i in dims["投入"].items] == [Decimal(10), Decimal("9.5")]
        assert dims["投入"].items[1].deduction == "部分资金晚于计划下达"
        assert dims["过程"].items == [] and dims["产出"].items[0].name == "减贫人数"


def test_every_score_item_field_has_a_column(scored_book: Path) -> None:
    ws, columns, rows = items_sheet_rows(scored_book)
    assert set(columns) >= {"维度", *(f.label for f in wl.SCORE_ITEMS.fields)}
    assert [ws.cell(r, columns["维度"]).value for r in rows] == ["投入", "投入", "产出"]
    assert ws.cell(rows[0], columns["指标解释"]).value == "实际到位资金/计划到位资金"


def test_the_scored_self_evaluation_prints_the_same_text(
    scored: Path, scored_book: Path, tmp_path: Path
) -> None:
    from_yaml = without_footers(pdf_text(build_pdf(scored, tmp_path / "yaml")))
    from_xlsx = without_footers(pdf_text(build_pdf(scored_book, tmp_path / "xlsx")))
    assert from_xlsx == from_yaml
    assert "投入（满分20分，得19.5分）" in from_xlsx  # the 指标 are summed, not the typed 20
    assert "自评总分99.5分" in from_xlsx


@pytest.mark.parametrize(
    ("label", "nth", "value", "says"),
    [
        ("得分", 1, "九分半", "九分半"),
        ("分值", 0, "十分", "十分"),
        ("维度", 2, "效益", "“效益”不在其中"),
        ("维度", 0, None, "缺少维度（应为：投入、过程、产出、效果）"),
    ],
)
def test_a_bad_dimension_item_is_located(
    scored_book: Path, tmp_path: Path, label: str, nth: int, value: str | None, says: str
) -> None:
    _, columns, rows = items_sheet_rows(scored_book)
    r, c = rows[nth], columns[label]

    def change(wb: Workbook) -> None:
        wb[wl.SHEET_SELF_REPORT].cell(r, c).value = value

    bad = edited(scored_book, tmp_path / "bad.xlsx", change)
    with pytest.raises(InputErrors) as caught:
        load_input(bad)
    located = [
        (Path(e.location.file).name, e.location.sheet, e.location.cell, e.message)
        for e in caught.value.errors
        if e.location
    ]
    cell = f"{get_column_letter(c)}{r}"
    assert any(
        (f, s, at) == ("bad.xlsx", wl.SHEET_SELF_REPORT, cell) and says in m
        for f, s, at, m in located
    ), located


def test_a_dimension_item_naming_a_dimension_typed_twice_is_located(
    scored_book: Path, tmp_path: Path
) -> None:
    ws, columns, rows = items_sheet_rows(scored_book)
    marker = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "【评价维度】")
    second = next(r for r in range(marker, ws.max_row + 1) if ws.cell(r, 1).value == "过程")

    def twice(wb: Workbook) -> None:
        wb[wl.SHEET_SELF_REPORT].cell(second, 1).value = "投入"  # 过程 renamed: 投入 twice

    bad = edited(scored_book, tmp_path / "twice.xlsx", twice)
    with pytest.raises(InputErrors) as caught:
        load_input(bad)
    cell = f"{get_column_letter(columns['维度'])}{rows[0]}"
    assert any(
        e.location and e.location.cell == cell and "“投入”在上方出现不止一次" in e.message
        for e in caught.value.errors
    ), [str(e) for e in caught.value.errors]

"""The input workbook: init, round trip, paste damage, located findings and errors.

The example is written to a workbook once per module; each test that needs
a damaged or edited copy makes it with openpyxl from that clean one, the way
a user's Excel session would change it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from generator.app import build as builder
from generator.checks import Severity
from generator.cli.app import app
from generator.document.report import build_document
from generator.errors import InputErrors
from generator.formats import load_input
from generator.formats.input_workbook import layout as wl
from generator.formats.input_workbook.writer import write_input_workbook
from generator.formats.output_workbook.writer import write_xlsx
from generator.narrative.write import write_narrative
from generator.profiles.loader import load_profile
from generator.tables import economic
from generator.tables.registry import body_top
from tests.conftest import flat, pdf_text

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "inputs" / "shenzhen-2020.xlsx"
runner = CliRunner()

SMALL = """\
profile: shenzhen-2020
department: 测试局
year: 2020
tables:
  公开02: {rows: [{code: "2011301", name: 行政运行, 财政拨款收入: 10}]}
  公开03: {rows: [{code: "2011301", name: 行政运行, 基本支出: 10}]}
  公开04: {lines: {一般公共预算财政拨款: 10}}
  公开05: {rows: [{code: "2011301", name: 行政运行, 基本支出: 10}]}
  公开06: {lines: {"30101": 10}}
narrative:
  年初预算: {"201": 10}
"""

TABLE_SHEETS = [f"公开0{i}" for i in range(1, 10)]
ALL_SHEETS = [wl.SHEET_README, wl.SHEET_COVER, *TABLE_SHEETS, *wl.FORM_SHEETS[1:], wl.SHEET_LISTS]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory, example: builder.Loaded) -> Path:
    path = tmp_path_factory.mktemp("workbook") / "example.xlsx"
    assert write_input_workbook(example.computed.profile, path, example.computed.report) == []
    return path


@pytest.fixture(scope="module")
def from_book(book: Path) -> builder.Loaded:
    return builder.load(book)


def edited(src: Path, dst: Path, change: Callable[[Workbook], None]) -> Path:
    """A copy of ``src`` changed the way a user would change it in Excel."""
    wb = load_workbook(src)
    change(wb)
    wb.save(dst)
    return dst


def row_of(ws: Worksheet, code: str) -> int:
    """The row whose column A holds ``code`` (the first one)."""
    return next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value).strip() == code)


def errors_of(path: Path) -> list[tuple[str | None, str | None, str]]:
    with pytest.raises(InputErrors) as caught:
        load_input(path)
    return [
        (e.location.sheet, e.location.cell, e.message) for e in caught.value.errors if e.location
    ]


# --- round trip ------------------------------------------------------------------------------


def test_round_trip_gives_the_yaml_model(example: builder.Loaded, book: Path) -> None:
    report, _ = load_input(book)
    assert report.model_dump() == example.computed.report.model_dump()


def test_building_from_either_gives_the_same_figures_and_text(
    example: builder.Loaded, from_book: builder.Loaded
) -> None:
    a, b = example.computed, from_book.computed
    assert a.prior is not None and b.prior is not None
    for mine, theirs in ((a.sheet, b.sheet), (a.prior.sheet, b.prior.sheet)):
        assert set(mine.formulas) == set(theirs.formulas)
        assert {k: mine.cell(k).shown for k in mine.formulas} == {
            k: theirs.cell(k).shown for k in theirs.formulas
        }
    assert write_narrative(a) == write_narrative(b)


def test_every_finding_points_at_a_cell(example: builder.Loaded, from_book: builder.Loaded) -> None:
    from_yaml, from_xlsx = builder.check(example), builder.check(from_book)
    assert [f.code for f in from_xlsx.findings] == [f.code for f in from_yaml.findings]
    assert from_xlsx.findings
    for finding in from_xlsx.findings:
        where = finding.location.as_dict()
        # a finding in a text also names the sentence within the cell
        assert {"file", "sheet", "cell"} <= set(where) <= {"file", "sheet", "cell", "sentence"}


def test_committed_example_workbook_is_in_sync(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.xlsx"
    result = runner.invoke(app, ["init", "--from", str(builder.EXAMPLE), "-o", str(fresh)])
    assert result.exit_code == 0, result.output
    committed, regenerated = load_workbook(COMMITTED), load_workbook(fresh)
    assert committed.sheetnames == regenerated.sheetnames
    for name in committed.sheetnames:
        old = [[c.value for c in row] for row in committed[name].iter_rows()]
        new = [[c.value for c in row] for row in regenerated[name].iter_rows()]
        assert old == new, (
            f"{name} differs: run gen-report init --from inputs/shenzhen-2020 -o {COMMITTED.relative_to(REPO)}"
        )


# --- paste damage ----------------------------------------------------------------------------


def damage(wb: Workbook) -> None:
    """What exports and hurried pastes do to a clean workbook."""
    ws = wb["公开03"]
    total, leaf = row_of(ws, "合计"), row_of(ws, "2011301")
    ws.cell(total, 3).value = "364,066.21"  # number stored as text with separators
    ws.cell(leaf, 4).value = "８７３．６３"  # full-width digits
    ws.cell(leaf, 1).value = 2011301.0  # code pasted as a number
    ws.cell(leaf, 2).value = "行政运行   "  # trailing spaces
    ws.cell(leaf, 5).value = "-"  # "-" for an empty figure
    ws.cell(row_of(ws, "20805"), 1).value = "  20805 "
    ws.merge_cells(start_row=total, start_column=1, end_row=total, end_column=2)  # 合计 over A:B
    project = row_of(ws, "2011399")
    ws.merge_cells(start_row=project, start_column=5, end_row=project, end_column=6)
    ws.insert_rows(row_of(ws, "208"), 2)  # a blank row and a note row in the body
    ws.cell(row_of(ws, "2080505") - 3, 1).value = "注：以下为社会保障和就业支出"
    ws.cell(ws.max_row + 2, 1).value = "注：本表反映部门本年度各项支出情况。"

    ws = wb["公开01"]
    top = body_top(load_profile("shenzhen-2020").table("公开01"))
    ws.insert_rows(top + 3)  # lines are found by 行次, not position
    ws.cell(top, 3).value = "364,062.40"
    ws.cell(top + 1, 2).value = "2"  # 行次 as text

    ws = wb["公开06"]
    r = row_of(ws, "30101")
    ws.cell(r, 1).value = 30101
    ws.cell(r, 3).value = "１８９．４６"
    ws = wb["公开07"]
    ws.cell(body_top(load_profile("shenzhen-2020").table("公开07")), 2).value = "0.00"

    ws = wb[wl.SHEET_BUDGET]
    ws.cell(row_of(ws, "201"), 3).value = "8,722.07 "
    ws.cell(row_of(ws, "201"), 1).value = 201.0
    ws = wb[wl.SHEET_PROJECTS]
    r = row_of(ws, "当年财政拨款")
    ws.cell(r, 3).value = "1,939,900.00"


def test_paste_damage_loads_to_the_same_model(book: Path, tmp_path: Path) -> None:
    damaged = edited(book, tmp_path / "damaged.xlsx", damage)
    clean, _ = load_input(book)
    report, _ = load_input(damaged)
    assert report.model_dump() == clean.model_dump()


def test_published_tables_pasted_over_every_table_sheet(
    book: Path, tmp_path: Path, example: builder.Loaded
) -> None:
    """The output workbook is what an export looks like: paste each table's body (合计 merged
    over A:B, blank zeros, 公开06 in three groups, notes and statements below) under our header."""
    published = tmp_path / "published.xlsx"
    write_xlsx(build_document(example.computed), published)
    source = load_workbook(published)

    def paste(wb: Workbook) -> None:
        for tdef in example.computed.profile.tables:
            src, dst = source[tdef.id], wb[tdef.id]
            top = body_top(tdef)
            for row in dst.iter_rows(min_row=top):
                for cell in row:
                    cell.value = None
            first = 4 + len(tdef.header) + (1 if tdef.column_numbers else 0)
            for i, values in enumerate(src.iter_rows(min_row=first, values_only=True)):
                for j, value in enumerate(values):
                    dst.cell(top + i, j + 1).value = value

    pasted = builder.load(edited(book, tmp_path / "pasted.xlsx", paste))
    mine, theirs = example.computed.sheet, pasted.computed.sheet
    differ = {
        (mine.cell(k).shown, theirs.cell(k).shown)
        for k in mine.formulas
        if mine.cell(k).shown != theirs.cell(k).shown
    }
    assert differ <= {(Decimal("0.00"), None)}  # the published table prints a zero blank
    codes = sorted(f.code for f in builder.check(pasted).findings)
    assert codes == sorted(f.code for f in builder.check(example).findings)


def test_published_three_group_economic_table_pastes(
    book: Path, tmp_path: Path, example: builder.Loaded
) -> None:
    """公开06 as the published table prints it: three code/name/amount groups side by side."""
    tdef = example.computed.profile.table("公开06")
    view = economic.view(example.computed, tdef)

    def paste(wb: Workbook) -> None:
        ws = wb["公开06"]
        top = body_top(tdef)
        for row in ws.iter_rows(min_row=top):
            for cell in row:
                cell.value = None
        for i, cells in enumerate(view.body):
            c = 1
            for vc in cells:
                ws.cell(top + i, c).value = vc.text or None
                c += vc.colspan

    pasted, _ = load_input(edited(book, tmp_path / "three.xlsx", paste))
    assert pasted.tables["公开06"].lines == example.computed.report.tables["公开06"].lines


# --- located findings and errors -------------------------------------------------------------


def test_wrong_total_is_reported_at_its_cell(book: Path, tmp_path: Path) -> None:
    def wrong(wb: Workbook) -> None:
        ws = wb["公开03"]
        ws.cell(row_of(ws, "合计"), 4).value = 1476.89  # 基本支出 合计: 1,376.89 typed as 1,476.89

    loaded = builder.load(edited(book, tmp_path / "wrong.xlsx", wrong))
    errors = [f for f in builder.check(loaded).findings if f.severity == Severity.ERROR]
    assert ("H001", "公开03", "D8") in {(f.code, f.location.sheet, f.location.cell) for f in errors}


def test_wrong_leaf_is_reported_on_its_row_by_check_json(book: Path, tmp_path: Path) -> None:
    def wrong(wb: Workbook) -> None:
        ws = wb["公开03"]
        ws.cell(row_of(ws, "2011301"), 4).value = 883.63  # 基本支出 873.63 mistyped

    path = edited(book, tmp_path / "leaf.xlsx", wrong)
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1
    found = json.loads(result.stdout)["findings"]
    errors = {
        (f["code"], f["location"]["sheet"], f["location"]["cell"])
        for f in found
        if f["severity"] == "error"
    }
    assert ("R001", "公开03", "C11") in errors  # 本年支出合计 of that row no longer adds up
    assert ("H001", "公开03", "D10") in errors  # nor does the 款 above it
    assert all({"file", "sheet", "cell"} <= set(f["location"]) for f in found)
    assert all(set(f["location"]) <= {"file", "sheet", "cell", "sentence"} for f in found)


def test_unreadable_cell_is_located_and_build_writes_nothing(book: Path, tmp_path: Path) -> None:
    def unreadable(wb: Workbook) -> None:
        wb["公开03"]["D11"] = "12x"
        wb[wl.SHEET_PROJECTS]["B8"] = "很多"  # 项目金额（元） of the first project

    path = edited(book, tmp_path / "bad.xlsx", unreadable)
    errors = errors_of(path)
    assert ("公开03", "D11") in {(s, c) for s, c, _ in errors}
    assert any(s == wl.SHEET_PROJECTS and c == "B8" and "很多" in m for s, c, m in errors)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 2
    assert "公开03" in result.output and "D11" in result.output and "12x" in result.output
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


def test_a_figure_with_no_place_is_reported_not_dropped(book: Path, tmp_path: Path) -> None:
    def misplaced(wb: Workbook) -> None:
        ws = wb["公开03"]
        ws.cell(row_of(ws, "2210203") + 2, 2).value = "其他"
        ws.cell(row_of(ws, "2210203") + 2, 4).value = 5  # a figure without a 科目编码
        ws["J11"] = 7  # right of the table
        ws = wb["公开01"]
        ws["C16"] = 1  # 行次 9 is a blank line
        ws["A9"] = "其他收入"  # 行次 2 relabelled

    errors = {(s, c) for s, c, _ in errors_of(edited(book, tmp_path / "stray.xlsx", misplaced))}
    r = 8 + 17 + 2  # 合计 row, 17 rows, one blank, then the stray one
    assert errors == {("公开03", f"D{r}"), ("公开03", "J11"), ("公开01", "C16"), ("公开01", "A9")}


def test_formulas_are_read_only_when_calculated(book: Path, tmp_path: Path) -> None:
    """Our 计算（勿填） cells are never read; a user's uncalculated formula is an error."""

    def formulas(wb: Workbook) -> None:
        ws = wb[wl.SHEET_PROJECTS]
        ws.cell(row_of(ws, wl.FUND_TOTAL), 2).value = 1  # typed over a computed cell: ignored
        wb["公开03"]["D11"] = "=873+0.63"  # saved by a script: no calculated value

    errors = errors_of(edited(book, tmp_path / "f.xlsx", formulas))
    assert [(s, c) for s, c, _ in errors] == [("公开03", "D11")]
    assert "公式" in errors[0][2]


# --- init ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("blank") / "blank.xlsx"
    result = runner.invoke(app, ["init", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_blank_workbook_sheets_protection_and_validation(blank: Path) -> None:
    wb = load_workbook(blank)
    assert wb.sheetnames == ALL_SHEETS
    assert wb[wl.SHEET_LISTS].sheet_state == "hidden"
    assert all(wb[name].protection.sheet for name in wb.sheetnames)
    ws = wb["公开03"]
    assert ws["C5"].value == "本年支出合计" and ws["C5"].protection.locked
    assert not ws["D9"].protection.locked and not ws["A9"].protection.locked
    # below the prepared body (a longer export) cells take the unlocked column style
    assert not ws.column_dimensions["D"].protection.locked
    codes = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert (
        codes
        and "代码表" in codes[0].formula1
        and "A9" in codes[0].sqref
        and "A8" not in codes[0].sqref
    )
    catalog = {c.value for c in wb[wl.SHEET_LISTS]["A"]}
    assert {"201", "2011301", "2210203"} <= catalog
    cover = wb[wl.SHEET_COVER]
    assert cover["A5"].protection.locked and not cover["B5"].protection.locked
    numeric = [dv for dv in ws.data_validations.dataValidation if dv.type == "decimal"]
    assert numeric and "D9" in numeric[0].sqref and "C8" in numeric[0].sqref
    lists = wb[wl.SHEET_LISTS]
    column = next(c.column_letter for c in lists[1] if c.value == wl.LIST_LEVEL1)
    level1 = [
        dv
        for dv in wb[wl.SHEET_PROJECTS].data_validations.dataValidation
        if f"${column}$" in (dv.formula1 or "")
    ]
    assert level1 and "A" in str(level1[0].sqref)


def test_blank_workbook_says_what_is_missing(blank: Path) -> None:
    assert errors_of(blank) == [
        (wl.SHEET_COVER, "B5", "部门名称：缺少必填项"),
        (wl.SHEET_COVER, "B6", "年度：缺少必填项"),
    ]


def test_filled_blank_workbook_builds_like_yaml(blank: Path, tmp_path: Path) -> None:
    """A user fills the blank workbook by hand: same figures as the same data in YAML."""

    def fill(wb: Workbook) -> None:
        wb[wl.SHEET_COVER]["B5"] = "测试局"
        wb[wl.SHEET_COVER]["B6"] = 2020  # the year is never pre-filled
        for sheet in ("公开02", "公开03", "公开05"):  # column D: 财政拨款收入 / 基本支出
            ws = wb[sheet]
            ws["A9"], ws["B9"], ws["D9"] = "2011301", "行政运行", 10
        wb["公开04"]["C8"] = 10
        ws = wb["公开06"]
        ws.cell(row_of(ws, "30101"), 3).value = 10
        ws = wb[wl.SHEET_BUDGET]
        ws.cell(row_of(ws, "201"), 3).value = 10

    yaml_input = tmp_path / "small.yaml"
    yaml_input.write_text(SMALL, encoding="utf-8")
    a = builder.load(yaml_input).computed
    b = builder.load(edited(blank, tmp_path / "filled.xlsx", fill)).computed
    assert {k: a.sheet.cell(k).shown for k in a.sheet.formulas} == {
        k: b.sheet.cell(k).shown for k in b.sheet.formulas
    }
    assert write_narrative(a) == write_narrative(b)


def test_a_later_block_is_located_in_its_own_rows(blank: Path, tmp_path: Path) -> None:
    """Only the second 项目支出绩效自评表 block is used: its findings point into it."""

    def fill(wb: Workbook) -> None:
        wb[wl.SHEET_COVER]["B5"] = "测试局"
        wb[wl.SHEET_COVER]["B6"] = 2020  # the year is never pre-filled
        ws = wb[wl.SHEET_PROJECTS]
        second = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "项目名称"][1]
        ws.cell(second, 2).value = "第二个项目"
        ws.cell(second + 1, 2).value = 1  # 项目金额 below its 全年预算数
        funds = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "当年财政拨款"][1]
        ws.cell(funds, 3).value = 100

    loaded = builder.load(edited(blank, tmp_path / "second.xlsx", fill))
    assert [p.name for p in loaded.computed.report.attachments.project_self_evaluations] == [
        "第二个项目"
    ]
    ws = load_workbook(tmp_path / "second.xlsx")[wl.SHEET_PROJECTS]
    amount = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "项目金额（元）"][1]
    found = [f for f in builder.check(loaded).findings if f.code == "P004"]
    assert found and (found[0].location.sheet, found[0].location.cell) == (
        wl.SHEET_PROJECTS,
        f"B{amount}",
    )


def test_init_refuses_to_overwrite_its_input(book: Path, tmp_path: Path) -> None:
    copy = tmp_path / "mine.xlsx"
    shutil.copy(book, copy)
    before = copy.read_bytes()
    result = runner.invoke(app, ["init", "--from", str(copy), "-o", str(copy)])
    assert result.exit_code == 2 and "覆盖" in result.output
    assert copy.read_bytes() == before
    for args in (
        ["-o", str(tmp_path / "x.csv")],
        ["--profile", "nope", "-o", str(tmp_path / "y.xlsx")],
    ):
        assert runner.invoke(app, ["init", *args]).exit_code == 2
    again = tmp_path / "again.xlsx"
    assert runner.invoke(app, ["init", "--from", str(copy), "-o", str(again)]).exit_code == 0
    assert load_input(again)[0] == load_input(copy)[0]
    assert not list(tmp_path.glob(".*.part"))


def test_init_says_what_has_no_place_in_the_workbook(tmp_path: Path) -> None:
    odd = tmp_path / "odd.yaml"
    odd.write_text(
        SMALL.replace("{一般公共预算财政拨款: 10}", "{一般公共预算财政拨款: 10, 无此行: 3}"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["init", "--from", str(odd), "-o", str(tmp_path / "odd.xlsx")])
    assert result.exit_code == 0
    assert "无此行" in result.output and "未写入" in result.output


def test_not_an_input_workbook(tmp_path: Path) -> None:
    other = tmp_path / "other.xlsx"
    Workbook().save(other)
    result = runner.invoke(app, ["check", str(other)])
    assert result.exit_code == 2 and "封面概况" in result.output
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    assert runner.invoke(app, ["check", str(broken)]).exit_code == 2


# --- LibreOffice -----------------------------------------------------------------------------


@pytest.mark.slow
def test_libreoffice_opens_the_example(tmp_path: Path) -> None:
    """Headless LibreOffice reads the workbook and calculates our formulas (a fuller check:
    scripts/libreoffice_check.sh)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed; run scripts/libreoffice_check.sh where it is"
        )
    shutil.copy(COMMITTED, tmp_path / "example.xlsx")
    csv = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", csv, "--outdir", str(tmp_path), str(tmp_path / "example.xlsx")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    table = (tmp_path / "example-公开03.csv").read_text(encoding="utf-8")
    assert "部门：深圳市扶贫协作和合作交流办公室" in table and "2011301,行政运行,873.63" in table
    projects = (tmp_path / "example-项目自评.csv").read_text(encoding="utf-8")
    computed = [line for line in projects.splitlines() if line.startswith("总分（计算，勿填）")]
    assert computed and computed[0].split(",")[1] == str(Decimal("94.37"))


# --- 其他数据, 公开文本 ---------------------------------------------------------------------------


def _types(value: object) -> object:
    """A dumped model with every leaf's type beside it (Decimal 4.0 is not int 4)."""
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return (type(value).__name__, value)


@pytest.mark.parametrize("name", ["shanghai-2024", "guangzhou-2017"])
def test_other_inputs_round_trip_with_their_extra_facts(name: str, tmp_path: Path) -> None:
    source = REPO / "inputs" / name
    target = tmp_path / f"{name}.xlsx"
    result = runner.invoke(app, ["init", "--from", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    yaml_report, _ = load_input(source)
    xlsx_report, _ = load_input(target)
    assert yaml_report.narrative.extra
    assert xlsx_report.model_dump() == yaml_report.model_dump()
    assert _types(xlsx_report.model_dump()) == _types(yaml_report.model_dump())


EXTRA = """\
  其他数据:
    会议次数: 2
    会议费: 0.35
    整数形式的小数: 2.0
    长小数: 0.12345678901234567891
    编号: "12x"
    范围: 本部门及下属1个单位
    明细: |
      第一段。

      第二段。
  公开文本:
    一、收入支出决算总体情况说明: |
      2020年度收入总计364,066.21万元。
    二、其他: 无。
"""


def test_extra_facts_and_published_text_round_trip(tmp_path: Path) -> None:
    source = tmp_path / "small.yaml"
    source.write_text(SMALL + EXTRA, encoding="utf-8")
    report, _ = load_input(source)
    target = tmp_path / "small.xlsx"
    assert write_input_workbook(load_profile(report.profile), target, report) == []
    again, smap = load_input(target)
    assert _types(again.narrative.model_dump()) == _types(report.narrative.model_dump())
    extra = again.narrative.extra
    assert extra["会议次数"] == 2 and isinstance(extra["会议次数"], int)
    assert isinstance(extra["会议费"], Decimal) and isinstance(extra["整数形式的小数"], Decimal)
    assert extra["编号"] == "12x" and extra["明细"] == "第一段。\n\n第二段。\n"
    assert again.narrative.published_text == report.narrative.published_text
    where = smap.find(("narrative", "其他数据", "会议费"))
    assert where is not None and where.sheet == wl.SHEET_EXTRA and where.cell


def test_typed_extra_facts_read_as_numbers_or_text(blank: Path, tmp_path: Path) -> None:
    """What a user types: numbers (as numbers or as text) become numbers, the rest stays text;
    a fact without a name or named twice is reported at its cell."""

    def fill(wb: Workbook) -> None:
        wb[wl.SHEET_COVER]["B5"] = "测试局"
        wb[wl.SHEET_COVER]["B6"] = 2020  # the year is never pre-filled
        ws = wb[wl.SHEET_EXTRA]
        top = row_of(ws, "名称") + 1
        rows = [("甲", 3), ("乙", 1.5), ("丙", "1,234.50"), ("丁", "１２"), ("戊", "约3人")]
        for r, (name, value) in enumerate(rows, start=top):
            ws.cell(r, 1).value, ws.cell(r, 2).value = name, value
        ws.cell(top + 5, 1).value, ws.cell(top + 5, 2).value = "甲", 4

    path = edited(blank, tmp_path / "typed.xlsx", fill)
    top = row_of(load_workbook(path)[wl.SHEET_EXTRA], "名称") + 1
    errors = [e for e in errors_of(path) if e[0] == wl.SHEET_EXTRA]
    assert errors == [(wl.SHEET_EXTRA, f"A{top + 5}", "名称“甲”重复")]

    def fix(wb: Workbook) -> None:
        ws = wb[wl.SHEET_EXTRA]
        ws.cell(top + 5, 1).value = None
        wb[wl.SHEET_COVER]["B5"] = "测试局"
        wb[wl.SHEET_COVER]["B6"] = 2020  # the year is never pre-filled

    fixed = edited(path, tmp_path / "fixed.xlsx", fix)
    errors = [e for e in errors_of(fixed) if e[0] == wl.SHEET_EXTRA]
    assert errors == [(wl.SHEET_EXTRA, f"A{top + 5}", "有值但缺少名称")]

    def drop(wb: Workbook) -> None:
        wb[wl.SHEET_EXTRA].cell(top + 5, 2).value = None

    report, _ = load_input(edited(fixed, tmp_path / "dropped.xlsx", drop))
    assert _types(report.narrative.extra) == {
        "甲": ("int", 3),
        "乙": ("Decimal", Decimal("1.5")),
        "丙": ("Decimal", Decimal("1234.50")),
        "丁": ("int", 12),
        "戊": ("str", "约3人"),
    }


def test_init_never_overwrites_an_existing_workbook(tmp_path: Path) -> None:
    """A day's work is not lost by repeating a shell line: exit 2, the file untouched."""
    target = tmp_path / "filled.xlsx"
    runner = CliRunner()
    assert runner.invoke(app, ["init", "-o", str(target)]).exit_code == 0
    before = target.read_bytes()
    again = runner.invoke(app, ["init", "-o", str(target)])
    assert again.exit_code == 2
    assert "--force" in again.output and "已存在" in again.output
    assert target.read_bytes() == before
    forced = runner.invoke(app, ["init", "-o", str(target), "--force"])
    assert forced.exit_code == 0


def test_blank_workbook_does_not_prefill_the_year(blank: Path) -> None:
    ws = load_workbook(blank)[wl.SHEET_COVER]
    assert ws["A6"].value == "年度" and ws["B6"].value is None


def test_an_empty_overview_field_is_warned_about_at_its_cell(book: Path, tmp_path: Path) -> None:
    def cleared(wb: Workbook) -> None:
        ws = wb["封面概况"]
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("按照部门决算编报要求"):
                    cell.value = None  # the 机构设置 text

    path = edited(book, tmp_path / "no-organization.xlsx", cleared)
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 0
    (found,) = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "N005"]
    assert found["location"]["sheet"] == "封面概况" and found["location"]["cell"]
    assert "未填 机构设置" in found["message"]
    (pdf,) = builder.render(builder.load(path), tmp_path / "out", ("pdf",)).files
    text = flat(pdf_text(pdf))
    assert "（一）部门职责" in text and "（二）机构设置" not in text  # no heading without a body

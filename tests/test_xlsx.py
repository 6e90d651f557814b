"""The workbook holds the published figures as numbers, the same grid as the PDF, no formulas.

The example report is built once and read back with openpyxl, so every check
is about what a user opening the file actually gets.
"""

from __future__ import annotations

import copy
import dataclasses
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.compute.report import compute
from generator.document.report import Attachment, Block, DocumentView, build_document
from generator.document.tables import TableView, ViewCell
from generator.formats import load_input
from generator.formats.output_workbook.writer import (
    attachment_forms,
    grid_of,
    layout,
    sheet_name,
    write_value,
    write_xlsx,
)
from generator.profiles.loader import load_profile

EXAMPLE = Path(__file__).resolve().parents[1] / "inputs" / "shenzhen-2020"
NINE = [f"公开{i:02d}" for i in range(1, 10)]
FORBIDDEN = set("[]:*?/\\")


@pytest.fixture(scope="module")
def doc() -> DocumentView:
    report, _ = load_input(EXAMPLE)
    return build_document(compute(report, load_profile(report.profile)))


@pytest.fixture(scope="module")
def book_path(doc: DocumentView, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    write_xlsx(doc, target)
    return target


@pytest.fixture(scope="module")
def wb(book_path: Path) -> Workbook:
    return load_workbook(book_path)


# --- helpers -----------------------------------------------------------------------------------


def dec(value: object) -> Decimal:
    """A read-back number as the Decimal it prints as (floats go through their repr)."""
    assert isinstance(value, int | float) and not isinstance(value, bool), value
    return Decimal(str(value))


def cells(ws: Worksheet) -> Iterator[Cell]:
    for row in ws.iter_rows():
        yield from row


def row_with(ws: Worksheet, text: str, exact: bool = True) -> tuple[Cell, ...]:
    """The first row holding a text cell equal to (or containing) ``text``."""
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and (c.value == text if exact else text in c.value):
                return row
    raise AssertionError(f"{text!r} not found in {ws.title}")


def number_right_of(ws: Worksheet, text: str, exact: bool = True) -> Decimal:
    """The first number to the right of the label ``text`` in its row."""
    row = row_with(ws, text, exact)
    start = next(
        i
        for i, c in enumerate(row)
        if isinstance(c.value, str) and (c.value == text if exact else text in c.value)
    )
    for c in row[start + 1 :]:
        if isinstance(c.value, int | float):
            return dec(c.value)
    raise AssertionError(f"no number right of {text!r} in {ws.title}")


def numbers_right_of_all(ws: Worksheet, text: str) -> list[Decimal]:
    """For every cell equal to ``text``: the first number to its right."""
    out = []
    for row in ws.iter_rows():
        for i, c in enumerate(row):
            if c.value == text:
                out += [dec(x.value) for x in row[i + 1 :] if isinstance(x.value, int | float)][:1]
    return out


def header_column(ws: Worksheet, text: str, first_body_row: int) -> int:
    """Column of the header cell reading ``text`` (searching the rows above the body)."""
    for row in ws.iter_rows(min_row=4, max_row=first_body_row - 1):
        for c in row:
            if c.value == text:
                return c.column
    raise AssertionError(f"header {text!r} not found in {ws.title}")


def body_top(ws: Worksheet) -> int:
    """First body row of a 公开 sheet: the frozen row."""
    assert ws.freeze_panes is not None
    return ws[ws.freeze_panes].row


def merged_range_of(ws: Worksheet, coordinate: str) -> tuple[int, int, int, int]:
    for rng in ws.merged_cells.ranges:
        if coordinate in rng:
            return rng.min_row, rng.min_col, rng.max_row, rng.max_col
    raise AssertionError(f"{coordinate} is not merged in {ws.title}")


def shown(value: float | int, fmt: str) -> str:
    """What Excel displays for the three formats the workbook uses."""
    d = dec(value)
    if fmt == "#,##0.00":
        return f"{d:,.2f}"
    if fmt == "0.00":
        return f"{d:.2f}"
    assert fmt == "General", fmt
    text = f"{d:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- the nine tables -----------------------------------------------------------------------------


def test_nine_sheets_in_order(wb: Workbook) -> None:
    assert wb.sheetnames[:9] == NINE


def test_properties(wb: Workbook, doc: DocumentView) -> None:
    assert wb.properties.title == doc.title
    assert wb.properties.creator == "gen-report"


def test_sheet_frame(wb: Workbook, doc: DocumentView) -> None:
    ws = wb["公开01"]
    table = doc.tables[0][1]
    assert ws["A1"].value == table.title
    assert ws["A1"].font.b and ws["A1"].font.sz == 14
    assert ws["A1"].alignment.horizontal == "center"
    assert merged_range_of(ws, "A1") == (1, 1, 1, table.ncols)
    assert ws["A2"].value == "公开01表"
    assert ws["A2"].alignment.horizontal == "right"
    assert ws["A3"].value == f"部门：{table.department}"
    unit = next(c for c in ws[3] if c.value == "单位：万元")
    assert unit.alignment.horizontal == "right"


def test_table_01_figures(wb: Workbook) -> None:
    ws = wb["公开01"]
    assert number_right_of(ws, "一、一般公共预算财政拨款收入") == Decimal("364062.40")
    assert numbers_right_of_all(ws, "总计") == [Decimal("364072.22")] * 2
    assert number_right_of(ws, "援助其他地区支出", exact=False) == Decimal("355798.57")


def test_amounts_are_numbers_with_money_format(wb: Workbook) -> None:
    for name in NINE:
        for c in cells(wb[name]):
            if isinstance(c.value, int | float):
                assert c.data_type == "n"
                assert c.number_format == "#,##0.00", (name, c.coordinate)
                assert c.alignment.horizontal == "right"
    assert isinstance(row_with(wb["公开01"], "总计")[2].value, float)


def test_table_03_code_row_under_basic_column(wb: Workbook) -> None:
    ws = wb["公开03"]
    top = body_top(ws)
    column = header_column(ws, "基本支出", top)
    row = row_with(ws, "2011301")
    assert dec(row[column - 1].value) == Decimal("873.63")


def test_codes_stay_text(wb: Workbook) -> None:
    for name in ("公开02", "公开03", "公开05", "公开06"):
        codes = [c for c in cells(wb[name]) if c.number_format == "@" and c.value is not None]
        assert codes, name
        for c in codes:
            assert isinstance(c.value, str) and c.data_type == "s"
    code = row_with(wb["公开03"], "2011301")[0]
    assert code.value == "2011301" and code.number_format == "@"


def test_table_05_total_basic(wb: Workbook) -> None:
    ws = wb["公开05"]
    column = header_column(ws, "基本支出", body_top(ws))
    assert dec(row_with(ws, "合计")[column - 1].value) == Decimal("1376.89")


def test_table_06_personnel_total(wb: Workbook) -> None:
    assert number_right_of(wb["公开06"], "人员经费合计") == Decimal("1288.18")
    assert number_right_of(wb["公开06"], "公用经费合计") == Decimal("88.70")


def test_table_07_final_total(wb: Workbook) -> None:
    ws = wb["公开07"]
    top = body_top(ws)
    final = next(c for c in cells(ws) if c.value == "决算数" and c.row < top)
    _, first, last_row, last = merged_range_of(ws, final.coordinate)
    total = next(
        c
        for c in ws[last_row + 1]
        if c.value == "合计" and first <= c.column <= last  # type: ignore[union-attr]
    )
    assert dec(ws.cell(top, total.column).value) == Decimal("6.16")
    # A zero the PDF leaves blank (因公出国（境）费) stays an empty cell.
    abroad = next(
        c
        for c in ws[last_row + 1]
        if c.value == "因公出国（境）费" and first <= c.column <= last  # type: ignore[union-attr]
    )
    assert ws.cell(top, abroad.column).value is None


@pytest.mark.parametrize(
    ("name", "statement"),
    [
        ("公开08", "我单位2020年度无政府性基金预算收入支出。"),
        ("公开09", "我单位2020年度无国有资本经营预算收入支出。"),
    ],
)
def test_empty_table_statement(wb: Workbook, name: str, statement: str) -> None:
    ws = wb[name]
    cell = next(c for c in cells(ws) if c.value == statement)
    assert cell.row > body_top(ws)
    assert merged_range_of(ws, cell.coordinate)[3] == ws.max_column


def test_notes_below_the_table(wb: Workbook, doc: DocumentView) -> None:
    ws = wb["公开01"]
    for note in doc.tables[0][1].notes:
        cell = next(c for c in cells(ws) if c.value == note)
        assert cell.row > body_top(ws)


def test_header_merges_and_borders(wb: Workbook) -> None:
    ws = wb["公开01"]
    income = next(c for c in ws[4] if c.value == "收入")
    r1, c1, r2, c2 = merged_range_of(ws, income.coordinate)
    assert (r2 - r1 + 1, c2 - c1 + 1) == (1, 3)
    assert income.font.b and income.alignment.horizontal == "center"
    assert income.fill.fgColor.rgb.endswith("F2F2F2")
    for col in range(c1, c2 + 1):
        cell = ws.cell(r1, col)
        assert cell.border.top.style == "thin" and cell.border.bottom.style == "thin"
    assert isinstance(ws.cell(r1, c2), MergedCell)
    # 公开02: 项目 spans two columns, 本年收入合计 two rows.
    ws = wb["公开02"]
    item = next(c for c in ws[4] if c.value == "项目")
    assert merged_range_of(ws, item.coordinate)[1:4:2] == (1, 2)
    total = next(c for c in ws[4] if c.value == "本年收入合计")
    assert merged_range_of(ws, total.coordinate) == (4, 3, 5, 3)
    assert ws["A5"].value == "功能分类科目编码" and ws["B5"].value == "科目名称"


def test_table_07_header_follows_rowspans(wb: Workbook) -> None:
    """Third header row cells land right of the cells spanning down into it."""
    ws = wb["公开07"]
    car = [c for c in ws[5] if c.value == "公务用车购置及运行费"]
    assert len(car) == 2
    for cell in car:
        _, first, _, last = merged_range_of(ws, cell.coordinate)
        assert [ws.cell(6, col).value for col in range(first, last + 1)] == [
            "小计",
            "公务用车购置费",
            "公务用车运行费",
        ]


def test_every_grid_cell_bordered(wb: Workbook, doc: DocumentView) -> None:
    """Every grid position has thin lines on each side that is an edge of its (merged) cell.

    Excel draws a merged cell's outline from the cells along its edges, so
    those must carry the border, not just the top-left one.  (openpyxl drops
    the inner sides of merged cells when reading, so only edges are checked.)
    """
    for name, (_, table) in zip(NINE, doc.tables, strict=True):
        ws = wb[name]
        grid = grid_of(table)
        ranges = {}
        for rng in ws.merged_cells.ranges:
            for row, col in rng.cells:
                ranges[row, col] = (rng.min_row, rng.min_col, rng.max_row, rng.max_col)
        for row in range(4, 4 + grid.nrows):
            for col in range(1, grid.ncols + 1):
                r1, c1, r2, c2 = ranges.get((row, col), (row, col, row, col))
                border = ws.cell(row, col).border
                edges = {
                    "top": row == r1,
                    "bottom": row == r2,
                    "left": col == c1,
                    "right": col == c2,
                }
                for side, edge in edges.items():
                    if edge:
                        assert getattr(border, side).style == "thin", (name, row, col, side)


def test_print_setup(wb: Workbook) -> None:
    for name in wb.sheetnames:
        ws = wb[name]
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
    assert wb["公开01"].print_title_rows == "$4:$6"
    assert wb["公开07"].print_title_rows == "$4:$7"
    assert wb["公开06"].print_title_rows == "$4:$4"
    assert wb["公开01"].freeze_panes == "A7"
    assert wb["公开01"].page_setup.orientation == "portrait"
    assert wb["公开07"].page_setup.orientation == "landscape"  # 12 columns
    assert wb["公开04"].page_setup.orientation == "landscape"  # 9 columns


def test_column_widths(wb: Workbook, doc: DocumentView) -> None:
    for name, (_, table) in zip(NINE, doc.tables, strict=True):
        ws = wb[name]
        width = {
            i: ws.column_dimensions[get_column_letter(i)].width for i in range(1, ws.max_column + 1)
        }
        assert 100 <= sum(width.values()) <= 140, (name, sum(width.values()))
        for _, p in grid_of(table).cells:
            if p.cell.kind == "code":
                assert width[p.col + 1] >= 10, (name, p.cell.text)
        for c in cells(ws):
            if isinstance(c.value, float) and c.coordinate not in ws.merged_cells:
                # wide enough that Excel does not show ####
                assert width[c.column] >= len(shown(c.value, c.number_format)) + 1


# --- every cell as the PDF shows it --------------------------------------------------------------


def test_workbook_shows_the_view(wb: Workbook, doc: DocumentView) -> None:
    """Each view cell sits at its laid-out position and displays its printed text."""
    sheets = [(name, 4, table) for name, (_, table) in zip(NINE, doc.tables, strict=True)]
    names = wb.sheetnames[9:]
    forms = attachment_forms(doc)
    assert len(names) == len(forms)
    sheets += [(name, 3, form.table) for name, form in zip(names, forms, strict=True)]
    for name, top, table in sheets:
        ws = wb[name]
        for offset, p in grid_of(table).cells:
            cell = ws.cell(top + offset + p.row, 1 + p.col)
            vc = p.cell
            where = (name, cell.coordinate, vc.text)
            if not vc.text:
                assert cell.value is None, where
            elif isinstance(cell.value, int | float):
                assert vc.kind == "amount" and vc.value is not None, where
                assert dec(cell.value) == vc.value, where
                assert shown(cell.value, cell.number_format) == vc.text, where
            else:
                assert cell.value == vc.text and cell.data_type == "s", where
            if p.rowspan > 1 or p.colspan > 1:
                assert merged_range_of(ws, cell.coordinate) == (
                    cell.row,
                    cell.column,
                    cell.row + p.rowspan - 1,
                    cell.column + p.colspan - 1,
                ), where


# --- attachments ---------------------------------------------------------------------------------


def test_attachment_sheet_names(wb: Workbook) -> None:
    names = wb.sheetnames
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        assert len(name) <= 31 and not FORBIDDEN & set(name)
    assert "部门整体自评表" in names and "部门整体评分表" in names
    assert "评分表1 扶贫合作交流" in names and "评分表2 市扶贫合作专项资金" in names


def test_one_sheet_per_project_self_evaluation(wb: Workbook, doc: DocumentView) -> None:
    projects = [n for n in wb.sheetnames if n.startswith("自评表")]
    assert len(projects) == 8 == len(doc.computed.report.attachments.project_self_evaluations)
    assert projects[0] == "自评表1 扶贫合作交流"
    ws = wb["自评表1 扶贫合作交流"]
    assert ws["A1"].value == "项目支出绩效自评表"
    total = [dec(c.value) for c in row_with(ws, "总分") if isinstance(c.value, int | float)]
    assert Decimal("94.37") in total
    score = next(c for c in row_with(ws, "总分") if c.value == 94.37)
    assert score.number_format == "0.00"


def test_form_number_formats(wb: Workbook) -> None:
    ws = wb["自评表2 市扶贫合作专项资金"]
    amount = next(c for c in cells(ws) if c.value == 17701722301.11)
    assert amount.number_format == "#,##0.00"
    assert dec(amount.value) == Decimal("17701722301.11")  # no float drift
    funds = row_with(ws, "年度资金总额")
    weight, rate, score = (c for c in funds if isinstance(c.value, int | float) and c.value < 100)
    assert (weight.value, weight.number_format) == (10, "General")
    assert (rate.value, rate.number_format) == (0.99, "0.00")
    assert (score.value, score.number_format) == (9.9, "General")
    carried = row_with(ws, "上年结转资金")
    assert [c.number_format for c in carried if isinstance(c.value, int | float)][:3] == [
        "#,##0.00"
    ] * 3


def test_text_cells_wrap_top(wb: Workbook) -> None:
    ws = wb["部门整体评分表"]
    cell = next(c for c in cells(ws) if isinstance(c.value, str) and len(c.value) > 60)
    assert cell.alignment.wrap_text and cell.alignment.vertical == "top"
    assert ws.row_dimensions[cell.row].height > 18


def test_indent_and_bold(wb: Workbook) -> None:
    ws = wb["公开02"]
    level1 = row_with(ws, "一般公共服务支出")
    assert level1[1].font.b
    level2 = row_with(ws, "商贸事务")
    assert level2[1].alignment.indent == 1 and not level2[1].font.b


# --- pure helpers --------------------------------------------------------------------------------


def test_printed_number_without_value_is_still_a_number(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    write_value(ws["A1"], ViewCell("1,200.00", None, "amount"), money=False)
    write_value(ws["A2"], ViewCell("", Decimal("0"), "amount"), money=True)
    write_value(ws["A3"], ViewCell("—", Decimal("0"), "amount"), money=True)
    target = tmp_path / "v.xlsx"
    wb.save(target)
    ws = load_workbook(target).active
    assert (ws["A1"].value, ws["A1"].number_format) == (1200, "#,##0.00")
    assert ws["A2"].value is None
    assert ws["A3"].value == 0 and ws["A3"].number_format.endswith(';"—"')


def test_layout_skips_cells_taken_by_rowspans() -> None:
    rows = [
        [ViewCell("a", rowspan=2), ViewCell("b", colspan=2), ViewCell("c", rowspan=3)],
        [ViewCell("d"), ViewCell("e")],
        [ViewCell("f"), ViewCell("g"), ViewCell("h")],
    ]
    placed, width = layout(rows)
    assert width == 4
    assert [(p.cell.text, p.row, p.col) for p in placed] == [
        ("a", 0, 0),
        ("b", 0, 1),
        ("c", 0, 3),
        ("d", 1, 1),
        ("e", 1, 2),
        ("f", 2, 0),
        ("g", 2, 1),
        ("h", 2, 2),
    ]


def test_layout_clips_rowspan_to_its_group() -> None:
    placed, _ = layout([[ViewCell("x", rowspan=5), ViewCell("y")]])
    assert placed[0].rowspan == 1


def test_sheet_names_are_valid_and_unique() -> None:
    used: set[str] = set()
    assert sheet_name("自评表1 a[b]:c*d?e/f\\g", used) == "自评表1 abcdefg"
    long = "项" * 40
    first = sheet_name(long, used)
    second = sheet_name(long, used)
    assert len(first) == 31 and len(second) == 31 and first != second
    assert sheet_name("ABC", used) == "ABC"
    assert sheet_name("abc", used) == "abc(2)"
    assert sheet_name("'quoted'", used) == "quoted"
    assert sheet_name("", used) == "表"


# --- user text is never a formula ----------------------------------------------------------------

HOSTILE = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", '=HYPERLINK("http://x")', "#N/A", "\t=1"]


def hostile_doc(doc: DocumentView) -> DocumentView:
    """The example with hostile text in a disclosure label cell and a hand-made form."""
    tables = copy.deepcopy(doc.tables)
    tables[0][1].body[1][0].text = "=cmd|' /C calc'!A0"
    form = TableView(
        id="自评表/=evil",
        title="=TITLE()",
        label=None,
        unit="",
        department="@dept",
        header=[],
        numbers=[],
        body=[
            [ViewCell(text, kind="text") for text in HOSTILE[:4]],
            [ViewCell(text, kind="label") for text in HOSTILE[4:]]
            + [ViewCell("控制\x01字符", kind="text")],
            [
                ViewCell("12", Decimal("12"), "amount"),
                ViewCell("2011301", kind="code"),
                ViewCell("-", kind="header", colspan=2),
            ],
        ],
        widths=[1.0, 1.0, 1.0, 1.0],
    )
    attachment = Attachment(1, "=附件", "attachment-1", [Block("table", table=form)])
    return dataclasses.replace(doc, tables=tables, attachments=[attachment])


def test_user_text_is_never_a_formula(doc: DocumentView, tmp_path: Path) -> None:
    target = tmp_path / "hostile.xlsx"
    write_xlsx(hostile_doc(doc), target)
    with zipfile.ZipFile(target) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name
    wb = load_workbook(target)
    assert wb["公开01"]["A8"].value == "=cmd|' /C calc'!A0"
    assert wb["公开01"]["A8"].data_type == "s"
    ws = wb["自评表1 =evil"]
    assert ws["A1"].value == "=TITLE()" and ws["A1"].data_type == "s"
    found = {c.value: c for c in cells(ws) if c.value is not None}
    for text in HOSTILE:
        cell = found[text]
        assert cell.data_type == "s", text
        assert cell.quotePrefix == text.startswith(("=", "+", "-", "@", "\t")), text
    assert found["控制字符"].data_type == "s"
    assert found[12].data_type == "n"
    assert found["2011301"].data_type == "s"


def test_formula_text_in_attachment(doc: DocumentView, tmp_path: Path) -> None:
    """The brief's case, spelled out: "=1+1" in a form reloads as that string."""
    target = tmp_path / "formula.xlsx"
    write_xlsx(hostile_doc(doc), target)
    cell = next(c for c in cells(load_workbook(target)["自评表1 =evil"]) if c.value == "=1+1")
    assert cell.value == "=1+1"
    assert cell.data_type == "s"


def test_performance_targets_become_a_form_in_both_renderers(tmp_path: Path) -> None:
    """项目绩效目标表 (next year's targets, as shenzhen-2018 publishes them)."""
    from generator.compute.report import compute
    from generator.document.report import build_document
    from generator.profiles.loader import load_profile
    from tests.conftest import make_report

    report = make_report(
        attachments={
            "performance_targets": [
                {
                    "项目名称": "扶贫合作交流",
                    "主管部门": "测试局",
                    "项目金额": 2656500,
                    "年度目标": "完成调研报告。",
                    "绩效指标": [
                        {
                            "一级指标": "产出指标",
                            "二级指标": "数量指标",
                            "三级指标": "调研次数",
                            "指标值": "≥50次",
                        },
                        {
                            "一级指标": "产出指标",
                            "二级指标": "质量指标",
                            "三级指标": "报告数量",
                            "指标值": "≥5篇",
                        },
                    ],
                }
            ]
        }
    )
    doc = build_document(compute(report, load_profile(report.profile)))
    (attachment,) = doc.attachments
    form = attachment.blocks[0].table
    assert form is not None and form.title == "项目绩效目标表"
    texts = [c.text for row in form.body for c in row]
    assert "扶贫合作交流" in texts and "2,656,500.00" in texts and "≥5篇" in texts
    assert [c.rowspan for c in form.body[4] if c.text == "产出指标"] == [2]  # 一级 merged
    target = tmp_path / "t.xlsx"
    write_xlsx(doc, target)
    values = [
        c.value for ws in load_workbook(target).worksheets for row in ws.iter_rows() for c in row
    ]
    assert "调研次数" in values and "≥50次" in values

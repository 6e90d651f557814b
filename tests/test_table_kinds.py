"""Every bundled profile's tables, through every output: one kind module, one geometry.

For each profile (a profile added later is picked up by itself) and its
bundled example:

* the blank input workbook puts each figure column under the header the
  published table prints over it;
* the example's printed table body (the document view, as a PDF prints it),
  pasted under the header of a blank workbook, reads back to the same figures;
* the output XLSX follows the same display settings as the PDF: the 部门 line,
  where 合计 prints, codes in one column or as 类 | 款 | 项.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from generator.app import build as builder
from generator.app.sources import figures_of
from generator.compute.report import compute
from generator.diff.compare import compare
from generator.document.report import build_document
from generator.document.tables import TableView, layout
from generator.formats import load_input
from generator.formats.input_workbook.layout import HEADER_TOP
from generator.formats.input_workbook.writer import write_input_workbook
from generator.formats.output_workbook.writer import write_xlsx
from generator.profiles import codes
from generator.profiles.loader import BUNDLED, available, load_profile
from generator.profiles.schema import TableDef
from generator.tables import classified
from generator.tables.registry import body_top, kind_of, table_views
from tests.conftest import REPO, build_pdf, pdf_text

PROFILES = sorted(p for p, folder in available().items() if folder.parent == BUNDLED)


def _example_of(profile_id: str) -> Path:
    """The bundled example written for a profile (inputs/<profile>)."""
    for folder in sorted((REPO / "inputs").iterdir()):
        if folder.is_dir() and load_input(folder)[0].profile == profile_id:
            return folder
    raise AssertionError(f"profile {profile_id} has no bundled example under inputs/")


# layouts whose bundled example prints its tables (shenzhen-2018's example replaces the
# whole tables part by a statement; test_shenzhen_2018 covers it)
WITH_TABLES = [
    p
    for p in PROFILES
    if load_profile(p).tables and "决算表" not in load_input(_example_of(p))[0].statements
]


@pytest.fixture(scope="module", params=WITH_TABLES)
def loaded(request: pytest.FixtureRequest) -> builder.Loaded:
    return builder.load(_example_of(request.param))


def test_every_bundled_profile_with_tables_is_covered() -> None:
    assert {"shenzhen-2020", "guangzhou-2017", "shanghai-2024"} <= set(WITH_TABLES)


# --- header text over a column, in a view and on a sheet ------------------------------------


def view_headers(view: TableView) -> dict[int, str]:
    """0-based column → the text of the lowest header cell over it."""
    placed, _ = layout(view.header)
    out: dict[int, str] = {}
    for p in sorted(placed, key=lambda p: p.row + p.rowspan):
        for c in range(p.col, p.col + p.colspan):
            out[c] = p.cell.text
    return out


def sheet_headers(ws: Worksheet, first: int, last: int) -> dict[int, str]:
    """0-based column → the text of the lowest header cell over it (rows first..last)."""
    owner: dict[tuple[int, int], str] = {}
    for rng in ws.merged_cells.ranges:
        text = ws.cell(rng.min_row, rng.min_col).value
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                owner[(r, c)] = "" if text is None else str(text)
    out: dict[int, str] = {}
    for c in range(1, ws.max_column + 1):
        for r in range(first, last + 1):
            text = owner.get((r, c), ws.cell(r, c).value)
            if text not in (None, ""):
                out[c - 1] = str(text)
    return out


def header_bottom(tdef: TableDef) -> int:
    """Last header row of a table sheet (the 栏次 row below it is not a header)."""
    return HEADER_TOP + len(kind_of(tdef).input_header(tdef)) - 1


def figure_headers(view: TableView) -> list[str]:
    """Headers over the view's figure columns, left to right, each once."""
    heads = view_headers(view)
    columns = sorted(
        {p.col for (p,) in ((p,) for p in layout(view.body)[0]) if p.cell.kind == "amount"}
    )
    return list(dict.fromkeys(heads.get(c, "") for c in columns))


# --- 1. the blank workbook -------------------------------------------------------------------


def test_blank_workbook_puts_each_figure_column_under_its_header(
    loaded: builder.Loaded, tmp_path: Path
) -> None:
    profile = loaded.computed.profile
    path = tmp_path / "blank.xlsx"
    write_input_workbook(profile, path)
    wb = load_workbook(path)
    for view, tdef in zip(table_views(loaded.computed), profile.tables, strict=True):
        ws = wb[tdef.id]
        top = body_top(tdef)
        heads = sheet_headers(ws, HEADER_TOP, header_bottom(tdef))
        amount_columns = sorted(
            {
                cell.column - 1
                for row in ws.iter_rows(min_row=top, max_row=top + 3)
                for cell in row
                if cell.style.startswith("输入·amount")
            }
        )
        assert amount_columns, tdef.id
        on_sheet = list(dict.fromkeys(heads.get(c, "") for c in amount_columns))
        assert on_sheet == figure_headers(view), f"{profile.id} {tdef.id}"


def test_filled_workbook_figures_sit_where_the_published_table_prints_them(
    loaded: builder.Loaded, tmp_path: Path
) -> None:
    """Every typed figure is under the header, and among the figures, of its printed column."""
    profile = loaded.computed.profile
    path = tmp_path / "filled.xlsx"
    write_input_workbook(profile, path, loaded.computed.report)
    wb = load_workbook(path)
    for view, tdef in zip(table_views(loaded.computed), profile.tables, strict=True):
        ws = wb[tdef.id]
        top = body_top(tdef)
        heads = sheet_headers(ws, HEADER_TOP, header_bottom(tdef))
        printed: dict[str, set[Decimal]] = {}
        for p in layout(view.body)[0]:
            if p.cell.kind == "amount" and p.cell.value is not None:
                printed.setdefault(view_headers(view).get(p.col, ""), set()).add(p.cell.value)
        for row in ws.iter_rows(min_row=top):
            for cell in row:
                if isinstance(cell.value, int | float | Decimal) and cell.style.startswith(
                    "输入·amount"
                ):
                    head = heads.get(cell.column - 1, "")
                    where = f"{profile.id} {tdef.id}!{cell.coordinate}"
                    assert head in printed, f"{where}: no printed figure column “{head}”"
                    assert Decimal(str(cell.value)) in printed[head], where


# --- 2. the published body pasted under the header ------------------------------------------


def _paste_views(loaded: builder.Loaded, tmp_path: Path) -> Path:
    """A workbook of the example whose table bodies are replaced by the printed bodies."""
    path = tmp_path / "pasted.xlsx"
    write_input_workbook(loaded.computed.profile, path, loaded.computed.report)
    wb = load_workbook(path)
    for view, tdef in zip(
        table_views(loaded.computed), loaded.computed.profile.tables, strict=True
    ):
        ws = wb[tdef.id]
        top = body_top(tdef)
        for row in ws.iter_rows(min_row=top):
            for cell in row:
                cell.value = None
        for p in layout(view.body)[0]:
            if p.cell.text:
                ws.cell(top + p.row, 1 + p.col).value = p.cell.text
    wb.save(path)
    return path


def test_published_body_pasted_under_the_header_reads_back(
    loaded: builder.Loaded, tmp_path: Path
) -> None:
    report, _ = load_input(_paste_views(loaded, tmp_path))
    again = compute(report, loaded.computed.profile)
    for before, after in zip(table_views(loaded.computed), table_views(again), strict=True):
        printed = [[c.text for c in row] for row in before.body]
        assert [[c.text for c in row] for row in after.body] == printed, before.id


def test_shanghai_split_codes_paste_as_published(tmp_path: Path) -> None:
    """The bug this unit fixes: 类 | 款 | 项 columns, figures from column E."""
    loaded = builder.load(_example_of("shanghai-2024"))
    report, _ = load_input(_paste_views(loaded, tmp_path))
    rows = report.tables["公开02"].rows
    assert rows and all(codes.is_code(r.code) for r in rows)
    assert any(codes.level(r.code) == 3 for r in rows)
    wb = load_workbook(tmp_path / "pasted.xlsx")
    tdef = loaded.computed.profile.table("公开02")
    ws = wb["公开02"]
    top = body_top(tdef)
    item = next(r for r in ws.iter_rows(min_row=top) if r[2].value)  # a 项 row: 201 | 06 | 01
    assert [c.value for c in item[:3]] == list(codes.split(_code(item)))
    assert item[classified.first_figure_column(tdef) - 1].value  # the figure under its header


def _code(row: tuple) -> str:
    return "".join(str(c.value or "") for c in row[:3])


def test_init_for_split_codes_puts_figures_under_their_headers(tmp_path: Path) -> None:
    """gen-report init --profile shanghai-2024: 本年收入合计 in the column of its header (E)."""
    profile = load_profile("shanghai-2024")
    path = tmp_path / "init.xlsx"
    write_input_workbook(profile, path)
    ws = load_workbook(path)["公开02"]
    tdef = profile.table("公开02")
    heads = sheet_headers(ws, HEADER_TOP, header_bottom(tdef))
    first = classified.first_figure_column(tdef)
    assert first == 5
    assert heads[first - 1] == "本年收入合计"
    assert [heads[c] for c in range(3)] == ["类", "款", "项"]
    assert ws.cell(body_top(tdef), first).style.startswith("输入·amount")
    assert not ws.cell(body_top(tdef), 3).style.startswith("输入·amount")


def test_split_code_cells_excel_made_numbers_still_read(tmp_path: Path) -> None:
    """An export pasted as numbers: 款 06 arrives as 6, 项 01 as 1."""
    loaded = builder.load(_example_of("shanghai-2024"))
    path = _paste_views(loaded, tmp_path)
    wb = load_workbook(path)
    ws = wb["公开03"]
    top = body_top(loaded.computed.profile.table("公开03"))
    for row in ws.iter_rows(min_row=top, max_col=3):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.isdigit():
                cell.value = int(cell.value)
    wb.save(path)
    report, _ = load_input(path)
    typed = {r.code for r in report.tables["公开03"].rows}
    printed = {r.code for r in loaded.computed.structure.rows["公开03"]}
    assert typed == printed


# --- 3. the output workbook follows the PDF's display settings -------------------------------


@pytest.fixture(scope="module")
def built(loaded: builder.Loaded, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example's PDF and XLSX (once per profile)."""
    pdf = build_pdf(tmp_path_factory, loaded)
    xlsx = pdf.with_suffix(".xlsx")
    write_xlsx(build_document(loaded.computed), xlsx)
    return pdf, xlsx


@pytest.fixture(scope="module")
def outputs(built: tuple[Path, Path]) -> tuple[str, Workbook]:
    pdf, xlsx = built
    return pdf_text(pdf, layout=True), load_workbook(xlsx)


def test_diff_of_the_pdf_and_the_xlsx_of_one_build_finds_nothing(
    built: tuple[Path, Path],
) -> None:
    """Both outputs read back to the same figures (a split-code XLSX keys rows by code too)."""
    pdf, xlsx = (figures_of(path)[0] for path in built)
    result = compare(pdf, xlsx)
    assert not result.only_in_a and not result.only_in_b
    assert result.differences == []


DEPARTMENT = re.compile(r"(?<!主管)部门：")


def _table_sheets(wb, loaded: builder.Loaded) -> list[tuple[Worksheet, TableView]]:
    views = {v.title: v for v in table_views(loaded.computed)}
    out = []
    for ws in wb.worksheets:
        title = ws.cell(1, 1).value
        if title in views:
            out.append((ws, views[title]))
    assert len(out) == len(loaded.computed.profile.tables)
    return out


def test_department_line_in_both_outputs_or_neither(
    loaded: builder.Loaded, outputs: tuple[str, Workbook]
) -> None:
    text, wb = outputs
    on = loaded.computed.profile.document.department_line
    department = loaded.computed.report.department
    for ws, _ in _table_sheets(wb, loaded):
        banner = [str(c.value) for row in ws.iter_rows(max_row=3) for c in row if c.value]
        assert any(DEPARTMENT.search(b) for b in banner) == on, ws.title
    in_pdf = len(re.findall(rf"(?<!主管)部门：\s*{re.escape(department)}", text))
    if on:
        assert in_pdf >= len(loaded.computed.profile.tables)
    else:
        assert in_pdf == 0


def _body_rows(ws: Worksheet) -> list[list[str]]:
    return [["" if c.value is None else str(c.value) for c in row] for row in ws.iter_rows()]


TOTAL_ROW = re.compile(r"^合计( [-\d,.]+)+$")


def test_total_row_and_code_columns_as_the_pdf_prints_them(
    loaded: builder.Loaded, outputs: tuple[str, Workbook]
) -> None:
    text, wb = outputs
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
    checked = 0
    for ws, view in _table_sheets(wb, loaded):
        tdef = loaded.computed.profile.table(view.id)
        if kind_of(tdef) is not classified or loaded.computed.is_empty(tdef.id):
            continue
        split = classified.code_columns(tdef) == 3
        rows = loaded.computed.structure.rows[tdef.id]
        item = max(rows, key=lambda r: r.level).code
        shown = " ".join(p for p in codes.split(item) if p) if split else item
        # the output workbook
        body = _body_rows(ws)
        key = [("".join(r[:3]) if split else r[0]) for r in body]
        total_at = next(i for i, r in enumerate(body) if r[0] == "合计")
        code_at = [i for i, k in enumerate(key) if codes.is_code(k)]
        first_code = min(code_at)
        if tdef.total_position == "first":
            assert total_at < first_code, ws.title
        else:
            assert total_at > max(code_at), ws.title
        row = body[key.index(item)]
        assert row[:3] == list(codes.split(item)) if split else row[0] == item, ws.title
        # the PDF: from the table's own title line, the first code line and the 合计 row
        title = max(i for i, line in enumerate(lines) if line == view.title)
        codes_at = [
            i
            for i in range(title, len(lines))
            if any(
                lines[i].startswith(f"{c} ")
                for c in (
                    (" ".join(p for p in codes.split(r.code) if p) if split else r.code)
                    for r in rows
                )
            )
        ]
        total_line = next(i for i in range(title, len(lines)) if TOTAL_ROW.match(lines[i]))
        if tdef.total_position == "first":
            assert total_line < codes_at[0], view.id
        else:
            assert total_line > codes_at[0], view.id
        assert any(lines[i].startswith(shown + " ") for i in codes_at), f"{view.id}: {shown}"
        checked += 1
    assert checked, loaded.computed.profile.id


def test_input_workbook_puts_total_where_the_table_prints_it(
    loaded: builder.Loaded, tmp_path: Path
) -> None:
    profile = loaded.computed.profile
    path = tmp_path / "filled.xlsx"
    write_input_workbook(profile, path, loaded.computed.report)
    wb = load_workbook(path)
    checked = 0
    for tdef in profile.tables:
        if kind_of(tdef) is not classified or not loaded.computed.report.tables[tdef.id].rows:
            continue
        ws = wb[tdef.id]
        labels = [str(r[0].value or "") for r in ws.iter_rows(min_row=body_top(tdef))]
        total = labels.index("合计")
        rows = [i for i, label in enumerate(labels) if label and label != "合计"]
        assert (total < min(rows)) if tdef.total_position == "first" else (total > max(rows))
        checked += 1
    assert checked

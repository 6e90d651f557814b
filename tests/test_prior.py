"""``--prior``: last year's figures are exactly what last year's version prints as 本年.

For each kind of prior source (YAML, input workbook, our PDF, a published PDF) and
with and without 上年 figures typed in this year's input, every 上年 figure the
narrative uses is compared with the prior version's own table cell; every typed
上年 figure that differs is a located Y001 warning (the --prior source wins).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.app import build as builder
from generator.app.extract import extract
from generator.bundled import INPUTS
from generator.checks.findings import Severity
from generator.compute.computed import Computed
from generator.compute.report import compute
from generator.document.figures import table_figures
from generator.errors import UserError
from generator.formats.input_workbook.writer import write_input_workbook
from generator.formats.published_pdf.reader import read_pdf
from generator.model.report import Report
from generator.narrative import context
from generator.narrative.write import write_narrative
from generator.profiles.loader import load_profile
from generator.tables.registry import table_views
from tests.conftest import SHARED

FINANCE = SHARED / "real-world" / "shanghai-putuo-finance-2024-final-accounts.pdf"
Key = tuple[str, str, str]


def used_prior_figures(computed: Computed, monkeypatch: pytest.MonkeyPatch) -> dict[Key, Any]:
    """Every 上年 figure the narrative templates ask for, with the value they got."""
    seen: dict[Key, Any] = {}
    original = context.Figures.p

    def recording(self: context.Figures, table: str, row: str, column: str) -> Decimal | None:
        value = original(self, table, row, column)
        seen[(table, row, column)] = value
        return value

    with monkeypatch.context() as m:
        m.setattr(context.Figures, "p", recording)
        write_narrative(computed)
    return seen


def printed_cells(computed: Computed) -> dict[Key, Decimal | None]:
    """What a computed report prints in each table cell, by the cell it computes."""
    out: dict[Key, Decimal | None] = {}
    for view in table_views(computed):
        figures = table_figures(view)
        for printed, key in figures.keys.items():
            out[key] = figures.cells.get(printed)
    return out


def pdf_cells(current: Computed, pdf: Path) -> dict[Key, Decimal | None]:
    """What a PDF prints under this year's (table, row, column) key of each cell."""
    read, _ = read_pdf(pdf)
    out: dict[Key, Decimal | None] = {}
    for view in table_views(current):
        mine = table_figures(view)
        theirs = read.tables.get(mine.table)
        if theirs is None:
            continue
        for printed, key in mine.keys.items():
            out[key] = theirs.cells.get(printed)
    return out


def assert_prior_figures_are_printed_ones(
    used: dict[Key, Any], printed: dict[Key, Decimal | None]
) -> None:
    """Blank and zero are one: a layout may print zero cells blank."""
    assert len([v for v in used.values() if v]) >= 4, used
    for key, value in used.items():
        assert key in printed, key
        assert (value or 0) == (printed[key] or 0), (key, value, printed[key])


# --- sources made from the bundled example: "last year" is the example as 2019 -------------


def as_yaml(report: Report, path: Path) -> Path:
    data = report.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def last_year(example: builder.Loaded) -> Report:
    """The example's own tables as a 2019 report: figures that differ from the typed 上年."""
    report = example.computed.report
    narrative = report.narrative.model_copy(
        update={"prior_year": type(report.narrative.prior_year)()}
    )
    return report.model_copy(update={"year": 2019, "narrative": narrative})


@pytest.fixture(scope="module")
def sources(
    tmp_path_factory: pytest.TempPathFactory, last_year: Report, example: builder.Loaded
) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("prior")
    profile = load_profile(last_year.profile)
    workbook = folder / "last-year.xlsx"
    write_input_workbook(profile, workbook, last_year)
    loaded = builder.Loaded(folder / "last-year", compute(last_year, profile), example.sources)
    builder.render(loaded, folder, formats=("pdf",))
    return {
        "yaml": as_yaml(last_year, folder / "last-year.yaml"),
        "workbook": workbook,
        "pdf": folder / "last-year.pdf",
    }


@pytest.fixture(scope="module")
def this_year(tmp_path_factory: pytest.TempPathFactory, example: builder.Loaded) -> dict[str, Path]:
    """This year's input with the 上年数 typed (the example workbook's sheet is filled) and
    without."""
    folder = tmp_path_factory.mktemp("this")
    report = example.computed.report
    assert report.narrative.prior_year.tables  # the example types 2019 figures
    untyped = report.model_copy(
        update={
            "narrative": report.narrative.model_copy(
                update={
                    "prior_year": type(report.narrative.prior_year)(),
                    "operating_costs_prior": None,
                }
            )
        }
    )
    return {
        "typed": INPUTS / "shenzhen-2020.xlsx",
        "untyped": as_yaml(untyped, folder / "this-year.yaml"),
    }


@pytest.mark.parametrize("source", ["yaml", "workbook", "pdf"])
@pytest.mark.parametrize("typed", ["typed", "untyped"])
def test_prior_figures_are_the_prior_versions_printed_ones(
    source: str,
    typed: str,
    sources: dict[str, Path],
    this_year: dict[str, Path],
    last_year: Report,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loaded = builder.load(this_year[typed], prior=sources[source])
    used = used_prior_figures(loaded.computed, monkeypatch)
    printed = printed_cells(compute(last_year, load_profile(last_year.profile)))
    assert_prior_figures_are_printed_ones(used, printed)
    if source == "pdf":  # and the very figures on last year's pages
        assert_prior_figures_are_printed_ones(used, pdf_cells(loaded.computed, sources["pdf"]))
    findings = [f for f in builder.check(loaded).findings if f.code == "Y001"]
    if typed == "untyped":
        assert findings == []
        return
    # every typed 上年 figure that differs from last year's printed one, located in the sheet
    typed_figures = loaded.computed.report.narrative.prior_year.tables
    differing = [
        (table, row, column)
        for table, entries in typed_figures.items()
        for row, value in entries.items()
        for column, figure in (value.items() if isinstance(value, dict) else [(None, value)])
        if figure is not None and _printed(printed, loaded.computed, table, row, column) != figure
    ]
    narrative = loaded.computed.report.narrative
    costs = loaded.computed.prior_source.typed_operating_costs
    if costs is not None and costs != narrative.operating_costs_prior:
        differing.append(("上年机关运行经费",))
    assert len(findings) == len(differing) > 0
    assert all(f.severity == Severity.WARNING for f in findings)
    assert all(f.location.cell for f in findings)
    tables = [f for f in findings if "上年机关运行经费" not in f.message]
    assert tables and all(f.location.sheet == "上年数" for f in tables)


def _printed(
    printed: dict[Key, Decimal | None], current: Computed, table: str, row: str, column: str | None
) -> Decimal | None:
    if column is not None and (table, row, column) in printed:
        return printed[(table, row, column)] or Decimal(0)
    path = (
        ("tables", table, "lines", row)
        if column is None
        else ("tables", table, "lines", row, column)
    )
    key = next(k for k, p in current.sheet.paths.items() if p == path)
    return printed[key] or Decimal(0)


def test_typed_prior_in_yaml_is_located_by_its_path(
    sources: dict[str, Path], example: builder.Loaded
) -> None:
    loaded = builder.load(builder.EXAMPLE, prior=sources["yaml"])
    findings = [f for f in builder.check(loaded).findings if f.code == "Y001"]
    assert findings and all(f.location.path.startswith("narrative.上年") for f in findings)
    assert all(f.location.line for f in findings)


# --- a published PDF as last year's version (through extract) ------------------------------


@pytest.fixture(scope="module")
def next_year_of_finance(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Putuo finance report's input as a 2025 report, with and without typed 上年 figures
    that are found in neither version."""
    data, _ = extract(FINANCE)
    data["year"] = 2025
    data.get("narrative", {}).pop("公开文本", None)  # last year's text is not this year's
    folder = tmp_path_factory.mktemp("finance")
    untyped = _write(folder / "untyped.yaml", data)
    narrative = data.setdefault("narrative", {})
    narrative["上年"] = {
        "tables": {
            "公开01": {"收入总计": 93512.36, "本年支出合计": 91400.25},
            "公开05": {"合计": {"基本支出": 1.11}},
        }
    }
    return {"untyped": untyped, "typed": _write(folder / "typed.yaml", data)}


def _write(path: Path, data: dict[str, Any]) -> Path:
    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return str(value) if isinstance(value, Decimal) else value

    path.write_text(yaml.safe_dump(plain(data), allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("typed", ["typed", "untyped"])
def test_prior_from_a_published_pdf_prints_its_figures(
    typed: str, next_year_of_finance: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = builder.load(next_year_of_finance[typed], prior=FINANCE)
    used = used_prior_figures(loaded.computed, monkeypatch)
    assert_prior_figures_are_printed_ones(used, pdf_cells(loaded.computed, FINANCE))
    assert used[("公开01", "收入总计", "决算数")] == Decimal("2995.39")
    findings = [f for f in builder.check(loaded).findings if f.code == "Y001"]
    assert len(findings) == (3 if typed == "typed" else 0)
    if findings:
        assert {f.location.path for f in findings} == {
            "narrative.上年.tables.公开01.收入总计",
            "narrative.上年.tables.公开01.本年支出合计",
            "narrative.上年.tables.公开05.合计.基本支出",
        }


def test_a_budget_or_our_output_workbook_is_no_prior(example_xlsx: Path) -> None:
    budget = SHARED / "real-world" / "shanghai-putuo-wanli-2024-budget.pdf"
    with pytest.raises(UserError, match="部门预算"):
        builder.load(builder.EXAMPLE, prior=budget)
    with pytest.raises(UserError, match="不是输入"):
        builder.load(builder.EXAMPLE, prior=example_xlsx)

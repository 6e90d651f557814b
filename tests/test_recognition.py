"""Document recognition: only a 部门决算 becomes an input; a 部门预算 is named and refused,
whether or not its tables carry the ``公开0N表`` labels of a 决算.  Tables are matched by
title and header, never by label alone; the department is never the label ``部门``."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader, PdfWriter
from typer.testing import CliRunner

from generator.app import build as builder
from generator.app.extract import extract
from generator.bundled import INPUTS
from generator.cli.app import app
from generator.compute.report import compute
from generator.document.figures import DocumentFigures, TableFigures
from generator.errors import UserError
from generator.formats.published_pdf.lines import Line
from generator.formats.published_pdf.page import Glyph
from generator.formats.published_pdf.reader import read_pdf
from generator.formats.published_pdf.recognition import identity, recognise
from generator.formats.published_pdf.tables_input import match_tables
from generator.profiles.loader import BUNDLED, load_profile, read_profile
from tests.conftest import SHARED, pdf_text, without_footers

REAL = SHARED / "real-world"
BUDGET = REAL / "shanghai-putuo-wanli-2024-budget.pdf"
FINANCE = REAL / "shanghai-putuo-finance-2024-final-accounts.pdf"


def test_real_budget_is_recognised_as_a_budget() -> None:
    figures, notes = read_pdf(BUDGET)
    assert figures.document == "部门预算"
    assert "封面" in figures.evidence and "预算表" in figures.evidence
    assert not any("概况" in note for note in notes)  # not "未找到“概况”部分"
    assert figures.department == "上海市普陀区人民政府万里街道办事处"  # from 预算主管部门：X


def test_extract_refuses_the_real_budget_naming_it(tmp_path: Path) -> None:
    out = tmp_path / "b.yaml"
    result = CliRunner().invoke(app, ["extract", str(BUDGET), "-o", str(out)])
    assert result.exit_code == 2, result.output
    message = "".join(result.output.split())
    assert "部门预算" in message and "不是部门决算" in message
    assert not out.exists()


@pytest.fixture(scope="module")
def budget_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default layout re-titled as a budget: 预算 titles, the same 公开0N表 labels."""
    folder = tmp_path_factory.mktemp("profiles") / "budget-test"
    shutil.copytree(BUNDLED / "shenzhen-2020", folder)
    for name in ("profile.yaml", "tables.yaml"):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        text = re.sub(
            r"^(\s*-?\s*title:.*)$",
            lambda m: m.group(1).replace("决算", "预算"),
            text,
            flags=re.M,
        )
        path.write_text(text.replace("id: shenzhen-2020", "id: budget-test"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def budget_pdf(
    tmp_path_factory: pytest.TempPathFactory, example: builder.Loaded, budget_profile: Path
) -> Path:
    """Our own build of the example in that layout: a budget-like PDF with 公开0N表 labels."""
    profile = read_profile(budget_profile)
    report = example.computed.report.model_copy(update={"profile": profile.id})
    loaded = builder.Loaded(example.path, compute(report, profile), example.sources)
    out = tmp_path_factory.mktemp("budget")
    builder.render(loaded, out, formats=("pdf",))
    return out / f"{example.path.name}.pdf"


def test_budget_like_build_with_labels_is_refused(budget_pdf: Path, tmp_path: Path) -> None:
    text = pdf_text(budget_pdf)
    assert "公开01表" in text and "收入支出预算总表" in text and "收入支出决算总表" not in text
    figures, _ = read_pdf(budget_pdf)
    assert figures.document == "部门预算"
    with pytest.raises(UserError, match="部门预算"):
        extract(budget_pdf)
    result = CliRunner().invoke(app, ["extract", str(budget_pdf), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2 and "不是部门决算" in "".join(result.output.split())


def test_budget_tables_are_not_matched_by_their_labels(budget_pdf: Path) -> None:
    figures, _ = read_pdf(budget_pdf)
    assert "公开01" in figures.tables  # read under its label …
    assert match_tables(figures, load_profile("shenzhen-2020")) == {}  # … but it is no 决算表


def test_a_label_alone_matches_nothing_a_title_does() -> None:
    read = DocumentFigures("x")
    read.tables["公开03"] = TableFigures("公开03", "支出预算表")
    read.tables["公开02"] = TableFigures("公开02", "收入决算表")
    matched = match_tables(read, load_profile("shenzhen-2020"))
    assert set(matched) == {"公开02"}


def _line(text: str, page: int = 1, top: float = 0.0) -> Line:
    glyphs = [Glyph(ch, 10.0 * i, 10.0 * i + 9, top, top + 10, False) for i, ch in enumerate(text)]
    return Line(glyphs, page)


def test_department_is_never_the_label_itself() -> None:
    cover = [_line("部门", top=0), _line("2019年度部门决算", top=20)]
    assert identity([], cover) == ("", 2019)
    named = [*cover, _line("部门：某某区测试局", page=2)]
    assert identity([], named)[0] == "某某区测试局"
    assert identity([], [_line("部门名称：测试中心 单位：万元", page=3)])[0] == "测试中心"
    own = [_line("某市测试局", top=0), _line("2020年度部门决算", top=20)]
    assert identity([], own) == ("某市测试局", 2020)


@pytest.fixture(scope="module")
def without_expenditure_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The finance report with its 支出决算表 (pages 10–11) taken out."""
    pages = PdfReader(FINANCE).pages
    writer = PdfWriter()
    for number, page in enumerate(pages, start=1):
        if number not in (10, 11):
            writer.add_page(page)
    path = tmp_path_factory.mktemp("cut") / "finance-without-03.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert "支出决算表" not in "".join(
        ln for ln in pdf_text(path).splitlines() if ln.strip() == "支出决算表"
    )
    return path


def test_missing_table_is_extracted_as_missing_and_never_printed_as_zero(
    without_expenditure_table: Path, tmp_path: Path
) -> None:
    data, notes = extract(without_expenditure_table)
    assert data["tables"]["公开03"] == {"missing": "PDF 中未找到“支出决算表”"}
    assert any("公开03" in note and "缺失" in note for note in notes)
    source = tmp_path / "in.yaml"
    source.write_text(yaml.safe_dump(_plain(data), allow_unicode=True), encoding="utf-8")
    loaded = builder.load(source)
    assert loaded.computed.is_missing("公开03")
    builder.render(loaded, tmp_path, formats=("pdf",))
    text = without_footers(pdf_text(tmp_path / "in.pdf"))
    assert "本年支出合计0.00万元" not in text
    assert "三、支出决算情况说明" not in text  # the section states 公开03 figures: left out
    assert "二、收入决算情况说明" in text  # the others stay
    assert "本表数据缺失" in text


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    return value


@pytest.mark.parametrize(
    ("cover", "kind"),
    [
        (["某某局", "2024年度部门决算"], "部门决算"),
        (["某某区2024年区级部门预算", "预算主管部门：某某局"], "部门预算"),
        (["某项目经费绩效自评报告"], "绩效自评报告"),
        (["2020年度某某办公室", "部门整体支出绩效评价报告"], "部门整体支出绩效评价报告"),
        (["某某局", "2024年度部门决算", "目录", "附件：部门整体绩效自评报告"], "部门决算"),
    ],
)
def test_the_cover_names_the_document(cover: list[str], kind: str) -> None:
    lines = [_line(text, top=20.0 * i) for i, text in enumerate(cover)]
    assert recognise(DocumentFigures("x"), [], lines).kind == kind


def test_our_evaluation_report_is_refused_by_its_name(tmp_path: Path) -> None:
    """A document of another kind that we build ourselves (it carries its input): still
    not a 决算, so extract names it instead of returning an input for build."""
    loaded = builder.load(INPUTS / "guangzhou-2020-evaluation")
    builder.render(loaded, tmp_path, formats=("pdf",))
    result = CliRunner().invoke(
        app,
        [
            "extract",
            str(tmp_path / "guangzhou-2020-evaluation.pdf"),
            "-o",
            str(tmp_path / "x.yaml"),
        ],
    )
    assert result.exit_code == 2
    assert "部门整体支出绩效评价报告" in "".join(result.output.split())

"""Reading published PDFs back: our own exactly as generated, Shanghai's exactly as printed,
and ``extract`` turning what was read into an input that builds the same tables."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from pypdf import PdfWriter
from pypdf.generic import RectangleObject
from typer.testing import CliRunner

from generator.app import build as builder
from generator.app.extract import extract, to_yaml
from generator.cli.app import app
from generator.document.figures import DocumentFigures, clean, from_document
from generator.document.report import build_document
from generator.errors import UserError
from generator.formats.published_pdf import page as pdf_page
from generator.formats.published_pdf.grid_figures import parse_amount
from generator.formats.published_pdf.reader import read_pdf
from tests.conftest import SHARED, pdf_text

REAL = SHARED / "real-world"
FINANCE = REAL / "shanghai-putuo-finance-2024-final-accounts.pdf"
REAL_PDFS = sorted(REAL.glob("*.pdf"))
FINAL_PDFS = [p for p in REAL_PDFS if "final-accounts" in p.name]
BUDGET = REAL / "shanghai-putuo-wanli-2024-budget.pdf"
SHANGHAI_TITLES = {
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表",
    "财政拨款“三公”经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款收入支出决算表",
}

# --- transcribed by hand from the page images of the putuo-finance PDF (pages 6-7, 10-11,
# 16-17).  None is a cell printed blank.  Rows keyed by 科目编码 (类+款+项 joined), else by
# the label as printed.

FINANCE_TOTALS: dict[str, dict[str, str | None]] = {
    "收入/决算数": {
        "一、一般公共预算财政拨款收入": "2940.05",
        "二、政府性基金预算财政拨款收入": None,
        "三、国有资本经营预算财政拨款收入": None,
        "四、上级补助收入": None,
        "五、事业收入": None,
        "六、经营收入": None,
        "七、附属单位上缴收入": None,
        "八、其他收入": "6.20",
        "本年收入合计": "2946.25",
        "使用非财政拨款结余（含专用结余）": None,
        "年初结转和结余": "49.14",
        "总计": "2995.39",
    },
    "支出/决算数": {
        "一、一般公共服务支出": "2106.66",
        "二、外交支出": None,
        "三、国防支出": None,
        "四、公共安全支出": None,
        "五、教育支出": None,
        "六、科学技术支出": None,
        "七、文化旅游体育与传媒支出": None,
        "八、社会保障和就业支出": "326.71",
        "九、卫生健康支出": "60.99",
        "十、节能环保支出": None,
        "十一、城乡社区支出": None,
        "十二、农林水支出": None,
        "十三、交通运输支出": None,
        "十四、资源勘探工业信息等支出": None,
        "十五、商业服务业等支出": None,
        "十六、金融支出": None,
        "十七、援助其他地区支出": None,
        "十八、自然资源海洋气象等支出": None,
        "十九、住房保障支出": "445.69",
        "二十、粮油物资储备支出": None,
        "二十一、国有资本经营预算支出": None,
        "二十二、灾害防治及应急管理支出": None,
        "二十三、其他支出": None,
        "二十四、债务还本支出": None,
        "二十五、债务付息支出": None,
        "二十六、抗疫特别国债安排的支出": None,
        "本年支出合计": "2940.05",
        "结余分配": None,
        "年末结转和结余": "55.34",
        "总计": "2995.39",
    },
}

EXPENSE_COLUMNS = [
    "本年支出合计",
    "基本支出",
    "项目支出",
    "上缴上级支出",
    "经营支出",
    "对附属单位补助支出",
]
FINANCE_EXPENSES: dict[str, list[str | None]] = {
    "合计": ["2940.05", "2336.91", "603.14", None, None, None],
    "201": ["2106.66", "1503.52", "603.14", None, None, None],
    "20106": ["2106.66", "1503.52", "603.14", None, None, None],
    "2010601": ["1511.89", "1503.52", "8.37", None, None, None],
    "2010602": ["10.00", None, "10.00", None, None, None],
    "2010607": ["135.25", None, "135.25", None, None, None],
    "2010608": ["449.52", None, "449.52", None, None, None],
    "208": ["326.72", "326.72", None, None, None, None],
    "20805": ["326.72", "326.72", None, None, None, None],
    "2080501": ["84.65", "84.65", None, None, None, None],
    "2080505": ["160.75", "160.75", None, None, None, None],
    "2080506": ["80.38", "80.38", None, None, None, None],
    "2080599": ["0.94", "0.94", None, None, None, None],
    "210": ["60.99", "60.99", None, None, None, None],
    "21011": ["60.99", "60.99", None, None, None, None],
    "2101101": ["60.99", "60.99", None, None, None, None],
    "221": ["445.69", "445.69", None, None, None, None],
    "22102": ["445.69", "445.69", None, None, None, None],
    "2210201": ["187.19", "187.19", None, None, None, None],
    "2210203": ["258.50", "258.50", None, None, None, None],
}

FINANCE_BASIC: dict[str, str | None] = {
    # 工资福利支出 / 对个人和家庭的补助 (left group)
    "301": "2082.85",
    "30101": "262.33",
    "30102": "1238.58",
    "30103": None,
    "30106": None,
    "30107": None,
    "30108": "160.75",
    "30109": "80.38",
    "30110": "60.99",
    "30111": None,
    "30112": "1.61",
    "30113": "187.19",
    "30114": None,
    "30199": "91.03",
    "303": "69.41",
    "30301": None,
    "30302": "69.10",
    "30303": None,
    "30304": None,
    "30305": None,
    "30307": None,
    "30308": None,
    "30309": "0.31",
    "30310": None,
    "30311": None,
    "30399": None,
    # 商品和服务支出 / 资本性支出 (right group)
    "302": "171.07",
    "30201": "21.21",
    "30202": "7.61",
    "30203": None,
    "30204": "0.09",
    "30205": None,
    "30206": None,
    "30207": "4.88",
    "30208": None,
    "30209": None,
    "30211": "1.20",
    "30212": None,
    "30213": "2.83",
    "30214": None,
    "30215": None,
    "30216": "4.05",
    "30217": None,
    "30218": None,
    "30224": None,
    "30225": None,
    "30226": "2.01",
    "30227": None,
    "30228": "24.42",
    "30229": "42.77",
    "30231": None,
    "30239": "48.49",
    "30240": None,
    "30299": "11.53",
    "310": "13.58",
    "31001": None,
    "31002": "13.58",
    "31003": None,
    "31007": None,
    "31013": None,
    "31019": None,
    "31021": None,
    "31022": None,
    "31099": None,
    "人员经费合计": "2152.26",
    "公用经费合计": "184.65",
}


def _money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _printed(table: dict[tuple[str, str], Decimal | None]) -> dict[tuple[str, str], Decimal | None]:
    """Cells of rows that have a label: the blank filler rows of a two-sided table carry none."""
    return {key: value for key, value in table.items() if key[0]}


@pytest.fixture(scope="module")
def ours(example_pdf: Path) -> tuple[DocumentFigures, list[str], float]:
    started = time.perf_counter()
    figures, notes = read_pdf(example_pdf)
    return figures, notes, time.perf_counter() - started


@pytest.fixture(scope="module")
def generated(example: builder.Loaded) -> DocumentFigures:
    return from_document(build_document(example.computed), "example")


@pytest.fixture(scope="module")
def real() -> dict[str, DocumentFigures]:
    return {path.name: read_pdf(path)[0] for path in REAL_PDFS}


# --- our own PDF ---------------------------------------------------------------------------


def test_own_pdf_reads_every_cell_of_the_nine_tables(
    ours: tuple[DocumentFigures, list[str], float], generated: DocumentFigures
) -> None:
    figures, notes, _ = ours
    assert notes == []
    assert list(figures.tables) == list(generated.tables)
    for name, table in generated.tables.items():
        read = figures.tables[name]
        assert read.title == table.title
        assert read.cells == table.cells, name


def test_own_pdf_narrative_equals_the_generated_one(
    ours: tuple[DocumentFigures, list[str], float], generated: DocumentFigures
) -> None:
    figures = ours[0]

    def flat(paragraphs: list[str]) -> list[str]:
        return ["".join(p.split()) for p in paragraphs]

    assert list(figures.sections) == list(generated.sections)
    for title, paragraphs in generated.sections.items():
        assert flat(figures.sections[title]) == flat(paragraphs), title
    # across the footer "— 16 —" and the page break, one sentence
    basic = "".join(figures.sections["（六）一般公共预算财政拨款基本支出决算情况说明"])
    assert "主要包括办公费、印刷费、邮电费、差旅费" in basic


def test_own_pdf_overview_glossary_and_identity(
    ours: tuple[DocumentFigures, list[str], float], example: builder.Loaded
) -> None:
    figures = ours[0]
    doc = build_document(example.computed)
    assert figures.department == example.computed.report.department
    assert figures.year == 2020
    lines = figures.overview.splitlines()
    assert lines[0] == "（一）部门职责" and "（二）机构设置" in lines
    assert (
        "1.拟订扶贫协作、对口支援、对口帮扶、合作交流以及市内同富裕发展战略、规划、政策和年度计划，并组织实施。"
        in lines
    )
    assert [(t, clean(x)) for t, x in figures.glossary] == [
        (clean(g.term), clean(g.text)) for g in doc.glossary
    ]


# --- Shanghai 2024 -------------------------------------------------------------------------


def test_finance_income_expenditure_summary_as_printed(real: dict[str, DocumentFigures]) -> None:
    table = real[FINANCE.name].tables["收入支出决算总表"]
    expected = {
        (row, column): _money(value)
        for column, rows in FINANCE_TOTALS.items()
        for row, value in rows.items()
    }
    assert _printed(table.cells) == expected


def test_finance_expenditure_table_as_printed(real: dict[str, DocumentFigures]) -> None:
    table = real[FINANCE.name].tables["支出决算表"]
    expected = {
        (row, column): _money(value)
        for row, values in FINANCE_EXPENSES.items()
        for column, value in zip(EXPENSE_COLUMNS, values, strict=True)
    }
    assert table.cells == expected
    assert table.rows == list(FINANCE_EXPENSES)  # printed order, 类/款/项 joined
    assert table.names["2080505"] == "机关事业单位基本养老保险缴费支出"  # wrapped in its cell


def test_finance_basic_expenditure_table_as_printed(real: dict[str, DocumentFigures]) -> None:
    table = real[FINANCE.name].tables["一般公共预算财政拨款基本支出决算表"]
    expected = {(code, "决算数"): _money(value) for code, value in FINANCE_BASIC.items()}
    assert _printed(table.cells) == expected
    assert table.names["30212"] == "因公出国（境）费用"  # letter-spaced, wrapped


def test_finance_published_inconsistency_is_read_as_printed(
    real: dict[str, DocumentFigures],
) -> None:
    tables = real[FINANCE.name].tables
    assert tables["收入支出决算总表"].cells[("八、社会保障和就业支出", "支出/决算数")] == Decimal(
        "326.71"
    )
    assert tables["支出决算表"].cells[("208", "本年支出合计")] == Decimal("326.72")


def test_finance_label_printed_twice_is_kept_apart(real: dict[str, DocumentFigures]) -> None:
    cells = real[FINANCE.name].tables["财政拨款收入支出决算总表"].cells
    assert cells[("一、一般公共预算财政拨款", "收入/决算数")] == Decimal("2940.05")
    assert cells[("年初财政拨款结转和结余/一、一般公共预算财政拨款", "收入/决算数")] == Decimal(
        "21.63"
    )


MIN_ROWS = {
    "收入支出决算总表": 38,
    "收入决算表": 8,
    "支出决算表": 8,
    "财政拨款收入支出决算总表": 34,
    "一般公共预算财政拨款支出决算表": 8,
    "一般公共预算财政拨款基本支出决算表": 60,
    "财政拨款“三公”经费支出决算表": 1,
    "政府性基金预算财政拨款收入支出决算表": 1,
    "国有资本经营预算财政拨款收入支出决算表": 1,
}


@pytest.mark.parametrize("name", [p.name for p in FINAL_PDFS])
def test_every_real_pdf_has_its_nine_tables(real: dict[str, DocumentFigures], name: str) -> None:
    figures = real[name]
    assert figures.document == "部门决算"
    assert set(figures.tables) == SHANGHAI_TITLES
    for title, minimum in MIN_ROWS.items():
        assert len(figures.tables[title].rows) >= minimum, title
    assert figures.tables["财政拨款“三公”经费支出决算表"].columns[0].endswith("合计/预算数")
    assert figures.year == 2024 and figures.department
    assert len(figures.sections) >= 15 and len(figures.glossary) >= 10


def test_real_pdf_narrative_joins_lines_in_reading_order(real: dict[str, DocumentFigures]) -> None:
    """The finance PDF's content stream puts line 2 of a paragraph before line 1."""
    sections = real[FINANCE.name].sections
    assert sections["三、支出决算情况说明"] == [
        "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%；"
    ]
    details = sections["（三）一般公共预算财政拨款支出决算具体情况"]
    assert len(details) == 12 and details[1].startswith("1、一般公共服务支出（类）")


# --- amounts and broken files --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234.56", Decimal("1234.56")),
        ("", None),
        ("0.00", Decimal("0")),
        ("-", Decimal("0")),
        ("(1.50)", Decimal("-1.50")),
        ("355,798.57", Decimal("355798.57")),
    ],
)
def test_parse_amount(text: str, value: Decimal | None) -> None:
    assert parse_amount(text) == value


def test_not_a_pdf_is_a_user_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_text("not a pdf")
    with pytest.raises(UserError):
        read_pdf(bad)


def _pages(source: Path, target: Path, keep: range, turn: bool = False) -> Path:
    """A few pages of a PDF; ``turn`` stores them as portrait content under /Rotate 90,
    the way landscape tables are often saved, displayed exactly as before."""
    writer = PdfWriter(clone_from=source)
    for i in sorted(set(range(len(writer.pages))) - set(keep), reverse=True):
        del writer.pages[i]
    for page in writer.pages if turn else []:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        page.add_transformation((0, 1, -1, 0, height, 0))
        page.mediabox = page.cropbox = RectangleObject((0, 0, height, width))
        page.rotate(90)
    writer.write(target)
    return target


def test_pages_stored_rotated_read_as_displayed(
    example_pdf: Path, generated: DocumentFigures, tmp_path: Path
) -> None:
    pages = pdf_text(example_pdf).split("\f")
    first = next(i for i, text in enumerate(pages) if "公开01表" in text)
    stop = next(i for i, text in enumerate(pages) if "公开05表" in text)
    turned = _pages(example_pdf, tmp_path / "turned.pdf", range(first, stop), turn=True)
    figures, _ = read_pdf(turned)
    assert list(figures.tables) == ["公开01", "公开02", "公开03", "公开04"]
    for name, table in figures.tables.items():
        assert table.cells == generated.tables[name].cells, name


def test_tables_without_rules_are_reported_not_guessed(
    example_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    few = _pages(example_pdf, tmp_path / "few.pdf", range(0, 9))
    monkeypatch.setattr(pdf_page, "_rules", lambda page, shown: [])
    figures, notes = read_pdf(few)
    assert figures.tables == {}
    assert (
        "“收入决算表”下没有找到带框线的表格（无框线的表格暂不能按单元格读取），该表未读取" in notes
    )
    assert any(note.startswith("只找到 0 张决算表") for note in notes)


# --- extract -------------------------------------------------------------------------------


def test_extract_of_our_pdf_builds_the_same_tables(
    example_pdf: Path, generated: DocumentFigures, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reading path, as for a PDF that does not carry its input."""
    monkeypatch.setattr("generator.app.extract.embedded_input", lambda path: None)
    data, notes = extract(example_pdf)
    path = tmp_path / "input.yaml"
    path.write_text(to_yaml(data, example_pdf, notes), encoding="utf-8")
    assert "364062.40" in path.read_text(encoding="utf-8")  # amounts keep their two decimals
    rebuilt = from_document(build_document(builder.load(path).computed), "extracted")
    for name, table in generated.tables.items():
        assert rebuilt.tables[name].cells == table.cells, name
    assert data["overview"]["duties"][12] == {
        "text": "职能转变。",
        "items": [
            "加强统筹协调服务。按照党中央及省委部署要求，进一步提高政治站位，加强全市扶贫协作和合作交流工作的统筹，拟订全市扶贫协作和合作交流发展规划，进一步协调社会力量参与扶贫协作，为全国减贫与发展做出更大贡献。",
            "加强资金与项目的事中事后监管。进一步加强扶贫协作和合作交流领域资金监管，推动阳光扶贫，深化合作交流，提高资金使用效益。",
        ],
    }
    original = yaml.safe_load((builder.EXAMPLE / "glossary.yaml").read_text(encoding="utf-8"))
    assert data["glossary"] == original["glossary"]
    assert data["narrative"]["三公"] == {
        "公务用车保有量": 0,
        "公务用车购置数": 0,
        "公务接待批次": 22,
        "公务接待人数": 150,
    }


def test_extract_cli_complete_partial_unusable(example_pdf: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    ours = runner.invoke(app, ["extract", str(example_pdf), "-o", str(tmp_path / "a.yaml")])
    assert ours.exit_code == 0, ours.output
    assert (tmp_path / "a.yaml").is_file()
    shanghai = runner.invoke(app, ["extract", str(FINANCE), "-o", str(tmp_path / "b.yaml")])
    assert shanghai.exit_code == 1  # partial: reasons, budgets … and one 年初 sub-line
    assert "部分内容未能读出" in shanghai.output
    extracted = yaml.safe_load((tmp_path / "b.yaml").read_text(encoding="utf-8"))
    assert extracted["profile"] == "shanghai-2024"  # the layout is recognised by its tables
    assert extracted["tables"]["公开01"]["lines"]["208"] == pytest.approx(326.71)
    forced = runner.invoke(
        app,
        ["extract", str(FINANCE), "-o", str(tmp_path / "s.yaml"), "--profile", "shenzhen-2020"],
    )
    assert forced.exit_code == 1 and "名词解释" in forced.output
    bad = tmp_path / "bad.pdf"
    bad.write_text("not a pdf")
    unusable = runner.invoke(app, ["extract", str(bad), "-o", str(tmp_path / "c.yaml")])
    assert unusable.exit_code == 2
    assert not (tmp_path / "c.yaml").exists()


def test_our_pdf_carries_its_input_and_extract_round_trips(
    example_pdf: Path, tmp_path: Path
) -> None:
    """extract of a gen-report PDF gives back the whole input: its build diffs as identical."""
    from generator.app.sources import figures_of
    from generator.diff.compare import compare
    from generator.formats.pdf.embedded import embedded_input

    assert embedded_input(example_pdf) is not None
    target = tmp_path / "back.yaml"
    result = CliRunner().invoke(app, ["extract", str(example_pdf), "-o", str(target)])
    assert result.exit_code == 0, result.output
    original, _ = figures_of(builder.EXAMPLE)
    extracted, _ = figures_of(target)
    cmp = compare(original, extracted)
    assert cmp.same, (cmp.differences[:3], cmp.text_differences[:3])


def test_published_pdfs_carry_no_input() -> None:
    from generator.formats.pdf.embedded import embedded_input

    assert embedded_input(REAL / "shanghai-putuo-finance-2024-final-accounts.pdf") is None


def test_check_on_extracted_putuo_finds_the_published_errors(tmp_path: Path) -> None:
    """Spec README, known errors of putuo-finance: 326.71 vs 326.72, and the text's 0.3万元."""
    from generator.checks import CheckOptions

    pdf = REAL / "shanghai-putuo-finance-2024-final-accounts.pdf"
    data, notes = extract(pdf)
    path = tmp_path / "putuo.yaml"
    path.write_text(to_yaml(data, pdf, notes), encoding="utf-8")
    findings = builder.check(builder.load(path), CheckOptions()).findings
    table_error = [
        f for f in findings if f.code == "X001" and f.location.path == "tables.公开01.lines.208"
    ]
    assert table_error and "326.72" in table_error[0].message and "326.71" in table_error[0].message
    text_error = [f for f in findings if f.code == "F004" and "0.3万元" in f.message]
    assert text_error and text_error[0].location.path.startswith("narrative.公开文本.")
    assert "2,961.68" in text_error[0].message  # the 财政拨款收入支出总计 it names
    assert text_error[0].location.line is not None


def test_stages_never_import_the_use_cases() -> None:
    """formats/ (and every stage below the use cases) never imports app/, diff/ or cli/ at
    run time: the published-PDF reader keys its figures with document/figures.py, not diff/.
    (Imports under ``if TYPE_CHECKING:`` are annotations only and are not counted.)"""
    import ast

    package = Path(__file__).resolve().parents[1] / "generator"
    upward = ("generator.app", "generator.diff", "generator.cli")
    offenders = []
    for path in sorted(package.rglob("*.py")):
        if path.relative_to(package).parts[0] in ("app", "diff", "cli"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {
            id(inner)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")
            for inner in ast.walk(node)
        }
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            offenders += [f"{path.name}: {n}" for n in names if n.startswith(upward)]
    assert offenders == []

"""The 绩效评价报告 and the 项目支出绩效自评报告 as documents of their own.

Each bundled example is built once and read back; a generous sample of each
seed's text (every section heading, the score sentences, whole paragraphs)
must be in our PDF, which must not look like a 部门决算.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.app import build as builder
from generator.checks import CheckOptions
from generator.errors import UserError
from tests.conftest import REPO, SEEDS, flat, pdf_text, without_footers

GZ = REPO / "inputs" / "guangzhou-2020-evaluation"
HC = REPO / "inputs" / "hechi-2018-self-evaluation"


def seed_lines(name: str) -> list[str]:
    text = (SEEDS / name).read_text(encoding="utf-8")
    lines = (flat(line).lstrip("\ufffd") for line in text.splitlines())  # the footnote mark
    return [line for line in lines if line]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("evaluations")
    for folder in (GZ, HC):
        builder.render(builder.load(folder), out)
    return {p.name: p for p in out.iterdir()}


@pytest.fixture(scope="module")
def gz_text(builds: dict[str, Path]) -> str:
    return pdf_text(_pdf(builds, GZ))


@pytest.fixture(scope="module")
def hc_text(builds: dict[str, Path]) -> str:
    return pdf_text(_pdf(builds, HC))


def _pdf(builds: dict[str, Path], folder: Path) -> Path:
    return builds[f"{folder.name}.pdf"]


def _sample_missing(ours: str, seed: str) -> list[str]:
    """Seed lines (flattened, ≥ 8 characters) that are not in our text."""
    body = without_footers(ours)
    lines = [line for line in seed_lines(seed) if len(line) >= 8]
    assert len(lines) > 20
    return [line for line in lines if line not in body]


def test_evaluation_cover_is_the_seeds(gz_text: str) -> None:
    first_page = gz_text.split("\f")[0]
    assert "2020年度广州市协作办公室" in first_page
    assert "部门整体支出绩效评价报告" in first_page
    assert "广州零点有数数据科技有限公司" in first_page
    assert "部门决算" not in gz_text
    assert not re.search(r"公开0\d", gz_text)
    assert "目录" not in flat(gz_text)


def test_evaluation_has_every_seed_line(gz_text: str) -> None:
    # every heading and paragraph of the seed except the footnote marker line,
    # whose wrap the seed splits mid-sentence ("…限制条件" / "，故…")
    missing = _sample_missing(gz_text, "guangzhou-2020-dept-performance-evaluation.txt")
    assert [m for m in missing if not m.startswith(("，故", "和1,000"))] == []


def test_evaluation_score_sentence_and_sections(gz_text: str) -> None:
    body = without_footers(gz_text)
    assert "评定市协作办2020年度部门整体支出绩效评价得分为87.68分。" in body
    order = [
        "一、评价概况",
        "（一）部门基本情况",
        "（二）评价结论",
        "二、绩效目标情况",
        "三、主要绩效",
    ]
    order += ["四、存在问题", "五、相关建议"]
    positions = [body.index(h) for h in order]
    assert positions == sorted(positions)
    assert "①一是对口支援西藏波密县" in body  # the footnote, after the text


def test_self_evaluation_title_heads_the_first_page(hc_text: str) -> None:
    first_page = hc_text.split("\f")[0]
    assert first_page.lstrip().startswith("广东帮扶交流工作经费绩效自评报告")
    assert "根据市财政局关于财政支出项目绩效评价工作的部署安排" in flat(first_page)
    assert "部门决算" not in hc_text and not re.search(r"公开0\d", hc_text)


def test_self_evaluation_has_every_seed_line(hc_text: str) -> None:
    missing = _sample_missing(hc_text, "hechi-2018-project-self-evaluation.txt")
    # the seed's own heading variant "得分20分" is printed the profile's one way
    assert missing == ["（三）产出（满分20分，得分20分）", "（四）效果（满分40分，得分40分）"]


def test_self_evaluation_scores_as_published(hc_text: str) -> None:
    body = without_footers(hc_text)
    for heading in ("（一）投入（满分20分，得20分）", "（二）过程（满分20分，得20分）"):
        assert heading in body
    assert "（三）产出（满分20分，得20分）" in body and "（四）效果（满分40分，得40分）" in body
    assert "自评总分100分，优秀等级，已完成年度绩效目标。" in body


def test_documents_without_tables_write_no_disclosure_sheets(builds: dict[str, Path]) -> None:
    for folder in (GZ, HC):
        wb = load_workbook(builds[f"{folder.name}.xlsx"])
        assert not any(re.match(r"公开0\d", name) for name in wb.sheetnames)


@pytest.mark.parametrize("folder", [GZ, HC])
def test_examples_check_clean(folder: Path) -> None:
    result = builder.check(builder.load(folder))
    assert result.findings == []


def _checked(tmp_path: Path, source: Path, edit) -> list:
    text = edit((source / "report.yaml").read_text(encoding="utf-8"))
    target = tmp_path / "report.yaml"
    target.write_text(text, encoding="utf-8")
    return builder.check(builder.load(target), CheckOptions()).findings


def test_dimension_over_its_full_score_is_located(tmp_path: Path) -> None:
    findings = _checked(
        tmp_path, HC, lambda t: t.replace("满分: 20\n    得分: 20", "满分: 20\n    得分: 22", 1)
    )
    codes = {(f.code, f.location.path) for f in findings}
    assert ("V002", "自评报告.评价维度[0].得分") in codes
    assert ("V003", "自评报告.总分") in codes  # 22 + 20 + 20 + 40 ≠ the typed 100


def test_typed_total_that_does_not_add_up_is_located(tmp_path: Path) -> None:
    findings = _checked(tmp_path, HC, lambda t: t.replace("总分: 100", "总分: 95"))
    (finding,) = findings
    assert finding.code == "V003" and finding.location.path == "自评报告.总分"
    assert finding.location.line is not None and "95" in finding.message


def test_typed_grade_that_disagrees_is_located(tmp_path: Path) -> None:
    findings = _checked(tmp_path, HC, lambda t: t.replace("等级: 优秀", "等级: 良好"))
    assert [(f.code, f.location.path) for f in findings] == [("V003", "自评报告.等级")]


SCORING = """
  评分表:
    title: 部门整体支出绩效评价指标评分表
    指标:
      - {一级指标: 投入, 二级指标: 预算编制, 三级指标: 预算编制合理性, 分值: 60, 得分: 50, 扣分原因: 个别目标不清晰}
      - {一级指标: 产出, 二级指标: 完成情况, 三级指标: 实际完成率, 分值: 40, 得分: 37.68}
"""


def test_typed_score_contradicting_the_scoring_table_is_located(tmp_path: Path) -> None:
    findings = _checked(
        tmp_path,
        GZ,
        lambda t: t.replace("  脚注:", SCORING.lstrip("\n") + "  脚注:").replace("87.68", "88.68"),
    )
    assert [(f.code, f.location.path) for f in findings] == [("V001", "评价报告.评价结论.评价得分")]
    quiet = _checked(tmp_path, GZ, lambda t: t.replace("  脚注:", SCORING.lstrip("\n") + "  脚注:"))
    assert quiet == []


def test_score_sentence_and_table_come_from_the_scoring_table(tmp_path: Path) -> None:
    text = (GZ / "report.yaml").read_text(encoding="utf-8")
    text = text.replace("    评价得分: 87.68\n", "").replace(
        "  脚注:", SCORING.lstrip("\n") + "  脚注:"
    )
    source = tmp_path / "in.yaml"
    source.write_text(text, encoding="utf-8")
    builder.render(builder.load(source), tmp_path, formats=("pdf", "xlsx"))
    body = without_footers(pdf_text(tmp_path / "in.pdf"))
    assert "绩效评价得分为87.68分。" in body
    assert "扣分原因" in body and "个别目标不清晰" in body
    assert "90（含）-100分为优" in body  # the profile's grading legend under the table
    wb = load_workbook(tmp_path / "in.xlsx")
    assert any(name.startswith("评分表") for name in wb.sheetnames)


def test_unknown_score_block_is_a_clear_error() -> None:
    from generator.document.table_blocks import block_view
    from generator.model.table_block import TableBlock

    with pytest.raises(UserError, match="没有一级指标"):
        block_view(TableBlock.model_validate({"评分": "决策"}), "测试局", "", None)


@pytest.mark.parametrize("folder", [GZ, HC])
def test_init_gives_a_workbook_for_each_kind(folder: Path, tmp_path: Path) -> None:
    """Blank: the kind's own sheet and no 决算 sheets; filled: it reads back to the YAML model."""
    from typer.testing import CliRunner

    from generator.cli import app
    from generator.formats import load_input

    runner = CliRunner()
    blank, filled = tmp_path / "blank.xlsx", tmp_path / "filled.xlsx"
    result = runner.invoke(app, ["init", "--profile", folder.name, "-o", str(blank)])
    assert result.exit_code == 0, result.output
    names = load_workbook(blank).sheetnames
    assert ("评价报告" if folder is GZ else "自评报告") in names
    assert not {"上年数", "三公及其他", "部门评价"} & set(names)
    assert not any(re.match(r"公开0\d", name) for name in names)
    result = runner.invoke(app, ["check", str(blank)])
    assert result.exit_code == 2 and "部门名称：缺少必填项" in result.output
    result = runner.invoke(app, ["init", "--from", str(folder), "-o", str(filled)])
    assert result.exit_code == 0, result.output
    assert load_input(filled)[0].model_dump() == load_input(folder)[0].model_dump()


def test_income_and_expenditure_come_from_the_final_accounts(tmp_path: Path) -> None:
    """With 决算输入, the 部门基本情况 figures are the 决算's; typed ones are checked."""
    import shutil

    accounts = tmp_path / "决算"
    shutil.copytree(REPO / "inputs" / "shenzhen-2020", accounts)
    report = accounts / "report.yaml"
    text = report.read_text(encoding="utf-8")
    department = re.search(r"^department: (.+)$", text, re.M)[1]
    report.write_text(text.replace(department, "广州市协作办公室", 1), encoding="utf-8")
    evaluation = tmp_path / "evaluation.yaml"
    source = (GZ / "report.yaml").read_text(encoding="utf-8")
    evaluation.write_text(source.replace("  数据:", "  决算输入: 决算\n  数据:"), encoding="utf-8")

    loaded = builder.load(evaluation)
    findings = builder.check(loaded).findings
    where = {f.location.path for f in findings if f.code == "V005"}
    assert "评价报告.数据.总收入" in where and "评价报告.数据.一般公共预算财政拨款支出" in where
    accounts_total = loaded.computed.final_accounts.amount("公开01", "本年收入合计", "决算数")
    from generator.document.evaluation import finances_sentence

    sentence = finances_sentence(loaded.computed)
    assert f"部门整体总收入合计{accounts_total:,.2f}万元" in sentence

    # the typed figures removed: nothing left to disagree
    evaluation.write_text(
        re.sub(r"  数据:\n(    .+\n)+", "  决算输入: 决算\n", source), encoding="utf-8"
    )
    assert [f for f in builder.check(builder.load(evaluation)).findings if f.code == "V005"] == []


def test_a_missing_figure_leaves_the_sentence_out() -> None:
    loaded = builder.load(GZ)
    loaded.computed.report.evaluation.figures.pop("总支出")
    from generator.document.evaluation import finances_sentence

    assert finances_sentence(loaded.computed) == ""

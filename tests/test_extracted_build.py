"""extract → check → build of a real published report.

An input written by ``extract`` whose table figures are unchanged is the publisher's
report: ``check`` audits it (its contradictions are errors, located on the PDF's
pages), and ``build`` prints the figures consistent by construction, saying what it
corrected.  Any edit of a figure makes it the user's input again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from generator.app.extract import to_yaml
from generator.cli.app import app
from generator.formats import load_input
from tests.conftest import REPO, pdf_text

FINANCE = "shanghai-putuo-finance-2024-final-accounts"
PUBLISHED = (
    "公开01 八、社会保障和就业支出 决算数：原 PDF 第6–7页印 326.71，与 公开03 的 326.72 矛盾"
)
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="session")
def finance(real_inputs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return real_inputs[FINANCE]


@pytest.fixture(scope="session")
def finance_yaml(finance: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("extracted") / f"{FINANCE}.yaml"
    path.write_text(to_yaml(finance, path, []), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def finance_build(finance_yaml: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("rebuilt")
    return run("build", finance_yaml, "-o", out, "--format", "pdf"), out / f"{FINANCE}.pdf"


def edited(path: Path, old: str, new: str, tmp_path: Path) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / path.name
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def test_extract_records_the_pdf_its_pages_and_a_digest(finance_yaml: Path) -> None:
    report, _ = load_input(finance_yaml)
    assert report.source is not None
    assert report.source.pdf == f"{FINANCE}.pdf"
    assert len(report.source.sha256) == 64
    assert report.source.table_pages["公开01"] == [6, 7]
    assert report.source.text_pages["四、财政拨款收入支出决算总体情况说明"] == [21]
    assert report.unmodified_extract


def test_layout_and_comments_do_not_modify_an_extract(finance_yaml: Path, tmp_path: Path) -> None:
    # 6.20 written 6.2, a comment added: the same figures
    path = edited(finance_yaml, "其他收入: 6.20", "其他收入: 6.2  # 核对过", tmp_path)
    report, _ = load_input(path)
    assert report.unmodified_extract


def test_unmodified_extract_builds_and_prints_the_corrected_figures(finance_build) -> None:
    result, pdf = finance_build
    assert result.exit_code == 0, result.output
    assert f"更正 {PUBLISHED}；重建的报告印 326.72" in result.output
    # the 公开04 row's 合计 sums the corrected figure, and says so
    assert "公开04 八、社会保障和就业支出 合计：原 PDF 第12–14页印 326.71；" in result.output
    assert "错误 X001" not in result.output  # said once, as a correction
    text = pdf_text(pdf, layout=True)
    assert "326.71" not in text
    rows = [line.split() for line in text.splitlines() if "社会保障和就业支出" in line]
    assert ["八、社会保障和就业支出", "326.72", "326.72"] in rows  # 公开04: 合计, 一般公共预算
    assert any(row[-2:] == ["八、社会保障和就业支出", "326.72"] for row in rows)  # 公开01


def test_check_of_an_unmodified_extract_still_audits_the_publisher(finance_yaml: Path) -> None:
    result = run("check", finance_yaml, "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.output)["findings"]
    x001 = [f for f in findings if f["code"] == "X001"]
    assert {f["location"]["path"] for f in x001} == {
        "tables.公开01.lines.208",
        "tables.公开04.lines.208.一般公共预算财政拨款",
    }
    assert [f["location"]["pdf_pages"] for f in x001] == [[6, 7], [12, 13, 14]]
    assert all("corrected_by_build" not in f for f in findings)  # check corrects nothing
    text = run("check", finance_yaml).output
    assert "tables.公开01.lines.208（第" in text and "（原 PDF 第6–7页）" in text
    assert "第1句（原 PDF 第21页）" in text  # F004 on the 公开文本: sentence and page


def test_an_edited_figure_makes_it_the_users_input(finance_yaml: Path, tmp_path: Path) -> None:
    path = edited(finance_yaml, "'210': 60.99", "'210': 60.98", tmp_path)
    assert not load_input(path)[0].unmodified_extract
    result = run("build", path, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "存在错误，未生成任何文件" in result.output
    assert "X001" in result.output and "tables.公开01.lines.208（第" in result.output
    assert "更正" not in result.output
    assert not (tmp_path / "out").exists()
    # the tables are the user's now: no PDF page for them; the 公开文本 still is the PDF's
    findings = json.loads(run("check", path, "--format", "json").output)["findings"]
    tables = [f for f in findings if f["location"]["path"].startswith("tables.")]
    texts = [f for f in findings if f["location"]["path"].startswith("narrative.公开文本")]
    assert tables and all("pdf_pages" not in f["location"] for f in tables)
    assert texts and all(f["location"]["pdf_pages"] for f in texts)


def test_a_forged_digest_is_user_input(finance_yaml: Path, tmp_path: Path) -> None:
    report, _ = load_input(finance_yaml)
    assert report.source is not None
    path = edited(finance_yaml, report.source.figures_digest, "f" * 64, tmp_path)
    assert not load_input(path)[0].unmodified_extract
    result = run("build", path, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "X001" in result.output


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("  figures_digest: ", "  figures_digest: x", "source.figures_digest"),
        (
            "  table_pages:\n    公开01: [6, 7]",
            "  table_pages:\n    公开01: [0]",
            "source.table_pages",
        ),
        ("  pdf: ", "  printed: ", "source"),
    ],
)
def test_a_malformed_source_block_is_a_located_input_error(
    finance_yaml: Path, tmp_path: Path, old: str, new: str, where: str
) -> None:
    path = edited(finance_yaml, old, new, tmp_path)
    result = run("check", path)
    assert result.exit_code == 2, result.output
    assert where in result.output and "行" in result.output


def test_our_own_inputs_carry_no_pdf_pages_and_correct_nothing(tmp_path: Path) -> None:
    result = run("check", REPO / "inputs" / "shanghai-2024", "--format", "json")
    findings = json.loads(result.output)["findings"]
    assert findings and all("pdf_pages" not in f["location"] for f in findings)
    assert all("corrected_by_build" not in f for f in findings)

"""diff: cells matched by table/row/column; only changed cells and those that depend on them."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.app import build as builder
from generator.app.sources import figures_of
from generator.cli.app import app
from generator.diff.compare import compare

runner = CliRunner()


CHANGES = {
    # 公开02 住房公积金 财政拨款收入 (本年收入合计 is its row identity, typed as stated)
    '{code: "2210201", name: 住房公积金, 本年收入合计: 112.97, 财政拨款收入: 112.97}': '{code: "2210201", name: 住房公积金, 财政拨款收入: 113.97}',
    # 公开06 办公费
    '"30201": 20.78': '"30201": 21.78',
    # 公开07 决算 公务接待费
    "公务接待费: 2.66, 公务用车购置及运行费: 3.50, 合计: 6.16}": "公务接待费: 2.76, 公务用车购置及运行费: 3.50, 合计: 6.16}",
}


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with three leaf amounts changed."""
    folder = tmp_path_factory.mktemp("changed") / "ex"
    shutil.copytree(builder.EXAMPLE, folder)
    tables = folder / "tables.yaml"
    text = tables.read_text(encoding="utf-8")
    for old, new in CHANGES.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    tables.write_text(text, encoding="utf-8")
    return folder


def test_same_inputs_are_same(tmp_path: Path) -> None:
    result = runner.invoke(app, ["diff", str(builder.EXAMPLE), str(builder.EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "一致" in result.output


def test_changed_leaf_lists_only_dependent_cells(changed: Path) -> None:
    a, _ = figures_of(builder.EXAMPLE)
    b, _ = figures_of(changed)
    cells = {(d.table, d.row, d.column) for d in compare(a, b).differences}
    assert cells == {
        # the three leaves …
        ("公开02", "2210201", "财政拨款收入"),
        ("公开06", "30201", "决算数"),
        ("公开07", "", "决算数/公务接待费"),
        # … and only what is computed from them: row identity, 款, 类, 合计, group totals
        ("公开02", "2210201", "本年收入合计"),
        ("公开02", "22102", "财政拨款收入"),
        ("公开02", "22102", "本年收入合计"),
        ("公开02", "221", "财政拨款收入"),
        ("公开02", "221", "本年收入合计"),
        ("公开02", "合计", "财政拨款收入"),
        ("公开02", "合计", "本年收入合计"),
        ("公开06", "302", "决算数"),
        ("公开06", "公用经费合计", "决算数"),
        ("公开07", "", "决算数/合计"),
    }


def test_changed_figures_change_their_sentences(changed: Path) -> None:
    a, _ = figures_of(builder.EXAMPLE)
    b, _ = figures_of(changed)
    sections = {t.section for t in compare(a, b).text_differences}
    assert sections <= {
        "（二）收入决算情况说明",
        "（六）一般公共预算财政拨款基本支出决算情况说明",
        "（七）一般公共预算财政拨款“三公”经费支出决算情况说明",
        "3.公务接待费",
        "1.机关运行经费支出情况说明",
    }
    assert "3.公务接待费" in sections


def test_json_shape(changed: Path) -> None:
    result = runner.invoke(app, ["diff", str(builder.EXAMPLE), str(changed), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert set(data) == {"same", "differences", "text_differences"}
    first = data["differences"][0]
    # the spec's fields, plus B − A and whether only the typed figures differ
    assert set(first) == {"table", "row", "column", "a", "b", "difference", "typed"}
    assert first["a"].count(".") == 1 and len(first["a"].split(".")[1]) == 2


def test_tolerance_hides_small_differences(changed: Path) -> None:
    result = runner.invoke(
        app, ["diff", str(builder.EXAMPLE), str(changed), "--format", "json", "--tolerance", "5"]
    )
    assert json.loads(result.output)["differences"] == []


def test_html_report_marks_cells_and_escapes(changed: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.html"
    runner.invoke(app, ["diff", str(builder.EXAMPLE), str(changed), "--html", str(out)])
    html = out.read_text(encoding="utf-8")
    assert 'class="n diff"' in html and "公开06" in html and "<mark>" in html
    assert "<script" not in html


def test_output_workbook_equals_its_input(example_xlsx: Path) -> None:
    a, _ = figures_of(builder.EXAMPLE)
    b, _ = figures_of(example_xlsx)
    cmp = compare(a, b)
    assert cmp.differences == [] and sorted(b.tables) == sorted(a.tables)


def test_missing_file_is_unusable(tmp_path: Path) -> None:
    result = runner.invoke(app, ["diff", str(tmp_path / "a.yaml"), str(builder.EXAMPLE)])
    assert result.exit_code == 2


def test_prior_year_filled_from_last_years_version(tmp_path: Path) -> None:
    """--prior: last year's figures come from another version, matched by table/row/column."""
    this_year = tmp_path / "this"
    shutil.copytree(builder.EXAMPLE, this_year)
    narrative = this_year / "narrative.yaml"
    text = narrative.read_text(encoding="utf-8")
    start, end = text.index("  上年:"), text.index("  年初预算:")
    narrative.write_text(text[:start] + text[end:], encoding="utf-8")  # no typed prior figures
    loaded = builder.load(this_year, prior=builder.EXAMPLE)  # "last year" = the example
    prior = loaded.computed.prior
    assert prior is not None
    assert prior.value("公开01", "收入总计", "决算数") == loaded.computed.value(
        "公开01", "收入总计", "决算数"
    )
    assert prior.value("公开05", "合计", "基本支出") is not None
    from generator.narrative.write import write_narrative

    first = write_narrative(loaded.computed)[0].paragraphs[0]
    assert "与2019年度收入364,072.22万元" in first and "持平" in first


def test_the_prior_version_wins_over_typed_prior_figures(tmp_path: Path) -> None:
    """One source for every 上年 figure: --prior's printed 本年 figures, not the typed 上年
    (87,628.45); each typed one that differs is a Y001 warning (tests/test_prior.py)."""
    loaded = builder.load(builder.EXAMPLE, prior=builder.EXAMPLE)
    assert loaded.computed.prior.value("公开01", "收入总计", "决算数") == Decimal("364072.22")
    assert "Y001" in {f.code for f in builder.check(loaded).findings}


def test_formatting_is_not_a_text_difference() -> None:
    from generator.diff.compare import _text

    a = ["收入合计2,995.39万元，其中：其他收入6.20万元。", "主要原因：人员减少。"]
    b = ["收入合计2995.39万元，其中：其他收入6.2万元；主要原因：", "人员减少。"]
    assert _text("（一）", a, b) == []
    assert _text("（一）", a, ["收入合计0.3万元，其中：其他收入6.2万元。主要原因：人员减少。"])

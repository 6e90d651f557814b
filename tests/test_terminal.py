"""Text reaching the terminal is printed as typed: never read as rich markup or emoji codes."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from generator.cli import app
from tests.test_cli import SMALL

runner = CliRunner()
MARKUP = "[red]红[/red][link=file:///x]点[/x]"


def test_markup_in_a_key_and_a_value_prints_literally(tmp_path: Path) -> None:
    source = tmp_path / "in.yaml"
    text = SMALL.replace("基本支出: 10}", f'基本支出: "{MARKUP}十元"}}', 1)
    text += f'"{MARKUP}": 1\n'
    source.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(source)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "内部错误" not in result.output
    assert result.output.count(MARKUP) == 2  # the unknown key and the bad amount, as typed


def test_markup_in_the_input_path_prints_literally_in_findings_and_progress(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "[bold]部门[" / "x]"  # the path reads …/[bold]部门[/x]/…
    folder.mkdir(parents=True)
    source = folder / "[red]in.yaml"
    source.write_text(SMALL.replace("基本支出: 10}", "基本支出: 11}", 1), encoding="utf-8")
    result = runner.invoke(app, ["check", str(source)])
    assert result.exit_code == 1, result.output  # 公开03 no longer adds up
    assert str(source) in result.output
    good = folder / "[red]ok.yaml"
    good.write_text(SMALL, encoding="utf-8")
    out = folder / "[red]out"
    result = runner.invoke(app, ["build", str(good), "-o", str(out), "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    assert f"已生成 {out / 'red_ok.xlsx'}" in result.output


def test_emoji_codes_in_the_input_path_and_a_value_print_as_typed(tmp_path: Path) -> None:
    folder = tmp_path / "dept:warning:" / ":smile:"
    folder.mkdir(parents=True)
    source = folder / "in.yaml"
    text = SMALL.replace("基本支出: 10}", "基本支出: 11}", 1)
    source.write_text(text + '":thumbs_up:": 1\n', encoding="utf-8")
    result = runner.invoke(app, ["check", str(source)])
    assert result.exit_code == 2, result.output  # the unknown key
    assert str(source) in result.output and ":thumbs_up:" in result.output
    assert not {"⚠", "😄", "👍"} & set(result.output)
    source.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(source)])
    assert result.exit_code == 1 and str(source) in result.output, result.output

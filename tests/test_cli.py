"""The command line: exit codes, located one-line errors, nothing written on failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli.app import app

runner = CliRunner()

SMALL = """\
profile: shenzhen-2020
department: 测试局
year: 2020
tables:
  公开02:
    rows:
      - {code: "2011301", name: 行政运行, 财政拨款收入: 10}
  公开03:
    rows:
      - {code: "2011301", name: 行政运行, 基本支出: 10}
  公开04:
    lines: {一般公共预算财政拨款: 10}
  公开05:
    rows:
      - {code: "2011301", name: 行政运行, 基本支出: 10}
  公开06:
    lines: {"30101": 10}
narrative:
  年初预算: {"201": 10}
"""


def run(*args: str):
    return runner.invoke(app, list(args))


def test_malformed_yaml_exit_2_and_nothing_written(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("profile: [shenzhen-2020\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", str(bad), "-o", str(out))
    assert result.exit_code == 2
    assert "YAML 语法错误" in result.output and "bad.yaml" in result.output
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


def test_wrong_type_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.replace("基本支出: 10", "基本支出: 十元"), encoding="utf-8")
    result = run("build", str(bad), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "tables.公开03.rows[0].基本支出" in result.output and "第 10 行" in result.output
    assert not (tmp_path / "out").exists()


def test_unknown_profile_is_unusable(tmp_path: Path) -> None:
    bad = tmp_path / "in.yaml"
    bad.write_text(SMALL.replace("shenzhen-2020", "atlantis-1999"), encoding="utf-8")
    result = run("build", str(bad), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "atlantis-1999" in result.output


def test_missing_input_file(tmp_path: Path) -> None:
    result = run("build", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2 and "文件不存在" in result.output


def test_bad_format_option(tmp_path: Path) -> None:
    good = tmp_path / "in.yaml"
    good.write_text(SMALL, encoding="utf-8")
    result = run("build", str(good), "--format", "docx", "-o", str(tmp_path / "o"))
    assert result.exit_code == 2 and "docx" in result.output


@pytest.mark.slow
def test_build_writes_pdf_and_xlsx_and_leaves_input_alone(tmp_path: Path) -> None:
    good = tmp_path / "in.yaml"
    good.write_text(SMALL, encoding="utf-8")
    before = good.read_bytes()
    result = run("build", str(good), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["in.pdf", "in.xlsx"]
    assert good.read_bytes() == before


def test_profiles_lists_the_default() -> None:
    result = run("profiles")
    assert result.exit_code == 0 and "shenzhen-2020" in result.output

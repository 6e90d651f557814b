"""--pdf-variant pdf/a-3b: the PDF declares PDF/A-3b and still carries (and gives back) its input."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import yaml
from typer.testing import CliRunner

from generator.cli import app
from tests.test_cli import SMALL

runner = CliRunner()


def _build(tmp_path: Path, out: str, *extra: str) -> Path:
    source = tmp_path / "in.yaml"
    source.write_text(SMALL, encoding="utf-8")
    result = runner.invoke(
        app, ["build", str(source), "-o", str(tmp_path / out), "--format", "pdf", *extra]
    )
    assert result.exit_code == 0, result.output
    return tmp_path / out / "in.pdf"


def test_pdf_a_3b_declares_the_variant_and_keeps_the_input_as_its_source(tmp_path: Path) -> None:
    pdf = _build(tmp_path, "a", "--pdf-variant", "pdf/a-3b")
    reader = pypdf.PdfReader(pdf)
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfaid:part(="|>)3', xmp) and re.search(r'pdfaid:conformance(="|>)B', xmp)
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    (spec,) = (ref.get_object() for ref in root["/AF"])
    assert spec["/F"] == "gen-report-input.json" and spec["/AFRelationship"] == "/Source"
    assert spec["/EF"]["/F"].get_object()["/Subtype"] == "/application/json"
    assert reader.metadata.title == "测试局2020年度部门决算"

    back = tmp_path / "back.yaml"
    result = runner.invoke(app, ["extract", str(pdf), "-o", str(back)])
    assert result.exit_code in (0, 1), result.output
    data = yaml.safe_load(back.read_text(encoding="utf-8"))
    assert data["department"] == "测试局" and data["profile"] == "shenzhen-2020"
    rows = data["tables"]["公开03"]["rows"]
    assert rows[0]["code"] == "2011301" and float(rows[0]["values"]["基本支出"]) == 10

    again = _build(tmp_path, "b", "--pdf-variant", "pdf/a-3b")
    assert again.read_bytes() == pdf.read_bytes()  # still reproducible


def test_a_plain_build_declares_nothing_and_an_unknown_variant_is_refused(tmp_path: Path) -> None:
    root = pypdf.PdfReader(_build(tmp_path, "plain")).trailer["/Root"]
    assert "/AF" not in root and "/OutputIntents" not in root
    source = tmp_path / "in.yaml"
    result = runner.invoke(app, ["build", str(source), "--pdf-variant", "pdf/x-1a"])
    assert result.exit_code == 2 and "pdf/x-1a" in result.output

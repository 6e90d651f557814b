"""Every byte reproducible: the same input builds the same PDF and XLSX, whenever it is built.

The clock is moved a day between the two builds, so anything stamped from it
(zip entry times, ``docProps/core.xml``, a PDF date) would show up as a difference.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.app import build as builder
from generator.bundled import INPUTS

pytestmark = pytest.mark.slow  # every test here builds PDFs
EXAMPLES = sorted(p for p in INPUTS.iterdir())


def _build(path: Path, out: Path) -> dict[str, bytes]:
    built = builder.render(builder.load(path), out)
    return {f.suffix: f.read_bytes() for f in built.files}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_two_builds_a_day_apart_are_byte_identical(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = _build(example, tmp_path / "first")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 86400 + 7)
    second = _build(example, tmp_path / "second")
    assert set(first) == {".pdf", ".xlsx"}
    assert first[".pdf"] == second[".pdf"]
    assert first[".xlsx"] == second[".xlsx"]


def test_xlsx_times_come_from_source_date_epoch_or_the_report_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example: builder.Loaded
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (plain,) = builder.render(example, tmp_path / "plain", ("xlsx",)).files
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    (dated,) = builder.render(example, tmp_path / "dated", ("xlsx",)).files

    year = example.computed.report.year
    props = load_workbook(plain, read_only=True).properties
    assert props.created.year == props.modified.year == year + 1
    assert (props.created.month, props.created.day, props.created.hour) == (1, 1, 0)
    with zipfile.ZipFile(plain) as zf:
        assert {i.date_time for i in zf.infolist()} == {(year + 1, 1, 1, 0, 0, 0)}

    props = load_workbook(dated, read_only=True).properties
    assert props.created.isoformat() == props.modified.isoformat() == "2023-11-14T22:13:20"
    with zipfile.ZipFile(dated) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2023, 11, 14, 22, 13, 20)}

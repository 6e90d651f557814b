"""The joined PDF: one subset per face, compressed pages, stamped numbers, the layout cache."""

from __future__ import annotations

import multiprocessing
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from generator.app import build as builder
from generator.cli.app import app
from generator.formats.pdf import cache
from tests.conftest import REPO, pdf_text


def test_every_face_is_embedded_once(example_pdf: Path) -> None:
    listing = subprocess.run(
        ["pdffonts", str(example_pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    names = [line.split()[0] for line in listing]
    assert len(names) == len(set(names)) == 2, listing  # body (Song) and headings (Hei)
    reader = PdfReader(example_pdf)
    files = {
        font["/DescendantFonts"][0]["/FontDescriptor"].raw_get("/FontFile3").idnum
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert len(files) == 2  # every page draws with the same two font files


def test_page_contents_are_compressed(example_pdf: Path) -> None:
    reader = PdfReader(example_pdf)
    for page in reader.pages:
        contents = page["/Contents"]
        streams = contents if isinstance(contents, list) else [contents]
        for stream in streams:
            assert stream.get_object().get("/Filter") == "/FlateDecode"


def test_every_body_page_is_numbered_with_its_place(example_pdf: Path) -> None:
    pages = pdf_text(example_pdf).split("\f")[:-1]
    numbers = [re.findall(r"—\s*(\d+)\s*—", text) for text in pages]
    assert numbers[0] == numbers[1] == []  # cover and contents carry no number
    first = next(i for i, found in enumerate(numbers) if found)
    for i in range(first, len(pages)):
        assert numbers[i] == [str(i + 1)], (i, pages[i][-80:])


def _copy_example(tmp: Path) -> Path:
    folder = tmp / "shenzhen-2020"
    shutil.copytree(builder.EXAMPLE, folder)
    return folder


def _entries(folder: Path) -> set[Path]:
    return set(folder.glob("??/*"))


def test_rebuild_after_one_cell_lays_out_only_its_piece_and_matches_a_full_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "cache"
    monkeypatch.setenv("GEN_REPORT_CACHE", str(store))
    source = _copy_example(tmp_path)
    builder.render(builder.load(source), tmp_path / "first", formats=("pdf",))
    before = _entries(store)
    pieces = len(before)
    assert pieces > 20  # parts, every table and every form are pieces of their own

    projects = source / "attachments-projects.yaml"
    text = projects.read_text(encoding="utf-8")
    assert "实际完成值: 53次" in text
    projects.write_text(text.replace("实际完成值: 53次", "实际完成值: 54次"), encoding="utf-8")
    # as the user rebuilds: the command's first worker lays the piece out, the workbook
    # is written in a child beside it
    rebuilt = CliRunner().invoke(app, ["build", str(source), "-o", str(tmp_path / "cached")])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert multiprocessing.active_children() == []
    new = _entries(store) - before
    assert 1 <= len(new) <= 2  # the changed form's piece (and merged fonts, if they changed)

    monkeypatch.setenv("GEN_REPORT_CACHE", "off")
    builder.render(builder.load(source), tmp_path / "full", formats=("pdf",))
    cached = (tmp_path / "cached" / "shenzhen-2020.pdf").read_bytes()
    full = (tmp_path / "full" / "shenzhen-2020.pdf").read_bytes()
    assert cached == full
    assert "54次" in pdf_text(tmp_path / "cached" / "shenzhen-2020.pdf")
    workbook = load_workbook(tmp_path / "cached" / "shenzhen-2020.xlsx", read_only=True)
    assert any("54次" in row for sheet in workbook for row in sheet.iter_rows(values_only=True))


def test_a_damaged_cache_entry_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "cache"
    monkeypatch.setenv("GEN_REPORT_CACHE", str(store))
    loaded = builder.load(builder.EXAMPLE)
    builder.render(loaded, tmp_path / "a", formats=("pdf",))
    for entry in _entries(store):
        entry.write_bytes(b"not json\n" + entry.read_bytes()[:10])
    builder.render(loaded, tmp_path / "b", formats=("pdf",))
    monkeypatch.setenv("GEN_REPORT_CACHE", "off")
    builder.render(loaded, tmp_path / "c", formats=("pdf",))
    assert (tmp_path / "b" / "shenzhen-2020.pdf").read_bytes() == (
        tmp_path / "c" / "shenzhen-2020.pdf"
    ).read_bytes()


def test_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    for value in ("", "off", "0"):
        monkeypatch.setenv("GEN_REPORT_CACHE", value)
        assert cache.store() is None
    monkeypatch.delenv("GEN_REPORT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", "/tmp/xdg")
    assert cache.folder() == Path("/tmp/xdg/gen-report")


def test_a_face_the_probe_cannot_share_is_embedded_by_its_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When fontconfig resolves a face differently for the probe, the pieces that use it
    are laid out again with WeasyPrint embedding their own fonts: still a whole PDF."""
    from generator.formats.pdf import fonts, writer

    real = fonts.merge

    def unshared(pieces, body_font):  # type: ignore[no-untyped-def]
        merged = real(pieces, body_font)
        merged.unmatched = {name for piece in pieces for name in piece}
        return merged

    monkeypatch.setenv("GEN_REPORT_CACHE", "off")
    monkeypatch.setattr(writer.fonts, "merge", unshared)
    loaded = builder.load(REPO / "inputs" / "shanghai-2024")
    builder.render(loaded, tmp_path, formats=("pdf",))
    pdf = tmp_path / "shanghai-2024.pdf"
    text = pdf_text(pdf)
    assert "收入支出决算总表" in text and re.search(r"—\s*3\s*—", text)
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "CJK" in listing

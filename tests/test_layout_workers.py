"""The layout workers and the workbook beside them: pieces come back in order, a
worker's error is raised here as itself, a dead worker fails the build instead of
hanging it, and no child outlives the build that started it."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli.app import app
from generator.errors import UserError
from generator.formats.pdf import layout
from generator.formats.pdf.workers import Workers
from tests.test_cli import SMALL


def _pieces(count: int) -> list[tuple[str, str]]:
    return [(f'<h1 id="p{i}">第{i}段</h1>' + "<p>正文。</p>" * (i + 1), "") for i in range(count)]


def test_pieces_come_back_in_order_from_the_first_worker_and_the_later_ones() -> None:
    sources = _pieces(5)
    with Workers(2).start() as workers:  # the first worker, as a build starts it
        laid = workers.lay_out(sources)
        assert len(multiprocessing.active_children()) == 2  # the second joined for 5 pieces
    assert [p.anchors for p in laid] == [{f"p{i}": 0} for i in range(5)]
    assert all(p.pdf.startswith(b"%PDF") and p.deferred for p in laid)
    assert multiprocessing.active_children() == []


def test_one_piece_goes_to_the_started_worker_and_no_other_is_forked() -> None:
    with Workers(4).start() as workers:
        (piece,) = workers.lay_out(_pieces(1))
        assert len(multiprocessing.active_children()) == 1
    assert piece.anchors == {"p0": 0}


def test_a_workers_error_is_raised_here_as_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(piece: tuple[str, str]) -> layout.LaidOut:
        raise UserError("拒绝读取外部资源：http://example.com/x.png")

    monkeypatch.setattr(layout, "lay_out", refuse)  # the forked workers inherit it
    with pytest.raises(UserError, match="拒绝读取外部资源"), Workers(2).start() as workers:
        workers.lay_out(_pieces(3))
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_fails_the_build_instead_of_hanging_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def die(piece: tuple[str, str]) -> layout.LaidOut:
        os._exit(7)  # as the OOM killer would end it: no exception, no result

    monkeypatch.setattr(layout, "lay_out", die)
    start = time.monotonic()
    with pytest.raises(RuntimeError, match="排版进程意外退出（退出码 7）"), Workers(2) as workers:
        workers.lay_out(_pieces(2))
    assert time.monotonic() - start < 20
    assert multiprocessing.active_children() == []


def _write_pid(target: Path) -> None:
    target.write_text(str(os.getpid()), encoding="utf-8")


def test_the_workbook_is_written_in_a_child_beside_the_pdf(tmp_path: Path) -> None:
    beside, here = tmp_path / "beside", tmp_path / "here"
    with Workers(2).beside(lambda: _write_pid(beside)):
        pass
    assert beside.read_text(encoding="utf-8") != str(os.getpid())
    with Workers(1).beside(lambda: _write_pid(here)):  # one core (a batch worker): here
        assert here.read_text(encoding="utf-8") == str(os.getpid())
    assert multiprocessing.active_children() == []


def test_an_error_beside_is_raised_when_the_block_ends(tmp_path: Path) -> None:
    def full_disk() -> None:
        raise OSError(28, "No space left on device", str(tmp_path / "x.xlsx"))

    with pytest.raises(OSError) as raised, Workers(2).beside(full_disk):
        pass
    assert raised.value.errno == 28 and raised.value.filename == str(tmp_path / "x.xlsx")


def test_an_error_in_the_block_stops_the_workbook_child_first(tmp_path: Path) -> None:
    late = tmp_path / "late"

    def slow() -> None:
        time.sleep(30)
        _write_pid(late)

    start = time.monotonic()
    with pytest.raises(ValueError), Workers(2).beside(slow):
        raise ValueError("the PDF failed")
    assert time.monotonic() - start < 10  # not waited for
    assert multiprocessing.active_children() == []  # gone before temporaries are removed
    assert not late.exists()


def test_a_refused_build_leaves_no_worker_behind(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.replace('lines: {"30101": 10}', 'lines: {"30101": 12}'), encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "X002" in result.output
    assert multiprocessing.active_children() == []
    assert not (tmp_path / "out").exists()

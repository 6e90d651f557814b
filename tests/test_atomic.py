"""Both or neither: outputs appear together, undo on a failed rename, no temporaries left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator import atomic
from generator.app.build import output_name
from generator.cli import app
from generator.errors import UserError
from tests.test_cli import SMALL

runner = CliRunner()


def parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_a_failed_second_rename_puts_the_first_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    xlsx, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    xlsx.write_text("old workbook")
    real = os.replace

    def failing(src: str | Path, dst: str | Path) -> None:
        if Path(dst) == pdf:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", failing)
    with pytest.raises(UserError) as caught, atomic.replacing_all([xlsx, pdf]) as (tx, tp):
        tx.write_text("new workbook")
        tp.write_text("new pdf")
    assert "r.pdf" in str(caught.value) and "No space left" in str(caught.value)
    assert xlsx.read_text() == "old workbook"  # undone: the previous file is back
    assert not pdf.exists()
    assert parts(tmp_path) == []


def test_a_failed_second_rename_removes_a_first_file_that_is_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    xlsx, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    real = os.replace
    calls: list[Path] = []

    def failing(src: str | Path, dst: str | Path) -> None:
        calls.append(Path(dst))
        if len(calls) == 2:
            raise PermissionError(13, "Permission denied")
        real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", failing)
    with pytest.raises(UserError), atomic.replacing_all([xlsx, pdf]) as (tx, tp):
        tx.write_text("x")
        tp.write_text("p")
    assert not xlsx.exists() and not pdf.exists() and parts(tmp_path) == []


def test_a_folder_named_like_the_pdf_refuses_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "in.yaml"
    source.write_text(SMALL, encoding="utf-8")
    out = tmp_path / "out"
    (out / "in.pdf").mkdir(parents=True)
    result = runner.invoke(app, ["build", str(source), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "in.pdf" in result.output and "文件夹" in result.output
    assert "内部错误" not in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["in.pdf"]  # no XLSX, no temporaries


def test_sigterm_while_writing_removes_the_temporaries(tmp_path: Path) -> None:
    before = signal.getsignal(signal.SIGTERM)
    target = tmp_path / "r.pdf"
    with pytest.raises(atomic.Interrupted), atomic.replacing_all([target]) as (tmp,):
        tmp.write_text("half")
        assert parts(tmp_path)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler raises at the next bytecode, long before this ends
    assert not target.exists() and parts(tmp_path) == []
    assert signal.getsignal(signal.SIGTERM) == before


def test_stale_temporaries_of_dead_writers_go_at_the_next_write(tmp_path: Path) -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = tmp_path / f".r.pdf.{gone.stdout.strip()}.k3j2h1g0.part"
    running = tmp_path / f".r.xlsx.{os.getppid()}.a1b2c3d4.part"  # a live process
    dead.write_text("left by kill -9")
    running.write_text("still being written")
    unrelated = tmp_path / "notes.part"
    unrelated.write_text("not ours")
    atomic.write_text(tmp_path / "r.yaml", "x: 1\n")
    assert not dead.exists()
    assert running.exists() and unrelated.exists()


def test_a_very_long_input_name_builds(tmp_path: Path) -> None:
    source = tmp_path / ("决算" * 40 + ".yaml")  # 240 bytes of UTF-8 before the suffix
    source.write_text(SMALL, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(source), "-o", str(out), "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    (written,) = out.iterdir()
    assert written.suffix == ".xlsx" and len(written.name.encode()) <= 160
    assert written.name.startswith("决算决算")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CON.yaml", "_CON"),
        ("nul.yaml", "_nul"),
        ("Com1.yaml", "_Com1"),
        ("LPT1.yaml", "_LPT1"),
        ("aux.2020.yaml", "_aux.2020"),
        ("..yaml", "report"),
        ("部门\x01决算\x1b[31m.yaml", "部门决算_31m"),
        ("trailing. .yaml", "trailing"),
        ("财政局 2020 决算.yaml", "财政局_2020_决算"),
    ],
)
def test_output_names_are_safe_on_windows_and_posix(
    tmp_path: Path, name: str, expected: str
) -> None:
    source = tmp_path / name
    source.write_text("x: 1\n", encoding="utf-8")
    assert output_name(source) == expected

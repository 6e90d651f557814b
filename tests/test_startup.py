"""Commands load only what they use: --help, check and profiles start without the heavy
libraries, and diff reads a file once when both sides are the same file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.app import build as builder

HEAVY = ("weasyprint", "pypdfium2", "openpyxl", "pypdf", "distributed")
PROBE = """
import sys
from generator.cli import app
sys.argv = ["gen-report", *sys.argv[1:]]
try:
    app()
except SystemExit:
    pass
loaded = [m for m in {heavy!r} if m in sys.modules]
print("LOADED", ",".join(loaded))
"""


@pytest.mark.parametrize(
    "args",
    [["--help"], ["check", str(builder.EXAMPLE)], ["profiles"], ["batch", "--help"]],
    ids=lambda a: " ".join(a[:1]) + (" example" if len(a) > 1 and "/" in a[1] else ""),
)
def test_command_starts_without_heavy_libraries(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("LOADED"))
    assert line == "LOADED ", line


def test_diff_of_a_file_and_its_copy_reads_it_once(
    example_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.app import sources
    from generator.cli.diff import read_both

    calls: list[Path] = []
    real = sources.figures_of

    def counting(path: Path):  # type: ignore[no-untyped-def]
        calls.append(path)
        return real(path)

    monkeypatch.setattr(sources, "figures_of", counting)
    copy = tmp_path / "copy.pdf"
    shutil.copy(example_pdf, copy)
    (a, _), (b, _) = read_both(example_pdf, copy)
    assert calls == [example_pdf]
    assert a.tables == b.tables and a.source == str(example_pdf) and b.source == str(copy)

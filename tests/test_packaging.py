"""An installed (non-editable) gen-report runs from any folder: profiles, templates, the
bundled example and the defaults travel inside the wheel, nothing reads the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell

REPO = Path(__file__).resolve().parents[1]


def _clone(target: Path) -> Path:
    """The working tree as a clone would have it: tracked and new files, nothing ignored."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (n.decode() for n in listed)):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(source.read_bytes())
    return target


def _fill(blank: Path, filled: Path) -> None:
    """Type the figures of a filled workbook into the blank one as a user would: each
    table sheet's body cell by cell, the cover facts (封面概况) by their labels."""
    source, target = load_workbook(filled), load_workbook(blank)
    for ws in source.worksheets:
        into = target[ws.title]
        if ws.title == "封面概况":
            rows = {str(r[0].value): r for r in into.iter_rows() if r[0].value}
            pairs = [
                (cell, there)
                for r in ws.iter_rows()
                if str(r[0].value) in rows
                for cell, there in zip(r[1:], rows[str(r[0].value)][1:], strict=False)
            ]
        elif ws.title.startswith("公开"):
            pairs = [(c, into.cell(c.row, c.column)) for row in ws.iter_rows() for c in row]
        else:
            continue
        for cell, there in pairs:
            if cell.value is not None and not isinstance(there, MergedCell):
                there.value = cell.value
    target.save(blank)


@pytest.mark.slow
def test_a_non_editable_install_builds_and_inits_from_an_empty_folder(tmp_path: Path) -> None:
    src = _clone(tmp_path / "src")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # the dependencies come from this venv's site-packages (a path only: its .pth files,
    # among them the editable install's finder, are not run)
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", str(src)],
        check=True,
        capture_output=True,
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GEN_REPORT_PROFILES")}
    installed = subprocess.run(
        [python, "-c", "import generator; print(generator.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=tmp_path,
    ).stdout.strip()
    assert Path(installed).is_relative_to(site), installed  # not the checkout, not editable
    bundled = site / "generator" / "_bundled"
    assert (bundled / "profiles" / "defaults.toml").is_file()
    src.rename(tmp_path / "moved")  # nothing may read the clone it was built from

    work = tmp_path / "empty"
    work.mkdir()
    gen_report = venv / "bin" / "gen-report"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [gen_report, *args], capture_output=True, text=True, env=env, cwd=work
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done

    run("build")
    assert sorted(p.name for p in (work / "outputs").iterdir()) == [
        "shenzhen-2020.pdf",
        "shenzhen-2020.xlsx",
    ]
    # a profile that extends another finds its parent inside the wheel too
    listed = json.loads(run("profiles", "--format", "json").stdout)
    assert {p["id"]: p["extends"] for p in listed}["shenzhen-2018"] == "shenzhen-2020"
    run("check", str(bundled / "inputs" / "shenzhen-2018"))
    run("init", "-o", "x.xlsx", "--profile", "shanghai-2024")
    run("init", "--from", str(bundled / "inputs" / "shanghai-2024"), "-o", "filled.xlsx")
    _fill(work / "x.xlsx", work / "filled.xlsx")
    # the figures alone: reasons for changes are not typed, so they may be missing
    built = run("build", "x.xlsx", "--format", "pdf", "--missing-reason", "warning")
    assert (work / "outputs" / "x.pdf").stat().st_size > 10_000, built.stdout

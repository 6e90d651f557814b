"""gen-report batch: many departments, past failures, a summary, skipping what did not change."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from generator.cli import app
from tests.conftest import pdf_text
from tests.corpus import EXAMPLES, variant

runner = CliRunner()


def small(example: Path, target: Path, seed: int, broken: bool = False) -> Path:
    """A generated department without attachments: a few pages, quick to build."""
    folder = variant(example, target, seed, broken=broken)
    for attachment in folder.glob("attachments*.yaml"):
        attachment.unlink()
    return folder


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two departments that build, one that check refuses, one whose input is unreadable."""
    root = tmp_path_factory.mktemp("city")
    small(EXAMPLES[1], root, 1)  # guangzhou-2017
    small(EXAMPLES[2], root, 2)  # shanghai-2024
    small(EXAMPLES[1], root, 3, broken=True)
    unreadable = root / "unreadable"
    unreadable.mkdir()
    (unreadable / "report.yaml").write_text("profile: [unclosed\n", encoding="utf-8")
    return root


def batch(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["batch", *args])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def first_run(city: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    out = tmp_path_factory.mktemp("city-out")
    code, output = batch(str(city), "-o", str(out))
    return out, code, output


def test_builds_what_passes_and_reports_the_rest(first_run: tuple[Path, int, str]) -> None:
    out, code, output = first_run
    assert code == 1, output  # some refused
    built = sorted(p.stem for p in out.glob("*.pdf"))
    assert built == ["guangzhou-2017-01", "shanghai-2024-02"]
    assert sorted(p.stem for p in out.glob("*.xlsx") if p.stem != "summary") == built
    assert "广州市" in pdf_text(out / "guangzhou-2017-01.pdf")
    assert not list(out.glob("*.part"))
    assert "guangzhou-2017-03-broken" in output and "unreadable" in output


def test_summary_workbook_lists_every_department_and_its_findings(
    first_run: tuple[Path, int, str],
) -> None:
    out, _, _ = first_run
    wb = load_workbook(out / "summary.xlsx")
    rows = {r[0]: r for r in wb["汇总"].iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {
        "guangzhou-2017-01", "shanghai-2024-02", "guangzhou-2017-03-broken", "unreadable",
    }  # fmt: skip
    assert rows["guangzhou-2017-01"][2] == "已生成" and rows["guangzhou-2017-01"][6] > 1
    broken = rows["guangzhou-2017-03-broken"]
    assert broken[2] == "有错误，未生成" and broken[3] >= 1 and broken[7] is None
    assert rows["unreadable"][2] == "有错误，未生成"
    findings = list(wb["问题清单"].iter_rows(min_row=2, values_only=True))
    errors = [f for f in findings if f[0] == "guangzhou-2017-03-broken" and f[1] == "错误"]
    assert errors and all(f[2] and "tables.yaml" in f[3] for f in errors)
    unreadable = [f for f in findings if f[0] == "unreadable"]
    assert unreadable and "report.yaml" in unreadable[0][5]
    links = {c.value: c.hyperlink.target for c in wb["汇总"]["H"] if c.hyperlink}
    assert links == {
        "guangzhou-2017-01.pdf": "guangzhou-2017-01.pdf",
        "shanghai-2024-02.pdf": "shanghai-2024-02.pdf",
    }


def test_index_html_links_outputs_and_findings(first_run: tuple[Path, int, str]) -> None:
    out, _, _ = first_run
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="guangzhou-2017-01.pdf">PDF</a>' in page
    assert '<a href="shanghai-2024-02.xlsx">XLSX</a>' in page
    anchors = re.findall(r'<a href="#(d\d+)">', page)
    for anchor in anchors:
        assert f'id="{anchor}"' in page
    assert "共 4 个部门：2 个完成，2 个有错误未生成" in page
    assert "<script" not in page


def test_a_second_run_rebuilds_nothing_and_force_rebuilds_all(
    city: Path, first_run: tuple[Path, int, str]
) -> None:
    out, _, _ = first_run
    pdf = out / "guangzhou-2017-01.pdf"
    before = pdf.stat().st_mtime_ns
    code, output = batch(str(city), "-o", str(out))
    assert code == 1
    assert "其中 2 个未改动" in output
    assert pdf.stat().st_mtime_ns == before
    state = json.loads((out / ".gen-report-batch.json").read_text(encoding="utf-8"))
    assert set(state) == {p.name for p in city.iterdir()}

    # an edited input is built again, the others are not
    report = city / "shanghai-2024-02" / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    other = out / "shanghai-2024-02.pdf"
    other_before = other.stat().st_mtime_ns
    code, output = batch(str(city), "-o", str(out))
    assert "其中 1 个未改动" in output
    assert other.stat().st_mtime_ns != other_before and pdf.stat().st_mtime_ns == before

    code, output = batch(str(city), "-o", str(out), "--force")
    assert "其中 0 个未改动" in output
    assert pdf.stat().st_mtime_ns != before


def test_check_only_writes_the_summary_and_no_reports(city: Path, tmp_path: Path) -> None:
    code, output = batch(str(city), "-o", str(tmp_path), "--check-only")
    assert code == 1, output
    assert not list(tmp_path.glob("*.pdf"))
    assert (tmp_path / "summary.xlsx").exists() and (tmp_path / "index.html").exists()
    rows = list(
        load_workbook(tmp_path / "summary.xlsx")["汇总"].iter_rows(min_row=2, values_only=True)
    )
    assert sorted(r[2] for r in rows).count("已检查") == 2


def test_all_built_exits_0(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    small(EXAMPLES[2], inputs, 7)
    code, output = batch(str(inputs), "-o", str(tmp_path / "out"))
    assert code == 0, output


def test_a_manifest_names_the_inputs(city: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "departments.txt"
    manifest.write_text(f"# two departments\n{city / 'guangzhou-2017-01'}\n", encoding="utf-8")
    code, output = batch(str(manifest), "-o", str(tmp_path / "out"), "--check-only")
    assert code == 0, output
    rows = list(
        load_workbook(tmp_path / "out" / "summary.xlsx")["汇总"].iter_rows(
            min_row=2, values_only=True
        )
    )
    assert [r[0] for r in rows] == ["guangzhou-2017-01"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["/nonexistent/city"], "找不到"),
        (["--scheduler", "localhost:8786"], "tcp://"),
    ],
)
def test_unusable_arguments_exit_2(
    city: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    full = [*args] if args[0].startswith("/") else [str(city), *args]
    code, output = batch(*full, "-o", str(tmp_path))
    assert code == 2 and message in output, output


def test_an_empty_folder_is_unusable(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, output = batch(str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert code == 2 and "没有输入" in output


def test_dask_cluster_gives_the_local_outputs(
    city: Path, first_run: tuple[Path, int, str], tmp_path: Path
) -> None:
    import distributed  # a declared dependency: missing it is a failure, not a skip

    local, _, _ = first_run
    out = tmp_path / "dask"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        code, output = batch(
            str(city), "-o", str(out), "--scheduler", cluster.scheduler_address, "--force"
        )
    assert code == 1, output
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == sorted(p.name for p in local.iterdir() if not p.name.startswith("."))
    for name in names:
        assert (out / name).read_bytes() == (local / name).read_bytes(), name

"""Layouts are data: three profiles, no region or year in the package, located profile errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.app import build as builder
from generator.cli.app import app
from generator.compute.report import compute
from generator.document.report import build_document
from generator.errors import UserError
from generator.model.performance import PerformanceTarget
from generator.profiles.loader import BUNDLED, available, load_profile, read_profile

REPO = Path(__file__).resolve().parents[1]
BUNDLED_PROFILES = {"shenzhen-2020", "guangzhou-2017", "shanghai-2024"}
# Region names and years; the YAML spec's own tag URI (tag:yaml.org,2002:…) is not a year.
FORBIDDEN = re.compile(
    r"深圳|广州|上海|普陀|shenzhen|guangzhou|shanghai|(?<![0-9xX])(?:19|20)\d{2}(?!\d)",
    re.IGNORECASE,
)


def test_no_python_module_names_a_region_or_a_year() -> None:
    offenders = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if FORBIDDEN.search(line.replace("tag:yaml.org,2002:", "")):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []


def test_every_bundled_profile_loads_and_is_listed() -> None:
    assert set(available()) >= BUNDLED_PROFILES
    for profile_id in BUNDLED_PROFILES:
        profile = read_profile(BUNDLED / profile_id)
        assert profile.id == profile_id and profile.tables and profile.catalog.classes
    result = CliRunner().invoke(app, ["profiles"])
    assert result.exit_code == 0, result.output
    for profile_id in BUNDLED_PROFILES:
        assert profile_id in result.output


@pytest.mark.parametrize("profile_id", sorted(BUNDLED_PROFILES))
def test_init_writes_a_workbook_for_each_profile(profile_id: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / f"{profile_id}.xlsx"
    result = CliRunner().invoke(app, ["init", "--profile", profile_id, "-o", str(target)])
    assert result.exit_code == 0, result.output
    sheets = load_workbook(target, read_only=True).sheetnames
    tables = [t.id for t in read_profile(BUNDLED / profile_id).tables]
    assert all(any(t in name for name in sheets) for t in tables), (tables, sheets)


def test_a_broken_profile_gets_a_located_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "mycity-2025"
    shutil.copytree(BUNDLED / "shenzhen-2020", folder)
    (folder / "profile.yaml").write_text(
        (folder / "profile.yaml")
        .read_text(encoding="utf-8")
        .replace("id: shenzhen-2020", "id: mycity-2025"),
        encoding="utf-8",
    )
    tables = folder / "tables.yaml"
    text = tables.read_text(encoding="utf-8")
    tables.write_text(text.replace("kind: classified", "kind: clasified", 1), encoding="utf-8")
    with pytest.raises(UserError) as exc:
        read_profile(folder)
    message = str(exc.value)
    assert "tables.yaml" in message and "kind" in message and "第" in message
    # a new layout is one folder away: found through GEN_REPORT_PROFILES
    tables.write_text(text, encoding="utf-8")
    monkeypatch.setenv("GEN_REPORT_PROFILES", str(tmp_path))
    assert "mycity-2025" in available()


def test_attachment_titles_come_from_the_profile(example: builder.Loaded) -> None:
    """An input that names no 附件 title gets each of the profile's four, not a model default."""
    report = example.computed.report
    att = report.attachments
    assert att.department_self_evaluation and att.project_self_evaluations
    assert att.department_evaluations
    untitled = att.model_copy(
        update={
            "department_self_evaluation": att.department_self_evaluation.model_copy(
                update={"title": ""}
            ),
            "project_self_evaluations_title": "",
            "department_evaluations_title": "",
            "performance_targets": [PerformanceTarget.model_validate({"项目名称": "示例项目"})],
        }
    )
    doc = build_document(
        compute(report.model_copy(update={"attachments": untitled}), example.computed.profile)
    )
    year = report.year
    assert [a.title for a in doc.attachments] == [
        f"{year}年度部门整体绩效自评报告",
        "项目支出绩效自评表",
        f"{year}年度项目支出部门评价报告",
        f"{year + 1}年度项目绩效目标表",
    ]


def test_a_title_the_profile_leaves_out_has_a_default() -> None:
    document = load_profile("shanghai-2024").document
    assert "department_evaluations" not in document.attachment_titles
    assert document.attachment_title_templates["department_evaluations"] == "项目支出部门评价报告"


def test_a_table_without_what_its_kind_needs_is_located(tmp_path: Path) -> None:
    """The economic table declares its one figure column; without it the profile is refused."""
    folder = tmp_path / "shenzhen-2020"
    shutil.copytree(BUNDLED / "shenzhen-2020", folder)
    tables = folder / "tables.yaml"
    text = tables.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.strip().startswith("columns: [{id: 决算数}]"))
    tables.write_text(text.replace(line + "\n", ""), encoding="utf-8")
    with pytest.raises(UserError) as exc:
        read_profile(folder)
    message = str(exc.value)
    assert "公开06" in message and "economic" in message and "columns" in message
    assert "tables.yaml" in message and "第" in message

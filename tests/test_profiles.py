"""Layouts are data: three profiles, no region or year in the package, located profile errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli.app import app
from generator.errors import UserError
from generator.profiles.loader import BUNDLED, available, read_profile

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

"""YAML input: exact decimals, located errors, YAML 1.2 booleans, duplicate keys."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.bundled import INPUTS, PROFILES
from generator.errors import InputErrors, UserError
from generator.formats import load_input
from generator.formats.yaml_input.source import format_path, read_yaml, read_yaml_tree


def write(tmp_path: Path, text: str, name: str = "in.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_numbers_are_exact_decimals_and_lines_are_known(tmp_path: Path) -> None:
    data, smap = read_yaml(write(tmp_path, "a:\n  b: 873.63\n  c: 0.1\n"))
    assert data["a"]["b"] == Decimal("873.63")
    assert data["a"]["c"] + Decimal("0.2") == Decimal("0.3")
    loc = smap.find(("a", "c"))
    assert loc is not None and loc.line == 3 and loc.path == "a.c"


def test_every_location_names_its_path_as_format_path_does(tmp_path: Path) -> None:
    """The reader grows each node's path text from its parent's; it must read exactly as
    ``format_path`` writes the key path, for nested lists and a section prefix too."""
    files = [(f, ()) for f in sorted(INPUTS.rglob("*.yaml"))]
    files += [(f, (f.stem,)) for f in sorted(PROFILES.rglob("*.yaml"))]
    files.append((write(tmp_path, "a:\n  - [1, {b: 2}]\n  - c: {d: [x]}\n2020: y\n"), ()))
    checked = 0
    for file, prefix in files:
        _, smap = read_yaml(file, prefix)
        for key, location in smap._locations.items():
            assert location.path == format_path(key), (file, key)
            checked += 1
    assert checked > 10_000


def test_no_and_yes_stay_text(tmp_path: Path) -> None:
    data, _ = read_yaml(write(tmp_path, "no: 1\nanswer: yes\nflag: true\n"))
    assert data == {"no": 1, "answer": "yes", "flag": True}


def test_duplicate_key_is_an_error_with_line(tmp_path: Path) -> None:
    with pytest.raises(UserError) as exc:
        read_yaml(write(tmp_path, "a: 1\nb: 2\na: 3\n"))
    assert "重复" in exc.value.message and exc.value.location.line == 3


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "a: [1, 2\nb: 3\n")
    with pytest.raises(UserError) as exc:
        read_yaml(path)
    assert exc.value.location.file == str(path)
    assert exc.value.location.line is not None


def test_folder_merges_mappings_and_rejects_clashes(tmp_path: Path) -> None:
    write(tmp_path, "attachments:\n  a: 1\n", "one.yaml")
    write(tmp_path, "attachments:\n  b: 2\n", "two.yaml")
    data, _ = read_yaml_tree(tmp_path)
    assert data["attachments"] == {"a": 1, "b": 2}
    write(tmp_path, "attachments:\n  b: 3\n", "three.yaml")
    with pytest.raises(UserError):
        read_yaml_tree(tmp_path)


def test_wrong_types_are_located(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "profile: shenzhen-2020\ndepartment: 测试局\nyear: 二〇二〇\ntables:\n"
        "  公开03:\n    rows:\n      - {code: '2011301', 基本支出: 12元}\n",
    )
    with pytest.raises(InputErrors) as exc:
        load_input(path)
    found = {(e.location.path, e.location.line) for e in exc.value.errors}
    assert ("year", 3) in found
    assert ("tables.公开03.rows[0].基本支出", 7) in found


def test_amount_text_forms_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "profile: shenzhen-2020\ndepartment: 测试局\nyear: 2020\ntables:\n  公开03:\n    rows:\n"
        "      - {code: '2011301', 基本支出: '1,234.50', 项目支出: '１２３', 经营支出: '-'}\n"
        "      - {code: 2011302, 基本支出: 5}\n",
    )
    report, _ = load_input(path)
    rows = report.tables["公开03"].rows
    assert rows[0].values == {
        "基本支出": Decimal("1234.50"),
        "项目支出": Decimal("123"),
        "经营支出": None,
    }
    assert rows[1].code == "2011302"

"""``extends``: a profile takes the files it lacks from another, and overrides its keys.

Profiles are written into a temporary folder on ``GEN_REPORT_PROFILES``; the parent
is a renamed copy of shenzhen-2020, so a test may edit it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.app.batch import Job, content_hash
from generator.checks.context import CheckOptions
from generator.cli.app import app
from generator.errors import InputErrors, Location, UserError
from generator.profiles.loader import BUNDLED, available, lineage, load_profile, read_profile

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder of one's own profiles, with ``base-2020`` (shenzhen-2020 renamed) in it."""
    root = tmp_path / "profiles"
    shutil.copytree(BUNDLED / "shenzhen-2020", root / "base-2020")
    head = root / "base-2020" / "profile.yaml"
    head.write_text(
        head.read_text(encoding="utf-8").replace("id: shenzhen-2020", "id: base-2020"),
        encoding="utf-8",
    )
    monkeypatch.setenv("GEN_REPORT_PROFILES", str(root))
    load_profile.cache_clear()
    yield root
    load_profile.cache_clear()


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def where(exc: UserError) -> Location:
    first = exc.errors[0] if isinstance(exc, InputErrors) else exc
    assert first.location is not None, exc
    return first.location


def child(root: Path, name: str, parent: str, extra: str = "") -> Path:
    write(root / name, "profile.yaml", f"extends: {parent}\nname: {name}\nyear: 2021\n{extra}")
    return root / name


def test_a_child_takes_every_file_it_lacks_from_its_parent(own: Path) -> None:
    folder = child(own, "child-2021", "base-2020")
    profile, parent = read_profile(folder), read_profile(own / "base-2020")
    assert (profile.id, profile.extends, profile.year, profile.name) == (
        "child-2021",
        "base-2020",
        2021,
        "child-2021",
    )
    # what the child says about itself is its own: the parent's region and description stay
    assert (profile.region, profile.description) == ("", "")
    skip = {"id", "extends", "name", "year", "region", "description"}
    assert profile.model_dump(exclude=skip) == parent.model_dump(exclude=skip)
    assert [t.id for t in profile.tables] == [f"公开{i:02}" for i in range(1, 10)]


def test_a_child_file_overrides_the_top_level_keys_it_gives(own: Path) -> None:
    folder = child(own, "child-2021", "base-2020", "display:\n  zero: '0.00'\n")
    write(
        folder,
        "catalog.yaml",
        "classes:\n  - {code: '201', name: 一般公共服务}\n  - {code: '205', name: 教育}\n",
    )
    profile, parent = read_profile(folder), read_profile(own / "base-2020")
    # the key given replaces the parent's whole, one level down nothing is merged
    assert [(c.code, c.name) for c in profile.catalog.classes] == [
        ("201", "一般公共服务"),
        ("205", "教育"),
    ]
    assert profile.display.zero == "0.00" and profile.display.decimals == 2
    # the keys not given are the parent's: 款/项 codes, the document, the narrative
    assert profile.catalog.codes == parent.catalog.codes
    assert profile.document == parent.document
    assert profile.narrative == parent.narrative


def test_an_error_is_located_in_the_file_that_wrote_it(own: Path) -> None:
    folder = child(own, "child-2021", "base-2020")
    write(folder, "glossary.yaml", "numbering: roman\n")
    with pytest.raises(UserError) as exc:
        read_profile(folder)
    assert (where(exc.value).file, where(exc.value).line) == (str(folder / "glossary.yaml"), 1)
    # an inherited mistake is the parent's file's, with its line
    (folder / "glossary.yaml").unlink()
    tables = own / "base-2020" / "tables.yaml"
    tables.write_text(
        tables.read_text(encoding="utf-8").replace("kind: classified", "kind: clasified", 1),
        encoding="utf-8",
    )
    with pytest.raises(UserError) as exc:
        read_profile(folder)
    assert where(exc.value).file == str(tables) and where(exc.value).line


def test_a_chain_of_parents_is_followed(own: Path) -> None:
    child(own, "middle-2021", "base-2020", "display:\n  zero: '0.00'\n")
    folder = child(own, "leaf-2022", "middle-2021")
    profile = read_profile(folder)
    assert profile.display.zero == "0.00" and profile.extends == "middle-2021"
    assert profile.tables == read_profile(own / "base-2020").tables
    assert lineage("leaf-2022") == [folder, own / "middle-2021", own / "base-2020"]


def test_an_unknown_parent_is_named_where_profile_yaml_writes_it(own: Path) -> None:
    folder = child(own, "child-2021", "nowhere-2020")
    with pytest.raises(UserError) as exc:
        read_profile(folder)
    assert (where(exc.value).file, where(exc.value).line) == (str(folder / "profile.yaml"), 1)
    assert "nowhere-2020" in exc.value.message and "base-2020" in exc.value.message


def test_a_cycle_is_refused_where_it_closes(own: Path) -> None:
    child(own, "a-2021", "b-2021")
    folder_b = child(own, "b-2021", "a-2021")
    with pytest.raises(UserError) as exc:
        read_profile(own / "a-2021")
    assert (where(exc.value).file, where(exc.value).line) == (str(folder_b / "profile.yaml"), 1)
    assert "a-2021 → b-2021 → a-2021" in exc.value.message
    # a profile extending itself is the shortest cycle
    folder = child(own, "self-2021", "self-2021")
    with pytest.raises(UserError, match="self-2021 → self-2021"):
        read_profile(folder)
    # `gen-report profiles` lists the broken ones with their place and the others whole
    result = CliRunner().invoke(app, ["profiles", "--format", "json"])
    assert result.exit_code == 2, result.output
    listed = {p["id"]: p for p in json.loads(result.stdout[: result.stdout.rindex("]") + 1])}
    assert "errors" in listed["a-2021"] and "profile.yaml" in listed["a-2021"]["errors"][0]
    assert listed["base-2020"]["extends"] is None


def test_profiles_shows_the_parent(own: Path) -> None:
    child(own, "child-2021", "base-2020")
    result = CliRunner().invoke(app, ["profiles"])
    assert result.exit_code == 0, result.output
    block = result.output[result.output.index("child-2021") :]
    assert "继承" in block.split("表")[0] and "base-2020" in block.split("表")[0]
    result = CliRunner().invoke(app, ["profiles", "--format", "json"])
    listed = {p["id"]: p for p in json.loads(result.stdout)}
    assert listed["child-2021"]["extends"] == "base-2020"
    assert listed["shenzhen-2018"]["extends"] == "shenzhen-2020"


def test_the_batch_content_hash_follows_the_parent(own: Path) -> None:
    """A child's department is rebuilt when a file it inherits changes, and only then."""
    child(own, "child-2021", "base-2020")
    job, options = Job("dept", REPO / "inputs" / "shenzhen-2020"), CheckOptions()
    before = content_hash(job, "child-2021", options, False)
    assert content_hash(job, "child-2021", options, False) == before
    shutil.copytree(BUNDLED / "guangzhou-2017", own / "guangzhou-2017")  # not in the chain
    assert content_hash(job, "child-2021", options, False) == before
    tables = own / "base-2020" / "tables.yaml"
    tables.write_text(tables.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert content_hash(job, "child-2021", options, False) != before


def test_a_parent_added_later_changes_the_hash(own: Path) -> None:
    """A department refused for its missing parent is tried again once the parent exists."""
    child(own, "child-2021", "later-2020")
    job, options = Job("dept", REPO / "inputs" / "shenzhen-2020"), CheckOptions()
    before = content_hash(job, "child-2021", options, False)
    assert lineage("child-2021") == [own / "child-2021"]
    child(own, "later-2020", "base-2020")
    assert lineage("child-2021") == [own / "child-2021", own / "later-2020", own / "base-2020"]
    assert content_hash(job, "child-2021", options, False) != before


def test_no_bundled_profile_copies_a_file_of_its_parent() -> None:
    """The point of ``extends``: a file the parent has is inherited, not copied."""
    bundled = {p: f for p, f in available().items() if f.parent == BUNDLED}
    assert load_profile("shenzhen-2018").extends == "shenzhen-2020"
    for profile_id, folder in bundled.items():
        parent = load_profile(profile_id).extends
        if parent is None:
            continue
        for file in folder.glob("*.yaml"):
            theirs = bundled[parent] / file.name
            assert not (theirs.exists() and theirs.read_bytes() == file.read_bytes()), file

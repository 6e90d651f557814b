"""Find, read and validate profile folders.

The bundled profiles live in ``profiles/`` (see ``generator.bundled``); ``GEN_REPORT_PROFILES``
(a path list) adds folders of one's own, so a finance bureau can ship its
layout without touching this code.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.bundled import PROFILES
from generator.errors import Location, UserError
from generator.formats.validation import located_errors
from generator.formats.yaml_input.source import PathKey, SourceMap, read_yaml
from generator.profiles.schema import NarrativeSection, Profile
from generator.tables.registry import kind_of
from generator.text import shown

BUNDLED = PROFILES


def search_path() -> list[Path]:
    extra = os.environ.get("GEN_REPORT_PROFILES", "")
    return [Path(p) for p in extra.split(os.pathsep) if p] + [BUNDLED]


def available() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for root in search_path():
        if root.is_dir():
            for folder in sorted(root.iterdir()):
                if (folder / "profile.yaml").is_file():
                    found.setdefault(folder.name, folder)
    return found


@cache
def load_profile(profile_id: str) -> Profile:
    folders = available()
    if profile_id not in folders:
        known = "、".join(folders) or "（无）"
        raise UserError(f"未知的 profile {shown(profile_id)}，可用：{known}")
    return read_profile(folders[profile_id])


def input_profile(profile_id: str, where: Location | None) -> Profile:
    """The profile an input names; an unknown one is reported where the input names it."""
    try:
        return load_profile(profile_id)
    except UserError as exc:
        if exc.location is None and where is not None:
            raise UserError(exc.message, where) from None
        raise


PROFILE_FILE = "profile.yaml"
# what a profile says about itself: a child states its own, never its parent's
IDENTITY = ("id", "name", "year", "region", "description", "extends")


@dataclass
class _File:
    """One profile file as read: its content, where each value was written, and where
    the content lands in the profile (``("catalog",)`` for ``catalog.yaml``)."""

    content: Any
    smap: SourceMap
    base: PathKey


def _own_files(folder: Path) -> dict[str, _File]:
    files: dict[str, _File] = {}
    for file in sorted(folder.glob("*.y*ml")):
        section = file.stem if file.stem in Profile.model_fields and file.stem != "tables" else None
        base: PathKey = (section,) if section else ()
        content, fmap = read_yaml(file, base)
        if not section and not isinstance(content, dict):
            raise UserError("文件顶层必须是键值映射（mapping）", Location(str(file), line=1))
        files[file.name] = _File(content, fmap, base)
    return files


def _parent(files: dict[str, _File]) -> tuple[Any, Location | None]:
    """The id ``profile.yaml`` names in ``extends`` (or None), and where it is written."""
    head = files.get(PROFILE_FILE)
    if head is None or "extends" not in head.content:
        return None, None
    return head.content["extends"], head.smap.find(("extends",))


def _inherit(parent: dict[str, _File], child: dict[str, _File]) -> dict[str, _File]:
    """A file the child lacks is the parent's; a file it has replaces, key by top-level
    key, what the parent's file of the same name says (one level: a key's value is
    replaced whole, never merged further down)."""
    merged = dict(parent)
    for name, own in child.items():
        theirs = merged.get(name)
        if theirs is None or not (
            isinstance(theirs.content, dict) and isinstance(own.content, dict)
        ):
            merged[name] = own
            continue
        dropped = set(own.content) | (set(IDENTITY) if name == PROFILE_FILE else set())
        smap = SourceMap()
        smap.update(theirs.smap)
        for key in dropped:
            smap.drop((*own.base, key))
        smap.update(own.smap)
        content = {k: v for k, v in theirs.content.items() if k not in dropped}
        merged[name] = _File({**content, **own.content}, smap, own.base)
    return merged


def _files(folder: Path, chain: tuple[str, ...]) -> dict[str, _File]:
    """The folder's files over those of the profile it extends, and so on up the chain."""
    own = _own_files(folder)
    parent, where = _parent(own)
    if parent is None:
        return own
    where = where or Location(str(folder / PROFILE_FILE))
    if not isinstance(parent, str) or not parent:
        raise UserError(
            f"extends 应为另一个 profile 的 id（文件夹名），而不是 {shown(parent)}", where
        )
    if parent in chain:
        cycle = " → ".join((*chain, parent))
        raise UserError(f"profile 的 extends 形成循环：{cycle}", where)
    folders = available()
    if parent not in folders:
        known = "、".join(f for f in folders if f not in chain) or "（无）"
        raise UserError(f"extends 指向未知的 profile {shown(parent)}，可用：{known}", where)
    return _inherit(_files(folders[parent], (*chain, parent)), own)


def lineage(profile_id: str) -> list[Path]:
    """The folders a profile is read from, its own first, then each parent's: what must
    be hashed to know whether it changed.  It stops quietly where the chain is broken
    (``load_profile`` is the one that reports it), so a parent added later lengthens it."""
    folders = available()
    found: list[Path] = []
    name: Any = profile_id
    while isinstance(name, str) and name in folders and folders[name] not in found:
        found.append(folders[name])
        try:
            head, _ = read_yaml(folders[name] / PROFILE_FILE)
        except UserError:
            break
        name = head.get("extends") if isinstance(head, dict) else None
    return found


def read_profile(folder: Path) -> Profile:
    """A file named after a profile section (``catalog.yaml``) holds that section;
    ``profile.yaml`` and any other file hold top-level keys.  ``extends: <id>`` in
    ``profile.yaml`` takes the files this folder lacks from that profile (docs/profiles.md)."""
    data: dict[str, Any] = {}
    smap = SourceMap()
    files = _files(folder, (folder.name,))
    for file in (files[name] for name in sorted(files)):
        smap.update(file.smap)
        if file.base:
            data[file.base[0]] = file.content
            continue
        for key, value in file.content.items():
            if key in data:
                raise UserError(f"“{key}”在多个文件中重复出现", file.smap.find((key,)))
            data[key] = value
    data.setdefault("id", folder.name)
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        raise located_errors(exc, smap, str(folder)) from None
    for i, tdef in enumerate(profile.tables):
        kind = kind_of(tdef)
        if not kind.defined(tdef):
            raise UserError(
                f"表 {tdef.id}（{tdef.kind}）缺少必要的定义：{kind.NEEDS}",
                smap.find(("tables", i)) or Location(str(folder)),
            )
    if profile.id != folder.name:
        raise UserError(
            f"profile 的 id“{profile.id}”与文件夹名“{folder.name}”不一致",
            smap.find(("id",)) or Location(str(folder)),
        )
    _numbered_once(profile, smap, folder)
    return profile


# a title that starts with a number of its own: （一） (一) 一、 第一部分 1.
_NUMBERED = re.compile(
    r"^\s*(（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分|\d+[.．、](?!\d))"
)


def _numbered_once(profile: Profile, smap: SourceMap, folder: Path) -> None:
    """A title written with its number where the profile numbers it would print twice
    ("（一）（一）…"): numbers are counted at render time (docs/profiles.md)."""

    def refuse(title: str, pattern: str, path: PathKey) -> None:
        if pattern and _NUMBERED.match(title):
            raise UserError(
                f"标题“{title}”自带编号，而编号按“{pattern}”在生成时计算：请删去标题中的编号",
                smap.find(path) or Location(str(folder)),
            )

    document = profile.document
    levels: list[str] = []
    for i, part in enumerate(document.parts):
        pattern = document.numbering if part.number is None else part.number
        refuse(part.title, pattern, ("document", "parts", i, "title"))
        for key, subtitle in part.subtitles.items():
            refuse(
                subtitle,
                part.numbering[0] if part.numbering else "",
                ("document", "parts", i, "subtitles", key),
            )
        if part.kind == "narrative":
            levels = part.numbering

    def walk(sections: list[NarrativeSection], depth: int, path: PathKey) -> None:
        for i, section in enumerate(sections):
            pattern = section.number
            if pattern is None:
                pattern = levels[depth] if depth < len(levels) else ""
            refuse(section.title, pattern, (*path, i, "title"))
            walk(section.subsections, depth + 1, (*path, i, "subsections"))

    walk(profile.narrative.sections, 0, ("narrative", "sections"))

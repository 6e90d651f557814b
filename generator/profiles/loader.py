"""Find, read and validate profile folders.

The bundled profiles live in ``profiles/`` (see ``generator.bundled``); ``GEN_REPORT_PROFILES``
(a path list) adds folders of one's own, so a finance bureau can ship its
layout without touching this code.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.bundled import PROFILES
from generator.errors import Location, UserError
from generator.formats.validation import located_errors
from generator.formats.yaml_input.source import SourceMap, read_yaml
from generator.profiles.schema import Profile
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


def read_profile(folder: Path) -> Profile:
    """A file named after a profile section (``catalog.yaml``) holds that section;
    ``profile.yaml`` and any other file hold top-level keys."""
    data: dict[str, Any] = {}
    smap = SourceMap()
    for file in sorted(folder.glob("*.y*ml")):
        section = file.stem if file.stem in Profile.model_fields and file.stem != "tables" else None
        content, fmap = read_yaml(file, (section,) if section else ())
        smap.update(fmap)
        if section:
            data[section] = content
        elif isinstance(content, dict):
            for key, value in content.items():
                if key in data:
                    raise UserError(f"“{key}”在多个文件中重复出现", fmap.find((key,)))
                data[key] = value
        else:
            raise UserError("文件顶层必须是键值映射（mapping）", Location(str(file), line=1))
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
    return profile

"""Safe YAML reading that remembers where every value was written.

Two things plain ``yaml.safe_load`` gets wrong for money and for people:
floats (``873.63`` must stay exactly 873.63, so numbers become Decimal from
their source text) and locations (a finding must name the line, so every key
path is mapped to its line).  Duplicate keys are an error, not a silent
overwrite.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Location, UserError
from generator.formats.yaml_input.problems import chinese_problem

PathKey = tuple[str | int, ...]


class SourceMap:
    """Maps a data path (``("tables", "公开03", "rows", 4, "基本支出")``) to its Location."""

    def __init__(self) -> None:
        self._locations: dict[PathKey, Location] = {}

    def add(self, path: PathKey, location: Location) -> None:
        self._locations[path] = location

    def update(self, other: SourceMap) -> None:
        self._locations.update(other._locations)

    def find(self, path: Iterable[str | int]) -> Location | None:
        """The location of ``path`` or of its nearest written ancestor."""
        key = tuple(path)
        while key:
            if key in self._locations:
                return self._locations[key]
            key = key[:-1]
        return self._locations.get(())

    def __contains__(self, path: PathKey) -> bool:
        return tuple(path) in self._locations


def format_path(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parses several times faster


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """SafeLoader with YAML 1.2 booleans: ``no``/``off``/``y`` stay text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = loader.construct_scalar(node)
    cleaned = str(text).replace("_", "")
    if cleaned.lower() in {".nan", ".inf", "-.inf", "+.inf"}:
        raise yaml.constructor.ConstructorError(
            None, None, f"不接受的数值：{text}", node.start_mark
        )
    return Decimal(cleaned)


_Loader.add_constructor("tag:yaml.org,2002:float", _decimal)


def _walk(node: yaml.Node, loader: _Loader, path: PathKey, file: str, smap: SourceMap) -> Any:
    smap.add(path, Location(file=file, path=format_path(path), line=node.start_mark.line + 1))
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, Decimal | int) and not isinstance(key, bool):
                key = str(key)
            if not isinstance(key, str):
                raise UserError(
                    f"键必须是文字，而不是 {key!r}",
                    Location(file, format_path(path), key_node.start_mark.line + 1),
                )
            if key in out:
                raise UserError(
                    f"重复的键“{key}”（同一层级只能出现一次）",
                    Location(file, format_path((*path, key)), key_node.start_mark.line + 1),
                )
            out[key] = _walk(value_node, loader, (*path, key), file, smap)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(item, loader, (*path, i), file, smap) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def read_yaml(path: Path, prefix: PathKey = ()) -> tuple[Any, SourceMap]:
    """Read one YAML file into plain data (Decimal numbers) plus its SourceMap.

    ``prefix`` roots the file's paths where its content lands in a larger
    document (a profile's ``catalog.yaml`` is the profile's ``catalog``).
    """
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(f"文件不是 UTF-8 编码：{exc.reason}", Location(file)) from None
    except OSError as exc:
        raise UserError(f"无法读取文件：{exc.strerror}", Location(file)) from None
    loader = _Loader(text)
    smap = SourceMap()
    try:
        node = loader.get_single_node()
        data = {} if node is None else _walk(node, loader, prefix, file, smap)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = chinese_problem(exc.problem or exc.context, column)
        raise UserError(problem, Location(file, line=line)) from None
    except yaml.YAMLError as exc:
        raise UserError(chinese_problem(str(exc)), Location(file)) from None
    finally:
        loader.dispose()
    return data, smap


def read_yaml_tree(path: Path) -> tuple[dict[str, Any], SourceMap]:
    """A YAML file, or a folder of them merged (mappings merge one level deep)."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"})
        if not files:
            raise UserError("文件夹中没有 YAML 文件", Location(str(path)))
    elif path.exists():
        files = [path]
    else:
        raise UserError("文件不存在", Location(str(path)))
    merged: dict[str, Any] = {}
    smap = SourceMap()
    for file in files:
        data, fmap = read_yaml(file)
        if not isinstance(data, dict):
            raise UserError("文件顶层必须是键值映射（mapping）", Location(str(file), line=1))
        for key, value in data.items():
            if key not in merged:
                merged[key] = value
            elif isinstance(merged[key], dict) and isinstance(value, dict):
                clash = set(merged[key]) & set(value)
                if clash:
                    name = sorted(clash)[0]
                    raise UserError(
                        f"“{key}.{name}”在多个文件中重复出现",
                        fmap.find((key, name)),
                    )
                merged[key].update(value)
            else:
                raise UserError(f"“{key}”在多个文件中重复出现", fmap.find((key,)))
        smap.update(fmap)
    return merged, smap

"""Safe YAML reading that remembers where every value was written.

Two things plain ``yaml.safe_load`` gets wrong for money and for people:
floats (``873.63`` must stay exactly 873.63, so numbers become Decimal from
their source text) and locations (a finding must name the line, so every key
path is mapped to its line).  Duplicate keys are an error, not a silent
overwrite.

And one thing it gets wrong for everyone: a 1 KB file of nested aliases
("billion laughs") expands to gigabytes.  Before anything is built, one pass
over the parser's events measures the document as it would be expanded and
how deep it nests, and refuses (with the line) what no report needs; numbers
too long to be a figure are refused as they are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Location, UserError
from generator.formats.yaml_input.problems import chinese_problem
from generator.text import shown

MAX_BYTES = 20 * 1024 * 1024  # one YAML file; the bundled examples total 0.3 MB
MAX_NODES = 200_000  # values after alias expansion, per file (the examples hold ~9,000)
MAX_DEPTH = 40  # nesting of mappings and lists (a report needs about 10)
MAX_NUMBER_CHARS = 40  # a written number; no figure needs more
MAX_EXPONENT = 30  # |adjusted exponent| of a number: 10^30 is beyond any figure

PathKey = tuple[str | int, ...]


class SourceMap:
    """Maps a data path (``("tables", "公开03", "rows", 4, "基本支出")``) to its Location."""

    def __init__(self) -> None:
        self._locations: dict[PathKey, Location] = {}

    def add(self, path: PathKey, location: Location) -> None:
        self._locations[path] = location

    def update(self, other: SourceMap) -> None:
        self._locations.update(other._locations)

    def drop(self, path: PathKey) -> None:
        """Forget ``path`` and everything under it (a value another file replaces)."""
        n = len(path)
        self._locations = {k: v for k, v in self._locations.items() if k[:n] != path}

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


def _refuse(loader: yaml.SafeLoader, node: yaml.Node, message: str) -> UserError:
    """Not a syntax error: a value we will not take, at its line."""
    file = getattr(loader, "file", "")
    return UserError(message, Location(file, line=node.start_mark.line + 1))


def _number_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    text = str(loader.construct_scalar(node))
    if len(text) > MAX_NUMBER_CHARS:
        raise _refuse(loader, node, f"数字过长：{len(text)} 个字符，最多 {MAX_NUMBER_CHARS} 个")
    return text


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = _number_text(loader, node)
    cleaned = text.replace("_", "")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:  # YAML 1.1 floats Decimal does not read (sexagesimal 1:30.5)
        raise _refuse(loader, node, f"不接受的数值：{shown(text)}") from None
    if not number.is_finite():
        raise _refuse(loader, node, f"不接受的数值：{shown(text)}")
    if number and abs(number.adjusted()) > MAX_EXPONENT:
        raise _refuse(
            loader, node, f"数值超出范围：{shown(text)}，数量级须在 10^±{MAX_EXPONENT} 以内"
        )
    return number


def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    _number_text(loader, node)  # Python refuses to convert 4,300+ digits; refuse far earlier
    return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:float", _decimal)
_Loader.add_constructor("tag:yaml.org,2002:int", _int)


def _measure(text: str, file: str) -> None:
    """Refuse, before building anything, a document that expands or nests beyond reason.

    Counts every value as it would be after alias expansion (an alias counts
    the whole node it names), so a billion-laughs file is refused at the
    alias that crosses the limit, in microseconds, without expanding it.
    """
    expanded = 0
    sizes: dict[str, int] = {}  # anchor → expanded size of the node it names
    open_nodes: list[tuple[str | None, int]] = []  # (anchor, expanded count at its start)
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.ScalarEvent):
            expanded += 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            expanded += sizes.get(event.anchor, 1)
        elif isinstance(event, yaml.CollectionStartEvent):
            expanded += 1
            open_nodes.append((event.anchor, expanded))
            if len(open_nodes) > MAX_DEPTH:
                raise UserError(
                    f"嵌套过深：超过 {MAX_DEPTH} 层（映射或列表套得太多）",
                    Location(file, line=event.start_mark.line + 1),
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, start = open_nodes.pop()
            if anchor:
                sizes[anchor] = expanded - start + 1
        if expanded > MAX_NODES:
            what = "别名（*）展开后" if isinstance(event, yaml.AliasEvent) else "文件"
            raise UserError(
                f"{what}超过 {MAX_NODES:,} 个值，拒绝读取（一份报告用不到这么多）",
                Location(file, line=event.start_mark.line + 1),
            )


# What YAML may not contain (YAML 1.1 §5.1): C0 controls but tab and line breaks, DEL, C1 …
_UNPRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _decode(raw: bytes, file: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise UserError(
            "文件不是 UTF-8 编码（请在编辑器中另存为 UTF-8）", Location(file, line=line)
        ) from None
    bad = _UNPRINTABLE.search(text)
    if bad:
        code = f"U+{ord(bad.group()):04X}"
        raise UserError(
            f"含有不可见的控制字符 {code}，YAML 不允许；请删除它",
            Location(file, line=_line_of(text, bad.start())),
        )
    return text


def _walk(
    node: yaml.Node, loader: _Loader, path: PathKey, text: str, file: str, smap: SourceMap
) -> Any:
    """``text`` is ``format_path(path)``, grown one part per level rather than formatted
    again for each of the file's thousands of nodes."""
    smap.add(path, Location(file=file, path=text, line=node.start_mark.line + 1))
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, Decimal | int) and not isinstance(key, bool):
                key = str(key)
            if not isinstance(key, str):
                raise UserError(
                    f"键必须是文字，而不是 {shown(key)}",
                    Location(file, text, key_node.start_mark.line + 1),
                )
            sub = f"{text}.{key}" if text else key
            if key in out:
                raise UserError(
                    f"重复的键“{key}”（同一层级只能出现一次）",
                    Location(file, sub, key_node.start_mark.line + 1),
                )
            out[key] = _walk(value_node, loader, (*path, key), sub, file, smap)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _walk(item, loader, (*path, i), f"{text}[{i}]", file, smap)
            for i, item in enumerate(node.value)
        ]
    try:
        return loader.construct_object(node, deep=True)
    except UserError as exc:  # a refused number: name its key path too
        raise UserError(exc.message, smap.find(path)) from None
    except (ValueError, TypeError, AttributeError, ArithmeticError):
        # PyYAML's own constructors fail like this on an explicit tag that does not
        # fit its text (``!!timestamp`` over a block of prose, ``!!int 1x``)
        raise UserError(
            f"值与其标签 {node.tag.replace('tag:yaml.org,2002:', '!!')} 不符：{shown(node.value)}",
            smap.find(path) or Location(file, text, node.start_mark.line + 1),
        ) from None


def read_yaml(path: Path, prefix: PathKey = ()) -> tuple[Any, SourceMap]:
    """Read one YAML file into plain data (Decimal numbers) plus its SourceMap.

    ``prefix`` roots the file's paths where its content lands in a larger
    document (a profile's ``catalog.yaml`` is the profile's ``catalog``).
    """
    file = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UserError(
                f"文件过大：{size / 1024 / 1024:.1f} MB，最多 {MAX_BYTES // 1024 // 1024} MB",
                Location(file),
            )
        text = _decode(path.read_bytes(), file)
    except OSError as exc:
        raise UserError(f"无法读取文件：{exc.strerror}", Location(file)) from None
    loader = _Loader(text)
    loader.file = file  # for the constructors' messages
    smap = SourceMap()
    try:
        _measure(text, file)
        node = loader.get_single_node()
        data = {} if node is None else _walk(node, loader, prefix, format_path(prefix), file, smap)
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

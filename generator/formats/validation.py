"""Turn pydantic validation errors into located, Chinese, one-line reasons."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from generator.errors import InputErrors, Location, UserError
from generator.formats.yaml_input.source import SourceMap, format_path
from generator.text import shown

_MESSAGES = {
    "missing": "缺少必填项",
    "extra_forbidden": "不认识的键（拼写错误？）",
    "string_type": "应为文字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "list_type": "应为列表",
    "dict_type": "应为键值映射",
    "model_type": "应为键值映射",
    "literal_error": "取值不在允许范围内",
    "bool_type": "应为是/否",
}


_SCALAR_TAGS = {"int", "str", "decimal", "float", "bool", "none", "date", "datetime", "bytes"}


def _union_tag(part: str | int) -> bool:
    """pydantic names the member of a union it tried ("dict[str,function-before[…]]",
    "int", a model's class name)."""
    return isinstance(part, str) and (
        "[" in part
        or part.startswith("function-")
        or part in _SCALAR_TAGS
        or re.fullmatch(r"[A-Z][A-Za-z]+", part) is not None
    )


def _yaml_path(loc: tuple[str | int, ...], smap: SourceMap) -> tuple[str | int, ...]:
    """pydantic's location as the user's key path.

    RowInput gathers printed columns into ``values`` and unions add the member
    tried; users wrote neither, unless the input really has such a key (a key
    may contain brackets).
    """
    path: tuple[str | int, ...] = ()
    for part in loc:
        written = (*path, part) in smap
        if written or (part != "values" and not _union_tag(part)):
            path = (*path, part)
    return path


def located_errors(exc: ValidationError, smap: SourceMap, file: str) -> InputErrors:
    return InputErrors([error for _, error in located_pairs(exc, smap, file)])


def located_pairs(
    exc: ValidationError, smap: SourceMap, file: str
) -> list[tuple[dict[str, Any], UserError]]:
    """Each of pydantic's errors kept (one per place) with its located message."""
    errors: list[tuple[dict[str, Any], UserError]] = []
    raw = exc.errors()
    locs = [_yaml_path(tuple(err["loc"]), smap) for err in raw]
    seen: set[tuple[str | int, ...]] = set()
    for err, loc in zip(raw, locs, strict=True):
        # A union reports each member it tried: keep one reason per place, and the
        # deeper one when a mapping was given ("….合计 不是金额" beats "… is not a number").
        deeper = any(other[: len(loc)] == loc and len(other) > len(loc) for other in locs)
        if loc in seen or deeper:
            continue
        seen.add(loc)
        kind = err["type"]
        message = _MESSAGES.get(kind)
        if kind == "value_error":
            message = str(err.get("ctx", {}).get("error", err["msg"]))
        elif kind == "literal_error":
            message = f"取值不在允许范围内，应为：{err.get('ctx', {}).get('expected', '')}"
        if message is None:
            message = err["msg"]
        found = smap.find(loc)
        if (
            "input" in err
            and kind not in {"missing", "extra_forbidden", "value_error"}
            and not isinstance(err["input"], dict | list)
        ):
            message += f"（实际为：{shown(err['input'])}）"
        location = Location(
            file=found.file if found else file,
            path=format_path(loc),
            line=found.line if found else None,
        )
        errors.append((dict(err), UserError(message, location)))
    return errors

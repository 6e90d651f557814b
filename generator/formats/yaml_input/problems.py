"""The YAML parser's error kinds in Chinese.

PyYAML (and libyaml under it) words its problems in English; a finance officer
who mistyped a bracket should read what is wrong in her language. Each pattern
matches one kind of problem as either parser words it; a kind not listed keeps
the parser's text after a Chinese lead, so nothing is hidden.
"""

from __future__ import annotations

import re

_KINDS: list[tuple[str, str]] = [
    (r"did not find expected ',' or '\]'|expected ',' or '\]', but got", "列表缺少“,”或“]”"),
    (r"did not find expected ',' or '\}'|expected ',' or '\}', but got", "花括号缺少“,”或“}”"),
    (
        r"did not find expected key|expected <block end>, but found",
        "缩进不一致：这一行与上面的键没有对齐",
    ),
    (r"did not find expected '-' indicator", "列表项的缩进不一致（缺少“-”）"),
    (r"did not find expected node content|expected the node content", "此处缺少取值"),
    (r"mapping values are not allowed", "此处不能有“:”：键值写在了同一行，或冒号后缺空格/需加引号"),
    (r"could not find expected ':'", "缺少“:”（键后面应有冒号）"),
    (
        r"sequence entries are not allowed|block sequence entries are not allowed",
        "此处不能开始列表项“-”",
    ),
    (r"found unexpected end of stream", "文件意外结束（引号或括号没有闭合）"),
    (
        r"found unknown escape character",
        "双引号中有无法识别的转义字符（\\ 请写成 \\\\ 或改用单引号）",
    ),
    (r"found undefined alias", "引用了未定义的锚点（*名称）"),
    (r"found duplicate anchor", "锚点（&名称）重复定义"),
    (
        r"found character .*that cannot start any token",
        "出现不能作为开头的字符（如 @、` 或制表符），请加引号",
    ),
    (r"found a tab character", "缩进中有制表符，请改用空格"),
    (r"could not determine a constructor for the tag", "不支持的标签（!!…）"),
    (r"found undefined tag handle", "未定义的标签（!…）"),
    (r"expected a single document|found another document", "一个文件只能有一个文档（多了“---”）"),
    (r"found unexpected document separator|expected '<document start>'", "文档分隔符“---”位置不对"),
    (r"unacceptable character|special characters are not allowed", "文件中有不可用的控制字符"),
    (r"expected a comment or a line break", "取值后面多了内容（注释前需空格）"),
    (r"found unhashable key", "键必须是文字"),
    (r"exceeded maximum nesting depth", "嵌套过深（映射或列表套得太多）"),
]
_PATTERNS = [(re.compile(pattern), chinese) for pattern, chinese in _KINDS]


def chinese_problem(problem: str | None, column: int | None = None) -> str:
    """``YAML 语法错误（第 5 列）：列表缺少“,”或“]”`` for the parser's English problem."""
    where = f"（第 {column} 列）" if column else ""
    text = problem or ""
    for pattern, chinese in _PATTERNS:
        if pattern.search(text):
            return f"YAML 语法错误{where}：{chinese}"
    return f"YAML 语法错误{where}" + (f"：{text}" if text else "")

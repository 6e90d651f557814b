"""What must never appear in a published text: one place, one line per case.

Each entry is (name, pattern) over one paragraph of running text (a PDF line
join or a rendered paragraph); add a case as one more line.
"""

from __future__ import annotations

import re

BROKEN: list[tuple[str, re.Pattern[str]]] = [
    ("doubled punctuation", re.compile(r"[。；，：][。；，]|，，|；；")),
    ("其中 with nothing after it", re.compile(r"其中：[。；，]|其中：$")),
    ("an empty clause", re.compile(r"[（(]\s*[）)]|，\s*。")),
    ("a template left in", re.compile(r"\{\{|\{%|None|none万元")),
]

# …and over the last paragraph of a section: a colon may introduce the paragraphs
# that follow it (主要用于以下方面： and one paragraph per 类, as published), never nothing.
ENDING: list[tuple[str, re.Pattern[str]]] = [
    ("a colon ending a section", re.compile(r"[：:]\s*$")),
]

# What a sentence about each optional fact says: none of it may appear when the fact
# was missing (a sentence built from nothing, such as "共有车辆0辆" or "无政府采购支出").
ABOUT: dict[str, re.Pattern[str]] = {
    "政府采购": re.compile(r"政府采购支出|政府采购货物"),
    "国有资产": re.compile(r"共有车辆|通用设备|专用设备"),
    "公务接待批次": re.compile(r"接待\d+批次|接待批次"),
    "公务用车保有量": re.compile(r"保有量"),
    "公务用车购置数": re.compile(r"购置数为"),
    "项目自评": re.compile(r"纳入项目绩效自评|绩效自评结果"),
    "部门评价": re.compile(r"未开展部门评价|部门评价报告详见"),
    "年初预算": re.compile(r"年初预算|年初无预算"),
    "工作开展情况": re.compile(r"按要求开展预算绩效管理"),
    "机关运行经费": re.compile(r"机关运行经费支出"),
}


def broken(paragraph: str, last: bool = False) -> list[str]:
    """The names of the broken patterns found in one paragraph (``last``: of its section)."""
    patterns = BROKEN + ENDING if last else BROKEN
    return [name for name, pattern in patterns if pattern.search(paragraph)]


# a numbered heading of 情况说明: （一）… , 1.… ; a heading right after a heading of the
# same or a higher level has no body
_HEADING = [re.compile(r"^[(（][一二三四五六七八九十]+[)）]\S*说明$"), re.compile(r"^\d+\.\S+$")]


def heading_level(line: str) -> int | None:
    for level, pattern in enumerate(_HEADING, start=1):
        if pattern.match(line) and len(line) < 40 and "。" not in line:
            return level
    return None

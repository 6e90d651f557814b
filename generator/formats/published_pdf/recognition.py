"""What a PDF is, and whose: 部门决算, 部门预算 or another document; department and year.

A 部门预算 is laid out like a 部门决算 (the same nine tables, sometimes even the
same ``公开0N表`` labels), so the kind is read from what only the kind says: the
cover ("{年}年度部门决算", "{年}年区级部门预算"), the part headings ("部门决算表",
"部门预算编制说明") and the table titles ("…决算表", "…预算总表").  A label
alone says nothing.  The department is what the document names as such (``部门：X``,
``部门名称：X``, ``预算主管部门：X``), else the cover, else the 概况 heading —
never a generic word such as the label ``部门`` itself.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from generator.document.figures import DocumentFigures, clean
from generator.formats.published_pdf.lines import CN_NUM, Line
from generator.formats.published_pdf.prose import PART_PREFIX, Block

FINAL, BUDGET = "部门决算", "部门预算"
YEAR = re.compile(r"(20\d\d)年度?")
KIND_WORD = re.compile(r"(决算|预算)")
TABLE_KIND = re.compile(r"(决算|预算)(总)?表$")
COVER_LINES = 8  # lines of the first page read as its cover
NAMED = re.compile(r"^(部门|部门名称|单位名称|预算主管部门|主管部门|编制部门)[:：](.+)$")
GENERIC = {"部门", "单位", "本部门", "本单位", "部门名称", "单位名称"}
# Documents that are neither, named by the words of their cover that say what they are.
OTHER_KINDS = re.compile(
    r"部门整体(支出)?绩效(自评|评价)报告|项目(支出)?绩效(自评|评价)(报告|表)"
    r"|绩效(自评|评价)报告|财务报告"
)


@dataclass
class Recognition:
    """The document's kind and the printed evidence it was told by."""

    kind: str  # FINAL, BUDGET, another document's name, or "" when nothing says
    evidence: list[str] = field(default_factory=list)

    @property
    def is_final_accounts(self) -> bool:
        return self.kind == FINAL

    def describe(self) -> str:
        """ "部门预算（封面“…”；9 张预算表）": the kind, then what printed it."""
        shown = "；".join(self.evidence[:3])
        if not self.kind:
            return shown
        return f"{self.kind}（{shown}）" if shown else self.kind


def cover_text(lines: list[Line]) -> str:
    """The first page's opening lines joined: titles wrap on covers ("…规划和自然" "资源局")."""
    if not lines:
        return ""
    first = lines[0].page
    return "".join(ln.key for ln in lines[:COVER_LINES] if ln.page == first)


def recognise(figures: DocumentFigures, heads: list[Block], lines: list[Line]) -> Recognition:
    """决算 or 预算 by a vote of the cover (5), each part heading (2) and each table title (1):
    one stray word does not decide, the document as a whole does.  A cover naming another
    kind of document (绩效自评报告 …) wins over tables it may hold."""
    cover = cover_text(lines)
    cover_kind = _cover_kind(cover)
    votes: Counter[str] = Counter()
    evidence: dict[str, list[str]] = {FINAL: [], BUDGET: []}
    if cover_kind in (FINAL, BUDGET):
        votes[cover_kind] += 5
        evidence[cover_kind].append(f"封面“{_short(cover)}”")
    for head in heads:
        found = re.search(r"部门(决算|预算)(表|情况说明|编制说明)?$", head.key)
        if found:
            kind = FINAL if found.group(1) == "决算" else BUDGET
            votes[kind] += 2
            evidence[kind].append(f"标题“{head.key}”")
    titles = Counter(
        FINAL if found.group(1) == "决算" else BUDGET
        for table in figures.tables.values()
        if (found := TABLE_KIND.search(clean(table.title)))
    )
    for kind, n in titles.items():
        votes[kind] += n
        evidence[kind].append(f"{n} 张{kind[-2:]}表")
    if cover_kind not in (None, FINAL, BUDGET):
        return Recognition(cover_kind, [f"封面“{_short(cover)}”"])
    if not votes:
        return Recognition("", [f"封面“{_short(cover)}”"] if cover else [])
    kind = max((FINAL, BUDGET), key=lambda k: votes[k])
    return Recognition(kind, evidence[kind])


def _cover_kind(cover: str) -> str | None:
    """What the cover says the document is: 部门决算/部门预算 first (a contents page on
    the cover may list a 绩效自评报告 attachment), else another kind's own words."""
    found = re.search(r"部门(决算|预算)", cover)
    if found is None:
        other = OTHER_KINDS.search(cover)
        if other:
            return other.group(0)
        found = KIND_WORD.search(cover)
    if found is None:
        return None
    return FINAL if found.group(1) == "决算" else BUDGET


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def identity(heads: list[Block], lines: list[Line]) -> tuple[str, int | None]:
    """Department and year: a ``部门：X`` line, else the cover, else the 概况 heading
    ("一、{部门}概况"); the year from the part headings, else the first lines."""
    department = _named(lines) or _cover_department(cover_text(lines))
    year = None
    for head in heads:
        key = re.sub(PART_PREFIX, "", head.key)
        if key.endswith("概况") and not department:
            name = key.removesuffix("概况")
            department = "" if name in GENERIC else name
        found = YEAR.search(key)
        if found and year is None:
            year = int(found.group(1))
    if year is None:
        found = next((YEAR.search(ln.key) for ln in lines[:20] if YEAR.search(ln.key)), None)
        year = int(found.group(1)) if found else None
    return department, year


def _named(lines: list[Line]) -> str:
    for line in lines:
        found = NAMED.match(line.key)
        if found:
            name = re.split(r"单位[:：]|金额单位|公开\d", found.group(2))[0]
            if name and name not in GENERIC and not name.startswith(("万元", "元")):
                return name
    return ""


def _cover_department(cover: str) -> str:
    """The name printed before "{年}年度部门决算" on the cover."""
    found = re.match(r"^(.+?)20\d\d年度?(区级|市级|县级)?部门(决算|预算)", cover)
    if not found:
        return ""
    name = found.group(1)
    return "" if name in GENERIC or len(name) < 3 else name


def unread_tables(blocks: list[Block], out: DocumentFigures) -> list[str]:
    """Table titles printed in the tables part with no ruled grid read under them."""
    read = {t.title for t in out.tables.values()}
    titles = [re.sub(rf"^（[{CN_NUM}]+）", "", b.key) for b in blocks if len(b.key) <= 40]
    return [
        f"“{title}”下没有找到带框线的表格（无框线的表格暂不能按单元格读取），该表未读取"
        for title in dict.fromkeys(titles)
        if TABLE_KIND.search(title) and title not in read
    ]


def missing_parts(out: DocumentFigures, parts: dict[str, list[Block]]) -> list[str]:
    """Say plainly which parts were not found, so a partial read is never silent."""
    notes: list[str] = []
    if len(out.tables) < 9:
        found = "、".join(out.tables) or "无"
        notes.append(f"只找到 {len(out.tables)} 张决算表（通常为 9 张）：{found}")
    for name, table in out.tables.items():
        if not table.cells:
            notes.append(f"{name}：表中没有读到任何数字")
    if "narrative" not in parts:
        notes.append("未找到“情况说明”部分")
    elif not out.sections:
        notes.append("“情况说明”部分未能分出小节")
    if "overview" not in parts:
        notes.append("未找到“概况”部分")
    if "glossary" not in parts:
        notes.append("未找到“名词解释”部分")
    elif not out.glossary:
        notes.append("“名词解释”未能读出词条")
    return notes

"""The texts people wrote, split into sentences, with the figures each sentence states.

Reasons, other matters, 三公 descriptions and the published 情况说明 kept
under ``narrative.公开文本`` are typed (or extracted) text, not generated from
the numbers, so they can contradict the tables.  Every rule on text reads it
through here, so a sentence is split, numbered and located one way: a finding
names the text's YAML path (or workbook cell) and the sentence number.

The phrases that name a table cell ("收入支出总计", "人员经费", "{class}（类）" …)
are layout data: the profile's ``checks.text_cells``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache

from generator.checks.context import CheckContext
from generator.errors import Location
from generator.model.amounts import WAN
from generator.model.performance import Section
from generator.profiles.schema import Profile

PathKey = tuple[str | int, ...]

NUMBER = r"(\d[\d,，]*(?:\.\d+)?)"
FIGURE = re.compile(NUMBER + r"\s*(万元|亿元|元)")
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
UNITS = {"万元": Decimal(1), "亿元": WAN, "元": 1 / WAN}
SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*")
QUOTE_LENGTH = 60


@dataclass(frozen=True)
class Text:
    path: PathKey
    body: str
    tables_related: bool  # the 情况说明 and its inputs, not an attachment's report

    @property
    def published(self) -> bool:
        return self.path[:2] == ("narrative", "公开文本")


@dataclass(frozen=True)
class Figure:
    raw: str  # as written: "2995.39万元"
    number: Decimal
    unit: str
    start: int  # offsets in the sentence
    end: int

    @property
    def wan(self) -> Decimal:
        return self.number * UNITS[self.unit]


@dataclass(frozen=True)
class Sentence:
    text: Text
    index: int  # 1-based within the text
    paragraph: int
    start: int  # offset in the text
    body: str

    @property
    def figures(self) -> list[Figure]:
        return figures_in(self.body)

    def quote(self) -> str:
        body = self.body.strip()
        return body if len(body) <= QUOTE_LENGTH else body[: QUOTE_LENGTH - 1] + "…"


def parse_number(raw: str) -> Decimal | None:
    try:
        return Decimal(raw.replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None


def figures_in(body: str) -> list[Figure]:
    out = []
    for m in FIGURE.finditer(body):
        number = parse_number(m.group(1))
        if number is not None:
            out.append(Figure(m.group(0), number, m.group(2), m.start(), m.end()))
    return out


def _sections(base: PathKey, sections: list[Section]) -> Iterator[Text]:
    for i, sec in enumerate(sections):
        if sec.text:
            yield Text((*base, i, "text"), sec.text, False)
        yield from _sections((*base, i, "sections"), sec.sections)


def texts(ctx: CheckContext) -> Iterator[Text]:
    report = ctx.report
    n = report.narrative
    for key, body in n.reasons.items():
        yield Text(("narrative", "原因", key), body, True)
    for i, body in enumerate(n.other_matters):
        yield Text(("narrative", "其他事项", i), body, True)
    yield Text(("narrative", "预算绩效", "工作开展情况"), n.performance.work, True)
    yield Text(("narrative", "预算绩效", "部门评价结果"), n.performance.evaluation_results, True)
    for name, summary in n.performance.project_summaries.items():
        for field in ("completion", "problems", "measures"):
            alias = type(summary).model_fields[field].alias or field
            path = ("narrative", "预算绩效", "项目自评综述", name, alias)
            yield Text(path, getattr(summary, field), True)
    for title, body in n.published_text.items():
        yield Text(("narrative", "公开文本", title), body, True)
    for field, info in type(n.sangong).model_fields.items():
        value = getattr(n.sangong, field)
        if isinstance(value, str):
            yield Text(("narrative", "三公", info.alias or field), value, True)
    att = report.attachments
    if att.department_self_evaluation:
        yield from _sections(
            ("attachments", "department_self_evaluation", "sections"),
            att.department_self_evaluation.sections,
        )
    for i, ev in enumerate(att.department_evaluations):
        yield from _sections(("attachments", "department_evaluations", i, "sections"), ev.sections)


def split(text: Text) -> list[Sentence]:
    out: list[Sentence] = []
    offset = 0
    for paragraph, line in enumerate((text.body or "").split("\n")):
        for m in SENTENCE.finditer(line):
            if m.group(0).strip():
                out.append(Sentence(text, len(out) + 1, paragraph, offset + m.start(), m.group(0)))
        offset += len(line) + 1
    return out


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    found = None
    for s in sentences:
        if s.start <= offset:
            found = s
    return found


def locate(ctx: CheckContext, text: Text, sentence: Sentence | None = None) -> Location:
    location = ctx.locate(text.path)
    return replace(location, sentence=sentence.index) if sentence else location


# --------------------------------------------------------------------------- named cells


@dataclass(frozen=True)
class NamedCell:
    phrase: str  # as it reads in the text, e.g. "社会保障和就业支出（类）"
    cell: str  # "table/row/column"
    base: str | None = None  # the budget cell a 完成预算的 P% after it is computed against


@dataclass(frozen=True)
class NamedFigure:
    named: NamedCell
    figure: Figure


def named_cells(profile: Profile) -> list[NamedCell]:
    """The profile's phrases, "{class}" expanded to every 类 of the catalog, longest first."""
    out: list[NamedCell] = []
    for entry in profile.checks.text_cells:
        if "{class}" in entry.phrase:
            for cls in profile.catalog.classes:
                out.append(
                    NamedCell(
                        entry.phrase.replace("{class}", cls.name),
                        entry.cell.replace("{code}", cls.code),
                    )
                )
        else:
            out.append(NamedCell(entry.phrase, entry.cell, entry.base))
    return sorted(out, key=lambda n: -len(n.phrase))


CONNECT = r"\s*(?:为|是|共计|合计)?\s*"


@cache
def _pattern(profile_id: str, phrases: tuple[str, ...]) -> re.Pattern[str]:
    parts = [re.escape(p).replace("…", r"[^。；]*?") for p in phrases]
    return re.compile(r"(" + "|".join(parts) + r")" + CONNECT + NUMBER + r"\s*(万元|亿元|元)")


def named_figures(profile: Profile, sentence: Sentence) -> list[NamedFigure]:
    """Figures the sentence states for a named cell: "收入支出总计2995.39万元"."""
    cells = named_cells(profile)
    if not cells:
        return []
    by_phrase = {c.phrase: c for c in cells}
    pattern = _pattern(profile.id, tuple(by_phrase))
    out = []
    for m in pattern.finditer(sentence.body):
        named = by_phrase.get(m.group(1)) or _wildcard(cells, m.group(1))
        number = parse_number(m.group(2))
        if named is None or number is None:
            continue
        raw = sentence.body[m.start(2) : m.end()]
        out.append(NamedFigure(named, Figure(raw, number, m.group(3), m.start(2), m.end())))
    return out


def _wildcard(cells: list[NamedCell], text: str) -> NamedCell | None:
    for c in cells:
        if "…" in c.phrase and re.fullmatch(re.escape(c.phrase).replace("…", r"[^。；]*?"), text):
            return c
    return None

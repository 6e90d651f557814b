"""Comparison words and percentages agree with the figures they are about.

"年初预算为80.81万元，支出决算为80.38万元。决算数大于预算数" contradicts itself;
so does "减少56.95万元，增长1.87%", or "基本支出2336.91万元，占89.49%" of a
2,940.05 total.  These need no outside data: the figures are in the text.  A
percentage derived from rounded figures is compared at the precision the
text prints it: it agrees when some exact values that round to the printed
figures give it (each 万元 figure ±0.005, the percentage ± half its last digit).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from generator.checks.context import CheckContext
from generator.checks.findings import Figures, Finding, Severity, implements, rule
from generator.checks.text import (
    NUMBER,
    Sentence,
    locate,
    named_figures,
    parse_number,
    split,
    texts,
)
from generator.checks.text_figures import printed
from generator.model.amounts import WAN
from generator.narrative.numbers import money, plain

F005 = rule(
    "F005",
    "published text",
    Severity.ERROR,
    "比较词（大于/小于/等于/超过/低于/持平，增加/减少/增长/下降）与所比较的两个数一致",
    "“年初预算为80.81万元，支出决算为80.38万元。决算数大于预算数”",
)
F006 = rule(
    "F006",
    "published text",
    Severity.ERROR,
    "占比、完成率、增减率与其所由计算的数一致（按文字印出的精度）",
    "“本年支出合计2940.05万元，其中：基本支出2336.91万元，占89.49%”，应为 79.49%",
)

SECTION = "情况说明"
HALF_CENT = Decimal("0.005")
HUNDRED = Decimal(100)
MONEY = NUMBER + r"\s*(万元|亿元|元)"
UNIT = {"万元": Decimal(1), "亿元": WAN, "元": 1 / WAN}
BUDGET = re.compile(r"预算(?:数)?为\s*" + MONEY)
ACTUAL = re.compile(r"决算(?:数)?为\s*" + MONEY)
VERDICT = re.compile(
    r"决算数?(?:(大于|小于|等于|超过|高于|低于)预算数?|与预算数?(基本持平|持平|相等|一致))"
)
DONE = re.compile(r"完成(?:年初|全年)?预算的\s*(\d+(?:\.\d+)?)\s*[%％]")
CHANGE = re.compile(r"(增加|减少)\s*" + MONEY + r"\s*[，,]\s*(增长|下降)\s*(\d+(?:\.\d+)?)\s*[%％]")
SHARE = re.compile(MONEY + r"\s*[，,]\s*占(?:([^，。；%％\d]{2,20}?)的)?\s*(\d+(?:\.\d+)?)\s*[%％]")
ANY_MONEY = re.compile(MONEY)
AFTER_VERB = re.compile(r"(?:增加|减少|增长|下降)\s*$")
WHOLE_ENDS = ("其中", "主要用于")
NEARLY = Decimal("0.01")  # "基本持平": within 1 % of the budget


@dataclass(frozen=True)
class Amount:
    value: Decimal  # 万元
    offset: int  # in the paragraph


def _amount(number: str, unit: str) -> Decimal:
    return (parse_number(number) or Decimal(0)) * UNIT[unit]


def _paragraphs(sentences: list[Sentence]) -> dict[int, list[Sentence]]:
    out: dict[int, list[Sentence]] = {}
    for s in sentences:
        out.setdefault(s.paragraph, []).append(s)
    return out


def _interval_ratio(part: Decimal, whole: Decimal, slack: Decimal) -> tuple[Decimal, Decimal]:
    """part / whole × 100 over every exact value within ``slack`` of the printed ones."""
    lo_whole, hi_whole = whole - slack, whole + slack
    if lo_whole <= 0:
        return Decimal(0), Decimal("Infinity")
    lo = max(part - slack, Decimal(0)) / hi_whole * HUNDRED
    hi = (part + slack) / lo_whole * HUNDRED
    return lo, hi


def _agrees(rate_text: str, lo: Decimal, hi: Decimal) -> bool:
    """The printed rate is the rounding — or, as some publishers print, the truncation —
    of a rate within [lo, hi]."""
    rate = Decimal(rate_text)
    exponent = rate.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    unit = Decimal(1).scaleb(-places)
    return rate + unit > lo and rate - unit / 2 <= hi


def _computed(part: Decimal, whole: Decimal, rate_text: str) -> Decimal:
    exponent = Decimal(rate_text).as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return (part / whole * HUNDRED).quantize(Decimal(1).scaleb(-places))


@implements(F005, F006)
def comparisons(ctx: CheckContext) -> Iterator[Finding]:
    for text in texts(ctx):
        if not text.tables_related:
            continue
        sentences = split(text)
        for group in _paragraphs(sentences).values():
            yield from _budget_verdicts(ctx, group)
            yield from _changes(ctx, group)
            for sentence in group:
                yield from _shares(ctx, sentence)


def _budget_verdicts(ctx: CheckContext, group: list[Sentence]) -> Iterator[Finding]:
    """决算数大于预算数 / 完成预算的 X%: against the last 预算 and the first 决算 after it."""
    budget: Decimal | None = None
    actual: Decimal | None = None
    items = False  # "其中：…决算为…": later 完成率 are the items', whose budgets are not given
    for sentence in group:
        events = []
        for m in BUDGET.finditer(sentence.body):
            events.append((m.start(), "budget", _amount(m.group(1), m.group(2))))
        for m in ACTUAL.finditer(sentence.body):
            events.append((m.start(), "actual", _amount(m.group(1), m.group(2))))
        for m in VERDICT.finditer(sentence.body):
            events.append((m.start(), "verdict", m.group(1) or m.group(2)))
        for m in DONE.finditer(sentence.body):
            events.append((m.start(), "done", m.group(1)))
        for offset, what, value in sorted(events, key=lambda e: e[0]):
            if what == "budget":
                budget, actual, items = value, None, False
            elif what == "actual":
                if actual is None:
                    actual = value
                else:
                    items = True
            elif what == "done" and items:
                found = _item_done(ctx, sentence, str(value), offset)
                if found:
                    yield found
            elif budget is not None and actual is not None:
                if what == "verdict":
                    found = _verdict(ctx, sentence, str(value), budget, actual)
                else:
                    found = _done(ctx, sentence, str(value), budget, actual)
                if found:
                    yield found


def _item_done(ctx: CheckContext, sentence: Sentence, rate: str, offset: int) -> Finding | None:
    """ "公务接待费支出决算为0.39万元，完成预算的13.68%": the item's budget is the table's."""
    before = [n for n in named_figures(ctx.profile, sentence) if n.figure.end <= offset]
    if not before or before[-1].named.base is None:
        return None
    named = before[-1]
    budget = printed(ctx, named.named.base or "")
    if not budget:
        return None
    return _done(ctx, sentence, rate, budget, named.figure.wan)


def _verdict(
    ctx: CheckContext, sentence: Sentence, word: str, budget: Decimal, actual: Decimal
) -> Finding | None:
    if word in ("大于", "超过", "高于"):
        right = actual > budget
    elif word in ("小于", "低于"):
        right = actual < budget
    elif word == "基本持平":
        right = abs(actual - budget) <= NEARLY * budget
    else:  # 等于 持平 相等 一致
        right = actual == budget
    if right:
        return None
    truth = "大于" if actual > budget else "小于" if actual < budget else "等于"
    return ctx.finding(
        F005,
        f"“{sentence.quote()}”：决算 {money(actual)} {truth}预算 {money(budget)}，文字却写“{word}”",
        locate(ctx, sentence.text, sentence),
        SECTION,
        figures=Figures(budget, actual),
    )


def _done(
    ctx: CheckContext, sentence: Sentence, rate: str, budget: Decimal, actual: Decimal
) -> Finding | None:
    if budget <= 0:
        return None
    lo, hi = _interval_ratio(actual, budget, HALF_CENT)
    if _agrees(rate, lo, hi):
        return None
    computed = _computed(actual, budget, rate)
    return ctx.finding(
        F006,
        f"“{sentence.quote()}”：完成预算的 {rate}%，而 {money(actual)} / {money(budget)} = "
        f"{plain(computed)}%",
        locate(ctx, sentence.text, sentence),
        SECTION,
        figures=Figures(computed, Decimal(rate), unit="%"),
    )


def _changes(ctx: CheckContext, group: list[Sentence]) -> Iterator[Finding]:
    """增加/减少 A万元，增长/下降 R%: directions agree, and R = A / (current ∓ A)."""
    last: Decimal | None = None  # the last figure before the change: this year's
    for sentence in group:
        changes = list(CHANGE.finditer(sentence.body))
        spans = [(m.start(), m.end()) for m in changes]
        events = [(m.start(), "money", m) for m in ANY_MONEY.finditer(sentence.body)]
        events += [(m.start(), "change", m) for m in changes]
        for start, what, m in sorted(events, key=lambda e: (e[0], e[1] == "money")):
            if what == "money":
                inside = any(a <= start < b for a, b in spans)
                if not inside and not AFTER_VERB.search(sentence.body[:start]):
                    last = _amount(m.group(1), m.group(2))
                continue
            subject = _subject(ctx, sentence.body[: m.start()])
            if subject is not None:
                last = subject
            verb, amount, noun, rate = (
                m.group(1),
                _amount(m.group(2), m.group(3)),
                m.group(4),
                m.group(5),
            )
            where = locate(ctx, sentence.text, sentence)
            if (verb == "增加") != (noun == "增长"):
                yield ctx.finding(
                    F005,
                    f"“{sentence.quote()}”：“{verb}”与“{noun}”方向相反",
                    where,
                    SECTION,
                )
                continue
            if last is None:
                continue
            prior = last - amount if verb == "增加" else last + amount
            if prior <= 0:
                continue
            lo, hi = _interval_ratio(amount, prior, 2 * HALF_CENT)
            if not _agrees(rate, lo, hi):
                computed = _computed(amount, prior, rate)
                yield ctx.finding(
                    F006,
                    f"“{sentence.quote()}”：{verb} {money(amount)}，本年 {money(last)}，"
                    f"上年应为 {money(prior)}，{noun}率应为 {plain(computed)}%，文字写 {rate}%",
                    where,
                    SECTION,
                    figures=Figures(computed, Decimal(rate), unit="%"),
                )


def _subject(ctx: CheckContext, before: str) -> Decimal | None:
    """ "公务接待费支出决算减少…": the cell the words before the verb name, as printed."""
    for cell in sorted(ctx.profile.checks.text_cells, key=lambda c: -len(c.phrase)):
        if "{" in cell.phrase or "…" in cell.phrase:
            continue
        if re.search(re.escape(cell.phrase) + r"(?:决算)?(?:数)?\s*$", before):
            return printed(ctx, cell.cell)
    return None


def _shares(ctx: CheckContext, sentence: Sentence) -> Iterator[Finding]:
    """X万元，占(W的)P%: P = X / W, W named or the sentence's leading figure."""
    body = sentence.body
    lead = ANY_MONEY.search(body)
    cut = min((body.find(w) for w in WHOLE_ENDS if w in body), default=-1)
    for m in SHARE.finditer(body):
        part = _amount(m.group(1), m.group(2))
        whole: Decimal | None = None
        if m.group(3):
            whole = _named_whole(ctx, m.group(3))
        elif lead is not None and lead.start() < m.start() and cut != -1 and lead.start() < cut:
            whole = _amount(lead.group(1), lead.group(2))
        if not whole:
            continue
        lo, hi = _interval_ratio(part, whole, HALF_CENT)
        rate = m.group(4)
        if _agrees(rate, lo, hi):
            continue
        computed = _computed(part, whole, rate)
        yield ctx.finding(
            F006,
            f"“{sentence.quote()}”：{money(part)} 占 {money(whole)} 应为 {plain(computed)}%，"
            f"文字写 {rate}%",
            locate(ctx, sentence.text, sentence),
            SECTION,
            figures=Figures(computed, Decimal(rate), unit="%"),
        )


def _named_whole(ctx: CheckContext, phrase: str) -> Decimal | None:
    """占本年支出合计的 …: the table cell the profile names by that phrase."""
    for cell in ctx.profile.checks.text_cells:
        if cell.phrase == phrase and "{" not in cell.phrase:
            return printed(ctx, cell.cell)
    return None

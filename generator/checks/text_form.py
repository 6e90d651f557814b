"""What a public document must not print, whatever the numbers: placeholders left from
the template, years that cannot belong to the report, doubled or unmatched punctuation.

"XX局", a 截至 date of the year before the report's, "。。" — all found in
published reports; none needs data beyond the report's own year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.checks.context import CheckContext
from generator.checks.findings import Finding, Severity, implements, rule
from generator.checks.text import Sentence, Text, locate, sentence_at, split, texts

W001 = rule(
    "W001",
    "published text",
    Severity.ERROR,
    "文字中留有模板占位符（XX、××、某某、□、＿＿）",
    "“XX局本年度收入支出总计…”",
)
W002 = rule(
    "W002",
    "published text",
    Severity.ERROR,
    "年份与报告年度不符：“截至”某日不在本年度，“与…年度相比”不是上一年度",
    "N 年度报告写“截至 N−1 年12月31日”",
)
W003 = rule(
    "W003",
    "published text",
    Severity.WARNING,
    "标点重复（。。，，）或括号、引号不成对",
    "“……减少支付。。”",
)

SECTION = "情况说明"
PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])[XxＸｘ]{2,}(?![A-Za-z])|×{2,}|某某|□|＿{2,}|_{2,}"
    # the template's alternatives left in: "增长（下降）", "大于（小于）"
    r"|(?:增加|减少|增长|下降|大于|小于)（(?:增加|减少|增长|下降|大于|小于)）"
)
AS_OF = re.compile(r"截[至止]\s*(\d{4})\s*年")
AGAINST = re.compile(
    r"(?:与|比|较|同)\s*(\d{4})\s*年度?\s*(?:相比|相较|比较|同期|决算|[增减持下上])"
)
DOUBLED = re.compile(r"([。，、；：！？])\1|[，、；：][。！？]|[。！？][，、；：]")
PAIRS = {"（": "）", "(": ")", "“": "”", "《": "》", "【": "】", "「": "」"}
CLOSERS = {v: k for k, v in PAIRS.items()}
NUMBERING = re.compile(r"(?:^|[\s。；：])[\d一二三四五六七八九十]{1,2}$")


def _where(ctx: CheckContext, text: Text, sentences: list[Sentence], offset: int):
    return locate(ctx, text, sentence_at(sentences, offset))


def _excerpt(body: str, start: int, end: int) -> str:
    return body[max(0, start - 12) : end + 8].replace("\n", " ")


@implements(W001, W002, W003)
def form(ctx: CheckContext) -> Iterator[Finding]:
    year = ctx.report.year
    for text in texts(ctx):
        body = text.body or ""
        if not body.strip():
            continue
        sentences = split(text)
        for sentence in sentences:
            found = PLACEHOLDER.search(sentence.body)
            if found:
                yield ctx.finding(
                    W001,
                    f"“{sentence.quote()}”：留有占位符“{found.group(0)}”",
                    locate(ctx, text, sentence),
                    SECTION,
                )
        if not text.tables_related:
            continue  # attachments: long reports of their own; placeholders only
        yield from _years(ctx, text, sentences, year)
        for m in DOUBLED.finditer(body):
            yield ctx.finding(
                W003,
                f"“{_excerpt(body, m.start(), m.end())}”：标点“{m.group(0)}”重复",
                _where(ctx, text, sentences, m.start()),
                SECTION,
            )
        for mark, at in _unmatched(body):
            yield ctx.finding(
                W003,
                f"“{_excerpt(body, at, at + 1)}”：“{mark}”不成对",
                _where(ctx, text, sentences, at),
                SECTION,
            )


def _years(
    ctx: CheckContext, text: Text, sentences: list[Sentence], year: int
) -> Iterator[Finding]:
    for sentence in sentences:
        for m in AS_OF.finditer(sentence.body):
            if int(m.group(1)) != year:
                yield ctx.finding(
                    W002,
                    f"“{sentence.quote()}”：{year} 年度报告写“{m.group(0)}”，应为 {year} 年",
                    locate(ctx, text, sentence),
                    SECTION,
                )
        for m in AGAINST.finditer(sentence.body):
            if int(m.group(1)) != year - 1:
                yield ctx.finding(
                    W002,
                    f"“{sentence.quote()}”：与上年比较应为 {year - 1} 年度，文字写 {m.group(1)} 年",
                    locate(ctx, text, sentence),
                    SECTION,
                )


def _unmatched(body: str) -> list[tuple[str, int]]:
    """Every bracket or quote without its partner ("1）" numbering is no bracket)."""
    stack: list[tuple[str, int]] = []
    out: list[tuple[str, int]] = []
    for i, ch in enumerate(body):
        if ch in PAIRS:
            stack.append((ch, i))
        elif ch in CLOSERS:
            opener = CLOSERS[ch]
            if any(mark == opener for mark, _ in stack):
                while stack[-1][0] != opener:  # openers left open inside this pair
                    out.append(stack.pop())
                stack.pop()
            elif not NUMBERING.search(body[max(0, i - 4) : i]):
                out.append((ch, i))
    return sorted(out + stack, key=lambda m: m[1])

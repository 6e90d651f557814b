"""The bodies of a 绩效评价报告 and a 项目支出绩效自评报告, in reading order, as blocks.

Sentences that carry a score (评价结论, each dimension's heading, the 总分
sentence) are the profile's templates filled from the computed scores; the
rest is the department's or evaluator's text.
"""

from __future__ import annotations

from jinja2 import StrictUndefined, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from generator.compute.computed import Computed
from generator.compute.evaluation import (
    evaluation_figures,
    score_evaluation,
    score_self_evaluation,
)
from generator.document.blocks import Block, text_blocks
from generator.document.performance import scoring_table
from generator.narrative.numbers import money, plain
from generator.tables.base import chinese_number

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def _render(template: str, **values: object) -> str:
    return SandboxedEnvironment().from_string(template).render(**values)


def evaluation_blocks(computed: Computed) -> list[Block]:
    report = computed.report
    ev = report.evaluation
    if ev is None:
        return []
    zero = computed.profile.display.zero
    scored = score_evaluation(ev, computed.profile)
    dept = report.department
    blocks: list[Block] = [Block("heading", ev.overview_title, level=2)]
    blocks += text_blocks(ev.overview[:1], dept, 3, zero, scored.scoring)
    finances = finances_sentence(computed)
    if finances:
        blocks.append(Block("paragraphs", paragraphs=[finances]))
    blocks += text_blocks(ev.overview[1:], dept, 3, zero, scored.scoring)
    conclusion = ev.conclusion
    paragraphs = []
    if scored.score is not None:
        paragraphs.append(
            _render(
                computed.profile.performance.evaluation_conclusion,
                basis=conclusion.basis.strip().rstrip("，。"),
                subject=conclusion.subject or dept,
                year=report.year,
                score=plain(scored.score),
                grade=scored.grade,
                show_grade=conclusion.show_grade,
            )
        )
    paragraphs += [line.strip() for line in conclusion.text.splitlines() if line.strip()]
    if paragraphs:
        blocks.append(Block("heading", conclusion.title, level=3))
        blocks.append(Block("paragraphs", paragraphs=paragraphs))
    for section in (ev.goals, ev.achievements, ev.problems, ev.suggestions):
        if section is not None:
            blocks += text_blocks([section], dept, 2, zero, scored.scoring)
    if scored.scoring is not None:
        table = scoring_table(scored.scoring, dept, computed.profile.performance.scoring_notes)
        blocks.append(Block("table", table=table))
    if ev.footnotes:
        notes = [f"{CIRCLED[i % len(CIRCLED)]} {n.strip()}" for i, n in enumerate(ev.footnotes)]
        blocks.append(Block("footnotes", paragraphs=notes))
    return blocks


def finances_sentence(computed: Computed) -> str:
    """The profile's 收入/支出 sentence, or "" when a figure it states was not given
    (absent is not zero; ``check`` says which: V005)."""
    template = computed.profile.performance.evaluation_finances
    ev = computed.report.evaluation
    if not template.strip() or ev is None:
        return ""
    env = SandboxedEnvironment(undefined=StrictUndefined)
    env.filters["money"] = money
    try:
        text = env.from_string(template).render(
            f=evaluation_figures(computed),
            year=computed.report.year,
            subject=ev.conclusion.subject or computed.report.department,
            department=computed.report.department,
        )
    except UndefinedError:
        return ""
    return "".join(line.strip() for line in text.splitlines())


def self_evaluation_blocks(computed: Computed) -> list[Block]:
    report = computed.report
    se = report.self_evaluation
    if se is None:
        return []
    profile = computed.profile
    zero = profile.display.zero
    dept = report.department
    scores = score_self_evaluation(se, profile)
    blocks: list[Block] = []
    if se.intro.strip():
        blocks.append(Block("paragraphs", paragraphs=_lines(se.intro)))
    blocks += text_blocks(se.sections, dept, 2, zero, None)
    blocks.append(Block("heading", se.analysis_title, level=2))
    if se.analysis.strip():
        blocks.append(Block("paragraphs", paragraphs=_lines(se.analysis)))
    for n, dim in enumerate(scores.dimensions, start=1):
        heading = _render(
            profile.performance.dimension_heading,
            number=chinese_number(n),
            name=dim.source.name,
            full=plain(dim.source.full),
            score=plain(dim.score),
        )
        blocks.append(Block("heading", heading, level=3))
        if dim.source.text.strip():
            blocks.append(Block("paragraphs", paragraphs=_lines(dim.source.text)))
    closing = _render(
        profile.performance.self_evaluation_conclusion,
        subject=se.subject,
        project=se.project,
        total=plain(scores.total),
        grade=scores.grade,
        result=se.result.strip().rstrip("。"),
    )
    number = chinese_number(len(scores.dimensions) + 1)
    heading = _render(profile.performance.result_heading, number=number, title=se.result_title)
    blocks.append(Block("heading", heading, level=3))
    blocks.append(Block("paragraphs", paragraphs=[closing]))
    return blocks


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


__all__ = ["evaluation_blocks", "self_evaluation_blocks"]

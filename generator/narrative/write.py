"""Render the profile's 情况说明 templates into titled sections of paragraphs.

Templates run in Jinja's sandbox: a profile is data someone may send us, and
it must not reach Python.  Inside a paragraph, template line breaks are
joined without a space (Chinese text); a blank line starts a new paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from generator.compute.computed import Computed
from generator.errors import UserError
from generator.narrative.context import MissingTable, build_context
from generator.narrative.numbers import money, percent, plain
from generator.profiles.schema import NarrativeSection


@dataclass
class Section:
    id: str
    title: str
    paragraphs: list[str]
    subsections: list[Section] = field(default_factory=list)
    # printed after the paragraphs; the document layer lays them out (TableView, ChartView)
    tables: list[Any] = field(default_factory=list)
    charts: list[Any] = field(default_factory=list)


def _sentence(text: str) -> str:
    """Close a user's reason with a full stop if they did not."""
    text = (text or "").strip()
    if text and text[-1] not in "。！？；：…）)”":
        text += "。"
    return text


def environment(strip_zeros: bool) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, autoescape=False
    )
    env.filters["money"] = money
    env.filters["pct"] = lambda value, decimals=1: percent(value, decimals, strip_zeros)
    env.filters["sentence"] = _sentence
    env.filters["plain"] = plain
    env.filters["join_cn"] = lambda items, sep="、": sep.join(str(i) for i in items)
    env.globals["Decimal"] = Decimal
    return env


def paragraphs(text: str) -> list[str]:
    out = []
    for block in re.split(r"\n\s*\n", text):
        joined = "".join(line.strip() for line in block.splitlines())
        if joined:
            out.append(joined)
    return out


def _render(
    env: SandboxedEnvironment, spec: NarrativeSection, context: dict, profile_id: str
) -> Section | None:
    """The section, or None when it states figures of a missing table (left out whole:
    a heading without its body would be worse)."""
    # A blank template line is a paragraph break, whatever block tags surround it
    # (trim_blocks would otherwise swallow it).
    source = re.sub(r"\n[ \t]*\n", "\n{{ '\\n\\n' }}\n", spec.template)
    try:
        text = env.from_string(source).render(context)
    except MissingTable:
        return None
    except TemplateError as exc:
        raise UserError(f"profile“{profile_id}”情况说明模板“{spec.id}”出错：{exc}") from None
    subsections = [_render(env, sub, context, profile_id) for sub in spec.subsections]
    if spec.subsections and not any(subsections) and not paragraphs(text):
        return None  # every subsection left out: no heading over nothing
    return Section(
        spec.id,
        env.from_string(spec.title).render(context),
        paragraphs(text),
        [sub for sub in subsections if sub is not None],
    )


def write_narrative(computed: Computed) -> list[Section]:
    profile = computed.profile
    env = environment(profile.display.percent_strip_zeros)
    context = build_context(computed)
    sections = [_render(env, spec, context, profile.id) for spec in profile.narrative.sections]
    return [section for section in sections if section is not None]

"""Render the profile's 情况说明 templates into titled sections of paragraphs.

Templates run in Jinja's sandbox: a profile is data someone may send us, and
it must not reach Python.  Inside a paragraph, template line breaks are
joined without a space (Chinese text); a blank line starts a new paragraph.

Compiling a profile's few dozen templates costs more than a whole ``check``
otherwise spends computing, so they are compiled once per process (Jinja's own
template cache) and their bytecode is kept in the user's cache folder
(Jinja's ``FileSystemBytecodeCache``) under a digest of the source: an edited
template is a different entry, never a stale one.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache, FunctionLoader, StrictUndefined, TemplateError
from jinja2.bccache import Bucket
from jinja2.sandbox import SandboxedEnvironment

from generator.cache_folder import folder
from generator.compute.computed import Computed
from generator.errors import UserError
from generator.model.amounts import is_none_word
from generator.narrative.context import Figures, MissingTable, build_context
from generator.narrative.numbers import NotAnAmount, money, percent, plain
from generator.profiles.schema import NarrativeSection


@dataclass
class Section:
    id: str
    title: str
    paragraphs: list[str]
    subsections: list[Section] = field(default_factory=list)
    embed: str | None = None  # an attachment printed inside this section (performance_targets)
    # printed after the paragraphs; the document layer lays them out (TableView, ChartView)
    tables: list[Any] = field(default_factory=list)
    charts: list[Any] = field(default_factory=list)

    @property
    def has_body(self) -> bool:
        return bool(
            self.paragraphs
            or self.embed
            or self.tables
            or self.charts
            or any(s.has_body for s in self.subsections)
        )


_TRAILING = "。；，,;.：: \t\u3000"


def clause(text: str) -> str:
    """A user's text spliced mid-sentence: no closing punctuation of its own."""
    return (text or "").strip().rstrip(_TRAILING).strip()


def _sentence(text: str) -> str:
    """Close a user's text with exactly one full stop (its own 。！？ kept)."""
    text = (text or "").strip()
    if text and text[-1] in "；，,;：:":
        text = clause(text)
    if text and text[-1] not in "。！？…）)”":
        text += "。"
    return text


# Joins that templates plus typed text can produce, and what a published text reads.
_JOINS = [
    (re.compile(r"，?其中：(?=[。；，])"), ""),
    (re.compile(r"[。；，]+(?=[；，])"), ""),  # "支出。；与" → "支出；与"
    (re.compile(r"[；，：]+。"), "。"),  # "，。" / "；。" → "。"
    (re.compile(r"。{2,}"), "。"),
]


def tidy(text: str) -> str:
    """Publication-clean joins inside one paragraph (the last line of defence; templates
    and the ``clause``/``sentence`` filters should not produce these in the first place)."""
    for pattern, repl in _JOINS:
        text = pattern.sub(repl, text)
    return text


def _drop_dangling(paras: list[str]) -> list[str]:
    """A section must not end on "主要用于以下方面：" with nothing after it."""
    while paras and paras[-1].endswith(("：", ":")):
        last = paras[-1].rstrip("：:")
        cut = last.rfind("。")
        paras = paras[:-1] if cut < 0 else [*paras[:-1], last[: cut + 1]]
    return paras


class _Bytecode(FileSystemBytecodeCache):
    """Jinja's file cache, but a cache that cannot be read or written is only slower."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a truncated or foreign file: compile again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            return


def _source(name: str) -> tuple[str, None, Any]:
    """A template's name is its source: Jinja's caches (in memory, and the bytecode
    files keyed by the name's digest and checked against the source's) then hold
    one entry per distinct text, and a changed text can only miss."""
    return name, None, lambda: True


_OPTIONS = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": False}


def _bytecode_cache(root: Path | None) -> _Bytecode | None:
    if root is None:
        return None
    # what else decides the compiled code: these options and the sandbox (Jinja's
    # bytecode header already names the Jinja and Python versions)
    flavour = hashlib.sha256(repr(sorted(_OPTIONS.items())).encode()).hexdigest()[:12]
    return _Bytecode(str(root / "narrative" / f"sandboxed-{flavour}"))


@cache
def _environment(
    percent_decimals: int, strip_zeros: bool, root: Path | None
) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        undefined=StrictUndefined,
        loader=FunctionLoader(_source),
        bytecode_cache=_bytecode_cache(root),
        **_OPTIONS,
    )
    env.filters["money"] = money
    env.filters["pct"] = lambda value: percent(value, percent_decimals, strip_zeros)
    env.filters["sentence"] = _sentence
    env.filters["clause"] = clause
    env.filters["plain"] = plain
    env.filters["join_cn"] = lambda items, sep="、": sep.join(str(i) for i in items)
    env.globals["Decimal"] = Decimal
    return env


def environment(percent_decimals: int, strip_zeros: bool) -> SandboxedEnvironment:
    """One percent precision for all running text: the profile's ``display.percent_decimals``.
    One environment per precision and cache folder in a process, so a batch worker
    compiles each template once."""
    return _environment(percent_decimals, strip_zeros, folder())


def paragraphs(text: str) -> list[str]:
    out = []
    for block in re.split(r"\n\s*\n", text):
        joined = tidy("".join(line.strip() for line in block.splitlines()))
        if joined and joined not in "。；，":
            out.append(joined)
    return out


class FactNotAnAmount(UserError):
    """A free fact typed as words where a sentence needs an amount; ``check`` locates it
    (it knows the source map), everything else prints the message as it stands."""

    def __init__(self, name: str | None, value: object, where: str) -> None:
        shown = str(value) if len(str(value)) <= 40 else str(value)[:39] + "…"
        place = f"narrative.其他数据.{name}" if name else where
        super().__init__(f"{place}：句中需要金额，输入的是文字“{shown}”（请填数字，单位万元）")
        self.name = name
        self.text = f"句中需要金额，输入的是文字“{shown}”（请填数字，单位万元）"


def _template(env: SandboxedEnvironment, source: str, context: dict, where: str) -> str:
    try:
        return env.get_template(source).render(context)
    except NotAnAmount as exc:
        extra = context["facts"].extra if "facts" in context else {}
        name = next((k for k, v in extra.items() if v == exc.value), None)
        raise FactNotAnAmount(name, exc.value, where) from None
    except TemplateError as exc:
        raise UserError(f"{where}出错：{exc}") from None


def _render(
    env: SandboxedEnvironment,
    spec: NarrativeSection,
    context: dict,
    figures: Figures,
    profile_id: str,
) -> Section | None:
    """A section, its statement instead of content, or None when it has nothing to say
    (or states figures of a missing table: a heading without its body would be worse)."""
    where = f"profile“{profile_id}”情况说明模板“{spec.id}”"
    title = _template(env, spec.title, context, where)
    typed = context["statements"].get(spec.id)
    if typed is not None:
        # the department's words replace the template's; an embedded table stays
        text = statement_text(env, typed, spec.statement, context)
        return Section(spec.id, title, [text], embed=_embed(spec, context))
    figures.section = title
    missed = figures.missed
    # A blank template line is a paragraph break, whatever block tags surround it
    # (trim_blocks would otherwise swallow it).
    source = re.sub(r"\n[ \t]*\n", "\n{{ '\\n\\n' }}\n", spec.template)
    try:
        text = _template(env, source, context, where)
    except MissingTable:
        return None  # it states figures of a missing table: left out whole
    subs = [_render(env, sub, context, figures, profile_id) for sub in spec.subsections]
    section = Section(
        spec.id,
        title,
        _drop_dangling(paragraphs(text)),
        [s for s in subs if s is not None],
        _embed(spec, context),
    )
    if section.has_body:
        return section
    if spec.statement and figures.missed == missed:
        # the profile asks for a statement rather than no heading, unless the section is
        # empty because a fact is missing: "没有…" would state what nobody entered
        return Section(spec.id, title, [_template(env, spec.statement, context, where)])
    return None


def _embed(spec: NarrativeSection, context: dict) -> str | None:
    """An attachment printed inside the section, when the department has it."""
    return spec.embed if spec.embed and context.get(spec.embed) else None


def statement_text(env: SandboxedEnvironment, typed: str, default: str | None, ctx: dict) -> str:
    """The department's words; "无" (or "默认") asks for the profile's default wording."""
    text = typed.strip()
    if (is_none_word(text) or text == "默认") and default:
        return _template(env, default, ctx, "profile 说明模板")
    return text


def write_narrative(computed: Computed, figures: Figures | None = None) -> list[Section]:
    """The sections; pass ``figures`` to learn which optional facts the text asked about."""
    profile = computed.profile
    display = profile.display
    env = environment(display.percent_decimals, display.percent_strip_zeros)
    figures = figures or Figures(computed)
    context = build_context(computed, figures)
    if "情况说明" in computed.report.statements:
        return []  # the whole part is one statement (document.report)
    sections = [
        _render(env, spec, context, figures, profile.id) for spec in profile.narrative.sections
    ]
    return [s for s in sections if s is not None]

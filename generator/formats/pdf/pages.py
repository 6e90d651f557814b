"""The document as HTML pieces that each start a page (Jinja; user text autoescaped).

Parts, attachments, each disclosure table and each titled attachment form
start a new page, so the document splits there into pieces that are laid
out independently — in parallel, and each cached by its own HTML (a
one-cell change re-lays out only the pieces whose HTML changed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from generator.bundled import TEMPLATES
from generator.document.report import Attachment, DocumentView
from generator.text import printable

FRONT = ("cover", "toc")


@dataclass
class Unit:
    """One piece: a part, or a run of one part's tables or one attachment's blocks.

    ``start``/``stop`` slice ``doc.tables`` (kind ``tables``) or the
    attachment's blocks; the part title or attachment heading is printed
    only by the piece that starts at 0.
    """

    kind: str
    title: str = ""
    anchor: str = ""
    attachment: Attachment | None = None
    start: int = 0
    stop: int | None = None
    lead: bool = False  # carries the document's title (no cover page)


def font_stack(names: list[str]) -> str:
    """Profile font names go into our stylesheet: keep only characters a font name has."""
    safe = [re.sub(r"[^\w \-]", "", n) for n in names]
    return ", ".join(f'"{n}"' for n in safe if n) + ", serif"


def _printed(value: object) -> object:
    """Jinja's ``finalize``: every value the templates print, without unprintables."""
    if isinstance(value, Markup):
        return Markup(printable(str(value)))
    return printable(value) if isinstance(value, str) else value


@cache
def env() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_printed,
    )


def _form_starts(attachment: Attachment) -> list[int]:
    """Block indices where a titled form begins a page (``.form`` breaks before it)."""
    titled = [i for i, b in enumerate(attachment.blocks) if b.table and b.table.title]
    return titled[1:]


def _split(unit: Unit, starts: list[int], length: int) -> list[Unit]:
    bounds = [0, *[s for s in starts if 0 < s < length], length]
    return [
        Unit(unit.kind, unit.title, unit.anchor, unit.attachment, a, b) for a, b in pairwise(bounds)
    ]


def units(doc: DocumentView) -> list[Unit]:
    """Cover, contents (where the layout has them), then every page-starting piece."""
    out = [Unit("cover")] if doc.cover_page else []
    out += [Unit("toc")] if doc.contents else []
    for kind, title, anchor in doc.parts:
        if kind == "tables":
            out += _split(Unit(kind, title, anchor), list(range(len(doc.tables))), len(doc.tables))
        else:
            out.append(Unit(kind, title, anchor, doc.bodies.get(anchor)))
        if kind == "attachments":
            for a in doc.attachments:
                out += _split(
                    Unit("attachment", a.title, a.anchor, a), _form_starts(a), len(a.blocks)
                )
    body = [u for u in out if u.kind not in FRONT]
    if not doc.cover_page and body:
        body[0].lead = True
    return out


def stylesheet(doc: DocumentView) -> str:
    display = doc.computed.profile.display
    return (
        env()
        .get_template("report.css")
        .render(
            body_font=font_stack(display.body_font),
            heading_font=font_stack(display.heading_font),
            table_font=font_stack(["SimSun", "Noto Serif CJK SC"]),
        )
    )


def html(
    doc: DocumentView,
    selected: list[Unit] | None = None,
    pages: dict[str, int] | None = None,
    css: str | None = None,
) -> str:
    """The HTML of ``selected`` units (all by default); ``css`` inlines the stylesheet.

    Pieces leave it out: the laying-out process parses the stylesheet once.
    """
    return (
        env()
        .get_template("report.html.j2")
        .render(
            doc=doc,
            css=css,
            units=units(doc) if selected is None else selected,
            pages=pages or {},
        )
    )

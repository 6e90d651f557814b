"""Document view → HTML (Jinja) → PDF (WeasyPrint), laid out on every core.

WeasyPrint lays out ~10 CJK table pages a second on one core, which made the
example's 70 pages the slowest part of a build.  The document is a sequence
of units that each start a new page (parts, attachments), so contiguous
groups of units are laid out in forked worker processes at once; the pages
are then joined, page numbers are stamped on (a worker cannot know its first
page number), and the contents page is rendered last with the real numbers.

User text is escaped by autoescape, and WeasyPrint may fetch nothing but our
own template folder: a URL typed into a reason sentence stays a string.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from generator import __version__
from generator.document.report import Attachment, DocumentView
from generator.errors import UserError
from generator.formats.pdf import embedded, workers
from generator.text import without_controls

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
FRONT = ("cover", "toc")


@dataclass
class Unit:
    kind: str
    title: str = ""
    anchor: str = ""
    attachment: Attachment | None = None
    lead: bool = False  # carries the document's title (no cover page)


@dataclass
class Chunk:
    pdf: bytes
    landscape: list[bool]
    anchors: dict[str, int]  # anchor → page index within the chunk


def _font_stack(names: list[str]) -> str:
    """Profile font names go into our stylesheet: keep only characters a font name has."""
    safe = [re.sub(r"[^\w \-]", "", n) for n in names]
    return ", ".join(f'"{n}"' for n in safe if n) + ", serif"


@cache
def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def units(doc: DocumentView) -> list[Unit]:
    out = [Unit("cover")] if doc.cover_page else []
    out += [Unit("toc")] if doc.contents else []
    for kind, title, anchor in doc.parts:
        out.append(Unit(kind, title, anchor, doc.bodies.get(anchor)))
        if kind == "attachments":
            out += [Unit("attachment", a.title, a.anchor, a) for a in doc.attachments]
    body = [u for u in out if u.kind not in FRONT]
    if not doc.cover_page and body:
        body[0].lead = True
    return out


def html(
    doc: DocumentView, selected: list[Unit] | None = None, pages: dict[str, int] | None = None
) -> str:
    display = doc.computed.profile.display
    env = _env()
    css = env.get_template("report.css").render(
        body_font=_font_stack(display.body_font),
        heading_font=_font_stack(display.heading_font),
        table_font=_font_stack(["SimSun", "Noto Serif CJK SC"]),
    )
    return env.get_template("report.html.j2").render(
        doc=doc, css=css, units=units(doc) if selected is None else selected, pages=pages or {}
    )


def url_fetcher(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Only files inside our template folder may be read while rendering."""
    import weasyprint

    prefix = TEMPLATES.as_uri() + "/"
    if not url.startswith(prefix):
        raise UserError(f"拒绝读取外部资源：{url}")
    return weasyprint.default_url_fetcher(url, *args, **kwargs)


def _render(source: str) -> Chunk:
    import weasyprint

    document = weasyprint.HTML(
        string=source, base_url=str(TEMPLATES) + "/", url_fetcher=url_fetcher
    ).render()
    anchors: dict[str, int] = {}
    for i, page in enumerate(document.pages):
        for name in page.anchors:  # a long section is anchored on every page it spans
            anchors.setdefault(name, i)
    landscape = [page.width > page.height for page in document.pages]
    return Chunk(document.write_pdf(), landscape, anchors)


def _groups(body: list[Unit], sizes: list[int], n: int) -> list[list[Unit]]:
    """Split units into ≤ n contiguous groups of about equal HTML size."""
    total = sum(sizes)
    groups: list[list[Unit]] = [[]]
    acc = 0
    for unit, size in zip(body, sizes, strict=True):
        if groups[-1] and acc >= total * len(groups) / n and len(groups) < n:
            groups.append([])
        groups[-1].append(unit)
        acc += size
    return groups


def _workers() -> int:
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 4))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, min(os.cpu_count() or 1, 4))


def _stamp(doc: DocumentView, sheets: list[tuple[str, int | None]]) -> bytes:
    display = doc.computed.profile.display
    source = (
        _env()
        .get_template("stamp.html.j2")
        .render(sheets=sheets, font=_font_stack(display.body_font))
    )
    return _render(source).pdf


def _front_pages(doc: DocumentView) -> int:
    """Cover + contents pages, estimated so the front can be rendered once, last."""
    lines_per_page = 32
    contents = max(1, -(-(len(doc.toc) + 3) // lines_per_page)) if doc.contents else 0
    return int(doc.cover_page) + contents


def write_pdf(doc: DocumentView, target: Path, alongside: Callable[[], None] | None = None) -> int:
    """Render and write the whole document; returns the page count.

    ``alongside`` runs in this process while the workers lay out pages (the
    build writes the workbook then).
    """
    import weasyprint  # noqa: F401  (imported before forking so workers inherit it)
    from pypdf import PdfReader, PdfWriter

    all_units = units(doc)
    front = [u for u in all_units if u.kind in FRONT]
    body = [u for u in all_units if u.kind not in FRONT]
    sizes = [len(html(doc, [u])) for u in body]
    groups = _groups(body, sizes, _workers())
    sources = [html(doc, g) for g in groups]
    if len(sources) > 1:
        with multiprocessing.get_context("fork").Pool(
            len(sources), initializer=workers.die_with_parent, initargs=(os.getpid(),)
        ) as pool:
            pending = pool.map_async(_render, sources)
            if alongside:
                alongside()
            chunks = pending.get()
    else:
        chunks = [_render(s) for s in sources]
        if alongside:
            alongside()

    def numbered(first: int) -> Chunk:
        pages: dict[str, int] = {}
        offset = first
        for chunk in chunks:
            for anchor, index in chunk.anchors.items():
                pages.setdefault(anchor, offset + index + 1)
            offset += len(chunk.landscape)
        return _render(html(doc, front, pages))

    first = _front_pages(doc)
    front_final = numbered(first) if front else None
    if front_final and len(front_final.landscape) != first:  # the estimate was off: again
        first = len(front_final.landscape)
        front_final = numbered(first)

    landscape = [flag for chunk in chunks for flag in chunk.landscape]
    sheets = [
        ("landscape" if flag else "portrait", first + i + 1) for i, flag in enumerate(landscape)
    ]
    stamp = PdfReader(io.BytesIO(_stamp(doc, sheets)))
    writer = PdfWriter()
    if front_final:
        writer.append(PdfReader(io.BytesIO(front_final.pdf)))
    for chunk in chunks:
        writer.append(PdfReader(io.BytesIO(chunk.pdf)))
    for i, sheet in enumerate(stamp.pages):
        writer.pages[first + i].merge_page(sheet)
    title, author = without_controls(doc.title), without_controls(doc.department)
    maker = f"gen-report {__version__}"  # a colleague can tell which version made the PDF
    writer.add_metadata({"/Title": title, "/Author": author, "/Creator": maker, "/Producer": maker})
    writer.add_attachment(embedded.NAME, embedded.source_bytes(doc.computed.report))
    with target.open("wb") as fh:
        writer.write(fh)
    return len(writer.pages)

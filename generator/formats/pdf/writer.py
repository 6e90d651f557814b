"""Document view → PDF: pieces laid out in parallel (or from the cache), joined once.

WeasyPrint lays out ~30 CJK pages a second on one core.  The document
splits into pieces that each start a page (``pages.units``); the pieces the
cache does not hold are laid out in forked worker processes, their fonts
deferred (``layout``), the first of them started with the command, while a
forked child writes the workbook (``workers``).  Then the contents page is
laid out with the real page numbers, every font face is subset once for the
whole document (``fonts``) and the pieces are joined with their page numbers
(``assemble``).

User text is escaped by autoescape, and WeasyPrint may fetch nothing but our
own template folder: a URL typed into a reason sentence stays a string.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from generator import __version__
from generator.document.report import DocumentView
from generator.formats.pdf import archive, assemble, cache, embedded, fonts, layout
from generator.formats.pdf.layout import LaidOut
from generator.formats.pdf.pages import FRONT, html, stylesheet, units
from generator.formats.pdf.workers import Source, Workers
from generator.text import without_controls


def _lay_out_all(
    sources: list[Source],
    store: cache.Store | None,
    workers: Workers,
) -> list[LaidOut]:
    keys = [cache.key("piece", *s) for s in sources] if store else []
    laid: list[LaidOut | None] = [store.piece(k) for k in keys] if store else [None] * len(sources)
    missing = [i for i, p in enumerate(laid) if p is None]
    pieces = workers.lay_out([sources[i] for i in missing])
    for i, piece in zip(missing, pieces, strict=True):
        laid[i] = piece
    if store and missing:
        for i in missing:
            store.put_piece(keys[i], laid[i])  # type: ignore[arg-type]
        store.prune()
    return laid  # type: ignore[return-value]


def _front_pages(doc: DocumentView) -> int:
    """Cover + contents pages, estimated so the front is laid out once, last."""
    lines_per_page = 32
    contents = max(1, -(-(len(doc.toc) + 3) // lines_per_page)) if doc.contents else 0
    return int(doc.cover_page) + contents


def _front(
    doc: DocumentView, css: str, body: list[LaidOut], store: cache.Store | None
) -> tuple[Source, LaidOut] | None:
    """Cover and contents with the body's real page numbers (None: the layout has neither)."""
    front_units = [u for u in units(doc) if u.kind in FRONT]
    if not front_units:
        return None

    def numbered(first: int) -> tuple[Source, LaidOut]:
        pages: dict[str, int] = {}
        offset = first
        for piece in body:
            for anchor, index in piece.anchors.items():
                pages.setdefault(anchor, offset + index + 1)
            offset += len(piece.landscape)
        source = (html(doc, front_units, pages), css)
        return source, _lay_out_all([source], store, Workers(1))[0]

    first = _front_pages(doc)
    source, front = numbered(first)
    if len(front.landscape) != first:  # the estimate was off: number again
        source, front = numbered(len(front.landscape))
    return source, front


def _merged(pieces: list[LaidOut], body_font: list[str], store: cache.Store | None) -> fonts.Merged:
    uses = [p.faces for p in pieces if p.deferred]
    k = ""
    if store:
        described = {n: asdict(u) for n, u in sorted(fonts.union(uses).items())}
        k = cache.key("fonts", json.dumps([described, body_font], sort_keys=True))
        hit = store.fonts(k)
        if hit is not None:
            return hit
    merged = fonts.merge(uses, body_font)
    if store:
        store.put_fonts(k, merged)
    return merged


def write_pdf(
    doc: DocumentView,
    target: Path,
    alongside: Callable[[], None] | None = None,
    workers: Workers | None = None,
    variant: str | None = None,
) -> int:
    """Render and write the whole document; returns the page count.

    ``alongside`` runs while the PDF is laid out and joined (the build writes the
    workbook then, see ``Workers.beside``); ``workers`` lay out the pieces
    (``Workers(1)``: this process, as in a batch's worker; by default as many as
    ``cores()``, started here); ``variant`` ("pdf/a-3b") declares an archival PDF
    (see ``archive``).
    """
    if workers is None:
        with Workers() as own:
            return write_pdf(doc, target, alongside, own, variant)
    with workers.beside(alongside):
        return _write(doc, target, workers, variant)


def _write(doc: DocumentView, target: Path, workers: Workers, variant: str | None) -> int:
    store = cache.store()
    css = stylesheet(doc)
    sources = [(html(doc, [u]), css) for u in units(doc) if u.kind not in FRONT]
    body = _lay_out_all(sources, store, workers)
    front = _front(doc, css, body, store)
    if front:
        sources, pieces = [front[0], *sources], [front[1], *body]
    else:
        pieces = list(body)
    merged = _merged(pieces, doc.computed.profile.display.body_font, store)
    if merged.unmatched:  # faces the probe did not reproduce: WeasyPrint embeds them per piece
        pieces = [
            layout.lay_out_whole(source) if merged.unmatched & set(p.faces) else p
            for source, p in zip(sources, pieces, strict=True)
        ]
    first = len(front[1].landscape) if front else 0
    numbers: list[int | None] = [None] * first
    numbers += [first + i + 1 for i in range(sum(len(p.landscape) for p in body))]
    maker = f"gen-report {__version__}"  # a colleague can tell which version made the PDF
    title, author = without_controls(doc.title), without_controls(doc.department)

    def archival(writer: Any, filespec: Any) -> None:
        archive.declare(writer, variant or "", title, author, filespec)

    data = assemble.join(
        pieces,
        merged,
        numbers,
        {"/Title": title, "/Author": author, "/Creator": maker, "/Producer": maker},
        (embedded.NAME, embedded.source_bytes(doc.computed.report)),
        archival if variant else None,
    )
    target.write_bytes(data)
    return len(numbers)

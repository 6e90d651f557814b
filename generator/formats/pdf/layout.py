"""Lay out one HTML piece with WeasyPrint, leaving its fonts for the document to embed.

WeasyPrint subsets and embeds the fonts of every document it writes; for
the two CJK collections (20 and 26 MB) that costs ~0.1 s per face per
document and, joined, left the same faces in the PDF once per piece.  A
piece is therefore written with its fonts *deferred*: the page content
streams name the fonts as WeasyPrint always does (by a hash of the font
description, the same in every process), the font dictionary stays empty,
and what each font drew — glyph ids, widths, text — comes back as data.
``generator.formats.pdf.fonts`` then subsets every face once for the whole
document.

The deferral wraps WeasyPrint's ``build_fonts_dictionary`` (the step of
``write_pdf`` that subsets and embeds); it is switched on per thread by a
context variable, so a Dask worker's threads and ordinary WeasyPrint use in
the same process are unaffected.
"""

from __future__ import annotations

import contextvars
import threading
from dataclasses import dataclass, field
from typing import Any

from generator.bundled import TEMPLATES
from generator.errors import UserError
from generator.formats.pdf import libraries

_sink: contextvars.ContextVar[dict[Any, Any] | None] = contextvars.ContextVar(
    "gen_report_deferred_fonts", default=None
)
# pieces never embed, so their font objects need not copy the whole font file (20 MB)
_no_file: contextvars.ContextVar[bool] = contextvars.ContextVar("gen_report_no_file", default=False)


@dataclass
class FaceUse:
    """What one font face drew in a piece; the resource name is WeasyPrint's font hash."""

    family: str
    weight: int
    style: int
    widths: dict[int, int] = field(default_factory=dict)
    to_unicode: dict[int, str] = field(default_factory=dict)
    missing: bool = False  # glyphs the face lacks: WeasyPrint maps those with its own CMap


@dataclass
class LaidOut:
    """A laid-out piece: a PDF whose font dictionary is empty, and what it needs."""

    pdf: bytes
    landscape: list[bool]
    anchors: dict[str, int]  # anchor → page index within the piece
    faces: dict[str, FaceUse]  # font resource name → use
    deferred: bool = True  # False: the piece embeds its own fonts (fallback)


def url_fetcher(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Only files inside our template folder may be read while rendering."""
    import weasyprint

    prefix = TEMPLATES.as_uri() + "/"
    if not url.startswith(prefix):
        raise UserError(f"拒绝读取外部资源：{url}")
    return weasyprint.default_url_fetcher(url, *args, **kwargs)


def install() -> None:
    """Import WeasyPrint (``libraries``) and wrap its font embedding, once per process."""
    libraries.import_weasyprint()
    import pydyf
    import weasyprint.pdf as wpdf
    import weasyprint.pdf.fonts as wfonts

    if getattr(wpdf.build_fonts_dictionary, "gen_report_original", None):
        return
    original = wpdf.build_fonts_dictionary
    file_data = wfonts.get_hb_object_data

    def get_hb_object_data(hb_object: Any, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs and _no_file.get():
            return b""
        return file_data(hb_object, *args, **kwargs)

    def build_fonts_dictionary(pdf: Any, fonts: Any, *args: Any, **kwargs: Any) -> Any:
        sink = _sink.get()
        if sink is None:
            return original(pdf, fonts, *args, **kwargs)
        sink.update(fonts)
        return pydyf.Dictionary()

    build_fonts_dictionary.gen_report_original = original  # type: ignore[attr-defined]
    wpdf.build_fonts_dictionary = build_fonts_dictionary
    wfonts.get_hb_object_data = get_hb_object_data


def embed_fonts(pdf: Any, fonts: dict[str, Any]) -> Any:
    """WeasyPrint's own subsetting and embedding, for fonts gathered from many pieces."""
    import weasyprint
    import weasyprint.pdf as wpdf

    install()
    original = wpdf.build_fonts_dictionary.gen_report_original
    return original(pdf, fonts, True, True, dict(weasyprint.DEFAULT_OPTIONS))


_process = threading.local()  # per thread: Pango's font map is not thread-safe


def _font_config() -> Any:
    """One font configuration per process (and thread): fonts stay loaded between pieces."""
    config = getattr(_process, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _process.font_config = FontConfiguration()
        _process.stylesheets = {}
    return config


def _stylesheet(css: str) -> Any:
    import weasyprint

    config = _font_config()
    sheets: dict[str, Any] = _process.stylesheets
    if css not in sheets:
        if len(sheets) > 16:  # a batch meets a few layouts; keep the recent ones
            sheets.clear()
        sheets[css] = weasyprint.CSS(string=css, font_config=config, url_fetcher=url_fetcher)
    return sheets[css]


def document(source: str, css: str = "") -> Any:
    install()
    import weasyprint

    stylesheets = [_stylesheet(css)] if css else None
    return weasyprint.HTML(
        string=source, base_url=str(TEMPLATES) + "/", url_fetcher=url_fetcher
    ).render(stylesheets=stylesheets, font_config=_font_config())


def deferred_write(rendered: Any, embeddable: bool = False) -> tuple[bytes, dict[Any, Any]]:
    """``write_pdf`` with the fonts left out; returns the PDF and WeasyPrint's font objects.

    ``embeddable`` keeps the font objects able to subset (the probe's).
    """
    install()
    fonts: dict[Any, Any] = {}
    token, light = _sink.set(fonts), _no_file.set(not embeddable)
    try:
        pdf = rendered.write_pdf()
    finally:
        _sink.reset(token)
        _no_file.reset(light)
    return pdf, fonts


def faces(fonts: dict[Any, Any]) -> dict[str, FaceUse]:
    """Font objects → plain data, merged by resource name (several objects can share one)."""
    out: dict[str, FaceUse] = {}
    for font in fonts.values():
        use = out.setdefault(font.hash, FaceUse(font.family, int(font.weight), int(font.style)))
        use.widths.update({int(k): int(v) for k, v in font.widths.items()})
        use.to_unicode.update({int(k): str(v) for k, v in font.to_unicode.items()})
        use.missing = use.missing or bool(font.missing)
    return out


def _laid(rendered: Any, pdf: bytes, faces_used: dict[str, FaceUse], deferred: bool) -> LaidOut:
    anchors: dict[str, int] = {}
    for i, page in enumerate(rendered.pages):
        for name in page.anchors:  # a long section is anchored on every page it spans
            anchors.setdefault(name, i)
    landscape = [page.width > page.height for page in rendered.pages]
    return LaidOut(pdf, landscape, anchors, faces_used, deferred)


def lay_out(piece: tuple[str, str]) -> LaidOut:
    """Lay out and paint one piece (HTML, stylesheet) in a worker process or the caller's."""
    rendered = document(*piece)
    pdf, fonts = deferred_write(rendered)
    return _laid(rendered, pdf, faces(fonts), True)


def lay_out_whole(piece: tuple[str, str]) -> LaidOut:
    """Fallback for a piece whose faces cannot be shared: WeasyPrint embeds its fonts."""
    rendered = document(*piece)
    return _laid(rendered, rendered.write_pdf(), {}, False)

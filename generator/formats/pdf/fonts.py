"""One subset per font face for the whole document, and the glyphs of the page numbers.

The pieces come back with what each face drew (``layout.FaceUse``).  A tiny
probe document laid out here gives WeasyPrint font objects for the same
faces — fontconfig resolves a family, weight and style to the same file in
every process, and WeasyPrint names a font by a hash of that description,
so the probe's fonts carry the pieces' resource names — and for the
page-number characters in the body font.  The probe's fonts, given the
union of all glyphs, are subset and embedded once by WeasyPrint's own code.

A face the probe does not reproduce (a different hash) is reported back;
the writer then lets WeasyPrint embed that piece's fonts itself.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html import escape

from generator.formats.pdf import layout
from generator.formats.pdf.layout import FaceUse
from generator.formats.pdf.pages import font_stack

STAMP_TEXT = "— 0123456789 —"
STAMP_SIZE = 10.5  # pt, as the page numbers of the official layout
CATALOG_KEY = "GenReportFonts"


@dataclass
class Glyph:
    font: str  # resource name
    gid: int
    width: int  # 1/1000 of the font size


@dataclass
class Merged:
    pdf: bytes  # a small PDF whose catalog /GenReportFonts maps resource names → fonts
    names: set[str]  # the resource names it holds
    stamp: dict[str, Glyph] = field(default_factory=dict)
    descent: dict[str, int] = field(default_factory=dict)  # 1/1000 of the font size, < 0
    unmatched: set[str] = field(default_factory=set)


_STYLES = {0: "normal", 1: "oblique", 2: "italic"}


def _probe_html(uses: dict[str, FaceUse], body_font: list[str]) -> str:
    spans = []
    for use in uses.values():
        sample = next(iter(use.to_unicode.values()), "一")
        css = (
            f"font-family: {font_stack([use.family])}; font-weight: {use.weight};"
            f" font-style: {_STYLES.get(use.style, 'normal')}"
        )
        spans.append(f'<span style="{escape(css)}">{escape(sample)}</span>')
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
        f"body {{ font-size: {STAMP_SIZE}pt; }} .stamp {{ font-family: {font_stack(body_font)}; }}"
        "</style></head><body>"
        f'<p class="stamp">{STAMP_TEXT}</p><p>{"".join(spans)}</p></body></html>'
    )


def union(pieces: list[dict[str, FaceUse]]) -> dict[str, FaceUse]:
    out: dict[str, FaceUse] = {}
    for piece in pieces:
        for name, use in piece.items():
            into = out.setdefault(name, FaceUse(use.family, use.weight, use.style))
            into.widths.update(use.widths)
            into.to_unicode.update(use.to_unicode)
            into.missing = into.missing or use.missing
    return out


def _stamp_glyphs(fonts: dict[str, object]) -> dict[str, Glyph]:
    """The page-number characters in the face that draws most of them."""
    chars = set(STAMP_TEXT)

    def coverage(font: object) -> int:
        return len(chars & set(font.to_unicode.values()))  # type: ignore[attr-defined]

    glyphs: dict[str, Glyph] = {}
    for name, font in sorted(fonts.items(), key=lambda kv: -coverage(kv[1])):
        for gid, text in sorted(font.to_unicode.items()):  # type: ignore[attr-defined]
            if text in chars and text not in glyphs:
                glyphs[text] = Glyph(name, gid, int(font.widths.get(gid, 0)))  # type: ignore[attr-defined]
    return glyphs


def merge(pieces: list[dict[str, FaceUse]], body_font: list[str]) -> Merged:
    """Subset and embed every face once with the glyphs all pieces (and the stamp) use."""
    import pydyf

    uses = union(pieces)
    _, probe = layout.deferred_write(layout.document(_probe_html(uses, body_font)), embeddable=True)
    by_name: dict[str, object] = {}
    for font in probe.values():
        by_name.setdefault(font.hash, font)
    stamp = _stamp_glyphs(by_name)
    unmatched = {n for n, u in uses.items() if n not in by_name or u.missing}
    keep = {n: f for n, f in by_name.items() if n not in unmatched}
    for name, font in keep.items():
        if name in uses:
            font.widths.update(uses[name].widths)  # type: ignore[attr-defined]
            font.to_unicode.update(uses[name].to_unicode)  # type: ignore[attr-defined]
    stamp = {c: g for c, g in stamp.items() if g.font in keep}
    pdf = pydyf.PDF()
    fonts = layout.embed_fonts(pdf, keep)
    pdf.add_object(fonts)
    pdf.catalog[CATALOG_KEY] = fonts.reference
    out = io.BytesIO()
    pdf.write(out, compress=True)
    descent = {n: int(f.descent) for n, f in keep.items()}  # type: ignore[attr-defined]
    return Merged(out.getvalue(), set(keep), stamp, descent, unmatched)

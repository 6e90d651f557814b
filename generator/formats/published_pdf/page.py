"""A page as PDFium sees it: every printed glyph with its box, and every ruling line.

Text and ruling lines come from PDFium (``pypdfium2``): it gives every glyph with
its box and every drawn path, about eight times faster than the pdfminer-based
readers, so a 160-page report reads in a few seconds.  Coordinates are the page
as displayed (y down), whatever /Rotate the page is stored with.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from generator.errors import Location, UserError, unreadable

SKIPPED = {0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF, 0xFFFE, 0xFFFF}
SKIPPED |= set(range(0x2000, 0x200C))  # every other kind of space


THIN = 2.5  # a filled or stroked path this thin is a ruling line

# --- the page as geometry ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Glyph:
    """One printed character, top-down coordinates (y grows down the page)."""

    char: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def size(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling line: ``at`` is y for horizontal rules, x for vertical ones."""

    horizontal: bool
    at: float
    start: float
    end: float


@dataclass
class Page:
    number: int
    width: float
    height: float
    glyphs: list[Glyph]
    rules: list[Rule]
    images: int = 0  # counted only on pages without text: a scanned page


def load_pages(path: Path) -> list[Page]:
    """Every page's glyphs and ruling lines; a broken file is the user's problem, said once."""
    try:
        doc = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise UserError(f"无法打开 PDF：{exc}", Location(str(path))) from None
    pages: list[Page] = []
    # PDFium opens a damaged file lazily: a looping page tree or a broken page
    # object fails only when that page is loaded, and is the file's fault too.
    try:
        with unreadable(path, " PDF", pdfium.PdfiumError):
            for index in range(len(doc)):
                page = doc[index]
                width, height = page.get_size()
                shown = Shown.of(page.get_rotation(), width, height)
                textpage = page.get_textpage()
                glyphs = _glyphs(textpage, shown)
                rules = _rules(page, shown)
                images = 0 if glyphs else _images(page)
                textpage.close()
                page.close()
                pages.append(Page(index + 1, width, height, glyphs, rules, images))
    finally:
        doc.close()
    return pages


@dataclass(frozen=True)
class Shown:
    """PDF page space (y up, before /Rotate) → the page as displayed, y down.

    Landscape tables are often stored on a portrait page turned by /Rotate;
    reading them as displayed keeps rows horizontal."""

    rotation: int
    width: float  # unrotated page size
    height: float

    @classmethod
    def of(cls, rotation: int, shown_width: float, shown_height: float) -> Shown:
        if rotation in (90, 270):
            return cls(rotation, shown_height, shown_width)
        return cls(rotation, shown_width, shown_height)

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return self.width - x, y
        if self.rotation == 270:
            return self.height - y, self.width - x
        return x, self.height - y

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, ...]:
        """(x0, top, x1, bottom) as displayed."""
        xa, ya = self.point(left, bottom)
        xb, yb = self.point(right, top)
        return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)


def _glyphs(textpage: pdfium.PdfTextPage, shown: Shown) -> list[Glyph]:
    """Printed characters, spaces dropped: x from the advance box, y from the baseline and
    the font's em size.  Loose boxes alone are unreliable vertically (some embedded fonts
    report a 4-point-high comma or a 22-point-high digit), the baseline never is."""
    handle = textpage.raw
    rect = pdfium_c.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    generated = pdfium_c.FPDFText_IsGenerated
    loose, origin = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetCharOrigin
    address = ctypes.cast(handle, ctypes.c_void_p).value
    upright, height = shown.rotation == 0, shown.height
    fonts: dict[int, tuple[bool, float]] = {}
    out: list[Glyph] = []
    count = pdfium_c.FPDFText_CountChars(handle)
    # the page's text in one call: one UTF-16 unit per character index, as GetUnicode gives
    # them one call per glyph (checked equal over the real-world PDFs)
    codes = (ctypes.c_ushort * (count + 1))()
    if count > 0:
        pdfium_c.FPDFText_GetText(handle, 0, count, codes)
    for i in range(count):
        code = codes[i]
        if code <= 32 or code in SKIPPED or 0xD800 <= code <= 0xDFFF or generated(handle, i):
            continue
        loose(handle, i, rect)
        origin(handle, i, x, y)
        key = _text_object(address, i) or 0
        font = fonts.get(key)
        if font is None:
            font = fonts[key] = _font(handle, i, key)
        bold, em = font
        if em <= 0:
            em = rect.top - rect.bottom
        if upright:
            x0, x1, base = rect.left, rect.right, height - y.value
        else:
            x0, _, x1, _ = shown.box(rect.left, rect.bottom, rect.right, rect.top)
            base = shown.point(x.value, y.value)[1]
        out.append(Glyph(chr(code), x0, x1, base - 0.85 * em, base + 0.15 * em, bold))
    return out


# FPDFText_GetTextObject giving a plain address: glyphs are grouped by their text object
# (one font, one size) without a ctypes cast per glyph, which cost a third of the read.
_text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value
)


def _font(handle: pdfium_c.FPDF_TEXTPAGE, i: int, address: int) -> tuple[bool, float]:
    """Whether a text object is bold (by name, or drawn fill+stroke) and its em size on the page."""
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(handle, i, name, len(name), flags)
    obj = ctypes.cast(address, pdfium_c.FPDF_PAGEOBJECT) if address else None
    fake = obj is not None and (
        pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == pdfium_c.FPDF_TEXTRENDERMODE_FILL_STROKE
    )
    bold = fake or bool(re.search(r"bold|hei|black|heavy", name.value.decode("latin-1"), re.I))
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(handle, i, matrix)
    scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    return bold, pdfium_c.FPDFText_GetFontSize(handle, i) * scale


def _images(page: pdfium.PdfPage) -> int:
    return sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4))


def _rules(page: pdfium.PdfPage, shown: Shown) -> list[Rule]:
    """Ruling lines: stroked lines, thin filled rectangles, and the edges of stroked boxes."""
    out: list[Rule] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4):
        left, y_top, right, y_bottom = shown.box(*obj.get_bounds())
        width, tall = right - left, y_bottom - y_top
        if tall <= THIN and width > tall:
            out.append(Rule(True, (y_top + y_bottom) / 2, left, right))
        elif width <= THIN and tall > width:
            out.append(Rule(False, (left + right) / 2, y_top, y_bottom))
        else:
            pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
            if stroke.value:  # a stroked box (a cell's frame); filled boxes are shading
                out += [
                    Rule(True, y_top, left, right),
                    Rule(True, y_bottom, left, right),
                    Rule(False, left, y_top, y_bottom),
                    Rule(False, right, y_top, y_bottom),
                ]
    return out

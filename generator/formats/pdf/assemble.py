"""Join the laid-out pieces into one PDF: shared fonts, page numbers, metadata, input.

Every deferred piece's (empty) font dictionary is filled with the merged
fonts, so all pages draw with the one subset of each face.  Page numbers
are a few operators appended to each page's content (the glyphs of the
body face, positioned as the stamp layout placed them): no second
document, no re-encoding of the pages' compressed content streams.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from generator.formats.pdf.fonts import CATALOG_KEY, STAMP_SIZE, Merged
from generator.formats.pdf.layout import LaidOut

NUMBER_FONT = "/GRNumber"
NUMBER_BOTTOM = 10 * 72 / 25.4  # the number's line box sits 10 mm above the page's edge


def _number_stream(text: str, merged: Merged, width: float) -> bytes | None:
    glyphs = [merged.stamp[c] for c in text if c in merged.stamp]
    if not glyphs:
        return None
    advance = sum(g.width for g in glyphs) * STAMP_SIZE / 1000
    x = (width - advance) / 2
    y = NUMBER_BOTTOM - merged.descent.get(glyphs[0].font, -300) * STAMP_SIZE / 1000
    codes = "".join(f"{g.gid:04x}" for g in glyphs)
    return (
        f"Q\nq\nBT\n{NUMBER_FONT} {STAMP_SIZE} Tf\n{x:.3f} {y:.3f} Td\n<{codes}> Tj\nET\nQ\n"
    ).encode()


def number_text(number: int) -> str:
    return f"— {number} —"


def join(
    pieces: Sequence[LaidOut],
    merged: Merged,
    numbers: Sequence[int | None],
    metadata: dict[str, str],
    attachment: tuple[str, bytes],
    finish: Callable[[Any, Any], None] | None = None,
) -> bytes:
    """One PDF of ``pieces`` in order; ``numbers`` gives each page's printed number (or None).

    ``finish(writer, filespec)`` may declare more (``archive``: PDF/A) before it is written.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
    )

    fonts_reader = PdfReader(io.BytesIO(merged.pdf))
    fonts = fonts_reader.trailer["/Root"][f"/{CATALOG_KEY}"].get_object()
    number_font = None
    if merged.stamp:
        number_font = fonts.raw_get(NameObject("/" + next(iter(merged.stamp.values())).font))

    writer = PdfWriter()
    for piece in pieces:
        reader = PdfReader(io.BytesIO(piece.pdf))
        for page in reader.pages:
            resources = page["/Resources"]
            font_dict = resources.get("/Font")
            if font_dict is None:
                font_dict = DictionaryObject()
                resources[NameObject("/Font")] = font_dict
            font_dict = font_dict.get_object()
            if piece.deferred and not font_dict:
                for name in sorted(fonts):
                    font_dict[NameObject(name)] = fonts.raw_get(name)
            if number_font is not None:
                font_dict[NameObject(NUMBER_FONT)] = number_font
        writer.append(reader)

    opening = DecodedStreamObject()
    opening.set_data(b"q\n")
    opening = opening.flate_encode()
    opening_ref = writer._add_object(opening)
    for page, number in zip(writer.pages, numbers, strict=True):
        if number is None or number_font is None:
            continue
        data = _number_stream(number_text(number), merged, float(page.mediabox.width))
        if data is None:
            continue
        stamp = DecodedStreamObject()
        stamp.set_data(data)
        contents = page.raw_get("/Contents")
        existing = contents.get_object()
        parts = list(existing) if isinstance(existing, ArrayObject) else [contents]
        page[NameObject("/Contents")] = ArrayObject(
            [opening_ref, *parts, writer._add_object(stamp.flate_encode())]
        )
    writer.add_metadata(metadata)
    # the input is stored compressed (JSON shrinks ~8x); readers decode it as any stream
    filespec = writer.add_attachment(*attachment).pdf_object
    file_ref = filespec["/EF"].raw_get("/F")
    writer._replace_object(file_ref, file_ref.get_object().flate_encode())
    if finish is not None:
        finish(writer, filespec)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

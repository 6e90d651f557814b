"""PDF/A-3b for archives: the joined report declared as such, our input its associated file.

WeasyPrint writes PDF/A itself, but a build joins pages laid out by several
workers with pypdf, which keeps pages and not a catalog's declaration.  So the
declaration WeasyPrint makes (XMP metadata with ``pdfaid``, the sRGB output
intent) is taken from a one-page document rendered with the same title and
author, and put on the joined one; the embedded input becomes the PDF/A-3
associated file (``/AF``, relationship ``Source``: the data the report was
made from).  Nothing in it depends on the clock, so the bytes stay reproducible.
"""

from __future__ import annotations

import io
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject

VARIANTS = ("pdf/a-3b",)


def declare(
    writer: PdfWriter, variant: str, title: str, author: str, filespec: DictionaryObject
) -> None:
    """Make ``writer``'s document declare ``variant`` with the attached file as its source."""
    import weasyprint
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, NameObject

    page = (
        f'<html lang="zh"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<meta name="author" content="{escape(author)}"></head><body></body></html>'
    )
    declared = PdfReader(io.BytesIO(weasyprint.HTML(string=page).write_pdf(pdf_variant=variant)))
    source = declared.trailer["/Root"]
    root = writer._root_object
    for key in ("/Metadata", "/OutputIntents"):
        if key in source:
            root[NameObject(key)] = source.raw_get(key).clone(writer)
    producer = (declared.metadata or {}).get("/Producer")
    if producer:  # the document info must say what the XMP metadata says
        writer.add_metadata({"/Producer": producer})
    filespec[NameObject("/AFRelationship")] = NameObject("/Source")
    filespec["/EF"]["/F"].get_object()[NameObject("/Subtype")] = NameObject("/application/json")
    root[NameObject("/AF")] = ArrayObject([filespec.indirect_reference])

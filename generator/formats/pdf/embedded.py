"""The input a gen-report PDF carries inside it.

Our PDFs embed the input they were built from (a PDF file attachment, as
LibreOffice's hybrid PDFs embed their document), so `extract` can give back
everything — reasons, prior-year figures, budgets — that no reading of the
printed pages can.  Published PDFs from elsewhere have none; the reader
then recovers what the pages show.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.model.report import Report

NAME = "gen-report-input.json"


def source_bytes(report: Report) -> bytes:
    data = report.model_dump(mode="python", by_alias=True, exclude_defaults=True)
    return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")


def embedded_input(path: Path) -> dict[str, Any] | None:
    """The embedded input of a gen-report PDF, amounts as Decimal; None for other PDFs."""
    from pypdf import PdfReader

    try:
        attachments = PdfReader(path).attachments
        payload = attachments.get(NAME)
    except Exception:  # pypdf on a damaged file: PdfReadError, KeyError, RecursionError …
        return None  # no usable attachment: the pages are read instead
    if not payload:
        return None
    try:
        data = json.loads(payload[0].decode("utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    # validate now: a damaged attachment is ignored like a missing one
    try:
        report = Report.model_validate(data)
    except ValueError:
        return None
    return report.model_dump(mode="python", by_alias=True, exclude_defaults=True)

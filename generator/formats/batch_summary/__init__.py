"""A batch's summary: ``summary.xlsx`` and ``index.html`` beside the departments' outputs.

One row per department (status, errors/warnings/infos, pages, links to its
PDF and XLSX and to its findings), then every finding.  No clock and no
timing goes in, so a run on a cluster gives the same files as a local one.
Department text is user text: escaped in HTML, never an Excel formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator.atomic import replacing, write_text

if TYPE_CHECKING:
    from generator.app.batch import Outcome


def write_summary(outcomes: Sequence[Outcome], out_dir: Path) -> None:
    from generator.formats.batch_summary.html import write_html
    from generator.formats.batch_summary.workbook import write_workbook

    with replacing(out_dir / "summary.xlsx") as tmp:
        write_workbook(outcomes, tmp)
    write_text(out_dir / "index.html", write_html(outcomes))

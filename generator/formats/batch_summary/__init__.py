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

STATUS = {"built": "已生成", "checked": "已检查", "refused": "有错误，未生成", "failed": "失败"}
ORDER = {"error": 0, "warning": 1, "info": 2}


def status_text(outcome: Outcome) -> str:
    text = STATUS.get(outcome.status, outcome.status)
    return f"{text}（未改动，沿用上次）" if outcome.reused else text


def findings(outcome: Outcome) -> list[dict[str, str]]:
    """The outcome's findings, errors first; an unreadable input is one error."""
    items = sorted(outcome.findings, key=lambda f: ORDER.get(f["severity"], 3))
    if outcome.note:
        items.insert(
            0,
            {
                "severity": "error",
                "level": "错误",
                "code": "",
                "group": "",
                "file": outcome.input,
                "where": "",
                "message": outcome.note,
            },
        )
    return items


def write_summary(outcomes: Sequence[Outcome], out_dir: Path) -> None:
    from generator.formats.batch_summary.html import write_html
    from generator.formats.batch_summary.workbook import write_workbook

    with replacing(out_dir / "summary.xlsx") as tmp:
        write_workbook(outcomes, tmp)
    write_text(out_dir / "index.html", write_html(outcomes))

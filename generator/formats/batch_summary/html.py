"""``index.html``: the batch at a glance, each department linked to its files and findings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape

from generator.bundled import TEMPLATES
from generator.formats.batch_summary.rows import findings, status_text

if TYPE_CHECKING:
    from generator.app.batch import Outcome


def write_html(outcomes: Sequence[Outcome]) -> str:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    rows = [
        {
            "o": o,
            "status": status_text(o),
            "findings": findings(o),
            "pdf": next((quote(f) for f in o.files if f.endswith(".pdf")), None),
            "xlsx": next((quote(f) for f in o.files if f.endswith(".xlsx")), None),
            "anchor": f"d{i}",
        }
        for i, o in enumerate(outcomes, start=1)
    ]
    totals = {
        "all": len(outcomes),
        "ok": sum(o.ok for o in outcomes),
        "refused": sum(o.status == "refused" for o in outcomes),
        "failed": sum(o.status == "failed" for o in outcomes),
        "pages": sum(o.pages or 0 for o in outcomes),
    }
    return env.get_template("batch_index.html.j2").render(rows=rows, totals=totals)

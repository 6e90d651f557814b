"""Document view → HTML (Jinja) → PDF (WeasyPrint).

User text is escaped by autoescape, and WeasyPrint may fetch nothing but our
own template folder: a URL typed into a reason sentence stays a string.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from generator.errors import UserError
from generator.views.document import DocumentView

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _font_stack(names: list[str]) -> str:
    """Profile font names go into our stylesheet: keep only characters a font name has."""
    safe = [re.sub(r"[^\w \-]", "", n) for n in names]
    return ", ".join(f'"{n}"' for n in safe if n) + ", serif"


def html(doc: DocumentView) -> str:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    display = doc.computed.profile.display
    css = env.get_template("report.css").render(
        body_font=_font_stack(display.body_font),
        heading_font=_font_stack(display.heading_font),
        table_font=_font_stack(["SimSun", "Noto Serif CJK SC"]),
    )
    return env.get_template("report.html.j2").render(doc=doc, css=css)


def url_fetcher(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    """Only files inside our template folder may be read while rendering."""
    import weasyprint

    prefix = TEMPLATES.as_uri() + "/"
    if not url.startswith(prefix):
        raise UserError(f"拒绝读取外部资源：{url}")
    return weasyprint.default_url_fetcher(url, *args, **kwargs)


def write_pdf(doc: DocumentView, target: Path) -> int:
    """Render and write; returns the page count."""
    import weasyprint

    document = weasyprint.HTML(
        string=html(doc), base_url=str(TEMPLATES) + "/", url_fetcher=url_fetcher
    ).render()
    document.write_pdf(target)
    return len(document.pages)

"""What one department's row of a batch summary says, for the workbook and the HTML alike
(its own module, so the package's writers import it without importing the package)."""

from __future__ import annotations

from typing import TYPE_CHECKING

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

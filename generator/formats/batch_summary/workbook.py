"""``summary.xlsx``: 汇总 (one row per department) and 问题清单 (every finding)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from generator.formats.batch_summary.rows import findings, status_text
from generator.formats.build_time import build_time
from generator.formats.output_workbook import reproducible
from generator.formats.output_workbook.writer import put_text

if TYPE_CHECKING:
    from generator.app.batch import Outcome

HEAD = Font(bold=True)
HEAD_FILL = PatternFill(fill_type="solid", fgColor="F2F2F2")
BAD_FILL = PatternFill(fill_type="solid", fgColor="FDE2E2")
LINK = Font(color="0563C1", underline="single")
SUMMARY_COLUMNS = [
    ("名称", 30), ("部门", 30), ("状态", 22), ("错误", 7), ("警告", 7), ("提示", 7),
    ("页数", 7), ("PDF", 28), ("XLSX", 28), ("问题", 12), ("输入", 50),
]  # fmt: skip
FINDING_COLUMNS = [
    ("名称", 30), ("级别", 7), ("规则", 8), ("文件", 40), ("位置", 40), ("说明", 90),
]  # fmt: skip


def _header(ws, columns: list[tuple[str, int]]) -> None:  # type: ignore[no-untyped-def]
    for col, (title, width) in enumerate(columns, start=1):
        cell = ws.cell(1, col, title)
        cell.font, cell.fill = HEAD, HEAD_FILL
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = "A2"


def _link(cell, target: str, text: str) -> None:  # type: ignore[no-untyped-def]
    put_text(cell, text)
    cell.hyperlink = target
    cell.font = LINK


def write_workbook(outcomes: Sequence[Outcome], target: Path) -> None:
    wb = Workbook()
    summary = wb.active
    summary.title = "汇总"
    listing = wb.create_sheet("问题清单")
    _header(summary, SUMMARY_COLUMNS)
    _header(listing, FINDING_COLUMNS)
    row_of_finding = 2
    for row, o in enumerate(outcomes, start=2):
        items = findings(o)
        values = [o.name, o.department, status_text(o)]
        for col, value in enumerate(values, start=1):
            put_text(summary.cell(row, col), value)
        for col, value in enumerate([o.errors, o.warnings, o.infos, o.pages], start=4):
            summary.cell(row, col, value)
        for col, suffix in ((8, ".pdf"), (9, ".xlsx")):
            name = next((f for f in o.files if f.endswith(suffix)), None)
            if name:
                _link(summary.cell(row, col), name, name)
        if items:
            _link(summary.cell(row, 10), f"#'问题清单'!A{row_of_finding}", f"{len(items)} 条")
        put_text(summary.cell(row, 11), o.input)
        if not o.ok:
            for col in range(1, len(SUMMARY_COLUMNS) + 1):
                summary.cell(row, col).fill = BAD_FILL
        for f in items:
            cells = [o.name, f["level"], f["code"], f["file"], f["where"], f["message"]]
            for col, value in enumerate(cells, start=1):
                put_text(listing.cell(row_of_finding, col), value)
            listing.cell(row_of_finding, 6).alignment = Alignment(wrap_text=True)
            row_of_finding += 1
    wb.properties.title = "gen-report batch"
    wb.properties.creator = "gen-report"
    reproducible.save(wb, target, build_time(0))

"""Any version of a report → DocumentFigures: input YAML or workbook, our output
workbook, or a PDF (generated or published)."""

from __future__ import annotations

from pathlib import Path

from generator.compute.report import compute
from generator.document.figures import DocumentFigures, from_document
from generator.document.report import build_document
from generator.errors import Location, UserError, unreadable
from generator.formats import load_input
from generator.formats.output_workbook.reader import is_output_workbook, read_output_workbook
from generator.profiles.loader import load_profile


def figures_of(path: Path) -> tuple[DocumentFigures, list[str]]:
    """The figures of one version, with notes on what could not be read."""
    if not path.exists():
        raise UserError("文件不存在", Location(str(path)))
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from generator.formats.published_pdf.reader import read_pdf

        figures, notes = read_pdf(path)
        if not figures.tables and not figures.sections:
            reason = notes[0] if notes else "没有可读的表格或文字"
            raise UserError(f"无法从 PDF 读出内容：{reason}", Location(str(path)))
        return figures, notes
    if suffix == ".xlsx" and is_output_workbook(path):
        with unreadable(path, " .xlsx 工作簿"):
            return read_output_workbook(path), []
    report, _ = load_input(path)
    computed = compute(report, load_profile(report.profile))
    figures = from_document(build_document(computed), str(path))
    for table in figures.tables.values():
        for where, key in table.keys.items():
            stated = computed.sheet.cell(key).stated
            if stated is not None:
                table.typed[where] = stated
    return figures, []

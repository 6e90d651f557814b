"""File formats, reader and writer side by side; ``load_input`` dispatches on what the user gave."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the package stays light: a build's layout worker starts from it
    from generator.formats.yaml_input.source import SourceMap
    from generator.model.report import Report

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def load_input(path: Path) -> tuple[Report, SourceMap]:
    """Dispatch on what the user gave us; each loader keeps source locations."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        from generator.formats.input_workbook.reader import load_workbook_input

        return load_workbook_input(path)
    from generator.formats.yaml_input.reader import load_yaml_input

    return load_yaml_input(path)

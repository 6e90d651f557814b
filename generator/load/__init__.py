"""Loaders: every input format becomes the same ``Report`` model."""

from __future__ import annotations

from pathlib import Path

from generator.load.yaml_source import SourceMap
from generator.model.report import Report

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def load_input(path: Path) -> tuple[Report, SourceMap]:
    """Dispatch on what the user gave us; each loader keeps source locations."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        from generator.load.workbook import load_workbook_input

        return load_workbook_input(path)
    from generator.load.yaml_input import load_yaml_input

    return load_yaml_input(path)

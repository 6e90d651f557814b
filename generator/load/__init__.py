"""Loaders: every input format becomes the same ``Report`` model."""

from __future__ import annotations

from pathlib import Path

from generator.load.yaml_source import SourceMap
from generator.model.report import Report


def load_input(path: Path) -> tuple[Report, SourceMap]:
    """Dispatch on what the user gave us; each loader keeps source locations."""
    from generator.load.yaml_input import load_yaml_input

    return load_yaml_input(path)

"""YAML (file or folder) → Report."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from generator.formats.validation import located_errors
from generator.formats.yaml_input.source import SourceMap, read_yaml_tree
from generator.model.report import Report


def load_yaml_input(path: Path) -> tuple[Report, SourceMap]:
    data, smap = read_yaml_tree(path)
    try:
        report = Report.model_validate(data)
    except ValidationError as exc:
        raise located_errors(exc, smap, str(path)) from None
    return report, smap

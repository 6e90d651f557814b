"""An input document → YAML as people type it (what ``extract`` writes)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

CENT = Decimal("0.01")


class _Dumper(yaml.SafeDumper):
    """safe_dump, plus amounts written as plain numbers with their two decimals (364062.40)."""


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    """Cents as 364062.40; finer figures (scores, exact 元 data) keep every digit."""
    text = f"{value:.2f}" if value == value.quantize(CENT) else f"{value:f}"
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Several paragraphs print as a ``|`` block, one paragraph per line group, as people write."""
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list[object]) -> yaml.SequenceNode:
    """A short list of whole numbers (page numbers) on one line: ``[6, 7]``."""
    flow = bool(value) and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow or None)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _list)


def dump_input(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)

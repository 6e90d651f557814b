"""The defaults that name a layout — data, in pyproject's [tool.gen-report], not code.

Its own module, so the command line can show them without importing a build.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _settings() -> dict[str, str]:
    with (REPO / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)["tool"]["gen-report"]


SETTINGS = _settings()
EXAMPLE = REPO / SETTINGS["example"]  # what `build` builds when given no input
DEFAULT_PROFILE = SETTINGS["profile"]  # what `init` lays out when given no profile

"""Where the data that ships with gen-report lives: the profiles, the PDF templates,
the bundled example inputs and the defaults that name a layout.

In a checkout (and an editable install) they are the repository's top-level
``profiles/``, ``templates/`` and ``inputs/``, where people edit them; a built
wheel carries copies inside the package (``generator/_bundled/``, put there by
``setup.py``), so an installed gen-report runs from any folder without a checkout.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _folder(name: str) -> Path:
    inside = _PACKAGE / "_bundled" / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


PROFILES = _folder("profiles")
TEMPLATES = _folder("templates")
INPUTS = _folder("inputs")


def _defaults() -> dict[str, str]:
    """Data, not code: no Python module names a layout (``profiles/defaults.toml``)."""
    with (PROFILES / "defaults.toml").open("rb") as fh:
        return tomllib.load(fh)


DEFAULTS = _defaults()
EXAMPLE = INPUTS / DEFAULTS["example"]  # what a bare `gen-report build` builds
DEFAULT_PROFILE = DEFAULTS["profile"]  # what `gen-report init` lays out without --profile

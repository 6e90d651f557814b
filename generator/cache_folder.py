"""Where gen-report keeps what it can always compute again (laid-out pieces,
compiled sentence templates): ``$GEN_REPORT_CACHE`` (empty, ``off`` or ``0``
turns caching off), else ``$XDG_CACHE_HOME/gen-report`` or
``~/.cache/gen-report``.  Safe to delete at any time.
"""

from __future__ import annotations

import os
from pathlib import Path


def folder() -> Path | None:
    setting = os.environ.get("GEN_REPORT_CACHE")
    if setting is not None:
        return None if setting.strip().lower() in ("", "off", "0") else Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "gen-report"

"""The one timestamp a build writes into its files, so two builds are byte-identical.

``SOURCE_DATE_EPOCH`` (reproducible-builds.org) wins when it is set.  Otherwise
the time comes from the input's content, not the clock: 1 January 00:00 UTC of
the year after the report's year, when a year's final accounts are compiled.
The same input therefore always gives the same bytes, whenever it is built.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

ZIP_EPOCH = datetime.fromtimestamp(315532800, UTC)  # the earliest zip entry time


def build_time(report_year: int) -> datetime:
    """The document time (aware, UTC) for a report of ``report_year``."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return max(datetime.fromtimestamp(int(epoch), UTC), ZIP_EPOCH)
        except (OverflowError, OSError, ValueError):
            pass  # out of range: fall back to the content's time
    year = min(max(report_year + 1, ZIP_EPOCH.year), 9999)
    return datetime(year, 1, 1, tzinfo=UTC)

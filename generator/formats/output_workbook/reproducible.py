"""Save a workbook with no clock in it: the same document gives the same bytes.

openpyxl stamps the save time into ``docProps/core.xml`` and every zip entry;
here both come from ``generator.formats.build_time`` instead.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter


class _FixedTimeZip(ZipFile):
    """A zip whose entries all carry one timestamp (ZipFile stamps the clock or a file's mtime)."""

    def __init__(self, target: Path, when: datetime) -> None:
        super().__init__(target, "w", ZIP_DEFLATED, allowZip64=True)
        self._date_time = when.timetuple()[:6]

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):  # type: ignore[no-untyped-def,override]
        if not isinstance(zinfo_or_arcname, ZipInfo):
            zinfo = ZipInfo(zinfo_or_arcname, date_time=self._date_time)
            zinfo.compress_type = ZIP_DEFLATED
            zinfo.external_attr = 0o600 << 16
            zinfo_or_arcname = zinfo
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):  # type: ignore[no-untyped-def,override]
        """openpyxl streams each worksheet to a temporary file and adds it by name."""
        self.writestr(arcname or Path(filename).name, Path(filename).read_bytes())


def save(wb: Workbook, target: Path, when: datetime) -> None:
    """``wb.save(target)`` with ``when`` as the created/modified time and every entry's time."""
    naive = when.replace(tzinfo=None)  # openpyxl writes naive times as UTC ("Z")
    wb.properties.created = naive
    wb.properties.modified = naive
    ExcelWriter(wb, _FixedTimeZip(target, naive)).save()

"""A cache of laid-out pieces (and merged fonts) for the edit–check–build loop.

Keyed by a hash of what decides the result: the piece's HTML, the
WeasyPrint version, the installed fonts (fontconfig's cache files change
whenever fonts are added or removed) and this format's version.  An entry
is a JSON header line and the piece's PDF bytes — data, never code — written
atomically; an unreadable entry is a miss.  The folder is safe to delete.

Where: ``generator.cache_folder`` (``$GEN_REPORT_CACHE``, ``off`` turns it off).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from functools import cache
from importlib.metadata import version
from pathlib import Path

from generator.cache_folder import folder
from generator.formats.pdf.fonts import Glyph, Merged
from generator.formats.pdf.layout import FaceUse, LaidOut

FORMAT = "2"  # bump when what a piece's PDF holds changes
KEEP = 4000  # entries; the least recently used beyond this are removed


@cache
def _fonts_fingerprint() -> str:
    digest = hashlib.sha256()
    dirs = [Path("/var/cache/fontconfig"), Path.home() / ".cache" / "fontconfig"]
    if os.environ.get("XDG_CACHE_HOME"):
        dirs.append(Path(os.environ["XDG_CACHE_HOME"]) / "fontconfig")
    for d in dirs:
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError:
            continue
        for e in entries:
            st = e.stat()
            digest.update(f"{d}/{e.name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@cache
def _salt() -> bytes:
    return f"{FORMAT}\0{version('weasyprint')}\0{_fonts_fingerprint()}\0".encode()


def key(*parts: str) -> str:
    digest = hashlib.sha256(_salt())
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class Store:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, k: str) -> Path:
        return self.root / k[:2] / k

    def read(self, k: str) -> tuple[dict, bytes] | None:
        path = self._path(k)
        try:
            data = path.read_bytes()
            header, _, body = data.partition(b"\n")
            meta = json.loads(header)
            os.utime(path)
        except (OSError, ValueError):
            return None
        return meta, body

    def write(self, k: str, meta: dict, body: bytes) -> None:
        path = self._path(k)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
            with os.fdopen(fd, "wb") as fh:
                fh.write(json.dumps(meta, ensure_ascii=False).encode() + b"\n" + body)
            os.replace(tmp, path)
        except OSError:  # a cache that cannot be written is only slower
            return

    def prune(self) -> None:
        try:
            entries = [p for p in self.root.glob("??/*") if not p.name.startswith(".")]
            if len(entries) <= KEEP:
                return
            entries.sort(key=lambda p: p.stat().st_mtime)
            for p in entries[: len(entries) - KEEP]:
                p.unlink(missing_ok=True)
        except OSError:
            return

    # laid-out pieces
    def piece(self, k: str) -> LaidOut | None:
        got = self.read(k)
        if got is None:
            return None
        meta, pdf = got
        try:
            faces = {
                name: FaceUse(
                    f["family"],
                    f["weight"],
                    f["style"],
                    {int(g): w for g, w in f["widths"].items()},
                    {int(g): t for g, t in f["to_unicode"].items()},
                    f["missing"],
                )
                for name, f in meta["faces"].items()
            }
            return LaidOut(pdf, meta["landscape"], meta["anchors"], faces)
        except (KeyError, TypeError, ValueError):
            return None

    def put_piece(self, k: str, laid: LaidOut) -> None:
        if not laid.deferred:
            return
        meta = {
            "landscape": laid.landscape,
            "anchors": laid.anchors,
            "faces": {name: asdict(f) for name, f in laid.faces.items()},
        }
        self.write(k, meta, laid.pdf)

    # merged fonts
    def fonts(self, k: str) -> Merged | None:
        got = self.read(k)
        if got is None:
            return None
        meta, pdf = got
        try:
            return Merged(
                pdf,
                set(meta["names"]),
                {c: Glyph(**g) for c, g in meta["stamp"].items()},
                meta["descent"],
                set(meta["unmatched"]),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def put_fonts(self, k: str, merged: Merged) -> None:
        meta = {
            "names": sorted(merged.names),
            "stamp": {c: asdict(g) for c, g in merged.stamp.items()},
            "descent": merged.descent,
            "unmatched": sorted(merged.unmatched),
        }
        self.write(k, meta, merged.pdf)


def store() -> Store | None:
    root = folder()
    return Store(root) if root else None

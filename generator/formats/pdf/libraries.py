"""Import WeasyPrint without running the C compiler two dozen times.

WeasyPrint finds Pango, HarfBuzz, fontconfig and GObject by trying each
library's names for every platform, Windows' first (``libgobject-2.0-0``);
cffi hands a name to ``ctypes.util.find_library``, which on Linux, when
ldconfig's cache does not know the name, runs ``gcc`` and then ``ld`` to look
for it (WeasyPrint #1125).  That is 22 lookups, 0.14 s of a 0.45 s import, in
every process that lays out pages.

While WeasyPrint is imported, a lookup is answered from ldconfig's cache
alone.  A name the cache does not know is then a miss at once and WeasyPrint
goes on to its next name, the soname (``libgobject-2.0.so.0``), which the
dynamic loader finds by itself wherever the compiler would have: what
``find_library`` returns is a soname for the loader in either case.  Should
the import still fail that way (a library only ``ld`` could find under another
name), it is done again the ordinary way, and the first attempt's message
to the terminal is dropped.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import sys
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def _cache_only_lookups() -> Iterator[None]:
    quick = getattr(ctypes.util, "_findSoname_ldconfig", None)
    if quick is None or not sys.platform.startswith("linux"):
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = quick
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _forget_weasyprint() -> None:
    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        del sys.modules[name]


def import_weasyprint() -> Any:
    """``import weasyprint``, quickly on Linux (see the module's docstring)."""
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    try:
        with _cache_only_lookups(), contextlib.redirect_stdout(io.StringIO()):
            import weasyprint
    except OSError:
        _forget_weasyprint()
        import weasyprint
    return weasyprint

"""Layout workers that never outlive the build that started them.

A pool worker is a forked child: when the parent is killed (``kill -9``, the
OOM killer) nothing tells it to stop, and it kept laying out pages for
seconds after.  Linux can deliver a signal to a child when its parent dies
(``PR_SET_PDEATHSIG``); elsewhere the worker checks its parent once at start.
A worker also takes back the default SIGTERM/SIGINT handling, so a build's
cleanup handlers (``generator.atomic``) run in the parent only.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Pool initializer: be killed with ``parent``; exit at once if it is already gone."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops the pool
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: rely on the check
            pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

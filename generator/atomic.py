"""Write outputs whole or not at all.

Every command that writes (build, init, extract) writes to a temporary file
beside the target and renames it into place only when writing succeeded: an
interrupted or refused run leaves no half-written file and never touches
the input.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``; renamed onto it when the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def replacing_all(targets: Sequence[Path]) -> Iterator[list[Path]]:
    """Several files that appear together or not at all (a build's PDF and XLSX)."""
    with ExitStack() as stack:
        yield [stack.enter_context(replacing(t)) for t in targets]


def write_text(target: Path, text: str) -> None:
    with replacing(target) as tmp:
        tmp.write_text(text, encoding="utf-8")

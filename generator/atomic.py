"""Write outputs whole or not at all.

Every command that writes (build, init, extract) writes to temporary files in
the target folder and renames them into place only when all of them were
written: an interrupted or refused run leaves no half-written file and never
touches the input.  Several files (a build's PDF and XLSX) appear together or
not at all: they are renamed one after the other with signals held back, and
when a later rename fails the earlier ones are undone (the previous file is
kept as a hard link until the last rename succeeded).

Temporaries are named ``.<name>.<pid>.<random>.part``.  SIGTERM, SIGINT and
SIGHUP remove them before the process exits; what ``kill -9`` or a power cut
leaves behind is removed by the next write into that folder, once the process
that wrote it is gone.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

from generator.errors import Location, UserError

SUFFIX = ".part"
NAME_CHARS = 40  # of the target's name inside a temporary's name (file names hold 255 bytes)
STALE_AFTER = 24 * 3600  # seconds; a temporary this old is stale even if its pid was reused
_PART = re.compile(r"^\..*\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.part$")
_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)


class Interrupted(BaseException):
    """A signal asked us to stop; raised from the handler so cleanup (``finally``) runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _temporary(target: Path) -> Path:
    stem = target.name[:NAME_CHARS]
    fd, name = tempfile.mkstemp(prefix=f".{stem}.{os.getpid()}.", suffix=SUFFIX, dir=target.parent)
    os.close(fd)
    return Path(name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: assume it is writing
    return True


def remove_stale(folder: Path) -> list[Path]:
    """Remove temporaries left by writers that no longer run (``kill -9``, a crash)."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = _PART.match(entry.name)
        if not match:
            continue
        with suppress(OSError):
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER
            if old or not _alive(int(match["pid"])):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signum)


@contextmanager
def _signals_raise() -> Iterator[None]:
    """While temporaries exist, a termination signal unwinds the stack (and cleans up)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for signum in _SIGNALS:
        with suppress(OSError, ValueError):
            previous[signum] = signal.signal(signum, _raise_interrupted)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def _signals_held() -> Iterator[None]:
    """No signal between the renames: they all happen, or (on error) all are undone."""
    can_block = hasattr(signal, "pthread_sigmask") and _SIGNALS
    if can_block:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        if can_block:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _unwritable(target: Path, reason: str) -> UserError:
    return UserError(f"无法写出文件：{reason}", Location(str(target)))


def _preflight(targets: Sequence[Path]) -> None:
    """Refuse before writing anything what cannot be renamed onto (a folder of that name)."""
    for target in targets:
        if target.is_dir():
            raise _unwritable(target, "同名的文件夹已存在")
        if target.parent.exists() and not target.parent.is_dir():
            raise _unwritable(target, "输出位置不是文件夹")


def _keep_previous(target: Path) -> Path | None:
    """A second name for the file about to be replaced, so the replacement can be undone."""
    if not target.is_file():
        return None
    backup = _temporary(target)
    backup.unlink()
    try:
        os.link(target, backup)
    except OSError:  # no hard links here (FAT, some network shares): copy instead
        shutil.copy2(target, backup)
    return backup


def _commit(pairs: Sequence[tuple[Path, Path]]) -> None:
    umask = os.umask(0)
    os.umask(umask)
    done: list[tuple[Path, Path | None]] = []
    backups: list[Path] = []
    current = pairs[0][1]
    try:
        for tmp, target in pairs:
            current = target
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
            backup = _keep_previous(target)
            if backup is not None:
                backups.append(backup)
            os.replace(tmp, target)
            done.append((target, backup))
    except OSError as exc:
        for target, backup in reversed(done):  # undo: the earlier files go back as they were
            with suppress(OSError):
                if backup is None:
                    target.unlink()
                else:
                    os.replace(backup, target)
        raise _unwritable(current, exc.strerror or type(exc).__name__) from None
    finally:
        for backup in backups:
            with suppress(OSError):
                backup.unlink()


@contextmanager
def replacing_all(targets: Sequence[Path]) -> Iterator[list[Path]]:
    """Temporary paths for ``targets``, renamed onto them (in order) when the block succeeds."""
    _preflight(targets)
    for folder in dict.fromkeys(t.parent for t in targets):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _unwritable(folder, exc.strerror or type(exc).__name__) from None
        remove_stale(folder)
    temporaries: list[Path] = []
    with _signals_raise():
        try:
            for target in targets:
                try:
                    temporaries.append(_temporary(target))
                except OSError as exc:
                    raise _unwritable(target, exc.strerror or type(exc).__name__) from None
            yield temporaries
            with _signals_held():
                _commit(list(zip(temporaries, targets, strict=True)))
        finally:
            for tmp in temporaries:
                with suppress(OSError):
                    tmp.unlink()


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``; renamed onto it when the block succeeds."""
    with replacing_all([target]) as (tmp,):
        yield tmp


def write_text(target: Path, text: str) -> None:
    with replacing(target) as tmp:
        tmp.write_text(text, encoding="utf-8")

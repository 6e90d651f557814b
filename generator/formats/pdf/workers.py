"""Layout worker processes: the first starts with the build, none outlives it.

A piece's layout waits for WeasyPrint's import (0.22 s, see ``libraries``).
Forked once the HTML was ready, a worker made the edit–check–build loop (one
changed piece) wait for that import after reading the input.  So a build
starts its first worker as it starts: it imports WeasyPrint while this
process reads and checks the input.  The others fork later, once this
process has imported WeasyPrint too (they inherit it), and all take pieces
from one queue, so the first one's head start shortens a full build as well
instead of competing with it.  The workbook is written beside them in a
forked child (``Workers.beside``).

A worker is a forked child: when the parent is killed (``kill -9``, the OOM
killer) nothing tells it to stop, and it kept laying out pages for seconds
after.  Linux can deliver a signal to a child when its parent dies
(``PR_SET_PDEATHSIG``); elsewhere the worker checks its parent once at start.
A worker also takes back the default SIGTERM/SIGINT handling, so a build's
cleanup handlers (``generator.atomic``) run in the parent only.  A worker that
dies is noticed (the build fails) rather than waited for.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import pickle
import queue
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Any

from generator import heap

if TYPE_CHECKING:
    from generator.formats.pdf.layout import LaidOut

_PR_SET_PDEATHSIG = 1
Source = tuple[str, str]  # a piece's HTML and its stylesheet


def cores() -> int:
    """Layout workers a build may use: beyond four, joining the pieces dominates."""
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 4))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, min(os.cpu_count() or 1, 4))


def die_with_parent(parent: int) -> None:
    """Worker start: be killed with ``parent``; exit at once if it is already gone."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops the workers
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: rely on the check
            pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _portable(exc: Exception) -> Exception:
    """An error as the parent can receive it (a ``UserError`` stays one)."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # an error that does not survive the trip becomes its text
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def _serve(parent: int, tasks: Any, results: Any) -> None:
    die_with_parent(parent)
    from generator.formats.pdf import layout  # WeasyPrint, unless inherited

    layout.install()
    heap.settle()
    while (task := tasks.get()) is not None:
        index, source = task
        try:
            results.put((index, layout.lay_out(source), None))
        except Exception as exc:  # the parent raises it
            results.put((index, None, _portable(exc)))


def _run_beside(parent: int, job: Callable[[], None], errors: Any) -> None:
    die_with_parent(parent)
    try:
        job()
    except Exception as exc:  # the parent raises it
        errors.send(_portable(exc))
        raise SystemExit(1) from None


class _Beside:
    """``job`` run in a forked child (it inherits the document: nothing is pickled)."""

    def __init__(self, context: Any, job: Callable[[], None]) -> None:
        self._errors, sending = context.Pipe(duplex=False)
        self._process = context.Process(target=_run_beside, args=(os.getpid(), job, sending))
        self._process.start()
        sending.close()

    def wait(self) -> None:
        self._process.join()
        if self._process.exitcode == 0:
            return
        if self._errors.poll():
            raise self._errors.recv()
        raise RuntimeError(f"写工作簿的进程意外退出（退出码 {self._process.exitcode}）")

    def stop(self) -> None:
        """Whatever happened, the child is gone before the build removes its temporaries."""
        if self._process.exitcode is None:
            self._process.terminate()
        self._process.join()
        self._errors.close()


class Workers:
    """Up to ``size`` layout processes fed from one queue; ``size`` 1 lays out here.

    Use as a context manager: leaving it stops the workers, whatever happened.
    """

    def __init__(self, size: int | None = None) -> None:
        self.size = cores() if size is None else max(1, size)
        self._context = multiprocessing.get_context("fork")
        self._tasks: Any = None
        self._results: Any = None
        self._processes: list[multiprocessing.process.BaseProcess] = []
        self._queued = False

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def start(self, count: int = 1) -> Workers:
        """Have at least ``count`` workers running (never more than ``size``).

        Only until the first piece is queued: the queue's feeder thread runs from then
        on, and forking a process that has threads can deadlock the child.
        """
        if self.size <= 1 or self._queued or len(self._processes) >= min(count, self.size):
            return self
        if self._tasks is None:
            self._tasks, self._results = self._context.Queue(), self._context.Queue()
        while len(self._processes) < min(count, self.size):
            process = self._context.Process(
                target=_serve, args=(os.getpid(), self._tasks, self._results), daemon=True
            )
            process.start()
            self._processes.append(process)
        return self

    @contextmanager
    def beside(self, job: Callable[[], None] | None) -> Iterator[None]:
        """Run ``job`` (the workbook) while the block runs (the PDF is laid out and joined).

        With more than one core it runs in a forked child, which inherits the document
        (nothing is pickled), so a rebuild joins its PDF while the workbook is written;
        on one core, here, before the block.  Leaving the block waits for the child and
        raises its error; an error in the block stops the child first.
        """
        if job is None or self.size <= 1:
            if job:
                job()
            yield
            return
        child = _Beside(self._context, job)
        try:
            yield
            child.wait()
        finally:
            child.stop()

    def lay_out(self, sources: list[Source]) -> list[LaidOut]:
        """Every piece laid out, in the order given."""
        from generator.formats.pdf import layout

        if self.size <= 1 or not sources:
            return [layout.lay_out(s) for s in sources]
        if len(sources) == 1 and not self._processes:
            return [layout.lay_out(sources[0])]  # no worker is importing WeasyPrint for it
        if len(sources) > 1 and len(self._processes) < self.size:
            layout.install()  # WeasyPrint imported here, so the later workers inherit it
        self.start(len(sources))  # (the first one, if the build did not start it)
        self._queued = True
        order = sorted(range(len(sources)), key=lambda i: -len(sources[i][0]))
        for i in order:  # longest first: the workers finish together
            self._tasks.put((i, sources[i]))
        return self._gather(len(sources))

    def _gather(self, count: int) -> list[LaidOut]:
        laid: dict[int, LaidOut] = {}
        while len(laid) < count:
            try:
                index, piece, error = self._results.get(timeout=0.5)
            except queue.Empty:
                dead = [p.exitcode for p in self._processes if p.exitcode is not None]
                if dead:
                    raise RuntimeError(f"排版进程意外退出（退出码 {dead[0]}）") from None
                continue
            if error is not None:
                raise error
            laid[index] = piece
        return [laid[i] for i in range(count)]

    def close(self) -> None:
        """Stop the workers: idle ones exit at once, busy ones are not waited for."""
        for process in self._processes:
            process.terminate()
        for process in self._processes:
            process.join()
        self._processes.clear()
        for q in (self._tasks, self._results):
            if q is not None:
                q.cancel_join_thread()  # tasks no worker took are dropped, not flushed
                q.close()
        self._tasks = self._results = None

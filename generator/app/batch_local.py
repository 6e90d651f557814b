"""Run a batch on this machine: one long-lived worker process per core.

Each worker imports once (it is forked after WeasyPrint is loaded) and keeps
its fonts and parsed stylesheet between departments; a department's build
inside it is single-process.  At most one department per worker is in
flight, so the progress line can name the departments being built.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from generator import heap
from generator.app.batch import Job, Outcome, Runner, build_one
from generator.checks import CheckOptions


def cpu_count() -> int:
    """Every core this process may use: one department per core (no cap, unlike a build's
    layout workers, since departments do not wait for one another)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


def _warm(parent: int) -> None:
    """Worker start: die with the batch, load WeasyPrint's fonts once, then settle the
    heap (``generator.heap``): every department after is built on top of it."""
    from generator.formats.pdf import layout
    from generator.formats.pdf.workers import die_with_parent

    die_with_parent(parent)
    layout.install()
    heap.settle()


def local_runner(workers: int, options: CheckOptions, out_dir: Path, check_only: bool) -> Runner:
    def run(jobs: list[Job], progress: Callable[[str, Outcome | None], None]) -> Iterator[Outcome]:
        if not jobs:
            return
        if not check_only:
            from generator.formats.pdf import layout

            layout.install()  # WeasyPrint loaded once, inherited by every worker
        queue = list(jobs)
        while queue:
            pool = ProcessPoolExecutor(
                max_workers=min(workers, len(queue)),
                mp_context=multiprocessing.get_context("fork"),
                initializer=_warm,
                initargs=(os.getpid(),),
            )
            pending: dict[Future[Outcome], Job] = {}
            try:
                while queue or pending:
                    while queue and len(pending) < workers:
                        job = queue.pop(0)
                        pending[pool.submit(build_one, job, options, out_dir, check_only)] = job
                        progress(job.name, None)
                    finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in finished:
                        job = pending.pop(future)
                        outcome = future.result()
                        progress(job.name, outcome)
                        yield outcome
            except BrokenProcessPool:  # a worker was killed (out of memory?): go on without it
                for job in pending.values():
                    outcome = Outcome(job.name, str(job.path), "failed", note="工作进程意外退出")
                    progress(job.name, outcome)
                    yield outcome
            finally:
                pool.shutdown(wait=True, cancel_futures=True)

    return run

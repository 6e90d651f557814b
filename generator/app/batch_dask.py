"""Run a batch on a Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

A worker needs gen-report and the fonts installed, nothing else: the
department's input travels to it as bytes and its PDF and XLSX come back as
bytes, written here together (both or neither).  Outcomes read exactly as a
local run's (``batch.build_shipped``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from generator.app.batch import (
    Job,
    Outcome,
    Runner,
    build_shipped,
    content_hash,
    ship,
    store_outputs,
)
from generator.checks import CheckOptions
from generator.errors import UserError


def dask_runner(address: str, options: CheckOptions, out_dir: Path, check_only: bool) -> Runner:
    def run(jobs: list[Job], progress: Callable[[str, Outcome | None], None]) -> Iterator[Outcome]:
        if not jobs:
            return
        from distributed import Client, as_completed

        try:
            client = Client(address, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise UserError(f"无法连接 Dask 调度器 {address}：{exc}") from None
        with client:
            futures = {}
            for job in jobs:
                future = client.submit(
                    build_shipped, job, ship(job), options, check_only, pure=False
                )
                futures[future] = job
                progress(job.name, None)
            for future in as_completed(futures):
                job = futures[future]
                try:
                    outcome, produced = future.result()
                    store_outputs(out_dir, produced)
                    outcome.digest = content_hash(job, outcome.profile, options, check_only)
                except Exception as exc:  # a worker lost or a task that raised
                    outcome = Outcome(
                        job.name, str(job.path), "failed", note=f"集群执行失败：{exc}"
                    )
                progress(job.name, outcome)
                yield outcome

    return run

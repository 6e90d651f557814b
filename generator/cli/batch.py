"""``gen-report batch``: a city's departments checked and built in one run.

Exit 0 when every department was built (or, with ``--check-only``, has no
errors), 1 when some were refused or failed, 2 for arguments we cannot use.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNUSABLE,
    Ignore,
    MissingReason,
    Select,
    Strict,
    Tolerance,
    check_options,
    command,
    err,
    friendly,
    out,
)


@command()
@friendly
def batch(
    inputs: Annotated[
        Path,
        typer.Argument(
            help="输入文件夹（其中每个工作簿和 YAML 输入各是一个部门）或清单文件（每行一个输入）",
            metavar="输入",
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件夹", metavar="文件夹")],
    check_only: Annotated[
        bool, typer.Option("--check-only", help="只检查，不生成 PDF/XLSX；仍写汇总")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="全部重新生成（不跳过未改动的部门）")
    ] = False,
    scheduler: Annotated[
        str,
        typer.Option(
            "--scheduler",
            help="Dask 调度器地址（tcp://主机:端口）；省略时用本机全部核心",
            metavar="地址",
        ),
    ] = "",
    workers: Annotated[
        int, typer.Option("--workers", help="本机工作进程数（默认：核心数）", metavar="个数", min=0)
    ] = 0,
    tolerance: Tolerance = "",
    strict: Strict = False,
    select: Select = "",
    ignore: Ignore = "",
    missing_reason: MissingReason = "error",
) -> None:
    """批量检查并生成多个部门的 PDF 与 XLSX，写出汇总 summary.xlsx 与 index.html。"""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from generator.app import batch as batching

    options = check_options(tolerance, strict, select, ignore, missing_reason)
    jobs = batching.discover(inputs, output)
    if scheduler:
        if not scheduler.startswith(("tcp://", "tls://", "inproc://", "ucx://")):
            raise typer.BadParameter(f"--scheduler 应为 tcp://主机:端口，而不是 {scheduler}")
        from generator.app.batch_dask import dask_runner

        runner = dask_runner(scheduler, options, output, check_only)
    else:
        from generator.app.batch_local import cpu_count, local_runner

        runner = local_runner(workers or cpu_count(), options, output, check_only)

    running: list[str] = []
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=False) as bar:
        task = bar.add_task("批量生成", total=len(jobs))

        def progress(name: str, outcome: batching.Outcome | None) -> None:
            if outcome is None:
                running.append(name)
            else:
                if name in running:
                    running.remove(name)
                bar.advance(task)
            shown = "、".join(running[:3]) + ("…" if len(running) > 3 else "")
            bar.update(task, description=f"正在生成 {shown}" if shown else "批量生成")

        outcomes = batching.run(
            jobs, output, options, runner, check_only=check_only, force=force, progress=progress
        )

    reused = sum(o.reused and o.ok for o in outcomes)
    bad = [o for o in outcomes if not o.ok]
    for o in bad:
        why = o.note or f"错误 {o.errors} 个"
        err.print(f"[red]{batching_word(o.status)}[/red] {o.name}：{why}", soft_wrap=True)
    verb = "检查通过" if check_only else "生成"
    done = len(outcomes) - len(bad)
    out.print(
        f"共 {len(outcomes)} 个部门：{verb} {done} 个（其中 {reused} 个未改动，沿用上次），"
        f"未通过 {len(bad)} 个。"
    )
    out.print(f"汇总：{output / 'index.html'}、{output / 'summary.xlsx'}")
    raise typer.Exit(EXIT_FINDINGS if bad else EXIT_OK)


def batching_word(status: str) -> str:
    return {"refused": "未生成", "failed": "失败"}.get(status, status)


__all__ = ["EXIT_UNUSABLE", "batch"]

"""``gen-report init``: the input workbook, blank for a profile or filled from an input."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from generator.bundled import DEFAULT_PROFILE
from generator.cli.app import command, friendly, out, say, warn
from generator.errors import Location, UserError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


@command()
@friendly
def init(
    output: Annotated[
        Path,
        typer.Option(
            "-o", "--output", help="要写入的输入工作簿（.xlsx）", show_default=False, metavar="文件"
        ),
    ],
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            help=f"版式（profile），默认 {DEFAULT_PROFILE}",
            show_default=False,
            metavar="版式",
        ),
    ] = None,
    source: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="由已有输入填好：YAML 文件、YAML 文件夹或输入工作簿",
            show_default=False,
            metavar="输入",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="输出文件已存在时覆盖它（默认拒绝：以免覆盖已填的工作簿）", metavar=""
        ),
    ] = False,
) -> None:
    """生成输入工作簿：空白（按 profile），或用 --from 由已有输入填好。"""
    from generator.formats import load_input
    from generator.formats.input_workbook.writer import write_input_workbook
    from generator.profiles.loader import load_profile

    if output.suffix.lower() != ".xlsx":
        raise UserError("输出文件应以 .xlsx 结尾", Location(str(output)))
    if output.exists() and not force:
        raise UserError(
            "文件已存在：init 不覆盖已有的工作簿（可能已经填好）；请换一个文件名，"
            "或确认要覆盖时加 --force",
            Location(str(output)),
        )
    report = None
    if source is not None:
        if _same_file(source, output):
            raise UserError(
                "输出文件与输入相同：init 从不覆盖输入，请换一个文件名", Location(str(output))
            )
        report, _ = load_input(source)
        if profile is not None and profile != report.profile:
            raise UserError(
                f"--profile {profile} 与输入的 profile“{report.profile}”不一致",
                Location(str(source)),
            )
    chosen = load_profile(report.profile if report else profile or DEFAULT_PROFILE)
    unplaced = write_input_workbook(chosen, output, report)
    for note in unplaced:
        warn(f"工作簿中没有位置，未写入：{note}")
    what = "已填好的" if report else "空白"
    say(out, "", "", f"已生成{what}输入工作簿 {output}（profile：{chosen.id}）")

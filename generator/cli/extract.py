"""``gen-report extract``: a published PDF → an input file that ``check`` and ``build`` accept."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import EXIT_FINDINGS, EXIT_OK, command, err, friendly, out, say
from generator.errors import Location, UserError


@command()
@friendly
def extract(
    published: Annotated[Path, typer.Argument(help="已公开的部门决算 PDF", metavar="PDF")],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="写出的输入文件（.yaml）", metavar="文件")
    ],
    profile: Annotated[
        str | None,
        typer.Option("--profile", help="版式；省略时按表格标题和年度自动判断", metavar="版式"),
    ] = None,
) -> None:
    """从已公开的决算 PDF 读出表格、概况、名词解释等，写成输入文件；列出未能读出的内容。"""
    from generator.app.extract import complete, to_yaml
    from generator.app.extract import extract as extract_input
    from generator.atomic import write_text

    if not published.is_file():
        raise UserError("文件不存在", Location(str(published)))
    if output.suffix.lower() not in (".yaml", ".yml"):
        raise UserError("输出文件须为 .yaml 或 .yml", Location(str(output)))
    data, notes = extract_input(published, profile)
    write_text(output, to_yaml(data, published, notes))
    say(out, "", "", f"已写出 {output}")
    if complete(notes):
        for note in notes:
            say(out, "  需补充", "dim", note)
        raise typer.Exit(EXIT_OK)
    say(err, "部分内容未能读出：", "yellow", "")
    for note in notes:
        say(err, "  -", "", note)
    raise typer.Exit(EXIT_FINDINGS)

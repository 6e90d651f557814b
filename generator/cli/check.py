"""``gen-report check``: every consistency rule over an input, located to the line or cell."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import (
    EXIT_FINDINGS,
    EXIT_OK,
    Ignore,
    MissingReason,
    Prior,
    Select,
    Strict,
    Tolerance,
    check_options,
    command,
    friendly,
    load_with_notes,
    out,
)


@command()
@friendly
def check(
    input: Annotated[
        Path | None, typer.Argument(help="输入：YAML 文件或文件夹、输入工作簿", metavar="输入")
    ] = None,
    format: Annotated[
        str,
        typer.Option(
            "--format", help="text 或 json（markdown 仅用于 --list-rules）", metavar="格式"
        ),
    ] = "text",
    tolerance: Tolerance = "",
    strict: Strict = False,
    select: Select = "",
    ignore: Ignore = "",
    missing_reason: MissingReason = "error",
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="列出全部规则", metavar="")
    ] = False,
    prior: Prior = None,
) -> None:
    """按 rules.md 的全部勾稽关系检查输入，指出要改的文件、位置和行。"""
    from generator.app import build as builder
    from generator.checks.report import print_rules, print_text, rules_markdown, to_json

    if list_rules:
        if format == "markdown":
            sys.stdout.write(rules_markdown())
        else:
            print_rules(out)
        return
    if format not in ("text", "json"):
        raise typer.BadParameter(f"不支持的格式：{format}；可用：text、json")
    if input is None:
        raise typer.BadParameter("请指定要检查的输入文件")
    options = check_options(tolerance, strict, select, ignore, missing_reason)
    loaded = load_with_notes(input, options.tolerance, prior)
    result = builder.check(loaded, options)
    if format == "json":
        sys.stdout.write(to_json(result) + "\n")
    else:
        print_text(result, out)
    raise typer.Exit(EXIT_FINDINGS if result.errors else EXIT_OK)

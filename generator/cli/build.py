"""``gen-report build``: validate an input, then write its PDF and XLSX (both or neither)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import (
    EXIT_FINDINGS,
    Ignore,
    MissingReason,
    Prior,
    Select,
    Strict,
    Tolerance,
    check_options,
    command,
    err,
    friendly,
    load_with_notes,
    out,
    say,
)

InputArg = Annotated[
    Path | None,
    typer.Argument(
        help="输入：YAML 文件、YAML 文件夹或输入工作簿（.xlsx）；省略时使用内置示例。",
        metavar="输入",
    ),
]


@command()
@friendly
def build(
    input: InputArg = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="输出文件夹（默认：当前文件夹下的 outputs/）", metavar="文件夹"
        ),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", help="pdf,xlsx 之一或两者", metavar="格式")
    ] = "pdf,xlsx",
    tolerance: Tolerance = "",
    strict: Strict = False,
    select: Select = "",
    ignore: Ignore = "",
    missing_reason: MissingReason = "error",
    prior: Prior = None,
    pdf_variant: Annotated[
        str | None,
        typer.Option(
            "--pdf-variant",
            help="存档用 PDF：pdf/a-3b（内嵌的输入作为关联文件）",
            metavar="版本",
        ),
    ] = None,
) -> None:
    """校验输入并生成 PDF 与 XLSX；有错误时不生成任何文件。"""
    from generator.formats.pdf.workers import Workers

    # The first layout worker imports WeasyPrint while this process reads the input.
    with Workers().start(1 if "pdf" in format else 0) as workers:
        from generator.app import build as builder
        from generator.checks import CheckResult
        from generator.checks.report import print_text
        from generator.formats.pdf.archive import VARIANTS

        formats = tuple(f.strip() for f in format.split(",") if f.strip())
        bad = [f for f in formats if f not in builder.FORMATS]
        if bad or not formats:
            raise typer.BadParameter(f"不支持的格式：{'、'.join(bad) or '（空）'}；可用：pdf,xlsx")
        if pdf_variant is not None and pdf_variant.lower() not in VARIANTS:
            raise typer.BadParameter(
                f"不支持的 PDF 版本：{pdf_variant}；可用：{'、'.join(VARIANTS)}"
            )
        options = check_options(tolerance, strict, select, ignore, missing_reason)
        path = input or builder.EXAMPLE
        out_dir = output or Path.cwd() / "outputs"  # the user's folder, never the installation's
        if input is None:
            say(out, "", "", f"未指定输入，生成内置示例 {path.name}，写入 {out_dir}")
        loaded = load_with_notes(path, options.tolerance, prior, building=True)
        checked = builder.check(loaded, options)
        if checked.blocking:
            print_text(checked, err, show_info=False)
            say(err, "存在错误，未生成任何文件。", "red", "")
            raise typer.Exit(EXIT_FINDINGS)
        # the contradictions a build corrects are said once, as corrections, not as errors
        shown = CheckResult([f for f in checked.findings if not f.correction])
        if shown.findings:
            print_text(shown, out, show_info=False)
        if checked.corrections:
            source = loaded.computed.report.source
            pdf = source.pdf if source else ""
            say(
                out,
                "",
                "",
                f"表中数字未改动的 extract（原 PDF {pdf}）：原 PDF 表内的矛盾按计算印出",
            )
            for line in checked.corrections:
                say(out, "更正", "cyan", line)
        variant = pdf_variant.lower() if pdf_variant else None
        result = builder.render(loaded, out_dir, formats, workers=workers, pdf_variant=variant)
    for file in result.files:
        say(out, "", "", f"已生成 {file}")
    if result.pages:
        say(out, "", "", f"PDF 共 {result.pages} 页")

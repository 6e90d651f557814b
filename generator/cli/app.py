"""The ``gen-report`` command line: a thin layer over load / compute / render.

Messages for finance officers are Chinese; bad input gets one located line
per problem and exit 2, never a traceback (set GEN_REPORT_DEBUG=1 to see one).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import wraps
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from generator.app import build as builder
from generator.checks import CheckOptions, Severity
from generator.checks.report import print_rules, print_text, rules_markdown, to_json
from generator.errors import InputErrors, UserError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="gen-report：由部门决算数据生成标准公开文本（PDF + XLSX）。",
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


def friendly(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn our errors into located one-liners and exit codes; hide tracebacks."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InputErrors as exc:
            for e in exc.errors:
                err.print(f"[red]错误[/red] {e}", soft_wrap=True)
            raise typer.Exit(EXIT_UNUSABLE) from None
        except UserError as exc:
            err.print(f"[red]错误[/red] {exc}", soft_wrap=True)
            raise typer.Exit(EXIT_UNUSABLE) from None
        except typer.BadParameter as exc:  # an option's value: unusable arguments (exit 2)
            err.print(f"[red]错误[/red] {exc.message}", soft_wrap=True)
            raise typer.Exit(EXIT_UNUSABLE) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug of ours: say so plainly, keep the trace for us
            if os.environ.get("GEN_REPORT_DEBUG"):
                raise
            err.print(
                f"[red]内部错误[/red]（请联系维护者，并附上输入文件）：{type(exc).__name__}: {exc}"
                "\n设置环境变量 GEN_REPORT_DEBUG=1 可查看详细信息。",
                soft_wrap=True,
            )
            raise typer.Exit(3) from None

    return wrapper


def parse_tolerance(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise typer.BadParameter(f"不是数字：{text}") from None
    if value < 0:
        raise typer.BadParameter("容差不能为负数")
    return value


InputArg = Annotated[
    Path | None,
    typer.Argument(help="输入：YAML 文件、YAML 文件夹或输入工作簿（.xlsx）；省略时使用内置示例。"),
]


def codes(text: str) -> set[str]:
    return {c.strip().upper() for c in text.split(",") if c.strip()}


def check_options(
    tolerance: str, strict: bool, select: str, ignore: str, missing_reason: str
) -> CheckOptions:
    if missing_reason not in ("error", "warning"):
        raise typer.BadParameter("--missing-reason 只能是 error 或 warning")
    return CheckOptions(
        tolerance=parse_tolerance(tolerance),
        missing_reason=Severity(missing_reason),
        strict=strict,
        select=codes(select),
        ignore=codes(ignore),
    )


Tolerance = Annotated[str, typer.Option(help="尾差容忍度（万元），不超过此值按四舍五入提示")]
Strict = Annotated[bool, typer.Option("--strict", help="把警告当作错误")]
Select = Annotated[str, typer.Option(help="只运行这些规则（逗号分隔，可用前缀，如 H,X001）")]
Ignore = Annotated[str, typer.Option(help="不运行这些规则（逗号分隔，可用前缀）")]
MissingReason = Annotated[str, typer.Option(help="缺少原因说明时的级别：error 或 warning")]
Prior = Annotated[
    Path | None,
    typer.Option("--prior", help="上年版本（输入或已公开的 PDF），用于填写情况说明的上年数"),
]


def load_with_notes(path: Path, tolerance: Decimal, prior: Path | None) -> builder.Loaded:
    loaded = builder.load(path, tolerance, prior)
    for note in loaded.notes:
        err.print(f"[yellow]注意[/yellow] {note}", soft_wrap=True)
    return loaded


@app.command()
@friendly
def build(
    input: InputArg = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="输出文件夹")] = None,
    format: Annotated[str, typer.Option("--format", help="pdf,xlsx 之一或两者")] = "pdf,xlsx",
    tolerance: Tolerance = "0.01",
    strict: Strict = False,
    select: Select = "",
    ignore: Ignore = "",
    missing_reason: MissingReason = "error",
    prior: Prior = None,
) -> None:
    """校验输入并生成 PDF 与 XLSX；有错误时不生成任何文件。"""
    formats = tuple(f.strip() for f in format.split(",") if f.strip())
    bad = [f for f in formats if f not in builder.FORMATS]
    if bad or not formats:
        err.print(f"[red]错误[/red] 不支持的格式：{'、'.join(bad) or '（空）'}；可用：pdf,xlsx")
        raise typer.Exit(EXIT_UNUSABLE)
    options = check_options(tolerance, strict, select, ignore, missing_reason)
    path = input or builder.EXAMPLE
    out_dir = output or builder.OUTPUTS
    loaded = load_with_notes(path, options.tolerance, prior)
    checked = builder.check(loaded, options)
    if checked.errors:
        print_text(checked, err, show_info=False)
        err.print("[red]存在错误，未生成任何文件。[/red]")
        raise typer.Exit(EXIT_FINDINGS)
    if checked.findings:
        print_text(checked, out, show_info=False)
    result = builder.render(loaded, out_dir, formats)
    for file in result.files:
        out.print(f"已生成 {file}")
    if result.pages:
        out.print(f"PDF 共 {result.pages} 页")


@app.command()
@friendly
def check(
    input: Annotated[
        Path | None, typer.Argument(help="输入：YAML 文件或文件夹、输入工作簿")
    ] = None,
    format: Annotated[
        str, typer.Option("--format", help="text 或 json（markdown 仅用于 --list-rules）")
    ] = "text",
    tolerance: Tolerance = "0.01",
    strict: Strict = False,
    select: Select = "",
    ignore: Ignore = "",
    missing_reason: MissingReason = "error",
    list_rules: Annotated[bool, typer.Option("--list-rules", help="列出全部规则")] = False,
    prior: Prior = None,
) -> None:
    """按 rules.md 的全部勾稽关系检查输入，指出要改的文件、位置和行。"""
    if list_rules:
        if format == "markdown":
            sys.stdout.write(rules_markdown())
        else:
            print_rules(out)
        return
    if format not in ("text", "json"):
        err.print(f"[red]错误[/red] 不支持的格式：{format}；可用：text、json")
        raise typer.Exit(EXIT_UNUSABLE)
    if input is None:
        err.print("[red]错误[/red] 请指定要检查的输入文件")
        raise typer.Exit(EXIT_UNUSABLE)
    options = check_options(tolerance, strict, select, ignore, missing_reason)
    loaded = load_with_notes(input, options.tolerance, prior)
    result = builder.check(loaded, options)
    if format == "json":
        sys.stdout.write(to_json(result) + "\n")
    else:
        print_text(result, out)
    raise typer.Exit(EXIT_FINDINGS if result.errors else EXIT_OK)


@app.command()
@friendly
def profiles() -> None:
    """列出可用的 profile（地区/年度版式）；有错误的 profile 会指出位置。"""
    from generator.profiles.loader import available, load_profile

    table = Table("profile", "名称", "年度", "地区", "表")
    broken: list[UserError] = []
    for profile_id in available():
        try:
            p = load_profile(profile_id)
        except UserError as exc:  # one broken layout must not hide the others
            broken += exc.errors if isinstance(exc, InputErrors) else [exc]
            table.add_row(profile_id, "[red]（有错误，见下）[/red]", "", "", "")
            continue
        table.add_row(p.id, p.name, str(p.year), p.region, "、".join(t.id for t in p.tables))
    out.print(table)
    for e in broken:
        err.print(f"[red]错误[/red] {e}", soft_wrap=True)
    if broken:
        raise typer.Exit(EXIT_UNUSABLE)


def main() -> None:  # pragma: no cover - console entry for python -m
    app(prog_name="gen-report")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

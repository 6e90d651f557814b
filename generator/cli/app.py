"""The ``gen-report`` Typer application and what its commands share: exit codes,
the two consoles, the error wrapper and the options several commands take.

Messages for finance officers are Chinese; bad input gets one located line
per problem and exit 2, never a traceback (set GEN_REPORT_DEBUG=1 to see one).
Each command lives in its own module and imports its heavy dependencies
(WeasyPrint, PDFium, openpyxl) only when it runs, so ``--help`` starts fast.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import cache, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.text import Text
from typer.completion import completion_init

import generator
from generator import heap
from generator.atomic import Interrupted
from generator.cli.chinese import ChineseCommand, ChineseGroup
from generator.errors import InputErrors, Location, UserError
from generator.text import one_line

if TYPE_CHECKING:
    from generator.app.build import Loaded
    from generator.checks import CheckOptions

# Shell completion through Click's variable (README: ``_GEN_REPORT_COMPLETE=source_bash``)
# rather than Typer's --install-completion, whose messages are English.
completion_init()
app = typer.Typer(
    cls=ChineseGroup,
    add_completion=False,
    no_args_is_help=True,
    help="gen-report：由部门决算数据生成标准公开文本（PDF + XLSX）。",
)
# Typed text (names, paths, cells) prints as typed: no markup, and ":warning:" stays words.
out = Console(highlight=False, emoji=False)
err = Console(stderr=True, highlight=False, emoji=False)

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE, EXIT_BUG = 0, 1, 2, 3


def command() -> Callable[[Callable[..., Any]], Any]:
    """Register a command with the Chinese usage line, help option and errors."""
    return app.command(cls=ChineseCommand)


def _show_version(value: bool) -> None:
    if value:
        out.print(f"gen-report {generator.__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="显示版本并退出。",
            is_eager=True,
            callback=_show_version,
            metavar="",
        ),
    ] = False,
) -> None:
    """The group's own options (``--version``); each command is registered by its module."""


def say(console: Console, label: str, style: str, message: str) -> None:
    """One line to the terminal: the label styled, the message printed as typed.

    Messages quote user text (names, cells, file paths); as a ``Text`` they are
    never read as rich markup, so ``[red]`` or an unmatched ``[/x]`` prints literally.
    """
    line = Text.assemble((label, style), " ", one_line(message)) if label else Text(message)
    console.print(line, soft_wrap=True)


def error(message: str) -> None:
    say(err, "错误", "red", message)


def warn(message: str) -> None:
    say(err, "注意", "yellow", message)


SHOWN_ERRORS = 50  # a badly broken input lists this many, then a count


def _report(errors: list[UserError]) -> None:
    for e in errors[:SHOWN_ERRORS]:
        error(str(e))
    if len(errors) > SHOWN_ERRORS:
        error(f"另有 {len(errors) - SHOWN_ERRORS} 处错误未列出；请先改正以上各处")


def _os_error(exc: OSError) -> UserError:
    """A file we could not read or write: the environment, not a bug (exit 2)."""
    reason = exc.strerror or type(exc).__name__
    where = exc.filename if isinstance(exc.filename, str | os.PathLike) else None
    return UserError(f"无法读写文件：{reason}", Location(os.fspath(where)) if where else None)


def friendly(command: Callable[..., Any]) -> Callable[..., Any]:
    """The one place expected failures become located one-liners and exit codes.

    Unusable input or arguments (``UserError``, a bad option, a file the system
    cannot read or write) exit 2; an interrupt exits 128 + signal after the
    temporaries are gone; anything else is a bug of ours: exit 3 with a plea to
    report it (GEN_REPORT_DEBUG=1 shows the traceback).
    """

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except InputErrors as exc:
            _report(exc.errors)
        except UserError as exc:
            _report([exc])
        except typer.BadParameter as exc:  # an option's value: unusable arguments (exit 2)
            error(exc.message)
        except OSError as exc:
            _report([_os_error(exc)])
        except (Interrupted, KeyboardInterrupt) as exc:
            signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
            say(err, "已中断", "yellow", "未写出任何文件（临时文件已删除）")
            raise typer.Exit(128 + int(signum)) from None
        except Exception as exc:  # a bug of ours: say so plainly, keep the trace for us
            if os.environ.get("GEN_REPORT_DEBUG"):
                raise
            say(
                err,
                "内部错误",
                "red",
                "这是 gen-report 的缺陷，不是输入的问题；请把输入文件和这一行发给维护者："
                f"{type(exc).__name__}: {exc}",
            )
            say(err, "", "", "设置环境变量 GEN_REPORT_DEBUG=1 可查看详细信息。")
            raise typer.Exit(EXIT_BUG) from None
        raise typer.Exit(EXIT_UNUSABLE)

    return wrapper


def parse_tolerance(text: str) -> Decimal | None:
    """A fixed rounding bound; empty means the rounding model of rules.md."""
    if not text.strip():
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise typer.BadParameter(f"不是数字：{text}") from None
    if value < 0:
        raise typer.BadParameter("容差不能为负数")
    return value


def codes(text: str) -> set[str]:
    return {c.strip().upper() for c in text.split(",") if c.strip()}


def check_options(
    tolerance: str, strict: bool, select: str, ignore: str, missing_reason: str
) -> CheckOptions:
    from generator.checks import CheckOptions, Severity

    if missing_reason not in ("error", "warning"):
        raise typer.BadParameter("--missing-reason 只能是 error 或 warning")
    return CheckOptions(
        tolerance=parse_tolerance(tolerance),
        missing_reason=Severity(missing_reason),
        strict=strict,
        select=codes(select),
        ignore=codes(ignore),
    )


@cache
def code_loaded() -> None:
    """The program is imported (models, schemas, rules: most of the heap, and it lives
    until exit): ``heap.settle`` takes it out of the collector's sight, so the
    collections an input's reading triggers, and the ones at exit, look only at this
    run's data (about a fifth of a ``check``), and collects less often while a build
    lays out (layout workers fork after this and inherit it). Once per process, after
    a command's imports."""
    heap.settle()


def load_with_notes(
    path: Path, tolerance: Decimal | None, prior: Path | None, building: bool = False
) -> Loaded:
    from generator.app import build as builder

    code_loaded()
    loaded = builder.load(path, tolerance, prior, building)
    for note in loaded.notes:
        warn(note)
    return loaded


Tolerance = Annotated[
    str,
    typer.Option(
        help="固定的尾差容忍度（万元）；省略时按舍入模型：n 个加数的合计容许 (n + 1) × 0.005",
        metavar="万元",
    ),
]
Strict = Annotated[bool, typer.Option("--strict", help="把警告当作错误", metavar="")]
Select = Annotated[
    str, typer.Option(help="只运行这些规则（逗号分隔，可用前缀，如 H,X001）", metavar="规则")
]
Ignore = Annotated[str, typer.Option(help="不运行这些规则（逗号分隔，可用前缀）", metavar="规则")]
MissingReason = Annotated[
    str, typer.Option(help="缺少原因说明时的级别：error 或 warning", metavar="级别")
]
Prior = Annotated[
    Path | None,
    typer.Option(
        "--prior",
        help="上年版本（输入或已公开的 PDF）：情况说明的上年数取其印出的本年数（优先于输入中填写的上年数）",
        metavar="文件",
    ),
]


def main() -> None:  # pragma: no cover - console entry for python -m
    app(prog_name="gen-report")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

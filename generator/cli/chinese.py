"""The frameworks' own texts in Chinese, so the first screen a finance officer sees
and the last error are in the language of everything else we print.

Typer's help frames (panel titles, the "try --help" line, [默认：…]) are settings
of ``typer.rich_utils``, set when help or an error is about to be printed: that
module brings Rich's Markdown and Pygments, which a ``check`` never needs. The Click inside Typer ≥ 0.29 is vendored without
gettext, so its usage line, help option and argument errors are set through
the command classes Typer lets an application choose (``cls=``): each error is
re-worded from the exception's own fields (which option, which parameter, which
possibilities), never by rewriting printed English.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from typer._click import exceptions as click_errors
from typer._click.core import Context
from typer._click.formatting import HelpFormatter
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption
from typer.exceptions import Abort

USAGE = "用法："
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."
HELP_TEXT = "显示此帮助并退出。"

FRAMES = {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "ABORTED_TEXT": "已中止。",
    "RICH_HELP": "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。",
    "DEFAULT_STRING": "[默认：{}]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "DEPRECATED_STRING": "（已停用）",
}


def chinese_frames() -> None:
    """Typer's frames in Chinese; called before Typer formats help or an error."""
    from typer import rich_utils  # Rich's Markdown and Pygments: only when printing help

    for name, text in FRAMES.items():
        setattr(rich_utils, name, text)


@contextmanager
def _framed() -> Iterator[None]:
    """Whatever fails in here reaches Typer's error printer: give it Chinese frames first."""
    try:
        yield
    except (click_errors.ClickException, Abort, EOFError):
        chinese_frames()
        raise


def _hint(param: Any) -> str:
    """How the user wrote (or would write) the parameter: ``--output`` / ``-o`` or ``输入``."""
    if isinstance(param, TyperOption):
        return " / ".join(sorted(param.opts, key=len, reverse=True))
    return str(getattr(param, "display_name_raw", None) or getattr(param, "name", ""))


def _option(ctx: Context | None, name: str) -> TyperOption | None:
    if ctx is None:
        return None
    for param in ctx.command.get_params(ctx):
        if isinstance(param, TyperOption) and name in (*param.opts, *param.secondary_opts):
            return param
    return None


def chinese_message(exc: click_errors.UsageError) -> str | None:
    """The Chinese wording of one of Click's usage errors, from its fields; None if ours."""
    if isinstance(exc, click_errors.NoSuchOption):
        text = f"没有这个选项：{exc.option_name}"
        if exc.possibilities:
            text += f"（可能是：{'、'.join(sorted(exc.possibilities))}）"
        return text
    if isinstance(exc, click_errors.MissingParameter):
        kind = "选项" if isinstance(exc.param, TyperOption) else "参数"
        return f"缺少{kind} {_hint(exc.param)}。"
    if isinstance(exc, click_errors.BadOptionUsage):
        option = _option(exc.ctx, exc.option_name)
        if option is not None and option.is_flag:
            return f"选项 {exc.option_name} 是开关，不接受取值。"
        return f"选项 {exc.option_name} 需要一个值。"
    if isinstance(exc, click_errors.BadParameter) and exc.param is not None:
        return f"{_hint(exc.param)} 的值无效：{exc.message}"
    return None


def _translated(exc: click_errors.UsageError, ctx: Context) -> click_errors.UsageError:
    if exc.ctx is None:  # the option parser raises without a context
        exc.ctx = ctx
    message = chinese_message(exc)
    if message is None:
        return exc
    return click_errors.UsageError(message, exc.ctx)


class _ChineseTexts:
    """What commands and the group share: the usage line, the help option, the errors."""

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        chinese_frames()
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE)

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
            option.metavar = ""  # a switch: no "<bool>" type column
        return option

    def get_params(self, ctx: Context) -> list[Any]:
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if isinstance(param, TyperArgument):  # its Chinese name says what it is
                param.display_type_rich = _no_type  # type: ignore[method-assign]
        return params

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        try:
            return self._parse(ctx, args)
        except click_errors.NoArgsIsHelpError:
            raise
        except click_errors.UsageError as exc:
            raise _translated(exc, ctx) from None

    def _parse(self, ctx: Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, args)  # type: ignore[misc]


def _no_type(ctx: Context) -> None:
    return None


class ChineseCommand(_ChineseTexts, TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = OPTIONS_METAVAR
        super().__init__(*args, **kwargs)

    def _parse(self, ctx: Context, args: list[str]) -> list[str]:
        """Extra arguments are refused here, in Chinese, instead of in Click's parser."""
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest = super()._parse(ctx, args)
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            ctx.fail(f"多余的参数：{' '.join(rest)}")
        return rest


class ChineseGroup(_ChineseTexts, TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = OPTIONS_METAVAR
        kwargs["subcommand_metavar"] = SUBCOMMAND_METAVAR
        super().__init__(*args, **kwargs)

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Any, list[str]]:
        name = args[0] if args else ""
        if self.get_command(ctx, name) is None and not name.startswith("-"):
            from difflib import get_close_matches

            close = get_close_matches(name, list(self.commands))
            text = f"没有这个命令：{name}"
            if close:
                text += f"（是不是 {'、'.join(close)}？）"
            ctx.fail(text)
        try:
            return super().resolve_command(ctx, args)
        except click_errors.UsageError as exc:
            raise _translated(exc, ctx) from None

    # The program's context and invocation enclose every command's: one place catches
    # what Typer is about to print as an error.
    def make_context(self, *args: Any, **kwargs: Any) -> Context:
        with _framed():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: Context) -> Any:
        with _framed():
            if not ctx._protected_args and not self.invoke_without_command:
                ctx.fail("缺少命令。")
            return super().invoke(ctx)

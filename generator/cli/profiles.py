"""``gen-report profiles``: the layouts (profiles) this installation knows, each shown whole."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from generator.cli.app import code_loaded, command, friendly, out
from generator.errors import InputErrors, UserError

if TYPE_CHECKING:  # the layouts are read only when the command runs (``--help`` stays fast)
    from generator.profiles.schema import Profile


def _as_dict(p: Profile) -> dict[str, Any]:
    return {
        "id": p.id,
        "title": p.name,
        "year": p.year,
        "region": p.region,
        "extends": p.extends,
        "tables": [{"id": t.id, "title": t.title} for t in p.tables],
    }


def _print(p: Profile) -> None:
    """One block per profile: the heading is never cut (the terminal wraps it), the
    details wrap under their labels, so a narrow terminal still shows every word."""
    out.print(f"[bold]{escape(p.id)}[/bold]  {escape(p.name)}", soft_wrap=True)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(overflow="fold")
    grid.add_row("  年度", Text(str(p.year)))  # profile text is data: never markup
    grid.add_row("  地区", Text(p.region or "（未填）"))
    if p.extends:
        grid.add_row("  继承", Text(f"{p.extends}（本版式没有的文件取自它）"))
    for i, t in enumerate(p.tables):
        grid.add_row("  表" if i == 0 else "", Text(f"{t.id}  {t.title}"))
    out.print(grid, "")


@command()
@friendly
def profiles(
    format: Annotated[str, typer.Option("--format", help="text 或 json", metavar="格式")] = "text",
) -> None:
    """列出可用的 profile（地区/年度版式）；有错误的 profile 会指出位置。"""
    from generator.profiles.loader import available, load_profile

    code_loaded()
    if format not in ("text", "json"):
        raise typer.BadParameter(f"不支持的格式：{format}；可用：text、json")
    listed: list[dict[str, Any]] = []
    broken: list[UserError] = []
    for profile_id in available():
        try:
            p = load_profile(profile_id)
        except UserError as exc:  # one broken layout must not hide the others
            errors = exc.errors if isinstance(exc, InputErrors) else [exc]
            broken += errors
            listed.append({"id": profile_id, "errors": [str(e) for e in errors]})
            if format == "text":
                out.print(f"[bold]{escape(profile_id)}[/bold]  [red]（有错误，见下）[/red]")
            continue
        listed.append(_as_dict(p))
        if format == "text":
            _print(p)
    if format == "json":
        sys.stdout.write(json.dumps(listed, ensure_ascii=False, indent=2) + "\n")
    if broken:
        raise InputErrors(broken)

"""``gen-report profiles``: the layouts (profiles) this installation knows."""

from __future__ import annotations

import typer
from rich.table import Table

from generator.cli.app import EXIT_UNUSABLE, app, err, friendly, out
from generator.errors import InputErrors, UserError
from generator.profiles.loader import available, load_profile


@app.command()
@friendly
def profiles() -> None:
    """列出可用的 profile（地区/年度版式）；有错误的 profile 会指出位置。"""
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

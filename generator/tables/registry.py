"""Table kind → the module that owns it; the only place a table's ``kind`` is looked at.

Every kind module offers the same functions (see docs/profiles.md, "Adding a
table kind"): ``defined``, ``build``, ``view``, ``total_role``,
``table_input``, ``one_figure``, ``input_header``, ``input_numbers``,
``write_sheet``, ``read_sheet`` and the flags ``ROWS_BY_CODE`` and
``SCALE_CHECKED``.
"""

from __future__ import annotations

from types import ModuleType

from generator.compute.computed import Computed
from generator.document.tables import TableView
from generator.formats.input_workbook import layout as wl
from generator.profiles.schema import Profile, TableDef
from generator.tables import balance, classified, economic, grid

KINDS: dict[str, ModuleType] = {m.NAME: m for m in (classified, balance, economic, grid)}


def kind_of(tdef: TableDef) -> ModuleType:
    return KINDS[tdef.kind]


def tables_of(profile: Profile, kind: ModuleType) -> list[TableDef]:
    """The profile's tables of one kind (``tables_of(profile, economic)``)."""
    return [t for t in profile.tables if KINDS[t.kind] is kind]


def economic_table(profile: Profile) -> TableDef | None:
    """The basic-expenditure table laid out by 经济分类 (公开06 in most layouts)."""
    return next(iter(tables_of(profile, economic)), None)


def table_views(computed: Computed) -> list[TableView]:
    """Every disclosure table as printed, in the profile's order."""
    return [kind_of(t).view(computed, t) for t in computed.profile.tables]


def body_top(tdef: TableDef) -> int:
    """First row of a table sheet's body in the input workbook: pasted exports start here."""
    kind = kind_of(tdef)
    numbers = 1 if kind.input_numbers(tdef) else 0
    return wl.HEADER_TOP + len(kind.input_header(tdef)) + numbers

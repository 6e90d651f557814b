"""Shared reading of the marked-block sheets: 【marker】 blocks, every field located.

Key/value and table blocks, and the pieces several sheets repeat (section
trees, 评分表, 附件设置, two-column mappings).

Which sheet holds what is read elsewhere, one module per sheet family:
``read_narrative`` (封面概况 … 名词解释), ``read_attachments`` (the 绩效 attachments)
and ``read_documents`` (评价报告, 自评报告).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.formats.input_workbook import layout as wl
from generator.formats.input_workbook.read_cells import BlockRows, Grid, Reader, Rec
from generator.formats.yaml_input.source import PathKey


class FormReader:
    """Reads the blocks of one form sheet into YAML-shaped data, locating every field."""

    def __init__(self, reader: Reader) -> None:
        self.r = reader

    def grouped(self, sheet: str) -> tuple[dict[str, BlockRows], list[dict[str, BlockRows]]]:
        """Sheet-level blocks, and the records a record marker starts (项目自评 …)."""
        grid = self.r.grids[sheet]
        known = {b.marker for b in wl.SHEET_BLOCKS[sheet]}
        start = wl.RECORD_MARKERS.get(sheet)
        head: dict[str, BlockRows] = {}
        records: list[dict[str, BlockRows]] = []
        for block in self.r.blocks(grid, known):
            if block.marker == start:
                records.append({})
            target = records[-1] if records else head
            if block.marker in target:
                self.r.error(grid, block.row, 1, f"【{block.marker}】重复出现")
                continue
            target[block.marker] = block
        return head, records

    def kv(self, sheet: str, block: wl.Block, rows: BlockRows | None, path: PathKey) -> Rec:
        grid = self.r.grids[sheet]
        if rows is None:
            return Rec()
        rec = self.r.kv(grid, block, rows)
        self.r.mark(path, grid, rows.row, 1)
        for key, (r, c) in rec.cells.items():
            self.r.mark((*path, key), grid, r, c)
        return rec

    def table(
        self, sheet: str, block: wl.Block, rows: BlockRows | None, path: PathKey
    ) -> list[Rec]:
        grid = self.r.grids[sheet]
        if rows is None:
            return []
        self.r.mark(path, grid, rows.row, 1)
        return self.r.table(grid, block, rows)

    def place(self, sheet: str, path: PathKey, rec: Rec) -> None:
        """Locate a record under ``path``: the record at its first cell, each field at its own."""
        grid = self.r.grids[sheet]
        if rec.cells:
            first = min(rec.cells.values(), key=lambda rc: rc[1])
            self.r.mark(path, grid, *first)
        for key, (r, c) in rec.cells.items():
            self.r.mark((*path, key), grid, r, c)

    def named(
        self,
        sheet: str,
        head: dict[str, BlockRows],
        block: wl.Block,
        key: str,
        value: str,
        name: str,
        parent: PathKey = ("narrative",),
    ) -> dict[str, Any]:
        """A two-column table read as a mapping; rows with a name and no value are skipped."""
        grid = self.r.grids[sheet]
        path: PathKey = (*parent, name)
        out: dict[str, Any] = {}
        for rec in self.table(sheet, block, head.get(block.marker), path):
            if value not in rec.values:
                continue
            label = rec.values.get(key)
            if label is None or label in out:
                what = block.field(key).label
                why = (
                    f"有{block.field(value).label}但缺少{what}"
                    if label is None
                    else (f"{what}“{label}”重复")
                )
                self.r.error(grid, *rec.at(key), why)
                continue
            out[label] = rec.values[value]
            self.r.remark((*path, label), grid, *rec.at(value))
        return out

    def sections(
        self, sheet: str, rows: BlockRows | None, path: PathKey, key: str = "sections"
    ) -> list[dict[str, Any]]:
        """Rows of 层级/标题/正文 (and 指标 rows) → the nested section tree."""
        grid = self.r.grids[sheet]
        top: list[dict[str, Any]] = []
        stack: list[tuple[dict[str, Any], PathKey]] = []
        for rec in self.table(sheet, wl.SECTIONS, rows, (*path, key)):
            level = rec.values.pop("level", None)
            if level == wl.INDICATOR_LEVEL:
                self._indicator_row(grid, rec, stack)
                continue
            depth = int(level) if level else (len(stack) or 1)
            if depth > len(stack) + 1:
                self.r.error(grid, *rec.at("level"), f"层级 {depth} 之前缺少层级 {depth - 1}")
                continue
            del stack[depth - 1 :]
            siblings = stack[-1][0].setdefault("sections", []) if stack else top
            parent = (stack[-1][1], "sections") if stack else (path, key)
            spath = (*parent[0], parent[1], len(siblings))
            own = ("title", "text", "表格", "表后文字")
            section = {k: rec.values[k] for k in own if k in rec.values}
            extra = [k for k in rec.values if k not in own]
            for key in extra:
                self.r.error(grid, *rec.at(key), "指标各栏只在层级为“指标”的行填写")
            siblings.append(section)
            self.place(sheet, spath, rec)
            stack.append((section, spath))
        return top

    def _indicator_row(
        self, grid: Grid, rec: Rec, stack: list[tuple[dict[str, Any], PathKey]]
    ) -> None:
        if not stack:
            self.r.error(grid, *rec.at("level"), "指标行之前没有章节")
            return
        section, spath = stack[-1]
        indicators = section.setdefault("指标表", [])
        ipath = (*spath, "指标表", len(indicators))
        own = ("title", "text", "表格", "表后文字")
        values = {k: v for k, v in rec.values.items() if k not in own}
        for key in own:
            if key in rec.values:
                self.r.error(grid, *rec.at(key), "层级为“指标”的行只填指标各栏")
        indicators.append(values)
        self.place(grid.name, ipath, rec)

    def scoring(
        self, sheet: str, blocks: dict[str, BlockRows], path: PathKey
    ) -> dict[str, Any] | None:
        kv = self.kv(sheet, wl.SCORING, blocks.get(wl.SCORING.marker), path)
        items = self.records(
            sheet, wl.SCORE_ITEMS, blocks.get(wl.SCORE_ITEMS.marker), (*path, "指标")
        )
        if not kv.values and not items:
            return None
        self.r.mark((*path, "指标"), self.r.grids[sheet], *self._block_cell(blocks, wl.SCORE_ITEMS))
        return {**kv.values, **({"指标": items} if items else {})}

    def _block_cell(self, blocks: dict[str, BlockRows], block: wl.Block) -> tuple[int, int]:
        rows = blocks.get(block.marker)
        return (rows.row, 1) if rows else (1, 1)

    def records(
        self, sheet: str, block: wl.Block, rows: BlockRows | None, path: PathKey
    ) -> list[dict[str, Any]]:
        out = []
        for rec in self.table(sheet, block, rows, path):
            self.place(sheet, (*path, len(out)), rec)
            out.append(rec.values)
        return out

    def grouped_records(
        self,
        sheet: str,
        block: wl.Block,
        rows: BlockRows | None,
        owners: list[dict[str, Any]],
        keys: tuple[str, str, str],
        path: PathKey,
    ) -> None:
        """Rows that each name their owner, appended to that owner's list.

        ``keys`` is (the column naming the owner, the owner's name key, the list key):
        a 维度指标 row names its 评价维度 and lands in that dimension's 指标, located
        as if typed there.
        """
        column, name, key = keys
        index: dict[Any, int] = {}
        for i, o in enumerate(owners):
            index.setdefault(o.get(name), i)
        twice = {o.get(name) for i, o in enumerate(owners) if index[o.get(name)] != i}
        grid = self.r.grids[sheet]
        for rec in self.table(sheet, block, rows, path):
            owner = rec.values.pop(column, None)
            if owner in twice:  # the owners' own rule (V006) names the duplicate
                label = block.field(column).label
                self.r.error(
                    grid, *rec.at(column), f"{label}“{owner}”在上方出现不止一次，无法确定归属"
                )
                continue
            if owner not in index:
                label = block.field(column).label
                known = "、".join(str(o.get(name)) for o in owners)
                why = f"缺少{label}" if owner is None else f"{label}“{owner}”不在其中"
                self.r.error(grid, *rec.at(column), f"{why}（应为：{known}）")
                continue
            items = owners[index[owner]].setdefault(key, [])
            self.place(sheet, (*path, index[owner], key, len(items)), rec)
            items.append(rec.values)

    def each_record(
        self,
        records: list[dict[str, BlockRows]],
        base: PathKey,
        read: Callable[[dict[str, BlockRows], PathKey], dict[str, Any] | None],
    ) -> list[dict[str, Any]]:
        """The used records of a sheet, numbered as read: ``read`` gives None for a
        spare block of the blank workbook, and what it located is dropped with it."""
        out: list[dict[str, Any]] = []
        for blocks in records:
            self.r.begin_record()
            record = read(blocks, (*base, len(out)))
            self.r.end_record(keep=record is not None)
            if record is not None:
                out.append(record)
        return out

    def settings(self, sheet: str, head: dict[str, BlockRows], key: str) -> Rec:
        """The 附件设置 block: the attachment's title (``attachments.<key>``)."""
        rows = head.get(wl.SETTINGS.marker)
        if rows is None:
            return Rec()
        rec = self.r.kv(self.r.grids[sheet], wl.SETTINGS, rows)
        if "title" in rec.cells:
            self.r.mark(("attachments", key), self.r.grids[sheet], *rec.at("title"))
        return rec

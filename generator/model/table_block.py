"""A small table inside a text section (资金投入 with 行次, 非税收入征缴, 资金使用情况).

Published reports put such tables in the middle of their prose; kept as
lines of text their figures no longer sit under their columns.  A block
names its columns (text or figures), optional merged header rows, and rows
whose figures are typed, or computed: a column as the sum of other columns
of the row, a row as the sum of other rows, or a ratio row such as
``(5)=(4)/(2)`` (a percentage of two rows).  ``scores`` instead lays out one
一级指标 of the section's 评分表 (决策（20分）/项目立项（7分）/…/合计 19).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from generator.model.amounts import Number, parse_amount


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class BlockHeaderCell(Strict):
    text: str = ""
    colspan: int = 1
    rowspan: int = 1

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return {"text": data} if isinstance(data, str) else data


class BlockColumn(Strict):
    id: str
    header: str | None = None  # printed when the block has no header rows (default: id)
    kind: Literal["text", "amount", "number"] = "amount"
    # text columns: a row left empty continues the cell above (merged vertically)
    merge: bool = False
    sum: list[str] = Field(default_factory=list)
    minus: list[str] = Field(default_factory=list)
    width: float = 1.0

    @property
    def computed(self) -> bool:
        return bool(self.sum or self.minus)


class BlockRow(BaseModel):
    """One row: cells by column id written next to the row's own keys.

    ``sum`` makes every figure column the total of the rows with those ids;
    ``ratio: [a, b]`` makes it row a / row b × 100 (a percentage, 2 decimals).
    """

    model_config = ConfigDict(extra="forbid")

    id: str | None = None
    sum: list[str] = Field(default_factory=list)
    ratio: list[str] = Field(default_factory=list)
    bold: bool = False
    indent: int = 0
    cells: dict[str, str | Number | None] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _collect_cells(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        own = {"id", "sum", "ratio", "bold", "indent", "cells"}
        cells = dict(data.get("cells") or {})
        cells.update({str(k): v for k, v in data.items() if k not in own})
        out = {k: v for k, v in data.items() if k in own and k != "cells"}
        out["cells"] = cells
        return out

    @field_validator("ratio")
    @classmethod
    def _pair(cls, value: list[str]) -> list[str]:
        if value and len(value) != 2:
            raise ValueError("ratio 须为两个行 id：[分子, 分母]")
        return value


class TableBlock(Strict):
    title: str = ""  # printed above the table (e.g. "1）项目资金投入：")
    unit: str = ""  # "万元" prints "单位：万元" above the grid
    header: list[list[BlockHeaderCell]] = Field(default_factory=list)
    column_numbers: list[str] = Field(default_factory=list)  # 栏次 row
    columns: list[BlockColumn] = Field(default_factory=list)
    rows: list[BlockRow] = Field(default_factory=list)
    scores: str | None = Field(None, alias="评分")  # a 一级指标 of the section's 评分表
    notes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _shape(self) -> TableBlock:
        if not self.scores and not self.columns:
            raise ValueError("表格须有 columns（或用“评分”引用评分表的一级指标）")
        ids = {c.id for c in self.columns}
        for column in self.columns:
            unknown = [x for x in column.sum + column.minus if x not in ids]
            if unknown:
                raise ValueError(f"列 {column.id} 引用了不存在的列：{'、'.join(unknown)}")
        for row in self.rows:
            unknown = [k for k in row.cells if k not in ids]
            if unknown:
                raise ValueError(f"行引用了不存在的列：{'、'.join(unknown)}")
            for column in self.columns:
                value = row.cells.get(column.id)
                if column.kind != "text" and isinstance(value, str | int | float):
                    row.cells[column.id] = parse_amount(value)
                elif column.kind == "text" and isinstance(value, Decimal):
                    row.cells[column.id] = f"{value:f}"
        return self

"""Where an extracted input came from, and whether its figures are still the PDF's.

``extract`` writes a ``source`` block: the published PDF's name and sha256, the
pages each table and each 公开文本 section were read from, and a digest of the
table figures it wrote.  A contradiction inside those tables is the publisher's
as long as the figures are the ones read: the digest, recomputed over the
*parsed* values on every load, tells.  Re-indenting, comments or writing 6.2 for
6.20 keep it; any edit of a figure changes it, and the input is the user's
again.  The block is not trusted: a mismatch only means "user input", and a
block that does not have this shape is refused where it is written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

if TYPE_CHECKING:
    from generator.model.report import TableInput

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Page = Annotated[int, Field(ge=1)]


class Source(BaseModel):
    """The ``source`` block ``extract`` writes (see the module docstring)."""

    model_config = ConfigDict(extra="forbid")

    pdf: Annotated[str, StringConstraints(min_length=1)]
    sha256: Sha256
    table_pages: dict[str, list[Page]] = Field(default_factory=dict)
    text_pages: dict[str, list[Page]] = Field(default_factory=dict)
    figures_digest: Sha256


def _plain(value: object) -> str:
    """6.20, 6.2 and 6.200 are one figure."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    raise TypeError(f"not a figure: {type(value).__name__}")


def figures_digest(profile: str, tables: Mapping[str, TableInput]) -> str:
    """sha256 of the table figures as values (canonical JSON), with the layout they are
    read against (the same figures under another profile are other cells)."""
    canonical = {
        "profile": profile,
        "tables": {
            tid: table.model_dump(by_alias=True, exclude_defaults=True)
            for tid, table in tables.items()
        },
    }
    text = json.dumps(
        canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_plain
    )
    return hashlib.sha256(text.encode()).hexdigest()

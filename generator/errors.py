"""Locations and user-facing errors.

Every complaint about input must say where to look, so a location travels with
every figure from the moment it is read.  One type serves YAML (path + line)
and workbooks (sheet + cell) so checks never care which loader ran.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    file: str
    path: str | None = None
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None
    sentence: int | None = None  # the n-th sentence of a text (1-based)
    # an extracted input: the pages of the published PDF the table or text was read from
    pdf_pages: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"file": self.file}
        for key in ("sheet", "cell", "path", "line", "sentence"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.pdf_pages:
            out["pdf_pages"] = list(self.pdf_pages)
        return out

    @property
    def pdf_page(self) -> str:
        return pdf_page_text(self.pdf_pages)

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"工作表 {self.sheet}")
        if self.cell:
            parts.append(f"单元格 {self.cell}")
        if self.path:
            parts.append(self.path)
        if self.line:
            parts.append(f"第 {self.line} 行")
        if self.sentence:
            parts.append(f"第 {self.sentence} 句")
        return "，".join(parts) + self.pdf_page


def pdf_page_text(pages: tuple[int, ...] | list[int]) -> str:
    """（原 PDF 第6–7页）, or "" for an input not read from a PDF."""
    if not pages:
        return ""
    first, last = pages[0], pages[-1]
    return f"（原 PDF 第{first}页）" if first == last else f"（原 PDF 第{first}–{last}页）"


class UserError(Exception):
    """Input we cannot use at all (exit 2): bad syntax, wrong types, unknown profile."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __reduce__(self) -> tuple[object, ...]:  # keep the location across processes (diff)
        return (type(self), (self.message, self.location))

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}：{self.message}"


class InputErrors(UserError):
    """Several located problems found while reading one input (exit 2)."""

    def __init__(self, errors: list[UserError]) -> None:
        super().__init__("；".join(str(e) for e in errors[:1]))
        self.errors = errors

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.errors,))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


_MEMBER = re.compile(r"'([\w./\-\[\]]+\.(?:xml|rels|bin))'")


@contextmanager
def unreadable(path: Path | str, what: str, *library_errors: type[BaseException]) -> Iterator[None]:
    """A damaged file is unusable input, whatever the parsing library raises on it.

    Wrap only the library's calls (opening, parsing, page access): an error
    raised there is about the file, so the user hears that it is damaged,
    named, and exit 2 follows; our own bugs outside stay bugs.  With no
    ``library_errors`` every ``Exception`` counts (openpyxl and lxml raise
    KeyError, IndexError, ValueError, zipfile and XML errors on a bad part).
    """
    caught: tuple[type[BaseException], ...] = library_errors or (Exception,)
    try:
        yield
    except UserError:
        raise
    except MemoryError:
        raise
    except caught as exc:
        member = _MEMBER.search(str(exc))
        detail = f"（其中的 {member.group(1)} 有误）" if member else ""
        raise UserError(
            f"无法读取{what}：文件已损坏或不是有效的{what}{detail}", Location(str(path))
        ) from None


@contextmanager
def within(path: Path | str) -> Iterator[None]:
    """A complaint raised deep inside (a document view, a profile rule) without a place
    is at least about this input: name the file."""
    try:
        yield
    except InputErrors as exc:
        if any(e.location is None for e in exc.errors):
            raise InputErrors([_at(e, path) for e in exc.errors]) from None
        raise
    except UserError as exc:
        if exc.location is None:
            raise _at(exc, path) from None
        raise


def _at(error: UserError, path: Path | str) -> UserError:
    return error if error.location is not None else UserError(error.message, Location(str(path)))

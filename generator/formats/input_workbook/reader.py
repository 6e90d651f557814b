"""Input workbook (.xlsx) → Report, every figure located by sheet and cell.

The workbook is where people paste accounting exports, so this reader
expects what pastes contain: numbers stored as text, thousands separators,
full-width digits, "-" for zero, codes as numbers (2011301.0), merged cells,
blank and "注：" rows, names with trailing spaces.  Whatever it still cannot
read becomes one located ``UserError`` per cell (collected, then raised as
``InputErrors``) — never a crash and never a figure silently dropped: a
number in a place no figure belongs is reported too.

Sheet by sheet it builds the same nested data a YAML input holds (same keys,
same paths), so ``Report.model_validate`` and every check work unchanged and
the ``SourceMap`` answers a data path with the sheet and cell it came from.
Cells the workbook computes itself (计算，勿填) are never read.

This module reads the workbook as a whole (which sheets a profile needs, the
profile named on the cover, validation errors put back on their cells); each
sheet is read in the module of its family: ``read_tables`` (公开01–09),
``read_narrative`` (封面概况 … 名词解释), ``read_attachments`` (the 绩效
attachments) and ``read_documents`` (评价报告, 自评报告), over the shared
block reading of ``read_forms``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.errors import InputErrors, Location, UserError
from generator.formats.input_workbook import layout as wl
from generator.formats.input_workbook.read_attachments import read_attachments
from generator.formats.input_workbook.read_cells import Reader, open_grids
from generator.formats.input_workbook.read_documents import read_evaluation_report, read_self_report
from generator.formats.input_workbook.read_forms import FormReader
from generator.formats.input_workbook.read_narrative import (
    read_cover,
    read_glossary,
    read_narrative,
    read_statements,
)
from generator.formats.input_workbook.read_tables import TableReader
from generator.formats.validation import located_pairs
from generator.formats.yaml_input.source import SourceMap
from generator.model.report import Report
from generator.profiles.loader import load_profile
from generator.profiles.schema import Profile


def _missing_sheets(reader: Reader, profile: Profile | None) -> list[str]:
    if profile is not None and not profile.document.disclosure_tables:
        return [name for name in _part_sheets(profile) if name not in reader.grids]
    wanted = [name for name in wl.FORM_SHEETS if name != wl.SHEET_EXTRA]  # optional
    if profile is not None:
        wanted += [t.id for t in profile.tables]
    return [name for name in wanted if name not in reader.grids]


PART_SHEETS = {"evaluation": wl.SHEET_EVALUATION_REPORT, "self_evaluation": wl.SHEET_SELF_REPORT}


def _part_sheets(profile: Profile) -> list[str]:
    """The sheets of a document's own parts (评价报告, 自评报告)."""
    return [PART_SHEETS[p.kind] for p in profile.document.parts if p.kind in PART_SHEETS]


def _profile(reader: Reader, cover: dict[str, Any]) -> Profile | None:
    """The profile named on the cover; its table definitions say how to read 公开01–09."""
    where = reader.smap.find(("profile",))
    if where is None or not where.sheet:  # the row itself is gone: say where it belongs
        where = Location(reader.file, sheet=wl.SHEET_COVER, path=f"【{wl.BASIC.marker}】")
    profile_id = cover.get("profile")
    if not profile_id:
        reader.errors.append(UserError("缺少版式（profile）", where))
        return None
    try:
        return load_profile(str(profile_id))
    except UserError as exc:
        reader.errors.append(UserError(exc.message, where))
        return None


def read_data(path: Path) -> tuple[dict[str, Any], Reader]:
    """The workbook as YAML-shaped data plus its reader (errors, source map)."""
    reader = Reader(path, open_grids(path))
    if wl.SHEET_COVER not in reader.grids:
        raise UserError(
            f"不是 gen-report 输入工作簿：缺少工作表“{wl.SHEET_COVER}”（可用 gen-report init 生成）",
            Location(str(path)),
        )
    forms = FormReader(reader)
    data = read_cover(forms)
    profile = _profile(reader, data)
    missing = _missing_sheets(reader, profile)
    if missing:
        raise UserError(f"缺少工作表：{'、'.join(missing)}", Location(str(path)))
    if profile is not None and not profile.document.disclosure_tables:
        readers = {wl.SHEET_EVALUATION_REPORT: ("评价报告", read_evaluation_report)}
        readers[wl.SHEET_SELF_REPORT] = ("自评报告", read_self_report)
        for sheet in _part_sheets(profile):
            key, read = readers[sheet]
            data[key] = read(forms)
        return data, reader
    if profile is not None:
        tables = TableReader(reader, profile)
        data["tables"] = {t.id: tables.read(t, reader.grids[t.id]) for t in profile.tables}
    data["narrative"] = read_narrative(forms)
    statements = read_statements(forms)
    if statements:
        data["说明"] = statements
    data["glossary"] = read_glossary(forms)
    data["attachments"] = read_attachments(forms)
    return data, reader


def _validation_errors(exc: ValidationError, reader: Reader) -> InputErrors:
    """Pydantic's complaints, each at the sheet and cell its path was read from, by label."""
    errors = []
    cover = {f.key: f.label for f in wl.BASIC.fields}
    for raw, err in located_pairs(exc, reader.smap, reader.file):
        found = reader.smap.find(part for part in raw["loc"] if part != "values")
        if (found is None or not found.sheet) and raw["loc"] and raw["loc"][0] in cover:
            # a cover field whose row is gone altogether: say where it belongs
            where = Location(reader.file, sheet=wl.SHEET_COVER, path=f"【{wl.BASIC.marker}】")
            errors.append(UserError(f"{cover[raw['loc'][0]]}：{err.message}", where))
            continue
        if found is None or not found.sheet or found.cell is None:
            errors.append(err)
            continue
        label = reader.labels.get((found.sheet, found.cell))
        errors.append(UserError(f"{label}：{err.message}" if label else err.message, found))
    return InputErrors(errors)


def load_workbook_input(path: Path) -> tuple[Report, SourceMap]:
    """Read an input workbook; every unreadable or invalid cell is reported, all at once.

    Validation runs even after reading errors so one round of fixes covers
    both; a cell already reported as unreadable is not reported again as missing.
    """
    data, reader = read_data(path)
    try:
        report = Report.model_validate(data)
    except ValidationError as exc:
        seen = {(e.location.sheet, e.location.cell) for e in reader.errors if e.location}
        invalid = _validation_errors(exc, reader).errors
        fresh = [
            e for e in invalid if not e.location or (e.location.sheet, e.location.cell) not in seen
        ]
        raise InputErrors(reader.errors + fresh) from None
    if reader.errors:
        raise InputErrors(reader.errors)
    return report, reader.smap

"""A published report PDF → an input file for a profile (``gen-report extract``).

Finance offices start from last year's published PDF instead of typing every
figure again.  This use case composes the stages: read the PDF
(``formats.published_pdf.reader``), refuse anything that is not a 部门决算,
lay out the profile's empty document so that each printed cell names its input
slot, and map what was read onto those slots (``tables_input``, ``text_input``).
Everything printed in the nine tables is written — the leaves and every printed
subtotal and total as *stated* values — so ``check`` confirms that the published
totals add up (and points at those that do not).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from generator.compute.report import compute
from generator.diff.compare import compare
from generator.document.figures import DocumentFigures, from_document, table_figures
from generator.document.report import build_document
from generator.errors import Location, UserError
from generator.formats.pdf.embedded import embedded_input
from generator.formats.published_pdf.reader import read_pdf
from generator.formats.published_pdf.recognition import FINAL
from generator.formats.published_pdf.tables_input import Slots, match_tables, tables_input
from generator.formats.published_pdf.text_input import (
    NOT_RECOVERED,
    glossary_input,
    narrative_input,
    overview_input,
)
from generator.formats.yaml_input.writer import dump_input
from generator.model.provenance import figures_digest
from generator.model.report import Report, TableInput
from generator.profiles.loader import available, load_profile
from generator.profiles.schema import Profile
from generator.tables.base import TOTAL
from generator.tables.registry import table_views


def profile_slots(profile: Profile, department: str, year: int) -> dict[str, Slots]:
    """Lay out the profile's tables for an empty report; each printed cell names its slot."""
    report = Report.model_validate({"profile": profile.id, "department": department, "year": year})
    computed = compute(report, profile)
    by_id = {t.id: t for t in profile.tables}
    out: dict[str, Slots] = {}
    for view in table_views(computed):
        figures = table_figures(view)
        slots = Slots(by_id[view.id], dict(figures.keys))
        slots.columns = {path: key[2] for (row, path), key in figures.keys.items() if row == TOTAL}
        out[view.id] = slots
    return out


def detect_profile(figures: DocumentFigures) -> str:
    """The layout a published report was printed in: the profile whose tables it holds
    most of, then the one whose year is nearest (layouts change with the year)."""

    def score(profile_id: str) -> tuple[int, int]:
        profile = load_profile(profile_id)
        distance = abs((figures.year or profile.year) - profile.year)
        return len(match_tables(figures, profile)), -distance

    candidates = list(available())
    if not candidates:
        raise UserError("没有可用的 profile")
    return max(candidates, key=score)


def refuse_other_documents(figures: DocumentFigures, path: Path) -> None:
    """Only a 部门决算 becomes an input: a 部门预算 has the same tables with other meanings."""
    if figures.document == FINAL:
        return
    what = figures.evidence or "未能认出文件类型"
    if figures.document == "":
        message = f"未能认出该 PDF 是部门决算（{what}）：没有决算封面、决算表或决算情况说明"
    else:
        message = f"该 PDF 是{what}，不是部门决算；extract 只读取部门决算"
    raise UserError(message, Location(str(path)))


def extract(path: Path, profile_id: str | None = None) -> tuple[dict[str, Any], list[str]]:
    """An input document for ``profile_id`` from a published PDF, and what was not recovered.

    A PDF built by gen-report carries its input: that is returned whole, after
    checking that the printed tables still say what it says.
    Raises ``UserError`` when the PDF is not a 部门决算 (a 部门预算 is named as
    such) or yields no table at all (nothing to build on)."""
    figures, read_notes = read_pdf(path)
    if figures.tables or figures.sections or figures.evidence:
        refuse_other_documents(figures, path)
    carried = embedded_input(path)
    if carried is not None:
        return carried, read_notes + printed_against(carried, figures)
    if not figures.tables:
        reason = "；".join(read_notes) or "没有找到任何决算表"
        raise UserError(f"无法从该 PDF 读出决算表：{reason}", Location(str(path)))
    profile = load_profile(profile_id or detect_profile(figures))
    notes = list(read_notes)
    data: dict[str, Any] = {
        "profile": profile.id,
        "department": figures.department,
        "year": figures.year,
    }
    if not figures.department:
        notes.append("未读出部门名称，department 需填写")
    if figures.year is None:
        notes.append("未读出年度，year 需填写")
    overview = overview_input(figures.overview, notes)
    if overview:
        data["overview"] = overview
    slots = profile_slots(profile, figures.department or "部门", figures.year or profile.year)
    data["tables"] = tables_input(figures, profile, slots, notes)
    narrative = narrative_input(figures, notes)
    if narrative:
        data["narrative"] = narrative
    glossary = glossary_input(figures.glossary, profile, notes)
    if glossary:
        data["glossary"] = glossary
    data["source"] = provenance(path, figures, profile, data)
    return data, notes + NOT_RECOVERED


def provenance(
    path: Path, figures: DocumentFigures, profile: Profile, data: dict[str, Any]
) -> dict[str, Any]:
    """The ``source`` block (``model.provenance``): which PDF, which pages, which figures."""
    read = match_tables(figures, profile)
    tables = data["tables"]
    written = {tid: TableInput.model_validate(table) for tid, table in tables.items()}
    texts = data.get("narrative", {}).get("公开文本", {})
    return {
        "pdf": path.name,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "table_pages": {
            tid: read[tid].pages
            for tid in tables
            if tid in read and read[tid].pages and "missing" not in tables[tid]
        },
        "text_pages": {
            title: figures.section_pages[title] for title in texts if title in figures.section_pages
        },
        "figures_digest": figures_digest(profile.id, written),
    }


def printed_against(data: dict[str, Any], printed: DocumentFigures) -> list[str]:
    """Where the pages no longer say what the embedded input computes to (an edited PDF)."""
    report = Report.model_validate(data)
    computed = compute(report, load_profile(report.profile))
    cmp = compare(from_document(build_document(computed), "embedded"), printed)
    return [
        f"印出的 {d.table} {d.row} {d.column} 为 {d.b}，与 PDF 内嵌的输入（{d.a}）不一致"
        for d in cmp.differences
    ]


def complete(notes: list[str]) -> bool:
    """Whether only the always-missing inputs are missing (exit 0) or something more (exit 1)."""
    return all(note in NOT_RECOVERED for note in notes)


def to_yaml(data: dict[str, Any], source: Path, notes: list[str]) -> str:
    """The input document as YAML, headed by where it came from and what is missing."""
    head = [
        f"# 由 gen-report extract 从 {source.name} 读出。表中数字（含小计、合计）按印刷值填写，"
    ]
    if notes:
        head.append("# check 会核对合计；以下内容未能从 PDF 恢复，请补充：")
        head += [f"#   - {note}" for note in notes]
    else:
        head.append("# 该 PDF 由 gen-report 生成并内嵌其输入，已完整恢复，且与印出的表格一致。")
    body = {k: v for k, v in data.items() if k != "source"}
    text = "\n".join(head) + "\n" + dump_input(body)
    if "source" in data:
        text += (
            "# 来源（extract 写入）：原 PDF、各表与各节所在页、表中数字的摘要。表中数字未改动时，\n"
            "# 表内矛盾是原 PDF 的，build 按计算印出并逐条说明；改动任何表中数字后即按用户输入核对。\n"
            + dump_input({"source": data["source"]})
        )
    return text

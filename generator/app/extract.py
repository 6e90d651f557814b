"""A published report PDF → an input file for a profile (``gen-report extract``).

Finance offices start from last year's published PDF instead of typing every
figure again.  Everything printed in the nine tables is written — the leaves
and every printed subtotal and total as *stated* values, the way the bundled
example's ``tables.yaml`` types them — so ``check`` confirms that
the published totals add up (and points at those that do not).

Where a figure goes is not hard-coded: the profile's own (empty) document is
laid out, and each of its printed cells knows which input line and column it
is (``TableFigures.keys``).  A figure read from the PDF under the same table,
row and column heading goes to that input slot.  Labels printed differently
("（含专用结余）" suffixes, "一、" numbering, another year's class list)
are matched after removing numbering and remarks; column headings by their
words.  What still has no place is listed, never silently dropped.

Narrative inputs are recovered only where the text is the input itself (free
text sections) or a count in a fixed sentence; reasons, prior-year figures
and budgets are listed as not recoverable.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from generator.compute import compute
from generator.compute.cells import Key
from generator.diff.figures import DocumentFigures, TableFigures, clean, table_figures
from generator.document.tables import table_views
from generator.errors import Location, UserError
from generator.formats.pdf.embedded import embedded_input
from generator.formats.published_pdf.reader import read_pdf
from generator.model.report import Report
from generator.profiles.loader import load_profile
from generator.profiles.schema import Line, Profile, TableDef

CENT = Decimal("0.01")
ENUMERATION = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])")
REMARK = re.compile(r"（[^）]*）$|\([^)]*\)$")
CODE = re.compile(r"^\d{3,7}$")
SYNONYMS = {
    "公务用车运行维护费": "公务用车运行费",
    "公务用车购置及运行维护费": "公务用车购置及运行费",
}
NOT_RECOVERED = [
    "上年数（narrative.上年）：PDF 只印本年表格，上年数请从上年的输入或上年公开的 PDF 取得（build --prior）",
    "年初预算（narrative.年初预算）：情况说明中的预算数随版式措辞不同，无法可靠读出，请按预算批复填写",
    "原因说明（narrative.原因）：原因句与数字混排，无法可靠拆出，请重新填写",
    "上年机关运行经费、项目自评综述：请重新填写",
    "附件（部门整体绩效自评报告、项目支出绩效自评表、部门评价报告）：未读取",
    "单位性质（unit_kind）、发布日期：未读取，请核对",
]


# --- where each printed figure goes --------------------------------------------------------


@dataclass
class Slots:
    """One profile table: its printed (row, column) keys → input (line, column)."""

    tdef: TableDef
    keys: dict[tuple[str, str], Key]
    columns: dict[str, str] = field(default_factory=dict)  # header path → column id (classified)


def profile_slots(profile: Profile, department: str, year: int) -> dict[str, Slots]:
    """Lay out the profile's tables for an empty report; each printed cell names its slot."""
    report = Report.model_validate({"profile": profile.id, "department": department, "year": year})
    computed = compute(report, profile)
    by_id = {t.id: t for t in profile.tables}
    out: dict[str, Slots] = {}
    for view in table_views(computed):
        figures = table_figures(view)
        slots = Slots(by_id[view.id], dict(figures.keys))
        slots.columns = {path: key[2] for (row, path), key in figures.keys.items() if row == "合计"}
        out[view.id] = slots
    return out


def detect_profile(figures: DocumentFigures) -> str:
    """The layout a published report was printed in: the profile whose tables it holds
    most of, then the one whose year is nearest (layouts change with the year)."""
    from generator.profiles.loader import available

    def score(profile_id: str) -> tuple[int, int]:
        profile = load_profile(profile_id)
        distance = abs((figures.year or profile.year) - profile.year)
        return len(match_tables(figures, profile)), -distance

    candidates = list(available())
    if not candidates:
        raise UserError("没有可用的 profile")
    return max(candidates, key=score)


def match_tables(figures: DocumentFigures, profile: Profile) -> dict[str, TableFigures]:
    """Profile table id → the table read from the PDF: by code label, exact title, then the
    most similar title (e.g. "财政拨款“三公”经费支出决算表" for a "一般公共预算…" title)."""
    left = dict(figures.tables)
    out: dict[str, TableFigures] = {}
    for tdef in profile.tables:
        label = (tdef.label or "").replace("表", "")
        found = next((n for n in (tdef.id, label) if n in left), None)
        found = found or next((n for n, t in left.items() if clean(t.title) == tdef.title), None)
        if found:
            out[tdef.id] = left.pop(found)
    for tdef in profile.tables:
        if tdef.id in out or not left:
            continue
        name, score = max(
            ((n, _similar(t.title, tdef.title)) for n, t in left.items()), key=lambda x: x[1]
        )
        if score >= 0.8:
            out[tdef.id] = left.pop(name)
    return out


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, clean(a), clean(b)).ratio()


def norm_label(label: str) -> str:
    """A row label without numbering ("一、"), remarks ("（含专用结余）") or the line it falls
    under ("年初财政拨款结转和结余/…"): what stays the same between layouts."""
    last = label.rsplit("/", 1)[-1]
    return REMARK.sub("", ENUMERATION.sub("", last))


def occurrences(figures: TableFigures) -> dict[tuple[str, str, int], str]:
    """(normalised label, column, n-th time in that column) → the printed row key."""
    counts: Counter[tuple[str, str]] = Counter()
    out: dict[tuple[str, str, int], str] = {}
    for row in figures.rows:
        for column in figures.columns:
            if (row, column) not in figures.cells and (row, column) not in figures.keys:
                continue
            name = norm_label(row)  # "" too: 公开07's one row has no label
            n = counts[(name, column)]
            counts[(name, column)] += 1
            out[(name, column, n)] = row
    return out


def column_match(path: str, candidates: list[str]) -> str | None:
    """The profile's column for a printed header path: the same path, else the one candidate
    sharing the most heading words where one path's words contain the other's (合计 and
    小计 count as one word: "本年支出/小计" ↔ "合计"), else the only column on that side
    ("收入/决算数" ↔ "收入/金额")."""
    if path in candidates:
        return path
    words = _words(path)
    scored = []
    for candidate in candidates:
        need = _words(candidate)
        if need <= words or words <= need:
            scored.append((len(need & words), candidate))
    scored.sort(reverse=True)
    if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    side = [c for c in candidates if "/" in c and c.split("/")[0] == path.split("/")[0]]
    return side[0] if len(side) == 1 else None


def _words(path: str) -> set[str]:
    total = {"小计": "合计"}
    return {total.get(SYNONYMS.get(w, w), SYNONYMS.get(w, w)) for w in path.split("/")}


# --- tables --------------------------------------------------------------------------------


def amount(value: Decimal) -> Decimal:
    return value.quantize(CENT)


def classified_input(read: TableFigures, slots: Slots, notes: list[str]) -> dict[str, Any]:
    """功能分类 tables: every printed row by 科目编码 (类 and 款 subtotals too) and the 合计."""
    paths = list(slots.columns)
    rows: list[dict[str, Any]] = []
    total: dict[str, Decimal] = {}
    lost: Counter[str] = Counter()
    for row in read.rows:
        values: dict[str, Decimal] = {}
        for column in read.columns:
            value = read.cells.get((row, column))
            if value is None:
                continue
            path = column_match(column, paths)
            if path is None:
                lost[column] += 1
                continue
            values[slots.columns[path]] = amount(value)
        if row == "合计":
            total = values
        elif CODE.match(row):
            entry: dict[str, Any] = {"code": row}
            if read.names.get(row):
                entry["name"] = read.names[row]
            rows.append({**entry, **values})
        elif values:
            notes.append(f"{slots.tdef.id}：行“{row}”不是科目编码，未写入")
    notes += [
        f"{slots.tdef.id}：列“{column}”在 profile 中没有对应的列，{n} 个数字未写入"
        for column, n in lost.items()
    ]
    out: dict[str, Any] = {}
    if rows:
        out["rows"] = rows
    if total:
        out["合计"] = total
    return out


def lines_input(read: TableFigures, slots: Slots, notes: list[str]) -> dict[str, Any]:
    """Balance, economic and grid tables: each printed figure to the line its label names."""
    mine = occurrences(
        TableFigures(slots.tdef.id, "", rows=_rows(slots), columns=_columns(slots), keys=slots.keys)
    )
    theirs = occurrences(read)
    lines: dict[str, dict[str, Decimal]] = {}
    for (name, column, n), row in theirs.items():
        value = read.cells.get((row, column))
        if value is None:
            continue
        key = _slot(slots, mine, name, column, n)
        if key is None:
            notes.append(
                f"{slots.tdef.id}：“{row}”（{column}）在 profile 中没有对应的行或列，未写入"
            )
            continue
        _, line, col = key
        lines.setdefault(line, {})[col] = amount(value)
    return {"lines": _collapse(lines, slots.tdef)} if lines else {}


def _rows(slots: Slots) -> list[str]:
    return list(dict.fromkeys(row for row, _ in slots.keys))


def _columns(slots: Slots) -> list[str]:
    return list(dict.fromkeys(column for _, column in slots.keys))


def _slot(
    slots: Slots, mine: dict[tuple[str, str, int], str], name: str, column: str, n: int
) -> Key | None:
    """The profile cell for the n-th printed row called ``name`` under header ``column``."""
    candidates = sorted({c for (nm, c, k) in mine if nm == name and k == n})
    path = column_match(column, candidates)
    if path is None:
        return None
    return slots.keys.get((mine[(name, path, n)], path))


def _collapse(lines: dict[str, dict[str, Decimal]], tdef: TableDef) -> dict[str, Any]:
    """A line on a one-column side (or a 公开06 code) is a plain number, as people type it."""
    single = _single_column_lines(tdef)
    out: dict[str, Any] = {}
    for line, values in lines.items():
        one = line in single or (line.isdigit() and "@classes" in single)  # 类 lines by code
        if tdef.kind == "economic" or (one and len(values) == 1):
            out[line] = next(iter(values.values()))
        else:
            out[line] = values
    return out


def _single_column_lines(tdef: TableDef) -> set[str]:
    """Line ids printed on a side with one figure column; "@classes" for its 类 lines."""
    out: set[str] = set()
    for side in (tdef.left, tdef.right):
        if side is None or len(side.columns) != 1:
            continue
        for line in side.lines:
            if isinstance(line, Line) and line.id:
                out.add(line.id)
            elif not isinstance(line, Line):
                out.add("@classes")
    return out


def tables_input(figures: DocumentFigures, profile: Profile, notes: list[str]) -> dict[str, Any]:
    """Every profile table from the figures read; a table not found is said so."""
    slots = profile_slots(profile, figures.department or "部门", figures.year or profile.year)
    found = match_tables(figures, profile)
    out: dict[str, Any] = {}
    for tdef in profile.tables:
        read = found.get(tdef.id)
        if read is None:
            notes.append(f"PDF 中未找到 {tdef.id}（{tdef.title}），该表留空")
            out[tdef.id] = {}
            continue
        if tdef.kind == "classified":
            out[tdef.id] = classified_input(read, slots[tdef.id], notes)
        else:
            out[tdef.id] = lines_input(read, slots[tdef.id], notes)
    return out


# --- 概况, 名词解释, narrative ----------------------------------------------------------------

HEADING = re.compile(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)")
DUTY = re.compile(r"^\d+[.．、](?!\d)\s*")
ITEM = re.compile(r"^[（(]\d+[）)]\s*")


def overview_input(text: str, notes: list[str]) -> dict[str, Any]:
    """概况 as printed → duties_intro, numbered duties with their (1)(2) items, organization.

    The first subsection ("（一）部门职责", "一、主要职能") holds the duties, the second
    ("（二）机构设置", "二、部门决算单位构成") the organization."""
    parts: list[list[str]] = []
    for line in text.splitlines():
        if _is_subheading(line):
            parts.append([])
        elif parts:
            parts[-1].append(line)
        elif line.strip():
            parts.append([line])
    if not parts:
        notes.append("未读出“概况”，overview 留空")
        return {}
    out = _duties(parts[0])
    if len(parts) > 1:
        out["organization"] = "\n\n".join(parts[1])
    if len(parts) > 2:
        notes.append("“概况”多于两个小节，第三节起未写入")
    return out


def _is_subheading(line: str) -> bool:
    key = clean(line)
    return bool(HEADING.match(key)) and len(key) <= 20 and not re.search(r"[。；，]", key)


def _duties(lines: list[str]) -> dict[str, Any]:
    intro: list[str] = []
    duties: list[Any] = []
    for line in lines:
        if DUTY.match(line):
            duties.append(DUTY.sub("", line, count=1))
        elif ITEM.match(line) and duties:
            last = duties[-1]
            if isinstance(last, str):
                last = duties[-1] = {"text": last, "items": []}
            last["items"].append(ITEM.sub("", line, count=1))
        elif duties:
            duties.append(line)  # an unnumbered paragraph after the list: keep it in order
        else:
            intro.append(line)
    out: dict[str, Any] = {}
    if intro:
        out["duties_intro"] = "\n\n".join(intro)
    if duties:
        out["duties"] = duties
    return out


def _term_key(term: str) -> str:
    return clean(term).replace("(", "（").replace(")", "）")


def glossary_input(
    read: list[tuple[str, str]], profile: Profile, notes: list[str]
) -> list[dict[str, str]]:
    """名词解释 as overrides of the profile's defaults: the same text is left out, a default
    followed by the department's sentence becomes ``append``, other text replaces it."""
    defaults = {_term_key(e.term): e for e in profile.glossary.entries}
    out: list[dict[str, str]] = []
    for term, text in read:
        default = defaults.pop(_term_key(term), None)
        if default is None:
            out.append({"term": term, "text": text})
        elif clean(text) == clean(default.text):
            continue
        elif clean(text).startswith(clean(default.text)):
            out.append({"term": default.term, "append": text[len(default.text) :].strip()})
        else:
            out.append({"term": default.term, "text": text})
    if read and defaults:
        notes.append(
            f"profile 的名词解释中有 {len(defaults)} 条 PDF 未列出（输入无法删除默认词条）："
            + "、".join(e.term for e in defaults.values())
        )
    return out


def _section(figures: DocumentFigures, *titles: str) -> list[str] | None:
    for title in titles:
        if clean(title) in figures.sections:
            return figures.sections[clean(title)]
    return None


def _text_of(figures: DocumentFigures, *words: str) -> str:
    """The paragraphs of every section whose title names one of ``words``."""
    return "".join(
        "".join(paragraphs)
        for title, paragraphs in figures.sections.items()
        if any(w in title for w in words)
    )


def _number(pattern: str, text: str) -> Decimal | None:
    found = re.search(pattern, text)
    return amount(Decimal(found.group(1).replace(",", ""))) if found else None


def _count(pattern: str, text: str) -> int | None:
    found = re.search(pattern, text)
    return int(found.group(1)) if found else None


def narrative_input(figures: DocumentFigures, notes: list[str]) -> dict[str, Any]:
    """What the 情况说明 prints as given: free-text sections, and counts in fixed sentences."""
    out: dict[str, Any] = {}
    work = _section(figures, "1.预算绩效管理工作开展情况")
    evaluation = _section(figures, "3.部门评价项目绩效评价结果")
    performance = {}
    if work:
        performance["工作开展情况"] = "\n\n".join(work)
    if evaluation:
        performance["部门评价结果"] = "\n\n".join(evaluation)
    if performance:
        out["预算绩效"] = performance
    other = _section(figures, "4.部门需要说明的其他特殊事项")
    if other and other != ["无。"]:
        out["其他事项"] = list(other)
    procurement = _procurement(_text_of(figures, "政府采购"))
    if procurement:
        out["政府采购"] = procurement
    assets = _assets(_text_of(figures, "国有资产"))
    if assets:
        out["国有资产"] = assets
    sangong = _sangong(_text_of(figures, "三公", "公务用车", "公务接待"))
    if sangong:
        out["三公"] = sangong
    if figures.sections:
        out["公开文本"] = {title: "\n\n".join(paras) for title, paras in figures.sections.items()}
    else:
        notes.append("未读出情况说明，narrative 留空")
    return out


def _procurement(text: str) -> dict[str, Decimal]:
    money = r"[^\d，。；]{0,12}?([\d,]+(?:\.\d+)?)万元"
    found = {
        "货物": _number("货物" + money, text),
        "工程": _number("工程" + money, text),
        "服务": _number("服务" + money, text),
        "授予中小企业": _number(r"授予中小企业合同金额([\d,]+(?:\.\d+)?)万元", text),
        "授予小微企业": _number(r"授予小微企业合同金额([\d,]+(?:\.\d+)?)万元", text),
    }
    return {k: v for k, v in found.items() if v is not None}


def _assets(text: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    as_of = re.search(r"截至(\d{4}年\d{1,2}月\d{1,2}日)", text)
    if as_of:
        out["截至日期"] = as_of.group(1)
    vehicles = re.search(r"共有车辆\d+辆[，,]其中[：:]?(.+?)[；。]", text)
    if vehicles:
        kinds = re.findall(r"([^、，]+?)(\d+)辆", vehicles.group(1))
        out["车辆"] = {kind: int(n) for kind, n in kinds}
    general = _count(r"单价50万元以上通用设备(\d+)台", text)
    special = _count(r"单价100万元以上专用设备(\d+)台", text)
    if general is not None:
        out["单价50万元以上通用设备"] = general
    if special is not None:
        out["单价100万元以上专用设备"] = special
    return out


def _sangong(text: str) -> dict[str, int]:
    found = {
        "公务用车保有量": _count(r"公务用车保有量为(\d+)辆", text),
        "公务用车购置数": _count(r"公务用车购置数为(\d+)辆", text),
        "公务接待批次": _count(r"共接待(\d+)批次", text),
        "公务接待人数": _count(r"总人数(\d+)人", text),
    }
    return {k: v for k, v in found.items() if v is not None}


# --- the input document --------------------------------------------------------------------


def extract(path: Path, profile_id: str | None = None) -> tuple[dict[str, Any], list[str]]:
    """An input document for ``profile_id`` from a published PDF, and what was not recovered.

    A PDF built by gen-report carries its input: that is returned whole, after
    checking that the printed tables still say what it says.
    Raises ``UserError`` when the PDF yields no table at all (nothing to build on)."""
    figures, read_notes = read_pdf(path)
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
    data["tables"] = tables_input(figures, profile, notes)
    narrative = narrative_input(figures, notes)
    if narrative:
        data["narrative"] = narrative
    glossary = glossary_input(figures.glossary, profile, notes)
    if glossary:
        data["glossary"] = glossary
    return data, notes + NOT_RECOVERED


def printed_against(data: dict[str, Any], printed: DocumentFigures) -> list[str]:
    """Where the pages no longer say what the embedded input computes to (an edited PDF)."""
    from generator.compute import compute
    from generator.diff.compare import compare
    from generator.diff.figures import from_document
    from generator.document.report import build_document
    from generator.model.report import Report

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


class _Dumper(yaml.SafeDumper):
    """safe_dump, plus amounts written as plain numbers with their two decimals (364062.40)."""


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    """Cents as 364062.40; finer figures (scores, exact 元 data) keep every digit."""
    text = f"{value:.2f}" if value == value.quantize(CENT) else f"{value:f}"
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Several paragraphs print as a ``|`` block, one paragraph per line group, as people write."""
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(str, _text)


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
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    return "\n".join(head) + "\n" + body

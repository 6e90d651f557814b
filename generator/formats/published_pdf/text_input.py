"""The text of a published PDF → 概况, 名词解释 and the narrative inputs it gives as printed.

Narrative inputs are recovered only where the text is the input itself (free-text
sections) or a count in a fixed sentence; reasons, prior-year figures and budgets
are listed as not recoverable (``NOT_RECOVERED``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from generator.document.figures import DocumentFigures, clean
from generator.profiles.schema import Profile

CENT = Decimal("0.01")
NOT_RECOVERED = [
    "上年数（narrative.上年）：PDF 只印本年表格，上年数请从上年的输入或上年公开的 PDF 取得（build --prior）",
    "年初预算（narrative.年初预算）：情况说明中的预算数随版式措辞不同，无法可靠读出，请按预算批复填写",
    "原因说明（narrative.原因）：原因句与数字混排，无法可靠拆出，请重新填写",
    "上年机关运行经费、项目自评综述：请重新填写",
    "附件（部门整体绩效自评报告、项目支出绩效自评表、部门评价报告）：未读取",
    "单位性质（unit_kind）、发布日期：未读取，请核对",
]


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
    return _cents(Decimal(found.group(1).replace(",", ""))) if found else None


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT)


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

"""A corpus of varied, consistent departments, generated from a seed.

``generate(seed)`` returns the input files of one invented department (file name →
YAML text) for the default layout: a subset of 类/款/项, 事业收入 and 经营收入 or
not, 政府性基金 or none, zero, partial or full 三公, with or without 事业单位 among
its units, and every optional fact of 情况说明 given, declared none (无) or missing.
The tables agree with each other (every identity of checks.yaml holds), and every
comparison that needs a reason has one, so the department builds; reasons are typed
with and without their own closing punctuation, as people do.

``facts(seed)`` says which optional facts were left missing, so a test can assert that
nothing was stated about them.  Plain ``random.Random(seed)``: the same seed gives
the same department on every machine.
"""

from __future__ import annotations

import random
from decimal import Decimal
from functools import cache
from itertools import pairwise
from typing import Any

import yaml

from generator.profiles.loader import load_profile

PROFILE = "shenzhen-2020"
YEAR = 2020
CENT = Decimal("0.01")

STAFF = ("30101", "30102", "30103", "30108", "30112", "30113")
OFFICE = ("30201", "30205", "30211", "30213", "30228", "30299")
ENDINGS = ("", "。", "；", "，", " ", "。 ")  # how typed reasons end
REASONS = (
    "年中追加了专项经费",
    "落实过紧日子要求压减一般性支出",
    "人员调整导致支出变化",
    "项目按进度拨付",
    "上年部分项目结转至本年执行",
)


@cache
def _leaf_codes() -> dict[str, list[str]]:
    """项 codes of the catalog by 类, those whose 款 and 类 the catalog names too."""
    profile = load_profile(PROFILE)
    classes = {c.code for c in profile.catalog.classes}
    codes = profile.catalog.codes
    out: dict[str, list[str]] = {}
    for code in codes:
        if len(code) == 7 and code[:3] in classes and code[:5] in codes:
            out.setdefault(code[:3], []).append(code)
    return {k: sorted(v) for k, v in out.items() if k not in ("229", "232", "233", "234")}


def _amount(rng: random.Random, low: float, high: float) -> Decimal:
    return (Decimal(str(rng.uniform(low, high)))).quantize(CENT)


def _reason(rng: random.Random) -> str:
    return rng.choice(REASONS) + rng.choice(ENDINGS)


def _split(rng: random.Random, total: Decimal, parts: int) -> list[Decimal]:
    """``total`` in ``parts`` non-negative cent amounts that add up exactly."""
    if parts == 1 or total == 0:
        return [total] + [Decimal(0)] * (parts - 1)
    cuts = sorted(rng.randint(0, int(total * 100)) for _ in range(parts - 1))
    edges = [0, *cuts, int(total * 100)]
    return [Decimal(b - a) / 100 for a, b in pairwise(edges)]


def _state(rng: random.Random, given: float = 0.5, none: float = 0.25) -> str:
    x = rng.random()
    return "given" if x < given else "none" if x < given + none else "missing"


def department(seed: int) -> tuple[dict[str, Any], dict[str, str]]:
    """The input (as data) and the state of each optional fact."""
    rng = random.Random(seed)
    leafs = _leaf_codes()
    classes = rng.sample(sorted(leafs), rng.randint(1, 5))
    rows = []
    for cls in classes:
        for code in rng.sample(leafs[cls], min(len(leafs[cls]), rng.randint(1, 3))):
            rows.append(code)
    rows.sort()
    has_shiye = rng.random() < 0.35
    has_jingying = has_shiye and rng.random() < 0.4
    has_fund = rng.random() < 0.3
    fund_rows = rng.sample(rows, min(len(rows), rng.randint(1, 2))) if has_fund else []

    t02, t03, t05, t08 = [], [], [], []
    gp_basic_total = Decimal(0)
    gp_total = fund_total = Decimal(0)
    for code in rows:
        basic = _amount(rng, 5, 3000) if rng.random() < 0.8 else Decimal(0)
        project = _amount(rng, 1, 20000) if rng.random() < 0.7 or not basic else Decimal(0)
        fund = _amount(rng, 10, 5000) if code in fund_rows else Decimal(0)
        shiye = _amount(rng, 1, 800) if has_shiye and rng.random() < 0.6 else Decimal(0)
        jingying = _amount(rng, 1, 200) if has_jingying and rng.random() < 0.5 else Decimal(0)
        gp_basic_total += basic
        gp_total += basic + project
        fund_total += fund
        income = {"code": code, "财政拨款收入": basic + project + fund}
        if shiye:
            income["事业收入"] = shiye
        if jingying:
            income["经营收入"] = jingying
        t02.append(income)
        spend: dict[str, Any] = {
            "code": code,
            "基本支出": basic,
            "项目支出": project + fund + shiye,
        }
        if jingying:
            spend["经营支出"] = jingying
        t03.append(spend)
        if basic or project:
            t05.append({"code": code, "基本支出": basic, "项目支出": project})
        if fund:
            t08.append({"code": code, "本年收入": fund, "项目支出": fund})

    # 公开06: the basic expenditure by 经济分类 (staff and office items add up to 基本支出)
    staff_total = (gp_basic_total * Decimal(str(rng.uniform(0.5, 0.9)))).quantize(CENT)
    office_total = gp_basic_total - staff_total
    lines: dict[str, Decimal] = {}
    for code, value in zip(STAFF, _split(rng, staff_total, len(STAFF)), strict=True):
        if value:
            lines[code] = value
    office = dict(zip(OFFICE, _split(rng, office_total, len(OFFICE)), strict=True))

    # 公开07: none at all, or some items; 决算 of 接待 and 车辆运行 are 公开06 items
    sangong_kind = rng.choice(["zero", "zero", "some", "all"])
    final = {"因公出国（境）费": Decimal(0), "公务用车购置费": Decimal(0), "公务用车运行费": Decimal(0),
             "公务接待费": Decimal(0)}  # fmt: skip
    if sangong_kind != "zero" and office_total > 1:
        items = list(final) if sangong_kind == "all" else rng.sample(list(final), rng.randint(1, 2))
        for item in items:
            final[item] = (office_total * Decimal(str(rng.uniform(0.01, 0.05)))).quantize(CENT)
    if final["公务接待费"]:
        office["30217"] = final["公务接待费"]
    if final["公务用车运行费"]:
        office["30231"] = final["公务用车运行费"]
    if final["因公出国（境）费"]:
        office["30212"] = final["因公出国（境）费"]
    # what the 三公 items took comes out of 其他商品和服务支出 so 公用经费 still adds up
    taken = sum((office.get(c, Decimal(0)) for c in ("30217", "30231", "30212")), Decimal(0))
    rest = office_total - taken
    office = {k: v for k, v in office.items() if k not in ("30217", "30231", "30212")}
    for code, value in zip(OFFICE, _split(rng, max(rest, Decimal(0)), len(OFFICE)), strict=True):
        office[code] = value
    for code in ("30217", "30231", "30212"):
        item = {"30217": "公务接待费", "30231": "公务用车运行费", "30212": "因公出国（境）费"}[code]
        if final[item]:
            office[code] = final[item]
    if rest < 0:  # 三公 larger than 公用经费 (tiny basic spending): no 三公 then
        final = dict.fromkeys(final, Decimal(0))
        office = dict(zip(OFFICE, _split(rng, office_total, len(OFFICE)), strict=True))
    if final["公务用车购置费"]:
        final["公务用车购置费"] = Decimal(0)  # 31013 is 资本性支出, not in 公用经费 of 公开06
    lines.update({k: v for k, v in office.items() if v})

    tables: dict[str, Any] = {
        "公开02": {"rows": t02},
        "公开03": {"rows": t03},
        "公开04": {
            "lines": {"一般公共预算财政拨款": gp_total, "政府性基金预算财政拨款": fund_total}
        },
        "公开05": {"rows": t05},
        "公开06": {"lines": lines},
    }
    budget = {k: (v * Decimal(str(rng.uniform(0.9, 1.3)))).quantize(CENT) for k, v in final.items()}
    if any(final.values()):
        tables["公开07"] = {"lines": {"预算": budget, "决算": final}}
    else:
        tables["公开07"] = {"statement": f"本单位{YEAR}年度无“三公”经费支出。"}
        budget = dict.fromkeys(final, Decimal(0))
    if t08:
        tables["公开08"] = {"rows": t08}

    states: dict[str, str] = {}
    narrative: dict[str, Any] = {}
    reasons: dict[str, str] = {}
    # 上年: given (with reasons for every comparison) or missing
    states["上年"] = "given" if rng.random() < 0.6 else "missing"
    if states["上年"] == "given":

        def prior(x: Decimal) -> Decimal:
            return (x * Decimal(str(rng.uniform(0.6, 1.4)))).quantize(CENT)

        income_total = sum((r["财政拨款收入"] + r.get("事业收入", 0) + r.get("经营收入", 0)
                            for r in t02), Decimal(0))  # fmt: skip
        p_total = prior(income_total)
        p_fiscal = prior(gp_total + fund_total)
        p_basic, p_project = prior(gp_basic_total), prior(gp_total - gp_basic_total)
        narrative["上年"] = {
            "tables": {
                "公开01": {"收入总计": p_total, "支出总计": p_total, "本年支出合计": p_total},
                "公开04": {"收入总计": p_fiscal, "支出总计": {"合计": p_fiscal}},
                "公开05": {"合计": {"基本支出": p_basic, "项目支出": p_project}},
                "公开07": {"决算": {k: prior(v) for k, v in final.items()}},
            }
        }
        for key in ("收入总体", "支出总体", "财政拨款收入", "财政拨款支出", "一般公共预算支出",
                    "基本支出", "三公/上年", "因公出国/上年", "公务用车运行费/上年",
                    "公务用车购置费/上年", "公务接待费/上年"):  # fmt: skip
            reasons[key] = _reason(rng)
    reasons["三公/预算差异"] = _reason(rng)
    reasons["公务接待费/预算差异"] = _reason(rng)
    # 年初预算 by 类: given, declared none (0 or 无), or missing
    states["年初预算"] = _state(rng, 0.6, 0.15)
    gp_classes = sorted({r["code"][:3] for r in t05})
    if states["年初预算"] == "given":
        narrative["年初预算"] = {}
        for cls in gp_classes:
            spent = sum((r["基本支出"] + r["项目支出"] for r in t05 if r["code"][:3] == cls),
                        Decimal(0))  # fmt: skip
            narrative["年初预算"][cls] = (
                (spent * Decimal(str(rng.uniform(0.7, 1.2)))).quantize(CENT)
                if rng.random() < 0.8
                else "无"
            )
    elif states["年初预算"] == "none":
        narrative["年初预算"] = dict.fromkeys(gp_classes, "无")
    for cls in gp_classes:
        reasons[f"预算差异/{cls}"] = _reason(rng)
    narrative["原因"] = reasons

    states["政府采购"] = _state(rng)
    if states["政府采购"] == "given":
        goods, services = _amount(rng, 0, 300), _amount(rng, 1, 900)
        total = goods + services
        narrative["政府采购"] = {
            "货物": goods,
            "工程": 0,
            "服务": services,
            "授予中小企业": (total * Decimal("0.6")).quantize(CENT),
            "授予小微企业": (total * Decimal("0.3")).quantize(CENT),
        }
    elif states["政府采购"] == "none":
        narrative["政府采购"] = "无"
    states["国有资产"] = _state(rng)
    if states["国有资产"] == "given":
        narrative["国有资产"] = {
            "截至日期": f"{YEAR}年12月31日",
            "车辆": {"一般公务用车": rng.randint(0, 6), "特种专业技术用车": rng.randint(0, 3)},
            "单价50万元以上通用设备": rng.randint(0, 4),
            "单价100万元以上专用设备": rng.randint(0, 2),
        }
    elif states["国有资产"] == "none":
        narrative["国有资产"] = "无"
    sangong: dict[str, Any] = {}
    for name, low, high in (("公务接待批次", 1, 60), ("公务用车保有量", 0, 8),
                            ("公务用车购置数", 0, 2), ("因公出国团组数", 1, 4)):  # fmt: skip
        states[name] = _state(rng, 0.5, 0.2)
        if states[name] == "given":
            sangong[name] = rng.randint(low, high)
        elif states[name] == "none":
            sangong[name] = "无"
    if "公务接待批次" in sangong and sangong["公务接待批次"] != "无":
        sangong["公务接待人数"] = sangong["公务接待批次"] * rng.randint(2, 6)
        sangong["公务接待主要用途"] = "接待上级部门检查指导工作" + rng.choice(ENDINGS)
    if "因公出国团组数" in sangong and sangong["因公出国团组数"] != "无":
        sangong["因公出国人次"] = sangong["因公出国团组数"] * rng.randint(1, 4)
    if sangong:
        narrative["三公"] = sangong
    perf: dict[str, Any] = {}
    states["工作开展情况"] = "given" if rng.random() < 0.6 else "missing"
    if states["工作开展情况"] == "given":
        perf["工作开展情况"] = "按要求开展预算绩效管理，组织项目支出绩效自评" + rng.choice(ENDINGS)
    states["项目自评"] = _state(rng, 0.0, 0.6)
    if states["项目自评"] == "none":
        perf["项目自评"] = "无"
    states["部门评价"] = _state(rng, 0.3, 0.4)
    if states["部门评价"] == "given":
        perf["部门评价结果"] = "部门评价报告详见附件" + rng.choice(ENDINGS)
    elif states["部门评价"] == "none":
        perf["部门评价结果"] = "无"
    if perf:
        narrative["预算绩效"] = perf
    if rng.random() < 0.4:
        narrative["其他事项"] = rng.choice(
            ["无", ["本年度无需要说明的其他特殊事项" + rng.choice(ENDINGS)]]
        )

    with_institutions = rng.random() < 0.4
    units = [{"单位名称": "局机关", "单位性质": "行政单位"}]
    if with_institutions:
        units += [
            {"单位名称": f"第{i}中学", "单位性质": "事业单位"} for i in range(1, rng.randint(2, 6))
        ]
    # 机关运行经费: derived from 公用经费 for 行政 units only; with 事业单位 it is typed or missing
    if with_institutions:
        states["机关运行经费"] = "given" if rng.random() < 0.5 else "missing"
        if states["机关运行经费"] == "given":
            narrative["机关运行经费"] = (office_total * Decimal("0.6")).quantize(CENT)
    else:
        states["机关运行经费"] = "given"
    report = {
        "profile": PROFILE,
        "department": f"虚构区第{seed}局",
        "year": YEAR,
        "unit_kind": "行政单位",
        "overview": {
            "duties": ["负责本行业的规划和管理。", "完成上级交办的其他任务。"],
            "organization": f"纳入本部门{YEAR}年部门决算编报范围的单位共{len(units)}个。",
            "units": units,
        },
        "tables": tables,
        "narrative": narrative,
    }
    return report, states


def _plain(data: Any) -> Any:
    """Decimal → exact YAML numbers (the loader reads them back as Decimal)."""
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    if isinstance(data, Decimal):
        return float(data) if data != data.to_integral_value() else int(data)
    return data


def generate(seed: int) -> dict[str, str]:
    """The department of ``seed`` as input files: file name → YAML text."""
    report, _ = department(seed)
    text = yaml.safe_dump(_plain(report), allow_unicode=True, sort_keys=False, width=10_000)
    return {"report.yaml": text}


def facts(seed: int) -> dict[str, str]:
    """given / none / missing of each optional fact of the department of ``seed``."""
    return department(seed)[1]

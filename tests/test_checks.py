"""`gen-report check`: every rule fires where it should, stays quiet where it should not.

Inputs are small YAML files written to ``tmp_path`` (so every finding has a real
file and line): ``base()`` is a minimal *consistent* report (公开02/03/04/05/06
agree, prior-year figures and 年初预算 given, 公开07 has its empty statement) that
checks clean, and each case overrides a piece of it.  ``FIRE`` and ``QUIET``
list one case per rule; ``test_every_rule_is_tested`` fails when a rule is added
to the registry without both.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.app import build as builder
from generator.checks import RULES, CheckOptions, Finding, Severity, heading_numbers
from tests.conftest import REPO

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
DELETE: Any = object()  # an override value that removes the key from the base report


# --------------------------------------------------------------------------- helpers


def base(amount: Any = 10, code: str = "2011301", prior: Any = None) -> dict[str, Any]:
    """One 项 of spending, financed by 一般公共预算 and spent on 基本支出, in every table.

    ``prior`` (last year and 年初预算, always 万元) defaults to ``amount``.
    """
    prior = amount if prior is None else prior
    return {
        "profile": "shenzhen-2020",
        "department": "测试局",
        "year": 2020,
        # the 概况 (a subtitle with nothing under it warns: N005)
        "overview": {
            "duties": ["负责本市测试工作的统筹协调。"],
            "organization": "本部门为一级预算单位，无下属单位。",
        },
        "tables": {
            "公开02": {"rows": [{"code": code, "财政拨款收入": amount}]},
            "公开03": {"rows": [{"code": code, "基本支出": amount}]},
            "公开04": {"lines": {"一般公共预算财政拨款": amount}},
            "公开05": {"rows": [{"code": code, "基本支出": amount}]},
            "公开06": {"lines": {"30101": amount}},
            "公开07": {"statement": "本单位无“三公”经费支出。"},
        },
        "narrative": {
            "上年": {
                "tables": {
                    "公开01": {"收入总计": prior, "支出总计": prior},
                    "公开04": {"收入总计": prior, "支出总计": {"合计": prior}},
                    "公开05": {"合计": {"基本支出": prior}},
                }
            },
            "年初预算": {code[:3]: prior},
            # the optional facts 情况说明 states, declared none (a missing one warns: N004)
            "政府采购": "无",
            "国有资产": "无",
            "预算绩效": {
                "工作开展情况": "按要求开展预算绩效管理。",
                "项目自评": "无",
                "部门评价结果": "无",
            },
        },
    }


def merge(data: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``over`` into ``data``: mappings merge, anything else replaces, DELETE removes."""
    out = dict(data)
    for key, value in over.items():
        if value is DELETE:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def dump(data: dict[str, Any]) -> str:
    # Collections of scalars in flow style ({code: …, 基本支出: 10} on one line), like
    # docs/input-format.md; no wrapping, so each figure has one line.
    return yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=10_000
    )


def write_report(
    tmp_path: Path,
    over: dict[str, Any] | None = None,
    *,
    amount: Any = 10,
    code: str = "2011301",
    prior: Any = None,
    name: str = "report.yaml",
) -> Path:
    path = tmp_path / name
    path.write_text(dump(merge(base(amount, code, prior), over or {})), encoding="utf-8")
    return path


def run_check(
    path: Path, options: CheckOptions | None = None, prior: Path | None = None
) -> list[Finding]:
    tolerance = options.tolerance if options else CheckOptions().tolerance
    return builder.check(builder.load(path, tolerance, prior), options).findings


def prior_version(tmp_path: Path, over: dict[str, Any] | None) -> Path | None:
    """Last year's version for ``--prior`` (``base()`` as 2019 plus ``over``), if the case has one."""
    if over is None:
        return None
    return write_report(tmp_path, merge({"year": 2019}, over), name="prior.yaml")


def line_of(path: Path, *needles: str) -> int:
    """1-based line of the last needle, each searched for after the line of the one before."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = -1
    for needle in needles:
        at = next(i for i in range(at + 1, len(lines)) if needle in lines[i])
    return at + 1


def codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}


def located(findings: list[Finding], code: str, path: str) -> Finding:
    hits = [f for f in findings if f.code == code and f.location.path == path]
    assert hits, f"{code} at {path} not found in {[(f.code, f.location.path) for f in findings]}"
    return hits[0]


def rows(*items: dict[str, Any]) -> dict[str, Any]:
    return {"rows": list(items)}


def row(code: str = "2011301", **values: Any) -> dict[str, Any]:
    return {"code": code, **values}


ROW = row(基本支出=10)


def sangong(**figures: Any) -> dict[str, Any]:
    """公开07 with 预算 = 决算 and last year's 决算 the same: no reason is needed
    (and the counts the 三公 sentences state, so none is missing)."""
    counts = {"公务接待批次": 2, "公务接待人数": 8, "公务用车保有量": 1, "公务用车购置数": 0}
    return {
        "tables": {"公开07": {"statement": DELETE, "lines": {"预算": figures, "决算": figures}}},
        "narrative": {"上年": {"tables": {"公开07": {"决算": figures}}}, "三公": counts},
    }


def indicator(weight: Any, score: Any, name: str = "指标甲") -> dict[str, Any]:
    return {
        "一级指标": "产出指标",
        "二级指标": "数量指标",
        "三级指标": name,
        "分值": weight,
        "得分": score,
    }


def project(**over: Any) -> dict[str, Any]:
    """A 自评表 that adds up: 资金得分 10 × 1.00 + 指标 90 = 总分 100 (amounts in 元)."""
    data = {
        "项目名称": "测试项目",
        "项目金额": 100000,
        "项目资金": {
            "当年财政拨款": {"年初预算数": 100000, "全年预算数": 100000, "全年执行数": 100000}
        },
        "资金分值": 10,
        "绩效指标": [indicator(90, 90)],
        "总分": 100,
    }
    return {"attachments": {"project_self_evaluations": [merge(data, over)]}}


def target(**over: Any) -> dict[str, Any]:
    """A full-form 项目绩效目标表 with every field, its funds adding up (amounts in 元)."""
    data = {
        "项目名称": "测试项目",
        "项目类型": "一般性项目支出",
        "资金用途": "业务类",
        "负责人": "张三",
        "负责人电话": "0755-88120337",
        "联系人": "李四",
        "联系人电话": "0755-88120316",
        "计划开始日期": "2021-01-01",
        "计划完成日期": "2021-12-31",
        "项目总金额": 300000,
        "项目金额": 100000,
        "财政拨款资金": 80000,
        "其他资金": 20000,
    }
    return {
        "attachments": {
            "performance_targets": [{k: v for k, v in merge(data, over).items() if v is not DELETE}]
        }
    }


def score_item(level1: str, level2: str, name: str, weight: Any, score: Any) -> dict[str, Any]:
    return {"一级指标": level1, "二级指标": level2, "三级指标": name, "分值": weight, "得分": score}


def evaluation(items: list[dict[str, Any]] | None = None, **over: Any) -> dict[str, Any]:
    """A 评分表 that adds up: 50 + 38 = 88, 良."""
    table = {
        "指标": items
        or [
            score_item("决策", "项目立项", "立项依据充分性", 60, 50),
            score_item("产出", "产出数量", "完成率", 40, 38),
        ],
        "合计得分": 88,
        "等级": "良",
    }
    report = {"title": "测试项目支出部门评价报告", "评分表": merge(table, over)}
    return {"attachments": {"department_evaluations": [report]}}


def scored_section(level1: str) -> dict[str, Any]:
    """The ``evaluation()`` 评价报告 with a section whose table lays out ``level1``."""
    data = evaluation()
    section = {"title": "（一）产出情况分析", "表格": [{"评分": level1}]}
    data["attachments"]["department_evaluations"][0]["sections"] = [section]
    return data


def dimension(name: str, full: Any, score: Any, **over: Any) -> dict[str, Any]:
    return {"名称": name, "满分": full, "得分": score, **over}


def self_report(dims: list[dict[str, Any]] | None = None, **over: Any) -> dict[str, Any]:
    """A 项目支出绩效自评报告 that adds up: 20 + 18 + 20 + 40 = 总分 98, 优."""
    dims = dims or [
        dimension("投入", 20, 20),
        dimension("过程", 20, 18),
        dimension("产出", 20, 20),
        dimension("效果", 40, 40),
    ]
    data = {"项目名称": "测试项目", "评价维度": dims, "总分": 98, "等级": "优"}
    return {"自评报告": merge(data, over)}


def evaluation_report(**conclusion: Any) -> dict[str, Any]:
    """A 绩效评价报告 whose 评分表 sums to 88 (良); ``conclusion`` is its 评价结论."""
    table = evaluation()["attachments"]["department_evaluations"][0]["评分表"]
    table = {"指标": table["指标"]}
    data = {"评价结论": {"评价得分": 88, "等级": "良", **conclusion}, "评分表": table}
    return {"评价报告": data}


def sections(*subtitles: str) -> list[dict[str, Any]]:
    """A 自评报告's typed sections: 一、 holding ``subtitles``, then 二、."""
    return [
        {
            "title": "一、项目基本概况",
            "sections": [{"title": s, "text": "说明。"} for s in subtitles],
        },
        {"title": "二、项目绩效评价工作情况", "text": "说明。"},
    ]


# --------------------------------------------------------------------------- the cases


@dataclass(frozen=True)
class Fire:
    """An override of ``base()`` that makes ``code`` fire at ``path``.

    ``line`` are needles leading to the expected line (see ``line_of``).  ``block``:
    the path is a mapping/list written as an indented block; its line is the key's or
    (as the loader records it) the block's first line.  ``says``: parts of the message.
    """

    code: str
    severity: Severity
    over: dict[str, Any]
    path: str
    line: tuple[str, ...]
    says: tuple[str, ...] = ()
    amount: Any = 10
    block: bool = False
    prior: dict[str, Any] | None = None  # overrides of last year's version (build --prior)


@dataclass(frozen=True)
class Quiet:
    """An override close to ``code``'s trigger that must check clean (no finding at all)."""

    code: str
    over: dict[str, Any]
    amount: Any = 10
    note: str = field(default="")
    prior: dict[str, Any] | None = None  # overrides of last year's version (build --prior)


def tables(**over: Any) -> dict[str, Any]:
    return {"tables": over}


def narrative(**over: Any) -> dict[str, Any]:
    return {"narrative": over}


def both(*overs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for over in overs:
        out = merge(out, over)
    return out


REASON = "年中追加了专项经费。"
NO_TABLES = {
    "tables": {t: DELETE for t in ("公开02", "公开03", "公开04", "公开05", "公开06", "公开07")}
}

TEXT_TABLE = {
    "columns": [{"id": "名称", "kind": "text"}, {"id": "金额"}],
    "rows": [{"名称": "合计", "金额": 1}],
}

FIRE = [
    Fire("C001", WARNING, {"year": 2021}, "year", ("year:",), ("2021", "2020")),
    Fire(
        "T003",
        WARNING,
        narrative(文中表格={"五、没有这一节": [TEXT_TABLE]}),
        "narrative.文中表格.五、没有这一节",
        ("五、没有这一节",),
        ("五、没有这一节",),
        block=True,
    ),
    Fire(
        "V005",
        ERROR,
        {"评价报告": {"决算输入": str(REPO / "inputs" / "shenzhen-2020")}},
        "评价报告.决算输入",
        ("决算输入:",),
        ("深圳市扶贫协作和合作交流办公室2020年度", "测试局2020年度"),
    ),
    Fire(
        "Y001",
        WARNING,
        narrative(上年={"tables": {"公开01": {"收入总计": 5}}}),
        "narrative.上年.tables.公开01.收入总计",
        ("上年:", "公开01:"),
        ("5.00", "10.00", "prior.yaml"),
        prior={},
    ),
    Fire(
        "V001",
        ERROR,
        evaluation_report(评价得分=89.68),
        "评价报告.评价结论.评价得分",
        ("评价得分: 89.68",),
        ("89.68", "88"),
    ),
    Fire(
        "V002",
        ERROR,
        self_report(
            [
                dimension(
                    "投入",
                    20,
                    19,
                    指标=[score_item("投入", "预算", "预算编制", 20, 20)],
                ),
                dimension("过程", 20, 18),
                dimension("产出", 20, 20),
                dimension("效果", 40, 40),
            ],
            总分=98,
            等级="优",
        ),
        "自评报告.评价维度[0].得分",
        ("得分: 19",),
        ("19", "20"),
    ),
    Fire(
        "V003",
        ERROR,
        self_report(总分=100),
        "自评报告.总分",
        ("总分: 100",),
        ("100", "98"),
    ),
    Fire(
        "V004",
        WARNING,
        self_report(
            [dimension("投入", 20, 20), dimension("过程", 20, 18), dimension("产出", 20, 20)],
            总分=58,
            等级="差",
        ),
        "自评报告.评价维度",
        ("评价维度:",),
        ("60",),
        block=True,
    ),
    Fire(
        "N004",
        WARNING,
        narrative(政府采购=DELETE),
        "narrative.政府采购",
        ("narrative:",),
        block=True,
        says=("未填 政府采购", "三公及其他", "“无”"),
    ),
    Fire(
        "V006",
        ERROR,
        self_report(
            [
                dimension("投入", 20, 20),
                dimension("过程", 20, 18),
                dimension("过程", 20, 20),
                dimension("效果", 40, 40),
            ]
        ),
        "自评报告.评价维度[2].名称",
        ("名称: 过程", "名称: 过程"),
        says=("“过程”出现两次", "第2项与第3项"),
    ),
    Fire(
        "W004",
        WARNING,
        self_report(sections=sections("（一）项目概况", "（三）项目绩效目标")),
        "自评报告.sections[0].sections[1].title",
        ("（三）项目绩效目标",),
        says=("“（三）项目绩效目标”应为（二）", "前一节为（一）"),
    ),
    Fire(
        "N005",
        WARNING,
        {"overview": {"organization": DELETE}},
        "overview.organization",
        ("overview:",),
        block=True,
        says=("未填 机构设置", "该节不印出", "封面概况", "单位构成"),
    ),
    Fire(
        "E002",
        ERROR,
        NO_TABLES,
        "tables",
        ("tables:",),
        ("说明.决算表",),
    ),
    Fire(
        "J001",
        WARNING,
        narrative(机关运行经费=5, 公用经费含事业单位=True),
        "narrative.机关运行经费",
        ("机关运行经费",),
        ("含事业单位", "不大于公用经费合计"),
    ),
    Fire(
        "H001",
        ERROR,
        tables(公开03=rows(ROW, row("201", 基本支出=12))),
        "tables.公开03.rows[1].基本支出",
        ("公开03:", "'201'"),
        ("应为 10.00", "实际 12.00", "相差 2.00"),
    ),
    Fire(
        "R001",
        ERROR,
        tables(公开05=rows(row(基本支出=10, 小计=12))),
        "tables.公开05.rows[0].小计",
        ("公开05:", "2011301"),
        ("应为 10.00", "实际 12.00", "相差 2.00"),
    ),
    Fire(
        "B001",
        ERROR,
        tables(公开01={"lines": {"本年收入合计": 12}}),
        "tables.公开01.lines.本年收入合计",
        ("公开01:", "本年收入合计"),
        ("应为 10.00", "实际 12.00", "相差 2.00"),
    ),
    Fire(
        "X001",
        ERROR,
        tables(公开01={"lines": {"201": 12}}),
        "tables.公开01.lines.201",
        ("公开01:", "'201'"),
        ("来源表", "应为 10.00", "实际 12.00", "相差 2.00"),
    ),
    Fire(
        "E001",
        ERROR,
        tables(公开06={"lines": {"301": 12}}),
        "tables.公开06.lines.301",
        ("公开06:", "'301'"),
        ("应为 10.00", "实际 12.00", "相差 2.00"),
    ),
    Fire(
        "G001",
        ERROR,
        tables(公开07={"lines": {"决算": {"公务接待费": 1, "合计": 2}}}),
        "tables.公开07.lines.决算.合计",
        ("公开07:", "决算"),
        ("应为 1.00", "实际 2.00", "相差 1.00"),
    ),
    Fire(  # 收入总计 11 = 10 + 年初结转和结余 1, 支出总计 10: the anchor line is not written
        "B002",
        ERROR,
        tables(公开01={"lines": {"年初结转和结余": 1}}),
        "tables.公开01.lines.收入总计",
        ("公开01:", "lines:"),
        ("应为 10.00", "实际 11.00", "相差 1.00"),
    ),
    Fire(
        "X002",
        ERROR,
        tables(公开06={"lines": {"30101": 9}}, 公开05={"合计": {"基本支出": 10}}),
        "tables.公开05.合计.基本支出",
        ("公开05:", "合计"),
        ("公开06 人员经费合计", "应为 9.00", "实际 10.00", "相差 1.00"),
    ),
    Fire(  # 公开04 states only its total; 公开01 types its 财政拨款 line lower
        "X003",
        ERROR,
        tables(
            公开04={"lines": {"一般公共预算财政拨款": DELETE, "本年收入合计": 20}},
            公开01={"lines": {"一般公共预算财政拨款收入": 10}},
        ),
        "tables.公开04.lines.本年收入合计",
        ("公开04:", "本年收入合计"),
        ("20.00 大于 10.00",),
    ),
    Fire(
        "S001",
        ERROR,
        tables(公开06={"lines": {"30102": {"决算数": 1}}}),
        "tables.公开06.lines.30102",
        ("公开06:", "30102"),
    ),
    Fire(
        "S002",
        ERROR,
        tables(公开03=rows(row(基本支出=10, 基本费=1))),
        "tables.公开03.rows[0].基本费",
        ("公开03:", "基本费"),
        ("基本费",),
    ),
    Fire(
        "S003",
        ERROR,
        tables(公开03=rows(ROW, row("20113x", 基本支出=1))),
        "tables.公开03.rows[1].code",
        ("公开03:", "20113x"),
        ("20113x",),
    ),
    Fire(
        "S004",
        ERROR,
        tables(公开03=rows(ROW, row(项目支出=1))),
        "tables.公开03.rows[1].code",
        ("公开03:", "2011301", "2011301"),
        ("2011301",),
    ),
    Fire(
        "S005",
        ERROR,
        tables(公开06={"lines": {"30298": 1}}),
        "tables.公开06.lines.30298",
        ("公开06:", "30298"),
        ("30298",),
    ),
    Fire(
        "S006",
        WARNING,
        tables(公开03=rows(ROW, row("2011501"))),
        "tables.公开03.rows[1].code",
        ("公开03:", "2011501"),
        ("2011501",),
    ),
    Fire(
        "S007",
        WARNING,
        tables(公开03=rows(row(name="行政运行支出", 基本支出=10))),
        "tables.公开03.rows[0].name",
        ("公开03:", "行政运行支出"),
        ("行政运行支出", "行政运行"),
    ),
    Fire(
        "S008",
        ERROR,
        tables(公开03=rows(ROW, row("2011302", 基本支出=-1))),
        "tables.公开03.rows[1].基本支出",
        ("公开03:", "2011302"),
        ("-1.00",),
    ),
    Fire(
        "G002",
        WARNING,
        tables(
            公开07={"lines": {"决算": {"公务接待费": 0.5}}},
            公开06={"lines": {"30101": 9.14, "30217": 0.86}},
        ),
        "tables.公开07.lines.决算.公务接待费",
        ("公开07:", "决算"),
        ("0.50", "30217", "0.86"),
    ),
    Fire(
        "J001",
        WARNING,
        narrative(机关运行经费=5),
        "narrative.机关运行经费",
        ("机关运行经费",),
        ("应为 0.00", "实际 5.00"),
    ),
    Fire(
        "T001",
        WARNING,
        tables(公开07={"statement": DELETE}),
        "tables.公开07",
        ("公开07:",),
        ("公开07",),
    ),
    Fire(
        "U001",
        WARNING,
        tables(
            公开03=rows(
                row("2011301", 基本支出=10),
                row("2011302", 基本支出=10),
                row("2011308", 基本支出=10),
                row("2011399", 基本支出=10),
                row("2011350", 基本支出=1_000_000),
            )
        ),
        "tables.公开03.rows[4].基本支出",
        ("公开03:", "2011350"),
        ("1,000,000.00", "10⁴"),
    ),
    Fire(
        "N001",
        WARNING,
        narrative(上年=DELETE),
        "narrative",
        ("narrative:",),
        ("上年",),
        block=True,
    ),
    Fire(
        "N002",
        WARNING,
        narrative(年初预算={"201": DELETE, "208": 10}),
        "narrative.年初预算",
        ("年初预算",),
        ("201", "10.00"),
    ),
    Fire(  # 基本支出 5 → 10 (+100 %), and a reason only for something else
        "N003",
        ERROR,
        both(
            narrative(上年={"tables": {"公开05": {"合计": {"基本支出": 5}}}}),
            narrative(原因={"收入总体": REASON}),
        ),
        "narrative.原因",
        ("原因",),
        ("上年 5.00", "本年 10.00", "增加 5.00（100%）"),
    ),
    Fire(
        "F001",
        ERROR,
        narrative(其他事项=["纳入财政专户管理已缴国库1,577.57元。"]),
        "narrative.其他事项[0]",
        ("其他事项",),
        ("1,577.57元", "万元"),
        amount=1577.57,
    ),
    Fire(
        "F002",
        WARNING,
        narrative(其他事项=["纳入财政专户管理的资金10.03万元。"]),
        "narrative.其他事项[0]",
        ("其他事项",),
        ("10.03万元", "10.00"),
    ),
    Fire(
        "F003",
        WARNING,
        narrative(其他事项=["纳入财政专户管理的资金0.3万元。"]),
        "narrative.其他事项[0]",
        ("其他事项",),
        ("0.3万元",),
    ),
    Fire(  # a total stated as 0 against the table cell it names
        "F004",
        ERROR,
        narrative(其他事项=["本年支出合计0万元。"]),
        "narrative.其他事项[0]",
        ("其他事项",),
        ("本年支出合计", "0万元", "印为 10.00"),
    ),
    Fire(
        "F005",
        ERROR,
        narrative(其他事项=["年初预算为12.00万元，支出决算为10.00万元。决算数大于预算数。"]),
        "narrative.其他事项[0]",
        ("其他事项",),
        ("决算 10.00 小于预算 12.00", "大于"),
    ),
    Fire(
        "F006",
        ERROR,
        narrative(其他事项=["本年支出合计10.00万元，其中：基本支出10.00万元，占90%。"]),
        "narrative.其他事项[0]",
        ("其他事项",),
        ("应为 100%", "90%"),
    ),
    Fire(  # 公开06 has no 公用经费 item: its 合计 is blank
        "F007",
        WARNING,
        narrative(其他事项=["公用经费2.00万元。"]),
        "narrative.其他事项[0]",
        ("其他事项",),
        ("公用经费", "2.00万元", "为空"),
    ),
    Fire(
        "F008",
        INFO,
        both(narrative(年初预算=DELETE), narrative(其他事项=["年初预算为12.00万元。"])),
        "narrative.其他事项[0]",
        ("其他事项",),
        ("1 个年初预算", "12.00万元", "无法核对"),
    ),
    Fire(
        "W001",
        ERROR,
        narrative(其他事项=["XX局年中追加了专项经费。"]),
        "narrative.其他事项[0]",
        ("其他事项",),
        ("占位符", "XX"),
    ),
    Fire(
        "W002",
        ERROR,
        narrative(其他事项=["截至2019年12月31日，共有车辆2辆。"]),
        "narrative.其他事项[0]",
        ("其他事项",),
        ("2019年", "2020"),
    ),
    Fire(
        "W003",
        WARNING,
        narrative(其他事项=["年中追加了专项经费。。"]),
        "narrative.其他事项[0]",
        ("其他事项",),
        ("。。",),
    ),
    Fire(  # 公开05 has 基本支出, the 基本支出表 it is checked against is not there
        "T002",
        ERROR,
        tables(公开06=DELETE),
        "tables.公开06",
        ("tables:",),
        ("公开06", "缺失", "公开05 基本支出 = 公开06 人员经费合计 + 公用经费合计"),
        block=True,
    ),
    Fire(
        "P001",
        ERROR,
        project(总分=99),
        "attachments.project_self_evaluations[0].总分",
        ("总分",),
        ("应为 100.00", "实际 99.00"),
    ),
    Fire(
        "P002",
        ERROR,
        project(绩效指标=[indicator(90, 91)], 总分=101),
        "attachments.project_self_evaluations[0].绩效指标[0].得分",
        ("得分: 91",),
        ("91", "90"),
    ),
    Fire(
        "P003",
        ERROR,
        project(绩效指标=[indicator(80, 80)], 总分=90),
        "attachments.project_self_evaluations[0].绩效指标",
        ("绩效指标:",),
        ("90",),
        block=True,
    ),
    Fire(
        "P004",
        ERROR,
        project(项目金额=50000),
        "attachments.project_self_evaluations[0].项目金额",
        ("项目金额",),
        ("50,000.00", "100,000.00"),
    ),
    Fire(
        "K001",
        ERROR,
        {"profile": "shenzhen-2018", **target(项目类型="一般项目")},
        "attachments.performance_targets[0].项目类型",
        ("项目类型",),
        ("一般项目", "一般性项目支出、专项性项目支出"),
    ),
    Fire(
        "K002",
        ERROR,
        target(其他资金=10000),
        "attachments.performance_targets[0].项目金额",
        ("项目金额",),
        ("80,000.00", "10,000.00", "90,000.00", "100,000.00"),
    ),
    Fire(
        "K003",
        WARNING,
        target(项目总金额=DELETE, 计划完成日期=DELETE),
        "attachments.performance_targets[0].计划完成日期",  # not typed: its record's line
        ("performance_targets:",),
        ("计划完成日期", "项目总金额", "印为空白"),
        block=True,
    ),
    Fire(
        "Q001",
        ERROR,
        evaluation(合计得分=89),
        "attachments.department_evaluations[0].评分表.合计得分",
        ("合计得分",),
        ("应为 88.00", "实际 89.00"),
    ),
    Fire(
        "Q002",
        ERROR,
        evaluation(等级="优"),
        "attachments.department_evaluations[0].评分表.等级",
        ("等级",),
        ("良", "优"),
    ),
    Fire(
        "Q003",
        ERROR,
        evaluation(
            [
                score_item("决策", "项目立项", "立项依据充分性", 60, 61),
                score_item("产出", "数量", "完成率", 40, 27),
            ]
        ),
        "attachments.department_evaluations[0].评分表.指标[0].得分",
        ("得分: 61",),
        ("立项依据充分性", "61", "60"),
    ),
    Fire(
        "Q004",
        WARNING,
        evaluation(
            [
                score_item("决策", "项目立项", "立项依据充分性", 55, 50),
                score_item("产出", "数量", "完成率", 40, 38),
            ]
        ),
        "attachments.department_evaluations[0].评分表.指标",
        ("指标:",),
        ("95",),
        block=True,
    ),
    Fire(
        "Q005",
        ERROR,
        scored_section("效果"),
        "attachments.department_evaluations[0].sections[0].表格[0].评分",
        ("评分: 效果",),
        ("效果", "决策、产出"),
    ),
]

QUIET = [
    Quiet("Y001", narrative(上年={"tables": {"公开01": {"收入总计": 10}}}), prior={}),
    Quiet("H001", tables(公开03=rows(ROW, row("201", 基本支出=10), row("20113", 基本支出=10)))),
    Quiet("R001", tables(公开05=rows(row(基本支出=10, 小计=10)))),
    Quiet("B001", tables(公开01={"lines": {"本年收入合计": 10, "收入总计": 10}})),
    Quiet("X001", tables(公开01={"lines": {"201": 10, "本年支出合计": 10}})),
    Quiet("E001", tables(公开06={"lines": {"301": 10, "人员经费合计": 10}})),
    Quiet(
        "G001",
        both(
            sangong(公务接待费=1, 合计=1),
            tables(公开06={"lines": {"30101": 9, "30217": 1}}),
            narrative(上年机关运行经费=1),
        ),
    ),
    Quiet(
        "B002",
        both(
            tables(公开01={"lines": {"年初结转和结余": 1, "年末结转和结余": 1}}),
            narrative(原因={"收入总体": REASON, "支出总体": REASON}),
        ),
    ),
    Quiet("X002", tables(公开05={"合计": {"基本支出": 10}})),
    Quiet("X003", tables(公开04={"lines": {"本年收入合计": 10}})),
    Quiet("S001", tables(公开06={"lines": {"30101": 8, "30102": 2}})),
    Quiet("S002", tables(公开03=rows(row(基本支出=10, 项目支出=0)))),
    Quiet("S003", tables(公开03=rows(ROW, row("20113", 基本支出=10), row("201", 基本支出=10)))),
    Quiet("S004", tables(公开03=rows(row(基本支出=6), row("2011302", 基本支出=4)))),
    Quiet("S005", tables(公开06={"lines": {"30101": 8, "30102": 2}})),
    Quiet("S006", tables(公开03=rows(row("2011301", 基本支出=6), row("2080505", 基本支出=4)))),
    Quiet("S007", tables(公开03=rows(row(name="行政运行", 基本支出=10)))),
    Quiet("S008", tables(公开03=rows(ROW, row("2011302", 基本支出=0)))),
    Quiet(
        "G002",
        both(
            sangong(公务接待费=1),
            tables(公开06={"lines": {"30101": 9.14, "30217": 0.86}}),
            narrative(上年机关运行经费=0.86),
        ),
    ),
    Quiet(
        "J001",
        both(
            tables(公开06={"lines": {"30101": 8, "30201": 2}}),
            narrative(机关运行经费=2, 上年机关运行经费=2),
        ),
    ),
    Quiet(
        "J001",
        both(
            tables(公开06={"lines": {"30101": 8, "30201": 2}}),
            narrative(机关运行经费=1, 上年机关运行经费=1, 公用经费含事业单位=True),
        ),
        note="含事业单位: 机关运行经费 is a part of 公用经费, not all of it",
    ),
    Quiet("C001", {}, note="the base report is a 2020 report on the 2020 layout"),
    Quiet("N004", {}, note="every fact the text states is given or declared none"),
    Quiet("V006", self_report(), note="投入、过程、产出、效果: four names"),
    Quiet(
        "W004",
        self_report(sections=sections("(一)项目概况", "（二）项目绩效目标")),
        note="( and （ both occur in published reports; the fixed 三、绩效分析 follows 二、",
    ),
    Quiet(
        "N005",
        {"overview": DELETE, "说明": {"概况": "本部门为新组建单位，职责与机构按批复执行。"}},
        note="the department typed the whole 概况 part instead",
    ),
    Quiet(
        "E002",
        both(NO_TABLES, {"说明": {"决算表": "无", "情况说明": "无"}}),
    ),
    Quiet("T001", {}, note="公开07 has a statement, 公开08/09 use the profile's"),
    Quiet(
        "U001",
        tables(
            公开03=rows(
                row("2011301", 基本支出=1),
                row("2011302", 基本支出=3),
                row("2011308", 基本支出=2),
                row("2011399", 基本支出=1),
                row("2011350", 基本支出=3),
            )
        ),
    ),
    Quiet("N001", {}),
    Quiet("N002", {}),
    Quiet(
        "N003",
        narrative(
            上年={"tables": {"公开05": {"合计": {"基本支出": 5}}}},
            原因={"基本支出": REASON, "一般公共预算支出": REASON},
        ),
    ),
    Quiet("F001", narrative(其他事项=["纳入财政专户管理已缴国库1,577.57万元。"]), amount=1577.57),
    Quiet("F002", narrative(其他事项=["本年支出合计10.00万元，即100,000元。"])),
    Quiet("F003", narrative(其他事项=["财政拨款收入支出总计10万元。"])),
    Quiet("F004", narrative(其他事项=["本年支出合计10.00万元，财政拨款收入支出总计10万元。"])),
    Quiet(
        "F005",
        narrative(其他事项=["年初预算为10.00万元，支出决算为10.00万元，决算数与预算数持平。"]),
    ),
    Quiet(
        "F006",
        narrative(其他事项=["本年支出合计10.00万元，其中：基本支出10.00万元，占100%。"]),
    ),
    Quiet("F007", narrative(其他事项=["人员经费10.00万元。"])),
    Quiet("F008", narrative(其他事项=["年初预算为10.00万元。"])),
    Quiet("W001", narrative(其他事项=["年中追加了专项经费（XY 项目）。"])),
    Quiet("W002", narrative(其他事项=["截至2020年12月31日，与2019年度相比增加车辆2辆。"])),
    Quiet("W003", narrative(其他事项=["1）年中追加了“专项”经费（扶贫）。"])),
    Quiet("T002", {}, note="every table the others quote is there"),
    Quiet("P001", project()),
    Quiet("P002", project(绩效指标=[indicator(45, 45), indicator(45, 40, "指标乙")], 总分=95)),
    Quiet("P003", project()),
    Quiet("P004", project(项目金额=100000)),
    Quiet("K001", target(项目类型="一般项目"), note="the layout has no check boxes: as typed"),
    Quiet("K002", target(项目总金额=100000)),
    Quiet("K003", {"attachments": {"performance_targets": [{"项目名称": "短表项目"}]}}),
    Quiet("Q001", evaluation()),
    Quiet("Q002", evaluation(合计得分=88, 等级="良")),
    Quiet("Q003", evaluation()),
    Quiet("Q004", evaluation()),
    Quiet("Q005", scored_section("产出")),
    Quiet("V001", evaluation_report()),
    Quiet("V002", self_report()),
    Quiet("V003", self_report()),
    Quiet("V004", self_report()),
    Quiet("T003", narrative(文中表格={"收支总体": [TEXT_TABLE]})),
    Quiet("V005", {"评价报告": {"数据": {"总收入": 129566.45}}}),
]


# --------------------------------------------------------------------------- rule by rule


def test_every_rule_is_tested() -> None:
    """A new rule in the registry needs a FIRE and a QUIET case (and nothing stale remains)."""
    assert sorted({c.code for c in FIRE}) == sorted(RULES)
    assert sorted({c.code for c in QUIET}) == sorted(RULES)


def test_base_report_checks_clean(tmp_path: Path) -> None:
    assert run_check(write_report(tmp_path)) == []


@pytest.mark.parametrize("case", FIRE, ids=lambda c: c.code)
def test_rule_fires(tmp_path: Path, case: Fire) -> None:
    path = write_report(tmp_path, case.over, amount=case.amount)
    found = located(
        run_check(path, prior=prior_version(tmp_path, case.prior)), case.code, case.path
    )
    assert found.severity == case.severity == RULES[case.code].severity
    assert found.location.file == str(path)
    line = line_of(path, *case.line)
    if case.block:
        assert found.location.line in (line, line + 1)
    else:
        assert found.location.line == line
    for part in case.says:
        assert part in found.message, found.message


@pytest.mark.parametrize("case", QUIET, ids=lambda c: c.code)
def test_rule_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    path = write_report(tmp_path, case.over, amount=case.amount)
    findings = run_check(path, prior=prior_version(tmp_path, case.prior))
    assert case.code not in codes(findings)
    assert [(f.code, f.message) for f in findings] == []


# --------------------------------------------------------------------------- more of single rules


def test_the_326_71_of_putuo_is_an_error(tmp_path: Path) -> None:
    """公开01 "208" typed as published (326.71) while 公开03 208 is 326.72: one exact
    value printed twice is one rounding, so any difference is an error (rules.md)."""
    path = write_report(
        tmp_path, tables(公开01={"lines": {"208": 326.71}}), amount=326.72, code="2080505"
    )
    findings = run_check(path)
    found = located(findings, "X001", "tables.公开01.lines.208")
    assert found.severity == ERROR
    assert found.location.line == line_of(path, "公开01:", "'208'")
    assert "应为 326.72" in found.message and "实际 326.71" in found.message
    assert "相差 0.01" in found.message
    assert found.as_dict()["figures"] == {
        "expected": "326.72",
        "actual": "326.71",
        "difference": "-0.01",
        "unit": "万元",
        "addends": 1,
        "bound": "0.00",
    }


def test_unit_slip_the_other_way_round(tmp_path: Path) -> None:
    """ "35,000万元" where the data holds 3.50 万元."""
    over = both(
        sangong(公务用车运行费=3.5),
        narrative(其他事项=["公务用车运行费35,000万元。"]),
    )
    found = located(run_check(write_report(tmp_path, over)), "F001", "narrative.其他事项[0]")
    assert "3.50 万元" in found.message and "“元”" in found.message


def test_attachment_text_reports_unit_slips_only(tmp_path: Path) -> None:
    """Attachments are full of figures that are not in the tables: only 10⁴ slips count."""
    over = {
        "attachments": {
            "department_self_evaluation": {
                "sections": [
                    {"title": "一、基本情况", "text": "项目涉及资金123.45万元。"},
                    {"title": "二、绩效", "text": "当年支出1,577.57元。"},
                ]
            }
        }
    }
    findings = run_check(write_report(tmp_path, over, amount=1577.57))
    assert [(f.code, f.location.path) for f in findings] == [
        ("F001", "attachments.department_self_evaluation.sections[1].text")
    ]


def test_j001_applies_to_administrative_units_only(tmp_path: Path) -> None:
    path = write_report(tmp_path, {"unit_kind": "事业单位", "narrative": {"机关运行经费": 5}})
    assert "J001" not in codes(run_check(path))


def test_empty_table_with_profile_statement_is_quiet_and_absent_table_is_located(
    tmp_path: Path,
) -> None:
    findings = run_check(write_report(tmp_path, tables(公开07=DELETE)))
    found = located(findings, "T001", "tables.公开07")
    assert found.location.line is not None
    assert [f.code for f in findings] == ["T001"]  # 公开08 and 公开09: the profile's statements


def test_no_unit_slip_check_for_yuan_inputs(tmp_path: Path) -> None:
    big = tables(
        公开03=rows(
            row("2011301", 基本支出=100_000),
            row("2011302", 基本支出=100_000),
            row("2011308", 基本支出=100_000),
            row("2011399", 基本支出=100_000),
            row("2011350", 基本支出=1_000_000_000_000),
        )
    )
    assert "U001" in codes(run_check(write_report(tmp_path, big)))
    yuan = write_report(tmp_path, {"amount_unit": "元", **big}, name="yuan.yaml")
    assert "U001" not in codes(run_check(yuan))


def test_scoring_table_of_the_department_self_evaluation(tmp_path: Path) -> None:
    table = evaluation(合计得分=80, 等级="优")["attachments"]["department_evaluations"][0]["评分表"]
    over = {"attachments": {"department_self_evaluation": {"评分表": table}}}
    findings = run_check(write_report(tmp_path, over))
    where = "attachments.department_self_evaluation.评分表"
    assert located(findings, "Q001", f"{where}.合计得分").severity == ERROR
    assert located(findings, "Q002", f"{where}.等级").severity == ERROR


def test_scoring_total_within_a_hundredth_is_rounding(tmp_path: Path) -> None:
    findings = run_check(write_report(tmp_path, evaluation(合计得分=88.01)))
    where = "attachments.department_evaluations[0].评分表.合计得分"
    assert located(findings, "Q001", where).severity == INFO


def test_project_total_within_a_hundredth_is_rounding(tmp_path: Path) -> None:
    findings = run_check(write_report(tmp_path, project(总分=99.99)))
    where = "attachments.project_self_evaluations[0].总分"
    assert located(findings, "P001", where).severity == INFO


# --------------------------------------------------------------------------- tolerance


TWELVE = [f"20113{n:02d}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 50, 99)] + ["2010101", "2010102"]


def boundary_report(tmp_path: Path, stated: str, unit: str, addends: int = 2) -> Path:
    """公开03 合计 基本支出 over ``addends`` leaves of 1.00 万元 (or 10,000 元), stated ``stated``.

    The rounding model (rules.md): a total over n rounded addends agrees when
    |difference| ≤ (n + 1) × 0.005 — 0.015 for two, 0.065 for twelve; in 元 the
    figures are exact and the bound is 0.
    """
    codes = TWELVE[:addends]
    if unit == "元":
        leaves = [row(code, 基本支出=10_000) for code in codes]
        total: Any = float(Decimal(stated) * 10_000)
        over: dict[str, Any] = {"amount_unit": "元"}
        amount: Any = addends * 10_000
    else:
        leaves = [row(code, 基本支出=1) for code in codes]
        total = float(stated)
        over = {}
        amount = addends
    over = merge(over, tables(公开03={"rows": leaves, "合计": {"基本支出": total}}))
    name = f"{stated}-{unit}-{addends}.yaml"
    return write_report(tmp_path, over, amount=amount, prior=addends, name=name)


TOTAL = "tables.公开03.合计.基本支出"


@pytest.mark.parametrize(
    ("stated", "addends", "severity"),
    [
        ("2.011", 2, INFO),  # 0.011 over two addends is rounding
        ("2.015", 2, INFO),  # the bound itself: (2 + 1) × 0.005
        ("2.016", 2, ERROR),
        ("1.98", 2, ERROR),  # 0.02 below
        ("12.06", 12, INFO),  # the published 302 of Putuo: 171.07 over items adding to 171.09
        ("12.065", 12, INFO),
        ("11.935", 12, INFO),
        ("12.066", 12, ERROR),
        ("11.93", 12, ERROR),
    ],
)
def test_rounding_bound_grows_with_the_addends(
    tmp_path: Path, stated: str, addends: int, severity: Severity
) -> None:
    path = boundary_report(tmp_path, stated, "万元", addends)
    findings = run_check(path)
    found = located(findings, "H001", TOTAL)
    assert found.severity == severity
    assert found.location.line == line_of(path, "公开03:", "合计")
    assert f"应为 {addends}.00" in found.message
    figures = found.as_dict()["figures"]
    assert figures["addends"] == addends and figures["expected"] == f"{addends}.00"
    assert Decimal(figures["bound"]) == (addends + 1) * Decimal("0.005")
    if severity == INFO:
        assert f"{addends} 个四舍五入数" in found.message
    others = [f for f in findings if f.location.path != TOTAL and f.code != "S006"]
    assert [f for f in others if f.code == "H001" or f.severity == ERROR] == []


@pytest.mark.parametrize("stated", ["2.0001", "1.9999"])
def test_yuan_inputs_are_exact(tmp_path: Path, stated: str) -> None:
    """One 元 off in a 元 input is an error: exact figures leave no room for rounding."""
    found = located(run_check(boundary_report(tmp_path, stated, "元")), "H001", TOTAL)
    assert found.severity == ERROR
    assert found.as_dict()["figures"]["bound"] == "0.00"


@pytest.mark.parametrize("unit", ["万元", "元"])
def test_wider_tolerance_changes_the_verdict(tmp_path: Path, unit: str) -> None:
    path = boundary_report(tmp_path, "2.02", unit)
    wide = CheckOptions(tolerance=Decimal("0.05"))
    assert located(run_check(path), "H001", TOTAL).severity == ERROR
    assert located(run_check(path, wide), "H001", TOTAL).severity == INFO
    far = boundary_report(tmp_path, "2.06", unit)
    assert located(run_check(far, wide), "H001", TOTAL).severity == ERROR


def test_no_finding_when_stated_equals_computed(tmp_path: Path) -> None:
    assert run_check(boundary_report(tmp_path, "2.00", "万元")) == []


# --------------------------------------------------------------------------- options


def mixed_report(tmp_path: Path) -> Path:
    """One error (H001), one warning (S007), one info (X001)."""
    return write_report(
        tmp_path,
        tables(
            公开03=rows(
                row(name="行政运行支出", 基本支出=5),
                row("2011302", 基本支出=5),
                row("201", 基本支出=12),
            ),
            公开01={"lines": {"201": 10.01}},
        ),
    )


def severities(findings: list[Finding]) -> dict[str, Severity]:
    return {f.code: f.severity for f in findings}


def test_default_options_on_the_mixed_report(tmp_path: Path) -> None:
    assert severities(run_check(mixed_report(tmp_path))) == {
        "H001": ERROR,
        "S007": WARNING,
        "X001": INFO,
    }


def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    found = severities(run_check(mixed_report(tmp_path), CheckOptions(strict=True)))
    assert found == {"H001": ERROR, "S007": ERROR, "X001": INFO}


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (CheckOptions(select={"S007"}), {"S007"}),
        (CheckOptions(select={"S"}), {"S007"}),
        (CheckOptions(select={"H", "X001"}), {"H001", "X001"}),
        (CheckOptions(ignore={"S007"}), {"H001", "X001"}),
        (CheckOptions(ignore={"S", "X"}), {"H001"}),
        (CheckOptions(select={"S", "H"}, ignore={"H001"}), {"S007"}),
    ],
    ids=["select-code", "select-prefix", "select-mixed", "ignore-code", "ignore-prefix", "both"],
)
def test_select_and_ignore(tmp_path: Path, options: CheckOptions, expected: set[str]) -> None:
    assert codes(run_check(mixed_report(tmp_path), options)) == expected


def test_missing_reason_severity_is_configurable(tmp_path: Path) -> None:
    path = write_report(tmp_path, narrative(上年={"tables": {"公开05": {"合计": {"基本支出": 5}}}}))
    assert {f.severity for f in run_check(path) if f.code == "N003"} == {ERROR}
    relaxed = run_check(path, CheckOptions(missing_reason=WARNING))
    assert {f.severity for f in relaxed if f.code == "N003"} == {WARNING}


# --------------------------------------------------------------------------- the bundled example


def test_example_has_no_errors_and_its_rounding_shows_as_info(example: builder.Loaded) -> None:
    result = builder.check(example)
    assert result.errors == 0
    infos = [f for f in result.findings if f.severity == INFO]
    assert len(infos) == 36  # the published tables' 尾差, one per stated figure
    assert {f.code for f in infos} <= {"H001", "R001", "B001", "X001", "E001", "G001", "X002"}
    for f in infos:
        assert "相差 0.01" in f.message, f.message
        assert f.location.path.startswith("tables.") and f.location.line


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    target = tmp_path / "shenzhen-2020"
    shutil.copytree(builder.EXAMPLE, target)
    return target


def add_other_matter(folder: Path, text: str) -> tuple[Path, int]:
    """Append a sentence to narrative.其他事项 (becomes 其他事项[1]); return file and line."""
    file = folder / "narrative.yaml"
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("  其他事项:"))
    at = next(i for i in range(at + 1, len(lines)) if lines[i].startswith("    - "))
    lines.insert(at + 1, f"    - {text}\n")
    file.write_text("".join(lines), encoding="utf-8")
    return file, at + 2


@pytest.mark.parametrize(
    ("text", "code", "severity", "says"),
    [
        ("公务用车购置及运行费全年预算数为3.5元。", "F001", ERROR, ("3.50 万元",)),
        (  # the text names the cell, so one figure is printed twice: an error
            "2020年度一般公共预算财政拨款决算支出合计364,066.22万元。",
            "F004",
            ERROR,
            ("364,066.21", "364,066.22万元"),
        ),
        ("财政拨款收入支出总计0.3万元。", "F004", ERROR, ("0.3万元", "364,072.19")),
    ],
    ids=["3.5元", "364066.22", "0.3万元"],
)
def test_known_errors_typed_into_the_example(
    example_copy: Path, text: str, code: str, severity: Severity, says: tuple[str, ...]
) -> None:
    file, line = add_other_matter(example_copy, text)
    findings = run_check(example_copy)
    found = located(findings, code, "narrative.其他事项[1]")
    assert found.severity == severity
    assert found.location.file == str(file) and found.location.line == line
    for part in says:
        assert part in found.message
    assert sum(f.severity == ERROR for f in findings) == (severity == ERROR)


def test_known_error_in_a_reason_is_located_at_the_reason(example_copy: Path) -> None:
    """The 3.5元 slip inside a 原因 sentence points at that reason's key and line."""
    file = example_copy / "narrative.yaml"
    old = "公务用车运行费/上年: 我单位是2019年1月"
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(
        text.replace(
            old, "公务用车运行费/上年: 公务用车购置及运行费全年预算数为3.5元，我单位是2019年1月"
        ),
        encoding="utf-8",
    )
    found = located(run_check(example_copy), "F001", "narrative.原因.公务用车运行费/上年")
    assert found.severity == ERROR
    assert found.location.file == str(file)
    assert found.location.line == line_of(file, "公务用车运行费/上年:")


def test_yuan_slip_of_guangzhou(tmp_path: Path) -> None:
    """ "纳入财政专户管理已缴国库1,577.57元" when a table holds 1,577.57 万元."""
    path = write_report(
        tmp_path, narrative(其他事项=["纳入财政专户管理已缴国库1,577.57元。"]), amount=1577.57
    )
    findings = run_check(path)
    found = located(findings, "F001", "narrative.其他事项[0]")
    assert found.severity == ERROR and found.location.line == line_of(path, "其他事项")
    assert codes(findings) == {"F001"}


@pytest.mark.parametrize(
    ("over", "code", "path", "line"),
    [
        (tables(公开04={"lines": {"201": 10}}), "S001", "tables.公开04.lines.201", ("'201'",)),
        (
            tables(公开04={"lines": {"201": {"合计": 10, "一般公共预算": 10}}}),
            "S002",
            "tables.公开04.lines.201.一般公共预算",
            ("'201'",),
        ),
        (
            tables(公开01={"lines": {"201": {"决算": 10}}}),
            "S002",
            "tables.公开01.lines.201.决算",
            ("公开01:", "'201'"),
        ),
        (tables(公开07={"lines": {"决算": 5}}), "S001", "tables.公开07.lines.决算", ("决算: 5",)),
        (
            tables(公开06={"lines": {"301": {"决算数": 10}}}),
            "S001",
            "tables.公开06.lines.301",
            ("'301'",),
        ),
    ],
    ids=["scalar-for-columns", "unknown-column", "single-column-misspelt", "grid-row", "economic"],
)
def test_figures_the_layout_cannot_place_are_reported(
    tmp_path: Path, over: dict[str, Any], code: str, path: str, line: tuple[str, ...]
) -> None:
    """A typed figure is placed or reported (S001/S002), never silently dropped or crashed on."""
    file = write_report(tmp_path, over)
    found = located(run_check(file), code, path)
    assert found.severity == ERROR
    assert found.location.line == line_of(file, *line)


# --------------------------------------------------------------------------- text against the printed cell


def test_text_quotes_the_printed_total_not_the_resummed_one(tmp_path: Path) -> None:
    """Putuo: 公用经费合计 printed 184.65 over items adding to 184.67, text "公用经费184.65万元".

    The text equals the printed cell: no F002 "与数据 184.67 不一致", no F004.
    """
    lines = {"30101": 10, "30201": 1.01, "30202": 1.01, "公用经费合计": 2.03}
    over = both(
        tables(公开06={"lines": lines}, 公开05=rows(row(基本支出=12.02))),
        narrative(其他事项=["公用经费2.03万元。"]),
    )
    findings = run_check(write_report(tmp_path, over, amount=12.02))
    assert not [f for f in findings if f.code in ("F002", "F003", "F004")], findings
    assert located(findings, "E001", "tables.公开06.lines.公用经费合计").severity == INFO


def test_text_equal_to_a_printed_cell_that_is_itself_wrong_is_not_a_text_error(
    tmp_path: Path,
) -> None:
    """The table prints 2.10 (E001: its items add to 2.02); the text quotes the 2.10 it prints."""
    lines = {"30101": 10, "30201": 1.01, "30202": 1.01, "公用经费合计": 2.10}
    over = both(
        tables(公开06={"lines": lines}, 公开05=rows(row(基本支出=12.02))),
        narrative(其他事项=["公用经费2.10万元。"]),
    )
    findings = run_check(write_report(tmp_path, over, amount=12.02))
    assert located(findings, "E001", "tables.公开06.lines.公用经费合计").severity == ERROR
    assert not [f for f in findings if f.code.startswith("F")], findings


def test_figures_a_pdf_cannot_give_are_one_info_per_kind(tmp_path: Path) -> None:
    text = "年初预算为12.00万元。年初预算为13.00万元，比上年增加3.00万元。全年预算为14.00万元。"
    over = both(narrative(年初预算=DELETE, 上年=DELETE), narrative(其他事项=[text]))
    findings = [f for f in run_check(write_report(tmp_path, over)) if f.code.startswith("F")]
    assert sorted((f.code, f.severity) for f in findings) == [("F008", INFO), ("F008", INFO)]
    messages = " ".join(f.message for f in findings)
    assert "3 个年初预算" in messages and "1 个上年数" in messages


def test_a_text_finding_names_its_sentence(tmp_path: Path) -> None:
    over = narrative(其他事项=["年中追加了专项经费。本年支出合计0万元。"])
    found = located(run_check(write_report(tmp_path, over)), "F004", "narrative.其他事项[0]")
    assert found.location.sentence == 2
    assert found.as_dict()["location"]["sentence"] == 2
    assert found.as_dict()["figures"] == {
        "expected": "10.00",
        "actual": "0.00",
        "difference": "-10.00",
        "unit": "万元",
    }


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("本年支出合计10.00万元，其中：基本支出3.33万元，占33.3%。", False),  # 33.3 is 33.30
        ("本年支出合计10.00万元，其中：基本支出3.33万元，占33.5%。", True),
        ("本年支出合计10.00万元，其中：基本支出3.337万元，占33.3%。", False),  # truncated
        ("机关运行经费5.00万元，比上年减少1.00万元，下降16.67%。", False),  # 1 / 6
        ("机关运行经费5.00万元，比上年减少1.00万元，下降20%。", True),  # 1 / 5: this year's
        ("机关运行经费5.00万元，比上年减少1.00万元，增长16.67%。", True),  # F005: direction
    ],
)
def test_rates_at_the_printed_precision(tmp_path: Path, text: str, fires: bool) -> None:
    findings = run_check(write_report(tmp_path, narrative(其他事项=[text])))
    assert bool({"F005", "F006"} & codes(findings)) == fires, findings


def test_a_missing_table_is_one_finding_and_its_cross_checks_are_not_run(tmp_path: Path) -> None:
    """No "应为 0.00" against a table that is not there: one T002 instead."""
    findings = run_check(write_report(tmp_path, tables(公开06=DELETE)))
    assert [f.code for f in findings if f.severity == ERROR] == ["T002"]
    assert not any("应为 0.00" in f.message for f in findings)


def test_published_text_errors_do_not_block_a_build(tmp_path: Path) -> None:
    """公开文本 is checked but never printed: its contradictions are the published report's."""
    path = write_report(tmp_path, narrative(公开文本={"一、总体情况": "本年支出合计0万元。"}))
    result = builder.check(builder.load(path))
    assert [f.code for f in result.findings if f.severity == ERROR] == ["F004"]
    assert result.blocking == 0


def test_a_dash_typed_for_one_in_a_heading_is_named(tmp_path: Path) -> None:
    """“（—）项目决策情况” is in the published shenzhen-2020 report."""
    over = self_report(sections=sections("（—）项目概况", "（二）项目绩效目标"))
    (found,) = [f for f in run_check(write_report(tmp_path, over)) if f.code == "W004"]
    assert found.location.path == "自评报告.sections[0].sections[0].title"
    assert "序号用了“—”，应为（一）" in found.message


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("九十九", 99), ("7", 7),
     ("—", 1), ("一一", None), ("二二十", None), ("十十", None), ("十二三", None)],
)  # fmt: skip
def test_heading_numerals_are_read_as_headings_write_them(numeral: str, value: int | None) -> None:
    assert heading_numbers._value(numeral) == value  # never raises on what a user types

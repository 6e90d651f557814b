"""The Shenzhen 2018 report of a newly formed department (profile shenzhen-2018, example
inputs/shenzhen-2018): statements instead of the tables and most of 情况说明, the 2018
section list, the numbered glossary, and both 2019 项目绩效目标表 inside (九) with
every field of the form.  The PDF text is compared with the published text (the seed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.app import build as builder
from generator.checks import Severity
from generator.narrative.write import write_narrative
from tests.conftest import REPO, SEEDS, flat, pdf_text, without_footers

EXAMPLE = REPO / "inputs" / "shenzhen-2018"


@pytest.fixture(scope="module")
def seed() -> str:
    return flat((SEEDS / "shenzhen-2018-final-accounts.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[builder.Loaded, str]:
    loaded = builder.load(EXAMPLE)
    out = tmp_path_factory.mktemp("sz2018")
    files = builder.render(loaded, out, ("pdf",)).files
    return loaded, pdf_text(files[0])


def _no_tags(text: str) -> str:
    return flat(re.sub(r"<[^>]+>", "", text))


def test_checks_clean() -> None:
    findings = builder.check(builder.load(EXAMPLE)).findings
    assert [(f.code, f.message) for f in findings if f.severity != Severity.INFO] == []


def test_statements_and_sections_as_published(built: tuple[builder.Loaded, str], seed: str) -> None:
    loaded, text = built
    body = without_footers(text)
    statements = loaded.computed.report.statements
    assert len(statements) >= 10
    for key, statement in statements.items():
        assert flat(statement) in seed, key  # the input is the published text …
        assert flat(statement) in body, key  # … and the PDF prints it
    for title in (
        "(一)收入支出决算总体情况说明",
        "(五)一般公共预算财政拨款支出决算情况说明",
        "(七)一般公共预算财政拨款“三公”经费支出决算情况说明",
        "（八）政府性基金预算财政拨款收入支出决算情况说明",
        "（九）预算绩效目标编报及绩效评价开展情况说明",
        "1.2019年绩效目标编报情况",
        "2.2018年绩效自评结果",
        "(十)其他重要事项情况说明",
        "（二）机构设置我办为2019年机构改革后新组建的市政府部门。",
    ):
        assert flat(title) in seed and flat(title) in body, title
    # no table of the tables part, and no sentence built from zeros
    assert "收入支出决算总表" not in body and "公开01" not in body
    assert "0.00万元" not in body and "万元" not in body.split("二、")[1].split("四、名词解释")[0]
    # the sections 2020 added are not in the 2018 list
    assert "国有资本经营预算财政拨款支出决算情况说明" not in body


def test_glossary_numbered_as_published(built: tuple[builder.Loaded, str], seed: str) -> None:
    _, text = built
    body = without_footers(text)
    glossary = seed[seed.rindex("四、名词解释") :]
    entries = re.findall(r"\d+、[^：]+：", glossary)
    assert len(entries) == 22
    for entry in entries:
        assert entry in body, entry
    assert "1、财政拨款收入：指深圳市财政当年拨付的资金。" in body
    assert "22、机关运行经费：行政单位和参公管理事业单位" in body


def test_both_target_tables_with_every_field(built: tuple[builder.Loaded, str], seed: str) -> None:
    _, text = built
    body = without_footers(text)
    narrative = body[body.index("（九）预算绩效目标编报") : body.index("2.2018年绩效自评结果")]
    assert "我办2019年绩效目标如下表：" in narrative
    assert narrative.count("项目绩效目标表") == 2 and narrative.count("（2019年）") == 2
    data = yaml.safe_load((EXAMPLE / "attachments.yaml").read_text(encoding="utf-8"))
    targets = data["attachments"]["performance_targets"]
    assert len(targets) == 2
    for target in targets:
        for label in ("项目类型", "资金用途", "负责人电话", "联系人电话", "计划开始日期",
                      "计划完成日期", "项目总金额", "本年度项目金额", "财政拨款资金", "其他资金",
                      "项目概况", "项目用途", "项目总(中期)目标", "年度绩效目标", "目标值来源"):  # fmt: skip
            assert label in narrative and label in seed, label
        for key in ("项目名称", "负责人", "负责人电话", "联系人", "联系人电话", "计划开始日期",
                    "计划完成日期"):  # fmt: skip
            assert flat(str(target[key])) in narrative, (key, target[key])
            assert flat(str(target[key])) in seed, (key, target[key])
        for key in ("项目总金额", "项目金额", "财政拨款资金", "其他资金"):
            assert f"{target[key]:.2f}" in narrative and f"{target[key]:.2f}" in seed, key
        assert f"实施单位：{target['实施单位']}" in narrative
        assert f"主管单位：{target['主管部门']}" in narrative
        assert f"{target['项目类型']}■" in narrative and f"{target['资金用途']}■" in narrative
        for key in ("项目概况", "项目用途", "项目总(中期)目标", "年度目标"):
            first = flat(target[key])[:40]
            assert first in _no_tags(seed), key
            assert first in narrative, key
        for ind in target["绩效指标"]:
            assert flat(ind["指标值"]) in narrative, ind
            assert flat(ind["三级指标"])[:8] in narrative, ind
            assert flat(ind["目标值来源"])[:10] in narrative, ind
            assert flat(ind["三级指标"])[:8] in seed and flat(ind["目标值来源"])[:10] in seed
    assert "附件" not in body[body.index("四、名词解释") :]  # the tables are not repeated


def test_a_normal_2018_department_still_gets_its_sentences(tmp_path: Path) -> None:
    """The profile is a layout, not one report: without statements it writes sentences."""
    report = yaml.safe_load((EXAMPLE / "report.yaml").read_text(encoding="utf-8"))
    report["tables"] = {
        "公开02": {"rows": [{"code": "2011301", "财政拨款收入": 10}]},
        "公开03": {"rows": [{"code": "2011301", "基本支出": 10}]},
        "公开04": {"lines": {"一般公共预算财政拨款": 10}},
        "公开05": {"rows": [{"code": "2011301", "基本支出": 10}]},
        "公开06": {"lines": {"30101": 10}},
    }
    path = tmp_path / "dept.yaml"
    path.write_text(yaml.safe_dump(report, allow_unicode=True), encoding="utf-8")

    def walk(sections):
        for s in sections:
            yield s
            yield from walk(s.subsections)

    text = "".join(
        p for s in walk(write_narrative(builder.load(path).computed)) for p in s.paragraphs
    )
    assert "2018年度收入合计10.00万元" in text
    assert "本部门2018年度没有编报下一年度项目绩效目标。" in text
    # 项目自评 not entered: no statement claims there was none
    assert "纳入项目绩效自评" not in text

"""Absent is not zero, in every bundled layout: take each example, leave one optional
fact out, and no sentence the change touched may still speak of it.

The generated corpus (``tests/departments.py``) varies departments in one layout;
this varies the facts of every layout's own sentence templates, which is where a
template reading a missing figure as 0 ("年初无预算", "共有车辆0辆") hides.  A
paragraph the missing fact did not change (a reason the user typed, a 三公 sentence
whose 预算 is a table cell) is not about it, whatever words it shares.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.app import build as builder
from generator.bundled import INPUTS
from generator.compute.performance import score_project
from generator.document.performance import project_table
from generator.document.report import build_document
from generator.formats.yaml_input.source import read_yaml_tree
from generator.formats.yaml_input.writer import dump_input
from generator.model.facts import FACTS, fact_state
from generator.model.performance import ProjectSelfEvaluation
from generator.profiles.loader import available, load_profile
from generator.profiles.schema import NarrativeSection
from tests.test_departments import walk
from tests.text_patterns import ABOUT

EXAMPLES = sorted(
    p.name for p in INPUTS.iterdir() if p.is_dir() and (p / "narrative.yaml").exists()
)
CLAUSE = re.compile(r"(?<=[。；])")
# A fact some inputs give another way too: what else to take away so that it is missing
ALSO_GONE: dict[str, list[tuple[str, ...]]] = {
    "部门评价": [("attachments", "department_evaluations")],
    "项目自评": [
        ("attachments", "project_self_evaluations"),
        ("narrative", "预算绩效", "项目自评综述"),
    ],
}


def _typed(example: str, path: tuple[str, ...]) -> bool:
    node: Any = read_yaml_tree(INPUTS / example)[0]
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
    return True


# every fact each example types (one it does not type has nothing to leave out)
CASES = [
    (example, name)
    for example in EXAMPLES
    for name in sorted(ABOUT)
    if name in FACTS and _typed(example, FACTS[name].path)
]


def _without(data: dict[str, Any], path: tuple[str, ...]) -> None:
    node: Any = data
    for key in path[:-1]:
        if not isinstance(node, dict) or key not in node:
            return
        node = node[key]
    if isinstance(node, dict):
        node.pop(path[-1], None)


def _missing(example: str, name: str) -> dict[str, Any]:
    """The example with ``name`` left out, and whatever else would still give it."""
    data, _ = read_yaml_tree(INPUTS / example)
    for path in [FACTS[name].path, *ALSO_GONE.get(name, [])]:
        _without(data, path)
    if name == "机关运行经费":  # derived from 公用经费 unless the report has 事业单位
        data.setdefault("overview", {}).setdefault("units", []).append(
            {"单位名称": "某中心", "单位性质": "事业单位"}
        )
    return data


def test_every_layout_with_a_narrative_is_covered() -> None:
    assert {"shenzhen-2020", "guangzhou-2017", "shanghai-2024"} <= set(EXAMPLES)


@pytest.mark.parametrize(("example", "name"), CASES, ids=[f"{e}-{n}" for e, n in CASES])
def test_a_missing_fact_is_never_stated(tmp_path: Path, example: str, name: str) -> None:
    source = tmp_path / "report.yaml"
    source.write_text(dump_input(_missing(example, name)), encoding="utf-8")
    loaded = builder.load(source)
    assert fact_state(loaded.computed.report, name) == "missing"
    unchanged = set(_clauses(builder.load(INPUTS / example)))
    touched = [c for c in _clauses(loaded) if c not in unchanged]
    stated = [c for c in touched if ABOUT[name].search(c)]
    assert stated == [], f"{example}: {name} left out, yet the text says it"


def _clauses(loaded: builder.Loaded) -> list[str]:
    """The 情况说明 cut after every 。 and ；: a sentence the fact did not touch stays whole."""
    doc = build_document(loaded.computed)
    return [c for s in walk(doc.narrative) for p in s.paragraphs for c in CLAUSE.split(p) if c]


# How a template reads a fact's own figures; reading them without asking the fact's
# state prints a missing fact as zero (the example's figures may hide it, as a
# department without vehicles does).
READS = {
    "国有资产": "facts.assets",
    "政府采购": "facts.procurement",
    "机关运行经费": "operating_costs()",
}


def _templates(sections: list[NarrativeSection]) -> list[tuple[str, str]]:
    out = []
    for spec in sections:
        out.append((spec.id, spec.template))
        out += _templates(spec.subsections)
    return out


@pytest.mark.parametrize("profile_id", available())
def test_a_template_reading_a_fact_asks_its_state(profile_id: str) -> None:
    profile = load_profile(profile_id)
    unasked = [
        f"{section}: {name}"
        for section, template in _templates(profile.narrative.sections)
        for name, reads in READS.items()
        if reads in template and f"state('{name}')" not in template
    ]
    assert unasked == []


def test_a_self_evaluation_figure_nobody_entered_prints_blank() -> None:
    """The 自评表's 年初预算数 left empty is a blank cell, not 0.00 (the typed ones print)."""
    p = ProjectSelfEvaluation.model_validate(
        {
            "项目名称": "测试项目",
            "项目资金": {"当年财政拨款": {"全年预算数": 100000, "全年执行数": 90000}},
            "绩效指标": [],
        }
    )
    cells = [c for row in project_table(score_project(p), "测试局").body for c in row]
    amounts = [c.text for c in cells if c.kind == "amount"]
    assert "100,000.00" in amounts and "90,000.00" in amounts
    assert "0.00" not in amounts  # neither the 年初预算数 nor the 项目金额 nobody typed

"""check on real published reports: the publishers' contradictions and nothing else,
and planted errors of every class found (a small seeded run of scripts/planted_errors.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.checks import Severity

# Every error check gives on the unmodified real PDFs, each a contradiction printed in
# the published report (see the check messages; the first three are the spec's
# "Known errors in published reports", the others read the same way off the PDFs).
REAL_ERRORS = {
    "shanghai-putuo-finance-2024-final-accounts": {
        ("X001", "tables.公开01.lines.208"),  # 收支总表 326.71, 支出决算表 326.72
        ("X001", "tables.公开04.lines.208.一般公共预算财政拨款"),  # the same 326.71
        ("F004", "narrative.公开文本.四、财政拨款收入支出决算总体情况说明"),  # 总计0.3万元
        ("F006", "narrative.公开文本.（二）一般公共预算财政拨款支出决算结构情况"),  # 71.73%
    },
    "shanghai-putuo-planning-2024-final-accounts": {
        ("X001", "tables.公开01.lines.210"),  # 收支总表 236.63, 支出决算表 236.64
        ("X001", "tables.公开01.lines.212"),  # 收支总表 3,845.25, 支出决算表 3,845.24
        ("X001", "tables.公开04.lines.210.一般公共预算财政拨款"),  # 236.63 again
        ("F004", "narrative.公开文本.（二）一般公共预算财政拨款支出决算结构情况"),  # 236.63
        ("F004", "narrative.公开文本.六、一般公共预算财政拨款基本支出决算情况说明"),  # 5377.64
        (
            "W001",
            "narrative.公开文本.（一）“三公”经费财政拨款支出决算总体情况说明。",
        ),  # 下降（增长）
    },
    "shanghai-putuo-social-work-2024-final-accounts": set(),
}


def test_unmodified_real_reports_show_only_their_publishers_contradictions(
    planted, real_inputs: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    reports = {n: d for n, d in real_inputs.items() if n in REAL_ERRORS}
    assert set(reports) == set(REAL_ERRORS)  # the budget is refused, the template left out
    for name, data in reports.items():
        findings = planted.run_check(data, tmp_path)
        errors = {(f.code, f.location.path) for f in findings if f.severity == Severity.ERROR}
        assert errors == REAL_ERRORS[name], name


def test_planted_errors_of_every_class_are_found(
    planted, real_inputs: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    inputs = {n: d for n, d in real_inputs.items() if n in REAL_ERRORS}
    outcomes, _ = planted.measure(inputs, per_class=2, seed=3, workdir=tmp_path)
    assert set(outcomes) == set(planted.CLASSES)
    for kind, outcome in outcomes.items():
        total = outcome.found + len(outcome.missed)
        assert total >= 2, kind  # every class could be planted
        assert outcome.found >= 0.95 * total, (kind, outcome.missed)

"""The consistency rules of rules.md (勾稽关系), one module per group.

``run_checks`` runs every registered rule over a computed report; the
registry (``findings.RULES``) is filled by importing the group modules, so
the list of rules is the list of modules below.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.checks import (  # noqa: F401  (each module registers its rules)
    catalog_year,
    empty_tables,
    evaluation_reports,
    free_text,
    heading_numbers,
    missing_facts,
    narrative_inputs,
    operating_costs,
    performance_targets,
    prior_year,
    sangong,
    schema,
    scoring,
    self_evaluation,
    text_comparisons,
    text_figures,
    text_form,
    text_tables,
    totals,
    units,
)
from generator.checks.context import CheckContext, CheckOptions
from generator.checks.findings import RULES, Finding, Severity

__all__ = ["RULES", "CheckOptions", "CheckResult", "Finding", "Severity", "run_checks"]

ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
PUBLISHED_TEXT = "narrative.公开文本"


@dataclass
class CheckResult:
    findings: list[Finding]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def blocking(self) -> int:
        """Errors in what a build prints.  The published text kept under 公开文本 is
        checked (its contradictions are the published report's) but never printed, so
        its errors do not refuse a build of the input; nor do the table contradictions
        of an unmodified extract that the build corrects (``Finding.correction``)."""
        return sum(
            1
            for f in self.findings
            if f.severity == Severity.ERROR
            and not (f.location.path or "").startswith(PUBLISHED_TEXT)
            and not f.correction
        )

    @property
    def corrections(self) -> list[str]:
        """What a build prints instead of refusing: the published table figures it corrects."""
        return [f.correction for f in self.findings if f.correction]

    def as_dict(self) -> dict[str, object]:
        return {
            "errors": self.errors,
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
            "findings": [f.as_dict() for f in self.findings],
        }


def _wanted(code: str, options: CheckOptions) -> bool:
    def hit(patterns: set[str]) -> bool:
        return any(code == p or code.startswith(p) for p in patterns)

    if options.select and not hit(options.select):
        return False
    return not hit(options.ignore)


def run_checks(ctx: CheckContext) -> CheckResult:
    findings: list[Finding] = []
    seen_checks = set()
    for rule in RULES.values():
        if rule.check is None or rule.check in seen_checks:
            continue
        seen_checks.add(rule.check)
        for finding in rule.check(ctx):
            if not _wanted(finding.code, ctx.options):
                continue
            if ctx.options.strict and finding.severity == Severity.WARNING:
                finding.severity = Severity.ERROR
            findings.append(finding)
    findings.sort(key=lambda f: (f.group, ORDER[f.severity], f.code))
    return CheckResult(findings)

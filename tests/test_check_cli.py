"""`gen-report check` (and `build`'s refusal) on the command line: exit codes, JSON, rule list."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.app import build as builder
from generator.checks import RULES
from generator.cli.app import app
from tests.test_checks import line_of, row, rows, tables, write_report

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]
EXAMPLE = str(builder.EXAMPLE)

# 公开03 201 states 基本支出 12 while its only 项 has 10: H001, an error.
WRONG_TOTAL = tables(公开03=rows(row(基本支出=10), row("201", 基本支出=12)))
WRONG_AT = "tables.公开03.rows[1].基本支出"


def run(*args: str):
    return runner.invoke(app, list(args))


def check_json(*args: str) -> tuple[int, dict]:
    result = run("check", *args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


# --------------------------------------------------------------------------- exit codes


def test_example_checks_with_exit_0() -> None:
    result = run("check", EXAMPLE)
    assert result.exit_code == 0, result.output
    assert "错误 0 个" in result.output and "提示 36 个" in result.output


def test_an_error_exits_1_and_names_the_place(tmp_path: Path) -> None:
    path = write_report(tmp_path, WRONG_TOTAL)
    result = run("check", str(path))
    assert result.exit_code == 1
    line = line_of(path, "公开03:", "'201'")
    assert "H001" in result.output and f"{WRONG_AT}（第{line}行）" in result.output
    assert "应为 10.00，实际 12.00，相差 2.00" in result.output
    assert "公开03" in result.output.splitlines()  # grouped under its table


def test_bad_yaml_is_unusable_input_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("profile: [shenzhen-2020\n", encoding="utf-8")
    result = run("check", str(bad))
    assert result.exit_code == 2
    assert "YAML 语法错误" in result.output and "bad.yaml" in result.output
    assert "Traceback" not in result.output


def test_text_where_a_number_belongs_is_unusable_input_exit_2(tmp_path: Path) -> None:
    path = write_report(tmp_path, tables(公开03=rows(row(基本支出="十元"))))
    result = run("check", str(path))
    assert result.exit_code == 2
    line = line_of(path, "公开03:", "十元")
    assert "tables.公开03.rows[0].基本支出" in result.output and f"第 {line} 行" in result.output


def test_missing_input_and_unknown_format_exit_2(tmp_path: Path) -> None:
    assert run("check", str(tmp_path / "nope.yaml")).exit_code == 2
    assert run("check", EXAMPLE, "--format", "xml").exit_code == 2


def test_figures_typed_as_columns_on_a_one_figure_line_are_an_error_not_a_crash(
    tmp_path: Path,
) -> None:
    """公开06 "30102: {决算数: 1}" used to crash compute (internal error, exit 3)."""
    path = write_report(tmp_path, tables(公开06={"lines": {"30102": {"决算数": 1}}}))
    code, data = check_json(str(path))
    assert code == 1
    assert [f["code"] for f in data["findings"]] == ["S001"]


def test_bad_amount_in_a_line_is_named_by_its_yaml_path(tmp_path: Path) -> None:
    path = write_report(tmp_path, tables(公开04={"lines": {"208": {"合计": "abc"}}}))
    result = run("check", str(path))
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("错误")]
    assert len(errors) == 1
    assert "tables.公开04.lines.208.合计，" in errors[0] and "不是金额：“abc”" in errors[0]


# --------------------------------------------------------------------------- options


def test_options_change_the_exit_code(tmp_path: Path) -> None:
    warning = write_report(tmp_path, tables(公开03=rows(row(name="行政运行支出", 基本支出=10))))
    assert run("check", str(warning)).exit_code == 0  # S007 is a warning
    assert run("check", str(warning), "--strict").exit_code == 1
    wrong = write_report(tmp_path, WRONG_TOTAL, name="wrong.yaml")
    assert run("check", str(wrong), "--ignore", "h").exit_code == 0  # prefix, any case
    assert run("check", str(wrong), "--select", "S,X001").exit_code == 0
    assert run("check", str(wrong), "--select", "H001").exit_code == 1


def test_tolerance_option(tmp_path: Path) -> None:
    path = write_report(
        tmp_path,
        tables(
            公开03={
                "rows": [row(基本支出=5), row("2011302", 基本支出=5)],
                "合计": {"基本支出": 10.03},
            }
        ),
    )
    code, data = check_json(str(path))
    assert code == 1 and data["findings"][0]["severity"] == "error"
    code, data = check_json(str(path), "--tolerance", "0.05")
    assert code == 0 and data["findings"][0]["severity"] == "info"


def test_missing_reason_option(tmp_path: Path) -> None:
    path = write_report(
        tmp_path, {"narrative": {"上年": {"tables": {"公开05": {"合计": {"基本支出": 5}}}}}}
    )
    assert run("check", str(path)).exit_code == 1
    code, data = check_json(str(path), "--missing-reason", "warning")
    assert code == 0 and {f["severity"] for f in data["findings"]} == {"warning"}


@pytest.mark.parametrize(
    "option",
    [["--tolerance", "abc"], ["--tolerance", "-1"], ["--missing-reason", "info"]],
    ids=["tolerance-text", "tolerance-negative", "missing-reason-info"],
)
def test_bad_option_values_are_unusable_arguments_exit_2(option: list[str]) -> None:
    result = run("check", EXAMPLE, *option)
    assert result.exit_code == 2
    assert "内部错误" not in result.output


# --------------------------------------------------------------------------- JSON


def assert_cli_md_shape(data: dict) -> None:
    assert set(data) == {"errors", "warnings", "infos", "findings"}
    severities = [f["severity"] for f in data["findings"]]
    assert data["errors"] == severities.count("error")
    assert data["warnings"] == severities.count("warning")
    assert data["infos"] == severities.count("info")
    for f in data["findings"]:
        # cli.md's four keys, and (extension) the figures as data where the rule compares some
        assert (
            {"code", "severity", "message", "location"}
            <= set(f)
            <= {
                "code",
                "severity",
                "message",
                "location",
                "figures",
            }
        )
        if "figures" in f:
            figures = f["figures"]
            assert {"expected", "actual", "difference", "unit"} <= set(figures)
            if figures["difference"] is not None:
                diff = Decimal(figures["actual"]) - Decimal(figures["expected"])
                assert Decimal(figures["difference"]) == diff
        assert f["code"] in RULES and f["severity"] in ("error", "warning", "info")
        assert isinstance(f["message"], str) and f["message"]
        # YAML input: no sheet/cell; a sentence number for findings in a text
        assert (
            {"file", "path", "line"} <= set(f["location"]) <= {"file", "path", "line", "sentence"}
        )
        assert isinstance(f["location"]["line"], int) and f["location"]["line"] > 0


def test_json_of_the_example() -> None:
    code, data = check_json(EXAMPLE)
    assert code == 0
    assert_cli_md_shape(data)
    assert (data["errors"], data["warnings"], data["infos"]) == (0, 4, 36)
    files = {Path(f["location"]["file"]).name for f in data["findings"]}
    assert files == {"tables.yaml", "narrative.yaml", "attachments-evaluations.yaml"}
    # the published report's own slip, kept in the example: “（—）项目决策情况”
    (dash,) = [f for f in data["findings"] if f["code"] == "W004"]
    assert "（—）项目决策情况" in dash["message"]


def test_json_of_an_error(tmp_path: Path) -> None:
    path = write_report(tmp_path, WRONG_TOTAL)
    code, data = check_json(str(path))
    assert code == 1
    assert_cli_md_shape(data)
    assert data["findings"] == [
        {
            "code": "H001",
            "severity": "error",
            "message": data["findings"][0]["message"],
            "location": {"file": str(path), "path": WRONG_AT, "line": line_of(path, "'201'")},
            "figures": {
                "expected": "10.00",
                "actual": "12.00",
                "difference": "2.00",
                "unit": "万元",
                "addends": 1,
                "bound": "0.00",
            },
        }
    ]
    assert "应为 10.00，实际 12.00，相差 2.00" in data["findings"][0]["message"]


# --------------------------------------------------------------------------- rule list


def test_list_rules_lists_every_code() -> None:
    result = run("check", "--list-rules")
    assert result.exit_code == 0
    for code in RULES:
        assert code in result.output


def test_rules_doc_is_the_generated_list() -> None:
    """docs/rules.md is `gen-report check --list-rules --format markdown`; regenerate it
    (redirect that command's output) when a rule changes."""
    result = run("check", "--list-rules", "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout == (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    for code, rule in RULES.items():
        assert f"| {code} | {rule.group} | {rule.severity} |" in result.stdout


# --------------------------------------------------------------------------- build


def test_build_refuses_on_an_error_and_writes_nothing(tmp_path: Path) -> None:
    path = write_report(tmp_path, WRONG_TOTAL)
    before = path.read_bytes()
    out = tmp_path / "out"
    result = run("build", str(path), "-o", str(out))
    assert result.exit_code == 1
    assert not out.exists() or not any(out.iterdir())
    assert "H001" in result.output and WRONG_AT in result.output
    assert "应为 10.00，实际 12.00，相差 2.00" in result.output
    assert "未生成任何文件" in result.output
    assert path.read_bytes() == before


def test_build_refuses_on_a_strict_warning(tmp_path: Path) -> None:
    path = write_report(tmp_path, tables(公开03=rows(row(name="行政运行支出", 基本支出=10))))
    out = tmp_path / "out"
    result = run("build", str(path), "-o", str(out), "--strict")
    assert result.exit_code == 1 and "S007" in result.output
    assert not out.exists() or not any(out.iterdir())

"""Every text the command line prints is Chinese: help frames, usage lines, argument
errors, the YAML parser's problems; plus --version, the bare build into ./outputs/,
the profile list at 80 columns and shell completion."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from generator import __version__
from generator.cli.app import app
from generator.profiles.loader import available, load_profile

runner = CliRunner()
GEN_REPORT = Path(sys.executable).with_name("gen-report")

# The English message templates of the Click inside Typer and of Typer's rich help: none
# may reach a user. (Fragments, so an f-string's variable part does not matter.)
CLICK_TEMPLATES = [
    "Usage:",
    "Options",
    "Arguments",
    "Commands",
    "Show this message and exit",
    "Try '",
    "for help",
    "Error",
    "Missing argument",
    "Missing option",
    "Missing parameter",
    "Missing command",
    "No such option",
    "No such command",
    "Did you mean",
    "Possible options",
    "Invalid value",
    "does not take a value",
    "requires an argument",
    "requires ",
    "Got unexpected extra argument",
    "is not one of",
    "is not a valid",
    "does not exist",
    "Could not open file",
    "Aborted",
    "[default:",
    "[required]",
    "[env var:",
    "(deprecated)",
    "<bool>",
    "<path>",
    "<str>",
    "[OPTIONS]",
    "COMMAND [ARGS]",
]


def english(text: str) -> list[str]:
    return [t for t in CLICK_TEMPLATES if t in text]


def run(*args: str):
    return runner.invoke(app, list(args))


# (arguments, what the case is): each command with a missing argument, an unknown option
# and a bad value for every typed option (a switch given a value, an option left without
# one, a value our own parsing refuses).
BAD = [
    ([], "no command"),  # help, exit 2 (no_args_is_help)
    (["--nope"], "unknown option of the program"),
    (["buidl"], "unknown command"),
    (["--"], "missing command"),
    (["--version=yes"], "a switch given a value"),
    (["build", "--nope"], "unknown option"),
    (["build", "a", "b"], "extra argument"),
    (["build", "--output"], "option without its value"),
    (["build", "-o"], "short option without its value"),
    (["build", "--format"], "option without its value"),
    (["build", "--format", "docx"], "bad format"),
    (["build", "--tolerance", "abc"], "bad number"),
    (["build", "--tolerance", "-1"], "negative number"),
    (["build", "--strict=no"], "a switch given a value"),
    (["build", "--select"], "option without its value"),
    (["build", "--ignore"], "option without its value"),
    (["build", "--missing-reason", "maybe"], "bad choice"),
    (["build", "--prior"], "option without its value"),
    (["check", "--nope"], "unknown option"),
    (["check"], "missing input"),
    (["check", "a", "b"], "extra argument"),
    (["check", "x.yaml", "--format", "xml"], "bad format"),
    (["check", "x.yaml", "--tolerance", "1,5"], "bad number"),
    (["check", "x.yaml", "--missing-reason", "info"], "bad choice"),
    (["check", "--list-rules=1"], "a switch given a value"),
    (["check", "--strict=1"], "a switch given a value"),
    (["check", "--prior"], "option without its value"),
    (["diff"], "missing arguments"),
    (["diff", "a.yaml"], "missing second argument"),
    (["diff", "a", "b", "c"], "extra argument"),
    (["diff", "a", "b", "--nope"], "unknown option"),
    (["diff", "a", "b", "--format", "html"], "bad format"),
    (["diff", "a", "b", "--tolerance", "x"], "bad number"),
    (["diff", "a", "b", "--html"], "option without its value"),
    (["extract"], "missing argument"),
    (["extract", "a.pdf"], "missing option"),
    (["extract", "a.pdf", "-o"], "option without its value"),
    (["extract", "a.pdf", "-o", "x.yaml", "--profile"], "option without its value"),
    (["extract", "a.pdf", "--nope"], "unknown option"),
    (["init"], "missing option"),
    (["init", "-o"], "option without its value"),
    (["init", "-o", "x.txt"], "bad file name"),
    (["init", "-o", "x.xlsx", "--profile"], "option without its value"),
    (["init", "-o", "x.xlsx", "--from"], "option without its value"),
    (["init", "--nope"], "unknown option"),
    (["profiles", "--nope"], "unknown option"),
    (["profiles", "extra"], "extra argument"),
    (["profiles", "--format", "xml"], "bad format"),
    (["profiles", "--format"], "option without its value"),
]


@pytest.mark.parametrize(("args", "case"), BAD, ids=[" ".join(a) or "none" for a, _ in BAD])
def test_bad_arguments_get_chinese_and_exit_2(
    args: list[str], case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # nothing the command might write lands in the checkout
    result = run(*args)
    assert result.exit_code == 2, (case, result.output)
    assert english(result.output) == [], (case, result.output)
    assert re.search(r"[\u4e00-\u9fff]", result.output), (case, result.output)


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["diff"], ["extract"], ["init"]])
def test_help_is_chinese(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert english(result.output) == [], result.output
    assert "用法：" in result.output and "选项" in result.output


def test_errors_name_what_is_wrong() -> None:
    assert "缺少参数 版本B" in run("diff", "a.yaml").output
    assert "没有这个选项：--nope" in run("check", "--nope").output
    assert "是不是 build" in run("buidl").output
    assert "--strict 是开关" in run("check", "--strict=1").output
    assert "--format 需要一个值" in run("build", "--format").output
    assert "多余的参数：c" in run("diff", "a", "b", "c").output


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.output.strip() == f"gen-report {__version__}"
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", __version__)


def test_pdf_metadata_names_the_version(example_pdf: Path) -> None:
    meta = PdfReader(example_pdf).metadata
    assert meta is not None and meta.creator == f"gen-report {__version__}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: [1, 2\n", "列表缺少“,”或“]”"),
        ("a: b: c\n", "此处不能有“:”"),
        ("a:\n  - 1\n b: 2\n", "缩进不一致"),
        ('a: "abc\n', "文件意外结束"),
        ("a: *x\n", "未定义的锚点"),
        ("a: @x\n", "不能作为开头的字符"),
        ("a: {b: 1\n", "花括号缺少"),
        ('a: "\\q"\n', "转义字符"),
        ("a: !!python/object:os.system x\n", "不支持的标签"),
        ("x: 1\n---\ny: 2\n", "只能有一个文档"),
    ],
)
def test_yaml_problems_are_chinese_and_located(text: str, expected: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = run("check", str(bad))
    assert result.exit_code == 2
    assert expected in result.output and "bad.yaml" in result.output
    assert re.search(r"第 \d+ 行：YAML 语法错误（第 \d+ 列）", result.output), result.output
    assert not re.search(r"\b(expected|found|while|could not|not allowed)\b", result.output)


def test_profiles_at_80_columns_show_every_title_whole() -> None:
    shown = subprocess.run(
        [GEN_REPORT, "profiles"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        check=True,
    ).stdout
    assert "…" not in shown
    for profile_id in available():
        p = load_profile(profile_id)
        assert f"{p.id}  {p.name}" in shown
        assert str(p.year) in shown and p.region in shown
        for t in p.tables:
            assert f"{t.id}  {t.title}" in shown


def test_profiles_as_json() -> None:
    result = runner.invoke(app, ["profiles", "--format", "json"])
    assert result.exit_code == 0
    listed = {p["id"]: p for p in json.loads(result.stdout)}
    assert set(listed) == set(available())
    for profile_id, entry in listed.items():
        p = load_profile(profile_id)
        assert entry["title"] == p.name and entry["year"] == p.year
        assert entry["region"] == p.region
        assert [t["id"] for t in entry["tables"]] == [t.id for t in p.tables]


def test_bash_and_zsh_completion() -> None:
    env = {**os.environ, "_GEN_REPORT_COMPLETE": "complete_bash"}
    words = {"COMP_WORDS": "gen-report bu", "COMP_CWORD": "1"}
    done = subprocess.run([GEN_REPORT], capture_output=True, text=True, env={**env, **words})
    assert done.stdout.split() == ["build"]
    words = {"COMP_WORDS": "gen-report check --st", "COMP_CWORD": "2"}
    done = subprocess.run([GEN_REPORT], capture_output=True, text=True, env={**env, **words})
    assert done.stdout.split() == ["--strict"]
    for shell in ("bash", "zsh"):
        env = {**os.environ, "_GEN_REPORT_COMPLETE": f"source_{shell}"}
        script = subprocess.run([GEN_REPORT], capture_output=True, text=True, env=env).stdout
        assert "_GEN_REPORT_COMPLETE" in script and "gen-report" in script


@pytest.mark.slow
def test_bare_build_writes_the_example_into_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("build")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "outputs").iterdir())
    assert written == ["shenzhen-2020.pdf", "shenzhen-2020.xlsx"]
    assert str(tmp_path / "outputs") in result.output

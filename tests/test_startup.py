"""Commands load only what they use: --help, check and profiles start without the heavy
libraries, the narrative's templates are compiled once and then read from the user's
cache (never a stale one), and diff reads a file once when both sides are the same file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import heap
from generator.app import build as builder
from generator.bundled import PROFILES

HEAVY = ("weasyprint", "pypdfium2", "openpyxl", "pypdf", "distributed")
# what only printing help or an argument error needs (Typer's rich help: Rich's Markdown)
HELP = ("typer.rich_utils", "rich.markdown", "markdown_it")
PROBE = """
import sys
from generator.cli import app
sys.argv = ["gen-report", *sys.argv[1:]]
try:
    app()
except SystemExit:
    pass
loaded = [m for m in {heavy!r} if m in sys.modules]
print("LOADED", ",".join(loaded))
"""


@pytest.mark.parametrize(
    ("args", "unwanted"),
    [
        (["--help"], HEAVY),
        (["check", str(builder.EXAMPLE)], HEAVY + HELP),
        (["profiles"], HEAVY + HELP),
        (["batch", "--help"], HEAVY),
    ],
    ids=["--help", "check example", "profiles", "batch --help"],
)
def test_command_starts_without_heavy_libraries(args: list[str], unwanted: tuple[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=unwanted), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("LOADED"))
    assert line == "LOADED ", line


GEN_REPORT = Path(sys.executable).with_name("gen-report")


def test_check_takes_the_loaded_program_out_of_the_collectors_sight() -> None:
    """After the imports the heap is mostly the program (classes, schemas, rules); frozen
    (gc.freeze), collections while reading the input and at exit skip it."""
    probe = (
        "import gc, sys\n"
        "from generator.cli import app\n"
        "sys.argv = ['gen-report', 'check', sys.argv[1]]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print('FROZEN', gc.get_freeze_count())\n"
        "print('THRESHOLD', *gc.get_threshold())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(builder.EXAMPLE)],
        capture_output=True,
        text=True,
        check=True,
    )
    frozen = int(next(x for x in done.stdout.splitlines() if x.startswith("FROZEN")).split()[1])
    assert frozen > 20_000  # the imported program (~46,000 objects), not a handful
    threshold = next(x for x in done.stdout.splitlines() if x.startswith("THRESHOLD"))
    assert threshold.split()[1:] == [str(heap.YOUNG), str(heap.MIDDLE), str(heap.OLD)]


def test_a_batch_worker_settles_its_heap_once_warm() -> None:
    """The worker builds every department on top of WeasyPrint and our modules."""
    probe = (
        "import gc, os\n"
        "from generator.app import batch_local\n"
        "batch_local._warm(os.getppid())\n"
        "print('FROZEN', gc.get_freeze_count(), 'THRESHOLD', *gc.get_threshold())\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    words = done.stdout.split()
    assert int(words[1]) > 20_000
    assert words[3:] == [str(heap.YOUNG), str(heap.MIDDLE), str(heap.OLD)]


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["--help"], ["用法：gen-report [选项] 命令 [参数]...", "─ 选项 ─", "─ 命令 ─"]),
        ([], ["用法：gen-report [选项] 命令 [参数]...", "─ 命令 ─"]),  # no command: help
        (["check", "--help"], ["─ 参数 ─", "[默认：text]"]),
        (["check", "--nope"], ["运行 'gen-report check --help' 查看帮助。", "─ 错误 ─"]),
        (["buidl"], ["─ 错误 ─", "没有这个命令：buidl（是不是 build？）"]),
        (["--version=yes"], ["─ 错误 ─", "选项 --version 是开关"]),
    ],
    ids=["--help", "bare", "check --help", "unknown option", "unknown command", "switch value"],
)
def test_help_and_argument_errors_have_chinese_frames_in_a_fresh_process(
    args: list[str], shown: list[str], tmp_path: Path
) -> None:
    """Typer's frames are set only when help or an error is printed (test_cli_language
    runs in one process, where an earlier test would have set them already)."""
    done = subprocess.run([GEN_REPORT, *args], capture_output=True, text=True, cwd=tmp_path)
    text = done.stdout + done.stderr
    assert done.returncode == (0 if args == ["--help"] or "--help" in args else 2), text
    for piece in shown:
        assert piece in text, text
    for english in ("Usage:", "Options", "Error", "Try '", "[default:"):
        assert english not in text, text


NARRATE = """
import sys
from pathlib import Path
from jinja2.sandbox import SandboxedEnvironment
from generator.app import build as builder
from generator.narrative.write import write_narrative

compiled = []
real = SandboxedEnvironment.compile
def counting(self, source, *args, **kwargs):
    compiled.append(source)
    return real(self, source, *args, **kwargs)
SandboxedEnvironment.compile = counting
loaded = builder.load(Path(sys.argv[1]))
first = write_narrative(loaded.computed)
again = write_narrative(loaded.computed)  # a batch worker's next department
assert [s.paragraphs for s in first] == [s.paragraphs for s in again]
print("COMPILED", len(compiled))
print("TEXT", first[0].paragraphs[0])
"""


def _narrate(env: dict[str, str]) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-c", NARRATE, str(builder.EXAMPLE)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    return int(lines["COMPILED"]), lines["TEXT"]


def test_templates_compile_once_and_an_edited_template_is_never_served_stale(
    tmp_path: Path,
) -> None:
    profiles = tmp_path / "profiles"
    shutil.copytree(PROFILES / "shenzhen-2020", profiles / "shenzhen-2020")
    cache = tmp_path / "cache"
    env = {**os.environ, "GEN_REPORT_PROFILES": str(profiles), "GEN_REPORT_CACHE": str(cache)}

    compiled, text = _narrate(env)
    assert compiled > 20 and text.startswith("2020年度收入合计")  # each template once
    assert any((cache / "narrative").rglob("*.cache"))
    assert _narrate(env) == (0, text)  # the next process compiles nothing

    narrative = profiles / "shenzhen-2020" / "narrative.yaml"
    source = narrative.read_text(encoding="utf-8")
    sentence = "年度收入合计{{ inc|money }}万元"
    assert source.count(sentence) == 1
    narrative.write_text(source.replace(sentence, "年度全部收入合计{{ inc|money }}万元"), "utf-8")
    compiled, edited = _narrate(env)
    assert compiled == 1  # the edited template only, and its new text is printed
    assert edited == text.replace("年度收入合计", "年度全部收入合计")


def test_an_unwritable_or_broken_cache_only_compiles_again(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    env = {**os.environ, "GEN_REPORT_CACHE": str(blocked / "cache")}
    compiled, text = _narrate(env)
    assert compiled > 20 and text.startswith("2020年度收入合计")
    cache = tmp_path / "cache"
    env["GEN_REPORT_CACHE"] = str(cache)
    assert _narrate(env) == (compiled, text)
    for entry in (cache / "narrative").rglob("*.cache"):  # truncated by a full disk
        entry.write_bytes(entry.read_bytes()[:30])
    assert _narrate(env) == (compiled, text)
    off = {**os.environ, "GEN_REPORT_CACHE": "off"}
    assert _narrate(off) == (compiled, text)


def test_diff_of_a_file_and_its_copy_reads_it_once(
    example_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.app import sources
    from generator.cli.diff import read_both

    calls: list[Path] = []
    real = sources.figures_of

    def counting(path: Path):  # type: ignore[no-untyped-def]
        calls.append(path)
        return real(path)

    monkeypatch.setattr(sources, "figures_of", counting)
    copy = tmp_path / "copy.pdf"
    shutil.copy(example_pdf, copy)
    (a, _), (b, _) = read_both(example_pdf, copy)
    assert calls == [example_pdf]
    assert a.tables == b.tables and a.source == str(example_pdf) and b.source == str(copy)

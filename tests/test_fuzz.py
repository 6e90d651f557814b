"""Fuzz harness: no input crashes gen-report (issue 13).

Mutated YAML (every bundled example), mutated input workbooks (cell types,
formulas, #REF!, deleted/hidden sheets, merged cells, corrupt zip members and
XML) and damaged PDFs (for extract and diff) are run in-process through the
command line; each must exit 0, 1 or 2, print no traceback and locate every
error (see ``tests/fuzzing.py``).

A few hundred cases run with the suite; ``GEN_REPORT_FUZZ=10000`` runs 10,000
YAML, 1,000 workbook and 200 PDF cases (``GEN_REPORT_FUZZ_SEED`` picks another
seeded sequence, ``GEN_REPORT_FUZZ_STATS=FILE`` appends the counts as JSON).
An input that breaks the promise is saved (path in the failure); once fixed it
goes to tests/fuzz_crashers/, which ``test_crashers_stay_fixed`` replays.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from generator.app import build as builder
from tests import fuzzing
from tests.test_cli import SMALL

SCALE = int(os.environ.get("GEN_REPORT_FUZZ", "0") or 0)
SEED = int(os.environ.get("GEN_REPORT_FUZZ_SEED", "13"))
YAML_CASES = SCALE or 150
BOOK_CASES = SCALE // 10 if SCALE else 25
PDF_CASES = SCALE // 50 if SCALE else 10


def _settings(n: int):  # type: ignore[no-untyped-def]
    return settings(
        max_examples=n,
        deadline=None,
        database=None,
        derandomize=False,
        phases=[Phase.generate] if SCALE else [Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )


def _progress(kind: str, stats: Counter[int], started: float) -> None:
    """Every 100 cases of a long run, the counts so far (a run cut short still reports)."""
    target = os.environ.get("GEN_REPORT_FUZZ_STATS")
    if target and SCALE and sum(stats.values()) % 100 == 0:
        line = {
            "progress": kind,
            "cases": sum(stats.values()),
            "broken": len(FAILURES),
            "exits": dict(sorted(stats.items())),
            "seconds": round(time.time() - started, 1),
        }
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(line) + "\n")


def _record(kind: str, stats: Counter[int], started: float) -> None:
    failures, FAILURES[:] = list(FAILURES), []
    summary = {
        "kind": kind,
        "seed": SEED,
        "cases": sum(stats.values()),
        "broken": len(failures),
        "exits": dict(sorted(stats.items())),
        "seconds": round(time.time() - started, 1),
    }
    print(json.dumps(summary, ensure_ascii=False))
    target = os.environ.get("GEN_REPORT_FUZZ_STATS")
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(summary, ensure_ascii=False) + "\n")
    assert not failures, "\n\n".join(failures[:5])


FAILURES: list[str] = []  # in a long run every broken case is kept and counted, not just the first


def _check(outcome: fuzzing.Outcome, names: list[str], data: bytes, suffix: str) -> None:
    problems = fuzzing.broken_promises(outcome, names, data.decode("utf-8", "replace"))
    if problems:
        saved = fuzzing.keep_crasher(data, suffix, problems)
        message = f"{problems} (input saved to {saved})\n{outcome.output[-3000:]}"
        if not SCALE:
            raise AssertionError(message)
        FAILURES.append(message)


def _yaml_case(example: Path, name: str, content: str | bytes, command: str) -> fuzzing.Outcome:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / example.name
        shutil.copytree(example, folder)
        target = folder / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        if command == "check":
            outcome = fuzzing.invoke(["check", str(folder)])
        else:
            formats = "pdf,xlsx" if command == "build-all" else "xlsx"
            outcome = fuzzing.invoke(
                ["build", str(folder), "-o", str(Path(tmp) / "out"), "--format", formats]
            )
        _check(
            outcome,
            [str(folder)],
            content if isinstance(content, bytes) else content.encode(),
            f".{example.name}.{name}",
        )
        return outcome


def test_mutated_yaml_never_crashes() -> None:
    examples = {e: sorted(p.name for p in e.glob("*.yaml")) for e in fuzzing.yaml_examples()}
    texts = {
        (e, n): (e / n).read_text(encoding="utf-8") for e, names in examples.items() for n in names
    }
    stats: Counter[int] = Counter()
    started = time.time()

    @_settings(YAML_CASES)
    @seed(SEED)
    @given(st.randoms(use_true_random=False))
    def case(rnd: random.Random) -> None:
        example = rnd.choice(sorted(examples))
        name = rnd.choice(examples[example])
        content = fuzzing.mutate_yaml(texts[(example, name)], rnd)
        roll = rnd.random()
        command = "build-all" if roll < 0.003 else "build-xlsx" if roll < 0.02 else "check"
        stats[_yaml_case(example, name, content, command).exit_code] += 1
        _progress("yaml", stats, started)

    case()
    _record("yaml", stats, started)
    assert sum(stats.values()) >= YAML_CASES * 0.9


def test_mutated_workbooks_never_crash() -> None:
    base = fuzzing.read_book(fuzzing.INPUTS / "shenzhen-2020.xlsx")
    stats: Counter[int] = Counter()
    started = time.time()

    @_settings(BOOK_CASES)
    @seed(SEED)
    @given(st.randoms(use_true_random=False))
    def case(rnd: random.Random) -> None:
        data = fuzzing.mutate_book(base, rnd)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "in.xlsx"
            path.write_bytes(data)
            if rnd.random() < 0.03:
                args = ["build", str(path), "-o", str(Path(tmp) / "out"), "--format", "xlsx"]
            else:
                args = ["check", str(path)]
            outcome = fuzzing.invoke(args)
            _check(outcome, [str(path)], data, ".xlsx")
            stats[outcome.exit_code] += 1
            _progress("workbook", stats, started)

    case()
    _record("workbook", stats, started)
    assert sum(stats.values()) >= BOOK_CASES * 0.9


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("small-pdf")
    source = folder / "small.yaml"
    source.write_text(SMALL, encoding="utf-8")
    builder.render(builder.load(source), folder, ("pdf",))
    return folder / "small.pdf"


def test_damaged_pdfs_never_crash_extract_or_diff(small_pdf: Path, example_pdf: Path) -> None:
    bases = {"small": small_pdf.read_bytes(), "example": example_pdf.read_bytes()}
    stats: Counter[int] = Counter()
    started = time.time()

    @_settings(PDF_CASES)
    @seed(SEED)
    @given(st.randoms(use_true_random=False))
    def case(rnd: random.Random) -> None:
        which = "example" if rnd.random() < 0.2 else "small"
        data = fuzzing.mutate_pdf(bases[which], rnd)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "damaged.pdf"
            path.write_bytes(data)
            original = small_pdf if which == "small" else example_pdf
            if rnd.random() < 0.5:
                args = ["extract", str(path), "-o", str(Path(tmp) / "out.yaml")]
            else:
                args = ["diff", str(path), str(original)]
            outcome = fuzzing.invoke(args)
            _check(outcome, [str(path)], data, ".pdf")
            stats[outcome.exit_code] += 1
            _progress("pdf", stats, started)

    case()
    _record("pdf", stats, started)
    assert sum(stats.values()) >= PDF_CASES * 0.9


# --- inputs that once broke the promise ------------------------------------------------------


def _crashers() -> list[Path]:
    if not fuzzing.CRASHERS.is_dir():
        return []
    return sorted(p for p in fuzzing.CRASHERS.iterdir() if not p.name.endswith(".txt"))


@pytest.mark.parametrize("crasher", _crashers(), ids=lambda p: p.name)
def test_crashers_stay_fixed(crasher: Path, tmp_path: Path, small_pdf: Path) -> None:
    """``<hash>.<example>.<file>.yaml`` replaces that file of that example; others run as they are."""
    data = crasher.read_bytes()
    parts = crasher.name.split(".")
    if crasher.suffix == ".yaml" and len(parts) >= 4:
        example = fuzzing.INPUTS / parts[1]
        outcome = _yaml_case(
            example, ".".join(parts[2:]), data, "build-xlsx"
        )  # checks, then renders
        assert outcome.exit_code in (0, 1, 2)
        return
    path = tmp_path / f"in{crasher.suffix}"
    path.write_bytes(data)
    args = ["diff", str(path), str(small_pdf)] if crasher.suffix == ".pdf" else ["check", str(path)]
    _check(fuzzing.invoke(args), [str(path)], data, crasher.suffix)


def test_the_harness_tells_a_repr_from_a_quoted_key() -> None:
    """Python's repr in a message is a defect; the user's own text quoted back is not
    (a fuzzed key ``主['管部门`` is named as typed)."""
    line = "错误 in.yaml，attachments.performance_targets[0].{}，第 6 行：不认识的键（拼写错误？）"
    quoted = fuzzing.Outcome(2, line.format("主['管部门"))
    assert fuzzing.broken_promises(quoted, ["in.yaml"], "    主['管部门: 某局\n") == []
    leaked = fuzzing.Outcome(2, line.format("['主管部门']"))
    assert fuzzing.broken_promises(leaked, ["in.yaml"], "    主管部门: 某局\n") == [
        f"Python repr: {line.format(chr(91) + repr('主管部门') + chr(93))}"
    ]

"""A city's reports in one run: every department checked and built, past failures.

The departments are jobs; a *runner* (``batch_local`` on this machine's
cores, ``batch_dask`` on a Dask cluster) executes ``build_one`` for each and
hands back an ``Outcome`` — plain data, the same whichever runner ran it.
Each department's PDF and XLSX appear together or not at all.  What was
built is remembered in ``<OUT>/.gen-report-batch.json`` with a content hash
of its input, its profile, the options and gen-report's version, so a
re-run skips every department whose hash is unchanged (``force`` rebuilds).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from generator import __version__
from generator.app import build as builder
from generator.atomic import replacing_all, write_text
from generator.checks import CheckOptions
from generator.errors import InputErrors, UserError
from generator.formats import WORKBOOK_SUFFIXES

STATE = ".gen-report-batch.json"
YAML_SUFFIXES = (".yaml", ".yml")
MANIFEST_SUFFIXES = (".txt", ".lst", ".list")
SUMMARY_FILES = ("summary.xlsx", "index.html")


@dataclass(frozen=True)
class Job:
    name: str  # output name: <OUT>/<name>.pdf/.xlsx
    path: Path


@dataclass
class Outcome:
    name: str
    input: str
    status: str  # built | checked | refused | failed
    department: str = ""
    profile: str = ""
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    pages: int | None = None
    files: list[str] = field(default_factory=list)  # names inside <OUT>
    findings: list[dict[str, str]] = field(default_factory=list)
    note: str = ""  # why a department could not be built at all
    seconds: float = 0.0
    digest: str = ""
    reused: bool = False  # unchanged since the last run: not built again

    @property
    def ok(self) -> bool:
        return self.status in ("built", "checked")


# --- which departments -----------------------------------------------------------------------


def _is_input(path: Path) -> bool:
    if path.name.startswith((".", "~$")):
        return False
    if path.is_dir():
        return any(p.suffix.lower() in YAML_SUFFIXES for p in path.iterdir())
    return path.suffix.lower() in WORKBOOK_SUFFIXES + YAML_SUFFIXES


def _manifest(path: Path) -> list[Path]:
    """One input per line (relative to the manifest); ``#`` starts a comment."""
    out = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        entry = (path.parent / line).resolve()
        if not entry.exists():
            raise UserError(f"{path}（第{number}行）：找不到输入 {line}")
        out.append(entry)
    return out


def discover(inputs: Path, out_dir: Path) -> list[Job]:
    """The departments of a folder (every workbook and YAML input in it) or of a manifest."""
    if not inputs.exists():
        raise UserError(f"找不到 {inputs}")
    if inputs.is_file() and inputs.suffix.lower() in MANIFEST_SUFFIXES:
        paths = _manifest(inputs)
    elif inputs.is_dir():
        out = out_dir.resolve()
        paths = sorted(p for p in inputs.iterdir() if _is_input(p) and p.resolve() != out)
    else:
        raise UserError(f"{inputs}：应为输入文件夹或清单文件（每行一个输入，.txt）")
    if not paths:
        raise UserError(f"{inputs} 中没有输入（工作簿 .xlsx 或 YAML 文件夹）")
    jobs: dict[str, Job] = {}
    for path in paths:
        name = builder.output_name(path)
        if name in jobs:
            raise UserError(f"两个输入会写到同一个输出 {name}：{jobs[name].path} 和 {path}")
        jobs[name] = Job(name, path)
    return list(jobs.values())


# --- content hash ----------------------------------------------------------------------------


def _files(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
        return
    for p in sorted(path.rglob("*")):
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts):
            yield p


def _hash_files(digest: Any, root: Path) -> None:
    for p in _files(root):
        digest.update(str(p.relative_to(root) if root.is_dir() else p.name).encode() + b"\0")
        digest.update(hashlib.sha256(p.read_bytes()).digest())


def content_hash(job: Job, profile: str, options: CheckOptions, check_only: bool) -> str:
    """What decides a department's outputs: its input, its profile (with every profile it
    extends), the options, our version.  A department whose profile never loaded may be
    waiting for any profile to be fixed: it is hashed with all of them."""
    from generator.profiles.loader import available, lineage

    chosen = (
        options.tolerance, options.missing_reason, options.strict,
        sorted(options.select), sorted(options.ignore),
    )  # fmt: skip
    digest = hashlib.sha256(f"{__version__}\0{check_only}\0{chosen!r}\0".encode())
    _hash_files(digest, job.path)
    digest.update(f"\0profile:{profile}\0".encode())
    folders = lineage(profile) if profile else list(available().values())
    for folder in folders:
        digest.update(f"\0folder:{folder.name}\0".encode())
        _hash_files(digest, folder)
    return digest.hexdigest()


# --- one department --------------------------------------------------------------------------


def _finding(f: Any) -> dict[str, str]:
    from generator.checks.report import WORD, _where

    loc = f.location.as_dict()
    return {
        "severity": str(f.severity),
        "level": WORD[f.severity],
        "code": f.code,
        "group": f.group,
        "file": str(loc["file"]),
        "where": _where(loc),
        "message": f.message,
    }


def build_one(job: Job, options: CheckOptions, out_dir: Path, check_only: bool) -> Outcome:
    """Check one department and, without errors, build it; never raises for its input.

    The build lays out in this process: a batch runs one department per core."""
    from generator.checks import Severity
    from generator.formats.pdf.workers import Workers

    start = time.perf_counter()
    outcome = Outcome(job.name, str(job.path), "failed")
    try:
        loaded = builder.load(job.path, options.tolerance, building=True)  # as a build would
        report = loaded.computed.report
        outcome.department, outcome.profile = report.department, report.profile
        result = builder.check(loaded, options)
        outcome.findings = [_finding(f) for f in result.findings]
        outcome.errors = result.errors
        outcome.warnings = result.count(Severity.WARNING)
        outcome.infos = result.count(Severity.INFO)
        if result.blocking:
            outcome.status = "refused"
        elif check_only:
            outcome.status = "checked"
        else:
            built = builder.render(loaded, out_dir, name=job.name, workers=Workers(1))
            outcome.pages = built.pages
            outcome.files = [f.name for f in built.files]
            outcome.status = "built"
    except InputErrors as exc:
        outcome.status = "refused"
        outcome.note = "；".join(str(e) for e in exc.errors)
        outcome.errors = len(exc.errors)
    except UserError as exc:
        outcome.status = "refused"
        outcome.note = str(exc)
        outcome.errors = 1
    except Exception as exc:  # a bug of ours must not stop the other departments
        outcome.status = "failed"
        outcome.note = f"内部错误：{type(exc).__name__}: {exc}"
        if os.environ.get("GEN_REPORT_DEBUG"):
            outcome.note += "\n" + traceback.format_exc()
    outcome.seconds = round(time.perf_counter() - start, 2)
    outcome.digest = content_hash(job, outcome.profile, options, check_only)
    return outcome


def build_shipped(
    job: Job, files: dict[str, bytes], options: CheckOptions, check_only: bool
) -> tuple[Outcome, dict[str, bytes]]:
    """``build_one`` on a machine that shares no folder with us (a cluster worker).

    The input travels as bytes and is laid down in a temporary folder under
    its own name; the outputs travel back as bytes.  Messages name the
    temporary path, so it is replaced by the input's real one: the outcome
    reads exactly as a local run's.
    """
    with tempfile.TemporaryDirectory(prefix="gen-report-") as tmp:
        root = Path(tmp)
        local = root / "in" / job.path.name
        for rel, data in files.items():
            target = local / rel if rel else local
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        out = root / "out"
        outcome = build_one(Job(job.name, local), options, out, check_only)
        produced = {name: (out / name).read_bytes() for name in outcome.files}

    def real(text: str) -> str:
        return text.replace(str(local), str(job.path))

    outcome.input = str(job.path)
    outcome.note = real(outcome.note)
    outcome.findings = [{k: real(v) for k, v in f.items()} for f in outcome.findings]
    outcome.digest = ""  # the worker cannot see the input: the client hashes it
    return outcome, produced


def ship(job: Job) -> dict[str, bytes]:
    """The input's files as bytes, by path inside the input ("" for a single file)."""
    if job.path.is_file():
        return {"": job.path.read_bytes()}
    return {str(p.relative_to(job.path)): p.read_bytes() for p in _files(job.path)}


def store_outputs(out_dir: Path, produced: dict[str, bytes]) -> None:
    """Write a shipped department's files together (both or neither)."""
    names = sorted(produced)
    if not names:
        return
    with replacing_all([out_dir / n for n in names]) as temporaries:
        for name, tmp in zip(names, temporaries, strict=True):
            tmp.write_bytes(produced[name])


# --- the run ---------------------------------------------------------------------------------

Runner = Callable[[list[Job], Callable[[str, Outcome | None], None]], Iterable[Outcome]]


def _load_state(out_dir: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((out_dir / STATE).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _reusable(
    job: Job, state: dict[str, Any], options: CheckOptions, check_only: bool, out_dir: Path
) -> Outcome | None:
    previous = state.get(job.name)
    if not isinstance(previous, dict):
        return None
    try:
        outcome = Outcome(**previous)
    except TypeError:
        return None
    if outcome.input != str(job.path) or outcome.status == "failed":
        return None
    if not all((out_dir / f).exists() for f in outcome.files):
        return None
    if outcome.digest != content_hash(job, outcome.profile, options, check_only):
        return None
    return replace(outcome, reused=True)


def run(
    jobs: list[Job],
    out_dir: Path,
    options: CheckOptions,
    runner: Runner,
    *,
    check_only: bool = False,
    force: bool = False,
    progress: Callable[[str, Outcome | None], None] = lambda name, outcome: None,
) -> list[Outcome]:
    """Every department once (unchanged ones reused), then the summary; in input order."""
    from generator.formats.batch_summary import write_summary

    out_dir.mkdir(parents=True, exist_ok=True)
    state = {} if force else _load_state(out_dir)
    done: dict[str, Outcome] = {}
    todo = []
    for job in jobs:
        reused = _reusable(job, state, options, check_only, out_dir)
        if reused is None:
            todo.append(job)
        else:
            done[job.name] = reused
            progress(job.name, reused)
    for outcome in runner(todo, progress):
        done[outcome.name] = outcome
    outcomes = [done[job.name] for job in jobs]
    record = {o.name: asdict(replace(o, reused=False)) for o in outcomes}
    write_text(out_dir / STATE, json.dumps(record, ensure_ascii=False, indent=1))
    write_summary(outcomes, out_dir)
    return outcomes

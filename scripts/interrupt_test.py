"""Interrupt builds at random moments and check that outputs stay both-or-neither.

    .venv/bin/python scripts/interrupt_test.py [INPUT] [--kills 20] [--terms 5] [--seed 1]

Each round starts ``gen-report build INPUT -o DIR``, waits a random time
within one build's duration, and sends SIGKILL (``kill -9``) or SIGTERM.
After each round it records: a PDF without its XLSX (must never happen),
``.part`` temporaries left (a SIGTERM must leave none; a kill -9 may, the next
build removes them), layout workers still alive a moment after the parent
died (must be none).  A final uninterrupted build must leave no ``.part``.
Exit 0 when every promise held.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GEN_REPORT = Path(sys.executable).with_name("gen-report")


def children(pid: int) -> list[int]:
    try:
        out = subprocess.run(
            ["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True, text=True
        )
    except OSError:
        return []
    return [int(p) for p in out.stdout.split()]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead for our purpose
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(") ")[-1][0] != "Z"
    except OSError:
        return False


def parts(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.part")) if folder.exists() else []


def build(source: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(GEN_REPORT), "build", str(source), "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # our signal goes to the build only, as a kill of one pid would
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("input", nargs="?", default=str(REPO / "inputs" / "shenzhen-2020"))
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--terms", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    source = Path(args.input)
    rnd = random.Random(args.seed)
    out = Path(tempfile.mkdtemp(prefix="interrupt-")) / "out"
    name = source.stem if source.is_file() else source.name

    started = time.time()
    first = build(source, out)
    if first.wait() != 0:
        print("the uninterrupted build failed", file=sys.stderr)
        return 1
    duration = time.time() - started
    for f in out.iterdir():
        f.unlink()  # start from an empty folder: a PDF alone would show at once

    signals = [signal.SIGKILL] * args.kills + [signal.SIGTERM] * args.terms
    rnd.shuffle(signals)
    figures = {
        "SIGKILL": [0, 0, 0, 0],
        "SIGTERM": [0, 0, 0, 0],
    }  # rounds, parts left, workers left, pdf alone
    broken: list[str] = []
    for n, signum in enumerate(signals, 1):
        proc = build(source, out)
        delay = rnd.uniform(0.05, duration * 1.1)
        deadline = time.time() + delay
        workers: set[int] = set()
        while time.time() < deadline and proc.poll() is None:
            workers.update(children(proc.pid))
            time.sleep(0.05)
        finished = proc.poll() is not None
        if not finished:
            workers.update(children(proc.pid))
            proc.send_signal(signum)
        code = proc.wait()
        time.sleep(0.5)  # what a dying worker needs at most
        left_workers = [w for w in workers if alive(w)]
        left_parts = parts(out)
        pdf, xlsx = out / f"{name}.pdf", out / f"{name}.xlsx"
        pdf_alone = pdf.exists() and not xlsx.exists()
        key = signal.Signals(signum).name
        row = figures[key]
        row[0] += 1
        row[1] += bool(left_parts)
        row[2] += bool(left_workers)
        row[3] += pdf_alone
        moment = "after it finished" if finished else f"at {delay:.2f} s"
        print(
            f"round {n:2d} {key:7s} {moment:18s} exit {code:4d}  .part left {len(left_parts)}"
            f"  workers left {len(left_workers)}  PDF {'alone!' if pdf_alone else 'ok'}"
        )
        if pdf_alone:
            broken.append(f"round {n}: a PDF without its XLSX")
        if left_workers:
            broken.append(f"round {n}: layout workers outlived the build: {left_workers}")
        if signum == signal.SIGTERM and left_parts and not finished:
            broken.append(f"round {n}: SIGTERM left {[p.name for p in left_parts]}")
        for w in left_workers:
            os.kill(w, signal.SIGKILL)

    before = len(parts(out))
    final = build(source, out)
    code = final.wait()
    after = parts(out)
    print(f"final build exit {code}: .part files before {before}, after {len(after)}")
    if code != 0 or after:
        broken.append(f"the next build left {[p.name for p in after]} (exit {code})")
    for key, (rounds, left, workers, alone) in figures.items():
        print(
            f"{key}: {rounds} rounds; .part left right after: {left}; workers left: {workers};"
            f" PDF without XLSX: {alone}"
        )
    for line in broken:
        print("BROKEN", line)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())

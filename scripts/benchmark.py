"""Benchmark the example build: wall time of `gen-report build` and where it goes.

Run: ``make bench`` (or ``.venv/bin/python scripts/benchmark.py --runs 5``).
Each run is a fresh process (imports included), as a user experiences it.
The breakdown run measures load/compute, document view, PDF layout, PDF
write (font subsetting) and XLSX in one process.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GEN = REPO / ".venv" / "bin" / "gen-report"


def timed(*args: str) -> float:
    """Wall time of one `gen-report` process (exit 1 = findings/differences is fine)."""
    start = time.perf_counter()
    done = subprocess.run([str(GEN), *args], capture_output=True)
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr.decode())
    return time.perf_counter() - start


def in_process_check(runs: int) -> list[float]:
    """load + compute + every rule, without interpreter start-up."""
    from generator.app import build as builder

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        builder.check(builder.load(builder.EXAMPLE))
        times.append(time.perf_counter() - start)
    return times


def seed_sized(pdf: Path, target: Path, pages: int = 160) -> Path:
    """A report the size of the published seeds: the example's pages repeated to 160."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(pdf)
    writer = PdfWriter()
    while len(writer.pages) < pages:
        for page in reader.pages[: pages - len(writer.pages)]:
            writer.add_page(page)
    writer.write(target)
    return target


def report(name: str, times: list[float]) -> None:
    print(f"{name}:")
    print("  times: " + ", ".join(f"{t:.2f}s" for t in times))
    print(f"  median: {statistics.median(times):.2f}s")


def breakdown(out: Path) -> dict[str, float]:
    import weasyprint

    from generator.app import build as builder
    from generator.document.report import build_document
    from generator.formats.output_workbook.writer import write_xlsx
    from generator.formats.pdf.writer import TEMPLATES, html, url_fetcher

    marks = {}
    t = time.perf_counter()
    loaded = builder.load(builder.EXAMPLE)
    marks["load + compute"] = time.perf_counter() - t
    t = time.perf_counter()
    doc = build_document(loaded.computed)
    source = html(doc)
    marks["document view + HTML"] = time.perf_counter() - t
    t = time.perf_counter()
    document = weasyprint.HTML(
        string=source, base_url=str(TEMPLATES) + "/", url_fetcher=url_fetcher
    ).render()
    marks[f"PDF layout ({len(document.pages)} pages)"] = time.perf_counter() - t
    t = time.perf_counter()
    document.write_pdf(out / "b.pdf")
    marks["PDF write (font subsetting)"] = time.perf_counter() - t
    t = time.perf_counter()
    write_xlsx(doc, out / "b.xlsx")
    marks["XLSX"] = time.perf_counter() - t
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    example = str(REPO / "inputs" / "shenzhen-2020")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        report(
            f"gen-report build (example), {args.runs} runs",
            [timed("build", "-o", str(out)) for _ in range(args.runs)],
        )
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"  peak RSS of a build: {peak_mb:.0f} MB")
        print("  breakdown (one in-process run):")
        for name, seconds in breakdown(out).items():
            print(f"    {name:32s} {seconds:6.2f}s")
        report(
            "gen-report check (example), process",
            [timed("check", example) for _ in range(args.runs)],
        )
        report("check in-process (load + compute + rules)", in_process_check(args.runs))
        pdf = out / "shenzhen-2020.pdf"
        report(
            "gen-report diff (example PDF vs its input)",
            [timed("diff", str(pdf), example) for _ in range(args.runs)],
        )
        big = seed_sized(pdf, out / "big.pdf")
        report(
            "gen-report diff (two 160-page PDFs, the seeds' size)",
            [timed("diff", str(big), str(big)) for _ in range(args.runs)],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

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


def timed_build(out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(GEN), "build", "-o", str(out)], check=True, capture_output=True)
    return time.perf_counter() - start


def breakdown(out: Path) -> dict[str, float]:
    import weasyprint

    from generator import build as builder
    from generator.render.pdf import TEMPLATES, html, url_fetcher
    from generator.render.xlsx import write_xlsx
    from generator.views.document import build_document

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
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        times = [timed_build(out) for _ in range(args.runs)]
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"gen-report build (example), {args.runs} runs:")
        print("  times: " + ", ".join(f"{t:.2f}s" for t in times))
        print(f"  median: {statistics.median(times):.2f}s   peak RSS: {peak_mb:.0f} MB")
        print("breakdown (one in-process run):")
        for name, seconds in breakdown(out).items():
            print(f"  {name:32s} {seconds:6.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

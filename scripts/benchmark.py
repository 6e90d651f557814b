"""Benchmark gen-report against its anchors, in one interleaved run.

Run: ``make bench`` (or ``.venv/bin/python scripts/benchmark.py --runs 5``).

Every measurement is a fresh process (imports included), as a user meets it,
and one round runs each of them once, so a machine loaded by something else
slows all of them alike: compare the ratios, not the seconds.  Reported:
median, min and max of each, then the ratios the issue's targets name.

- build: ``gen-report build`` of the example (layout cache off);
- naive: a plain WeasyPrint script printing a 1,500-row CJK table (anchor);
- libreoffice: ``soffice --headless --convert-to pdf`` of our XLSX (anchor);
- rebuild: ``build`` after one cell of the input changed (layout cache on);
- check, --help, profiles: ``gen-report check`` of the example, ``gen-report
  --help``, ``gen-report profiles`` (each a fresh process; the compiled-template
  cache warm, as from a user's second run on);
- diff: two 160-page PDFs (the published seeds' size);
- batch vs serial: ``gen-report batch`` of 20 departments against 20
  ``gen-report build`` calls one after the other (cache off for both).

``--only check,help,profiles`` runs just those (seconds, not minutes).  The
commands run without ``PYTHONDONTWRITEBYTECODE``: an installed package has its
bytecode compiled (pip does it), and an editable checkout would otherwise
compile every module of ours from source on every start.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
BIN = REPO / ".venv" / "bin"
GEN = BIN / "gen-report"
EXAMPLE = REPO / "inputs" / "shenzhen-2020"
CELL = "实际完成值: {}次"  # one cell of 附件2 (attachments-projects.yaml): 53, then 54, 55, …

NAIVE = r"""
import sys, weasyprint
rows = []
for i in range(1500):
    rows.append(
        f"<tr><td>{i + 1}</td><td>2010{i % 97:03d}</td><td>一般公共服务支出第{i}项行政运行</td>"
        f"<td>{i * 37.51:,.2f}</td><td>{i * 12.03:,.2f}</td><td>{i * 25.48:,.2f}</td></tr>"
    )
html = (
    '<html><head><meta charset="utf-8"><style>'
    '@page { size: A4; margin: 20mm } body { font-family: "Noto Serif CJK SC"; font-size: 9pt }'
    "table { width: 100%; border-collapse: collapse } td, th { border: 0.5pt solid #000;"
    " padding: 1pt 2pt } thead { display: table-header-group }"
    "</style></head><body><h1>收入支出决算表</h1><table><thead><tr><th>序号</th><th>科目编码</th>"
    "<th>科目名称</th><th>本年收入</th><th>基本支出</th><th>项目支出</th></tr></thead><tbody>"
    + "".join(rows) + "</tbody></table></body></html>"
)
weasyprint.HTML(string=html).write_pdf(sys.argv[1])
"""


MEASURES = (
    "build",
    "naive",
    "libreoffice",
    "rebuild",
    "check",
    "help",
    "profiles",
    "diff",
    "batch",
)
# what a user's process sees: bytecode written and read, as for an installed package
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(args: list[str], env: dict[str, str] | None = None, ok: tuple[int, ...] = (0, 1)) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, env={**USER_ENV, **(env or {})})
    seconds = time.perf_counter() - start
    if done.returncode not in ok:
        raise RuntimeError(f"{args[:3]}: {done.stderr.decode()[-2000:]}")
    return seconds


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )


def seed_sized(pdf: Path, target: Path, count: int = 160) -> Path:
    """A report the size of the published seeds: the example's pages repeated to 160."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(pdf)
    writer = PdfWriter()
    while len(writer.pages) < count:
        for page in reader.pages[: count - len(writer.pages)]:
            writer.add_page(page)
    writer.write(target)
    return target


def stats(times: list[float]) -> str:
    return (
        f"median {statistics.median(times):6.2f}s  min {min(times):6.2f}s  max {max(times):6.2f}s"
    )


def breakdown(out: Path) -> dict[str, float]:
    """Where one build's time goes, in one process, the PDF laid out on one core."""
    from generator.app import build as builder
    from generator.document.report import build_document
    from generator.formats.output_workbook.writer import write_xlsx
    from generator.formats.pdf import assemble, fonts, layout
    from generator.formats.pdf.pages import FRONT, html, stylesheet, units

    marks: dict[str, float] = {}

    def mark(name: str, since: float) -> float:
        now = time.perf_counter()
        marks[name] = now - since
        return now

    t = time.perf_counter()
    layout.install()  # WeasyPrint, as a build imports it (``libraries``)

    t = mark("import WeasyPrint", t)
    loaded = builder.load(builder.EXAMPLE)
    builder.check(loaded)
    t = mark("load + compute + check", t)
    doc = build_document(loaded.computed)
    css = stylesheet(doc)
    sources = [(html(doc, [u]), css) for u in units(doc) if u.kind not in FRONT]
    t = mark(f"document view + HTML ({len(sources)} pieces)", t)
    body = [layout.lay_out(s) for s in sources]
    t = mark(f"layout + paint ({sum(len(p.landscape) for p in body)} pages, one core)", t)
    front = layout.lay_out((html(doc, [u for u in units(doc) if u.kind in FRONT]), css))
    t = mark("cover + contents", t)
    merged = fonts.merge([p.faces for p in [front, *body]], doc.computed.profile.display.body_font)
    t = mark("fonts: one subset per face", t)
    numbers = [None] * len(front.landscape) + list(
        range(3, 3 + sum(len(p.landscape) for p in body))
    )
    assemble.join([front, *body], merged, numbers, {"/Title": "t"}, ("input.json", b"{}"))
    t = mark("join + page numbers (pypdf)", t)
    write_xlsx(doc, out / "b.xlsx")
    mark("XLSX", t)
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--batch-runs", type=int, default=3, help="rounds with the 20-department pair"
    )
    parser.add_argument("--departments", type=int, default=20)
    parser.add_argument(
        "--only",
        default=",".join(MEASURES),
        help=f"comma-separated measures (default all: {','.join(MEASURES)})",
    )
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    if not wanted <= set(MEASURES):
        parser.error(f"unknown measure: {', '.join(sorted(wanted - set(MEASURES)))}")
    builds = bool(wanted - {"check", "help", "profiles"})
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    off = {"GEN_REPORT_CACHE": "off"}

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        out = tmp / "out"
        edited = tmp / "shenzhen-2020"
        shutil.copytree(EXAMPLE, edited)
        cached = {"GEN_REPORT_CACHE": str(tmp / "cache")}
        from tests.corpus import city

        inputs = city(tmp / "city", args.departments) if "batch" in wanted else []
        profile = tmp / "lo-profile"
        soffice = soffice if "libreoffice" in wanted else None
        pdf, xlsx = out / "shenzhen-2020.pdf", out / "shenzhen-2020.xlsx"
        big, big2 = tmp / "big.pdf", tmp / "big2.pdf"
        naive_script = tmp / "naive.py"
        lo: list[str] = []

        # warm-up: caches of the OS, the example's outputs, the 160-page PDFs, the layout
        # cache, our bytecode and the compiled sentence templates
        run([str(GEN), "check", str(EXAMPLE)], cached)
        if builds:
            run([str(GEN), "build", str(EXAMPLE), "-o", str(out)], off)
            run([str(GEN), "build", str(edited), "-o", str(tmp / "edited")], cached)
            seed_sized(pdf, big)
            seed_sized(pdf, big2)
            naive_script.write_text(NAIVE, encoding="utf-8")
            run([str(BIN / "python"), str(naive_script), str(tmp / "naive.pdf")])
        if soffice:
            lo = [soffice, f"-env:UserInstallation=file://{profile}", "--headless"]
            run([*lo, "--convert-to", "pdf", "--outdir", str(tmp / "lo"), str(xlsx)], ok=(0,))

        times: dict[str, list[float]] = {}
        cell = 53

        def measure(name: str, once: Callable[[], float]) -> None:
            if name in wanted or (name == "serial" and "batch" in wanted):
                times.setdefault(name, []).append(once())

        for round_ in range(max(args.runs, args.batch_runs)):
            if round_ < args.runs:
                measure(
                    "build", lambda: run([str(GEN), "build", str(EXAMPLE), "-o", str(out)], off)
                )
                measure(
                    "naive",
                    lambda: run([str(BIN / "python"), str(naive_script), str(tmp / "naive.pdf")]),
                )
                if soffice:
                    measure(
                        "libreoffice",
                        lambda: run(
                            [*lo, "--convert-to", "pdf", "--outdir", str(tmp / "lo"), str(xlsx)],
                            ok=(0,),
                        ),
                    )
                if "rebuild" in wanted:
                    projects = edited / "attachments-projects.yaml"
                    text = projects.read_text(encoding="utf-8")
                    projects.write_text(
                        text.replace(CELL.format(cell), CELL.format(cell + 1)), encoding="utf-8"
                    )
                    cell += 1  # a value never built before: its piece is not in the cache
                measure(
                    "rebuild",
                    lambda: run(
                        [str(GEN), "build", str(edited), "-o", str(tmp / "edited")], cached
                    ),
                )
                measure("check", lambda: run([str(GEN), "check", str(EXAMPLE)], cached))
                measure("help", lambda: run([str(GEN), "--help"], cached))
                measure("profiles", lambda: run([str(GEN), "profiles"], cached))
                measure("diff", lambda: run([str(GEN), "diff", str(big), str(big2)]))
            if round_ < args.batch_runs:
                measure(
                    "batch",
                    lambda: run(
                        [str(GEN), "batch", str(tmp / "city"), "-o", str(tmp / "batch"), "--force"],
                        off,
                    ),
                )

                def serial() -> float:
                    start = time.perf_counter()
                    for department in inputs:
                        run(
                            [str(GEN), "build", str(department), "-o", str(tmp / "serial")],
                            off,
                            ok=(0, 1),
                        )
                    return time.perf_counter() - start

                measure("serial", serial)

        example_pages = pages(pdf) if builds else 0
        naive_pages = pages(tmp / "naive.pdf") if builds else 0
        lo_pages = pages(tmp / "lo" / "shenzhen-2020.pdf") if soffice else 0

        print(
            f"interleaved rounds: {args.runs} (batch pair: {args.batch_runs}), {os.cpu_count()} cores"
        )
        for name, label in [
            ("build", f"gen-report build, example ({example_pages} pages)"),
            ("naive", f"naive WeasyPrint, 1,500-row CJK table ({naive_pages} pages)"),
            ("libreoffice", f"LibreOffice printing our XLSX ({lo_pages} pages)"),
            ("rebuild", "build after a one-cell change (cache)"),
            ("check", "gen-report check, example"),
            ("help", "gen-report --help"),
            ("profiles", "gen-report profiles"),
            ("diff", "gen-report diff, two 160-page PDFs"),
            ("batch", f"gen-report batch, {len(inputs)} departments"),
            ("serial", f"{len(inputs)} gen-report build calls, one after another"),
        ]:
            if name in times:
                print(f"  {label:52s} {stats(times[name])}")

        def ratio(a: list[float], b: list[float], pa: float = 1, pb: float = 1) -> str:
            """(pa/a) / (pb/b): median, and the range over the rounds (paired)."""
            pairs = [(pa / x) / (pb / y) for x, y in zip(a, b, strict=False)]
            return f"{statistics.median(pairs):5.2f}  (min {min(pairs):.2f}, max {max(pairs):.2f})"

        if "check" in times:
            print(f"  check {statistics.median(times['check']):.2f}s (target ≤ 0.3 s)")
        if not {"build", "naive", "rebuild", "batch"} <= wanted:
            return 0  # the ratios and the build's breakdown need all of these
        run([str(GEN), "build", str(EXAMPLE), "-o", str(tmp / "again")], off)
        identical = pdf.read_bytes() == (tmp / "again" / "shenzhen-2020.pdf").read_bytes()
        size_mb = pdf.stat().st_size / 1e6
        print("ratios (per round, then median):")
        print(
            "  build pages/s ÷ naive WeasyPrint pages/s      "
            + ratio(times["build"], times["naive"], example_pages, naive_pages)
            + "   target ≥ 1.5"
        )
        if soffice:
            print(
                "  build pages/s ÷ LibreOffice pages/s           "
                + ratio(times["build"], times["libreoffice"], example_pages, lo_pages)
            )
        rebuild = [r / b for r, b in zip(times["rebuild"], times["build"], strict=False)]
        print(
            f"  one-cell rebuild ÷ full build                  {statistics.median(rebuild):5.2f}"
            f"  (min {min(rebuild):.2f}, max {max(rebuild):.2f})   target ≤ 0.35"
        )
        print(
            "  batch throughput ÷ serial builds' throughput  "
            + ratio(times["batch"], times["serial"])
            + "   target ≥ 1.8"
        )
        print(
            f"  example PDF {size_mb:.2f} MB (target ≤ 1.2 MB); byte-identical rebuild: {identical}"
        )
        print("where one build's time goes (one process, PDF on one core):")
        for name, seconds in breakdown(tmp).items():
            print(f"  {name:52s} {seconds:6.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

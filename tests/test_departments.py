"""Generated departments (tests/departments.py): every one builds, states only what it was
given, and reads as a published text.

Most are checked through the document the PDF is rendered from (the narrative's
paragraphs and headings, fast); a few through the real PDF read back with
pdftotext.  ``GEN_REPORT_DEPARTMENTS=N`` checks N departments (default 40 in ``make test``).
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from itertools import combinations, pairwise
from pathlib import Path

import pytest

from generator.app import build as builder
from generator.checks import Severity
from generator.document.report import build_document
from generator.model.amounts import round2
from generator.narrative.write import Section
from tests.conftest import flat, pdf_text
from tests.departments import facts, generate
from tests.text_patterns import ABOUT, broken, heading_level

COUNT = int(os.environ.get("GEN_REPORT_DEPARTMENTS", "40"))
PDF_SEEDS = (0, 1, 2)
AMOUNT = re.compile(r"(\d[\d,]*\.\d{2})万元")


def write(seed: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in generate(seed).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def walk(sections: list[Section]):
    for s in sections:
        yield s
        yield from walk(s.subsections)


def allowed_figures(loaded: builder.Loaded) -> set[Decimal]:
    """Every figure a sentence may print: a table's or the input's, or the difference of
    two of them (增加/减少 …)."""
    computed = loaded.computed
    values = {c.shown for c in computed.sheet.cells() if c.shown is not None}
    if computed.prior is not None:
        values |= {c.shown for c in computed.prior.sheet.cells() if c.shown is not None}
    narrative = computed.report.narrative
    budgets = [round2(v) for v in narrative.budgets.values() if v is not None]
    values |= set(budgets) | {sum(budgets, Decimal(0))}
    pr = narrative.procurement
    parts = [round2(v) for v in (pr.goods, pr.works, pr.services, pr.sme, pr.small_micro) if v]
    values |= set(parts) | {round2(sum(parts[:3], Decimal(0)))}
    if narrative.operating_costs is not None:
        values.add(round2(narrative.operating_costs))
    values = {abs(v) for v in values}
    return values | {abs(a - b) for a, b in combinations(values, 2)} | {Decimal(0)}


def check_text(loaded: builder.Loaded, seed: int) -> None:
    doc = build_document(loaded.computed)
    sections = list(walk(doc.narrative))
    text = []
    for s in sections:
        assert s.has_body, f"seed {seed}: heading without a body: {s.title}"
        for i, p in enumerate(s.paragraphs):
            last = i == len(s.paragraphs) - 1 and not s.subsections and not s.tables
            assert broken(p, last) == [], f"seed {seed} {s.title}: {broken(p, last)} in {p}"
            text.append(p)
    joined = "\n".join(text)
    for name, state in facts(seed).items():
        if state == "missing" and name in ABOUT:
            hit = ABOUT[name].search(joined)
            assert hit is None, f"seed {seed}: {name} was missing but the text says {hit!r}"
    allowed = allowed_figures(loaded)
    for figure in AMOUNT.findall(joined):
        value = Decimal(figure.replace(",", ""))
        assert value in allowed, f"seed {seed}: {figure}万元 is in no table and no input"


@pytest.mark.parametrize("seed", range(COUNT))
def test_generated_department_builds_clean_text(tmp_path: Path, seed: int) -> None:
    loaded = builder.load(write(seed, tmp_path) / "report.yaml")
    result = builder.check(loaded)
    errors = [f for f in result.findings if f.severity == Severity.ERROR]
    assert errors == [], f"seed {seed}: {[(f.code, f.message) for f in errors]}"
    check_text(loaded, seed)


def test_the_corpus_is_varied() -> None:
    """The generator really produces every state of every optional fact."""
    seen: dict[str, set[str]] = {}
    for seed in range(max(COUNT, 40)):
        for name, state in facts(seed).items():
            seen.setdefault(name, set()).add(state)
    assert seen["政府采购"] == {"given", "none", "missing"}
    assert seen["国有资产"] == {"given", "none", "missing"}
    assert seen["年初预算"] == {"given", "none", "missing"}
    assert seen["上年"] == {"given", "missing"}
    texts = [generate(seed)["report.yaml"] for seed in range(40)]
    assert any("事业收入" in t for t in texts) and any("事业收入" not in t for t in texts)
    assert any("公开08" in t for t in texts) and any("公开08" not in t for t in texts)
    assert any("事业单位" in t for t in texts) and any("事业单位" not in t for t in texts)
    assert any("“三公”经费支出" in t for t in texts) and any("公务接待费" in t for t in texts)


@pytest.mark.parametrize("seed", PDF_SEEDS)
def test_generated_department_pdf_reads_clean(tmp_path: Path, seed: int) -> None:
    loaded = builder.load(write(seed, tmp_path / "in") / "report.yaml")
    built = builder.render(loaded, tmp_path, ("pdf",))
    text = pdf_text(built.files[0])
    start = text.index("情况说明\n", text.index("情况说明") + 1) if "情况说明\n" in text else 0
    narrative = text[start : text.index("名词解释", start)]
    body = flat(narrative)
    for name in ("doubled punctuation", "其中 with nothing after it"):
        assert name not in broken(body.replace("：\n", "：")), f"seed {seed}: {name}"
    assert not re.search(r"[：:](?=[（(][一二三四五六七八九十]+[)）]|\d+\.\D)", body), seed
    lines = [line.strip() for line in narrative.splitlines() if line.strip()]
    levels = [heading_level(line) for line in lines]
    for (a, la), (b, lb) in pairwise(zip(lines, levels, strict=True)):
        if la is not None and lb is not None:
            assert lb > la, f"seed {seed}: heading {a!r} is followed by heading {b!r}"
    for name, state in facts(seed).items():
        if state == "missing" and name in ABOUT:
            assert not ABOUT[name].search(body), f"seed {seed}: {name} missing but stated"

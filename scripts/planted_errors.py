"""Planted-error benchmark of `check` on real published reports.

For each real 部门决算 PDF in ../shared/real-world/ (the budget is refused by
extract): extract it, then plant one error at a time — of every class below,
at random positions (seeded) — into the extracted tables or 公开文本, run
check, and count the plant as *found* when a finding of the expected rules
points at the planted place (the table, or the text's path and sentence).
Also reported: the findings of the unmodified extracted input (errors and
warnings), and, per class, findings the plant caused elsewhere.

Run: ``.venv/bin/python scripts/planted_errors.py [--per-class 5] [--seed 1]``.
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.app import build as builder
from generator.app.extract import extract, to_yaml
from generator.checks import Finding, Severity
from generator.checks.text import Text, named_figures, split
from generator.compute.cells import Leaf, Sum
from generator.errors import UserError

REPO = Path(__file__).resolve().parents[1]
REAL = REPO.parent / "shared" / "real-world"
TEXT = "公开文本"

Data = dict[str, Any]


@dataclass
class Plant:
    """One planted error: where it is and which rules may report it there."""

    kind: str
    codes: tuple[str, ...]
    path: str  # the finding's location.path
    sentence: int | None  # for text plants
    what: str
    data: Data = field(repr=False)


@dataclass
class Outcome:
    found: int = 0
    missed: list[str] = field(default_factory=list)
    elsewhere: int = 0  # new findings (error/warning) away from the plant


def extract_inputs(folder: Path = REAL) -> dict[str, Data]:
    """Every 决算 PDF of the folder, extracted (a PDF extract refuses is left out)."""
    out: dict[str, Data] = {}
    for pdf in sorted(folder.glob("*.pdf")):
        try:
            data, _ = extract(pdf)
        except UserError:
            continue  # not a 部门决算 (the budget)
        out[pdf.stem] = data
    return out


def run_check(data: Data, workdir: Path) -> list[Finding]:
    path = workdir / "input.yaml"
    path.write_text(to_yaml(data, path, []), encoding="utf-8")
    return builder.check(builder.load(path)).findings


def key(f: Finding) -> tuple[str, str, str | None, int | None]:
    return (f.code, f.message, f.location.path, f.location.sentence)


# --------------------------------------------------------------------------- where to plant


def published(data: Data) -> dict[str, str]:
    return data.get("narrative", {}).get(TEXT, {})


def text_path(title: str) -> str:
    return f"narrative.{TEXT}.{title}"


def sentence_of(title: str, body: str, offset: int) -> int:
    sentences = split(Text(("narrative", TEXT, title), body, True))
    index = 1
    for s in sentences:
        if s.start <= offset:
            index = s.index
    return index


def occurrences(data: Data, pattern: re.Pattern[str]) -> list[tuple[str, re.Match[str]]]:
    return [(t, m) for t, body in published(data).items() for m in pattern.finditer(body)]


def replaced(data: Data, title: str, start: int, end: int, new: str) -> Data:
    out = copy.deepcopy(data)
    body = out["narrative"][TEXT][title]
    out["narrative"][TEXT][title] = body[:start] + new + body[end:]
    return out


def text_plant(
    data: Data, kind: str, codes: tuple[str, ...], title: str, start: int, end: int, new: str
) -> Plant:
    body = published(data)[title]
    what = f"{title}：“{body[max(0, start - 10) : end + 4]}” → “{new}”"
    return Plant(
        kind,
        codes,
        text_path(title),
        sentence_of(title, body, start),
        what,
        replaced(data, title, start, end, new),
    )


def loaded(data: Data, workdir: Path) -> builder.Loaded:
    path = workdir / "base.yaml"
    path.write_text(to_yaml(data, path, []), encoding="utf-8")
    return builder.load(path)


def named_in_text(data: Data, workdir: Path) -> list[tuple[str, int, int, str, Decimal]]:
    """(title, start, end, cell ref, printed value) of every figure naming a cell and
    agreeing with it (a figure the publisher already got wrong is no place to plant)."""
    computed = loaded(data, workdir).computed
    profile = computed.profile
    out = []
    for title, body in published(data).items():
        for sentence in split(Text(("narrative", TEXT, title), body, True)):
            for named in named_figures(profile, sentence):
                table, row, column = named.named.cell.split("/", 2)
                if not computed.sheet.has((table, row, column)):
                    continue
                value = computed.value(table, row, column)
                start = sentence.start + named.figure.start
                # the number only, without its unit
                number = re.match(r"[\d,，.]+", named.figure.raw)
                end = start + (len(number.group(0)) if number else 0)
                if value is not None and named.figure.wan == value:
                    out.append((title, start, end, named.named.cell, value))
    return out


def plants_total_zero(data: Data, rng: random.Random, workdir: Path) -> Iterator[Plant]:
    """A total stated as 0 (or another figure) in the text against the cell it names."""
    for title, start, end, _, value in rng.sample(
        named_in_text(data, workdir), len(named_in_text(data, workdir))
    ):
        if value == 0:
            continue
        new = rng.choice(["0", "0.3", f"{value * 10:.2f}"])
        yield text_plant(data, "total stated in text", ("F004",), title, start, end, new)


def plants_quoted(data: Data, rng: random.Random, workdir: Path) -> Iterator[Plant]:
    """A text figure a few cents off the printed cell it quotes (184.65 → 184.67)."""
    found = named_in_text(data, workdir)
    for title, start, end, _, value in rng.sample(found, len(found)):
        if value == 0:
            continue
        new = f"{value + Decimal(rng.choice([1, 2, -1, -2, 5])) / 100:.2f}"
        yield text_plant(data, "quoted cell", ("F004",), title, start, end, new)


FLIP = {"大于": "小于", "小于": "大于", "超过": "低于", "低于": "超过"}
VERDICT = re.compile(r"决算数?(大于|小于|超过|低于)预算数?|决算数?与预算数?(基本持平|持平)")
DIRECTION = re.compile(r"(增加|减少)\s*[\d,.]+\s*万元\s*[，,]\s*(增长|下降)\s*[\d.]+\s*[%％]")


def plants_comparison(data: Data, rng: random.Random, workdir: Path) -> Iterator[Plant]:
    """A comparison word contradicting the two figures it compares."""
    found = occurrences(data, VERDICT) + occurrences(data, DIRECTION)
    for title, m in rng.sample(found, len(found)):
        if m.re is VERDICT and m.group(1):
            a, b = m.span(1)
            new = FLIP[m.group(1)]
        elif m.re is VERDICT:
            a, b = m.span(0)
            new = "决算数大于预算数"
        else:
            a, b = m.span(2)
            new = "下降" if m.group(2) == "增长" else "增长"
        yield text_plant(data, "comparison word", ("F005",), title, a, b, new)


RATE = re.compile(
    r"(?:占[^，。；%％\d]{0,12}?|完成(?:年初|全年)?预算的|增长|下降)\s*(\d+(?:\.\d+)?)\s*[%％]"
)


def plants_rate(data: Data, rng: random.Random, workdir: Path) -> Iterator[Plant]:
    """A share, 完成率 or growth rate that its figures do not give."""
    found = occurrences(data, RATE)
    for title, m in rng.sample(found, len(found)):
        rate = Decimal(m.group(1))
        if rate == 0 or rate >= 100:
            continue
        places = len(m.group(1).split(".")[1]) if "." in m.group(1) else 0
        new = f"{rate * Decimal(rng.choice(['1.3', '0.7', '1.5'])):.{places}f}"
        a, b = m.span(1)
        yield text_plant(data, "share or rate", ("F006",), title, a, b, new)


PLACEHOLDERS = ["XX", "××", "某某", "□", "＿＿"]
CJK = re.compile(r"[\u4e00-\u9fff]{2}")


def plants_placeholder(data: Data, rng: random.Random, workdir: Path) -> Iterator[Plant]:
    """A placeholder left from the template (XX局, ××万元, 某某, □, ＿＿)."""
    department = data.get("department") or ""
    found = [(t, m) for t, m in occurrences(data, CJK)]
    for title, m in rng.sample(found, len(found)):
        body = published(data)[title]
        at = body.find(department) if department and rng.random() < 0.5 else -1
        if at >= 0:
            a, b = at, at + len(department) - 1  # 上海市普陀区财政局 → XX局
        else:
            a, b = m.span()
        yield text_plant(data, "placeholder", ("W001",), title, a, b, rng.choice(PLACEHOLDERS))


YEARS = re.compile(r"截[至止](\d{4})年|(?:与|比|较)(\d{4})年度?")


def plants_year(data: Data, rng: random.Random, workdir: Path) -> Iterator[Plant]:
    """A year that cannot belong to the report (截至 another year, a 上年 not year − 1)."""
    year = int(data["year"])
    found = occurrences(data, YEARS)
    for title, m in rng.sample(found, len(found)):
        group = 1 if m.group(1) else 2
        a, b = m.span(group)
        new = str(year - 1 if group == 1 else rng.choice([year - 2, year]))
        yield text_plant(data, "wrong year", ("W002",), title, a, b, new)


MARKS = re.compile(r"[。，；）”]")


def plants_punctuation(data: Data, rng: random.Random, workdir: Path) -> Iterator[Plant]:
    """Doubled punctuation (。。，，) or a bracket or quote without its partner."""
    found = occurrences(data, MARKS)
    for title, m in rng.sample(found, len(found)):
        mark = m.group(0)
        if mark in "。，；":
            yield text_plant(data, "punctuation", ("W003",), title, m.start(), m.end(), mark * 2)
        else:
            yield text_plant(data, "punctuation", ("W003",), title, m.start(), m.end(), "")


def _typed_paths(computed, key, seen=None) -> list[tuple[str | int, ...]]:
    """The input paths of every typed figure a cell is made of (itself, its addends)."""
    seen = seen if seen is not None else set()
    if key in seen:
        return []
    seen.add(key)
    cell = computed.sheet.cell(key)
    out = [cell.path] if cell.path is not None and cell.stated is not None else []
    if isinstance(cell.formula, Sum):
        for part in cell.formula.plus + cell.formula.minus:
            if part[0] == key[0]:
                out += _typed_paths(computed, part, seen)
    elif isinstance(cell.formula, Leaf) and cell.path is not None:
        out.append(cell.path)
    return out


def _delete(data: Data, path: tuple[str | int, ...]) -> bool:
    node: Any = data
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    last = path[-1]
    if isinstance(node, dict) and last in node:
        del node[last]
        return True
    return False


def plants_blank_cell(data: Data, rng: random.Random, workdir: Path) -> Iterator[Plant]:
    """A table cell left blank while the text gives its figure (三公 预算 blank, text 0.95)."""
    computed = loaded(data, workdir).computed
    found = named_in_text(data, workdir)
    for title, start, _, ref, value in rng.sample(found, len(found)):
        if value == 0:
            continue
        table, row, column = ref.split("/", 2)
        paths = _typed_paths(computed, (table, row, column))
        out = copy.deepcopy(data)
        if not paths or not all(_delete(out, p) for p in dict.fromkeys(paths)):
            continue
        if loaded(out, workdir).computed.value(table, row, column) is not None:
            continue  # still computed from another table: the cell cannot be left blank
        body = published(data)[title]
        yield Plant(
            "blank cell",
            ("F007",),
            text_path(title),
            sentence_of(title, body, start),
            f"{ref} 清空；文字“{body[max(0, start - 10) : start + 10]}”",
            out,
        )


def plants_missing_table(data: Data, rng: random.Random, workdir: Path) -> Iterator[Plant]:
    """A table of the layout left out of the input (what 支出决算表 missing did)."""
    tables = [t for t, v in data["tables"].items() if v]
    for table in rng.sample(tables, len(tables)):
        out = copy.deepcopy(data)
        out["tables"][table] = {"missing": "PDF 中未找到该表"}
        yield Plant("missing table", ("T002",), f"tables.{table}", None, f"{table} 缺失", out)


def plants_table_total(data: Data, rng: random.Random, workdir: Path) -> Iterator[Plant]:
    """A table figure beyond rounding from what its parts add up to."""
    computed = loaded(data, workdir).computed
    leaves = [
        c
        for c in computed.sheet.cells()
        if isinstance(c.formula, Leaf) and c.path is not None and c.computed
    ]
    for cell in rng.sample(leaves, len(leaves)):
        table = cell.key[0]
        out = copy.deepcopy(data)
        node: Any = out
        for part in cell.path[:-1]:
            node = node[part]
        delta = Decimal(rng.choice(["0.1", "1.00", "12.34", "-0.5"]))
        node[cell.path[-1]] = float(Decimal(str(node[cell.path[-1]])) + delta)
        yield Plant(
            "table figure",
            ("H001", "R001", "B001", "X001", "E001", "G001", "B002", "X002", "S008"),
            f"tables.{table}",
            None,
            f"{'/'.join(cell.key)} {delta:+}",
            out,
        )


CLASSES: dict[str, Callable[[Data, random.Random, Path], Iterator[Plant]]] = {
    "total stated in text": plants_total_zero,
    "quoted cell": plants_quoted,
    "comparison word": plants_comparison,
    "share or rate": plants_rate,
    "placeholder": plants_placeholder,
    "wrong year": plants_year,
    "punctuation": plants_punctuation,
    "blank cell": plants_blank_cell,
    "missing table": plants_missing_table,
    "table figure": plants_table_total,
}


def is_hit(plant: Plant, f: Finding) -> bool:
    if f.code not in plant.codes or (f.severity == Severity.INFO and plant.kind != "table figure"):
        return False
    path = f.location.path or ""
    if plant.sentence is None:  # a table: any finding located in it
        return path == plant.path or path.startswith(plant.path + ".")
    return path == plant.path and f.location.sentence == plant.sentence


def measure(
    inputs: dict[str, Data], per_class: int, seed: int, workdir: Path
) -> tuple[dict[str, Outcome], dict[str, list[Finding]]]:
    rng = random.Random(seed)
    outcomes = {kind: Outcome() for kind in CLASSES}
    baseline: dict[str, list[Finding]] = {}
    for name, data in inputs.items():
        base = run_check(data, workdir)
        baseline[name] = base
        before = {key(f) for f in base}
        for kind, plant_all in CLASSES.items():
            for n, plant in enumerate(plant_all(data, rng, workdir)):
                if n >= per_class:
                    break
                findings = run_check(plant.data, workdir)
                new = [f for f in findings if key(f) not in before]
                outcome = outcomes[kind]
                if any(is_hit(plant, f) for f in new):
                    outcome.found += 1
                else:
                    outcome.missed.append(f"{name}: {plant.what}")
                outcome.elsewhere += sum(
                    1 for f in new if not is_hit(plant, f) and f.severity != Severity.INFO
                )
    return outcomes, baseline


def report(outcomes: dict[str, Outcome], baseline: dict[str, list[Finding]]) -> str:
    lines = ["class                   found  missed  rate    new findings elsewhere"]
    for kind, o in outcomes.items():
        total = o.found + len(o.missed)
        rate = f"{100 * o.found / total:5.1f}%" if total else "   - "
        lines.append(f"{kind:<22}{o.found:>6}{len(o.missed):>8}  {rate}  {o.elsewhere:>6}")
    for kind, o in outcomes.items():
        for miss in o.missed:
            lines.append(f"  missed [{kind}] {miss}")
    lines.append("")
    lines.append("findings on the unmodified extracted PDFs (errors and warnings):")
    for name, findings in baseline.items():
        shown = [f for f in findings if f.severity != Severity.INFO]
        lines.append(f"  {name}: {len(shown)}")
        for f in shown:
            lines.append(f"    {f.severity} {f.code} {f.location.path} {f.message[:110]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=int, default=5, help="plants per class and PDF")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder", type=Path, default=REAL)
    args = parser.parse_args(argv)
    inputs = extract_inputs(args.folder)
    inputs = {n: d for n, d in inputs.items() if published(d) and _has_figures(d)}
    with tempfile.TemporaryDirectory() as tmp:
        outcomes, baseline = measure(inputs, args.per_class, args.seed, Path(tmp))
    print(report(outcomes, baseline))
    return 0


def _has_figures(data: Data) -> bool:
    """A real report, not the blank template (no figure; its text is all placeholders)."""
    with tempfile.TemporaryDirectory() as tmp:
        computed = loaded(data, Path(tmp)).computed
    return not all(computed.is_empty(t.id) for t in computed.profile.tables)


if __name__ == "__main__":
    sys.exit(main())

"""Mutations for the fuzz harness (tests/test_fuzz.py) and the promise every case must keep.

Each mutator takes a ``random.Random`` (drawn by hypothesis, so runs are
seeded and repeatable) and returns new file content.  The promise: whatever
the input, the command exits 0, 1 or 2, never prints a traceback or an
internal error, and every error line names the file and, for a problem
inside it, the line (YAML) or the sheet (workbook).
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from generator.cli import app

REPO = Path(__file__).resolve().parents[1]
INPUTS = REPO / "inputs"
CRASHERS = REPO / "tests" / "fuzz_crashers"  # inputs that once broke the promise

runner = CliRunner()

# --- values people (and attackers) type ------------------------------------------------------

INTERESTING = [
    "1e60",
    "1e308",
    "-1e308",
    "1.0e+308",
    "123456789012345678901234567890",
    "9" * 5000,
    "0.000000000000000000001",
    "-0",
    "0",
    "-1",
    "1_000",
    "0x1F",
    "0o17",
    "1:30",
    "190:20:30.15",
    ".nan",
    ".inf",
    "-.inf",
    "~",
    "null",
    "true",
    "no",
    "yes",
    "''",
    '""',
    "[]",
    "{}",
    "[1, 2]",
    "{a: 1}",
    "十元",
    "１２３．４５",
    "(12.5)",
    "1,234.56",
    "'2011301'",
    "2011301",
    "20113010000",
    "'[/x]'",
    "'[red]红[/red]'",
    "'[link=file:///etc/passwd]x[/link]'",
    "'{{ 7*7 }}'",
    "'<script>alert(1)</script>'",
    "'=cmd|\\' /C calc\\'!A0'",
    "'@SUM(1)'",
    "'\u202eRTL'",
    "'\\u0000'",
    '"\\0"',
    '"a\\nb"',
    "'" + "长" * 3000 + "'",
    "'" + "x" * 20000 + "'",
    "&anchor 1",
    "*undefined",
    "!!python/object:os.system 'ls'",
    "!!binary aGVsbG8=",
    "!!timestamp 2020-01-01",
    "2020-01-01",
    "12:30:00",
    "- 1",
    "? a",
    "| \n  text",
    "2020",
    "1999",
    "3000",
    "-2020",
    "0.5",
    "100.005",
    "1e-7",
]

JUNK = [
    *list(":[]{}&*!|>'\"#%@`\t\n-?,\\"),
    "\x00",
    "\x1b",
    "\ufeff",
    "\u202e",
    "\x85",
    "\u2028",
    "\u3000",
    "：",
    "中",
]

BOMB = "lol0: &l0 [a, a, a, a, a, a, a, a, a]\n" + "".join(
    f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10)
)


def deep(n: int) -> str:
    return "[" * n + "]" * n


# --- YAML ------------------------------------------------------------------------------------


def yaml_examples() -> list[Path]:
    return sorted(p for p in INPUTS.iterdir() if p.is_dir())


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True) or [""]


def mutate_yaml(text: str, rnd: random.Random) -> str | bytes:
    """One of many text-level mutations; a few return bytes (not UTF-8, truncated)."""
    kind = rnd.randrange(14)
    lines = _lines(text)
    i = rnd.randrange(len(lines))
    if kind == 0:  # a value replaced by an interesting one
        values = [n for n, line in enumerate(lines) if re.search(r":\s+\S", line)]
        if values:
            n = rnd.choice(values)
            key, _, _ = lines[n].partition(": ")
            lines[n] = f"{key}: {rnd.choice(INTERESTING)}\n"
        return "".join(lines)
    if kind == 1:  # a line deleted
        del lines[i]
        return "".join(lines)
    if kind == 2:  # a line duplicated (duplicate keys, list items)
        lines.insert(i, lines[i])
        return "".join(lines)
    if kind == 3:  # two lines swapped
        j = rnd.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return "".join(lines)
    if kind == 4:  # junk characters inserted
        pos = rnd.randrange(len(text) + 1)
        junk = "".join(rnd.choice(JUNK) for _ in range(rnd.randint(1, 4)))
        return text[:pos] + junk + text[pos:]
    if kind == 5:  # indentation changed
        line = lines[i]
        lines[i] = (" " * rnd.choice([1, 2, 3, 8]) + line) if rnd.random() < 0.5 else line.lstrip()
        return "".join(lines)
    if kind == 6:  # truncated
        return text[: rnd.randrange(len(text) + 1)]
    if kind == 7:  # bytes flipped (often not UTF-8 any more)
        raw = bytearray(text.encode("utf-8"))
        for _ in range(rnd.randint(1, 3)):
            if raw:
                raw[rnd.randrange(len(raw))] ^= 1 << rnd.randrange(8)
        return bytes(raw)
    if kind == 8:  # an alias bomb or deep nesting appended
        extra = BOMB if rnd.random() < 0.5 else f"deep: {deep(rnd.choice([50, 500, 2000]))}\n"
        return text + extra
    if kind == 9:  # an anchor and aliases spread over the document
        values = [n for n, line in enumerate(lines) if re.search(r":\s+\S", line)]
        if len(values) >= 2:
            a, b = rnd.sample(values, 2)
            key, _, value = lines[a].partition(": ")
            lines[a] = f"{key}: &x {value}"
            key, _, _ = lines[b].partition(": ")
            lines[b] = f"{key}: *x\n"
        return "".join(lines)
    if kind == 10:  # a key renamed to junk or to another known key
        keys = [n for n, line in enumerate(lines) if re.match(r"\s*[^\s#-][^:]*:", line)]
        if keys:
            n = rnd.choice(keys)
            indent = re.match(r"\s*", lines[n]).group(0)
            _, _, rest = lines[n].partition(":")
            new = rnd.choice(
                ["profile", "year", "tables", "rows", "code", "[/x]", "1", "~", "名称", "x" * 300]
            )
            lines[n] = f"{indent}{new}:{rest}"
        return "".join(lines)
    if kind == 11:  # the encoding changed
        try:
            return text.encode(rnd.choice(["gbk", "utf-16", "latin-1"]), errors="replace")
        except LookupError:
            return text
    if kind == 12:  # a mapping turned into a list item or a scalar
        line = lines[i]
        lines[i] = (
            re.sub(r"^(\s*)", r"\1- ", line, count=1)
            if rnd.random() < 0.5
            else line.replace(":", "", 1)
        )
        return "".join(lines)
    # several mutations at once
    out: str | bytes = text
    for _ in range(rnd.randint(2, 4)):
        if isinstance(out, bytes):
            break
        out = mutate_yaml(out, rnd)
    return out


# --- workbooks ---------------------------------------------------------------------------------

_CELL = re.compile(r'<c r="([A-Z]+\d+)"[^>]*?(?:/>|>.*?</c>)', re.S)
_ROW = re.compile(r"<row [^>]*>.*?</row>", re.S)

CELL_VALUES = [
    '<c r="{r}" t="inlineStr"><is><t>{text}</t></is></c>',
    '<c r="{r}"><v>1e308</v></c>',
    '<c r="{r}"><v>-1e60</v></c>',
    '<c r="{r}"><v>123456789012345678901234567890</v></c>',
    '<c r="{r}"><v>NaN</v></c>',
    '<c r="{r}"><v>0.30000000000000004</v></c>',
    '<c r="{r}"><v>2011301</v></c>',
    '<c r="{r}" t="e"><v>#REF!</v></c>',
    '<c r="{r}" t="e"><v>#DIV/0!</v></c>',
    '<c r="{r}" t="e"><v>#N/A</v></c>',
    '<c r="{r}"><f>SUM(A1:A3)</f></c>',  # a formula Excel never calculated
    '<c r="{r}"><f>1/0</f><v>#DIV/0!</v></c>',
    '<c r="{r}"><f>#REF!+1</f><v>1</v></c>',
    '<c r="{r}" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>',
    '<c r="{r}" t="s"><v>99999</v></c>',  # a shared string that does not exist
    '<c r="{r}" t="b"><v>1</v></c>',
    '<c r="{r}" t="d"><v>2020-13-45T00:00:00</v></c>',
    '<c r="{r}" t="n"><v>abc</v></c>',
    '<c r="{r}" t="inlineStr"><is><t>=cmd|\' /C calc\'!A0</t></is></c>',
]
TEXTS = [
    "十元",
    "-",
    "（空）",
    "[/x]",
    "1,234.56",
    "２０１１３０１",
    "注：",
    "2011301",
    "合计",
    "x" * 5000,
    "\u202e",
    "   ",
]


@dataclass
class Book:
    members: dict[str, bytes]

    def save(self) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in self.members.items():
                zf.writestr(name, data)
        return buf.getvalue()


def read_book(path: Path) -> Book:
    with zipfile.ZipFile(path) as zf:
        return Book({name: zf.read(name) for name in zf.namelist()})


def _sheets(book: Book) -> list[str]:
    return [n for n in book.members if n.startswith("xl/worksheets/sheet")]


def _flip(data: bytes, rnd: random.Random, n: int = 3) -> bytes:
    raw = bytearray(data)
    for _ in range(n):
        if raw:
            raw[rnd.randrange(len(raw))] ^= 1 << rnd.randrange(8)
    return bytes(raw)


def mutate_book(base: Book, rnd: random.Random) -> bytes:
    book = Book(dict(base.members))
    kind = rnd.randrange(13)
    sheet = rnd.choice(_sheets(book))
    xml = book.members[sheet].decode("utf-8")
    if kind <= 3:  # a cell's value replaced (types, formulas, errors, bad shared string)
        cells = list(_CELL.finditer(xml))
        for _ in range(rnd.randint(1, 5)):
            if not cells:
                break
            m = rnd.choice(cells)
            new = rnd.choice(CELL_VALUES).format(r=m.group(1), text=rnd.choice(TEXTS))
            xml = xml.replace(m.group(0), new, 1)
            cells = list(_CELL.finditer(xml))
        book.members[sheet] = xml.encode("utf-8")
    elif kind == 4:  # a row deleted or duplicated
        rows = list(_ROW.finditer(xml))
        if rows:
            m = rnd.choice(rows)
            xml = xml.replace(m.group(0), "" if rnd.random() < 0.5 else m.group(0) * 2, 1)
        book.members[sheet] = xml.encode("utf-8")
    elif kind == 5:  # merged cells over the data
        a, b = rnd.randint(1, 30), rnd.randint(1, 30)
        ref = f"A{min(a, b)}:{rnd.choice('BCDEFGH')}{max(a, b)}"
        merge = f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'
        if "<mergeCells" in xml:
            xml = xml.replace("</mergeCells>", f'<mergeCell ref="{ref}"/></mergeCells>', 1)
        else:
            xml = xml.replace("</sheetData>", "</sheetData>" + merge, 1)
        book.members[sheet] = xml.encode("utf-8")
    elif kind == 6:  # a sheet hidden, renamed or deleted from the workbook
        wb = book.members["xl/workbook.xml"].decode("utf-8")
        entries = re.findall(r"<sheet [^>]*/>", wb)
        entry = rnd.choice(entries)
        action = rnd.randrange(3)
        if action == 0:
            new = entry.replace('state="visible"', 'state="hidden"')
        elif action == 1:
            new = re.sub(
                r'name="[^"]*"', f'name="{rnd.choice(["Sheet1", "公开1", "封面", "x"])}"', entry
            )
        else:
            new = ""
        book.members["xl/workbook.xml"] = wb.replace(entry, new, 1).encode("utf-8")
    elif kind == 7:  # a member removed
        name = rnd.choice([*book.members, "xl/workbook.xml", "[Content_Types].xml", sheet])
        book.members.pop(name, None)
    elif kind == 8:  # malformed XML in a member
        pos = rnd.randrange(len(xml))
        book.members[sheet] = (
            xml[:pos] + rnd.choice(["<", "&", "</row>", "<c r=", "\x00", "]]>"]) + xml[pos:]
        ).encode("utf-8")
    elif kind == 9:  # a member truncated
        book.members[sheet] = book.members[sheet][: rnd.randrange(len(book.members[sheet]))]
    elif kind == 10:  # bits flipped inside a member's XML
        book.members[sheet] = _flip(book.members[sheet], rnd, rnd.randint(1, 5))
    elif kind == 11:  # the zip itself damaged (bad CRC, truncated container)
        raw = book.save()
        return (
            _flip(raw, rnd, rnd.randint(1, 4))
            if rnd.random() < 0.6
            else raw[: rnd.randrange(len(raw))]
        )
    else:  # a huge or far-away cell (the sheet's size grows)
        far = rnd.choice(["XFD1", "A1048576", "XFD1048576", "ZZ500"])
        xml = xml.replace(
            "</sheetData>",
            f'<row r="{re.sub(r"[A-Z]+", "", far)}"><c r="{far}"><v>1</v></c></row></sheetData>',
            1,
        )
        book.members[sheet] = xml.encode("utf-8")
    return book.save()


# --- PDFs ------------------------------------------------------------------------------------


def mutate_pdf(data: bytes, rnd: random.Random) -> bytes:
    """Damage a PDF the ways files get damaged: bytes, truncation, broken objects, loops."""
    import pypdf
    from pypdf.generic import NameObject, NumberObject

    kind = rnd.randrange(8)
    if kind == 0:
        return _flip(data, rnd, rnd.randint(1, 20))
    if kind == 1:
        return data[: rnd.randrange(len(data))]
    if kind == 2:  # the cross-reference table gone
        return re.sub(rb"xref.*?trailer", b"trailer", data, count=1, flags=re.S)
    if kind == 3:  # a chunk of bytes replaced by zeros
        start = rnd.randrange(len(data))
        end = min(len(data), start + rnd.randint(1, 5000))
        return data[:start] + b"\x00" * (end - start) + data[end:]
    try:
        writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
        pages = writer._root_object["/Pages"]
        if kind == 4:  # the page tree loops back to itself
            pages["/Kids"].append(pages.indirect_reference)
            pages[NameObject("/Count")] = NumberObject(int(pages["/Count"]) + 1)
        elif kind == 5:  # a wrong page count
            pages[NameObject("/Count")] = NumberObject(rnd.choice([0, -1, 10**9]))
        elif kind == 6:  # the embedded input damaged
            for name in list(writer.attachments):
                writer.attachments[name]
            root = writer._root_object
            if "/Names" in root:
                del root["/Names"]
            writer.add_attachment("gen-report-input.json", _flip(b'{"profile": "x"}' * 50, rnd, 10))
        else:  # a page's content stream replaced by garbage
            page = writer.pages[rnd.randrange(len(writer.pages))]
            page[NameObject("/Contents")] = writer._add_object(pypdf.generic.DecodedStreamObject())
            page["/Contents"].get_object().set_data(os.urandom(rnd.randint(1, 500)))
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except Exception:  # pypdf could not even rewrite it: damage the bytes instead
        return _flip(data, rnd, 5)


# --- the promise -----------------------------------------------------------------------------

_LOCATED = re.compile(r"第 \d+ 行|工作表 |单元格 ")
_WHOLE_FILE = re.compile(  # about the whole file, or a key nobody wrote (named by its path)
    r"缺少必填项|文件不存在|无法读取|无法打开|文件过大|工作簿过大|不是 gen-report 输入工作簿|缺少工作表|文件夹中没有|无法从 PDF|无法从该 PDF|未能认出该 PDF|该 PDF 是"
)


@dataclass
class Outcome:
    exit_code: int
    output: str


def invoke(args: list[str]) -> Outcome:
    result = runner.invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        trace = "".join(traceback.format_exception(result.exception))
        return Outcome(99, result.output + "\nTraceback (in-process):\n" + trace)
    return Outcome(result.exit_code, result.output)


REPR = re.compile(r"Decimal\(|\{'|\['|<class ")


def broken_promises(outcome: Outcome, names: list[str], typed: str = "") -> list[str]:
    """What is wrong with one run: an exit code other than 0/1/2, a traceback, an error
    line without the file (and, inside a file, without its line or sheet), Python's repr
    of a value where the user typed none (``typed``: the input, whose text a message may
    quote: a key typed as ``主['管部门`` is named as typed)."""
    problems = []
    if outcome.exit_code not in (0, 1, 2):
        problems.append(f"exit {outcome.exit_code}")
    if "Traceback" in outcome.output or "内部错误" in outcome.output:
        problems.append("traceback or internal error")
    for line in outcome.output.splitlines():
        if not line.startswith("错误 ") or re.match(r"错误 (另有|\d+ 个)", line):
            continue
        if len(line) > 400:
            problems.append(f"line of {len(line)} characters")
        if not any(name in line for name in names):
            problems.append(f"no file named: {line[:200]}")
        elif not _LOCATED.search(line) and not _WHOLE_FILE.search(line):
            problems.append(f"no line or sheet: {line[:200]}")
        if any(m.group(0) not in typed for m in REPR.finditer(line)):
            problems.append(f"Python repr: {line[:200]}")
    return problems


def keep_crasher(data: bytes, suffix: str, problems: list[str]) -> Path:
    """Save an input that broke the promise where a developer finds it."""
    folder = (
        Path(os.environ.get("GEN_REPORT_CRASHERS", tempfile.gettempdir())) / "gen-report-crashers"
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (hashlib.sha1(data).hexdigest()[:12] + suffix)
    path.write_bytes(data)
    path.with_suffix(path.suffix + ".txt").write_text("\n".join(problems), encoding="utf-8")
    return path

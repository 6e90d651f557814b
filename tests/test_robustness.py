"""Regression tests for every class of issue 13: bad input gets a located message and exit 2.

Each test is one class the issue found by mutation (amount limits, huge
integers, nesting, aliases, encodings, corrupt workbooks and PDFs, reprs,
metadata, long strings, diff of an unreadable side); the fuzz harness
(test_fuzz.py) keeps looking for new ones.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pypdf
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from generator.app import build as builder
from generator.bundled import INPUTS
from generator.cli import app
from tests.conftest import pdf_text, without_footers
from tests.test_cli import SMALL

runner = CliRunner()
WORKBOOK = INPUTS / "shenzhen-2020.xlsx"


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def errors_of(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("错误 ")]


def unusable(tmp_path: Path, text: str | bytes, name: str = "in.yaml") -> str:
    """Check ``text`` as an input: it must be refused (exit 2) with located one-liners."""
    source = tmp_path / name
    if isinstance(text, bytes):
        source.write_bytes(text)
    else:
        source.write_text(text, encoding="utf-8")
    result = run("check", str(source))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "内部错误" not in result.output
    errors = errors_of(result.output)
    assert errors and all(str(source) in e and len(e) < 300 for e in errors), result.output
    return "\n".join(errors)


def with_amount(value: str) -> str:
    return SMALL.replace("基本支出: 10}", f"基本支出: {value}}}", 1)


# --- limits ------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1e60", "1.0e+308", "123456789012345678901234567890", "-1e16"])
def test_an_amount_too_large_names_the_limit_at_its_line(tmp_path: Path, value: str) -> None:
    message = unusable(tmp_path, with_amount(value))
    assert "tables.公开03.rows[0].基本支出，第 10 行" in message
    assert "10^" in message  # the limit, stated


def test_an_amount_too_precise_names_the_limit(tmp_path: Path) -> None:
    message = unusable(tmp_path, with_amount('"0.123456789012345"'))
    assert "小数位过多" in message and "最多 10 位" in message and "第 10 行" in message


def test_a_5000_digit_integer_is_refused_before_python_converts_it(tmp_path: Path) -> None:
    message = unusable(tmp_path, with_amount("9" * 5000))
    assert "数字过长" in message and "第 10 行" in message and "最多 40 个" in message


@pytest.mark.parametrize("value", ["123456789012345678901234567890", "-1000000000000000"])
def test_an_integer_fact_too_large_names_the_limit(tmp_path: Path, value: str) -> None:
    """An integer in 其他数据 was taken as a Python int, past the amount limits, and
    broke the sentence that formats it (exit 3)."""
    text = SMALL + f"  其他数据:\n    面向小微企业预留预算金额: {value}\n"  # under narrative:
    message = unusable(tmp_path, text)
    assert "narrative.其他数据.面向小微企业预留预算金额" in message and "10^15" in message


@pytest.mark.parametrize(
    ("tagged", "tag"),
    [("!!timestamp 2020-01-01 起执行", "!!timestamp"), ("!!int 20x0", "!!int")],
)
def test_a_value_that_does_not_fit_its_explicit_tag_is_located(
    tmp_path: Path, tagged: str, tag: str
) -> None:
    """PyYAML's own constructors raise AttributeError/ValueError on these."""
    message = unusable(tmp_path, SMALL + f"overview:\n  duties_intro: {tagged}\n")
    assert "overview.duties_intro" in message and tag in message and "第 " in message


@pytest.mark.parametrize("depth", [41, 500, 1000, 100_000])
def test_deep_nesting_is_refused_at_its_line(tmp_path: Path, depth: int) -> None:
    message = unusable(tmp_path, SMALL + "overview: " + "[" * depth + "]" * depth + "\n")
    assert "嵌套过深" in message and "第 20 行" in message


def test_a_billion_laughs_file_is_refused_without_expanding(tmp_path: Path) -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
    )
    message = unusable(tmp_path, bomb)
    assert "别名" in message and "200,000" in message and "第 6 行" in message


def test_aliases_a_report_might_use_still_work(tmp_path: Path) -> None:
    text = SMALL.replace(
        '{code: "2011301", name: 行政运行, 基本支出: 10}',
        '&row {code: "2011301", name: 行政运行, 基本支出: 10}',
        1,
    )
    text = text.replace(
        '  公开05:\n    rows:\n      - {code: "2011301", name: 行政运行, 基本支出: 10}',
        "  公开05:\n    rows:\n      - *row",
    )
    source = tmp_path / "in.yaml"
    source.write_text(text, encoding="utf-8")
    result = run("check", str(source))
    assert result.exit_code == 0, result.output


# --- encodings and control characters ----------------------------------------------------------


def test_a_file_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    message = unusable(tmp_path, SMALL.encode("gbk"))
    assert "不是 UTF-8" in message and "第 2 行" in message  # 测试局 is the first non-ASCII text


def test_a_nul_byte_is_named_with_its_line_in_chinese(tmp_path: Path) -> None:
    message = unusable(tmp_path, SMALL.replace("测试局", "测试\x00局"))
    assert "U+0000" in message and "第 2 行" in message
    assert not re.search(r"[A-Za-z]{4,} [A-Za-z]{4,}", message.split("：", 1)[1])  # no English


# --- locations and reprs -----------------------------------------------------------------------


def test_an_unknown_profile_is_named_at_its_line(tmp_path: Path) -> None:
    message = unusable(tmp_path, SMALL.replace("shenzhen-2020", "atlantis-1999"))
    assert "profile，第 1 行" in message and "atlantis-1999" in message


def test_no_python_repr_and_one_short_line_for_a_mapping_where_an_amount_belongs(
    tmp_path: Path,
) -> None:
    mapping = "{" + ", ".join(f"k{i}: 1.0" for i in range(400)) + "}"
    message = unusable(tmp_path, with_amount(mapping))
    assert "Decimal(" not in message and "{'" not in message
    assert "第 10 行" in message


def test_a_long_bad_value_is_elided(tmp_path: Path) -> None:
    message = unusable(tmp_path, with_amount('"' + "十" * 4000 + '"'))
    assert "…" in message and len(message) < 300


# --- workbooks -----------------------------------------------------------------------------


def _book(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _members() -> dict[str, bytes]:
    with zipfile.ZipFile(WORKBOOK) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


COVER = "xl/worksheets/sheet2.xml"  # 封面概况


def _cover_cell(members: dict[str, bytes], cell: str, xml: str) -> dict[str, bytes]:
    sheet = members[COVER].decode()
    new, n = re.subn(rf'<c r="{cell}"[^>]*?(?:/>|>.*?</c>)', xml, sheet, count=1, flags=re.S)
    assert n == 1
    return {**members, COVER: new.encode()}


def test_a_bad_shared_string_index_is_unusable_input(tmp_path: Path) -> None:
    members = _cover_cell(_members(), "B5", '<c r="B5" t="s"><v>99999</v></c>')
    message = unusable(tmp_path, _book(members), "in.xlsx")
    assert "无法读取" in message and "已损坏" in message


def test_a_bit_flipped_zip_member_is_unusable_input(tmp_path: Path) -> None:
    raw = bytearray(WORKBOOK.read_bytes())
    with zipfile.ZipFile(WORKBOOK) as zf:
        info = zf.getinfo(COVER)
    raw[info.header_offset + 30 + len(info.filename) + 40] ^= 0x10  # inside its compressed data
    message = unusable(tmp_path, bytes(raw), "in.xlsx")
    assert "无法读取" in message


def test_malformed_sheet_xml_is_unusable_input(tmp_path: Path) -> None:
    members = _members()
    members[COVER] = members[COVER].replace(b"</sheetData>", b"<row><c r=</sheetData>", 1)
    message = unusable(tmp_path, _book(members), "in.xlsx")
    assert "无法读取" in message


def test_an_amount_too_large_in_a_workbook_names_sheet_and_cell(tmp_path: Path) -> None:
    members = _members()
    sheet = members["xl/worksheets/sheet5.xml"].decode()  # 公开03
    cell = re.search(r'<c r="([D-F]\d+)"[^>]*><v>[\d.]+</v></c>', sheet)
    assert cell
    sheet = sheet.replace(cell.group(0), f'<c r="{cell.group(1)}"><v>1e60</v></c>', 1)
    members["xl/worksheets/sheet5.xml"] = sheet.encode()
    message = unusable(tmp_path, _book(members), "in.xlsx")
    assert f"工作表 公开03，单元格 {cell.group(1)}" in message and "10^15" in message


def test_a_workbook_without_its_year_row_names_the_sheet(tmp_path: Path) -> None:
    members = _members()
    sheet = members[COVER].decode()
    sheet = re.sub(r'<row r="6".*?</row>', "", sheet, count=1, flags=re.S)  # 年度
    members[COVER] = sheet.encode()
    message = unusable(tmp_path, _book(members), "in.xlsx")
    assert "工作表 封面概况" in message and "年度" in message


# --- PDFs --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def looping_pdf(
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    folder = tmp_path_factory.mktemp("loop")
    source = folder / "small.yaml"
    source.write_text(SMALL, encoding="utf-8")
    builder.render(builder.load(source), folder, ("pdf",))
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(folder / "small.pdf"))
    pages = writer._root_object["/Pages"]
    pages["/Kids"].append(pages.indirect_reference)
    pages[pypdf.generic.NameObject("/Count")] = pypdf.generic.NumberObject(int(pages["/Count"]) + 1)
    target = folder / "loop.pdf"
    with target.open("wb") as fh:
        writer.write(fh)
    return target


def test_a_looping_page_tree_is_unusable_in_extract_and_diff(
    looping_pdf: Path, tmp_path: Path
) -> None:
    for args in (
        ["extract", str(looping_pdf), "-o", str(tmp_path / "out.yaml")],
        ["diff", str(looping_pdf), str(looping_pdf.with_name("small.pdf"))],
        ["diff", str(looping_pdf.with_name("small.pdf")), str(looping_pdf)],
    ):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output and "内部错误" not in result.output
        assert any(str(looping_pdf) in e for e in errors_of(result.output)), result.output
    assert not (tmp_path / "out.yaml").exists()


def test_diff_exits_2_when_a_side_has_nothing_readable(tmp_path: Path, looping_pdf: Path) -> None:
    import weasyprint

    blank = tmp_path / "blank.pdf"
    weasyprint.HTML(string="<p></p>").write_pdf(blank)
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.4\n" + b"\x00" * 200)
    for side in (blank, garbage):
        result = run("diff", str(side), str(looping_pdf.with_name("small.pdf")))
        assert result.exit_code == 2, result.output
        assert str(side) in result.output


# --- what the PDF carries ---------------------------------------------------------------------


def test_control_characters_never_reach_the_pdf_and_long_strings_wrap(
    tmp_path: Path,
) -> None:
    """Neither the metadata nor the printed text carries a NUL, an escape or a bidi
    override (which would reorder the line a reader sees)."""
    long = "A1b2" * 1500  # 6,000 characters with no break opportunity
    text = SMALL.replace("department: 测试局", 'department: "测试\\0局\\x1b[31m\\u202e"')
    text = text.replace("year: 2020\n", f'year: 2020\noverview:\n  duties_intro: "{long}"\n')
    source = tmp_path / "in.yaml"
    source.write_text(text, encoding="utf-8")
    result = run("build", str(source), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "out" / "in.pdf"
    book = load_workbook(tmp_path / "out" / "in.xlsx")
    named = [c.value for ws in book for row in ws.iter_rows() for c in row]
    named = [v for v in named if isinstance(v, str) and "测试" in v and "局" in v]
    assert named and all("\u202e" not in v and "\x00" not in v for v in named)
    meta = pypdf.PdfReader(pdf).metadata
    for value in (meta.title, meta.author):
        assert value and not any(
            ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 or ch == "\u202e" for ch in value
        )
    assert meta.author == "测试局[31m"
    printed = without_footers(pdf_text(pdf))
    assert printed.count(long) == 1  # every character, none cut at the edge
    assert "测试局[31m" in printed
    assert not re.search("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", printed)

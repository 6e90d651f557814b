"""Heading numbers are counted over what is printed: a left-out section leaves no gap.

Profiles write titles without numbers and give each level's number format as
data; the PDF's headings, its contents page and its outline all read the same
consecutive numbers.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from typer.testing import CliRunner

from generator.app import build as builder
from generator.cli.app import app
from generator.document.numbering import numbered, numeral
from generator.document.report import build_document
from generator.errors import UserError
from generator.profiles.loader import BUNDLED, read_profile
from generator.tables.base import chinese_number
from tests.conftest import REPO, SEEDS, computed, flat, pdf_text
from tests.departments import facts, generate

# 工作开展情况, 项目自评 and 部门评价 missing: (十) 预算绩效 prints nothing and is left out;
# 国有资产 missing: 3. of 其他重要事项 is left out between 2. and 4.
GAPS = {
    "工作开展情况": "missing",
    "项目自评": "missing",
    "部门评价": "missing",
    "国有资产": "missing",
}
KEPT = ("机关运行经费", "政府采购")


def test_numbers_read_in_each_format() -> None:
    assert [numeral("（{cn}）", n) for n in (1, 10, 11, 20)] == [
        "（一）",
        "（十）",
        "（十一）",
        "（二十）",
    ]
    assert numeral("{n}.", 12) == "12." and numeral("第{cn}部分 ", 3) == "第三部分 "
    assert numbered(["收入", "", "支出"], "{cn}、") == ["一、收入", "", "二、支出"]


def test_a_number_format_without_a_number_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "shenzhen-2020"
    shutil.copytree(BUNDLED / "shenzhen-2020", folder)
    head = folder / "profile.yaml"
    text = head.read_text(encoding="utf-8")
    head.write_text(text.replace('numbering: "{cn}、"', 'numbering: "第部分"'), encoding="utf-8")
    with pytest.raises(UserError, match=r"\{cn\}") as exc:
        read_profile(folder)
    assert "profile.yaml" in str(exc.value) and "document.numbering" in str(exc.value)


def _seed() -> int:
    return next(
        s
        for s in range(2000)
        if all(facts(s)[k] == v for k, v in GAPS.items())
        and all(facts(s)[k] != "missing" for k in KEPT)
    )


@pytest.fixture(scope="module")
def gapped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("gapped") / "dept"
    folder.mkdir()
    (folder / "report.yaml").write_text(generate(_seed())["report.yaml"], encoding="utf-8")
    out = folder.parent / "out"
    result = CliRunner().invoke(app, ["build", str(folder), "-o", str(out), "--format", "pdf"])
    assert result.exit_code == 0, result.output
    pdf = out / "dept.pdf"
    return pdf, pdf_text(pdf)


def _outline(pdf: Path) -> list[tuple[int, str]]:
    with pdf.open("rb") as fh:
        return [(level, title) for level, title, *_ in PDFDocument(PDFParser(fh)).get_outlines()]


VALUE = {chinese_number(n): n for n in range(1, 40)}


def _narrative_outline(pdf: Path) -> list[tuple[int, str]]:
    """The outline entries under the 情况说明 part (levels 2 and 3)."""
    entries = _outline(pdf)
    start = next(i for i, (lv, t) in enumerate(entries) if lv == 1 and t.endswith("情况说明"))
    end = next(i for i, (lv, _) in enumerate(entries) if lv == 1 and i > start)
    return entries[start + 1 : end]


def test_a_left_out_section_leaves_no_gap(gapped: tuple[Path, str]) -> None:
    pdf, text = gapped
    entries = _narrative_outline(pdf)
    sections = [t for lv, t in entries if lv == 2]
    numbers = [VALUE[re.match(r"（(\S+?)）", t).group(1)] for t in sections]  # type: ignore[union-attr]
    assert numbers == list(range(1, len(sections) + 1)), sections
    assert sections[-1] == "（十）其他重要事项情况说明" and not any(
        "预算绩效" in t for t in sections
    )
    last = entries[[t for _, t in entries].index(sections[-1]) + 1 :]
    assert [t for _, t in last] == [
        "1.机关运行经费支出情况说明",
        "2.政府采购支出情况说明",
        "3.部门需要说明的其他特殊事项",
    ]
    # every outline entry is a heading printed on its own line, in the same order
    lines = [line.strip() for line in text.splitlines()]
    body = lines[[i for i, line in enumerate(lines) if line == sections[0]][-1] :]
    assert [t for _, t in entries] == [line for line in body if line in {t for _, t in entries}][
        : len(entries)
    ]
    assert "（十一）其他" not in text and "4.部门需要说明" not in text


def test_the_contents_page_agrees_with_the_headings(gapped: tuple[Path, str]) -> None:
    pdf, text = gapped
    contents = text[: text.index("（一）部门职责")]  # the 目录 page comes before the body
    listed = [re.sub(r"\s*\.{3,}\s*\d+$", "", line.strip()) for line in contents.splitlines()]
    sections = [t for lv, t in _narrative_outline(pdf) if lv == 2]
    assert [t for t in listed if t in sections] == sections
    assert not any(t.startswith("（十一）") for t in listed)


SEEDED = {
    "shenzhen-2020": "shenzhen-2020-final-accounts.txt",
    "shenzhen-2018": "shenzhen-2018-final-accounts.txt",
    "guangzhou-2017": "guangzhou-2017-final-accounts.txt",
}


NUMBER = re.compile(
    r"^(（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\) |[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分 |\d+\.)"
)


def _same(text: str) -> str:
    """The seeds are text taken from PDFs: brackets and stops in either width."""
    return text.translate(str.maketrans("()．", "（）."))


@pytest.mark.parametrize("example", sorted(SEEDED))
def test_the_bundled_examples_print_the_published_numbers(example: str) -> None:
    """Nothing left out: each part and section heading the published report prints (the
    seed holds part of its text) is printed with the published number."""
    doc = build_document(builder.load(REPO / "inputs" / example).computed)
    seed = _same(flat((SEEDS / SEEDED[example]).read_text(encoding="utf-8")))

    def walk(sections: list) -> list[str]:
        return [h for s in sections for h in (s.title, *walk(s.subsections))]

    headings = [title for _, title, _ in doc.parts if title] + walk(doc.narrative)
    published = [h for h in headings if _same(flat(NUMBER.sub("", h))) in seed and NUMBER.match(h)]
    assert len(published) >= 8, headings
    assert [h for h in published if _same(flat(h)) not in seed] == []


def test_an_overview_subtitle_with_nothing_under_it_is_left_out() -> None:
    only_units = build_document(computed(overview={"units": [{"单位名称": "测试局本级"}]}))
    assert only_units.overview_subtitles == {"organization": "（一）机构设置"}
    both = build_document(
        computed(overview={"duties_intro": "负责…", "organization": "内设3个处室"})
    )
    assert both.overview_subtitles == {"duties": "（一）部门职责", "organization": "（二）机构设置"}
    assert both.parts[0][1] == "一、测试局概况"


def test_a_part_with_nothing_in_it_is_left_out_and_the_others_renumbered() -> None:
    doc = build_document(computed())  # no 概况 typed: the part would be two empty headings
    assert [title for _, title, _ in doc.parts] == [
        "一、测试局2020年度部门决算表",
        "二、测试局2020年度部门决算情况说明",
        "三、名词解释",
    ]
    assert [e.title for e in doc.toc if e.level == 1] == [title for _, title, _ in doc.parts]
    assert doc.overview_subtitles == {}


def test_a_title_written_with_its_number_is_refused_where_it_is_written(tmp_path: Path) -> None:
    """Numbers are counted; a title that kept its own would print "（一）（一）…"."""
    folder = tmp_path / "shenzhen-2020"
    shutil.copytree(BUNDLED / "shenzhen-2020", folder)
    narrative = folder / "narrative.yaml"
    text = narrative.read_text(encoding="utf-8")
    narrative.write_text(
        text.replace("title: 收入决算情况说明", "title: （二）收入决算情况说明"), encoding="utf-8"
    )
    with pytest.raises(UserError) as exc:
        read_profile(folder)
    line = text.splitlines().index("    title: 收入决算情况说明") + 1
    assert exc.value.location is not None
    assert (exc.value.location.file, exc.value.location.line) == (str(narrative), line)
    assert "（二）收入决算情况说明" in exc.value.message and "（{cn}）" in exc.value.message
    # a title that only starts with a figure is no number
    narrative.write_text(
        text.replace("title: 收入决算情况说明", "title: 2020年收入决算情况说明"), encoding="utf-8"
    )
    assert read_profile(folder).narrative.sections[1].title == "2020年收入决算情况说明"

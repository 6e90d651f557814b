"""The example PDF read back as text: every table, figure, sentence and score is there."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import flat, pdf_text

LABELS = [f"公开0{i}表" for i in range(1, 10)]

# Figures as published in the Shenzhen 2020 tables (two decimals, thousands separators).
PUBLISHED = {
    "公开01表": [
        "364,062.40",
        "7,764.38",
        "154.80",
        "355,798.57",
        "348.45",
        "364,066.21",
        "9.81",
        "6.01",
        "364,072.22",
    ],
    "公开02表": [
        "364,062.40",
        "7,765.76",
        "5,636.98",
        "874.91",
        "4,762.06",
        "2,128.78",
        "148.93",
        "98.56",
        "50.37",
        "355,798.57",
        "349.15",
        "112.97",
        "236.18",
    ],
    "公开03表": [
        "364,066.21",
        "1,376.89",
        "362,689.32",
        "7,764.38",
        "873.63",
        "6,890.76",
        "5,635.69",
        "4,762.06",
        "2,128.69",
        "154.80",
        "104.44",
        "50.37",
        "348.45",
        "112.28",
        "236.18",
    ],
    "公开04表": [
        "364,062.40",
        "9.79",
        "5.98",
        "364,066.21",
        "364,072.19",
        "7,764.38",
        "355,798.57",
    ],
    "公开05表": ["364,066.21", "1,376.89", "362,689.32", "873.63", "104.44", "112.28"],
    "公开06表": [
        "1,263.41",
        "189.46",
        "747.29",
        "13.43",
        "100.86",
        "50.37",
        "47.24",
        "0.46",
        "114.30",
        "24.77",
        "3.96",
        "20.81",
        "88.70",
        "20.78",
        "1.19",
        "5.00",
        "9.64",
        "2.24",
        "0.86",
        "0.02",
        "7.04",
        "1.86",
        "3.50",
        "29.26",
        "7.30",
        "1,288.18",
    ],
    "公开07表": ["7.22", "3.50", "3.72", "6.16", "2.66"],
}


def table_segments(text: str) -> dict[str, str]:
    """The text from each 公开0N表 label to the next (the tables part only)."""
    end = text.index("部门决算情况说明", text.index("公开09表"))
    positions = [(text.index(label), label) for label in LABELS]
    out = {}
    for (start, label), nxt in zip(positions, [*positions[1:], (end, "")], strict=True):
        out[label] = text[start : nxt[0]]
    return out


def test_every_table_title_and_label(example_text: str) -> None:
    for label in LABELS:
        assert label in example_text
    for title in [
        "收入支出决算总表",
        "收入决算表",
        "支出决算表",
        "财政拨款收入支出决算总表",
        "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款基本支出决算表",
        "一般公共预算财政拨款“三公”经费支出决算表",
        "政府性基金预算财政拨款收入支出决算表",
        "国有资本经营预算财政拨款支出决算表",
    ]:
        assert title in example_text


@pytest.mark.parametrize("label", sorted(PUBLISHED))
def test_published_figures_in_their_table(example_text: str, label: str) -> None:
    segment = table_segments(example_text)[label]
    numbers = set(re.findall(r"\d[\d,]*\.\d\d", segment))
    missing = [f for f in PUBLISHED[label] if f not in numbers]
    assert not missing, f"{label} lacks {missing}"


def test_no_figure_loses_its_trailing_zero(example_text: str) -> None:
    segments = table_segments(example_text)
    for label, segment in segments.items():
        assert not re.search(r"\d,\d{3}\.\d(?!\d)", segment), label


def test_empty_tables_print_their_statements(example_text: str) -> None:
    segments = table_segments(example_text)
    assert "我单位2020年度无政府性基金预算收入支出。" in flat(segments["公开08表"])
    assert "我单位2020年度无国有资本经营预算收入支出。" in flat(segments["公开09表"])


def test_narrative_sentences_follow_the_tables(example_flat: str) -> None:
    for sentence in [
        "2020年度收入合计364,072.22万元，其中：本年度一般公共预算财政拨款收入364,062.40万元，年初结转和结余9.81万元",
        "增加276,443.77万元，增长315.47%",
        "基本支出1,376.89万元，占0.38%；项目支出362,689.32万元，占99.62%",
        "决算支出合计364,066.21万元，完成年初预算的147.78%",
        "一般公共服务（类）决算支出7,764.38万元，占2.13%；年初预算为8,722.07万元，完成年初预算的89.02%",
        "人员经费1,288.18万元",
        "公务用车购置及运行费全年预算数为3.50万元",
        "机关运行经费支出88.70万元",
    ]:
        assert sentence in example_flat


def test_glossary_defaults_and_department_additions(example_flat: str) -> None:
    assert "四、名词解释" in example_flat
    assert "（一）财政拨款收入：指当年从市级财政取得的公共预算财政拨款。" in example_flat
    assert "我单位主要用于拨付我市对口支援、扶贫协作、对口帮扶地区的帮扶资金。" in example_flat
    # only the classes the department spends in are explained (no 农林水 forestry list)
    assert "（十七）“三公”经费" in example_flat
    assert "农林水" not in example_flat.split("四、名词解释")[-1]


def test_every_self_evaluation_total(example_pdf: Path, example_flat: str) -> None:
    layout = pdf_text(example_pdf, layout=True)
    totals = re.findall(r"总分\s+100\s+([\d.]+)\s+—", layout)
    assert totals == ["94.37", "86.73", "99.1", "95", "48.55", "94.3", "66", "96.5"]
    assert "项目自评得分94.37分" in example_flat and "项目自评得分48.55分" in example_flat


def test_attachments_present(example_pdf: Path, example_flat: str) -> None:
    assert "部门（单位）整体支出绩效目标完成情况自评表" in example_flat
    assert "项目支出绩效评价指标体系评分表" in example_flat
    assert "扶贫合作交流项目支出部门评价报告" in example_flat
    layout = pdf_text(example_pdf, layout=True)
    assert re.search(r"综合评分\s+100\s+88\.83", layout)
    assert re.findall(r"合计得分\s+100\s+([\d.]+)", layout) == ["97.2", "88.25"]
    assert re.findall(r"评分等级\s+(\S)", layout) == ["良", "优", "良"]


def test_contents_page_numbers_are_real(example_pdf: Path, example_text: str) -> None:
    pages = example_text.split("\f")
    toc = pages[1]
    match = re.search(r"（三）支出决算表\s*\.+\s*(\d+)", toc)
    assert match, toc[:500]
    page = int(match.group(1))
    assert "公开03表" in pages[page - 1]
    assert re.search(rf"—\s*{page}\s*—", pages[page - 1])  # footer page number
    # a section spanning pages is listed at its first page (附件1 runs for several)
    first = int(re.search(r"附件1\s*\S+?\s*\.+\s*(\d+)", toc).group(1))
    assert pages[first - 1].lstrip().startswith("附件1")
    assert "附件1" not in pages[first - 2]


def test_pdf_fonts_are_embedded_subsets(example_pdf: Path) -> None:
    listing = subprocess.run(
        ["pdffonts", str(example_pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert listing, "no fonts in the PDF"
    for line in listing:
        *_, emb, sub, _uni, _obj, _gen = line.split()
        assert (emb, sub) == ("yes", "yes"), line
    assert any("CJK" in line for line in listing)
    assert example_pdf.stat().st_size < 8_000_000  # subsets, not the 20 MB collections

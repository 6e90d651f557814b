"""Generated departments for batch runs: the bundled examples, varied and still consistent.

A variant of an example is a new department: its own name and a seeded
subset of the example's attachments (so page counts differ from 20 to 70).
Its figures stay the published ones: they carry the published rounding, and
scaling them would scale the rounding past what ``check`` accepts.  A
*broken* variant also misstates one total, which ``check`` must refuse.
Seeded: the same seed gives the same department.
"""

from __future__ import annotations

import random
import re
import shutil
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = [REPO / "inputs" / name for name in ("shenzhen-2020", "guangzhou-2017", "shanghai-2024")]
NAMES = [
    "教育局", "民政局", "司法局", "人力资源和社会保障局", "自然资源局", "生态环境局",
    "住房和城乡建设局", "交通运输局", "水务局", "商务局", "文化广电旅游体育局", "卫生健康委员会",
    "应急管理局", "审计局", "统计局", "医疗保障局", "城市管理和综合执法局", "档案馆",
]  # fmt: skip


def variant(example: Path, target: Path, seed: int, broken: bool = False) -> Path:
    """Write department ``seed`` derived from ``example`` under ``target``; returns its folder."""
    rng = random.Random(seed)
    folder = target / f"{example.name}-{seed:02d}{'-broken' if broken else ''}"
    shutil.copytree(example, folder)
    report = folder / "report.yaml"
    region = re.search(r"^department: (\S+?)(?:市|区)", report.read_text(encoding="utf-8"), re.M)
    prefix = region.group(0).removeprefix("department: ") if region else ""
    name = f"{prefix}{rng.choice(NAMES)}"
    text = report.read_text(encoding="utf-8")
    report.write_text(re.sub(r"^department: .*$", f"department: {name}", text, flags=re.M), "utf-8")
    for attachment in sorted(folder.glob("attachments*.yaml")):
        if rng.random() < 0.5:
            attachment.unlink()
    if broken:
        tables = folder / "tables.yaml"
        text = tables.read_text(encoding="utf-8")
        stated = re.search(r"(收入总计|合计): (\d+\.\d+)", text)
        assert stated, f"{tables}: no stated total to misstate"
        wrong = Decimal(stated.group(2)) + Decimal("1.00")
        text = text[: stated.start(2)] + f"{wrong:f}" + text[stated.end(2) :]
        tables.write_text(text, "utf-8")
    return folder


def city(target: Path, count: int = 20, broken: int = 2, seed: int = 12) -> list[Path]:
    """The bundled examples and generated departments: ``count`` inputs, ``broken`` refused."""
    target.mkdir(parents=True, exist_ok=True)
    out = []
    for example in EXAMPLES[: min(count, len(EXAMPLES))]:
        out.append(target / example.name)
        shutil.copytree(example, out[-1])
    rng = random.Random(seed)
    for i in range(count - len(out)):
        example = rng.choice(EXAMPLES)
        out.append(variant(example, target, seed * 100 + i, broken=i < broken))
    return out

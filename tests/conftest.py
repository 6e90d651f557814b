"""Shared fixtures: the bundled example is built once per test session."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.app import build as builder
from generator.compute.computed import Computed
from generator.compute.report import compute
from generator.model.report import Report
from generator.profiles.loader import load_profile

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session", autouse=True)
def piece_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The layout cache of this session (never the user's): builds share laid-out pieces."""
    folder = tmp_path_factory.mktemp("piece-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GEN_REPORT_CACHE", str(folder))
        yield folder


# Fixtures that lay out a PDF (seconds each): a test that uses one, directly or through
# another fixture, is marked slow, so `pytest -m "not slow"` is the quick loop.
PDF_FIXTURES = {"example_build", "gz_pdf", "sh_pdf"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if PDF_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def example() -> builder.Loaded:
    return builder.load(builder.EXAMPLE)


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory, example: builder.Loaded) -> Path:
    """Build the example's PDF and XLSX once; tests read the files back."""
    out = tmp_path_factory.mktemp("example")
    builder.render(example, out)
    return out


@pytest.fixture(scope="session")
def example_pdf(example_build: Path) -> Path:
    return example_build / "shenzhen-2020.pdf"


@pytest.fixture(scope="session")
def example_xlsx(example_build: Path) -> Path:
    return example_build / "shenzhen-2020.xlsx"


def pdf_text(path: Path, layout: bool = False) -> str:
    """Text as a reader's copy/paste sees it (pdftotext from poppler)."""
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is required for the tests"
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def example_text(example_pdf: Path) -> str:
    return pdf_text(example_pdf)


def flat(text: str) -> str:
    """Join lines and drop spaces: sentences wrap across PDF lines."""
    return "".join(text.split())


def without_footers(text: str) -> str:
    """One line of text without spaces or page footers: sentences span pages."""
    return flat(re.sub(r"—\s*\d+\s*—", "", text))


def squeezed_layout(pdf: Path) -> str:
    """pdftotext -layout with runs of spaces squeezed: each table row on one line."""
    return re.sub(r"[ \t]+", " ", pdf_text(pdf, layout=True))


def build_pdf(factory: pytest.TempPathFactory, loaded: builder.Loaded) -> Path:
    """Render one bundled example's PDF (once per module, by the caller's fixture)."""
    out = factory.mktemp(loaded.path.name)
    builder.render(loaded, out, formats=("pdf",))
    return out / f"{loaded.path.name}.pdf"


@pytest.fixture(scope="session")
def example_flat(example_text: str) -> str:
    return flat(example_text)


def make_report(**fields: Any) -> Report:
    """A small report on the default profile; tests add only what they exercise."""
    data: dict[str, Any] = {"profile": "shenzhen-2020", "department": "测试局", "year": 2020}
    data.update(fields)
    return Report.model_validate(data)


def computed(**fields: Any) -> Computed:
    return compute(make_report(**fields), load_profile("shenzhen-2020"))


@pytest.fixture(scope="session")
def planted():
    """scripts/planted_errors.py as a module (the planted-error benchmark)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "planted_errors", REPO / "scripts" / "planted_errors.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def real_inputs(planted) -> dict[str, dict[str, Any]]:
    """Every real 决算 PDF of ../shared/real-world, extracted once per session."""
    return planted.extract_inputs(SHARED / "real-world")

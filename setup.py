"""The wheel carries the top-level profiles/, templates/ and inputs/ inside the package.

They stay at the repository's top level, where people edit them (and where a
checkout or an editable install reads them, see ``generator/bundled.py``); a
non-editable build copies them to ``generator/_bundled/`` so an installed
gen-report needs no checkout. Everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
BUNDLED = ("profiles", "templates", "inputs")


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the checkout's folders
            return
        for name in BUNDLED:
            target = Path(self.build_lib) / "generator" / "_bundled" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(HERE / name, target, ignore=shutil.ignore_patterns("__pycache__"))


setup(cmdclass={"build_py": BuildWithData})

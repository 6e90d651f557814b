"""WeasyPrint is imported without running the C compiler, and still imported when that
way fails (``generator.formats.pdf.libraries``).  Each case is a fresh process: an
import happens once per process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux lookups")

SPY = '#!/bin/sh\necho "$(basename "$0") $*" >> "{log}"\nexec "{real}" "$@"\n'
IMPORT = {
    "ours": "from generator.formats.pdf import libraries; w = libraries.import_weasyprint()",
    "plain": "import weasyprint as w",
}
CHECK = """
import ctypes.util
{imported}
assert ctypes.util.find_library.__name__ == "find_library"  # put back after the import
pdf = w.HTML(string="<p>一</p>").write_pdf()
print("OK", pdf[:5].decode())
"""


def _spied_path(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A PATH on which ``gcc`` and ``ld`` log every run, then do their work."""
    log, spies = tmp_path / "runs.log", tmp_path / "bin"
    spies.mkdir()
    for tool in ("gcc", "ld"):
        real = next(
            (
                Path(d) / tool
                for d in os.environ["PATH"].split(os.pathsep)
                if (Path(d) / tool).is_file()
            ),
            None,
        )
        if real is None:
            pytest.skip(f"{tool} is not installed: find_library never runs it here")
        spy = spies / tool
        spy.write_text(SPY.format(log=log, real=real), encoding="utf-8")
        spy.chmod(0o755)
    env = {**os.environ, "PATH": f"{spies}{os.pathsep}{os.environ['PATH']}"}
    return env, log


@pytest.mark.parametrize("how", ["ours", "plain"])
def test_our_import_runs_no_compiler_where_a_plain_one_does(how: str, tmp_path: Path) -> None:
    env, log = _spied_path(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", CHECK.format(imported=IMPORT[how])],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "OK %PDF-" in done.stdout
    runs = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    if how == "ours":
        assert runs == []
    else:  # the cost we avoid: a gcc and an ld run per name the cache does not know
        assert len(runs) >= 10 and any(r.startswith("gcc ") for r in runs)


def test_when_the_quick_way_fails_the_import_is_done_the_ordinary_way() -> None:
    # every library refuses to load while lookups are the quick ones: WeasyPrint prints
    # its installation banner and raises; the second, ordinary import succeeds
    script = """
import ctypes.util, cffi
quick = ctypes.util._findSoname_ldconfig
dlopen = cffi.FFI.dlopen
def refusing(self, name, *args, **kwargs):
    if ctypes.util.find_library is quick:
        raise OSError("cannot load " + str(name))
    return dlopen(self, name, *args, **kwargs)
cffi.FFI.dlopen = refusing
""" + CHECK.format(imported=IMPORT["ours"])
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert "OK %PDF-" in done.stdout
    assert "could not import" not in done.stdout + done.stderr  # the first attempt's banner

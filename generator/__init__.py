"""gen-report: the standard 部门决算 disclosure generated from one typed model.

The flow is visible in the package layout:
``formats`` (readers: YAML, input workbook, published PDF) → ``model`` → ``compute``
(every subtotal and cross-table figure) → ``checks`` | ``narrative`` → ``document``
(what is printed) → ``formats`` (writers: PDF, XLSX). ``app`` composes the stages into
the use cases (build, check, diff, extract, init, prior); ``cli`` is the thin layer on top.
"""

from typing import Any


def __getattr__(name: str) -> Any:
    """``__version__`` is looked up on first use: scanning the installed packages for it
    cost every command a noticeable part of its start-up."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("gen-report")
    except PackageNotFoundError:  # run from a checkout that was never installed
        found = "（未安装）"
    globals()["__version__"] = found
    return found

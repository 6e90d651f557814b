"""gen-report: the standard 部门决算 disclosure generated from one typed model.

The flow is visible in the package layout:
``formats`` (readers: YAML, input workbook, published PDF) → ``model`` → ``compute``
(every subtotal and cross-table figure) → ``checks`` | ``narrative`` → ``document``
(what is printed) → ``formats`` (writers: PDF, XLSX). ``app`` composes the stages into
the use cases (build, check, diff, extract, init, prior); ``cli`` is the thin layer on top.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("gen-report")
except PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "（未安装）"

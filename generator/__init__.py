"""gen-report: the standard 部门决算 disclosure generated from one typed model.

The flow is visible in the package layout:
``formats`` (readers: YAML, input workbook, published PDF) → ``model`` → ``compute``
(every subtotal and cross-table figure) → ``checks`` | ``narrative`` → ``document``
(what is printed) → ``formats`` (writers: PDF, XLSX). ``app`` composes the stages into
the use cases (build, check, diff, extract, init, prior); ``cli`` is the thin layer on top.
"""

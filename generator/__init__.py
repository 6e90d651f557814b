"""gen-report: the standard 部门决算 disclosure generated from one typed model.

The flow is visible in the package layout:
``load`` (YAML, workbook, published PDF) → ``model`` → ``compute`` (every subtotal
and cross-table figure) → ``narrative`` / ``views`` → ``render`` (PDF, XLSX).
"""

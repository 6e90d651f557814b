"""Renderers: the document view → PDF (WeasyPrint) and XLSX (openpyxl)."""

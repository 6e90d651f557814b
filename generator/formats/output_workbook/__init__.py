"""The output XLSX of the disclosure tables."""

"""The input workbook finance officers fill: writer and reader share one layout."""

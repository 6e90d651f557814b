"""Inputs become figures: the cell engine (cells), ``compute()`` (report), its result
(computed) and the performance scores (performance)."""

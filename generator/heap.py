"""Python's garbage collector, tuned for what a build allocates.

A layout allocates millions of container objects (WeasyPrint's boxes, openpyxl's
cells) that live until the page is painted or the file saved, so a young
generation collected every 700 allocations finds almost nothing to free and
spends about 15 % of a build looking (a department's build in a batch worker:
3.2 s → 2.75 s, peak memory +12 MB).  The program itself (models, schemas,
rules, WeasyPrint once imported) lives until exit: ``gc.freeze`` takes it out
of the collector's sight altogether.
"""

from __future__ import annotations

import gc

YOUNG = 50_000  # allocations between collections of the youngest generation
MIDDLE = 20  # young collections between collections of the middle one
OLD = 10  # middle collections between full ones: a batch worker still frees a department's cycles


def settle() -> None:
    """Once the program is imported, before the work: freeze it, collect less often."""
    gc.freeze()
    gc.set_threshold(YOUNG, MIDDLE, OLD)

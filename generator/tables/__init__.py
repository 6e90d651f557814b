"""One module per table kind (classified, balance, economic, grid) and the registry.

A kind's module owns everything that kind means — its formulas, its printed
grid, its input-workbook sheet (written and read), its input shape for
``--prior`` and ``extract``, which rule a stated total answers to — so a
layout option is honoured by every output because one place knows it.
"""

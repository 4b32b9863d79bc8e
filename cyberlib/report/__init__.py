"""Report: the notebooks in, an HTML report with chart images out.

In: the notebooks folder (they call the library and :mod:`cyberlib.plots`). Out:
``reports/`` with one HTML page per notebook, the charts as PNG and an index.

Modules: ``build`` (execute notebooks, write HTML and PNG, refresh notebooks in place).

May import: anything below it; nothing imports it but the CLI.
"""

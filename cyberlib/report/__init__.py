"""Report: the notebooks in, an HTML report with chart images out.

In: the notebooks folder (they call the library and :mod:`cyberlib.plots`). Out:
``reports/`` with one HTML page per notebook, the charts as PNG and an index.

Modules: ``build`` (execute notebooks, write HTML, PNG and PDF, refresh notebooks in
place) and ``inputs`` (what the notebooks read: a corpus or an ``analyze`` folder, the
header naming it, tables shown top-N with numbers that read).

May import: anything below it; nothing imports it but the CLI.
"""

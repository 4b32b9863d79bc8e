"""Execute the numbered notebooks and write an HTML report with every chart as PNG.

``build_report`` runs each ``notebooks/NN_*.ipynb`` in a fresh kernel (working directory
``notebooks/``), then writes ``reports/NN_name.html``, ``reports/NN_name/figure_K.png``
for each chart (and ``figure_K.pdf``, the same chart as vector graphics for print) and
``reports/index.html`` linking them, headed by the corpus the notebooks ran on. The
notebooks read the corpus from :data:`CORPUS_ENV` or an ``analyze`` output folder from
:data:`ANALYSIS_ENV` in their ``parameters`` cell, so ``build_report(corpus=...)`` runs the
same analysis on other articles.

Where the notebooks are: ``notebooks=`` when given; otherwise the ``notebooks/`` folder of
the source checkout cyberlib is installed from (``make setup`` installs it in editable
mode), found next to the package, so ``cyberlib report`` works from any directory; a wheel
install uses the copy the wheel carries (``<prefix>/share/cyberlib/notebooks``, made from
``notebooks/`` at build time). The repository's ``notebooks/`` is the one source of truth.
The notebooks' default corpus, ``../data/articles``, exists only beside a checkout: outside
one, pass ``--corpus`` or ``--analysis``.

A notebook that cannot be read (malformed JSON, not a notebook) or that fails is named on
stderr and left out; the others still run, the index is still written, and
:class:`ReportError` lists the failures (the CLI exits 1).

>>> from cyberlib.report.build import notebook_paths
>>> [p.name for p in notebook_paths("notebooks")][:1]
['01_corpus.ipynb']
"""

from __future__ import annotations

import base64
import glob
import html
import os
import re
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: Environment variable the notebooks' parameter cell reads for the corpus folder.
CORPUS_ENV = "CYBERLIB_CORPUS"
#: Environment variable the notebooks' parameter cell reads for an analysis folder.
ANALYSIS_ENV = "CYBERLIB_ANALYSIS"
#: Set in the kernel by the report: charts are also kept as PDF (print resolution).
PRINT_ENV = "CYBERLIB_PRINT"

#: Seconds a single cell may run before the report gives up on the notebook.
CELL_TIMEOUT = 600

_NOTEBOOK = re.compile(r"^\d\d_.+\.ipynb$")

# Code cells hold Vietnamese strings and comments; several common monospace fonts
# (DejaVu Sans Mono, Liberation Mono) lack the precomposed letters (ố, ế, ữ …) and the
# browser then stacks loose accents. Prefer monospace fonts that cover Vietnamese.
_VIETNAMESE_CODE_CSS = """<style>
:root {
  --jp-code-font-family: "Noto Sans Mono", "Noto Mono", Consolas, "Cascadia Mono", Menlo,
    "DejaVu Sans Mono", monospace;
}
</style>
"""


class ReportError(RuntimeError):
    """A notebook could not be executed; the message names it and the failing cell."""


@dataclass
class NotebookResult:
    """What one notebook produced in the report."""

    name: str
    title: str
    html: Path
    figures: list[Path] = field(default_factory=list)
    seconds: float = 0.0


def default_notebooks() -> Path:
    """Where ``cyberlib report`` finds the notebooks when not told.

    The ``notebooks/`` folder of the checkout cyberlib runs from (next to the package: a
    source tree or an editable install) when it has numbered notebooks; otherwise the copy
    a wheel installs in ``<prefix>/share/cyberlib/notebooks``.

    >>> default_notebooks().name
    'notebooks'
    """
    checkout = Path(__file__).resolve().parents[2] / "notebooks"
    if checkout.is_dir() and any(_NOTEBOOK.match(p.name) for p in checkout.iterdir()):
        return checkout
    return Path(sys.prefix) / "share" / "cyberlib" / "notebooks"


def notebook_paths(notebooks: str | os.PathLike[str] = "notebooks") -> list[Path]:
    """The numbered notebooks ``NN_*.ipynb`` of a folder, in order.

    >>> [p.name for p in notebook_paths("notebooks")][0]
    '01_corpus.ipynb'
    """
    folder = Path(notebooks)
    if not folder.is_dir():
        raise ReportError(f"{folder}: no such notebooks folder")
    return sorted(p for p in folder.iterdir() if _NOTEBOOK.match(p.name))


def notebook_title(nb) -> str:
    """The first Markdown heading of a notebook, without the ``#`` marks.

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Kho bài viết")])
    >>> notebook_title(nb)
    'Kho bài viết'
    """
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return ""


def execute_notebook(
    path: str | os.PathLike[str],
    corpus: str | os.PathLike[str] | None = None,
    record_timing: bool = True,
    analysis: str | os.PathLike[str] | None = None,
    print_charts: bool = False,
):
    """Run a notebook from a fresh kernel in its own folder; return the executed notebook.

    ``corpus`` (a folder of articles) is passed to the notebook's parameter cell through
    the environment variable :data:`CORPUS_ENV`, ``analysis`` (an ``analyze`` output
    folder) through :data:`ANALYSIS_ENV`; ``print_charts`` asks the notebook to keep each
    chart as PDF too. ``record_timing=False`` leaves no
    timestamps in the cells' metadata (for notebooks that are committed). Raises
    :class:`ReportError` naming the notebook and the error when a cell fails.

    >>> import tempfile, nbformat
    >>> folder = Path(tempfile.mkdtemp())
    >>> cell = nbformat.v4.new_code_cell("print('Xin chào Hà Nội')")
    >>> nbformat.write(nbformat.v4.new_notebook(cells=[cell]), folder / "01_chao.ipynb")
    >>> execute_notebook(folder / "01_chao.ipynb").cells[0].outputs[0]["text"]
    'Xin chào Hà Nội\\n'

    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    path = Path(path)
    nb = read_notebook(path)
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)  # let the kernel pick its inline backend
    env.setdefault("PYTHONHASHSEED", "0")
    if corpus is not None:
        env[CORPUS_ENV] = str(Path(corpus).resolve()) if Path(corpus).exists() else str(
            Path.cwd() / corpus)  # fmt: skip
    else:
        env.pop(CORPUS_ENV, None)
    if analysis is not None:
        env[ANALYSIS_ENV] = str(Path(analysis).resolve())
    else:
        env.pop(ANALYSIS_ENV, None)
    if print_charts:
        env[PRINT_ENV] = "1"
    else:
        env.pop(PRINT_ENV, None)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        record_timing=record_timing,
        resources={"metadata": {"path": str(path.parent.resolve())}},
        # charts as PDF too (vector, for print) besides the screen PNG
        extra_arguments=["--InlineBackend.figure_formats=png", "--InlineBackend.figure_formats=pdf"]
        if print_charts
        else [],
    )
    try:
        # the kernel's own log (a zmq traceback as it shuts down, on a busy machine) is no
        # message for the reader: a cell's error comes back as its output, a dead kernel as
        # DeadKernelError, so the kernel process writes to no terminal
        client.execute(env=env, stderr=subprocess.DEVNULL)
    except CellExecutionError as exc:
        raise ReportError(f"notebook {path.name} failed: {_first_error_line(exc)}") from exc
    except CellTimeoutError as exc:
        raise ReportError(f"notebook {path.name} failed: a cell ran longer than "
                          f"{CELL_TIMEOUT} s") from exc  # fmt: skip
    except DeadKernelError as exc:
        raise ReportError(f"notebook {path.name} failed: the kernel died ({exc})") from exc
    return nb


def read_notebook(path: str | os.PathLike[str]):
    """Read a notebook; :class:`ReportError` naming the file when it is not a valid one.

    >>> import tempfile
    >>> bad = Path(tempfile.mkdtemp()) / "01_hong.ipynb"
    >>> _ = bad.write_text("{ không phải JSON", encoding="utf-8")
    >>> try:
    ...     read_notebook(bad)
    ... except ReportError as exc:
    ...     print(exc)
    notebook 01_hong.ipynb cannot be read: not valid JSON
    """
    import json

    import nbformat
    from nbformat.reader import NotJSONError

    path = Path(path)
    try:
        nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
        nbformat.validate(nb)
    except (json.JSONDecodeError, NotJSONError) as exc:
        raise ReportError(f"notebook {path.name} cannot be read: not valid JSON") from exc
    except UnicodeDecodeError as exc:
        raise ReportError(f"notebook {path.name} cannot be read: not UTF-8") from exc
    except OSError as exc:
        raise ReportError(f"notebook {path.name} cannot be read: {exc.strerror}") from exc
    except Exception as exc:  # noqa: BLE001 - nbformat raises many kinds for a bad notebook
        reason = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
        raise ReportError(f"notebook {path.name} is not a valid notebook: {reason}") from exc
    return nb


def _first_error_line(exc: Exception) -> str:
    ename = getattr(exc, "ename", "") or type(exc).__name__
    evalue = getattr(exc, "evalue", "") or str(exc).strip().splitlines()[-1:]
    return f"{ename}: {evalue}"


def figure_pngs(nb) -> list[bytes]:
    """The PNG images among a notebook's outputs, in order.

    >>> import nbformat
    >>> cell = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
    ...     "display_data", data={"image/png": "iVBORw0K", "text/plain": "<Figure>"})])
    >>> figure_pngs(nbformat.v4.new_notebook(cells=[cell]))
    [b'\\x89PNG\\r\\n']
    """
    images = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                raw = data["image/png"]
                if isinstance(raw, list):
                    raw = "".join(raw)
                images.append(base64.b64decode(raw))
    return images


def figure_pdfs(nb) -> list[bytes | None]:
    """For each PNG chart of :func:`figure_pngs`, its PDF twin when the output has one.

    >>> import nbformat
    >>> cell = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
    ...     "display_data", data={"image/png": "iVBORw0K", "application/pdf": "JVBERi0x"})])
    >>> figure_pdfs(nbformat.v4.new_notebook(cells=[cell]))
    [b'%PDF-1']
    """
    pdfs: list[bytes | None] = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                raw = data.get("application/pdf")
                if isinstance(raw, list):
                    raw = "".join(raw)
                pdfs.append(base64.b64decode(raw) if raw else None)
    return pdfs


def corpus_header(nb) -> str:
    """The line a notebook printed naming its corpus ("Kho bài: …"), or "".

    >>> import nbformat
    >>> cell = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
    ...     "stream", name="stdout", text="Kho bài: articles — 5 bài\\n")])
    >>> corpus_header(nbformat.v4.new_notebook(cells=[cell]))
    'Kho bài: articles — 5 bài'
    """
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "")
            text = "".join(text) if isinstance(text, list) else str(text)
            for line in text.splitlines():
                if line.startswith("Kho bài:"):
                    return line.strip()
    return ""


def _href(path: Path, out: Path) -> str:
    """A relative URL for a file under ``out``: each part percent-encoded, so names with
    ``$``, ``^``, ``\\``, ``#`` or ``%`` still link to their file."""
    parts = path.relative_to(out).parts
    return html.escape("/".join(urllib.parse.quote(p, safe="") for p in parts))


def _index_html(
    results: Sequence[NotebookResult], out: Path, header: str = "", failures: Sequence[str] = ()
) -> str:
    items = []
    for r in results:
        thumbs = "".join(
            f'<a href="{_href(p, out)}">'
            f'<img src="{_href(p, out)}" '
            f'alt="{html.escape(r.name)} — hình {k}" loading="lazy"></a>'
            for k, p in enumerate(r.figures, 1)
        )
        n = len(r.figures)
        items.append(
            f'<section><h2><a href="{_href(r.html, out)}">{html.escape(r.name)}</a>'
            f" — {html.escape(r.title)}</h2>"
            f'<p class="meta">{n} biểu đồ (chart{"s" if n != 1 else ""})</p>'
            f'<div class="thumbs">{thumbs}</div></section>'
        )
    body = "\n".join(items)
    if failures:
        listed = "".join(f"<li>{html.escape(f)}</li>" for f in failures)
        body += (
            f'<section class="failed"><h2>Không chạy được (failed)</h2><ul>{listed}</ul></section>'
        )
    head = f'<p class="corpus">{html.escape(header)}</p>' if header else ""
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cyberlib — báo cáo</title>
<style>
body {{ font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; margin: 2rem auto;
       max-width: 70rem; padding: 0 1rem; color: #222; line-height: 1.45; }}
h1 {{ font-size: 1.6rem; }}
h2 {{ font-size: 1.15rem; margin-bottom: 0.2rem; }}
section {{ border-top: 1px solid #ddd; padding: 0.6rem 0 1rem; }}
.meta {{ color: #666; margin: 0 0 0.5rem; font-size: 0.9rem; }}
.thumbs {{ display: flex; flex-wrap: wrap; gap: 0.6rem; }}
.thumbs img {{ height: 150px; border: 1px solid #ccc; background: white; }}
.corpus {{ font-weight: bold; }}
.failed {{ color: #922; }}
</style>
</head>
<body>
<h1>cyberlib — số liệu và chủ đề trong tin về tội phạm mạng</h1>
{head}
<p>Mỗi sổ tay (notebook) dưới đây được chạy lại từ đầu; bấm vào tên để đọc bản HTML,
vào hình để xem biểu đồ ở kích thước đầy đủ.</p>
{body}
</body>
</html>
"""


def build_report(
    out: str | os.PathLike[str] = "reports",
    notebooks: str | os.PathLike[str] | None = None,
    corpus: str | os.PathLike[str] | None = None,
    analysis: str | os.PathLike[str] | None = None,
) -> Path:
    """Execute every ``notebooks/NN_*.ipynb`` and write the report; return ``index.html``.

    Writes ``out/NN_name.html`` (nbconvert's HTML), ``out/NN_name/figure_K.png`` and
    ``figure_K.pdf`` for each chart (K from 1) and ``out/index.html`` linking them.
    ``corpus`` overrides the articles the notebooks read (default: their
    ``../data/articles``), ``analysis`` points them at an ``analyze`` output folder;
    ``notebooks`` defaults to :func:`default_notebooks`. A notebook that cannot be read or
    fails does not stop the others: the report is written without it, then
    :class:`ReportError` names every notebook that failed.

    >>> import tempfile, nbformat
    >>> folder = Path(tempfile.mkdtemp())
    >>> cell = nbformat.v4.new_code_cell("print('Báo cáo thử')")
    >>> nbformat.write(nbformat.v4.new_notebook(cells=[cell]), folder / "01_thu.ipynb")
    >>> index = build_report(out=folder / "out", notebooks=folder)
    >>> index.name, "01_thu.html" in index.read_text(encoding="utf-8")
    ('index.html', True)
    """
    from nbconvert import HTMLExporter

    out = Path(out)
    notebooks = default_notebooks() if notebooks is None else notebooks
    paths = notebook_paths(notebooks)
    if not paths:
        raise ReportError(f"{notebooks}: no notebooks named NN_*.ipynb")
    if corpus is not None and not Path(corpus).exists() and not glob.has_magic(str(corpus)):
        raise ReportError(f"{corpus}: no such corpus file or folder")
    if analysis is not None and not Path(analysis).is_dir():
        raise ReportError(f"{analysis}: no such analysis folder")
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter()
    results, failures = [], []
    header = ""
    for path in paths:
        started = time.perf_counter()
        try:
            nb = execute_notebook(path, corpus=corpus, analysis=analysis, print_charts=True)
        except ReportError as exc:  # report it, and go on with the other notebooks
            failures.append(str(exc))
            print(f"cyberlib report: {exc}", file=sys.stderr)
            continue
        title = notebook_title(nb) or path.stem
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
        html_path = out / f"{path.stem}.html"
        body = body.replace("</head>", _VIETNAMESE_CODE_CSS + "</head>", 1)
        html_path.write_text(body, encoding="utf-8")
        fig_dir = out / path.stem
        fig_dir.mkdir(exist_ok=True)
        for old in [*fig_dir.glob("figure_*.png"), *fig_dir.glob("figure_*.pdf")]:
            old.unlink()
        figures = []
        pdfs = figure_pdfs(nb)
        for k, png in enumerate(figure_pngs(nb), 1):
            fig_path = fig_dir / f"figure_{k}.png"
            fig_path.write_bytes(png)
            figures.append(fig_path)
            if pdfs[k - 1] is not None:
                fig_path.with_suffix(".pdf").write_bytes(pdfs[k - 1])
        header = header or corpus_header(nb)
        seconds = time.perf_counter() - started
        results.append(NotebookResult(path.stem, title, html_path, figures, seconds))
        print(
            f"cyberlib report: {path.name} ran in {seconds:.1f} s, {len(figures)} chart(s)",
            file=sys.stderr,
        )
    index = out / "index.html"
    index.write_text(_index_html(results, out, header, failures), encoding="utf-8")
    if failures:
        raise ReportError("; ".join(failures) + f" (the other notebooks are in {index})")
    return index


def refresh_notebooks(notebooks: str | os.PathLike[str] = "notebooks") -> list[Path]:
    """Re-execute every numbered notebook in place so its stored outputs are current.

    Used after a change to the library or the corpus, before committing the notebooks
    that nbval compares against. No timestamps are written into the cells. A notebook
    that cannot be read or fails is left as it was; the others are refreshed, then
    :class:`ReportError` names the failures.

    >>> import tempfile, nbformat
    >>> folder = Path(tempfile.mkdtemp())
    >>> cell = nbformat.v4.new_code_cell("len('tội phạm mạng')")
    >>> nbformat.write(nbformat.v4.new_notebook(cells=[cell]), folder / "02_dem.ipynb")
    >>> [p.name for p in refresh_notebooks(folder)]
    ['02_dem.ipynb']
    >>> nbformat.read(folder / "02_dem.ipynb", 4).cells[0].outputs[0]["data"]["text/plain"]
    '13'

    """
    import nbformat

    written, failures = [], []
    for path in notebook_paths(notebooks):
        started = time.perf_counter()
        try:
            nb = execute_notebook(path, record_timing=False)
        except ReportError as exc:  # leave that notebook as it was, refresh the others
            failures.append(str(exc))
            print(f"cyberlib report: {exc}", file=sys.stderr)
            continue
        nbformat.write(nb, path)
        seconds = time.perf_counter() - started
        print(f"cyberlib report: refreshed {path.name} in {seconds:.1f} s", file=sys.stderr)
        written.append(path)
    if failures:
        raise ReportError("; ".join(failures) + " (the other notebooks were refreshed)")
    return written

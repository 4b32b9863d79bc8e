"""Execute the numbered notebooks and write an HTML report with every chart as PNG.

``build_report`` runs each ``notebooks/NN_*.ipynb`` in a fresh kernel (working directory
``notebooks/``), then writes ``reports/NN_name.html``, ``reports/NN_name/figure_K.png``
for each chart and ``reports/index.html`` linking them. The notebooks read the corpus
folder from the environment variable :data:`CORPUS_ENV` in their ``parameters`` cell, so
``build_report(corpus="other/articles")`` runs the same analysis on other articles.

>>> from cyberlib.report.build import notebook_paths
>>> [p.name for p in notebook_paths("notebooks")][:1]
['01_corpus.ipynb']
"""

from __future__ import annotations

import base64
import html
import os
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: Environment variable the notebooks' parameter cell reads for the corpus folder.
CORPUS_ENV = "CYBERLIB_CORPUS"

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
):
    """Run a notebook from a fresh kernel in its own folder; return the executed notebook.

    ``corpus`` (a folder of articles) is passed to the notebook's parameter cell through
    the environment variable :data:`CORPUS_ENV`. ``record_timing=False`` leaves no
    timestamps in the cells' metadata (for notebooks that are committed). Raises
    :class:`ReportError` naming the notebook and the error when a cell fails.

    >>> import tempfile, nbformat
    >>> folder = Path(tempfile.mkdtemp())
    >>> cell = nbformat.v4.new_code_cell("print('Xin chào Hà Nội')")
    >>> nbformat.write(nbformat.v4.new_notebook(cells=[cell]), folder / "01_chao.ipynb")
    >>> execute_notebook(folder / "01_chao.ipynb").cells[0].outputs[0]["text"]
    'Xin chào Hà Nội\\n'

    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)  # let the kernel pick its inline backend
    env.setdefault("PYTHONHASHSEED", "0")
    if corpus is not None:
        env[CORPUS_ENV] = str(Path(corpus).resolve())
    else:
        env.pop(CORPUS_ENV, None)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        record_timing=record_timing,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    try:
        client.execute(env=env)
    except CellExecutionError as exc:
        raise ReportError(f"notebook {path.name} failed: {_first_error_line(exc)}") from exc
    except CellTimeoutError as exc:
        raise ReportError(f"notebook {path.name} failed: a cell ran longer than "
                          f"{CELL_TIMEOUT} s") from exc  # fmt: skip
    except DeadKernelError as exc:
        raise ReportError(f"notebook {path.name} failed: the kernel died ({exc})") from exc
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


def _index_html(results: Sequence[NotebookResult], out: Path) -> str:
    items = []
    for r in results:
        thumbs = "".join(
            f'<a href="{html.escape(p.relative_to(out).as_posix())}">'
            f'<img src="{html.escape(p.relative_to(out).as_posix())}" '
            f'alt="{html.escape(r.name)} — hình {k}" loading="lazy"></a>'
            for k, p in enumerate(r.figures, 1)
        )
        n = len(r.figures)
        items.append(
            f'<section><h2><a href="{html.escape(r.html.name)}">{html.escape(r.name)}</a>'
            f" — {html.escape(r.title)}</h2>"
            f'<p class="meta">{n} biểu đồ (chart{"s" if n != 1 else ""})</p>'
            f'<div class="thumbs">{thumbs}</div></section>'
        )
    body = "\n".join(items)
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
</style>
</head>
<body>
<h1>cyberlib — số liệu và chủ đề trong tin về tội phạm mạng</h1>
<p>Mỗi sổ tay (notebook) dưới đây được chạy lại từ đầu; bấm vào tên để đọc bản HTML,
vào hình để xem biểu đồ ở kích thước đầy đủ.</p>
{body}
</body>
</html>
"""


def build_report(
    out: str | os.PathLike[str] = "reports",
    notebooks: str | os.PathLike[str] = "notebooks",
    corpus: str | os.PathLike[str] | None = None,
) -> Path:
    """Execute every ``notebooks/NN_*.ipynb`` and write the report; return ``index.html``.

    Writes ``out/NN_name.html`` (nbconvert's HTML), ``out/NN_name/figure_K.png`` for each
    chart (K from 1) and ``out/index.html`` linking them. ``corpus`` overrides the folder of
    articles the notebooks read (default: their ``../data/articles``). A notebook that
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
    paths = notebook_paths(notebooks)
    if not paths:
        raise ReportError(f"{notebooks}: no notebooks named NN_*.ipynb")
    if corpus is not None and not Path(corpus).is_dir():
        raise ReportError(f"{corpus}: no such corpus folder")
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter()
    results, failures = [], []
    for path in paths:
        started = time.perf_counter()
        try:
            nb = execute_notebook(path, corpus=corpus)
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
        for old in fig_dir.glob("figure_*.png"):
            old.unlink()
        figures = []
        for k, png in enumerate(figure_pngs(nb), 1):
            fig_path = fig_dir / f"figure_{k}.png"
            fig_path.write_bytes(png)
            figures.append(fig_path)
        seconds = time.perf_counter() - started
        results.append(NotebookResult(path.stem, title, html_path, figures, seconds))
        print(
            f"cyberlib report: {path.name} ran in {seconds:.1f} s, {len(figures)} chart(s)",
            file=sys.stderr,
        )
    index = out / "index.html"
    index.write_text(_index_html(results, out), encoding="utf-8")
    if failures:
        raise ReportError("; ".join(failures) + f" (the other notebooks are in {index})")
    return index


def refresh_notebooks(notebooks: str | os.PathLike[str] = "notebooks") -> list[Path]:
    """Re-execute every numbered notebook in place so its stored outputs are current.

    Used after a change to the library or the corpus, before committing the notebooks
    that nbval compares against. No timestamps are written into the cells.

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

    written = []
    for path in notebook_paths(notebooks):
        started = time.perf_counter()
        nb = execute_notebook(path, record_timing=False)
        nbformat.write(nb, path)
        seconds = time.perf_counter() - started
        print(f"cyberlib report: refreshed {path.name} in {seconds:.1f} s", file=sys.stderr)
        written.append(path)
    return written

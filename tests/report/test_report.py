"""The report: executes the notebooks, writes HTML, one non-blank PNG per chart, an index."""

from __future__ import annotations

import shutil
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.image as mpimg  # noqa: E402
import nbformat  # noqa: E402
import pytest  # noqa: E402

from cyberlib.report.build import ReportError, build_report, notebook_paths  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"


def _stored_image_count(path: Path) -> int:
    nb = nbformat.read(path, as_version=4)
    return sum(
        "image/png" in out.get("data", {}) for cell in nb.cells for out in cell.get("outputs", [])
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    index = build_report(out=out, notebooks=NOTEBOOKS)
    assert index == out / "index.html"
    return out


def test_every_notebook_is_numbered_and_found():
    names = [p.name for p in notebook_paths(NOTEBOOKS)]
    assert names[0] == "01_corpus.ipynb"
    assert names == sorted(names)


def test_each_notebook_has_its_html(report):
    for nb in notebook_paths(NOTEBOOKS):
        html = (report / f"{nb.stem}.html").read_text(encoding="utf-8")
        assert "<html" in html
        assert "Traceback" not in html


def test_each_chart_is_a_png_and_not_blank(report):
    for nb in notebook_paths(NOTEBOOKS):
        pngs = sorted((report / nb.stem).glob("figure_*.png"))
        # as many charts as the committed notebook shows
        assert len(pngs) == _stored_image_count(nb) > 0, nb.name
        for png in pngs:
            pixels = mpimg.imread(png)
            assert pixels.ndim == 3 and pixels.shape[0] > 100 and pixels.shape[1] > 100
            assert pixels[..., :3].std() > 0.01, f"{png} looks blank"


def test_index_links_every_notebook_and_every_chart(report):
    index = (report / "index.html").read_text(encoding="utf-8")
    for nb in notebook_paths(NOTEBOOKS):
        assert f'href="{nb.stem}.html"' in index
        for png in (report / nb.stem).glob("figure_*.png"):
            assert f'src="{nb.stem}/{png.name}"' in index


def test_corpus_folder_override_reaches_the_notebook(tmp_path):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    picked = sorted((ROOT / "data" / "articles").glob("*.txt"))[-2:]
    for f in picked:
        shutil.copy(f, corpus / f.name)
    nbs = tmp_path / "notebooks"
    nbs.mkdir()
    shutil.copy(NOTEBOOKS / "01_corpus.ipynb", nbs / "01_corpus.ipynb")
    build_report(out=tmp_path / "out", notebooks=nbs, corpus=corpus)
    html = (tmp_path / "out" / "01_corpus.html").read_text(encoding="utf-8")
    for f in picked:
        assert f.stem in html
    assert "000_c1cb96a4c5d75fab" not in html


def test_failing_notebook_is_named_and_the_others_are_still_written(tmp_path):
    nbs = tmp_path / "notebooks"
    nbs.mkdir()
    kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for name, code in [("06_fine", "print('xin chào')"), ("07_broken", "1 / 0")]:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
        nb.metadata["kernelspec"] = kernelspec
        nbformat.write(nb, nbs / f"{name}.ipynb")
    with pytest.raises(ReportError, match=r"07_broken\.ipynb.*ZeroDivisionError"):
        build_report(out=tmp_path / "out", notebooks=nbs)
    assert "xin chào" in (tmp_path / "out" / "06_fine.html").read_text(encoding="utf-8")
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "06_fine.html" in index and "07_broken.html" not in index
    assert "07_broken.ipynb failed" in index  # named among the failures


def test_cli_report_exit_1_names_the_failing_notebook(tmp_path):
    import subprocess
    import sys

    nbs = tmp_path / "notebooks"
    nbs.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("raise KeyError('x')")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(nb, nbs / "05_broken.ipynb")
    proc = subprocess.run(
        [sys.executable, "-m", "cyberlib", "report", "--notebooks", str(nbs),
         "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 1
    assert "05_broken.ipynb failed: KeyError" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_corpus_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ReportError, match="no such corpus"):
        build_report(out=tmp_path / "out", notebooks=NOTEBOOKS, corpus=tmp_path / "nowhere")

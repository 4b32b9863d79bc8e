"""The report's inputs and its behaviour on bad notebooks, odd names, empty and large corpora."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from articlegen import write_folder

from cyberlib.cli import main
from cyberlib.report.build import ReportError, build_report
from cyberlib.report.inputs import format_number, load_inputs, top_rows

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
ARTICLES = ROOT / "data" / "articles"

CHART = "import matplotlib.pyplot as plt\nplt.plot([1, 2], [3, 1])\nplt.show()"


def _write_nb(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nbformat.write(nb, path)
    return path


def _analysis_folder(folder: Path) -> Path:
    """An analysis folder written by `cyberlib analyze` on the shipped articles."""
    from cyberlib import analyze

    analyze(ARTICLES, folder, workers=1, progress=False)
    return folder


def test_load_inputs_from_an_analysis_folder_reads_its_tables(tmp_path):
    folder = _analysis_folder(tmp_path / "phan-tich")
    data = load_inputs(analysis=folder)
    assert data.label == "phan-tich" and data.n_articles == 5
    assert data.header().startswith("Kho bài: phan-tich — 5 bài, đăng từ 08/10/2025")
    assert "value_usd" in data.stats and data.stats["value_usd"].notna().any()
    assert "Interpol" in set(data.entities["entity"])
    assert set(data.entities["doc_id"]) <= set(data.corpus["doc_id"])
    assert data.skipped.empty
    assert data.removed is None


def test_load_inputs_refuses_a_folder_that_is_not_an_analysis(tmp_path):
    with pytest.raises(FileNotFoundError, match="not an analysis folder"):
        load_inputs(analysis=tmp_path)


def test_empty_corpus_gives_empty_frames_not_errors(tmp_path):
    data = load_inputs(tmp_path)
    assert data.empty and data.stats.empty and data.themes.empty and data.entities.empty
    assert "không có bài nào" in data.header()


def test_numbers_print_with_separators_and_tables_say_what_they_show(capsys):
    assert format_number(1.89e13) == "18,900,000,000,000"
    shown = top_rows(pd.DataFrame({"v": range(100)}), n=5, by="v")
    assert list(shown["v"]) == [99, 98, 97, 96, 95]
    assert capsys.readouterr().out.startswith("5 / 100 dòng, xếp theo v")


def test_a_malformed_notebook_is_named_and_the_others_still_run(tmp_path, capsys):
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    _write_nb(nbs / "01_truoc.ipynb", CHART)
    (nbs / "02_hong.ipynb").write_text('{"cells": [', encoding="utf-8")
    _write_nb(nbs / "03_sau.ipynb", CHART)
    out = tmp_path / "out"
    with pytest.raises(ReportError, match="02_hong.ipynb"):
        build_report(out=out, notebooks=nbs)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "01_truoc.html" in index and "03_sau.html" in index and "02_hong.ipynb" in index
    assert (out / "03_sau" / "figure_1.png").exists()
    assert (out / "03_sau" / "figure_1.pdf").read_bytes().startswith(b"%PDF")
    code = main(["report", "--notebooks", str(nbs), "--out", str(tmp_path / "out2")])
    assert code == 1
    assert "02_hong.ipynb" in capsys.readouterr().err


def test_charts_of_notebooks_with_odd_characters_are_written_and_linked(tmp_path):
    nbs = tmp_path / "sổ $tay^ \\x"
    nbs.mkdir()
    _write_nb(nbs / "01_giá$^\\ 100%#.ipynb", CHART)
    out = tmp_path / "báo cáo $^\\"
    index = build_report(out=out, notebooks=nbs)
    html = index.read_text(encoding="utf-8")
    links = re.findall(r'(?:href|src)="([^"]+)"', html)
    targets = [out / urllib.parse.unquote(link.replace("&amp;", "&")) for link in links]
    assert len(targets) == 3  # the notebook's page, the chart and its thumbnail
    assert all(t.is_file() for t in targets), targets
    assert any(t.suffix == ".png" for t in targets)


def test_cli_report_refuses_missing_inputs(tmp_path, capsys):
    assert main(["report", "--analysis", str(tmp_path / "khong-co")]) == 2
    assert main(["report", "--corpus", str(tmp_path / "khong-co.jsonl")]) == 2
    assert main(["report", "--analysis", str(tmp_path)]) == 2
    assert "not an analysis folder" in capsys.readouterr().err


@pytest.mark.slow
def test_notebooks_run_on_an_empty_corpus_and_on_an_analysis_folder(tmp_path):
    empty = tmp_path / "rong"
    empty.mkdir()
    index = build_report(out=tmp_path / "out-empty", notebooks=NOTEBOOKS, corpus=empty)
    assert "không có bài nào" in index.read_text(encoding="utf-8")
    folder = _analysis_folder(tmp_path / "phan-tich")
    index = build_report(out=tmp_path / "out-analysis", notebooks=NOTEBOOKS, analysis=folder)
    assert "Kho bài: phan-tich — 5 bài" in index.read_text(encoding="utf-8")


@pytest.mark.slow
def test_notebooks_run_on_a_generated_corpus_of_300_articles(tmp_path):
    import matplotlib.image as mpimg

    source = write_folder(tmp_path / "bai", 300, seed=1)
    out = tmp_path / "out"
    index = build_report(out=out, notebooks=NOTEBOOKS, corpus=source)
    html = index.read_text(encoding="utf-8")
    assert "Kho bài: bai — 300 bài" in html
    for page in sorted(out.glob("0*.html")):
        text = page.read_text(encoding="utf-8")
        assert "Traceback" not in text and "Error" not in text.split("</style>")[-1], page.name
    # the 05 notebook finds measures reported by several generated articles
    assert (out / "05_measures" / "figure_2.png").exists()
    for png in out.glob("*/figure_*.png"):
        h, w = mpimg.imread(png).shape[:2]
        assert h <= 12 * 100 + 50 and w <= 8 * 100 + 50, png  # bounded size at 100 dpi


@pytest.mark.slow
def test_cli_report_runs_from_any_directory(tmp_path, monkeypatch):
    from cyberlib.report.build import default_notebooks

    assert default_notebooks() == NOTEBOOKS
    monkeypatch.chdir(tmp_path)
    assert main(["report", "--out", "bao-cao"]) == 0
    html = (tmp_path / "bao-cao" / "index.html").read_text(encoding="utf-8")
    assert "Kho bài: articles — 5 bài" in html
    assert len(list((tmp_path / "bao-cao").glob("0*.html"))) == len(list(NOTEBOOKS.glob("0*")))


def test_refresh_goes_on_past_a_malformed_notebook(tmp_path):
    from cyberlib.report.build import refresh_notebooks

    (tmp_path / "01_hong.ipynb").write_text("không phải notebook", encoding="utf-8")
    _write_nb(tmp_path / "02_tot.ipynb", "6 * 7")
    with pytest.raises(ReportError, match="01_hong.ipynb cannot be read"):
        refresh_notebooks(tmp_path)
    nb = nbformat.read(tmp_path / "02_tot.ipynb", as_version=4)
    assert nb.cells[0].outputs[0]["data"]["text/plain"] == "42"
    assert (tmp_path / "01_hong.ipynb").read_text(encoding="utf-8") == "không phải notebook"

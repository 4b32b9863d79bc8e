"""What the notebooks read: a corpus, or the tables of an ``analyze`` output folder.

Every notebook calls :func:`load_inputs` in its first code cell. The parameter cell sets
``CORPUS`` from ``$CYBERLIB_CORPUS`` (a folder, a file, a glob: anything
:func:`cyberlib.load_corpus` reads; default the shipped ``../data/articles``) and
``ANALYSIS`` from ``$CYBERLIB_ANALYSIS`` (a folder written by ``cyberlib analyze``);
``cyberlib report --corpus`` / ``--analysis`` set them. With an analysis folder nothing is
recomputed: the tables are read (``articles``, ``statistics``, ``themes``, ``entities``,
``keywords``, ``skipped``), so a large corpus is analysed once.

Tables the notebooks show go through :func:`top_rows`, which says how many rows there are
and which ones are shown, instead of letting pandas cut the middle out; numbers print with
thousands separators (:func:`setup_display`), never as ``1.89e+13``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

__all__ = [
    "ANALYSIS_ENV",
    "CORPUS_ENV",
    "Inputs",
    "format_number",
    "load_inputs",
    "setup_display",
    "top_rows",
]

CORPUS_ENV = "CYBERLIB_CORPUS"
ANALYSIS_ENV = "CYBERLIB_ANALYSIS"
TABLES = ("articles", "statistics", "themes", "entities", "keywords", "skipped")
#: Rows a notebook table shows at most.
TABLE_ROWS = 20
_META = ["date", "outlet", "title"]


def format_number(x: object) -> str:
    """A number for a table: whole numbers and large ones with ``,`` separators,
    others with up to four significant digits.

    >>> format_number(1.89e13), format_number(26.1283), format_number(float("nan"))
    ('18,900,000,000,000', '26.13', '')
    """
    try:
        v = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(x)
    if v != v:
        return ""
    if v.is_integer() or abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:,.4g}"


def setup_display() -> None:
    """pandas display options of the notebooks: wide tables, numbers via
    :func:`format_number`, enough rows for :func:`top_rows` to show all it keeps.

    >>> setup_display(); pd.get_option("display.max_rows") >= TABLE_ROWS
    True
    """
    pd.set_option("display.width", 120)
    pd.set_option("display.max_columns", 20)
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.max_rows", TABLE_ROWS + 40)
    pd.set_option("display.min_rows", TABLE_ROWS + 40)
    pd.set_option("display.float_format", format_number)


def top_rows(
    frame: pd.DataFrame,
    n: int = TABLE_ROWS,
    by: str | list[str] | None = None,
    ascending: bool | list[bool] = False,
    what: str = "dòng",
) -> pd.DataFrame:
    """The first ``n`` rows of ``frame`` (sorted by ``by`` when given), printing how many
    of how many are shown ("20 / 1,234 dòng, xếp theo …").

    >>> top_rows(pd.DataFrame({"x": [1, 3, 2]}), n=2, by="x")
    2 / 3 dòng, xếp theo x (giảm dần)
       x
    1  3
    2  2
    """
    if by is not None:
        frame = frame.sort_values(by, ascending=ascending, kind="stable")
    total = len(frame)
    if total > n:
        order = ""
        if by is not None:
            names = ", ".join([by] if isinstance(by, str) else by)
            direction = "tăng dần" if ascending is True else "giảm dần"
            order = f", xếp theo {names} ({direction})"
        print(f"{n:,} / {total:,} {what}{order}")
    elif total == 0:
        print(f"không có {what} nào (no rows)")
    return frame.head(n)


@dataclass
class Inputs:
    """The corpus and its analysis tables, computed on first use when read from a corpus."""

    label: str
    corpus: pd.DataFrame
    analysis: dict[str, pd.DataFrame] = field(default_factory=dict)
    removed: pd.DataFrame | None = None

    @property
    def n_articles(self) -> int:
        return len(self.corpus)

    @property
    def empty(self) -> bool:
        return self.corpus.empty

    @property
    def small(self) -> bool:
        """True when charts draw one row per article (see ``plots.PER_ARTICLE_MAX``)."""
        from cyberlib.plots.style import PER_ARTICLE_MAX

        return self.n_articles <= PER_ARTICLE_MAX

    def date_range(self) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
        dates = pd.to_datetime(self.corpus.get("date", pd.Series(dtype=object)), errors="coerce")
        dates = dates.dropna()
        return (dates.min(), dates.max()) if len(dates) else (None, None)

    def header(self) -> str:
        """One line naming the corpus, its size and date range.

        >>> Inputs("bai-mau", pd.DataFrame({"date": pd.to_datetime(["2024-01-02", None])})
        ...        ).header()
        'Kho bài: bai-mau — 2 bài, đăng từ 02/01/2024 đến 02/01/2024 (1 bài không có ngày)'
        """
        lo, hi = self.date_range()
        n = f"{self.n_articles:,}"
        if self.empty:
            return f"Kho bài: {self.label} — không có bài nào (no articles)"
        if lo is None:
            when = "không bài nào có ngày đăng"
        else:
            when = f"đăng từ {lo:%d/%m/%Y} đến {hi:%d/%m/%Y}"
            undated = int(pd.to_datetime(self.corpus["date"], errors="coerce").isna().sum())
            if undated:
                when += f" ({undated:,} bài không có ngày)"
        return f"Kho bài: {self.label} — {n} bài, {when}"

    # -- tables, read or computed once
    @cached_property
    def stats(self) -> pd.DataFrame:
        """Statistics frame with ``value_usd`` and the article's ``date``, ``outlet``,
        ``title``."""
        if "statistics" in self.analysis:
            stats = self.analysis["statistics"].copy()
            missing = [c for c in _META if c not in stats.columns and c in self.corpus.columns]
            if missing and "doc_id" in self.corpus.columns:
                meta = self.corpus[["doc_id", *missing]].drop_duplicates("doc_id")
                stats = stats.merge(meta, on="doc_id", how="left")
        else:
            from cyberlib.figures.currency import to_usd
            from cyberlib.figures.extraction import extract_statistics

            stats = extract_statistics(self.corpus) if not self.empty else _empty_stats()
            meta = self.corpus[["doc_id", *[c for c in _META if c in self.corpus]]]
            stats = stats.merge(meta, on="doc_id", how="left")
            stats = to_usd(stats)
        for col in _META:
            if col not in stats.columns:
                stats[col] = None
        if "value_usd" not in stats.columns:
            from cyberlib.figures.currency import to_usd

            stats = to_usd(stats)
        return stats

    @cached_property
    def themes(self) -> pd.DataFrame:
        """Theme scores per article (the frame of :func:`cyberlib.theme_scores`)."""
        if "themes" in self.analysis:
            return self.analysis["themes"]
        if self.empty:
            return pd.DataFrame({"doc_id": pd.Series(dtype=object), "top_theme": []})
        from cyberlib.language.themes import theme_scores

        return theme_scores(self.corpus)

    @cached_property
    def entities(self) -> pd.DataFrame:
        if "entities" in self.analysis:
            return self.analysis["entities"]
        if self.empty:
            return pd.DataFrame(columns=["doc_id", "entity", "kind"])
        from cyberlib.language.entities import entities

        return entities(self.corpus)

    @cached_property
    def keywords(self) -> pd.DataFrame:
        if "keywords" in self.analysis:
            return self.analysis["keywords"]
        if self.empty:
            return pd.DataFrame(columns=["doc_id", "keyword", "score"])
        from cyberlib.language.keywords import keywords

        return keywords(self.corpus, top=8)

    @cached_property
    def skipped(self) -> pd.DataFrame:
        if "skipped" in self.analysis:
            return self.analysis["skipped"]
        return pd.DataFrame(self.corpus.attrs.get("skipped", []), columns=["path", "reason"])


def _empty_stats() -> pd.DataFrame:
    cols = ["doc_id", "surface", "start", "end", "value", "value_high", "unit", "unit_text",
            "qualifier", "change", "subject", "period", "source", "source_scope",
            "sentence"]  # fmt: skip
    return pd.DataFrame({c: pd.Series(dtype="float64" if c.startswith("value") else object)
                         for c in cols})  # fmt: skip


def is_analysis_folder(folder: str | os.PathLike[str]) -> bool:
    """True when ``folder`` looks like an ``analyze`` output (it has a manifest), without
    reading it.

    >>> is_analysis_folder("data/articles")
    False
    """
    return (Path(folder) / "manifest.json").is_file()


def read_tables(folder: str | os.PathLike[str]) -> dict[str, pd.DataFrame]:
    """The tables of an ``analyze`` output folder, by name (:func:`cyberlib.read_analysis`).

    Raises ``FileNotFoundError`` naming the folder and the reason when it is not a complete
    analysis folder (no manifest, a damaged or missing table).

    >>> read_tables("data/articles")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    FileNotFoundError: data/articles: not an analysis folder (...manifest.json: no such file...)
    """
    from cyberlib.pipeline.store import AnalysisError, read_analysis

    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such analysis folder")
    try:
        return dict(read_analysis(folder))
    except AnalysisError as err:
        raise FileNotFoundError(f"{folder}: not an analysis folder ({err})") from None


def load_inputs(
    corpus: str | os.PathLike[str] | pd.DataFrame | None = None,
    analysis: str | os.PathLike[str] | None = None,
) -> Inputs:
    """The notebooks' inputs, from an analysis folder when given, else from a corpus.

    ``analysis`` wins over ``corpus``. An empty or unreadable corpus gives empty frames
    (the notebooks then say "no articles" and go on) with each skipped file listed.

    >>> data = load_inputs("data/articles")
    >>> data.n_articles, data.small, data.label
    (5, True, 'articles')
    """
    from cyberlib.reading.corpus import load_corpus

    if analysis is not None and str(analysis):
        tables = read_tables(analysis)
        articles = tables["articles"]
        if "date" in articles:
            articles = articles.assign(date=pd.to_datetime(articles["date"], errors="coerce"))
        return Inputs(Path(analysis).name or str(analysis), articles, tables)
    if corpus is None:
        corpus = "../data/articles"
    if isinstance(corpus, pd.DataFrame):
        label = "(DataFrame)"
        frame, removed = load_corpus(corpus, report=True, errors="ignore")
    else:
        label = Path(str(corpus).rstrip("/")).name or str(corpus)
        frame, removed = load_corpus(corpus, report=True, errors="ignore")
    return Inputs(label, frame, {}, removed)

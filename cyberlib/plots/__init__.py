"""Charts of cyberlib frames, shared by the notebooks and the report.

Each function takes a frame (and an optional matplotlib ``ax``), draws one idea, sets the
title and axis labels, and returns the :class:`matplotlib.axes.Axes`. Importing this module
selects a font that covers Vietnamese diacritics (see :func:`use_vietnamese_font`); plain
``import cyberlib`` never imports matplotlib.

>>> import pandas as pd
>>> from cyberlib import plots
>>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["TTXVN", "TPO"],
...                        "n_words": [812, 1020]})
>>> plots.article_lengths(corpus).get_title()
'Độ dài bài viết (số từ)'

Every chart reads right at 5 articles and at 50,000: up to :data:`PER_ARTICLE_MAX`
articles a chart draws one row per article, above it an aggregate (top-N with the rest
grouped, a distribution, by outlet or kind); heatmaps write numbers in cells only up to
:data:`CELL_LABELS_MAX` articles.

The charts live in :mod:`cyberlib.plots.figures` (corpus and statistics),
:mod:`cyberlib.plots.corpus` (by outlet, by month, measures across articles) and
:mod:`cyberlib.plots.themes` (themes, entities, comparisons); the font and shared
helpers in :mod:`cyberlib.plots.style`. All are importable from ``cyberlib.plots``.
"""

from cyberlib.plots.corpus import (
    VERDICT_COLORS,
    articles_by_month,
    articles_by_outlet,
    measure_reports,
    measures_overview,
)
from cyberlib.plots.figures import (
    article_lengths,
    cases_vs_people,
    figures_by_unit,
    figures_timeline,
    hedging_share,
    money_usd,
    sources_by_count,
)
from cyberlib.plots.style import (
    CELL_LABELS_MAX,
    FONT,
    FONT_CANDIDATES,
    HEDGE_COLORS,
    PER_ARTICLE_MAX,
    TOP_N,
    VIETNAMESE_LETTERS,
    font_covers,
    short_id,
    top_with_rest,
    use_vietnamese_font,
)
from cyberlib.plots.themes import (
    entities_per_article,
    pair_heatmap,
    theme_cooccurrence,
    theme_heatmap,
    themes_with_figures,
)

__all__ = [
    "CELL_LABELS_MAX",
    "PER_ARTICLE_MAX",
    "TOP_N",
    "VERDICT_COLORS",
    "articles_by_month",
    "articles_by_outlet",
    "measure_reports",
    "measures_overview",
    "top_with_rest",
    "FONT",
    "FONT_CANDIDATES",
    "HEDGE_COLORS",
    "VIETNAMESE_LETTERS",
    "article_lengths",
    "cases_vs_people",
    "entities_per_article",
    "figures_by_unit",
    "figures_timeline",
    "font_covers",
    "hedging_share",
    "money_usd",
    "pair_heatmap",
    "short_id",
    "sources_by_count",
    "theme_cooccurrence",
    "theme_heatmap",
    "themes_with_figures",
    "use_vietnamese_font",
]

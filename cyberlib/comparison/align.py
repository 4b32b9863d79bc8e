"""Line up the same measure reported by different articles, and say whether they agree.

:func:`align_figures` turns a statistics frame into a *measures frame*: one row per
report of a measure that at least two distinct articles report. The rules, in order:

1. **Kind.** The figure's unit, with every currency one kind, ``money``, compared in US
   dollars (``value_usd``, from :func:`cyberlib.to_usd` at the year of the figure).
2. **Subject head.** The first two words of the figure's ``subject``, lower-cased, after
   leading fillers ("tổng", "số", "các" …) and, for counted things, the unit word itself
   ("vụ xâm hại trẻ em" -> "xâm hại"). A counted figure whose subject is only its unit
   word ("172 người") says too little to be matched and is left out; so is a figure with
   no subject.
3. **Period**, resolved against the article's date: "năm nay" in an article of 2024 reads
   "năm 2024", "năm ngoái" "năm 2023"; a bare year and "năm 2024" are the same period;
   a rate ("mỗi năm", "hằng ngày") matches only the same rate; week or month phrases
   ("tuần qua", "tháng này") are read in the article's month; any other phrase without a
   year in the article's year ("3 năm qua · 2024"). A figure without a period is compared
   only with figures without a period in articles of the same month ("không nêu ·
   2024-05"), which is how one event's figures are usually reported. A relative period
   in an article without a date cannot be resolved and is left out.
4. **One report per article and per story.** A figure repeated inside an article (same
   measure, values its hedges allow to be equal) counts once, as its first mention. An
   article that gives one measure values that cannot all be true (the revenues of five
   companies under "doanh thu 2016") is ambiguous about it: those figures are left out
   (their number is in ``attrs["ambiguous"]``). Near-duplicate articles (:func:`duplicates`) are one
   story: a copy's figure with the same measure and value is merged into the report of
   the story's canonical article, and the copies are listed in ``copies``.
5. **A measure** is a (kind, subject head, period) key reported by at least
   ``min_articles`` (default 2) distinct stories; a figure no other story reports is not a
   measure.

**Verdicts.** Each report allows a window of values given by its hedge
(``cyberlib/data/measures.toml``): exact ``[v, v]``, "hơn" ``[v, 1.25v]``, "dưới"/"lên
tới" ``[0.8v, v]``, "khoảng" ``[0.9v, 1.1v]``, "gần" ``[0.9v, v]``, "hàng trăm"
``[v, 10v]``, a range ``[v, v_high]``; every window is widened by 1 % for rounding and
currency conversion. The *consensus* of a measure is the value that the most windows
allow (the smallest such value on a tie); ``in_consensus`` marks the reports that allow
it. The measure's ``verdict`` is

* ``agree`` — every report allows the consensus value: they are equal within their hedges
  ("hơn 10 tỷ USD" and "khoảng 10 tỷ USD" agree);
* ``differ`` — some reports do not, but none is more than ``conflict_ratio`` (1.5) times
  away from the consensus beyond its own window: close figures, as from rounding, an
  updated count or another cut-off date;
* ``conflict`` — at least one report is more than 1.5 times away: the figures cannot be
  the same value; one is wrong, or the articles count different things under one name.

By default only articles about cybercrime count: when ``themes`` (or the corpus) has a
``relevant`` column, figures of articles marked not relevant are set aside; their number
is in ``measures.attrs["set_aside"]`` (and ``attrs["relevance_known"]`` is True). Without
such a column every article counts. ``relevant_only=False`` keeps every article.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from cyberlib.comparison.reshape import figure_kind, hedge_class
from cyberlib.resources import load_toml

__all__ = ["COLUMNS", "align_figures", "resolve_period", "subject_head"]

COLUMNS = [
    "measure_id", "verdict", "n_articles", "kind", "subject_head", "period", "year",
    "doc_id", "date", "outlet", "surface", "value", "value_high", "unit", "value_usd",
    "qualifier", "hedge", "low", "high", "in_consensus", "consensus", "subject",
    "period_text", "source", "copies", "sentence",
]  # fmt: skip

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_BARE_YEAR = re.compile(r"^(?:trong |của |vào )?(?:năm )?((?:19|20)\d\d)$")
_WORD = re.compile(r"\w+")


def _conf() -> dict:
    return load_toml("measures.toml")


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NaT


def subject_head(subject: object, unit_text: object = None, kind: str | None = None) -> str | None:
    """The head of a subject: its first two words after fillers and the unit word.

    For counted things (``kind`` not ``money``) the unit word is dropped first, and a
    subject that is nothing but its unit word has no head (None).

    >>> subject_head("tổng thiệt hại do lừa đảo trực tuyến", "tỷ đồng", "money")
    'thiệt hại'
    >>> subject_head("vụ xâm hại trẻ em qua mạng", "vụ", "case")
    'xâm hại'
    >>> subject_head("người", "người", "person") is None
    True
    """
    if _missing(subject):
        return None
    words = _WORD.findall(str(subject).lower())
    conf = _conf()["subject"]
    fillers = sorted((f.split() for f in conf["fillers"]), key=len, reverse=True)
    unit_words = [] if kind == "money" or _missing(unit_text) else _WORD.findall(
        str(unit_text).lower())  # fmt: skip
    changed = True
    while words and changed:
        changed = False
        for f in fillers:
            if words[: len(f)] == f:
                words = words[len(f) :]
                changed = True
                break
        if unit_words and words[: len(unit_words)] == unit_words:
            words = words[len(unit_words) :]
            changed = True
    if not words:
        return None
    return " ".join(words[: int(conf["head_words"])])


def resolve_period(period: object, date: object = None) -> tuple[str | None, int | None]:
    """A period made comparable across articles: ``(key, year)``; ``(None, None)`` when
    it cannot be resolved (a relative period in an article without a date).

    >>> d = pd.Timestamp("2024-05-20")
    >>> resolve_period("năm nay", d), resolve_period("2024", d), resolve_period("năm ngoái", d)
    (('2024', 2024), ('2024', 2024), ('2023', 2023))
    >>> resolve_period("9 tháng đầu năm nay", d)
    ('9 tháng đầu năm 2024', 2024)
    >>> resolve_period("mỗi năm", d), resolve_period("tuần qua", d), resolve_period(None, d)
    (('mỗi năm', None), ('tuần qua · 2024-05', 2024), ('không nêu · 2024-05', 2024))
    >>> resolve_period("năm nay", None)
    (None, None)
    """
    conf = _conf()
    ts = None if _missing(date) else pd.Timestamp(date)
    if _missing(period) or not str(period).strip():
        if ts is None:
            return (None, None)
        return (f"không nêu · {ts:%Y-%m}", ts.year)
    text = " ".join(str(period).lower().split())
    for phrase in conf["rate_period"]["phrases"]:
        if phrase in text:
            return (phrase, None)
    years = _YEAR.findall(text)
    if years:
        m = _BARE_YEAR.match(text)
        return (m.group(1) if m else text, int(years[0]))
    if ts is None:
        return (None, None)
    for phrase, offset in sorted(conf["relative_year"].items(), key=lambda kv: -len(kv[0])):
        if phrase in text:
            year = ts.year + int(offset)
            text = text.replace(phrase, f"năm {year}")
            m = _BARE_YEAR.match(text)
            return (m.group(1) if m else text, year)
    for phrase in conf["relative_month"]["phrases"]:
        if phrase in text:
            return (f"{text} · {ts:%Y-%m}", ts.year)
    return (f"{text} · {ts.year}", ts.year)


def _windows(frame: pd.DataFrame, value: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    conf = _conf()
    tol = float(conf["verdict"]["tolerance"])
    win = conf["hedge_window"]
    q = frame["qualifier"].where(frame["qualifier"].notna(), "exact").astype(str)
    lo_f = q.map(lambda x: win.get(x, win["exact"])[0]).to_numpy(float)
    hi_f = q.map(lambda x: win.get(x, win["exact"])[1]).to_numpy(float)
    v = value.to_numpy(float)
    lo, hi = v * lo_f, v * hi_f
    if "value_high" in frame:
        high = pd.to_numeric(frame["value_high"], errors="coerce").to_numpy(float)
        ratio = np.where(np.isfinite(high) & (frame["value"].to_numpy(float) > 0),
                         high / np.where(frame["value"].to_numpy(float) > 0,
                                         frame["value"].to_numpy(float), 1.0), np.nan)  # fmt: skip
        ranged = np.isfinite(ratio) & (ratio > 1)
        hi = np.where(ranged, np.maximum(hi, v * ratio), hi)
    return lo * (1 - tol), hi * (1 + tol)


def _consensus(lo: np.ndarray, hi: np.ndarray) -> float:
    """The smallest value allowed by the most windows (a sweep over window ends)."""
    events = sorted([(x, 0) for x in lo] + [(x, 1) for x in hi])
    best, best_x, open_ = -1, float(lo[0]), 0
    for x, kind in events:
        if kind == 0:
            open_ += 1
            if open_ > best:
                best, best_x = open_, x
        else:
            open_ -= 1
    return float(best_x)


def _verdicts(reports: pd.DataFrame) -> pd.DataFrame:
    ratio_limit = float(_conf()["verdict"]["conflict_ratio"])
    parts = []
    for _, grp in reports.groupby("measure_id", sort=True):
        lo, hi = grp["low"].to_numpy(float), grp["high"].to_numpy(float)
        c = _consensus(lo, hi)
        inside = (lo <= c) & (c <= hi)
        away = np.where(lo > c, lo / c if c > 0 else np.inf, np.where(hi < c, c / hi, 1.0))
        if inside.all():
            verdict = "agree"
        elif float(away.max()) > ratio_limit:
            verdict = "conflict"
        else:
            verdict = "differ"
        parts.append(grp.assign(in_consensus=inside, consensus=c, verdict=verdict))
    return pd.concat(parts) if parts else reports.assign(in_consensus=[], consensus=[], verdict=[])


def _empty(set_aside: int = 0, relevance_known: bool = False) -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    out.attrs["set_aside"] = set_aside
    out.attrs["relevance_known"] = relevance_known
    return out


def align_figures(
    stats: pd.DataFrame,
    corpus: pd.DataFrame | None = None,
    *,
    themes: pd.DataFrame | None = None,
    relevant_only: bool = True,
    copies: pd.DataFrame | None = None,
    min_articles: int = 2,
) -> pd.DataFrame:
    """The measures frame: figures that several articles report, lined up, with a verdict.

    ``stats`` is a statistics frame (with ``value_usd`` or not; ``date``/``outlet`` columns
    are used when present, else taken from ``corpus``). ``corpus`` (with ``text``) also
    gives the near-duplicates, unless ``copies`` (a :func:`duplicates` frame) is passed.
    ``themes`` is a :func:`cyberlib.theme_scores` frame; with a ``relevant`` column and
    ``relevant_only``, articles not relevant are set aside (count in
    ``attrs["set_aside"]``). The rules and verdicts are in the module docstring. Rows are
    sorted by measure (most articles first), then article date.

    >>> text = {"a": "Năm nay thiệt hại do lừa đảo qua mạng là hơn 10 tỷ USD.",
    ...         "b": "Thiệt hại do lừa đảo qua mạng năm 2024 khoảng 10 tỷ USD.",
    ...         "c": "Năm 2024, thiệt hại do lừa đảo qua mạng lên tới 25 tỷ USD."}
    >>> corpus = pd.DataFrame({"doc_id": list(text), "text": list(text.values()),
    ...     "date": pd.to_datetime(["2024-06-01", "2024-07-01", "2024-08-01"])})
    >>> stats = pd.DataFrame({"doc_id": ["a", "b", "c"], "value": [1e10, 1e10, 2.5e10],
    ...     "unit": "usd", "unit_text": "tỷ USD", "qualifier": ["more_than", "approx", "up_to"],
    ...     "subject": "thiệt hại do lừa đảo qua mạng", "period": ["năm nay", "2024", "2024"],
    ...     "surface": ["hơn 10 tỷ USD", "khoảng 10 tỷ USD", "lên tới 25 tỷ USD"]})
    >>> m = align_figures(stats, corpus)
    >>> m[["measure_id", "verdict", "subject_head", "period", "doc_id", "in_consensus"]]
       measure_id   verdict subject_head period doc_id  in_consensus
    0           1  conflict    thiệt hại   2024      a          True
    1           1  conflict    thiệt hại   2024      b          True
    2           1  conflict    thiệt hại   2024      c         False
    """
    from cyberlib.figures.currency import to_usd

    if min_articles < 2:
        raise ValueError("min_articles must be at least 2: a measure is reported by several")
    if stats is None or stats.empty:
        return _empty()
    frame = stats[stats["doc_id"].notna()].copy()
    frame["doc_id"] = frame["doc_id"].astype(str)

    # --- relevance
    set_aside = 0
    relevance = None
    for source in (themes, corpus):
        if source is not None and "relevant" in source.columns and "doc_id" in source.columns:
            relevance = source[["doc_id", "relevant"]]
            break
    if relevant_only and relevance is not None:
        keep = set(relevance.loc[relevance["relevant"].fillna(False).astype(bool), "doc_id"]
                   .astype(str))  # fmt: skip
        all_docs = set(relevance["doc_id"].astype(str))
        set_aside = len(all_docs - keep)
        frame = frame[frame["doc_id"].isin(keep)]

    # --- article metadata
    meta_cols = [c for c in ("date", "outlet") if c not in frame.columns]
    if corpus is not None and meta_cols:
        meta = corpus[["doc_id", *[c for c in meta_cols if c in corpus.columns]]].copy()
        meta["doc_id"] = meta["doc_id"].astype(str)
        frame = frame.merge(meta.drop_duplicates("doc_id"), on="doc_id", how="left")
    for col in ("date", "outlet", "value_high", "source", "unit_text", "surface", "subject",
                "sentence"):  # fmt: skip
        if col not in frame.columns:
            frame[col] = None
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    if "value_usd" not in frame.columns:
        frame = to_usd(frame)

    # --- kind, compared value, head, period
    frame["kind"] = frame["unit"].map(figure_kind)
    compared = frame["value_usd"].where(frame["kind"] == "money", frame["value"])
    frame["_v"] = pd.to_numeric(compared, errors="coerce")
    frame = frame[np.isfinite(frame["_v"]) & (frame["_v"] > 0) & (frame["kind"] != "unknown")]
    if frame.empty:
        return _empty(set_aside, relevance is not None and relevant_only)
    heads = {
        key: subject_head(*key)
        for key in set(zip(frame["subject"], frame["unit_text"], frame["kind"], strict=True))
    }
    frame["subject_head"] = [
        heads[k] for k in zip(frame["subject"], frame["unit_text"], frame["kind"], strict=True)
    ]
    periods = {
        key: resolve_period(*key) for key in set(zip(frame["period"], frame["date"], strict=True))
    }
    resolved = [periods[k] for k in zip(frame["period"], frame["date"], strict=True)]
    frame["period_text"] = frame["period"]
    frame["period"] = [r[0] for r in resolved]
    frame["year"] = pd.array([r[1] for r in resolved], dtype="Int64")
    frame = frame[frame["subject_head"].notna() & frame["period"].notna()]
    key = ["kind", "subject_head", "period"]

    # --- one report per article, then per story
    order = "start" if "start" in frame.columns else "doc_id"
    frame = frame.sort_values(["doc_id", order], kind="stable")
    # an article that gives one measure several values that cannot all be true (the
    # revenues of five companies under "doanh thu 2016") says nothing matchable about it:
    # all its reports of that key are left out; compatible restatements count once
    low, high = _windows(frame, frame["_v"])
    frame["low"], frame["high"] = low, high
    per_doc = frame.groupby(["doc_id", *key], sort=False)
    compatible = per_doc["low"].transform("max") <= per_doc["high"].transform("min")
    ambiguous = int((~compatible).sum())
    frame = frame[compatible].drop_duplicates(["doc_id", *key])
    if copies is None and corpus is not None and "text" in corpus.columns:
        from cyberlib.comparison.duplicates import duplicates

        present = corpus[corpus["doc_id"].astype(str).isin(set(frame["doc_id"]))]
        copies = duplicates(present)
    canon = {}
    if copies is not None and not copies.empty:
        canon = dict(zip(copies["doc_id"].astype(str), copies["canonical"].astype(str),
                         strict=True))  # fmt: skip
    frame["_story"] = frame["doc_id"].map(lambda d: canon.get(d, d))
    frame["_is_copy"] = frame["doc_id"] != frame["_story"]
    frame = frame.sort_values(["_is_copy", "date", "doc_id"], kind="stable", na_position="last")
    # a copy's figure that its hedge allows to equal the original's is the same report;
    # a copy that changed the figure stays a report of its own (of the same story)
    dup_key = ["_story", *key]
    story = frame.groupby(dup_key, sort=False)
    first_low, first_high = story["low"].transform("first"), story["high"].transform("first")
    same = np.maximum(frame["low"], first_low) <= np.minimum(frame["high"], first_high)
    merged = frame.duplicated(dup_key, keep="first") & same
    copy_lists = frame[merged].groupby(dup_key)["doc_id"].agg(lambda ids: sorted(ids))
    frame = frame[~merged]
    is_first = ~frame.duplicated(dup_key, keep="first")
    frame = frame.merge(copy_lists.rename("copies").reset_index(), on=dup_key, how="left")
    frame["copies"] = [
        c if isinstance(c, list) and first else []
        for c, first in zip(frame["copies"], is_first.to_numpy(), strict=True)
    ]

    # --- measures: keys reported by at least min_articles stories
    n_stories = frame.groupby(key)["_story"].transform("nunique")
    frame = frame[n_stories >= min_articles].copy()
    if frame.empty:
        return _empty(set_aside, relevance is not None and relevant_only)
    frame["n_articles"] = frame.groupby(key)["_story"].transform("nunique").astype("int64")
    keys = (
        frame[[*key, "n_articles"]]
        .drop_duplicates()
        .sort_values(["n_articles", *key], ascending=[False, True, True, True], kind="stable")
    )
    keys["measure_id"] = np.arange(1, len(keys) + 1, dtype="int64")
    frame = frame.merge(keys, on=[*key, "n_articles"], how="left")
    frame["hedge"] = frame["qualifier"].map(hedge_class)
    frame = _verdicts(frame)
    frame = frame.sort_values(["measure_id", "date", "doc_id"], kind="stable", na_position="last")
    out = frame[COLUMNS].reset_index(drop=True)
    out.attrs["set_aside"] = set_aside
    out.attrs["relevance_known"] = relevance is not None and relevant_only
    out.attrs["ambiguous"] = ambiguous
    return out

"""Everything computed on one partition, its fingerprint, and the step that writes it.

Each article is segmented by underthesea once (:func:`cyberlib.language.tokens.analyse`);
entities and keyword term counts both use that one segmentation. Themes and statistics
need no segmenter. Keywords are scored later over the whole corpus (see
:mod:`cyberlib.pipeline.run`): a partition stores its term counts (``terms``) and the
spellings seen (``forms``).
"""

from __future__ import annotations

import hashlib
import json
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cyberlib.pipeline.store import TABLES

if TYPE_CHECKING:
    import pandas as pd

    from cyberlib.figures.extraction import ExtractionWarning

__all__ = [
    "PARTITION_TABLES",
    "TABLES",
    "analyse_partition",
    "code_version",
    "fingerprint",
    "process_partition",
]

PARTITION_TABLES = ("articles", "statistics", "themes", "entities", "skipped", "terms", "forms")
SKIPPED_COLUMNS = ["path", "line", "reason"]
_JOINED = ("date", "outlet", "title")  # article columns joined onto the statistics
# the code whose edits change results (not the CLI, plots or report)
_CODE = {"__init__.py", "normalization.py", "resources.py", "reading", "figures", "language",
         "pipeline"}  # fmt: skip


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the code and data behind the results (reading, figures, language,
    pipeline) and of the underthesea version: results stored under another version are
    recomputed.

    >>> len(code_version())
    16
    """
    from importlib.metadata import PackageNotFoundError, version

    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    try:
        h.update(version("underthesea").encode())
    except PackageNotFoundError:  # pragma: no cover - a dependency
        h.update(b"?")
    files = [p for p in sorted(root.rglob("*.py")) if p.parts[len(root.parts)] in _CODE]
    files += sorted((root / "data").glob("*"))
    for path in files:
        if path.is_file():
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def fingerprint(frame: pd.DataFrame, skipped: list[dict[str, Any]], code: str) -> str:
    """SHA-256 of a partition's content (every column, in order), its skipped inputs and
    the code version: an unchanged partition has the same fingerprint in every run.

    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["x"], "text": ["Lừa đảo."]})
    >>> fingerprint(a, [], "v1") == fingerprint(a.copy(), [], "v1")
    True
    >>> fingerprint(a, [], "v1") == fingerprint(a.assign(text="Lừa đảo!"), [], "v1")
    False
    """
    import pandas as pd

    h = hashlib.sha256()
    h.update(code.encode())
    h.update(json.dumps([[str(c), str(t)] for c, t in frame.dtypes.items()]).encode())
    h.update(str(len(frame)).encode())
    try:
        values = pd.util.hash_pandas_object(frame, index=False).to_numpy()
        h.update(values.tobytes())
    except TypeError:  # unhashable cells (lists from JSON): hash their text
        h.update(pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy().tobytes())
    h.update(json.dumps(skipped, ensure_ascii=False, sort_keys=True, default=str).encode())
    return h.hexdigest()


def _skipped_frame(skipped: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(skipped, columns=SKIPPED_COLUMNS)
    frame["path"] = frame["path"].astype(object)
    frame["line"] = pd.array(frame["line"].tolist(), dtype="Int64")
    frame["reason"] = frame["reason"].astype(object)
    return frame


def _failed_entry(problem: ExtractionWarning, paths: pd.Series | None) -> dict[str, Any]:
    """The skipped-table row of an article whose statistics could not be extracted (its
    other tables are kept): its file, else the article's id, and the warning's reason."""
    path = None
    if paths is not None and problem.doc_id in paths.index:
        path = paths.loc[[problem.doc_id]].iloc[0]
    where = str(path) if isinstance(path, str) and path else f"article {problem.doc_id}"
    return {"path": where, "line": None, "reason": problem.reason}


def analyse_partition(
    frame: pd.DataFrame, skipped: list[dict[str, Any]]
) -> tuple[dict[str, pd.DataFrame], dict[str, float]]:
    """The tables of one partition (``PARTITION_TABLES``) and the seconds each step took.

    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "outlet": ["Báo A"], "date": [pd.NaT],
    ...     "title": ["Tin"], "text": ["Công an Hà Nội thu giữ 5 tỷ đồng của nhóm lừa đảo."]})
    >>> tables, seconds = analyse_partition(corpus, [])
    >>> tables["statistics"][["doc_id", "surface", "unit", "outlet"]].values.tolist()
    [['a', '5 tỷ đồng', 'vnd', 'Báo A']]
    >>> sorted(tables["terms"]["term"])
    ['công an', 'hà nội', 'lừa đảo', 'thu giữ']
    """
    from cyberlib.figures.currency import to_usd
    from cyberlib.figures.extraction import extract_statistics
    from cyberlib.language.entities import entities
    from cyberlib.language.keywords import document_terms
    from cyberlib.language.themes import theme_scores
    from cyberlib.language.tokens import analyse

    seconds: dict[str, float] = {}
    articles = frame.reset_index(drop=True)
    articles.attrs = {}

    t = time.perf_counter()
    failed: list[ExtractionWarning] = []  # one for each article extraction failed on
    stats = to_usd(extract_statistics(articles, on_error=failed.append))
    if failed:  # listed with the partition's skipped inputs: the CLI names them, exit 1
        paths = articles.set_index("doc_id")["path"] if "path" in articles.columns else None
        skipped = skipped + [_failed_entry(problem, paths) for problem in failed]
    meta = [c for c in _JOINED if c in articles.columns and c not in stats.columns]
    if meta:  # looked up by doc_id (ids are unique in a corpus frame; first one wins)
        right = articles[["doc_id", *meta]].drop_duplicates("doc_id").set_index("doc_id")
        stats = stats.assign(**{c: right[c].reindex(stats["doc_id"]).to_numpy() for c in meta})
    seconds["statistics"] = time.perf_counter() - t

    t = time.perf_counter()
    themes = theme_scores(articles, engine="serial", cache=False)
    seconds["themes"] = time.perf_counter() - t

    t = time.perf_counter()
    analyses = [analyse(str(text)) for text in articles["text"].fillna("")]
    seconds["segmentation"] = time.perf_counter() - t

    t = time.perf_counter()
    found = entities(articles, engine="serial", cache=False, analyses=analyses)
    seconds["entities"] = time.perf_counter() - t

    t = time.perf_counter()
    terms, forms = document_terms(articles["doc_id"].tolist(), analyses)
    seconds["terms"] = time.perf_counter() - t

    tables = {
        "articles": articles,
        "statistics": stats,
        "themes": themes,
        "entities": found,
        "skipped": _skipped_frame(skipped),
        "terms": terms,
        "forms": forms,
    }
    return tables, seconds


def process_partition(
    root: str,
    index: int,
    frame: pd.DataFrame,
    skipped: list[dict[str, Any]],
    known: dict[str, Any] | None,
    code: str,
) -> dict[str, Any]:
    """Compute and write partition ``index`` unless the store already holds it intact.

    Returns a small status record: ``index``, ``entry`` (what the manifest keeps of it:
    fingerprint, article count, files with rows and checksums, seconds), ``reused``
    (True when nothing was computed) and ``problem`` (why a stored result was not used).
    """
    from cyberlib.pipeline.store import Store

    store = Store(root)
    fp = fingerprint(frame, skipped, code)
    problem = None
    if known is not None and known.get("fingerprint") == fp:
        problem = store.check(known.get("files", {}))
        if problem is None:
            return {"index": index, "entry": known, "reused": True, "problem": None}
    t = time.perf_counter()
    tables, seconds = analyse_partition(frame, skipped)
    files = store.write_partition(index, tables)
    seconds["total"] = time.perf_counter() - t
    entry = {
        "fingerprint": fp,
        "articles": len(frame),
        "skipped": len(tables["skipped"]),  # inputs not read, articles not extracted
        "files": files,
        "seconds": {k: round(v, 4) for k, v in seconds.items()},
    }
    return {"index": index, "entry": entry, "reused": False, "problem": problem}

"""``analyze``: the whole analysis of a corpus, partition by partition, into a folder.

How a run goes:

1. The source is read in partitions of ``partition_rows`` articles (stable order). Each
   partition gets a fingerprint of its content (and of cyberlib's code and data).
   When the source's bytes, the options and the code are those of the last complete
   run and its files are intact, the stored results stand without reading the source.
2. A partition whose fingerprint and files match the manifest is reused as stored;
   any other is computed (segmentation once, statistics with ``value_usd`` and the
   article's date/outlet/title, themes, entities, term counts) and its files written
   atomically, then recorded in the manifest. Memory is bounded by the partition size
   (times the number of workers). The local engine runs partitions on ``workers``
   processes (all cores by default); ``engine="dask"`` runs them on a
   ``dask.distributed`` cluster (see :mod:`cyberlib.pipeline.engines`).
3. Keywords are scored over the whole corpus from the stored term counts (TF-IDF needs
   every article's terms), one keyword file per partition; they are rescored only when a
   partition changed.
4. The manifest is completed (row counts, timings, versions) and, with ``csv=True``,
   each table is also written whole as CSV with a BOM (for Excel).

A killed run leaves every finished partition on disk and in the manifest; the next run
with the same arguments reuses them and computes the rest: nothing is lost or written
twice. A stored file that is missing or damaged is named in a warning and recomputed.
Only one run at a time may write a folder (a lock file, ``.lock``, enforces it).
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import time
import warnings
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, wait
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from cyberlib.pipeline.partition import PARTITION_TABLES, TABLES, code_version, process_partition
from cyberlib.pipeline.source import Source, iter_partitions
from cyberlib.pipeline.store import AnalysisError, AnalysisWarning, Store, read_analysis

__all__ = ["AnalysisError", "AnalysisWarning", "analyze", "read_analysis"]

FORMAT = 1


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for name in ("cyberlib", "underthesea", "pandas", "pyarrow"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:  # pragma: no cover
            out[name] = "?"
    out["code"] = code_version()
    return out


def _describe(source: Source) -> list[str]:
    import pandas as pd

    if isinstance(source, pd.DataFrame):
        return [f"DataFrame of {len(source)} rows"]
    items = [source] if isinstance(source, str | os.PathLike) else list(source)
    return [str(Path(item).resolve()) if Path(item).exists() else str(item) for item in items]


class _Lock:
    """An exclusive lock on the folder for the length of a run (POSIX ``flock``)."""

    def __init__(self, root: Path) -> None:
        self.path = root / ".lock"
        self.fh: Any = None

    def __enter__(self) -> _Lock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fh = self.path.open("w")
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock
            return self
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            self.fh.close()
            raise AnalysisError(f"{self.path.parent}: another analyze run is writing it") from exc
        return self

    def __exit__(self, *exc: object) -> None:
        self.fh.close()


def _signature(source: Source, options: dict[str, Any], code: str) -> str:
    """SHA-256 of the source's bytes (every input file, as the reader lists them), the
    options and the code version: equal signatures mean an unchanged corpus."""
    import pandas as pd

    h = hashlib.sha256()
    h.update(json.dumps([options, code], sort_keys=True, default=str).encode())
    if isinstance(source, pd.DataFrame):
        try:
            values = pd.util.hash_pandas_object(source, index=True).to_numpy()
        except TypeError:  # unhashable cells
            values = pd.util.hash_pandas_object(source.astype(str), index=True).to_numpy()
        h.update(json.dumps([str(c) for c in source.columns]).encode())
        h.update(values.tobytes())
        return h.hexdigest()
    from cyberlib.reading.sources import plan

    listed = plan(source, options.get("text_col"), options.get("id_col"))
    h.update(json.dumps(listed.problems, sort_keys=True, default=str).encode())
    for item in listed.inputs:
        h.update(item.fs_path.encode("utf-8", "surrogateescape"))
        try:
            with open(item.fs_path, "rb") as fh:
                for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                    h.update(block)
        except OSError as exc:
            h.update(f"unreadable: {exc}".encode())
    return h.hexdigest()


def _intact(store: Store, manifest: dict[str, Any]) -> bool:
    """Every file the manifest lists is present and unchanged."""
    records = [r for p in manifest.get("partitions", {}).values() for r in p["files"].values()]
    records += list((manifest.get("keywords") or {}).get("files", {}).values())
    return all(store.check({"f": r}) is None for r in records)


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _run_local(
    source: Source,
    store: Store,
    known: dict[str, Any],
    rows: int,
    text_col: str | None,
    id_col: str | None,
    workers: int,
    on_status: Callable[[dict[str, Any]], None],
) -> int:
    """Partitions read here, computed here (one worker) or on a process pool."""
    code = code_version()
    root = str(store.root)
    count = 0
    parts = iter_partitions(source, rows, text_col, id_col)
    if workers <= 1:
        for index, frame, skipped in parts:
            count = index + 1
            on_status(process_partition(root, index, frame, skipped, known.get(str(index)), code))
        return count
    from cyberlib.language.parallel import worker_pool
    from cyberlib.language.tokens import _segmenters

    _segmenters()  # load the models once here: forked workers share them
    with worker_pool(workers) as pool:
        pending: set[Any] = set()
        for index, frame, skipped in parts:
            count = index + 1
            args = (root, index, frame, skipped, known.get(str(index)), code)
            pending.add(pool.submit(process_partition, *args))
            while len(pending) > workers:  # at most one partition waiting per worker
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    on_status(future.result())
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                on_status(future.result())
    return count


def _score_keywords(store: Store, manifest: dict[str, Any], count: int, top: int) -> bool:
    """Keywords of every partition over the whole corpus; False when reused as stored."""
    import pandas as pd

    from cyberlib.language.keywords import score_keywords, term_display

    parts = [manifest["partitions"][str(i)] for i in range(count)]
    key = hashlib.sha256(json.dumps([[p["fingerprint"] for p in parts], top]).encode())
    fp = key.hexdigest()
    old = manifest.get("keywords") or {}
    if old.get("fingerprint") == fp:
        problem = store.check(old.get("files", {})) if count else None
        if problem is None:
            return False
        warnings.warn(f"cyberlib: {problem}; keywords are rescored", AnalysisWarning, stacklevel=3)
    t = time.perf_counter()
    doc_freq = pd.Series(dtype="float64")
    forms = pd.DataFrame(columns=["term", "form", "count"])
    n_docs = 0
    for part in parts:
        terms = store.read_table(part["files"]["terms"], columns=["term"])
        doc_freq = doc_freq.add(terms["term"].value_counts(), fill_value=0)
        more = store.read_table(part["files"]["forms"])
        merged = pd.concat([forms, more], ignore_index=True) if len(forms) else more
        forms = merged.groupby(["term", "form"], as_index=False)["count"].sum()
        n_docs += part["articles"]
    display = term_display(forms)
    files = {}
    for i, part in enumerate(parts):
        terms = store.read_table(part["files"]["terms"])
        found = score_keywords(terms, doc_freq, n_docs, display, top)
        files[str(i)] = store.write_table("keywords", i, found)
    manifest["keywords"] = {
        "fingerprint": fp,
        "top": top,
        "files": files,
        "seconds": round(time.perf_counter() - t, 4),
    }
    return True


def _export_csv(store: Store, manifest: dict[str, Any]) -> None:
    count = manifest["partition_count"]
    for table in TABLES:
        if table == "keywords":
            records = [manifest["keywords"]["files"][str(i)] for i in range(count)]
        else:
            records = [manifest["partitions"][str(i)]["files"][table] for i in range(count)]
        store.export_csv(table, records)


def _progress(progress: bool | None) -> Any:
    disable = None if progress is None else not progress
    if disable is False or disable is None:
        from tqdm.auto import tqdm
    else:
        from tqdm import tqdm
    return tqdm(desc="analyze", unit=" articles", disable=disable)


def analyze(
    source: Source,
    out: str | os.PathLike,
    engine: Literal["local", "dask"] = "local",
    *,
    scheduler: str | None = None,
    partition_rows: int = 1000,
    workers: int | None = None,
    csv: bool = False,
    text_col: str | None = None,
    id_col: str | None = None,
    top_keywords: int = 20,
    progress: bool | None = None,
) -> dict[str, Any]:
    """Analyse a corpus of any size into the folder ``out``; return the manifest.

    ``source`` is anything :func:`cyberlib.load_corpus` reads (a DataFrame only with the
    local engine). Tables (read them with :func:`cyberlib.read_analysis`): ``articles``
    (the corpus frame, text and metadata), ``statistics`` (with ``value_usd`` and the
    article's ``date``/``outlet``/``title``), ``themes``, ``entities``, ``keywords``
    (TF-IDF over the whole corpus) and ``skipped`` (``path, line, reason``: inputs not read,
    and articles whose statistics could not be extracted, a bug that loses only them).
    ``workers``: processes of the local engine (default: every core) or Dask workers of
    the ``LocalCluster`` started when no ``scheduler`` address is given. A progress bar
    shows on a terminal or in a notebook (``progress`` forces it on or off).

    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> manifest = analyze("data/articles", out, partition_rows=2, workers=1, progress=False)
    >>> manifest["partition_count"], manifest["counts"]["articles"]
    (3, 5)
    >>> analyze("data/articles", out, partition_rows=2, workers=1)["run"]["partitions_computed"]
    0
    """
    import pandas as pd

    if engine not in ("local", "dask"):
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    if int(partition_rows) < 1:
        raise ValueError("partition_rows must be at least 1")
    if engine == "dask" and isinstance(source, pd.DataFrame):
        raise ValueError("engine='dask' reads partitions on the workers: give files, not a frame")
    if scheduler is not None and engine != "dask":
        raise ValueError("a scheduler address needs engine='dask'")
    store = Store(out)
    started = time.perf_counter()
    with _Lock(store.root):
        old = store.load_manifest()
        versions = _versions()
        same_code = old.get("versions", {}).get("code") == versions["code"]
        known: dict[str, Any] = dict(old.get("partitions", {})) if same_code else {}
        options = {
            "partition_rows": int(partition_rows),
            "text_col": text_col,
            "id_col": id_col,
            "top_keywords": top_keywords,
        }
        signature = _signature(source, options, versions["code"])
        if old.get("complete") and old.get("signature") == signature and _intact(store, old):
            # an unchanged corpus: every stored result stands, nothing is read again
            old["run"] = {
                "partitions_computed": 0,
                "partitions_reused": old["partition_count"],
                "recomputed": [],
                "keywords_rescored": False,
                "unchanged_source": True,
                "seconds": round(time.perf_counter() - started, 3),
            }
            if csv:
                _export_csv(store, old)
            store.save_manifest(old)
            return old
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "signature": signature,
            "versions": versions,
            "inputs": _describe(source),
            "options": {
                "engine": engine,
                "scheduler": scheduler,
                "partition_rows": int(partition_rows),
                "workers": workers,
                "text_col": text_col,
                "id_col": id_col,
                "top_keywords": top_keywords,
            },
            "partitions": dict(known),
            "partition_count": None,
            "keywords": old.get("keywords") if same_code else None,
            "complete": False,
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        run = {"partitions_computed": 0, "partitions_reused": 0, "recomputed": []}
        timings: dict[str, float] = {}
        bar = _progress(progress)

        def on_status(status: dict[str, Any]) -> None:
            entry = status["entry"]
            manifest["partitions"][str(status["index"])] = entry
            if status.get("problem"):
                run["recomputed"].append(status["problem"])
                warnings.warn(
                    f"cyberlib: stored result {status['problem']}; partition "
                    f"{status['index']} recomputed",
                    AnalysisWarning,
                    stacklevel=2,
                )
            if status["reused"]:
                run["partitions_reused"] += 1
            else:
                run["partitions_computed"] += 1
                for step, seconds in entry["seconds"].items():
                    timings[step] = timings.get(step, 0.0) + seconds
                store.save_manifest(manifest)
            bar.update(entry["articles"])

        try:
            if engine == "dask":
                from cyberlib.pipeline.engines import run_dask

                count = run_dask(
                    source, store, known, int(partition_rows), text_col, id_col,
                    scheduler, workers, on_status,
                )  # fmt: skip
            else:
                count = _run_local(
                    source, store, known, int(partition_rows), text_col, id_col,
                    workers or _cores(), on_status,
                )  # fmt: skip
        finally:
            bar.close()
        manifest["partitions"] = {str(i): manifest["partitions"][str(i)] for i in range(count)}
        manifest["partition_count"] = count
        kept = [r["path"] for p in manifest["partitions"].values() for r in p["files"].values()]
        t = time.perf_counter()
        rescored = _score_keywords(store, manifest, count, top_keywords)
        if rescored:
            timings["keywords"] = round(time.perf_counter() - t, 4)
        kept += [r["path"] for r in manifest["keywords"]["files"].values()]
        store.remove_stray(kept)
        counts = {t: 0 for t in TABLES}
        for part in manifest["partitions"].values():
            for table in PARTITION_TABLES:
                if table in counts:
                    counts[table] += part["files"][table]["rows"]
        counts["keywords"] = sum(r["rows"] for r in manifest["keywords"]["files"].values())
        manifest["counts"] = counts
        if csv:
            _export_csv(store, manifest)
        run["keywords_rescored"] = rescored
        run["unchanged_source"] = False
        run["seconds"] = round(time.perf_counter() - started, 3)
        run["articles_per_second"] = round(counts["articles"] / max(run["seconds"], 1e-9), 2)
        manifest["run"] = run
        manifest["timings"] = {k: round(v, 3) for k, v in timings.items()}
        manifest["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
        manifest["complete"] = True
        store.save_manifest(manifest)
    return manifest

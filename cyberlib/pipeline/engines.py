"""The Dask engine: the same partitions as tasks on a ``dask.distributed`` cluster.

Each task reads its own partition from the source (``read_partition``; the source must
be a path every worker can reach), computes it, writes its own files into the analysis
folder (which every worker must reach too: a local disk for a ``LocalCluster``, a shared
file system for a real cluster) and returns a small status record. The client never
holds article text or results: it submits partition numbers a few at a time (twice the
number of workers) until a task reports that the source has no such partition, and
keeps the manifest. Results are those of the local engine, row for row.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable
from typing import Any

from cyberlib.pipeline.partition import code_version, process_partition
from cyberlib.pipeline.source import Source, read_one
from cyberlib.pipeline.store import Store

__all__ = ["partition_task", "run_dask"]


def partition_task(
    source: Source,
    index: int,
    root: str,
    rows: int,
    text_col: str | None,
    id_col: str | None,
    known: dict[str, Any] | None,
    code: str,
) -> dict[str, Any]:
    """On a worker: read partition ``index``, compute and write it (or find it stored)."""
    got = read_one(source, index, rows, text_col, id_col)
    if got is None:
        return {"index": index, "end": True}
    frame, skipped = got
    return process_partition(root, index, frame, skipped, known, code)


def run_dask(
    source: Source,
    store: Store,
    known: dict[str, Any],
    rows: int,
    text_col: str | None,
    id_col: str | None,
    scheduler: str | None,
    workers: int | None,
    on_status: Callable[[dict[str, Any]], None],
) -> int:
    """Run every partition on the cluster at ``scheduler`` (a new ``LocalCluster`` when
    None); the number of partitions."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise ImportError(
            "engine='dask' needs dask.distributed: pip install 'cyberlib[dask]'"
        ) from exc

    if not isinstance(source, str | os.PathLike):
        source = [os.fspath(s) for s in source]
    root = str(store.root.resolve())
    code = code_version()
    run_id = uuid.uuid4().hex[:8]
    cluster = None
    if scheduler is None:
        n = workers or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2)
        cluster = LocalCluster(
            n_workers=n, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
        )
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        width = 2 * max(1, len(client.scheduler_info().get("workers", {})))

        def submit(i: int) -> Any:
            args = (source, i, root, rows, text_col, id_col, known.get(str(i)), code)
            return client.submit(partition_task, *args, key=f"cyberlib-{run_id}-{i}", pure=False)

        queue = as_completed([submit(i) for i in range(width)])
        following, end = width, None
        for future in queue:
            status = future.result()
            if status.get("end"):
                end = status["index"] if end is None else min(end, status["index"])
            else:
                on_status(status)
            if end is None:
                queue.add(submit(following))
                following += 1
        return int(end if end is not None else following)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

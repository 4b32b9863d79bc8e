"""The analysis folder: one Parquet file per table per partition, and ``manifest.json``.

Layout of ``DIR``::

    manifest.json                    versions, inputs, options, partitions, counts, timings
    articles/part-00000.parquet      one file per partition (likewise statistics, themes,
    ...                              entities, keywords, skipped)
    terms/, forms/                   per-partition term counts behind the keywords
    csv/<table>.csv                  with --csv: each table whole, UTF-8 with BOM (Excel)

Every file is written under a temporary name in its folder and renamed into place when
complete, so a killed run never leaves half a file under a real name. The manifest lists
each file with its row count and SHA-256; a file that is missing or differs is reported
(named) and its partition recomputed. Only data formats are read (Parquet, JSON).
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["AnalysisError", "AnalysisWarning", "Store", "read_analysis"]

MANIFEST = "manifest.json"
# the tables of an analysis folder, in the order read_analysis returns them
TABLES = ("articles", "statistics", "themes", "entities", "keywords", "skipped")


class AnalysisError(ValueError):
    """An analysis folder cannot be read: the message names the file and the reason."""


class AnalysisWarning(UserWarning):
    """A stored result was not used (named in the message) and is recomputed."""


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _arrow_table(frame: pd.DataFrame) -> Any:
    """``frame`` as an Arrow table; object columns Arrow cannot type (mixed values from a
    scraped file) are written as text, missing values kept missing."""
    import pyarrow as pa

    try:
        return pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        fixed = frame.copy()
        for column in fixed.columns:
            if fixed[column].dtype != object:
                continue
            try:
                pa.array(fixed[column], from_pandas=True)
            except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
                fixed[column] = fixed[column].map(
                    lambda v: None if v is None or (isinstance(v, float) and v != v) else str(v)
                )
        return pa.Table.from_pandas(fixed, preserve_index=False)


def _as_written(table: Any) -> pd.DataFrame:
    """The frame as it was written: text columns that were ``object`` come back as
    ``object`` with None for missing values (pandas would make them ``str``)."""
    import pandas as pd

    frame = table.to_pandas()
    meta = (table.schema.pandas_metadata or {}).get("columns", [])
    for column in meta:
        name = column.get("name")
        if column.get("numpy_type") == "object" and name in frame.columns:
            values = frame[name]
            if isinstance(values.dtype, pd.StringDtype):
                frame[name] = values.astype(object).where(values.notna(), None)
    return frame


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


class Store:
    """One analysis folder."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    # -- files ------------------------------------------------------------------------

    def part_path(self, table: str, index: int) -> Path:
        return self.root / table / f"part-{index:05d}.parquet"

    def write_table(self, table: str, index: int, frame: pd.DataFrame) -> dict[str, Any]:
        """Write one partition's table atomically; its manifest record."""
        import pyarrow.parquet as pq

        path = self.part_path(table, index)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            pq.write_table(_arrow_table(frame), tmp)
            with tmp.open("rb") as fh:
                os.fsync(fh.fileno())
            digest = _sha256(tmp)
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
        return {"path": str(path.relative_to(self.root)), "rows": len(frame), "sha256": digest}

    def write_partition(self, index: int, tables: dict[str, pd.DataFrame]) -> dict[str, Any]:
        return {name: self.write_table(name, index, frame) for name, frame in tables.items()}

    def check(self, files: dict[str, Any]) -> str | None:
        """``None`` when every listed file is present and unchanged, else what is wrong."""
        if not files:
            return "no files recorded"
        for record in files.values():
            path = self.root / record["path"]
            try:
                digest = _sha256(path)
            except OSError as exc:
                return f"{path}: cannot be read ({exc.strerror or exc})"
            if digest != record["sha256"]:
                return f"{path}: damaged (its content changed since it was written)"
        return None

    def read_table(self, record: dict[str, Any], columns: list[str] | None = None) -> pd.DataFrame:
        import pyarrow.parquet as pq

        path = self.root / record["path"]
        try:
            table = pq.read_table(path, columns=columns)
        except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same answer
            raise AnalysisError(f"{path}: cannot be read ({type(exc).__name__}: {exc})") from exc
        return _as_written(table)

    def remove_stray(self, keep: Iterable[str]) -> None:
        """Remove partition files not listed in ``keep`` (left by a larger earlier run) and
        temporary files of killed runs."""
        keep = set(keep)
        for folder in self.root.iterdir() if self.root.is_dir() else []:
            if not folder.is_dir() or folder.name == "csv":
                continue
            for path in folder.iterdir():
                rel = str(path.relative_to(self.root))
                stray = path.name.startswith("part-") and rel not in keep
                if stray or (path.name.startswith(".part-") and path.name.endswith(".tmp")):
                    path.unlink()

    # -- manifest ---------------------------------------------------------------------

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    def load_manifest(self) -> dict[str, Any]:
        """The stored manifest; ``{}`` when there is none or it cannot be used (warned)."""
        path = self.manifest_path
        if not path.exists():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            return data
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            warnings.warn(
                f"cyberlib: {path} is damaged ({exc}); every partition is recomputed",
                AnalysisWarning,
                stacklevel=2,
            )
            return {}

    def save_manifest(self, manifest: dict[str, Any]) -> None:
        text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=False, default=str)
        atomic_write_bytes(self.manifest_path, text.encode("utf-8"))

    # -- CSV --------------------------------------------------------------------------

    def export_csv(self, table: str, records: list[dict[str, Any]]) -> Path:
        """One CSV of the whole table (UTF-8 with BOM, for Excel), partition by partition."""
        import pyarrow.parquet as pq

        columns: list[str] = []
        for record in records:
            for name in pq.read_schema(self.root / record["path"]).names:
                if name not in columns:
                    columns.append(name)
        path = self.root / "csv" / f"{table}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
                header = True
                for record in records:
                    frame = self.read_table(record).reindex(columns=columns)
                    frame.to_csv(fh, index=False, header=header)
                    header = False
                if header:  # no partition: the header alone
                    fh.write(",".join(columns) + "\n")
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
        return path


def read_analysis(
    out: str | os.PathLike, tables: Iterable[str] | None = None
) -> dict[str, pd.DataFrame]:
    """The tables written by :func:`cyberlib.analyze` into ``out``, each concatenated over
    its partitions in corpus order: ``articles``, ``statistics``, ``themes``, ``entities``,
    ``keywords``, ``skipped`` (or only those named in ``tables``).

    Raises :class:`AnalysisError` naming the file when the folder has no manifest or a file
    differs from what the manifest recorded (run ``analyze`` again: it recomputes it).

    >>> import cyberlib, tempfile
    >>> out = tempfile.mkdtemp()
    >>> _ = cyberlib.analyze("data/articles/004_8441360021e80842.txt", out, progress=False)
    >>> tables = cyberlib.read_analysis(out)
    >>> sorted(tables), tables["articles"]["outlet"].tolist()
    (['articles', 'entities', 'keywords', 'skipped', 'statistics', 'themes'], ['Tiền Phong'])
    """
    import pandas as pd

    store = Store(out)
    if not store.manifest_path.exists():
        raise AnalysisError(f"{store.manifest_path}: no such file (is {out} an analysis folder?)")
    manifest = store.load_manifest()
    if not manifest.get("partitions"):
        if manifest.get("partition_count", None) != 0:
            raise AnalysisError(f"{store.manifest_path}: lists no partition")
    wanted = list(TABLES) if tables is None else list(tables)
    unknown = [t for t in wanted if t not in TABLES]
    if unknown:
        raise ValueError(f"unknown table(s) {unknown}; tables are {list(TABLES)}")
    if not manifest.get("complete"):
        warnings.warn(
            f"cyberlib: the analysis in {out} did not finish; reading the partitions it wrote "
            "(run analyze again to complete it)",
            AnalysisWarning,
            stacklevel=2,
        )
    order = sorted(manifest.get("partitions", {}), key=int)
    out_tables: dict[str, pd.DataFrame] = {}
    for table in wanted:
        frames = []
        for key in order:
            entry = manifest["partitions"][key]
            record = (
                manifest.get("keywords", {}).get("files", {}).get(key)
                if table == "keywords"
                else entry["files"].get(table)
            )
            if record is None:
                continue
            path = store.root / record["path"]
            try:
                ok = _sha256(path) == record["sha256"]
            except OSError as exc:
                raise AnalysisError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
            if not ok:
                raise AnalysisError(f"{path}: damaged (run analyze again to recompute it)")
            frames.append(store.read_table(record))
        kept = [f for f in frames if len(f.columns)]
        if kept:
            nonempty = [f for f in kept if len(f)] or kept[:1]
            out_tables[table] = pd.concat(nonempty, ignore_index=True)
        else:
            out_tables[table] = pd.DataFrame()
    return out_tables

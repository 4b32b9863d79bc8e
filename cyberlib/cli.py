"""The ``cyberlib`` command line.

::

    cyberlib corpus PATH... [--format csv|json|table]   the corpus table
    cyberlib stats PATH...  [--format csv|json|table]   statistics frame of the articles
    cyberlib themes PATH... [--format csv|json|table]   theme scores and relevance per article
    cyberlib entities PATH... [--format ...]            organisations, people, places
    cyberlib keywords PATH... [--format ...]            keywords per article
    cyberlib report [--out reports/] [--corpus SOURCE | --analysis DIR] [--notebooks DIR]
                                                        execute the notebooks, write HTML + PNG
    cyberlib analyze SOURCE... --out DIR [--engine local|dask] [--scheduler ADDRESS]
                    [--partition-rows N] [--workers N] [--csv]   Parquet tables of everything

PATH is a file, a folder (its ``*.txt``, sorted) or a glob; a ``.jsonl``, ``.csv``,
``.tsv`` or ``.parquet`` file (also ``.gz``) holds one article per line or row, its text
and id columns found by name or given with ``--text-col`` / ``--id-col``. Tables go to
stdout, messages to stderr (an article that cleaning shortened by more than a fifth is
named there as a note; it is still read). Text that cannot be written in the output's
encoding (a file name with bytes that are not UTF-8) is written with backslash escapes.

Exit status: 0 when every input was read; 1 when some were
skipped (each named on stderr with its reason, the rest still processed and printed)
or, for ``report``, when a notebook failed (named on stderr); 2 for usage errors or
when no input could be read.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["main"]

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE = 0, 1, 2

# columns shown by --format table (all columns go to csv and json)
_TABLE_COLUMNS = {
    "corpus": ["doc_id", "outlet", "date", "title", "n_words"],
    "stats": [
        "doc_id", "surface", "value", "value_high", "unit", "qualifier",
        "change", "period", "source", "subject",
    ],
    # relevance first: is the article about cybercrime at all, then its themes (DESIGN ids)
    "themes": [
        "doc_id", "relevance", "relevant", "top_theme", "child_protection", "fraud_scams",
        "cyberattacks", "international_cooperation", "legal_framework", "law_enforcement",
        "technology_ai", "privacy_data", "capacity_building",
    ],
}  # fmt: skip
_TABLE_WIDTH = 40


def _corpus_table(corpus: pd.DataFrame) -> pd.DataFrame:
    # every column but the text itself: the metadata of the source stays in the output
    return corpus.drop(columns="text")


def _stats_table(corpus: pd.DataFrame) -> pd.DataFrame:
    from cyberlib.figures.extraction import extract_statistics

    # an article extraction fails on (a bug) is named on stderr and makes the exit 1
    failed = corpus.attrs.setdefault("failed", [])
    return extract_statistics(corpus, on_error=failed.append)


def _themes_table(corpus: pd.DataFrame) -> pd.DataFrame:
    from cyberlib.language.themes import theme_scores

    return theme_scores(corpus)


def _entities_table(corpus: pd.DataFrame) -> pd.DataFrame:
    from cyberlib.language.entities import entities

    return entities(corpus)


def _keywords_table(corpus: pd.DataFrame) -> pd.DataFrame:
    from cyberlib.language.keywords import keywords

    return keywords(corpus)


_COMMANDS: dict[str, tuple[str, Callable[[pd.DataFrame], pd.DataFrame]]] = {
    "corpus": ("the corpus table: every column but the text", _corpus_table),
    "stats": ("the statistics frame of the articles", _stats_table),
    "themes": ("theme scores, relevance (0-1), relevant and top theme per article", _themes_table),
    "entities": ("organisations, people, places and countries named", _entities_table),
    "keywords": ("keywords per article", _keywords_table),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cyberlib",
        description="Figures and themes in Vietnamese news about cybercrime.",
        epilog="Exit status: 0 all inputs read, 1 some skipped, 2 usage error or nothing read.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, _) in _COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help="article file, folder, glob, or a .jsonl/.csv/.tsv/.parquet file (also .gz)",
        )
        p.add_argument("--format", choices=["csv", "json", "table"], default="table")
        p.add_argument(
            "--text-col",
            default=None,
            metavar="NAME",
            help="column holding the article text (default: text, content or body)",
        )
        p.add_argument(
            "--id-col",
            default=None,
            metavar="NAME",
            help="column holding the article id (default: id, doc_id or url; else file:line)",
        )
    rep = sub.add_parser("report", help="execute notebooks/ and write HTML + PNG charts")
    rep.add_argument("--out", default="reports/", help="output folder (default: reports/)")
    source = rep.add_mutually_exclusive_group()
    source.add_argument(
        "--corpus", default=None, help="articles: folder, file or glob (default: data/articles)"
    )
    source.add_argument(
        "--analysis", default=None, help="folder written by `cyberlib analyze` (read, not redone)"
    )
    rep.add_argument(
        "--notebooks",
        default=None,
        help="folder of NN_*.ipynb notebooks (default: the notebooks/ of cyberlib's checkout)",
    )
    ana = sub.add_parser(
        "analyze",
        help="analyse a corpus of any size into a folder of Parquet tables (resumable)",
        description="Statistics, themes, entities and keywords of every article, written "
        "partition by partition into DIR; rerun the same command to resume or update.",
    )
    ana.add_argument("sources", nargs="+", metavar="SOURCE", help="file, folder or glob")
    ana.add_argument("--out", required=True, metavar="DIR", help="analysis folder")
    ana.add_argument("--engine", choices=["local", "dask"], default="local")
    ana.add_argument("--scheduler", metavar="ADDRESS", help="dask scheduler (else a LocalCluster)")
    ana.add_argument("--partition-rows", type=int, default=1000, metavar="N")
    ana.add_argument("--workers", type=int, default=None, metavar="N", help="default: all cores")
    ana.add_argument("--csv", action="store_true", help="also write DIR/csv/*.csv for Excel")
    ana.add_argument("--text-col", default=None, help="column holding the article text")
    ana.add_argument("--id-col", default=None, help="column holding the article id")
    return parser


def _short_number(v: float) -> str:
    """A float for a terminal table: whole numbers with thousands separators, others to
    three significant digits (``83500000.0`` → ``83,500,000``; ``26.1283`` → ``26.1``).

    >>> _short_number(83500000.0), _short_number(55000.0), _short_number(26.1283)
    ('83,500,000', '55,000', '26.1')
    """
    if v != v:  # NaN
        return ""
    if float(v).is_integer() or abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:.3g}"


def _write(frame: pd.DataFrame, fmt: str, command: str) -> None:
    out = sys.stdout
    if fmt == "csv":
        frame.to_csv(out, index=False)
    elif fmt == "json":
        out.write(frame.to_json(orient="records", force_ascii=False, date_format="iso", indent=1))
        out.write("\n")
    else:
        columns = [c for c in _TABLE_COLUMNS.get(command, list(frame.columns)) if c in frame]
        shown = frame[columns] if columns else frame
        if shown.empty:
            out.write("(no rows)\n")
            return
        text = shown.to_string(
            index=False,
            max_colwidth=_TABLE_WIDTH,
            na_rep="",
            float_format=_short_number,
        )
        out.write(text + "\n")


def _where(item: dict) -> str:
    line = item.get("line")
    return item["path"] if line is None else f"{item['path']} line {line}"


def _safe_streams() -> None:
    """Never fail on writing: characters the stream cannot encode become escapes."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a closed or unusual stream: leave it
                pass


def _run_table(args: argparse.Namespace) -> int:
    from cyberlib.reading.corpus import load_corpus

    corpus = load_corpus(args.paths, args.text_col, args.id_col, errors="ignore")
    skipped = corpus.attrs.get("skipped", [])
    for item in skipped:
        print(f"cyberlib: skipped {_where(item)}: {item['reason']}", file=sys.stderr)
    for item in corpus.attrs.get("flagged", []):
        print(
            f"cyberlib: note: {_where(item)} ({item['doc_id']}): {item['reason']}",
            file=sys.stderr,
        )
    if corpus.empty:
        print("cyberlib: no readable input", file=sys.stderr)
        return EXIT_USAGE
    frame = _COMMANDS[args.command][1](corpus)
    failed = corpus.attrs.get("failed", [])
    for problem in failed:
        print(problem, file=sys.stderr)  # the message starts with "cyberlib: "
    _write(frame, args.format, args.command)
    return EXIT_SKIPPED if skipped or failed else EXIT_OK


def _run_report(args: argparse.Namespace) -> int:
    from cyberlib.report.build import ReportError, build_report

    for folder in (args.analysis, args.notebooks):
        if folder is not None and not os.path.isdir(folder):
            print(f"cyberlib: {folder}: no such folder", file=sys.stderr)
            return EXIT_USAGE
    if args.analysis is not None:
        from cyberlib.report.inputs import is_analysis_folder

        if not is_analysis_folder(args.analysis):
            print(
                f"cyberlib: {args.analysis}: not an analysis folder (no manifest.json or "
                "articles table; write one with `cyberlib analyze`)",
                file=sys.stderr,
            )
            return EXIT_USAGE
    if args.corpus is not None and not os.path.exists(args.corpus):
        import glob

        if not glob.has_magic(args.corpus):
            print(f"cyberlib: {args.corpus}: no such folder or file", file=sys.stderr)
            return EXIT_USAGE
    try:
        index = build_report(
            out=args.out, notebooks=args.notebooks, corpus=args.corpus, analysis=args.analysis
        )
    except ReportError as exc:  # a notebook failed: the others may be written
        print(f"cyberlib: {exc}", file=sys.stderr)
        return EXIT_SKIPPED
    print(f"cyberlib: report written to {index}", file=sys.stderr)
    return EXIT_OK


def _run_analyze(args: argparse.Namespace) -> int:
    from cyberlib.pipeline.run import analyze

    if args.partition_rows < 1 or (args.workers is not None and args.workers < 1):
        print("cyberlib: --partition-rows and --workers must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    if args.scheduler and args.engine != "dask":
        print("cyberlib: --scheduler needs --engine dask", file=sys.stderr)
        return EXIT_USAGE
    manifest = analyze(
        args.sources,
        args.out,
        engine=args.engine,
        scheduler=args.scheduler,
        partition_rows=args.partition_rows,
        workers=args.workers,
        csv=args.csv,
        text_col=args.text_col,
        id_col=args.id_col,
    )
    import pandas as pd

    from cyberlib.pipeline.store import Store

    store = Store(args.out)
    for part in manifest["partitions"].values():
        if part["skipped"]:
            skipped = store.read_table(part["files"]["skipped"])
            for path, line, reason in skipped.itertuples(index=False):
                where = path if pd.isna(line) else f"{path}:{line}"
                print(f"cyberlib: skipped {where}: {reason}", file=sys.stderr)
    counts, run = manifest["counts"], manifest["run"]
    print(
        f"cyberlib: {counts['articles']} articles in {manifest['partition_count']} partitions "
        f"({run['partitions_computed']} computed, {run['partitions_reused']} reused) "
        f"written to {args.out}",
        file=sys.stderr,
    )
    if not counts["articles"]:
        print("cyberlib: no readable input", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_SKIPPED if counts["skipped"] else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    >>> main(["corpus", "data/articles/004_8441360021e80842.txt"])
                  doc_id     outlet       date                                    title  n_words
    004_8441360021e80842 Tiền Phong 2025-10-08 Hà Nội chuẩn bị đón hàng trăm đoàn qu...      732
    0
    """
    _safe_streams()
    args = _parser().parse_args(argv)
    try:
        if args.command == "report":
            return _run_report(args)
        if args.command == "analyze":
            return _run_analyze(args)
        return _run_table(args)
    except BrokenPipeError:  # e.g. `cyberlib stats data | head`
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("cyberlib: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the user gets a sentence, not a traceback
        if os.environ.get("CYBERLIB_DEBUG"):
            raise
        print(
            f"cyberlib: {args.command} failed: {type(exc).__name__}: {exc} "
            "(set CYBERLIB_DEBUG=1 to see the traceback)",
            file=sys.stderr,
        )
        return EXIT_USAGE

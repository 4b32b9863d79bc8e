"""The ``cyberlib`` command line.

::

    cyberlib corpus PATH... [--format csv|json|table]   the corpus table
    cyberlib stats PATH...  [--format csv|json|table]   statistics frame of the articles
    cyberlib themes PATH... [--format csv|json|table]   theme scores per article
    cyberlib report [--out reports/] [--corpus SOURCE | --analysis DIR] [--notebooks DIR]
                                                        execute the notebooks, write HTML + PNG

PATH is a file, a folder (its ``*.txt``, sorted) or a glob. Tables go to stdout,
messages to stderr. Exit status: 0 when every input was read; 1 when some were
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
}  # fmt: skip
_TABLE_WIDTH = 40


def _corpus_table(corpus: pd.DataFrame) -> pd.DataFrame:
    return corpus[_TABLE_COLUMNS["corpus"]]


def _stats_table(corpus: pd.DataFrame) -> pd.DataFrame:
    from cyberlib.figures.extraction import extract_statistics

    return extract_statistics(corpus)


def _themes_table(corpus: pd.DataFrame) -> pd.DataFrame:
    from cyberlib.language.themes import theme_scores

    return theme_scores(corpus)


_COMMANDS: dict[str, tuple[str, Callable[[pd.DataFrame], pd.DataFrame]]] = {
    "corpus": ("the corpus table: doc_id, outlet, date, title, n_words", _corpus_table),
    "stats": ("the statistics frame of the articles", _stats_table),
    "themes": ("theme scores per article", _themes_table),
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
        p.add_argument("paths", nargs="+", metavar="PATH", help="article file, folder or glob")
        p.add_argument("--format", choices=["csv", "json", "table"], default="table")
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


def _run_table(args: argparse.Namespace) -> int:
    from cyberlib.reading.corpus import load_corpus

    corpus = load_corpus(args.paths, errors="ignore")
    skipped = corpus.attrs.get("skipped", [])
    for item in skipped:
        print(f"cyberlib: skipped {item['path']}: {item['reason']}", file=sys.stderr)
    if corpus.empty:
        print("cyberlib: no readable input", file=sys.stderr)
        return EXIT_USAGE
    frame = _COMMANDS[args.command][1](corpus)
    _write(frame, args.format, args.command)
    return EXIT_SKIPPED if skipped else EXIT_OK


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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    >>> main(["corpus", "data/articles/004_8441360021e80842.txt", "--format", "json"])
    [
     {
      "doc_id":"004_8441360021e80842",
      "outlet":"Tiền Phong",
      "date":"2025-10-08T00:00:00.000",
      "title":"Hà Nội chuẩn bị đón hàng trăm đoàn quốc tế dự sự kiện quan trọng của Liên Hợp Quốc",
      "n_words":732
     }
    ]
    0
    """
    args = _parser().parse_args(argv)
    try:
        if args.command == "report":
            return _run_report(args)
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

"""Access to the knowledge files shipped in ``cyberlib/data``.

Every word list the library relies on (units, scale words, qualifiers, theme lexicons,
stopwords, gazetteers, currency rates, boilerplate patterns) is a TOML, CSV or text
file in ``cyberlib/data``; each file says in a comment where its list came from.
Files are read once and cached.
"""

from __future__ import annotations

import csv
import io
import tomllib
from functools import cache
from importlib import resources
from typing import Any

_PACKAGE = "cyberlib.data"


def data_text(name: str) -> str:
    """Return the text of the data file ``name`` (UTF-8).

    >>> data_text("README.md").startswith("#")
    True
    """
    return resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


@cache
def load_toml(name: str) -> dict[str, Any]:
    """Parse the TOML data file ``name`` (cached; treat the result as read-only).

    >>> load_toml("boilerplate.toml")["media_counter"]["pattern"].startswith("^")
    True
    """
    return tomllib.loads(data_text(name))


@cache
def load_csv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of the CSV data file ``name`` as dicts; lines starting with ``#`` are comments.

    >>> rows = load_csv("outlets.csv")
    >>> rows[0]["alias"], rows[0]["outlet"]
    ('TTXVN', 'TTXVN')
    """
    lines = [ln for ln in data_text(name).splitlines() if not ln.lstrip().startswith("#")]
    return tuple(csv.DictReader(io.StringIO("\n".join(lines))))


@cache
def load_wordlist(name: str) -> frozenset[str]:
    """Non-empty, non-comment lines of a plain word list, stripped and NFC-normalised.

    >>> "# cyberlib/data — knowledge as data" in load_wordlist("README.md")
    False
    """
    from cyberlib.normalization import normalize

    words = set()
    for line in data_text(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(normalize(line))
    return frozenset(words)

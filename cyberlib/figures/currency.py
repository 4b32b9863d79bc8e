"""Convert money figures to US dollars with yearly average exchange rates.

The rate table (``data/usd_rates.csv``: ``year, currency, per_usd``) holds World Bank
PA.NUS.FCRF yearly averages. The year of a row is, in order: its ``year`` column, the year
of its ``date`` column, the first year written in its ``period`` ("2024–2028" -> 2024);
without one, the latest rate is used. A year outside the table takes the nearest year
that the table has for that currency.
"""

from __future__ import annotations

import bisect
import math
import re
from typing import TYPE_CHECKING, Any

from cyberlib.resources import load_csv

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["load_rates", "to_usd"]

_YEAR = re.compile(r"(?:19|20)\d\d")


def load_rates() -> pd.DataFrame:
    """The shipped rate table as a frame ``year, currency, per_usd``.

    >>> rates = load_rates()
    >>> float(rates.query("year == 2023 and currency == 'vnd'").per_usd.iloc[0])
    23787.0
    """
    import pandas as pd

    frame = pd.DataFrame(list(load_csv("usd_rates.csv")))
    return frame.astype({"year": "int64", "per_usd": "float64"})


def _table(rates: pd.DataFrame) -> dict[str, tuple[list[int], list[float]]]:
    table: dict[str, list[tuple[int, float]]] = {}
    for year, cur, per in zip(rates["year"], rates["currency"], rates["per_usd"], strict=True):
        table.setdefault(str(cur).lower(), []).append((int(year), float(per)))
    out = {}
    for cur, pairs in table.items():
        pairs.sort()
        out[cur] = ([y for y, _ in pairs], [r for _, r in pairs])
    return out


def _rate(table: dict, currency: str, year: int | None) -> float | None:
    if currency == "usd":
        return 1.0
    if currency not in table:
        return None
    years, per = table[currency]
    if year is None:
        return per[-1]
    i = bisect.bisect_left(years, year)
    if i < len(years) and years[i] == year:
        return per[i]
    if i == 0:
        return per[0]
    if i == len(years):
        return per[-1]
    return per[i] if years[i] - year < year - years[i - 1] else per[i - 1]


def _year_of(row: dict[str, Any]) -> int | None:
    year = row.get("year")
    if year is not None and not (isinstance(year, float) and math.isnan(year)):
        return int(year)
    date = row.get("date")
    if date is not None and getattr(date, "year", None) and not isinstance(date, float):
        try:
            return int(date.year)
        except (TypeError, ValueError):
            pass
    m = _YEAR.search(str(row.get("period") or ""))
    return int(m.group()) if m else None


def to_usd(stats: pd.DataFrame, rates: pd.DataFrame | None = None) -> pd.DataFrame:
    """A copy of ``stats`` with ``value_usd``: money values in US dollars (else NaN).

    ``rates`` is a frame like :func:`load_rates` (the shipped table when None).

    >>> import pandas as pd
    >>> stats = pd.DataFrame({"value": [2378700000.0, 5.0, 1e9], "unit": ["vnd", "case", "usd"],
    ...                       "period": ["2023", None, None]})
    >>> to_usd(stats)["value_usd"].round(1).tolist()
    [100000.0, nan, 1000000000.0]
    """
    table = _table(load_rates() if rates is None else rates)
    out = stats.copy()
    values = []
    for row in stats.to_dict("records"):
        rate = _rate(table, str(row.get("unit") or "").lower(), _year_of(row))
        values.append(math.nan if rate is None else float(row["value"]) / rate)
    out["value_usd"] = values
    return out

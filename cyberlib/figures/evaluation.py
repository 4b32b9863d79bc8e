"""Score a statistics frame against a hand-annotated gold table.

Gold table columns: ``doc, surface, value, unit, qualifier, required`` (``required`` may be
missing: every row is then required). Predictions: a statistics frame (``doc_id``) or any
frame with ``doc``/``doc_id``, ``value``, ``unit`` and optionally ``qualifier``,
``value_high`` and ``surface``.

Matching, document by document:

* a range prediction (``value_high`` set) counts as two predictions, ``range_low`` (value)
  and ``range_high`` (value_high), each with that qualifier;
* a prediction matches the first still unmatched required gold row with an equal value
  (relative tolerance 1e-6) and the same unit (lowercase): a true positive, and its
  qualifier is right when it equals the gold one;
* an unmatched prediction whose value equals an optional gold row (``required`` = 0) of the
  document is neither right nor wrong; any other is a false positive;
* required gold rows left unmatched are false negatives;
* a false positive is also a WRONG value when it stands where a gold figure stands (its
  span overlaps a gold row's span, when both frames have ``start``; else its surface equals
  a gold surface) but its value or unit differs: the reading an analyst would be misled by.
  ``wrong`` counts those (they are inside ``fp``); a wrong value is worse than a miss.

These are the rules of the project's shared scorer; users can score their own gold files.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["read_gold", "score_statistics"]


def read_gold(path: str) -> pd.DataFrame:
    """Read a gold CSV (UTF-8) with the columns above."""
    import pandas as pd

    return pd.read_csv(path, encoding="utf-8", keep_default_na=False)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _float(x: Any) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


def _text(x: Any) -> str:
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else str(x).strip()


def _at_gold(p: dict, spans: list[tuple[float, float, str]]) -> bool:
    """Whether prediction ``p`` stands where a gold figure stands (see the module doc)."""
    start = _float(p.get("start"))
    surface = _text(p.get("surface"))
    end = _float(p.get("end"))
    if math.isnan(end) and not math.isnan(start):
        end = start + len(surface)
    for g_start, g_end, g_surface in spans:
        if not (math.isnan(start) or math.isnan(g_start)):
            if start < g_end and g_start < end:
                return True
        elif surface and surface == g_surface:
            return True
    return False


def score_statistics(gold: pd.DataFrame, pred: pd.DataFrame) -> dict[str, Any]:
    """Precision, recall, F1 and qualifier accuracy of ``pred`` against ``gold``.

    Returns a dict with ``tp, fp, fn, wrong, precision, recall, f1, qualifier_accuracy``
    and ``misses`` (one readable line per false positive, false negative, wrong value or
    wrong qualifier).

    >>> import pandas as pd
    >>> gold = pd.DataFrame({"doc": ["a", "a"], "surface": ["hơn 30 nước", "hai bên"],
    ...     "value": [30, 2], "unit": ["country", "party"],
    ...     "qualifier": ["more_than", "exact"], "required": [1, 0]})
    >>> pred = pd.DataFrame({"doc_id": ["a", "a"], "value": [30.0, 2.0],
    ...     "unit": ["country", "party"], "qualifier": ["exact", "exact"]})
    >>> r = score_statistics(gold, pred)
    >>> r["tp"], r["fp"], r["fn"], r["wrong"], r["f1"], r["qualifier_accuracy"]
    (1, 0, 0, 0, 1.0, 0.0)
    >>> bad = pd.DataFrame({"doc_id": ["a"], "surface": ["hơn 30 nước"], "value": [3.0],
    ...     "unit": ["country"]})
    >>> r = score_statistics(gold, bad)
    >>> r["fp"], r["fn"], r["wrong"]
    (1, 1, 1)
    """
    required: dict[str, list[dict]] = defaultdict(list)
    optional: dict[str, list[float]] = defaultdict(list)
    for g in gold.to_dict("records"):
        doc = _text(g.get("doc", g.get("doc_id")))
        is_required = _text(g.get("required", 1)) in ("1", "1.0", "True", "true", "")
        if is_required:
            required[doc].append(g)
        else:
            optional[doc].append(_float(g["value"]))
    predicted: dict[str, list[dict]] = defaultdict(list)
    for p in pred.to_dict("records"):
        doc = _text(p.get("doc_id", p.get("doc")))
        high = _float(p.get("value_high"))
        if not math.isnan(high):
            predicted[doc].append({**p, "qualifier": "range_low"})
            predicted[doc].append({**p, "value": high, "qualifier": "range_high"})
        else:
            predicted[doc].append(p)
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for g in gold.to_dict("records"):
        doc = _text(g.get("doc", g.get("doc_id")))
        start = _float(g.get("start"))
        surface = _text(g.get("surface"))
        end = start + len(surface) if not math.isnan(start) else math.nan
        spans[doc].append((start, end, surface))
    tp = fp = fn = right = wrong = 0
    misses: list[str] = []
    for doc in sorted(set(required) | set(predicted) | set(optional)):
        open_rows = list(required[doc])
        for p in predicted[doc]:
            value, unit = _float(p.get("value")), _text(p.get("unit")).lower()
            match = next(
                (g for g in open_rows if _close(_float(g["value"]), value) and g["unit"] == unit),
                None,
            )
            if match is not None:
                open_rows.remove(match)
                tp += 1
                if _text(p.get("qualifier")) == _text(match["qualifier"]):
                    right += 1
                else:
                    misses.append(
                        f"qualifier {doc}: {match['surface']!r} gold={match['qualifier']} "
                        f"got={_text(p.get('qualifier'))}"
                    )
            elif not any(_close(o, value) for o in optional[doc]):
                fp += 1
                if _at_gold(p, spans[doc]):
                    wrong += 1
                    kind = "WRONG"
                else:
                    kind = "FP"
                misses.append(
                    f"{kind} {doc}: {_text(p.get('surface'))!r} value={value} unit={unit}"
                )
        for g in open_rows:
            fn += 1
            misses.append(f"FN {doc}: {g['surface']!r} value={g['value']} unit={g['unit']}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp, "fp": fp, "fn": fn, "wrong": wrong, "precision": precision, "recall": recall,
        "f1": f1, "qualifier_accuracy": right / tp if tp else 0.0, "misses": misses,
    }  # fmt: skip

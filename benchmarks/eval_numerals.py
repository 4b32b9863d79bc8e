"""Vietnamese number words read by cyberlib, against an independent speller.

    python benchmarks/eval_numerals.py [--n 5000] [--seed 1]

There is no public Vietnamese numeral test set with a licence that lets us ship it, so the
cases are made by num2words (``num2words(n, lang="vi")``, a maintained library written
independently of cyberlib, LGPL) and by our own table of the forms news uses that
num2words never writes (``tests/figures/data/numeral_forms.csv``: "linh"/"lẻ", "mốt",
"tư", "lăm"/"nhăm", "vạn", "một triệu hai", "rưỡi", fractions, "phẩy không …").

Each case is scored twice:

* ``parse_number(words)``: right, WRONG (another value) or missed (None);
* the extractor on a sentence with the words before a counted noun
  ("Cơ quan chức năng ghi nhận {words} vụ lừa đảo."): right, WRONG or missed (no row;
  a count of one is no figure by design, so n = 1 is left out of this part).

A wrong value is worse than a miss: the two are printed apart. Needs num2words (a dev
dependency); without it only our own table is scored.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from cyberlib.figures.extraction import extract_statistics  # noqa: E402
from cyberlib.figures.numbers import parse_number  # noqa: E402

FORMS = ROOT / "tests" / "figures" / "data" / "numeral_forms.csv"
SENTENCE = "Cơ quan chức năng ghi nhận {} vụ lừa đảo."


def _cases(n: int, seed: int) -> list[tuple[str, float, str]]:
    rng = random.Random(seed)
    out = []
    with FORMS.open(encoding="utf-8") as f:
        for row in csv.DictReader(r for r in f if not r.startswith("#")):
            out.append((row["words"], float(row["value"]), "own table"))
    try:
        from num2words import num2words
    except ImportError:
        print("eval_numerals: num2words is not installed: only our own table is scored")
        return out
    # below 10^15: num2words 0.5 spells 10^15 "một trăm nghìn tỷ", which is 10^14
    ints = list(range(0, 1001)) + [10**k + d for k in range(3, 15) for d in (0, 1, 5, 10, 15)]
    ints += [rng.randint(0, 10 ** rng.randint(2, 14)) for _ in range(n)]
    out += [(num2words(i, lang="vi"), float(i), "num2words") for i in ints]
    # decimals of one digit, or of two whose first is not 0: num2words reads 0.01 as
    # "phẩy một", which is 0.1 in Vietnamese ("phẩy không một" is 0.01)
    decimals = [
        rng.randint(0, 10**5) + rng.choice([rng.randint(1, 9) / 10, rng.randint(10, 99) / 100])
        for _ in range(n // 5)
    ]
    out += [(num2words(d, lang="vi"), d, "num2words") for d in decimals]
    return out


def _same(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000, help="random integers from num2words")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    cases = _cases(a.n, a.seed)
    for origin in sorted({o for _, _, o in cases}):
        mine = [(w, v) for w, v, o in cases if o == origin]
        right = wrong = 0
        wrong_rows = []
        for words, value in mine:
            got = parse_number(words)
            if _same(got, value):
                right += 1
            elif got is not None:
                wrong += 1
                wrong_rows.append((words, value, got))
        print(
            f"[{origin}] parse_number: {len(mine)} cases, right {right} "
            f"({right / len(mine):.1%}), WRONG {wrong}, missed {len(mine) - right - wrong}"
        )
        for words, value, got in wrong_rows[:10]:
            print(f"    WRONG {words!r}: {got} (is {value})")
        in_text = [(w, v) for w, v in mine if v != 1 and v == int(v) and v >= 0]
        texts = [SENTENCE.format(w) for w, _ in in_text]
        frame = extract_statistics(pd.DataFrame({"doc_id": range(len(texts)), "text": texts}))
        by_doc = frame.groupby("doc_id")["value"].apply(list).to_dict()
        right = wrong = 0
        for i, (_words, value) in enumerate(in_text):
            values = by_doc.get(i, [])
            if any(_same(v, value) for v in values):
                right += 1
            elif values:
                wrong += 1
        print(
            f"[{origin}] in a sentence: {len(in_text)} cases, right {right} "
            f"({right / max(len(in_text), 1):.1%}), WRONG {wrong}, "
            f"missed {len(in_text) - right - wrong}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

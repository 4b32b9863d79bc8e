"""Unit words, qualifiers and label words for statistic extraction, read from data files.

Everything here is built once from ``data/units.toml``, ``data/qualifiers.toml``,
``data/scales.toml``, ``data/number_words.toml`` and ``data/figure_context.toml``; the
extractor in :mod:`cyberlib.figures.extraction` only compiles what this module gives it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cyberlib.figures.numbers import number_words, scale_words
from cyberlib.resources import load_toml, load_wordlist

__all__ = [
    "Lexicon", "lexicon", "alternation", "unit_kind", "currencies", "head_words",
    "lower_same_length",
]  # fmt: skip

MONEY, PERCENT, COUNT, DURATION, MEASURE = "money", "percent", "count", "duration", "measure"

# ISO 4217 codes that are not a currency one reads in news (test, precious metals, funds)
_NOT_MONEY_CODES = frozenset(
    ["XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "XSU", "XUA", "XBA", "XBB", "XBC", "XBD"]
)


def lower_same_length(text: str) -> str:
    """``text.lower()``, except that a character whose lowercase is longer ("İ" -> "i̇")
    keeps one character, so that offsets into the result index ``text`` too.

    >>> lower_same_length("İstanbul 5 USD"), len(lower_same_length("İİ"))
    ('istanbul 5 usd', 2)
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower()[:1] or c for c in text)


@lru_cache(maxsize=1)
def currencies() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """Currency words from Babel's CLDR data: ``(names, symbols, codes)``.

    ``names`` maps each current ISO 4217 currency's Vietnamese name, lowercased ("rúp
    nga", "won hàn quốc", "nhân dân tệ"), to its lowercase code; ``symbols`` its
    Vietnamese-locale symbol ("US$", "₩", "CN¥") to the code; ``codes`` holds the
    lowercase codes, which count only when written in capitals ("RUB", not "rub").

    >>> names, symbols, codes = currencies()
    >>> names["rúp nga"], names["yên nhật"], symbols["₩"], "chf" in codes
    ('rub', 'jpy', 'krw', True)
    """
    from babel import Locale
    from babel.numbers import list_currencies

    from cyberlib.normalization import normalize_unicode

    vi = Locale("vi")
    names: dict[str, str] = {}
    symbols: dict[str, str] = {}
    codes = set()
    for code in sorted(list_currencies()):
        if code in _NOT_MONEY_CODES:
            continue
        low = code.lower()
        codes.add(low)
        name = vi.currencies.get(code)
        if name and not any(c.isdigit() or c in "()" for c in name):
            names[_key(normalize_unicode(name))] = low
        symbol = vi.currency_symbols.get(code)
        if symbol and symbol != code and not symbol.isalpha():
            symbols[symbol] = low
    return names, symbols, frozenset(codes)


def territory_currencies(families: dict[str, list[str]]) -> dict[str, str]:
    """Currency names made of a family word and a country ("đô la Đài Loan" -> "twd").

    ``families`` maps an English family word ("dollar") to its Vietnamese spellings; each
    spelling is paired with the Vietnamese CLDR name of every territory whose one legal
    tender's English name ends in that word. Territory names with a comma or brackets
    ("Quần đảo Cocos (Keeling)") are left out.

    >>> names = territory_currencies({"franc": ["francs"], "dollar": ["đô-la"]})
    >>> names["francs thụy sĩ"], names["đô-la đài loan"], "francs pháp" in names
    ('chf', 'twd', False)
    """
    from babel import Locale
    from babel.numbers import get_territory_currencies

    from cyberlib.normalization import normalize_unicode

    vi, en = Locale("vi"), Locale("en")
    out: dict[str, str] = {}
    for territory, name in vi.territories.items():
        if not territory.isalpha() or any(c in name for c in ",()&"):
            continue
        tender = get_territory_currencies(territory, tender=True)
        if len(tender) != 1:
            continue
        family = en.currencies.get(tender[0], "").rsplit(None, 1)[-1:]
        for spelling in families.get(family[0].lower(), ()) if family else ():
            out[_key(normalize_unicode(f"{spelling} {name}"))] = tender[0].lower()
    return out


@lru_cache(maxsize=1)
def head_words() -> frozenset[str]:
    """Lowercase Vietnamese words of two or three syllables, to keep a counted noun whole
    ("khách sạn", "chi cục", "cửa hàng").

    Read from the word list underthesea ships (``underthesea/corpus/data/Viet74K.txt``,
    Apache-2.0), located without importing underthesea, plus the compounds of
    ``figure_context.toml``, each also in the spelling with "y" that news uses for a
    syllable the word list writes with "i" (``y_spellings``: "mĩ phẩm" -> "mỹ phẩm"); an
    empty word list only loses whole-word units, never values.

    >>> {"khách sạn", "cửa hàng", "mỹ phẩm"} <= head_words()
    True
    """
    from importlib.util import find_spec
    from pathlib import Path

    from cyberlib.normalization import normalize_unicode

    ctx = load_toml("figure_context.toml")
    words = set(ctx["head"]["compounds"])
    try:
        spec = find_spec("underthesea")
        locations = list(spec.submodule_search_locations or []) if spec else []
        for loc in locations:
            path = Path(loc, "corpus", "data", "Viet74K.txt")
            if path.is_file():
                for line in path.read_text(encoding="utf-8").splitlines():
                    w = line.strip()
                    if w and w == w.lower() and 2 <= w.count(" ") + 1 <= 3:
                        words.add(normalize_unicode(w))
                break
    except (OSError, ValueError, ImportError):  # pragma: no cover - a broken install
        pass
    spelled, stop = ctx["head"].get("y_spellings", {}), set(ctx["subject"]["stop"])
    for w in list(words):  # "mĩ phẩm" as the word list writes it, "mỹ phẩm" as news does
        syllables = w.split()
        if any(x in spelled for x in syllables) and not stop & set(syllables):
            # ... but not "mĩ từ" (rhetoric): "Mỹ từ 2/6" is the US, then "from"
            words.add(" ".join(spelled.get(x, x) for x in syllables))
    return frozenset(" ".join(w.split()) for w in words)


def alternation(words: list[str] | set[str] | tuple[str, ...], word_start: bool = False) -> str:
    r"""Regex matching any of ``words`` (longest first), spaces matching any run of blanks.

    Written as a trie ("vụ" and "vụ việc" share "vụ"), so that the regex engine tries one
    branch per character instead of every word in turn: with several hundred unit words
    (every ISO 4217 currency name) this is what keeps extraction fast.

    ``word_start``: only where no letter or digit stands before the word, as ``(?<!\w)``
    before the whole would say; the check is made after the word's first character, so
    that the pattern still opens with that character, which the regex engine looks for
    first, instead of trying a look-behind at every position of the text.

    >>> alternation(["vụ", "vụ việc"])
    'vụ(?:[^\\S\\n]+việc)?'
    >>> import re
    >>> [m.group() for m in re.finditer(alternation(["ba", "bảy", "b"]), "bảy ba b")]
    ['bảy', 'ba', 'b']
    >>> [m.group() for m in re.finditer(alternation(["ba"], word_start=True), "ba, aba ba")]
    ['ba', 'ba']
    """
    tree: dict = {}
    for w in set(words):
        node = tree
        for token in re.findall(r"\s+|.", " ".join(w.split())):
            node = node.setdefault(" " if token.isspace() else token, {})
        node[""] = {}
    return _emit(tree, r"(?<!\w.)" if word_start else "")


def _emit(node: dict, after_first: str = "") -> str:
    alts = []
    for ch in sorted((k for k in node if k), key=lambda k: (k == " ", k)):
        head = r"[^\S\n]+" if ch == " " else re.escape(ch)
        alts.append(head + after_first + _emit(node[ch]))
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


@dataclass(frozen=True)
class Lexicon:
    """All word lists of the extractor, lowercased, with their canonical values."""

    units: dict[str, tuple[str, str]]  # unit words -> (canonical unit, kind)
    factors: dict[str, float]  # unit words whose value is scaled ("GB" -> 1e9 bytes)
    canonical: frozenset[str]  # the canonical units of the lists ("person", "case", "vnd")
    codes: frozenset[str]  # unit words that count only in capitals (ISO codes)
    people: frozenset[str]  # nouns for people outside the listed units
    people_classifiers: frozenset[str]  # "31 vị", "4 tên": people, but "8 cái tên": names
    foreign_nouns: frozenset[str]  # "heroin", "drone": loanwords a classifier counts
    money_nouns: frozenset[str]  # "2 tỷ tiền mặt": an amount whose noun says it is money
    money_first: frozenset[str]  # "10 triệu tiền công": the first syllable says it
    money_last: frozenset[str]  # "15 triệu chi phí": the last syllable says it
    former: frozenset[str]  # "nguyên", "cựu" (former) standing before a counted noun
    owners: frozenset[str]  # "chủ": "57 chủ tàu" are owners, people
    not_owned: frozenset[str]  # "chủ đầu tư": an owner word's noun that names no person
    person_suffixes: tuple[str, ...]  # " viên": "lập trình viên" is a person
    person_prefixes: tuple[str, ...]  # "người ", "thợ ": "thợ săn" is a person
    not_person: frozenset[str]  # "công viên": a place
    not_after_money: frozenset[str]  # "đồng nghiệp": a money word starting another word
    money_after_scale: frozenset[str]  # "117 tỷ đồng bằng việc …": money after a scale word
    scale_only: frozenset[str]  # unit words that count only after a scale word ("bảng")
    scale_only_per: tuple[str, ...]  # "180.000 bảng/tuần": a wage per week is money
    money_prefix: dict[str, str]
    reject_after: frozenset[str]
    lowercase_only: frozenset[str]  # "100g" is grams, "4G" a mobile network
    time_of_day: frozenset[str]
    qualifiers: dict[str, str]
    not_qualifiers: frozenset[str]  # "xung quanh mức": a longer phrase that is no hedge
    changes: dict[str, str]
    not_changes: tuple[str, ...]  # noun phrases ending with a change word ("giá trị gia tăng")
    order_qualifier: str
    order_words: tuple[str, ...]
    orders: dict[str, float]
    labels: frozenset[str]
    not_labels: frozenset[str]
    not_labels_after: frozenset[str]  # "mỗi lô 60 chiếc": each lot, no lot's number
    words_not_after: frozenset[str]  # "nhiều năm": a number word after these is a noun
    not_nouns: frozenset[str]
    not_noun_starts: frozenset[str]  # "còn lại", "mà còn": words that start no noun
    not_counted: frozenset[str]  # "rõ", "vừa", "chắc chắn": word classes no number counts
    rare_verbs: frozenset[str]  # "kiểm tra": no bare number counts it, "46 đợt kiểm tra" does
    verb_classifiers: frozenset[str]  # "đợt", "cuộc": classifiers that may count a verb
    counted_nouns: frozenset[str]  # "hợp đồng": counted after a number in words too
    compounds: frozenset[str]
    prefixes: frozenset[str]  # "siêu": never a noun alone, the start of the next word
    ratio_words: frozenset[str]
    number_words: frozenset[str]
    starts: tuple[str, ...]
    digit_words: tuple[str, ...]
    multipliers: tuple[str, ...]
    scales: tuple[str, ...]
    not_after_scale: tuple[str, ...]  # "2 tỷ phú": "tỷ" starts a word, it is no scale
    scale_set: frozenset[str]
    lone_words: frozenset[str]
    not_before_duration: frozenset[str]
    words_not_before: frozenset[str]
    context: dict
    implied_unit: str
    implied_window: int
    implied_context: int
    implied_other: int  # "50 tỷ USD … khoảng 10 tỷ": a bare amount this close is in USD
    hour_cues: frozenset[str]
    set_phrases: re.Pattern[str]
    classifiers: frozenset[str]
    kept_classifiers: frozenset[str]
    remaining: re.Pattern[str]  # "100 con còn lại": a kept classifier counts alone before it
    many_before: frozenset[str]  # "700 con của gia đình": ... so do ten or more before these
    year_hedges: frozenset[str]  # "gần 2000 lượt thích": a count, no year, after these
    alone_classifiers: frozenset[str]  # "hơn 30 cây bị đục": the classifier alone, no noun
    end_classifiers: frozenset[str]  # "bán 304.427 chiếc.", "9.137 chiếc và": alone
    dropped_classifiers: frozenset[str]
    measure_classifiers: frozenset[str]  # "3.000 thùng thuốc lá": the pair, never the noun's unit
    address_nouns: frozenset[str]
    age_words: frozenset[str]
    after_one: frozenset[str]
    one_after: frozenset[str]  # "ít nhất 1 nhà cung cấp": a count of one, a figure
    rate_links: tuple[str, ...]  # "1 euro = 1,1 USD", "đổi 1 USD": a rate's base, no figure
    all_of: frozenset[str]  # "cả 2 chia tay": both of them, before a verb
    all_of_most: float
    years_before_year: float  # "210.000 năm 2016": so many "years" before a year are none
    all_of_not_after: frozenset[str]  # "tất cả 63 tỉnh": all of them, a count
    people_most: float  # no count of people is larger (the world's population)
    kinship: frozenset[str]  # "2 vợ chồng", "6 con trai": a family's make-up, no figure
    kinship_most: float
    pairs: frozenset[str]  # "hai nhà lãnh đạo": the pair of a story, no figure
    pair_most: float
    fractional: frozenset[str]
    averages: re.Pattern[str]  # "bình quân": a fractional count is an average after these
    after_qualifiers: dict[str, str]
    comparatives: dict[str, str]  # "nhỏ" -> less_than: the bound of "nhỏ hơn 20 triệu"
    negated_bounds: frozenset[str]  # "quá": a bound that a negation before turns round
    negations: frozenset[str]  # "không": "không tăng quá 2 độ" is at most 2 degrees
    negation_reach: int  # how many words before the hedge a negation is looked for
    baselines: tuple[str, ...]  # "so với": what makes "ADJ hơn N" a difference
    estimate: re.Pattern[str]
    estimate_openers: tuple[str, ...]  # "ước tính": the openers ``estimate`` matches
    implied_scales: frozenset[str]
    implied_cues: re.Pattern[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The extractor's word lists (cached).

    >>> lexicon().units["bảng anh"], lexicon().qualifiers["gần"]
    (('gbp', 'money'), 'nearly')
    """
    u = load_toml("units.toml")
    measures = list(u["reject"].get("measure_classifiers", ()))
    units: dict[str, tuple[str, str]] = {}
    factors: dict[str, float] = {}
    names, symbols, codes = currencies()
    for name, code in names.items():
        units[name] = (code, MONEY)
    for symbol, code in symbols.items():
        units[_key(symbol)] = (code, MONEY)
    for code in codes:
        units[code] = (code, MONEY)
    for name, code in territory_currencies(u["money_families"]).items():
        units.setdefault(name, (code, MONEY))
    for kind in (MONEY, PERCENT, COUNT, DURATION):
        for word, canon in u[kind].items():
            units[_key(word)] = (canon, kind)
    signs = {_key(word): code for word, code in u.get("money_signs", {}).items()}
    for sign, code in signs.items():
        units[sign] = (code, MONEY)
    family = {_key(w) for w in u["reject"].get("kinship", ())}
    for word in map(_key, u["people"]["nouns"]):
        # "hai luật sư": a person's noun of two or more syllables counts after a number in
        # words as well; but no family word ("ba người con", "Hai con em vào viện")
        if " " in word and word not in family and not word.startswith("con "):
            units.setdefault(word, ("person", COUNT))
    for spellings in u["money_families"].values():  # "đô la Hong Kong": "đô-la Hong Kong" too
        for key, (code, kind) in list(units.items()):
            first = next((sp for sp in spellings if key.startswith(f"{sp} ")), None)
            if kind == MONEY and first is not None:
                for other in spellings:
                    units.setdefault(other + key[len(first) :], (code, MONEY))
    for word, (canon, factor) in u.get("money_fractions", {}).items():
        units[_key(word)] = (canon, MONEY)  # "84 cent": a hundredth of a dollar
        factors[_key(word)] = float(factor)
    for word, (canon, factor) in u[MEASURE].items():
        units[_key(word)] = (canon, MEASURE)
        if float(factor) != 1.0:
            factors[_key(word)] = float(factor)
    prefix = {k.lower(): v for k, v in u["money_prefix"].items()}
    prefix.update({s.lower(): c for s, c in symbols.items()})
    q = load_toml("qualifiers.toml")
    nw = number_words()
    ctx = load_toml("figure_context.toml")
    scales = tuple(scale_words())
    special = [w for w in nw["special"] if w not in ("nửa",)]
    return Lexicon(
        units=units,
        factors=factors,
        canonical=frozenset(c for c, _ in units.values()),
        codes=frozenset(c for c in codes if c not in {_key(w) for w in u[MONEY]}) | set(signs),
        people=frozenset(_key(w) for w in u["people"]["nouns"]),
        people_classifiers=frozenset(u["people"].get("classifiers", ())),
        foreign_nouns=frozenset(u["reject"].get("foreign_nouns", ())),
        money_nouns=frozenset(_key(w) for w in u["implied"].get("money_nouns", ())),
        money_first=frozenset(u["implied"].get("money_first", ())),
        money_last=frozenset(u["implied"].get("money_last", ())),
        former=frozenset(_key(w) for w in u["people"].get("former", ())),
        owners=frozenset(_key(w) for w in u["people"].get("owners", ())),
        not_owned=frozenset(_key(w) for w in u["people"].get("not_owned", ())),
        person_suffixes=tuple(" " + w for w in u["people"].get("person_suffixes", ())),
        person_prefixes=tuple(w + " " for w in u["people"].get("person_prefixes", ())),
        not_person=frozenset(_key(w) for w in u["people"].get("not_person", ())),
        not_after_money=frozenset(u["reject"]["money_words"]),
        money_after_scale=frozenset(u["reject"].get("money_after_scale", [])),
        scale_only=frozenset(_key(w) for w in u["reject"]["scale_only"]),
        scale_only_per=tuple(u["reject"].get("scale_only_per", ())),
        money_prefix=prefix,
        reject_after=frozenset(u["reject"]["after"]),
        lowercase_only=frozenset(u["reject"].get("lowercase_only", ())),
        time_of_day=frozenset(u["reject"]["time_of_day"]),
        qualifiers={_key(k): v for k, v in q["qualifiers"].items()},
        not_qualifiers=frozenset(_key(w) for w in q.get("not_qualifiers", {}).get("phrases", [])),
        changes={_key(k): v for k, v in q["changes"].items()},
        not_changes=tuple(_key(w) for w in q.get("not_changes", {}).get("phrases", [])),
        order_qualifier=q["orders"]["qualifier"],
        order_words=tuple(q["orders"]["words"]),
        orders={k: float(v) for k, v in load_toml("scales.toml")["orders"].items()},
        labels=frozenset(_key(w) for w in ctx["labels"]["before"]),
        not_labels=frozenset(_key(w) for w in ctx["labels"]["except"]),
        not_labels_after=frozenset(_key(w) for w in ctx["labels"].get("except_after", ())),
        not_nouns=frozenset(ctx["head"]["not_nouns"]),
        not_noun_starts=frozenset(ctx["head"]["not_noun_starts"]),
        not_counted=_not_counted(units, ctx, u),
        rare_verbs=frozenset(load_wordlist("rare_verbs.txt")),
        verb_classifiers=frozenset(u["reject"].get("verb_classifiers", []) + measures),
        counted_nouns=load_wordlist("counted_nouns.txt"),
        compounds=frozenset(ctx["head"]["compounds"]),
        prefixes=frozenset(ctx["head"].get("prefixes", ())),
        ratio_words=frozenset(ctx["head"]["ratio_words"]),
        number_words=frozenset(nw["digits"]) | frozenset(nw["special"]) | frozenset(scales),
        starts=tuple(nw["grammar"]["starts"]),
        digit_words=tuple(nw["digits"]),
        multipliers=tuple(special) + scales,
        scales=scales,
        not_after_scale=tuple(load_toml("scales.toml")["not_before"]),
        scale_set=frozenset(scales),
        lone_words=frozenset(nw["grammar"]["never_alone"]),
        not_before_duration=frozenset(nw["grammar"]["not_before_duration"]),
        words_not_before=frozenset(nw["grammar"]["not_before_unit"]),
        words_not_after=frozenset(nw["grammar"].get("not_after", ())),
        context=ctx,
        implied_unit=u["implied"]["unit"],
        implied_window=int(u["implied"]["window"]),
        implied_context=int(u["implied"]["context"]),
        implied_other=int(u["implied"].get("other_context", 0)),
        hour_cues=frozenset(_key(w) for w in u["reject"]["hour_cues"]),
        set_phrases=re.compile(rf"{alternation(u['reject']['set_phrases'], True)}(?!\w)"),
        classifiers=frozenset(u["reject"]["classifiers"] + measures),
        kept_classifiers=frozenset(u["reject"].get("kept_classifiers", ())),
        remaining=re.compile(
            rf"[^\S\n]+(?:{alternation(u['reject'].get('remaining_words', ()))})(?!\w)",
            re.IGNORECASE,
        ),
        many_before=frozenset(u["reject"].get("many_before", ())),
        year_hedges=frozenset(u["reject"].get("year_hedges", ())),
        alone_classifiers=frozenset(u["reject"].get("alone_classifiers", []) + measures),
        end_classifiers=frozenset(u["reject"].get("end_classifiers", ())),
        dropped_classifiers=frozenset(u["reject"].get("dropped_classifiers", ())),
        measure_classifiers=frozenset(measures),
        address_nouns=frozenset(u["reject"].get("address_nouns", ())),
        age_words=frozenset(u["reject"].get("age_words", ())),
        after_one=frozenset(u["reject"]["after_one"]),
        one_after=frozenset(u["reject"]["one_after"]),
        rate_links=tuple(u["reject"]["rate_links"]),
        all_of=frozenset(u["reject"]["all_of"]),
        all_of_most=u["reject"]["all_of_most"],
        years_before_year=float(u["reject"]["years_before_year"]),
        all_of_not_after=frozenset(u["reject"]["all_of_not_after"]),
        people_most=u["reject"]["people_most"],
        kinship=frozenset(u["reject"].get("kinship", ())),
        kinship_most=float(u["reject"].get("kinship_most", 0)),
        pairs=frozenset(u["reject"]["pairs"]),
        pair_most=u["reject"]["pair_most"],
        fractional=frozenset(u["reject"]["fractional"]),
        averages=re.compile(rf"{alternation(u['reject'].get('average_words', ()), True)}(?!\w)"),
        after_qualifiers={_key(k): v for k, v in q["after"].items()},
        comparatives={
            **{_key(w): "more_than" for w in q["comparatives"]["higher"]},
            **{_key(w): "less_than" for w in q["comparatives"]["lower"]},
        },
        baselines=tuple(_key(w) for w in q["comparatives"]["baseline"]),
        negated_bounds=frozenset(_key(w) for w in q["negated"]["bounds"]),
        negations=frozenset(_key(w) for w in q["negated"]["negations"]),
        negation_reach=int(q["negated"]["reach"]),
        estimate=re.compile(rf"^(?:{alternation(q['estimate']['clause_openers'])})(?!\w)"),
        estimate_openers=tuple(_key(w) for w in q["estimate"]["clause_openers"]),
        implied_scales=frozenset(u["implied"]["scales"]),
        implied_cues=re.compile(rf"{alternation(u['implied']['cues'], True)}(?!\w)"),
    )


def _not_counted(units: dict, ctx: dict, u: dict) -> frozenset[str]:
    """Words of ``not_counted.txt`` that no unit list of ours names as a counted noun."""

    ours = set(units) | set(ctx["head"]["compounds"]) | {_key(w) for w in u["people"]["nouns"]}
    ours |= set(u["reject"]["classifiers"]) | set(u["reject"].get("measure_classifiers", ()))
    ours |= {_key(w) for w in u["people"].get("former", ())}
    words = load_wordlist("not_counted.txt") | load_wordlist("rare_verbs.txt")
    words |= {_key(w) for w in u["reject"].get("not_counted", ())}
    return frozenset(w for w in words if w not in ours)


def _key(words: str) -> str:
    """Lookup key of a phrase: lowercase, single spaces."""
    return " ".join(words.lower().split())


def unit_kind(unit_text: str) -> tuple[str, str] | None:
    """``(canonical unit, kind)`` of unit words as written, or None if not listed.

    >>> unit_kind("Bảng  Anh"), unit_kind("vụ việc"), unit_kind("lớp")
    (('gbp', 'money'), ('case', 'count'), None)
    """
    return lexicon().units.get(_key(unit_text))

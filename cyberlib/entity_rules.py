"""Rule-based entity finder: gazetteer, organisation and place heads, titles before names.

The engine behind ``cyberlib.entities(corpus, method="rules")`` (see :mod:`cyberlib.entities`
for the method). Every list it uses is data: ``cyberlib/data/gazetteer.csv`` (names, variants,
kinds) and ``cyberlib/data/entity_rules.toml`` (titles, honorifics, heads). Spans index
``normalize(text)``; overlapping candidates resolve to the longest.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from cyberlib.normalization import normalize
from cyberlib.resources import load_csv, load_toml

__all__ = ["KINDS", "Span", "canonical", "find_entities"]

KINDS = ("org", "person", "location", "country")
Span = tuple[int, int, str, str]  # start, end, canonical name, kind
_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_B, _E = r"(?<![^\W_])", r"(?![^\W_])"
_CLAUSE_END = re.compile(r"[.!?…:;\n]")


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(word) > 1 and bool(letters) and all(c.isupper() or not c.isalpha() for c in word)


def _alternation(words: list[str], first_exact: bool) -> str:
    parts = []
    for w in sorted({normalize(x) for x in words}, key=len, reverse=True):
        body = r"\s+".join(re.escape(p) for p in w.split())
        if _is_acronym(w) or not first_exact:
            parts.append(f"(?-i:{body})" if _is_acronym(w) else body)
        else:
            parts.append(f"(?-i:{re.escape(w[0])}){body[len(re.escape(w[0])) :]}")
    return _B + "(?:" + "|".join(parts) + ")" + _E


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[re.Pattern[str], dict[str, tuple[str, str, bool]]]:
    entries = {}
    for row in load_csv("gazetteer.csv"):
        alias = normalize(row["alias"])
        entries[alias.casefold()] = (
            normalize(row["canonical"]),
            row["kind"],
            row["ambiguous"] == "1",
        )
    aliases = [normalize(row["alias"]) for row in load_csv("gazetteer.csv")]
    return re.compile(_alternation(aliases, first_exact=True), re.I), entries


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    cfg = load_toml("entity_rules.toml")
    honorifics = set(cfg["honorifics"])
    titles = [t for t in cfg["person_titles"] if t not in honorifics]
    return {
        "titles": re.compile(_alternation(titles, first_exact=False), re.I),
        "honorifics": re.compile(_B + "(?:" + "|".join(map(re.escape, honorifics)) + ")" + _E),
        "org": re.compile(_alternation(cfg["org_heads"], first_exact=True)),
        "loc": re.compile(_alternation(cfg["location_heads"], first_exact=True)),
        "heads": {normalize(h) for h in cfg["org_heads"] if " " not in h.strip()},
        "not_names": {normalize(w) for w in cfg["not_names"]},
        "not_after": {normalize(w).casefold() for w in cfg.get("ambiguous_not_after", [])},
    }


def canonical(name: str) -> str:
    """The canonical form of a name the gazetteer knows (else the name, normalised).

    >>> canonical("Hoa Kỳ"), canonical("LHQ"), canonical("Thụy Sỹ"), canonical("Marc Knapper")
    ('Mỹ', 'Liên hợp quốc', 'Thụy Sĩ', 'Marc Knapper')
    """
    name = " ".join(normalize(name).split())
    entry = _gazetteer()[1].get(name.casefold())
    return entry[0] if entry else name


def _at_sentence_start(text: str, start: int) -> bool:
    head = text[:start].rstrip(" \"'([")
    return not head or bool(_CLAUSE_END.match(head[-1]))


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"([^\W_]+)[ ]+$", text[max(0, start - 40) : start])
    return m.group(1) if m else ""


def _gazetteer_spans(text: str) -> list[Span]:
    pattern, entries = _gazetteer()
    not_after = _rules()["not_after"]
    spans = []
    for m in pattern.finditer(text):
        name, kind, ambiguous = entries[" ".join(m.group().split()).casefold()]
        if ambiguous:
            prev = _prev_word(text, m.start())
            if _at_sentence_start(text, m.start()) or prev[:1].isupper():
                continue
            if prev.casefold() in not_after or _followed_by_one_name_word(text, m.end()):
                continue
        spans.append((m.start(), m.end(), name, kind))
    return spans


def _followed_by_one_name_word(text: str, end: int) -> bool:
    """True for "Mỹ Tâm": one capitalised syllable, then no other ("Mỹ Marc Knapper" is a
    country before a name)."""
    m = re.match(r" ([^\W_]+)(?: ([^\W_]+))?", text[end : end + 60])
    return bool(m and m.group(1)[0].isupper() and not (m.group(2) or "")[:1].isupper())


def _linked(text: str, tokens: list[re.Match[str]], j: int) -> bool:
    """Token ``j`` follows token ``j - 1`` after a single space."""
    return 0 < j < len(tokens) and text[tokens[j - 1].end() : tokens[j].start()] == " "


def _word_pairs(text: str) -> frozenset[str]:
    """Adjacent syllables that underthesea's ``word_tokenize`` puts in one word ("công an")."""
    from underthesea import word_tokenize

    pairs = set()
    for word in word_tokenize(text):
        parts = word.casefold().split()
        pairs.update(f"{a} {b}" for a, b in zip(parts, parts[1:], strict=False))
    return frozenset(pairs)


def _org_end(text: str, tokens: list[re.Match[str]], i: int, pairs: frozenset[str]) -> int:
    """Index of the last token of an organisation name whose first word is token ``i``.

    Grammar: a first group of capitalised syllables ("Niềm Tin Số"), or one capitalised
    syllable and the lowercase one of the same word ("Công an"), then words "Xxx yyy"
    ("Hình sự", "Quốc tế"), optionally joined by "và"; a country or place name may close it
    ("Bộ Nội vụ Anh"). A lowercase syllable counts only when underthesea's segmenter puts
    it in one word with the syllable before (``pairs``), so verbs are left out
    ("Ngân hàng Vietcombank gọi điện").
    """
    from cyberlib.tokens import stopwords

    rules, places, stop = _rules(), _place_names(), stopwords()

    def cap(k: int) -> bool:
        return (
            _linked(text, tokens, k)
            and _title_word(tokens, k, rules["heads"])
            and not rules["org"].match(text, tokens[k].start())
        )

    def low(k: int) -> bool:
        word = tokens[k].group() if _linked(text, tokens, k) else ""
        pair = f"{tokens[k - 1].group()} {word}".casefold()
        return word[:1].islower() and word not in stop and pair in pairs

    j = i
    while cap(j + 1):
        j += 1
    first = tokens[i].group()
    if j == i and low(j + 1) and not _is_acronym(first) and not any(c.isdigit() for c in first):
        j += 1
    elif j > i and low(j + 1) and cap(j + 2) and low(j + 3):  # "Chống Lừa đảo Toàn cầu"
        j += 1
    while True:
        for n in (3, 2, 1):  # a place name ends the organisation name
            words = [tokens[k].group() for k in range(j + 1, j + 1 + n) if k < len(tokens)]
            if len(words) == n and all(_linked(text, tokens, k) for k in range(j + 1, j + 1 + n)):
                if " ".join(words).casefold() in places:
                    return j + n
        k = j + 1
        if k < len(tokens) and tokens[k].group() == "và" and _linked(text, tokens, k):
            k += 1
        if cap(k) and not _is_acronym(tokens[k].group()) and low(k + 1):
            j = k + 1
            continue
        return j


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    _, entries = _gazetteer()
    return frozenset(k for k, (_, kind, _) in entries.items() if kind in ("country", "location"))


def _head_spans(
    text: str, tokens: list[re.Match[str]], index: dict[int, int], pairs: frozenset[str]
) -> list[Span]:
    """Organisations from capitalised heads ("Bộ Y tế"), places from place heads."""
    rules = _rules()
    spans = []
    for kind, pattern in (("org", rules["org"]), ("location", rules["loc"])):
        for m in pattern.finditer(text):
            i = _next_token(text, tokens, index, m.end())
            if i is None or not _title_word(tokens, i, set()):
                continue
            if kind == "org":
                start, end = m.start(), tokens[_org_end(text, tokens, i, pairs)].end()
            else:
                j = i
                while _linked(text, tokens, j + 1) and _title_word(tokens, j + 1, rules["heads"]):
                    j += 1
                start, end = tokens[i].start(), tokens[j].end()
            name = " ".join(text[start:end].split())
            if kind == "org" and name.endswith(" Việt Nam") and name.count(" ") > 2:
                name = name[: -len(" Việt Nam")]
            spans.append((start, end, canonical(name), kind))
    return spans


def _title_word(tokens: list[re.Match[str]], j: int, heads: set[str] | frozenset[str]) -> bool:
    if j >= len(tokens):
        return False
    word = tokens[j].group()
    return word[0].isupper() and word not in heads


def _next_token(text: str, tokens, index: dict[int, int], pos: int) -> int | None:
    gap = len(text[pos:]) - len(text[pos:].lstrip(" "))
    return index.get(pos + gap) if gap == 1 else None


def _resolve(spans: list[Span]) -> list[Span]:
    """Keep the longest of overlapping spans (earlier in the list wins ties)."""
    order = sorted(range(len(spans)), key=lambda k: (-(spans[k][1] - spans[k][0]), k))
    kept: list[Span] = []
    for k in order:
        s, e = spans[k][0], spans[k][1]
        if all(e <= ks or s >= ke for ks, ke, _, _ in kept):
            kept.append(spans[k])
    return sorted(kept)


def _name_word(word: str, rules: dict[str, Any]) -> bool:
    return (
        word[0].isupper()
        and not _is_acronym(word)
        and not any(c.isdigit() for c in word)
        and word not in rules["not_names"]
        and word not in rules["heads"]
    )


def _name_run(text: str, tokens, i: int, blocked: set[int], window: int) -> list[int]:
    """Token indices of the first run of name words within ``window`` tokens from ``i`` in
    the same clause (a run of one word is returned only when nothing longer follows)."""
    rules, run, first = _rules(), [], []
    for k in range(i, min(len(tokens), i + window)):
        gap = text[tokens[k - 1].end() : tokens[k].start()] if k > i else " "
        if k > i and (_CLAUSE_END.search(gap) or "," in gap or "(" in gap):
            break
        if k not in blocked and _name_word(tokens[k].group(), rules) and gap == " ":
            run.append(k)
            continue
        if len(run) >= 2:
            break
        first, run = first or run, []
    if 2 <= len(run) <= 5:
        return run
    return first or run[:1]


def _person_spans(text: str, tokens, index, taken: list[Span]) -> tuple[list[Span], list[Span]]:
    """Full names after titles, and lone surnames after honorifics (to merge later)."""
    rules = _rules()
    blocked = set()
    for s, e, _, _ in taken:
        blocked.update(k for k, t in enumerate(tokens) if t.start() >= s and t.end() <= e)
    full, short = [], []
    for pattern, window in ((rules["titles"], 12), (rules["honorifics"], 6)):
        for m in pattern.finditer(text):
            i = _next_token(text, tokens, index, m.end())
            if i is None or (window == 6 and not _name_word(tokens[i].group(), rules)):
                continue
            run = _name_run(text, tokens, i, blocked, window)
            if window == 6 and run and run[0] != i:
                continue
            if not run:
                continue
            s, e = tokens[run[0]].start(), tokens[run[-1]].end()
            if 2 <= len(run) <= 5:
                full.append((s, e, text[s:e], "person"))
            elif len(run) == 1 and window == 6:
                short.append((s, e, text[s:e], "person"))
    return full, short


def find_entities(text: str) -> list[Span]:
    """Entity spans ``(start, end, canonical, kind)`` of one text by the rules (indices into
    ``normalize(text)``).

    >>> for _, _, name, kind in find_entities(
    ...     "Đại sứ Hoa Kỳ Marc Knapper gặp Thiếu tướng Lê Xuân Minh tại Bộ Công an."):
    ...     print(name, kind)
    Mỹ country
    Marc Knapper person
    Lê Xuân Minh person
    Bộ Công an org
    """
    text = normalize(text)
    tokens = list(_TOKEN.finditer(text))
    index = {t.start(): k for k, t in enumerate(tokens)}
    heads = _head_spans(text, tokens, index, _word_pairs(text))
    spans = _resolve(_gazetteer_spans(text) + heads)
    full, short = _person_spans(text, tokens, index, spans)
    full = _resolve(full)
    names = {name for _, _, name, _ in full}
    merged = []
    for s, e, word, kind in short:
        owners = sorted(n for n in names if n.split()[-1] == word)
        if owners:
            merged.append((s, e, owners[0], kind))
    return sorted(spans + full + merged)

"""Rule-based entity finder: gazetteer, organisation and place heads, titles before names.

The engine behind ``cyberlib.entities(corpus, method="rules")`` (see
:mod:`cyberlib.language.entities` for the method). Every list it uses is data:
``cyberlib/data/gazetteer.csv`` (names, variants, kinds) and
``cyberlib/data/entity_rules.toml`` (titles, honorifics, heads). Spans index
``normalize(text)``; overlapping candidates resolve to the longest.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from cyberlib.language.gazetteer import (
    KINDS,
    canonical,
    gazetteer_index,
    is_acronym,
    place_names,
    rule_lists,
)
from cyberlib.normalization import normalize

__all__ = [
    "KINDS",
    "Span",
    "canonical",
    "find_entities",
    "find_entities_normalized",
    "word_pairs",
]

Span = tuple[int, int, str, str]  # start, end, canonical name, kind
_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_CLAUSE_END = re.compile(r"[.!?…:;\n]")


def _at_sentence_start(text: str, start: int) -> bool:
    head = text[max(0, start - 20) : start].rstrip(" \"'([")  # a window: linear in the text
    return (not head and start <= 20) or bool(head and _CLAUSE_END.match(head[-1]))


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"([^\W_]+)[ ]+$", text[max(0, start - 40) : start])
    return m.group(1) if m else ""


def _gazetteer_spans(text: str) -> list[Span]:
    pattern, entries = gazetteer_index()
    not_after = rule_lists()["not_after"]
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


def word_pairs(analysis: list[tuple[int, int, list[str]]]) -> frozenset[str]:
    """Adjacent syllables that underthesea's ``word_tokenize`` put in one word ("công an"),
    from an analysis of :func:`cyberlib.language.tokens.analyse` (segmented sentence by
    sentence, so the segmenter runs once per article for tokens, keywords and entities).

    >>> sorted(word_pairs([(0, 16, ["Công an", "bắt", "tin tặc"])]))
    ['công an', 'tin tặc']
    """
    pairs = set()
    for _, _, words in analysis:
        for word in words:
            if " " not in word:  # most words: one syllable, no pair
                continue
            parts = word.casefold().split()
            if len(parts) == 2:
                pairs.add(" ".join(parts))
            else:
                pairs.update(f"{a} {b}" for a, b in zip(parts, parts[1:], strict=False))
    return frozenset(pairs)


def _word_pairs(text: str) -> frozenset[str]:
    from cyberlib.language.tokens import analyse

    return word_pairs(analyse(text))


def _org_end(text: str, tokens: list[re.Match[str]], i: int, pairs: frozenset[str]) -> int:
    """Index of the last token of an organisation name whose first word is token ``i``.

    Grammar: a first group of capitalised syllables ("Niềm Tin Số"), or one capitalised
    syllable and the lowercase one of the same word ("Công an"), then words "Xxx yyy"
    ("Hình sự", "Quốc tế"), optionally joined by "và"; a country or place name may close it
    ("Bộ Nội vụ Anh"). A lowercase syllable counts only when underthesea's segmenter puts
    it in one word with the syllable before (``pairs``), so verbs are left out
    ("Ngân hàng Vietcombank gọi điện").
    """
    from cyberlib.language.tokens import stopwords

    rules, places, stop = rule_lists(), place_names(), stopwords()

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
    if j == i and low(j + 1) and not is_acronym(first) and not any(c.isdigit() for c in first):
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
        if cap(k) and not is_acronym(tokens[k].group()) and low(k + 1):
            j = k + 1
            continue
        tail = _org_tail(text, tokens, j + 1, rules, pairs)
        if tail:
            j += tail
            continue
        return j


def _org_tail(text: str, tokens: list[re.Match[str]], k: int, rules, pairs) -> int:
    """Length of the lowercase name part ("hình sự") starting at token ``k``, else 0.

    Not when the next syllable makes a verb of it ("hình sự hóa") or the segmenter joins
    the two into one word.
    """
    for tail in rules["org_tails"]:
        n = len(tail)
        if k + n > len(tokens) or not all(_linked(text, tokens, m) for m in range(k, k + n)):
            continue
        if tuple(tokens[m].group() for m in range(k, k + n)) != tail:
            continue
        after = k + n
        if after < len(tokens) and _linked(text, tokens, after):
            nxt = tokens[after].group()
            if nxt in rules["org_tails_not_before"] or f"{tail[-1]} {nxt}".casefold() in pairs:
                continue
        return n
    return 0


def _head_spans(
    text: str, tokens: list[re.Match[str]], index: dict[int, int], pairs: frozenset[str]
) -> list[Span]:
    """Organisations from capitalised heads ("Bộ Y tế"), places from place heads."""
    rules = rule_lists()
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
    return j < len(tokens) and tokens[j].group()[0].isupper() and tokens[j].group() not in heads


def _next_token(text: str, tokens, index: dict[int, int], pos: int) -> int | None:
    """Index of the token one space after ``pos``, if any."""
    return index.get(pos + 1) if text[pos : pos + 2][:1] == " " else None


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
        and not is_acronym(word)
        and not any(c.isdigit() for c in word)
        and word not in rules["not_names"]
        and word not in rules["heads"]
    )


def _name_run(text: str, tokens, i: int, blocked: set[int], window: int) -> list[int]:
    """Token indices of the first run of name words within ``window`` tokens from ``i`` in
    the same clause (a run of one word is returned only when nothing longer follows)."""
    rules, run, first = rule_lists(), [], []
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


def _person_spans(
    text: str, tokens, index, taken: list[Span], starts: list[int]
) -> tuple[list[Span], list[Span]]:
    """Full names after titles, and lone surnames after honorifics (to merge later);
    ``starts`` are the tokens' start offsets."""
    rules, blocked = rule_lists(), set()
    for s, e, _, _ in taken:
        k = bisect_left(starts, s)
        while k < len(tokens) and tokens[k].end() <= e:
            blocked.add(k)
            k += 1
    full, short = [], []
    title_ends = [end for _, end in rules["titles_matcher"].spans(text)]  # = rules["titles"]
    honorific_ends = [m.end() for m in rules["honorifics"].finditer(text)]
    for ends, window in ((title_ends, 12), (honorific_ends, 6)):
        for end in ends:
            i = _next_token(text, tokens, index, end)
            if i is None or (window == 6 and not _name_word(tokens[i].group(), rules)):
                continue
            run = _name_run(text, tokens, i, blocked, window)
            if not run or (window == 6 and run[0] != i):
                continue
            s, e = tokens[run[0]].start(), tokens[run[-1]].end()
            if 2 <= len(run) <= 5:
                full.append((s, e, text[s:e], "person"))
            elif len(run) == 1 and window == 6:
                short.append((s, e, text[s:e], "person"))
    return full, short


def find_entities(text: str, pairs: frozenset[str] | None = None) -> list[Span]:
    """Entity spans ``(start, end, canonical, kind)`` of one text by the rules (indices into
    ``normalize(text)``). ``pairs`` are the text's :func:`word_pairs` when already known
    (else the text is segmented here).

    >>> for _, _, name, kind in find_entities(
    ...     "Đại sứ Hoa Kỳ Marc Knapper gặp Thiếu tướng Lê Xuân Minh tại Bộ Công an."):
    ...     print(name, kind)
    Mỹ country
    Marc Knapper person
    Lê Xuân Minh person
    Bộ Công an org
    """
    return find_entities_normalized(normalize(text), pairs)


def find_entities_normalized(text: str, pairs: frozenset[str] | None = None) -> list[Span]:
    """:func:`find_entities` of a text that is already normalised (no second pass).

    >>> [name for _, _, name, _ in find_entities_normalized("Bộ Công an làm việc với LHQ.")]
    ['Bộ Công an', 'Liên hợp quốc']
    """
    tokens = list(_TOKEN.finditer(text))
    starts = [t.start() for t in tokens]
    index = dict(zip(starts, range(len(starts)), strict=True))
    heads = _head_spans(text, tokens, index, _word_pairs(text) if pairs is None else pairs)
    spans = _resolve(_gazetteer_spans(text) + heads)
    full, short = _person_spans(text, tokens, index, spans, starts)
    full = _resolve(full)
    names = {name for _, _, name, _ in full}
    merged = []
    for s, e, word, kind in short:
        owners = sorted(n for n in names if n.split()[-1] == word)
        if owners:
            merged.append((s, e, owners[0], kind))
    return sorted(spans + full + merged)

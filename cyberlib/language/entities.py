"""People, organisations, countries and places named in each article.

The default ``method="rules"`` needs no tagger and runs in milliseconds per article:

1. the gazetteer (``cyberlib/data/gazetteer.csv``) finds agencies, acronyms, countries and
   places and merges their variants ("Hoa Kỳ" -> "Mỹ", "LHQ" -> "Liên hợp quốc");
   aliases that are also common words ("Anh", "Mỹ", "Ý") count only mid-sentence and not
   right after another capitalised syllable (which would make them part of a name);
2. organisation heads ("Bộ", "Cục", "Học viện", "Liên minh", "Tổ chức", ...) followed by
   capitalised words give organisations the gazetteer does not know ("Bộ Nội vụ Anh");
   place heads ("thủ đô", "tỉnh", ...) give places;
3. titles ("Thượng tướng", "Đại sứ", "Thứ trưởng", "bà", "ông", ...) followed, in the same
   clause, by 2-5 capitalised syllables give people; an organisation or country between
   title and name is skipped ("Đại sứ Mỹ Marc Knapper"); a lone surname after "ông"/"bà"
   ("bà May") is merged into the full name found elsewhere in the article.

The lists behind every step are data (``gazetteer.csv``, ``entity_rules.toml``).
``method="ner"`` adds what underthesea's CRF ``ner`` finds outside those spans, after
filtering its usual mistakes (spans starting with a lowercase word such as "tội phạm mạng
TPO", unknown acronyms, one-syllable names). It is much slower (about a second per
article), so it is computed on every core and cached on disk like the other analyses.
"""

from __future__ import annotations

import os
import re
import threading
from typing import TYPE_CHECKING, Any, Literal

from cyberlib.language.entity_rules import (
    KINDS,
    Span,
    _at_sentence_start,
    _name_word,
    _prev_word,
    canonical,
    find_entities,
    find_entities_normalized,
    gazetteer_index,
    is_acronym,
    rule_lists,
    word_pairs,
)
from cyberlib.normalization import normalize

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd

    from cyberlib.language.parallel import Engine
    from cyberlib.language.tokens import Analysis

__all__ = ["KINDS", "canonical", "entities", "find_entities", "ner_spans"]

_NER_KIND = {"PER": "person", "LOC": "location", "ORG": "org"}


def ner_spans(text: str) -> list[tuple[int, int, str]]:
    """underthesea ``ner`` entities of ``text`` (already normalised) as ``(start, end, type)``
    with type ``PER``, ``LOC``, ``ORG`` or ``MISC``, sentence by sentence.

    >>> ner_spans("Ông Nguyễn Văn Nam làm việc tại Hà Nội.")
    [(4, 18, 'PER'), (32, 38, 'LOC')]
    """
    from underthesea import sent_tokenize

    ner = _ner()
    out = []
    for para in re.finditer(r"[^\n]+", text):
        pos = para.start()
        for sent in sent_tokenize(para.group()):
            base = text.find(sent, pos)
            if base < 0:
                continue
            pos, cursor, current = base + len(sent), base, None
            for word, *_, tag in ner(sent):
                found = text.find(word, cursor, pos)
                if found < 0:
                    current = None
                    continue
                cursor = found + len(word)
                if tag.startswith("B-") or (tag.startswith("I-") and current is None):
                    current = [found, cursor, tag[2:]]
                    out.append(current)
                elif tag.startswith("I-") and current is not None and current[2] == tag[2:]:
                    current[1] = cursor
                else:
                    current = None
    return [tuple(span) for span in out]


def _ner_entity(text: str, start: int, end: int, tag: str) -> Span | None:
    """Filter one underthesea entity; ``None`` for its usual mistakes."""
    rules = rule_lists()
    surface = " ".join(text[start:end].split())
    words = surface.split()
    if tag not in _NER_KIND or not surface[:1].isupper() or surface in rules["not_names"]:
        return None
    if rules["titles"].fullmatch(surface) or any(c.isdigit() for c in surface):
        return None
    entry = gazetteer_index()[1].get(surface.casefold())
    if entry:
        return (start, end, entry[0], entry[1])
    if any(not w[:1].isupper() for w in words) and tag != "ORG":
        return None
    if tag == "PER" and not (2 <= len(words) <= 5 and all(_name_word(w, rules) for w in words)):
        return None
    if len(words) == 1 and (is_acronym(surface) or _at_sentence_start(text, start)):
        return None
    if tag == "ORG" and (len(words) < 2 or len(words) > 8):
        return None
    after = re.match(r" ([^\W_]+)", text[end : end + 40])
    if _prev_word(text, start)[:1].isupper() or (after and after.group(1)[0].isupper()):
        return None  # a fragment of a longer capitalised name ("Không Một Mình")
    return (start, end, surface, _NER_KIND[tag])


def _spans(value: list[list[Any]]) -> list[tuple[int, int, str]]:
    return [(int(s), int(e), str(t)) for s, e, t in value]


_NER_LOCK = threading.Lock()
_ner_loaded = False


def _ner() -> Any:
    """underthesea ``ner``, its model loaded once under a lock (it loads lazily, unguarded)."""
    global _ner_loaded
    from underthesea import ner

    if not _ner_loaded:
        with _NER_LOCK:
            if not _ner_loaded:
                ner("Hà Nội")
                _ner_loaded = True
    return ner


def entities(
    corpus: Any,
    method: Literal["rules", "ner"] = "rules",
    *,
    engine: Engine = "processes",
    cache: bool = True,
    cache_dir: str | os.PathLike | None = None,
    analyses: Sequence[Analysis] | None = None,
) -> pd.DataFrame:
    """Long frame ``doc_id, entity, kind, mentions``: each entity once per article, in its
    canonical form, in order of first mention. ``method="ner"`` adds underthesea ``ner``
    finds outside the rule spans (slower; cached).

    The rules use underthesea's word segmentation of each article, sentence by sentence:
    the same pass as :func:`cyberlib.tokenize_corpus` and :func:`cyberlib.keywords` (shared
    through the cache, or given as ``analyses``, one :func:`~cyberlib.language.tokens.analyse`
    result per article, as :func:`cyberlib.analyze` does).

    >>> import pandas as pd
    >>> text = "Thượng tướng Lê Quý Vương gặp Tổng Giám đốc NCA Keith Bristow tại Vương quốc Anh."
    >>> entities(pd.DataFrame({"doc_id": ["a"], "text": [text]}), cache=False)
      doc_id         entity     kind  mentions
    0      a   Lê Quý Vương   person         1
    1      a            NCA      org         1
    2      a  Keith Bristow   person         1
    3      a            Anh  country         1
    """
    import pandas as pd

    from cyberlib.language.parallel import map_texts
    from cyberlib.language.tokens import analyse_corpus, as_corpus

    if method not in ("rules", "ner"):
        raise ValueError(f"method must be 'rules' or 'ner', not {method!r}")
    corpus = as_corpus(corpus)
    texts = [normalize(str(t)) for t in corpus["text"].fillna("")]
    opts = {"engine": engine, "cache": cache, "cache_dir": cache_dir}
    if analyses is None:
        analyses = analyse_corpus(corpus, **opts)
    elif len(analyses) != len(texts):
        raise ValueError(f"{len(analyses)} analyses for {len(texts)} articles")
    found = [
        find_entities_normalized(text, word_pairs(analysis))
        for text, analysis in zip(texts, analyses, strict=True)
    ]
    if method == "ner":
        tagged = map_texts(ner_spans, texts, namespace="ner", decode=_spans, **opts)
        for text, spans, extra in zip(texts, found, tagged, strict=True):
            for start, end, tag in extra:
                if all(end <= s or start >= e for s, e, _, _ in spans):
                    span = _ner_entity(text, start, end, tag)
                    if span is not None:
                        spans.append(span)
            spans.sort()
    rows = []
    for doc_id, spans in zip(corpus["doc_id"], found, strict=True):
        counts: dict[tuple[str, str], int] = {}
        for _, _, name, kind in spans:
            counts[(name, kind)] = counts.get((name, kind), 0) + 1
        rows.extend((doc_id, name, kind, n) for (name, kind), n in counts.items())
    frame = pd.DataFrame(rows, columns=["doc_id", "entity", "kind", "mentions"])
    return frame.astype({"mentions": "int64"})

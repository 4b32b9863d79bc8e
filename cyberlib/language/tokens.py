"""Vietnamese sentences and words, on underthesea's offline segmenters.

Text is normalised first (NFC, one tone placement, see :mod:`cyberlib.normalization`),
so "hoà"/"hòa" and NFC/NFD spellings give the same tokens. Words of several syllables
come back joined by a space ("an ninh mạng"). Each paragraph (line) is split into
sentences on its own, so headings and photo captions never run into the next sentence.

Filtering flags of :func:`tokenize` say what to *remove*: ``stopwords=False`` keeps
stopwords (the list is ``cyberlib/data/stopwords_vi.txt``), ``punctuation=True``
drops tokens without a letter or digit, ``numbers=True`` drops numerals ("100.000",
"1.325", "8/10"). The defaults give the words of the text, stopwords included.
"""

from __future__ import annotations

import os
import re
import threading
from typing import TYPE_CHECKING, Any

from cyberlib.normalization import normalize, normalize_with_offsets
from cyberlib.resources import load_wordlist

if TYPE_CHECKING:
    import pandas as pd

    from cyberlib.language.parallel import Engine

__all__ = [
    "analyse",
    "analyse_corpus",
    "decode_analysis",
    "sentences",
    "stopwords",
    "tokenize",
    "tokenize_corpus",
]

_WORDCHAR = re.compile(r"[^\W_]")
_NUMBER = re.compile(r"[+-]?\d[\d.,/:%+-]*")
_PARAGRAPH = re.compile(r"[^\n]+")

Analysis = list[tuple[int, int, list[str]]]  # per sentence: start, end, tokens
_MAX_SENTENCE = 1000  # characters handed to word_tokenize at once
_LOAD_LOCK = threading.Lock()
_loaded = False


def _segmenters() -> tuple[Any, Any]:
    """underthesea's ``sent_tokenize`` and ``word_tokenize``, their models loaded once
    under a lock (underthesea loads them lazily and unguarded)."""
    global _loaded
    from underthesea import sent_tokenize, word_tokenize

    if not _loaded:
        with _LOAD_LOCK:
            if not _loaded:
                sent_tokenize("Một. Hai.")
                word_tokenize("Một hai")
                _loaded = True
    return sent_tokenize, word_tokenize


def _pieces(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """``(start, end)`` cut at spaces into pieces of at most ``_MAX_SENTENCE`` characters."""
    out = []
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start + 1, start + _MAX_SENTENCE)
        cut = cut if cut > start else start + _MAX_SENTENCE
        out.append((start, cut))
        start = cut
        while start < end and text[start] == " ":
            start += 1
    if end > start:
        out.append((start, end))
    return out


def decode_analysis(value: list[list[Any]]) -> Analysis:
    """An :data:`Analysis` back from its JSON form (lists instead of tuples).

    >>> decode_analysis([[0, 11, ["Hà Nội", "đẹp", "."]]])
    [(0, 11, ['Hà Nội', 'đẹp', '.'])]
    """
    return [(int(s), int(e), [str(t) for t in toks]) for s, e, toks in value]


def stopwords() -> frozenset[str]:
    """The Vietnamese stopword list (lowercase, normalised).

    >>> "của" in stopwords(), "tội phạm" in stopwords()
    (True, False)
    """
    return load_wordlist("stopwords_vi.txt")


def analyse(text: str) -> Analysis:
    """Sentences of ``text`` as ``(start, end, tokens)``: offsets index ``text`` itself,
    tokens are unfiltered underthesea words of the normalised sentence.

    >>> analyse("Hà Nội đẹp. Ông nói vậy.")
    [(0, 11, ['Hà Nội', 'đẹp', '.']), (12, 24, ['Ông', 'nói', 'vậy', '.'])]
    """
    sent_tokenize, word_tokenize = _segmenters()
    norm, offsets = normalize_with_offsets(text)
    out: Analysis = []
    for para in _PARAGRAPH.finditer(norm):
        chunk = para.group()
        if not chunk.strip():
            continue
        pos = 0
        for sent in sent_tokenize(chunk):
            sent = sent.strip()
            if not sent:
                continue
            found = chunk.find(sent, pos)
            start = found if found >= 0 else pos
            end = min(len(chunk), start + len(sent))
            pos = end
            for a, b in _pieces(start, end, chunk):
                s, e = para.start() + a, para.start() + b
                words = word_tokenize(chunk[a:b])
                if offsets is not None:
                    s, e = offsets[s], offsets[e]
                out.append((s, e, words))
    return out


def _keep(token: str, stop: frozenset[str] | None, punctuation: bool, numbers: bool) -> bool:
    if punctuation and not _WORDCHAR.search(token):
        return False
    if numbers and _NUMBER.fullmatch(token):
        return False
    return not (stop is not None and normalize(token).lower() in stop)


def _filter(tokens: list[str], stopwords_: bool, punctuation: bool, numbers: bool) -> list[str]:
    stop = stopwords() if stopwords_ else None
    return [t for t in tokens if _keep(t, stop, punctuation, numbers)]


def tokenize(
    text: str, *, stopwords: bool = False, punctuation: bool = True, numbers: bool = True
) -> list[str]:
    """Words of ``text`` (underthesea ``word_tokenize`` on normalised text).

    Flags say what to remove: stopwords (off by default), punctuation and numbers (on).

    >>> tokenize("Tội phạm mạng gây thiệt hại hơn 10 tỷ USD.")
    ['Tội phạm mạng', 'gây', 'thiệt hại', 'hơn', 'tỷ', 'USD']
    >>> tokenize("Tội phạm mạng gây thiệt hại hơn 10 tỷ USD.", stopwords=True)
    ['Tội phạm mạng', 'gây', 'thiệt hại', 'tỷ', 'USD']
    >>> tokenize("hơn 10 tỷ.", punctuation=False, numbers=False)
    ['hơn', '10', 'tỷ', '.']
    """
    tokens = [t for _, _, toks in analyse(text) for t in toks]
    return _filter(tokens, stopwords, punctuation, numbers)


def sentences(text: str) -> list[str]:
    """Sentences of ``text`` (underthesea ``sent_tokenize``, paragraph by paragraph).

    >>> sentences("Công ước được ký tại Hà Nội. Gần 100 quốc gia tham dự!\\nẢnh: TTXVN")
    ['Công ước được ký tại Hà Nội.', 'Gần 100 quốc gia tham dự!', 'Ảnh: TTXVN']
    """
    return [text[s:e] for s, e, _ in analyse(text)]


def as_corpus(corpus: Any) -> pd.DataFrame:
    """A corpus frame from a frame with a ``text`` column (``doc_id`` taken from the index
    when missing), or from paths, loaded with :func:`cyberlib.load_corpus`.

    >>> import pandas as pd
    >>> as_corpus(pd.DataFrame({"text": ["Lừa đảo qua mạng."]}))["doc_id"].tolist()
    ['0']
    >>> as_corpus("data/articles/001_434c56572f580cfd.txt")["doc_id"].tolist()
    ['001_434c56572f580cfd']
    """
    import pandas as pd

    if isinstance(corpus, pd.DataFrame):
        if "doc_id" not in corpus.columns:
            corpus = corpus.assign(doc_id=corpus.index.astype(str))
        return corpus
    from cyberlib.reading.corpus import load_corpus

    return load_corpus(corpus)


def analyse_corpus(
    corpus: pd.DataFrame,
    *,
    engine: Engine = "processes",
    cache: bool = True,
    cache_dir: str | os.PathLike | None = None,
) -> list[Analysis]:
    """:func:`analyse` of every ``text`` of the corpus, on all cores and cached on disk.

    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Hà Nội đẹp."]})
    >>> analyse_corpus(corpus, cache=False)
    [[(0, 11, ['Hà Nội', 'đẹp', '.'])]]
    """
    from cyberlib.language.parallel import map_texts

    texts = [str(t) for t in as_corpus(corpus)["text"].fillna("")]
    return map_texts(
        analyse,
        texts,
        namespace="tokens",
        engine=engine,
        cache=cache,
        cache_dir=cache_dir,
        decode=decode_analysis,
    )


def tokenize_corpus(
    corpus: Any,
    *,
    stopwords: bool = False,
    punctuation: bool = True,
    numbers: bool = True,
    engine: Engine = "processes",
    cache: bool = True,
    cache_dir: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Long frame ``doc_id, sentence_id, token`` of every article (flags as in :func:`tokenize`).

    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Lừa đảo tăng. Trẻ em bị hại."]})
    >>> tokenize_corpus(corpus, cache=False).values.tolist()
    [['a', 0, 'Lừa đảo'], ['a', 0, 'tăng'], ['a', 1, 'Trẻ em'], ['a', 1, 'bị'], ['a', 1, 'hại']]
    """
    import pandas as pd

    corpus = as_corpus(corpus)
    analyses = analyse_corpus(corpus, engine=engine, cache=cache, cache_dir=cache_dir)
    rows: dict[str, list[Any]] = {"doc_id": [], "sentence_id": [], "token": []}
    for doc_id, analysis in zip(corpus["doc_id"], analyses, strict=True):
        for sid, (_, _, toks) in enumerate(analysis):
            kept = _filter(toks, stopwords, punctuation, numbers)
            rows["doc_id"].extend([doc_id] * len(kept))
            rows["sentence_id"].extend([sid] * len(kept))
            rows["token"].extend(kept)
    return pd.DataFrame(rows).astype({"sentence_id": "int64", "token": "object"})

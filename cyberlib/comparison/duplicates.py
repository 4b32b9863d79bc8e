"""Near-duplicate articles: reposts and syndicated copies of one story, grouped.

Scraped news holds many copies of one story: the same agency text under another outlet's
header, a repost with a sentence dropped or the paragraphs moved, a different byline or
outlet line. :func:`duplicates` groups them so that a figure a copy repeats is not counted
as a second, independent report (:func:`cyberlib.align_figures` uses it).

How two articles are compared. The text is lower-cased and cut into sentences (at ``.``,
``!``, ``?``, ``…``, ``;`` and line breaks); each sentence gives its runs of
:data:`SHINGLE` consecutive words (a sentence shorter than that gives itself). An article is
the set of these shingles, and two articles are near-duplicates when the Jaccard similarity
of their sets (shared shingles / all shingles) reaches ``threshold`` (default
:data:`THRESHOLD`). Shingles never cross a sentence end, so moving sentences around changes
nothing; a dropped or changed sentence lowers the similarity by about its share of the
text. Similarity is estimated with MinHash signatures and candidate pairs are found with
MinHash LSH (the maintained ``datasketch`` library), so the cost grows with the corpus size,
not with the number of pairs; word hashing is vectorised with pandas. Candidates are then
checked against the estimated similarity, and groups are the connected components of the
pairs that pass.

The canonical member of a group is its earliest article by ``date`` (articles without a date
come after dated ones), then the longest text, then the smallest ``doc_id``: the original
is usually the first and fullest version.
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pandas as pd

__all__ = ["SHINGLE", "THRESHOLD", "NUM_PERM", "duplicates", "shingle_hashes"]

#: Words per shingle.
SHINGLE = 5
#: Least estimated Jaccard similarity of two articles' shingle sets for them to be copies.
THRESHOLD = 0.6
#: MinHash permutations (signature length); more is more precise and slower.
NUM_PERM = 128

# a word (group 1), or the marks that end a sentence (found as "")
_TOKEN = re.compile(r"(\w+)|[.!?…;\n]+")
_CHUNK = 2_000  # articles hashed at once (bounds the memory of the word arrays)
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def shingle_hashes(texts: pd.Series | list[str], k: int = SHINGLE) -> list[np.ndarray]:
    """The 32-bit hashes of each text's shingles (runs of ``k`` words inside a sentence).

    Hashes are stable across runs and machines (pandas' keyed hashing of each word, then a
    polynomial over the ``k`` word hashes). A sentence of fewer than ``k`` words is one
    shingle; a text without any word gives an empty array. Each array is sorted and
    without repeats.

    >>> a, b, c = shingle_hashes(["Công an bắt giữ ba đối tượng lừa đảo. Họ khai nhận.",
    ...                           "Họ khai nhận. Công an bắt giữ ba đối tượng lừa đảo.",
    ...                           ""])
    >>> len(a), a.tolist() == b.tolist(), len(c)
    (6, True, 0)
    """
    texts = list(texts.to_list() if isinstance(texts, pd.Series) else texts)
    n_texts = len(texts)
    empty = np.empty(0, dtype=np.uint32)
    tokens = [_TOKEN.findall(t.lower()) if isinstance(t, str) else [] for t in texts]
    lengths = np.fromiter(map(len, tokens), count=n_texts, dtype=np.int64)
    if not lengths.sum():
        return [empty] * n_texts
    flat = np.array(list(itertools.chain.from_iterable(tokens)), dtype=object)
    doc = np.repeat(np.arange(n_texts), lengths)
    is_word = flat != ""
    # a sentence starts at a word that follows a sentence end, or starts its article
    prev_end = np.concatenate([[True], ~is_word[:-1]]) | np.concatenate(
        [[True], doc[1:] != doc[:-1]]
    )
    starts = is_word & prev_end
    words = np.flatnonzero(is_word)
    if not len(words):
        return [empty] * n_texts
    word_hash = pd.util.hash_array(flat[words]).astype(np.uint64)
    seg_of_word = np.cumsum(starts)[words] - 1
    n = np.bincount(seg_of_word)
    seg_doc = doc[words][np.concatenate([[0], np.cumsum(n)[:-1]])]
    seg_start = np.concatenate([[0], np.cumsum(n)[:-1]])
    # shingle starts: every word whose run of k stays inside its sentence; a short sentence
    # gives one shingle made of all its words
    n_shingles = np.maximum(n - k + 1, 1)
    owner = np.repeat(np.arange(len(n)), n_shingles)
    offset = np.arange(len(owner)) - np.repeat(np.cumsum(n_shingles) - n_shingles, n_shingles)
    start = seg_start[owner] + offset
    length = np.minimum(n[owner], k)
    prime = np.uint64(1_000_003)
    acc = np.zeros(len(start), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            inside = j < length
            idx = np.where(inside, start + j, start)
            term = np.where(inside, word_hash[idx], np.uint64(0))
            acc = (acc * prime + term) & _MASK64
    folded = ((acc >> np.uint64(32)) ^ (acc & np.uint64(0xFFFFFFFF))).astype(np.uint32)
    pos = seg_doc[owner]
    order = np.lexsort((folded, pos))
    pos, folded = pos[order], folded[order]
    first = np.concatenate([[True], (pos[1:] != pos[:-1]) | (folded[1:] != folded[:-1])])
    pos, folded = pos[first], folded[first]
    bounds = np.searchsorted(pos, np.arange(n_texts + 1))
    return [folded[bounds[i] : bounds[i + 1]] for i in range(n_texts)]


def _identity(x):
    return x


def _canonical_order(corpus: pd.DataFrame) -> pd.Series:
    """Rank of each row for being the canonical member (lower first)."""
    date = pd.to_datetime(
        corpus["date"] if "date" in corpus else pd.Series(pd.NaT, index=corpus.index),
        errors="coerce",
        utc=True,
    )
    length = corpus["text"].fillna("").astype(str).str.len()
    key = pd.DataFrame(
        {
            "nodate": date.isna().to_numpy(),
            "date": date.to_numpy(),
            "neg_len": -length.to_numpy(),
            "doc_id": corpus["doc_id"].astype(str).to_numpy(),
        }
    )
    ranked = key.sort_values(["nodate", "date", "neg_len", "doc_id"], kind="stable").index
    rank = np.empty(len(key), dtype=np.int64)
    rank[ranked.to_numpy()] = np.arange(len(key))
    return pd.Series(rank, index=corpus.index)


def duplicates(
    corpus: pd.DataFrame,
    threshold: float = THRESHOLD,
    *,
    num_perm: int = NUM_PERM,
    k: int = SHINGLE,
) -> pd.DataFrame:
    """Groups of near-duplicate articles: ``doc_id, group, canonical, similarity``.

    One row for every article that has at least one copy in ``corpus`` (articles without a
    copy are not listed). ``group`` numbers the groups from 0 in the order of their
    canonical member's ``doc_id``; ``canonical`` is the group's original (earliest ``date``,
    then longest text, then smallest id); ``similarity`` is the estimated Jaccard similarity
    of the article's shingles with the canonical one's (1.0 for the canonical itself). See
    the module docstring for what counts as a copy. ``corpus`` needs ``doc_id`` and
    ``text``; ``date`` is used when present. Articles with no word are never copies.

    >>> story = ("Công an TP Hà Nội vừa triệt phá đường dây lừa đảo qua mạng. "
    ...          "Các đối tượng giả danh nhân viên ngân hàng để gọi điện cho người dân. "
    ...          "Số tiền bị chiếm đoạt lên tới hơn 12 tỷ đồng. "
    ...          "Cơ quan điều tra đã khởi tố 7 bị can về tội lừa đảo.")
    >>> other = ("Mùa lúa năm nay ở đồng bằng sông Cửu Long cho năng suất cao. "
    ...          "Nông dân phấn khởi vì giá bán tăng so với vụ trước.")
    >>> corpus = pd.DataFrame({"doc_id": ["goc", "ban-sao", "khac"],
    ...     "date": pd.to_datetime(["2024-05-01", "2024-05-02", "2024-05-01"]),
    ...     "text": ["Báo A\\n" + story, "Báo B đưa tin\\n" + story, other]})
    >>> duplicates(corpus)[["doc_id", "group", "canonical"]]
        doc_id  group canonical
    0      goc      0       goc
    1  ban-sao      0       goc
    """
    from datasketch import MinHash, MinHashLSH
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    columns = ["doc_id", "group", "canonical", "similarity"]
    empty = pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
        columns, ["object", "int64", "object", "float64"], strict=True)})  # fmt: skip
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], not {threshold!r}")
    if corpus.empty:
        return empty
    corpus = corpus.reset_index(drop=True)
    doc_ids = corpus["doc_id"].astype(str).to_numpy()
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    signatures: list = [None] * len(corpus)
    texts = corpus["text"]
    with lsh.insertion_session() as session:
        for lo in range(0, len(corpus), _CHUNK):
            hashes = shingle_hashes(texts.iloc[lo : lo + _CHUNK], k=k)
            sizes = [len(h) for h in hashes]
            minhashes = MinHash.generator(
                (h.tolist() for h in hashes), num_perm=num_perm, hashfunc=_identity
            )
            for j, (mh, size) in enumerate(zip(minhashes, sizes, strict=True)):
                if size:
                    signatures[lo + j] = mh
                    session.insert(lo + j, mh, check_duplication=False)
    rows, cols, sims = [], [], []
    for i, mh in enumerate(signatures):
        if mh is None:
            continue
        for j in lsh.query(mh):
            if j > i:
                sim = mh.jaccard(signatures[j])
                if sim >= threshold:
                    rows.append(i)
                    cols.append(j)
                    sims.append(sim)
    if not rows:
        return empty
    n = len(corpus)
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    in_pair = np.zeros(n, dtype=bool)
    in_pair[rows] = True
    in_pair[cols] = True
    members = pd.DataFrame(
        {"pos": np.flatnonzero(in_pair), "component": labels[in_pair]},
    )
    members["rank"] = _canonical_order(corpus).to_numpy()[members["pos"]]
    first = members.loc[members.groupby("component")["rank"].idxmin(), ["component", "pos"]]
    canon_pos = dict(zip(first["component"], first["pos"], strict=True))
    members["canonical_pos"] = members["component"].map(canon_pos)
    members["doc_id"] = doc_ids[members["pos"]]
    members["canonical"] = doc_ids[members["canonical_pos"]]
    members["similarity"] = [
        1.0 if p == c else float(signatures[p].jaccard(signatures[c]))
        for p, c in zip(members["pos"], members["canonical_pos"], strict=True)
    ]
    group_ids = {c: g for g, c in enumerate(sorted(set(members["canonical"])))}
    members["group"] = members["canonical"].map(group_ids).astype("int64")
    members["is_canon"] = members["pos"] != members["canonical_pos"]
    members = members.sort_values(["group", "is_canon", "pos"], kind="stable")
    return members[columns].reset_index(drop=True)

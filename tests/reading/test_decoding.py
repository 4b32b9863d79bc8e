"""Every accepted encoding gives the same clean text; bad files are reported by name."""

import codecs
import unicodedata
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cyberlib import load_corpus
from cyberlib.reading.cleaning import clean_article
from cyberlib.reading.decoding import DecodeError, decode_bytes, looks_like_legacy_encoding

ARTICLE = "003_798b77d547a8fad6.txt"

# The TCVN3 (ABC) code points of the lowercase letters used below, from the TCVN
# 5712:1993 table (printed in many Vietnamese font converters' documentation).
TCVN3 = {
    "ả": 0xB6, "ắ": 0xBE, "ệ": 0xD6, "ẻ": 0xCE, "ê": 0xAA, "ạ": 0xB9, "ơ": 0xAC,
    "ư": 0xAD, "ợ": 0xEE, "ụ": 0xF4, "ở": 0xEB, "à": 0xB5, "ộ": 0xE9, "đ": 0xAE,
}  # fmt: skip


def encode_tcvn3(text: str) -> bytes:
    return bytes(TCVN3.get(ch, ord(ch)) for ch in text)


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 stores some letters precomposed and tones as combining marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tone = next(c for c in decomposed if c in "\u0300\u0301\u0309\u0303\u0323")
            base = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
            out.append(base.encode("cp1258") + tone.encode("cp1258"))
    return b"".join(out)


ENCODERS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-8-nfd": lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
    "utf-8-crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "cp1258": encode_cp1258,
}


@pytest.fixture(scope="module")
def original(articles_dir):
    return (articles_dir / ARTICLE).read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", sorted(ENCODERS))
def test_every_encoding_gives_the_same_clean_text(tmp_path, articles_dir, original, encoding):
    path = tmp_path / ARTICLE
    path.write_bytes(ENCODERS[encoding](original))
    reference = load_corpus(articles_dir / ARTICLE).iloc[0]
    loaded = load_corpus(path).iloc[0]
    assert loaded.text == reference.text
    assert (loaded.title, loaded.outlet) == (reference.title, reference.outlet)


def test_cp1258_really_uses_combining_marks(original):
    data = encode_cp1258(original)
    assert b"\xf2" in data  # the combining dot below of Windows-1258
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_bytes(data) == (unicodedata.normalize("NFC", original), "cp1258")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (encode_tcvn3("Bảo vệ trẻ em trên mạng: bắt được kẻ lạm dụng ở Hà Nội"), "TCVN3"),
        ("Vieät Nam ñaõ kyù Coâng öôùc Haø Noäi".encode("cp1252"), "TCVN3"),
        ("B¶o Th¾ng, B¶o vÖ trÎ em".encode(), "TCVN3"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "utf-16"),
    ],
    ids=["empty", "blank", "png", "tcvn3", "vni", "tcvn3-as-utf8", "broken-utf16"],
)
def test_unreadable_bytes_get_a_reason(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_legacy_detector_accepts_real_articles(articles_dir):
    for path in sorted(articles_dir.glob("*.txt")):
        assert not looks_like_legacy_encoding(path.read_text(encoding="utf-8")), path.name


def test_bad_files_are_reported_by_name_and_the_rest_is_kept(tmp_path, articles_dir, original):
    (tmp_path / "a_good.txt").write_text(original, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "d_tcvn3.txt").write_bytes(encode_tcvn3("Bảo vệ trẻ em trên mạng ở Hà Nội ạ"))
    (tmp_path / "e_good.txt").write_bytes(encode_cp1258(original))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus([tmp_path, tmp_path / "missing.txt"])
    assert list(corpus.doc_id) == ["a_good", "e_good"]
    skipped = {item["path"].rsplit("/", 1)[-1]: item["reason"] for item in corpus.attrs["skipped"]}
    assert set(skipped) == {"b_empty.txt", "c_binary.txt", "d_tcvn3.txt", "missing.txt"}
    assert "empty" in skipped["b_empty.txt"]
    assert "binary" in skipped["c_binary.txt"]
    assert "TCVN3" in skipped["d_tcvn3.txt"]
    messages = [str(w.message) for w in caught]
    assert any("d_tcvn3.txt" in m and "TCVN3" in m for m in messages)


@given(st.binary(max_size=400))
def test_any_bytes_decode_or_get_a_reason(data):
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        assert str(exc)
    else:
        assert text.strip() and encoding in {"utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1258"}


ONE_LINE_AFTER_HEADER = st.lists(st.text(min_size=1, max_size=8), min_size=20, max_size=40).map(
    lambda words: " date 2024-01-02 (VTC News) - " + " ".join(words)
)


@given(st.text(max_size=400) | ONE_LINE_AFTER_HEADER)
def test_cleaning_never_raises_and_only_removes_lines(text):
    cleaned = clean_article(text)
    original = {line.strip() for line in text.split("\n")}
    # a long header line keeps what follows its date prefix
    original |= {
        line.strip()[len(r.text) :].strip()
        for r in cleaned.removed
        if r.rule == "header"
        for line in text.split("\n")[r.line - 1 : r.line]
    }
    assert all(line.strip() in original for line in cleaned.text.split("\n") if line.strip())

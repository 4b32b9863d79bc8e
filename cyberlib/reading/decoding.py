"""Turn the bytes of an article file into Vietnamese text, or say clearly why not.

Accepted: UTF-8 (with or without BOM), UTF-16 and UTF-32 with a BOM, and Windows-1258
(which Python decodes to base letters plus combining marks: we compose them to NFC).
Refused with a reason: empty files, binary files, and text in the legacy TCVN3 (ABC)
or VNI encodings, which Python cannot decode and which come out as Latin-1 soup such
as "B¶o Th¾ng" or "Vieät Nam".
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

__all__ = ["DecodeError", "decode_bytes", "looks_like_legacy_encoding"]


class DecodeError(ValueError):
    """The bytes are not Vietnamese text we can read; the message says why."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# punctuation outside ASCII that real Vietnamese news text uses
_ALLOWED_SYMBOLS = set("“”‘’„‟«»–—‒―−…•·°×÷€£¥§©®™²³½¼¾±µ€\u00a0\u200b\ufeff")


# what a Western code page shows for bytes 0x80-0xFF: where legacy soups live
_WESTERN = frozenset(bytes(range(0x80, 0x100)).decode("latin-1")) | frozenset(
    bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore")
)


@lru_cache(maxsize=1)
def _classes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Patterns for soup characters, Vietnamese letters beyond the Western code page,
    and any non-ASCII character."""
    letters = _vietnamese_letters()
    foreign = sorted(_WESTERN - letters - _ALLOWED_SYMBOLS)
    native = sorted(letters - _WESTERN)
    return (
        re.compile("[" + re.escape("".join(foreign)) + "]"),
        re.compile("[" + re.escape("".join(native)) + "]"),
        re.compile("[^\x00-\x7f]"),
    )


@lru_cache(maxsize=1)
def _vietnamese_letters() -> frozenset[str]:
    """Every precomposed letter of the Vietnamese alphabet, both cases."""
    letters = set("đĐ")
    tones = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    for base in "aăâeêioôơuưy":
        for tone in tones:
            ch = unicodedata.normalize("NFC", base + tone)
            letters.update({ch, ch.upper()})
    return frozenset(letters)


def looks_like_legacy_encoding(text: str) -> bool:
    """True when ``text`` reads like TCVN3/VNI bytes shown through a Western code page.

    TCVN3 and VNI bytes read through a Western code page (Latin-1, Windows-1252) come
    out as symbols and Western letters (¶ ¾ µ ¸ ö ø ä ...) where Vietnamese letters
    belong. Only characters of that code page count as evidence: Chinese, Russian or
    Korean letters and symbols such as "≥ → ✓" cannot come from such a misreading, so a
    Vietnamese article quoting them is not taken for one; and Vietnamese letters beyond
    that code page (ư ơ đ ạ ế ...), which a soup lacks, outweigh a few foreign names.

    >>> looks_like_legacy_encoding("B¶o vÖ trÎ em trªn m¹ng")
    True
    >>> looks_like_legacy_encoding("Vieät Nam ñaõ kyù Coâng öôùc")
    True
    >>> looks_like_legacy_encoding("Bảo vệ trẻ em trên mạng – “an toàn”")
    False
    >>> looks_like_legacy_encoding("Tin nhắn lừa đảo: 恭喜您中奖 → bấm vào đây ≥ 3 lần ✓")
    False
    >>> looks_like_legacy_encoding("Hướng dẫn đọc tên Özil, Müller và Gündoğan trước trận "
    ...                            "đấu được người hâm mộ đón nhận.")
    False
    """
    foreign_re, native_re, non_ascii_re = _classes()
    foreign = len(foreign_re.findall(text))
    if foreign < 3:
        return False
    native = len(native_re.findall(text))
    non_ascii = len(non_ascii_re.findall(text))
    # a real article writes ư, ơ, đ, ạ, ế ... (beyond the Western code page) far more
    # often than it quotes a name such as "Özil" or "Müller"
    return foreign >= 3 and foreign >= 0.05 * non_ascii and foreign > native / 4


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` to NFC text; return ``(text, encoding_name)``.

    Raises :class:`DecodeError` with a one-line reason for empty, binary or
    legacy-encoded input. Line endings become ``\\n``.

    >>> decode_bytes("Tọa đàm".encode("utf-8"))
    ('Tọa đàm', 'utf-8')
    >>> decode_bytes(codecs.BOM_UTF8 + "Hà Nội".encode("utf-8"))
    ('Hà Nội', 'utf-8-sig')
    >>> decode_bytes("Việt Nam".encode("utf-16"))[0]
    'Việt Nam'
    >>> decode_bytes(b"Vi\\xea\\xf2t Nam")  # cp1258: "ê" + combining dot below
    ('Việt Nam', 'cp1258')
    >>> decode_bytes(b"")
    Traceback (most recent call last):
    ...
    cyberlib.reading.decoding.DecodeError: empty file
    """
    if not data.strip():
        raise DecodeError("empty file")
    text: str | None = None
    encoding = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(name), name
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"starts with a {name} byte-order mark but is not valid {name}: {exc.reason}"
                ) from None
            break
    if text is None:
        if b"\x00" in data:
            raise DecodeError(
                "binary data (NUL bytes; UTF-16 without a byte-order mark is not supported)"
            )
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1258"), "cp1258"
            except UnicodeDecodeError:
                raise DecodeError("not UTF-8, UTF-16 or Windows-1258 text") from None
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _is_binary(text):
        raise DecodeError("binary data, not text")
    if looks_like_legacy_encoding(text):
        raise DecodeError(
            "looks like TCVN3 (ABC) or VNI legacy encoding, which cannot be decoded "
            "reliably; convert the file to UTF-8 first"
        )
    if not text.strip():
        raise DecodeError("empty file")
    return text, encoding


def _is_binary(text: str) -> bool:
    control = sum(1 for ch in text[:4096] if ch < " " and ch not in "\n\t\f\v")
    return control > 0.01 * min(len(text), 4096) + 2

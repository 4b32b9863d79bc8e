"""Strip what is not article text from a downloaded news article, and say what went.

Rules (patterns live in ``data/boilerplate.toml``), each recorded under its name:

``header``
    the crawler's first line, ``" date 2025-10-29 (VTC News) -"``: gives the date and
    often the outlet. When that line is long it also holds the article (a one-line
    article): then only its prefix, the date and an ``"(Outlet) -"`` dateline, goes.
``masthead``
    a short navigation or hotline line (``"Hotline: 0865015015 Tiền Phong ... Tòa soạn
    Quảng cáo"``); long lines are article text whatever words they contain.
``media_counter``
    what an embedded player leaves (``"0:00 / 0:00"``).
``image_file``
    a bare image file name (``"gen-o-cong-uoc-1.jpg"``).
``repeated_line``
    a line identical to the line just before it (a photo caption printed twice).
``trailing_byline``
    a short last line repeating a byline from the top of the article.

Nothing else is changed, except that runs of blank lines left by a removal collapse to
one blank line and the text is stripped at both ends. HTML left by a scraper is taken
out before these rules by :func:`strip_markup` (entities decoded, listed tags removed).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from cyberlib.normalization import normalize
from cyberlib.resources import load_csv, load_toml

__all__ = ["Cleaned", "Removal", "clean_article", "strip_markup"]


@dataclass(frozen=True)
class Removal:
    """One line taken out of an article: the rule, its 1-based line number, its text."""

    rule: str
    line: int
    text: str


@dataclass
class Cleaned:
    """The result of :func:`clean_article`."""

    text: str
    title: str | None = None
    date: date | None = None
    outlet: str | None = None
    removed: list[Removal] = field(default_factory=list)


@lru_cache(maxsize=1)
def _rules() -> dict:
    cfg = load_toml("boilerplate.toml")
    compiled = {
        name: re.compile(cfg[name]["pattern"])
        for name in ("header", "masthead", "media_counter", "image_file")
    }
    aliases = sorted(load_csv("outlets.csv"), key=lambda r: -len(r["alias"]))
    datelines = [
        (re.compile(t.replace("{alias}", re.escape(row["alias"])), re.M), row["outlet"])
        for row in aliases
        for t in cfg["dateline"]["templates"]
    ]
    mentions = [
        (re.compile(rf"(?<!\w){re.escape(row['alias'])}(?!\w)"), row["outlet"]) for row in aliases
    ]
    return {
        "patterns": compiled,
        "header_prefix": re.compile(cfg["header"]["prefix"]),
        "header_max_words": cfg["header"]["max_words"],
        "masthead_max_words": cfg["masthead"]["max_words"],
        "datelines": datelines,
        "mentions": mentions,
        # any alias at all: most articles name none, and one search then settles it
        "any_alias": re.compile("|".join(re.escape(row["alias"]) for row in aliases)),
        "dateline_lines": cfg["dateline"]["lines"],
        "title": cfg["title"],
        "title_end": re.compile(cfg["title"]["sentence_end"]),
        "byline": cfg["byline"],
    }


_DATELINE_CHARS = 300
# spaces of other widths, read as a plain space
_SPACES = re.compile("[\u00a0\u2007\u2009\u200a\u202f\u3000]")


@lru_cache(maxsize=1)
def _markup() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cfg = load_toml("boilerplate.toml")["markup"]
    block = "|".join(cfg["block_tags"])
    inline = "|".join(cfg["inline_tags"])
    tag = r"</?(?:{})(?:\s[^<>]{{0,2000}})?/?>"
    dropped = re.compile(
        r"(?is)<!--.{0,20000}?-->|<(script|style)\b[^<>]{0,2000}>.{0,200000}?</\1\s*>|"
        + tag.format(inline)
    )
    return (
        dropped,
        re.compile("(?i)" + tag.format(block)),
        re.compile("[" + cfg["invisible"] + "]"),
    )


def strip_markup(text: str) -> str:
    """Decode HTML entities, take out HTML tags, drop invisible characters and make every
    space a plain space (``&nbsp;``, NBSP and narrow spaces read as one space).

    >>> strip_markup("<p>Thiệt hại&nbsp;10&nbsp;tỷ đồng</p><p></p>")
    '\\nThiệt hại 10 tỷ đồng\\n\\n\\n'
    >>> strip_markup("Nhập <số tài khoản> khi a<b")
    'Nhập <số tài khoản> khi a<b'
    """
    dropped, block, invisible = _markup()
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = dropped.sub("", text)
        text = block.sub("\n", text)
    text = invisible.sub("", text)
    return _SPACES.sub(" ", text)


def _outlet_in(text: str, patterns: list[tuple[re.Pattern[str], str]]) -> str | None:
    if not _rules()["any_alias"].search(text):
        return None
    for pattern, outlet in patterns:
        if pattern.search(text):
            return outlet
    return None


def clean_article(text: str) -> Cleaned:
    """Remove boilerplate lines from one article (already decoded, NFC) and parse its header.

    >>> raw = " date 2025-10-08 Hotline: 0865015015 Tiền Phong Tòa soạn Quảng cáo\\n\\n"
    >>> raw += "Hà Nội đón hàng trăm đoàn quốc tế\\n\\nBình Giang\\n"
    >>> raw += "TPO - Gần 100 quốc gia tham dự.\\n"
    >>> raw += "anh-1.jpg\\n0:00 / 0:00\\nẢnh: Như Ý\\nẢnh: Như Ý\\n\\nBình Giang\\n"
    >>> c = clean_article(raw)
    >>> print(c.text)
    Hà Nội đón hàng trăm đoàn quốc tế
    <BLANKLINE>
    Bình Giang
    TPO - Gần 100 quốc gia tham dự.
    Ảnh: Như Ý
    >>> c.title, str(c.date), c.outlet
    ('Hà Nội đón hàng trăm đoàn quốc tế', '2025-10-08', 'Tiền Phong')
    >>> [r.rule for r in c.removed]
    ['header', 'image_file', 'media_counter', 'repeated_line', 'trailing_byline']
    """
    rules = _rules()
    patterns = rules["patterns"]
    lines = text.split("\n")
    keep = [True] * len(lines)
    removed: list[Removal] = []
    found_date: date | None = None
    outlet: str | None = None

    def drop(i: int, rule: str) -> None:
        keep[i] = False
        removed.append(Removal(rule, i + 1, lines[i]))

    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is not None:
        m = patterns["header"].match(lines[first].strip())
        if m:
            try:
                found_date = date.fromisoformat(m.group("date"))
            except ValueError:
                found_date = None
            rest = m.group("rest")
            if len(rest.split()) <= rules["header_max_words"]:
                outlet = _outlet_in(rest, rules["mentions"])
                drop(first, "header")
            else:  # the article itself follows the date on the same line
                head = rules["header_prefix"].match(lines[first])
                outlet = _outlet_in(head.group(), rules["mentions"])
                removed.append(Removal("header", first + 1, head.group().strip()))
                lines[first] = lines[first][head.end() :]

    previous: str | None = None
    for i, line in enumerate(lines):
        if not keep[i]:
            continue
        stripped = line.strip()
        if not stripped:
            continue
        short = len(stripped.split()) <= rules["masthead_max_words"]
        for rule in ("masthead", "media_counter", "image_file"):
            if rule == "masthead" and (not short or rules["title_end"].search(stripped)):
                continue  # a sentence or paragraph of the article, not page furniture
            if patterns[rule].search(stripped):
                drop(i, rule)
                break
        else:
            if previous is not None and _same_line(stripped, previous):
                drop(i, "repeated_line")
            previous = stripped

    _drop_trailing_byline(lines, keep, drop, rules["byline"])

    kept = [ln for ln, k in zip(lines, keep, strict=True) if k]
    clean = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", "\n".join(kept)).strip()
    body = [ln.strip() for ln in clean.split("\n") if ln.strip()]
    if outlet is None:
        # a dateline opens its line: the start of each line is enough (bodies are long)
        head = "\n".join(line[:_DATELINE_CHARS] for line in body[: rules["dateline_lines"]])
        outlet = _outlet_in(head, rules["datelines"])
    removed.sort(key=lambda r: r.line)
    return Cleaned(clean, _title(body, rules), found_date, outlet, removed)


def _same_line(line: str, previous: str) -> bool:
    """``normalize(line) == normalize(previous)``, without normalising lines of clearly
    different lengths (normalising only merges spaces and swaps single characters)."""
    if line == previous:
        return True
    if abs(len(line) - len(previous)) > max(8, len(line) // 10):
        return False
    return normalize(line) == normalize(previous)


def _drop_trailing_byline(lines, keep, drop, cfg) -> None:
    live = [i for i, ln in enumerate(lines) if keep[i] and ln.strip()]
    if len(live) < 3:
        return
    last = live[-1]
    candidate = normalize(lines[last])
    if len(candidate.split()) > cfg["max_words"]:
        return
    top = {normalize(lines[i]) for i in live[: cfg["search_first_lines"]] if i != last}
    if candidate in top:
        drop(last, "trailing_byline")


def _title(body: list[str], rules: dict) -> str | None:
    if len(body) < 2:
        return None
    first = body[0]
    if len(first.split()) > rules["title"]["max_words"] or rules["title_end"].search(first):
        return None
    return first

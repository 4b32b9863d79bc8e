"""Strip what is not article text from a downloaded news article, and say what went.

Rules (patterns live in ``data/boilerplate.toml``), each recorded under its name:

``header``
    the crawler's first line, ``" date 2025-10-29 (VTC News) -"``: gives the date and
    often the outlet.
``masthead``
    a navigation or hotline line (``"Hotline: 0865015015 Tiền Phong ... Tòa soạn Quảng cáo"``).
``media_counter``
    what an embedded player leaves (``"0:00 / 0:00"``).
``image_file``
    a bare image file name (``"gen-o-cong-uoc-1.jpg"``).
``repeated_line``
    a line identical to the line just before it (a photo caption printed twice).
``trailing_byline``
    a short last line repeating a byline from the top of the article.

Nothing else is changed, except that runs of blank lines left by a removal collapse to
one blank line and the text is stripped at both ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from cyberlib.normalization import normalize
from cyberlib.resources import load_csv, load_toml

__all__ = ["Cleaned", "Removal", "clean_article"]


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
        "datelines": datelines,
        "mentions": mentions,
        "dateline_lines": cfg["dateline"]["lines"],
        "title": cfg["title"],
        "title_end": re.compile(cfg["title"]["sentence_end"]),
        "byline": cfg["byline"],
    }


def _outlet_in(text: str, patterns: list[tuple[re.Pattern[str], str]]) -> str | None:
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
            outlet = _outlet_in(m.group("rest"), rules["mentions"])
            drop(first, "header")

    previous: str | None = None
    for i, line in enumerate(lines):
        if not keep[i]:
            continue
        stripped = line.strip()
        if not stripped:
            continue
        for rule in ("masthead", "media_counter", "image_file"):
            if rule == "masthead" and rules["title_end"].search(stripped):
                continue  # a sentence of the article, not page furniture
            if patterns[rule].search(stripped):
                drop(i, rule)
                break
        else:
            if previous is not None and normalize(stripped) == previous:
                drop(i, "repeated_line")
            previous = normalize(stripped)

    _drop_trailing_byline(lines, keep, drop, rules["byline"])

    kept = [ln for ln, k in zip(lines, keep, strict=True) if k]
    clean = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", "\n".join(kept)).strip()
    body = [ln.strip() for ln in clean.split("\n") if ln.strip()]
    if outlet is None:
        head = "\n".join(body[: rules["dateline_lines"]])
        outlet = _outlet_in(head, rules["datelines"])
    removed.sort(key=lambda r: r.line)
    return Cleaned(clean, _title(body, rules), found_date, outlet, removed)


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

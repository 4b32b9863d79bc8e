"""Context of a figure inside its sentence: the sentence itself, its period, its source
and the subject (what is counted).

Rules (cue words are data in ``data/figure_context.toml``):

* period — the period phrase nearest to the figure in its sentence: a year range
  ("2024 – 2028" -> "2024–2028"), "năm 2024" -> "2024", "tháng 10/2024" -> "10/2024", or a
  phrase such as "mỗi năm", "năm qua"; a year after "so với" is a comparison base, not a period.
* source — "Theo X, ..." at a clause start wins; then "X ghi nhận/cho biết/..." before the
  figure in its sentence; then a closing "..., X cho biết." X drops lead words such as "số liệu
  từ" and "trong khi"; an acronym or single name in parentheses is preferred ("Tổ chức Cảnh
  sát Hình sự Quốc tế (Interpol)" -> "Interpol"). X must contain a capital letter.
* subject — the unit noun and the words after it up to punctuation or a stop word
  ("vụ xâm hại trẻ em qua mạng"); for money and percent without such words, the words before
  the figure in its clause.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from cyberlib.figures.units import DURATION, MONEY, alternation, head_words, lexicon
from cyberlib.language.lexicon import lower_as_ignorecase
from cyberlib.resources import load_wordlist

__all__ = ["MAX_SENTENCE", "WINDOW", "SentenceIndex", "period_of", "source_of", "subject_of"]

_S = r"[^\S\n]"
MAX_SENTENCE = 1000  # a longer "sentence" (a list, run-on text) is cut into windows ...
WINDOW = 400  # ... of at most this many characters (the `sentence` of each of its figures)
# written to open with one character class (not "[.!?…]+"), which the regex engine scans
# for alone instead of trying the whole pattern at every position
_BOUNDARY = re.compile(r"[.!?…][.!?…]*[\"'”’)\]]*[^\S\n]+")
# "tỷ đồng.Đặc biệt": a full stop with no blank after it, between a word and a capitalised
# word, also ends a sentence (scraped text loses the blank)
_GLUED_STOP = re.compile(r"[.!?](?=[^\W\d_]{2})")
# the same two on a line with no "!", "?" nor "…" (most lines): a full stop, one literal
# character, is scanned for faster still than a class
_BOUNDARY_DOT = re.compile(r"\.[.!?…]*[\"'”’)\]]*[^\S\n]+")
_GLUED_DOT = re.compile(r"\.(?=[^\W\d_]{2})")
_YEAR = r"(?:19|20)\d\d"
_WORD = re.compile(r"[^\W_]+|[^\w\s]")
_PARENS = re.compile(r"\(([^()]*)\)")
_PASSIVE = re.compile(r"(?:^|\s)(?:được|bị|do)\s+(?=\S)(?!.*\s(?:được|bị|do)\s)")
_CREDITS = ("ảnh", "nguồn", "đồ họa", "video", "clip")
_BASELINE = ("so với", "so cùng", "hơn cùng", "bằng cùng")


class SentenceIndex:
    """Sentence spans of one text, found line by line on demand and looked up by position.

    Lines are found once (a sorted list of line breaks, looked up by bisection), so the
    cost is linear in the text length however long its lines are. A "sentence" longer than
    :data:`MAX_SENTENCE` characters (a list or run-on text without sentence marks) is cut
    into windows of at most :data:`WINDOW` characters on a fixed grid, so that each figure
    keeps about a quarter of a window on each side and the figures of one window share one
    ``sentence`` string: a row never carries more than that, however long the line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._breaks: list[int] | None = None
        self._lines: dict[int, tuple[list[int], int]] = {}
        self._stripped: dict[tuple[int, int], tuple[int, int]] = {}
        # the last sentence found that is no window, as (start, end, span): the next
        # figure is most often in it
        self._last: tuple[int, int, tuple[int, int]] = (0, 0, (0, 0))

    def line(self, pos: int) -> tuple[int, int]:
        """``(start, end)`` of the line (paragraph) holding ``pos``."""
        if self._breaks is None:
            self._breaks = [m.start() for m in re.finditer("\n", self.text)]
        i = bisect.bisect_left(self._breaks, pos)
        start = self._breaks[i - 1] + 1 if i else 0
        end = self._breaks[i] if i < len(self._breaks) else len(self.text)
        return start, end

    def span(self, pos: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence holding ``pos`` (stripped of outer blanks)."""
        last_start, last_end, last = self._last
        if last_start <= pos < last_end:
            return last
        text = self.text
        line_start, line_end = self.line(pos)
        cached = self._lines.get(line_start)
        if cached is None:
            starts = [line_start] + _boundaries(text, line_start, line_end)
            cached = self._lines[line_start] = (starts, line_end)
        starts, line_end = cached
        i = bisect.bisect_right(starts, pos) - 1
        start = starts[i]
        end = starts[i + 1] if i + 1 < len(starts) else line_end
        window = end - start > MAX_SENTENCE
        if window:  # no usable boundary: a window on a fixed grid
            step = WINDOW // 2
            k = (pos - start) // step
            lo = max(start, start + k * step - step // 2)
            hi = min(end, start + (k + 1) * step + step // 2)
            if lo > start:
                cut = text.find(" ", lo, lo + 40)
                lo = cut + 1 if cut >= 0 and cut < pos else lo
            if hi < end:
                cut = text.rfind(" ", hi - 40, hi)
                hi = cut if cut > pos else hi
            start, end = lo, hi
        found = self._stripped.get((start, end))
        if found is None:  # the figures of a sentence share its span
            seg = text[start:end]
            found = start + (len(seg) - len(seg.lstrip())), start + len(seg.rstrip())
            self._stripped[start, end] = found
        if not window:
            self._last = start, end, found
        return found


@lru_cache(maxsize=1)
def _abbreviation() -> tuple[re.Pattern[str], frozenset[str] | None]:
    """An abbreviated place word and its stop at the end of the searched span ("TP."), and
    the last letters of those words: a stop after any other character is not looked at
    (None, every stop, when a word is empty or there is none)."""
    words = lexicon().context["source"]["place_abbreviations"]
    pattern = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})\.$")
    return pattern, frozenset(w[-1] for w in words) if words and all(words) else None


def _name_follows(text: str, at: int) -> bool:
    """Whether a place's name starts at ``at``: an acronym or number ("TP. HCM", "Q. 1")
    or two capitalised words ("TP. Hồ Chí Minh"); "trên toàn TP. Sản lượng …" is a new
    sentence."""
    words = [w.strip(",.;:()") for w in text[at : at + 40].split(None, 2)[:2]]
    if not words or not words[0]:
        return False
    if words[0].isupper() or words[0].isdigit():
        return True
    return len(words) == 2 and words[0][0].isupper() and words[1][:1].isupper()


def _boundaries(text: str, start: int, end: int) -> list[int]:
    """Where the sentences after the first of ``text[start:end]`` start: after a sentence
    mark and blanks, unless a lowercase word follows ("anh T. được người dân đưa đi") or
    the mark abbreviates a place word ("TP. Hà Nội"); also after a glued full stop
    ("tỷ đồng.Đặc biệt")."""
    starts = []
    abbreviation, last_letters = _abbreviation()
    other_marks = any(text.find(c, start, end) >= 0 for c in "!?…")
    boundary, glued_stop = (_BOUNDARY, _GLUED_STOP) if other_marks else (_BOUNDARY_DOT, _GLUED_DOT)
    for m in boundary.finditer(text, start, end):
        at = m.end()
        if at < end and text[at].islower():
            continue
        if (
            text[m.start()] == "."
            and (last_letters is None or text[m.start() - 1] in last_letters)
            and abbreviation.search(text, max(start, m.start() - 2), m.start() + 1)
            and _name_follows(text, at)
        ):
            continue
        starts.append(at)
    if text.find(".", start, end) >= 0:
        glued = [
            m.end()
            for m in glued_stop.finditer(text, start, end)
            if m.start() - 2 >= start
            and text[m.start() - 1].islower()
            and text[m.start() - 2].isalpha()
            and text[m.end()].isupper()
            and text[m.end() + 1].islower()
        ]
        if glued:
            starts = sorted(starts + glued)
    return starts


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    ctx = lexicon().context
    src = ctx["source"]
    return {
        "year": re.compile(rf"{_YEAR}(?!\d)"),
        "range_tail": re.compile(rf"{_S}*[-–—]{_S}*({_YEAR})(?!\d)"),
        # "từ 2011 đến 2014": two bare years make a span after "từ"
        "year_to_year": re.compile(rf"{_S}+(?:đến|tới){_S}+(?:năm{_S}+)?{_YEAR}(?!\d)"),
        "from_before": re.compile(rf"(?<!\w)từ{_S}+$"),
        # "năm 2011, 2012", "các năm 2011 và 2012": more years after the first, one period
        "year_list": re.compile(rf"(?:(?:,|{_S}+và){_S}*{_YEAR}(?!\d|[/.-]\d))+"),
        # "hiện" alone as the adverb "now" ("cả nước hiện có …"), not a word it starts
        # ("hiện trường", "hiện đại") nor "hiện tại"/"hiện nay" (listed phrases) …
        "present": re.compile(
            rf"(?<!\w)hiện(?!\w)(?!{_S}+(?:{alternation(ctx['period']['present_not_before'])})"
            rf"(?!\w))"
        ),
        # … nor the end of a verb: "phát hiện", "thực hiện tại"
        "not_present": re.compile(
            rf"(?<!\w)(?:{alternation(ctx['period']['present_not_after'])}){_S}+$"
        ),
        # "thời kỳ 2010-2015", "nhiệm kỳ 2017-2020": the span's noun is part of the period
        "range_head": re.compile(
            rf"(?<!\w)(?:{alternation(ctx['period'].get('range_heads') or ['(?!)'])}){_S}+$"
        ),
        "year_noun": re.compile(
            rf"(?<!\w)(?:{alternation(ctx['period'].get('year_nouns') or ['(?!)'])}){_S}+$"
        ),
        "year_head": re.compile(
            rf"(?:^|[^\w])(?P<pre>(?:{alternation(ctx['period']['not_before_year'])}){_S}+)?"
            rf"(?:năm|tháng{_S}+(?P<month>\d{{1,2}})[/.-]|(?P<quarter>quý{_S}+[ivx\d]{{1,4}})[/-])"
            rf"{_S}*$"
        ),
        # a cut-off date: "(tính) đến (hết) (ngày) 31/12/2015", "đến 31-12-2016"
        "until": re.compile(
            rf"(?<!\w)(?:(?:tính{_S}+)?(?:đến|tới){_S}+(?:hết{_S}+)?|(?<=từ ))"
            # ... never a range of per cent or of an amount ("từ 5-6%", "từ 5-10 triệu đồng")
            # "từ 21 – 23/6/2017": a span of days of one month
            rf"(?:(?:ngày{_S}+)?(?:\d{{1,2}}{_S}*[-–]{_S}*(?=\d{{1,2}}/))?"
            rf"\d{{1,2}}[/-]\d{{1,2}}(?:[/-]{_YEAR})?"
            rf"(?![\d/-]|{_S}*(?:%|triệu|tỷ|tỉ|nghìn|ngàn|trăm)(?!\w))"
            # "đến ngày 12.7", "đến ngày 31.1.2016": a dotted date only after "ngày"
            rf"|ngày{_S}+\d{{1,2}}\.\d{{1,2}}(?:\.{_YEAR})?(?![\d/-]|[.,]\d))"
        ),
        # a cut-off before a year, month or quarter, kept with it as our annotators keep it:
        # "Tính đến tháng 6/2017", "Đến hết năm 2016", "Hết quý II/2017" (a stock at that
        # time, not what happened during it)
        "cut_off": re.compile(
            rf"(?<!\w)(?:tính{_S}+(?:đến|tới){_S}+(?:hết{_S}+)?"
            rf"|(?:từ{_S}+nay{_S}+)?(?:đến|tới){_S}+hết{_S}+|hết{_S}+)$"
        ),
        # "từ P1 đến P2": the gap between two periods that make one span
        "span_gap": re.compile(rf"{_S}*(?:(?:đến|tới|[-–]){_S}*(?:hết{_S}+)?)?$"),
        "span_from": re.compile(rf"(?<!\w)từ{_S}+$"),
        # a numbered round of a recurring event: "kỳ quay thưởng thứ 143" (a lottery draw)
        "numbered": re.compile(
            rf"(?<!\w)(?:{alternation(ctx['period'].get('numbered') or ['(?!)'])})"
            rf"{_S}+(?:(?:thứ|số){_S}+)?\d{{1,5}}(?![\d/.,]\d|[\d/])"
        ),
        # a span: "trong vòng 2 tháng", "chỉ trong 24 giờ", "trong vòng 12 năm tới"
        "span": re.compile(
            rf"(?<!\w)(?:trong{_S}+vòng|chỉ{_S}+trong){_S}+"
            rf"(?:\d{{1,3}}|{alternation(ctx['period'].get('span_numbers') or ['(?!)'])})"
            rf"{_S}*(?:{alternation(ctx['period'].get('span_units') or ['(?!)'])})"
            rf"(?:{_S}+(?:{alternation(ctx['period'].get('span_after') or ['(?!)'])}))?(?!\w)"
        ),
        # a trading session: "phiên 6/2", "phiên giao dịch ngày 10/5", "phiên này"
        "session": re.compile(
            rf"(?<!\w)(?:{alternation(ctx['period'].get('sessions') or ['(?!)'])})"
            rf"(?:{_S}+(?:{alternation(ctx['period'].get('session_parts') or ['(?!)'])}))*"
            rf"{_S}+(?:\d{{1,2}}/\d{{1,2}}(?:/{_YEAR})?(?![\d/])|(?:hôm{_S}+)?này(?!\w))"
        ),
        "whole": re.compile(
            rf"(?<!\w)(?:(?:\d{{1,2}}|sáu|chín|ba|hai|mười|mười một){_S}+tháng{_S}+"
            rf"(?:đầu|cuối|qua){_S}+năm|(?:đầu|cuối|giữa){_S}+"
            rf"(?:năm|tháng{_S}+\d{{1,2}}[/.-])|tháng{_S}+\d{{1,2}}{_S}+năm|(?:nửa|quý){_S}+"
            rf"(?:đầu|cuối|[ivx\d]{{1,4}}){_S}+năm|(?:từ{_S}+nay{_S}+)?đến{_S}+năm"
            rf"|(?:nửa|quý){_S}+"
            rf"(?:đầu|cuối|[ivx\d]{{1,4}}){_S}+năm|(?:những|các){_S}+năm){_S}*$"
        ),
        # "loose" periods, in two patterns each looked for only where its words are (see
        # _loose): a month or quarter without a year, "tháng 5", "quý II" ...
        "loose_month": re.compile(
            rf"(?:tháng{_S}+(?:1[0-2]|0?[1-9])|quý{_S}+(?:iv|i{{1,3}}|[1-4]))(?![\w/-]|[.,]\d)"
            # a month named in words ("tháng Một", "tháng Giêng"): capitalised, see _periods
            rf"|tháng{_S}+(?:{alternation(ctx['period']['month_words'])})(?!\w)"
        ),
        # "Cách mạng tháng Mười", "giá dầu giao tháng 3": a month after these is no period
        "month_not_after": re.compile(
            rf"(?<!\w)(?:{alternation(ctx['period']['month_not_after'])}){_S}+$"
        ),
        # ... and the recent past or the near future, "5 năm qua", "vài ngày gần đây",
        # "3 năm tới"
        "loose_recent": re.compile(
            # with its hedge ("hơn 1 tháng qua", "gần một tháng qua", "một vài năm trở lại đây")
            rf"(?:(?:hơn|gần|khoảng){_S}+)?"
            # ... and as a range ("15 - 20 năm tới")
            rf"(?:\d{{1,2}}{_S}*[-–]{_S}*)?"
            rf"(?:\d{{1,2}}|(?:một{_S}+)?vài|mấy|những|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)"
            rf"{_S}+{_RECENT}"
        ),
        # ... which holds this: a pattern that opens with "n" or "t" (no digit class), looked
        # for first (most sentences with "qua" have no recent past)
        "recent_tail": re.compile(_RECENT),
        "phrase": re.compile(rf"(?:{alternation(_period_phrases())})(?!\w)"),
        "theo": re.compile(
            rf"(?:^|[,;:(]){_S}*(?:{alternation(src['theo'])}){_S}+(?P<x>[^,;:.\n]{{2,160}})"
        ),
        # "… theo nghiên cứu của CIES": "theo" mid-clause, only before a document of someone
        "theo_any": re.compile(
            rf"theo(?<!\wtheo){_S}+(?P<x>(?:{alternation(_rests(src.get('theo_anywhere', [])))})"
            rf"(?!\w)[^,;:.\n]{{2,160}})"
        ),
        "verb": re.compile(rf"(?:{alternation(src['verbs'] + src.get('more_verbs', []))})(?!\w)"),
        # "số liệu của Cục Hàng hải Việt Nam, …": a document of someone, then a comma
        "doc_of": re.compile(
            rf"(?:{alternation(src.get('documents_of') or ['(?!)'], True)}){_S}+"
            rf"(?P<x>[^,;:.\n]{{2,100}}),"
        ),
        # "Ban Tổ chức đã nhận được …": a public body opening the sentence, then an adverb
        "agent": re.compile(
            rf"[\"'“‘(\s-]*(?P<x>(?:{alternation(src.get('agent_heads') or ['(?!)'])}"
            rf"|[A-Z]{{1,3}}\d{{2,3}})(?!\w)(?:{_S}+[^\s,;:.!?]+){{0,7}}?)"
            rf"{_S}+(?:{alternation(src.get('agent_adverbs') or ['(?!)'])})(?!\w)"
        ),
        "drop": re.compile(
            rf"^(?:(?:{alternation(src['drop_prefixes'] + src['clause_openers'])}){_S}+)+",
            re.IGNORECASE,
        ),
    }


# ... and "5 năm trước" (five years ago), but not "2 ngày trước khi …" (before an event)
# ... "3 tháng vừa qua", "hai tuần vừa rồi" (just past)
_RECENT = (
    rf"(?:năm|tháng|tuần|ngày){_S}+(?:(?:vừa{_S}+)?qua|vừa{_S}+rồi|gần đây|trở lại đây"
    rf"|trước(?!{_S}+khi(?!\w))|tới|sắp tới)(?!\w)"
)


def _rests(phrases: list[str]) -> list[str]:
    """The phrases without their first word ("theo báo cáo của" -> "báo cáo của"); a
    pattern that never matches when there are none."""
    return [p.split(None, 1)[1] for p in phrases if " " in p] or ["(?!)"]


def period_of(sentence: str, fig_start: int, fig_end: int) -> str | None:
    """The period the sentence ties the figure at ``[fig_start, fig_end)`` to.

    >>> s = "Australia dùng 83,5 triệu USD trong bốn năm (2024 – 2028)."
    >>> period_of(s, 15, 29)
    '2024–2028'
    >>> period_of("Nội dung tăng 1.325% so với năm 2023.", 14, 20) is None
    True
    >>> s = "Năm 2022 có 12 vụ; năm 2023 tăng lên 18 vụ."
    >>> period_of(s, 12, 17), period_of(s, 38, 43)
    ('2022', '2023')
    """
    best, best_dist = None, None
    periods = _periods(sentence)
    own = [p for p in periods if not (p[1] <= fig_start and ";" in sentence[p[1] : fig_start])]
    for start, end, value in periods:
        if start < fig_end and end > fig_start:
            continue  # part of the figure itself ("25 năm qua")
        if (
            end <= fig_start
            and ";" in sentence[end:fig_start]
            and any(p[0] > sentence.rfind(";", 0, fig_start) for p in own)
        ):
            continue  # "Năm 2022 có 12 vụ; năm 2023 tăng lên 18 vụ": its own clause's
        if start >= fig_end and any(c in sentence[fig_end:start] for c in ",;:"):
            continue  # a later clause's period ("12 vụ; năm 2023 tăng lên 18 vụ")
        dist = fig_start - end if end <= fig_start else start - fig_end
        if start >= fig_end and _TIED_AFTER.fullmatch(sentence, fig_end, start):
            dist = 0  # "6% trong năm 2017 và 7% trong năm 2018": "trong" ties it to the figure
        if value == _PRESENT and (
            end > fig_start
            or dist > _PRESENT_REACH
            or _CLAUSE_MARK.search(sentence, end, fig_start)
        ):
            continue  # "hiện" is the period of the figures of its clause after it only
        if best_dist is None or dist < best_dist:
            best, best_dist = value, dist
    return best


@lru_cache(maxsize=256)
def _periods(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """Period phrases of a sentence as ``(start, end, value)`` (cached per sentence)."""
    pats = _patterns()
    low = _lowered(sentence)[0]
    out = []
    skip_to = -1
    for m in pats["year"].finditer(sentence):
        ys, ye = m.span()
        if ys < skip_to or (ys and sentence[ys - 1].isalnum()):
            continue
        tail = pats["range_tail"].match(sentence, ye)
        if tail:
            named = pats["range_head"].search(low, max(0, ys - 20), ys)
            value = f"{m.group()}–{tail.group(1)}"
            if named:
                value = f"{' '.join(low[named.start() : ys].split())} {value}"
            out.append((named.start() if named else ys, tail.end(), value))
            skip_to = tail.end()
            continue
        upto = pats["year_to_year"].match(low, ye)
        if upto and pats["from_before"].search(low, max(0, ys - 6), ys):
            out.append((ys, upto.end(), " ".join(sentence[ys : upto.end()].split())))
            skip_to = upto.end()
            continue
        noun = pats["year_noun"].search(low, max(0, ys - 16), ys)
        if noun is not None:  # "tài khóa 2017", "năm tài chính 2016": the year's noun too
            if not _baseline(low, noun.start()):
                out.append((noun.start(), ye, " ".join(sentence[noun.start() : ye].split())))
            continue
        head = pats["year_head"].search(low, max(0, ys - 30), ys)
        if head is None and (bare := _BARE_YEAR_HEAD.search(low, max(0, ys - 6), ys)):
            # a year without "năm" after "vào" or "từ": "giảm 8% vào 2030 và …", "từ 2011
            # đến nay"; only where a clause or "đến nay" follows, not a count ("vào 2020 vụ")
            if bare.group().startswith("từ"):
                since = _SINCE_NOW.match(low, ye)
                if since is not None:
                    skip_to = since.end()
                    out.append(
                        (bare.start(), skip_to, " ".join(sentence[bare.start() : skip_to].split()))
                    )
            elif _YEAR_ENDS.match(low, ye):
                out.append((ys, ye, m.group()))
            continue
        if head and not head.group("pre"):
            month = head.group("month")
            hs = head.start() + (head.group()[0] not in "nt")
            if month and pats["month_not_after"].search(low, max(0, hs - 12), hs):
                continue  # "giá bạc giao tháng 9/2017": a futures contract's month
            value = f"{month}/{m.group()}" if month else m.group()
            if head.group("quarter"):
                value = sentence[head.start("quarter") : ye]
            value_at = ys  # where the value as written starts
            whole = pats["whole"].search(low, max(0, ys - 40), ys)
            if whole and whole.start() <= hs:
                # the whole phrase: "6 tháng đầu năm 2017", "cuối tháng 3/2017"
                hs = value_at = whole.start()
                value = " ".join(sentence[hs:ye].split())
            elif month:  # "tháng 10/2012", "tháng 12-2011", as written
                value = "tháng " + " ".join(sentence[head.start("month") : ye].split())
            cut = pats["cut_off"].search(low, max(0, hs - 20), hs)
            if cut is not None:  # "tính đến tháng 6/2017", "hết quý II/2017"
                hs = value_at = cut.start()
                value = " ".join(sentence[hs:ye].split())
            more = None if month or head.group("quarter") else pats["year_list"].match(low, ye)
            if more:  # "năm 2011 và 2012": the years together
                ye = skip_to = more.end()
                value = " ".join(sentence[value_at:ye].split())
            if not _baseline(low, hs):
                out.append((hs, ye, value))
    phrases = _period_words()
    for m in _loose(low):
        # "tháng 5", "quý II" with no year; "5 năm qua", "vài ngày qua"
        if m.start() and low[m.start() - 1].isalnum():
            continue
        start, end = m.span()
        if _uncapitalised_month(sentence, start, end):
            continue  # "mỗi tháng một lần", "ngày tháng năm sinh": no month named
        if pats["month_not_after"].search(low, max(0, start - 12), start):
            continue  # "Cách mạng tháng Mười" (a name), "dầu giao tháng 3" (a contract's)
        if low.endswith("tới", start, end) and not _FUTURE_OPENER.search(low, 0, start):
            continue  # "trong 5 năm tới", not "chuyến đi 9 ngày tới sẽ …" (a trip's length)
        if low.startswith(("tháng", "quý"), start):
            # the month's part and its place in time are the period's: "nửa cuối tháng 5",
            # "cuối tháng 7 tới", "tháng 6 vừa qua" (but "từ tháng 5 tới nay": a span)
            before = _MONTH_PART.search(low, max(0, start - 12), start)
            after = _MONTH_PLACE.match(low, end)
            start = before.start() if before else start
            end = after.end() if after else end
        if not _baseline(low, start):
            out.append((start, end, " ".join(sentence[start:end].split())))
    for m in pats["phrase"].finditer(low) if any(w in low for w in phrases) else ():
        if m.start() and low[m.start() - 1].isalnum():
            continue
        if _baseline(low, m.start()):
            continue  # "so với cùng kỳ", "so với năm trước": a comparison baseline
        if _not_a_phrase(low, m):
            continue  # "liên ngân hàng ngày 6/2", "Từ hơn 10 năm nay"
        if low[max(0, m.start() - 10) : m.start()].endswith(_NOT_SINCE):
            continue  # "cao nhất từ trước đến nay": ever, not a period
        if m.group().startswith("hiện") and pats["not_present"].search(low, 0, m.start()):
            continue  # "xuất hiện tại Việt Nam", "thực hiện tại": a verb, then "at"
        date = _DATE_AFTER.match(sentence, m.end()) if m.group() in _report_days() else None
        if date is not None:  # "Sáng nay, 23/6, TAND …": the day's date is the period
            out.append((m.start(), date.end(), " ".join(date.group(1).split())))
            continue
        out.append((m.start(), m.end(), " ".join(m.group().split())))
    for m in pats["numbered"].finditer(low) if "kỳ" in low else ():
        out.append((m.start(), m.end(), " ".join(sentence[m.start() : m.end()].split())))
    for m in pats["session"].finditer(low) if "phiên" in low else ():
        out.append((m.start(), m.end(), " ".join(sentence[m.start() : m.end()].split())))
    for m in pats["span"].finditer(low) if "trong vòng" in low or "chỉ trong" in low else ():
        if not any(p[0] < m.end() and p[1] > m.start() for p in out):
            out.append((m.start(), m.end(), " ".join(sentence[m.start() : m.end()].split())))
    for m in pats["present"].finditer(low) if "hiện" in low else ():
        if not pats["not_present"].search(low, 0, m.start()):
            out.append((m.start(), m.end(), _PRESENT))  # "cả nước hiện có 19.285 bản"
    if ("đến" in low or "tới" in low or "từ " in low) and _has_date(low):
        for m in pats["until"].finditer(low):
            out = [p for p in out if not (p[0] < m.end() and p[1] > m.start())]
            out.append((m.start(), m.end(), " ".join(sentence[m.start() : m.end()].split())))
    spans = "từ" in low or _MONTH_TO_MONTH.search(low) is not None
    return tuple(_spans(sentence, low, sorted(out)) if spans else out)


def _uncapitalised_month(sentence: str, start: int, end: int) -> bool:
    """Whether the loose period at ``[start, end)`` is "tháng" and a number word that is
    not capitalised: news writes a month's name capitalised ("tháng Một", "tháng Giêng"),
    and "tháng một lần" (once a month) or "ngày tháng năm" name none."""
    if sentence[start : start + 5].lower() != "tháng":
        return False
    word = sentence[start + 5 : end].lstrip()
    return word[:1].isalpha() and not word[:1].isupper()


_NOT_SINCE = ("từ trước ", "xưa ")
_NUMBER_NEXT = re.compile(r"[^\S\n]+\d")
_NUMBER_LAST = re.compile(r"\d[^\S\n]+$")


def _not_a_phrase(low: str, m: re.Match[str]) -> bool:
    """Whether the period phrase ``m`` of the lowercased sentence is none: "hàng ngày"
    whose "hàng" ends the word before and whose noun opens a date ("liên ngân hàng ngày
    6/2": the date is the period), or "năm nay" after a number ("Từ hơn 10 năm nay": the
    last ten years, not this one).

    >>> s = "liên ngân hàng ngày 6/2, từ hơn 10 năm nay, hàng ngày 2 lần, lớp 10 năm nay"
    >>> [_not_a_phrase(s, m) for m in re.finditer("hàng ngày|năm nay", s)]
    [True, True, False, False]
    """
    phrase = m.group()
    if phrase.startswith(("hàng ", "hằng ")) and _NUMBER_NEXT.match(low, m.end()):
        before = low[max(0, m.start() - 12) : m.start()].split()[-1:]
        return bool(before) and f"{before[0]} {phrase.split()[0]}" in head_words()
    if phrase == "năm nay":
        number = _NUMBER_LAST.search(low, max(0, m.start() - 8), m.start())
        # ... but "lớp 10 năm nay": a label's number counts no years
        label = low[max(0, m.start() - 24) : m.start()].split()[-2:-1]
        return number is not None and not (label and label[0] in lexicon().labels)
    return False


# what may stand between a figure and the period after it that is its own, nearer than any
# period before it: nothing, or "trong"/"vào" ("7% trong năm 2018", "5 tỷ đồng vào năm 2018")
_TIED_AFTER = re.compile(r"[^\S\n]*(?:(?:trong|vào)[^\S\n]+)?")
# a day's date right after the day of the report: "hôm nay (9/5)", "Sáng nay, 23/6",
# "hôm nay ngày 6/2", "Tối qua 10/2"
_DATE_AFTER = re.compile(
    r"[^\S\n]*[,(]?[^\S\n]*((?:ngày[^\S\n]+)?\d{1,2}[/-]\d{1,2}(?:[/-](?:19|20)\d\d)?)(?![\d/-])",
    re.IGNORECASE,
)


def dates_report_day(sentence: str, period: str) -> bool:
    """Whether ``period`` is the date that follows the day of the report in ``sentence``
    ("Sáng nay, 23/6, …" gives the period "23/6"): that day is never carried to the figures
    of the next sentences.

    >>> dates_report_day("Sáng nay, 23/6, TAND xét xử vụ án 16,5 tỷ đồng.", "23/6")
    True
    >>> dates_report_day("Từ 1/6, giá khám tăng 20%.", "1/6")
    False
    """
    at = sentence.find(period)
    if at <= 0 or not period[-1:].isdigit():
        return False
    before = sentence[max(0, at - 24) : at].lower().rstrip(" ,(")
    return before.endswith(tuple(_report_days()))


def _period_phrases() -> list[str]:
    """Every listed period phrase: figure_context.toml's ``phrases`` and ``report_days``."""
    period = lexicon().context["period"]
    return [*period["phrases"], *period["report_days"]]


@lru_cache(maxsize=1)
def _report_days() -> frozenset[str]:
    """The day of the report and its parts ("hôm nay", "sáng nay"), lowercase."""
    return frozenset(lexicon().context["period"]["report_days"])


_THEO_INSIDE = re.compile(r"(?<=[^\W\d_])[^\S\n]+Theo[^\S\n]+(?P<x>[^,;:.\n]{2,160}),")


def _theo_inside(sentence: str) -> Iterator[re.Match[str]]:
    """The matches of :data:`_THEO_INSIDE` in ``sentence``, as its ``finditer`` gives them.

    A match starts where blanks after a letter begin and go on up to "Theo": it is tried
    only there, found from each "Theo" (the pattern opens with a look-behind, so its
    ``finditer`` would try it at every character)."""
    pos = 0
    at = sentence.find("Theo")
    while at >= 0:
        start = at
        while start > 0 and sentence[start - 1] != "\n" and sentence[start - 1].isspace():
            start -= 1  # back over the blanks ([^\S\n]) before "Theo"
        m = _THEO_INSIDE.match(sentence, start) if pos <= start < at else None
        if m is not None:
            yield m
            pos = m.end()
        at = sentence.find("Theo", max(at + 1, pos))


_BARE_YEAR_HEAD = re.compile(r"(?<!\w)(?:vào|từ)[^\S\n]+$")
_SINCE_NOW = re.compile(r"[^\S\n]+(?:đến|tới)[^\S\n]+nay(?!\w)")
_YEAR_ENDS = re.compile(r"[^\S\n]*(?:[,.;:)]|$|[^\S\n]+(?:và|thì|nhưng|khi|nếu)(?!\w))")
# "hiện" (now) dates the figures shortly after it in its clause: "vị trí này hiện chỉ chiếm
# 1%", not "Milner còn thi đấu 61 trận … và hiện đã chuyển sang …"
_PRESENT = "hiện"
_PRESENT_REACH = 60
_CLAUSE_MARK = re.compile(r"[,;:()]")
# the near future ("3 năm tới") is a period only as the span a figure falls in, after these
_FUTURE_OPENER = re.compile(rf"(?<!\w)(?:trong|vòng|giai{_S}+đoạn){_S}+$")
_MONTH_PART = re.compile(r"(?<!\w)(?:nửa[^\S\n]+)?(?:đầu|cuối|giữa)[^\S\n]+$")
_MONTH_PLACE = re.compile(
    r"[^\S\n]+(?:năm[^\S\n]+(?:nay|ngoái|trước|tới)|vừa qua|tới|này|qua)(?!\w)"
    r"(?![^\S\n]+(?:nay|đây)(?!\w))"
)
# a date, else no cut-off date: "\d[/-]\d" or "ngày 12.7", in two patterns that open with
# a character or a literal, which the regex engine scans for alone (an alternation of the
# two is tried at every position)
_SLASH_DATE = re.compile(r"[/-](?<=\d[/-])\d")
_DOT_DATE = re.compile(r"ngày[^\S\n]+\d{1,2}\.\d")


def _has_date(low: str) -> bool:
    """Whether ``low`` holds a date a cut-off ("đến 31/12", "đến ngày 12.7") could end in."""
    return _SLASH_DATE.search(low) is not None or _DOT_DATE.search(low) is not None


# the open end of a span, up to the clause's end: "(từ năm 2015) đến khi bị bắt"
_UNTIL_EVENT = re.compile(
    r"[^\S\n]+(?:cho[^\S\n]+)?(?:đến|tới)[^\S\n]+(?:khi|lúc)(?:[^\S\n]+[^\W\d_]+){1,5}"
    r"(?=[^\S\n]*(?:[,;.:)]|$))"
)
# ... and a month and year after a dash or "đến": "(từ tháng 10/2011) - 7/2012"
_TO_MONTH_YEAR = re.compile(
    r"[^\S\n]*(?:đến|tới|[-–])[^\S\n]*(?:tháng[^\S\n]+)?\d{1,2}[/-](?:19|20)\d\d(?!\d)"
)
# "tháng 1 đến tháng 3.2016": two months make one span without "từ"
_MONTH_TO_MONTH = re.compile(r"tháng[^\S\n]+\d{1,2}[^\S\n]*(?:đến|tới|[-–])[^\S\n]*tháng")


def _spans(sentence: str, low: str, periods: list[tuple[int, int, str]]) -> list:
    """Join "từ P1 đến P2" into one period ("từ tháng 10/2011 đến tháng 7/2012", "từ năm
    2009 đến 2011"): P1 preceded by "từ", then "đến"/"tới"/a dash, then P2 or a year; two
    months need no "từ" ("tháng 1 đến tháng 3.2016")."""
    pats = _patterns()
    years = [m.span() for m in pats["year"].finditer(sentence)] if periods else []
    out: list[tuple[int, int, str]] = []
    for p in periods:
        q = out[-1] if out else None
        if q is not None and q[1] <= p[0] and _joins(low, q, p[0]):
            out[-1] = (q[0], p[1], " ".join(sentence[q[0] : p[1]].split()))
        else:
            out.append(p)
    for i, q in enumerate(out):
        if pats["span_from"].search(low, max(0, q[0] - 8), q[0]) is not None:
            # "từ năm 2015 đến khi bị bắt" (an open end), "từ tháng 10/2011 - 7/2012" (a
            # month and year with no "tháng")
            tail = _UNTIL_EVENT.match(low, q[1]) or _TO_MONTH_YEAR.match(low, q[1])
            if tail is not None:
                out[i] = q = (q[0], tail.end(), " ".join(sentence[q[0] : tail.end()].split()))
        nxt = next((y for y in years if y[0] >= q[1]), None)
        if (
            nxt is not None
            and _joins(low, q, nxt[0])
            and not any(p[0] < nxt[1] and p[1] > nxt[0] for p in out)
        ):
            out[i] = (q[0], nxt[1], " ".join(sentence[q[0] : nxt[1]].split()))
    return out


def _joins(low: str, first: tuple[int, int, str], at: int) -> bool:
    """Whether the period ``first`` opens with "từ" and only "đến"/"tới"/a dash stands
    between its end and ``at``."""
    pats = _patterns()
    gap = pats["span_gap"].match(low, first[1], at)
    return (
        at - first[1] <= 12
        and gap is not None
        and (gap.group().strip() != "" or low.startswith(("đến", "tới"), at))
        and (
            pats["span_from"].search(low, max(0, first[0] - 8), first[0]) is not None
            or low.startswith("từ ", first[0])  # "từ đầu năm đến ngày 27/6"
            or (low.startswith("tháng", first[0]) and low.startswith("tháng", at))
        )
    )


def _loose(low: str) -> list[re.Match[str]]:
    """The "loose" periods of ``low`` (a month or quarter without a year; the recent past),
    left to right and not overlapping, as one pattern with both as alternatives would find
    them. Each pattern is run only on a sentence with its words ("tháng"/"quý"; "qua"/
    "đây"/"trước"/"rồi" and a recent-past tail, "năm qua"): most sentences have one kind
    at most, and a pattern that opens with "tháng" or "quý" is looked for much faster than
    one that may open with any number ("5 năm trước", "3 tháng vừa rồi")."""
    pats = _patterns()
    found: list[re.Match[str]] = []
    if "tháng" in low or "quý" in low:
        found.extend(pats["loose_month"].finditer(low))
    recent_words = "qua" in low or "đây" in low or "trước" in low or "rồi" in low or "tới" in low
    if recent_words and pats["recent_tail"].search(low) is not None:
        recent = list(pats["loose_recent"].finditer(low))
        if found and recent:
            both = sorted(found + recent, key=lambda m: m.start())
            found, end = [], -1
            for m in both:  # left to right, the first to start wins an overlap
                if m.start() >= end:
                    found.append(m)
                    end = m.end()
        else:
            found += recent
    return found


@lru_cache(maxsize=1)
def _period_words() -> tuple[str, ...]:
    """Words one of which every listed period phrase contains: a sentence with none of
    them is not scanned for those (same result, less work)."""
    keys = ("năm", "tháng", "ngày", "tuần", "quý", "kỳ", "giờ", "nay", "qua", "tới", "đây")
    listed = _period_phrases()
    if all(any(k in " ".join(p.lower().split()) for k in keys) for p in listed):
        return keys
    return ("",)  # a phrase without any of these words: always scan ("" is in all)


def _baseline(low: str, start: int) -> bool:
    """Whether a period phrase at ``start`` is the baseline of a comparison ("so với …")."""
    before = re.split(r"[,;:.()]", low[max(0, start - 28) : start])[-1]
    return any(w in before for w in _BASELINE)


def _clause_before(sentence: str, end: int) -> str:
    """The text between the last clause mark (outside parentheses) and ``end``."""
    last = max(
        sentence.rfind(",", 0, end), sentence.rfind(";", 0, end), sentence.rfind(":", 0, end)
    )
    if sentence.find(")", last + 1, end) < 0:
        # no closing bracket after the last mark: it stands outside any (most clauses)
        return sentence[last + 1 : end]
    depth = 0
    for i in range(end - 1, -1, -1):
        c = sentence[i]
        if c == ")":
            depth += 1
        elif c == "(":
            depth = max(0, depth - 1)
        elif c in ",;:" and depth == 0:
            return sentence[i + 1 : end]
    return sentence[:end]


def _outside_commas(text: str) -> list[str]:
    """``text`` split at the commas outside parentheses: "Thầy Minh (giáo viên ở Hai Bà
    Trưng, Hà Nội), cho biết" keeps the aside with its speaker."""
    parts, depth, last = [], 0, 0
    for i, c in enumerate(text):
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif c == "," and depth == 0:
            parts.append(text[last:i])
            last = i + 1
    parts.append(text[last:])
    return parts


def _clean_source(x: str, strict: bool = False, initial: bool = True) -> str | None:
    """The source named by ``x`` (the words before a cue), or None. ``initial``: ``x``
    opens the sentence, where a capital letter says nothing about a name."""
    src = _source_words()
    x = _patterns()["drop"].sub("", x.strip()).strip(" -–\"'“”")
    words = x.split()
    if "Theo" in words[1:]:
        # "Em mang phận “pê đê” Theo số liệu": a capital "Theo" inside opens a sentence
        # whose full stop was lost; what stands before it names no one
        words = words[len(words) - words[::-1].index("Theo") :]
    # cut before the first word of ``cut_before`` outside brackets: "Thầy Minh (giáo viên ở
    # Hà Nội)": no cut inside the aside (``depth``: brackets opened before the word; the
    # brackets are counted only where there are any)
    brackets = "(" in x or ")" in x
    cut, depth = None, 0
    for i, w in enumerate(words):
        if i and w.lower() in src["cut_before"] and (not brackets or depth - w.count(")") <= 0):
            cut = i
            break
        if brackets:
            depth += w.count("(") - w.count(")")
    words = words[:cut]
    if words and words[-1].endswith(")") and "(" not in " ".join(words):
        return None  # "… (Hà Nội) cho biết" cut at the bracket: the tail of an aside
    while words and words[-1].lower() in src["trailing"]:
        words.pop()
    if words and words[-1].lower() == "theo":
        return None  # "Theo thống kê, …": the cue is the noun after "Theo", no speaker
    if "của" in words[:-1]:
        # "chuyên gia của WB", "báo cáo của Bộ Công an": the named body after "của"
        after = words[len(words) - words[::-1].index("của") :]
        if after and after[0][:1].isupper():
            words = after
    if words and words[0].lower() in src["cut_before"]:
        return None  # "Tại Việt Nam, thông tin cập nhật …": a place, no speaker
    named = _until_date(words)
    if 1 < len(named) < len(words) and named[-1][:1].isupper():
        # "Bộ Y tế Nam Sudan ngày 2/6", "Hãng AP ngày 23/6 dẫn nguồn tin riêng": a name,
        # then the day it spoke
        words = named
    x = " ".join(words)
    for inner in _PARENS.findall(x) if "(" in x else ():
        first = inner.split(",")[0].strip()
        if first and " " not in first and first[0].isupper():
            return first
    x = _PARENS.sub("", x).strip()
    if x.lower() in src["documents"]:
        return x  # "Cáo trạng cho biết": the document that states the figure
    if not x or not any(map(str.isupper, x)) or len(x.split()) > _longest(x.split()):
        return None
    if initial and len(x.split()) > 1 and not any(map(str.isupper, x[1:])):
        return None  # "Hệ thống phát hiện": capitalised only as the start of the sentence
    one_word = " " not in x and x.lower() in load_wordlist("stopwords_vi.txt")
    if x.lower() in src["pronouns"] or one_word:
        return None  # "Tuy đánh giá …": a function word, no speaker
    titled = x.split()
    if titled and titled[0].lower() in src["titles"]:
        titled = titled[1:]  # "ông Sebastian", "chị Hạnh": a title, then the name
    lex = lexicon()
    if strict and any(w in lex.not_nouns for w in titled) and not _ends_in_name(titled):
        return None  # "Cơ quan chức năng", but "Tướng không quân Mỹ Matt Isler" ends in a name
    if _holds_figure(titled, lex):
        return None  # "MU vung 113 triệu Bảng mua Kylian Mbappe": a headline, no speaker
    one = x.lower() if " " not in x else ""
    if one and (one in lex.not_nouns or one in lex.number_words or one in src["not_speakers"]):
        # one capitalised function or number word opening the sentence before a cue that
        # is a noun here: "Như thông tin đã đưa", "Một thống kê của …", "Đáng lưu ý"
        return None
    return x


def _holds_figure(words: list[str], lex: Any) -> bool:
    """Whether ``words`` hold a figure: a number before a scale or unit word ("113 triệu
    Bảng", "HBO 25 năm"); "Cục C50", "Quyết định 699/2013" hold none."""
    return any(
        _has_digit(w) and (nxt.lower() in lex.scale_set or nxt.lower() in lex.units)
        for w, nxt in itertools.pairwise(words)
    )


@lru_cache(maxsize=1)
def _source_words() -> dict[str, frozenset[str]]:
    """The word lists of figure_context.toml [source] as sets: each is looked up a word at
    a time, for every cue of every sentence."""
    src = lexicon().context["source"]
    words = {key: frozenset(value) for key, value in src.items() if isinstance(value, list)}
    words.setdefault("documents", frozenset())
    return words


def _longest(words: list[str]) -> int:
    """How many words a source may have: 12, or 16 when a name ends them ("Phó tổng giám đốc
    Bảo hiểm Xã hội Việt Nam Đào Việt Ánh")."""
    return 16 if _ends_in_name(words) else 12


def _ends_in_name(words: list[str]) -> bool:
    """Whether ``words`` are a title or body ending in a name: an acronym ("Công ty cổ
    phần FPT", "Cục C47") or two capitalised words ("các quan chức Lầu Năm Góc"), opened by
    a noun (not "khi N.Q", "có BV") and with at most one function word inside ("không" of
    "Tướng không quân Mỹ Matt Isler")."""
    lex = lexicon()
    if words and words[0].lower() in _source_words()["determiners"]:
        words = words[1:]
    if len(words) < 2 or words[0].lower() in lex.not_nouns:
        return False
    if sum(w.lower() in lex.not_nouns for w in words) > 1:
        return False
    last = words[-1]
    if len(last) > 1 and last.isalnum() and last.isupper() and last[0].isalpha():
        return True
    return len(words) > 2 and last[:1].isupper() and words[-2][:1].isupper()


def source_of(sentence: str, fig_start: int) -> str | None:
    """Whom the sentence attributes the figure at ``fig_start`` to, or None.

    >>> source_of("Theo Tổ chức Cảnh sát Hình sự Quốc tế (Interpol), mỗi năm ...", 60)
    'Interpol'
    >>> source_of("Năm 2024, Mỹ mất 10 tỷ USD, trong khi FBI ghi nhận hơn 55.000 vụ.", 52)
    'FBI'
    """
    theo, verbs, _ = _cues(sentence)
    after = None
    for pos, x in theo:
        if pos < fig_start:
            return x
        after = after or x
    before = None
    for pos, x, closing in verbs:
        if pos >= fig_start:
            if before is None and after is None and closing:
                return x
            continue
        before = x or before
    return before or after


@lru_cache(maxsize=256)
def _cues(sentence: str) -> tuple[tuple, tuple, tuple]:
    """Source cues of a sentence (cached): ``(pos, X)`` for "Theo X", ``(pos, X, closes
    the sentence)`` for "X cho biết"-like verbs, and the positions of the verbs whose
    speaker is only a pronoun ("Ông cũng nhấn mạnh")."""
    pats = _patterns()
    low = _lowered(sentence)[0]
    if len(low) != len(sentence):
        low = sentence
    theo = []
    if "theo" in low:
        not_after = _source_words()["not_after_theo"]
        for m in pats["theo"].finditer(low):
            x = _before_thi(sentence[m.start("x") : m.end("x")])
            if low[m.start()] == "(":
                x = x.rstrip().removesuffix(")")  # "(theo Điều 56 Luật BHXH)"
            x = _clean_source(x)
            if x is not None and x.split()[0].lower() not in not_after:
                theo.append((m.start(), x))
        for m in _theo_inside(sentence):
            # "… sân bay Long Thành Theo Tờ trình của Chính phủ, …": a capital "Theo" inside
            # opens a sentence whose full stop was lost (a photo caption glued before it)
            x = _clean_source(m.group("x"), initial=False)
            if x is not None and x.split()[0].lower() not in not_after:
                theo.append((m.start("x"), x))
        seen = {x for _, x in theo}
        for m in pats["theo_any"].finditer(low):
            x = _clean_source(_before_thi(sentence[m.start("x") : m.end("x")]))
            if x is not None and x not in seen:
                theo.append((m.start(), x))
        theo.sort()
    verbs, pronouns = [], []
    src = _source_words()
    if "của" in low:
        for m in pats["doc_of"].finditer(low):
            x = _clean_source(sentence[m.start("x") : m.end("x")], initial=False)
            if x is not None:
                verbs.append((m.end(), x, False))  # for the figures after it only
    agent = pats["agent"].match(sentence)
    if agent is not None:
        x = _clean_source(agent.group("x"), strict=True)  # not "Cơ quan chức năng"
        if x is not None:
            verbs.append((agent.end("x"), x, False))
    for m in pats["verb"].finditer(low):
        if m.start() and low[m.start() - 1].isalnum():
            continue
        clause = _clause_before(sentence, m.start())
        passive = _PASSIVE.search(clause)
        if passive is not None:
            clause = clause[passive.end() :]  # "… được Bộ Công an phát hiện": the agent
        credit = sentence[: m.start() - len(clause)].rstrip(" :").lower()
        opener = sentence[: m.start() - len(clause)].strip(" \"'“‘(-–")
        if credit.endswith(_CREDITS):
            # "Ảnh: Nguyên Lý/TTXVN Ước tính …": a photo credit, no speaker; but "Ảnh: VGP
            # Thủ tướng Nguyễn Xuân Phúc khẳng định …": the speaker after the credit's name
            clause, opener = _after_credit(clause), ""
            if not clause:
                continue
        x = _clean_source(clause, strict=True, initial=not opener)
        if not clause.strip() and passive is None:
            # "Thiếu tướng X, Cục trưởng Cục Y, Bộ Công an, cho biết": the speaker and
            # the titles set off by commas; the nearest part that names someone
            parts = _outside_commas(sentence[: m.start()])[-5:-1]
            x = next(
                (y for y in map(lambda p: _clean_source(p, strict=True), reversed(parts)) if y),
                None,
            )
        closing = _closes(sentence[m.end() :])
        verbs.append((m.start(), x, closing))
        if x is None and len(clause) < 30:
            words = clause.lower().split()
            while words and words[-1] in src["trailing"]:
                words.pop()
            if words and " ".join(words) in src["pronouns"]:
                pronouns.append(m.start())
    verbs.sort(key=lambda v: v[0])
    return tuple(theo), tuple(verbs), tuple(pronouns)


_THI = re.compile(rf"{_S}+thì{_S}", re.IGNORECASE)


def _before_thi(x: str) -> str:
    """``x`` up to "thì", which ends the "Theo X" of "Theo X thì …" where no comma does.

    >>> _before_thi("ông Nam thì có 30 người bị lừa")
    'ông Nam'
    """
    m = _THI.search(x)
    return x if m is None else x[: m.start()]


def _after_credit(clause: str) -> str:
    """What follows the name of a photo credit at the start of ``clause``: the words after
    its first word in capitals ("VGP") or with a slash ("Nguyên Lý/TTXVN"), if that word is
    among the first three; else nothing.

    >>> _after_credit(" VGP Thủ tướng Nguyễn Xuân Phúc ")
    'Thủ tướng Nguyễn Xuân Phúc'
    >>> _after_credit(" Nguyên Lý/TTXVN ")
    ''
    """
    words = clause.split()
    for i, w in enumerate(words[:3]):
        if "/" in w or (len(w) > 1 and w.isalnum() and w.isupper()):
            return " ".join(words[i + 1 :])
    return ""


def _closes(rest: str) -> bool:
    """Whether what follows a cue verb only closes the sentence: nothing, or a short time
    or place tail ("…, Uber cho biết trong một thông báo.", "…, Business Insider cho biết
    ngày 5/2.") with no quote, clause or statement of its own."""
    rest = rest.strip(" .")
    if len(rest) <= 1:
        return True
    words = rest.split(None, 5)  # six pieces at most: enough to tell more than five words
    return (
        len(words) <= 5
        and words[0].lower() in _source_words()["closing_tails"]
        and not any(c in rest for c in ',;:"“”')
    )


def speaks_as_pronoun(sentence: str, fig_start: int) -> bool:
    """Whether the figure at ``fig_start`` is attributed by a speaker cue whose speaker is
    only a pronoun or a bare title ("Ông cũng nhấn mạnh …", "Bà cho biết …"): the speaker
    is then the one named before.

    >>> speaks_as_pronoun("Ông cũng nhấn mạnh cam kết của hơn 30 nước.", 30)
    True
    >>> speaks_as_pronoun("FBI cho biết có 30 vụ.", 16)
    False
    """
    return any(pos < fig_start for pos in _cues(sentence)[2])


def subject_of(sentence: str, unit_start: int, unit_end: int, fig_start: int, kind: str) -> str:
    """What the figure counts, as written around it in the sentence; a dash or colon that
    ends it is left out ("Kong: Skull Island - 566,2 triệu USD": "Skull Island").

    >>> s = "Việt Nam ghi nhận 381 vụ xâm hại trẻ em qua mạng, chủ yếu do dụ dỗ."
    >>> subject_of(s, 22, 24, 18, "count")
    'vụ xâm hại trẻ em qua mạng'
    >>> s = "Kong: Skull Island - 566,2 triệu USD"
    >>> subject_of(s, 33, 36, 21, "money")
    'Skull Island'
    """
    subject = _subject(sentence, unit_start, unit_end, fig_start, kind).rstrip(_TRAILING_MARKS)
    if subject.lower().startswith(_BASELINE_OPENERS) and _baseline_of_another(
        sentence, subject, fig_start
    ):
        return ""  # "tăng 1,5% so với những ngày Tết và vượt 65%": no subject of its own
    return subject


_TRAILING_MARKS = " -–—:"
_BASELINE_OPENERS = tuple(f"{b} " for b in _BASELINE[:2])  # "so với …", "so cùng …"
_CLAUSE_START = re.compile(r"[,;:()]")


def _baseline_of_another(sentence: str, subject: str, fig_start: int) -> bool:
    """Whether ``subject``, which opens with "so với", is the baseline of another figure:
    it stands after the figure ("tăng 0,5 điểm so với năm ngoái"), or after a figure before
    it in its clause ("tăng 1,5% so với những ngày Tết và vượt 65%"). "so với bình quân thế
    giới là 3,7%" names what 3,7% is, and stays.

    >>> s = "Giá tăng 1,5% so với tháng trước và vượt 65%."
    >>> _baseline_of_another(s, "so với tháng trước", 40)
    True
    >>> s = "Tăng 9,9%, so với bình quân thế giới là 3,7%."
    >>> _baseline_of_another(s, "so với bình quân thế giới", 38)
    False
    """
    at = sentence.rfind(subject, 0, fig_start)
    if at < 0:
        return True
    cut = max((m.end() for m in _CLAUSE_START.finditer(sentence, 0, at)), default=0)
    return _DIGIT.search(sentence, cut, at) is not None


def _subject(sentence: str, unit_start: int, unit_end: int, fig_start: int, kind: str) -> str:
    """The subject of :func:`subject_of`, before its last marks are cut."""
    ctx = lexicon().context["subject"]
    stop, limit = _subject_heads()[1], ctx["max_words"]  # the stop words, built once
    if kind == "duration":
        return sentence[unit_start:unit_end]
    item = item_named(sentence, unit_start, unit_end, fig_start, kind)
    if item:
        # "Malaysia (1,789 tỷ USD, giảm 7%); Indonesia (1,134 tỷ USD …)": an item's name
        # before the bracket says what its figure is, not the words before the list
        return item
    after = _words_after(sentence, unit_end, limit + 1)
    passive = bool(after) and kind == "count" and after[0].lower() in _subject_list("passive")
    # a count's unit may end where a word of the subject goes on ("lượt khách| hàng")
    unit_last = sentence[unit_start:unit_end].rsplit(None, 1)[-1:] if kind == "count" else []
    words = _words_until_stop(
        after[1:] if passive else after,
        stop,
        limit,
        unit_last[0] if unit_last and not passive else "",
    )
    if passive:
        # "700 người bị thương", "300 tài khoản bị khóa": what befell them says which
        words = [after[0], *words[:3]] if words else []
    if kind == "count" and sentence[unit_start:unit_end].lower() not in _of_units():
        qh = _heads_of("quantity_heads")
        if qh.search(sentence, 0, fig_start) is not None:  # rare: the clause is cut only then
            cut = max(sentence.rfind(c, 0, fig_start) for c in ",;:()")
            if qh.search(sentence, cut + 1, fig_start) is not None:
                # "Tổng khối lượng giao dịch đạt 20,4 triệu cổ phiếu"
                return _subject_before(sentence[cut + 1 : fig_start], ctx)
        unit = sentence[unit_start:unit_end].strip('"“”')  # '4 “cò”': the noun, unquoted
        word_before = sentence[max(0, fig_start - 12) : fig_start].split()[-1:]
        if (
            not words
            and unit.lower() in _subject_list("bare_units")
            and word_before != ["của"]  # "chiếm đoạt tài sản của 33 người": their property
        ):
            # "lực lượng lao động của TKV giảm 15.000 người": a bare "người" says less
            # than the noun phrase before the figure, when a head noun starts one there
            cut = max(sentence.rfind(c, 0, fig_start) for c in ",;:()")
            found = _subject_before(sentence[cut + 1 : fig_start], ctx)
            if found and not all(_function_word(w, stop) for w in found.split()):
                # "giáo viên tham gia coi thi là 7.081 người": the words before say who
                return found if _subject_heads()[0].search(found) else f"{found} … {unit}"
            if not found and sentence[cut : cut + 1] == ":":
                label = _item_label(sentence[:cut])
                if 0 < len(label) <= limit:
                    # "Toyota Land Cruiser: 21 chiếc": a list's label names what is counted
                    return " ".join(label)
        return " ".join([unit, *words]).strip()
    digit = next((i for i, w in enumerate(words) if _has_digit(w)), None)
    words = words[:digit]  # "700 đồng lên 150.400 đồng": the next figure, no subject
    if len(words) > 1 and words[1].lower() == "hơn" and words[0].lower() in lexicon().comparatives:
        words = []  # "đạt mục tiêu 10 tỷ USD sớm hơn": a comparison, no subject
    if kind == "money":
        head = _head_after(sentence, unit_end, stop, limit)
        if head:
            # "PVC chỉ đạt 222 tỷ đồng lợi nhuận ròng", "ghi nhận 240 triệu USD (khoảng
            # 5.400 tỷ đồng) doanh thu": a head noun right after the amount names it
            return head
    if words and words[0].lower() in _fillers():
        words = []
    if kind == "measure" and words:
        cut = max(sentence.rfind(c, 0, fig_start) for c in ",;:()")
        clause = sentence[cut + 1 : fig_start].lower()
        if (
            _heads_of("quantity_heads").search(clause) is None
            and _heads_of("measure_heads").search(clause) is None
        ):
            # "thiệt hại gần 300 ha rừng": what the area is of; but "Công suất thiết kế 4
            # triệu tấn thép": a quantity named before says which
            return " ".join(words)
    before = sentence[:fig_start]
    clauses = re.split(r"([,;:()])", before)
    if "(" in before and _DIGIT.search(before) is None and _ASIDE.search(before):
        # a closed aside says nothing of the figure, when no figure stands before it in
        # the sentence ("Giá vàng … đầu phiên (giờ Việt Nam) là 1.231,3 USD")
        clauses = re.split(r"([,;:()])", _ASIDE.sub(_blank, before))
    clause = clauses[-1]
    pattern = _subject_heads()[0]
    if pattern.search(clause) or not words:
        own = clause.strip()
        if not own:
            clause = _list_label(sentence[:fig_start])
            label = _item_label(clauses[-3]) if clauses[-2:-1] == [":"] else []
            if 1 < len(label) <= limit:
                # "- Thu cân đối ngân sách nhà nước: 1.291.342 tỷ đồng": a list's label
                # names its figure whole, and tells it from the next ("Chi cân đối …")
                return " ".join(label)
        found = _subject_before(clause, ctx)
        if (
            not found
            and own
            and len(clauses) >= 3
            and clauses[-2] in ",("
            and (
                pattern.search(clauses[-3])
                or (_says_nothing(own, stop) and _DIGIT.search(before) is None)
            )
        ):
            # "giá trị hóa đơn … lớn, ước tính trên 1.000 tỷ đồng": the clause before says
            # what the hedged figure is; so it does before a clause of fillers alone when no
            # figure stands before in the sentence ("… mức lương hiện tại, chiếm 35%"; after
            # one, its subject is carried: "42 triệu cử tri hợp lệ, tương đương với 82%")
            found = _subject_before(clauses[-3], ctx)
        return found
    return " ".join(words)


def head_noun(subject: str) -> str:
    """The first head noun of the subject list in ``subject`` (as written), or "".

    >>> head_noun("lợi nhuận năm 2016 của Apple")
    'lợi nhuận'
    >>> head_noun("Berkshire Hathaway")
    ''
    """
    m = _subject_heads()[0].search(subject)
    return subject[m.start() : m.end()] if m is not None else ""


def item_named(sentence: str, unit_start: int, unit_end: int, fig_start: int, kind: str) -> str:
    """The name of a list item whose figure opens a bracket after it ("Malaysia (1,789 tỷ
    USD, …)", "đồ chơi trẻ em (với 54 triệu USD)"), or "": the words since the clause mark
    before the bracket, when they are a few, hold no number and name no period ("trong đó
    quý II (6,17%)" is a period's figure, not an item's). The figure must end at a clause
    mark: words after it say what it is ("suất thăn bò kho (50g thăn bò"). Counted things
    other than points and times are named by their own noun ("Kim Mã (1149 vé)").

    >>> s = "Thái Lan (2,1 tỷ USD), Malaysia (1,789 tỷ USD, giảm 7%)"
    >>> item_named(s, 39, 45, 33, "money")
    'Malaysia'
    >>> s = "Thu 7 triệu USD (160 tỷ đồng)"
    >>> item_named(s, 21, 28, 17, "money")
    ''
    """
    if "(" not in sentence[max(0, fig_start - 9) : fig_start]:
        return ""  # "(với ", "(chiếm ": the only words a bracket may hold before it
    if _ITEM_ENDS.match(sentence, unit_end) is None:
        return ""  # "(50g thăn bò": words after the figure say what it is
    if kind == "duration" or (
        kind == "count" and sentence[unit_start:unit_end].lower() not in _of_units()
    ):
        return ""
    before = sentence[:fig_start].rstrip()
    if not before.endswith("("):
        last = before.rsplit(None, 1)
        if len(last) < 2 or last[1].lower() not in _fillers() or not last[0].endswith("("):
            return ""
        before = last[0]
    cut = max(before.rfind(c, 0, len(before) - 1) for c in ",;:()")
    words = before[cut + 1 : -1].split()
    ctx = lexicon().context["subject"]
    while words and words[0].lower() in _fillers():
        words = words[1:]  # "và Singapore (gần 665 triệu USD"
    if not words or len(words) > ctx["item_words"]:
        return ""
    name = " ".join(words)
    if any(_DIGIT.search(w) or w.lower() in ctx["date_words"] for w in words) or _periods(name):
        return ""  # "so với quý I (5,15%)", "như hiện nay (78%)": a period's figure
    return name


# a list item's figure ends at a clause mark or the sentence's end (matched where it ends,
# not by copying the rest of the sentence)
_ITEM_ENDS = re.compile(r" *(?:[,;).…]|\Z)")


def _head_after(sentence: str, end: int, stop: frozenset[str], limit: int) -> str:
    """The words after an amount ending at ``end`` when they start with a head noun of the
    subject list, past an aside restating the amount ("240 triệu USD (5.400 tỷ đồng)
    doanh thu") or the end of the aside the amount stands in; else ""."""
    m = _AFTER_ASIDE.match(sentence, end)
    at = m.end() if m is not None else end
    words = _words_after(sentence, at, limit + 1)
    words = _words_until_stop(words, stop, limit)
    digit = next((i for i, w in enumerate(words) if _has_digit(w)), None)
    found = " ".join(words[:digit])  # "… tháng 2/2017": the next figure, no subject
    head = _subject_heads()[0].match(found)
    if head is None or not found or found.lower().startswith(_money_forms()):
        return ""  # "300 USD tiền ảo Bitcoin": the form the money takes, not what it is
    if m is not None and found[:1].isupper() and found[1:2].islower():
        # "…: 19.300 đô la (trên 430 triệu đồng) Thu nhập sau khi …": past an aside, a
        # capitalised word opens the next item of a list that lost its full stops
        return ""
    return found


@lru_cache(maxsize=1)
def _money_forms() -> tuple[str, ...]:
    return tuple(w.lower() for w in _subject_list("money_forms"))


# an aside after an amount, or the end of the one it stands in, before a head noun
_AFTER_ASIDE = re.compile(r"[^\S\n]*(?:\([^()\n]{0,80}\)|\))")


def _words_after(text: str, at: int, n: int) -> list[str]:
    """The first ``n`` words and signs (:data:`_WORD`) of ``text`` from ``at``, up to the
    first sign: a sign ends the list (it is kept; :func:`_words_until_stop` stops there,
    and nothing after it is read).

    Read from the blank-separated pieces of the :data:`_WORDS_REACH` characters after
    ``at``: a piece of letters and digits alone is one word, any other is read with
    :data:`_WORD` (no word runs across a blank); the last piece may be cut by the end of
    the stretch and is left out. When these give fewer than ``n`` and no sign, the whole
    rest of the text is read with :data:`_WORD`. A regex match object per word cost twice
    as much."""
    end = at + _WORDS_REACH
    pieces = text[at:end].split()
    cut = end < len(text)
    if cut and pieces:
        pieces.pop()
    out: list[str] = []
    for piece in pieces:
        if piece.isalnum():  # the letters and digits of _WORD's "[^\W_]": no "_", no sign
            out.append(piece)
        else:
            for w in _WORD.findall(piece):
                out.append(w)
                if len(out) >= n or not w[0].isalnum():
                    return out
        if len(out) >= n:
            return out
    if not cut:
        return out
    out = []
    for m in itertools.islice(_WORD.finditer(text, at), n):
        out.append(m.group())
        if not out[-1][0].isalnum():
            break
    return out


_WORDS_REACH = 120


def _words_until_stop(
    words: list[str], stop: frozenset[str], limit: int, before: str = ""
) -> list[str]:
    """The words of ``words`` before the first punctuation or stop word, at most ``limit``;
    a stop word of ``stop_unless_word`` that starts a known word does not stop ("hàng hóa"),
    nor does one that ends a known word begun by the word before it (``before`` for the
    first, the unit's last word, when it is one of ``stop_unless_word``: "lượt khách| hàng
    vay vốn")."""
    out: list[str] = []
    known, unless = head_words(), _subject_list("stop_unless_word")
    for i, w in enumerate(words):
        if not w[0].isalnum():
            break
        if len(out) >= limit:
            if out and f"{out[-1]} {w}".lower() in known:
                out.pop()  # "cán bộ ngân|hàng": never half a word at the cut
            break
        low = w.lower()
        if low in stop:
            last = out[-1] if out else before if low in unless else ""
            if last and f"{last} {low}".lower() in known:
                out.append(w)  # "mức lương hiện tại": never half a word at a stop word
                continue
            nxt = words[i + 1].lower() if i + 1 < len(words) else ""
            if not (low in unless and nxt not in lexicon().orders and f"{low} {nxt}" in known):
                break
        out.append(w)
    return out


def _lowered(text: str) -> tuple[str, str | None]:
    """``(text.lower(), lower_as_ignorecase(text))``, kept for the last few texts asked
    about (by identity): a sentence is lowercased once for its periods, its sources and
    the head words of all its figures' subjects, not once for each."""
    for known, low, same in _LOWERED:
        if known is text:
            return low, same
    same = lower_as_ignorecase(text)
    low = same if same is not None else text.lower()
    _LOWERED.insert(0, (text, low, same))
    del _LOWERED[_LOWERED_KEPT:]
    return low, same


_LOWERED: list[tuple[str, str, str | None]] = []
_NEEDLES_MOST = 8
_LOWERED_KEPT = 4


class _AnyCase:
    """A pattern of words matched in any case, as under ``re.I``: on the lowercase text,
    with the words in lowercase, wherever a plain match there finds what ``re.I`` finds
    (:func:`~cyberlib.language.lexicon.lower_as_ignorecase`), else under ``re.I``.

    A pattern under ``re.I`` opens with no set of first characters that the regex engine
    can scan for, so it is tried at every position of the text (the subject's head words
    were a fifth of :func:`subject_of` so). Matches found on the lowercase
    text have its offsets (the same length) and lowercase ``group()``: callers take the
    original words by offset.

    A short list (:data:`_NEEDLES_MOST` last syllables at most: "sản lượng", "công suất")
    is first looked for by the last syllables of its words, which any match holds: most
    texts have none and are not searched."""

    def __init__(self, words: list[str], source: str) -> None:
        """``source``: the pattern with ``{}`` where the alternation of ``words`` goes."""
        lowered = [w.lower() for w in words]
        self.folded = re.compile(source.format(alternation(words, True)), re.I)
        self.plain = re.compile(source.format(alternation(lowered, True)))
        needles = {w.split()[-1] for w in lowered if w.split()}
        whole = bool(lowered) and all(w.split() for w in lowered)  # every word has one
        self.needles = tuple(sorted(needles)) if whole and len(needles) <= _NEEDLES_MOST else None
        # the last lowercase text looked for the needles, and whether it holds one: the
        # figures of a sentence ask about the same sentence
        self._seen: tuple[str | None, bool] = (None, False)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """``re.Pattern.search`` of the pattern in any case."""
        endpos = len(text) if endpos is None else endpos
        low = _lowered(text)[1]
        if low is None:
            return self.folded.search(text, pos, endpos)
        if self.needles is not None:
            seen, holds = self._seen
            if seen is not low:
                holds = any(n in low for n in self.needles)
                self._seen = low, holds
            if not holds:
                return None  # no word of the list can stand in ``low``
        return self.plain.search(low, pos, endpos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """``re.Pattern.finditer`` of the pattern in any case."""
        low = _lowered(text)[1]
        return self.folded.finditer(text) if low is None else self.plain.finditer(low)

    def match(self, text: str) -> re.Match[str] | None:
        """``re.Pattern.match`` of the pattern in any case."""
        low = _lowered(text)[1]
        return self.folded.match(text) if low is None else self.plain.match(low)


@lru_cache(maxsize=2)
def _heads_of(key: str) -> _AnyCase:
    """Any whole word of the subject list ``key`` of figure_context.toml, in any case:
    ``quantity_heads`` make a count's or measure's subject the words before it,
    ``measure_heads`` say what a measure measures ("lượng gỗ")."""
    heads = lexicon().context["subject"].get(key, [])
    return _AnyCase(heads, r"{}(?!\w)" if heads else "(?!)")


@cache
def _subject_list(key: str) -> frozenset[str]:
    """A word list of figure_context.toml [subject] ("passive", "bare_units", …), built
    once per key (a fixed set of keys: no bound that a new list could overflow)."""
    return frozenset(lexicon().context["subject"].get(key, []))


@lru_cache(maxsize=1)
def _of_units() -> frozenset[str]:
    """Counted units whose subject stands before the figure (figure_context.toml)."""
    return frozenset(lexicon().context["subject"].get("of_units", []))


@lru_cache(maxsize=1)
def _fillers() -> frozenset[str]:
    """Words and phrases that are never a subject on their own (figure_context.toml)."""
    return frozenset(" ".join(w.split()) for w in lexicon().context["subject"]["fillers"])


def _modifies(word: str, stop: frozenset[str]) -> bool:
    """Whether ``word``, standing right before a subject's head noun, belongs to its noun
    phrase: a noun of ``head_modifiers`` in figure_context.toml ("tổng vốn", "thuế giá
    trị gia tăng"), never a verb ("nộp", "thu hồi")."""
    return word.islower() and word in _subject_list("head_modifiers") and word not in stop


def _item_label(before: str) -> list[str]:
    """The words of a list item's label before its colon: since the last dash, bullet or
    number, without the unit words of the figure before ("1.291.342 tỷ đồng - Chi cân đối
    ngân sách nhà nước" -> "Chi cân đối ngân sách nhà nước")."""
    words = _ITEM_CUT.split(before)[-1].split()
    lex = lexicon()
    while words and (words[0].lower() in lex.scale_set or words[0].lower() in lex.units):
        words = words[1:]
    return words


_ITEM_CUT = re.compile(r"(?:^|\s)[-–•*+](?=\s)|\d")


_NOT_MARKS = re.compile(r"[^\d.!?\n]*")


def _list_label(before: str) -> str:
    """The label of a list item ("Dele Alli, Tottenham: £137m"): the words since the last
    number or sentence mark before the figure.

    The same words as a search for :data:`_NOT_MARKS` then the end (``$``, which also
    matches before a line break ending ``before``) finds, read backwards from the end:
    that search tries every position and runs to the next mark from each, quadratic in a
    long clause."""
    end = len(before) - before.endswith("\n")
    since = _NOT_MARKS.match(before[:end][::-1]).end()
    label = before[end - since : end].strip(" ,;:-–()")
    # "£137m (": the rest of a figure, not a label
    return label if re.search(r"[^\W\d_]{2,}", label) else ""


@lru_cache(maxsize=1)
def _subject_heads() -> tuple[_AnyCase, frozenset[str], dict[str, list[tuple[str, int]]]]:
    """The head-noun pattern (in any case), the stop words, and the trailing words (longest
    first, by their last word: only those that end like the subject are tried)."""
    ctx = lexicon().context["subject"]
    pattern = _AnyCase(ctx["heads"], r"{}(?!\w)")
    trailing: dict[str, list[tuple[str, int]]] = {}
    for t in sorted(ctx["trailing"], key=len, reverse=True):
        trailing.setdefault(t.split()[-1], []).append((t, len(t.split())))
    return pattern, frozenset(ctx["stop"]), trailing


def _unit_length(words: list[str]) -> int:
    """How many of ``words`` (the first a unit, scale or classifier word) a currency named
    in several words spans: "đô la Úc và" gives 3 ("la Úc" is no subject), "đồng và" 1;
    a counted noun is left whole ("người dân Quảng Ninh": the people may be the subject).

    >>> _unit_length(["đô", "la", "Úc", "và"]), _unit_length(["đồng", "và"])
    (3, 1)
    """
    units = lexicon().units
    for n in range(min(len(words), 6), 1, -1):
        unit = units.get(" ".join(words[:n]).lower())
        if unit is not None and unit[1] == MONEY:
            return n
    return 1


def _word_begun(words: list[str], lex: Any) -> bool:
    """Whether the first of ``words``, a classifier or scale word after a number, begins a
    longer word with the next ("6-2017 thanh toán 500 triệu đồng": "thanh toán", the
    subject); a unit of time or a unit of its own never does ("1 ngày trước", "đô la")."""
    pair = " ".join(words[:2]).lower()
    unit = lex.units.get(words[0].lower())
    return (
        pair in head_words()
        and pair not in lex.units
        and (unit is None or unit[1] not in (DURATION, MONEY))
    )


def _subject_before(clause: str, ctx: dict) -> str:
    """Subject of a money or percent figure from the clause before it.

    A head noun of the data list ("thiệt hại", "quỹ", "tỷ lệ") starts the subject, which
    runs to the next stop word; without one, the last words of the clause are used.

    >>> ctx = lexicon().context["subject"]
    >>> _subject_before("Một quỹ bảo vệ trẻ em trị giá ", ctx)
    'quỹ bảo vệ trẻ em'
    >>> _subject_before(" người dân Mỹ thiệt hại hơn ", ctx)
    'thiệt hại'
    >>> _subject_before(" Australia cũng cam kết dùng ", ctx)
    'Australia cũng cam kết dùng'
    """
    pattern, stop, trailing = _subject_heads()
    limit = ctx["max_words"]
    heads = [h for h in pattern.finditer(clause) if not _bound(clause, h)]
    span_to = None
    if heads:
        head = max(heads, key=lambda m: m.start())
        if _COPULA.search(clause) and not _COPULA.search(clause, 0, head.start()):
            # "nợ xấu của Agribank nếu tính cả nợ đã bán cho VAMC là 73.472 tỷ đồng": in "X
            # là N" the value is X's, whose head is the first of its clause
            head = heads[0]
        while True:  # "mức tăng trưởng GDP", "tỷ lệ nợ xấu": a head right after another
            # head qualifies it; the phrase is the first one's
            glued = [
                h
                for h in heads
                if h.end() < head.start() and not clause[h.end() : head.start()].strip()
            ]
            if not glued:
                break
            head = glued[-1]
        generic = ctx.get("generic_heads", ())
        owner = clause[: head.start()].rsplit(None, 1)[-1:]
        earlier = [h for h in heads if h.end() <= head.start()]
        if earlier and owner and owner[0].lower() in _subject_list("owner_before"):
            # "tỉ lệ đồng tính trong dân số dao động từ 1-5%": the head after "trong"/"của"
            # is whom the head before belongs to, which is the figure's
            head = earlier[-1]
        elif len(heads) > 1 and " ".join(head.group().lower().split()) in generic:
            last = head
            head = max(heads[:-1], key=lambda m: m.start())  # "thiệt hại cho X số tiền"
            if head.start() > last.start():
                # never a head after the generic one (the first head of "X là N" may be
                # generic: "số tiền là 35 triệu đồng và … quỹ … số tiền là …"): X's own
                head = max(
                    (h for h in heads if h.end() <= last.start()),
                    default=last,
                    key=lambda m: m.start(),
                )
            if (
                " ".join(last.group().lower().split()) in ctx.get("spanned_heads", ())
                and len(clause[head.start() : last.end()].split()) <= limit
            ):
                span_to = last.end()  # "tham ô tài sản đối với số tiền": both heads
        # the words as written (``head`` was matched on the lowercase clause)
        words = clause[head.start() : span_to or head.end()].split()
        before = clause[: head.start()].split()
        key = " ".join(head.group().lower().split())
        # "đấu giá", "đánh giá", "sản lượng": the head ends a word; but "có giá", "có số"
        # (Viet74K's words) are a verb and the head
        whole = (
            bool(before)
            and before[-1].lower() not in _subject_list("worth_links")
            and f"{before[-1].lower()} {words[0].lower()}" in head_words()
        )
        worth = (
            not earlier
            and key in generic
            and key not in ctx.get("spanned_heads", ())
            and not whole  # "đấu giá 57 ha": no generic head
        )
        if before and not worth and whole:
            words.insert(0, before[-1])  # "lượng" -> "sản lượng": never half a word
            before.pop()
            if before and f"{before[-1]} {words[0]}".lower() in head_words():
                # "cơ quan thuế": the word before is the whole word, not "quan thuế"
                words.insert(0, before.pop())
        # the head's own modifiers before it: "tổng huy động vốn", "tổng vốn tài sản"
        for _ in range(2):
            if not before or not _modifies(before[-1], stop):
                break
            words.insert(0, before.pop())
            worth = False  # "tổng trị giá": a noun phrase of its own
        n_head = len(words)
        if worth:
            # "nhóm ăn cắp gỗ trị giá 16 triệu rouble": "trị giá" (worth) alone says
            # nothing; the words before it name what is worth the amount
            lead: list[str] = []
            for i in range(len(before) - 1, -1, -1):
                w = before[i]
                if not w[0].isalnum() or _has_digit(w):
                    break
                if len(lead) >= limit - n_head:
                    if lead and f"{w} {lead[0]}".lower() in head_words():
                        lead.pop(0)  # "Nhà| nước": never half a word at the cut
                    break
                joined = (i > 0 and f"{before[i - 1]} {w}".lower() in head_words()) or (
                    bool(lead) and f"{w} {lead[0]}".lower() in head_words()
                )
                if not lead and i == len(before) - 1 and w.lower() in _subject_list("worth_links"):
                    lead.insert(0, w)  # "Căn hộ có giá 2 tỷ đồng": what has the price
                    continue
                if w.lower() in stop and not joined:
                    break  # but "lô hàng": never half a word at a stop word
                lead.insert(0, w)
            lead = _strip_fillers(lead)
            if lead:
                words = lead + words
                n_head = len(words)
        rest = _until_date(clause[span_to or head.end() :].split())
        words += _words_until_stop(rest, stop, limit - len(words))
    else:
        every = clause.split()
        words = every[-limit:]
        if len(every) > limit and f"{every[-limit - 1]} {words[0]}".lower() in head_words():
            words = words[1:]  # "cơ| quan điều tra …": never half a word at the cut
        words = _without_durations(words)
        digits = [i for i in range(len(words)) if _figure_at(words, i)]
        if digits:  # "185 triệu euro ~ tương đương": nothing after the figure before
            lex = lexicon()
            words = words[digits[-1] + 1 :]
            while (
                words
                and (
                    words[0].lower() in lex.scale_set
                    or words[0].lower() in lex.units
                    or words[0].lower() in lex.classifiers  # "9.137 chiếc và xe chuyên dụng"
                    # a rate's unit: "50.000 đồng/lượng chiều mua", "160.000 đồng/kg loại to"
                    or words[0].split("/", 1)[0].lower() in lex.units
                )
                and not _word_begun(words, lex)  # "6-2017 thanh toán"
            ):
                words = words[_unit_length(words) :]
        # fillers are never a subject ("~ tương đương 234 triệu bảng", "ở mức 6,5%")
        fillers = _fillers()
        words = _strip_fillers(words)
        if " ".join(words).lower() in fillers:
            words = []
        n_head = 0
    if heads:
        words = _without_figures(words)
    if not heads:
        # "448 tỷ yen, … 9 tỷ USD": the rest of the figure before is no subject; but a unit
        # word that starts a longer word is that word ("Đồng tiền chung châu Âu")
        lex = lexicon()
        while (
            words
            and (words[0].lower() in lex.scale_set or words[0].lower() in lex.units)
            and not (len(words) > 1 and f"{words[0]} {words[1]}".lower() in head_words())
        ):
            words = words[_unit_length(words) :]
    changed = True
    while words and changed:
        changed = False
        tail = " ".join(words).lower()
        for t, n in trailing.get(words[-1].lower(), ()):
            if len(words) - n >= n_head and (tail == t or tail.endswith(" " + t)):
                pair = f"{words[-n - 1]} {words[-n]}".lower() if len(words) > n else ""
                if pair in head_words() or pair in _subject_list("gains"):
                    continue  # "thuế giá trị gia tăng": never half a word; "sẽ nhận được"
                if pair and words[-n - 1][:1].isupper() and words[-n][:1].isupper():
                    continue  # "Quảng Trị 160 tỷ đồng": the end of a name
                words, changed = words[:-n], True
                break
    if not heads and _says_nothing(" ".join(words), stop):
        return ""  # "sau đó", "nó", "Trong khi đó": function words say nothing of the figure
    return " ".join(words)


# "X là" at the end of a clause (a qualifier word may follow: "là gần")
_COPULA = _AnyCase(["là"], r"{}[^\S\n]*$")
_DIGIT = re.compile(r"\d")
_ASIDE = re.compile(r"\([^()\n]*\)")


def _bound(clause: str, head: re.Match[str]) -> bool:
    """Whether the head ``head`` of ``clause`` only qualifies the noun before it, as its
    tax in "giá sau thuế", "lợi nhuận trước thuế" (the words of ``bound_heads``), or as
    the unit a rate is per: "36,59 triệu đồng/lượng" (a tael of gold, no subject)."""
    if head.start() and clause[head.start() - 1] == "/":
        return True
    before = clause[max(0, head.start() - 12) : head.start()].split()[-1:]
    phrase = " ".join([*before, head.group()]).lower()
    return phrase in _subject_list("bound_heads")


def _without_figures(words: list[str]) -> list[str]:
    """``words`` without the words in digits and the scale and unit words right after
    them ("giá 909 triệu đồng" -> "giá"): what is left of another figure is no subject."""
    lex = lexicon()
    out: list[str] = []
    i = 0
    while i < len(words):
        if not _figure_at(words, i):
            out.append(words[i])
            i += 1
            continue
        i += 1
        while i < len(words):  # the scale and unit words ("triệu đồng", "mét vuông")
            n = next((n for n in (3, 2, 1) if _unit_not_time(" ".join(words[i : i + n]))), 0)
            if not n and words[i].lower() not in lex.scale_set:
                break
            i += max(n, 1)
    return out


def _without_durations(words: list[str]) -> list[str]:
    """``words`` without a number and the duration word right after it ("tốc độ nhập khẩu
    4 tháng tăng" -> "tốc độ nhập khẩu tăng"): the time the figure covers, not another
    figure, so the words before it still name the figure. A duration inside a period
    phrase stays ("trong 5 tháng đầu năm": the words of ``duration_not_after`` and
    ``duration_not_before``), and the figure before still cuts the subject there.

    >>> _without_durations("tốc độ nhập khẩu 4 tháng tăng".split())
    ['tốc', 'độ', 'nhập', 'khẩu', 'tăng']
    >>> _without_durations("trong 5 tháng đầu năm".split())
    ['trong', '5', 'tháng', 'đầu', 'năm']
    """
    units = lexicon().units
    out: list[str] = []
    i = 0
    while i < len(words):
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if (
            _has_digit(words[i])
            and units.get(nxt, ("", ""))[1] == "duration"
            and (not out or out[-1].lower() not in _subject_list("duration_not_after"))
            and (
                i + 2 >= len(words)
                or words[i + 2].lower() not in _subject_list("duration_not_before")
            )
        ):
            i += 2
            continue
        out.append(words[i])
        i += 1
    return out


# the number of a day, month or quarter ("5", "1/2017", "I/2017", "12.7") and of a year
_DATE_NUMBER = re.compile(r"(?:\d{1,2}|[IVX]{1,4})(?:[/.-]\d{1,2})?(?:[/.-](?:19|20)\d\d)?")
_YEAR_NUMBER = re.compile(r"(?:19|20)\d\d(?:[-–/](?:19|20)?\d\d)?")


def _until_date(words: list[str]) -> list[str]:
    """``words`` up to the first date in them and the words that open it ("tháng 1/2017",
    "trong quý I", "riêng năm 2016"): a date after a subject's head is the figure's period,
    which ends the subject, and a date after a source's name is the day it spoke
    (figure_context.toml ``date_words``, ``date_openers``, ``date_kept_after``).

    >>> _until_date("kim ngạch xuất khẩu tháng 1/2017 tăng".split())
    ['kim', 'ngạch', 'xuất', 'khẩu']
    >>> _until_date("giá vàng giao tháng 8 tăng".split())  # a futures contract's month
    ['giá', 'vàng', 'giao', 'tháng', '8', 'tăng']
    >>> _until_date("thuê 5 năm 20 căn".split())  # "năm" before no year: no date
    ['thuê', '5', 'năm', '20', 'căn']
    """
    dates, kept_after = _subject_list("date_words"), _subject_list("date_kept_after")
    for i in range(len(words) - 1):
        low = words[i].lower()
        if low not in dates:
            continue
        number = _YEAR_NUMBER if low == "năm" else _DATE_NUMBER
        if number.fullmatch(words[i + 1]) and (not i or words[i - 1].lower() not in kept_after):
            openers = _subject_list("date_openers")
            while i and words[i - 1].lower() in openers:
                i -= 1
            return words[:i]
    return words


def _unit_not_time(words: str) -> bool:
    """Whether ``words`` are a unit other than a duration ("11 tháng qua" stays a period)."""
    unit = lexicon().units.get(words.lower())
    return unit is not None and unit[1] != "duration"


def _figure_at(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is a number of another figure, not part of a name: a word of
    capitals and digits ("VN30-Index", "G20") or a bare number after a word in capitals
    ("chỉ số DAX 30", "S&P 500") names an index or a group, unless a unit or scale word
    follows ("USD 50 triệu").

    >>> _figure_at(["chỉ", "số", "DAX", "30"], 3), _figure_at(["giá", "909", "triệu"], 1)
    (False, True)
    """
    word = words[i]
    if not _has_digit(word):
        return False
    if word[0].isalpha() and any(c.isupper() for c in word):
        return False  # "VN30-Index", "HNX30", "G20"; but "6GB" is a figure
    if not word.isdigit() or i == 0:
        return True
    before = words[i - 1]
    if not (len(before) > 1 and before.isupper() and any(c.isalpha() for c in before)):
        return True
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    lex = lexicon()
    return nxt in lex.scale_set or nxt in lex.units


def _has_digit(word: str) -> bool:
    """Whether ``word`` holds a digit (``str.isdigit``); a word of letters alone, most of
    them, is told at once."""
    return not word.isalpha() and any(c.isdigit() for c in word)


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _says_nothing(words: str, stop: frozenset[str]) -> bool:
    """Whether ``words`` are fillers and function words only ("tương đương với", "chiếm")."""
    rest = _strip_fillers(words.split())
    return all(_function_word(w, stop) for w in rest)


def _strip_fillers(words: list[str]) -> list[str]:
    """``words`` without the filler phrases at their start ("tương đương", "ở mức")."""
    fillers = _fillers()
    changed = True
    while words and changed:
        changed = False
        for n in (3, 2, 1):
            if len(words) >= n and " ".join(words[:n]).lower() in fillers:
                if len(words) > n and f"{words[n - 1]} {words[n]}".lower() in head_words():
                    break  # "chiếm hưởng": never half a word
                words, changed = words[n:], True
                break
        if words and not changed and not any(c.isalnum() for c in words[0]):
            words, changed = words[1:], True
    return words


def _function_word(word: str, stop: frozenset[str]) -> bool:
    """Whether ``word`` is a function word (a stop word, a filler or a word that is never
    a counted noun), which alone never makes a subject."""
    low = word.lower().strip("\"'“”()")
    return low in stop or low in _fillers() or low in lexicon().not_nouns or not low

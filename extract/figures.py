"""Figures in reports: counts with what they count ("46 văn bản QPPL"),
fractions ("197/197 TTHC"), percentages ("đạt 46,2%"), money.

Vietnamese number format: "1.234" is 1234, "46,2" is 46.2.  Dates, years,
document numbers, article numbers, ordinals and periods are never figures.
Each part inside the parentheses after a count gets ``parent`` set to that
count ("29 công chức (03 …; 25 …; 01 …)"), and a percentage stated with a
fraction in the same clause gets ``parent`` set to that fraction, so rules
can check sums and ratios.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right

from extract import regexes as rx
from rasoat.models import Figure, Page
from rasoat.vntext import collapse

MONEY_UNITS = {"tỷ đồng", "triệu đồng", "nghìn đồng", "ngàn đồng", "đồng", "USD", "tỷ", "triệu"}


def parse_number(text: str) -> float:
    """Vietnamese number to float: "1.234" → 1234, "46,2" → 46.2, "1.234,5" → 1234.5."""
    text = text.strip()
    if "," in text:
        whole, _, frac = text.partition(",")
        return float(whole.replace(".", "") + "." + frac)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        return float(text.replace(".", ""))
    return float(text)


def _decimals(text: str) -> int:
    return len(text.partition(",")[2])


# Ends of sentences and list items: ". ", "; ", or a new line starting a
# bullet ("- ", "+ "), a numbered item ("2. ") or a lettered point ("a) ").
_SENT_END = re.compile(r"[.;!?](?=\s|$)(?<!\d\.)|\n(?=[-–•+]\s|\d{1,2}\.\s|[a-zđ]\)\s|[IVX]+\.\s)")


# How far a sentence reaches on each side of a figure (characters): text without any sentence end (a table
# flattened to one line, "%2024%2024…") would otherwise make each figure's sentence the whole page, and the
# work of every figure grow with the page.  The longest reach seen in real documents is about 2,000.
SENTENCE_REACH = 3_000


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``: from the end of the last sentence end before ``pos`` (as found in
    ``text[:pos]``) to just past the first one at or after ``pos``, at most ``SENTENCE_REACH`` characters
    on either side.

    The sentence ends of ``text`` are found once and kept for the next call on the same string (by
    identity), so a page's figures cost one scan of the page, not one each."""
    ends = _sentence_ends(text)
    start, end = _start_before(text, pos, ends), _end_after(text, pos, ends)
    return max(start, pos - SENTENCE_REACH), min(end, pos + SENTENCE_REACH)


# The last text whose sentence ends were found, and their positions: the figures of a page (and the rules
# reading them) ask for the bounds of many positions of the same page text, one after another.
_last_ends: tuple[str, array] = ("", array("q"))


def _sentence_ends(text: str) -> array:
    """Positions of every ``_SENT_END`` match in ``text``, once per text."""
    global _last_ends
    cached, ends = _last_ends
    if cached is not text:
        ends = array("q", (m.start() for m in _SENT_END.finditer(text)))
        _last_ends = (text, ends)
    return ends


def _start_before(text: str, pos: int, ends: array) -> int:
    """What scanning ``text[:pos]`` for sentence ends gives: the end of the last match, or 0.

    A match of the whole text at ``i < pos - 1`` is one of ``text[:pos]`` unless its look-ahead reaches
    ``pos`` (a new line before a list mark cut at ``pos``); at ``pos - 1`` a full stop is an end in
    ``text[:pos]`` even when no blank follows.  Candidates are checked from the nearest one back."""
    if pos >= 1 and _SENT_END.match(text, pos - 1, pos):
        return pos
    k = bisect_left(ends, pos - 1)
    while k > 0:
        k -= 1
        m = _SENT_END.match(text, ends[k], pos)
        if m:
            return m.end()
    return 0


def _end_after(text: str, pos: int, ends: array) -> int:
    """Just past the first sentence end at or after ``pos``, or the end of the text."""
    k = bisect_left(ends, pos)
    return ends[k] + 1 if k < len(ends) else len(text)


# Characters after the blanks that follow a number that ``NOT_A_FIGURE_AFTER`` may read (its longest word and
# the character after it, for its \b).
_AFTER_WORD = 16
_BLANKS = re.compile(r"\s*")  # the blanks after a number


def _after(text: str, end: int) -> str:
    """``text[end:]`` as far as ``NOT_A_FIGURE_AFTER`` (anchored at its start) can read: the blanks and a
    word, so that matching it does not copy the rest of the page for every number."""
    return text[end : _BLANKS.match(text, end).end() + _AFTER_WORD]


class _Spans:
    """Spans of a page already taken by a figure: ``append((start, end))``, and ``free(s, e)`` is true when
    no span overlaps ``[s, e)``.  Spans come in runs of increasing starts (one run per pattern scanned), so
    each run keeps its starts and the running maximum of its ends, and ``free`` is a binary search per run,
    not a scan of every span taken."""

    def __init__(self) -> None:
        self.runs: list[tuple[list[int], list[int]]] = []  # (starts, max end so far), starts increasing

    def append(self, span: tuple[int, int]) -> None:
        start, end = span
        if not self.runs or start < self.runs[-1][0][-1]:
            self.runs.append(([], []))
        starts, max_ends = self.runs[-1]
        max_ends.append(max(end, max_ends[-1]) if max_ends else end)
        starts.append(start)

    def free(self, s: int, e: int) -> bool:
        for starts, max_ends in self.runs:
            k = bisect_left(starts, e) - 1  # the spans starting before e: does one end after s?
            if k >= 0 and max_ends[k] > s:
                return False
        return True


def _is_date_context(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 8) : start]
    after = text[end : end + 6]
    return bool(re.search(r"ngày\s*$|/\s*$|-\s*$", before) or re.match(r"^\s*[/-]\s*\d|^\s*năm\b", after))


def _is_list_ordinal(text: str, start: int, raw_num: str, unit: str) -> bool:
    """"1 Mô hình …" at the start of a line (an STT column or a numbered list):
    an ordinal.  Counts written at a line start keep their leading zero ("03 Hội nghị")."""
    line_start = start == 0 or text[start - 1] == "\n"
    return line_start and not raw_num.startswith("0") and unit[:1].isupper() and len(raw_num) <= 2


def _is_month_year(num: str, den: str) -> bool:
    """"12/2025", "7/2025": a month and a year, not a fraction."""
    return bool(re.fullmatch(r"\d{1,2}", num) and 1 <= int(num) <= 12 and re.fullmatch(r"(19|20)\d{2}", den))


def _unit_after(text: str, pos: int) -> tuple[str | None, int]:
    """The unit right after ``pos`` (spaces skipped) and where it ends."""
    m = re.compile(r"\s*").match(text, pos)
    p = m.end()
    u = rx.UNIT.match(text, p)
    if not u:
        return None, pos
    return u.group("unit"), u.end()


def find_figures(pages: list[Page]) -> list[Figure]:
    figures: list[Figure] = []
    for page in pages:
        text = page.text
        taken = _Spans()

        def free(s: int, e: int) -> bool:
            return taken.free(s, e)

        found: list[Figure] = []
        for m in rx.FRACTION.finditer(text):
            if _is_date_context(text, m.start(), m.end()):
                continue
            num, den = parse_number(m.group("num")), parse_number(m.group("den"))
            if den == 0 or _is_month_year(m.group("num"), m.group("den")):
                continue
            unit, uend = _unit_after(text, m.end())
            end = uend if unit else m.end()
            found.append(Figure(page.number, m.start(), end, text[m.start() : end], numerator=num, denominator=den,
                                unit=unit, kind="fraction"))
            taken.append((m.start(), m.end()))
        for m in rx.PERCENT.finditer(text):
            s = m.start("num")
            if not free(s, m.end()):
                continue
            start = m.start("qual") if m.group("qual") else s
            found.append(Figure(page.number, start, m.end(), text[start : m.end()], percent=parse_number(m.group("num")),
                                qualifier=m.group("qual").lower() if m.group("qual") else None, kind="percent",
                                decimals=_decimals(m.group("num"))))
            taken.append((s, m.end()))
        for m in rx.COUNT.finditer(text):
            s, e = m.start("num"), m.end("num")
            if not free(s, e):
                continue
            before = text[max(0, s - 30) : s]
            if rx.NOT_A_FIGURE_BEFORE.search(before) or rx.NOT_A_FIGURE_AFTER.match(_after(text, e)):
                continue
            if _is_date_context(text, s, e):
                continue
            unit, uend = _unit_after(text, e)
            if not unit:
                continue
            raw_num = m.group("num")
            if re.fullmatch(r"(19|20)\d{2}", raw_num) and unit not in MONEY_UNITS:
                continue  # a year
            if _is_list_ordinal(text, s, raw_num, unit):
                continue
            found.append(Figure(page.number, s, uend, text[s:uend], value=parse_number(raw_num), unit=unit,
                                kind="money" if unit in MONEY_UNITS else "count"))
            taken.append((s, uend))

        found.sort(key=lambda f: f.start)
        base = len(figures)
        for f in found:
            a, b = sentence_bounds(text, f.start)
            f.sentence = collapse(text[a:b])
            f.subject = _subject(text, f)
        _link_parts(text, found, base)
        _link_percents(text, found, base)
        figures.extend(found)
    return figures


def _subject(text: str, f: Figure) -> str | None:
    """A few words after the figure: what it is about ("được rà soát, đánh giá")."""
    tail = text[f.end : f.end + 80].split("\n")[0]
    tail = re.split(r"[;.()]", tail)[0]
    words = tail.split()
    return " ".join(words[:8]).strip(" ,") or None


def _link_parts(text: str, found: list[Figure], base: int) -> None:
    """Counts inside the parentheses right after a count are its parts."""
    starts = [f.start for f in found]
    close_at = -1
    for i, total in enumerate(found):
        if total.kind not in ("count", "money"):
            continue
        m = rx.PARTS_OPEN.match(text, total.end)
        if not m:
            continue
        open_pos = m.end() - 1
        if open_pos >= close_at:  # the ")" found for an earlier "(" serves until it is passed
            close_at = text.find(")", open_pos)
            close_at = len(text) if close_at == -1 else close_at
        close = close_at if close_at < len(text) else -1
        if close == -1:
            continue
        inside = range(bisect_right(starts, open_pos), bisect_left(starts, close))  # found is sorted by start
        parts = [j for j in inside if open_pos < found[j].start < close and found[j].kind == total.kind]
        if len(parts) >= 2:
            for j in parts:
                found[j].parent = base + i


def _link_percents(text: str, found: list[Figure], base: int) -> None:
    """A percentage stated in the same clause as a fraction, close to it, with
    no other figure in between, is that fraction's ratio."""
    for i, f in enumerate(found):
        if f.kind != "percent":
            continue
        best = None
        for j in (i - 1, i + 1):
            if 0 <= j < len(found) and found[j].kind == "fraction" and found[j].sentence == f.sentence:
                gap = text[min(f.end, found[j].end) : max(f.start, found[j].start)]
                if len(gap) <= 120 and not re.search(r";|\bvà\b", gap.replace("\n", " ")):
                    best = j
                    break
        if best is not None:
            f.parent = base + best

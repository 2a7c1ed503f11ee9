"""Figures in reports: counts with what they count ("46 văn bản QPPL"),
fractions ("197/197 TTHC"), percentages ("đạt 46,2%"), money.

Vietnamese number format: "1.234" is 1234, "46,2" is 46.2.  Dates, years,
document numbers, article numbers, ordinals and periods are never figures.

What a count counts is open: a known unit (``rx.UNIT``), scale words
("206,05 nghìn tỷ đồng") or any noun right after the number, found by the
part-of-speech tagger pyvi (its model ships with the package; only the few
words after a candidate number are tagged, and each phrase once per run).
Precision comes from exclusions: words before the number that make it a
reference or a name, words after it that make it a time, a period or an age,
function words the tagger may call nouns, names and headings, table cells
(a row's ordinal, a noun on the next line after another cell).  Ranges
("7,5 - 8%") give both ends; table cells wrapped after the slash
("9,49/" … "9,5") are paired back into fractions.
Each part inside the parentheses after a count gets ``parent`` set to that
count ("29 công chức (03 …; 25 …; 01 …)"), and a percentage stated with a
fraction in the same clause gets ``parent`` set to that fraction, so rules
can check sums and ratios.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import cache, lru_cache

from extract import regexes as rx
from rasoat.models import Figure, Page
from rasoat.vntext import collapse

MONEY_UNITS = {"tỷ đồng", "triệu đồng", "nghìn đồng", "ngàn đồng", "đồng", "USD", "tỷ", "triệu"}
# Currencies: a unit ending in one of these (after scale words, "nghìn tỷ đồng") is money.
CURRENCIES = ("đồng", "USD", "VNĐ", "VND")

# Open rule: a number followed by a noun is a count even when the noun is not in ``rx.UNIT_HEADS``.
# How many syllables after the number are given to the part-of-speech tagger (the noun and a little context).
OPEN_NOUN_SYLLABLES = 3
# Characters that end the noun of the open rule ("lần/tuần", "hồ sơ)").
OPEN_NOUN_STOPS = frozenset("/()[],;:.%“”\"")
# Phrases whose tagging is remembered (a few hundred distinct ones per 2 M characters of reports).
NOUN_CACHE_SIZE = 65536
# pyvi tags that make the first word a noun: common noun, classifier, unit, abbreviation.
NOUN_TAGS = frozenset({"N", "Nc", "Nu", "Ny"})
# Words the tagger reads as verbs that reports count as things ("12 khiếu nại", "3 ứng dụng"): a small lexicon.
COUNTED_VERB_NOUNS = frozenset(
    ["khiếu nại", "tố cáo", "giao dịch", "ứng dụng", "đề xuất", "góp ý", "vi phạm", "đăng ký", "kiến nghị",
     "phản ánh", "sáng kiến", "đề nghị", "yêu cầu", "thông báo", "tin nhắn", "cuộc gọi"]
)
# Tags a capitalised word needs to be what is counted ("03 Chi cục", "05 Tổ công tác"): a common noun or a classifier.
CAPITALISED_NOUN_TAGS = frozenset({"N", "Nc"})
# Classifiers and measure words that need the next word to say what is counted ("cuộc họp", "lớp tập huấn").
CLASSIFIERS = frozenset(
    "cái con chiếc bộ đợt lượt lần cuộc lớp buổi tổ đoàn nhóm loại mức phần khóa kỳ hạng".split()
)
# Words pyvi may tag as nouns after a bare number that never say what is counted: function words,
# position words, and the words of time and order that make a number a date, a period or a rank.
NOT_COUNT_NOUNS = frozenset(
    """của trên dưới và với là các những mọi được đã có cho trong ngoài tại theo từ đến tới về để do bởi như
    thì mà hoặc hay nhưng này đó kia ấy nào gì so sau trước giữa cùng vào ra lên xuống bị rất cũng còn chỉ
    nữa đều vẫn đang sẽ chưa không nay đây khi lúc bên cạnh phía cả tổng gồm thuộc tiếp thứ số điều khoản
    giờ phút giây ngày tuần tháng quý năm tăng giảm đạt chiếm""".split()
    + ["tổng số", "số lượng", "tỷ lệ", "tỉ lệ"]
)
# Running text before a number at a line end: a lower-case word (with its comma or colon) right before it.
PROSE_BEFORE = re.compile(r"(?<![^\W\d_])(?P<word>[^\W\d_]+)[,:]?[ \t]+$")
# Shortest noun the open rule accepts, in letters: one letter after a number is OCR debris or a variable ("3 x").
OPEN_NOUN_MIN_LETTERS = 2
# A line start "5 chế độ công 11,57/ 13,36/ …" with at least this many numbers after it is a table row: its first
# number is the row's ordinal (STT), not a count.
TABLE_ROW_NUMBERS = 2
# How many lines below a row of dangling numerators ("9,49/ 9,45/") their denominators may be printed.
DANGLING_LOOKAHEAD_LINES = 3


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
    """"1 Mô hình …" at the start of a line (an STT column or a numbered list), or "5 chế độ công 11,57/ …"
    (an STT cell before a row of figures): an ordinal.  Counts written at a line start keep their leading
    zero ("03 Hội nghị")."""
    line_start = start == 0 or text[start - 1] == "\n"
    if not line_start or raw_num.startswith("0") or not raw_num.isdigit():
        return False
    if unit[:1].isupper() and len(raw_num) <= 2:
        return True
    line_end = text.find("\n", start)
    rest = text[start + len(raw_num) : line_end if line_end != -1 else len(text)]
    return len(rx.TABLE_CELL_NUMBER.findall(rest)) >= TABLE_ROW_NUMBERS


def _is_month_year(num: str, den: str) -> bool:
    """"12/2025", "7/2025": a month and a year, not a fraction."""
    return bool(re.fullmatch(r"\d{1,2}", num) and 1 <= int(num) <= 12 and re.fullmatch(r"(19|20)\d{2}", den))


_SPACES = re.compile(r"\s*")
UNIT_WINDOW = 60  # characters after a number read for its unit


def _unit_after(text: str, pos: int, open_nouns: bool = True) -> tuple[str | None, int]:
    """What the number ending at ``pos`` counts and where that ends: scale words ("nghìn tỷ"), then a
    known unit (``rx.UNIT``) or, with ``open_nouns``, any noun the tagger finds; scale words alone are
    a unit too ("300 tỷ").  A number inside a table row does not take a word from the next line."""
    p = _SPACES.match(text, pos).end()
    if "\n" in text[pos:p] and not _prose_before(text, _number_start(text, pos)):
        return None, pos
    scale = rx.SCALE.match(text, p)
    if scale:
        after = _SPACES.match(text, scale.end()).end()
        unit, end = _head_unit(text, after, open_nouns)
        if unit:
            return f"{scale.group('scale')} {unit}", end
        return scale.group("scale"), scale.end()
    return _head_unit(text, p, open_nouns)


def _prose_before(text: str, start: int) -> bool:
    """Whether the number at ``start`` ends a line of running text ("… đạt 37,7" ⏎ "nghìn tỷ đồng"), so that a
    word on the next line may be what it counts.  A number alone on its line, after other numbers ("6,91 13")
    or after a capitalised cell ("Cái 30.000"), sits in a table: the next line is another cell."""
    m = PROSE_BEFORE.search(text, text.rfind("\n", 0, start) + 1, start)
    return bool(m and m.group("word")[0].islower())


def _number_start(text: str, end: int) -> int:
    """Where the number ending at ``end`` starts."""
    i = end
    while i > 0 and (text[i - 1].isdigit() or text[i - 1] in ".,"):
        i -= 1
    return i


def _head_unit(text: str, p: int, open_nouns: bool) -> tuple[str | None, int]:
    window = text[p : p + UNIT_WINDOW].replace("\n", " ")  # a unit broken over two lines ("Quyết\nđịnh")
    u = rx.UNIT.match(window)
    if u:
        return u.group("unit"), p + u.end()
    if open_nouns:
        return _open_noun(text, p)
    return None, p


def _open_noun(text: str, p: int) -> tuple[str | None, int]:
    """The noun starting at ``p`` when the tagger says it is one ("07 nội dung", "04 mức", "34 UBND")."""
    m = rx.NOUN_TAIL.match(text, p - 1) if p > 0 and text[p - 1].isspace() else None
    if not m:
        return None, p
    words = m.group("tail").split()[:OPEN_NOUN_SYLLABLES]
    first = words[0]
    capitalised = first[:1].isupper() and not (first.isupper() and len(first) >= 2)
    if capitalised:
        number_end = len(text[: m.start()].rstrip())
        if "\n" in text[number_end:p] or not _prose_before(text, _number_start(text, number_end)):
            return None, p  # after a cell, a line start or a line break: a heading or a name, not what is counted
        if rx.NAMED_PART_AFTER.match(text, m.start("tail") + len(first)):
            return None, p  # "02 Mục II", "6 Khóa XI": a part named by its number
    n_syllables = _noun_syllables(" ".join(words), proper=capitalised)
    if not n_syllables:
        return None, p
    end = m.start("tail")
    for _ in range(n_syllables):
        end = _SPACES.match(text, end).end()
        while end < len(text) and not text[end].isspace() and text[end] not in OPEN_NOUN_STOPS:
            end += 1
    return collapse(text[m.start("tail") : end]), end


@cache
def _tagger():
    from pyvi import ViPosTagger, ViTokenizer

    return ViTokenizer, ViPosTagger


@lru_cache(maxsize=NOUN_CACHE_SIZE)
def _noun_syllables(phrase: str, proper: bool = False) -> int:
    """How many syllables the noun opening ``phrase`` has (a classifier keeps the word after it:
    "cuộc họp"), or 0 when the phrase does not open with a noun.  Tagged after a numeral, as it stands.
    A capitalised word (``proper``) counts only as a common noun ("05 Tổ công tác"), not as a name ("Hà Nội")."""
    tokenizer, tagger = _tagger()
    tokens, tags = tagger.postagging(tokenizer.tokenize("5 " + phrase))
    if len(tokens) < 2:
        return 0
    word = tokens[1].replace("_", " ").lower()
    if word in NOT_COUNT_NOUNS or len(tokens[1]) < OPEN_NOUN_MIN_LETTERS:
        return 0
    if tags[1] not in NOUN_TAGS and word not in COUNTED_VERB_NOUNS:
        return 0
    if proper and tags[1] not in CAPITALISED_NOUN_TAGS:
        return 0
    n = tokens[1].count("_") + 1
    if (tokens[1].lower() in CLASSIFIERS and len(tokens) > 2 and tags[2][:1] in ("N", "V")
            and tokens[2].replace("_", " ").lower() not in NOT_COUNT_NOUNS):
        n += tokens[2].count("_") + 1
    return n


def find_figures(pages: list[Page]) -> list[Figure]:
    figures: list[Figure] = []
    for page in pages:
        text = page.text
        taken = _Spans()
        free = taken.free  # this page's spans: a bound method, not a closure over the loop variable

        found: list[Figure] = []
        for s, e, num, den in _dangling_fractions(text):
            found.append(Figure(page.number, s, e, text[s:e], numerator=num, denominator=den, kind="fraction"))
            taken.append((s, e))
        for m in rx.FRACTION_OF_COUNTS.finditer(text):
            if not free(m.start(), m.end()) or _not_a_figure(text, m.start(), m.end("num"), m.group("num")):
                continue
            num, den = parse_number(m.group("num")), parse_number(m.group("den"))
            if den == 0:
                continue
            found.append(Figure(page.number, m.start(), m.end(), text[m.start() : m.end()], numerator=num,
                                denominator=den, unit=collapse(m.group("unit")), kind="fraction"))
            taken.append((m.start(), m.end()))
        for m in rx.FRACTION.finditer(text):
            if not free(m.start(), m.end()) or _is_date_context(text, m.start(), m.end()):
                continue
            if "\n" in m.group() and re.match(r"[ \t]?%", text[m.end() : m.end() + 2]):
                continue  # "10,4/" ⏎ "71,3% …": a wrapped table cell above the next row's percentage
            num, den = parse_number(m.group("num")), parse_number(m.group("den"))
            if den == 0 or _is_month_year(m.group("num"), m.group("den")) or _is_cited_number(text, m):
                continue
            unit, uend = _unit_after(text, m.end(), open_nouns=False)
            end = uend if unit else m.end()
            found.append(Figure(page.number, m.start(), end, text[m.start() : end], numerator=num, denominator=den,
                                unit=unit, kind="fraction"))
            taken.append((m.start(), m.end()))
        for m in rx.RANGE.finditer(text):
            found.extend(_range(page.number, text, m, free, taken))
        for m in rx.PERCENT.finditer(text):
            s = m.start("num")
            if not free(s, m.end()):
                continue
            window = max(0, s - rx.PERCENT_QUALIFIER_WINDOW)
            q = rx.PERCENT_QUALIFIER.search(text, window, s)
            start = q.start("qual") if q else s
            found.append(Figure(page.number, start, m.end(), text[start : m.end()],
                                percent=parse_number(m.group("num")), qualifier=q.group("qual").lower() if q else None,
                                kind="percent", decimals=_decimals(m.group("num"))))
            taken.append((s, m.end()))
        for m in rx.COUNT.finditer(text):
            s, e = m.start("num"), m.end("num")
            if not free(s, e):
                continue
            raw_num = m.group("num")
            if _not_a_figure(text, s, e, raw_num):
                continue
            unit, uend = _unit_after(text, e)
            if not unit:
                continue
            if _is_year(raw_num) and not _is_money(unit):
                continue  # a year
            if _is_list_ordinal(text, s, raw_num, unit):
                continue
            found.append(Figure(page.number, s, uend, text[s:uend], value=parse_number(raw_num), unit=unit,
                                kind="money" if _is_money(unit) else "count"))
            taken.append((s, uend))

        found.sort(key=lambda f: f.start)
        base = len(figures)
        for f in found:
            a, b = sentence_bounds(text, f.start)
            f.sentence = collapse(text[a:b])
            f.subject = _subject(text, f)
        _link_parts(text, found, base)
        _link_percents(page, found, base)
        figures.extend(found)
    return figures


def _is_cited_number(text: str, m: re.Match) -> bool:
    """"2024/2025" (a school or budget year) and "Nghị định số 15/2020" (a number and its year, the symbol left
    out): a year after the slash with a year or a cited document before it."""
    if not _is_year(m.group("den")):
        return False
    before = text[max(0, m.start() - 40) : m.start()]
    return _is_year(m.group("num")) or bool(rx.CITED_TYPE.search(before) or re.search(r"\b[Ss]ố\s*:?\s*$", before))


def _is_year(raw_num: str) -> bool:
    return bool(re.fullmatch(r"(19|20)\d{2}", raw_num))


def _is_money(unit: str) -> bool:
    return unit in MONEY_UNITS or unit.endswith(CURRENCIES) or bool(rx.SCALE.fullmatch(unit))


def _not_a_figure(text: str, s: int, e: int, raw_num: str) -> bool:
    """The number at ``s:e`` is a reference, a name, a date part, a time or a period, never a figure."""
    before = rx.ENUMERATED_BEFORE.sub("", text[max(0, s - 40) : s])  # "Phụ lục 1, 2 …" names the 2 as well
    return bool(
        rx.NOT_A_FIGURE_BEFORE.search(before)
        or rx.NOT_A_FIGURE_AFTER.match(text[e : e + 12])
        or _is_date_context(text, s, e)
    )


def _range(page: int, text: str, m: re.Match, free, taken: list[tuple[int, int]]) -> list[Figure]:
    """Both ends of a range "7,5 - 8%", "708 - 710 nghìn tỷ đồng": each a figure of what the high end measures."""
    lo, hi = m.group("lo"), m.group("hi")
    s, hs = m.start("lo"), m.start("hi")
    he = hs + len(hi)
    if not free(s, he) or _is_year(lo) or _is_year(hi) or rx.NOT_A_FIGURE_BEFORE.search(text[max(0, s - 30) : s]):
        return []
    if re.search(r"ngày\s*$|[/-]\s*$", text[max(0, s - 8) : s]) or re.match(r"\s*[/-]\s*\d", text[he : he + 6]):
        return []  # a part of a date "12-15/3", "19-8-2025"
    pct = re.compile(r"[ \t]?%").match(text, he)
    if pct:
        end = pct.end()
        out = [Figure(page, s, end, text[s:end], percent=parse_number(n), kind="percent", decimals=_decimals(n))
               for n in (lo, hi)]
    else:
        unit, end = _unit_after(text, he)
        if not unit or rx.NOT_A_FIGURE_AFTER.match(text[he : he + 12]):
            return []
        kind = "money" if _is_money(unit) else "count"
        out = [Figure(page, s, end, text[s:end], value=parse_number(n), unit=unit, kind=kind) for n in (lo, hi)]
    taken.append((s, end))
    return out


def _dangling_fractions(text: str) -> list[tuple[int, int, float, float]]:
    """Fractions of a table whose cells wrapped after the slash: a line of numerators "9,49/ 9,45/ 9,43/"
    and, at most ``DANGLING_LOOKAHEAD_LINES`` lines below, a line ending in as many bare numbers
    ("… 9,5 9,5 9,5"), paired in order.  Kept only when every numerator is at most its denominator
    (scores against a maximum, parts of a whole).  Span: the numerator and its slash."""
    out: list[tuple[int, int, float, float]] = []
    lines = list(re.finditer(r"[^\n]*", text))
    lines = [ln for ln in lines if ln.start() == 0 or text[ln.start() - 1] == "\n"]
    for i, line in enumerate(lines):
        nums = list(rx.DANGLING_NUMERATOR.finditer(text, line.start(), line.end()))
        if not nums:
            continue
        for below in lines[i + 1 : i + 1 + DANGLING_LOOKAHEAD_LINES]:
            cells = below.group().split()
            run = 0
            while run < len(cells) and rx.NUMBER_TOKEN.fullmatch(cells[len(cells) - 1 - run]):
                run += 1
            if run != len(nums) or (run < len(cells) and not cells[len(cells) - 1 - run][-1:].isalpha()):
                continue
            dens = [parse_number(c) for c in cells[len(cells) - run :]]
            pairs = [(parse_number(n.group("num")), d) for n, d in zip(nums, dens, strict=True)]
            if all(d > 0 and 0 <= n <= d for n, d in pairs):
                out.extend((n.start(), n.end(), a, d) for n, (a, d) in zip(nums, pairs, strict=True))
            break
    return out


def _subject(text: str, f: Figure) -> str | None:
    """A few words after the figure: what it is about ("được rà soát, đánh giá")."""
    tail = text[f.end : f.end + 80].split("\n")[0]
    tail = re.split(r"[;.()]", tail)[0]
    words = tail.split()
    return " ".join(words[:8]).strip(" ,") or None


# A table row as the text layer prints it: a line where at least TABLE_LINE_NUMBERS words are numbers (counts,
# fractions, percentages) and they make up at least TABLE_LINE_SHARE of its words ("tục hành 92,1% 55/63 98,8%").
TABLE_LINE_NUMBERS = 3
TABLE_LINE_SHARE = 0.4
TABLE_LINE_BARS = 2  # a line with this many " | " cell separators is a table row
# A word that is a number, a fraction or a percentage, with the brackets or punctuation around it.
_NUMERIC_WORD = re.compile(r"[(\[]?[\d.,/%]*\d[\d.,/%]*[)\];,]?")
# Breakdowns that open after a total: parentheses (across line breaks), or a list after "trong đó", "gồm", "bao gồm".
_PARTS_PAREN = re.compile(r"[^()\n.;]{0,80}?(?:\n[^()\n.;]{0,80}?)?\(")
_PARTS_LIST = re.compile(r"[^()\n.;\d]{0,60}?(?:,\s*|\s)(?:trong\s+đó|bao\s+gồm|gồm)\s*(?:có\s+)?:?", re.I)
# Where a breakdown list ends: a full stop not followed by another bullet of the list, a blank line, a new section.
_LIST_END = re.compile(r"\.(?=\s*\n(?![-–•+]\s))|\.(?=\s+[A-ZĐ])|\.\s*$|\n\s*\n|\n(?=\d{1,2}\.\s|[IVX]+\.\s)")
DEFAULT_LIST_CHARS = 600  # at most this many characters of a "trong đó" list are read as its parts
DEFAULT_LINK_GAP = 150  # at most this many characters between a fraction and the percentage stated as its ratio


def is_table_line(text: str, pos: int) -> bool:
    """Is the line holding ``pos`` a row of a table (cells of numbers) rather than a sentence?"""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    line = text[a : b if b != -1 else len(text)]
    if line.count(" | ") >= TABLE_LINE_BARS:
        return True  # cells as the Word reader prints them
    words = line.split()
    nums = sum(1 for w in words if _NUMERIC_WORD.fullmatch(w))
    return nums >= TABLE_LINE_NUMBERS and nums >= TABLE_LINE_SHARE * len(words)


def beside_number(text: str, f: Figure) -> bool:
    """Does another number stand right beside ``f`` on its line, with only spaces between ("15,38 14/34",
    "62/63 83,0%")?  Then both are cells of a table row, whatever the rest of the line holds."""
    before = text[max(0, f.start - 20) : f.start]
    after = text[f.end : f.end + 20]
    return bool(re.search(r"\d[\d.,/%]*[ \t|]+$", before) or re.match(r"[ \t|]+[\d][\d.,/]*(?:[ \t]|%|$)", after))


def _number_of(raw: str) -> str:
    m = re.search(r"\d[\d.,]*", raw)
    return m.group(0).rstrip(".,") if m else raw


def in_table_row(page: Page, a: Figure, b: Figure) -> bool:
    """Are ``a`` and ``b`` in two cells of one row of a table that ingest read (``Page.tables``)?"""
    na, nb = _number_of(a.raw), _number_of(b.raw)
    for table in page.tables:
        for row in table:
            cells = [c or "" for c in row]
            ia = [k for k, c in enumerate(cells) if na in c]
            ib = [k for k, c in enumerate(cells) if nb in c]
            if ia and ib and not set(ia) & set(ib):
                return True
    return False


def _link_parts(text: str, found: list[Figure], base: int) -> None:
    """Counts inside the parentheses after a count (on its line or the next), or in the "trong đó" / "gồm" list
    after it (across line breaks, semicolons and bullets, to the end of the list), are its parts.  The two ends
    of a range (two figures on one span, "295 - 300 nghìn tỷ đồng (18 - 19 tỷ USD)") are neither a total nor
    parts.  ``found`` is sorted by start: the figures between two places are found by binary search."""
    spans = Counter((f.start, f.end) for f in found)
    starts = [f.start for f in found]
    close_at = -1
    for i, total in enumerate(found):
        if total.kind not in ("count", "money") or total.parent is not None or spans[(total.start, total.end)] > 1:
            continue
        m = _PARTS_PAREN.match(text, total.end)
        if m:
            open_pos = m.end() - 1
            if open_pos >= close_at:  # the ")" found for an earlier "(" serves until it is passed
                close_at = text.find(")", open_pos)
                close_at = len(text) if close_at == -1 else close_at
            close = close_at if close_at < len(text) else -1
        else:
            m = _PARTS_LIST.match(text, total.end)
            if not m:
                continue
            open_pos = m.end()
            le = _LIST_END.search(text, open_pos, open_pos + DEFAULT_LIST_CHARS)
            close = le.start() if le else -1
        if close == -1 or bisect_left(starts, total.end) < bisect_left(starts, open_pos):
            continue  # another figure stands between: the breakdown is that one's
        inside = range(bisect_right(starts, open_pos), bisect_left(starts, close))
        parts = [j for j in inside if found[j].kind == total.kind and found[j].parent is None and j != i
                 and spans[(found[j].start, found[j].end)] == 1 and _depth(text, open_pos + 1, found[j].start) == 0]
        if not m.group(0).endswith("("):
            parts = _first_per_item(text, found, parts, open_pos)
        if len(parts) >= 2:
            for j in parts:
                found[j].parent = base + i


# Where an item of a "trong đó" list starts: a new bullet line, or after a semicolon.
_ITEM_START = re.compile(r"\n\s*[-–•+]\s|;")


def _first_per_item(text: str, found: list[Figure], parts: list[int], open_pos: int) -> list[int]:
    """Of the figures in a list, the first of each item: the others in an item are details of that part
    ("+ Dự toán chi đầu tư 22.143 tỷ đồng …, đã giải ngân được 9.400 tỷ đồng")."""
    out, last_item = [], None
    for j in parts:
        item = sum(1 for m in _ITEM_START.finditer(text, open_pos, found[j].start)
                   if _depth(text, open_pos, m.start()) == 0)  # a ";" inside parentheses splits a sub-breakdown
        if item != last_item:
            out.append(j)
            last_item = item
    return out


def _depth(text: str, a: int, b: int) -> int:
    """How many parentheses opened in ``text[a:b]`` are still open at ``b`` (a sub-breakdown's parts)."""
    return text.count("(", a, b) - text.count(")", a, b)


def _link_percents(page: Page, found: list[Figure], base: int) -> None:
    """A percentage is linked to the nearest fraction before it in the same clause of prose (no ";", no new
    bullet, no "và", no other fraction between them, at most DEFAULT_LINK_GAP characters), or to a fraction
    in the parentheses right after it ("đạt 95% (57/60 hồ sơ)").  Not when either stands in a table row (a line
    of numbers, or two cells of one row of ``Page.tables``): cells of a row are not a ratio and its fraction."""
    text = page.text
    for i, f in enumerate(found):
        if f.kind != "percent":
            continue
        if f.qualifier is None and _unit_after(text, f.end)[0]:
            continue  # "100% TTHC triển khai …": a percentage as the quantifier of a new clause, not a ratio
        best = None
        for j in range(i - 1, -1, -1):
            g = found[j]
            if g.sentence != f.sentence or g.end > f.start:
                break
            if g.kind != "fraction":
                continue
            gap = text[g.end : f.start]
            aside = ")" in gap and "(" not in gap  # "(14/15 đơn vị)\nChỉ số … đạt 84,10%": an aside, closed
            wrapped_cell = g.raw.endswith("/")  # "9,49/" … "9,5": cells in the text layer's order, not a ratio
            if (len(gap) <= DEFAULT_LINK_GAP and not aside and not wrapped_cell
                    and not re.search(r";|\bvà\b|\n\s*[-–•+]\s", gap)):
                best = j
            break
        if best is None and i + 1 < len(found) and found[i + 1].kind == "fraction":
            g = found[i + 1]
            if re.fullmatch(r"\s*\(\s*(?:[^\W\d_]+\s+){0,3}", text[f.end : g.start]):
                best = i + 1
        if best is None:
            continue
        g = found[best]
        if is_table_line(text, f.start) or is_table_line(text, g.start) or in_table_row(page, f, g) \
                or beside_number(text, f) or beside_number(text, g):
            continue
        f.parent = base + best

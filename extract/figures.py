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


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in _SENT_END.finditer(text, 0, pos):
        start = m.end()
    m = _SENT_END.search(text, pos)
    end = m.start() + 1 if m else len(text)
    return start, end


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


UNIT_WINDOW = 60  # characters after a number read for its unit


def _unit_after(text: str, pos: int) -> tuple[str | None, int]:
    """The unit right after ``pos`` (spaces skipped) and where it ends."""
    m = re.compile(r"\s*").match(text, pos)
    p = m.end()
    window = text[p : p + UNIT_WINDOW].replace("\n", " ")  # a unit broken over two lines ("Quyết\nđịnh")
    u = rx.UNIT.match(window)
    if not u:
        return None, pos
    return u.group("unit"), p + u.end()


def find_figures(pages: list[Page]) -> list[Figure]:
    figures: list[Figure] = []
    for page in pages:
        text = page.text
        taken: list[tuple[int, int]] = []

        def free(s: int, e: int) -> bool:
            return all(e <= a or s >= b for a, b in taken)

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
            if rx.NOT_A_FIGURE_BEFORE.search(before) or rx.NOT_A_FIGURE_AFTER.match(text[e:]):
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
        _link_percents(page, found, base)
        figures.extend(found)
    return figures


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
    after it (across line breaks, semicolons and bullets, to the end of the list), are its parts."""
    for i, total in enumerate(found):
        if total.kind not in ("count", "money") or total.parent is not None:
            continue
        m = _PARTS_PAREN.match(text, total.end)
        if m:
            open_pos = m.end() - 1
            close = text.find(")", open_pos)
        else:
            m = _PARTS_LIST.match(text, total.end)
            if not m:
                continue
            open_pos = m.end()
            le = _LIST_END.search(text, open_pos, open_pos + DEFAULT_LIST_CHARS)
            close = le.start() if le else -1
        if close == -1 or any(total.end <= f.start < open_pos for f in found):
            continue  # another figure stands between: the breakdown is that one's
        parts = [j for j, f in enumerate(found) if open_pos < f.start < close and f.kind == total.kind
                 and f.parent is None and j != i and _depth(text, open_pos + 1, f.start) == 0]
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
            if len(gap) <= DEFAULT_LINK_GAP and not aside and not re.search(r";|\bvà\b|\n\s*[-–•+]\s", gap):
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

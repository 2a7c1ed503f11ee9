"""Rules on the figures of reports (báo cáo): ratios, shares, sums.

Legal basis: the duty of accuracy of reported data — Nghị định 09/2019/NĐ-CP
quy định về chế độ báo cáo của cơ quan hành chính nhà nước, Điều 4 (nguyên
tắc: thông tin, số liệu báo cáo đầy đủ, chính xác).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict

from extract import sentence_bounds
from rasoat.vntext import collapse, fold
from rules.base import finding, rule
from rules.context import ocr_tolerant

BASIS = "NĐ 09/2019/NĐ-CP, Điều 4 (số liệu báo cáo phải chính xác, thống nhất)"


def _fmt(x: float) -> str:
    s = f"{x:,.2f}".rstrip("0").rstrip(".")
    return s.replace(",", "␣").replace(".", ",").replace("␣", ".")


def _span(f):
    return dict(page=f.page, start=f.start, end=f.end)


# Words around a percentage that make it a target or a plan, not the ratio of the fraction beside it
# ("chỉ tiêu đề ra là tối thiểu 20%", "hoàn thành 100% kế hoạch").
# A hypothesis ("trường hợp đạt 100% thì …", "nếu đạt 90%") is no statement of the ratio either.
_TARGET_BEFORE = re.compile(r"(?:chỉ\s+tiêu|tối\s+thiểu|tối\s+đa|mục\s+tiêu|phấn\s+đấu|ít\s+nhất|yêu\s+cầu\s+là|"
                            r"trường\s+hợp|\bnếu|\bkhi)[^.;%]{0,25}$", re.I)  # no other percentage between
_TARGET_AFTER = re.compile(r"^\s*(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu)", re.I)


def _page_text(doc, page: int | None) -> str:
    return doc.source.pages[page - 1].text if doc.source.pages and page and page <= len(doc.source.pages) else ""


# Qualifiers that make a percentage a bound or an estimate, not the ratio itself ("trên 50%", "khoảng 46%").
_BOUND_QUALIFIERS = {"trên", "dưới", "hơn", "gần", "khoảng", "xấp xỉ", "tới", "lên", "đến"}
# Words right before a percentage that make it the bound of a class ("đạt từ 80%", "từ 65% đến dưới 80%").
_BOUND_BEFORE = re.compile(r"(?:\btừ|\bđến|\bkhông\s+quá|\bít\s+hơn|\bnhiều\s+hơn)\s*$", re.I)
# ... and right after it ("80% trở lên", "65% đến dưới 80%").
_BOUND_AFTER = re.compile(r"^\s*(?:trở\s+lên|trở\s+xuống|đến\s+dưới|đến\s+\d)", re.I)


def _is_ratio_of(doc, p, fr) -> bool:
    """Is the percentage ``p`` (linked to the fraction ``fr`` by extraction, which leaves out table rows) stated
    as its ratio?  Not when it is a bound ("từ 80% trở lên", "trên 50%"), a target or a share of a plan."""
    text = _page_text(doc, p.page)
    if p.page != fr.page:
        return False
    if not text:
        return True
    if (p.qualifier or "") in _BOUND_QUALIFIERS:
        return False
    before, after = text[max(0, p.start - 60) : p.start], text[p.end : p.end + 20]
    return not (_TARGET_BEFORE.search(before) or _TARGET_AFTER.match(after) or _BOUND_BEFORE.search(before)
                or _BOUND_AFTER.match(after))


def _half_unit(number: str) -> float:
    """Half a unit of the last printed digit of a decimal number ("12,15" → 0,005); 0 for a whole number."""
    d = len(number.partition(",")[2])
    return 0.5 * 10 ** (-d) if d else 0.0


def _agrees(fr, p) -> bool:
    """The printed percentage is the ratio as printed: rounded, cut or rounded up to its printed decimals, the
    terms of the fraction themselves taken as rounded to their printed decimals ("12,15/15 điểm, đạt 80,998%")."""
    m = re.match(r"\s*([\d.,]+)\s?/\s?([\d.,]+)", fr.raw)
    hn, hd = (_half_unit(m.group(1)), _half_unit(m.group(2))) if m else (0.0, 0.0)
    low = (fr.numerator - hn) / (fr.denominator + hd) * 100
    high = (fr.numerator + hn) / max(fr.denominator - hd, 1e-9) * 100
    slack = 10 ** (-p.decimals) + 1e-9
    return low - slack < p.percent < high + slack


def _printed(x: float, decimals: int) -> str:
    """``x`` printed with ``decimals`` decimals, the Vietnamese way ("33,64")."""
    return f"{x:.{decimals}f}".replace(".", ",")


@rule("FIG001", "Tỷ lệ phần trăm không khớp với phân số đi kèm", "Số liệu", "error", BASIS,
      fix="Tính lại tỷ lệ bằng tử số chia mẫu số nhân 100 rồi sửa tỷ lệ hoặc sửa phân số cho khớp.")
@ocr_tolerant  # digits read by OCR may be the recogniser's
def percent_disagrees_with_fraction(doc):
    figs = doc.extraction.figures
    by_fraction: dict[int, list] = defaultdict(list)
    for p in figs:
        if p.kind == "percent" and p.parent is not None and figs[p.parent].denominator \
                and _is_ratio_of(doc, p, figs[p.parent]):
            by_fraction[p.parent].append(p)
    for i, percents in by_fraction.items():
        fr = figs[i]
        if any(_agrees(fr, p) for p in percents):
            continue  # one percentage beside it is its ratio; the others are about something else
        after = [p for p in percents if p.start > fr.start] or percents
        actual = fr.numerator / fr.denominator * 100
        for p in after:
            right = _printed(actual, max(p.decimals, 0))
            yield finding(
                f"{fr.raw}: {_fmt(fr.numerator)} ÷ {_fmt(fr.denominator)} × 100 = {_fmt(actual)}%, "
                f"nhưng văn bản ghi {p.raw}",
                evidence=p.sentence or f"{fr.raw} … {p.raw}",
                fix=f"Sửa tỷ lệ thành {right}% (làm tròn đến {p.decimals} chữ số thập phân như bản in), hoặc kiểm "
                    f"tra lại tử số {_fmt(fr.numerator)} và mẫu số {_fmt(fr.denominator)} nếu tỷ lệ đúng.",
                **_span(p),
            )


@rule("FIG002", "Tử số lớn hơn mẫu số (số đạt vượt tổng số)", "Số liệu", "error", BASIS,
      fix="Kiểm tra lại tử số và mẫu số: số đạt (số hoàn thành) không thể lớn hơn tổng số.")
@ocr_tolerant  # digits read by OCR may be the recogniser's
def numerator_exceeds_denominator(doc):
    for f in doc.extraction.figures:
        if f.kind == "fraction" and f.denominator and f.numerator > f.denominator and f.denominator not in (10, 100):
            yield finding(f"{f.raw}: tử số {_fmt(f.numerator)} lớn hơn mẫu số {_fmt(f.denominator)}",
                          evidence=f.sentence or f.raw, **_span(f))


@rule("FIG003", "Tỷ lệ phần trăm vượt quá 100% ở chỗ là một tỷ lệ phần", "Số liệu", "warning", BASIS,
      fix="Kiểm tra lại tỷ lệ: tỷ lệ một phần trên tổng thể không vượt quá 100%; nếu là mức tăng hoặc so sánh "
          "thì ghi rõ.")
@ocr_tolerant  # digits read by OCR may be the recogniser's
def share_over_hundred(doc):
    growth = ("tăng", "giảm", "so với", "bằng")
    for f in doc.extraction.figures:
        if f.kind == "percent" and f.percent > 100:
            if (f.qualifier or "") in growth or any(w in (f.sentence or "") for w in ("tăng", "so với", "so cùng kỳ")):
                continue
            text = _page_text(doc, f.page)
            if text and (_TARGET_BEFORE.search(text[max(0, f.start - 60) : f.start])
                         or _BOUND_BEFORE.search(text[max(0, f.start - 30) : f.start])):
                continue  # a bound or a rate set by law ("tối thiểu là 200%"), not a share
            m = re.match(r"\D*(\d{1,3})\.(\d{3})\s?%", f.raw)
            hint = f" (có thể gõ nhầm dấu chấm thay dấu phẩy thập phân: {m.group(1)},{m.group(2)}%)" if m else ""
            yield finding(f"{f.raw}: tỷ lệ một phần trên tổng thể không thể vượt 100%{hint}",
                          evidence=f.sentence or f.raw, **_span(f))


def _breakdown_text(doc, total, parts) -> tuple[str, bool]:
    """The text of the breakdown after ``total`` (from the total's end to its last part's end, or to the closing
    parenthesis) and whether it is in parentheses."""
    text = _page_text(doc, total.page)
    if not text or total.end is None or not parts:
        return "", False
    first = min(p.start for p in parts)
    open_pos = text.find("(", total.end, first)
    if open_pos != -1 and ")" not in text[open_pos:first]:
        close = text.find(")", first)
        return text[open_pos + 1 : close if close != -1 else max(p.end for p in parts)], True
    return text[total.end : max(p.end for p in parts)], False


# The count an item of a breakdown starts with: a whole number followed by a word ("12 Ủy ban nhân dân huyện").
_ITEM_NUMBER = re.compile(r"\s*(?:có\s+)?(\d{1,3}(?:\.\d{3})+|\d+)\s+[^\W\d_]")
# Parentheses opening right after a count, with no other number before them.
_PAREN_AFTER = re.compile(r"[^()\n.;\d]{0,60}?\(")


def _item_values(inner: str) -> list[float | None]:
    """The count each item of a parenthesised breakdown starts with ("(20 sở; 12 UBND huyện; 03 tổ chức)" →
    20, 12, 3); None for an item that does not start with one."""
    items = inner.split(";") if ";" in inner else inner.split(",")
    out: list[float | None] = []
    for it in items:
        m = _ITEM_NUMBER.match(it)
        out.append(float(m.group(1).replace(".", "")) if m else None)
    return out


def _unread_breakdown(doc, children, total) -> list[float] | None:
    """The counts of a parenthesised breakdown after ``total`` whose parts extraction did not read as figures
    ("27 cơ quan (08 sở, ban, ngành; 05 Ủy ban nhân dân cấp huyện; 14 Ủy ban nhân dân cấp xã)"): every item
    must start with a count, else None."""
    text = _page_text(doc, total.page)
    if total.kind != "count" or not text or total.end is None:
        return None
    m = _PAREN_AFTER.match(text, total.end)
    if not m or children:  # extraction linked parts of its own
        return None
    close = text.find(")", m.end())
    inner = text[m.end() : close] if close != -1 else ""
    if not inner or "(" in inner or ";" not in inner or re.match(r"\s*trong\s+(?:đó|số\s+đó)\b", inner, re.I):
        return None
    values = _item_values(inner)
    return values if len(values) >= 2 and None not in values else None


def _printed_decimals(raw: str) -> int:
    m = re.search(r"\d[\d.]*(?:,(\d+))?", raw)
    return len(m.group(1)) if m and m.group(1) else 0


def _partial(inner: str, paren: bool) -> bool:
    """A breakdown introduced by "trong đó" names some parts, not necessarily all."""
    return re.search(r"^\s*(?:,\s*)?[^\d]{0,40}?\btrong\s+(?:đó|số\s+đó)\b", inner if paren else inner[:80],
                     re.I) is not None


# How far before a total a figure may end and still be the other half of "09 sở … và 26 xã" (characters).
AND_TOTAL_WINDOW = 200


def _figures_ending_before(figs):
    """``near(total)``: the figures of the total's page that end in the ``AND_TOTAL_WINDOW`` characters
    before it (and perhaps a few more), found by binary search over the figures' ends, page by page."""
    by_page: dict[int, tuple[list[int], list]] = {}
    for f in sorted((f for f in figs if f.end is not None), key=lambda f: (f.page, f.end)):
        ends, found = by_page.setdefault(f.page, ([], []))
        ends.append(f.end)
        found.append(f)

    def near(total):
        ends, found = by_page.get(total.page, ((), ()))
        return found[bisect_right(ends, total.start - AND_TOTAL_WINDOW) : bisect_right(ends, total.start)]

    return near


def _explained(doc, before_total, total, parts, s: float) -> bool:
    """Reasons a breakdown that does not add up is not a contradiction: rounded amounts of money (each part
    rounded to its printed digits); a breakdown of two counts joined by "và" ("09 sở … và 26 xã … (trong đó 33
    …; 02 …)" describes all 35)."""
    diff = abs(s - total.value)
    if total.kind == "money":
        d = max(_printed_decimals(f.raw) for f in [total, *parts])
        if diff <= 0.5 * len(parts) * 10 ** (-d) + 1e-9:
            return True
    text = _page_text(doc, total.page)
    for prev in before_total(total):
        if prev.kind == total.kind and prev.page == total.page and prev.end is not None and prev.end <= total.start \
                and total.start - prev.end < AND_TOTAL_WINDOW and re.search(r"\bvà\b", text[prev.end : total.start]) \
                and prev.value is not None and abs(s - (total.value + prev.value)) < 1e-6:
            return True
    return False


@rule("FIG004", "Các thành phần không cộng lại bằng tổng số", "Số liệu", "error", BASIS,
      fix="Cộng lại các thành phần và sửa thành phần sai hoặc sửa tổng số cho khớp.")
@ocr_tolerant  # digits read by OCR may be the recogniser's
def parts_do_not_add_up(doc):
    figs = doc.extraction.figures
    children: dict[int, list] = defaultdict(list)  # figure index → the figures that name it as parent
    for f in figs:
        if f.parent is not None:
            children[f.parent].append(f)
    before_total = _figures_ending_before(figs)
    for i, total in enumerate(figs):
        parts = [f for f in children.get(i, ()) if f.kind == total.kind]
        if total.value is None:
            continue
        if len(parts) < 2:
            unread = _unread_breakdown(doc, children.get(i, ()), total) if not parts else None
            if unread is None or abs(sum(unread) - total.value) <= 1e-6:
                continue
            terms = " + ".join(_fmt(v) for v in unread)
            yield finding(
                f"{total.raw}: các thành phần cộng lại {terms} = {_fmt(sum(unread))}, khác tổng số "
                f"{_fmt(total.value)}", evidence=total.sentence or total.raw,
                fix=f"Cộng lại các thành phần ({terms}) rồi sửa tổng số hoặc sửa thành phần sai cho khớp.",
                page=total.page, start=total.start, end=_page_text(doc, total.page).find(")", total.end) + 1)
            continue
        inner, paren = _breakdown_text(doc, total, parts)
        values = [p.value or 0 for p in parts]
        if paren:
            items = _item_values(inner)
            if len(items) > len(parts):
                if None in items or total.kind != "count":
                    continue  # an item without a count of its own: the sum cannot be read
                values = items  # a part extraction did not read as a figure ("12 Ủy ban nhân dân huyện")
        s = sum(values)
        if abs(s - total.value) <= 1e-6 or _explained(doc, before_total, total, parts, s):
            continue
        partial = _partial(inner, paren)
        if partial and s < total.value:
            continue  # "trong đó" names some of the parts
        terms = " + ".join(_fmt(v) for v in values)
        yield finding(
            f"{total.raw}: các thành phần cộng lại {terms} = {_fmt(s)}, khác tổng số {_fmt(total.value)} "
            f"(chênh {_fmt(abs(s - total.value))})",
            evidence=total.sentence or total.raw,
            fix=f"Cộng lại {len(values)} thành phần ({terms} = {_fmt(s)}) rồi sửa tổng số thành {_fmt(s)}, hoặc "
                f"sửa thành phần sai để tổng bằng {_fmt(total.value)}.",
            page=total.page, start=total.start, end=max([total.end, *(p.end for p in parts)]),
        )


# Sentence openings that refer back to the sentence before ("Qua đó, đã hỗ trợ 3.418 hồ sơ" is about the model
# described just before it), so two such sentences may state different quantities in the same words.
_ANAPHORA = re.compile(r"^(?:qua do|theo do|trong do|dong thoi|ngoai ra|cu the|nhu vay|trong so do|tu do|do do)\b")


def _measure_key(doc, f) -> tuple | None:
    """What a figure measures: its kind and unit, the whole sentence before it (numbers included, so
    "… đúng hạn là 193.457 (tỷ lệ" and "… đúng hạn là 467.565 (tỷ lệ" differ) and the words after it.  Two
    figures with the same key in two sentences state the same quantity twice."""
    text = _page_text(doc, f.page)
    if not text or f.start is None or f.kind == "percent" and f.parent is not None:
        return None
    a, _ = sentence_bounds(text, f.start)
    before = fold(collapse(text[a : f.start]))
    if _ANAPHORA.match(before) and a > 0:
        a0, _ = sentence_bounds(text, max(0, a - 2))
        before = fold(collapse(text[a0:a])) + " | " + before  # "Qua đó, …" is about what the sentence before says
    if len(before.split()) < 3 or f.kind != "percent" and not f.unit:
        return None
    after = fold(" ".join(re.findall(r"[^\W\d_]+", f.subject or "")[:4]))
    return (f.kind, fold(f.unit or ""), before, after)


def _value(f):
    return (f.numerator, f.denominator) if f.kind == "fraction" else f.percent if f.kind == "percent" else f.value


@rule("FIG005", "Cùng một số liệu được nêu hai lần với giá trị khác nhau", "Số liệu", "warning", BASIS,
      fix="Thống nhất số liệu: cùng một nội dung chỉ ghi một giá trị trong toàn văn bản; sửa chỗ sai.")
@ocr_tolerant  # digits read by OCR may be the recogniser's
def same_quantity_two_values(doc):
    # key → the first figure of each value stated under that key, in the order the values first appear
    seen: dict[tuple, dict] = defaultdict(dict)
    for f in doc.extraction.figures:
        key = _measure_key(doc, f)
        if key is None:
            continue
        firsts = seen[key]
        value = _value(f)
        # a value not stated before under this key: the earliest figure of the key has another value
        earlier = next(iter(firsts.values())) if firsts and value not in firsts else None
        if earlier is not None and (earlier.page, earlier.sentence) != (f.page, f.sentence):
            yield finding(f"\"{f.raw}\" (trang {f.page}) khác \"{earlier.raw}\" (trang {earlier.page}) "
                          f"cho cùng một nội dung", evidence=f.sentence or f.raw, **_span(f))
        firsts.setdefault(value, f)


# How far apart (percentage points beyond the printed rounding) the percentages of one whole may add up from 100.
DEFAULT_SUM_SLACK = 0.05


def _share_groups(doc):
    """Percentages that share one whole: the ratios of fractions with one denominator and one unit stated
    one after the other (a list "Có 11/15 đơn vị …, chiếm 73,33%; - Có 3/15 đơn vị …, chiếm 20,00%; …") whose
    numerators add up to that denominator (every part is listed)."""
    figs = doc.extraction.figures
    run: list = []
    groups = []

    def close():
        if len(run) >= 2 and sum(fr.numerator for fr, _ in run) == run[0][0].denominator:
            groups.append(list(run))
        run.clear()

    percents: dict[int, list] = defaultdict(list)  # fraction index → the percentages linked to it
    for p in figs:
        if p.parent is not None and p.kind == "percent":
            percents[p.parent].append(p)
    for i, fr in enumerate(figs):
        if fr.kind != "fraction" or not fr.denominator:
            continue
        ps = [p for p in percents.get(i, ()) if _is_ratio_of(doc, p, fr)]
        if not ps:
            close()
            continue
        if run and (run[-1][0].denominator != fr.denominator or run[-1][0].page != fr.page
                    or fold(run[-1][0].unit or "") != fold(fr.unit or "")):
            close()
        run.append((fr, ps[-1]))
    close()
    return groups


@rule("FIG006", "Các tỷ lệ phần trăm của cùng một tổng thể không cộng lại thành 100%", "Số liệu", "warning", BASIS,
      fix="Cộng lại các tỷ lệ thành phần của cùng một tổng thể và sửa tỷ lệ sai để tổng bằng 100%.")
@ocr_tolerant  # digits read by OCR may be the recogniser's
def shares_do_not_make_100(doc):
    for group in _share_groups(doc):
        percents = [p for _, p in group]
        total = sum(p.percent for p in percents)
        slack = sum(0.5 * 10 ** (-p.decimals) for p in percents) + DEFAULT_SUM_SLACK
        if abs(total - 100) <= slack:
            continue
        worst_fr, worst = max(group, key=lambda g: abs(g[0].numerator / g[0].denominator * 100 - g[1].percent))
        right = worst_fr.numerator / worst_fr.denominator * 100
        yield finding(
            f"Các tỷ lệ của {_fmt(worst_fr.denominator)} {worst_fr.unit or ''} cộng lại "
            + " + ".join(p.raw.split()[-1] for p in percents) + f" = {_fmt(total)}%, không phải 100%",
            evidence=worst.sentence or worst.raw,
            fix=f"Sửa {worst.raw} thành {_printed(right, worst.decimals)}% "
                f"({_fmt(worst_fr.numerator)}/{_fmt(worst_fr.denominator)}) để các tỷ lệ cộng lại 100%.",
            **_span(worst),
        )


# How close (share of the denominator) a count must be to a fraction's denominator to be read as the same total
# misprinted: "rà soát 197 TTHC" … "195/199 TTHC" differ by 1 %; "46 văn bản" and "12/12 văn bản" are two totals.
# Scores ("12,15/15 điểm", "thang điểm 17 điểm") are no counts of things.
SCORE_UNITS = {"diem"}
DEFAULT_NEAR_TOTAL = 0.05
DEFAULT_NEAR_ABS = 2  # … or by at most this many for small totals ("15 đơn vị" … "12/17 đơn vị")
DEFAULT_NEAR_PAGES = 2  # … when the two stand at most this many pages apart; anywhere when one digit differs
# (and by at most twice DEFAULT_NEAR_TOTAL)


def _one_digit_apart(a: float, b: float) -> bool:
    """Printed with the same number of digits, ``a`` and ``b`` differ in one digit only (197 and 199): a typo."""
    x, y = str(int(a)), str(int(b))
    return a == int(a) and b == int(b) and len(x) == len(y) and sum(p != q for p, q in zip(x, y, strict=True)) == 1
# Words after a counted noun that make the count a subset meeting a condition ("122 đơn vị đạt yêu cầu").
_SUBSET_AFTER = re.compile(r"\s*(?:[^\W\d_]+\s+){0,2}?(?:đạt|có|được|đã|chưa|không|bị)\b", re.I)


def _position(doc, f) -> int:
    return sum(len(p.text) for p in doc.source.pages[: (f.page or 1) - 1]) + (f.start or 0)


def _nearest_denominator(doc, c, by_den: dict, dens: list[float]):
    """The fraction nearest to the count ``c`` (in reading order) whose denominator may be the same total
    misprinted: one digit apart and within 2 × DEFAULT_NEAR_TOTAL anywhere in the document, or within
    DEFAULT_NEAR_ABS / DEFAULT_NEAR_TOTAL at most DEFAULT_NEAR_PAGES pages away; never one of the count's own
    sentence.  Only the denominators those bounds allow are looked at (binary search over ``dens``), and for
    each only the nearest fractions on either side, so the rule stays linear in the figures."""
    v, pos = c.value, _position(doc, c)
    lo = min(v - DEFAULT_NEAR_ABS, v / (1 + 2 * DEFAULT_NEAR_TOTAL))
    hi = max(v + DEFAULT_NEAR_ABS, v / (1 - 2 * DEFAULT_NEAR_TOTAL))
    best, best_gap = None, None
    for d in dens[bisect_left(dens, lo) : bisect_right(dens, hi)]:
        if d == v:
            continue
        anywhere = _one_digit_apart(d, v) and abs(d - v) <= 2 * DEFAULT_NEAR_TOTAL * d
        if not anywhere and abs(d - v) > max(DEFAULT_NEAR_ABS, DEFAULT_NEAR_TOTAL * d):
            continue
        positions, found = by_den[d]
        k = bisect_left(positions, pos)
        for step in (-1, 1):  # the nearest fraction before the count, and the nearest after it
            j = k - 1 if step < 0 else k
            while 0 <= j < len(found):
                f = found[j]
                if not anywhere and abs((f.page or 0) - (c.page or 0)) > DEFAULT_NEAR_PAGES:
                    break  # further fractions in this direction are further pages away
                if f.sentence != c.sentence:
                    gap = abs(positions[j] - pos)
                    if best_gap is None or gap < best_gap:
                        best, best_gap = f, gap
                    break
                j += step
    return best


@rule("FIG007", "Số lượng khác mẫu số của phân số nêu cùng nội dung ở chỗ khác", "Số liệu", "warning", BASIS,
      fix="Thống nhất tổng số: số lượng nêu ở một chỗ phải bằng mẫu số của phân số cùng nội dung ở chỗ khác.")
@ocr_tolerant  # digits read by OCR may be the recogniser's
def count_contradicts_denominator(doc):
    figs = doc.extraction.figures
    fractions = [f for f in figs if f.kind == "fraction" and f.denominator and f.unit
                 and f.numerator <= f.denominator and fold(f.unit) not in SCORE_UNITS and "," not in f.raw]
    if not fractions:
        return
    stated: dict[str, Counter] = defaultdict(Counter)  # unit → how often each value is stated as a total for it
    counted: dict[str, set] = defaultdict(set)  # unit → the values stated as counts
    for f in figs:
        u = fold(f.unit or "")
        if f.kind == "fraction":
            stated[u][f.denominator] += 1
        elif f.kind == "count" and f.value is not None:
            stated[u][f.value] += 1
            counted[u].add(f.value)
    # unit → denominator → (positions, fractions) in reading order.  A denominator also stated as a count is a
    # total of its own ("Đã giải quyết 17.902 hồ sơ, trong đó đúng hạn 17.655/17.902"): not compared.
    by_unit: dict[str, dict[float, tuple[list[int], list]]] = defaultdict(dict)
    for f in sorted(fractions, key=lambda f: _position(doc, f)):
        u = fold(f.unit)
        if f.denominator not in counted[u]:
            positions, found = by_unit[u].setdefault(f.denominator, ([], []))
            positions.append(_position(doc, f))
            found.append(f)
    denominators = {u: sorted(ds) for u, ds in by_unit.items()}
    for c in figs:
        if c.kind != "count" or not c.unit or c.value is None or c.value < 10 or c.parent is not None:
            continue
        text = _page_text(doc, c.page)
        if text and _SUBSET_AFTER.match(text, c.end):
            continue  # "122 đơn vị đạt yêu cầu": the count of those meeting a condition, not the whole
        u = fold(c.unit)
        if stated[u][c.value] > 1:
            continue  # the count is stated again as a total: another quantity, not the denominator misprinted
        fr = _nearest_denominator(doc, c, by_unit.get(u, {}), denominators.get(u, []))
        if fr is None:
            continue
        yield finding(
            f"{c.raw} khác mẫu số của {fr.raw} (trang {fr.page}): {_fmt(c.value)} ≠ {_fmt(fr.denominator)}",
            evidence=c.sentence or c.raw,
            fix=f"Kiểm tra lại tổng số: sửa {c.raw} thành {_fmt(fr.denominator)} {c.unit}, hoặc sửa mẫu số của "
                f"{fr.raw} thành {_fmt(c.value)}.",
            **_span(c),
        )

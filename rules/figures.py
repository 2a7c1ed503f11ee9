"""Rules on the figures of reports (báo cáo): ratios, shares, sums.

Legal basis: the duty of accuracy of reported data — Nghị định 09/2019/NĐ-CP
quy định về chế độ báo cáo của cơ quan hành chính nhà nước, Điều 4 (nguyên
tắc: thông tin, số liệu báo cáo đầy đủ, chính xác).
"""

from __future__ import annotations

import re
from collections import defaultdict

from extract.figures import sentence_bounds
from rasoat.vntext import collapse, fold
from rules.base import finding, rule

BASIS = "NĐ 09/2019/NĐ-CP, Điều 4 (số liệu báo cáo phải chính xác, thống nhất)"


def _fmt(x: float) -> str:
    s = f"{x:,.2f}".rstrip("0").rstrip(".")
    return s.replace(",", "␣").replace(".", ",").replace("␣", ".")


def _span(f):
    return dict(page=f.page, start=f.start, end=f.end)


# Words around a percentage that make it a target or a plan, not the ratio of the fraction beside it
# ("chỉ tiêu đề ra là tối thiểu 20%", "hoàn thành 100% kế hoạch").
_TARGET_BEFORE = re.compile(r"(?:chỉ\s+tiêu|tối\s+thiểu|tối\s+đa|mục\s+tiêu|phấn\s+đấu|ít\s+nhất|yêu\s+cầu\s+là)[^.;]{0,25}$",
                            re.I)
_TARGET_AFTER = re.compile(r"^\s*(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu)", re.I)


def _page_text(doc, page: int | None) -> str:
    return doc.source.pages[page - 1].text if doc.source.pages and page and page <= len(doc.source.pages) else ""


def _is_ratio_of(doc, p, fr) -> bool:
    """Is the percentage ``p`` stated as the ratio of the fraction ``fr``?  Not when only spaces separate
    them (cells of a table row: "62/63 83,0%"), nor when it is a target or a share of a plan."""
    text = _page_text(doc, p.page)
    if not text or p.page != fr.page:
        return True
    lo, hi = sorted((fr.end, p.start))
    if not re.search(r"[^\W\d_]", text[lo:hi]):
        return False
    if _TARGET_BEFORE.search(text[max(0, p.start - 60) : p.start]) or _TARGET_AFTER.match(text[p.end : p.end + 20]):
        return False
    return True


def _agrees(fr, p) -> bool:
    actual = fr.numerator / fr.denominator * 100
    # the printed percent may be rounded (or truncated) to its printed decimals
    tolerance = 0.5 * 10 ** (-p.decimals) + 1e-9
    return abs(actual - p.percent) <= tolerance + 10 ** (-p.decimals)


@rule("FIG001", "Tỷ lệ phần trăm không khớp với phân số đi kèm", "Số liệu", "error", BASIS,
      fix="Tính lại tỷ lệ bằng tử số chia mẫu số nhân 100 rồi sửa tỷ lệ hoặc sửa phân số cho khớp.")
def percent_disagrees_with_fraction(doc):
    figs = doc.extraction.figures
    by_fraction: dict[int, list] = defaultdict(list)
    for p in figs:
        if p.kind == "percent" and p.parent is not None and figs[p.parent].denominator:
            if _is_ratio_of(doc, p, figs[p.parent]):
                by_fraction[p.parent].append(p)
    for i, percents in by_fraction.items():
        fr = figs[i]
        if any(_agrees(fr, p) for p in percents):
            continue  # one percentage beside it is its ratio; the others are about something else
        after = [p for p in percents if p.start > fr.start] or percents
        for p in after:
            actual = fr.numerator / fr.denominator * 100
            yield finding(
                f"{fr.raw} = {_fmt(actual)}%, nhưng văn bản ghi {p.raw}",
                evidence=p.sentence or f"{fr.raw} … {p.raw}",
                **_span(p),
            )


@rule("FIG002", "Tử số lớn hơn mẫu số (số đạt vượt tổng số)", "Số liệu", "error", BASIS,
      fix="Kiểm tra lại tử số và mẫu số: số đạt (số hoàn thành) không thể lớn hơn tổng số.")
def numerator_exceeds_denominator(doc):
    for f in doc.extraction.figures:
        if f.kind == "fraction" and f.denominator and f.numerator > f.denominator and f.denominator not in (10, 100):
            yield finding(f"{f.raw}: tử số {_fmt(f.numerator)} lớn hơn mẫu số {_fmt(f.denominator)}",
                          evidence=f.sentence or f.raw, **_span(f))


@rule("FIG003", "Tỷ lệ phần trăm vượt quá 100% ở chỗ là một tỷ lệ phần", "Số liệu", "warning", BASIS,
      fix="Kiểm tra lại tỷ lệ: tỷ lệ một phần trên tổng thể không vượt quá 100%; nếu là mức tăng hoặc so sánh "
          "thì ghi rõ.")
def share_over_hundred(doc):
    growth = ("tăng", "giảm", "so với", "bằng")
    for f in doc.extraction.figures:
        if f.kind == "percent" and f.percent > 100:
            if (f.qualifier or "") in growth or any(w in (f.sentence or "") for w in ("tăng", "so với", "so cùng kỳ")):
                continue
            yield finding(f"{f.raw}: tỷ lệ vượt 100%", evidence=f.sentence or f.raw, **_span(f))


def _paren_text(doc, total) -> str | None:
    """The text inside the parentheses right after ``total``; None when they cannot be read back."""
    text = _page_text(doc, total.page)
    if not text or total.end is None:
        return None
    open_pos = text.find("(", total.end, total.end + 120)
    close = text.find(")", open_pos)
    return text[open_pos + 1 : close] if open_pos != -1 and close != -1 else None


def _numbered_items(doc, total) -> int | None:
    """How many items inside the parentheses after ``total`` carry a number ("(20 sở; 12 UBND huyện; 03 tổ
    chức)" → 3)."""
    inner = _paren_text(doc, total)
    if inner is None:
        return None
    items = inner.split(";") if ";" in inner else inner.split(",")
    return sum(1 for it in items if re.search(r"(?<![\w/])\d", it))


def _printed_decimals(raw: str) -> int:
    m = re.search(r"\d[\d.]*(?:,(\d+))?", raw)
    return len(m.group(1)) if m and m.group(1) else 0


def _explained(doc, figs, total, parts, s: float) -> bool:
    """Reasons a breakdown that does not add up is not a contradiction: rounded amounts of money (each part
    rounded to its printed digits); a breakdown of two counts joined by "và" ("09 sở … và 26 xã … (trong đó 33
    …; 02 …)" describes all 35); a partial breakdown ("(trong đó …)") that stays below the total."""
    diff = abs(s - total.value)
    if total.kind == "money":
        d = max(_printed_decimals(f.raw) for f in [total, *parts])
        if diff <= 0.5 * len(parts) * 10 ** (-d) + 1e-9:
            return True
    text = _page_text(doc, total.page)
    for prev in figs:
        if prev.kind == total.kind and prev.page == total.page and prev.end is not None and prev.end <= total.start \
                and total.start - prev.end < 200 and re.search(r"\bvà\b", text[prev.end : total.start]) \
                and prev.value is not None and abs(s - (total.value + prev.value)) < 1e-6:
            return True
    return s < total.value and re.match(r"\s*trong\s+đó\b", _paren_text(doc, total) or "", re.I) is not None


@rule("FIG004", "Các thành phần không cộng lại bằng tổng số", "Số liệu", "error", BASIS,
      fix="Cộng lại các thành phần và sửa thành phần sai hoặc sửa tổng số cho khớp.")
def parts_do_not_add_up(doc):
    figs = doc.extraction.figures
    for i, total in enumerate(figs):
        parts = [f for f in figs if f.parent == i and f.kind == total.kind]
        if len(parts) < 2 or total.value is None:
            continue
        items = _numbered_items(doc, total)
        if items is not None and items > len(parts):
            continue  # a part was not read as a figure ("12 Ủy ban nhân dân huyện"): the sum would be wrong
        s = sum(p.value or 0 for p in parts)
        if abs(s - total.value) > 1e-6 and not _explained(doc, figs, total, parts, s):
            yield finding(
                f"{total.raw}: tổng các thành phần là {_fmt(s)} ("
                + " + ".join(_fmt(p.value) for p in parts) + f"), khác {_fmt(total.value)}",
                evidence=total.sentence or total.raw,
                **_span(total),
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
def same_quantity_two_values(doc):
    seen: dict[tuple, list] = defaultdict(list)
    for f in doc.extraction.figures:
        key = _measure_key(doc, f)
        if key is None:
            continue
        earlier = next((g for g in seen[key] if _value(g) != _value(f)), None)
        if earlier is not None and not any(_value(g) == _value(f) for g in seen[key]) \
                and (earlier.page, earlier.sentence) != (f.page, f.sentence):
            yield finding(f"\"{f.raw}\" (trang {f.page}) khác \"{earlier.raw}\" (trang {earlier.page}) "
                          f"cho cùng một nội dung", evidence=f.sentence or f.raw, **_span(f))
        seen[key].append(f)

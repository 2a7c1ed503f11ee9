"""References to other documents: by number ("Nghị định số 30/2020/NĐ-CP
ngày 05 tháng 3 năm 2020 của Chính phủ") and by name ("Luật Tổ chức chính
quyền địa phương ngày 19 tháng 6 năm 2015"), with the relation read from
context (căn cứ, sửa đổi, bãi bỏ, thay thế, hướng dẫn)."""

from __future__ import annotations

import re
from functools import cache

from extract import regexes as rx
from extract.header import iso_date
from rasoat import facts
from rasoat.gazetteer import body_code, body_codes, issuer_from_symbol
from rasoat.models import Citation, Page, Region, TextSource
from rasoat.numbers import DOC_NUMBER, normalise_number, number_key, number_year, ocr_distance, qh_term
from rasoat.vntext import collapse

DEFAULT_SYMBOL_CONTINUATION_CHARS = 300  # characters after a cut "NĐ-" searched for the rest of the symbol
DEFAULT_OWN_NUMBER_LOOKBACK = 12  # characters before a number searched for "Số" (own line) or a split "số 3 7/…"
DEFAULT_TYPE_LOOKBACK = 40  # characters before a number searched for the type word ("Nghị định số")
DEFAULT_NEAR_TYPE_LOOKBACK = 25  # … of which the last ones, for a type word right before it
DEFAULT_NEAR_SO_LOOKBACK = 6  # … and the very last ones, for "số"
DEFAULT_AFTER_CHARS = 120  # characters after a number read for its date and issuer ("ngày … của Bộ …")
DEFAULT_RELATION_CONTEXT = 200  # characters of the sentence before a citation read for its relation words
SNAP_MAX_DISTANCE = 1.0  # OCR pages: weighted edit distance (numbers.ocr_distance) up to which a group is snapped
# … a group this short or shorter ("TTLB") is snapped only across one confusion (OCR_CONFUSABLE_COST)
SNAP_SHORT_GROUP = 4
SNAP_SHORT_MAX_DISTANCE = 0.5  # … that is, up to this distance


@cache
def _type_codes() -> frozenset[str]:
    return frozenset(t["abbr"] for t in facts.doc_types() if t.get("abbr"))


def _qh_codes(year: int | None) -> set[str]:
    """"QHkk" and "UBTVQHkk" for every khóa kk plausible in ``year`` (every khóa the data knows without one)."""
    terms = [v["term"] for v in facts.format_constants()["qh_terms"]["values"]]
    if year:
        terms = [t for t in terms if facts.qh_term_ok(t, f"{year}-07-01") is not False]
    return {f"{body}{t}" for t in terms for body in ("QH", "UBTVQH")}


@cache
def _body_codes_upper() -> frozenset[str]:
    return frozenset(b.upper() for b in body_codes())


def _known_group(group: str, first: bool, seen: set[str]) -> bool:
    return (group in body_codes() or group.upper() in _body_codes_upper() or group in seen
            or (first and group in _type_codes()) or qh_term(group) is not None)


def _snap_group(group: str, first: bool, year: int | None, seen: set[str]) -> str:
    """An OCR-read ký hiệu group snapped to the one known code (a type abbreviation first, a body's code, a
    QHkk / UBTVQHkk of a khóa plausible in ``year``, a group with Đ printed elsewhere in the document) within
    ``SNAP_MAX_DISTANCE`` of it; the group as read when none or several are that near."""
    if not group or group.isdigit() or _known_group(group, first, seen):
        return group
    candidates = set(body_codes()) | _qh_codes(year) | seen | (_type_codes() if first else set())
    limit = SNAP_SHORT_MAX_DISTANCE if len(group) <= SNAP_SHORT_GROUP else SNAP_MAX_DISTANCE
    scored = sorted((ocr_distance(group, c), c) for c in candidates)
    best = [c for d, c in scored if d == scored[0][0]] if scored else []
    if not best or scored[0][0] > limit or len({c.upper() for c in best}) > 1:
        return group
    return best[0]


def snap_symbol(symbol: str, year: int | None = None, seen: set[str] | frozenset[str] = frozenset()) -> str:
    """A ký hiệu read by OCR with each group snapped to its canonical code (``_snap_group``):
    "UBTVQHI14" → "UBTVQH14" (year 2020), "QĐ-TTự" → "QĐ-TTg", "QĐ-BCDCCHC" → "QĐ-BCĐCCHC" when the
    document prints "BCĐCCHC" elsewhere.  Separators are kept."""
    parts = re.split(r"([-/])", symbol)
    return "".join(p if p in "-/" else _snap_group(p, i == 0, year, set(seen)) for i, p in enumerate(parts))


def _groups_with_d_bar(pages: list[Page]) -> set[str]:
    """The ký hiệu groups with Đ the document prints (a "BCĐCCHC" read elsewhere as "BCDCCHC" by OCR) that
    are not themselves a misreading of a known code (an "UBNĐ")."""
    out: set[str] = set()
    for page in pages:
        for m in DOC_NUMBER.finditer(page.text):
            out.update(g for g in re.split(r"[-/]", normalise_number(m.group("symbol"))) if "Đ" in g and len(g) > 1)
    return {g for g in out if _snap_group(g, False, None, set()) == g}


def _own_title_number(text: str, start: int, first_number: bool) -> bool:
    """The document's own number given in its title line ("NGHỊ ĐỊNH CỦA CHÍNH PHỦ SỐ …" in old documents) or
    on its "Số:" line: the first number of the first page, before any "Căn cứ", right after either."""
    if not first_number or rx.CAN_CU.search(text, 0, start):
        return False
    before = max(0, start - DEFAULT_TYPE_LOOKBACK * 3)
    return bool(rx.OWN_TITLE_NUMBER.search(text, before, start) or rx.OWN_NUMBER_LINE.search(text, before, start))


def _symbol_continuation(text: str, pos: int, symbol: str) -> str | None:
    """The issuer part of a symbol cut at a line end inside a table cell
    ("182/2024/NĐ-" … "CP"): the first line start within a few lines that
    completes it into a symbol with a known issuer."""
    for m in rx.CAPS_TOKEN.finditer(text, pos, pos + DEFAULT_SYMBOL_CONTINUATION_CHARS):
        if issuer_from_symbol(f"{symbol}-{m.group(1)}"):
            return m.group(1)
    return None


def _relation(context: str, line: str) -> str:
    if rx.CAN_CU.match(line):
        return "can_cu"
    for name, pattern in rx.RELATION_WORDS:
        if pattern.search(context):
            return name
    return "mention"


def _line_at(text: str, pos: int) -> str:
    """The paragraph around ``pos``: back to the last line that starts a
    sentence (so a căn cứ wrapped over lines keeps its "Căn cứ")."""
    start = text.rfind("\n", 0, pos) + 1
    while start > 0 and not rx.PARAGRAPH_START.match(text, start):
        prev_start = text.rfind("\n", 0, start - 1) + 1
        prev = text[prev_start : start - 1]
        if prev.rstrip().endswith((";", ".", ":")) or not prev.strip():
            break
        start = prev_start
    return text[start : pos + 1]


def find_citations(pages: list[Page], own_number: str | None = None) -> list[Citation]:
    own = {number_key(own_number)} if own_number else set()
    out: list[Citation] = []
    seen = _groups_with_d_bar(pages)
    for index, page in enumerate(pages):
        text = page.text
        ocr = page.source == TextSource.OCR
        own_line = page.regions.get(Region.HEADER_LEFT) or page.regions.get(Region.HEADER) or (0, 0)
        for k, m in enumerate(DOC_NUMBER.finditer(text)):
            own_lookback = text[max(own_line[0], m.start() - DEFAULT_OWN_NUMBER_LOOKBACK) : m.start()]
            if own_line[0] <= m.start() < own_line[1] and "Số" in own_lookback:
                continue  # the document's own "Số: …" line, even when its number could not be read
            if rx.GLYPH_BEFORE_NUMBER.search(text, 0, m.start()):
                continue  # "#6/QĐ-…": a digit read as a sign, the number cannot be told
            if index == 0 and _own_title_number(text, m.start(), k == 0):
                continue  # the document's own number in its title line
            symbol = normalise_number(m.group("symbol"))
            groups = symbol.replace("/", "-").split("-")
            if sum(c.isupper() for c in symbol) < 2:
                continue
            number = normalise_number(m.group(0))
            start = m.start()
            split = rx.SPLIT_NUMBER.search(text, max(0, start - DEFAULT_OWN_NUMBER_LOOKBACK), start)
            if split and split.end() == start:  # "số 3 7/2003/NĐ-CP": a stray space inside the number
                number, start = split.group(1) + number, split.start(1)
            end = m.end()
            glued = rx.GLUED_GROUP.match(text, end) if ocr else None
            cut = rx.CUT_SYMBOL_TAIL.match(text, end)
            if glued or cut:  # "QĐ-TTự" (OCR noise the pattern stopped before), "77/QĐ" + newline + "-TTg"
                tail = (glued or cut).group("group")
                tail = _snap_group(tail, False, None, seen) if ocr else tail
                if _known_group(tail, False, seen) and issuer_from_symbol(f"{symbol}-{tail}"):
                    number, symbol, end = f"{number}-{tail}", f"{symbol}-{tail}", (glued or cut).end()
            elif text.startswith("-", m.end()):  # "NĐ-" ending a table cell line: find the rest of the symbol
                rest = _symbol_continuation(text, m.end() + 1, symbol)
                if rest:
                    number, symbol = f"{number}-{rest}", f"{symbol}-{rest}"
            if ocr:  # "UBTVQHI14", "BCDCCHC": groups snapped to the codes they were printed as
                snapped = snap_symbol(symbol, number_year(number), seen)
                if snapped != symbol:
                    number, symbol = number[: len(number) - len(symbol)] + snapped, snapped
            if number_key(number) in own:
                continue
            before = text[max(0, m.start() - DEFAULT_TYPE_LOOKBACK) : m.start()]
            tm = rx.CITED_TYPE.search(before)
            # A bare "12/UBND" with no type word and no known abbreviation is
            # too weak (could be a fraction unit); accept when a type word
            # precedes or the first group is a known type or issuer.
            if (
                not tm
                and not (m.group("year") or facts.doc_type_name(groups[0])
                         or rx.CITED_TYPE.search(before[-DEFAULT_NEAR_TYPE_LOOKBACK:] + " ")
                         or "số" in before[-DEFAULT_NEAR_SO_LOOKBACK:])
                and not issuer_from_symbol(symbol)
            ):
                continue
            doc_type = tm.group("type").capitalize() if tm else None
            if doc_type is None:
                doc_type = facts.doc_type_name(groups[0]) if not qh_term(symbol) else None
            after = text[end : end + DEFAULT_AFTER_CHARS]
            issued_on = None
            dm = rx.DATE_AFTER.match(after)
            if dm:
                issued_on = iso_date(
                    dm.group("day") or dm.group("d2"),
                    dm.group("month") or dm.group("m2"),
                    dm.group("year") or dm.group("y2"),
                )
                after = after[dm.end() :]
            im = rx.ISSUER_AFTER.match(after.replace("\n", " "))
            issuer = collapse(rx.ISSUER_STOP.split(" " + im.group("issuer"))[0]) if im else None
            code = body_code(issuer) if ocr and symbol in _type_codes() else None
            if code:  # "442/QĐ ngày … của Thủ tướng Chính phủ": OCR lost the issuer group, the text names it
                number, symbol = f"{number}-{code}", f"{symbol}-{code}"
            issuer = issuer or issuer_from_symbol(symbol)
            sentence = _line_at(text, m.start())
            ctx = sentence[-DEFAULT_RELATION_CONTEXT:]
            out.append(
                Citation(
                    page=page.number,
                    start=start,
                    end=end,
                    raw=text[start:end],
                    number=number,
                    doc_type=doc_type,
                    issuer=issuer,
                    issued_on=issued_on,
                    relation=_relation(ctx, sentence),
                )
            )
        for m in rx.LAW_BY_NAME.finditer(text):
            name = collapse(m.group("type") + " " + m.group("name"))
            if re.search(r"\bsố\b", name):
                continue  # cited by number too: already found
            words = m.group("name").split()
            if m.group("year") and (rx.DATE_PART.search(m.group("name"))
                                    or (words and words[-1].casefold() in rx.TIME_BEFORE_YEAR)):
                continue  # "… ngày 22 tháng l1 năm 2019" (a date OCR garbled), "… vào năm 2005": no law's year
            dm = rx.DATE_WORDS.search(m.group(0))
            sentence = _line_at(text, m.start())
            out.append(
                Citation(
                    page=page.number,
                    start=m.start(),
                    end=m.end(),
                    raw=m.group(0),
                    doc_type=m.group("type"),
                    name=name,
                    issuer=(
                        "Quốc hội"
                        if m.group("type") in ("Luật", "Bộ luật", "Hiến pháp")
                        else "Ủy ban Thường vụ Quốc hội"
                    ),
                    issued_on=iso_date(dm.group("day"), dm.group("month"), dm.group("year")) if dm else None,
                    relation=_relation(sentence[-DEFAULT_RELATION_CONTEXT:], sentence),
                    issued_year=int(m.group("year")) if m.group("year") else None,
                )
            )
    out.sort(key=lambda c: (c.page, c.start))
    return out

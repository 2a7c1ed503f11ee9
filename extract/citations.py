"""References to other documents: by number ("Nghị định số 30/2020/NĐ-CP
ngày 05 tháng 3 năm 2020 của Chính phủ") and by name ("Luật Tổ chức chính
quyền địa phương ngày 19 tháng 6 năm 2015"), with the relation read from
context (căn cứ, sửa đổi, bãi bỏ, thay thế, hướng dẫn)."""

from __future__ import annotations

import re

from extract import regexes as rx
from extract.header import iso_date
from rasoat import facts
from rasoat.gazetteer import issuer_from_symbol
from rasoat.models import Citation, Page, Region
from rasoat.numbers import DOC_NUMBER, normalise_number, number_key, qh_term
from rasoat.vntext import collapse

DEFAULT_SYMBOL_CONTINUATION_CHARS = 300  # characters after a cut "NĐ-" searched for the rest of the symbol
DEFAULT_OWN_NUMBER_LOOKBACK = 12  # characters before a number searched for "Số" (own line) or a split "số 3 7/…"
DEFAULT_TYPE_LOOKBACK = 40  # characters before a number searched for the type word ("Nghị định số")
DEFAULT_NEAR_TYPE_LOOKBACK = 25  # … of which the last ones, for a type word right before it
DEFAULT_NEAR_SO_LOOKBACK = 6  # … and the very last ones, for "số"
DEFAULT_AFTER_CHARS = 120  # characters after a number read for its date and issuer ("ngày … của Bộ …")
DEFAULT_RELATION_CONTEXT = 200  # characters of the sentence before a citation read for its relation words


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
    for page in pages:
        text = page.text
        own_line = page.regions.get(Region.HEADER_LEFT) or page.regions.get(Region.HEADER) or (0, 0)
        for m in DOC_NUMBER.finditer(text):
            if own_line[0] <= m.start() < own_line[1] and "Số" in text[max(own_line[0], m.start() - DEFAULT_OWN_NUMBER_LOOKBACK) : m.start()]:
                continue  # the document's own "Số: …" line, even when its number could not be read
            symbol = normalise_number(m.group("symbol"))
            groups = symbol.replace("/", "-").split("-")
            if sum(c.isupper() for c in symbol) < 2:
                continue
            number = normalise_number(m.group(0))
            start = m.start()
            split = rx.SPLIT_NUMBER.search(text, max(0, start - DEFAULT_OWN_NUMBER_LOOKBACK), start)
            if split and split.end() == start:  # "số 3 7/2003/NĐ-CP": a stray space inside the number
                number, start = split.group(1) + number, split.start(1)
            if text.startswith("-", m.end()):  # "NĐ-" ending a table cell line: find the rest of the symbol
                rest = _symbol_continuation(text, m.end() + 1, symbol)
                if rest:
                    number, symbol = f"{number}-{rest}", f"{symbol}-{rest}"
            if number_key(number) in own:
                continue
            before = text[max(0, m.start() - DEFAULT_TYPE_LOOKBACK) : m.start()]
            tm = rx.CITED_TYPE.search(before)
            # A bare "12/UBND" with no type word and no known abbreviation is
            # too weak (could be a fraction unit); accept when a type word
            # precedes or the first group is a known type or issuer.
            if not tm and not (m.group("year") or facts.doc_type_name(groups[0])
                               or rx.CITED_TYPE.search(before[-DEFAULT_NEAR_TYPE_LOOKBACK:] + " ")
                               or "số" in before[-DEFAULT_NEAR_SO_LOOKBACK:]):
                if not issuer_from_symbol(symbol):
                    continue
            doc_type = tm.group("type").capitalize() if tm else None
            if doc_type is None:
                doc_type = facts.doc_type_name(groups[0]) if not qh_term(symbol) else None
            after = text[m.end() : m.end() + DEFAULT_AFTER_CHARS]
            issued_on = None
            dm = rx.DATE_AFTER.match(after)
            if dm:
                issued_on = iso_date(dm.group("day") or dm.group("d2"), dm.group("month") or dm.group("m2"), dm.group("year") or dm.group("y2"))
                after = after[dm.end() :]
            im = rx.ISSUER_AFTER.match(after.replace("\n", " "))
            issuer = collapse(rx.ISSUER_STOP.split(" " + im.group("issuer"))[0]) if im else None
            issuer = issuer or issuer_from_symbol(symbol)
            sentence = _line_at(text, m.start())
            ctx = sentence[-DEFAULT_RELATION_CONTEXT:]
            out.append(
                Citation(
                    page=page.number,
                    start=start,
                    end=m.end(),
                    raw=text[start : m.end()],
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
                    issuer="Quốc hội" if m.group("type") in ("Luật", "Bộ luật", "Hiến pháp") else "Ủy ban Thường vụ Quốc hội",
                    issued_on=iso_date(dm.group("day"), dm.group("month"), dm.group("year")) if dm else None,
                    relation=_relation(sentence[-DEFAULT_RELATION_CONTEXT:], sentence),
                )
            )
    out.sort(key=lambda c: (c.page, c.start))
    return out

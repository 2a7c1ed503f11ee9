"""What several rules need to know about a document, computed once from its
pages and extraction: does it have a header (thể thức) at all, is it a
QPPL, where is its date line, its signature block, its Nơi nhận, its title
word, and which body issued it.

Everything here reads ``doc.source.pages`` and ``doc.extraction``; nothing
changes them.  Each located block comes with its page and character offsets
so a finding can point at it.
"""

from __future__ import annotations

from datetime import date
from functools import wraps

from extract import region_block  # noqa: F401  (re-exported for the rule modules)
from rasoat.facts import as_date
from rasoat.facts import signing_period as facts_signing_period
from rasoat.gazetteer import resolve_issuer
from rasoat.models import Block, Document
from rasoat.numbers import is_qppl_type, parse
from rasoat.vntext import unify
from rules import patterns as pt

# Luật 80/2015/QH13 took effect on 01/7/2016 (Điều 172); the competence and entry-into-force facts in
# rasoat/data describe that law and its successors, not the laws of 1996, 2004 and 2008.
LAW_2015_FROM = date(2016, 7, 1)


def head_block(doc: Document) -> Block | None:
    """The header of page 1, as extraction located it (``extract.blocks``)."""
    return doc.extraction.blocks.head


def has_header(doc: Document) -> bool:
    """A complete document (not an excerpt): layout found the two-column header, or a "Số:" line was read."""
    if not doc.source.pages:
        return False
    p = doc.source.pages[0]
    return bool({"header", "header_left", "header_right"} & set(p.regions)) or bool(doc.extraction.header.symbol)


def is_party_document(doc: Document) -> bool:
    """Documents of the Party (ĐẢNG CỘNG SẢN VIỆT NAM, "57-NQ/TW") follow their own rules of form."""
    h = doc.extraction.header
    head = head_block(doc)
    return bool((head and "ĐẢNG CỘNG SẢN" in unify(head.text).upper()) or (h.number and "/TW" in h.number))


DEFAULT_GROUND_LOOKBACK = 600  # characters before a citation searched for the "Căn cứ" opening its block


def is_ground(doc: Document, c) -> bool:
    """Is citation ``c`` one of the căn cứ (legal grounds) of the document?  Extraction marks it ``can_cu``
    when its paragraph starts with "Căn cứ"; a căn cứ right under the title, or a second document in one
    căn cứ ("Căn cứ Luật A; Luật sửa đổi … Luật A"), may be marked otherwise, so this also looks back for the
    "Căn cứ" that opens the block it stands in.  A căn cứ of a form or of another document printed under a
    Quốc hiệu of its own after the document's (a decision template in an appendix: ``in_embedded_document``)
    is not one of the document's."""
    if not doc.source.pages or c.page > len(doc.source.pages) or in_embedded_document(doc, c):
        return False
    if c.relation in ("bai_bo", "thay_the"):
        return False
    text = doc.source.pages[c.page - 1].text
    starts = [m.start() for m in pt.GROUND_START.finditer(text, max(0, c.start - DEFAULT_GROUND_LOOKBACK), c.start)]
    if c.relation == "can_cu":
        return not (starts and pt.GROUND_ITEMS_OVER.search(text, starts[-1], c.start))
    return bool(starts) and not pt.GROUNDS_OVER.search(text, starts[-1], c.start)


def in_embedded_document(doc: Document, c) -> bool:
    """Is citation ``c`` printed under a Quốc hiệu line after the document's own: a form ("Mẫu số 02 … QUYẾT ĐỊNH
    … Căn cứ …") or another document the file holds (``extract.blocks.embedded_start``)?"""
    b = doc.extraction.blocks.embedded
    return b is not None and (c.page, c.start) > (b.page, b.start)


def cites_law_on_qppl(doc: Document) -> bool:
    """The document names the law on QPPL (Luật Ban hành văn bản quy phạm pháp luật) as a căn cứ."""
    return any(
        c.name and "ban hành văn bản quy phạm pháp luật" in c.name.lower() and is_ground(doc, c)
        for c in doc.extraction.citations
    )


def looks_qppl(doc: Document) -> bool:
    """A QPPL by its number (N/YYYY/TYPE-…, N/YYYY/QHkk), or a Nghị quyết / Quyết định that cites the law on
    QPPL as its ground (a QPPL even when its number forgot the year)."""
    h = doc.extraction.header
    if h.is_qppl:
        return True
    if not h.symbol:
        return False
    return qppl_type(doc) and cites_law_on_qppl(doc)


def qppl_type(doc: Document) -> bool:
    """The type its ký hiệu names is a QPPL type on the document's date (``rasoat.numbers.is_qppl_type``)."""
    parts = parse(doc.extraction.header.symbol)
    d = issued_on(doc)
    return bool(parts and is_qppl_type(parts.type_abbr, d.year if d else None, parts.issuer))


def issued_on(doc: Document) -> date | None:
    return as_date(doc.extraction.header.issued_on)


def signing_period(doc: Document) -> tuple[date, date] | None:
    """The first and last day the document may be signed on: its date, else the month or year of a date line
    whose day is blank or unreadable (``rasoat.facts.signing_period``)."""
    h = doc.extraction.header
    return facts_signing_period(h.issued_on, h.issued_in)


def issuer_record(doc: Document, on: date | str | None = None) -> dict | None:
    """The gazetteer record of the issuing body (``rasoat.gazetteer.resolve_issuer``), on the signing date.
    Cached by the gazetteer: the same header is resolved by several rules; callers must not change the record."""
    h = doc.extraction.header
    if not h.issuer:
        return None
    when = on or h.issued_on
    return resolve_issuer(h.issuer, context_issuer=h.parent_issuer, on=when)


# --------------------------------------------------------------------------- located blocks
# Located once by ``extract.blocks`` and kept in ``doc.extraction.blocks``: the rules read them, never re-find.


def date_line(doc: Document) -> Block | None:
    """The header's date line, with the fields place, comma ("" when missing), day, month, year."""
    return doc.extraction.blocks.date_line


def signature_block(doc: Document) -> Block | None:
    return doc.extraction.blocks.signature


def signature_lines(doc: Document) -> list[Block]:
    """The lines of the signature block (with an authority line printed above "Nơi nhận:")."""
    return doc.extraction.blocks.signature_lines


def recipients_block(doc: Document) -> Block | None:
    return doc.extraction.blocks.recipients


def recipients_text(doc: Document) -> str:
    """The Nơi nhận block with its continuation at the top of the next page (a list that runs over)."""
    b = doc.extraction.blocks.recipients
    if b is None:
        return ""
    more = doc.extraction.blocks.recipients_more
    return b.text + "\n" + (more.text if more else "")


DEFAULT_COPY_TAIL = 600  # characters at the end of the last page searched for "(đã ký)"


def is_published_copy(doc: Document) -> bool:
    """A reprint, not the signed original: a Công báo edition (running head "CÔNG BÁO/Số …") or a typed copy
    whose signature reads "(đã ký)".  Such copies leave out the Nơi nhận and the seal."""
    if any("CÔNG BÁO" in (p.furniture or "") or pt.GAZETTE_HEAD.search(p.text) for p in doc.source.pages):
        return True
    sig = signature_block(doc)
    return bool(sig and pt.SIGNED_NOTE.search(sig.text)) or any(
        pt.SIGNED_NOTE.search(p.text[-DEFAULT_COPY_TAIL:]) for p in doc.source.pages[-1:])


def title_word(doc: Document) -> str | None:
    """The type word printed as the title ("KẾ HOẠCH", "QUYẾT ĐỊNH"); None for a công văn."""
    t = doc.extraction.blocks.title
    return t.fields["type_word"] if t else None


def body_blocks(doc: Document) -> list[Block]:
    """The text below the header on every page (page 1 from its body region on)."""
    out = []
    for p in doc.source.pages:
        start = 0
        if p.number == 1:
            ends = [p.regions[n][1] for n in ("header", "header_left", "header_right") if n in p.regions]
            start = max(ends) if ends else 0
        out.append(Block(p.number, start, len(p.text), p.text[start:]))
    return out


# --------------------------------------------------------------------------- recognised (OCR) pages

OCR_NOTE = " (trang nhận dạng OCR: có thể do nhận dạng sai — cần xem bản gốc)"


def is_ocr_page(doc: Document, page: int | None) -> bool:
    pages = doc.source.pages
    return bool(page and 0 < page <= len(pages) and pages[page - 1].source == "ocr")


def ocr_tolerant(check):
    """For a rule that judges exact characters (a letter, a dash, a digit): on a page read by OCR the
    characters may be the recogniser's, not the document's, so its findings there become ``info`` with a
    note.  Use under ``@rule``."""

    @wraps(check)
    def wrapped(doc, *args):
        for f in check(doc, *args) or ():
            if is_ocr_page(doc, f.page):
                f.severity = "info"
                f.message += OCR_NOTE
            yield f

    return wrapped

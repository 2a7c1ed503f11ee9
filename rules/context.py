"""What several rules need to know about a document, computed once from its
pages and extraction: does it have a header (thể thức) at all, is it a
QPPL, where is its date line, its signature block, its Nơi nhận, its title
word, and which body issued it.

Everything here reads ``doc.source.pages`` and ``doc.extraction``; nothing
changes them.  Each located block comes with its page and character offsets
so a finding can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import wraps

from extract.header import find_title
from rasoat.facts import as_date
from rasoat.gazetteer import resolve_issuer
from rasoat.models import Document, Page
from rasoat.numbers import is_qppl_type, parse
from rasoat.vntext import unify

# Luật 80/2015/QH13 took effect on 01/7/2016 (Điều 172); the competence and entry-into-force facts in
# rasoat/data describe that law and its successors, not the laws of 1996, 2004 and 2008.
LAW_2015_FROM = date(2016, 7, 1)


@dataclass
class Block:
    """A located piece of text: ``text`` is ``page.text[start:end]``."""

    page: int
    start: int
    end: int
    text: str

    def span(self) -> dict:
        return dict(page=self.page, start=self.start, end=self.end)

    def sub(self, start: int, end: int) -> "Block":
        """The part ``text[start:end]`` of this block as a block."""
        return Block(self.page, self.start + start, self.start + end, self.text[start:end])


def region_block(page: Page, *names: str) -> Block | None:
    for name in names:
        span = page.regions.get(name)
        if span:
            return Block(page.number, span[0], span[1], page.text[span[0] : span[1]])
    return None


def head_block(doc: Document, lines: int = 14) -> Block | None:
    """The header of page 1: its header regions when layout found them, else its first lines."""
    if not doc.source.pages:
        return None
    p = doc.source.pages[0]
    spans = [p.regions[n] for n in ("header", "header_left", "header_right") if n in p.regions]
    if spans:
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        return Block(p.number, start, end, p.text[start:end])
    end = 0
    for _ in range(lines):
        nxt = p.text.find("\n", end)
        if nxt == -1:
            end = len(p.text)
            break
        end = nxt + 1
    return Block(p.number, 0, end, p.text[:end])


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


_GROUND_START = re.compile(r"(?m)^[ \t*_]*Căn\s+cứ\b")
_GROUNDS_OVER = re.compile(r"(?m)\.[ \t*_]*\n|^[ \t]*(?:Theo\s+đề\s+nghị|Xét\b|QUYẾT\s+ĐỊNH|NGHỊ\s+QUYẾT|Điều\s+\d|Chương\b)")


def is_ground(doc: Document, c) -> bool:
    """Is citation ``c`` one of the căn cứ (legal grounds) of the document?  Extraction marks it ``can_cu``
    when its paragraph starts with "Căn cứ"; a căn cứ right under the title, or a second document in one
    căn cứ ("Căn cứ Luật A; Luật sửa đổi … Luật A"), may be marked otherwise, so this also looks back for the
    "Căn cứ" that opens the block it stands in."""
    if c.relation == "can_cu":
        return True
    if c.relation in ("bai_bo", "thay_the") or not doc.source.pages or c.page > len(doc.source.pages):
        return False
    text = doc.source.pages[c.page - 1].text
    starts = [m.start() for m in _GROUND_START.finditer(text, max(0, c.start - 600), c.start)]
    return bool(starts) and not _GROUNDS_OVER.search(text, starts[-1], c.start)


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


def issuer_record(doc: Document, on: date | str | None = None) -> dict | None:
    """The gazetteer record of the issuing body (``rasoat.gazetteer.resolve_issuer``), on the signing date.
    Cached by the gazetteer: the same header is resolved by several rules; callers must not change the record."""
    h = doc.extraction.header
    if not h.issuer:
        return None
    when = on or h.issued_on
    return resolve_issuer(h.issuer, context_issuer=h.parent_issuer, on=when)


# --------------------------------------------------------------------------- located blocks

# "Hà Nội, ngày 05 tháng 3 năm 2020"; blanks allowed (drafts); comma optional (checked by a rule).
DATE_LINE = re.compile(
    r"(?P<place>[^\n,]{2,40}?)\s*(?P<comma>,?)\s*ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?\s*năm\s*(?P<year>\d{4})",
    re.I,
)


def date_line(doc: Document) -> tuple[Block, re.Match] | None:
    """The header's date line and its match (groups place, comma, day, month, year)."""
    head = head_block(doc)
    if head is None:
        return None
    p = doc.source.pages[0]
    right = region_block(p, "header_right", "header") or head
    for blk in (right, head):
        for line_m in re.finditer(r"[^\n]+", blk.text):
            m = DATE_LINE.search(line_m.group(0))
            if m and not re.search(r"\b(?:Số|số)\s*:", line_m.group(0)):
                line = blk.sub(line_m.start(), line_m.end())
                return line, m
    return None


_AUTH_START = re.compile(r"^\s*(?:T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|TM|KT|TL|TUQ|Q)\s*[.:/]?\s+[A-ZĐÀ-Ỹ]")
_HEAD_TITLE = re.compile(
    r"^\s*(?:PHÓ\s+)?(?:CHỦ TỊCH|THỦ TƯỚNG|BỘ TRƯỞNG|THỨ TRƯỞNG|GIÁM ĐỐC|CHÁNH VĂN PHÒNG|CHỦ NHIỆM|TRƯỞNG BAN|"
    r"CỤC TRƯỞNG|VỤ TRƯỞNG|CHÁNH THANH TRA|TỔNG KIỂM TOÁN|TỔNG GIÁM ĐỐC|CHÁNH ÁN|VIỆN TRƯỞNG|THỐNG ĐỐC|"
    r"TRƯỞNG PHÒNG|HIỆU TRƯỞNG|TỔNG CỤC TRƯỞNG|CHI CỤC TRƯỞNG|CHÁNH THANH TRA|THỦ TRƯỞNG)\b"
)


def signature_block(doc: Document) -> Block | None:
    """The signature block: the ``signature`` region when layout found one, else the lines from the last
    authority line (TM./KT./… or a head's title in capitals) on the last pages."""
    for p in reversed(doc.source.pages):
        b = region_block(p, "signature")
        if b and b.text.strip():
            return b
    for p in reversed(doc.source.pages[-3:]):
        starts = [m.start() for m in re.finditer(r"(?m)^[^\n]*$", p.text)
                  if _AUTH_START.match(p.text[m.start() : m.start() + 60])
                  or (_HEAD_TITLE.match(p.text[m.start() : m.start() + 60]) and _line(p.text, m.start()).isupper())]
        if starts:
            s = starts[0] if len(starts) <= 3 else starts[-1]
            end = min(len(p.text), s + 400)
            return Block(p.number, s, end, p.text[s:end])
    return None


def _line(text: str, pos: int) -> str:
    end = text.find("\n", pos)
    return text[pos : end if end != -1 else len(text)].strip()


def signature_lines(doc: Document, limit: int = 8) -> list[Block]:
    """The lines of the signature block, each a block.  When layout put the Nơi nhận and signature side by
    side, the authority line printed just above "Nơi nhận:" ("KT. BỘ TRƯỞNG") is taken too."""
    b = signature_block(doc)
    if b is None:
        return []
    lines = [l for l in _lines(b) if l.text.strip()]
    p = doc.source.pages[b.page - 1]
    rec = p.regions.get("recipients")
    if rec and "signature" in p.regions and b.start == p.regions["signature"][0]:
        above = [l for l in _lines(Block(p.number, 0, rec[0], p.text[: rec[0]])) if l.text.strip()][-2:]
        lines = [l for l in above if _AUTH_START.match(l.text) or
                 (_HEAD_TITLE.match(l.text) and l.text.strip().isupper())] + lines
    return lines[:limit]


def _lines(b: Block) -> list[Block]:
    return [b.sub(m.start(), m.end()) for m in re.finditer(r"[^\n]+", b.text)]


_RECIPIENTS = re.compile(r"(?m)^\s*Nơi\s+nhận\s*:?")


def recipients_block(doc: Document) -> Block | None:
    """The Nơi nhận block: the ``recipients`` region, else from a "Nơi nhận" line to the end of its page."""
    for p in reversed(doc.source.pages):
        b = region_block(p, "recipients")
        if b and b.text.strip():
            return b
    for p in reversed(doc.source.pages):
        m = None
        for m in _RECIPIENTS.finditer(p.text):
            pass
        if m:
            end = min(len(p.text), m.start() + 800)
            return Block(p.number, m.start(), end, p.text[m.start() : end])
    return None


def recipients_text(doc: Document) -> str:
    """The Nơi nhận block with its continuation at the top of the next page (a list that runs over)."""
    b = recipients_block(doc)
    if b is None:
        return ""
    nxt = doc.source.pages[b.page].text[:1500] if b.page < len(doc.source.pages) else ""
    return b.text + "\n" + nxt


def is_published_copy(doc: Document) -> bool:
    """A reprint, not the signed original: a Công báo edition (running head "CÔNG BÁO/Số …") or a typed copy
    whose signature reads "(đã ký)".  Such copies leave out the Nơi nhận and the seal."""
    if any("CÔNG BÁO" in (p.furniture or "") or re.search(r"(?m)^\s*CÔNG BÁO\s*/\s*Số", p.text)
           for p in doc.source.pages):
        return True
    sig = signature_block(doc)
    return bool(sig and re.search(r"\(\s*đã\s+ký\s*\)", sig.text, re.I)) or any(
        re.search(r"\(\s*đã\s+ký\s*\)", p.text[-600:], re.I) for p in doc.source.pages[-1:])


def title_word(doc: Document) -> str | None:
    """The type word printed as the title ("KẾ HOẠCH", "QUYẾT ĐỊNH"); None for a công văn."""
    if not doc.source.pages:
        return None
    p = doc.source.pages[0]
    body = p.region("body") or p.text
    word, *_ = find_title(body)
    return word


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

"""Locate step: where the parts of a document's form stand — the header of page 1, the Quốc hiệu and Tiêu
ngữ lines, the "Số:" line, the date line, the title, the effect clause, the signature block and its lines,
the Nơi nhận and its continuation on the next page.

Each is located once, here, as a ``Block`` (page and character offsets into that page's text); the header
fields (``extract.header``) are read from these blocks and the rules judge them, so a fact found twice is
found the same way twice.  Pure functions of the pages.
"""

from __future__ import annotations

import re
from itertools import islice

from extract import regexes as rx
from extract.names import first_of_side_by_side
from rasoat import facts
from rasoat.models import Block, Blocks, Page, SourceDocument
from rasoat.patterns import NATIONAL_TITLE
from rasoat.vntext import collapse, fold, unify

DEFAULT_HEAD_LINES = 14  # lines of page 1 taken as its header when layout named no header region
DEFAULT_HEADER_SEARCH_CHARS = 6000  # characters of page 1 searched for a header printed away from its top
DEFAULT_HEADER_AROUND_LINES = 6  # lines before (issuer, upper case) and after a number line: the header found by it
DEFAULT_HEADER_GAP_CHARS = 80  # a header found by its number this close to the header regions joins them
DEFAULT_SIGNATURE_PAGES = 3  # last pages searched for an authority line when layout found no signature region
DEFAULT_SIGNATURE_CHARS = 400  # extent of a signature block found by its authority line (no signature region)
DEFAULT_AUTHORITY_LINE_CHARS = 60  # characters of a line read to tell whether it is an authority line
DEFAULT_MAX_AUTHORITY_LINES = 3  # more authority-like lines on a page than this: a list, the block is the last
DEFAULT_AUTHORITY_ABOVE_RECIPIENTS = 2  # lines above "Nơi nhận" read for an authority line printed there
DEFAULT_SIGNATURE_LINES = 8  # lines of the signature block kept as its lines
DEFAULT_SIGNATURE_NAME_LINES = 12  # lines of a signature block (and of the next page's top) read for a name
DEFAULT_SIGNED_GAP_LINES = 6  # non-blank lines after an authority line searched for the signer's name
DEFAULT_NOISE_LINE_CHARS = 3  # a line this short between an authority line and the name is noise ("[")
NOT_NAMES = {"Nơi Nhận", "Như Trên"}  # title-case words a signature block holds that are no name
DEFAULT_RECIPIENTS_CHARS = 800  # extent of a Nơi nhận block found by its heading (no recipients region)
DEFAULT_RECIPIENTS_NEXT_PAGE_CHARS = 1500  # top of the next page read as the continuation of the Nơi nhận
DEFAULT_TITLE_LINES = 6  # first non-blank lines of the body searched for the type word; also lines of a trích yếu
DEFAULT_TITLE_MAX_LINES = 12  # … which a long one may run over, when no line of it ends a sentence of the body
DEFAULT_TITLE_LINE_CHARS = 110  # a longer line after the first of the trích yếu is body text, not title
DEFAULT_FUZZY_TITLE_CHARS = 25  # longest damaged line read as a type word ("NG Ị ĐỊN" → "NGHỊ ĐỊNH")
DEFAULT_FUZZY_TITLE_SCORE = 75  # least rapidfuzz ratio for a damaged line to stand for a type word
DEFAULT_OWN_CLAUSE_LOOKBACK = 40  # characters before an effect clause searched for "… này"
DEFAULT_SUBJECT_LOOKBACK = 160  # … and for the document it is the clause of, when it has no "này"
DEFAULT_EFFECT_CLAUSE_MIN = 30  # an effect clause block runs to the end of its line at least this far …
DEFAULT_EFFECT_CLAUSE_MAX = 60  # … but no further than this many characters after "từ (ngày)"
DEFAULT_CONSOLIDATION_UP_LINES = 6  # lines above a văn bản hợp nhất's seal or number line read for its issuer
DEFAULT_CONSOLIDATION_DOWN_LINES = 12  # … and below it for the number, the date line and the signature
DEFAULT_MARK_LINES = 10  # first non-blank lines of page 1 searched for the "VĂN BẢN HỢP NHẤT - <BODY>" mark
DEFAULT_NOTE_CHARS = 800  # characters after the title searched for a văn bản hợp nhất's note ("… bổ sung bởi")
PAGE_JOIN = "\n\f\n"  # how ``SourceDocument.text`` joins the pages

_HEADER_REGIONS = ("header", "header_left", "header_right")


def region_block(page: Page, *names: str) -> Block | None:
    """The first of the named layout regions the page has, as a block."""
    for name in names:
        span = page.regions.get(name)
        if span:
            return Block(page.number, span[0], span[1], page.text[span[0] : span[1]])
    return None


def lines_of(b: Block) -> list[Block]:
    """The non-empty lines of a block, each a block."""
    return [b.sub(m.start(), m.end()) for m in rx.LINE.finditer(b.text)]


def head_block(pages: list[Page], lines: int = DEFAULT_HEAD_LINES) -> Block | None:
    """The header of page 1: its header regions when layout found them, else its first ``lines`` lines; when
    that holds no number line and one stands elsewhere on the page with its header (``header_by_number``: a
    Công báo text layer prints the header after the preamble, or layout put it above the header), the two
    together."""
    if not pages:
        return None
    p = pages[0]
    spans = [p.regions[n] for n in _HEADER_REGIONS if n in p.regions]
    if spans:
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
    else:
        start, end = 0, 0
        for _ in range(lines):
            nxt = p.text.find("\n", end)
            if nxt == -1:
                end = len(p.text)
                break
            end = nxt + 1
    if not rx.NUMBER_LINE_ANY.search(p.text[start:end]):  # no "Số" line, even a blank one
        moved = header_by_number(p)
        if (moved is not None and moved.start - end <= DEFAULT_HEADER_GAP_CHARS
                and start - moved.end <= DEFAULT_HEADER_GAP_CHARS):
            start, end = min(start, moved.start), max(end, moved.end)  # the header's lines on both sides
        elif moved is not None:
            start, end = moved.start, moved.end  # what stood at the top was no header
    return Block(p.number, start, end, p.text[start:end])


def header_by_number(page: Page) -> Block | None:
    """A header found by its number line ("Số: 135/2026/NĐ-CP" on a line of its own) within the first
    ``DEFAULT_HEADER_SEARCH_CHARS`` of the page, with the Quốc hiệu or a date line within
    ``DEFAULT_HEADER_AROUND_LINES`` lines of it: from the upper-case lines above it (the issuer) to those
    lines after it.  None when no such line stands there."""
    text = page.text[:DEFAULT_HEADER_SEARCH_CHARS]
    for m in rx.NUMBER_LINE_ALONE.finditer(text):
        before = text[: m.start()].split("\n")[:-1]
        up = m.start()
        for line in reversed(before[-DEFAULT_HEADER_AROUND_LINES:]):
            if line.strip() and not line.strip().isupper() and not rx.RULE_LINE.fullmatch(line):
                break
            up -= len(line) + 1
        end = m.start()
        for _ in range(DEFAULT_HEADER_AROUND_LINES + 1):
            nxt = page.text.find("\n", end)
            end = len(page.text) if nxt == -1 else nxt + 1
        if rx.HEADER_MARK.search(page.text[up:end]):
            return Block(page.number, up, end, page.text[up:end])
    return None


def date_line(pages: list[Page]) -> Block | None:
    """The header's date line ("Lâm Đồng, ngày 19 tháng 12 năm 2025"), from the place to the year, with the
    fields place, comma ("" when missing), day, month, year (None when left blank).

    In the right column (or the header) that layout found, read line by line, skipping "Số:" lines, the comma
    is optional (the rule on the form of the line reports it missing); failing that, a place and a comma at the
    end of one line with the date on the next ("Hà Nội,\nngày …").  Elsewhere in the header (the first lines of
    a page without layout regions) only a line with the comma is a date line: without it, "Căn cứ Luật … ngày
    … tháng … năm …" would be one."""
    head = head_block(pages)
    if head is None:
        return None
    right = region_block(pages[0], "header_right", "header")
    if right is not None:
        for line in lines_of(right):
            m = rx.DATE_LINE_FORM.search(line.text)
            if m and not rx.NUMBER_WORD.search(line.text):
                out = line.sub(m.start("place"), m.end())
                out.fields = m.groupdict()
                return out
        m = rx.DATE_LINE.search(right.text)  # the comma closes the place: the date may be on the next line
        if m:
            out = right.sub(m.start("place"), m.end())
            out.fields = dict(m.groupdict(), comma=",")
            return out
    for line in lines_of(head):
        m = rx.DATE_LINE.search(line.text)
        if m and not rx.NUMBER_WORD.search(line.text):
            out = line.sub(m.start("place"), m.end())
            out.fields = dict(m.groupdict(), comma=",")
            return out
    if pages[0].source == "ocr" and right is not None:  # figures OCR could not read ("ngày J2 tháng I] năm
        # 2025"): read tolerantly, in the right column only ("Căn cứ … ngày … tháng …" is no date line)
        for line in [*lines_of(right), right]:  # a line, else the column: "Lâm Đồng,\nngày …" on two lines
            m = rx.OCR_DATE_LINE.search(line.text)
            if m and not rx.NUMBER_WORD.search(m.group()):
                out = line.sub(m.start("place"), m.end())
                out.fields = dict(m.groupdict(), day=ocr_figures(m.group("day"), LAST_DAY),
                                  month=ocr_figures(m.group("month"), LAST_MONTH))
                return out
    return None


LAST_DAY, LAST_MONTH = 31, 12  # the largest day and month an OCR date line may give
# letters OCR reads for the figures 0 and 1 in a handwritten or stamped day or month ("I1", "l1", "I]", "O5")
_FIGURE_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "]": "1"})


def ocr_figures(text: str | None, highest: int) -> str | None:
    """A day or month of an OCR date line as figures: its look-alike letters read as figures ("I]" → "11"), a
    figure split in two joined ("2 8" → "28"); None when it still is not a number from 1 to ``highest`` ("J2",
    "?", "ÿ Š", "")."""
    figures = "".join((text or "").split()).translate(_FIGURE_LOOKALIKES)
    return figures if figures.isdigit() and 1 <= int(figures) <= highest else None


def national_title(head: Block | None) -> Block | None:
    """The Quốc hiệu line of the header: the line reading "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", else the last
    line that looks like an attempt at it ("CỘNG ÒA XÃ ỘI …", "CỘNG HÒA XÃ HỘI VIỆT NAM")."""
    if head is None:
        return None
    exact = re.compile(facts.format_constants()["quoc_hieu"]["regex"])
    best = None
    for line in lines_of(head):
        text = unify(collapse(line.text))
        if exact.search(text):
            line.fields = {"exact": "1"}
            return line
        f = fold(text)
        if "cong" in f and ("viet nam" in f or "xa hoi" in f or "chu nghia" in f):
            best = line
    return best


def motto(head: Block | None) -> Block | None:
    """The Tiêu ngữ line of the header: the first line with "Độc lập" (in any case and spelling)."""
    if head is None:
        return None
    return next((line for line in lines_of(head) if "doc lap" in fold(unify(collapse(line.text)))), None)


def number_line(head: Block | None) -> Block | None:
    """The "Số: …" line of the header (the number or a "/" after "Số"), with the field colon ("" when the
    colon is missing)."""
    if head is None:
        return None
    for line in lines_of(head):
        m = rx.NUMBER_LINE_START.search(line.text)
        if m and rx.NUMBER_OR_SLASH.search(line.text[m.end() :]):
            line.fields = {"colon": m.group("colon") or ""}
            return line
    return None


def _is_authority_line(text: str) -> bool:
    """An authority line (TM./KT./… or a head's title in capitals) starting at ``text``."""
    head = text[:DEFAULT_AUTHORITY_LINE_CHARS]  # "TM.\nỦY BAN …": OCR may put the prefix on a line of its own
    line = text.split("\n", 1)[0]
    return bool(rx.AUTHORITY_START.match(head) or (rx.HEAD_TITLE.match(head) and line.strip().isupper()))


def _located_signature(pages: list[Page]) -> Block | None:
    """The ``signature`` region when layout found one (the last page that has one), else the lines from the
    authority line on the last pages — the first one of a page, or the last when the page has many."""
    for p in reversed(pages):
        b = region_block(p, "signature")
        if b and b.text.strip():
            return b
    for p in reversed(pages[-DEFAULT_SIGNATURE_PAGES:]):
        starts = [m.start() for m in rx.LINE_START.finditer(p.text) if _is_authority_line(p.text[m.start() :])]
        if starts:
            s = starts[0] if len(starts) <= DEFAULT_MAX_AUTHORITY_LINES else starts[-1]
            end = min(len(p.text), s + DEFAULT_SIGNATURE_CHARS)
            return Block(p.number, s, end, p.text[s:end])
    return None


def signer_in_line(text: str) -> tuple[str, int] | None:
    """(name, offset in ``text``) when the line is a signer's name: alone on its line (after a degree or a rank),
    or the first of two names printed side by side (the signature blocks of a joint document)."""
    m = rx.SIGNER_NAME.match(text)
    if m:
        if m.group(1) in NOT_NAMES or text.isupper():
            return None
        return m.group(1), m.start(1)
    m = rx.SIDE_BY_SIDE_NAMES.match(text)
    first = first_of_side_by_side(m.group("names").split()) if m else None
    if first:
        at = re.search(r"\s+".join(map(re.escape, first.split())), text)
        return first, at.start()
    return None


def _may_stand_above_name(line: str) -> bool:
    """A line that may stand between an authority line and the signer's name: a title or body in capitals, an
    authority line, "(Đã ký)", or a few characters of noise (a stamp's trace, "[")."""
    t = rx.TRACE_AT_END.sub("", line.strip())
    return t.isupper() or len(t) <= DEFAULT_NOISE_LINE_CHARS or bool(rx.SIGNED_MARK.match(t)) or _is_authority_line(t)


def signed_blocks(page: Page) -> list[Block]:
    """The signature blocks of a page that carry a signer's name: from an authority line to the name found
    within ``DEFAULT_SIGNED_GAP_LINES`` non-blank lines after it, over titles, "(Đã ký)" or noise only."""
    lines = [(m.start(), m.group()) for m in rx.LINE_START.finditer(page.text)]
    out: list[Block] = []
    i = 0
    while i < len(lines):
        start, text = lines[i]
        if not _is_authority_line(page.text[start:]):
            i += 1
            continue
        seen, j = 0, i + 1
        while j < len(lines) and seen < DEFAULT_SIGNED_GAP_LINES:
            t = lines[j][1]
            if t.strip() and signer_in_line(t):
                end = lines[j][0] + len(t)
                out.append(Block(page.number, start, end, page.text[start:end]))
                break
            if t.strip():
                seen += 1
                if not _may_stand_above_name(t):
                    break
            j += 1
        i = j if out and out[-1].start == start else i + 1
    return out


def _has_name(pages: list[Page], b: Block) -> bool:
    """Does the block name its signer, in its first lines or (the block cut by the page end) at the top of the
    next page?"""
    lines = b.text.split("\n")[:DEFAULT_SIGNATURE_NAME_LINES]
    if b.page < len(pages):
        lines += pages[b.page].text.split("\n")[:DEFAULT_SIGNATURE_NAME_LINES]
    return any(signer_in_line(t) for t in lines)


def signature_block(pages: list[Page]) -> Block | None:
    """The signature block: the ``signature`` region when layout found one (the last page that has one), else
    the lines from the authority line (TM./KT./… or a head's title in capitals) on the last pages — the first
    one of a page, or the last when the page has many (a list of titles, not a signature).

    When that block names no signer (a form's "THỦ TRƯỞNG (Ký tên và đóng dấu)" in an appendix, the signature
    of a Công báo copy standing pages before the end, before its appendices), the last page holding a signed
    block gives it; and of several signed blocks on a page (a joint document), the first is the signature."""
    located = _located_signature(pages)
    if located is not None and _has_name(pages, located):
        first = signed_blocks(pages[located.page - 1])[:1]
        return first[0] if first and first[0].start < located.start else located
    for p in reversed(pages):
        found = signed_blocks(p)
        if found:
            return found[0]
    return located


def signature_lines(pages: list[Page], sig: Block | None, limit: int = DEFAULT_SIGNATURE_LINES) -> list[Block]:
    """The non-blank lines of the signature block, each a block.  When layout put the Nơi nhận and the signature
    side by side, the authority line printed just above "Nơi nhận:" ("KT. BỘ TRƯỞNG") is taken too."""
    if sig is None:
        return []
    lines = [line for line in lines_of(sig) if line.text.strip()]
    p = pages[sig.page - 1]
    rec = p.regions.get("recipients")
    if rec and "signature" in p.regions and sig.start == p.regions["signature"][0]:
        above = [line for line in lines_of(Block(p.number, 0, rec[0], p.text[: rec[0]])) if line.text.strip()]
        lines = [line for line in above[-DEFAULT_AUTHORITY_ABOVE_RECIPIENTS:] if _is_authority_line(line.text)] + lines
    return lines[:limit]


def recipients_block(pages: list[Page]) -> Block | None:
    """The Nơi nhận block: the ``recipients`` region (of the last page that has one), else from the last "Nơi
    nhận" line of the last page that has one, ``DEFAULT_RECIPIENTS_CHARS`` long at most."""
    for p in reversed(pages):
        b = region_block(p, "recipients")
        if b and b.text.strip():
            return b
    for p in reversed(pages):
        found = list(rx.RECIPIENTS.finditer(p.text))
        if found:
            m = found[-1]
            end = min(len(p.text), m.start() + DEFAULT_RECIPIENTS_CHARS)
            return Block(p.number, m.start(), end, p.text[m.start() : end])
    return None


def recipients_more(pages: list[Page], rec: Block | None) -> Block | None:
    """The top of the page after the Nơi nhận block, where a long list runs on; None on the last page."""
    if rec is None or rec.page >= len(pages):
        return None
    nxt = pages[rec.page]
    end = min(len(nxt.text), DEFAULT_RECIPIENTS_NEXT_PAGE_CHARS)
    return Block(nxt.number, 0, end, nxt.text[:end])


def effect_clause(pages: list[Page]) -> Block | None:
    """The document's own effect clause: "(Quyết định) này có hiệu lực (thi hành) (kể) từ ngày …"; a quoted or
    cited document's clause ("Thông tư số … có hiệu lực từ ngày …") comes second; failing an own clause, the
    last one with a document named as its subject (``rx.DOCUMENT_SUBJECT``).  Fields day, month, year (None for
    "từ ngày ký", "từ ngày thông qua" and "sau 45 ngày, kể từ ngày ký"), on_sign, on_pass, after_days.  The block
    runs from "có hiệu lực" to the end of its line, within ``DEFAULT_EFFECT_CLAUSE_MIN``–
    ``DEFAULT_EFFECT_CLAUSE_MAX`` characters after "từ (ngày)"."""
    text = PAGE_JOIN.join(p.text for p in pages)
    found = list(rx.EFFECTIVE.finditer(text))
    own = [m for m in found
           if rx.THIS_DOCUMENT.search(text[max(0, m.start() - DEFAULT_OWN_CLAUSE_LOOKBACK) : m.start()].rstrip())]
    named = [m for m in found if rx.DOCUMENT_SUBJECT.search(text, max(0, m.start() - DEFAULT_SUBJECT_LOOKBACK),
                                                            m.start())]
    m = (own or named[-1:] or [None])[0]
    if m is None:
        return None
    base = 0
    for p in pages:  # from the offset in the joined text to the page
        if m.start() < base + len(p.text):
            break
        base += len(p.text) + len(PAGE_JOIN)
    start = m.start() - base
    head = rx.EFFECT_HEAD.match(p.text, start)
    head_end = head.end() if head else m.end() - base
    line_end = p.text.find("\n", head_end + DEFAULT_EFFECT_CLAUSE_MIN)
    end = min(len(p.text) if line_end == -1 else line_end, head_end + DEFAULT_EFFECT_CLAUSE_MAX, len(p.text))
    end = max(end, min(m.end() - base, len(p.text)))  # the date itself is always inside
    return Block(p.number, start, end, p.text[start:end], fields=m.groupdict())


def fuzzy_type_word(line: str) -> str | None:
    """The type word a damaged upper-case line stands for ("NG Ị ĐỊN" → "NGHỊ ĐỊNH"),
    when the glyph map of the PDF lost letters; None when nothing is close."""
    from rapidfuzz import fuzz, process

    text = line.strip()
    if not text or len(text) > DEFAULT_FUZZY_TITLE_CHARS or not text.isupper():
        return None
    hit = process.extractOne(text, list(TYPE_NAMES), scorer=fuzz.ratio, score_cutoff=DEFAULT_FUZZY_TITLE_SCORE)
    return hit[0] if hit else None


def _sentence_case(text: str) -> str:
    if text.isupper():
        text = text.lower()
        return text[:1].upper() + text[1:]
    return text


def find_title(body: str) -> tuple[str | None, str | None, int | None, int | None]:
    """(type word, title, start, end) from the first lines of the body: the
    upper-case type word ("QUYẾT ĐỊNH") then the trích yếu lines.  Blank lines are not counted (a Công báo
    text puts running heads and blank lines above the type word); a trích yếu may run over
    ``DEFAULT_TITLE_MAX_LINES`` lines and ends at a blank line, the preamble, a line ending a sentence of the
    body (";" or ":"), an upper-case line after a sentence-case title (the issuing authority) or a rule line."""
    lines = body.split("\n")
    pos, seen = 0, 0
    for i, line in enumerate(lines):
        if seen >= DEFAULT_TITLE_LINES or rx.PREAMBLE_START.match(line):
            break  # the type word stands above the preamble: "QUY ĐỊNH CHUNG" under "Phần thứ nhất" is none
        seen += bool(line.strip())
        m = rx.TYPE_TITLE.match(line.strip()) or rx.TYPE_TITLE_AFTER_MARGIN.match(line.strip())
        if not m and (fuzzy := fuzzy_type_word(line)):
            m = rx.TYPE_TITLE.match(fuzzy)
        if m and line.strip().isupper() or (m and not m.group("rest").strip()):
            type_word = m.group("type")
            rest = m.group("rest").strip()
            title_lines = [] if (not rest or rest.startswith("CỦA ")) else [rest]
            start = pos + len(line) + 1
            end = start
            for nxt in lines[i + 1 : i + 1 + DEFAULT_TITLE_MAX_LINES]:
                if not nxt.strip() and not title_lines:
                    end += len(nxt) + 1  # blank lines between the type word and its trích yếu
                    continue
                if not nxt.strip() or rx.TITLE_STOP.match(nxt) or (title_lines and len(nxt) > DEFAULT_TITLE_LINE_CHARS):
                    break
                if title_lines and nxt.isupper() and not " ".join(title_lines).isupper():
                    break  # "THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN TỈNH …" after a sentence-case title
                if title_lines and nxt.isupper() and rx.HEAD_TITLE.match(nxt):
                    break  # "VIỆN TRƯỞNG VIỆN …" after a title in capitals: the issuing authority
                if rx.RULE_LINE.fullmatch(nxt) or (len(title_lines) >= DEFAULT_TITLE_LINES
                                                   and rx.BODY_LINE_END.search(nxt)):
                    break
                if title_lines and rx.IDENTITY_LINE.match(nxt) and not rx.CONNECTIVE_END.search(title_lines[-1]):
                    break  # a văn bản hợp nhất's note under its title: "Thông tư số … ngày … của …, có hiệu lực …"
                note = rx.FOOTNOTE_MARK.search(nxt.strip())
                title_lines.append(nxt.strip()[: note.start(1)] if note else nxt.strip())
                end += len(nxt) + 1
                if note:
                    break  # a văn bản hợp nhất marks its title's end with a footnote ("… đăng ký thuế1")
            if not title_lines:
                end = start
            title = collapse(" ".join(title_lines)).rstrip(".") or None
            start, end = min(start, len(body)), min(end, len(body))  # the last line has no newline to count
            return type_word, _sentence_case(title) if title else None, start, end
        pos += len(line) + 1
    return None, None, None, None


TYPE_NAMES = {
    "BỘ LUẬT": "Bộ luật", "QUYẾT ĐỊNH": "Quyết định", "NGHỊ QUYẾT": "Nghị quyết", "NGHỊ ĐỊNH": "Nghị định",
    "THÔNG TƯ": "Thông tư",
    "THÔNG TƯ LIÊN TỊCH": "Thông tư liên tịch", "LUẬT": "Luật", "PHÁP LỆNH": "Pháp lệnh", "CHỈ THỊ": "Chỉ thị",
    "BÁO CÁO": "Báo cáo", "TỜ TRÌNH": "Tờ trình", "KẾ HOẠCH": "Kế hoạch", "THÔNG BÁO": "Thông báo",
    "GIẤY MỜI": "Giấy mời", "CÔNG ĐIỆN": "Công điện", "HƯỚNG DẪN": "Hướng dẫn", "CHƯƠNG TRÌNH": "Chương trình",
    "PHƯƠNG ÁN": "Phương án", "ĐỀ ÁN": "Đề án", "DỰ ÁN": "Dự án", "BIÊN BẢN": "Biên bản", "HỢP ĐỒNG": "Hợp đồng",
    "QUY CHẾ": "Quy chế", "QUY ĐỊNH": "Quy định", "CÔNG VĂN": "Công văn", "LỆNH": "Lệnh",
    "GIẤY ỦY QUYỀN": "Giấy ủy quyền", "GIẤY GIỚI THIỆU": "Giấy giới thiệu",
}


def title_block(pages: list[Page]) -> Block | None:
    """The trích yếu under the type word on page 1 (empty when the type word stands alone), with the fields
    type_word ("QUYẾT ĐỊNH") and title (sentence case); None when no type word opens the body (a công văn)."""
    if not pages:
        return None
    p = pages[0]
    body = p.region("body") or p.text
    body_start = p.regions.get("body", (0, 0))[0]
    word, title, start, end = find_title(body)
    if word is None:  # layout may have taken the type word and the trích yếu into the header
        head = head_block(pages)
        if head is None or head.page != p.number:
            return None
        marks = []
        for m in rx.LINE.finditer(head.text):
            line = m.group().strip()
            if line.isupper() and rx.TYPE_TITLE.match(line):
                break  # the type word: header lines stand above it ("… ngày … tháng … năm" under it is a note)
            if rx.HEADER_LINE.search(line):
                marks.append(m.end())
        body_start = head.start + (marks[-1] + 1 if marks else 0)
        word, title, start, end = find_title(p.text[body_start:])
        if word is None and head.start > 0:  # the type word above what layout took for the header (a text without
            body_start = 0  # its header whose "Căn cứ Hiến pháp nước Cộng hòa xã hội …" looked like the Quốc hiệu)
            word, title, start, end = find_title(p.text[: head.start])
        if word is None:
            return None
    s, e = body_start + start, body_start + end
    return Block(p.number, s, e, p.text[s:e], fields={"type_word": word, "title": title})


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text``, blank ones too."""
    return [(m.start(), m.end()) for m in rx.LINE_START.finditer(text)]


def _is_consolidation_anchor(line: str) -> bool:
    """The seal line "XÁC THỰC VĂN BẢN HỢP NHẤT" or a "Số: N/VBHN-…" line: what an authentication block holds."""
    return bool(rx.CONSOLIDATION_SEAL.match(line) or rx.CONSOLIDATION_NUMBER_LINE.match(line))


def _authentication_at(page: Page, lines: list[tuple[int, int]], i: int) -> Block:
    """The authentication block around the anchor line ``lines[i]``: up over blank lines, anchors and the issuer
    in capitals (at most ``DEFAULT_CONSOLIDATION_UP_LINES`` lines), down over anchors, the date line, authority and
    title lines, "(Đã ký)" and noise to the signer's name (at most ``DEFAULT_CONSOLIDATION_DOWN_LINES`` lines)."""
    text = page.text
    start = lines[i][0]
    for s, e in reversed(lines[max(0, i - DEFAULT_CONSOLIDATION_UP_LINES) : i]):
        line = text[s:e].strip()
        if line and not (line.isupper() or _is_consolidation_anchor(text[s:e])):
            break
        if line:
            start = s
    end = lines[i][1]
    for s, e in lines[i + 1 : i + 1 + DEFAULT_CONSOLIDATION_DOWN_LINES]:
        line = text[s:e]
        if not line.strip():
            continue
        if signer_in_line(line):
            end = e
            break
        if not (_is_consolidation_anchor(line) or rx.DATE_LINE.search(line) or _may_stand_above_name(line)):
            break
        end = e
    return Block(page.number, start, end, text[start:end])


def consolidation_block(pages: list[Page], head: Block | None = None) -> Block | None:
    """The authentication block of a văn bản hợp nhất, which the Pháp lệnh Hợp nhất VBQPPL 2012 puts at the end of
    the consolidated text in place of a header: the body in capitals, "Số: 03/VBHN-BTC", "XÁC THỰC VĂN BẢN HỢP
    NHẤT", "Hà Nội, ngày …", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", the name (in this order or with the number and the
    seal swapped).  Found by its seal or its number line outside the header ``head``: of the blocks found so, the
    first that holds a number line, else the first."""
    first = None
    for p in pages:
        if not (rx.CONSOLIDATION_SEAL.search(p.text) or rx.CONSOLIDATION_NUMBER_LINE.search(p.text)):
            continue
        lines = _line_spans(p.text)
        for i, (s, e) in enumerate(lines):
            in_head = head is not None and head.page == p.number and head.start <= s < head.end
            if in_head or not _is_consolidation_anchor(p.text[s:e]):
                continue
            b = _authentication_at(p, lines, i)
            if rx.CONSOLIDATION_NUMBER_LINE.search(b.text):
                return b
            first = first or b
    return first


def consolidation_mark(pages: list[Page]) -> Block | None:
    """The "VĂN BẢN HỢP NHẤT - <BODY>" mark a văn bản hợp nhất prints at the top of page 1 (the Công báo's copy),
    among its first ``DEFAULT_MARK_LINES`` non-blank lines, with the field body: the name after the dash, or the
    lines in capitals right under a mark ending in the dash (None when none)."""
    if not pages:
        return None
    p = pages[0]
    lines = list(islice(((m.start(), m.end()) for m in rx.LINE.finditer(p.text) if m.group().strip()),
                        DEFAULT_MARK_LINES))  # the first lines only: a text may be one page of megabytes
    for k, (s, e) in enumerate(lines):
        m = rx.CONSOLIDATION_MARK.match(p.text[s:e])
        if not m:
            continue
        body, end = (m.group("body") or "").strip(), e
        if not body:  # "VĂN BẢN HỢP NHẤT -" / "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI": the name on the next lines
            names = []
            for s2, e2 in lines[k + 1 :]:
                line = p.text[s2:e2].strip()
                if (not line.isupper() or "\n\n" in p.text[end:s2].replace(" ", "").replace("\t", "")
                        or national_title(Block(p.number, s2, e2, p.text[s2:e2]))):
                    break  # a blank line or the Quốc hiệu ends the name (the header of the consolidated text follows)
                names.append(line)
                end = e2
            body = collapse(" ".join(names))
        return Block(p.number, s, end, p.text[s:end], fields={"body": body or None})
    return None


def consolidation_note(pages: list[Page], title: Block | None) -> Block | None:
    """The note a văn bản hợp nhất prints under its title: the identity of the text it consolidates, "Nghị định số
    … ngày … của …, có hiệu lực kể từ …, được sửa đổi, bổ sung bởi:" — a line opening with a type word right under
    the title and "được sửa đổi, bổ sung bởi" within ``DEFAULT_NOTE_CHARS`` of it, before the preamble.  The block
    runs from that line to those words."""
    if title is None:
        return None
    p = pages[title.page - 1]
    after = p.text[title.end : title.end + DEFAULT_NOTE_CHARS]
    first = next((m for m in rx.LINE.finditer(after) if m.group().strip()), None)
    if first is None or not rx.NOTE_OPENING.match(first.group()):
        return None
    preamble = rx.PREAMBLE_LINE.search(after)
    m = rx.AMENDED_BY.search(after, first.start(), preamble.start() if preamble else len(after))
    if m is None:
        return None
    s, e = title.end + first.start(), title.end + m.end()
    return Block(p.number, s, e, p.text[s:e])


def embedded_start(pages: list[Page]) -> Block | None:
    """The first Quốc hiệu line after the document's own (the first of page 1): a form ("Mẫu số 02 … QUYẾT ĐỊNH
    … Căn cứ …") or another document the file holds starts there; None when there is none."""
    for p in pages:
        found = list(islice(NATIONAL_TITLE.finditer(p.text), 2))
        m = found[0] if p.number > 1 and found else (found[1] if len(found) > 1 else None)
        if m:
            return Block(p.number, m.start(), m.end(), m.group(0))
    return None


def locate(doc: SourceDocument) -> Blocks:
    """Every block of the document's form, located once."""
    pages = doc.pages
    head = head_block(pages)
    sig = signature_block(pages)
    lines = signature_lines(pages, sig)
    rec = recipients_block(pages)
    title = title_block(pages)
    return Blocks(
        head=head,
        national_title=national_title(head),
        motto=motto(head),
        number_line=number_line(head),
        date_line=date_line(pages),
        title=title,
        effect_clause=effect_clause(pages),
        signature=sig,
        signature_lines=lines,
        authority=next((line for line in lines if rx.AUTHORITY.match(line.text)), None),
        recipients=rec,
        recipients_more=recipients_more(pages, rec),
        consolidation=consolidation_block(pages, head),
        consolidation_mark=consolidation_mark(pages),
        consolidation_note=consolidation_note(pages, title),
        embedded=embedded_start(pages),
    )

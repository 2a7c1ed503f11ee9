"""Header fields (thể thức) of a document: số ký hiệu, type, issuer, place and
date, title (trích yếu), signer, effective date.

The header is read from the regions that ``ingest.layout`` names on page 1
(``header_left``: issuer and number; ``header_right``: Quốc hiệu and date
line), the title from the first lines of the body, the signer from the
``signature`` region (or, failing that, the lines after the last authority
line of the document).
"""

from __future__ import annotations

import re
from datetime import date

from extract import regexes as rx
from extract.names import restore_marks
from rasoat import facts
from rasoat.gazetteer import issuer_from_symbol, resolve_issuer, split_issuer_lines
from rasoat.models import Header, SourceDocument
from rasoat.numbers import is_qppl, normalise_number, qh_term
from rasoat.vntext import collapse, fold, unify


def iso_date(day: str | None, month: str | None, year: str | None) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat() if day and month and year else None
    except ValueError:
        return None


_PLACE_BEFORE_COMMA = re.compile(r"^\s*([^\n,\d]{2,40}?)\s*,[^\n]*tháng", re.M)
_DAY = re.compile(r"ngày\s*(\d{1,2})\b")
_MONTH = re.compile(r"tháng\s*(\d{1,2})\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


def scattered_date(right: str) -> tuple[str | None, str | None]:
    """(place, ISO date) from a right header column whose date line came
    apart ("Hà Nội, tháng 12 2025" / "ngày 21 năm": a handwritten day that
    OCR put on a line of its own)."""
    place = _PLACE_BEFORE_COMMA.search(right)
    day, month, year = _DAY.search(right), _MONTH.search(right), _YEAR.search(right)
    issued = iso_date(day.group(1), month.group(1), year.group(1)) if day and month and year else None
    return (collapse(place.group(1)) if place else None), issued


def _type_from_symbol(symbol: str | None) -> str | None:
    if not symbol:
        return None
    if qh_term(symbol):
        return None  # Luật or Nghị quyết of QH: read the title word
    return facts.doc_type_name(symbol.split("-")[0])


def parse_number_line(text: str) -> tuple[str | None, str | None]:
    """(number, symbol) from the header's "Số: …" line; number None when blank
    or unreadable ("34#/QĐ-TTg": a handwritten number misread by OCR)."""
    m = rx.NUMBER_LINE.search(text)
    if not m:
        return None, None
    rest = normalise_number(m.group("rest"))
    symbol = rest.lstrip("/")
    if "/" in symbol:  # "2024/QĐ-UBND"
        head, _, tail = symbol.partition("/")
        symbol = tail if head.isdigit() else symbol
    if not symbol:
        return None, None
    if m.group("num") and not m.group("junk") and not m.group("prejunk"):
        return normalise_number(m.group("num") + m.group("rest")), symbol
    return None, symbol


_NAME_WORD = r"[A-ZĐÀ-Ỹ][a-zà-ỹđ]+"
SIGNER_NAME = re.compile(r"^\s*(?:(?:TS|ThS|PGS\.TS|GS\.TS|PGS|GS|BS|KS|CN|Ông|Bà)\.?\s+)?(" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){1,4})\s*$")
_NAME_AFTER_RECIPIENT = re.compile(r"[;.]\s+(" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){1,4})\s*$")
_AUTH_LINE = re.compile(
    r"^\s*(TM\.|KT\.|Q\.|TL\.|TUQ\.|CHỦ TỊCH|PHÓ CHỦ TỊCH|THỦ TƯỚNG|PHÓ THỦ TƯỚNG|BỘ TRƯỞNG|THỨ TRƯỞNG|GIÁM ĐỐC|"
    r"PHÓ GIÁM ĐỐC|CHÁNH VĂN PHÒNG|PHÓ CHÁNH VĂN PHÒNG|CHỦ NHIỆM|PHÓ CHỦ NHIỆM|TRƯỞNG BAN|PHÓ TRƯỞNG BAN|"
    r"CỤC TRƯỞNG|VỤ TRƯỞNG|CHÁNH THANH TRA|TỔNG KIỂM TOÁN|CHỦ TỊCH NƯỚC)"
)
_NOT_NAMES = {"Nơi Nhận", "Như Trên"}


def _authority(lines: list[str]) -> str | None:
    """The signing-authority prefixes in order: "TM.", "KT.", "TM. KT.", "TL. KT."…"""
    prefixes = [m.group("auth") + "." for line in lines if (m := rx.AUTHORITY.match(line))]
    return " ".join(prefixes) or None


def find_signature(doc: SourceDocument) -> tuple[str | None, str | None, str | None, tuple[int, int, int] | None]:
    """(signer, authority prefix, signer title, span) from the signature block."""
    candidates: list[tuple[int, int, str]] = []  # (page, offset, block text)
    for p in doc.pages:
        if "signature" in p.regions:
            candidates.append((p.number, p.regions["signature"][0], p.region("signature")))
    if not candidates:  # no Nơi nhận: look for the last authority line of the document
        for p in reversed(doc.pages[-3:] if len(doc.pages) > 3 else doc.pages):
            starts = [m.start() for m in re.finditer(r"(?m)^.*$", p.text) if _AUTH_LINE.match(p.text[m.start():m.start() + 40])]
            if starts:
                candidates.append((p.number, starts[-1] if len(starts) == 1 else starts[0], p.text[starts[0]:]))
                break
    for page, offset, block in candidates[:1]:
        lines = block.split("\n")
        if not any(SIGNER_NAME.match(l) for l in lines) and page < len(doc.pages):
            # the name went over to the next page (common when the signature block is split)
            nxt = doc.pages[page]
            head = "\n".join(l for l in nxt.text.split("\n")[:8] if not l.startswith("-"))
            m = next((m for m in (SIGNER_NAME.match(l) for l in head.split("\n")) if m), None)
            if not m:  # "- Cơ quan Trung ương của các đoàn thể; Vũ Thị Mai": the name beside a recipient line
                m = next((m for l in nxt.text.split("\n")[:12] if (m := _NAME_AFTER_RECIPIENT.search(l))), None)
            if m:
                start = nxt.text.index(m.group(1))
                auth = _authority(lines)
                titles = [l.strip() for l in lines if _AUTH_LINE.match(l) and not rx.AUTHORITY.match(l)]
                return m.group(1), auth, titles[-1] if titles else None, (nxt.number, start, start + len(m.group(1)))
        auth = _authority(lines)
        titles = [l.strip() for l in lines if _AUTH_LINE.match(l) and not rx.AUTHORITY.match(l)]
        pos = 0
        for line in lines[:12]:
            m = SIGNER_NAME.match(line)
            if m and m.group(1) not in _NOT_NAMES and not line.isupper():
                start = offset + pos + m.start(1)
                return m.group(1), auth, titles[-1] if titles else None, (page, start, start + len(m.group(1)))
            pos += len(line) + 1
        return None, auth, titles[-1] if titles else None, None
    return None, None, None, None


def _sentence_case(text: str) -> str:
    if text.isupper():
        text = text.lower()
        return text[:1].upper() + text[1:]
    return text


_TITLE_STOP = re.compile(
    r"^\s*(Căn cứ|Kính gửi|Thực hiện|Theo đề nghị|Xét|Để|Trong|Hôm nay|Ngày|I\.|1\.|Điều 1|Chương|Phần|"
    r"ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|CHÍNH PHỦ|THỦ TƯỚNG CHÍNH PHỦ|BỘ TRƯỞNG|HỘI ĐỒNG NHÂN DÂN|CHỦ TỊCH|QUỐC HỘI|GIÁM ĐỐC|Đến nay)"
)


def _fuzzy_type_word(line: str) -> str | None:
    """The type word a damaged upper-case line stands for ("NG Ị ĐỊN" → "NGHỊ ĐỊNH"),
    when the glyph map of the PDF lost letters; None when nothing is close."""
    from rapidfuzz import fuzz, process

    text = line.strip()
    if not text or len(text) > 25 or not text.isupper():
        return None
    hit = process.extractOne(text, list(_TYPE_NAMES), scorer=fuzz.ratio, score_cutoff=75)
    return hit[0] if hit else None


def find_title(body: str) -> tuple[str | None, str | None, int | None, int | None]:
    """(type word, title, start, end) from the first lines of the body: the
    upper-case type word ("QUYẾT ĐỊNH") then the trích yếu lines."""
    lines = body.split("\n")
    pos = 0
    for i, line in enumerate(lines[:6]):
        m = rx.TYPE_TITLE.match(line.strip()) or rx.TYPE_TITLE_AFTER_MARGIN.match(line.strip())
        if not m and (fuzzy := _fuzzy_type_word(line)):
            m = rx.TYPE_TITLE.match(fuzzy)
        if m and line.strip().isupper() or (m and not m.group("rest").strip()):
            type_word = m.group("type")
            rest = m.group("rest").strip()
            title_lines = [] if (not rest or rest.startswith("CỦA ")) else [rest]
            start = pos + len(line) + 1
            end = start
            for nxt in lines[i + 1 : i + 6]:
                if not nxt.strip() or _TITLE_STOP.match(nxt) or (title_lines and len(nxt) > 110):
                    break
                if title_lines and nxt.isupper() and not " ".join(title_lines).isupper():
                    break  # "THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN TỈNH …" after a sentence-case title
                if re.fullmatch(r"[-_–—.\s]+", nxt):
                    break
                title_lines.append(nxt.strip())
                end += len(nxt) + 1
            title = collapse(" ".join(title_lines)).rstrip(".") or None
            return type_word, _sentence_case(title) if title else None, start, end
        pos += len(line) + 1
    return None, None, None, None


_TYPE_NAMES = {
    "QUYẾT ĐỊNH": "Quyết định", "NGHỊ QUYẾT": "Nghị quyết", "NGHỊ ĐỊNH": "Nghị định", "THÔNG TƯ": "Thông tư",
    "THÔNG TƯ LIÊN TỊCH": "Thông tư liên tịch", "LUẬT": "Luật", "PHÁP LỆNH": "Pháp lệnh", "CHỈ THỊ": "Chỉ thị",
    "BÁO CÁO": "Báo cáo", "TỜ TRÌNH": "Tờ trình", "KẾ HOẠCH": "Kế hoạch", "THÔNG BÁO": "Thông báo",
    "GIẤY MỜI": "Giấy mời", "CÔNG ĐIỆN": "Công điện", "HƯỚNG DẪN": "Hướng dẫn", "CHƯƠNG TRÌNH": "Chương trình",
    "PHƯƠNG ÁN": "Phương án", "ĐỀ ÁN": "Đề án", "DỰ ÁN": "Dự án", "BIÊN BẢN": "Biên bản", "HỢP ĐỒNG": "Hợp đồng",
    "QUY CHẾ": "Quy chế", "QUY ĐỊNH": "Quy định", "CÔNG VĂN": "Công văn", "LỆNH": "Lệnh",
    "GIẤY ỦY QUYỀN": "Giấy ủy quyền", "GIẤY GIỚI THIỆU": "Giấy giới thiệu",
}


def type_name(title_word: str | None) -> str | None:
    return _TYPE_NAMES.get(title_word or "")


_THIS_DOCUMENT = re.compile(r"\bnày\s*(?:\([^)]*\)\s*)?$")


def effect_clause(text: str):
    """The document's own effect clause: "(Quyết định) này có hiệu lực … từ
    ngày …"; a quoted or cited document's clause ("Thông tư số … có hiệu lực")
    comes second.  Falls back to the last such clause."""
    found = list(rx.EFFECTIVE.finditer(text))
    own = [m for m in found if _THIS_DOCUMENT.search(text[max(0, m.start() - 40) : m.start()].rstrip())]
    return (own or found[-1:] or [None])[0]


def extract_header(doc: SourceDocument) -> Header:
    h = Header()
    if not doc.pages:
        return h
    p1 = doc.pages[0]
    left = p1.region("header_left") or p1.region("header")
    right = p1.region("header_right") or p1.region("header")
    body = p1.region("body") or p1.text
    body_start = p1.regions.get("body", (0, 0))[0]

    # Số ký hiệu: the "Số:" line of the left column
    for line in left.split("\n"):
        if re.search(r"\bSố\b|số\s*:", line):
            h.number, h.symbol = parse_number_line(line)
            if h.symbol:
                offset = (p1.regions.get("header_left") or p1.regions.get("header") or (0, 0))[0] + left.index(line)
                h.spans["number"] = (1, offset, offset + len(line))
                break

    # Issuer: the lines above "Số:" in the left column
    issuer_lines = []
    for line in left.split("\n"):
        if re.search(r"\bSố\b|số\s*:|V/v", line):
            break
        if re.search(r"CỘNG HÒA|CỘNG HOÀ", unify(line)):
            line = re.split(r"CỘNG H", unify(line))[0]
        if line.strip() and not re.fullmatch(r"[-_–—.\s]+", line) and line.isupper() and ":" not in line:
            # issuer lines are upper case; a signature box ("Cơ quan phát hành: …") is not
            issuer_lines.append(line.strip())
    h.issuer, h.parent_issuer = split_issuer_lines(issuer_lines) if issuer_lines else (None, None)
    if h.symbol and (not h.issuer or not resolve_issuer(h.issuer)):
        # no issuer block, or one the gazetteer cannot place (a damaged glyph map
        # prints "C N P Ủ" for "CHÍNH PHỦ"): the symbol names the issuer
        h.issuer = issuer_from_symbol(h.symbol) or h.issuer
    elif h.issuer and p1.source == "ocr":
        known = resolve_issuer(h.issuer)  # OCR misreads marks ("LÂM ĐÒNG"): the gazetteer spells the name
        if known and fold(known["name"]) == fold(h.issuer):
            h.issuer = known["name"]

    # Place and date
    m = rx.DATE_LINE.search(right)
    if m:
        h.place = collapse(m.group("place")).strip(" ,")
        h.issued_on = iso_date(m.group("day"), m.group("month"), m.group("year"))
        offset = (p1.regions.get("header_right") or p1.regions.get("header") or (0, 0))[0]
        h.spans["date"] = (1, offset + m.start("place"), offset + m.end())
    elif "header_right" in p1.regions:
        h.place, h.issued_on = scattered_date(right)

    # Type and title
    type_word, title, ts, te = find_title(body)
    h.doc_type = type_name(type_word) or _type_from_symbol(h.symbol)
    h.title = title
    if ts is not None:
        h.spans["title"] = (1, body_start + ts, body_start + te)
    vv = re.search(r"V/v\s*(?P<t>.+?)(?=\n\S*(?:CỘNG|$)|\Z)", left, re.S)
    if vv and not title:
        h.title = collapse(vv.group("t")).rstrip(".")
    if not h.doc_type and h.symbol and vv:
        h.doc_type = "Công văn"
    if not h.doc_type and h.symbol and not facts.doc_type_name(h.symbol.split("-")[0]):
        h.doc_type = "Công văn"

    # Luật / Nghị quyết of QH: the passing date closes the text
    full = doc.text
    if not h.issued_on and h.symbol and qh_term(h.symbol):
        m = rx.PASSED_ON.search(full)
        if m:
            h.issued_on = iso_date(m.group("day"), m.group("month"), m.group("year"))

    m = effect_clause(full)
    if m and m.group("year"):
        h.effective_on = iso_date(m.group("day"), m.group("month"), m.group("year"))

    h.signer, h.signing_authority, h.signer_title, span = find_signature(doc)
    if span:
        h.spans["signer"] = span
        if doc.pages[span[0] - 1].source == "ocr":
            h.signer = restore_marks(h.signer)  # OCR drops marks from bold names: "Pham Thi" → "Phạm Thị"
    elif not h.signer and doc.meta.get("signature", {}).get("signer"):
        h.signer = doc.meta["signature"]["signer"]  # the digital signature names the person who signed
    h.is_qppl = is_qppl(h.number, h.symbol)
    if h.doc_type == "Luật":
        h.is_qppl = True
    return h

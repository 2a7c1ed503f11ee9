"""Rules on the số, ký hiệu of a document (NĐ 30/2020/NĐ-CP Phụ lục I, mục II.3;
Luật 80/2015/QH13 Điều 10; Luật 64/2025/QH15 Điều 7; NĐ 34/2016/NĐ-CP Điều 58)."""

from __future__ import annotations

from rasoat import facts
from rasoat.gazetteer import issuers_from_symbol, resolve_issuer
from rasoat.numbers import is_qppl_type, normalise_number, number_year, parse, qh_term, type_abbr
from rules import patterns as pt
from rules.base import finding, rule
from rules.context import (
    Block,
    has_header,
    is_party_document,
    issued_on,
    issuer_record,
    looks_qppl,
    ocr_tolerant,
    qppl_type,
    title_word,
)

CAT = "Số, ký hiệu"


def _number_span(doc) -> dict:
    span = doc.extraction.header.spans.get("number")
    return dict(page=span[0], start=span[1], end=span[2]) if span else dict(page=1)


def number_line(doc) -> Block | None:
    """The printed "Số: …" line of the header."""
    span = doc.extraction.header.spans.get("number")
    if not span or not doc.source.pages:
        return None
    page = doc.source.pages[span[0] - 1]
    return Block(span[0], span[1], span[2], page.text[span[1] : span[2]])


def printed_symbol(doc) -> str | None:
    """The ký hiệu as printed, spaces inside it removed ("/B C-UBND" → "BC-UBND"); extraction's ``symbol``
    stops at a space inside the ký hiệu."""
    line = number_line(doc)
    sym = doc.extraction.header.symbol
    if line is None:
        return sym
    m = pt.PRINTED_SYMBOL.search(line.text)
    if not m:
        return sym
    raw = normalise_number(m.group("sym"))
    raw = pt.SYMBOL_END.split(raw)[0]
    return raw or sym


@rule("NUM001", "Số ký hiệu văn bản QPPL thiếu năm ban hành", CAT, "error",
      "Luật 80/2015/QH13, Điều 10; Luật 64/2025/QH15, Điều 7 khoản 3; NĐ 34/2016/NĐ-CP, Điều 58",
      fix="Bổ sung năm ban hành vào số ký hiệu văn bản QPPL (dạng Số: …/YYYY/…).")
def qppl_number_without_year(doc):
    h = doc.extraction.header
    if not h.number or not h.symbol or number_year(h.number):
        return
    if looks_qppl(doc) and qppl_type(doc):
        yield finding(f"Văn bản quy phạm pháp luật nhưng số ký hiệu {h.number} không có năm ban hành "
                      f"(đúng dạng: {h.number.split('/')[0]}/<năm>/{h.symbol})", evidence=h.number, **_number_span(doc))


@rule("NUM002", "Văn bản hành chính ghi năm ban hành trong số ký hiệu", CAT, "error",
      "NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.3(b)",
      fix="Bỏ năm ban hành khỏi số ký hiệu văn bản hành chính (dạng Số: …/…-…).")
@ocr_tolerant
def administrative_number_with_year(doc):
    h = doc.extraction.header
    year = number_year(h.number)
    if not year or not h.symbol:
        return
    abbr = type_abbr(h.symbol)
    t = facts.doc_type(abbr)
    parts = parse(h.symbol)
    # Only types that are not QPPL in that year: a Quyết định or Nghị quyết with a year is read as a QPPL.
    if t is None or qh_term(h.symbol) or is_qppl_type(abbr, year, parts.issuer if parts else None):
        return
    d = issued_on(doc)
    if d and d.year < 2016:
        return  # older practice varied (the shared facts: "except under pre-2016 practice")
    yield finding(f"{t['name']} là văn bản hành chính: số ký hiệu không ghi năm ({h.number} → "
                  f"{h.number.split('/')[0]}/{h.symbol})", evidence=h.number, **_number_span(doc))


@rule("NUM003", "Năm trong số ký hiệu khác năm ký ban hành", CAT, "error",
      "NĐ 30/2020/NĐ-CP, Điều 15; Luật 80/2015/QH13, Điều 10 khoản 1; Luật 64/2025/QH15, Điều 7 khoản 3",
      fix="Sửa năm trong số ký hiệu cho trùng với năm ký ban hành.")
@ocr_tolerant
def number_year_differs_from_date(doc):
    h = doc.extraction.header
    year, d = number_year(h.number), issued_on(doc)
    if year and d and year != d.year:
        yield finding(f"Số ký hiệu {h.number} ghi năm {year} nhưng văn bản ký (thông qua) ngày "
                      f"{d:%d/%m/%Y}", evidence=h.number, **_number_span(doc))


def _type_check(doc):
    """(printed abbreviation, abbreviation expected from the title word, title word) or None."""
    h = doc.extraction.header
    if not has_header(doc) or is_party_document(doc) or not h.symbol or qh_term(h.symbol):
        return None
    symbol = printed_symbol(doc) or h.symbol
    if "-" not in symbol:
        return None
    word = title_word(doc)
    if word is None:
        return None  # a công văn: its ký hiệu starts with the issuer, not a type
    return type_abbr(symbol), facts.title_word_to_abbr(word), word


@rule("NUM004", "Chữ viết tắt tên loại văn bản không có trong Phụ lục III NĐ 30/2020", CAT, "error",
      "NĐ 30/2020/NĐ-CP, Điều 7, Phụ lục III mục I; Luật 80/2015/QH13, Điều 4",
      fix="Dùng đúng chữ viết tắt tên loại văn bản theo Phụ lục III Nghị định 30/2020/NĐ-CP.")
@ocr_tolerant
def unknown_type_abbreviation(doc):
    got = _type_check(doc)
    if not got:
        return
    abbr, expected, word = got
    if facts.doc_type(abbr):
        return
    loose = facts.doc_type(abbr, strict=False)
    if loose and loose["abbr"]:
        msg = f"Chữ viết tắt \"{abbr}\" phải viết đúng hoa thường là \"{loose['abbr']}\""
    else:
        msg = f"Chữ viết tắt tên loại \"{abbr}\" không có trong bảng viết tắt (Phụ lục III)"
        if expected:
            msg += f"; {word.lower()} viết tắt là \"{expected}\""
    yield finding(msg, evidence=number_line(doc).text if number_line(doc) else abbr, **_number_span(doc))


@rule("NUM005", "Chữ viết tắt tên loại không khớp với tên loại in trên văn bản", CAT, "error",
      "NĐ 30/2020/NĐ-CP, Phụ lục I mục II.3(b), Phụ lục III mục I",
      fix="Sửa chữ viết tắt tên loại trong ký hiệu cho khớp với tên loại in trên văn bản (hoặc ngược lại).")
@ocr_tolerant
def type_abbreviation_mismatch(doc):
    got = _type_check(doc)
    if not got:
        return
    abbr, expected, word = got
    t = facts.doc_type(abbr)
    if t is None or expected is None or abbr == expected:
        return
    yield finding(f"Tên loại in trên văn bản là \"{word}\" (viết tắt {expected}) nhưng số ký hiệu ghi \"{abbr}\" "
                  f"({t['name']})", evidence=number_line(doc).text if number_line(doc) else abbr, **_number_span(doc))


_COMPATIBLE = {frozenset({"ubnd", "chu_tich_ubnd"}), frozenset({"chinh_phu", "thu_tuong"})}
_NAMED_BY_FIELD = {"bo", "co_quan_ngang_bo", "so"}  # "Bộ Tài chính" ≠ "Bộ Tư pháp": the field names the body


def same_body(by_code: dict, own: dict) -> bool:
    """Is the body named by a ký hiệu code the issuing body?  Kinds must agree (UBND ~ Chủ tịch UBND);
    ministries and departments must also agree by name."""
    k1, k2 = by_code["kind"], own["kind"]
    if k1 != k2:
        return frozenset({k1, k2}) in _COMPATIBLE
    if k1 in _NAMED_BY_FIELD and by_code["known"] and own["known"]:
        return own["name"].startswith(by_code["name"])
    return True


@rule("NUM006", "Chữ viết tắt cơ quan trong ký hiệu không khớp cơ quan ban hành", CAT, "warning",
      "NĐ 30/2020/NĐ-CP, Phụ lục I mục II.3(b)",
      fix="Sửa chữ viết tắt tên cơ quan trong ký hiệu cho khớp với cơ quan ban hành.")
def issuer_abbreviation_mismatch(doc):
    h = doc.extraction.header
    if not has_header(doc) or not h.symbol or not h.issuer or is_party_document(doc):
        return
    if type_abbr(h.symbol) in ("TTLT", "NQLT"):
        return  # joint documents name several bodies
    names = issuers_from_symbol(h.symbol)
    if not names or names[0] is None:
        return  # abbreviations are chosen by each body: an unknown one is not an error
    by_code = resolve_issuer(names[0])
    own = issuer_record(doc)
    if not by_code or not own or own.get("fuzzy_score") or same_body(by_code, own):
        return
    yield finding(f"Ký hiệu {h.symbol} ghi cơ quan {names[0]}, nhưng cơ quan ban hành là {h.issuer}",
                  evidence=h.number or h.symbol, **_number_span(doc))


@rule("NUM007", "Số văn bản nhỏ hơn 10 thiếu số 0 ở trước", CAT, "warning",
      "NĐ 30/2020/NĐ-CP, Phụ lục I mục II.3(a)",
      fix="Ghi số văn bản nhỏ hơn 10 có số 0 ở trước (01, 02, …, 09).")
@ocr_tolerant
def number_without_leading_zero(doc):
    h = doc.extraction.header
    m = pt.NUMBER_HEAD.match(h.number or "")
    if m and len(m.group(1)) == 1 and m.group(1) != "0":
        yield finding(f"Số {m.group(1)} nhỏ hơn 10 phải ghi thêm số 0 ở trước: {h.number} → 0{h.number}",
                      evidence=h.number, **_number_span(doc))


@rule("NUM008", "Khóa Quốc hội trong ký hiệu không khớp thời điểm ban hành", CAT, "error",
      "Luật 80/2015/QH13, Điều 10 khoản 2–3; Luật 64/2025/QH15, Điều 7",
      fix="Sửa khóa Quốc hội trong ký hiệu cho đúng khóa đang hoạt động vào ngày ban hành.")
def qh_term_mismatch(doc):
    h = doc.extraction.header
    qh = qh_term(h.symbol)
    d = issued_on(doc)
    if not qh or not d:
        return
    term = qh[1]
    if facts.qh_term_ok(term, d) is False:
        yield finding(f"Ký hiệu {h.symbol}: văn bản thông qua ngày {d:%d/%m/%Y} không thuộc Quốc hội khóa {term}",
                      evidence=h.number or h.symbol, **_number_span(doc))

"""Rules on dates: calendar validity, the form of the date line, the date of
entry into force of a QPPL, dates in the future."""

from __future__ import annotations

from datetime import date

from rasoat import facts
from rasoat.numbers import qh_term
from rules import patterns as pt
from rules.base import finding, rule
from rules.context import (
    Block,
    body_blocks,
    date_line,
    has_header,
    is_party_document,
    issued_on,
    issuer_record,
    looks_qppl,
    ocr_tolerant,
)

CAT = "Ngày tháng"


def _valid(day: int, month: int, year: int) -> bool:
    try:
        date(year, month, day)
        return True
    except ValueError:
        return False


@rule("DAT001", "Ngày tháng không có thật (ngày không tồn tại trong lịch)", CAT, "error",
      "NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.4",
      fix="Sửa ngày, tháng, năm cho đúng lịch (đối chiếu với bản gốc của văn bản được nêu).")
@ocr_tolerant
def impossible_date(doc):
    for p in doc.source.pages:
        for pattern in (pt.WORDS, pt.NUMERIC):
            for m in pattern.finditer(p.text):
                d, mo, y = int(m.group("day")), int(m.group("month")), int(m.group("year"))
                if pattern is pt.NUMERIC and (mo > 12 or d > 31):
                    continue  # "45/12/2024" is no date but something else (a ratio, a code)
                if len(m.group("year")) == 4 and _valid(d, mo, y):
                    continue
                yield finding(f"\"{m.group(0)}\" không phải là một ngày có thật", page=p.number, start=m.start(),
                              end=m.end(), evidence=m.group(0))


def _is_law_of_qh(doc) -> bool:
    """Luật, Pháp lệnh and Nghị quyết of QH/UBTVQH put their date at the end, not in a header date line."""
    return bool(qh_term(doc.extraction.header.symbol))


@rule("DAT002", "Dòng địa danh, ngày tháng không đúng dạng \"Địa danh, ngày DD tháng MM năm YYYY\"", CAT, "warning",
      "NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.4",
      fix="Viết dòng địa danh, ngày tháng theo mẫu \"Địa danh, ngày … tháng … năm …\" (ngày dưới 10 và tháng "
          "1, 2 có số 0 ở trước).")
@ocr_tolerant
def date_line_form(doc):
    if not has_header(doc) or _is_law_of_qh(doc) or is_party_document(doc):
        return
    line = date_line(doc)
    if not line:
        return
    m = line.fields  # what extraction matched: place, comma, day, month, year
    day, month = m["day"], m["month"]
    if not day or not month:
        return  # a draft: the date is left blank to be filled when signed
    ev = dict(evidence=line.text.strip(), **line.span())
    if not m["comma"]:
        yield finding(f"Thiếu dấu phẩy sau địa danh \"{m['place'].strip()}\"", **ev)
    if int(day) < 10 and len(day) == 1:
        yield finding(f"Ngày nhỏ hơn 10 phải ghi thêm số 0 ở trước: \"ngày {day}\" → \"ngày 0{day}\"", **ev)
    if int(month) in (1, 2) and len(month) == 1:
        yield finding(f"Tháng 1, 2 phải ghi thêm số 0 ở trước: \"tháng {month}\" → \"tháng 0{month}\"", **ev)
    if int(month) >= 3 and len(month) == 2 and month.startswith("0"):
        yield finding(f"Chỉ tháng 1, 2 ghi số 0 ở trước: \"tháng {month}\" → \"tháng {int(month)}\"",
                      severity="info", **ev)
    place = m["place"].strip()
    if pt.CITY_ABBREVIATION.match(place):
        yield finding(f"Địa danh mang tên người phải viết đầy đủ: \"{place}\" → "
                      f"\"Thành phố {place.split(None, 1)[1]}\"", **ev)


DEFAULT_SPECIAL_WINDOW = 300  # characters either side of the effect clause searched for a special case
_LEVEL_NAMES = {"central": "cơ quan trung ương", "province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã"}


def claims_shortened_procedure(doc, clause: Block | None = None) -> bool:
    if any(pt.SHORTENED.search(p.text) for p in doc.source.pages):
        return True
    if clause is None:
        return False
    text = doc.source.pages[clause.page - 1].text
    around = text[max(0, clause.start - DEFAULT_SPECIAL_WINDOW) : clause.end + DEFAULT_SPECIAL_WINDOW]
    return bool(pt.SPECIAL.search(around))


def _gap_row(level: str, d: date) -> dict | None:
    reg = facts.regime_on(d)
    return next((r for r in facts.load("effect_rules")["min_gap_days"] if r["regime"] == reg and r["level"] == level),
                None)


@rule("DAT003", "Ngày có hiệu lực sớm hơn thời hạn tối thiểu sau ngày ký (thông qua)", CAT, "error",
      "Luật 80/2015/QH13, Điều 151; Luật 64/2025/QH15, Điều 53",
      fix="Quy định ngày có hiệu lực không sớm hơn thời hạn tối thiểu sau ngày ký (thông qua), trừ khi văn "
          "bản được ban hành theo thủ tục rút gọn.")
def effective_too_early(doc):
    h = doc.extraction.header
    signed, effective = issued_on(doc), facts.as_date(h.effective_on)
    if not signed or not effective or not looks_qppl(doc):
        return
    rec = issuer_record(doc)
    level = rec["level"] if rec else ("central" if _is_law_of_qh(doc) else None)
    row = _gap_row(level, signed) if level else None
    if row is None:
        return
    gap = (effective - signed).days
    if gap >= row["days"]:
        return
    clause = doc.extraction.blocks.effect_clause  # the document's own clause, as extraction chose it
    where = clause.span() if clause else dict(page=1)
    msg = (f"Ký (thông qua) ngày {signed:%d/%m/%Y}, có hiệu lực ngày {effective:%d/%m/%Y}: cách {gap} ngày, "
           f"văn bản QPPL của {_LEVEL_NAMES[level]} phải cách ít nhất {row['days']} ngày ({row['source']})")
    if claims_shortened_procedure(doc, clause):
        yield finding(msg + "; văn bản nêu thủ tục rút gọn/trường hợp đặc biệt — cần xem xét", severity="info",
                      evidence=clause.text if clause else "", **where)
    elif "chưa xác minh" in (row.get("note") or ""):
        yield finding(msg + " — quy định theo Luật 87/2025 chưa được xác minh", severity="warning",
                      evidence=clause.text if clause else "", **where)
    else:
        yield finding(msg, evidence=clause.text if clause else "", **where)


@rule("DAT004", "Văn bản QPPL \"có hiệu lực kể từ ngày ký\"", CAT, "error",
      "Luật 80/2015/QH13, Điều 151; Luật 64/2025/QH15, Điều 53; NĐ 78/2025/NĐ-CP, Điều 67",
      fix="Văn bản QPPL không có hiệu lực kể từ ngày ký (trừ trường hợp luật cho phép): ghi một ngày có hiệu "
          "lực cụ thể, đủ thời hạn tối thiểu.")
def qppl_effective_on_signing(doc):
    if not looks_qppl(doc):
        return
    for b in body_blocks(doc):
        for m in pt.ON_SIGNING.finditer(b.text):
            shortened = claims_shortened_procedure(doc, b.sub(m.start(), m.end()))
            msg = ("Văn bản quy phạm pháp luật phải ghi rõ ngày, tháng, năm có hiệu lực, không sớm hơn thời hạn "
                   "tối thiểu sau ngày ký")
            yield finding(msg + ("; văn bản nêu thủ tục rút gọn — cần xem xét" if shortened else ""),
                          severity="info" if shortened else None, evidence=m.group(0),
                          **b.sub(m.start(), m.end()).span())


@rule("DAT005", "Ngày ký ban hành ở tương lai", CAT, "error", "NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.4",
      fix="Kiểm tra lại ngày ký: ngày ký ban hành không thể sau ngày hiện tại.")
def signed_in_future(doc, today: date | None = None):
    d = issued_on(doc)
    today = today or date.today()
    if d and d > today:
        line = date_line(doc)
        where = line.span() if line else dict(page=1)
        yield finding(f"Ngày ký {d:%d/%m/%Y} sau ngày kiểm tra {today:%d/%m/%Y}",
                      evidence=line.text.strip() if line else doc.extraction.header.issued_on, **where)

"""Rules on who issued the document: the issuing body exists on the signing
date, and may issue that type of QPPL under the law of that date."""

from __future__ import annotations

from datetime import date

from rasoat import facts
from rasoat.gazetteer import issuer_from_symbol, resolve_issuer
from rasoat.models import Region
from rasoat.numbers import qh_term, type_abbr
from rules.base import finding, rule
from rules.context import LAW_2015_FROM, issued_on, issuer_record, looks_qppl, region_block

# Bodies that never issue QPPL (Luật 80/2015 Điều 4 and Luật 64/2025 Điều 4 list every QPPL issuer).
NON_QPPL_KINDS = {"so": "Sở", "phong": "Phòng", "chi_cuc": "Chi cục", "cuc": "Cục", "tong_cuc": "Tổng cục",
                  "vu": "Vụ", "trung_tam": "Trung tâm", "truong": "Trường", "van_phong": "Văn phòng"}
_REGIME_NAMES = {"2015": "Luật 80/2015/QH13", "2025": "Luật 64/2025/QH15",
                 "2025-87": "Luật 64/2025/QH15 sửa đổi bởi Luật 87/2025/QH15"}


def _issuer_span(doc) -> dict:
    p = doc.source.pages[0] if doc.source.pages else None
    b = region_block(p, Region.HEADER_LEFT, Region.HEADER) if p else None
    return b.span() if b else dict(page=1)


def _doc_type(doc) -> str | None:
    h = doc.extraction.header
    if qh_term(h.symbol):
        return h.doc_type  # Luật / Nghị quyết / Pháp lệnh: read from the title
    return type_abbr(h.symbol)


@rule("CMP001", "Cơ quan không có thẩm quyền ban hành loại văn bản QPPL này vào ngày ban hành", "Thẩm quyền", "error",
      "Luật 80/2015/QH13, Điều 4; Luật 64/2025/QH15, Điều 4, 10–22; Luật 87/2025/QH15, Điều 1",
      fix="Kiểm tra cơ quan có thẩm quyền ban hành loại văn bản này theo luật hiện hành; đổi hình thức văn "
          "bản hoặc trình cơ quan có thẩm quyền ban hành.")
def type_not_issuable(doc):
    h = doc.extraction.header
    d = issued_on(doc)
    if not d or d < LAW_2015_FROM or not h.symbol or not looks_qppl(doc):
        return
    rec = issuer_record(doc) or (resolve_issuer(issuer_from_symbol(h.symbol) or "", on=d) if h.symbol else None)
    kind = _doc_type(doc)
    if rec is None or kind is None:
        return
    name = facts.doc_type_name(kind) or kind
    key = rec.get("competence_key")
    where = _issuer_span(doc)
    if key is None:
        if rec["kind"] in NON_QPPL_KINDS:
            yield finding(f"{rec['name']} không phải chủ thể có thẩm quyền ban hành văn bản quy phạm pháp luật "
                          f"({name} {h.number})", evidence=h.issuer or "", **where)
        return
    allowed = facts.can_issue(key, kind, d)
    row = facts.competence_rule(key, kind, d)
    law = _REGIME_NAMES[facts.regime_on(d)]
    if allowed is False:
        yield finding(f"Theo {law}, {rec['name']} không được ban hành {name} là văn bản quy phạm pháp luật "
                      f"(ngày {d:%d/%m/%Y})", evidence=h.issuer or h.number or "", **where)
    elif row is not None and row["allowed"] is None:
        yield finding(f"Thẩm quyền ban hành {name} QPPL của {rec['name']} theo {law} là có điều kiện "
                      f"({row['source']}) — cần xem xét", severity="info", evidence=h.issuer or "", **where)


def _exists_message(rec: dict, d: date, role: str) -> str:
    if rec.get("valid_from") and d < date.fromisoformat(rec["valid_from"]):
        return f"{role} {rec['name']} chỉ có từ ngày {date.fromisoformat(rec['valid_from']):%d/%m/%Y}"
    msg = f"{role} {rec['name']} không còn tồn tại vào ngày {d:%d/%m/%Y}"
    if rec.get("valid_until"):
        msg += f" (đến hết ngày {date.fromisoformat(rec['valid_until']):%d/%m/%Y})"
    if rec.get("successor"):
        msg += f"; nay là {rec['successor']}"
    return msg


@rule("ISS001", "Cơ quan ban hành không tồn tại vào ngày ký", "Cơ quan ban hành", "error",
      "NQ 202/2025/QH15 (34 tỉnh, thành phố từ 01/7/2025); NQ 176/2025/QH15 (cơ cấu Chính phủ từ 01/3/2025); "
      "Luật 72/2025/QH15 (chính quyền địa phương hai cấp)",
      fix="Ghi đúng tên cơ quan ban hành đang tồn tại vào ngày ký (sau sắp xếp, hợp nhất); kiểm tra lại ngày ký.")
def issuer_not_existing(doc):
    h = doc.extraction.header
    d = issued_on(doc)
    if not d or not h.issuer:
        return
    where = _issuer_span(doc)
    rec = issuer_record(doc, on=d)
    if rec and rec.get("exists_on") is False:
        yield finding(_exists_message(rec, d, "Cơ quan ban hành"), evidence=h.issuer, **where)
    if h.parent_issuer:
        parent = resolve_issuer(h.parent_issuer, on=d)
        if parent and parent.get("exists_on") is False and not (rec and rec.get("exists_on") is False
                                                                 and rec.get("province") == parent.get("province")):
            yield finding(_exists_message(parent, d, "Cơ quan chủ quản"), evidence=h.parent_issuer, **where)

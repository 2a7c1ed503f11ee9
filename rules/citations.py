"""Rules on the documents a document cites, above all its căn cứ (legal
grounds): still in force on the signing date, of higher legal force, cited
with a number and date that agree, and — across the database — agreeing with
the stored document of that number."""

from __future__ import annotations

from datetime import date

from rasoat import effect, facts
from rasoat.gazetteer import issuer_from_symbol, resolve_issuer
from rasoat.numbers import number_key, number_year, parse, qh_term, type_abbr
from rasoat.vntext import fold
from rules import patterns as pt
from rules.base import finding, rule
from rules.context import is_ground, issued_on, issuer_record, looks_qppl, ocr_tolerant
from rules.numbering import same_body

CAT = "Căn cứ, trích dẫn"


def _span(c) -> dict:
    return dict(page=c.page, start=c.start, end=c.end)


DEFAULT_CITED_TAIL = 60  # characters after a citation shown with it (its date, its issuer)
DEFAULT_REPEAL_LOOKBACK = 160  # characters before a repealing citation searched for "bãi bỏ" and what it ends


def _cited_text(doc, c, extra: int = DEFAULT_CITED_TAIL) -> str:
    """The citation with what follows it (its date, its issuer)."""
    page = doc.source.pages[c.page - 1].text
    tail = page[c.end : c.end + extra].split("\n")[0].split(";")[0]
    return (page[c.start : c.end] + tail).strip()


@rule("CIT004", "Năm trong số hiệu văn bản được viện dẫn khác năm của ngày ban hành ghi kèm", CAT, "error",
      "NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.6(a); Luật 80/2015/QH13, Điều 10",
      fix="Đối chiếu với văn bản được viện dẫn và sửa số hiệu hoặc ngày ban hành cho khớp.")
@ocr_tolerant
def cited_year_mismatch(doc):
    for c in doc.extraction.citations:
        year = number_year(c.number)
        d = facts.as_date(c.issued_on)
        if year and d and year != d.year:
            m = pt.PRINTED_DATE.search(_cited_text(doc, c))
            printed = m.group(0) if m else f"ngày {d:%d/%m/%Y}"
            yield finding(f"{c.number} mang năm {year} nhưng ngày ban hành ghi kèm là \"{printed}\"",
                          evidence=_cited_text(doc, c), **_span(c))



# --------------------------------------------------------------------------- in force on the signing date


@rule("CIT001", "Căn cứ ban hành đã hết hiệu lực vào ngày ký", CAT, "error",
      "Luật 64/2025/QH15, Điều 71; NĐ 78/2025/NĐ-CP, Điều 62; NĐ 34/2016/NĐ-CP, Điều 61",
      fix="Thay căn cứ đã hết hiệu lực bằng văn bản đang có hiệu lực vào ngày ký.")
def ground_repealed(doc):
    d = issued_on(doc)
    if not d:
        return
    for c in doc.extraction.citations:
        if not is_ground(doc, c):
            continue
        rec = effect.repealed_on(c.number, d) if c.number else _repealed_by_name(c, d)
        if rec:
            since = date.fromisoformat(rec["not_in_force_from"])
            yield finding(f"Căn cứ {rec['name']} ({rec['number']}) không còn hiệu lực từ ngày {since:%d/%m/%Y}, "
                          f"văn bản ký ngày {d:%d/%m/%Y}; thay bằng {', '.join(rec['replaced_by'])} "
                          f"(trừ trường hợp chuyển tiếp; {rec['source']})", evidence=_cited_text(doc, c), **_span(c))


def _repealed_by_name(c, d: date) -> dict | None:
    """A law cited by its name and passing date ("Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6
    năm 2015") that the facts list as repealed."""
    if not c.name or not c.issued_on:
        return None
    for r in facts.load("effect_rules")["repealed"]:
        if r.get("cited_as") and r.get("passed_on") == c.issued_on and fold(r["cited_as"]) in fold(c.name):
            return effect.repealed_on(r["number"], d)
    return None



def repeals_whole(doc, c) -> bool:
    """Does the repealing citation ``c`` end the whole cited document (not "bãi bỏ Điều 5 của …")?"""
    page = doc.source.pages[c.page - 1].text
    before = page[max(0, c.start - DEFAULT_REPEAL_LOOKBACK) : c.start]
    words = list(pt.REPEAL_WORD.finditer(before))
    if not words:
        return True
    between = before[words[-1].end() :]
    return not pt.PARTIAL.search(between)


@rule("CIT002", "Căn cứ ban hành đã bị bãi bỏ hoặc thay thế bởi văn bản khác trong cơ sở dữ liệu", CAT, "error",
      "Luật 64/2025/QH15, Điều 71; NĐ 78/2025/NĐ-CP, Điều 62; NĐ 34/2016/NĐ-CP, Điều 61", cross_document=True,
      fix="Thay căn cứ bằng văn bản đã thay thế nó, hoặc bỏ căn cứ đã bị bãi bỏ.")
def ground_repealed_in_corpus(doc, corpus):
    d = issued_on(doc)
    if not d:
        return
    grounds = [c for c in doc.extraction.citations if c.number and is_ground(doc, c)]
    if not grounds:
        return
    repeals = corpus.memo("repeals", _repeal_index)
    for c in grounds:
        for since, other in repeals.get(number_key(c.number), []):
            if since <= d and other.id != doc.id:
                oh = other.extraction.header
                yield finding(f"Căn cứ {c.number} đã bị bãi bỏ/thay thế bởi {oh.doc_type or 'văn bản'} {oh.number} "
                              f"(có hiệu lực từ {since:%d/%m/%Y}), trước ngày ký {d:%d/%m/%Y}",
                              evidence=_cited_text(doc, c), **_span(c))
                break


def _repeal_index(corpus) -> dict[str, list[tuple[date, object]]]:
    """Number key → (date the repeal takes effect, repealing QPPL) for every whole repeal or replacement stored."""
    out: dict[str, list[tuple[date, object]]] = {}
    for other in corpus:
        if not looks_qppl(other):
            continue
        oh = other.extraction.header
        since = facts.as_date(oh.effective_on) or facts.as_date(oh.issued_on)
        if since is None:
            continue
        for c in other.extraction.citations:
            if c.number and c.relation in ("bai_bo", "thay_the") and repeals_whole(other, c):
                out.setdefault(number_key(c.number), []).append((since, other))
    for v in out.values():
        v.sort(key=lambda x: x[0])
    return out


# --------------------------------------------------------------------------- legal force

# Legal force (Luật 80/2015 Điều 4; Luật 64/2025 Điều 4): smaller is higher.
_RANK_BY_CODE = {"QH": 1, "UBTVQH": 2, "CTN": 3, "CP": 4, "TTg": 5}
_LOCAL_RANK = {("hdnd", "province"): 7, ("ubnd", "province"): 8, ("chu_tich_ubnd", "province"): 8.5,
               ("hdnd", "district"): 9, ("ubnd", "district"): 10, ("hdnd", "commune"): 11, ("ubnd", "commune"): 12}
_RANK_NAMES = {1: "Quốc hội", 2: "Ủy ban Thường vụ Quốc hội", 3: "Chủ tịch nước", 4: "Chính phủ",
               5: "Thủ tướng Chính phủ", 6: "bộ, ngành trung ương", 7: "HĐND cấp tỉnh", 8: "UBND cấp tỉnh",
               8.5: "Chủ tịch UBND cấp tỉnh", 9: "HĐND cấp huyện", 10: "UBND cấp huyện", 11: "HĐND cấp xã",
               12: "UBND cấp xã"}


def rank(number: str | None, issuer: str | None, context_issuer: str | None = None,
         on: str | None = None) -> float | None:
    """Legal force of a QPPL from its number and issuer: 1 (Quốc hội) … 12 (UBND cấp xã); None if unknown."""
    parsed = parse(number)
    if not parsed or not parsed.year:
        return None
    sym = parsed.symbol
    qh = qh_term(sym)
    if qh:
        return _RANK_BY_CODE[qh[0]]
    parts = sym.split("-")
    if parts[0] in ("TT", "TTLT"):
        return 6
    if len(parts) < 2:
        return None
    code = parts[1]
    if code in _RANK_BY_CODE:
        return _RANK_BY_CODE[code]
    term = qh_term(code)  # "NQ-UBTVQH15": a Nghị quyết of the Standing Committee
    if term and term[0] == "UBTVQH":
        return 2
    if code in ("HĐND", "UBND"):
        rec = resolve_issuer(issuer, context_issuer=context_issuer, on=on) if issuer else None
        if not rec or not rec.get("level") or rec.get("fuzzy_score"):
            return None
        return _LOCAL_RANK.get((rec["kind"], rec["level"]))
    rec = resolve_issuer(issuer_from_symbol(sym) or "")
    if rec and rec["level"] == "central" and parts[0] in ("QĐ", "NQ"):
        return 6  # QĐ of Tổng KTNN, NQ of Hội đồng Thẩm phán
    return None


def own_rank(doc) -> float | None:
    h = doc.extraction.header
    if not h.number:
        return None
    if (number_year(h.number) and qh_term(h.number)) or type_abbr(h.symbol) in ("TT", "TTLT"):
        return rank(h.number, h.issuer)
    rec = issuer_record(doc)
    if rec and (rec["kind"], rec.get("level")) in _LOCAL_RANK:
        return _LOCAL_RANK[(rec["kind"], rec["level"])]
    return rank(h.number, h.issuer, on=h.issued_on)


@rule("CIT003", "Căn cứ ban hành có hiệu lực pháp lý thấp hơn văn bản được ban hành", CAT, "error",
      "Luật 80/2015/QH13, Điều 4, Điều 156; Luật 64/2025/QH15, Điều 4; NĐ 78/2025/NĐ-CP, Điều 62",
      fix="Chỉ lấy làm căn cứ văn bản có hiệu lực pháp lý cao hơn văn bản được ban hành.")
def ground_of_lower_force(doc):
    h = doc.extraction.header
    if not h.is_qppl:
        return
    mine = own_rank(doc)
    if mine is None:
        return
    for c in doc.extraction.citations:
        if not c.number or not is_ground(doc, c):
            continue
        theirs = rank(c.number, c.issuer, context_issuer=h.issuer, on=c.issued_on or h.issued_on)
        if theirs is not None and theirs > mine:
            yield finding(f"Căn cứ {c.number} ({_RANK_NAMES[theirs]}) có hiệu lực pháp lý thấp hơn văn bản này "
                          f"({_RANK_NAMES[mine]}): căn cứ ban hành phải là văn bản có hiệu lực cao hơn",
                          evidence=_cited_text(doc, c), **_span(c))


# --------------------------------------------------------------------------- agreement with the database


@rule("CIT005", "Văn bản được viện dẫn khác ngày hoặc cơ quan với văn bản cùng số trong cơ sở dữ liệu", CAT,
      "warning", "NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.6(a) (viện dẫn đúng số, ký hiệu, ngày, cơ quan ban hành)",
      cross_document=True,
      fix="Đối chiếu với văn bản trong cơ sở dữ liệu và sửa ngày ban hành hoặc cơ quan ban hành được viện dẫn.")
def citation_disagrees_with_stored(doc, corpus):
    h = doc.extraction.header
    seen: set[tuple] = set()
    for c in doc.extraction.citations:
        if not c.number or c.number == h.number:
            continue
        for other in corpus.by_number(c.number):
            if other.id == doc.id:
                continue
            oh = other.extraction.header
            cited = resolve_issuer(c.issuer, context_issuer=h.issuer, on=c.issued_on) if c.issuer else None
            stored = issuer_record(other)
            local = (c.number.split("-")[-1] if "-" in c.number else "") in ("UBND", "HĐND")
            if local and not (cited and stored and cited.get("known") and cited["name"] == stored["name"]):
                continue  # every province numbers its own N/YYYY/QĐ-UBND: not the same document
            problems = []
            if c.issued_on and oh.issued_on and c.issued_on != oh.issued_on:
                problems.append(f"ngày {_dmy(c.issued_on)} (văn bản lưu: {_dmy(oh.issued_on)})")
            if not local and cited and stored and cited.get("known") and stored.get("known") \
                    and not same_body(cited, stored):
                problems.append(f"cơ quan {c.issuer} (văn bản lưu: {oh.issuer})")
            key = (c.number, tuple(problems))
            if problems and key not in seen:
                seen.add(key)
                yield finding(f"Viện dẫn {c.number} ghi " + "; ".join(problems), evidence=_cited_text(doc, c),
                              **_span(c))


def _dmy(iso: str) -> str:
    return f"{facts.as_date(iso):%d/%m/%Y}"

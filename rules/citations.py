"""Rules on the documents a document cites, above all its căn cứ (legal
grounds): still in force on the signing date, of higher legal force, cited
with a number and date that agree, and — across the database — agreeing with
the stored document of that number."""

from __future__ import annotations

from datetime import date

from rasoat import effect, facts
from rasoat.gazetteer import issuer_from_symbol, resolve_issuer
from rasoat.numbers import number_key, number_year, parse, qh_term, type_abbr
from rasoat.patterns import REPEAL_WORD
from rasoat.vntext import fold
from rules import patterns as pt
from rules.base import finding, rule
from rules.context import is_ground, issued_on, issuer_record, looks_qppl, ocr_tolerant, signing_period
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


def _signed(first: date, last: date) -> str:
    """How a finding names the signing day: the date, else the month or year the date line gives."""
    if first == last:
        return f"ngày {first:%d/%m/%Y}"
    what = f"tháng {first:%m/%Y}" if first.month == last.month else f"năm {first.year}"
    return f"trong {what} (ngày ký để trống hoặc không đọc được)"


@rule("CIT001", "Căn cứ ban hành đã hết hiệu lực vào ngày ký", CAT, "error",
      "Luật 64/2025/QH15, Điều 71; NĐ 78/2025/NĐ-CP, Điều 62; NĐ 34/2016/NĐ-CP, Điều 61",
      fix="Thay căn cứ đã hết hiệu lực bằng văn bản đang có hiệu lực vào ngày ký.")
def ground_repealed(doc):
    period = signing_period(doc)
    if not period:
        return
    first, last = period  # a draft's "ngày … tháng 6 năm 2026": repealed by the month's end is reported
    for c, number in _grounds(doc):
        st = effect.shipped().status(number, last, c.doc_type, citing=doc.extraction.header.number)
        if st.status != effect.REPEALED:
            continue
        since = facts.as_date(st.since)
        successors = [*st.replaced_by, *st.repealed_by]
        instead = f"thay bằng {', '.join(successors)}" if st.replaced_by else (
            f"bị bãi bỏ bởi {', '.join(successors)}" if successors else "đã bị bãi bỏ")
        within = "; nếu ký từ ngày đó thì căn cứ đã hết hiệu lực" if since > first else ""
        yield finding(f"Căn cứ {_cited_name(number, c)} ({number}) không còn hiệu lực từ ngày {since:%d/%m/%Y}, "
                      f"văn bản ký {_signed(first, last)}{within}; {instead} (trừ trường hợp chuyển tiếp; theo "
                      f"{_clauses(st)})", evidence=_cited_text(doc, c), **_span(c))


@rule("CIT006", "Căn cứ ban hành đã được sửa đổi, bổ sung (hoặc chỉ còn hiệu lực một phần) trước ngày ký mà không "
      "viện dẫn văn bản sửa đổi", CAT, "warning",
      "Luật 64/2025/QH15, Điều 61 (căn cứ ban hành là văn bản đang có hiệu lực); NĐ 30/2020/NĐ-CP, Phụ lục I",
      fix="Viện dẫn thêm văn bản sửa đổi, bổ sung căn cứ đó (số, ngày, cơ quan ban hành) ngay sau căn cứ, hoặc "
          "thay căn cứ bằng văn bản hợp nhất hay văn bản mới còn hiệu lực.")
def ground_amended(doc):
    period = signing_period(doc)
    if not period:
        return
    first, last = period
    cited = {number_key(c.number) for c in doc.extraction.citations if c.number}
    # a document cited by name and date ("Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế ngày 13 tháng 6
    # năm 2014"): the amending document issued that day, of that type, is cited
    named = {(c.issued_on, fold(c.doc_type or "")) for c in doc.extraction.citations if not c.number and c.issued_on}

    def not_cited(n: str) -> bool:
        day = next(((f.issued_on, fold(f.doc_type or "")) for f in effect.shipped().facts(n)
                    if f.kind == effect.ISSUED and f.issued_on), None)
        return number_key(n) not in cited and not (day and (day in named or (day[0], "") in named))

    for c, number in _grounds(doc):
        st = effect.shipped().status(number, last, c.doc_type, citing=doc.extraction.header.number)
        if st.status not in (effect.IN_FORCE, effect.PARTLY_REPEALED):
            continue
        partly = [n for n in st.partly_repealed_by if not_cited(n)]
        amended = [n for n in st.amended_by if not_cited(n) and n not in partly]
        if not partly and not amended:
            continue
        what = "; ".join(filter(None, [partly and f"bị bãi bỏ một phần bởi {', '.join(partly)}",
                                       amended and f"được sửa đổi, bổ sung bởi {', '.join(amended)}"]))
        clauses = [f.clause for f in effect.shipped().facts(number)
                   if f.by in (*partly, *amended) and f.kind != effect.ISSUED and f.clause]
        yield finding(f"Căn cứ {number} {what} trước khi văn bản ký {_signed(first, last)}; văn bản "
                      f"không viện dẫn văn bản đó (theo {'; '.join(dict.fromkeys(clauses))})",
                      evidence=_cited_text(doc, c), **_span(c))


def _grounds(doc):
    """(citation, number) of every căn cứ the shipped registry can look up: by its printed number, by its name
    and date matched to a registry title with certainty, or by its name and date as the registry knows them."""
    for c in doc.extraction.citations:
        if not is_ground(doc, c):
            continue
        number, _ = effect.number_of(effect.shipped(), c.number, c.name, c.doc_type, c.issued_on, c.issued_year)
        if number:
            yield c, number


def _cited_name(number: str, c) -> str:
    """How the finding names a căn cứ: its type and title from the registry, else as cited."""
    own = [f for f in effect.shipped().facts(number) if f.kind == effect.ISSUED and f.title]
    if own:
        title = own[0].title
        t = own[0].doc_type or ""
        return title if title.casefold().startswith(t.casefold()) else f"{t} {title}".strip()
    return " ".join(filter(None, [c.doc_type, c.name])) or number


def _clauses(st) -> str:
    return "; ".join(dict.fromkeys(f"{f.clause} ({f.source})" for f in st.evidence if f.clause))


def repeals_whole(doc, c) -> bool:
    """Does the repealing citation ``c`` end the whole cited document (not "bãi bỏ Điều 5 của …")?"""
    page = doc.source.pages[c.page - 1].text
    before = page[max(0, c.start - DEFAULT_REPEAL_LOOKBACK) : c.start]
    words = list(REPEAL_WORD.finditer(before))
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

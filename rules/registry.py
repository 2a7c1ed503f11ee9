"""Report against registry (cross-document): what a report says was issued
("HĐND, UBND tỉnh ban hành 46 văn bản QPPL", "kiểm tra 12/12 văn bản QPPL do
UBND cấp huyện ban hành") against the QPPL the database holds for that
issuer and year.

The database rarely holds every document of a province, so fewer stored
documents than claimed is only ``info`` (the database may be incomplete);
more stored documents than claimed is a ``warning`` (the report undercounts).
A claim is compared only when the database holds some document of that
province besides the report itself.
"""

from __future__ import annotations

from collections import Counter

from extract import sentence_bounds
from rasoat.gazetteer import resolve_issuer
from rules import patterns as pt
from rules.base import finding, rule
from rules.context import issued_on, issuer_record, looks_qppl

_KIND_NAMES = {("hdnd", "ubnd"): "HĐND, UBND", ("hdnd",): "HĐND", ("ubnd",): "UBND"}
_LEVEL_NAMES = {"province": "cấp tỉnh", "district": "cấp huyện"}


def _province_named(place: str | None) -> str | None:
    if not place:
        return None
    r = resolve_issuer("Ủy ban nhân dân tỉnh " + place.strip())
    return r["province"] if r and r.get("province") and not r.get("fuzzy_score") else None


DEFAULT_BY_WHOM_CHARS = 90  # characters after a claim read for "do … ban hành"
DEFAULT_WHO_BEFORE = 100  # characters of the sentence before a claim searched for the issuer it is about
DEFAULT_AFTER_SENTENCE = 60  # characters past the end of the sentence still read after a claim
DEFAULT_YEAR_LOOKBACK = 600  # characters before the sentence of a claim searched for the year it is about
DEFAULT_HELD_SHOWN = 5  # numbers of the stored documents named in a finding


def claim_issuer(before: str, after: str) -> tuple[tuple[str, ...], str, str | None] | None:
    """(issuer kinds, level, named province or None) a claim is about: the "do … ban hành" after it, else the
    last issuer named before it in its sentence."""
    m = pt.BY_WHOM.match(after[:DEFAULT_BY_WHOM_CHARS])
    for src in ([m.group(1)] if m else []) + [before[-DEFAULT_WHO_BEFORE:]]:
        hits = [(mm.end(), kinds, level, mm.groupdict().get("place"))
                for rx, kinds, level in pt.WHO for mm in rx.finditer(src)]
        if hits:
            _, kinds, level, place = max(hits, key=lambda x: x[0])
            return kinds, level, _province_named(place)
    return None


def report_province(doc) -> str | None:
    """The province a report is about: its issuer's, else the province it names most often."""
    rec = issuer_record(doc)
    if rec and rec.get("province"):
        return rec["province"]
    names: Counter[str] = Counter()
    for p in doc.source.pages:
        for m in pt.PROVINCE.finditer(p.text):
            province = _province_named(m.group(1))
            if province:
                names[province] += 1
    return names.most_common(1)[0][0] if names else None


def claim_year(doc, sentence: str, before: str = "") -> int | None:
    """The year a claim is about: named in its sentence, else the last year named shortly before it, else the
    year in the report's title or of its date."""
    m = pt.YEAR.search(sentence) or ([*pt.YEAR.finditer(before)] or [None])[-1] or pt.YEAR.search(
        doc.extraction.header.title or "")
    if m:
        return int(m.group(1))
    d = issued_on(doc)
    return d.year if d else None


def claims(doc):
    """(page, match, (kinds, level, named province), sentence, text shortly before) for each claim."""
    for p in doc.source.pages:
        for m in pt.CLAIM.finditer(p.text):
            a, b = sentence_bounds(p.text, m.start())
            who = claim_issuer(p.text[a : m.start()], p.text[m.end() : b + DEFAULT_AFTER_SENTENCE])
            if who:
                yield p, m, who, p.text[a:b], p.text[max(0, a - DEFAULT_YEAR_LOOKBACK) : a]


def _where(other) -> tuple[str | None, str | None, str | None]:
    rec = issuer_record(other)
    return (rec.get("province"), rec.get("kind"), rec.get("level")) if rec else (None, None, None)


def _where_index(corpus) -> list[tuple]:
    """(document, province, issuer kind, level) of every stored document."""
    return [(o, *_where(o)) for o in corpus]


@rule("REG001", "Số văn bản báo cáo đã ban hành khác với số văn bản có trong cơ sở dữ liệu", "Đối chiếu", "info",
      "NĐ 09/2019/NĐ-CP, Điều 4 (số liệu báo cáo chính xác); Luật 64/2025/QH15 (cơ sở dữ liệu văn bản pháp luật)",
      cross_document=True,
      fix="Đối chiếu số văn bản nêu trong báo cáo với danh mục văn bản đã ban hành; sửa số liệu hoặc bổ sung "
          "văn bản còn thiếu vào cơ sở dữ liệu.")
def report_count_vs_registry(doc, corpus):
    if looks_qppl(doc):
        return
    found = list(claims(doc))
    if not found:
        return
    own_province = report_province(doc)
    stored = [row for row in corpus.memo("registry_where", _where_index) if row[0].id != doc.id]
    seen = set()
    for page, m, (kinds, level, named), sentence, before in found:
        province = named or own_province
        year = claim_year(doc, sentence, before)
        if not province or not year or not any(prov == province for _, prov, _, _ in stored):
            continue  # the database holds nothing of that province: nothing to compare with
        key = (kinds, level, province, year, m.group("of") or m.group("n"))
        if key in seen:
            continue  # the same count stated again ("ban hành 12 …", "kiểm tra 12/12 …")
        seen.add(key)
        held = [o for o, prov, kind, lvl in stored
                if prov == province and kind in kinds and lvl == level and looks_qppl(o)
                and issued_on(o) and issued_on(o).year == year]
        claimed = int(m.group("of") or m.group("n"))
        if len(held) == claimed:
            continue
        who = f"{_KIND_NAMES[kinds]} {_LEVEL_NAMES[level]} ({province})"
        shown = ", ".join(o.extraction.header.number or "?" for o in held[:DEFAULT_HELD_SHOWN])
        msg = (f"Báo cáo nêu {claimed} văn bản QPPL của {who} năm {year}; cơ sở dữ liệu có {len(held)}"
               + (f" ({shown})" if held else ""))
        span = dict(evidence=m.group(0), page=page.number, start=m.start(), end=m.end())
        if len(held) < claimed:
            yield finding(msg + " — cơ sở dữ liệu có thể chưa đầy đủ", severity="info", **span)
        else:
            yield finding(msg + " — báo cáo nêu ít hơn số văn bản đã lưu", severity="warning", **span)

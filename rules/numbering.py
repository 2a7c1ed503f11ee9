"""Rules on the số, ký hiệu of a document."""

from __future__ import annotations

import re

from rules.base import finding, rule

QPPL_TYPE_ABBR = {"NĐ", "NQ", "QĐ", "TT", "TTLT", "NQLT"}


def _number_span(doc):
    span = doc.extraction.header.spans.get("number")
    return dict(page=span[0], start=span[1], end=span[2]) if span else dict(page=1)


@rule("NUM001", "Số ký hiệu văn bản QPPL thiếu năm ban hành", "Số, ký hiệu", "error",
      "Luật 80/2015/QH13, Điều 10; Luật 64/2025/QH15, Điều 7 khoản 3; NĐ 34/2016/NĐ-CP, Điều 58")
def qppl_number_without_year(doc):
    h = doc.extraction.header
    if not h.number or not h.symbol:
        return
    if re.match(r"^\d+[a-z]?/(19|20)\d{2}/", h.number):
        return
    looks_qppl = h.is_qppl or _declares_qppl(doc)
    if looks_qppl and h.symbol.split("-")[0] in QPPL_TYPE_ABBR:
        yield finding(f"Văn bản quy phạm pháp luật nhưng số ký hiệu {h.number} không có năm ban hành "
                      f"(đúng dạng: {h.number.split('/')[0]}/<năm>/{h.symbol})", evidence=h.number, **_number_span(doc))


def _declares_qppl(doc) -> bool:
    """A document that cites the law on QPPL as its ground and "ban hành Quy định" is a QPPL."""
    cites_law = any(
        c.relation == "can_cu" and c.name and "ban hành văn bản quy phạm pháp luật" in c.name.lower()
        for c in doc.extraction.citations
    )
    return cites_law

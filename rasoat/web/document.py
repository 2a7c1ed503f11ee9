"""What the document page shows: header fields, findings, extracted items
and every page's text with the items and the findings' evidence marked."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict

from rasoat.web import labels
from rasoat.web.highlight import Span, locate, mark_up


def document_context(conn: sqlite3.Connection, doc_id: str) -> dict | None:
    conn.row_factory = sqlite3.Row
    doc = conn.execute("select * from documents where id = ?", [doc_id]).fetchone()
    if doc is None:
        return None
    rows = lambda sql: [dict(r) for r in conn.execute(sql, [doc_id])]  # noqa: E731
    pages = rows("select page, text from pages where document_id = ? order by page")
    findings = rows("select f.rowid as id, f.*, r.title as rule_title, r.legal_basis from findings f "
                    "left join rules r on r.id = f.rule_id where f.document_id = ?")
    findings.sort(key=lambda f: (labels.SEVERITY_ORDER.get(f["severity"], 3), f["page"] or 0, f["start"] or 0))
    citations = rows("select c.rowid as id, c.*, t.number as target_number from citations c "
                     "left join documents t on t.id = c.target_id where c.document_id = ? order by c.page, c.start")
    figures = rows("select rowid as id, * from figures where document_id = ? order by idx")
    procedures = rows("select rowid as id, * from procedures where document_id = ? order by page, start")
    articles = rows("select rowid as id, * from articles where document_id = ? and kind in ('chuong', 'dieu') "
                    "order by page, start")
    cited_by = rows("select distinct d.id, d.number, d.doc_type, d.issued_on, c.relation from citations c "
                    "join documents d on d.id = c.document_id where c.target_id = ? order by d.issued_on")
    texts = {p["page"]: p["text"] or "" for p in pages}
    place_findings(findings, texts)
    spans = page_spans(doc, findings, citations, figures, procedures, articles)
    return dict(
        doc=dict(doc), header=header_fields(doc), findings=findings, citations=citations, figures=figures,
        procedures=procedures, articles=[a for a in articles if a["kind"] == "dieu"], cited_by=cited_by,
        pages=[dict(number=n, html=mark_up(t, spans.get(n, []))) for n, t in texts.items()],
        labels=labels,
    )


def header_fields(doc: sqlite3.Row) -> list[tuple[str, str]]:
    out = []
    for column, label in labels.HEADER_FIELDS:
        value = doc[column]
        if column in ("issued_on", "effective_on"):
            value = labels.vn_date(value)
        if column == "issued_on" and not value and dict(doc).get("issued_in"):  # a draft, a date written by hand
            value = f"{labels.vn_date(doc['issued_in'])} (ngày để trống hoặc không đọc được)"
        value = labels.value_label(column, value) or value
        out.append((label, "" if value is None else str(value)))
    return out


def place_findings(findings: list[dict], texts: dict[int, str]) -> None:
    """Give every finding the page and span of its evidence when the rule
    gave only the evidence text (``located`` False when it cannot be found)."""
    for f in findings:
        f["located"] = f["page"] in texts and f["start"] is not None and f["end"] is not None
        f["evidence_span"] = None
        candidates = [f["page"]] if f["page"] in texts else list(texts)
        for page in candidates:
            hit = locate(texts[page], f["evidence"] or "", near=f["start"] if page == f["page"] else None)
            if hit:
                f["evidence_span"] = hit
                if not f["located"]:
                    f["page"], (f["start"], f["end"]), f["located"] = page, hit, True
                break


def page_spans(doc, findings, citations, figures, procedures, articles) -> dict[int, list[Span]]:
    spans: dict[int, list[Span]] = defaultdict(list)
    meta = json.loads(doc["meta"] or "{}")
    names = dict(labels.HEADER_FIELDS)
    for field, (page, start, end) in (meta.get("spans") or {}).items():
        spans[page].append(Span(start, end, "item hdr", names.get(field, field)))
    for c in citations:
        if c["start"] is not None:
            spans[c["page"]].append(Span(c["start"], c["end"], "item cit",
                                         f"Trích dẫn ({labels.RELATION.get(c['relation'], c['relation'])})",
                                         f"c-{c['id']}"))
    for g in figures:
        if g["start"] is not None:
            spans[g["page"]].append(Span(g["start"], g["end"], "item fig", "Số liệu", f"g-{g['id']}"))
    for p in procedures:
        if p["start"] is not None:
            spans[p["page"]].append(Span(p["start"], p["end"], "item proc", "Thủ tục hành chính", f"p-{p['id']}"))
    for a in articles:
        spans[a["page"]].append(Span(a["start"], a["start"], "", anchor=f"a-{a['id']}"))
    for f in findings:
        if not f["located"]:
            continue
        sev = f["severity"] or "info"
        if f["evidence_span"]:
            a, b = f["evidence_span"]
            spans[f["page"]].append(Span(a, b, f"evidence ev-{sev}", "Bằng chứng"))
        spans[f["page"]].append(Span(f["start"], f["end"], f"finding sev-{sev}",
                                     f"{f['rule_id']}: {f['message']}", f"f-{f['id']}"))
    return spans

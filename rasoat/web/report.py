"""The period report (báo cáo kết quả tự kiểm tra): ``/-/rasoat/report?from=…&to=…&issuer=…`` (HTML) and
``/-/rasoat/report.docx``.  The documents read without error whose date of issue (``issued_on``) is in the
period (both ends included; no date given: no bound) and whose issuing body contains ``issuer`` (with or
without diacritics): how many were checked, how many have findings, the findings by rule and by ground
of the check (``record.yml``), and the reviewers' latest decisions."""

from __future__ import annotations

import io
import re
import sqlite3
from collections import Counter
from datetime import date

from rasoat.reviews import DECISIONS
from rasoat.vntext import fold
from rasoat.web import labels
from rasoat.web.record import ground_of, layout

UNDECIDED = "Chưa đánh giá"  # a finding no reviewer has decided on yet
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # the form of from= and to= (as issued_on is stored)


def check_period(start: str, end: str) -> str | None:
    """What is wrong with the period asked (Vietnamese), or None."""
    for name, value in (("Từ ngày", start), ("Đến ngày", end)):
        if value:
            if not ISO_DATE.match(value):
                return f"{name} phải có dạng NNNN-TT-NN (vd. 2024-01-31)."
            try:
                date.fromisoformat(value)
            except ValueError:
                return f"{name} không phải ngày có thật: {value}."
    if start and end and start > end:
        return "Từ ngày phải trước Đến ngày."
    return None


def selected_documents(conn: sqlite3.Connection, start: str, end: str, issuer: str) -> list[dict]:
    conn.row_factory = sqlite3.Row
    sql = ("select id, number, doc_type, issuer, issued_on, title, file_name from documents where error is null"
           + (" and issued_on >= ?" if start else "") + (" and issued_on <= ?" if end else "")
           + " order by issued_on, number")
    rows = [dict(r) for r in conn.execute(sql, [v for v in (start, end) if v])]
    if issuer.strip():
        wanted = fold(issuer).strip()
        rows = [r for r in rows if wanted in fold(r["issuer"] or "")]
    return rows


def report_context(conn: sqlite3.Connection, start: str = "", end: str = "", issuer: str = "") -> dict:
    docs = selected_documents(conn, start, end, issuer)
    ids = [d["id"] for d in docs]
    lay = layout()
    findings: list[dict] = []
    for i in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        chunk = ids[i:i + 500]
        findings += [dict(r) for r in conn.execute(
            "select f.document_id, f.rule_id, f.decision, r.title, r.category from findings f "
            f"left join rules r on r.id = f.rule_id where f.document_id in ({','.join('?' * len(chunk))})", chunk)]
    with_findings = {f["document_id"] for f in findings}
    by_rule: dict[str, dict] = {}
    for f in findings:
        entry = by_rule.setdefault(f["rule_id"], dict(rule_id=f["rule_id"], title=f["title"] or "", findings=0,
                                                      documents=set()))
        entry["findings"] += 1
        entry["documents"].add(f["document_id"])
    rules = [dict(e, documents=len(e["documents"])) for e in sorted(by_rule.values(), key=lambda e: e["rule_id"])]
    grounds = Counter(ground_of(f["rule_id"], f["category"], lay["grounds"]) for f in findings)
    ground_docs = {i: len({f["document_id"] for f in findings
                           if ground_of(f["rule_id"], f["category"], lay["grounds"]) == i})
                   for i in grounds}
    decisions = Counter(f["decision"] or UNDECIDED for f in findings)
    by_finding = Counter(f["document_id"] for f in findings)
    return dict(
        layout=lay, start=start, end=end, issuer=issuer,
        period=f"{labels.vn_date(start) or '…'} – {labels.vn_date(end) or '…'}",
        checked=len(docs), with_findings=len(with_findings), findings=len(findings),
        rules=rules,
        grounds=[dict(title=g["title"], findings=grounds.get(i, 0), documents=ground_docs.get(i, 0))
                 for i, g in enumerate(lay["grounds"])],
        decisions=[(d, decisions.get(d, 0)) for d in (*DECISIONS, UNDECIDED)],
        documents=[dict(d, findings=by_finding.get(d["id"], 0), issued=labels.vn_date(d["issued_on"]))
                   for d in docs],
    )


def report_docx(context: dict) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    lay = context["layout"]
    out = Document()
    out.styles["Normal"].font.name, out.styles["Normal"].font.size = "Times New Roman", Pt(13)
    title = out.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(lay["report_title"]).bold = True
    out.add_paragraph(f"Kỳ báo cáo (ngày ban hành): {context['period']}"
                      + (f" — Cơ quan ban hành: {context['issuer']}" if context["issuer"] else ""))
    out.add_heading("1. Số văn bản", level=2)
    out.add_paragraph(f"Số văn bản đã kiểm tra: {context['checked']}")
    out.add_paragraph(f"Số văn bản có phát hiện: {context['with_findings']}")
    out.add_paragraph(f"Tổng số phát hiện: {context['findings']}")

    def table(head, rows):
        t = out.add_table(rows=1, cols=len(head))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, head, strict=True):
            cell.text = text
        for r in rows:
            for cell, value in zip(t.add_row().cells, r, strict=True):
                cell.text = str(value)

    out.add_heading("2. Theo nội dung kiểm tra", level=2)
    table(["Nội dung", "Số phát hiện", "Số văn bản"],
          [(g["title"], g["findings"], g["documents"]) for g in context["grounds"]])
    out.add_heading("3. Theo quy tắc", level=2)
    table(["Mã", "Quy tắc", "Số phát hiện", "Số văn bản"],
          [(r["rule_id"], r["title"], r["findings"], r["documents"]) for r in context["rules"]])
    out.add_heading("4. Đánh giá của người kiểm tra", level=2)
    table(["Đánh giá", "Số phát hiện"], context["decisions"])
    out.add_heading("5. Danh sách văn bản", level=2)
    table(["Số, ký hiệu", "Ngày ban hành", "Cơ quan ban hành", "Số phát hiện"],
          [(d["number"] or d["file_name"], d["issued"], d["issuer"] or "", d["findings"])
           for d in context["documents"]])
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()

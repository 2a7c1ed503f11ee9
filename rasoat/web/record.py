"""The self-check record of one document (phiếu kiểm tra văn bản): ``/-/rasoat/document/<id>/phieu`` (HTML,
printable on A4) and ``…/phieu.docx``.  Document identification, reviewer and date, then per ground of the
check the findings with their quoted evidence, page, decision, note and how to fix, then conclusion,
proposal and signature.  Words and grounds come from ``record.yml`` (the office's to change)."""

from __future__ import annotations

import io
import sqlite3
from datetime import UTC, datetime
from importlib import resources

import yaml

from rasoat.reviews import CONFIRMED, DISMISSED
from rasoat.web import labels

LAYOUT = "record.yml"  # package data of rasoat.web
MAX_EVIDENCE_CHARS = 240  # evidence quoted in the record (the page number leads to the rest)


def layout() -> dict:
    return yaml.safe_load(resources.files("rasoat.web").joinpath(LAYOUT).read_text(encoding="utf-8"))


def ground_of(rule_id: str, category: str | None, grounds: list[dict]) -> int:
    """The index of the ground a finding of this rule belongs to (the last ground if none names it)."""
    for i, g in enumerate(grounds):
        if rule_id in (g.get("rules") or []):
            return i
    for i, g in enumerate(grounds):
        if category in (g.get("categories") or []):
            return i
    return len(grounds) - 1


def short(text: str | None, limit: int = MAX_EVIDENCE_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def record_context(conn: sqlite3.Connection, doc_id: str, reviewer: str | None = None) -> dict | None:
    conn.row_factory = sqlite3.Row
    doc = conn.execute("select * from documents where id = ?", [doc_id]).fetchone()
    if doc is None:
        return None
    lay = layout()
    grounds = [dict(title=g["title"], findings=[]) for g in lay["grounds"]]
    rows = conn.execute(
        "select f.*, r.title as rule_title, r.category, r.legal_basis, v.note, v.reviewer, v.decided_at "
        "from findings f left join rules r on r.id = f.rule_id "
        "left join reviews v on v.rowid = (select max(rowid) from reviews x where x.finding_key = f.finding_key) "
        "where f.document_id = ? order by f.page, f.start", [doc_id]).fetchall()
    findings = []
    for r in rows:
        f = dict(r)
        f["evidence_short"] = short(f.get("evidence"))
        f["fix"] = f.get("fix")  # the rule's "Cách khắc phục", when the findings table has it
        f["severity_label"] = labels.SEVERITY.get(f["severity"], f["severity"])
        grounds[ground_of(f["rule_id"], f["category"], lay["grounds"])]["findings"].append(f)
        findings.append(f)
    confirmed = sum(f["decision"] == CONFIRMED for f in findings)
    open_ = sum(f["decision"] not in (CONFIRMED, DISMISSED) for f in findings)
    state = "confirmed" if confirmed else "open" if open_ else "clean"
    conclusion = [lay["conclusion"][state].format(n=confirmed if state == "confirmed" else open_)]
    if confirmed and open_:
        conclusion.append(lay["conclusion"]["open"].format(n=open_))
    reviewers = sorted({f["reviewer"] for f in findings if f["reviewer"]})
    dates = sorted(f["decided_at"] for f in findings if f["decided_at"])
    when = datetime.fromisoformat(dates[-1]) if dates else datetime.now(UTC)
    d = dict(doc)
    identification = [("Số, ký hiệu", d["number"]), ("Loại văn bản", d["doc_type"]),
                      ("Cơ quan ban hành", d["issuer"]), ("Ngày ban hành", labels.vn_date(d["issued_on"])),
                      ("Trích yếu", d["title"]), ("Tệp", d["file_name"])]
    return dict(
        layout=lay, doc=d, identification=identification, grounds=grounds, findings=findings,
        reviewer=", ".join(reviewers) or reviewer or "", date=when.strftime("%d/%m/%Y"),
        date_line=f"ngày {when.day:02d} tháng {when.month:02d} năm {when.year}",
        conclusion=conclusion, proposal=lay["proposal"][state], confirmed=confirmed, open=open_,
        dismissed=sum(f["decision"] == DISMISSED for f in findings),
    )


def record_docx(context: dict) -> bytes:
    """The record as a Word file, in the same order as the HTML page."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    lay = context["layout"]
    out = Document()
    section = out.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = Cm(3), Cm(2), Cm(2), Cm(2)
    style = out.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)

    header = out.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.text = f"{lay['office_parent']}\n{lay['office']}"
    right.text = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                  f"{lay['place']}, {context['date_line']}")
    for cell in (left, right):
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in p.runs:
                run.bold = True
    title = out.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(lay["title"]).bold = True
    sub = out.add_paragraph(lay["subtitle"])
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER

    out.add_heading("I. Văn bản được kiểm tra", level=2)
    for name, value in context["identification"]:
        if value:
            p = out.add_paragraph()
            p.add_run(f"{name}: ").bold = True
            p.add_run(str(value))
    out.add_heading("II. Người kiểm tra, ngày kiểm tra", level=2)
    out.add_paragraph(f"Người kiểm tra: {context['reviewer'] or '....................'}")
    out.add_paragraph(f"Ngày kiểm tra: {context['date']}")
    out.add_heading("III. Kết quả kiểm tra", level=2)
    for i, g in enumerate(context["grounds"], start=1):
        out.add_heading(f"{i}. {g['title']}", level=3)
        if not g["findings"]:
            out.add_paragraph(lay["no_finding"])
        for f in g["findings"]:
            p = out.add_paragraph(style="List Bullet")
            p.add_run(f"{f['rule_id']} — {f['rule_title'] or ''}: ").bold = True
            p.add_run(f["message"] or "")
            if f["evidence_short"]:
                out.add_paragraph(f"Bằng chứng (trang {f['page'] or '?'}): “{f['evidence_short']}”")
            out.add_paragraph(f"Đánh giá: {f['decision'] or 'Chưa đánh giá'}"
                              + (f". Ghi chú: {f['note']}" if f["note"] else ""))
            if f["fix"]:
                out.add_paragraph(f"Cách khắc phục: {f['fix']}")
    out.add_heading("IV. Kết luận và đề xuất", level=2)
    for line in context["conclusion"]:
        out.add_paragraph(f"Kết luận: {line}")
    out.add_paragraph(f"Đề xuất: {context['proposal']}")
    sign = out.add_table(rows=1, cols=2)
    cell = sign.rows[0].cells[1]
    cell.text = f"{lay['signature_title']}\n{lay['signature_note']}\n\n\n\n{context['reviewer']}"
    for p in cell.paragraphs:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()

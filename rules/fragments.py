"""Documents made from text fragments, for testing a rule without a PDF.

``make_document`` lays the parts out the way ``ingest.layout`` does for a
page 1 (header_left, header_right, body, recipients, signature, each a named
region of the page text), adds any further pages, and runs the real
extraction, so a rule sees what it would see for an ingested file::

    doc = make_document(header_left="ỦY BAN NHÂN DÂN\\nTỈNH LÂM ĐỒNG\\nSố: 05/2024/QĐ-UBND", body="…")
    findings = check("NUM003", doc)
"""

from __future__ import annotations

import hashlib

from extract import extract
from rasoat.models import Document, Finding, Page, Region, SourceDocument, TextSource
from rules.base import REGISTRY, Corpus


def make_page(number: int, parts: list[tuple[str, str | None]]) -> Page:
    """A page whose text is the parts joined by new lines; each named part becomes a region."""
    text, regions, pos = [], {}, 0
    for part, region in parts:
        if not part:
            continue
        if region:
            regions[region] = (pos, pos + len(part))
        text.append(part)
        pos += len(part) + 1
    return Page(number=number, text="\n".join(text), regions=regions)


def region_page(number: int = 1, **parts: str) -> Page:
    """A page whose text is the named parts joined by new lines, each part a layout region (a part named
    "plain…" is text outside any region)."""
    text, regions, pos = [], {}, 0
    for name, part in parts.items():
        if not name.startswith("plain"):
            regions[name] = (pos, pos + len(part))
        text.append(part)
        pos += len(part) + 1
    return Page(number=number, text="\n".join(text), regions=regions)


def source_of(*pages: Page) -> SourceDocument:
    """An ingested document made of these pages."""
    return SourceDocument("x.pdf", "x", "x.pdf", pages=list(pages))


def make_document(header_left: str = "", header_right: str = "", body: str = "", recipients: str = "",
                  signature: str = "", more_pages: tuple[str, ...] = (), name: str = "fragment",
                  source: str = TextSource.TEXT, damaged: bool = False) -> Document:
    """A ``Document`` from fragments, with the extraction filled in by ``extract.extract``; ``source`` is how
    the pages were read ("text", "ocr", …); ``damaged`` marks page 1 as ingest marks a page whose text layer
    lost glyphs (``ingest.glyphs``)."""
    first = make_page(1, [(header_left, Region.HEADER_LEFT), (header_right, Region.HEADER_RIGHT), (body, Region.BODY),
                          (recipients, Region.RECIPIENTS), (signature, Region.SIGNATURE)])
    pages = [first] + [Page(number=i + 2, text=t, regions={Region.BODY: (0, len(t))}) for i, t in enumerate(more_pages)]
    for p in pages:
        p.source = source
    first.damaged = damaged
    digest = hashlib.sha256("\f".join(p.text for p in pages).encode()).hexdigest()
    source = SourceDocument(path=f"{name}.txt", sha256=digest, file_name=f"{name}.txt", pages=pages)
    return Document(source=source, extraction=extract(source))


def check(rule_id: str, doc: Document, corpus: Corpus | None = None) -> list[Finding]:
    """The findings of one rule for ``doc`` (cross-document rules get ``corpus``, by default just ``doc``)."""
    r = REGISTRY[rule_id]
    return r.run(doc, corpus or Corpus([doc])) if r.cross_document else r.run(doc)


def variant(base: dict[str, str], *replacements: tuple[str, str], **parts: str) -> Document:
    """``make_document`` of ``base`` with each (old, new) replaced in whichever part holds ``old`` (it must
    occur), then the parts given by name replaced whole."""
    out = dict(base)
    for old, new in replacements:
        keys = [k for k, v in out.items() if isinstance(v, str) and old in v]
        if not keys:
            raise ValueError(f"{old!r} is not in the example")
        for k in keys:
            out[k] = out[k].replace(old, new)
    out.update(parts)
    return make_document(**out)


# A clean QPPL decision of a provincial People's Committee (invented; no rule finds anything in it).
QPPL_DECISION = dict(
    header_left="ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 05/2024/QĐ-UBND",
    header_right="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày 12 tháng 3 năm 2024",
    body="""QUYẾT ĐỊNH
Quy định phối hợp trong công tác kiểm tra văn bản quy phạm pháp luật
ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;
Căn cứ Nghị định số 34/2016/NĐ-CP ngày 14 tháng 5 năm 2016 của Chính phủ quy định chi tiết một số điều
và biện pháp thi hành Luật Ban hành văn bản quy phạm pháp luật;
Theo đề nghị của Giám đốc Sở Tư pháp.
QUYẾT ĐỊNH:
Điều 1. Phạm vi điều chỉnh
1. Quyết định này quy định việc phối hợp giữa các cơ quan trong công tác kiểm tra văn bản:
a) Kiểm tra văn bản do cơ quan tự ban hành;
b) Kiểm tra văn bản theo thẩm quyền;
c) Xử lý văn bản trái pháp luật.
2. Quyết định này áp dụng đối với các sở, ban, ngành cấp tỉnh.
Điều 2. Hiệu lực thi hành
Quyết định này có hiệu lực kể từ ngày 25 tháng 3 năm 2024.
Điều 3. Trách nhiệm thi hành
Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Tư pháp chịu trách nhiệm thi hành Quyết định này./.""",
    recipients="Nơi nhận:\n- Như Điều 3;\n- Bộ Tư pháp (Cục Kiểm tra VBQPPL);\n- Lưu: VT, NC.",
    signature="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐinh Văn Sơn",
)

# A clean administrative plan (Kế hoạch) of a provincial People's Committee.
ADMIN_PLAN = dict(
    header_left="ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nSố: 86/KH-UBND",
    header_right=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                  "Tuyên Quang, ngày 21 tháng 8 năm 2025"),
    body="""KẾ HOẠCH
Rà soát, đánh giá thủ tục hành chính trên địa bàn tỉnh Tuyên Quang năm 2025
Thực hiện Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính phủ về kiểm soát thủ tục hành chính,
Ủy ban nhân dân tỉnh ban hành Kế hoạch rà soát, đánh giá thủ tục hành chính năm 2025 như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Phát hiện để kiến nghị bãi bỏ những thủ tục hành chính không cần thiết.
2. Các sở, ban, ngành thực hiện rà soát đúng tiến độ.""",
    recipients="Nơi nhận:\n- Văn phòng Chính phủ (Cục KSTTHC);\n- Các sở, ban, ngành;\n- Lưu: VT, KSTTHC.",
    signature="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐặng Thị Hồng Nhung",
)

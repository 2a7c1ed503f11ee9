"""Vietnamese words for the codes stored in the tables (the column labels
themselves are declared with the tables: ``rasoat.tables``)."""

from __future__ import annotations

from rasoat import tables

SEVERITY = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
RELATION = {"can_cu": "Căn cứ", "sua_doi": "Sửa đổi, bổ sung", "bai_bo": "Bãi bỏ", "thay_the": "Thay thế",
            "huong_dan": "Hướng dẫn", "mention": "Nhắc tới"}
FIGURE_KIND = {"count": "Số đếm", "fraction": "Phân số", "percent": "Tỷ lệ phần trăm", "money": "Tiền"}
ARTICLE_KIND = {"phan": "Phần", "chuong": "Chương", "muc": "Mục", "dieu": "Điều", "khoan": "Khoản", "diem": "Điểm"}
TEXT_SOURCE = {"text": "Lớp chữ PDF", "ocr": "Nhận dạng quang học (OCR)", "tcvn3": "Chuyển mã TCVN3",
               "vni": "Chuyển mã VNI", "plain": "Văn bản thuần", "docx": "Word (.docx)", "doc": "Word (.doc)",
               "tcvn3/vni": "Chuyển mã TCVN3 và VNI", "text+ocr": "Lớp chữ PDF và OCR",
               "doc/legacy": "Word (.doc), chuyển mã TCVN3/VNI", "rtf": "RTF"}  # every rasoat.models.TextSource
YES_NO = {1: "Có", 0: "Không", "1": "Có", "0": "Không"}
QPPL = {1: "Văn bản QPPL", 0: "Không phải QPPL", "1": "Văn bản QPPL", "0": "Không phải QPPL"}

# (column → words for its values), used for table cells and facets whatever the table
VALUES = {"severity": SEVERITY, "relation": RELATION, "kind": {**FIGURE_KIND, **ARTICLE_KIND},
          "text_source": TEXT_SOURCE, "source": TEXT_SOURCE, "is_qppl": QPPL, "ocr": YES_NO, "damaged": YES_NO}

# columns that canned queries return for rasoat's plugin to turn into links (see plugin.render_cell)
LINK_COLUMNS = {"document_id": "Văn bản (mở trang)", "finding_id": "Bằng chứng trong văn bản",
                "citation_id": "Trích dẫn trong văn bản"}

# (documents column, label) in the order a reviewer reads a header; the labels are the columns' (rasoat.tables)
HEADER_FIELDS = tuple((column, tables.label("documents", column)) for column in (
    "number", "doc_type", "issuer", "parent_issuer", "place", "issued_on", "effective_on", "title",
    "signing_authority", "signer_title", "signer", "is_qppl", "file_name", "pages", "text_source",
))


def value_label(column: str, value, table: str | None = None) -> str | None:
    """The Vietnamese word for a stored code, or None if there is none
    (``source`` is a text source only in ``pages``)."""
    if column == "source" and table not in (None, "pages"):
        return None
    try:
        return VALUES.get(column, {}).get(value)
    except TypeError:  # unhashable
        return None


def vn_date(iso: str | None) -> str:
    """"2024-03-12" → "12/03/2024" (what a reviewer reads); other text unchanged."""
    if iso and len(iso) == 10 and iso[4] == iso[7] == "-":
        return f"{iso[8:]}/{iso[5:7]}/{iso[:4]}"
    return iso or ""

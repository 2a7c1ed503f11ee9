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
    """"2024-03-12" → "12/03/2024", "2026-06" → "tháng 06/2026", "2026" → "năm 2026" (what a reviewer reads);
    other text unchanged."""
    if iso and len(iso) == 10 and iso[4] == iso[7] == "-":
        return f"{iso[8:]}/{iso[5:7]}/{iso[:4]}"
    if iso and len(iso) == 7 and iso[4] == "-" and iso[:4].isdigit():
        return f"tháng {iso[5:]}/{iso[:4]}"
    if iso and len(iso) == 4 and iso.isdigit():
        return f"năm {iso}"
    return iso or ""


# Datasette's filter operators (datasette.filters.Filters: key → English display) in Vietnamese, as the filter
# form lists them and the sentence over a table reads them ("Số ký hiệu chứa “QĐ”")
LOOKUPS = {"exact": "=", "not": "≠", "contains": "chứa", "notcontains": "không chứa", "endswith": "kết thúc bằng",
           "startswith": "bắt đầu bằng", "gt": ">", "gte": "≥", "lt": "<", "lte": "≤", "like": "khớp mẫu (like)",
           "notlike": "không khớp mẫu (not like)", "glob": "khớp mẫu (glob)", "in": "thuộc danh sách",
           "notin": "không thuộc danh sách", "arraycontains": "mảng chứa", "arraynotcontains": "mảng không chứa",
           "date": "vào ngày", "isnull": "trống (null)", "notnull": "không trống (not null)", "isblank": "trống",
           "notblank": "không trống"}
# the kinds of facet Datasette names in English
FACET_TYPES = {"date": "theo ngày", "array": "theo phần tử", "column": "theo cột"}
ERROR_TITLES = {400: "Yêu cầu không hợp lệ", 403: "Không có quyền truy cập", 404: "Không tìm thấy",
                405: "Thao tác không được phép", 414: "Địa chỉ quá dài", 500: "Lỗi máy chủ"}
ERROR_MESSAGES = {400: "Yêu cầu này không thực hiện được.", 403: "Bạn không có quyền xem trang này; hãy đăng nhập.",
                  404: "Không tìm thấy trang hoặc dòng dữ liệu này.", 500: "Máy chủ gặp lỗi khi trả lời yêu cầu "
                  "này. Hãy thử lại; nếu vẫn lỗi, báo cho người quản trị kèm địa chỉ trang."}


def number_vn(n: int) -> str:
    """12345 → "12.345" (Vietnamese thousands separator)."""
    return f"{n:,}".replace(",", ".")


def lookup_label(key: str, display: str | None = None) -> str:
    return LOOKUPS.get(key.removesuffix("__1"), display or key)


def error_title(status: int, title: str | None = None) -> str:
    if title and not title.isascii():
        return title
    return ERROR_TITLES.get(status, f"Lỗi {status}")


def error_message(status: int, message) -> str:
    """Our own (Vietnamese) messages as they are; Datasette's English ones replaced by the status's Vietnamese."""
    text = str(message or "")
    if text and not text.isascii():
        return message
    return ERROR_MESSAGES.get(status // 100 * 100 if status not in ERROR_MESSAGES else status, ERROR_MESSAGES[400])


def error_detail(status: int, message) -> str:
    """Datasette's English message of a 400 (an SQL error: what the SQL author needs), shown as a detail."""
    text = str(message or "")
    return text if status == 400 and text.isascii() else ""


# menu entries other plugins add (datasette-auth-passwords, Datasette's debug pages for the root user)
MENU_LABELS = {"Log in": "Đăng nhập", "Log out": "Đăng xuất", "Debug permissions": "Kiểm tra quyền",
               "Debug allow rules": "Kiểm tra quy tắc cho phép", "Debug messages": "Kiểm tra thông báo",
               "Create an API token": "Tạo khóa API"}


def menu_label(label: str) -> str:
    return MENU_LABELS.get(label, label)

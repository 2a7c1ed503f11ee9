"""The stored tables, declared once: per table its columns (name, SQLite
type, Vietnamese label and explanation), primary key, indexes, links to
other tables, its Vietnamese title and description, and how Datasette shows
it (facets, sort).  Table names and columns are a contract other tools read.

Everything else is derived from ``TABLES``:

* ``rasoat.store`` creates the tables, their indexes and foreign keys
  (``store.SCHEMA``, ``store.CHILD_TABLES``, ``store.FOREIGN_KEYS``) and
  builds every row from a table's column list (``store.row``: a column takes
  the attribute of the same name of the records given, unless the caller
  computes it);
* ``rasoat.web.labels`` takes its column labels from here (``label``);
* the Datasette metadata (``rasoat.web.metadata``) gives every table its
  title and description and every column "label — explanation" (the plugin
  shows the part before " — " as the column header); the top-level
  ``datasette_metadata.yml`` is generated from it (``python -m
  rasoat.web.metadata``) and a test checks the two agree.

So a new field of a record is: the dataclass field, the extractor that fills
it, and one ``Column`` here (with its label) — nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    name: str
    type: type  # str, int or float: TEXT, INTEGER, REAL
    label: str  # what a reviewer reads as the column header (Vietnamese)
    note: str = ""  # what the column holds, when the label does not say it all (Vietnamese)
    references: str | None = None  # "table.column" this one points at (a foreign key, not enforced)

    @property
    def description(self) -> str:
        """``label — note``, as Datasette shows it below the column header."""
        return f"{self.label} — {self.note}" if self.note else self.label


@dataclass(frozen=True)
class Table:
    name: str
    title: str  # Vietnamese
    description: str  # Vietnamese: what a row is
    columns: tuple[Column, ...]
    pk: str | None = None
    indexes: tuple[str, ...] = ()  # columns with an index of their own
    datasette: dict = field(default_factory=dict)  # Datasette table options: facets, sort, sort_desc, label_column

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


# the number compared without marks, case, spacing or leading zero (rasoat.numbers.number_key): citations are
# linked to documents by it
NUMBER_KEY = Column("number_key", str, "Khóa số ký hiệu", "số ký hiệu viết thường, không dấu, để so khớp")


def _document_id(label: str = "Văn bản") -> Column:
    return Column("document_id", str, label, references="documents.id")


def _span() -> tuple[Column, ...]:
    """Where a record was found: page and characters of the page's text."""
    return (Column("page", int, "Trang"), Column("start", int, "Vị trí đầu", "ký tự thứ mấy trong chữ của trang"),
            Column("end", int, "Vị trí cuối"))


# a finding's identity that survives reading the same file again (rule, page, evidence text: not the rowid);
# reviews are joined to findings by it (rasoat.reviews.finding_key)
FINDING_KEY = Column(
    "finding_key", str, "Khóa phát hiện", "giữ nguyên khi đọc lại cùng tệp (quy tắc, trang, bằng chứng)"
)

SEARCH_FOLDED = Column("search_folded", str, "Dạng không dấu",
                       "trường ngắn và các từ có chữ đ, để tìm kiếm không dấu")

TABLES: tuple[Table, ...] = (
    Table(
        "documents", "Văn bản",
        "Mỗi dòng là một tệp đã đọc (khóa là mã SHA-256 của tệp). Bấm số ký hiệu để mở trang văn bản với phát "
        "hiện và bằng chứng. Tệp đọc lỗi có cột Lỗi.",
        (
            Column("id", str, "Mã tệp", "SHA-256 của tệp"),
            Column("path", str, "Đường dẫn", "nơi đặt tệp khi đọc"),
            Column("file_name", str, "Tên tệp"),
            Column("pages", int, "Số trang"),
            Column("number", str, "Số ký hiệu", "như in trên văn bản (vd. 01/2024/QĐ-UBND)"),
            Column("symbol", str, "Ký hiệu", "phần sau số và năm (vd. QĐ-UBND)"),
            Column("doc_type", str, "Loại văn bản", "Nghị quyết, Quyết định, Báo cáo…"),
            Column("issuer", str, "Cơ quan ban hành"),
            Column("parent_issuer", str, "Cơ quan cấp trên", "dòng trên tên cơ quan ban hành"),
            Column("place", str, "Địa danh"),
            Column("issued_on", str, "Ngày ban hành"),
            Column("issued_in", str, "Tháng/năm ban hành",
                   "khi dòng ngày tháng để trống ngày (dự thảo) hoặc ngày viết tay không đọc được: 2026-06, 2026"),
            Column("effective_on", str, "Ngày có hiệu lực"),
            Column("status", str, "Tình trạng hiệu lực", "hôm nay, theo sổ văn bản (bảng registry) và bằng chứng ở đó"),
            Column("title", str, "Trích yếu"),
            Column("signer", str, "Người ký"),
            Column("signing_authority", str, "Thẩm quyền ký", "TM., KT., Q., TL., TUQ."),
            Column("signer_title", str, "Chức vụ người ký"),
            Column("is_qppl", int, "Văn bản QPPL", "văn bản quy phạm pháp luật (1) hay không (0)"),
            Column("year", int, "Năm ban hành"),
            Column("error", str, "Lỗi", "lỗi khi đọc tệp"),
            Column("error_stage", str, "Bước lỗi",
                   "bước gặp lỗi: đọc tệp (read), trích xuất (extract), quy tắc (rules), ghi (store)"),
            Column("error_detail", str, "Chi tiết kỹ thuật", "chi tiết lỗi cho người bảo trì (cuối traceback)"),
            Column("text_source", str, "Nguồn chữ", "lớp chữ PDF, OCR, chuyển mã TCVN3/VNI, văn bản thuần"),
            Column("ocr", int, "OCR", "đã nhận dạng quang học"),
            Column("ingested_at", str, "Thời điểm đọc"),
            NUMBER_KEY,
            # the long columns last: SQLite keeps a row's first bytes in the table's b-tree and the rest in
            # overflow pages, so sorting, filtering and faceting by the short columns never reads the text
            Column("meta", str, "Thông tin thêm", "vị trí các trường thể thức (JSON)"),
            SEARCH_FOLDED,
            Column("text", str, "Toàn văn"),
        ),
        pk="id",
        # look-ups, default order, facets
        indexes=("path", "number", "number_key", "issued_on", "doc_type", "issuer", "year"),
        datasette=dict(label_column="number", sort_desc="issued_on",
                       facets=["doc_type", "issuer", "year", "is_qppl", "text_source"]),
    ),
    Table(
        "pages", "Trang",
        "Chữ của từng trang; vị trí (đầu, cuối) của các bảng khác tính trên chữ này.",
        (
            _document_id(),
            Column("page", int, "Trang"),
            Column("text", str, "Chữ của trang"),
            Column("source", str, "Nguồn chữ", "lớp chữ PDF, OCR, chuyển mã"),
            Column("ocr_confidence", float, "Độ tin cậy OCR"),
            Column("damaged", int, "Hỏng", "trang đọc không được đầy đủ"),
            Column("regions", str, "Vùng", "vị trí các vùng thể thức trên trang (JSON)"),
            Column("tables", str, "Bảng", "các bảng trên trang (JSON)"),
            Column("furniture", str, "Đầu/chân trang", "dòng lặp lại đã bỏ khỏi chữ"),
        ),
        indexes=("document_id",),
        datasette=dict(facets=["source", "damaged"]),
    ),
    Table(
        "citations", "Trích dẫn",
        "Mọi tham chiếu tới văn bản khác, với quan hệ (căn cứ, sửa đổi, bãi bỏ, thay thế, hướng dẫn, nhắc tới).",
        (
            _document_id("Văn bản chứa trích dẫn"),
            *_span(),
            Column("raw", str, "Chữ như in"),
            Column("number", str, "Số ký hiệu được trích dẫn"),
            Column("doc_type", str, "Loại văn bản được trích dẫn"),
            Column("issuer", str, "Cơ quan ban hành", "của văn bản được trích dẫn"),
            Column("issued_on", str, "Ngày", "của văn bản được trích dẫn"),
            Column("relation", str, "Quan hệ", "căn cứ, sửa đổi, bãi bỏ, thay thế, hướng dẫn, nhắc tới"),
            Column("name", str, "Tên văn bản", "khi trích dẫn theo tên"),
            Column("issued_year", int, "Năm", "khi trích dẫn theo tên chỉ ghi năm (Bộ luật Lao động năm 2019)"),
            Column("target_id", str, "Văn bản được trích dẫn", "nếu có trong cơ sở dữ liệu",
                   references="documents.id"),
            NUMBER_KEY,
            Column("status", str, "Hiệu lực tại ngày ký",
                   "tình trạng hiệu lực của văn bản được trích dẫn vào ngày ký văn bản chứa trích dẫn"),
            Column("resolved_number", str, "Số ký hiệu tìm theo tên",
                   "văn bản trích dẫn theo tên và ngày, đối chiếu với sổ văn bản"),
            Column("name_confidence", float, "Độ tin cậy", "của số ký hiệu tìm theo tên (0–1); từ 0,9 thì điền "
                   "vào cột số ký hiệu"),
        ),
        indexes=("document_id", "number", "number_key"),
        datasette=dict(facets=["relation", "doc_type", "issuer"]),
    ),
    Table(
        "figures", "Số liệu",
        "Số liệu trong báo cáo - số đếm, phân số, tỷ lệ phần trăm, tiền - với đơn vị và câu chứa nó.",
        (
            _document_id(),
            Column("idx", int, "Thứ tự"),
            *_span(),
            Column("raw", str, "Chữ như in"),
            Column("value", float, "Giá trị", "số đếm, tiền"),
            Column("numerator", float, "Tử số"),
            Column("denominator", float, "Mẫu số"),
            Column("percent", float, "Tỷ lệ %"),
            Column("unit", str, "Đơn vị", "cái được đếm"),
            Column("subject", str, "Nội dung"),
            Column("sentence", str, "Câu chứa số liệu"),
            Column("qualifier", str, "Từ đi kèm", "đạt, trên, khoảng…"),
            Column("kind", str, "Loại số liệu"),
            Column("decimals", int, "Số chữ số thập phân"),
            Column("parent", int, "Số liệu tổng", "số liệu (theo thứ tự) mà số liệu này thuộc về"),
        ),
        indexes=("document_id",),
        datasette=dict(facets=["kind", "unit"]),
    ),
    Table(
        "procedures", "Thủ tục hành chính",
        "Mã và tên thủ tục hành chính (TTHC) tìm thấy trong văn bản và bảng.",
        (
            _document_id(),
            Column("page", int, "Trang"),
            Column("code", str, "Mã TTHC", "vd. 1.004227"),
            Column("name", str, "Tên thủ tục"),
            Column("source", str, "Nguồn", "bảng hay văn bản"),
            Column("start", int, "Vị trí đầu", "ký tự thứ mấy trong chữ của trang"),
            Column("end", int, "Vị trí cuối"),
            Column("field", str, "Lĩnh vực"),
            Column("agency", str, "Cơ quan thực hiện"),
            Column("deadline", str, "Thời hạn giải quyết"),
            Column("fee", str, "Phí, lệ phí"),
        ),
        indexes=("document_id", "code"),
        datasette=dict(sort="code", facets=["source", "field"]),
    ),
    Table(
        "articles", "Điều khoản",
        "Cấu trúc văn bản - Phần, Chương, Mục, Điều, Khoản, Điểm. Tìm không dấu được.",
        (
            _document_id(),
            Column("path", str, "Vị trí", "vd. Chương II > Điều 5 > Khoản 2"),
            Column("kind", str, "Cấp", "Phần, Chương, Mục, Điều, Khoản, Điểm"),
            Column("number", str, "Số"),
            Column("title", str, "Tên"),
            Column("text", str, "Nội dung"),
            *_span(),
            SEARCH_FOLDED,
        ),
        indexes=("document_id",),
        datasette=dict(facets=["kind"]),
    ),
    Table(
        "bodies", "Cơ quan được nhắc tới",
        "Cơ quan, tổ chức được nêu tên trong văn bản, chuẩn hóa theo danh mục cơ quan (tên đầy đủ, loại, cấp).",
        (
            _document_id(),
            *_span(),
            Column("raw", str, "Chữ như in"),
            Column("name", str, "Tên cơ quan", "tên đầy đủ theo danh mục; trống khi không xác định được"),
            Column("kind", str, "Loại cơ quan", "UBND, HĐND, sở, bộ, Chính phủ…"),
            Column("level", str, "Cấp", "trung ương, tỉnh, huyện, xã"),
        ),
        indexes=("document_id",),
        datasette=dict(facets=["kind", "level"]),
    ),
    Table(
        "registry", "Sổ văn bản và hiệu lực",
        "Mỗi dòng là một văn bản đã biết (lưu trong cơ sở dữ liệu, được trích dẫn, có trong sổ kèm theo rasoat "
        "hoặc được nhập) với tình trạng hiệu lực hôm nay và bằng chứng: văn bản và điều khoản nói điều đó. "
        "Hai nguồn khác nhau thì ghi ở cột Mâu thuẫn, không tự chọn.",
        (
            Column("number", str, "Số ký hiệu"),
            Column("doc_type", str, "Loại văn bản"),
            Column("issuer", str, "Cơ quan ban hành"),
            Column("title", str, "Trích yếu"),
            Column("issued_on", str, "Ngày ban hành"),
            Column("effective_on", str, "Ngày có hiệu lực"),
            Column("status", str, "Tình trạng hiệu lực",
                   "hôm nay: còn hiệu lực, hết hiệu lực toàn bộ, hết hiệu lực một phần, chưa có hiệu lực, chưa rõ"),
            Column("status_from", str, "Từ ngày", "ngày tình trạng bắt đầu"),
            Column("replaced_by", str, "Bị thay thế bởi", "danh sách số ký hiệu (JSON)"),
            Column("repealed_by", str, "Bị bãi bỏ bởi", "danh sách số ký hiệu (JSON)"),
            Column("partly_repealed_by", str, "Bị bãi bỏ một phần bởi", "danh sách số ký hiệu (JSON)"),
            Column("amended_by", str, "Được sửa đổi, bổ sung bởi", "danh sách số ký hiệu (JSON)"),
            Column("source", str, "Nguồn", "văn bản lưu, Công báo (sổ kèm theo rasoat), dữ kiện, nhập"),
            Column("conflicts", str, "Mâu thuẫn", "các nguồn nói khác nhau"),
            Column("document_id", str, "Văn bản lưu", "văn bản này, nếu có trong cơ sở dữ liệu",
                   references="documents.id"),
            NUMBER_KEY,
            Column("evidence", str, "Bằng chứng", "từng dữ kiện: nguồn, văn bản và điều khoản (JSON)"),
        ),
        pk="number_key",
        indexes=("number", "status", "doc_type"),
        datasette=dict(label_column="number", sort="number", facets=["status", "doc_type", "source", "issuer"]),
    ),
    Table(
        "registry_facts", "Dữ kiện hiệu lực",
        "Mỗi dòng là một dữ kiện về hiệu lực của một văn bản: tự văn bản nêu (ban hành, có hiệu lực) hoặc văn bản "
        "khác thay thế, bãi bỏ (toàn bộ hay một phần), sửa đổi nó — với văn bản và điều khoản nói điều đó.",
        (
            Column("number", str, "Số ký hiệu", "văn bản mà dữ kiện nói về"),
            Column("kind", str, "Dữ kiện", "ban_hanh, thay_the, bai_bo, bai_bo_mot_phan, sua_doi"),
            Column("source", str, "Nguồn", "văn bản lưu, nhập"),
            Column("since", str, "Từ ngày", "ngày dữ kiện có hiệu lực"),
            Column("by_number", str, "Do văn bản", "số ký hiệu của văn bản nói điều đó"),
            Column("clause", str, "Điều khoản", "văn bản và điều khoản nói điều đó"),
            Column("doc_type", str, "Loại văn bản"),
            Column("issuer", str, "Cơ quan ban hành"),
            Column("title", str, "Trích yếu"),
            Column("issued_on", str, "Ngày ban hành"),
            Column("effective_on", str, "Ngày có hiệu lực"),
            Column("document_id", str, "Văn bản chứa điều khoản", references="documents.id"),
            *_span(),
            NUMBER_KEY,
        ),
        indexes=("document_id", "number_key"),
        datasette=dict(facets=["kind", "source"]),
    ),
    Table(
        "findings", "Phát hiện",
        "Kết quả các quy tắc tự kiểm tra. Bấm vào bằng chứng để xem nó trong văn bản.",
        (
            _document_id(),
            Column("rule_id", str, "Quy tắc", references="rules.id"),
            Column("severity", str, "Mức độ", "lỗi, cảnh báo, thông tin"),
            Column("message", str, "Nội dung"),
            Column("evidence", str, "Bằng chứng", "bấm để xem trong văn bản"),
            Column("fix", str, "Cách khắc phục", "cách sửa: giá trị đúng tính lại, số liệu đã dùng, chỗ cần sửa"),
            *_span(),
            FINDING_KEY,
            Column("decision", str, "Đánh giá", "đánh giá mới nhất của người rà soát (bảng Đánh giá phát hiện)"),
        ),
        indexes=("document_id", "rule_id", "finding_key"),
        datasette=dict(sort="rule_id", facets=["severity", "rule_id", "decision", "document_id"]),
    ),
    Table(
        "rules", "Quy tắc kiểm tra",
        "Danh mục quy tắc tự kiểm tra với căn cứ pháp lý.",
        (
            Column("id", str, "Mã quy tắc"),
            Column("title", str, "Tên quy tắc"),
            Column("category", str, "Nhóm"),
            Column("severity", str, "Mức độ"),
            Column("legal_basis", str, "Căn cứ pháp lý"),
            Column("fix", str, "Cách khắc phục", "cách sửa chung cho mọi phát hiện của quy tắc"),
        ),
        pk="id",
        datasette=dict(label_column="title", sort="id", facets=["category", "severity"]),
    ),
    Table(
        "reviews", "Đánh giá phát hiện",
        "Mỗi dòng là một lần người rà soát đánh giá một phát hiện (Đúng, cần sửa / Không phải lỗi / Cần xem "
        "thêm) kèm ghi chú; giữ cả lịch sử, đánh giá mới nhất hiện bên cạnh phát hiện. Đọc lại hay kiểm tra "
        "lại văn bản không xóa các đánh giá.",
        (
            FINDING_KEY,
            # not a foreign key on purpose: rows that reference documents.id are deleted with the document
            # (store.CHILD_TABLES) when it is read again, and decisions must outlive that
            Column("document_id", str, "Văn bản"),
            Column("rule_id", str, "Quy tắc"),
            Column("decision", str, "Đánh giá", "Đúng, cần sửa / Không phải lỗi / Cần xem thêm"),
            Column("note", str, "Ghi chú"),
            Column("reviewer", str, "Người rà soát"),
            Column("decided_at", str, "Thời điểm đánh giá", "giờ UTC"),
        ),
        indexes=("finding_key", "document_id"),
        datasette=dict(sort_desc="decided_at", facets=["decision", "reviewer", "rule_id"]),
    ),
)

BY_NAME = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    return BY_NAME[name]


def label(table_name: str, column: str) -> str:
    """The Vietnamese label of a stored column."""
    return BY_NAME[table_name].column(column).label

"""Header fields from the sample PDFs (our own documents, rendered with the
standard two-column header), and the pieces that read them."""

import pytest

from extract import extract
from extract.header import find_title, parse_number_line
from ingest import ingest_file

EXPECTED = {
    # stem: (number, doc_type, issuer, parent_issuer, place, issued_on, signer, authority, is_qppl)
    "nd-cp": ("318/2025/NĐ-CP", "Nghị định", "Chính phủ", None, "Hà Nội", "2025-12-10", "Nguyễn Đức Thịnh", "TM. KT.",
              True),
    "nq-hdnd-tinh": ("12/2024/NQ-HĐND", "Nghị quyết", "Hội đồng nhân dân tỉnh Bắc Kạn", None, "Bắc Kạn", "2024-07-10",
                     "Hoàng Văn Khải", None, True),
    "qd-ubnd-qppl": ("05/2024/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh Lâm Đồng", None, "Lâm Đồng", "2024-03-12",
                     "Đinh Văn Sơn", "TM. KT.", True),
    "bc-cchc": ("215/BC-UBND", "Báo cáo", "Ủy ban nhân dân tỉnh Hà Tĩnh", None, "Hà Tĩnh", "2024-12-16",
                "Nguyễn Hữu Phước", "TM. KT.", False),
    "cv-so-tu-phap": ("604/STP-VP", "Công văn", "Sở Tư pháp", "Ủy ban nhân dân tỉnh Lâm Đồng", "Lâm Đồng", "2025-09-15",
                      "Phạm Quốc Dũng", "KT.", False),
    "tt-tu-trinh": ("88/TTr-STP", "Tờ trình", "Sở Tư pháp", "Ủy ban nhân dân tỉnh Lâm Đồng", "Lâm Đồng", "2024-02-26",
                    "Trần Thị Minh Nguyệt", None, False),
    "qd-cong-bo-tthc": ("1234/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh Thái Nguyên", None, "Thái Nguyên",
                        "2025-08-18", "Bùi Đức Thắng", None, False),
    "kh-ubnd": ("86/KH-UBND", "Kế hoạch", "Ủy ban nhân dân tỉnh Tuyên Quang", None, "Tuyên Quang", "2025-08-21",
                "Đặng Thị Hồng Nhung", "TM. KT.", False),
}


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_sample_header(sample_pdfs, stem):
    h = extract(ingest_file(sample_pdfs[stem])).header
    got = (h.number, h.doc_type, h.issuer, h.parent_issuer, h.place, h.issued_on, h.signer, h.signing_authority,
           h.is_qppl)
    assert got == EXPECTED[stem]
    assert h.title  # every sample has a trích yếu


def test_effective_date_from_the_effect_article(sample_pdfs):
    assert extract(ingest_file(sample_pdfs["qd-ubnd-qppl"])).header.effective_on == "2024-03-25"
    assert extract(ingest_file(sample_pdfs["bc-cchc"])).header.effective_on is None


def test_evidence_spans_point_at_the_header(sample_pdfs):
    doc = ingest_file(sample_pdfs["qd-ubnd-qppl"])
    h = extract(doc).header
    page, start, end = h.spans["number"]
    assert "05/2024/QĐ-UBND" in doc.pages[page - 1].text[start:end]
    page, start, end = h.spans["signer"]
    assert doc.pages[page - 1].text[start:end] == "Đinh Văn Sơn"


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Số: 01/2024/QĐ-UBND", ("01/2024/QĐ-UBND", "QĐ-UBND")),
        ("Số: 93/NQ-HĐND", ("93/NQ-HĐND", "NQ-HĐND")),
        ("Luật số: 51/2024/QH15", ("51/2024/QH15", "QH15")),
        ("Số: 12/UBND-VX", ("12/UBND-VX", "UBND-VX")),
        ("Số:      /BC-UBND", (None, "BC-UBND")),  # left blank: signed digitally, the stamp prints it
        ("Số: /B C-UBND", (None, "BC-UBND")),  # a gap inside the symbol
        ("Số: 34#/QĐ-TTg", (None, "QĐ-TTg")),  # a handwritten number misread: unknown, not wrong
        ("Số: 217/2031/NĐ-CP Hà Nội, ngày 21 tháng 12", ("217/2031/NĐ-CP", "NĐ-CP")),
        ("Số: 08/2014/TTLT-BTP-BNV", ("08/2014/TTLT-BTP-BNV", "TTLT-BTP-BNV")),
        ("Kính gửi: Sở Tư pháp", (None, None)),
    ],
)
def test_number_line(line, expected):
    assert parse_number_line(line) == expected


@pytest.mark.parametrize(
    "body, type_word, title",
    [
        ("QUYẾT ĐỊNH\nVề việc công bố Danh mục thủ tục hành chính\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ", "QUYẾT ĐỊNH",
         "Về việc công bố Danh mục thủ tục hành chính"),
        ("LUẬT\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT BẢO HIỂM Y TẾ\nCăn cứ Hiến pháp", "LUẬT",
         "Sửa đổi, bổ sung một số điều của luật bảo hiểm y tế"),
        ("NGHỊ ĐỊNH CỦA CHÍNH PHỦ\nVề đăng ký kinh doanh\nCHÍNH PHỦ", "NGHỊ ĐỊNH", "Về đăng ký kinh doanh"),
        ("NG Ị ĐỊN\nQuản lý, kết nối và chia sẻ dữ liệu số\nCăn cứ", "NGHỊ ĐỊNH",
         "Quản lý, kết nối và chia sẻ dữ liệu số"),
        ("Kính gửi: Ủy ban nhân dân tỉnh\nSở Tư pháp báo cáo như sau", None, None),
        # a scan: OCR read the receipt stamp in the margin ("ĐẾN", "Ngày: …") on the type word's line
        ("ĐẾN —...a NGHỊ ĐỊNH\nQuy định về đánh giá, xếp loại chất lượng\ncơ quan hành chính\nCăn cứ Luật",
         "NGHỊ ĐỊNH", "Quy định về đánh giá, xếp loại chất lượng cơ quan hành chính"),
        # but a sentence that happens to end with a type word is not a title line
        ("Các sở, ngành thực hiện theo đúng QUYẾT ĐỊNH\nnày và báo cáo", None, None),
    ],
)
def test_title(body, type_word, title):
    got = find_title(body)
    assert (got[0], got[1]) == (type_word, title)


@pytest.mark.parametrize(
    "right, expected",
    [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, tháng 12 2025\nngày 21 năm",
         ("Hà Nội", "2025-12-21")),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày tháng 12 năm 2025",
         ("Lâm Đồng", None)),  # a blank day stays unknown
    ],
)
def test_scattered_date(right, expected):
    from extract.header import scattered_date

    assert scattered_date(right) == expected


def test_signer_beside_a_recipient_line_on_the_next_page():
    from extract.header import find_signature
    from rasoat.models import Page, SourceDocument

    p1 = Page(1, "Điều 3. Hiệu lực\nNơi nhận:\n- Văn phòng Tổng Bí thư;\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG",
              regions={"body": (0, 16), "recipients": (17, 51), "signature": (52, 76)})
    p2 = Page(2, "- Văn phòng Quốc hội;\n- Cơ quan Trung ương của các đoàn thể; Vũ Thị Mai\n- Công báo;")
    signer, authority, title, span = find_signature(SourceDocument("x", "x", "x", pages=[p1, p2]))
    assert (signer, authority, title) == ("Vũ Thị Mai", "KT.", "THỨ TRƯỞNG")
    assert p2.text[span[1] : span[2]] == "Vũ Thị Mai"


def test_own_number_line_is_not_a_citation_even_when_unreadable():
    from extract.citations import find_citations
    from rasoat.models import Page

    page = Page(1, "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố:}492 /TB-UBND\nCăn cứ Thông báo số 12/TB-UBND;",
                regions={"header_left": (0, 46), "body": (47, 80)})
    assert [c.number for c in find_citations([page])] == ["12/TB-UBND"]

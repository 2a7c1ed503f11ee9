"""Marks OCR dropped from a signer's surname and middle names."""

import pytest

from extract.names import restore_marks


@pytest.mark.parametrize("read, expected", [
    ("Pham Thi Ngoc Lan", "Phạm Thị Ngọc Lan"),  # bold dots below lost on a scanned Nghị định
    ("Nguyen Duc Long", "Nguyễn Đức Long"),
    ("NGUYEN VAN A", "NGUYỄN VAN A"),  # Văn or Vân: left as read
    ("Phan Minh Thi", "Phan Minh Thi"),  # "Phan" is a surname, "Minh" a middle name; the given name stays
    ("Phạm Quang Vinh", "Phạm Quang Vinh"),  # marks read: nothing to do
    ("Thanh Lan", "Thanh Lan"),  # not a surname without marks
    ("Trà", "Trà"),
])
def test_restore_marks(read, expected):
    assert restore_marks(read) == expected


SIGNATURE = ("Điều 3. Hiệu lực thi hành\nNghị định này có hiệu lực từ ngày ký.\nTM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\n"
             "PHÓ THỦ TƯỚNG\nPham Thi Ngoc Lan")


@pytest.mark.parametrize("source, signer", [("ocr", "Phạm Thị Ngọc Lan"), ("text", "Pham Thi Ngoc Lan")])
def test_only_an_ocr_signer_gets_marks_back(source, signer):
    from extract.header import extract_header
    from rasoat.models import Page, SourceDocument

    doc = SourceDocument(path="x.pdf", sha256="0" * 64, file_name="x.pdf", pages=[Page(1, SIGNATURE, source=source)])
    assert extract_header(doc).signer == signer  # a text layer says what the document says


HEADER = ("ỦY BAN NHÂN DÂN            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "  TỈNH LÂM ĐÒNG                 Độc lập - Tự do - Hạnh phúc\n"
          "Số: 612/TB-UBND            Lâm Đồng, ngày 13 tháng 11 năm 2025\n\n"
          "                    THÔNG BÁO\nKết luận của Chủ tịch")


@pytest.mark.parametrize("source, issuer", [("ocr", "Ủy ban nhân dân tỉnh Lâm Đồng"),
                                            ("text", "Ủy ban nhân dân tỉnh Lâm Đòng")])
def test_an_ocr_issuer_is_spelled_as_the_gazetteer_spells_it(source, issuer):
    from extract.header import extract_header
    from ingest.layout import layout_plain_text
    from rasoat.models import Page, SourceDocument

    laid = layout_plain_text(HEADER)
    page = Page(1, laid.text, source=source, regions=laid.regions)
    doc = SourceDocument(path="x.pdf", sha256="0" * 64, file_name="x.pdf", pages=[page])
    assert extract_header(doc).issuer == issuer

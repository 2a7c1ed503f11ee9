"""Header fields on the forms documents take outside the first dev set (issue 13): signatures standing before
appendices, joint numbers and issuers, headers printed away from the top, long titles, Bộ luật and văn bản hợp
nhất.  Fragments written for these tests (invented bodies, names and numbers); near-misses must stay silent."""

import pytest

from extract import locate
from extract.blocks import consolidation_mark
from extract.header import extract_header, joint_issuers, parse_number_line
from extract.names import first_of_side_by_side
from rules.fragments import region_page as page
from rules.fragments import source_of as document

RIGHT = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 05 tháng 3 năm 2031"


# --------------------------------------------------------------------------- numbers and symbols


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Bộ luật số: 12/2031/QH16", ("12/2031/QH16", "QH16")),
        ("Nghị quyết số: 07/2031/QH16", ("07/2031/QH16", "QH16")),
        ("Số: 77/TTr-CAX(PC09)", ("77/TTr-CAX(PC09)", "TTr-CAX(PC09)")),
        ("Số: 77/TTr-CAX (PC09)", ("77/TTr-CAX(PC09)", "TTr-CAX(PC09)")),  # the unit code after a space
        ("Số: 12/VBHN-BXD", ("12/VBHN-BXD", "VBHN-BXD")),
        ("SỐ: 12/QĐ-UBND", ("12/QĐ-UBND", "QĐ-UBND")),  # in capitals
        ("Sô: 12/QĐ-UBND", ("12/QĐ-UBND", "QĐ-UBND")),  # OCR lost the tone mark
        ("Số 15-NQ/TU", ("15-NQ/TU", "NQ/TU")),  # a Party document
        ("Số: 05 - KL/TW", ("05-KL/TW", "KL/TW")),
        # near-miss: words in parentheses after the number are no part of it
        ("Số: 12/UBND-VX (kèm theo hồ sơ)", ("12/UBND-VX", "UBND-VX")),
    ],
)
def test_number_line_forms(line, expected):
    assert parse_number_line(line) == expected


@pytest.mark.parametrize(
    "left, right, body, number",
    [
        # the rest of a joint symbol on the next line of the left column
        ("BỘ TƯ PHÁP - BỘ NỘI VỤ\nSố: 05/2031/TTLT-BTP-\nBNV", RIGHT, "THÔNG TƯ LIÊN TỊCH\nQuy định về hộ tịch",
         "05/2031/TTLT-BTP-BNV"),
        # … printed first in the body, under the header (the text layer put it there)
        ("BỘ TƯ PHÁP - BỘ NỘI VỤ\nSố: 05/2031/TTLT-BTP-", RIGHT, "BNV-BTC\nTHÔNG TƯ LIÊN TỊCH\nQuy định về hộ tịch",
         "05/2031/TTLT-BTP-BNV-BTC"),
        # near-misses: no hyphen at the line end, or a next line that is no symbol
        ("BỘ TƯ PHÁP\nSố: 05/2031/TT-BTP", RIGHT, "BNV\nTHÔNG TƯ\nQuy định về hộ tịch", "05/2031/TT-BTP"),
        ("ỦY BAN NHÂN DÂN\nTỈNH HÒA AN\nSố: 12/UBND-", RIGHT, "Kính gửi: Sở Tư pháp", "12/UBND-"),
    ],
)
def test_symbol_cut_at_a_line_end(left, right, body, number):
    doc = document(page(header_left=left, header_right=right, body=body))
    assert extract_header(doc).number == number


@pytest.mark.parametrize(
    "line, number, symbol",
    [
        ("Số: 46/QD-BCĐ", "46/QĐ-BCĐ", "QĐ-BCĐ"),  # the type code's Đ typed in ASCII or lost by OCR
        ("Số: 12/2031/ND-CP", "12/2031/NĐ-CP", "NĐ-CP"),
        ("Số: 12/DN-UBND", "12/DN-UBND", "DN-UBND"),  # near-miss: no type code either way, left as printed
        ("Số: 12/TB-UBND", "12/TB-UBND", "TB-UBND"),
    ],
)
def test_type_code_stroke(line, number, symbol):
    h = extract_header(document(page(header_left="BỘ TƯ PHÁP\n" + line, header_right=RIGHT, body="Kính gửi: A")))
    assert (h.number, h.symbol) == (number, symbol)


@pytest.mark.parametrize(
    "symbol, issuers",
    [
        ("TTLT-BTP-BNV", "Bộ Tư pháp; Bộ Nội vụ"),
        ("TTLT-BCA-BQP-BTC", "Bộ Công an; Bộ Quốc phòng; Bộ Tài chính"),
        ("TT-BTP", None),  # one issuer
        ("TTLT-BTP-XQZW", None),  # a code no gazetteer knows: the header's lines are read instead
        ("UBND-VX", None),
    ],
)
def test_joint_issuers(symbol, issuers):
    assert joint_issuers(symbol) == issuers


def test_joint_document_header():
    left = "BỘ TƯ PHÁP -\nBỘ NỘI VỤ\nSố: 05/2031/TTLT-BTP-BNV"
    h = extract_header(document(page(header_left=left, header_right=RIGHT, body="THÔNG TƯ LIÊN TỊCH\nQuy định")))
    assert (h.issuer, h.parent_issuer, h.doc_type) == ("Bộ Tư pháp; Bộ Nội vụ", None, "Thông tư liên tịch")


# --------------------------------------------------------------------------- types


@pytest.mark.parametrize(
    "left, body, doc_type",
    [
        ("QUỐC HỘI\nBộ luật số: 12/2031/QH16", "BỘ LUẬT\nHÀNG HẢI\nCăn cứ Hiến pháp", "Bộ luật"),
        ("QUỐC HỘI\nLuật số: 13/2031/QH16", "LUẬT\nTHỦY LỢI\nCăn cứ Hiến pháp", "Luật"),
        # a văn bản hợp nhất prints the title word of the text it consolidates: its symbol names it
        ("BỘ XÂY DỰNG\nSố: 09/VBHN-BXD", "THÔNG TƯ\nQuy định về nhà ở\nThông tư số 11/2030/TT-BXD", "Văn bản hợp nhất"),
        ("BỘ XÂY DỰNG\nSố: 09/2031/TT-BXD", "THÔNG TƯ\nQuy định về nhà ở\nCăn cứ", "Thông tư"),
    ],
)
def test_type_word_and_consolidation(left, body, doc_type):
    assert extract_header(document(page(header_left=left, header_right=RIGHT, body=body))).doc_type == doc_type


def test_header_typed_as_a_table_row():
    """A plain text whose header was a table: "ISSUER | CỘNG HÒA …" and "Số: … | Place, ngày …"."""
    text = ("BỘ XÂY DỰNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
            "Số: 09/VBHN-BXD | Hà Nội, ngày 05 tháng 3 năm 2031")
    h = extract_header(document(page(header=text, body="THÔNG TƯ\nQuy định về nhà ở")))
    assert (h.issuer, h.number, h.place, h.issued_on) == ("Bộ Xây dựng", "09/VBHN-BXD", "Hà Nội", "2031-03-05")


# --------------------------------------------------------------------------- a header away from the top


PREAMBLE = ("CÔNG BÁO/Số 12/Ngày 09-3-2031\n7\n\n\n\nNGHỊ ĐỊNH\nQuy định về quản lý cảng cá\n\n"
            "Căn cứ Luật Tổ chức Chính phủ;\nCăn cứ Luật Thủy sản được sửa đổi bởi Luật\nsố 12/2030/QH15;\n"
            "Căn cứ Luật Đầu tư công;\nCăn cứ Luật Đất đai;\n"
            "Theo đề nghị của Bộ trưởng Bộ Nông nghiệp và Môi trường;\n")


def test_header_printed_after_the_preamble():
    text = PREAMBLE + "CHÍNH PHỦ\n_______\n\nSố: 35/2031/NĐ-CP\n" + RIGHT + "\nChính phủ ban hành Nghị định."
    h = extract_header(document(page(plain=text)))
    assert (h.number, h.issuer, h.place, h.issued_on) == ("35/2031/NĐ-CP", "Chính phủ", "Hà Nội", "2031-03-05")
    assert (h.doc_type, h.title) == ("Nghị định", "Quy định về quản lý cảng cá")
    page_no, start, end = h.spans["number"]
    assert "35/2031/NĐ-CP" in text[start:end]


@pytest.mark.parametrize(
    "text",
    [
        # a form in the text with a "Số:" line but no Quốc hiệu nor date line near it
        PREAMBLE + "Mẫu giấy biên nhận\nSố: 12/GBN\nHọ và tên người nộp:",
        # a "Số" in a sentence
        PREAMBLE + "Số: 12 hộ gia đình được hỗ trợ.\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ],
)
def test_no_header_away_from_the_top(text):
    assert extract_header(document(page(plain=text))).number is None


# --------------------------------------------------------------------------- titles


LONG_TITLE = ["Về việc kéo dài thời hạn áp dụng mức thuế suất đối với một số mặt hàng",
              "phân bón, nguyên liệu sản xuất phân bón tại Biểu thuế ban hành kèm theo",
              "Nghị định số 11/2030/NĐ-CP ngày 02 tháng 3 năm 2030 của Chính phủ về",
              "Biểu thuế xuất khẩu, Biểu thuế nhập khẩu ưu đãi, Danh mục hàng hóa và",
              "mức thuế tuyệt đối, thuế hỗn hợp, thuế nhập khẩu ngoài hạn ngạch",
              "thuế quan và mức thuế suất của một số mặt hàng phân bón",
              "và nguyên liệu sản xuất phân bón"]


@pytest.mark.parametrize(
    "body, title",
    [
        ("NGHỊ QUYẾT\n" + "\n".join(LONG_TITLE) + "\nCăn cứ Luật Tổ chức Chính phủ;", " ".join(LONG_TITLE)),
        ("QUYẾT ĐỊNH\n\nVề việc công bố thủ tục hành chính\n\nBỘ TRƯỞNG BỘ TƯ PHÁP\nCăn cứ",
         "Về việc công bố thủ tục hành chính"),
        ("QUYẾT ĐỊNH\nVề việc công bố thủ tục hành chính\nỦY BAN NHÂN DÂN TỈNH HÒA AN\nCăn cứ",
         "Về việc công bố thủ tục hành chính"),
        # near-miss: past six lines, a line ending in ";" is the body's, not the title's
        ("QUYẾT ĐỊNH\n" + "\n".join(LONG_TITLE[:6]) + "\nthực hiện các nhiệm vụ sau;\nvà báo cáo kết quả",
         " ".join(LONG_TITLE[:6])),
    ],
)
def test_long_and_closed_titles(body, title):
    h = extract_header(document(page(header_left="BỘ TƯ PHÁP\nSố: 05/2031/QĐ-BTP", header_right=RIGHT, body=body)))
    assert h.title == title


# --------------------------------------------------------------------------- signers


APPENDIX_FORM = ("Phụ lục\nMẫu đơn đề nghị\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nTHỦ TRƯỞNG\n(Ký tên và đóng dấu)")


@pytest.mark.parametrize(
    "signed_page, signer",
    [
        ("Điều 5. Hiệu lực thi hành.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nLê Văn Hòa", "Lê Văn Hòa"),
        ("Điều 5. Hiệu lực thi hành.\nTM. CHÍNH PHỦ\nTHỦ TƯỚNG\n(Đã ký)\nĐặng Văn Khoa", "Đặng Văn Khoa"),
        ("Điều 5. Hiệu lực thi hành.\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n[\nTrịnh Thị Lan", "Trịnh Thị Lan"),  # noise
        # what the text layer read of a signature image, glued to the title or to the name
        ("Điều 5. Hiệu lực thi hành.\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNGy]\n\nTrịnh Thị Lan", "Trịnh Thị Lan"),
        ("Điều 5. Hiệu lực thi hành.\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\ny]Trịnh Thị Lan", "Trịnh Thị Lan"),
        # joint document: the signature blocks side by side, the first one is taken
        ("Điều 5. Hiệu lực thi hành.\nKT. BỘ TRƯỞNG BỘ TƯ PHÁP KT. BỘ TRƯỞNG BỘ NỘI VỤ\nTHỨ TRƯỞNG THỨ TRƯỞNG\n"
         "Trần Văn Khải Lê Thị Mơ", "Trần Văn Khải"),
        # near-miss: no name under the authority line anywhere
        ("Điều 5. Hiệu lực thi hành.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG", None),
    ],
)
def test_signer_before_appendices(signed_page, signer):
    pages = [page(header_left="BỘ TƯ PHÁP\nSố: 05/2031/TT-BTP", header_right=RIGHT, body="THÔNG TƯ\nQuy định"),
             page(2, plain=signed_page)] + [page(n, plain=APPENDIX_FORM) for n in range(3, 8)]
    doc = document(*pages)
    h = extract_header(doc)
    assert h.signer == signer
    if signer:
        p, start, end = h.spans["signer"]
        assert (p, doc.pages[p - 1].text[start:end]) == (2, signer)


@pytest.mark.parametrize(
    "words, first",
    [
        ("Trần Văn Khải Lê Thị Mơ", "Trần Văn Khải"),
        ("Thiếu tướng Phan Văn Tú Đại tá Vũ Văn Năm", "Phan Văn Tú"),
        ("Nguyễn Thị Minh Hồng", None),  # one name of four words
    ],
)
def test_first_of_side_by_side(words, first):
    assert first_of_side_by_side(words.split()) == first


def test_signature_region_with_a_name_is_kept():
    """The located block names its signer: no search elsewhere (a signed block on an earlier page stays out)."""
    doc = document(page(header_left="BỘ TƯ PHÁP\nSố: 05/2031/TT-BTP", header_right=RIGHT,
                        body="THÔNG TƯ\nQuy định\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nLê Văn Hòa"),
                   page(2, body="Điều 5. Hiệu lực.", signature="BỘ TRƯỞNG\nNgô Thị Quyên"))
    assert locate(doc).signature.page == 2
    assert extract_header(doc).signer == "Ngô Thị Quyên"


# --------------------------------------------------------------------------- gazette identity, authority lines


@pytest.mark.parametrize(
    "text, number, doc_type, issuer, issued_on, title",
    [
        ("CÔNG BÁO/Số 40/Ngày 02-5-2031\n3\nVĂN BẢN QUY PHẠM PHÁP LUẬT\n\nBỘ XÂY DỰNG\n\n"
         "Thông tư số 21/2031/TT-BXD ngày 14 tháng 4 năm 2031\nhướng dẫn quản lý nhà chung cư\n\n"
         "(Tiếp theo Công báo số 38 + 39)\nPhụ lục số 02", "21/2031/TT-BXD", "Thông tư", "Bộ Xây dựng", "2031-04-14",
         "Hướng dẫn quản lý nhà chung cư"),
        ("QUYẾT ĐỊNH\nCỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 88/2031/QĐ-TTG\nNGÀY 03 THÁNG 7 NĂM 2031 VỀ VIỆC THÀNH LẬP\n"
         "QUỸ HỖ TRỢ NÔNG DÂN\nTHỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ;", "88/2031/QĐ-TTG",
         "Quyết định", "Thủ tướng Chính phủ", "2031-07-03", "Về việc thành lập quỹ hỗ trợ nông dân"),
        ("Chính phủ\n\nNghị định của Chính phủ số 17/2031/NĐ-CP\n\nngày 10/10/2031 về quản lý cảng cá.\n\n"
         "Chính phủ\n\nCăn cứ Luật Tổ chức Chính phủ;", "17/2031/NĐ-CP", "Nghị định", "Chính phủ", "2031-10-10",
         "Về quản lý cảng cá"),
    ],
)
def test_gazette_identity_in_place_of_a_header(text, number, doc_type, issuer, issued_on, title):
    h = extract_header(document(page(plain=text)))
    assert (h.number, h.doc_type, h.issuer, h.issued_on, h.title) == (number, doc_type, issuer, issued_on, title)


@pytest.mark.parametrize(
    "text",
    [
        # near-misses: citations in the preamble or the text (the type word does not open the line)
        "NGHỊ ĐỊNH\nQuy định về cảng cá\nCăn cứ Nghị định số 17/2030/NĐ-CP ngày 10/10/2030 về cảng cá;",
        "KẾ HOẠCH\nTriển khai\nTheo Quyết định số 05/2031/QĐ-UBND ngày 03/7/2031 của UBND tỉnh Hòa An về việc",
    ],
)
def test_no_gazette_identity(text):
    assert extract_header(document(page(plain=text))).number is None


@pytest.mark.parametrize(
    "left, issuer, parent",
    [
        # the header's "Số" misread by OCR: the type word and the authority line are no issuer lines
        ("BỘ TƯ PHÁP\nsó:4Z /QĐ-BTP\nQUYÉT ĐỊNH\nVề việc phê duyệt điều lệ\nBỘ TRƯỞNG BỘ TƯ PHÁP", "Bộ Tư pháp", None),
        ("BỘ TRƯỞNG BỘ TƯ PHÁP\nSố: 12/QĐ-BTP", "Bộ Tư pháp", None),  # the authority title read as the body
        ("THỦ TƯỚNG CHÍNH PHỦ\nSố: 12/QĐ-TTg", "Thủ tướng Chính phủ", None),  # a head issuing in its own name
        ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSỞ TƯ PHÁP\nSố: 12/STP-VP", "Sở Tư pháp", "Ủy ban nhân dân tỉnh Lâm Đồng"),
        # near-miss: "SỐ" inside a body's name in capitals is no number line
        ("UBND TỈNH LÂM ĐỒNG\nHỘI ĐỒNG THẨM ĐỊNH CHỈ SỐ\nCẢI CÁCH HÀNH CHÍNH\nSố: 12/BC-HĐTĐ",
         "Hội đồng Thẩm định chỉ số cải cách hành chính", "Ủy ban nhân dân tỉnh Lâm Đồng"),
    ],
)
def test_issuer_lines(left, issuer, parent):
    h = extract_header(document(page(header=left + "\n" + RIGHT, body="Kính gửi: Sở Nội vụ")))
    assert (h.issuer, h.parent_issuer) == (issuer, parent)


def test_title_taken_into_the_header_region():
    """Layout put the type word and the trích yếu in the header: they are read there (the body has none)."""
    head = ("BỘ TƯ PHÁP CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 12/QĐ-BTP Hà Nội, ngày 05 tháng 3 năm 2031\nQUYẾT ĐỊNH\nVề việc phê duyệt điều lệ hội\n"
            "BỘ TRƯỞNG BỘ TƯ PHÁP")
    h = extract_header(document(page(header=head, body="Căn cứ Luật Tổ chức Chính phủ;\nĐiều 1. Phê duyệt.")))
    assert (h.doc_type, h.title) == ("Quyết định", "Về việc phê duyệt điều lệ hội")


def test_no_type_word_below_the_preamble():
    """A heading of the text ("QUY ĐỊNH CHUNG" under "Phần thứ nhất") is no type word; the header's "BỘ LUẬT" is."""
    right = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBỘ LUẬT\nHÀNG HẢI"
    body = "Căn cứ Hiến pháp;\nQuốc hội ban hành Bộ luật hàng hải.\nPhần thứ nhất\nQUY ĐỊNH CHUNG\nChương I"
    h = extract_header(document(page(header_left="QUỐC HỘI\nBộ luật số: 12/2031/QH16", header_right=right, body=body)))
    assert (h.doc_type, h.title) == ("Bộ luật", "Hàng hải")


@pytest.mark.parametrize(
    "body, title",
    [
        ("Hướng dẫn chuyển đổi hội nghề nghiệp\nsau khi sắp xếp đơn vị hành chính\nKính gửi: Các hội thành viên\n"
         "Thực hiện",
         "Hướng dẫn chuyển đổi hội nghề nghiệp sau khi sắp xếp đơn vị hành chính"),
        # near-misses: no "Kính gửi" under the lines, or a heading in capitals above it
        ("Hướng dẫn chuyển đổi hội nghề nghiệp\nThực hiện Kế hoạch số 12/KH-UBND", None),
        ("I. TÌNH HÌNH CHUNG\nKính gửi: Các hội thành viên", None),
    ],
)
def test_title_above_salutation(body, title):
    h = extract_header(document(page(header_left="HIỆP HỘI NGHỀ CÁ\nSố: 45/HD-HNC", header_right=RIGHT, body=body)))
    assert h.title == title


@pytest.mark.parametrize(
    "date_line, signed, issued_on",
    [
        ("Hà Nội, ngày    tháng 02 năm 2031", ["2031-02-09T10:00:00+07:00", "2031-02-04T09:00:00+07:00"], "2031-02-04"),
        ("Hà Nội, ngày    tháng 02 năm 2031", ["2031-03-01T10:00:00+07:00"], None),  # signed another month: unknown
        ("Hà Nội, ngày    tháng 02 năm 2031", [], None),  # not signed digitally
        ("Hà Nội, ngày 05 tháng 02 năm 2031", ["2031-02-09T10:00:00+07:00"], "2031-02-05"),  # the page wins
    ],
)
def test_blank_day_from_the_digital_signature(date_line, signed, issued_on):
    doc = document(page(header_left="BỘ TƯ PHÁP\nSố:    /BC-BTP",
                        header_right="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" + date_line, body="BÁO CÁO\nKết quả"))
    doc.meta["signature"] = {"signatures": [{"signed_at": s} for s in signed]}
    assert extract_header(doc).issued_on == issued_on


def test_issuer_with_a_lost_space_is_spelled_by_the_gazetteer():
    h = extract_header(document(page(header_left="BỘ TƯPHÁP\nSố: 12/BTP-VP", header_right=RIGHT, body="Kính gửi: A")))
    assert h.issuer == "Bộ Tư pháp"


@pytest.mark.parametrize(
    "body, number, symbol, issuer, title",
    [
        ("Phụ lục 1\nDANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC\nHỘ TỊCH CẤP XÃ\n"
         "(Kèm theo Quyết định số    /QĐ-UBND ngày   tháng   năm 2031\ncủa Chủ tịch UBND tỉnh Lâm Đồng)\nA. THỦ TỤC",
         None, "QĐ-UBND", "Ủy ban nhân dân tỉnh Lâm Đồng", "Danh mục thủ tục hành chính lĩnh vực hộ tịch cấp xã"),
        ("PHỤ LỤC II\nBiểu mẫu báo cáo\n(Ban hành kèm theo Thông tư số 07/2031/TT-BTP ngày 02/3/2031 của Bộ Tư pháp)",
         "07/2031/TT-BTP", "TT-BTP", "Bộ Tư pháp", "Biểu mẫu báo cáo"),
    ],
)
def test_appendix_standing_alone(body, number, symbol, issuer, title):
    h = extract_header(document(page(plain=body)))
    assert (h.number, h.symbol, h.doc_type, h.issuer, h.title) == (number, symbol, "Phụ lục", issuer, title)


@pytest.mark.parametrize(
    "body",
    [
        "Phụ lục 1\nDanh mục thủ tục\nA. THỦ TỤC CẤP TỈNH",  # no "Kèm theo" line: not known whose appendix
        "QUYẾT ĐỊNH\nVề việc công bố\n(Kèm theo Quyết định số 12/QĐ-UBND của UBND tỉnh Lâm Đồng)",  # no "Phụ lục" head
    ],
)
def test_no_appendix_identity(body):
    assert extract_header(document(page(plain=body))).doc_type != "Phụ lục"


@pytest.mark.parametrize(
    "title_lines, title",
    [
        # a văn bản hợp nhất: the footnote mark closes the title, the note under it is no part of it
        (["Quy định về đăng ký hộ kinh doanh1", "Thông tư số 86/2030/TT-BTC ngày 23 tháng 12 năm 2030 của Bộ Tài",
          "chính quy định về đăng ký hộ kinh doanh, có hiệu lực kể từ ngày 06 tháng 2 năm 2031"],
         "Quy định về đăng ký hộ kinh doanh"),
        (["Ban hành danh mục thuốc thuộc phạm vi thanh toán", "Thông tư số 05/2030/TT-BYT ngày 17 tháng 3 năm 2030 của",
          "Bộ trưởng Bộ Y tế ban hành danh mục thuốc, có hiệu lực kể từ ngày 01 tháng 5 năm 2030"],
         "Ban hành danh mục thuốc thuộc phạm vi thanh toán"),
        # near-misses: a title wrapping before the number it cites runs on; "QH16" is no footnote mark
        (["Sửa đổi, bổ sung một số điều của", "Thông tư số 09/2030/TT-BTP ngày 25 tháng 5 năm 2030 về hộ tịch"],
         "Sửa đổi, bổ sung một số điều của Thông tư số 09/2030/TT-BTP ngày 25 tháng 5 năm 2030 về hộ tịch"),
        (["Hướng dẫn thi hành Luật số 12/2031/QH16", "về hộ tịch"],
         "Hướng dẫn thi hành Luật số 12/2031/QH16 về hộ tịch"),
    ],
)
def test_title_end_of_a_consolidated_text(title_lines, title):
    body = "THÔNG TƯ\n" + "\n".join(title_lines) + "\nCăn cứ Luật Tổ chức Chính phủ;"
    h = extract_header(document(page(header_left="BỘ TÀI CHÍNH\nSố: 06/VBHN-BTC", header_right=RIGHT, body=body)))
    assert h.title == title


def test_title_running_on_with_a_word_that_opens_chapters():
    """"Chương trình …" continues a trích yếu; "Chương I" would end it."""
    body = "TỜ TRÌNH\nVề việc tổng kết thực hiện\nChương trình phòng, chống ma túy\nKính gửi: Ủy ban nhân dân tỉnh"
    h = extract_header(document(page(header_left="CÔNG AN TỈNH HÒA AN\nSố: 41/TTr-CAT", header_right=RIGHT, body=body)))
    assert h.title == "Về việc tổng kết thực hiện Chương trình phòng, chống ma túy"
    body = "NGHỊ ĐỊNH\nQuy định về cảng cá\nChương I\nQUY ĐỊNH CHUNG"
    h = extract_header(document(page(header_left="CHÍNH PHỦ\nSố: 41/2031/NĐ-CP", header_right=RIGHT, body=body)))
    assert h.title == "Quy định về cảng cá"


@pytest.mark.parametrize("date_line, place", [("._ Hà Nội, ngày 05 tháng 3 năm 2031", "Hà Nội"),
                                              ("Hòa An, ngày 05 tháng 3 năm 2031", "Hòa An")])
def test_place_without_specks(date_line, place):
    right = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n" + date_line
    h = extract_header(document(page(header_left="BỘ TƯ PHÁP\nSố: 12/BTP-VP", header_right=right, body="Kính gửi: A")))
    assert h.place == place


@pytest.mark.parametrize(
    "body, issuer",
    [
        ("Kính gửi: Sở Nội vụ.\nTrung tâm Phát triển Quỹ đất, Nhà ở và Đô thị báo cáo như sau:",
         "Trung tâm Phát triển Quỹ đất, Nhà ở và Đô thị"),
        # near-misses: the name absent from the body, or written there in capitals
        ("Kính gửi: Sở Nội vụ.\nTrung tâm báo cáo như sau:", "Trung tâm Phát triển quỹ đất nhà ở và Đô thị"),
        ("Kính gửi: Sở Nội vụ.\nTRUNG TÂM PHÁT TRIỂN QUỸ ĐẤT NHÀ Ở VÀ ĐÔ THỊ báo cáo:",
         "Trung tâm Phát triển quỹ đất nhà ở và Đô thị"),
    ],
)
def test_issuer_spelled_as_the_body_spells_it(body, issuer):
    left = "UBND TỈNH HÒA AN\nTRUNG TÂM PHÁT TRIỂN QUỸ ĐẤT\nNHÀ Ở VÀ ĐÔ THỊ\nSố: 12/TTPTQĐ-HC"
    h = extract_header(document(page(header_left=left, header_right=RIGHT, body=body)))
    assert h.issuer == issuer


@pytest.mark.parametrize(
    "text",
    [
        "THÔNG TƯ\nQuy định về đăng ký hộ kinh doanh1\n"
        "Thông tư số 86/2030/TT-BTC ngày 23 tháng 12 năm 2030 của Bộ Tài\n"
        "chính quy định về đăng ký hộ kinh doanh, có hiệu lực kể từ ngày 06 tháng 2 năm 2031 được\n"
        "sửa đổi, bổ sung bởi:",
        "LUẬT\nTHỦY SẢN\nLuật Thủy sản số 18/2030/QH15 ngày 14 tháng 6 năm 2030 của Quốc hội, có hiệu lực\n"
        "thi hành kể từ ngày 01 tháng 01 năm 2031, được sửa đổi, bổ sung bởi:\n"
        "Luật số 09/2031/QH16 ngày 24 tháng 4 năm 2031 của Quốc hội",
    ],
)
def test_consolidated_text_without_its_header(text):
    """A văn bản hợp nhất whose header is lost: the identity under its title is the consolidated text's, not its own."""
    h = extract_header(document(page(plain=text)))
    assert (h.number, h.doc_type) == (None, "Văn bản hợp nhất")


@pytest.mark.parametrize(
    "body, title",
    [
        ("QUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH QUY CHẾ\nLÀM VIỆC CỦA VIỆN\nVIỆN TRƯỞNG VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO\nCăn cứ",
         "Về việc ban hành quy chế làm việc của viện"),
        ("QUYẾT ĐỊNH\nVề việc ban hành quy chế\nTỔNG GIÁM ĐỐC BẢO HIỂM XÃ HỘI VIỆT NAM\nCăn cứ",
         "Về việc ban hành quy chế"),
    ],
)
def test_title_ends_at_the_authority_line(body, title):
    h = extract_header(document(page(header_left="VIỆN KIỂM SÁT\nSố: 12/QĐ-VKSTC", header_right=RIGHT, body=body)))
    assert h.title == title


def test_signer_name_with_signed_mark():
    doc = document(page(header_left="BỘ TƯ PHÁP\nSố: 05/2031/TT-BTP", header_right=RIGHT, body="THÔNG TƯ\nQuy định"),
                   page(2, plain="Điều 5. Hiệu lực.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nLê Văn Hòa (Đã ký)"))
    assert extract_header(doc).signer == "Lê Văn Hòa"


def test_issuer_marks_misread_by_ocr_spelled_as_the_body_spells_it():
    left = "BAN CHÍ ĐẠO CAI CÁCH\nHÀNH CHÍNH TỈNH HÒA AN\nSố: 12/QĐ-BCĐCCHC"
    body = "QUYẾT ĐỊNH\nBan hành kế hoạch kiểm tra của Ban Chỉ đạo cải cách hành chính tỉnh Hòa An\nCăn cứ"
    doc = document(page(header_left=left, header_right=RIGHT, body=body))
    doc.pages[0].source = "ocr"
    assert extract_header(doc).issuer == "Ban Chỉ đạo cải cách hành chính tỉnh Hòa An"
    doc.pages[0].source = "text"  # a text layer is read as printed: no folding
    assert extract_header(doc).issuer != "Ban Chỉ đạo cải cách hành chính tỉnh Hòa An"


@pytest.mark.parametrize(
    "left, issuer, parent",
    [
        ("SỞ Y TẾ TỈNH HÒA AN\nBỆNH VIỆN ĐA KHOA TỈNH\nSố: 12/BV-KHTH", "Bệnh viện đa khoa tỉnh",
         "Sở Y tế tỉnh Hòa An"),
        ("UBND TỈNH HÒA AN\nBỘ CHỈ HUY QUÂN SỰ TỈNH\nSố: 12/BCH-TM", "Bộ Chỉ huy quân sự tỉnh",
         "Ủy ban nhân dân tỉnh Hòa An"),
        # near-miss: a name wrapped over two lines stays one body
        ("ỦY BAN NHÂN DÂN\nTỈNH HÒA AN\nSố: 12/UBND-VX", "Ủy ban nhân dân tỉnh Hòa An", None),
    ],
)
def test_body_printed_under_its_parent(left, issuer, parent):
    h = extract_header(document(page(header_left=left, header_right=RIGHT, body="Kính gửi: Sở Nội vụ")))
    assert (h.issuer, h.parent_issuer) == (issuer, parent)


def test_blank_number_keeps_its_header():
    """A header whose number is left blank ("Số:    /BC-UBND") is the header: a form further down with a number
    and a date line does not take its place."""
    left = "ỦY BAN NHÂN DÂN\nTỈNH HÒA AN\nSố:      /BC-UBND"
    body = "BÁO CÁO\nKết quả\n" + "\n".join(f"Dòng {i} của báo cáo." for i in range(20)) + \
           "\nSố: 12/GXN-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHòa An, ngày 01 tháng 02 năm 2030"
    doc = document(page(header_left=left, header_right=RIGHT, body=body))
    h = extract_header(doc)
    assert (h.number, h.symbol, h.issuer, h.issued_on) == (None, "BC-UBND", "Ủy ban nhân dân tỉnh Hòa An", "2031-03-05")
    assert locate(doc).head.start == 0


# --------------------------------------------------------------------------- văn bản hợp nhất: the authentication block

VBHN_TOP = ("VĂN BẢN HỢP NHẤT - BỘ XÂY DỰNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "THÔNG TƯ\nQuy định về quản lý bến thủy nội địa\n"
            "Thông tư số 07/2030/TT-BXD ngày 12 tháng 3 năm 2030 của Bộ trưởng Bộ Xây dựng quy định về quản lý\n"
            "bến thủy nội địa, có hiệu lực kể từ ngày 01 tháng 5 năm 2030, được sửa đổi, bổ sung bởi:\n"
            "Thông tư số 02/2031/TT-BXD ngày 20 tháng 01 năm 2031 của Bộ trưởng Bộ Xây dựng.\n"
            "Căn cứ Luật Giao thông đường thủy nội địa;\nĐiều 1. Phạm vi điều chỉnh\nThông tư này quy định về bến.")
VBHN_END = "Điều 9. Trách nhiệm thi hành\nCác cơ quan có liên quan chịu trách nhiệm thi hành Thông tư này./.\n"
SEAL_FIRST = ("BỘ XÂY DỰNG\nXÁC THỰC VĂN BẢN HỢP NHẤT\nSố: 21/VBHN-BXD\nHà Nội, ngày 14 tháng 8 năm 2031\n"
              "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nTrần Minh Khoa\n")


@pytest.mark.parametrize(
    "top, end, expected",
    [
        # the seal above the number; the mark names the body at the top
        (VBHN_TOP, VBHN_END + SEAL_FIRST,
         ("21/VBHN-BXD", "Bộ Xây dựng", "Hà Nội", "2031-08-14", "Trần Minh Khoa", "KT.", "THỨ TRƯỞNG")),
        # the number above the seal, the body's name over two lines, blank lines between; no mark at the top
        (VBHN_TOP.split("\n", 1)[1], VBHN_END + "BỘ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI\n\nSố: 305/VBHN-BLĐTBXH\n\n"
         "XÁC THỰC VĂN BẢN HỢP NHẤT\nHà Nội, ngày 02 tháng 6 năm 2031\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nLê Thị Hạnh\n",
         ("305/VBHN-BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội", "Hà Nội", "2031-06-02", "Lê Thị Hạnh", "KT.",
          "THỨ TRƯỞNG")),
        # "XÁC NHẬN" for "XÁC THỰC"; the head of the body signing in its own name; footnotes after the block
        (VBHN_TOP, VBHN_END + "VĂN PHÒNG QUỐC HỘI\nSố: 31/VBHN-VPQH\nXÁC NHẬN VĂN BẢN HỢP NHẤT\n"
         "Hà Nội, ngày 09 tháng 10 năm 2031\nCHỦ NHIỆM\nPhan Văn Đức\n"
         "1 Thông tư số 02/2031/TT-BXD có căn cứ ban hành như sau:\n“Căn cứ Luật Giao thông đường thủy nội địa;”",
         ("31/VBHN-VPQH", "Văn phòng Quốc hội", "Hà Nội", "2031-10-09", "Phan Văn Đức", None, "CHỦ NHIỆM")),
    ],
)
def test_consolidated_text_read_from_its_authentication_block(top, end, expected):
    """A văn bản hợp nhất has no number at its top: its number, body, place, date and signer stand in the
    authentication block at the end; its title is that of the text it consolidates."""
    doc = document(page(plain=top), page(2, plain=end))
    h = extract_header(doc)
    got = (h.number, h.issuer, h.place, h.issued_on, h.signer, h.signing_authority, h.signer_title)
    assert got == expected
    assert (h.doc_type, h.symbol, h.title) == ("Văn bản hợp nhất", expected[0].split("/")[1],
                                               "Quy định về quản lý bến thủy nội địa")
    assert h.is_qppl is False
    text = doc.pages[1].text
    for key, value in (("number", expected[0]), ("signer", expected[4]), ("date", expected[2])):
        page_no, start, end_ = h.spans[key]
        assert page_no == 2 and value in text[start:end_]
    page_no, start, end_ = h.spans["issuer"]
    assert text[start:end_].split("\n")[0] in ("BỘ XÂY DỰNG", "BỘ LAO ĐỘNG - THƯƠNG BINH", "VĂN PHÒNG QUỐC HỘI")


def test_consolidated_text_printing_the_header_of_the_text_it_consolidates():
    """Under the mark, the copy prints the consolidated text's own header ("CHÍNH PHỦ / Số: 15/2029/NĐ-CP"): that
    number is not the văn bản hợp nhất's; the authentication block's is."""
    top = ("VĂN BẢN HỢP NHẤT -\nBỘ Y TẾ\n\nCHÍNH PHỦ\nSố: 15/2029/NĐ-CP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
           "Độc lập - Tự do - Hạnh phúc\n12 tháng 4 năm 2029\nNGHỊ ĐỊNH\nQuy định về y tế học đường\n"
           "Nghị định số 15/2029/NĐ-CP ngày 12 tháng 4 năm 2029 của Chính phủ, có hiệu lực kể từ ngày 01 tháng 6\n"
           "năm 2029, được sửa đổi, bổ sung bởi:\nNghị định số 40/2031/NĐ-CP ngày 03 tháng 3 năm 2031 của Chính phủ.\n"
           "Căn cứ Luật Tổ chức Chính phủ;\nĐiều 1. Phạm vi")
    end = "Điều 12. Hiệu lực\n1. Nghị định này có hiệu lực./.\nBỘ Y TẾ\nSố: 08/VBHN-BYT\nXÁC THỰC VĂN BẢN HỢP NHẤT\n" \
          "Hà Nội, ngày 30 tháng 5 năm 2031\nBỘ TRƯỞNG\nĐỗ Thanh Bình"
    h = extract_header(document(page(plain=top), page(2, plain=end)))
    assert (h.number, h.doc_type, h.issuer, h.parent_issuer, h.issued_on, h.signer) == (
        "08/VBHN-BYT", "Văn bản hợp nhất", "Bộ Y tế", None, "2031-05-30", "Đỗ Thanh Bình")
    assert h.title == "Quy định về y tế học đường"


@pytest.mark.parametrize(
    "top, issuer",
    [
        (VBHN_TOP, "Bộ Xây dựng"),  # the mark names the body
        ("VĂN BẢN HỢP NHẤT -\nBỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n" + VBHN_TOP.split("\n", 1)[1],
         "Bộ Lao động - Thương binh và Xã hội"),
        (VBHN_TOP.split("\n", 1)[1], None),  # only the note under the title says what the text is
    ],
)
def test_consolidated_text_cut_before_its_authentication_block(top, issuer):
    """A văn bản hợp nhất whose text stops before its authentication block ("Xem tiếp Công báo số …"): known as one
    by its mark or its note, its number cannot be read; the consolidated text's identity is not taken for it."""
    h = extract_header(document(page(plain=top), page(2, plain="Điều 5. Bến\n(Xem tiếp Công báo số 1234)")))
    assert (h.number, h.symbol, h.doc_type, h.issuer) == (None, None, "Văn bản hợp nhất", issuer)
    assert h.title == "Quy định về quản lý bến thủy nội địa"


OWN_TT = "BỘ TÀI CHÍNH\nSố: 40/2031/TT-BTC"
OWN_BODY = "THÔNG TƯ\nHướng dẫn kế toán quỹ\nCăn cứ Luật Kế toán;\nĐiều 1. Phạm vi điều chỉnh\n"


@pytest.mark.parametrize(
    "more",
    [
        # a sentence citing a văn bản hợp nhất: its number is no number of this Thông tư
        "Theo Văn bản hợp nhất số 12/VBHN-BTC ngày 05 tháng 3 năm 2031 của Bộ Tài chính, việc xác thực văn bản hợp\n"
        "nhất do Bộ trưởng thực hiện./.",
        # a quoted authentication block (a model in an appendix), number filled in
        "Mẫu số 02\nBỘ TÀI CHÍNH\nXÁC THỰC VĂN BẢN HỢP NHẤT\nSố: 12/VBHN-BTC\nHà Nội, ngày 05 tháng 3 năm 2031\n"
        "BỘ TRƯỞNG\nNguyễn Văn Sơn",
    ],
)
def test_ordinary_text_mentioning_a_consolidated_text_keeps_its_header(more):
    doc = document(page(header_left=OWN_TT, header_right=RIGHT, body=OWN_BODY + more),
                   page(2, plain="KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nHoàng Văn Phúc"))
    h = extract_header(doc)
    assert (h.number, h.doc_type, h.issuer, h.issued_on) == ("40/2031/TT-BTC", "Thông tư", "Bộ Tài chính", "2031-03-05")
    assert h.title == "Hướng dẫn kế toán quỹ"


@pytest.mark.parametrize(
    "text",
    [
        # a seal form left blank in an appendix of a text whose header is lost: no number to read, no consolidation
        "Thông tư số 40/2031/TT-BTC ngày 05 tháng 3 năm 2031 hướng dẫn kế toán quỹ.\nĐiều 1. Phạm vi\n"
        "Phụ lục\nBỘ, CƠ QUAN NGANG BỘ\nXÁC THỰC VĂN BẢN HỢP NHẤT\nSố:      /VBHN-…\n……, ngày … tháng … năm …",
        # an amending text's title names the text it amends; no "được sửa đổi, bổ sung bởi" under it
        "THÔNG TƯ\nSửa đổi, bổ sung một số điều của Thông tư số 07/2030/TT-BTC\nThông tư số 07/2030/TT-BTC ngày 12\n"
        "tháng 3 năm 2030 quy định về kế toán quỹ.\nCăn cứ Luật Kế toán;\nĐiều 1. Sửa đổi",
    ],
)
def test_no_consolidation_without_its_marks(text):
    h = extract_header(document(page(plain=text)))
    assert h.doc_type != "Văn bản hợp nhất"


@pytest.mark.parametrize(
    "top, body",
    [
        ("VĂN BẢN HỢP NHẤT - BỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BỘ Y TẾ"),  # as printed
        ("VĂN BẢN HỢP NHẤT -\nBỘ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI\n\nCHÍNH PHỦ",
         "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"),
        ("VĂN BẢN HỢP NHẤT -\n\nCHÍNH PHỦ\nSố: 15/2029/NĐ-CP", None),  # a blank line: the name below is another's
        ("VĂN BẢN HỢP NHẤT -\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None),
    ],
)
def test_consolidation_mark(top, body):
    mark = consolidation_mark([page(plain=top + "\nTHÔNG TƯ\nQuy định")])
    assert mark is not None and mark.fields["body"] == body


@pytest.mark.parametrize(
    "text",
    [
        # in small letters, in a sentence
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHÔNG TƯ\nQuy định\nTheo văn bản hợp nhất - Bộ Y tế",
        "\n".join(f"Dòng {i}" for i in range(12)) + "\nVĂN BẢN HỢP NHẤT - BỘ Y TẾ",  # far below the top
    ],
)
def test_no_consolidation_mark(text):
    assert consolidation_mark([page(plain=text)]) is None


@pytest.mark.parametrize(
    "body, title",
    [
        ("NGHỊ ĐỊNH1\nQuy định về y tế học đường\nCăn cứ Luật", "Quy định về y tế học đường"),  # a footnote mark
        ("NGHỊ ĐỊNH 12\nQuy định về y tế học đường\nCăn cứ Luật", "12 Quy định về y tế học đường"),  # near-miss
    ],
)
def test_type_word_with_a_footnote_mark(body, title):
    h = extract_header(document(page(header_left="CHÍNH PHỦ\nSố: 15/2029/NĐ-CP", header_right=RIGHT, body=body)))
    assert (h.doc_type, h.title) == ("Nghị định", title)


@pytest.mark.parametrize(
    "line, expected, qppl",
    [
        ("Số: 71.4/2031/NQ-CP", ("71.4/2031/NQ-CP", "NQ-CP"), True),  # a number of a series, with its dot
        ("Số: 71/2031/NQ-CP", ("71/2031/NQ-CP", "NQ-CP"), True),
        ("Số: 71.4 /NQ-CP", (None, None), False),  # near-miss: a dot and a space, no number read
    ],
)
def test_number_of_a_series(line, expected, qppl):
    assert parse_number_line(line) == expected
    h = extract_header(document(page(header_left="CHÍNH PHỦ\n" + line, header_right=RIGHT, body="NGHỊ QUYẾT\nVề")))
    assert (h.number, bool(h.is_qppl)) == (expected[0], qppl)


@pytest.mark.parametrize(
    "above, header, doc_type, title, issued_on",
    [
        # a Luật whose header the text lacks: layout took the Căn cứ line naming the Republic for the Quốc hiệu
        ("LUẬT\nSửa đổi, bổ sung một số điều của Luật Thủy lợi",
         "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nQuốc hội ban hành Luật sửa đổi.",
         "Luật", "Sửa đổi, bổ sung một số điều của Luật Thủy lợi", "2031-11-20"),
        # near-miss: no type word above the header region, nothing is read
        ("Trang 3", "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nQuốc hội ban hành Luật sửa đổi.",
         None, None, None),
    ],
)
def test_type_word_above_a_header_region(above, header, doc_type, title, issued_on):
    body = ("Điều 1.\nSửa đổi khoản 2.\n"
            "Luật này đã được Quốc hội khóa XVI, kỳ họp thứ 3 thông qua ngày 20 tháng 11 năm 2031.")
    h = extract_header(document(page(plain=above, header=header, body=body)))
    assert (h.doc_type, h.title, h.issued_on, h.number) == (doc_type, title, issued_on, None)

"""The locate step (``extract.blocks``): each block of the form is found once, with its page and offsets,
and the header fields are read from the same blocks.  Fragments written for these tests; near-misses must
find nothing."""

import pytest

from extract import locate
from extract.header import extract_header
from rasoat.models import SourceDocument
from rules.fragments import region_page as page
from rules.fragments import source_of as document

RIGHT = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
LEFT = "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 05/2024/QĐ-UBND"


def check_span(doc: SourceDocument, block) -> None:
    assert doc.pages[block.page - 1].text[block.start : block.end] == block.text


@pytest.mark.parametrize(
    "right, place, comma, day, month, year",
    [
        (RIGHT + "Lâm Đồng, ngày 12 tháng 3 năm 2024", "Lâm Đồng", ",", "12", "3", "2024"),
        (RIGHT + "Lâm Đồng ngày 12 tháng 3 năm 2024", "Lâm Đồng", "", "12", "3", "2024"),  # comma missing
        (RIGHT + "Hà Nội, ngày      tháng 12 năm 2025", "Hà Nội", ",", None, "12", "2025"),  # a draft: blanks
        (RIGHT + "Hà Nội, ngày   tháng   năm 2025", "Hà Nội", ",", None, None, "2025"),
        (RIGHT + "Hà Nội,\nngày 05 tháng 01 năm 2025", "Hà Nội", ",", "05", "01", "2025"),  # date on the next line
    ],
)
def test_date_line(right, place, comma, day, month, year):
    doc = document(page(header_left=LEFT, header_right=right, body="QUYẾT ĐỊNH"))
    line = locate(doc).date_line
    assert line is not None
    check_span(doc, line)
    f = line.fields
    assert (f["place"].strip(), f["comma"], f["day"], f["month"], f["year"]) == (place, comma, day, month, year)
    h = extract_header(doc)
    assert h.place == place and h.spans["date"] == (line.page, line.start, line.end)  # the header reads the block


@pytest.mark.parametrize(
    "left, right",
    [
        (LEFT, RIGHT),  # no date line at all
        ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG", "Số: 12/QĐ-UBND ngày 05 tháng 3 năm 2024"),  # a number line with a date
        (LEFT, RIGHT + "Lâm Đồng, tháng 3 năm 2024"),  # no "ngày": not the date line form
    ],
)
def test_no_date_line(left, right):
    assert locate(document(page(header_left=left, header_right=right, body="QUYẾT ĐỊNH"))).date_line is None


@pytest.mark.parametrize(
    "signature, authority, lines, signer, prefix",
    [
        ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An", "TM. ỦY BAN NHÂN DÂN", 4,
         "Nguyễn Văn An", "TM. KT."),
        ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nTrần Thị Bình", "KT. BỘ TRƯỞNG", 3, "Trần Thị Bình", "KT."),
        ("GIÁM ĐỐC\n\nLê Văn Cường", None, 2, "Lê Văn Cường", None),
        ("TM. CHÍNH PHỦ\nTHỦ TƯỚNG\n(Đã ký)\nPhạm Văn Dũng", "TM. CHÍNH PHỦ", 4, "Phạm Văn Dũng", "TM."),  # a copy
    ],
)
def test_signature_region(signature, authority, lines, signer, prefix):
    doc = document(page(header_left=LEFT, header_right=RIGHT, body="QUYẾT ĐỊNH\nĐiều 1. Ban hành.",
                        signature=signature))
    b = locate(doc)
    assert b.signature.text == signature
    check_span(doc, b.signature)
    assert (b.authority.text if b.authority else None) == authority
    assert len(b.signature_lines) == lines
    h = extract_header(doc, b)
    assert (h.signer, h.signing_authority) == (signer, prefix)


@pytest.mark.parametrize(
    "last_page, first_line, signer",
    [
        ("Điều 3. Hiệu lực thi hành.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nTrần Thị Bình", "KT. BỘ TRƯỞNG", "Trần Thị Bình"),
        ("Điều 3. Hiệu lực thi hành.\nT/M ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nĐỗ Văn Em", "T/M ỦY BAN NHÂN DÂN", "Đỗ Văn Em"),
        ("Điều 3. Hiệu lực thi hành.\nCHỦ TỊCH\n(Đã ký)\nHoàng Văn Phú", "CHỦ TỊCH", "Hoàng Văn Phú"),  # Công báo copy
        # near-misses: a body line opening with "KTXH", a title in a sentence — no signature
        ("KTXH của tỉnh tiếp tục phát triển.\nChủ tịch Ủy ban nhân dân tỉnh chịu trách nhiệm.", None, None),
    ],
)
def test_signature_without_region(last_page, first_line, signer):
    doc = document(page(header_left=LEFT, header_right=RIGHT, body="QUYẾT ĐỊNH"), page(2, plain=last_page))
    b = locate(doc)
    if first_line is None:
        assert b.signature is None and b.signature_lines == []
        return
    check_span(doc, b.signature)
    assert b.signature.page == 2 and b.signature_lines[0].text == first_line
    assert extract_header(doc, b).signer == signer


def test_authority_line_above_recipients_is_a_signature_line():
    """Layout put Nơi nhận and signature side by side: "KT. BỘ TRƯỞNG" printed above "Nơi nhận:" is taken."""
    doc = document(page(header_left=LEFT, header_right=RIGHT, body="Điều 3. Hiệu lực\nKT. BỘ TRƯỞNG",
                        recipients="Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.", signature="THỨ TRƯỞNG\nLò Thị Hạnh"))
    b = locate(doc)
    assert [line.text for line in b.signature_lines] == ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Lò Thị Hạnh"]
    assert b.authority.text == "KT. BỘ TRƯỞNG"


@pytest.mark.parametrize(
    "recipients, next_page, more",
    [
        ("Nơi nhận:\n- Như Điều 3;\n- Bộ Tư pháp;", "- Sở Tư pháp;\n- Lưu: VT, NC.", "- Lưu: VT, NC."),  # runs over
        ("Nơi nhận:\n- Như Điều 3;\n- Lưu: VT, NC.", None, None),  # the last page: nothing runs over
    ],
)
def test_recipients(recipients, next_page, more):
    pages = [page(header_left=LEFT, header_right=RIGHT, body="Điều 3. Hiệu lực", recipients=recipients)]
    if next_page:
        pages.append(page(2, plain=next_page))
    doc = document(*pages)
    b = locate(doc)
    assert b.recipients.text == recipients and b.recipients.page == 1
    check_span(doc, b.recipients)
    if more is None:
        assert b.recipients_more is None
    else:
        assert b.recipients_more.page == 2 and b.recipients_more.start == 0 and more in b.recipients_more.text


def test_recipients_by_heading_and_near_miss():
    doc = document(page(1, plain="Điều 3. Hiệu lực\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT."))
    b = locate(doc)
    assert b.recipients.text.startswith("Nơi nhận:")
    check_span(doc, b.recipients)
    # "nơi nhận hồ sơ" inside a sentence is no heading
    assert locate(document(page(1, plain="Hồ sơ gửi về nơi nhận hồ sơ của Sở."))).recipients is None


@pytest.mark.parametrize(
    "pages, text, effective",
    [
        (["Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày 15 tháng 4 năm 2024."],
         "có hiệu lực thi hành kể từ ngày 15 tháng 4 năm 2024.", "2024-04-15"),
        # a cited document's clause comes first: the document's own clause is chosen
        (["Thông tư số 12/2023/TT-BTC có hiệu lực từ ngày 01 tháng 01 năm 2024.\n"
          "Điều 5. Nghị quyết này có hiệu lực từ ngày 01 tháng 7 năm 2024."],
         "có hiệu lực từ ngày 01 tháng 7 năm 2024.", "2024-07-01"),
        # the own clause on the next page: offsets into that page
        (["Điều 4. Thông tư số 12/2023/TT-BTC có hiệu lực từ ngày 01 tháng 01 năm 2024.",
          "Điều 5. Quyết định này có hiệu lực kể từ ngày 10 tháng 5 năm 2024."],
         "có hiệu lực kể từ ngày 10 tháng 5 năm 2024.", "2024-05-10"),
        (["Điều 3. Quyết định này có hiệu lực kể từ ngày ký."], "có hiệu lực kể từ ngày ký.", None),
        # located with its adoption day (the date is the passing one, not the clause's)
        (["Điều 4. Nghị quyết này có hiệu lực thi hành từ ngày thông qua."],
         "có hiệu lực thi hành từ ngày thông qua.", None),
        # no "này", a document named as the subject: still the clause
        (["Điều 3. Quyết định có hiệu lực kể từ ngày 15 tháng 4 năm 2024."],
         "có hiệu lực kể từ ngày 15 tháng 4 năm 2024.", "2024-04-15"),
    ],
)
def test_effect_clause(pages, text, effective):
    doc = document(page(header_left=LEFT, header_right=RIGHT, body="QUYẾT ĐỊNH\n" + pages[0]),
                   *[page(i + 2, plain=t) for i, t in enumerate(pages[1:])])
    b = locate(doc)
    check_span(doc, b.effect_clause)
    assert b.effect_clause.text == text and b.effect_clause.page == len(pages)
    assert extract_header(doc, b).effective_on == effective


@pytest.mark.parametrize("body", [
    "Bản án đã có hiệu lực pháp luật.", "Quyết định có hiệu lực từ khi công bố.",
    # a resolution asking for other documents, no document its subject: not its own clause
    "2. Các bộ rà soát pháp luật chuyên ngành để kịp thời sửa đổi, bổ sung hoặc ban hành mới và có hiệu lực thi hành "
    "kể từ ngày 01 tháng 3 năm 2031.",
])
def test_no_effect_clause(body):
    assert locate(document(page(header_left=LEFT, header_right=RIGHT, body=body))).effect_clause is None


@pytest.mark.parametrize(
    "right, exact, motto",
    [
        (RIGHT + "Lâm Đồng, ngày 12 tháng 3 năm 2024", True, "Độc lập - Tự do - Hạnh phúc"),
        ("CỘNG ÒA XÃ ỘI C Ủ NG ĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", False, "Độc lập - Tự do - Hạnh phúc"),
        ("CỘNG HÒA XÃ HỘI VIỆT NAM\nĐộc lập-Tự do-Hạnh phúc", False, "Độc lập-Tự do-Hạnh phúc"),
    ],
)
def test_national_title_and_motto(right, exact, motto):
    doc = document(page(header_left=LEFT, header_right=right, body="QUYẾT ĐỊNH"))
    b = locate(doc)
    check_span(doc, b.national_title)
    assert bool(b.national_title.fields.get("exact")) == exact
    assert b.motto.text == motto


def test_no_national_title_nor_motto():
    b = locate(document(page(header_left=LEFT, header_right="Lâm Đồng, ngày 12 tháng 3 năm 2024", body="QUYẾT ĐỊNH")))
    assert b.national_title is None and b.motto is None


@pytest.mark.parametrize(
    "left, text, colon",
    [
        (LEFT, "Số: 05/2024/QĐ-UBND", ":"),
        ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố 05/2024/QĐ-UBND", "Số 05/2024/QĐ-UBND", ""),
        ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố:      /BC-UBND", "Số:      /BC-UBND", ":"),  # a draft
        ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG", None, None),  # near-miss: no number line
    ],
)
def test_number_line(left, text, colon):
    b = locate(document(page(header_left=left, header_right=RIGHT, body="QUYẾT ĐỊNH")))
    if text is None:
        assert b.number_line is None
    else:
        assert (b.number_line.text, b.number_line.fields["colon"]) == (text, colon)


@pytest.mark.parametrize(
    "body, type_word, title",
    [
        ("QUYẾT ĐỊNH\nVề việc ban hành Quy chế làm việc\nCăn cứ Luật …", "QUYẾT ĐỊNH",
         "Về việc ban hành Quy chế làm việc"),
        ("KẾ HOẠCH\nTRIỂN KHAI CÔNG TÁC NĂM 2025\nI. MỤC ĐÍCH", "KẾ HOẠCH", "Triển khai công tác năm 2025"),
        ("Kính gửi: Sở Tư pháp\nThực hiện Công văn …", None, None),  # a công văn: no type word
    ],
)
def test_title(body, type_word, title):
    doc = document(page(header_left=LEFT, header_right=RIGHT, body=body))
    b = locate(doc)
    if type_word is None:
        assert b.title is None
        return
    check_span(doc, b.title)
    assert (b.title.fields["type_word"], b.title.fields["title"]) == (type_word, title)
    assert extract_header(doc, b).title == title

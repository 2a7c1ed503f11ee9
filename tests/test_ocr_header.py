"""Header fields of OCR pages put right from the rest of the document (``extract.header``): the marks of a title
word, the issuer's spelling, a doubled Đ in a type code.  Fragments we write; near-misses must stay as read."""

from __future__ import annotations

import pytest

from extract.blocks import date_line, ocr_figures
from extract.header import _with_type_stroke, marks_as_written, spelled_in_body
from rasoat.models import Page, TextSource

TITLE = "Kết luận của đồng chí Trần Văn Nam - Tỉnh úy viên, Phó Chủ tịch tỉnh"


@pytest.mark.parametrize("title, rest, expected", [
    # the document writes "Tỉnh ủy viên" elsewhere, "úy viên" makes no word: put right
    (TITLE, "Ngày 05/3, đồng chí Trần Văn Nam - Tỉnh ủy viên đã chủ trì.", TITLE.replace("úy", "ủy")),
    ("KẾT LUẬN CỦA TỈNH ÚY VIÊN", "Tỉnh ủy viên phụ trách.", "KẾT LUẬN CỦA TỈNH ỦY VIÊN"),
    # near-misses, as read: the document does not write the correction
    (TITLE, "Ngày 05/3, đồng chí Trần Văn Nam đã chủ trì.", TITLE),
    # the document writes the word as read too
    (TITLE, "Tỉnh ủy viên và Tỉnh úy viên.", TITLE),
    # the word as read makes a word of the lists ("đại úy"): a valid word is not corrected
    ("Về việc thăng cấp đại úy", "Đại ủy ban đã họp.", "Về việc thăng cấp đại úy"),
    # a name not in the lists, settled by nothing
    ("Về việc khen thưởng ông Lò Văn Pả", "Ông Lò Văn Pá đã nhận.", "Về việc khen thưởng ông Lò Văn Pả"),
])
def test_title_marks_as_the_document_writes_them(title, rest, expected):
    assert marks_as_written(title, rest) == expected


@pytest.mark.parametrize("name, body, ocr, expected", [
    # the body names the issuer in capitals first (an authority line, its marks misread too), then in normal case
    ("Ban Chí đạo phát triển đô thị của tỉnh",
     "TRƯỞNG BAN CHÍ ĐẠO PHÁT TRIỂN ĐÔ THỊ CỦA TỈNH\nKế hoạch của Ban Chỉ đạo phát triển đô thị của tỉnh năm 2025",
     True, "Ban Chỉ đạo phát triển đô thị của tỉnh"),
    # a text layer (not OCR): the marks must match
    ("Ban Chí đạo phát triển đô thị của tỉnh", "Kế hoạch của Ban Chỉ đạo phát triển đô thị của tỉnh", False, None),
    # only in capitals: nothing to learn of the case
    ("Ban Chí đạo phát triển đô thị của tỉnh", "TRƯỞNG BAN CHỈ ĐẠO PHÁT TRIỂN ĐÔ THỊ CỦA TỈNH", True, None),
])
def test_issuer_spelled_as_the_body_spells_it(name, body, ocr, expected):
    assert spelled_in_body(name, body, ocr) == expected


@pytest.mark.parametrize("number, expected", [
    ("27/QĐĐ-BNV", "27/QĐ-BNV"),  # the Đ read twice
    ("27/QĐÐ-BNV", "27/QĐ-BNV"),  # … once as the Icelandic Ð
    ("QĐĐ-UBND", "QĐ-UBND"),
    ("12/QD-UBND", "12/QĐ-UBND"),  # the stroke lost (as before)
    ("27/QĐ-BNV", "27/QĐ-BNV"),  # right: as it is
    ("5/ĐĐĐX-ABC", "5/ĐĐĐX-ABC"),  # no code made by one Đ: as it is
    (None, None),
])
def test_type_code_with_a_doubled_stroke(number, expected):
    assert _with_type_stroke(number) == expected


@pytest.mark.parametrize("text, highest, expected", [
    ("11", 12, "11"), ("I1", 12, "11"), ("I]", 12, "11"), ("l1", 12, "11"), ("O5", 12, "05"),
    ("J2", 31, None), ("?", 12, None), ("", 31, None), (None, 31, None), ("13", 12, None), ("0", 31, None),
    ("2 8", 31, "28"), ("I 5", 31, "15"),  # a handwritten figure OCR split in two
    ("ÿ Š", 31, None), ("2 ?", 31, None), ("3 5", 31, None),  # specks, or two figures that make no day
])
def test_ocr_figures(text, highest, expected):
    assert ocr_figures(text, highest) == expected


LEFT = "SỞ TƯ PHÁP\nSố: 12/TB-STP\n"
RIGHT = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


def _page(right_date: str, source: TextSource) -> Page:
    text = LEFT + RIGHT + right_date + "\nTHÔNG BÁO\nCăn cứ Luật ngày 05 tháng 6 năm 2020;"
    left_end, right_end = len(LEFT) - 1, len(LEFT) + len(RIGHT) + len(right_date)
    return Page(number=1, text=text, source=source,
                regions={"header_left": (0, left_end), "header_right": (len(LEFT), right_end),
                         "body": (right_end + 1, len(text))})


@pytest.mark.parametrize("line, source, fields", [
    ("Đà Lạt, ngày J2 tháng I] năm 2025", TextSource.OCR, (None, "11", "2025")),  # the day unread, the month read
    ("Đà Lạt, ngày f6 tháng? năm 2021", TextSource.OCR, (None, None, "2021")),
    ("Đà Lạt, ngày 12 tháng 11 năm 2025", TextSource.OCR, ("12", "11", "2025")),  # read as it always was
    ("Đà Lạt,\nngày-‡ tháng I] năm 2025", TextSource.OCR, (None, "11", "2025")),  # the place on a line of its own
    ("Đà Lạt, ngày J2 tháng I] năm 2025", TextSource.TEXT, None),  # a text layer is not read tolerantly
    ("Đà Lạt, ngày .ÿ Š tháng Ế_ năm 2023", TextSource.OCR, (None, None, "2023")),  # specks of a written figure
    ("Đà Lạt, ngày 2 8 tháng 6 năm 2023", TextSource.OCR, ("28", "6", "2023")),  # a figure split in two
    ("Đà Lạt, ngày mười hai tháng sáu năm 2023", TextSource.OCR, None),  # words, longer than a figure's specks
])
def test_date_line_of_an_ocr_page_read_tolerantly(line, source, fields):
    found = date_line([_page(line, source)])
    if fields is None:
        assert found is None
    else:
        assert (found.fields["day"], found.fields["month"], found.fields["year"]) == fields
        assert found.fields["place"] == "Đà Lạt"

"""Header fields of OCR pages put right from the rest of the document (``extract.header``): the marks of a title
word, the issuer's spelling, a doubled Đ in a type code.  Fragments we write; near-misses must stay as read."""

from __future__ import annotations

import pytest

from extract.header import _with_type_stroke, marks_as_written, spelled_in_body

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
    assert marks_as_written(title, f"{title}\n{rest}") == expected


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

"""Figures: (text, expected) pairs, positive and negative."""

import pytest

from extract.figures import find_figures, parse_number
from rasoat.models import Page


def figs(text):
    return find_figures([Page(number=1, text=text)])


@pytest.mark.parametrize(
    "raw, expected",
    [("46,2", 46.2), ("1.234", 1234), ("1.100", 1100), ("39.897", 39897), ("1.234,5", 1234.5), ("03", 3), ("100", 100)],
)
def test_vietnamese_numbers(raw, expected):
    assert parse_number(raw) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kết quả: 197/197 TTHC được rà soát", dict(kind="fraction", numerator=197, denominator=197, unit="TTHC")),
        ("đạt 46,2% kế hoạch", dict(kind="percent", percent=46.2, qualifier="đạt", decimals=1)),
        ("có 145/431 TTHC, đạt 33,64 % có kiến nghị", dict(kind="fraction", numerator=145, denominator=431)),
        ("tỉnh còn 939 thôn, tổ dân phố.", dict(kind="count", value=939, unit="thôn")),
        ("ban hành 46 văn bản quy phạm pháp luật", dict(kind="count", value=46, unit="văn bản quy phạm pháp luật")),
        ("tổng vốn 39.897 tỷ đồng", dict(kind="money", value=39897, unit="tỷ đồng")),
        ("khảo sát 1.100 phiếu khảo sát", dict(kind="count", value=1100, unit="phiếu khảo sát")),
        ("xếp hạng 62/63 tỉnh", dict(kind="fraction", numerator=62, denominator=63)),
        ("điểm số 83,1/100 điểm", dict(kind="fraction", numerator=83.1, denominator=100)),
    ],
)
def test_figure_found(text, expected):
    found = figs(text)
    assert found, text
    f = found[0]
    for key, value in expected.items():
        assert getattr(f, key) == value, (text, key, getattr(f, key))


@pytest.mark.parametrize(
    "text",
    [
        "ngày 02/7/2025 của Bộ Nội vụ",  # a date
        "Công văn số 4625/BNV-CCHC",  # a document number
        "theo quy định tại Điều 5 Nghị định này",  # an article number
        "năm 2024 tỉnh đã",  # a year
        "trong 6 tháng cuối năm 2025",  # a period
        "thực hiện vào 30 phút đầu giờ",  # a time
        "Phường 1 và Phường 2",  # names
        "Triển khai Đề án 06 của Chính phủ",  # a name
        "khoản 2 Điều 10",
        "Kỳ họp thứ 8",
        "ngày 19/8 vừa qua",
    ],
)
def test_not_a_figure(text):
    assert figs(text) == [], [f.raw for f in figs(text)]


def test_parts_are_linked_to_their_total():
    found = figs("tinh giản biên chế 29 công chức, viên chức cấp tỉnh, cấp huyện"
                 " (03 công chức; 25 viên chức; 01 nhân viên).")
    total = found[0]
    assert total.value == 29
    parts = [f for f in found if f.parent == 0]
    assert [p.value for p in parts] == [3, 25, 1]


def test_percent_is_linked_to_its_fraction_in_the_same_clause():
    found = figs("có 91/101 TTHC có phương án kiến nghị đáp ứng yêu cầu, đạt 46,2%. Đồng thời, 100% TTHC")
    fraction, percent, other = found
    assert percent.parent == 0
    assert other.parent is None


def test_spans_point_at_the_evidence():
    text = "Kết quả: 197/197 TTHC được rà soát; 20/20 cơ quan chuyên môn."
    for f in figs(text):
        assert text[f.start : f.end] == f.raw


def values(text):
    """(kind, number(s)) of every figure found, in order."""
    out = []
    for f in figs(text):
        if f.kind == "fraction":
            out.append(("fraction", f.numerator, f.denominator))
        elif f.kind == "percent":
            out.append(("percent", f.percent))
        else:
            out.append(("count", f.value))
    return out


@pytest.mark.parametrize(
    "text, expected",
    [
        # counts of nouns outside the unit list: the open rule
        ("Sở đã thành lập 05 tổ công tác liên ngành.", [("count", 5)]),
        ("Trong quý, Ủy ban tổ chức 12 cuộc họp trực tuyến.", [("count", 12)]),
        ("Trung tâm mở 3 lớp tập huấn cho cán bộ cơ sở.", [("count", 3)]),
        ("Bộ tiêu chí chia thành 04 nhóm và 06 mức xếp loại.", [("count", 4), ("count", 6)]),
        ("Hội đồng tiến hành chấm 02 vòng, mỗi vòng có 09 câu hỏi.", [("count", 2), ("count", 9)]),
        ("Có 27 UBND cấp xã nộp báo cáo đúng hạn.", [("count", 27)]),
        ("đã thu gom 8 loại vật tư", [("count", 8)]),
        # nouns the tagger reads as verbs or whose first syllable is a function word
        ("Ban tiếp công dân nhận 14 khiếu nại và 9 ý kiến góp ý.", [("count", 14), ("count", 9)]),
        ("Bộ gồm 6 chỉ số thành phần.", [("count", 6)]),
        # a capitalised common noun in running text
        ("Sở đã thành lập 04 Tổ kiểm tra liên ngành.", [("count", 4)]),
        ("toàn tỉnh có 57 Trung tâm Phục vụ hành chính công cấp xã", [("count", 57)]),
        # a footnote mark glued to the unit
        ("tổng điểm tối đa là 90 điểm3. Trong đó", [("count", 90)]),
        ("với tổng số 2.350 phiếu khảo sát5 được phát ra", [("count", 2350)]),
        # the noun on the next line of running text
        ("đơn vị đã rà soát 14\nquy trình nội bộ", [("count", 14)]),
        # decimal fractions and scores
        ("Chỉ số đạt 7,25/9,5 điểm.", [("fraction", 7.25, 9.5)]),
        ("xếp thứ 10/13,5 điểm tối đa", [("fraction", 10, 13.5)]),
        ("kết quả 76,4/100 điểm", [("fraction", 76.4, 100)]),
        # running text wrapped after the slash
        ("đã giải quyết đúng hạn 45/\n50 hồ sơ tiếp nhận", [("fraction", 45, 50)]),
        # both sides carry their noun
        ("đã giải quyết 38 hồ sơ/42 hồ sơ tiếp nhận", [("fraction", 38, 42)]),
        # amounts with scale words
        ("thu ngân sách ước đạt 12,75 nghìn tỷ đồng", [("count", 12.75)]),
        ("hỗ trợ 2,5 triệu đồng mỗi hộ", [("count", 2.5)]),
        ("tổng vốn khoảng 450 tỷ.", [("count", 450)]),
        ("giải quyết việc làm cho 1,2 triệu người", [("count", 1.2)]),
        # ranges: both ends, each a figure of what the high end measures
        ("tăng trưởng dự kiến 6,5 - 7% so với năm trước", [("percent", 6.5), ("percent", 7)]),
        ("vốn đầu tư 120 - 135 nghìn tỷ đồng", [("count", 120), ("count", 135)]),
        # a table whose cells wrapped after the slash: numerators on one line, denominators below
        ("Tiêu chí A 6,75/ 7,1/ 8/\n81,2% 20/63\nthành phần 9 9 9", [
            ("fraction", 6.75, 9), ("fraction", 7.1, 9), ("fraction", 8, 9), ("percent", 81.2), ("fraction", 20, 63)]),
    ],
)
def test_figures_of_a_sentence(text, expected):
    assert values(text) == expected, [f.raw for f in figs(text)]


@pytest.mark.parametrize(
    "text",
    [
        "ban hành ngày 05/3 và có hiệu lực",  # a date
        "Nghị định số 30/2020/NĐ-CP về công tác văn thư",  # a document number
        "theo trang 3 của tài liệu",  # a page
        "liên hệ số điện thoại 0209.3870.123 để được hỗ trợ",  # a phone number
        "họp lúc 8 giờ 30 phút tại hội trường",  # a time
        "1. Nội dung kiểm tra",  # a list ordinal
        "mã thủ tục 1.004227 trên Cổng",  # a code
        "theo quy trình QT-01 của Sở",  # a code
        "Hội nghị lần thứ 2 của Ban",  # an ordinal
        "quy định tại khoản 2 và điểm a khoản 3 Điều 7",  # references
        "tại Phụ lục 1, 2 kèm theo",  # an enumeration of references
        "trẻ em dưới 6 tuổi được miễn",  # an age
        "trong năm học 2024/2025 nhà trường",  # a school year
        "thực hiện Nghị định số 45/2020 của Chính phủ",  # a document number without its symbol
        "kết quả (sau khi sáp nhập)7 tổng số lớp đã mở",  # a footnote mark after a bracket
        "theo số thứ tự 03 Mục II của danh mục",  # a row named by its number
        "được nêu tại 02 Mục II của Quy chế",  # a section named by its number
        "quán triệt Nghị quyết Trung ương 8 Khóa XIII",  # a session named by its number
        "chuyển giao cho 5 Hà Nội",  # a name after a number is not what is counted
        "Tiêu chí\n12\nCán bộ đầu mối",  # a table cell: the capitalised word is on the next line
        "áp dụng 1-2 lần/tuần vào buổi sáng",  # a glued hyphen is not a range
        "giai đoạn 2021 - 2025 tỉnh đã",  # years
        "dịch vụ công mức độ 4 trên toàn tỉnh",  # a level
        "5 Đắk Nông 6,91 13\ntin học",  # a table row: the next line is another cell
        "Xếp loại\n7 thủ tục hành 6,2 4,1 5,0",  # an STT cell before a row of figures
        "đạt 9,5/ 8/\nmột dòng không có mẫu số",  # dangling numerators with no denominators below
    ],
)
def test_near_misses_stay_silent(text):
    assert figs(text) == [], [f.raw for f in figs(text)]


def test_range_ends_are_neither_total_nor_parts():
    found = figs("vốn đầu tư 120 - 135 nghìn tỷ đồng (tương đương 5 - 6 tỷ USD).")
    assert [f.value for f in found] == [120, 135, 5, 6]
    assert all(f.parent is None for f in found)

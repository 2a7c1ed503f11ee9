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
    found = figs("tinh giản biên chế 29 công chức, viên chức cấp tỉnh, cấp huyện (03 công chức; 25 viên chức; 01 nhân viên).")
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

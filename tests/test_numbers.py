"""rasoat.numbers: one spelling, the parts, the matching key, the QH term and QPPL-or-not of a số ký hiệu."""

import pytest

from rasoat.numbers import (
    DOC_NUMBER,
    NumberParts,
    is_qppl,
    is_qppl_type,
    normalise_number,
    number_key,
    number_year,
    parse,
    qh_term,
    type_abbr,
)


@pytest.mark.parametrize("raw, expected", [
    ("01 / 2024/QÐ - UBND", "01/2024/QĐ-UBND"),  # spaces, Ð (eth) for Đ
    ("117/QĐ\ufffeUBND", "117/QĐ-UBND"),  # a broken glyph map's hyphen
    ("45/BC–UBND.", "45/BC-UBND"),  # en dash, the full stop ending a sentence
    ("01/2022/TTLT-BTP-BCA", "01/2022/TTLT-BTP-BCA"),  # already clean: unchanged
    ("09/2026/NĐ-CP4", "09/2026/NĐ-CP"), ("140/NQ-CP2", "140/NQ-CP"), ("12/CT-TTg3", "12/CT-TTg"),  # footnote marks
    # near misses: codes that carry figures keep them
    ("15/2023/QH15", "15/2023/QH15"), ("38/2001/PL-UBTVQH10", "38/2001/PL-UBTVQH10"), ("5/QĐ-BCĐ389", "5/QĐ-BCĐ389"),
])
def test_normalise_number(raw, expected):
    assert normalise_number(raw) == expected


@pytest.mark.parametrize("text, expected", [
    ("01/2024/QĐ-UBND", NumberParts("01", 2024, "QĐ-UBND", "QĐ", "UBND", None)),
    ("01/2022/TTLT-BTP-BCA", NumberParts("01", 2022, "TTLT-BTP-BCA", "TTLT", "BTP-BCA", None)),
    ("15/2023/QH15", NumberParts("15", 2023, "QH15", None, "QH15", 15)),
    ("5/2024/NQ-UBTVQH15", NumberParts("5", 2024, "NQ-UBTVQH15", "NQ", "UBTVQH15", 15)),
    ("12/TB", NumberParts("12", None, "TB", "TB", None, None)),  # a notice: type, no issuer
    ("Số: 12/TB", None),  # the whole line is not a number
    ("2345/UBND-VX", NumberParts("2345", None, "UBND-VX", None, "UBND-VX", None)),  # công văn: issuer first
    ("/BC-UBND", NumberParts(None, None, "BC-UBND", "BC", "UBND", None)),  # number left blank
    ("57-NQ/TW", NumberParts("57", None, "NQ/TW", "NQ", "TW", None)),  # a Party document
    ("01 / 2024 / QÐ - UBND", NumberParts("01", 2024, "QĐ-UBND", "QĐ", "UBND", None)),  # spaces and Ð
    ("93/nq-hđnd", NumberParts("93", None, "nq-hđnd", "nq", "hđnd", None)),  # lower case: parts as printed
    ("", None), (None, None), ("ngày 12 tháng 3", None),
])
def test_parse(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize("a, b", [
    ("93/NQ-HĐND", "93/NQ-HDND"),  # Đ written D
    ("93/NQ-HĐND", "93 / nq - hđnd"),  # case and spaces
    ("05/2024/QĐ-UBND", "5/2024/QÐ-UBND"),  # leading zero, Ð (eth)
    ("80/2015/QH13", "Luật 80/2015/QH13"),  # the number inside a longer text
    ("80/2015/QH13", "luật số 80/2015/qh13"),
    ("01/2022/TTLT-BTP-BCA", "01/2022/TTLT–BTP–BCA"),  # en dashes
])
def test_number_key_equal(a, b):
    assert number_key(a) == number_key(b) is not None


@pytest.mark.parametrize("a, b", [
    ("12/TB", "12/TB-UBND"),  # a different symbol
    ("15/2023/QH15", "15/2023/QH14"),  # another term
    ("5/2024/NQ-UBTVQH15", "5/2024/NQ-HĐND"),
    ("01/2024/QĐ-UBND", "10/2024/QĐ-UBND"),  # zeros inside the number count
    ("12/2024/QĐ-UBND", "12/QĐ-UBND"),  # with and without year
])
def test_number_key_different(a, b):
    assert number_key(a) != number_key(b)


@pytest.mark.parametrize("text, key", [
    ("93/NQ-HĐND", "93/nq/hdnd"), ("05/2024/QĐ-UBND", "5/2024/qd/ubnd"), ("0/BC", "0/bc"),
    ("57-NQ/TW", "57/nq/tw"), ("", None), (None, None), ("  ", None),
])
def test_number_key(text, key):
    assert number_key(text) == key


@pytest.mark.parametrize("symbol, expected", [
    ("QH15", ("QH", 15)), ("UBTVQH14", ("UBTVQH", 14)), ("15/2023/QH15", ("QH", 15)),
    ("NQ-UBTVQH15", None),  # a type abbreviation first: not a QH-term symbol
    ("QH", None), ("QH1", None), ("QH155", None), ("qh15", None), ("XQH15", None), ("", None), (None, None),
])
def test_qh_term(symbol, expected):
    assert qh_term(symbol) == expected


@pytest.mark.parametrize("number, year", [
    ("01/2024/QĐ-UBND", 2024), ("5a/2019/TT-BTC", 2019), ("93/NQ-HĐND", None), ("2024/QĐ-UBND", None),
    ("12/1850/QĐ", None), (None, None),
])
def test_number_year(number, year):
    assert number_year(number) == year


@pytest.mark.parametrize("symbol, first", [("QĐ-UBND", "QĐ"), ("QH15", "QH15"), ("UBND-VX", "UBND"),
                                           ("NQ/TW", "NQ"), ("", None), (None, None)])
def test_type_abbr(symbol, first):
    assert type_abbr(symbol) == first


@pytest.mark.parametrize("abbr, year, issuer, expected", [
    ("NĐ", None, None, True), ("QĐ", None, None, True), ("TT", None, None, True), ("Luật", None, None, True),
    ("KH", None, None, False), ("XX", None, None, None), ("qđ", None, None, None),  # abbreviations are case-exact
    ("CT", None, None, False),  # a Chỉ thị is not QPPL today (Luật 80/2015 Điều 4) …
    ("CT", 2020, "UBND", False),
    ("CT", 2010, "UBND", True),  # … but a UBND's was until 30/6/2016 (Luật 31/2004/QH11 Điều 1)
    ("CT", 2016, "UBND", True),
    ("CT", 2010, "TTg", False),  # the Prime Minister's no longer from 2009
    ("CT", 2005, "TTg", True),
])
def test_is_qppl_type(abbr, year, issuer, expected):
    assert is_qppl_type(abbr, year, issuer) is expected


@pytest.mark.parametrize("number, symbol, expected", [
    ("01/2024/QĐ-UBND", "QĐ-UBND", True), ("123/QĐ-UBND", "QĐ-UBND", False), ("51/2024/QH15", "QH15", True),
    ("45/BC-UBND", "BC-UBND", False), (None, "NĐ-CP", False), (None, None, None),
    ("01/2022/TTLT-BTP-BCA", None, True),  # the symbol taken from the number
    ("15/2023/QH15", None, True), ("5/2024/NQ-UBTVQH15", None, True),
    ("12/TB", None, False),  # a notice (công văn-like number): never
    ("12/2024/TB-UBND", None, False),  # a year does not make a notice a QPPL
    ("05/2020/CT-UBND", None, False), ("05/2010/CT-UBND", None, True), ("12/CT-UBND", None, False),
])
def test_is_qppl(number, symbol, expected):
    assert is_qppl(number, symbol) is expected


@pytest.mark.parametrize("text, found", [
    ("theo Quyết định số 01/2024/QĐ-UBND ngày 5/1/2024", "01/2024/QĐ-UBND"),
    ("Nghị quyết số 1656/NQ-UBTVQH15 của", "1656/NQ-UBTVQH15"),
    ("đạt 97/92 xã", None),  # a fraction, no symbol
    ("Kết luận 57-NQ/TW của Bộ Chính trị", "57-NQ/TW"),
])
def test_doc_number_in_text(text, found):
    m = DOC_NUMBER.search(text)
    assert (m.group(0) if m else None) == found


@pytest.mark.parametrize(
    "read, known, distance",
    [
        ("UBTVQHI4", "UBTVQH14", 0.5),  # I for 1: one confusion
        ("KĐ-ABC", "KD-ABC", 0.5),  # a bar added to D
        ("AB0", "ABO", 0.5),
        ("XYỹ", "XYz", 0.5),  # a letter no ký hiệu has
        ("UBTVQHI14", "UBTVQH14", 1.0),  # an extra character
        ("UBND", "HĐND", 2.0),  # two real differences
        ("ABC", "ABX", 1.0),
        ("ABC", "ABC", 0.0),
    ],
)
def test_ocr_distance(read, known, distance):
    from rasoat.numbers import ocr_distance

    assert ocr_distance(read, known) == distance

"""Figure checks on sentences of the kinds the mutation harness plants (bench/mutate.py): each kind has
sentences that must give a finding of its rule, and near-misses that must stay silent (rounded values,
targets, bounds, shares of other wholes, table rows).  All sentences are written for these tests."""

import hashlib

import pytest

from extract import extract
from extract.figures import in_table_row, is_table_line
from rasoat.models import Document, Figure, Page, SourceDocument
from rules.fragments import check, make_document


def hits(rule_id, text):
    return check(rule_id, make_document(body=text))


CASES = [
    # --- FIG001: a percentage that does not match its fraction
    ("FIG001", "Qua rà soát có 120/350 TTHC, đạt 37,29 % có kiến nghị đơn giản hóa.", 1),  # 34,29 %: ", " between
    ("FIG001", "Qua rà soát có 120/350 TTHC, đạt 34,29 % có kiến nghị đơn giản hóa.", 0),
    ("FIG001", "Đã giải quyết 250/260 hồ sơ, đạt 98,15%.", 1),  # a small change: 96,15 %
    ("FIG001", "Đã giải quyết 250/260 hồ sơ, đạt 71,15%.", 1),  # a large change
    ("FIG001", "Đã giải quyết 250/260 hồ sơ, đạt 96,2%.", 0),  # rounded to one decimal
    ("FIG001", "Đã giải quyết 250/260 hồ sơ, đạt 96,15%.", 0),  # cut to two decimals
    ("FIG001", "Đã giải quyết 250/260 hồ sơ, đạt 96%.", 0),  # rounded to a whole number
    ("FIG001", "Đã giải quyết 250/260 hồ sơ (đạt 96,15%), 100% hồ sơ được trả kết quả qua mạng.", 0),
    ("FIG001", "Đã giải quyết 250/260 hồ sơ (đạt 93,15%), 100% hồ sơ được trả kết quả qua mạng.", 1),
    ("FIG001", "Số hồ sơ được số hóa là 1.204/1.500 hồ sơ,\nđạt tỷ lệ 85,27%.", 1),  # across a line break: 80,27 %
    # targets, bounds, hypotheses: not the ratio
    ("FIG001", "Đã cấp 180/200 giấy phép đúng hạn, phấn đấu đạt 95% vào cuối năm.", 0),
    ("FIG001", "Có 7/20 đơn vị có chỉ số đạt từ 80% trở lên, chiếm tỷ lệ 35,00%.", 0),
    ("FIG001", "Có 7/20 đơn vị có chỉ số đạt từ 80% trở lên, chiếm tỷ lệ 38,00%.", 1),
    ("FIG001", "Có 3/20 đơn vị có chỉ số đạt dưới 50%, chiếm tỷ lệ 15,00%.", 0),
    ("FIG001", "Đơn vị đã nộp 540/900 triệu đồng, trường hợp đạt 100% thì được điểm tối đa.", 0),
    # the terms of the fraction are rounded themselves: 11,35/15 is 75,67 % ± 0,04
    ("FIG001", "Điểm trung bình của cấp huyện đạt 11,35/15 điểm, chỉ số đạt 75,651%.", 0),
    # shares of different wholes, asides, table rows
    ("FIG001", "Có 45/60 xã đã số hóa hồ sơ và 80% cơ quan cấp tỉnh dùng chữ ký số.", 0),
    ("FIG001", "Xếp hạng chung (12/15 đơn vị)\nChỉ số trung bình của các đơn vị năm nay đạt 84,10%.", 0),
    ("FIG001", "Huyện Tân An 18/25 65,4% 12/25\nHuyện Bình Hòa 20/25 71,0% 9/25", 0),
    ("FIG001", "Xã Bình Minh | 18/25 | 65,4% | 12/25\nXã Phú Lộc | 20/25 | 71,0% | 9/25", 0),
    ("FIG001", "II Công khai minh bạch 15,38 14/34\n1 Tỷ lệ TTHC công bố đúng hạn 71,96% 4,32", 0),
    # --- FIG002: a numerator larger than its denominator
    ("FIG002", "Có 105/98 hộ gia đình được hỗ trợ vay vốn.", 1),
    ("FIG002", "Có 95/98 hộ gia đình được hỗ trợ vay vốn.", 0),
    # --- FIG003: a share over 100 %
    ("FIG003", "Tỷ lệ hồ sơ giải quyết đúng hạn chiếm 134,5%.", 1),
    ("FIG003", "Tiền lương làm thêm giờ vào ngày lễ tối thiểu là 300%.", 0),
    ("FIG003", "Số thu ngân sách tăng 118% so với cùng kỳ.", 0),
    # the target is the other percentage: this one is the actual share
    ("FIG003", "Tỷ lệ hồ sơ đúng hạn chưa đạt chỉ tiêu (chỉ tiêu tối thiểu 95%, hiện đạt 193,2%).", 1),
    ("FIG001", "Đã giải quyết 250/260 hồ sơ, chưa đạt chỉ tiêu (chỉ tiêu tối thiểu 98%, hiện đạt 93,15%).", 1),
    # --- FIG004: parts that do not add up to the total
    ("FIG004", "Tổ chức 12 hội nghị, gồm:\n- cấp tỉnh 04 hội nghị;\n- cấp xã 09 hội nghị.", 1),
    ("FIG004", "Tổ chức 12 hội nghị, gồm:\n- cấp tỉnh 04 hội nghị;\n- cấp xã 08 hội nghị.", 0),
    ("FIG004", "Đã tiếp nhận 530 kiến nghị\n(trực tiếp 210 kiến nghị; qua\nmạng 330 kiến nghị).", 1),
    ("FIG004", "Đã tiếp nhận 540 kiến nghị\n(trực tiếp 210 kiến nghị; qua\nmạng 330 kiến nghị).", 0),
    ("FIG004", "Khảo sát 27 cơ quan, đơn vị (08 sở, ban, ngành; 06 Ủy ban nhân dân cấp huyện; "
               "14 Ủy ban nhân dân cấp xã).", 1),
    ("FIG004", "Khảo sát 27 cơ quan, đơn vị (08 sở, ban, ngành; 05 Ủy ban nhân dân cấp huyện; "
               "14 Ủy ban nhân dân cấp xã).", 0),
    ("FIG004", "Tiếp nhận 530 kiến nghị, trong đó: 210 kiến nghị qua điện thoại; 150 kiến nghị qua thư.", 0),
    ("FIG004", "Tổng kinh phí là 500 triệu đồng, trong đó:\n+ chi đào tạo 300 triệu đồng, đã giải ngân 120 triệu "
               "đồng;\n+ chi khảo sát 200 triệu đồng.", 0),
    ("FIG004", "Tổng kinh phí là 500 triệu đồng, trong đó:\n+ chi đào tạo 320 triệu đồng, đã giải ngân 120 triệu "
               "đồng;\n+ chi khảo sát 200 triệu đồng.", 1),
    # --- FIG006: shares of one whole that do not make 100 %
    ("FIG006", "Tổng số 20 đơn vị được đánh giá, trong đó:\n- Có 8/20 đơn vị xếp loại tốt, chiếm tỷ lệ 40,00%;\n"
               "- Có 7/20 đơn vị xếp loại khá, chiếm tỷ lệ 35,00%;\n"
               "- Có 5/20 đơn vị xếp loại trung bình, chiếm tỷ lệ 30,00%.", 1),
    ("FIG006", "Tổng số 20 đơn vị được đánh giá, trong đó:\n- Có 8/20 đơn vị xếp loại tốt, chiếm tỷ lệ 40,00%;\n"
               "- Có 7/20 đơn vị xếp loại khá, chiếm tỷ lệ 35,00%;\n"
               "- Có 5/20 đơn vị xếp loại trung bình, chiếm tỷ lệ 25,00%.", 0),
    # shares of different wholes (two denominators) are not one breakdown
    ("FIG006", "Có 8/20 sở đạt loại tốt, chiếm 40%; có 30/60 xã đạt loại tốt, chiếm 50%.", 0),
    # --- FIG007: a count that contradicts a fraction's denominator stated elsewhere
    ("FIG007", "Kế hoạch năm 2025 giao 48 nhiệm vụ cho các sở. Đến nay đã hoàn thành 45/50 nhiệm vụ.", 1),
    ("FIG007", "Kế hoạch năm 2025 giao 50 nhiệm vụ cho các sở. Đến nay đã hoàn thành 45/50 nhiệm vụ.", 0),
    ("FIG007", "Năm nay có 46 nhiệm vụ đạt yêu cầu. Đến nay đã hoàn thành 45/48 nhiệm vụ.", 0),
    ("FIG007", "Tiếp nhận 1.860 hồ sơ. Đã giải quyết 1.810 hồ sơ, trong đó đúng hạn 1.790/1.810 hồ sơ.", 0),
    ("FIG007", "Kế hoạch giao 12 nhiệm vụ cho Sở. Toàn tỉnh đã hoàn thành 45/48 nhiệm vụ.", 0),
    ("FIG007", "Đánh giá các cơ quan chuyên môn (17 cơ quan).\nKết quả: có 11/15 cơ quan xếp loại tốt.", 1),
]


@pytest.mark.parametrize("rule_id, text, expected", CASES)
def test_figure_checks(rule_id, text, expected):
    assert len(hits(rule_id, text)) == expected


def test_figure_finding_explains_itself():
    (f,) = hits("FIG001", "Qua rà soát có 120/350 TTHC, đạt 37,29 % có kiến nghị đơn giản hóa.")
    assert "120 ÷ 350 × 100 = 34,29%" in f.message and "37,29 %" in f.message
    assert "Sửa tỷ lệ thành 34,29%" in f.fix
    (f,) = hits("FIG004", "Tổ chức 12 hội nghị, gồm:\n- cấp tỉnh 04 hội nghị;\n- cấp xã 09 hội nghị.")
    assert "4 + 9 = 13" in f.message and "sửa tổng số thành 13" in f.fix


def test_finding_span_covers_the_changed_part():
    text = "Tổ chức 12 hội nghị, gồm:\n- cấp tỉnh 04 hội nghị;\n- cấp xã 09 hội nghị."
    (f,) = hits("FIG004", text)
    assert f.start <= text.index("09") < f.end


def test_decimal_point_typo_is_named():
    (f,) = hits("FIG003", "Xã Hòa Bình đạt chỉ số 89.079% trong năm.")
    assert "89,079%" in f.message


def test_figures_on_ocr_pages_are_info():
    doc = make_document(body="Có 105/98 hộ gia đình được hỗ trợ vay vốn.", source="ocr")
    assert [f.severity for f in check("FIG002", doc)] == ["info"]


def _document_with_table(text: str, tables) -> Document:
    page = Page(number=1, text=text, tables=tables, regions={"body": (0, len(text))})
    digest = hashlib.sha256(text.encode()).hexdigest()
    source = SourceDocument(path="t.txt", sha256=digest, file_name="t.txt", pages=[page])
    return Document(source=source, extraction=extract(source))


@pytest.mark.parametrize("tables, expected", [([], 1), ([[["Xã Bình An", "18/25 tiêu chí", "61,4%"]]], 0)])
def test_cells_of_an_ingested_table_are_no_ratio(tables, expected):
    doc = _document_with_table("Xã Bình An có 18/25 tiêu chí, đạt 61,4% điểm khảo sát.", tables)
    assert len(check("FIG001", doc)) == expected


@pytest.mark.parametrize(
    "line, table",
    [
        ("Huyện Tân An 18/25 65,4% 12/25", True),
        ("Xã Bình Minh | 18/25 | 65,4% |", True),
        ("Có 7/20 đơn vị có chỉ số đạt từ 80% trở lên, chiếm tỷ lệ 35,00%;", False),
    ],
)
def test_table_lines(line, table):
    assert is_table_line(line, 3) is table


def test_in_table_row_needs_two_cells():
    page = Page(number=1, text="", tables=[[["A", "18/25", "65,4%"], ["B", "18/25 65,4%", None]]])
    fr = Figure(1, 0, 5, "18/25", kind="fraction")
    pc = Figure(1, 0, 5, "65,4%", kind="percent")
    assert in_table_row(page, fr, pc)
    page.tables = [[["B", "18/25 65,4%", None]]]
    assert not in_table_row(page, fr, pc)


@pytest.mark.parametrize(
    "count, expected",
    [
        ("128", 1),  # one digit off the denominator stated pages later: a typo of the same total
        ("124", 0),  # the same total
        ("131", 0),  # several digits off, pages apart: another quantity
    ],
)
def test_count_against_a_denominator_pages_apart(count, expected):
    filler = tuple("Các đơn vị tiếp tục triển khai nhiệm vụ theo kế hoạch." for _ in range(4))
    doc = make_document(body=f"Đánh giá chỉ số của các địa phương ({count} địa phương).",
                        more_pages=(*filler, "Kết quả: có 31/124 địa phương xếp loại tốt."))
    assert len(check("FIG007", doc)) == expected

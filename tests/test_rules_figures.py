"""Figure rules on report fragments: each trigger has a near-identical text that must not trigger."""

import pytest

from rules.fragments import check, make_document


def hits(rule_id, text):
    return check(rule_id, make_document(body=text))


@pytest.mark.parametrize(
    "rule_id, bad, good",
    [
        ("FIG001", "có 91/101 TTHC có phương án kiến nghị đáp ứng yêu cầu, đạt 46,2%.",
         "có 91/101 TTHC có phương án kiến nghị đáp ứng yêu cầu, đạt 90,1%."),
        ("FIG002", "Có 97/92 xã, phường đã đưa Trung tâm vào hoạt động.",
         "Có 87/92 xã, phường đã đưa Trung tâm vào hoạt động."),
        ("FIG003", "tỷ lệ hồ sơ trực tuyến chiếm 112% tổng số hồ sơ.",
         "số hồ sơ trực tuyến tăng 112% so với cùng kỳ."),
        ("FIG004", "tiếp nhận 18.426 hồ sơ (trực tuyến 11.208 hồ sơ; trực tiếp 6.893 hồ sơ; bưu chính 415 hồ sơ).",
         "tiếp nhận 18.516 hồ sơ (trực tuyến 11.208 hồ sơ; trực tiếp 6.893 hồ sơ; bưu chính 415 hồ sơ)."),
        ("FIG005", "Năm 2024, HĐND, UBND tỉnh ban hành 46 văn bản QPPL. Công tác kiểm tra được chú trọng. "
                   "Năm 2024, HĐND, UBND tỉnh ban hành 45 văn bản QPPL.",
         "Năm 2024, HĐND, UBND tỉnh ban hành 46 văn bản QPPL. Công tác kiểm tra được chú trọng. "
         "Năm 2024, HĐND, UBND tỉnh ban hành 46 văn bản QPPL."),
    ],
)
def test_figure_rule_pairs(rule_id, bad, good):
    assert len(hits(rule_id, bad)) == 1
    assert hits(rule_id, good) == []


@pytest.mark.parametrize(
    "text",
    [
        # cells of a table row: a rank and a score, not a fraction and its ratio
        "Tỉnh PAR Index SIPAS\nLâm Đồng 83,1/100 62/63 83,0% 39/63",
        # the percentage is a target, not the ratio of the fraction before it
        "đã tổ chức kiểm tra 38/124 UBND cấp xã, chỉ tiêu đề ra là tối thiểu 20%.",
        # one of the two percentages beside the fraction is its ratio
        "đã hoàn thành 100% kế hoạch đề ra, theo đó, đã tổ chức kiểm tra 42/139 cơ quan, đạt tỷ lệ 30%.",
    ],
)
def test_percentages_that_are_not_the_ratio(text):
    assert hits("FIG001", text) == []


@pytest.mark.parametrize(
    "text",
    [
        # amounts rounded to whole tỷ đồng: 19.596 + 2.548 = 22.144 ≈ 22.143
        "Dự toán chi đầu tư năm 2025 là 22.143 tỷ đồng (kế hoạch năm 2025 là 19.596 tỷ đồng; "
        "năm trước chuyển sang 2.548 tỷ đồng).",
        # the breakdown describes both counts joined by "và": 9 + 26 = 33 + 2
        "có 09 sở, ban, ngành và 26 xã, phường có văn bản góp ý (trong đó có 33 cơ quan thống nhất; "
        "có 02 xã có ý kiến khác).",
        # a part that is no figure of ours ("12 Ủy ban nhân dân huyện")
        "lấy ý kiến 35 cơ quan, đơn vị (20 sở, ban, ngành; 12 Ủy ban nhân dân huyện, thành phố; 03 tổ chức khác).",
        # "trong đó": a partial breakdown below the total
        "tiếp nhận 18.426 hồ sơ (trong đó trực tuyến 11.208 hồ sơ; trực tiếp 6.893 hồ sơ).",
    ],
)
def test_breakdowns_that_are_not_contradictions(text):
    assert hits("FIG004", text) == []


def test_counts_in_a_sum_of_people_are_not_rounded():
    assert len(hits("FIG004", "tinh giản 29 công chức, viên chức (03 công chức; 25 viên chức; 02 nhân viên).")) == 1


@pytest.mark.parametrize(
    "text",
    [
        # the same words, but about two different things named before the colon
        "tỉnh Đắk Nông: HĐND tỉnh đã thông qua 06 nghị quyết. tỉnh Bình Thuận: HĐND tỉnh đã thông qua 08 nghị quyết.",
        # "Qua đó" refers to the sentence before it
        "Mô hình một được triển khai. Qua đó, đã hỗ trợ hướng dẫn đối với 3.418 hồ sơ TTHC. "
        "Mô hình hai được triển khai. Qua đó, đã hỗ trợ hướng dẫn đối với 20.316 hồ sơ TTHC.",
        # other numbers in the sentence differ: not the same quantity
        "Số hồ sơ đúng hạn là 193.457 (tỷ lệ 99,1%). Số hồ sơ đúng hạn là 467.565 (tỷ lệ 99,81%).",
    ],
)
def test_different_quantities_in_the_same_words(text):
    assert hits("FIG005", text) == []

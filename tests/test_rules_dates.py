"""Date rules: calendar validity, the date line, entry into force, dates in the future."""

import pytest

from rules.fragments import ADMIN_PLAN, QPPL_DECISION, check, make_document, variant

DATE_LINE = "Lâm Đồng, ngày 12 tháng 3 năm 2024"


@pytest.mark.parametrize(
    "replacement, expected",
    [
        ((DATE_LINE, "Lâm Đồng, ngày 31 tháng 4 năm 2024"), "ngày 31 tháng 4 năm 2024"),
        (("ngày 14 tháng 5 năm 2016", "ngày 30/02/2016"), "30/02/2016"),
        (("ngày 19 tháng 6 năm 2015", "ngày 29 tháng 02 năm 2015"), "ngày 29 tháng 02 năm 2015"),
        (("ngày 14 tháng 5 năm 2016", "ngày 14/5/20160"), "14/5/20160"),  # a five-digit year
    ],
)
def test_impossible_date(replacement, expected):
    found = check("DAT001", variant(QPPL_DECISION, replacement))
    assert [f.evidence for f in found] == [expected]


@pytest.mark.parametrize("text", ["ngày 29 tháng 02 năm 2024", "ngày 30/4/2024", "tỷ lệ 45/12/2024"])
def test_possible_dates_pass(text):
    doc = variant(QPPL_DECISION, ("ngày 19 tháng 6 năm 2015", text))
    assert check("DAT001", doc) == []


@pytest.mark.parametrize(
    "date_line, expected, severity",
    [
        ("Lâm Đồng, ngày 5 tháng 3 năm 2024", "ngày 05", "warning"),
        ("Lâm Đồng, ngày 12 tháng 1 năm 2024", "tháng 01", "warning"),
        ("Lâm Đồng ngày 12 tháng 3 năm 2024", "dấu phẩy", "warning"),
        ("Lâm Đồng, ngày 12 tháng 03 năm 2024", "tháng 3", "info"),
        ("TP. Hồ Chí Minh, ngày 12 tháng 3 năm 2024", "Thành phố Hồ Chí Minh", "warning"),
    ],
)
def test_date_line_form(date_line, expected, severity):
    found = check("DAT002", variant(QPPL_DECISION, (DATE_LINE, date_line)))
    assert len(found) == 1, found
    assert expected in found[0].message and found[0].severity == severity


@pytest.mark.parametrize(
    "date_line",
    ["Lâm Đồng, ngày 05 tháng 3 năm 2024", "Lâm Đồng, ngày 12 tháng 01 năm 2024", "Lâm Đồng, ngày 12 tháng 12 năm 2024",
     "Lâm Đồng, ngày    tháng 3 năm 2024"],
)
def test_date_line_in_form(date_line):
    assert check("DAT002", variant(QPPL_DECISION, (DATE_LINE, date_line))) == []


def test_date_line_evidence_points_at_the_line():
    doc = variant(QPPL_DECISION, (DATE_LINE, "Lâm Đồng, ngày 5 tháng 3 năm 2024"))
    f = check("DAT002", doc)[0]
    assert doc.source.pages[0].text[f.start : f.end] == "Lâm Đồng, ngày 5 tháng 3 năm 2024"


EFFECT = "có hiệu lực kể từ ngày 25 tháng 3 năm 2024"


@pytest.mark.parametrize(
    "replacements, severity",
    [
        ([(EFFECT, "có hiệu lực kể từ ngày 15 tháng 3 năm 2024")], "error"),  # 3 days, provincial minimum 10
        ([(EFFECT, "có hiệu lực kể từ ngày 10 tháng 3 năm 2024")], "error"),  # before it was signed
        ([(EFFECT, "có hiệu lực kể từ ngày 15 tháng 3 năm 2024"),
          ("Theo đề nghị", "Căn cứ trình tự, thủ tục rút gọn theo quy định;\nTheo đề nghị")], "info"),
    ],
)
def test_effective_too_early(replacements, severity):
    found = check("DAT003", variant(QPPL_DECISION, *replacements))
    assert [f.severity for f in found] == [severity]
    assert "ít nhất 10 ngày" in found[0].message


CENTRAL = dict(
    header_left="CHÍNH PHỦ\nSố: 20/2024/NĐ-CP",
    header_right="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 10 tháng 12 năm 2024",
    body="NGHỊ ĐỊNH\nQuy định về kiểm tra văn bản\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"
    "Chính phủ ban hành Nghị định quy định về kiểm tra văn bản.\nĐiều 1. Phạm vi điều chỉnh\n"
    "Nghị định này quy định về kiểm tra văn bản.\nĐiều 2. Hiệu lực thi hành\n"
    "Nghị định này có hiệu lực thi hành từ ngày 01 tháng 02 năm 2025.",
    recipients="Nơi nhận:\n- Các bộ, cơ quan ngang bộ;\n- Lưu: VT, PL.",
    signature="TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nTrần Quốc Vinh",
)


def test_central_minimum_is_45_days():
    assert check("DAT003", make_document(**CENTRAL)) == []  # 53 days
    found = check("DAT003", variant(CENTRAL, ("ngày 01 tháng 02 năm 2025", "ngày 01 tháng 01 năm 2025")))
    assert len(found) == 1 and "45 ngày" in found[0].message and found[0].severity == "error"


def test_qppl_effective_on_signing():
    found = check("DAT004", variant(QPPL_DECISION, (EFFECT, "có hiệu lực kể từ ngày ký")))
    assert len(found) == 1 and found[0].severity == "error"
    doc = variant(QPPL_DECISION, (EFFECT, "có hiệu lực kể từ ngày ký"))
    assert doc.source.pages[0].text[found[0].start : found[0].end] == "có hiệu lực kể từ ngày ký"


def test_administrative_decision_may_take_effect_on_signing():
    cabiet = dict(QPPL_DECISION)
    doc = variant(cabiet, ("Số: 05/2024/QĐ-UBND", "Số: 305/QĐ-UBND"), (EFFECT, "có hiệu lực kể từ ngày ký"),
                  ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;\n", ""),
                  ("và biện pháp thi hành Luật Ban hành văn bản quy phạm pháp luật", "và biện pháp thi hành"))
    assert check("DAT004", doc) == []


def test_signing_date_in_the_future():
    assert check("DAT005", make_document(**ADMIN_PLAN)) == []
    found = check("DAT005", variant(ADMIN_PLAN, ("ngày 21 tháng 8 năm 2025", "ngày 21 tháng 8 năm 2099")))
    assert len(found) == 1 and "21/08/2099" in found[0].message

"""Competence (who may issue which QPPL, when) and the issuer's existence on the signing date."""

import pytest

from rules.fragments import ADMIN_PLAN, QPPL_DECISION, check, make_document, variant

HEAD = "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 05/2024/QĐ-UBND"
DATE = "Lâm Đồng, ngày 12 tháng 3 năm 2024"
EFFECT = "có hiệu lực kể từ ngày 25 tháng 3 năm 2024"


@pytest.mark.parametrize(
    "replacements, severity, expected",
    [
        # a Nghị định is issued by the Government only
        ([("Số: 05/2024/QĐ-UBND", "Số: 05/2024/NĐ-UBND")], "error", "Nghị định"),
        # a department (Sở) issues no QPPL at all
        ([(HEAD, "UBND TỈNH LÂM ĐỒNG\nSỞ TƯ PHÁP\nSố: 05/2024/QĐ-STP")], "error", "Sở Tư pháp"),
        # no QPPL of the district level from 01/7/2025
        ([(HEAD, "ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC TRỌNG\nSố: 05/2025/QĐ-UBND"),
          (DATE, "Đức Trọng, ngày 12 tháng 8 năm 2025"), (EFFECT, "có hiệu lực kể từ ngày 25 tháng 8 năm 2025")],
         "error", "Luật 87/2025"),
        # before 01/4/2025 a district QPPL needed an assignment by law: to be reviewed
        ([(HEAD, "ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC TRỌNG\nSố: 05/2024/QĐ-UBND"),
          (DATE, "Đức Trọng, ngày 12 tháng 3 năm 2024")],
         "info", "cần xem xét"),
    ],
)
def test_type_not_issuable(replacements, severity, expected):
    found = check("CMP001", variant(QPPL_DECISION, *replacements))
    assert [f.severity for f in found] == [severity]
    assert expected in found[0].message


@pytest.mark.parametrize(
    "replacements",
    [
        [],  # UBND tỉnh, Quyết định QPPL
        [(HEAD, "HỘI ĐỒNG NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 05/2024/NQ-HĐND")],  # HĐND tỉnh, Nghị quyết
        [(HEAD, "ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\nSố: 05/2025/QĐ-UBND"), (DATE, "Tân Lập, ngày 12 tháng 8 năm 2025"),
         (EFFECT, "có hiệu lực kể từ ngày 25 tháng 8 năm 2025")],  # commune QPPL again from 01/7/2025
        [("Số: 05/2024/QĐ-UBND", "Số: 305/QĐ-UBND"),
         ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;\n", ""),
         ("và biện pháp thi hành Luật Ban hành văn bản quy phạm pháp luật", "và biện pháp thi hành")],  # cá biệt
    ],
)
def test_issuable(replacements):
    assert check("CMP001", variant(QPPL_DECISION, *replacements)) == []


@pytest.mark.parametrize(
    "base, replacements, expected",
    [
        (ADMIN_PLAN, [("TỈNH TUYÊN QUANG", "TỈNH BẮC KẠN"), ("Tuyên Quang, ngày 21 tháng 8 năm 2025",
                                                           "Bắc Kạn, ngày 15 tháng 7 năm 2025")], "Bắc Kạn"),
        (ADMIN_PLAN, [("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG", "BỘ KẾ HOẠCH VÀ ĐẦU TƯ"),
                      ("Số: 86/KH-UBND", "Số: 86/KH-BKHĐT"),
                      ("Tuyên Quang, ngày 21 tháng 8 năm 2025", "Hà Nội, ngày 05 tháng 5 năm 2025")], "Bộ Tài chính"),
        (ADMIN_PLAN, [("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG", "ỦY BAN NHÂN DÂN\nHUYỆN SƠN DƯƠNG"),
                      ("Tuyên Quang, ngày 21 tháng 8 năm 2025", "Sơn Dương, ngày 21 tháng 8 năm 2025")], "huyện"),
        (ADMIN_PLAN, [("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG", "UBND TỈNH BẮC KẠN\nSỞ TƯ PHÁP"),
                      ("Số: 86/KH-UBND", "Số: 86/KH-STP"),
                      ("Tuyên Quang, ngày 21 tháng 8 năm 2025", "Bắc Kạn, ngày 21 tháng 8 năm 2025")], "Bắc Kạn"),
    ],
)
def test_issuer_not_existing_on_the_date(base, replacements, expected):
    found = check("ISS001", variant(base, *replacements))
    assert len(found) == 1, found
    assert expected in found[0].message and found[0].severity == "error"


@pytest.mark.parametrize(
    "replacements",
    [
        [("TỈNH TUYÊN QUANG", "TỈNH BẮC KẠN"),
         ("Tuyên Quang, ngày 21 tháng 8 năm 2025", "Bắc Kạn, ngày 15 tháng 6 năm 2025")],
        [("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG", "BỘ KẾ HOẠCH VÀ ĐẦU TƯ"), ("Số: 86/KH-UBND", "Số: 86/KH-BKHĐT"),
         ("Tuyên Quang, ngày 21 tháng 8 năm 2025", "Hà Nội, ngày 05 tháng 02 năm 2025")],
        [("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG", "ỦY BAN NHÂN DÂN\nHUYỆN SƠN DƯƠNG"),
         ("Tuyên Quang, ngày 21 tháng 8 năm 2025", "Sơn Dương, ngày 21 tháng 3 năm 2025")],
    ],
)
def test_issuer_existing_on_the_date(replacements):
    assert check("ISS001", variant(ADMIN_PLAN, *replacements)) == []


def test_issuer_evidence_is_the_header_block():
    doc = variant(ADMIN_PLAN, ("TỈNH TUYÊN QUANG", "TỈNH BẮC KẠN"),
                  ("Tuyên Quang, ngày 21 tháng 8 năm 2025", "Bắc Kạn, ngày 15 tháng 7 năm 2025"))
    f = check("ISS001", doc)[0]
    assert "BẮC KẠN" in doc.source.pages[0].text[f.start : f.end]
    assert make_document(**ADMIN_PLAN).extraction.header.issuer == "Ủy ban nhân dân tỉnh Tuyên Quang"

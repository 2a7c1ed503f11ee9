"""Số, ký hiệu rules: each variant of a clean example must trigger its rule, the clean example must not."""

import pytest

from rules import Corpus, run_rules
from rules.fragments import ADMIN_PLAN, QPPL_DECISION, check, make_document, variant


@pytest.mark.parametrize("base", [QPPL_DECISION, ADMIN_PLAN], ids=["qppl", "plan"])
def test_clean_examples_have_no_finding(base):
    doc = make_document(**base)
    assert run_rules(doc, Corpus([doc])) == []


LUAT = dict(
    header_left="QUỐC HỘI\nLuật số: 51/2024/QH15",
    header_right="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    body="LUẬT\nBảo hiểm xã hội\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
    "Quốc hội ban hành Luật Bảo hiểm xã hội.\nĐiều 1. Phạm vi điều chỉnh\nLuật này quy định chế độ bảo hiểm xã hội.\n"
    "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 7 thông qua ngày "
    "29 tháng 6 năm 2024.",
    signature="CHỦ TỊCH QUỐC HỘI\nNguyễn Văn Thành",
)


@pytest.mark.parametrize(
    "rule_id, base, replacement, expected",
    [
        ("NUM001", QPPL_DECISION, ("Số: 05/2024/QĐ-UBND", "Số: 05/QĐ-UBND"), "không có năm"),
        ("NUM002", ADMIN_PLAN, ("Số: 86/KH-UBND", "Số: 86/2025/KH-UBND"), "86/KH-UBND"),
        ("NUM003", QPPL_DECISION, ("Số: 05/2024/QĐ-UBND", "Số: 05/2023/QĐ-UBND"), "năm 2023"),
        ("NUM004", QPPL_DECISION, ("Số: 05/2024/QĐ-UBND", "Số: 05/2024/QD-UBND"), "\"QD\""),
        ("NUM004", ADMIN_PLAN, ("Số: 86/KH-UBND", "Số: 86/Kh-UBND"), "\"KH\""),
        ("NUM005", ADMIN_PLAN, ("Số: 86/KH-UBND", "Số: 86/BC-UBND"), "KẾ HOẠCH"),
        ("NUM006", QPPL_DECISION, ("Số: 05/2024/QĐ-UBND", "Số: 05/2024/QĐ-HĐND"), "Hội đồng nhân dân"),
        ("NUM007", QPPL_DECISION, ("Số: 05/2024/QĐ-UBND", "Số: 5/2024/QĐ-UBND"), "05/2024/QĐ-UBND"),
        ("NUM008", LUAT, ("51/2024/QH15", "51/2024/QH14"), "khóa 14"),
    ],
)
def test_numbering_rule_triggers(rule_id, base, replacement, expected):
    assert check(rule_id, make_document(**base)) == []
    found = check(rule_id, variant(base, replacement))
    assert len(found) == 1, found
    assert expected in found[0].message
    assert found[0].page == 1 and found[0].start is not None


@pytest.mark.parametrize(
    "base, replacement",
    [
        (ADMIN_PLAN, ("Số: 86/KH-UBND", "Số: 09/KH-UBND")),  # leading zero present
        (QPPL_DECISION, ("Số: 05/2024/QĐ-UBND", "Số: 10/2024/QĐ-UBND")),  # two digits
        (LUAT, ("QUỐC HỘI\nLuật số", "QUỐC HỘI\nLuật số")),  # term XV in 2024
    ],
)
def test_numbering_rules_stay_silent(base, replacement):
    doc = variant(base, replacement)
    assert [f for f in run_rules(doc) if f.rule_id.startswith("NUM")] == []


def test_draft_number_left_blank_is_not_flagged():
    doc = variant(QPPL_DECISION, ("Số: 05/2024/QĐ-UBND", "Số:      /2024/QĐ-UBND"))
    assert [f.rule_id for f in run_rules(doc) if f.rule_id.startswith("NUM")] == []


def test_symbol_with_a_space_inside_is_read_whole():
    """Extraction stops the ký hiệu at a space ("/B C-UBND" → "B"); the rule reads the printed line."""
    doc = variant(ADMIN_PLAN, ("Số: 86/KH-UBND", "Số: 86/K H-UBND"))
    assert check("NUM004", doc) == [] and check("NUM005", doc) == []


CONG_VAN = dict(
    header_left="UBND TỈNH LÂM ĐỒNG\nSỞ TƯ PHÁP\nSố: 604/STP-VP\nV/v chấn chỉnh thể thức văn bản",
    header_right="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày 15 tháng 9 năm 2025",
    body="Kính gửi: Các phòng, đơn vị thuộc Sở.\nSở Tư pháp đề nghị các đơn vị thực hiện đúng thể thức văn bản.",
    recipients="Nơi nhận:\n- Như trên;\n- Lưu: VT, VP.",
    signature="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nPhạm Quốc Dũng",
)


def test_cong_van_symbol_starts_with_the_issuer_not_a_type():
    doc = make_document(**CONG_VAN)
    assert run_rules(doc, Corpus([doc])) == []
    # the same letter under a title word is a Kế hoạch without its KH
    plan = variant(ADMIN_PLAN, ("Số: 86/KH-UBND", "Số: 86/UBND-KSTT"))
    assert [f.rule_id for f in check("NUM004", plan)] == ["NUM004"]

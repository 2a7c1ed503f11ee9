"""Report against registry: a report's count of issued QPPL against what the database holds."""

import pytest

from rules import Corpus
from rules.fragments import QPPL_DECISION, check, make_document, variant
from rules.registry import claims

REPORT = dict(
    header_left="ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 215/BC-UBND",
    header_right="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày 16 tháng 12 năm 2024",
    body="BÁO CÁO\nKết quả công tác cải cách hành chính năm 2024\n1. Cải cách thể chế\n"
    "Năm 2024, HĐND, UBND tỉnh ban hành {n} văn bản quy phạm pháp luật (QPPL); kiểm tra theo thẩm quyền 12/12 văn "
    "bản QPPL do UBND cấp huyện ban hành.",
    recipients="Nơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT, NC.",
    signature="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐinh Văn Sơn",
)
DECISIONS = [variant(QPPL_DECISION, ("05/2024", f"{k:02d}/2024")) for k in (5, 6)]  # two QPPL of UBND Lâm Đồng 2024


def report(n: int):
    return make_document(**dict(REPORT, body=REPORT["body"].format(n=n)))


def test_claims_are_read_with_their_issuer():
    found = [(m.group("n"), m.group("of"), who) for _, m, who, _, _ in claims(report(46))]
    assert found == [("46", None, (("hdnd", "ubnd"), "province", None)), ("12", "12", (("ubnd",), "district", None))]


@pytest.mark.parametrize(
    "n, severity, expected",
    [
        (46, "info",
         "Báo cáo nêu 46 văn bản QPPL của HĐND, UBND cấp tỉnh (Tỉnh Lâm Đồng) năm 2024; cơ sở dữ liệu có 2"),
        (1, "warning", "báo cáo nêu ít hơn"),
    ],
)
def test_report_count_against_registry(n, severity, expected):
    doc = report(n)
    found = check("REG001", doc, Corpus([doc, *DECISIONS]))
    province = [f for f in found if "cấp tỉnh" in f.message]
    assert [f.severity for f in province] == [severity]
    assert expected in province[0].message
    assert "05/2024/QĐ-UBND" in province[0].message and "06/2024/QĐ-UBND" in province[0].message
    district = [f for f in found if "cấp huyện" in f.message]
    assert len(district) == 1 and "có 0" in district[0].message and district[0].severity == "info"


def test_report_count_agreeing_with_registry_is_silent():
    doc = report(2)
    assert [f for f in check("REG001", doc, Corpus([doc, *DECISIONS])) if "cấp tỉnh" in f.message] == []


def test_no_comparison_without_documents_of_that_province():
    doc = report(46)
    other = variant(QPPL_DECISION, ("TỈNH LÂM ĐỒNG\nSố", "TỈNH ĐẮK LẮK\nSố"), ("Lâm Đồng, ngày", "Đắk Lắk, ngày"))
    assert check("REG001", doc, Corpus([doc, other])) == []


def test_province_named_in_the_claim_wins():
    body = ("BÁO CÁO\nKết quả năm 2025\nTrước sáp nhập: Sở Tư pháp tỉnh Đắk Nông tự kiểm tra 23 Quyết định QPPL do "
            "UBND tỉnh Đắk Nông ban hành.")
    doc = make_document(**dict(REPORT, body=body))
    (_, _, who, _, _), = claims(doc)
    assert who == (("ubnd",), "province", "Tỉnh Đắk Nông")
    assert check("REG001", doc, Corpus([doc, *DECISIONS])) == []  # nothing of Đắk Nông is stored

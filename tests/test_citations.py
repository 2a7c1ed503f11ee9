"""Citations: number, type, date, issuer, relation — (text, expected) pairs."""

import pytest

from extract.citations import find_citations
from rasoat.models import Page


def cites(text, own=None):
    return find_citations([Page(number=1, text=text)], own_number=own)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
            dict(number="30/2020/NĐ-CP", doc_type="Nghị định", issued_on="2020-03-05", relation="can_cu", issuer="Chính phủ"),
        ),
        ("HĐND tỉnh đã ban hành Nghị quyết số 93/NQ-HĐND về việc sắp xếp", dict(number="93/NQ-HĐND", doc_type="Nghị quyết", relation="mention")),
        ("Thực hiện Công văn số 4625/BNV-CCHC ngày 02/7/2025 của Bộ Nội vụ", dict(number="4625/BNV-CCHC", issued_on="2025-07-02", issuer="Bộ Nội vụ")),
        ("Bãi bỏ Quyết định số 18/2019/QĐ-UBND ngày 10 tháng 5 năm 2019", dict(number="18/2019/QĐ-UBND", relation="bai_bo")),
        ("Sửa đổi, bổ sung một số điều của Nghị định số 75/2021/NĐ-CP ngày 24 tháng 7 năm 2021", dict(number="75/2021/NĐ-CP", relation="sua_doi")),
        ("Quyết định này thay thế Quyết định số 1480/QĐ-TTg", dict(number="1480/QĐ-TTg", relation="thay_the")),
        ("Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;", dict(number="63/2025/QH15", relation="can_cu")),
        ("Căn cứ Nghị định số 30/2020/NÐ-CP", dict(number="30/2020/NĐ-CP")),  # Ð (U+00D0) normalised to Đ
    ],
)
def test_citation(text, expected):
    found = [c for c in cites(text) if c.number]
    assert len(found) == 1, [c.raw for c in found]
    for key, value in expected.items():
        assert getattr(found[0], key) == value, (key, getattr(found[0], key))


def test_law_cited_by_name_and_date():
    found = cites("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    assert len(found) == 1
    c = found[0]
    assert c.number is None and c.name == "Luật Tổ chức chính quyền địa phương"
    assert c.issued_on == "2015-06-19" and c.relation == "can_cu"


@pytest.mark.parametrize(
    "text",
    [
        "197/197 TTHC được rà soát",  # a fraction
        "ngày 02/7/2025",  # a date
        "áp dụng 1-2 lần/tuần",
    ],
)
def test_not_a_citation(text):
    assert cites(text) == []


def test_own_number_is_not_a_citation():
    assert cites("Thông tư số 02/2021/TT-BTC quy định", own="02/2021/TT-BTC") == []


def test_wrapped_can_cu_keeps_its_relation():
    text = "Căn cứ Quyết định số 23/2023/QĐ-TTg ngày 18 tháng 9 năm 2023 của\nThủ tướng Chính phủ về việc thành lập;\nCăn cứ Quyết định số 666/QĐ-TTg của Thủ tướng;"
    rels = {c.number: c.relation for c in cites(text)}
    assert rels == {"23/2023/QĐ-TTg": "can_cu", "666/QĐ-TTg": "can_cu"}


def test_can_cu_after_a_title_that_repeals():
    text = ("QUYẾT ĐỊNH\nVề việc bãi bỏ Quyết định số 41/2020/QĐ-UBND\nỦY BAN NHÂN DÂN TỈNH\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    rels = {(c.number or c.name): c.relation for c in cites(text)}
    assert rels == {"41/2020/QĐ-UBND": "bai_bo", "Luật Tổ chức chính quyền địa phương": "can_cu"}

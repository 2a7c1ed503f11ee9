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
            dict(
                number="30/2020/NĐ-CP", doc_type="Nghị định", issued_on="2020-03-05", relation="can_cu",
                issuer="Chính phủ",
            ),
        ),
        ("HĐND tỉnh đã ban hành Nghị quyết số 93/NQ-HĐND về việc sắp xếp",
         dict(number="93/NQ-HĐND", doc_type="Nghị quyết", relation="mention")),
        ("Thực hiện Công văn số 4625/BNV-CCHC ngày 02/7/2025 của Bộ Nội vụ",
         dict(number="4625/BNV-CCHC", issued_on="2025-07-02", issuer="Bộ Nội vụ")),
        ("Bãi bỏ Quyết định số 18/2019/QĐ-UBND ngày 10 tháng 5 năm 2019",
         dict(number="18/2019/QĐ-UBND", relation="bai_bo")),
        ("Sửa đổi, bổ sung một số điều của Nghị định số 75/2021/NĐ-CP ngày 24 tháng 7 năm 2021",
         dict(number="75/2021/NĐ-CP", relation="sua_doi")),
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


@pytest.mark.parametrize("text, expected", [
    # (name, issued_on, issued_year) of the citations by name
    ("Căn cứ Bộ luật Lao động năm 2019;", [("Bộ luật Lao động", None, 2019)]),
    ("Căn cứ Luật bảo hiểm y tế ngày 14 tháng 11 năm 2008;", [("Luật bảo hiểm y tế", "2008-11-14", None)]),
    ("Căn cứ Hiến pháp năm 2013;", [("Hiến pháp", None, 2013)]),
    ("theo quy định của Luật Luật sư năm 2006", [("Luật Luật sư", None, 2006)]),  # the law on lawyers
    ("Căn cứ Bộ luật Dân sự ngày 24 tháng 11 năm 2015 và Luật Đất đai năm 2024;",
     [("Bộ luật Dân sự", "2015-11-24", None), ("Luật Đất đai", None, 2024)]),
    # near misses: the document itself, a lawyer, a year of the sentence, a date OCR garbled
    ("Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.", []),
    ("Bộ luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021.", []),
    ("Luật sư Nguyễn Văn An tham gia từ năm 2019.", []),
    ("Trình Quốc hội dự án Luật Giáo dục vào năm 2026.", []),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 22 tháng l1 năm 2019;", []),
])
def test_laws_cited_by_name(text, expected):
    assert [(c.name, c.issued_on, c.issued_year) for c in cites(text) if not c.number] == expected


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
    assert cites("Thông tư số 05/2031/TT-BTC quy định", own="05/2031/TT-BTC") == []


def test_wrapped_can_cu_keeps_its_relation():
    text = (
        "Căn cứ Quyết định số 23/2023/QĐ-TTg ngày 18 tháng 9 năm 2023 của\nThủ tướng Chính phủ về việc thành lập;\n"
        "Căn cứ Quyết định số 666/QĐ-TTg của Thủ tướng;"
    )
    rels = {c.number: c.relation for c in cites(text)}
    assert rels == {"23/2023/QĐ-TTg": "can_cu", "666/QĐ-TTg": "can_cu"}


def test_can_cu_after_a_title_that_repeals():
    text = ("QUYẾT ĐỊNH\nVề việc bãi bỏ Quyết định số 41/2020/QĐ-UBND\nỦY BAN NHÂN DÂN TỈNH\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    rels = {(c.number or c.name): c.relation for c in cites(text)}
    assert rels == {"41/2020/QĐ-UBND": "bai_bo", "Luật Tổ chức chính quyền địa phương": "can_cu"}


def cites_on(text, source="ocr", pages_before=()):
    pages = [Page(number=i + 1, text=t, source=source) for i, t in enumerate(pages_before)]
    pages.append(Page(number=len(pages) + 1, text=text, source=source))
    return [c.number for c in find_citations(pages) if c.number]


# OCR pages: a ký hiệu group snapped to the known code it was printed as (numbers invented).
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Căn cứ Nghị quyết số 12/2031/UBTVQHI15 ngày 3 tháng 5 năm 2031;", ["12/2031/UBTVQH15"]),  # an extra I
        ("theo Pháp lệnh số 07/2018/UBTVQHI4 ngày 9 tháng 1 năm 2018", ["07/2018/UBTVQH14"]),  # I read for 1
        ("Căn cứ Luật số 88/2013/QHI3;", ["88/2013/QH13"]),
        ("Căn cứ Quyết định số 909/QĐ-TTự ngày 2 tháng 3 năm 2019 của Thủ tướng", ["909/QĐ-TTg"]),  # ự for g
        ("Căn cứ Quyết định số 31/QD-UBND ngày 4/5/2022", ["31/QĐ-UBND"]),  # D for Đ in the type
        ("Thực hiện Công văn số 5151/UBNĐ-KT ngày 6/6/2023", ["5151/UBND-KT"]),  # Đ for D in a body's code
        # a cut symbol: the issuer on the next line, after or before the hyphen
        ("Căn cứ Quyết định số 77/QĐ-\nTTg ngày 1 tháng 2 năm 2020 của Thủ tướng", ["77/QĐ-TTg"]),
        ("Căn cứ Quyết định số 78/QĐ\n-TTg ngày 1 tháng 2 năm 2020 của Thủ tướng", ["78/QĐ-TTg"]),
        # a type alone: the issuer group lost by OCR, completed from the issuer the text names
        ("Căn cứ Quyết định số 79/QĐ ngày 1 tháng 2 năm 2020 của Thủ tướng Chính phủ về việc", ["79/QĐ-TTg"]),
        ("Thực hiện Thông tư số 80/TT ngày 3/3/2020 của Bộ Nội vụ", ["80/TT-BNV"]),
        ("theo Nghị quyết số 83/NQ ngày 4/4/2020 của Chính phủ", ["83/NQ-CP"]),
        # near-misses that stay as read
        ("Căn cứ Quyết định số 81/QĐ ngày 1 tháng 2 năm 2020 của Ban quản lý dự án", ["81/QĐ"]),  # no known code
        ("Căn cứ Quyết định số 82/QĐ-UBND ngày 1/2/2020 của Thủ tướng Chính phủ", ["82/QĐ-UBND"]),  # not cut
        ("Thực hiện Công văn số 61/BNV-CCHC ngày 2/3/2024", ["61/BNV-CCHC"]),  # an unknown unit code
        ("Căn cứ Kết luận số 14-KL/TW ngày 5/5/2021", ["14-KL/TW"]),
        ("theo Quyết định số 55/QĐ-UBND-lãnh đạo tỉnh", ["55/QĐ-UBND"]),  # a word glued on: not a group
        ("Căn cứ Quyết định số 66/QĐ-XYZW ngày 1/1/2020", ["66/QĐ-XYZW"]),  # 2 from every code: unchanged
        ("Căn cứ Thông tư số 4/1998/TTLB-BTC ngày 1/1/1998", ["4/1998/TTLB-BTC"]),  # a short group, 1 from TTLT
        ("Căn cứ Quyết định số 67/QĐ-BTCT ngày 1/1/2020", ["67/QĐ-BTCT"]),  # 1 from BTC and from BCT: no snap
    ],
)
def test_ocr_symbol_snapped(text, expected):
    assert cites_on(text) == expected


def test_d_for_d_bar_snapped_to_the_group_the_document_prints():
    page1 = "Căn cứ Quyết định số 21/QĐ-BCĐTW ngày 2/2/2021 của Trưởng Ban Chỉ đạo;"
    assert cites_on("Căn cứ Quyết định số 35/QĐ-BCDTW ngày 3/3/2021;", pages_before=[page1])[-1] == "35/QĐ-BCĐTW"
    # no group with Đ printed anywhere: "BCDTW" is kept as read
    assert cites_on("Căn cứ Quyết định số 35/QĐ-BCDTW ngày 3/3/2021;") == ["35/QĐ-BCDTW"]


# A text layer is what the document says: a misprinted ký hiệu is kept as printed (the rules stage may flag
# it), never snapped; snapping is for what OCR read.
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Căn cứ Nghị quyết số 12/2031/UBTVQHI15 ngày 3 tháng 5 năm 2031;", ["12/2031/UBTVQHI15"]),
        ("Căn cứ Quyết định số 31/QD-UBND ngày 4/5/2022", ["31/QD-UBND"]),
        ("Căn cứ Quyết định số 77/QĐ-\nTTg ngày 1 tháng 2 năm 2020", ["77/QĐ-TTg"]),  # a cut is completed anyway
        ("Căn cứ Quyết định số 79/QĐ ngày 1 tháng 2 năm 2020 của Thủ tướng Chính phủ", ["79/QĐ"]),  # as printed
    ],
)
def test_text_layer_symbol_kept_as_printed(text, expected):
    assert cites_on(text, source="text") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a digit read as a sign: the number cannot be told, no citation
        ("Kèm theo Kế hoạch tại Quyết định số: #7/QĐ-UBND ngày 2 tháng 4 năm 2022", []),
        ("theo Quyết định số *3/QĐ-UBND", []),
        # the document's own number in an old-style title line is not a citation; what the title cites is
        ("NGHỊ ĐỊNH\nCỦA CHÍNH PHỦ SỐ 27/2001/NĐ-CP NGÀY 4 THÁNG 6 NĂM 2001\n"
         "VỀ VIỆC SỬA ĐỔI NGHỊ ĐỊNH SỐ 8/1999/NĐ-CP\n"
         "Căn cứ Luật số 31/2000/QH10;", ["8/1999/NĐ-CP", "31/2000/QH10"]),
        ("Chính phủ\n\nQuyết định của Thủ tướng Chính phủ số 318/2002/QĐ-TTg\nngày 3/4/2002 về quy chế", []),
        ("CHÍNH PHỦ\nSỐ: 19/2002/NĐ-CP\nHà Nội, ngày 2 tháng 3 năm 2002\nNGHỊ ĐỊNH\nCăn cứ Luật số 31/2000/QH10;",
         ["31/2000/QH10"]),  # the "Số:" line of a text without a header block
        ("Căn cứ Luật số 31/2000/QH10;\nSố: 20/2002/NĐ-CP", ["31/2000/QH10", "20/2002/NĐ-CP"]),  # after căn cứ
        # near-misses: a type word opening the line, but the number is not the page's first or comes after căn cứ
        ("Căn cứ Luật số 31/2000/QH10;\nQuyết định số 44/2001/QĐ-TTg ngày 1/1/2001 về quy chế",
         ["31/2000/QH10", "44/2001/QĐ-TTg"]),
        ("Thực hiện Kế hoạch số 12/KH-UBND;\nQuyết định số 45/QĐ-UBND ngày 2/2/2022", ["12/KH-UBND", "45/QĐ-UBND"]),
    ],
)
def test_numbers_that_are_not_citations(text, expected):
    assert cites_on(text, source="text") == expected

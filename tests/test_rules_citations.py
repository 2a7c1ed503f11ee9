"""Citation rules: căn cứ in force and of higher force, cited number and date agree, and — across the
database — agreement with the stored document of the same number."""

import pytest

from rules import Corpus
from rules.context import is_ground
from rules.fragments import QPPL_DECISION, check, make_document, variant

HEAD = "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 05/2024/QĐ-UBND"
DATE = "Lâm Đồng, ngày 12 tháng 3 năm 2024"
EFFECT = "có hiệu lực kể từ ngày 25 tháng 3 năm 2024"
IN_2025 = [("Số: 05/2024/QĐ-UBND", "Số: 05/2025/QĐ-UBND"), (DATE, "Lâm Đồng, ngày 12 tháng 5 năm 2025"),
           (EFFECT, "có hiệu lực kể từ ngày 25 tháng 5 năm 2025")]


def test_grounds_repealed_on_the_signing_date():
    assert check("CIT001", make_document(**QPPL_DECISION)) == []  # signed 2024: both still in force
    found = check("CIT001", variant(QPPL_DECISION, *IN_2025))
    cited = sorted(f.message.split("(")[1].split(")")[0] for f in found)
    assert cited == ["34/2016/NĐ-CP", "80/2015/QH13"]  # by number, and the law cited by name and date
    assert all(f.severity == "error" and "01/04/2025" in f.message for f in found)


def test_a_law_mentioned_but_not_a_ground_is_not_flagged():
    doc = variant(QPPL_DECISION, *IN_2025,
                  ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;\n", ""),
                  ("Căn cứ Nghị định số 34/2016/NĐ-CP ngày 14 tháng 5 năm 2016 của Chính phủ "
                   "quy định chi tiết một số điều\n"
                   "và biện pháp thi hành Luật Ban hành văn bản quy phạm pháp luật;\n",
                   "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 02 năm 2025;\n"),
                  ("2. Quyết định này áp dụng",
                   "2. Thay thế quy định tại Nghị định số 34/2016/NĐ-CP; quyết định này áp dụng"))
    assert check("CIT001", doc) == []


def test_first_ground_under_the_title_counts_as_a_ground():
    doc = make_document(**QPPL_DECISION)
    first = doc.extraction.citations[0]
    assert first.name == "Luật Tổ chức chính quyền địa phương"
    assert is_ground(doc, first)


OTHER = dict(QPPL_DECISION)
OTHER.update(header_left="ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 02/2024/QĐ-UBND",
             header_right="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                          "Lâm Đồng, ngày 10 tháng 01 năm 2024")
REPEALING = QPPL_DECISION["body"].replace(
    "Quyết định này có hiệu lực kể từ ngày 25 tháng 3 năm 2024.",
    "Quyết định này có hiệu lực kể từ ngày 25 tháng 01 năm 2024 và bãi bỏ Quyết định số 18/2019/QĐ-UBND "
    "ngày 20 tháng 5 năm 2019 của Ủy ban nhân dân tỉnh Lâm Đồng.")
CITING = ("Theo đề nghị", "Căn cứ Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019 của Ủy ban nhân dân tỉnh "
          "Lâm Đồng;\nTheo đề nghị")


def test_ground_repealed_by_a_stored_document():
    repealer = make_document(**dict(OTHER, body=REPEALING))
    doc = variant(QPPL_DECISION, CITING)
    found = check("CIT002", doc, Corpus([doc, repealer]))
    assert len(found) == 1 and "02/2024/QĐ-UBND" in found[0].message and found[0].severity == "error"
    assert doc.source.pages[0].text[found[0].start : found[0].end] == "18/2019/QĐ-UBND"


@pytest.mark.parametrize(
    "body",
    [
        REPEALING.replace("và bãi bỏ Quyết định số", "và bãi bỏ Điều 5 của Quyết định số"),  # a partial repeal
        REPEALING.replace("ngày 25 tháng 01 năm 2024", "ngày 25 tháng 4 năm 2024"),  # repeal after signing
        REPEALING.replace("bãi bỏ Quyết định số", "thực hiện Quyết định số"),  # not a repeal
    ],
)
def test_ground_not_repealed_by_stored_documents(body):
    other = make_document(**dict(OTHER, body=body))
    doc = variant(QPPL_DECISION, CITING)
    assert check("CIT002", doc, Corpus([doc, other])) == []


NQ_HEAD = "HỘI ĐỒNG NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 05/2024/NQ-HĐND"


@pytest.mark.parametrize(
    "head, ground, flagged",
    [
        (NQ_HEAD, "Căn cứ Quyết định số 10/2023/QĐ-UBND ngày 05 tháng 6 năm 2023 của Ủy ban nhân dân tỉnh Lâm Đồng;",
         True),
        (HEAD, "Căn cứ Quyết định số 10/2023/QĐ-UBND ngày 05 tháng 6 năm 2023 của Ủy ban nhân dân huyện Đức Trọng;",
         True),
        (HEAD, "Căn cứ Nghị quyết số 10/2023/NQ-HĐND ngày 05 tháng 6 năm 2023 của Hội đồng nhân dân tỉnh Lâm Đồng;",
         False),
        (HEAD, "Căn cứ Thông tư số 02/2017/TT-VPCP ngày 31 tháng 10 năm 2017 của Bộ trưởng, Chủ nhiệm Văn phòng "
               "Chính phủ;", False),
        (NQ_HEAD, "Căn cứ Quyết định số 1234/QĐ-UBND ngày 05 tháng 6 năm 2023 của Ủy ban nhân dân tỉnh Lâm Đồng;",
         False),  # a cá biệt decision: not a QPPL, its force is not ranked
    ],
)
def test_ground_of_lower_force(head, ground, flagged):
    doc = variant(QPPL_DECISION, (HEAD, head), ("Theo đề nghị", ground + "\nTheo đề nghị"))
    found = check("CIT003", doc)
    assert bool(found) is flagged, found
    if flagged:
        assert "thấp hơn" in found[0].message


def test_cited_year_contradicts_cited_date():
    found = check("CIT004", variant(QPPL_DECISION, ("ngày 14 tháng 5 năm 2016", "ngày 14 tháng 5 năm 2017")))
    assert len(found) == 1
    assert "34/2016/NĐ-CP" in found[0].message and "\"ngày 14 tháng 5 năm 2017\"" in found[0].message
    assert check("CIT004", make_document(**QPPL_DECISION)) == []


STORED = make_document(**QPPL_DECISION)  # 05/2024/QĐ-UBND of Lâm Đồng, signed 12/3/2024
PLAN_BODY = ("KẾ HOẠCH\nTriển khai Quyết định quy phạm pháp luật\nThực hiện Quyết định số 05/2024/QĐ-UBND ngày {date} "
             "của {issuer}, Sở Tư pháp ban hành Kế hoạch triển khai như sau:\n1. Phổ biến quyết định.")


@pytest.mark.parametrize(
    "date, issuer, flagged",
    [
        ("15 tháng 3 năm 2024", "Ủy ban nhân dân tỉnh Lâm Đồng", True),
        ("12 tháng 3 năm 2024", "Ủy ban nhân dân tỉnh Lâm Đồng", False),
        ("15 tháng 3 năm 2024", "Ủy ban nhân dân tỉnh Đắk Lắk", False),  # another province's 05/2024/QĐ-UBND
    ],
)
def test_citation_disagrees_with_stored_document(date, issuer, flagged):
    plan = make_document(
        header_left="UBND TỈNH LÂM ĐỒNG\nSỞ TƯ PHÁP\nSố: 12/KH-STP",
        header_right=(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày 02 tháng 4 năm 2024"
        ),
        body=PLAN_BODY.format(date=date, issuer=issuer), recipients="Nơi nhận:\n- Lưu: VT.",
        signature="GIÁM ĐỐC\nTrần Văn Minh")
    found = check("CIT005", plan, Corpus([plan, STORED]))
    assert bool(found) is flagged, found
    if flagged:
        assert "12/03/2024" in found[0].message and found[0].severity == "warning"

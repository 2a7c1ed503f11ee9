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



# A form printed in an appendix, with a Quốc hiệu and căn cứ of its own (a template for decisions others will sign).
FORM = """Mẫu số 03
ỦY BAN NHÂN DÂN XÃ ....(1).... CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: ...../QĐ-UBND ....., ngày .... tháng .... năm 20...
QUYẾT ĐỊNH
Về việc công nhận tổ hòa giải ở cơ sở
CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ....(1)....
Căn cứ Luật Hòa giải ở cơ sở ngày 20 tháng 6 năm 2013;
Căn cứ Nghị định số 15/2014/NĐ-CP ngày 27 tháng 02 năm 2014 của Chính phủ;
Theo đề nghị của ....(2)...."""
# A report that tells, in its căn cứ paragraph, what was done next ("Ngày …, … ban hành Quyết định số …").
REPORT = ("Căn cứ Quyết định số 210/QĐ-UBND ngày 05/3/2025 của Chủ tịch UBND tỉnh về Bộ tiêu chí; Ngày 16/4/2025, "
          "Chủ tịch UBND tỉnh ban hành Quyết định số 388/QĐ-UBND về việc thành lập Hội đồng thẩm định.")
# A law's enacting line: what it amends is no căn cứ.
ENACTING = ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
            "Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Thanh tra số 11/2022/QH15 đã được sửa đổi,\n"
            "bổ sung một số điều theo Luật số 27/2023/QH15.\nĐiều 1. Sửa đổi, bổ sung Điều 5")


def grounds_of(doc):
    return {c.number or c.name for c in doc.extraction.citations if is_ground(doc, c)}


@pytest.mark.parametrize("doc, grounds, not_grounds", [
    # the decision's own căn cứ on page 1; the form's on page 3 belong to the form
    (make_document(**dict(QPPL_DECISION, more_pages=("Phụ lục\nDanh mục tổ hòa giải", FORM))),
     {"34/2016/NĐ-CP", "Luật Tổ chức chính quyền địa phương"}, {"15/2014/NĐ-CP", "Luật Hòa giải ở cơ sở"}),
    # near miss: a page 2 without a Quốc hiệu continues the document (its căn cứ are its own)
    (make_document(**dict(QPPL_DECISION, more_pages=(FORM.split("\n", 3)[3].replace("....(1)....", "Lộc Phát"),))),
     {"34/2016/NĐ-CP", "15/2014/NĐ-CP"}, set()),
    # near miss: the country named in a signature's text on page 2 opens nothing
    (make_document(**dict(QPPL_DECISION, more_pages=(
        "Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        + FORM.split("\n", 3)[3].replace("....(1)....", "Lộc Phát"),))),
     {"34/2016/NĐ-CP", "15/2014/NĐ-CP"}, set()),
    (make_document(header_left="SỞ NỘI VỤ\nSố: 51/BC-SNV", body="BÁO CÁO\nKết quả thẩm định\n" + REPORT),
     {"210/QĐ-UBND"}, {"388/QĐ-UBND"}),
    (make_document(header_left="QUỐC HỘI\nLuật số: 40/2024/QH15", body="LUẬT\nSửa đổi Luật Thanh tra\n" + ENACTING),
     set(), {"11/2022/QH15", "27/2023/QH15"}),
    # near miss: a căn cứ wrapped over lines, its next line in lower case, is no enacting line
    (make_document(**dict(QPPL_DECISION, body=QPPL_DECISION["body"].replace(
        "Theo đề nghị", "Căn cứ Nghị quyết số 12/2024/NQ-HĐND của Hội đồng nhân dân tỉnh giao Ủy ban nhân dân tỉnh\n"
                        "ban hành Quyết định quy định chi tiết Nghị định số 45/2023/NĐ-CP;\nTheo đề nghị"))),
     {"12/2024/NQ-HĐND", "45/2023/NĐ-CP"}, set()),
])
def test_the_grounds_are_the_documents_own(doc, grounds, not_grounds):
    found = grounds_of(doc)
    assert grounds <= found and not (not_grounds & found), found


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

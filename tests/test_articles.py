"""Structure: Phần / Chương / Mục / Điều / Khoản / Điểm with their paths."""

from extract.articles import find_articles
from rasoat.models import Page

TEXT = """Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quyết định này quy định về phối hợp.
Điều 2. Đối tượng áp dụng
1. Các sở, ban, ngành.
2. Ủy ban nhân dân cấp xã, gồm:
a) Xã;
b) Phường.
Chương II
TỔ CHỨC THỰC HIỆN
Điều 3- Hiệu lực thi hành
Quyết định có hiệu lực từ ngày 01 tháng 7 năm 2025, theo chương trình công tác năm."""


def test_paths():
    arts = find_articles([Page(1, TEXT)])
    paths = [a.path for a in arts]
    assert paths == [
        "Chương I", "Chương I > Điều 1", "Chương I > Điều 2", "Chương I > Điều 2 > Khoản 1",
        "Chương I > Điều 2 > Khoản 2", "Chương I > Điều 2 > Khoản 2 > Điểm a", "Chương I > Điều 2 > Khoản 2 > Điểm b",
        "Chương II", "Chương II > Điều 3",
    ]
    dieu2 = arts[2]
    assert dieu2.title == "Đối tượng áp dụng" and TEXT[dieu2.start : dieu2.end].startswith("Điều 2.")


def test_words_in_a_sentence_are_not_structure():
    text = "Căn cứ chương trình công tác, mục tiêu của điều này là rõ ràng.\nTheo điều 5 của Luật."
    assert find_articles([Page(1, text)]) == []

"""A văn bản hợp nhất read for the facts it reprints, each given to the text that states it: the day each text it
joins took effect (its opening, its footnotes), the texts amending the first one, what the effect article of an
amending text ends (a footnote reprinting it, quoted), what the effect article of the first text ends (its body).
Fragments are our own text, numbers and years made up."""

from __future__ import annotations

import pytest

from rasoat import effect
from rules.fragments import region_page as page
from rules.fragments import source_of as document
from tests.test_header_classes import SEAL_FIRST

TITLE = ("VĂN BẢN HỢP NHẤT - BỘ XÂY DỰNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
         "THÔNG TƯ\nQuy định về quản lý bến thủy nội địa\n")
BASE = ("Thông tư số 07/2030/TT-BXD ngày 12 tháng 3 năm 2030 của Bộ trưởng Bộ Xây dựng quy định về quản lý\n"
        "bến thủy nội địa, có hiệu lực kể từ ngày 01 tháng 5 năm 2030, được sửa đổi, bổ sung bởi:\n")
AMENDER = ("1. Thông tư số 02/2031/TT-BXD ngày 20 tháng 01 năm 2031 của Bộ trưởng Bộ Xây dựng sửa đổi, bổ sung\n"
           "một số điều của Thông tư số 07/2030/TT-BXD, có hiệu lực kể từ ngày 01 tháng 3 năm 2031.\n")
GROUNDS = "Căn cứ Luật Giao thông đường thủy nội địa;\n"
FIRST = "Điều 1. Phạm vi điều chỉnh\nThông tư này quy định về bến.\n"
EFFECT = "Điều 8. Hiệu lực\n1. Thông tư này có hiệu lực kể từ ngày 01 tháng 5 năm 2030.\n"
ENDS_OLD = ("2. Thông tư số 15/2027/TT-BXD ngày 02 tháng 3 năm 2027 của Bộ trưởng Bộ Xây dựng quy định về quản lý bến, "
            "đã được sửa đổi, bổ sung bởi Thông tư số 03/2028/TT-BXD, hết hiệu lực kể từ ngày Thông tư này có hiệu "
            "lực.\n")
LAST = "Điều 9. Trách nhiệm thi hành\nCác cơ quan có liên quan chịu trách nhiệm thi hành Thông tư này./.\n"
REPRINT = ("3 Điều 5 của Thông tư số 02/2031/TT-BXD, có hiệu lực kể từ ngày 01 tháng 3 năm 2031, quy định như sau:\n"
           "“Điều 5. Hiệu lực thi hành\n1. Thông tư này có hiệu lực từ ngày 01 tháng 3 năm 2031.\n"
           "2. Thông tư số 16/2027/TT-BXD hết hiệu lực kể từ ngày Thông tư này có hiệu lực.”\n")

BASE_OWN = ("07/2030/TT-BXD", effect.ISSUED, "2030-05-01", "21/VBHN-BXD")
AMENDER_OWN = ("02/2031/TT-BXD", effect.ISSUED, "2031-03-01", "21/VBHN-BXD")
AMENDS = ("07/2030/TT-BXD", effect.AMENDED, "2031-03-01", "02/2031/TT-BXD")
OPENING = {BASE_OWN, AMENDER_OWN, AMENDS}


def read(opening: str, body: str) -> set[tuple]:
    """The facts of a văn bản hợp nhất made of ``opening`` and ``body`` (its own fact left out)."""
    from extract import extract

    source = document(page(plain=TITLE + opening + GROUNDS + FIRST), page(2, plain=body + SEAL_FIRST))
    x = extract(source)
    assert (x.header.doc_type, x.header.number) == ("Văn bản hợp nhất", "21/VBHN-BXD")
    facts = effect.facts_of_document(x.header, x.citations, x.articles, x.blocks, [p.text for p in source.pages],
                                     effect.SOURCE_GAZETTE, grounds=True)
    assert (facts[0].number, facts[0].kind, facts[0].on) == ("21/VBHN-BXD", effect.ISSUED, None)  # no day of its own
    return {(f.number, f.kind, f.on, f.by) for f in facts[1:]}


@pytest.mark.parametrize("opening, body, expected", [
    # the opening: the first text and each amending one, with the day each took effect; the amending ones amend it
    (BASE + AMENDER, EFFECT + LAST, OPENING),
    # "ngày" typed twice in the first text's day
    (BASE.replace("từ ngày 01", "từ ngày ngày 01") + AMENDER, EFFECT + LAST, OPENING),
    # a title naming another number before the first text: the first text is still the one its line names
    ("Sửa đổi theo Thông tư số 09/2029/TT-BXD\n" + BASE + AMENDER, EFFECT + LAST, OPENING),
    # the first text's effect article (the body) ends a document: dated on the first text's day, by it; not the one
    # named as having amended that document
    (BASE + AMENDER, EFFECT + ENDS_OLD + LAST,
     OPENING | {("15/2027/TT-BXD", effect.REPEALED_WHOLE, "2030-05-01", "07/2030/TT-BXD")}),
    # a footnote reprinting the amending text's effect article, quoted: what it ends is that text's act, on its day
    (BASE + AMENDER, EFFECT + REPRINT + LAST,
     OPENING | {("16/2027/TT-BXD", effect.REPEALED_WHOLE, "2031-03-01", "02/2031/TT-BXD")}),
    # a long name given to a document just named, and a part of another one: the first ends whole, the other in part
    (BASE + AMENDER, EFFECT + "2. Thông tư số 15/2027/TT-BXD (sau đây gọi là Thông tư số 15/2027/TT-BXD) và Điều 3 "
     "Thông tư số 18/2028/TT-BXD hết hiệu lực kể từ ngày Thông tư này có hiệu lực.\n" + LAST,
     OPENING | {("15/2027/TT-BXD", effect.REPEALED_WHOLE, "2030-05-01", "07/2030/TT-BXD"),
                ("18/2028/TT-BXD", effect.REPEALED_PART, "2030-05-01", "07/2030/TT-BXD")}),
    # a footnote saying a part of the first text was struck out by a text joined: that text ends the part, on its day
    (BASE + AMENDER, EFFECT + "12 Khoản này được bãi bỏ theo quy định tại khoản 2 Điều 3 của Thông tư số "
     "02/2031/TT-BXD sửa đổi, bổ sung một số điều của Thông tư số 07/2030/TT-BXD.\n" + LAST,
     OPENING | {("07/2030/TT-BXD", effect.REPEALED_PART, "2031-03-01", "02/2031/TT-BXD")}),
    # near misses, silent:
    # wording struck out is an amendment (known from the opening); a text not joined strikes nothing out here
    (BASE + AMENDER, EFFECT + "12 Cụm từ “bến” được bãi bỏ theo quy định tại khoản 3 Điều 1 của Thông tư số "
     "02/2031/TT-BXD.\n13 Điểm này được bãi bỏ theo quy định tại Điều 2 của Thông tư số 05/2032/TT-BXD.\n" + LAST,
     OPENING),
    # the reprint not quoted: where it ends is not known, nothing of it is read, and it is not the first text's
    (BASE + AMENDER, EFFECT + REPRINT.replace("“", "").replace("”", "") + LAST, OPENING),
    # "cho đến khi … hết hiệu lực" in an article: a condition
    (BASE + AMENDER, EFFECT + "2. Bến đã cấp phép được hoạt động cho đến khi Thông tư số 15/2027/TT-BXD hết hiệu "
     "lực.\n" + LAST, OPENING),
    # the first text cannot end a text joined with it (its article reprinted as amended by it)
    (BASE + AMENDER, EFFECT + "2. Thông tư số 02/2031/TT-BXD hết hiệu lực kể từ ngày 01 tháng 3 năm 2032.\n" + LAST,
     OPENING),
    # a quote opened and never closed before the effect article: what follows may be quoted wording, not read
    (BASE + AMENDER, "Điều 7. Từ ngữ\n“Bến là nơi neo đậu.\n" + EFFECT + ENDS_OLD + LAST, OPENING),
    # the first text's day not printed: which text the body is, is not known; the amending text's day still is
    (BASE.replace(", có hiệu lực kể từ ngày 01 tháng 5 năm 2030", "") + AMENDER, EFFECT + ENDS_OLD + LAST,
     {AMENDER_OWN}),
])
def test_consolidated_text_facts(opening, body, expected):
    assert read(opening, body) == expected


def test_the_status_a_consolidated_text_gives():
    """The facts read from a văn bản hợp nhất answer the status: the document the first text ends is repealed from
    that text's day, the amending text is in force from its own."""
    from extract import extract

    source = document(page(plain=TITLE + BASE + AMENDER + GROUNDS + FIRST),
                      page(2, plain=EFFECT + ENDS_OLD + REPRINT + LAST + SEAL_FIRST))
    x = extract(source)
    registry = effect.Registry(effect.facts_of_document(x.header, x.citations, x.articles, x.blocks,
                                                        [p.text for p in source.pages], effect.SOURCE_GAZETTE))
    assert registry.status("15/2027/TT-BXD", "2030-04-30").status == effect.IN_FORCE  # ended later, in force before
    old = registry.status("15/2027/TT-BXD", "2030-05-01")
    assert (old.status, old.since, old.repealed_by) == (effect.REPEALED, "2030-05-01", ["07/2030/TT-BXD"])
    # the type printed before the number is kept: another document of the same number is not the one ended
    assert registry.status("15/2027/TT-BXD", "2030-05-01", doc_type="Quyết định").status == effect.UNKNOWN
    assert registry.status("02/2031/TT-BXD", "2031-02-28").status == effect.NOT_YET
    assert registry.status("02/2031/TT-BXD", "2031-03-01").status == effect.IN_FORCE
    assert registry.status("07/2030/TT-BXD", "2031-06-01").amended_by == ["02/2031/TT-BXD"]
    evidence = registry.status("16/2027/TT-BXD", "2031-03-01").evidence[0]
    assert evidence.clause == "21/VBHN-BXD, chú thích: 02/2031/TT-BXD" and evidence.page == 2


def test_grounds_reprinted_are_not_the_consolidated_texts():
    """The căn cứ a văn bản hợp nhất reprints are those of the text it joins, cited on that text's day: no căn cứ
    fact is read from it; the same căn cứ in a document of its own are."""
    import dataclasses

    from extract import extract

    grounds = "Căn cứ Nghị định số 44/2029/NĐ-CP ngày 02 tháng 4 năm 2029 của Chính phủ;\n"
    source = document(page(plain=TITLE + BASE + AMENDER + grounds + FIRST), page(2, plain=EFFECT + LAST + SEAL_FIRST))
    x = extract(source)
    pages = [p.text for p in source.pages]
    kinds = {f.kind for f in effect.facts_of_document(x.header, x.citations, x.articles, x.blocks, pages,
                                                      effect.SOURCE_GAZETTE, grounds=True)}
    assert effect.GROUND not in kinds
    own = dataclasses.replace(x.header, doc_type="Thông tư")
    facts = effect.facts_of_document(own, x.citations, x.articles, x.blocks, pages, effect.SOURCE_GAZETTE,
                                     grounds=True)
    assert ("44/2029/NĐ-CP", effect.GROUND) in {(f.number, f.kind) for f in facts}


@pytest.mark.parametrize("number, on, stated_by", [
    # a fact a văn bản hợp nhất states for a text it joins: its evidence opens the văn bản hợp nhất
    ("04/2007/QH12", "2026-12-02", "112/VBHN-VPQH"),
    # a fact a text states itself: that text
    ("295/2016/TT-BTC", "2026-12-02", "11/2026/TT-BTC"),
])
def test_evidence_opens_the_gazette_text_that_says_it(number, on, stated_by):
    from rasoat.numbers import number_key

    st = effect.shipped().status(number, on)
    [ev] = [effect.evidence_of(f) for f in st.evidence[:1]]
    assert ev["clause"].startswith(stated_by)
    assert ev["url"] == effect.gazette_urls()[number_key(stated_by)]

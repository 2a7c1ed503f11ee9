"""The registry of documents and their effect status: facts read from a document's own clauses, status on a
date, conflicts between sources, names to numbers, import/export round trip, and the căn cứ rules using it.
Fragments are our own text (rules/fragments.py)."""

from __future__ import annotations

import json

import pytest

from rasoat import effect, store
from rasoat import registry as reg
from rasoat.models import EffectFact
from rasoat.numbers import number_key
from rules.fragments import QPPL_DECISION, check, make_document, variant

EFFECT = "Quyết định này có hiệu lực kể từ ngày 25 tháng 3 năm 2024."


def facts_of(doc):
    x = doc.extraction
    return effect.facts_of_document(x.header, x.citations, x.articles, x.blocks,
                                    [p.text for p in doc.source.pages], effect.SOURCE_DOCUMENT, document_id=doc.id)


def effect_variant(sentence: str):
    return variant(QPPL_DECISION, (EFFECT, EFFECT[:-1] + " " + sentence))


@pytest.mark.parametrize("sentence, kind", [
    ("và thay thế Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019 của Ủy ban nhân dân tỉnh.",
     effect.REPLACED),
    ("và bãi bỏ Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019 của Ủy ban nhân dân tỉnh.",
     effect.REPEALED_WHOLE),
    ("và bãi bỏ Điều 5 của Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019.", effect.REPEALED_PART),
    ("Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019 hết hiệu lực kể từ ngày Quyết định này có hiệu lực.",
     effect.REPEALED_WHOLE),
    ("và sửa đổi, bổ sung một số điều của Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019.",
     effect.AMENDED),
    ("Các cơ quan tiếp tục thực hiện Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019.", None),  # near miss
    ("và thay thế Mẫu số 01-ĐK/SHTT ban hành kèm theo Thông tư.", None),  # a form, not a document
    # the amending document named in a reference is not amended here
    ("Việc kiểm tra theo Quy chế ban hành kèm theo Quyết định số 10/2017/QĐ-UBND đã được sửa đổi, bổ sung bởi "
     "Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019.", None),
    # a part replaced: an annex, a form
    ("và thay thế Phụ lục II ban hành kèm theo Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019.",
     effect.REPEALED_PART),
    ("Quy chế ban hành kèm theo Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019 hết hiệu lực.",
     effect.REPEALED_PART),
    # named in the title of the repealed one (03/2021, which is repealed): not amended here
    ("và bãi bỏ Quyết định số 03/2021/QĐ-UBND ngày 02 tháng 3 năm 2021 sửa đổi, bổ sung Điều 4 của Quyết định số "
     "18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019.", None),
    # the document named as having amended the expiring one is not repealed by it (it may be a law of its own)
    ("Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019 đã được sửa đổi, bổ sung một số điều theo Quyết định "
     "số 09/2021/QĐ-UBND hết hiệu lực kể từ ngày Quyết định này có hiệu lực.", effect.REPEALED_WHOLE),
    # … but a second document, after the list of amending ones closes, is
    ("Quyết định số 03/2016/QĐ-UBND đã được sửa đổi, bổ sung theo Quyết định số 09/2021/QĐ-UBND (sau đây gọi chung "
     "là Quyết định số 03/2016/QĐ-UBND) và Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019 hết hiệu lực kể từ "
     "ngày Quyết định này có hiệu lực.", effect.REPEALED_WHOLE),
    # a condition, not a repeal
    ("Các hồ sơ đã nhận được giải quyết cho đến khi Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019 hết "
     "hiệu lực.", None),
    # … after the cited one too: the end of another document is the condition
    ("Điều 7 Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019 được tiếp tục thực hiện đến khi Quyết định số "
     "44/2016/QĐ-UBND hết hiệu lực.", None),
    # wording replaced or struck out: an amendment, no part ends
    ("Thay thế cụm từ “Sở Nội vụ” bằng cụm từ “Sở Tư pháp” tại khoản 3 Điều 9 Quyết định số 18/2019/QĐ-UBND ngày "
     "20 tháng 5 năm 2019.", effect.AMENDED),
    ("và bãi bỏ cụm từ “và cấp huyện” tại Điều 4 Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019.",
     effect.AMENDED),
    # near miss: a clause replaced is a part
    ("và thay thế khoản 3 Điều 9 Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019.", effect.REPEALED_PART),
    # … and so are clauses struck out with wording
    ("và bãi bỏ một số cụm từ, điểm, khoản của Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019.",
     effect.REPEALED_PART),
    # a number inside quoted wording is no document acted on
    ("và bãi bỏ cụm từ “theo Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019” tại Điều 4 Quyết định số "
     "06/2021/QĐ-UBND.", None),
    # the repeal word of the sentence before is not this one's
    ("và bãi bỏ Quyết định số 07/2017/QĐ-UBND. Điều 6 của Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019 "
     "được tiếp tục thực hiện đến khi có quy định mới.", None),
])
def test_facts_from_the_effect_clause(sentence, kind):
    facts = facts_of(effect_variant(sentence))
    own = facts[0]
    assert (own.kind, own.number, own.effective_on, own.issued_on) == (
        effect.ISSUED, "05/2024/QĐ-UBND", "2024-03-25", "2024-03-12")
    assert own.clause.startswith("05/2024/QĐ-UBND, ") and "Điều 2" in own.clause
    others = [(f.kind, f.number, f.on, f.by) for f in facts[1:] if f.number == "18/2019/QĐ-UBND"]
    assert others == ([(kind, "18/2019/QĐ-UBND", "2024-03-25", "05/2024/QĐ-UBND")] if kind else [])
    assert not [f for f in facts if f.number == "09/2021/QĐ-UBND"]  # named as amending it: no fact of its own
    if kind:
        f = facts[1]
        assert "Điều 2" in f.clause and f.document_id and f.page == 1 and f.start < f.end


@pytest.mark.parametrize("by, number, may", [
    ("30/2026/TT-BTC", "91/2022/NĐ-CP", False),  # a Thông tư does not amend a Nghị định
    ("212/2025/NĐ-CP", "38/2013/QH13", False),  # a Nghị định does not repeal a Luật
    ("79/2025/NĐ-CP", "34/2016/NĐ-CP", True),
    ("64/2025/QH15", "80/2015/QH13", True),
    ("05/2024/QĐ-UBND", "18/2019/QĐ-UBND", True),  # local documents: the issuer decides, not the number
    ("169/QĐ-BLĐTBXH", "08/2017/TT-BLĐTBXH", False),  # a list of documents (not a QPPL) ends none of them
])
def test_a_document_acts_only_on_documents_of_no_higher_force(by, number, may):
    assert effect.may_act_on(by, number) is may


def test_published_grounds_are_known_in_force_by_number_and_by_name_and_date():
    x = make_document(**QPPL_DECISION).extraction
    facts = effect.facts_of_document(x.header, x.citations, x.articles, x.blocks,
                                     [p.text for p in make_document(**QPPL_DECISION).source.pages],
                                     effect.SOURCE_GAZETTE, grounds=True)
    grounds = {f.number: f for f in facts if f.kind == effect.GROUND}
    assert set(grounds) == {"34/2016/NĐ-CP", "Luật tổ chức chính quyền địa phương ngày 19/06/2015",
                            "Luật ban hành văn bản quy phạm pháp luật ngày 22/06/2015"}
    assert all(f.on == "2024-03-12" and f.by == "05/2024/QĐ-UBND" for f in grounds.values())
    r = effect.Registry(facts)
    number, how = effect.number_of(r, None, "Luật Tổ chức chính quyền địa phương", "Luật", "2015-06-19")
    assert how == "tên và ngày" and r.status(number, "2024-05-01").status == effect.IN_FORCE
    # cited in force on 12/3/2024: evidence for a year, not for ever (it may have been replaced since)
    assert r.status(number, "2025-04-14").status == effect.UNKNOWN
    assert effect.number_of(r, None, "Luật Tổ chức chính quyền địa phương", "Luật", "2019-11-22") == (None, "")


def test_grounds_are_not_repeals():
    """Without ``grounds`` the căn cứ of a document say nothing of their effect: only its own fact."""
    facts = facts_of(make_document(**QPPL_DECISION))
    assert [f.kind for f in facts] == [effect.ISSUED]


def test_stored_grounds_are_evidence_for_the_others_never_for_the_document_itself():
    """A signed stored document's căn cứ (``store.fact_rows``) show them in force on its signing date, for the
    other documents; the document itself, and a copy of it (same number), get nothing from them; an undated
    draft states no căn cứ at all."""
    signed = make_document(**QPPL_DECISION)
    rows = store.fact_rows(signed)
    grounds = {r["number"] for r in rows if r["kind"] == effect.GROUND}
    assert "34/2016/NĐ-CP" in grounds and all(r["by_number"] == "05/2024/QĐ-UBND" for r in rows)
    r = effect.Registry(reg._fact(row) for row in rows)
    for citing, on, status in [
        ("05/2024/QĐ-UBND", "2024-03-12", effect.UNKNOWN),  # its own căn cứ: no evidence for itself
        ("05/2024/QD-UBND", "2024-06-01", effect.UNKNOWN),  # nor for a copy of it (the same number, spelt so)
        ("07/2024/QĐ-UBND", "2024-06-01", effect.IN_FORCE),  # another document, three months later
        ("07/2025/QĐ-UBND", "2025-06-01", effect.UNKNOWN),  # … more than a year later: not known any more
        ("07/2023/QĐ-UBND", "2023-06-01", effect.IN_FORCE),  # … before: in force later, issued 2016 (long before)
    ]:
        st = r.status("34/2016/NĐ-CP", on, "Nghị định", citing=citing)
        assert st.status == status, (citing, on)
        if status == effect.IN_FORCE:
            assert st.evidence[0].by == "05/2024/QĐ-UBND" and st.evidence[0].document_id == signed.id
    draft = variant(QPPL_DECISION, ("Số: 05/2024/QĐ-UBND", "Số:      /2024/QĐ-UBND"),
                    ("ngày 12 tháng 3 năm 2024", "ngày     tháng     năm 2024"))
    assert not [f for f in store.fact_rows(draft) if f["kind"] == effect.GROUND]


@pytest.mark.parametrize("number, facts, on, status", [
    # cited in force on 1/6/2024, issued 2016: in force on 1/6/2023 as well (a repealed one does not come back)
    ("12/2016/NĐ-CP", [("2024-06-01", "2016-05-14")], "2023-06-01", effect.IN_FORCE),
    # … the year in its number says as much when no source gives the day
    ("12/2016/NĐ-CP", [("2024-06-01", None)], "2023-06-01", effect.IN_FORCE),
    # … but issued in 2023: it may not have taken effect yet on 1/6/2023 (a decree waits weeks or months)
    ("12/2023/NĐ-CP", [("2024-06-01", "2023-01-10")], "2023-06-01", effect.UNKNOWN),
    ("12/2023/NĐ-CP", [("2024-06-01", None)], "2023-06-01", effect.UNKNOWN),
    # … a decree issued more than a year before had; a law may wait two years
    ("12/2023/NĐ-CP", [("2024-06-01", "2023-01-10")], "2024-03-01", effect.IN_FORCE),
    ("12/2023/QH15", [("2024-06-01", "2023-01-10")], "2024-03-01", effect.UNKNOWN),
    ("12/2023/QH15", [("2025-06-01", "2023-01-10")], "2025-04-01", effect.IN_FORCE),
    # … unless another căn cứ shows it in force earlier
    ("12/2023/NĐ-CP", [("2024-06-01", "2023-01-10"), ("2023-05-01", None)], "2023-06-01", effect.IN_FORCE),
    # cited before and after: in force between
    ("12/2016/NĐ-CP", [("2019-01-01", None), ("2024-06-01", None)], "2021-06-01", effect.IN_FORCE),
    # cited once, long before: what happened since is not known
    ("12/2016/NĐ-CP", [("2019-01-01", "2016-05-14")], "2021-06-01", effect.UNKNOWN),
])
def test_a_later_ground_shows_the_document_in_force_once_it_had_taken_effect(number, facts, on, status):
    r = effect.Registry(fact(number, effect.GROUND, when, f"{i}/2025/QĐ-UBND", issued_on=issued,
                             source=effect.SOURCE_GAZETTE) for i, (when, issued) in enumerate(facts, start=1))
    assert r.status(number, on).status == status


def test_the_asking_documents_issue_date_of_a_ground_counts_its_status_not():
    """The day the asking document prints for its căn cứ tells when that was issued (no evidence of status); the
    status itself rests on another document's căn cứ."""
    r = effect.Registry([fact("12/2023/NĐ-CP", effect.GROUND, "2025-06-01", "3/2025/QĐ-UBND"),
                         fact("12/2023/NĐ-CP", effect.GROUND, "2024-03-01", "7/2024/QĐ-UBND", issued_on="2023-01-10")])
    assert r.status("12/2023/NĐ-CP", "2024-03-01", citing="7/2024/QĐ-UBND").status == effect.IN_FORCE
    alone = effect.Registry([fact("12/2023/NĐ-CP", effect.GROUND, "2024-03-01", "7/2024/QĐ-UBND",
                                  issued_on="2023-01-10")])
    assert alone.status("12/2023/NĐ-CP", "2024-03-01", citing="7/2024/QĐ-UBND").status == effect.UNKNOWN


def fact(number, kind, on=None, by=None, source=effect.SOURCE_DOCUMENT, **kw):
    return EffectFact(number, kind, source, on=on, by=by, clause=f"{by or number}, Điều 9", **kw)


REG = effect.Registry([
    fact("10/2020/NĐ-CP", effect.ISSUED, "2020-03-01", "10/2020/NĐ-CP", issued_on="2020-01-15",
         effective_on="2020-03-01", doc_type="Nghị định", title="Quy định về kiểm tra văn bản"),
    fact("10/2020/NĐ-CP", effect.AMENDED, "2022-07-01", "20/2022/NĐ-CP"),
    fact("10/2020/NĐ-CP", effect.REPEALED_PART, "2023-01-01", "30/2022/NĐ-CP"),
    fact("10/2020/NĐ-CP", effect.REPLACED, "2025-04-01", "40/2025/NĐ-CP"),
])


@pytest.mark.parametrize("on, status, since", [
    ("2020-02-01", effect.NOT_YET, None),
    ("2020-03-01", effect.IN_FORCE, "2020-03-01"),
    ("2022-12-31", effect.IN_FORCE, "2020-03-01"),
    ("2023-01-01", effect.PARTLY_REPEALED, "2023-01-01"),
    ("2025-03-31", effect.PARTLY_REPEALED, "2023-01-01"),
    ("2025-04-01", effect.REPEALED, "2025-04-01"),
])
def test_status_follows_the_date(on, status, since):
    st = REG.status("10/2020/NĐ-CP", on)
    assert (st.status, st.since) == (status, since)
    short = REG.status("10/2020/NĐ-CP", on, lists=False)  # as a rebuild asks: the same status, no lists
    assert (short.status, short.since, short.amended_by) == (status, since, [])
    assert st.evidence and all(f.clause for f in st.evidence)
    if status == effect.REPEALED:
        assert st.replaced_by == ["40/2025/NĐ-CP"] and st.evidence[0].by == "40/2025/NĐ-CP"
    if on >= "2022-07-01":
        assert st.amended_by == ["20/2022/NĐ-CP"]


def test_unknown_number_and_number_spelling():
    assert REG.status("99/2020/NĐ-CP", "2024-01-01").status == effect.UNKNOWN
    # the same number cited as another type is another document (Luật and Nghị quyết 71/2006/QH11)
    assert REG.status("10/2020/NĐ-CP", "2025-05-01", "Nghị quyết").status == effect.UNKNOWN
    assert REG.status("10/2020/NĐ-CP", "2025-05-01", "Nghị định").status == effect.REPEALED
    two = effect.Registry([fact("71/2006/QH11", effect.REPEALED_WHOLE, "2016-01-01", "58/2014/QH13", doc_type="Luật"),
                           fact("71/2006/QH11", effect.GROUND, "2026-04-30", "25/2026/NQ-CP", doc_type="Nghị quyết")])
    assert two.status("71/2006/QH11", "2026-05-01", "Nghị quyết").status == effect.IN_FORCE
    assert two.status("71/2006/QH11", "2026-05-01", "Luật").status == effect.REPEALED
    assert REG.status("10/2020/ND-CP", "2025-05-01").status == effect.REPEALED  # without the mark of Đ


def test_shipped_registry_replacements_of_34_2016():
    after, before = effect.status("34/2016/NĐ-CP", "2025-04-01"), effect.status("34/2016/NĐ-CP", "2025-03-31")
    assert after.status == effect.REPEALED and after.replaced_by == ["78/2025/NĐ-CP", "79/2025/NĐ-CP"]
    assert before.status == effect.IN_FORCE



@pytest.mark.parametrize("number, on, status", [
    # a replacing document took effect the day the replaced one ended: its own fact, from the same clause
    ("78/2025/NĐ-CP", "2025-03-31", effect.NOT_YET),
    ("78/2025/NĐ-CP", "2025-04-01", effect.IN_FORCE),
    ("64/2025/QH15", "2025-03-01", effect.NOT_YET),
    ("64/2025/QH15", "2025-12-10", effect.IN_FORCE),
    ("30/2020/NĐ-CP", "2024-03-12", effect.IN_FORCE),
    # the replaced ones are not in force from that day
    ("80/2015/QH13", "2025-04-01", effect.REPEALED),
])
def test_shipped_replacing_documents_took_effect_when_the_replaced_ended(number, on, status):
    st = effect.status(number, on)
    assert st.status == status
    assert st.evidence and all(f.source == effect.SOURCE_FACTS and f.clause for f in st.evidence)

def test_conflicts_are_kept_and_shown():
    r = effect.Registry([*REG.facts("10/2020/NĐ-CP"),
                         fact("10/2020/NĐ-CP", effect.ISSUED, "2020-04-01", "10/2020/NĐ-CP",
                              source=effect.SOURCE_IMPORT, effective_on="2020-04-01", issued_on="2020-01-15"),
                         fact("10/2020/NĐ-CP", effect.REPLACED, "2025-07-01", "40/2025/NĐ-CP",
                              source=effect.SOURCE_IMPORT)])
    conflicts = r.conflicts("10/2020/NĐ-CP")
    assert len(conflicts) == 2
    assert "ngày có hiệu lực" in conflicts[0] and "2020-03-01" in conflicts[0] and "2020-04-01" in conflicts[0]
    assert "2025-04-01" in conflicts[1] and "2025-07-01" in conflicts[1]
    entry = r.entry("10/2020/NĐ-CP", "2026-01-01")
    assert entry["effective_on"] == "2020-03-01"  # the document's own clause is trusted first, the other kept
    assert entry["conflicts"] and entry["source"] == "văn bản lưu, nhập"
    assert REG.conflicts("10/2020/NĐ-CP") == []


@pytest.mark.parametrize("name, doc_type, on, number", [
    ("Luật Ban hành văn bản quy phạm pháp luật", "Luật", "2015-06-22", "80/2015/QH13"),
    ("Ban hành văn bản quy phạm pháp luật", "Luật", "2020-06-18", "63/2020/QH14"),
    ("Luật Ban hành văn bản quy phạm pháp luật", "Luật", "2016-06-22", None),  # another year: no document
    ("Luật Ban hành văn bản hành chính", "Luật", "2015-06-22", None),  # another name
    # a scan's stray quote mark in the name is no letter of it
    ("Pháp lệnh Ưu đãi người 'có công với cách mạng", "Pháp lệnh", "2020-12-09", "02/2020/UBTVQH14"),
    ("Pháp lệnh Ưu đãi người “có công” với cách mạng", "Pháp lệnh", "2020-12-09", "02/2020/UBTVQH14"),
    ("Pháp lệnh Ưu đãi người có công", "Pháp lệnh", "2020-12-09", None),  # a shorter name is another
])
def test_names_to_numbers(name, doc_type, on, number):
    hit = effect.shipped().resolve_name(name, doc_type, on)
    assert (hit[0] if hit else None) == number
    if number:
        assert hit[1] >= effect.DEFAULT_CERTAIN


@pytest.mark.parametrize("name, doc_type, year, number", [
    ("Bộ luật Lao động", "Bộ luật", 2019, "45/2019/QH14"),  # "Bộ luật Lao động năm 2019"
    ("Luật Ban hành văn bản quy phạm pháp luật", "Luật", 2015, "80/2015/QH13"),
    # near misses: another year; a name passed twice in one year ("Luật Tổ chức chính quyền địa phương", 2025)
    ("Bộ luật Lao động", "Bộ luật", 2012, None),
    ("Luật Tổ chức chính quyền địa phương", "Luật", 2025, None),
])
def test_a_name_with_its_year_alone(name, doc_type, year, number):
    found, how = effect.number_of(effect.shipped(), None, name, doc_type, None, year)
    assert (found, how) == ((number, "tên") if number else (None, ""))


def test_name_without_a_date_is_not_certain():
    hit = effect.shipped().resolve_name("Luật Ban hành văn bản quy phạm pháp luật", "Luật", None)
    assert hit is None or hit[1] < effect.DEFAULT_CERTAIN


# --------------------------------------------------------------------------- the căn cứ rules


SIGNED_2025 = [("Số: 05/2024/QĐ-UBND", "Số: 05/2025/QĐ-UBND"),
               ("Lâm Đồng, ngày 12 tháng 3 năm 2024", "Lâm Đồng, ngày 12 tháng 5 năm 2025"),
               ("có hiệu lực kể từ ngày 25 tháng 3 năm 2024", "có hiệu lực kể từ ngày 25 tháng 5 năm 2025")]


def test_ground_34_2016_after_april_2025_names_its_replacements():
    found = [f for f in check("CIT001", variant(QPPL_DECISION, *SIGNED_2025)) if "34/2016/NĐ-CP" in f.message]
    assert len(found) == 1
    f = found[0]
    assert f.severity == "error" and "78/2025/NĐ-CP, 79/2025/NĐ-CP" in f.message and "01/04/2025" in f.message
    assert "theo " in f.message and "79/2025/NĐ-CP" in f.message.split("theo ", 1)[1]  # the evidence, named
    assert f.evidence.startswith("Nghị định số 34/2016/NĐ-CP") or "34/2016/NĐ-CP" in f.evidence
    assert check("CIT001", make_document(**QPPL_DECISION)) == []  # the same text signed in 2024


def test_amended_ground_warns_unless_the_amendment_is_cited():
    doc = variant(QPPL_DECISION, *SIGNED_2025[:2], ("Căn cứ Nghị định số 34/2016/NĐ-CP ngày 14 tháng 5 năm 2016",
                                                     "Căn cứ Nghị định số 10/2020/NĐ-CP ngày 15 tháng 01 năm 2020"))
    # 10/2020/NĐ-CP is not in the shipped registry: unknown, not flagged
    assert check("CIT006", doc) == [] and [f for f in check("CIT001", doc) if "10/2020" in f.message] == []


# --------------------------------------------------------------------------- the database


@pytest.fixture
def db(tmp_path):
    d = store.open_db(tmp_path / "r.db")
    repealer = effect_variant("và thay thế Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019 của Ủy ban nhân "
                              "dân tỉnh.")
    citing = variant(QPPL_DECISION, ("Số: 05/2024/QĐ-UBND", "Số: 07/2024/QĐ-UBND"),
                     ("Lâm Đồng, ngày 12 tháng 3 năm 2024", "Lâm Đồng, ngày 02 tháng 4 năm 2024"),
                     ("Theo đề nghị", "Căn cứ Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019 của Ủy ban "
                                      "nhân dân tỉnh;\nTheo đề nghị"))
    citing.source.path, citing.source.sha256 = "/tmp/citing.txt", "c" * 64
    store.save_document(d, repealer)
    store.save_document(d, citing)
    store.refresh_derived(d)
    return d


def test_registry_built_from_stored_documents(db):
    row = db["registry"].get(number_key("18/2019/QĐ-UBND"))
    assert row["status"] == effect.REPEALED and json.loads(row["replaced_by"]) == ["05/2024/QĐ-UBND"]
    assert row["source"] == effect.SOURCE_DOCUMENT and row["status_from"] == "2024-03-25"
    ev = json.loads(row["evidence"])
    assert ev[0]["document_id"] and "Điều 2" in ev[0]["clause"]
    statuses = {r["number"]: r["status"] for r in db.query(
        "select coalesce(number, name) as number, status from citations where relation = 'can_cu'")}
    assert statuses["18/2019/QĐ-UBND"] == effect.REPEALED  # on 02/4/2024, after 25/3/2024
    assert statuses["34/2016/NĐ-CP"] == effect.IN_FORCE
    # the law cited by name and date gets its number, found by citing_documents' query
    assert statuses["80/2015/QH13"] == effect.IN_FORCE
    named = list(db.query("select number, resolved_number, name_confidence from citations "
                          "where raw like 'Luật Ban hành%2015'"))
    assert named and all(r["number"] == "80/2015/QH13" and r["name_confidence"] >= 0.9 for r in named)
    assert {r["status"] for r in db.query("select status from documents")} == {effect.IN_FORCE}


def test_import_export_round_trip(db, tmp_path):
    rows = [dict(number="12/2018/QĐ-UBND", doc_type="Quyết định", issuer="Ủy ban nhân dân tỉnh Lâm Đồng",
                 title="Quy chế phối hợp", issued_on="2018-04-02", effective_on="2018-04-15",
                 status=effect.REPEALED, status_from="2023-01-01", replaced_by="30/2022/QĐ-UBND",
                 amended_by="5/2020/QĐ-UBND;6/2021/QĐ-UBND"),
            # the office's date disagrees with the stored document's own clause (25/3/2024)
            dict(number="05/2024/QĐ-UBND", doc_type="Quyết định", issued_on="2024-03-12", effective_on="2024-03-20")]
    src = tmp_path / "so-van-ban.json"
    src.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    assert reg.import_file(db, src) == (2, [])
    r = db["registry"].get(number_key("12/2018/QĐ-UBND"))
    assert (r["status"], r["status_from"], json.loads(r["replaced_by"])) == (effect.REPEALED, "2023-01-01",
                                                                          ["30/2022/QĐ-UBND"])
    assert json.loads(r["amended_by"]) == ["5/2020/QĐ-UBND", "6/2021/QĐ-UBND"] and r["source"] == "nhập"
    conflict = db["registry"].get(number_key("05/2024/QĐ-UBND"))["conflicts"]
    assert "2024-03-20" in conflict and "2024-03-25" in conflict
    for fmt in ("csv", "json"):
        out = tmp_path / f"export.{fmt}"
        out.write_text(reg.export_text(db, fmt), encoding="utf-8")
        other = store.open_db(tmp_path / f"other-{fmt}.db")
        reg.import_file(other, out)
        mine = {r["number"]: r for r in reg.export_rows(db) if r["number"] == "12/2018/QĐ-UBND"}
        theirs = {r["number"]: r for r in reg.export_rows(other) if r["number"] == "12/2018/QĐ-UBND"}
        keys = [k for k in reg.EXCHANGE_COLUMNS if k not in ("source", "conflicts")]
        assert {k: mine["12/2018/QĐ-UBND"][k] for k in keys} == {k: theirs["12/2018/QĐ-UBND"][k] for k in keys}
    # importing the same file again replaces its facts instead of doubling them
    before = db.execute("select count(*) from registry_facts").fetchone()[0]
    reg.import_file(db, src)
    assert db.execute("select count(*) from registry_facts").fetchone()[0] == before


@pytest.mark.parametrize("content, encoding, name", [
    # Excel in a Vietnamese locale: ";" between cells, dates day/month/year, a status in capitals, extra columns
    ("STT;Số ký hiệu;Tình trạng hiệu lực;Từ ngày;Bị bãi bỏ bởi;Ghi chú\n"
     "1;3/2017/QĐ-UBND;Hết hiệu lực toàn bộ;01/01/2021;9/2020/QĐ-UBND;đã rà soát\n\n", "utf-8-sig", "so.csv"),
    # Excel's "Unicode Text": UTF-16 with its mark, tabs between cells
    ("Số ký hiệu\tTình trạng hiệu lực\tTừ ngày\tBị bãi bỏ bởi\n"
     "3/2017/QĐ-UBND\thết hiệu lực\t1-1-2021\t9/2020/QĐ-UBND\n", "utf-16", "so.txt"),
    ('{"rows": [{"number": "3/2017/QĐ-UBND", "status": "het hieu luc toan bo", "status_from": "2021-01-01", '
     '"repealed_by": ["9/2020/QĐ-UBND"]}]}', "utf-8", "so.json"),
])
def test_import_reads_what_offices_write(db, tmp_path, content, encoding, name):
    src = tmp_path / name
    src.write_bytes(content.encode(encoding))
    n, ignored = reg.import_file(db, src)
    assert n == 1 and ignored == (["STT", "Ghi chú"] if "STT" in content else [])
    r = db["registry"].get(number_key("3/2017/QĐ-UBND"))
    assert (r["status"], r["status_from"], json.loads(r["repealed_by"])) == (effect.REPEALED, "2021-01-01",
                                                                          ["9/2020/QĐ-UBND"])


@pytest.mark.parametrize("content, name, said", [
    ("Số,Loại\n1,2\n", "so.csv", "không có cột số ký hiệu"),
    ("Số ký hiệu,Ngày ban hành\n3/2017/QĐ-UBND,2017-13-45\n", "so.csv", "dòng 2: Ngày ban hành \"2017-13-45\""),
    ("Số ký hiệu,Tình trạng hiệu lực\n3/2017/QĐ-UBND,tạm dừng\n", "so.csv", "dòng 2: tình trạng \"tạm dừng\""),
    ("Số ký hiệu,Ngày ban hành\n3/2017/QĐ-UBND,2017-03-01\n,2018-01-01\n", "so.csv", "dòng 3: thiếu số ký hiệu"),
    ('{"a": 1}', "so.json", "danh sách các đối tượng"),
    ('[{"number": "3/2017/QĐ-UBND",}]', "so.json", "không phải JSON hợp lệ (dòng 1"),
])
def test_a_bad_registry_file_is_refused_whole(db, tmp_path, content, name, said):
    src = tmp_path / name
    src.write_text(content, encoding="utf-8")
    before = db.execute("select count(*) from registry_facts").fetchone()[0]
    with pytest.raises(reg.RegistryFileError) as e:
        reg.import_file(db, src)
    assert said in str(e.value)
    assert db.execute("select count(*) from registry_facts").fetchone()[0] == before


def test_the_command_says_what_is_wrong_without_a_traceback(db, tmp_path):
    from click.testing import CliRunner

    from rasoat.cli import cli

    path = db.conn.execute("pragma database_list").fetchone()[2]
    bad = tmp_path / "so.csv"
    bad.write_text("Số ký hiệu,Từ ngày\n3/2017/QĐ-UBND,31/02/2021\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["registry", "import", str(bad), "--db", path])
    assert out.exit_code == 1 and "Traceback" not in out.output
    assert "dòng 2: Từ ngày \"31/02/2021\" không phải ngày" in out.output
    good = tmp_path / "so-tot.csv"
    good.write_text("STT,Số ký hiệu,Từ ngày\n1,3/2017/QĐ-UBND,28/02/2021\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["registry", "import", str(good), "--db", path])
    assert out.exit_code == 0 and "Đã nhập 1 dòng" in out.output and "bỏ qua các cột không thuộc sổ: STT" in out.output


def test_a_file_not_in_utf8_is_refused_with_what_to_do(db, tmp_path):
    src = tmp_path / "so.csv"
    src.write_bytes("number\n3/2017/QĐ-UBND\n".encode("cp1258"))  # Windows' Vietnamese code page: Đ is one byte
    with pytest.raises(reg.RegistryFileError, match="không phải UTF-8.*CSV UTF-8"):
        reg.import_file(db, src)


def test_import_csv_with_vietnamese_headers(db, tmp_path):
    src = tmp_path / "so.csv"
    src.write_text("Số ký hiệu,Tình trạng hiệu lực,Từ ngày,Bị bãi bỏ bởi\n"
                   "3/2017/QĐ-UBND,hết hiệu lực toàn bộ,2021-01-01,9/2020/QĐ-UBND\n", encoding="utf-8")
    reg.import_file(db, src)
    r = db["registry"].get(number_key("3/2017/QĐ-UBND"))
    assert r["status"] == effect.REPEALED and json.loads(r["repealed_by"]) == ["9/2020/QĐ-UBND"]
    assert "so.csv, dòng 2" in r["evidence"]


def test_cli_status_and_export(db, tmp_path):
    from click.testing import CliRunner

    from rasoat.cli import cli

    path = db.conn.execute("pragma database_list").fetchone()[2]
    out = CliRunner().invoke(cli, ["registry", "status", "34/2016/NĐ-CP", "--on", "2025-04-01", "--db", path])
    assert out.exit_code == 0, out.output
    assert "hết hiệu lực toàn bộ" in out.output and "78/2025/NĐ-CP, 79/2025/NĐ-CP" in out.output
    assert "bằng chứng:" in out.output
    out = CliRunner().invoke(cli, ["registry", "status", "34/2016/NĐ-CP", "--on", "2024-12-31", "--db", path])
    assert "còn hiệu lực" in out.output
    out = CliRunner().invoke(cli, ["registry", "export", "--format", "json", "--db", path])
    rows = {r["number"]: r for r in json.loads(out.output)}
    assert rows["18/2019/QĐ-UBND"]["replaced_by"] == ["05/2024/QĐ-UBND"]


def test_names_resolved_again_once_facts_are_added():
    """``resolve_name`` keeps its answers (a law is cited by the same name thousands of times), until facts are
    added."""
    r = effect.Registry([fact("10/2020/NĐ-CP", effect.ISSUED, by="10/2020/NĐ-CP", issued_on="2020-01-15",
                              doc_type="Nghị định", title="Quy định về kiểm tra văn bản")])
    asked = ("Luật Kiểm tra hành chính", "Luật", "2019-06-12")
    assert r.resolve_name(*asked) is None
    r.add([fact("31/2019/QH14", effect.ISSUED, by="31/2019/QH14", issued_on="2019-06-12", doc_type="Luật",
                title="Luật Kiểm tra hành chính")])
    assert r.resolve_name(*asked) == ("31/2019/QH14", 1.0)
    assert r.resolve_name("Luật Kiểm tra hành chánh", "Luật", "2019-06-12")[0] == "31/2019/QH14"  # one letter off
    assert r.resolve_name("Nghị định Kiểm tra hành chính", "Nghị định", "2019-06-12") is None  # another type


def test_a_registry_row_lists_the_latest_grounds_only():
    """A law cited as căn cứ by thousands of stored documents: its row lists its own facts and the latest
    ``DEFAULT_EVIDENCE_GROUNDS`` căn cứ; the status reads the nearest one before the date asked."""
    n = effect.DEFAULT_EVIDENCE_GROUNDS + 10
    grounds = [fact("12/2016/NĐ-CP", effect.GROUND, f"2024-{1 + i // 28:02d}-{1 + i % 28:02d}", f"{i + 1}/2024/QĐ-UBND")
               for i in range(n)]
    r = effect.Registry([fact("12/2016/NĐ-CP", effect.REPEALED_PART, "2023-01-01", "40/2022/NĐ-CP"), *grounds])
    evidence = r.entry("12/2016/NĐ-CP")["evidence"]
    listed = [e for e in evidence if e["kind"] == effect.GROUND]
    assert len(listed) == effect.DEFAULT_EVIDENCE_GROUNDS and any(e["kind"] == effect.REPEALED_PART for e in evidence)
    assert min(e["on"] for e in listed) == sorted(g.on for g in grounds)[-effect.DEFAULT_EVIDENCE_GROUNDS]
    st = r.status("12/2016/NĐ-CP", "2024-02-03", citing="31/2024/QĐ-UBND")
    assert st.status == effect.PARTLY_REPEALED
    only_grounds = effect.Registry(grounds)
    st = only_grounds.status("12/2016/NĐ-CP", "2024-02-02", citing="99/2024/QĐ-UBND")
    assert st.status == effect.IN_FORCE and st.evidence[0].on == "2024-02-02"
    st = only_grounds.status("12/2016/NĐ-CP", "2024-02-02", citing=st.evidence[0].by)  # not its own: the one before
    assert st.status == effect.IN_FORCE and st.evidence[0].on == "2024-02-01"


def named_ground(name, issued_on, on, by):
    """A căn cứ by name and date only, as ``facts_of_document`` keys it (``effect.name_number``)."""
    return fact(effect.name_number("Luật", name, issued_on), effect.GROUND, on, by, doc_type="Luật", title=name,
                issued_on=issued_on, source=effect.SOURCE_GAZETTE)


def numbered_ground(number, name, on, by, issued_on=None):
    return fact(number, effect.GROUND, on, by, doc_type="Luật", title=name, issued_on=issued_on,
                source=effect.SOURCE_GAZETTE)


@pytest.mark.parametrize("facts, asked_on, status", [
    # one text cites the law by number, another by name and date: one document, the name's căn cứ counts for it
    ([numbered_ground("31/2027/QH16", "Kiểm tra hành chính", "2029-03-01", "5/2029/NĐ-CP"),
      named_ground("Luật Kiểm tra hành chính", "2027-06-12", "2028-05-02", "9/2028/NĐ-CP")],
     "2028-06-01", effect.IN_FORCE),
    # the registry knows its day, and the name's day is another: another law of that name that year (not merged)
    ([numbered_ground("31/2027/QH16", "Kiểm tra hành chính", "2029-03-01", "5/2029/NĐ-CP", issued_on="2027-11-20"),
      named_ground("Luật Kiểm tra hành chính", "2027-06-12", "2028-05-02", "9/2028/NĐ-CP")],
     "2028-06-01", effect.UNKNOWN),
    # the name is seen on two days of that year: the number's year alone does not tell which one it is
    ([numbered_ground("31/2027/QH16", "Kiểm tra hành chính", "2029-03-01", "5/2029/NĐ-CP"),
      named_ground("Luật Kiểm tra hành chính", "2027-06-12", "2028-05-02", "9/2028/NĐ-CP"),
      named_ground("Luật Kiểm tra hành chính", "2027-02-19", "2027-09-01", "2/2027/NĐ-CP")],
     "2028-06-01", effect.UNKNOWN),
    # another year: another law
    ([numbered_ground("31/2027/QH16", "Kiểm tra hành chính", "2029-03-01", "5/2029/NĐ-CP"),
      named_ground("Luật Kiểm tra hành chính", "2019-06-12", "2028-05-02", "9/2028/NĐ-CP")],
     "2028-06-01", effect.UNKNOWN),
    # another name
    ([numbered_ground("31/2027/QH16", "Kiểm tra hành chính", "2029-03-01", "5/2029/NĐ-CP"),
      named_ground("Luật Thanh tra", "2027-06-12", "2028-05-02", "9/2028/NĐ-CP")],
     "2028-06-01", effect.UNKNOWN),
])
def test_a_document_known_by_number_and_by_name_is_one_document(facts, asked_on, status):
    """The facts filed under a name and date (``name_number``) speak for the number that name resolves to with
    certainty, and only then; the registry has one row for both."""
    r = effect.Registry(facts)
    st = r.status("31/2027/QH16", asked_on)
    assert st.status == status
    merged = r.aliases().get(number_key("31/2027/QH16"), [])
    assert bool(merged) == (status == effect.IN_FORCE)
    if merged:
        assert st.evidence[0].by == "9/2028/NĐ-CP"
        assert {f.by for f in r.facts("31/2027/QH16")} == {"5/2029/NĐ-CP", "9/2028/NĐ-CP"}


def test_two_laws_of_one_name_in_one_year_are_not_resolved_by_the_year():
    r = effect.Registry([numbered_ground("31/2027/QH16", "Kiểm tra hành chính", "2029-03-01", "5/2029/NĐ-CP"),
                         named_ground("Luật Kiểm tra hành chính", "2027-02-19", "2027-09-01", "2/2027/NĐ-CP")])
    assert r.resolve_name("Luật Kiểm tra hành chính", "Luật", "2027-06-12")[1] == effect.CONFIDENCE_YEAR
    r.add([named_ground("Luật Kiểm tra hành chính", "2027-06-12", "2028-05-02", "9/2028/NĐ-CP")])
    hit = r.resolve_name("Luật Kiểm tra hành chính", "Luật", "2027-06-12")
    assert hit[1] < effect.DEFAULT_CERTAIN
    assert effect.number_of(r, None, "Luật Kiểm tra hành chính", "Luật", "2027-06-12")[1] == "tên và ngày"


def test_the_registry_table_has_one_row_for_a_number_and_its_name(db):
    db["registry_facts"].insert_all(reg.fact_row(f) for f in (
        numbered_ground("31/2027/QH16", "Kiểm tra hành chính", "2029-03-01", "5/2029/NĐ-CP"),
        named_ground("Luật Kiểm tra hành chính", "2027-06-12", "2028-05-02", "9/2028/NĐ-CP")))
    reg.rebuild(db)
    rows = [r for r in db["registry"].rows if "kiem tra hanh chinh" in (r["number_key"] or "").replace("/", " ")
            or r["number_key"] == number_key("31/2027/QH16")]
    assert [r["number_key"] for r in rows] == [number_key("31/2027/QH16")]
    assert "9/2028/NĐ-CP" in rows[0]["evidence"]


TITLE = "Quy định phối hợp trong công tác kiểm tra văn bản quy phạm pháp luật"


@pytest.mark.parametrize("title, expected", [
    # the title's own act word governs the numbers it names
    ("Bãi bỏ Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019 và Quyết định số 03/2021/QĐ-UBND ngày 02 tháng "
     "3 năm 2021 sửa đổi, bổ sung một số điều của Quyết định số 18/2019/QĐ-UBND",
     {("18/2019/QĐ-UBND", effect.REPEALED_WHOLE), ("03/2021/QĐ-UBND", effect.REPEALED_WHOLE)}),
    ("Bãi bỏ một số điều của Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019",
     {("18/2019/QĐ-UBND", effect.REPEALED_PART)}),
    ("Sửa đổi, bổ sung một số điều của Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019",
     {("18/2019/QĐ-UBND", effect.AMENDED)}),
    # near misses: a title that names a document without acting on it, or names the one that amended it
    ("Quy định chi tiết Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019", set()),
    ("Hướng dẫn Quyết định số 18/2019/QĐ-UBND được sửa đổi, bổ sung bởi Quyết định số 03/2021/QĐ-UBND", set()),
])
def test_facts_from_the_title(title, expected):
    facts = facts_of(variant(QPPL_DECISION, (TITLE, title)))
    assert {(f.number, f.kind) for f in facts[1:]} == expected


FORM = ("Mẫu số 01\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTỜ KHAI\n"
        "□ Đề nghị điều chỉnh, bổ sung tờ khai đã kê khai theo Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019")


def test_a_form_annexed_after_the_effect_article_is_not_the_article():
    """A form printed after the document (its own Quốc hiệu) is not part of the effect article, however close."""
    doc = make_document(**dict(QPPL_DECISION, more_pages=(FORM,)))
    assert not [f for f in facts_of(doc) if f.number == "18/2019/QĐ-UBND"]
    # near miss: the same words in the effect article are the document's own
    amending = effect_variant("và sửa đổi, bổ sung một số điều của Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm "
                              "2019.")
    assert [f.kind for f in facts_of(amending) if f.number == "18/2019/QĐ-UBND"] == [effect.AMENDED]


def test_a_document_named_in_another_ones_title_far_back_is_not_amended():
    """"… Nghị định số A … và sửa đổi, bổ sung một số điều của Quyết định số B, Quyết định số C, Quyết định số D": A
    amended them, however long its title."""
    sentence = ("Việc hướng dẫn thực hiện theo Nghị định số 12/2027/NĐ-CP ngày 12 tháng 02 năm 2027 của Chính phủ quy "
                "định chi tiết thi hành Luật sửa đổi, bổ sung một số điều của các Luật về thuế, phí và lệ phí trên địa "
                "bàn các tỉnh miền núi phía Bắc và sửa đổi, bổ sung một số điều của các Nghị định về thuế và sửa đổi, "
                "bổ sung một số điều của Quyết định số 78/2014/QĐ-UBND ngày 18 tháng 6 năm 2014, Quyết định số "
                "119/2014/QĐ-UBND ngày 25 tháng 8 năm 2014, Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019.")
    assert [c.relation for c in effect_variant(sentence).extraction.citations
            if c.number == "18/2019/QĐ-UBND"] == [effect.AMENDED]  # read as amended, in the effect article
    assert not [f for f in facts_of(effect_variant(sentence)) if f.number == "18/2019/QĐ-UBND"]


@pytest.mark.parametrize("article, kinds", [
    # an article headed "Sửa đổi, bổ sung" whose text only repeals a clause: partly repealed, the heading no amendment
    ("Sửa đổi, bổ sung Quyết định số 18/2019/QĐ-UBND\nBãi bỏ khoản 2 Điều 5 của Quyết định số 18/2019/QĐ-UBND.",
     {effect.REPEALED_PART}),
    ("Sửa đổi, bổ sung Quyết định số\n18/2019/QĐ-UBND của Ủy ban nhân dân tỉnh\nBãi bỏ điểm c khoản 2 Điều 5.",
     {effect.REPEALED_PART}),  # the heading on two lines, the clause naming no number
    # near misses: a clause that amends keeps the heading's word; a part replaced by new text, or wording, amends
    ("Sửa đổi, bổ sung Quyết định số 18/2019/QĐ-UBND\n1. Sửa đổi khoản 1 Điều 3 như sau: “1. Hồ sơ gồm …”\n"
     "2. Bãi bỏ khoản 2 Điều 5 của Quyết định số 18/2019/QĐ-UBND.", {effect.AMENDED, effect.REPEALED_PART}),
    ("Sửa đổi, bổ sung Phụ lục kèm theo Quyết định số 18/2019/QĐ-UBND\nThay thế Phụ lục kèm theo Quyết định số "
     "18/2019/QĐ-UBND bằng Phụ lục kèm theo Quyết định này.", {effect.AMENDED, effect.REPEALED_PART}),
    ("Sửa đổi, bổ sung Quyết định số 18/2019/QĐ-UBND\nThay thế cụm từ “Sở Nội vụ” bằng cụm từ “Sở Tư pháp” tại "
     "khoản 2 Điều 5.", {effect.AMENDED}),
    # near miss: the amending words govern the number of their own sentence
    ("Bãi bỏ điểm c và sửa đổi khoản 2 Điều 4 của Quyết định số 18/2019/QĐ-UBND như sau: “2. Hồ sơ gồm …”",
     {effect.AMENDED}),
])
def test_the_act_word_of_its_own_sentence_decides(article, kinds):
    doc = variant(QPPL_DECISION, ("Điều 2. Hiệu lực thi hành", f"Điều 2. {article}\nĐiều 3. Hiệu lực thi hành"),
                  ("Điều 3. Trách nhiệm thi hành", "Điều 4. Trách nhiệm thi hành"))
    assert {f.kind for f in facts_of(doc) if f.number == "18/2019/QĐ-UBND"} == kinds


def test_a_reference_to_the_documents_that_replace_one_is_no_replacement():
    article = ("Kinh phí thực hiện theo Quyết định số 18/2019/QĐ-UBND và các văn bản sửa đổi, bổ sung, thay thế Quyết "
               "định số 18/2019/QĐ-UBND (nếu có).")
    doc = variant(QPPL_DECISION,
                  ("Điều 2. Hiệu lực thi hành", f"Điều 2. Kinh phí\n{article}\nĐiều 3. Hiệu lực thi hành"),
                  ("Điều 3. Trách nhiệm thi hành", "Điều 4. Trách nhiệm thi hành"))
    kinds = {f.kind for f in facts_of(doc) if f.number == "18/2019/QĐ-UBND"}
    assert not kinds & {effect.REPLACED, effect.REPEALED_WHOLE, effect.REPEALED_PART}


LIST = ("Điều 3. Hiệu lực thi hành\n1. Quyết định này có hiệu lực kể từ ngày 25 tháng 3 năm 2024.\n"
        "2. Quyết định này bãi bỏ các quy định sau:\n"
        "a) Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019 của Ủy ban nhân dân tỉnh;\n"
        "b) Chương II Quyết định số 07/2017/QĐ-UBND ngày 03 tháng 4 năm 2017 của Ủy ban nhân dân tỉnh sửa đổi, bổ "
        "sung một số điều của Quyết định số 11/2016/QĐ-UBND ngày 01 tháng 3 năm 2016;\n"
        "c) Điều 4 Quyết định số 21/2018/QĐ-UBND ngày 10 tháng 7 năm 2018.\n"
        "3. Các cơ quan tiếp tục áp dụng Quyết định số 30/2015/QĐ-UBND ngày 02 tháng 6 năm 2015 cho hồ sơ đã nhận.")


def test_a_list_of_repeals_repeals_what_each_item_names_first():
    doc = variant(QPPL_DECISION, ("Điều 2. Hiệu lực thi hành\nQuyết định này có hiệu lực kể từ ngày 25 tháng 3 năm "
                                  "2024.", LIST.replace("Điều 3. ", "Điều 2. ")))
    kinds = {(f.number, f.kind) for f in facts_of(doc)[1:]}
    assert {("18/2019/QĐ-UBND", effect.REPEALED_WHOLE), ("07/2017/QĐ-UBND", effect.REPEALED_PART),
            ("21/2018/QĐ-UBND", effect.REPEALED_PART)} <= kinds
    # not the one named in an item's title, nor one a later clause only applies
    assert not {n for n, _ in kinds} & {"11/2016/QĐ-UBND", "30/2015/QĐ-UBND"}


@pytest.mark.parametrize("clause, number, on", [
    # the day the clause names for the end, not the day the document takes effect
    ("2. Bãi bỏ các văn bản sau đây từ ngày 01 tháng 4 năm 2024:\na) Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 "
     "năm 2019;\nb) Điều 4 Quyết định số 21/2018/QĐ-UBND.", "18/2019/QĐ-UBND", "2024-04-01"),
    ("2. Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019 hết hiệu lực thi hành kể từ ngày 01/5/2024.",
     "18/2019/QĐ-UBND", "2024-05-01"),
    # near misses: "từ ngày Quyết định này có hiệu lực" names no day (the document's own), nor does a later day
    # of another provision
    ("2. Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019 hết hiệu lực kể từ ngày Quyết định này có hiệu lực, "
     "trừ khoản 3 Điều 2 có hiệu lực từ ngày 01 tháng 6 năm 2024.", "18/2019/QĐ-UBND", "2024-03-25"),
    ("2. Các văn bản sau đây hết hiệu lực:\na) Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019.",
     "18/2019/QĐ-UBND", "2024-03-25"),
])
def test_a_repeal_is_dated_by_the_day_its_clause_names(clause, number, on):
    doc = variant(QPPL_DECISION, ("Điều 2. Hiệu lực thi hành\nQuyết định này có hiệu lực kể từ ngày 25 tháng 3 năm "
                                  "2024.", "Điều 2. Hiệu lực thi hành\n1. Quyết định này có hiệu lực kể từ ngày 25 "
                                           "tháng 3 năm 2024.\n" + clause))
    ends = [f for f in facts_of(doc) if f.number == number and f.kind in (effect.REPEALED_WHOLE, effect.REPEALED_PART)]
    assert [f.on for f in ends] == [on]


# A transitional clause long enough to push what follows past DEFAULT_EFFECT_AFTER characters.
FILLER = ("Hồ sơ đã tiếp nhận trước ngày Quyết định này có hiệu lực thì tiếp tục giải quyết theo quy định tại thời "
          "điểm tiếp nhận, trừ trường hợp người nộp hồ sơ đề nghị áp dụng quy định mới. ") * 25
REPEAL_LIST = ("Quyết định này bãi bỏ các quy định sau:\na) Điều 4 Quyết định số 21/2018/QĐ-UBND ngày 10 tháng 7 năm "
               "2018 của Ủy ban nhân dân tỉnh;\nb) Chương II Quyết định số 07/2017/QĐ-UBND ngày 03 tháng 4 năm 2017.")
SHORT_EFFECT = "Điều 2. Hiệu lực thi hành\nQuyết định này có hiệu lực kể từ ngày 25 tháng 3 năm 2024."


@pytest.mark.parametrize("where, read", [
    # the last clause of a long effect article, however far from its first: read
    ("article", True),
    # near misses past the characters read: an article after the effect article, an appendix after the signature
    ("next article", False),
    ("appendix", False),
])
def test_the_whole_effect_article_is_read(where, read):
    assert len(FILLER) > effect.DEFAULT_EFFECT_AFTER
    long_effect = (f"Điều 2. Hiệu lực thi hành\n1. Quyết định này có hiệu lực kể từ ngày 25 tháng 3 năm 2024.\n"
                   f"2. {FILLER}\n3. {REPEAL_LIST}")
    if where == "article":
        doc = variant(QPPL_DECISION, (SHORT_EFFECT, long_effect))
    elif where == "next article":
        doc = variant(QPPL_DECISION, ("Điều 3. Trách nhiệm thi hành\n", f"Điều 3. Trách nhiệm thi hành\n{FILLER}\n"
                                                                        f"{REPEAL_LIST}\n"))
    else:
        doc = make_document(**dict(QPPL_DECISION, more_pages=(f"Phụ lục\n{FILLER}\n{REPEAL_LIST}",)))
    kinds = {(f.number, f.kind) for f in facts_of(doc)[1:]}
    expected = {("21/2018/QĐ-UBND", effect.REPEALED_PART), ("07/2017/QĐ-UBND", effect.REPEALED_PART)}
    assert (kinds == expected) if read else not kinds & expected


SCOPE = ("Điều 1. Phạm vi điều chỉnh\n1. Quyết định này quy định việc phối hợp giữa các cơ quan trong công tác "
         "kiểm tra văn bản:")
AMENDING = ("Điều 1. Sửa đổi, bổ sung một số điều của Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019\n"
            "1. Sửa đổi khoản 2 Điều 5 như sau:\n“2. Hồ sơ gồm đơn đề nghị và bản sao giấy tờ. Bãi bỏ Điều 4 Quyết "
            "định số 07/2017/QĐ-UBND.”\n"
            f"2. {FILLER}\n"
            "3. Bãi bỏ Điều 6 Quyết định số 18/2019/QĐ-UBND.\n"
            "4. Việc báo cáo thực hiện theo quy định tại Điều 7 Quyết định số 21/2018/QĐ-UBND.\n"
            "Điều 1a. Phạm vi điều chỉnh\n1. Quyết định này quy định việc phối hợp giữa các cơ quan:")


def test_the_operative_clauses_of_an_amending_article_act_wherever_they_stand():
    """"3. Bãi bỏ Điều 6 Quyết định số …" in an amending article far before the effect article is an act of the
    document; new wording in quotes, a mere reference, and an appendix past the effect article's reach (after the
    signature) are not."""
    doc = variant(QPPL_DECISION, (SCOPE, AMENDING))
    assert len(FILLER) > effect.DEFAULT_EFFECT_BEFORE
    kinds = {(f.number, f.kind) for f in facts_of(doc)[1:]}
    assert {("18/2019/QĐ-UBND", effect.AMENDED), ("18/2019/QĐ-UBND", effect.REPEALED_PART)} <= kinds
    clauses = {f.clause for f in facts_of(doc)[1:] if f.number == "18/2019/QĐ-UBND"}
    assert all("Điều 1" in c for c in clauses)  # the article that says it, not the title
    # near misses: the repeal inside quoted new wording, and the reference
    assert not {n for n, _ in kinds} & {"07/2017/QĐ-UBND", "21/2018/QĐ-UBND"}
    appendix = make_document(**dict(QPPL_DECISION, more_pages=(
        f"Phụ lục\n{FILLER}\n1. Bãi bỏ Điều 6 Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019.",)))
    assert not [f for f in facts_of(appendix) if f.number == "18/2019/QĐ-UBND"]


@pytest.mark.parametrize("clause, kind", [
    # wording replaced or struck out, with a long quoted phrase between the act word and the number: an amendment
    ("1. Thay thế cụm từ “Sở Lao động - Thương binh và Xã hội hoặc Phòng Lao động - Thương binh và Xã hội tùy theo "
     "phân cấp của địa phương” bằng cụm từ “Sở Nội vụ” tại khoản 3 Điều 8 Quyết định số 18/2019/QĐ-UBND.",
     effect.AMENDED),
    ("2. Bãi bỏ cụm từ “(Sở Lao động - Thương binh và Xã hội hoặc Phòng Lao động - Thương binh và Xã hội tùy theo "
     "phân cấp của từng địa phương)” tại khoản 2 Điều 8 Quyết định số 18/2019/QĐ-UBND.", effect.AMENDED),
    # near misses: a part repealed, and the whole replaced
    ("3. Bãi bỏ Điều 10, Điều 11 Quyết định số 18/2019/QĐ-UBND.", effect.REPEALED_PART),
    ("3. Thay thế Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019.", effect.REPLACED),
])
def test_the_act_word_that_opens_the_clause_governs_a_number_after_long_wording(clause, kind):
    doc = effect_variant(f"\n{clause}")
    assert {f.kind for f in facts_of(doc) if f.number == "18/2019/QĐ-UBND"} == {kind}


def test_an_expiry_read_past_the_list_of_amending_documents():
    """"Quyết định số A … đã được sửa đổi, bổ sung một số điều theo Quyết định số B, … và Quyết định số E hết hiệu
    lực": A ends however long the list; the amending ones named in it do not."""
    amenders = ", ".join(f"Quyết định số {n}/{y}/QĐ-UBND ngày 0{n % 9 + 1} tháng 3 năm {y}"
                         for n, y in ((3, 2020), (7, 2021), (11, 2022), (4, 2023)))
    sentence = (f"Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019 của Ủy ban nhân dân tỉnh đã được sửa đổi, bổ "
                f"sung một số điều theo {amenders} hết hiệu lực kể từ ngày Quyết định này có hiệu lực.")
    assert sentence.index("hết hiệu lực") - sentence.index("18/2019") > 160
    facts = facts_of(effect_variant(sentence))
    assert {(f.number, f.kind) for f in facts[1:]} == {("18/2019/QĐ-UBND", effect.REPEALED_WHOLE)}


def test_only_the_grounds_before_the_first_article_are_the_documents():
    """A căn cứ printed after the articles begin (a licence form in an appendix, a table's "Căn cứ" column) is no
    evidence that the document took it as its own ground."""
    form = ("Phụ lục\nMẫu giấy phép\nGIẤY PHÉP\nCăn cứ Nghị định số 55/2021/NĐ-CP ngày 12 tháng 4 năm 2021 của "
            "Chính phủ;\nCấp phép cho: ……")
    doc = make_document(**dict(QPPL_DECISION, more_pages=(form,)))
    assert [c.relation for c in doc.extraction.citations if c.number == "55/2021/NĐ-CP"] == [effect.GROUND]
    x = doc.extraction
    grounds = {f.number for f in effect.facts_of_document(x.header, x.citations, x.articles, x.blocks,
                                                          [p.text for p in doc.source.pages], effect.SOURCE_GAZETTE,
                                                          grounds=True) if f.kind == effect.GROUND}
    assert "34/2016/NĐ-CP" in grounds  # the preamble's
    assert "55/2021/NĐ-CP" not in grounds


@pytest.mark.parametrize("text, expected", [
    ("có hiệu lực thi hành kể từ ngày 01 tháng 3 năm 2027, trừ trường hợp quy định tại khoản 2 và khoản 3 Điều này.\n"
     "2. Điều 2, Điều 4 Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 9 năm 2027.\n"
     "3. Các quy định tại khoản 1 Điều 5, khoản 2 và khoản 4 Điều 6 có hiệu lực kể từ ngày 01 tháng 7 năm 2027.",
     {("2", None): "2027-09-01", ("4", None): "2027-09-01", ("5", "1"): "2027-07-01", ("6", "2"): "2027-07-01",
      ("6", "4"): "2027-07-01"}),
    # near misses: the main day alone; a part of another document ("Điều 3 Quyết định số …")
    ("có hiệu lực thi hành kể từ ngày 01 tháng 3 năm 2027.", {}),
    ("có hiệu lực từ ngày 01 tháng 3 năm 2027.\n2. Điều 3 Quyết định số 18/2019/QĐ-UBND có hiệu lực kể từ ngày 01 "
     "tháng 5 năm 2027.", {}),
])
def test_the_days_an_effect_article_gives_parts_of_the_document(text, expected):
    assert effect.part_days(text) == expected


def test_an_act_in_an_article_dated_apart_takes_that_articles_day():
    amending = ("Điều 1. Sửa đổi Quyết định số 18/2019/QĐ-UBND\n1. Bãi bỏ Điều 6 Quyết định số 18/2019/QĐ-UBND.\n"
                "Điều 1a. Bãi bỏ Điều 2 Quyết định số 07/2017/QĐ-UBND.\n")
    effect_article = ("Điều 2. Hiệu lực thi hành\n1. Quyết định này có hiệu lực kể từ ngày 25 tháng 3 năm 2024, trừ "
                      "khoản 2 Điều này.\n2. Điều 1a Quyết định này có hiệu lực kể từ ngày 01 tháng 7 năm 2024.")
    doc = variant(QPPL_DECISION, (SCOPE, amending + SCOPE), (SHORT_EFFECT, effect_article))
    on = {f.number: f.on for f in facts_of(doc)[1:] if f.kind == effect.REPEALED_PART}
    assert on == {"18/2019/QĐ-UBND": "2024-03-25", "07/2017/QĐ-UBND": "2024-07-01"}


@pytest.mark.parametrize("sentence, kind", [
    ("Chương IV, bao gồm các điều 11, 12 và 13 của Quyết định số 18/2019/QĐ-UBND hết hiệu lực kể từ ngày Quyết định "
     "này có hiệu lực.", effect.REPEALED_PART),
    ("Mục 2 Quyết định số 18/2019/QĐ-UBND hết hiệu lực kể từ ngày Quyết định này có hiệu lực.", effect.REPEALED_PART),
    # near miss: the whole document
    ("Quyết định số 18/2019/QĐ-UBND hết hiệu lực kể từ ngày Quyết định này có hiệu lực.", effect.REPEALED_WHOLE),
])
def test_a_chapter_or_section_that_expires_is_a_partial_repeal(sentence, kind):
    assert {f.kind for f in facts_of(effect_variant(sentence)) if f.number == "18/2019/QĐ-UBND"} == {kind}


@pytest.mark.parametrize("clause, effective_on", [
    ("có hiệu lực thi hành sau 45 ngày, kể từ ngày ký ban hành", "2024-04-26"),  # signed 12/3/2024
    ("có hiệu lực sau 10 ngày kể từ ngày ký", "2024-03-22"),
    ("có hiệu lực kể từ ngày 25 tháng 3 năm 2024", "2024-03-25"),
    ("có hiệu lực kể từ ngày ký", None),  # near miss: no day to give
])
def test_an_effect_after_a_lapse_is_dated(clause, effective_on):
    doc = variant(QPPL_DECISION, ("có hiệu lực kể từ ngày 25 tháng 3 năm 2024", clause))
    assert doc.extraction.header.effective_on == effective_on
    if effective_on:  # what the document repeals ends that day
        repealing = variant(QPPL_DECISION, ("có hiệu lực kể từ ngày 25 tháng 3 năm 2024", clause + " và thay thế "
                                            "Quyết định số 18/2019/QĐ-UBND ngày 20 tháng 5 năm 2019"))
        assert [f.on for f in facts_of(repealing) if f.number == "18/2019/QĐ-UBND"] == [effective_on]


def test_a_law_cited_with_its_year_alone_gets_its_number_in_the_database(tmp_path):
    d = store.open_db(tmp_path / "r.db")
    doc = variant(QPPL_DECISION, ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;",
                                  "Căn cứ Bộ luật Lao động năm 2019;"))
    store.save_document(d, doc)
    store.refresh_derived(d)
    rows = list(d.query("select number, issued_year, name_confidence, status from citations where name = ?",
                        ["Bộ luật Lao động"]))
    assert rows == [dict(number="45/2019/QH14", issued_year=2019, name_confidence=rows[0]["name_confidence"],
                         status=effect.IN_FORCE)]
    assert rows[0]["name_confidence"] >= effect.DEFAULT_CERTAIN


def test_a_report_that_lists_what_to_repeal_repeals_nothing():
    """A report's "2. Bãi bỏ Quyết định số …" is a proposal: a document with no effect clause of its own acts on
    nothing (the same lines in an amending decision do: test_the_operative_clauses_…)."""
    report = make_document(
        header_left="ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 45/BC-UBND",
        header_right=QPPL_DECISION["header_right"],
        body="BÁO CÁO\nKết quả rà soát văn bản năm 2023\nIII. KIẾN NGHỊ\n"
             "1. Sửa đổi, bổ sung Quyết định số 123/QĐ-UBND ngày 02 tháng 3 năm 2020 của Ủy ban nhân dân tỉnh.\n"
             "2. Bãi bỏ Quyết định số 124/QĐ-UBND ngày 02 tháng 3 năm 2020 của Ủy ban nhân dân tỉnh.",
        signature="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTrần Văn Nam")
    assert report.extraction.header.number == "45/BC-UBND"
    assert [f.kind for f in facts_of(report)] == [effect.ISSUED]


@pytest.mark.parametrize("more, named, spared", [
    # the law alone (signed 12/5/2025): every amendment in effect by then is named; not one that took effect after
    ("", {"46/2014/QH13", "97/2015/QH13", "35/2018/QH14"}, {"51/2024/QH15"}),
    # an amending law cited by name and the day it was passed is cited: not named again; the others still are
    (";\nCăn cứ Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế ngày 13 tháng 6 năm 2014",
     {"97/2015/QH13", "35/2018/QH14"}, {"46/2014/QH13"}),
    # by number, the same
    (";\nCăn cứ Luật số 46/2014/QH13", {"97/2015/QH13"}, {"46/2014/QH13"}),
    # near miss: another law passed on another day is not one of them
    (";\nCăn cứ Luật Dược ngày 06 tháng 4 năm 2016", {"46/2014/QH13", "97/2015/QH13"}, {"51/2024/QH15"}),
])
def test_a_ground_amended_names_the_amendments_not_cited(more, named, spared):
    """CIT006 names the documents that amended (or partly repealed) a căn cứ before the signing day and that the
    document does not cite — by number, or by name and the day they were passed (the registry knows their day from
    the văn bản hợp nhất that join them)."""
    ground = "Căn cứ Luật Bảo hiểm y tế số 25/2008/QH12" + more
    doc = variant(QPPL_DECISION, *SIGNED_2025[:2], ("Căn cứ Nghị định số 34/2016/NĐ-CP ngày 14 tháng 5 năm 2016",
                                                     ground))
    [f] = [f for f in check("CIT006", doc) if "25/2008/QH12" in f.message]
    assert all(n in f.message for n in named) and not any(n in f.message for n in spared)

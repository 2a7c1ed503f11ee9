"""A document whose date line leaves the day blank (a draft's "ngày    tháng 6 năm 2026") or whose day was written
by hand and cannot be read: the month or year it still gives (``Header.issued_in``), the period it may be signed in
(``facts.signing_period``), the căn cứ checked over that period (CIT001, CIT006, the citations' status in the
database).  Fragments are our own text (rules/fragments.py)."""

from __future__ import annotations

from datetime import date

import pytest

from rasoat import effect, store
from rasoat.facts import signing_period
from rasoat.registry import status_in
from rasoat.web.labels import vn_date
from rules.fragments import QPPL_DECISION, check, variant

DATE = "Lâm Đồng, ngày 12 tháng 3 năm 2024"
NUMBER = ("Số: 05/2024/QĐ-UBND", "Số:      /QĐ-UBND")  # a draft's number is left blank too


def draft(date_line: str):
    return variant(QPPL_DECISION, NUMBER, (DATE, date_line))


@pytest.mark.parametrize("issued_on, issued_in, expected", [
    ("2025-05-12", None, (date(2025, 5, 12), date(2025, 5, 12))),
    ("2025-05-12", "2025-05", (date(2025, 5, 12), date(2025, 5, 12))),  # the day, when known, wins
    (None, "2026-06", (date(2026, 6, 1), date(2026, 6, 30))),
    (None, "2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
    (None, "2025-12", (date(2025, 12, 1), date(2025, 12, 31))),
    (None, "2021", (date(2021, 1, 1), date(2021, 12, 31))),
    (None, None, None), (None, "", None), (None, "2025-13", None), (None, "năm", None),
])
def test_signing_period(issued_on, issued_in, expected):
    assert signing_period(issued_on, issued_in) == expected


@pytest.mark.parametrize("line, issued_on, issued_in", [
    ("Lâm Đồng, ngày      tháng 5 năm 2025", None, "2025-05"),
    ("Lâm Đồng, ngày ..... tháng 5 năm 2025", None, "2025-05"),  # dot leaders for the blank
    ("Lâm Đồng, ngày …… tháng …… năm 2025", None, "2025"),
    ("Lâm Đồng, ngày ___ tháng 11 năm 2025", None, "2025-11"),
    ("Lâm Đồng, ngày      tháng      năm 2026", None, "2026"),
    # near-misses: a whole date is no period; no year, nothing
    ("Lâm Đồng, ngày 12 tháng 5 năm 2025", "2025-05-12", None),
    ("Lâm Đồng, ngày ... tháng ... năm 20...", None, None),
])
def test_a_date_line_without_its_day_gives_its_month_or_year(line, issued_on, issued_in):
    h = draft(line).extraction.header
    assert (h.issued_on, h.issued_in) == (issued_on, issued_in)
    if issued_in:
        assert h.place == "Lâm Đồng"


def _cited(findings):
    return sorted(f.message.split("(")[1].split(")")[0] for f in findings)


@pytest.mark.parametrize("line, cited, within", [
    # dated after 1/4/2025 by its month: the two căn cứ replaced that day are errors, naming their replacements
    ("Lâm Đồng, ngày      tháng 5 năm 2025", ["34/2016/NĐ-CP", "80/2015/QH13"], False),
    ("Lâm Đồng, ngày      tháng 4 năm 2025", ["34/2016/NĐ-CP", "80/2015/QH13"], False),  # from its first day
    # the year only: the replacement falls inside it, and the finding says so
    ("Lâm Đồng, ngày      tháng      năm 2025", ["34/2016/NĐ-CP", "80/2015/QH13"], True),
    # near-misses: the month or year ends before the replacement took effect
    ("Lâm Đồng, ngày      tháng 3 năm 2025", [], False),
    ("Lâm Đồng, ngày      tháng      năm 2024", [], False),
])
def test_grounds_of_a_draft_checked_over_its_month_or_year(line, cited, within):
    found = check("CIT001", draft(line))
    assert _cited(found) == cited
    for f in found:
        assert "01/04/2025" in f.message and "ngày ký để trống" in f.message
        assert ("nếu ký từ ngày đó" in f.message) == within
    replaced = [f for f in found if "34/2016/NĐ-CP" in f.message]
    assert not cited or "78/2025/NĐ-CP, 79/2025/NĐ-CP" in replaced[0].message


def test_an_undated_document_gets_no_ground_finding():
    doc = draft("Lâm Đồng, ngày ... tháng ... năm 20...")
    assert check("CIT001", doc) == [] and check("CIT006", doc) == []


REPLACED = "34/2016/NĐ-CP"  # replaced from 01/04/2025 (shipped facts)


@pytest.mark.parametrize("period, expected", [
    ((date(2025, 5, 1), date(2025, 5, 31)), effect.REPEALED),
    ((date(2025, 3, 1), date(2025, 3, 31)), effect.IN_FORCE),
    ((date(2025, 1, 1), date(2025, 12, 31)), effect.UNKNOWN),  # the status changes within the year
    ((date(2025, 4, 1), date(2025, 4, 1)), effect.REPEALED),  # one day
    (None, effect.UNKNOWN),  # no date at all: never today's status
])
def test_status_over_a_period(period, expected):
    assert status_in(effect.shipped(), REPLACED, period, "Nghị định") == expected


def test_citation_status_in_the_database_follows_the_period(tmp_path):
    db = store.open_db(tmp_path / "r.db")
    for i, line in enumerate(["Lâm Đồng, ngày      tháng 5 năm 2025", "Lâm Đồng, ngày      tháng      năm 2025",
                              "Lâm Đồng, ngày ... tháng ... năm 20..."]):
        doc = draft(line)
        doc.source.path, doc.source.sha256 = f"/tmp/du-thao-{i}.txt", str(i) * 64
        store.save_document(db, doc)
    store.refresh_derived(db)
    rows = db.query("select d.issued_in, d.year, c.status from citations c join documents d on d.id = c.document_id "
                    "where c.number = ?", [REPLACED])
    got = sorted((r["issued_in"] or "", r["year"] or 0, r["status"]) for r in rows)
    assert got == [("", 0, effect.UNKNOWN), ("2025", 2025, effect.UNKNOWN), ("2025-05", 2025, effect.REPEALED)]


@pytest.mark.parametrize("value, shown", [
    ("2024-03-12", "12/03/2024"), ("2026-06", "tháng 06/2026"), ("2026", "năm 2026"), (None, ""),
    ("không rõ", "không rõ"),
])
def test_dates_as_a_reviewer_reads_them(value, shown):
    assert vn_date(value) == shown


def test_document_page_header_shows_the_month_of_a_draft(tmp_path):
    import sqlite3

    from rasoat.web.document import header_fields

    db = store.open_db(tmp_path / "r.db")
    for i, line in enumerate(["Lâm Đồng, ngày      tháng 5 năm 2025", "Lâm Đồng, ngày 12 tháng 5 năm 2025"]):
        doc = draft(line)
        doc.source.path, doc.source.sha256 = f"/tmp/du-thao-{i}.txt", str(i) * 64
        store.save_document(db, doc)
    conn = sqlite3.connect(tmp_path / "r.db")
    conn.row_factory = sqlite3.Row
    shown = sorted(dict(header_fields(r))["Ngày ban hành"] for r in conn.execute("select * from documents"))
    assert shown == ["12/05/2025", "tháng 05/2025 (ngày để trống hoặc không đọc được)"]

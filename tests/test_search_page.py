"""The site's search page as a reviewer means it (rasoat.web.search): the
document itself first when the query is its number, a quoted phrase found
with or without diacritics, and copies of one document grouped under the
first.  Over the database the real CLI builds (tests/test_datasette.py),
plus, for copies, a second file of one of its documents."""

from __future__ import annotations

import re
import sqlite3

import pytest
from click.testing import CliRunner
from test_datasette import EXTRA_DOCUMENTS, Server, builder, fetch, review_db  # noqa: F401  (fixture)

from rasoat.cli import cli
from rasoat.numbers import number_key
from rasoat.vntext import unify
from rasoat.web.search import are_copies, group_copies, match_expression, phrase_variants, search_all


@pytest.fixture(scope="module")
def server(review_db):  # noqa: F811
    s = Server(review_db)
    yield s.base
    s.stop()


def connect(db) -> sqlite3.Connection:
    conn = sqlite3.connect(db)
    conn.create_function("rasoat_unify", 1, unify)  # as the plugin registers it
    conn.create_function("rasoat_number_key", 1, number_key)
    return conn


def document_numbers(page: str) -> list[str]:
    """The documents a search page lists, in order (copies apart)."""
    return re.findall(r'<li class="hit-document"><a href="[^"]+"><strong>[^<]*?([0-9][^<]*)</strong>', page)


@pytest.mark.parametrize("query, first", [
    ("93/NQ-HĐND", "93/NQ-HĐND"),
    ("93/NQ-HDND", "93/NQ-HĐND"),  # without diacritics
    ("93/nq-hdnd", "93/NQ-HĐND"),
    ("27/2025/QĐ-UBND", "27/2025/QĐ-UBND"),
    ("27/2025/QD-UBND", "27/2025/QĐ-UBND"),
    ("88/TTr-STP", "88/TTr-STP"),  # cited by 05/2024/QĐ-UBND, which must come after it
])
def test_the_document_itself_first_for_its_number(server, query, first):
    status, page = fetch(f"{server}/-/rasoat/search?" + urllib_query(q=query))
    assert status == 200
    found = document_numbers(page)
    assert found and found[0] == first, found


@pytest.mark.parametrize("query, absent_first", [
    ("41/2020/QĐ-UBND", "41/2020/QĐ-UBND"),  # not in the database: only the documents citing it, no error
    ("193/NQ-HĐND", "193/NQ-HĐND"),  # near-miss of 93/NQ-HĐND: not promoted
])
def test_a_number_not_in_the_database_promotes_nothing(server, query, absent_first):
    status, page = fetch(f"{server}/-/rasoat/search?" + urllib_query(q=query))
    assert status == 200
    assert absent_first not in document_numbers(page)


@pytest.mark.parametrize("typed, folded", [
    ('"đăng ký kinh doanh"', '"dang ky kinh doanh"'),
    ('"Ủy ban nhân dân tỉnh"', '"uy ban nhan dan tinh"'),
    ('"hỗ trợ hộ kinh doanh"', '"ho tro ho kinh doanh"'),
    ('"Hội đồng nhân dân"', '"hoi dong nhan dan"'),
])
def test_quoted_phrase_with_and_without_diacritics_gives_the_same_documents(server, typed, folded):
    pages = [fetch(f"{server}/-/rasoat/search?" + urllib_query(q=q))[1] for q in (typed, folded)]
    assert document_numbers(pages[0]) == document_numbers(pages[1])
    assert document_numbers(pages[0])  # and something is found


def test_quoted_phrase_keeps_word_order(review_db):  # noqa: F811
    conn = connect(review_db)
    assert search_all(conn, '"kinh doanh dang ky"')["documents"] == []  # the words, not the phrase
    assert search_all(conn, "kinh doanh dang ky")["documents"]


@pytest.mark.parametrize("phrase, variants", [
    ("đăng ký", ["dang ky", "đang ky"]),
    ("dang ky", ["dang ky", "đang ky"]),
    ("uy ban", ["uy ban"]),
    ("Đơn đề nghị", ["don de nghi", "don đe nghi", "đon de nghi", "đon đe nghi"]),
])
def test_phrase_variants(phrase, variants):
    assert sorted(phrase_variants(phrase)) == sorted(variants)


def test_single_words_and_numbers_are_matched_as_datasette_does():
    assert match_expression("dang ky") == '"dang" "ky"'
    assert match_expression("93/NQ-HDND") == '"93/NQ-HDND"'
    assert match_expression('"dang ky"') == '("dang ky" OR "đang ky")'
    assert match_expression('"Đăng ký"') == '("Đăng ký" OR "dang ky" OR "đang ky")'


@pytest.mark.parametrize("a, b, copies", [
    (dict(number_key="93/nq/hdnd", issued_on="2023-12-10", text="x"),
     dict(number_key="93/nq/hdnd", issued_on="2023-12-10", text="y"), True),  # same number and date
    (dict(number_key="93/nq/hdnd", issued_on="2023-12-10", text="a b c d e f"),
     dict(number_key="93/nq/hdnd", issued_on="2024-12-10", text="g h i j k l"), False),  # another year's
    (dict(number_key=None, text="Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này ngay"),
     dict(number_key=None, text="Giao Uỷ ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này ngay"), True),
    (dict(number_key=None, text="Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này ngay"),
     dict(number_key=None, text="Giao Sở Tư pháp chủ trì theo dõi việc thi hành Quyết định này ngay"), False),
    (dict(number_key=None, text=""), dict(number_key=None, text=""), False),  # nothing to compare
])
def test_are_copies(a, b, copies):
    assert are_copies(a, b) is copies


def test_group_copies_keeps_order_and_lists_the_others():
    rows = [dict(document_id=i, number_key=k, issued_on="2024-01-01", text=str(i)) for i, k in
            enumerate(["1/qd/ubnd", "2/qd/ubnd", "1/qd/ubnd", "3/qd/ubnd", "2/qd/ubnd"])]
    grouped = group_copies(rows)
    assert [d["document_id"] for d in grouped] == [0, 1, 3]
    assert [[c["document_id"] for c in d["copies"]] for d in grouped] == [[2], [4], []]


def test_copies_grouped_in_search_results(review_db, tmp_path):  # noqa: F811
    """A second file of 93/NQ-HĐND (one more line at its end: other bytes, the same document) is listed under
    the first, not as a result of its own."""
    db = tmp_path / "rasoat.db"
    with sqlite3.connect(review_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    txt = tmp_path / "nq-93-ban-sao.txt"
    txt.write_text(EXTRA_DOCUMENTS["nq-93.txt"] + "\nBản sao.\n", encoding="utf-8")
    pdf = tmp_path / "nq-93-ban-sao.pdf"
    builder().render(txt, pdf)
    result = CliRunner().invoke(cli, ["ingest", str(pdf), "--db", str(db)])
    assert result.exit_code == 0, result.output
    docs = search_all(connect(db), "dang ky kinh doanh")["documents"]
    numbers = [d["number"] for d in docs]
    assert numbers.count("93/NQ-HĐND") == 1, numbers
    first = next(d for d in docs if d["number"] == "93/NQ-HĐND")
    files = {first["file_name"], *(c["file_name"] for c in first["copies"])}
    assert files == {"nq-93.pdf", "nq-93-ban-sao.pdf"}, [(d["file_name"], d["copies"]) for d in docs]


def urllib_query(**params) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


@pytest.mark.parametrize("typed, folded", [
    ('"đăng ký kinh doanh"', '"dang ky kinh doanh"'),
    ('"Hội đồng nhân dân"', '"hoi dong nhan dan"'),
])
def test_table_search_and_canned_query_fold_quoted_phrases_too(server, typed, folded):
    """Datasette's table search and the canned query search_documents call the SQL function escape_fts, which
    the plugin replaces with match_expression."""
    import json

    def numbers(path, **params):
        status, body = fetch(f"{server}{path}.json?" + urllib_query(_shape="array", **params))
        assert status == 200, body[:300]
        return sorted(r.get("number") or r.get("Số ký hiệu") or "" for r in json.loads(body))

    for path, name in (("/rasoat/documents", "_search"), ("/rasoat/search_documents", "từ_khóa")):
        with_marks, without = numbers(path, **{name: typed}), numbers(path, **{name: folded})
        assert with_marks == without and with_marks, (path, with_marks, without)


def test_exact_search_keeps_a_quoted_phrase_as_typed(server):
    import json

    status, body = fetch(f"{server}/rasoat/exact_search.json?" + urllib_query(_shape="array", **{
        "từ_khóa": '"đăng ký kinh doanh"'}))
    assert status == 200
    found = json.loads(body)
    assert found  # the phrase as typed is among the spellings asked


@pytest.mark.parametrize("query", ["quyết định", "uy ban nhan dan", "ho so"])
def test_the_page_ranks_the_newest_matches_of_a_common_word(review_db, query):  # noqa: F811
    """A word in half of a large database is not scored for every match: the page ranks the newest
    ``window`` matches; with a window as large as the matches, every one is ranked (the default for a
    province's database)."""
    from rasoat.search_index import fts_name
    from rasoat.web.search import match_expression

    conn = connect(review_db)
    rowids = [r for (r,) in conn.execute(f"select rowid from [{fts_name('documents')}] where [{fts_name('documents')}] "
                                         "match ? order by rowid desc", [match_expression(query)])]
    assert len(rowids) >= 3, query
    every = search_all(conn, query)["documents"]
    assert {d["rowid"] for d in every} | {c["rowid"] for d in every for c in d["copies"]} == set(rowids)
    two = search_all(conn, query, window=2)["documents"]
    assert {d["rowid"] for d in two} | {c["rowid"] for d in two for c in d["copies"]} == set(rowids[:2])

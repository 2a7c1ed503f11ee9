"""The rows of a page as a file for Excel (``/-/rasoat/export.csv|xlsx?from=<page>``, rasoat.web.export): a
canned query's and an SQL query's rows with their parameters, Vietnamese headers, a byte order mark; a
``from`` that is not a page of this server is refused.  Over a real server (tests/test_datasette.py)."""

from __future__ import annotations

import codecs
import csv
import io
import urllib.parse
import urllib.request
import zipfile

import pytest
from test_datasette import Server, fetch, review_db  # noqa: F401  (fixture)

from rasoat.web.export import csv_address, relabel, to_csv, to_xlsx


@pytest.fixture(scope="module")
def server(review_db):  # noqa: F811
    s = Server(review_db)
    yield s.base
    s.stop()


def download(server, page: str, kind: str = "csv") -> tuple[int, bytes, dict]:
    url = f"{server}/-/rasoat/export.{kind}?" + urllib.parse.urlencode({"from": page})
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


def read(body: bytes) -> list[list[str]]:
    assert body.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_canned_query_with_parameters(server):
    page = "/rasoat/findings_by_document?" + urllib.parse.urlencode({"số_ký_hiệu": "93/NQ-HDND", "mức_độ": ""})
    status, body, headers = download(server, page)
    assert status == 200
    assert headers["content-disposition"].startswith("attachment;")
    rows = read(body)
    assert rows[0][:3] == ["Mức độ", "Mã quy tắc", "Quy tắc"]
    assert "Văn bản (mở trang)" in rows[0]
    assert len(rows) > 1 and all(r[rows[0].index("Văn bản (mở trang)")] for r in rows[1:])


def test_sql_query(server):
    status, body, _ = download(server, "/rasoat?" + urllib.parse.urlencode(
        {"sql": "select number, issued_on from documents where number like '%QĐ-UBND' order by number"}))
    assert status == 200
    rows = read(body)
    assert rows[0] == ["Số ký hiệu", "Ngày ban hành"]
    assert ["05/2024/QĐ-UBND", "2024-03-12"] in rows


def test_table_rows_follow_the_page_filters_and_name_documents_by_number(server):
    status, body, _ = download(server, "/rasoat/findings?severity=error&_col=document_id&_col=severity&_col=rule_id")
    assert status == 200
    rows = read(body)
    assert rows[0] == ["Văn bản", "Mức độ", "Quy tắc"]
    assert {r[1] for r in rows[1:]} == {"Lỗi"}
    assert all("/" in r[0] for r in rows[1:])  # a number, not a 64-character id


def test_xlsx(server):
    status, body, headers = download(server, "/rasoat/documents?doc_type=Ngh%E1%BB%8B+quy%E1%BA%BFt", "xlsx")
    assert status == 200 and headers["content-type"].startswith("application/vnd.openxmlformats")
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        strings = z.read("xl/sharedStrings.xml").decode()
    assert "Số ký hiệu" in strings and "93/NQ-HĐND" in strings


@pytest.mark.parametrize("page", [
    "//example.com/rasoat/documents",  # another host
    "/-/rasoat/export.csv?from=/rasoat/documents",  # itself
    "/rasoat/documents.json",  # not a page
    "rasoat/documents",  # not a path
    "/a/b/c",
])
def test_a_from_that_is_not_a_page_here_is_refused(server, page):
    status, _, _ = download(server, page)
    assert status == 400


@pytest.mark.parametrize("page, table, expected", [
    ("/rasoat/documents?_col=number&_facet=issuer&_next=20", True,
     "/rasoat/documents.csv?_col=number&_labels=on&_stream=on&_size=max"),
    ("/rasoat/q?x=1", False, "/rasoat/q.csv?x=1&_labels=on"),
    ("/rasoat?sql=select+1", False, "/rasoat.csv?sql=select+1&_labels=on"),
])
def test_csv_address(page, table, expected):
    assert csv_address(page, table) == expected


def test_relabel_keeps_an_expanded_column_once_under_its_label():
    rows = [["rowid", "document_id", "document_id_label", "severity"],
            ["1", "abc123", "93/NQ-HĐND", "warning"], ["2", "def456", "", "error"]]
    words = {"warning": "Cảnh báo", "error": "Lỗi"}
    out = relabel(rows, {"document_id": "Văn bản", "severity": "Mức độ"}.get,
                  lambda column, value: words.get(value) if column == "severity" else None)
    assert out == [["Văn bản", "Mức độ"], ["93/NQ-HĐND", "Cảnh báo"], ["def456", "Lỗi"]]


def test_to_csv_and_to_xlsx_write_what_they_are_given():
    rows = [["Số ký hiệu", "Số trang"], ["01/2024/QĐ-UBND", "12"], ["Đ", "007"]]
    assert to_csv(rows).decode("utf-8-sig").splitlines() == ["Số ký hiệu,Số trang", "01/2024/QĐ-UBND,12", "Đ,007"]
    with zipfile.ZipFile(io.BytesIO(to_xlsx(rows))) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        strings = z.read("xl/sharedStrings.xml").decode()
    assert "<v>12</v>" in sheet  # a number as a number
    assert "007" in strings  # a code with a leading zero stays text

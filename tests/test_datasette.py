"""A real Datasette server (``rasoat serve``'s command line, rasoat's plugin
through its entry point) on a free localhost port over a database built by
the real CLI from the sample corpus plus three documents written here (a
Nghị quyết 93/NQ-HĐND, a Quyết định citing it and a Quyết định repealed
before it was cited, with "đăng ký kinh doanh" and old-style "Uỷ ban").
Pages and JSON are fetched over HTTP."""

from __future__ import annotations

import base64
import json
import os
import re
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasoat import store
from rasoat.cli import cli, datasette_command
from rasoat.samples import builder
from rasoat.web.highlight import Span, mark_up, snippet
from rasoat.web.serve import SUGGEST_FACETS_UP_TO, environment, metadata_path

ROOT = Path(__file__).resolve().parent.parent

HEADER = "# Văn bản thử nghiệm của tests/test_datasette.py (không có giá trị pháp lý).\n"
EXTRA_DOCUMENTS = {
    "nq-93.txt": HEADER + """issuer_lines: HỘI ĐỒNG NHÂN DÂN | TỈNH THÁI NGUYÊN
issuer_bold: 2
number_line: Số: 93/NQ-HĐND
date_line: Thái Nguyên, ngày 10 tháng 12 năm 2023
kind: administrative
---
# NGHỊ QUYẾT
# Về hỗ trợ hộ kinh doanh chuyển đổi sang đăng ký kinh doanh doanh nghiệp năm 2024
[rule]
# HỘI ĐỒNG NHÂN DÂN TỈNH THÁI NGUYÊN
# KHÓA XIV, KỲ HỌP THỨ 17

*Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;*

# QUYẾT NGHỊ:

## Điều 1. Nội dung hỗ trợ
Hỗ trợ chi phí đăng ký kinh doanh cho hộ kinh doanh chuyển đổi thành doanh nghiệp trên địa bàn tỉnh.
## Điều 2. Tổ chức thực hiện
Giao Uỷ ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.

[signature]
CHỦ TỊCH



Phạm Hoàng Sơn
[/signature]
""",
    "qd-09.txt": HEADER + """issuer_lines: UỶ BAN NHÂN DÂN | TỈNH THÁI NGUYÊN
issuer_bold: 2
number_line: Số: 09/2024/QĐ-UBND
date_line: Thái Nguyên, ngày 05 tháng 3 năm 2024
kind: qppl
---
# QUYẾT ĐỊNH
# Bãi bỏ Quyết định số 41/2020/QĐ-UBND về quản lý cụm công nghiệp trên địa bàn tỉnh
[rule]
# UỶ BAN NHÂN DÂN TỈNH THÁI NGUYÊN

*Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;*

# QUYẾT ĐỊNH:

## Điều 1. Bãi bỏ văn bản
Bãi bỏ Quyết định số 41/2020/QĐ-UBND ngày 15 tháng 9 năm 2020 của Uỷ ban nhân dân tỉnh Thái Nguyên """
    """về quản lý cụm công nghiệp trên địa bàn tỉnh.
## Điều 2. Hiệu lực thi hành
Quyết định này có hiệu lực kể từ ngày 20 tháng 3 năm 2024.

[signature]
TM. UỶ BAN NHÂN DÂN
CHỦ TỊCH



Trịnh Việt Hùng
[/signature]
""",
    "qd-27.txt": HEADER + """issuer_lines: UỶ BAN NHÂN DÂN | TỈNH THÁI NGUYÊN
issuer_bold: 2
number_line: Số: 27/2025/QĐ-UBND
date_line: Thái Nguyên, ngày 14 tháng 4 năm 2025
kind: qppl
---
# QUYẾT ĐỊNH
# Quy định mức hỗ trợ đăng ký kinh doanh cho hộ kinh doanh chuyển đổi thành doanh nghiệp
[rule]
# UỶ BAN NHÂN DÂN TỈNH THÁI NGUYÊN

*Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;*
*Căn cứ Nghị quyết số 93/NQ-HĐND ngày 10 tháng 12 năm 2023 của Hội đồng nhân dân tỉnh """
    """về hỗ trợ hộ kinh doanh chuyển đổi;*
*Căn cứ Quyết định số 41/2020/QĐ-UBND ngày 15 tháng 9 năm 2020 của Uỷ ban nhân dân tỉnh về quản lý cụm công nghiệp;*

# QUYẾT ĐỊNH:

## Điều 1. Mức hỗ trợ
Mức hỗ trợ chi phí đăng ký kinh doanh là 5.000.000 đồng cho mỗi hộ kinh doanh chuyển đổi.
## Điều 2. Hiệu lực thi hành
Quyết định này có hiệu lực kể từ ngày 01 tháng 5 năm 2025.

[signature]
TM. UỶ BAN NHÂN DÂN
CHỦ TỊCH



Trịnh Việt Hùng
[/signature]
""",
}


# ---- the database and the server ------------------------------------------

def render_extra_documents(folder: Path) -> list[Path]:
    build = builder()
    for name, source in EXTRA_DOCUMENTS.items():
        txt = folder / name
        txt.write_text(source, encoding="utf-8")
        build.render(txt, folder / f"{txt.stem}.pdf")
    return sorted(folder.glob("*.pdf"))


def build_review_db(sample_db: Path, folder: Path) -> Path:
    """A copy of the sample database (named rasoat.db, as Datasette's
    database "rasoat") with the extra documents ingested and checked by the CLI."""
    db = folder / "rasoat.db"
    with sqlite3.connect(sample_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    pdf_dir = folder / "extra"
    pdf_dir.mkdir()
    pdfs = render_extra_documents(pdf_dir)
    assert len(pdfs) == 3
    for args in (["ingest", *map(str, pdfs), "--db", str(db)], ["check", "--db", str(db)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def review_db(sample_db, tmp_path_factory) -> Path:
    return build_review_db(sample_db, tmp_path_factory.mktemp("review"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``datasette serve`` as ``rasoat serve`` runs it, in a child process."""

    def __init__(self, db: Path, no_sql: bool = False, password: str | None = None, env: dict | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.password = password
        argv = datasette_command(str(db), self.port, no_sql=no_sql)
        self.log = db.parent / f"datasette-{self.port}.log"  # a file, not a pipe nobody reads (it would fill up)
        env = {**environment(password), **(env or {})}
        # the plugin imported from this checkout, not from wherever the entry point was installed
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.base + "/-/versions.json", timeout=1)
                return
            except urllib.error.HTTPError:  # up, but asking for a password
                return
            except OSError:
                if self.proc.poll() is not None:
                    pytest.fail("datasette stopped:\n" + self.log.read_text(errors="replace"))
                time.sleep(0.2)
        self.stop()
        pytest.fail("datasette did not start within 60 s")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="module")
def server(review_db):
    s = Server(review_db)
    yield s.base
    s.stop()


def fetch(url: str, method: str = "GET", data: bytes | None = None, headers: dict | None = None):
    """(status, body) of a request, whatever the status."""
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def rows(base, path, **params):
    params.setdefault("_shape", "array")
    status, body = fetch(f"{base}{path}.json?{urllib.parse.urlencode(params)}")
    assert status == 200, body[:500]
    return json.loads(body)


def html(base, path) -> str:
    status, body = fetch(base + path)
    assert status == 200, body[:500]
    return body


def numbers(found) -> set[str]:
    return {r.get("number") or r.get("Số ký hiệu") for r in found}


def doc_id(db: Path, number: str) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("select id from documents where number = ?", [number]).fetchone()[0]


# ---- Vietnamese labels ------------------------------------------------------

def test_home_page_is_in_vietnamese(server):
    page = html(server, "/")
    for text in ("rasoat — rà soát văn bản", "Bảng dữ liệu", "Truy vấn soạn sẵn", "Văn bản", "Phát hiện",
                 "Quy tắc kiểm tra", "Căn cứ không còn hiệu lực", "Tổng quan", "Giấy phép dữ liệu",
                 "Nguồn dữ liệu", 'name="q"'):
        assert text in page, text


@pytest.mark.parametrize("table, title, labels", [
    ("documents", "Văn bản", ["Số ký hiệu", "Cơ quan ban hành", "Loại văn bản", "Ngày ban hành", "Trích yếu"]),
    ("findings", "Phát hiện", ["Quy tắc", "Mức độ", "Bằng chứng", "Văn bản"]),
    ("citations", "Trích dẫn", ["Quan hệ", "Số ký hiệu được trích dẫn"]),
    ("rules", "Quy tắc kiểm tra", ["Tên quy tắc", "Căn cứ pháp lý"]),
    ("bodies", "Cơ quan được nhắc tới", ["Chữ như in", "Tên cơ quan", "Loại cơ quan", "Cấp"]),
])
def test_tables_have_vietnamese_titles_and_column_labels(server, table, title, labels):
    page = html(server, f"/rasoat/{table}")
    assert re.search(rf"<h1[^>]*>\s*{re.escape(title)}\s*</h1>", page), title
    headers = " ".join(re.findall(r"<th[^>]*>(.*?)</th>", page, re.S))
    for label in labels:
        assert label in headers, label


@pytest.mark.parametrize("table, facets", [
    ("documents", {"doc_type", "issuer", "year", "is_qppl"}),
    ("findings", {"severity", "rule_id", "document_id"}),
])
def test_facets(server, table, facets):
    status, body = fetch(f"{server}/rasoat/{table}.json")
    assert facets <= set(json.loads(body)["facet_results"])


def test_facet_values_and_cells_are_in_vietnamese(server):
    page = html(server, "/rasoat/documents")
    assert "Văn bản QPPL" in page and "Không phải QPPL" in page  # is_qppl 1/0
    page = html(server, "/rasoat/findings")
    assert ">Lỗi<" in page  # severity "error"


def test_foreign_keys_show_document_numbers_and_rule_titles(server, review_db):
    page = html(server, "/rasoat/findings?rule_id=FIG002")
    assert ">1347/BC-SNV</a>" in page  # document_id shown by its number
    assert "Tử số lớn hơn mẫu số" in page  # rule_id shown by its title


# ---- search -------------------------------------------------------------------

@pytest.mark.parametrize("query, present, absent", [
    ("dang ky kinh doanh", {"93/NQ-HĐND", "27/2025/QĐ-UBND"}, {"1347/BC-SNV", "05/2024/QĐ-UBND"}),
    ("đăng ký kinh doanh", {"93/NQ-HĐND", "27/2025/QĐ-UBND"}, {"1347/BC-SNV"}),
    ("DANG KY KINH DOANH", {"93/NQ-HĐND", "27/2025/QĐ-UBND"}, {"1347/BC-SNV"}),
    # "Uỷ" (old tone placement) only in 09/2024 and 27/2025, "Ủy" only in the samples
    ("uy ban", {"09/2024/QĐ-UBND", "27/2025/QĐ-UBND", "05/2024/QĐ-UBND", "215/BC-UBND"}, set()),
    ("ủy ban", {"09/2024/QĐ-UBND", "05/2024/QĐ-UBND"}, set()),
    ("Uỷ ban", {"09/2024/QĐ-UBND", "05/2024/QĐ-UBND"}, set()),
    ("qd ubnd", {"05/2024/QĐ-UBND", "1234/QĐ-UBND", "15/QĐ-UBND", "27/2025/QĐ-UBND"},
     {"12/2024/NQ-HĐND", "1347/BC-SNV"}),
    ("QĐ-UBND", {"05/2024/QĐ-UBND", "1234/QĐ-UBND"}, {"1347/BC-SNV"}),
    # đ → d: the same documents either way
    ("hdnd tinh thai nguyen", {"93/NQ-HĐND"}, {"1347/BC-SNV"}),
    ("HĐND tỉnh Thái Nguyên", {"93/NQ-HĐND"}, {"1347/BC-SNV"}),
])
def test_document_search_without_diacritics(server, query, present, absent):
    found = numbers(rows(server, "/rasoat/documents", _search=query))
    assert present <= found
    assert not absent & found


@pytest.mark.parametrize("query, expected", [
    ("93/NQ-HĐND", {"93/NQ-HĐND", "27/2025/QĐ-UBND"}),  # the document and the one citing it
    ("93/NQ-HDND", {"93/NQ-HĐND", "27/2025/QĐ-UBND"}),
    ("93/nq-hdnd", {"93/NQ-HĐND", "27/2025/QĐ-UBND"}),
    ("88/TTr-STP", {"88/TTr-STP", "05/2024/QĐ-UBND"}),  # samples: the QĐ cites its Tờ trình
    ("41/2020/QĐ-UBND", {"09/2024/QĐ-UBND", "27/2025/QĐ-UBND"}),  # not in the database, cited by both
    ("193/NQ-HĐND", set()),
])
def test_number_search_finds_the_document_and_those_citing_it(server, query, expected):
    assert numbers(rows(server, "/rasoat/documents", _search=query)) == expected


@pytest.mark.parametrize("query", ["dang ky kinh doanh", "uy ban nhan dan", "93/NQ-HDND", "41/2020/QĐ-UBND",
                                   "bao cao", "193/NQ-HĐND", ""])
def test_search_documents_query_finds_what_the_table_search_finds_newest_first(server, query):
    found = rows(server, "/rasoat/search_documents", **{"từ_khóa": query})
    table = rows(server, "/rasoat/documents", _search=query, _size="max") if query else []
    assert numbers(found) == numbers(table)
    dates = [r["Ngày ban hành"] or "" for r in found]
    assert dates == sorted(dates, reverse=True)


def test_same_search_from_the_table_page(server):
    page = html(server, "/rasoat/documents?" + urllib.parse.urlencode({"_search": "dang ky kinh doanh"}))
    assert "93/NQ-HĐND" in page and "1347/BC-SNV" not in page


@pytest.mark.parametrize("table, query, check", [
    ("articles", "dang ky kinh doanh", lambda r: {a["title"] for a in r} >= {"Nội dung hỗ trợ", "Mức hỗ trợ"}),
    ("articles", "uy ban nhan dan tinh to chuc thuc hien", lambda r: any(a["title"] == "Tổ chức thực hiện" for a in r)),
    ("findings", "tu so lon hon mau so", lambda r: [f["rule_id"] for f in r] == ["FIG002"]),
    ("findings", "97/92", lambda r: [f["rule_id"] for f in r] == ["FIG002"]),
    ("findings", "ty le phan tram", lambda r: "FIG001" in {f["rule_id"] for f in r}),
])
def test_article_and_finding_search(server, table, query, check):
    assert check(rows(server, f"/rasoat/{table}", _search=query, _labels="off"))


@pytest.mark.parametrize("query, present, absent", [
    ("đăng ký kinh doanh", {"93/NQ-HĐND", "27/2025/QĐ-UBND"}, {"1347/BC-SNV"}),
    ("dang ky kinh doanh", set(), {"93/NQ-HĐND", "27/2025/QĐ-UBND"}),  # exact: without diacritics is another word
    # in the samples, 604/STP-VP and 05/2024 have only "thể", 318/2025 and 88/TTr-STP only "thế"
    ("thể", {"604/STP-VP", "05/2024/QĐ-UBND"}, {"318/2025/NĐ-CP", "88/TTr-STP"}),
    ("thế", {"318/2025/NĐ-CP", "88/TTr-STP"}, {"604/STP-VP", "05/2024/QĐ-UBND"}),
    # 93/NQ-HĐND writes "Giao Uỷ ban" (old tone placement): the new one finds it too
    ("giao ủy ban", {"93/NQ-HĐND"}, set()),
    ("giao uy ban", set(), {"93/NQ-HĐND"}),
    ("", set(), {"93/NQ-HĐND"}),
])
def test_exact_search_tells_diacritics_apart(server, query, present, absent):
    found = numbers(rows(server, "/rasoat/exact_search", **{"từ_khóa": query}))
    assert present <= found
    assert not absent & found
    if not present:
        assert found == set()


def test_search_page_lists_documents_articles_and_findings(server):
    page = html(server, "/-/rasoat/search?" + urllib.parse.urlencode({"q": "dang ky kinh doanh"}))
    assert "93/NQ-HĐND" in page and "27/2025/QĐ-UBND" in page
    assert re.search(r'<mark class="hit">[Đđ]ăng ký kinh doanh</mark>', page)
    assert "Điều 1" in page
    page = html(server, "/-/rasoat/search?" + urllib.parse.urlencode({"q": "tu so lon hon mau so"}))
    assert "FIG002" in page and "#f-" in page


# ---- canned queries -------------------------------------------------------------

CANNED = [
    ("findings_by_document", {"số_ký_hiệu": "1347/BC-SNV", "mức_độ": ""},
     lambda r: {x["Mã quy tắc"] for x in r} >= {"FIG002", "FIG004"} and all(x["Mức độ"] for x in r)),
    ("findings_by_document", {"số_ký_hiệu": "1347/bc-snv", "mức_độ": "lỗi"},
     lambda r: r and {x["Mức độ"] for x in r} == {"error"}),
    ("findings_by_document", {"số_ký_hiệu": "1347/BC-SNV", "mức_độ": "thông tin"},
     lambda r: all(x["Mức độ"] == "info" for x in r)),
    ("qppl_by_issuer_year", {"cơ_quan": "ubnd tinh thai nguyen", "năm": "2025"},
     lambda r: [x["Số ký hiệu"] for x in r] == ["27/2025/QĐ-UBND"]),
    ("qppl_by_issuer_year", {"cơ_quan": "Ủy ban nhân dân tỉnh Thái Nguyên", "năm": ""},
     lambda r: [x["Số ký hiệu"] for x in r] == ["09/2024/QĐ-UBND", "27/2025/QĐ-UBND"]),
    ("qppl_by_issuer_year", {"cơ_quan": "Lâm Đồng", "năm": "2024"},
     lambda r: [x["Số ký hiệu"] for x in r] == ["05/2024/QĐ-UBND"]),
    ("citing_documents", {"số_ký_hiệu": "93/NQ-HDND"},
     lambda r: [(x["Văn bản trích dẫn"], x["Quan hệ"]) for x in r] == [("27/2025/QĐ-UBND", "can_cu")]),
    ("citing_documents", {"số_ký_hiệu": "41/2020/QĐ-UBND"},
     lambda r: {x["Văn bản trích dẫn"] for x in r} == {"09/2024/QĐ-UBND", "27/2025/QĐ-UBND"}),
    ("repealed_grounds", {},
     lambda r: [(x["Văn bản"], "41/2020" in x["Căn cứ"] + x["Lý do"]) for x in r] == [("27/2025/QĐ-UBND", True)]),
    ("figure_errors", {"văn_bản": ""},
     lambda r: {(x["Văn bản"], x["Mã quy tắc"]) for x in r} >= {
         ("1347/BC-SNV", "FIG002"), ("1347/BC-SNV", "FIG004"), ("215/BC-UBND", "FIG001")}),
    ("figure_errors", {"văn_bản": "215/BC-UBND"},
     lambda r: {x["Văn bản"] for x in r} == {"215/BC-UBND"} and "92,26%" in r[0]["Nội dung"]),
    ("procedures_by_code", {"mã": "1.004746"},
     lambda r: r and {x["Mã TTHC"] for x in r} == {"1.004746"} and {x["Văn bản"] for x in r} == {"1234/QĐ-UBND"}),
    ("procedures_by_code", {"mã": "9.999"}, lambda r: r == []),
    # the samples cite Luật 80/2015/QH13 by name and date only (three), or by name and year (the Tờ trình: "Luật Ban
    # hành văn bản quy phạm pháp luật năm 2015"): the registry gives them its number
    ("citing_documents", {"số_ký_hiệu": "80/2015/QH13"},
     lambda r: {x["Văn bản trích dẫn"] for x in r} == {"12/2024/NQ-HĐND", "15/QĐ-UBND", "05/2024/QĐ-UBND",
                                                        "88/TTr-STP"}),
    # 27/2025 (signed 14/4/2025) cites 41/2020, repealed by 09/2024 from 20/3/2024
    ("grounds_not_in_force_on_signing", {},
     lambda r: [(x["Văn bản"], x["Số ký hiệu căn cứ"], x["Hết hiệu lực từ"]) for x in r
                if x["Văn bản"] == "27/2025/QĐ-UBND"] == [("27/2025/QĐ-UBND", "41/2020/QĐ-UBND", "2024-03-20")]
     and all(x["Hiệu lực tại ngày ký"] in ("hết hiệu lực toàn bộ", "hết hiệu lực một phần") for x in r)),
    ("findings_by_issuer", {"cơ_quan": "Sở Nội vụ"},
     lambda r: {x["Văn bản"] for x in r} == {"1347/BC-SNV"} and len(r) >= 2),
]


@pytest.mark.parametrize("name, params, check", CANNED, ids=[f"{c[0]}-{i}" for i, c in enumerate(CANNED)])
def test_canned_query(server, name, params, check):
    result = rows(server, f"/rasoat/{name}", **params)
    assert check(result), result


def test_canned_queries_have_vietnamese_titles(server):
    page = html(server, "/rasoat")
    for title in ("Phát hiện của một văn bản, theo mức độ", "Văn bản QPPL của một cơ quan trong một năm",
                  "Văn bản trích dẫn một số ký hiệu", "Căn cứ không còn hiệu lực", "Số liệu báo cáo không khớp",
                  "Thủ tục hành chính theo mã", "Tìm văn bản, mới ban hành trước", "Tìm chính xác, phân biệt dấu",
                  "Văn bản căn cứ đã hết hiệu lực tại ngày ký"):
        assert title in page, title


# ---- the document page and the overview ------------------------------------------------

def test_document_page_marks_every_finding_and_links_to_it(server, review_db):
    ident = doc_id(review_db, "1347/BC-SNV")
    findings = rows(server, "/rasoat/findings", document_id=ident, _labels="off")
    page = html(server, f"/-/rasoat/document/{ident}")
    assert "Thông tin văn bản" in page and "Sở Nội vụ" in page and "Trang 1" in page
    assert {"FIG002", "FIG004"} <= {f["rule_id"] for f in findings}
    for f in findings:
        anchor = f'id="f-{f["rowid"]}"'
        mark = re.search(rf'<mark class="([^"]*)"[^>]*{anchor}[^>]*>([^<]*)</mark>', page)
        assert mark, f
        assert "finding" in mark.group(1).split()
        assert f'href="#f-{f["rowid"]}"' in page
    with sqlite3.connect(review_db) as conn:  # the marked text is the finding's span of the page text
        text, start, end = conn.execute(
            "select p.text, f.start, f.end from findings f join pages p on p.document_id = f.document_id "
            "and p.page = f.page where f.rule_id = 'FIG002' and f.document_id = ?", [ident]).fetchone()
    assert text[start:end] == "97/92 xã"
    assert re.search(r'<mark class="[^"]*finding[^"]*"[^>]*>97/92 xã</mark>', page)


def test_one_click_from_a_finding_row_to_its_evidence(server, review_db):
    ident = doc_id(review_db, "1347/BC-SNV")
    f = rows(server, "/rasoat/findings", document_id=ident, rule_id="FIG002", _labels="off")[0]
    page = html(server, "/rasoat/findings?rule_id=FIG002")
    assert f'href="/-/rasoat/document/{ident}#f-{f["rowid"]}"' in page
    page = html(server, "/rasoat/findings_by_document?" + urllib.parse.urlencode({"số_ký_hiệu": "1347/BC-SNV"}))
    assert f'href="/-/rasoat/document/{ident}#f-{f["rowid"]}"' in page


def test_document_page_of_a_citing_document_links_the_cited_one(server, review_db):
    page = html(server, f"/-/rasoat/document/{doc_id(review_db, '27/2025/QĐ-UBND')}")
    assert f'href="/-/rasoat/document/{doc_id(review_db, "93/NQ-HĐND")}"' in page
    assert re.search(r'<mark class="item cit"[^>]*>93/NQ-HĐND</mark>', page)


def test_document_page_shows_effect_status_evidence_and_diagram(server, review_db):
    ident27, ident93, ident09 = (doc_id(review_db, n) for n in ("27/2025/QĐ-UBND", "93/NQ-HĐND", "09/2024/QĐ-UBND"))
    page = html(server, f"/-/rasoat/document/{ident27}")
    assert "Tình trạng hiệu lực" in page and "Căn cứ vào ngày ký" in page
    svg = re.search(r"<svg[^>]*class=\"rasoat-diagram\".*?</svg>", page, re.S)
    assert svg, "no diagram"
    svg = svg.group(0)
    # a stored cited document is a link to its page; an unstored one to its registry row
    assert f'<a class="node" href="/-/rasoat/document/{ident93}">' in svg
    assert re.search(r'<a class="node" href="/rasoat/registry\?number_key=41%2F2020[^"]*"', svg)
    assert "căn cứ" in svg and "93/NQ-HĐND" in svg
    # the căn cứ repealed before the signing date, shown with its status, linked to the registry row
    row = re.search(r"41/2020/QĐ-UBND.*?</tr>", page, re.S).group(0)
    assert "hết hiệu lực toàn bộ" in row and "/rasoat/registry?number_key=" in row
    # the repealing document: its own status with evidence links into its text, and "bãi bỏ" in its diagram
    page = html(server, f"/-/rasoat/document/{ident09}")
    assert re.search(rf'class="evidence-link" href="/-/rasoat/document/{ident09}#(trang|c)-\d+"', page)
    assert re.search(r">bãi bỏ</text>.*41/2020/QĐ-UBND", page, re.S)
    # the registry: 41/2020 repealed by 09/2024, the evidence pointing at its clause
    found = rows(server, "/rasoat/registry", number="41/2020/QĐ-UBND")
    assert found and found[0]["status"] == "hết hiệu lực toàn bộ"
    assert json.loads(found[0]["repealed_by"]) == ["09/2024/QĐ-UBND"]
    assert json.loads(found[0]["evidence"])[0]["document_id"] == ident09


def test_registry_page_has_status_facets(server):
    page = html(server, "/rasoat/registry")
    assert "Sổ văn bản và hiệu lực" in page and "Tình trạng hiệu lực" in page
    assert "còn hiệu lực" in page and "hết hiệu lực toàn bộ" in page


def test_unknown_document_is_404(server):
    assert fetch(server + "/-/rasoat/document/0000")[0] == 404


def test_overview_bars_link_to_the_rows_behind_them(server):
    page = html(server, "/-/rasoat/overview")
    assert page.count('<svg class="chart"') == 6
    facet = json.loads(fetch(f"{server}/rasoat/documents.json?_facet=year&_size=0")[1])["facet_results"]["year"]
    for value in facet["results"]:
        link = re.escape(f'href="/rasoat/documents?year={value["value"]}"')
        bar = re.search(rf'<a {link} class="bar"><title>[^<]*</title><rect[^>]*/><text[^>]*>(\d+)</text>', page)
        assert bar and int(bar.group(1)) == value["count"], value
    assert 'href="/rasoat/findings?severity=error"' in page
    assert 'href="/rasoat/findings?rule_id=FIG002"' in page
    assert "/rasoat/findings_by_issuer?" in page and "/rasoat/figure_errors?" in page
    status, body = fetch(server + "/rasoat/findings.json?severity=error&_shape=array")
    errors = len(json.loads(body))
    assert re.search(rf'href="/rasoat/findings\?severity=error" class="bar"><title>[^<]*</title><rect[^>]*/>'
                     rf'<text[^>]*>{errors}</text>', page)


# ---- safe by default ---------------------------------------------------------------------

def count_findings(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from findings").fetchone()[0]


@pytest.mark.parametrize("method, path, data", [
    ("POST", "/rasoat/documents/-/insert", b'{"row": {"id": "x"}}'),  # Datasette's JSON write API
    ("POST", "/rasoat/findings/-/delete", b"{}"),
    ("POST", "/rasoat/-/create", b'{"table": "x", "row": {"a": 1}}'),
    ("POST", "/rasoat/findings_by_document", "số_ký_hiệu=1347/BC-SNV".encode()),  # canned queries are read-only
    ("POST", "/rasoat/findings", b"a=1"),
    ("PUT", "/rasoat/documents", b"{}"),
    ("DELETE", "/rasoat/findings/1", None),
])
def test_writes_through_the_site_are_refused(server, review_db, method, path, data):
    before = count_findings(review_db)
    status, body = fetch(server + path, method, data, {"Content-Type": "application/json"})
    assert status == 405, body[:300]
    assert "Chỉ đọc" in body
    assert count_findings(review_db) == before


@pytest.mark.parametrize("sql", [
    "delete from findings",
    "insert into rules (id) values ('X')",
    "select 1; delete from findings",
    "pragma query_only = 0",
])
def test_sql_that_writes_is_refused(server, review_db, sql):
    before = count_findings(review_db)
    status, body = fetch(f"{server}/rasoat.json?" + urllib.parse.urlencode({"sql": sql}))
    assert status in (400, 403), body[:300]
    assert count_findings(review_db) == before


def test_arbitrary_sql_is_allowed_by_default(server):
    assert rows(server, "/rasoat", sql="select count(*) as n from documents")[0]["n"] == 15


def test_no_sql_turns_off_arbitrary_sql_but_not_canned_queries(review_db):
    s = Server(review_db, no_sql=True)
    try:
        status, _ = fetch(f"{s.base}/rasoat.json?" + urllib.parse.urlencode({"sql": "select 1"}))
        assert status == 403
        assert rows(s.base, "/rasoat/citing_documents", **{"số_ký_hiệu": "93/NQ-HĐND"})
        assert rows(s.base, "/rasoat/documents", _search="dang ky kinh doanh")
    finally:
        s.stop()


def test_password_is_asked_for_every_page_and_the_api(review_db):
    s = Server(review_db, password="thu mat-khau 2025")
    good = {"Authorization": "Basic " + base64.b64encode(b"rasoat:thu mat-khau 2025").decode()}
    bad = {"Authorization": "Basic " + base64.b64encode(b"rasoat:sai").decode()}
    try:
        for path in ("/", "/rasoat/documents.json", "/-/rasoat/overview", "/rasoat/findings_by_document"):
            assert fetch(s.base + path)[0] == 401, path
            assert fetch(s.base + path, headers=bad)[0] == 401, path
            assert fetch(s.base + path, headers=good)[0] == 200, path
    finally:
        s.stop()


def test_password_with_diacritics_is_refused_clearly(review_db):
    result = CliRunner().invoke(cli, ["serve", "--db", str(review_db), "--password"],
                                env={"RASOAT_PASSWORD": "mật khẩu"})
    assert result.exit_code == 2
    assert "không dấu" in result.output


def test_serve_refuses_other_hosts_without_a_password(review_db):
    result = CliRunner().invoke(cli, ["serve", "--db", str(review_db), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "--password" in result.output


def test_server_listens_on_loopback_only(review_db):
    argv = datasette_command(str(review_db), 8001)
    assert argv[argv.index("--host") + 1] == "127.0.0.1"
    assert "-i" not in argv and "--immutable" not in argv  # read-only, not immutable: ingest may write meanwhile


def test_facet_suggestions_only_for_databases_of_a_province_s_size(review_db, tmp_path):
    assert "suggest_facets" not in datasette_command(str(review_db), 8001)
    big = tmp_path / "rasoat.db"
    db = store.open_db(big)
    db["documents"].insert(dict(id="x" * 64, file_name="x.pdf"), pk="id")
    db.execute("update documents set rowid = ? where id = ?", [SUGGEST_FACETS_UP_TO + 1, "x" * 64])
    db.conn.commit()
    argv = datasette_command(str(big), 8001)
    assert argv[argv.index("suggest_facets") + 1] == "off"


def test_metadata_follows_the_database_name(tmp_path):
    path = metadata_path(tmp_path / "ho-so-2025.db")
    meta = json.loads(path.read_text(encoding="utf-8"))
    assert list(meta["databases"]) == ["ho-so-2025"]
    assert meta["databases"]["ho-so-2025"]["tables"]["documents"]["title"] == "Văn bản"
    os.unlink(path)


# ---- the pieces the pages are made of ------------------------------------------------------

@pytest.mark.parametrize("text, spans, expected", [
    ("Có 97/92 xã", [Span(3, 11, "finding", "FIG002", "f-1")],
     'Có <mark class="finding" title="FIG002" id="f-1">97/92 xã</mark>'),
    ("a<b> c", [Span(0, 4, "x")], '<mark class="x">a&lt;b&gt;</mark> c'),  # text is escaped
    ("abcdef", [Span(0, 4, "cit", anchor="c-1"), Span(2, 6, "finding", anchor="f-1")],  # overlap: split
     '<mark class="cit" id="c-1">ab</mark><mark class="cit finding" id="f-1">cd</mark><mark class="finding">ef</mark>'),
    ("abc", [Span(0, 3, "fig", anchor="g-1"), Span(0, 3, "finding", anchor="f-1")],  # the finding gets the id
     '<span class="anchor" id="g-1"></span><mark class="fig finding" id="f-1">abc</mark>'),
    ("abc", [Span(1, 1, "", anchor="a-1")], 'a<span class="anchor" id="a-1"></span>bc'),
])
def test_mark_up(text, spans, expected):
    assert str(mark_up(text, spans)) == expected


@pytest.mark.parametrize("text, query, exact, marked", [
    ("Hộ chuyển sang Đăng ký kinh doanh.", "dang ky kinh doanh", False, ["Đăng ký kinh doanh"]),
    ("Giao Uỷ ban nhân dân tỉnh", "uy ban", False, ["Uỷ ban"]),
    ("Căn cứ Nghị quyết số 93/NQ-HĐND ngày", "93/NQ-HDND", False, ["93/NQ-HĐND"]),
    ("cụ thể và thay thế", "thế", True, ["thế"]),
    ("cụ thể và thay thế", "the", False, ["thể", "thế"]),
])
def test_snippet_marks_what_was_searched(text, query, exact, marked):
    assert re.findall(r'<mark class="hit">([^<]*)</mark>', str(snippet(text, query, exact))) == marked

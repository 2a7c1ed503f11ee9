"""The reviewer's work over a real server (no browser): decisions kept across a new reading of the same file,
who may write (sign-in, CSRF token), upload limits refused in Vietnamese, the self-check record as .docx, and
the period report's counts against SQL over the tables."""

from __future__ import annotations

import hashlib
import http.client
import io
import json
import re
import shutil
import sqlite3
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_datasette import Server

from rasoat import reviews, users
from rasoat.cli import cli
from rasoat.web.upload import UPLOAD_MAX_PAGES

PASSWORD = "mat-khau-thu-1"  # a test account's password
REVIEWER = "nguyenvana"
FULL_NAME = "Nguyễn Văn A"


def copy_db(sample_db: Path, folder: Path) -> Path:
    db = folder / "rasoat.db"
    with sqlite3.connect(sample_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    return db


def first_finding(db: Path) -> tuple[str, str, str]:
    """(finding_key, document_id, path) of a finding that has evidence."""
    with sqlite3.connect(db) as conn:
        return conn.execute("select f.finding_key, f.document_id, d.path from findings f join documents d "
                            "on d.id = f.document_id where f.evidence != '' order by f.rowid limit 1").fetchone()


def run(*args):
    result = CliRunner().invoke(cli, list(map(str, args)))
    assert result.exit_code == 0, result.output
    return result.output


# ---- decisions survive a new reading ------------------------------------------------------------------------

def test_finding_key_depends_on_rule_page_and_evidence_not_spacing():
    key = reviews.finding_key("abc", "FMT001", 1, "Quốc hiệu  thiếu")
    assert key == reviews.finding_key("abc", "FMT001", 1, "Quốc hiệu thiếu")
    for other in (("abd", "FMT001", 1, "Quốc hiệu thiếu"), ("abc", "FMT002", 1, "Quốc hiệu thiếu"),
                  ("abc", "FMT001", 2, "Quốc hiệu thiếu"), ("abc", "FMT001", 1, "Tiêu ngữ thiếu")):
        assert reviews.finding_key(*other) != key


def test_a_decision_is_kept_when_the_same_file_is_read_and_checked_again(sample_db, tmp_path):
    db = copy_db(sample_db, tmp_path)
    key, doc_id, path = first_finding(db)
    with sqlite3.connect(db) as conn:
        reviews.decide(conn, key, reviews.LOOK_AGAIN, "", "a")
        reviews.decide(conn, key, reviews.DISMISSED, "Đúng thể thức, quy tắc nhầm", "b")
    run("ingest", path, "--db", db, "--force")
    run("check", "--db", db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("select decision from findings where finding_key = ?", [key]).fetchone() == (
            reviews.DISMISSED,)
        history = [r[0] for r in conn.execute("select decision from reviews where finding_key = ? order by rowid",
                                              [key])]
        latest = reviews.latest(conn, doc_id)[key]
    assert history == [reviews.LOOK_AGAIN, reviews.DISMISSED]  # history kept
    assert latest["note"] == "Đúng thể thức, quy tắc nhầm" and latest["reviewer"] == "b"


@pytest.mark.parametrize("decision, note, ok", [
    (reviews.CONFIRMED, "", True), (reviews.DISMISSED, "ghi chú", True), (reviews.LOOK_AGAIN, "x" * 2000, True),
    ("Đúng", "", False), ("", "", False), (reviews.DISMISSED, "x" * 2001, False),
])
def test_only_the_three_decisions_and_a_bounded_note_are_accepted(decision, note, ok):
    assert (reviews.check_decision(decision, note) is None) == ok


def test_user_add_stores_a_hash_datasette_auth_passwords_verifies(tmp_path, monkeypatch):
    from datasette_auth_passwords.utils import verify_password

    db = tmp_path / "rasoat.db"
    monkeypatch.setenv("RASOAT_PASSWORD", PASSWORD)
    run("user", "add", REVIEWER, "--db", db, "--full-name", FULL_NAME)
    saved = users.load(db)[REVIEWER]
    assert saved["full_name"] == FULL_NAME and PASSWORD not in json.dumps(saved)
    assert verify_password(PASSWORD, saved["password_hash"]) and not verify_password("sai", saved["password_hash"])
    assert users.users_path(db).stat().st_mode & 0o077 == 0  # readable by its owner only
    result = CliRunner().invoke(cli, ["user", "add", "Nguyễn", "--db", str(db)])
    assert result.exit_code != 0 and "Tên đăng nhập" in result.output
    assert run("user", "list", "--db", db).strip() == f"{REVIEWER}\t{FULL_NAME}"
    run("user", "remove", REVIEWER, "--db", db)
    assert users.load(db) == {} and run("user", "list", "--db", db).strip() == ""


# ---- a served database with upload on and one account --------------------------------------------------------

@pytest.fixture(scope="module")
def served(sample_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("served-review")
    db = copy_db(sample_db, folder)
    users.add(db, REVIEWER, PASSWORD, FULL_NAME)
    s = Server(db, env={"RASOAT_ALLOW_UPLOAD": "1"})
    yield s, db
    s.stop()


class Client:
    """A browser-like HTTP client: cookies kept, Datasette's CSRF token read from the pages."""

    def __init__(self, base: str):
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  NoRedirect())

    def request(self, path, data=None, headers=None, method=None):
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {}, method=method)
        try:
            with self.opener.open(req, timeout=60) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def token(self, path="/-/login") -> str:
        status, body = self.request(path)
        return re.search(r'name="csrftoken" value="([^"]+)"', body.decode()).group(1)

    def sign_in(self, password=PASSWORD):
        data = urllib.parse.urlencode(dict(username=REVIEWER, password=password, csrftoken=self.token())).encode()
        status, _ = self.request("/-/login", data, {"Content-Type": "application/x-www-form-urlencoded"})
        return status


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def multipart(fields: dict[str, str], files: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = "rasoat-test-boundary"
    out = io.BytesIO()
    for name, value in fields.items():  # the token first: Datasette reads it before any file
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, data in files:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
                  f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def upload(client: Client, files, token: str | None):
    body, content_type = multipart({"csrftoken": token} if token is not None else {}, files)
    return client.request("/-/rasoat/upload", body, {"Content-Type": content_type, "Accept": "application/json"})


def decide(client: Client, key: str, token: str | None, decision=reviews.DISMISSED):
    form = dict(key=key, decision=decision, note="ghi chú")
    if token is not None:
        form["csrftoken"] = token
    return client.request("/-/rasoat/decision", urllib.parse.urlencode(form).encode(),
                          {"Content-Type": "application/x-www-form-urlencoded"})


def count_reviews(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from reviews").fetchone()[0]


def test_without_sign_in_writes_answer_401(served, sample_pdfs):
    s, db = served
    client = Client(s.base)
    key = first_finding(db)[0]
    status, body = upload(client, [("a.pdf", sample_pdfs["qd-ubnd-loi"].read_bytes())], client.token())
    assert status in (401, 403) and "đăng nhập" in json.loads(body)["error"]
    assert decide(client, key, client.token())[0] in (401, 403)
    assert Client(s.base).request("/-/rasoat/upload")[0] == 401  # the page says to sign in
    assert count_reviews(db) == 0


def test_signed_in_without_the_csrf_token_answers_403(served, sample_pdfs):
    s, db = served
    client = Client(s.base)
    assert client.sign_in() == 302
    key = first_finding(db)[0]
    assert upload(client, [("a.pdf", sample_pdfs["qd-ubnd-loi"].read_bytes())], None)[0] == 403
    assert upload(client, [("a.pdf", sample_pdfs["qd-ubnd-loi"].read_bytes())], "sai-ma")[0] == 403
    assert decide(client, key, None)[0] == 403
    assert decide(client, key, "sai-ma")[0] == 403
    assert count_reviews(db) == 0


def test_a_wrong_password_does_not_sign_in(served):
    s, _ = served
    client = Client(s.base)
    assert client.sign_in("sai-mat-khau") == 200  # the form again, with its error
    assert not any(c.name == "ds_actor" for c in client.jar)


def test_a_signed_in_reviewer_decides_and_the_decision_is_shown(served):
    s, db = served
    client = Client(s.base)
    client.sign_in()
    key, doc_id, _ = first_finding(db)
    status, _ = decide(client, key, client.token(f"/-/rasoat/document/{doc_id}"), reviews.CONFIRMED)
    assert status == 303
    with sqlite3.connect(db) as conn:
        assert conn.execute("select decision, reviewer from reviews where finding_key = ?", [key]).fetchall() == [
            (reviews.CONFIRMED, FULL_NAME)]
    status, page = client.request(f"/-/rasoat/document/{doc_id}")
    assert status == 200 and reviews.CONFIRMED in page.decode() and FULL_NAME in page.decode()


def test_an_upload_is_read_once_and_the_same_file_again_is_a_no_op(served, sample_pdfs):
    s, db = served
    client = Client(s.base)
    client.sign_in()
    data = sample_pdfs["gm-tap-huan"].read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    with sqlite3.connect(db) as conn:
        conn.execute("delete from documents where id = ?", [sha])  # as if never read (the copy is ours)
    answers = []
    for _ in range(2):
        status, body = upload(client, [("giay-moi.pdf", data)], client.token("/-/rasoat/upload"))
        assert status == 200
        answers.append(wait_for(client, json.loads(body)["jobs"][0]))
    assert [a["status"] for a in answers] == ["done", "unchanged"], answers
    assert answers[0]["url"] == answers[1]["url"] == f"/-/rasoat/document/{sha}"
    folder = db.parent / "uploads" / sha
    assert [p.name for p in folder.iterdir()] == ["giay-moi.pdf"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("select path from documents where id = ?", [sha]).fetchone() == (
            str(folder / "giay-moi.pdf"),)
    status, body = client.request(f"/-/rasoat/upload/status.json?jobs={answers[0]['id']}")
    assert json.loads(body)["jobs"] and not json.loads(Client(s.base).request(
        f"/-/rasoat/upload/status.json?jobs={answers[0]['id']}")[1]).get("jobs")  # a stranger sees nothing


def wait_for(client: Client, job: dict) -> dict:
    deadline = time.time() + 120
    while job["status"] in ("queued", "processing") and time.time() < deadline:
        time.sleep(0.5)
        job = json.loads(client.request(f"/-/rasoat/upload/status.json?jobs={job['id']}")[1])["jobs"][0]
    return job


def test_a_file_that_cannot_be_read_ends_with_its_error_and_the_server_goes_on(served):
    import zipfile

    s, db = served
    client = Client(s.base)
    client.sign_in()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("khong-phai-word.txt", "Tệp nén này không phải tệp Word.")
    status, body = upload(client, [("hong.docx", buffer.getvalue())], client.token("/-/rasoat/upload"))
    assert status == 200
    job = wait_for(client, json.loads(body)["jobs"][0])
    assert job["status"] == "error" and job["message"].startswith("Lỗi khi đọc tệp"), job
    assert client.request("/-/rasoat/upload")[0] == 200


def test_a_100_mb_upload_is_refused_before_it_is_read(served):
    s, _ = served
    conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=20)
    conn.putrequest("POST", "/-/rasoat/upload")
    conn.putheader("Content-Type", "multipart/form-data; boundary=x")
    conn.putheader("Content-Length", str(100 * 1024 * 1024))
    conn.endheaders()  # no body sent: the answer comes from the declared size alone
    r = conn.getresponse()
    body = json.loads(r.read())
    assert r.status == 413 and body["error"].startswith("Tệp quá lớn (100 MB)")


def blank_pdf(pages: int) -> bytes:
    import pypdfium2

    pdf = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.mark.parametrize("name, data, message", [
    ("dai.pdf", "2000 pages", f"vượt giới hạn {UPLOAD_MAX_PAGES:,} trang".replace(",", ".")),
    ("chuong-trinh.exe", b"MZ\x90\x00", "Loại tệp .exe không được nhận"),
    ("gia.pdf", "Đây không phải PDF".encode(), "Nội dung tệp không phải PDF"),
    ("rong.txt", b"", "Tệp rỗng"),
])
def test_an_upload_over_a_limit_or_of_the_wrong_kind_is_refused_in_vietnamese(served, name, data, message):
    s, db = served
    client = Client(s.base)
    client.sign_in()
    if data == "2000 pages":
        data = blank_pdf(2_000)
    status, body = upload(client, [(name, data)], client.token("/-/rasoat/upload"))
    answer = json.loads(body)
    assert status == 400 and message in answer["error"], answer
    assert answer["jobs"][0]["status"] == "error"


def test_nothing_else_can_write(served):
    s, db = served
    client = Client(s.base)
    client.sign_in()
    token = client.token()
    form = urllib.parse.urlencode(dict(csrftoken=token, sql="delete from findings")).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    for path in ("/rasoat/findings", "/rasoat/-/query", "/rasoat/findings/-/insert", "/-/rasoat/report"):
        assert client.request(path, form, headers)[0] == 405, path
    status, body = client.request("/rasoat.json?" + urllib.parse.urlencode(dict(sql="delete from findings")))
    assert status in (400, 403), body[:300]
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from findings").fetchone()[0] > 0


def test_the_record_docx_holds_the_document_and_its_findings(served):
    import docx

    s, db = served
    _, doc_id, _ = first_finding(db)
    status, data = Client(s.base).request(f"/-/rasoat/document/{doc_id}/phieu.docx")
    assert status == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    with sqlite3.connect(db) as conn:
        number = conn.execute("select number from documents where id = ?", [doc_id]).fetchone()[0]
        rules = {r[0] for r in conn.execute("select rule_id from findings where document_id = ?", [doc_id])}
    assert "PHIẾU KIỂM TRA VĂN BẢN" in text and number in text
    assert all(rule in text for rule in rules) and "Kết luận" in text and "Căn cứ pháp lý" in text


# ---- the period report --------------------------------------------------------------------------------------

def sql_counts(db: Path, start: str, end: str) -> dict:
    """The report's figures, counted straight from the tables."""
    where = "d.error is null" + (" and d.issued_on >= :s" if start else "") + (" and d.issued_on <= :e" if end else "")
    params = dict(s=start, e=end)
    with sqlite3.connect(db) as conn:
        one = lambda sql: conn.execute(sql, params).fetchone()[0]  # noqa: E731
        return dict(
            checked=one(f"select count(*) from documents d where {where}"),
            with_findings=one(f"select count(distinct f.document_id) from findings f join documents d "
                              f"on d.id = f.document_id where {where}"),
            findings=one(f"select count(*) from findings f join documents d on d.id = f.document_id where {where}"),
            rules={r[0]: [r[1], r[2]] for r in conn.execute(
                f"select f.rule_id, count(*), count(distinct f.document_id) from findings f join documents d "
                f"on d.id = f.document_id where {where} group by f.rule_id", params)},
        )


@pytest.mark.parametrize("start, end", [("", ""), ("2024-01-01", "2024-12-31"), ("2025-01-01", "")])
def test_the_period_report_gives_the_counts_sql_gives(served, start, end):
    s, db = served
    status, body = Client(s.base).request("/-/rasoat/report.json?" + urllib.parse.urlencode({"from": start,
                                                                                            "to": end}))
    assert status == 200
    report = json.loads(body)
    expected = sql_counts(db, start, end)
    assert {k: report[k] for k in ("checked", "with_findings", "findings")} == {
        k: expected[k] for k in ("checked", "with_findings", "findings")}
    assert {r["rule_id"]: [r["findings"], r["documents"]] for r in report["rules"]} == expected["rules"]
    assert sum(g["findings"] for g in report["grounds"]) == expected["findings"]
    assert sum(n for _, n in report["decisions"]) == expected["findings"]
    if not start:
        assert expected["checked"] > 3 and expected["findings"] > 0  # the sample corpus, not an empty answer


def test_the_report_refuses_a_date_that_does_not_exist(served):
    s, _ = served
    status, body = Client(s.base).request("/-/rasoat/report?from=2024-02-30")
    assert status == 400 and "không phải ngày có thật" in body.decode()


def test_the_report_docx_reads_back(served):
    import docx

    s, db = served
    status, data = Client(s.base).request("/-/rasoat/report.docx")
    assert status == 200
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Số văn bản đã kiểm tra: {sql_counts(db, '', '')['checked']}" in text
    assert len(document.tables) == 4


def test_upload_is_off_unless_allowed(sample_db, tmp_path):
    db = copy_db(sample_db, tmp_path)
    s = Server(db)
    try:
        assert Client(s.base).request("/-/rasoat/upload")[0] == 404
    finally:
        s.stop()
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_a_database_stored_before_reviews_gets_them_when_served(sample_db, tmp_path):
    db = copy_db(sample_db, tmp_path)
    with sqlite3.connect(db) as conn:  # as an older rasoat left it
        conn.execute("drop table reviews")
        for index in [r[0] for r in conn.execute("select name from sqlite_master where type = 'index' "
                                                 "and tbl_name = 'findings' and sql like '%finding_key%'")]:
            conn.execute(f"drop index [{index}]")
        conn.execute("alter table findings drop column finding_key")
        conn.execute("alter table findings drop column decision")
    _, doc_id = sqlite3.connect(db).execute("select rule_id, document_id from findings limit 1").fetchone()
    s = Server(db)
    try:
        status, page = Client(s.base).request(f"/-/rasoat/document/{doc_id}")
        assert status == 200 and "chưa đánh giá" in page.decode()
        assert Client(s.base).request(f"/-/rasoat/document/{doc_id}/phieu")[0] == 200
    finally:
        s.stop()
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from findings where finding_key is null").fetchone() == (0,)
        assert conn.execute("select count(*) from reviews").fetchone() == (0,)

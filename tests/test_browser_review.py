"""The reviewer's whole job in a real browser (Debian's chromium through Playwright, a real server): sign in,
upload two PDFs and a DOCX and watch them processed, open one, mark a finding "Không phải lỗi" with a note,
read the same file again and see the decision kept, open the self-check record, print it to PDF (at most
3 A4 pages, no navigation) and download its .docx.  Screenshots go to test-artifacts/screenshots/ (the
README's pictures in docs/screenshots/ are copies of these)."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_browser import SHOTS, browser  # noqa: F401  (the chromium fixture)
from test_datasette import Server

from rasoat import reviews, store, users
from rasoat.cli import cli

pytestmark = pytest.mark.browser

SAMPLES = Path(__file__).resolve().parent.parent / "rasoat" / "samples" / "documents"
PASSWORD = "mat-khau-thu-2"  # the test account's password
REVIEWER = "tranthib"
FULL_NAME = "Trần Thị B"
NOTE = "Quốc hiệu đúng mẫu, quy tắc nhận nhầm"
MAX_RECORD_PAGES = 3  # A4 pages of the printed record of a sample document
PROCESSING_TIMEOUT_MS = 300_000  # three files read on a shared machine


def sample_docx(path: Path) -> Path:
    """A Word file of one of our sample documents (one paragraph a line)."""
    import docx

    d = docx.Document()
    for line in (SAMPLES / "nq-hdnd-tinh.txt").read_text(encoding="utf-8").splitlines():
        d.add_paragraph(line)
    d.save(path)
    return path


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser-review")
    db = folder / "rasoat.db"
    store.open_db(db).close()  # an empty database: everything comes from the upload page
    users.add(db, REVIEWER, PASSWORD, FULL_NAME)
    s = Server(db, env={"RASOAT_ALLOW_UPLOAD": "1"})
    yield s, db, folder
    s.stop()


@pytest.fixture
def page(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1100, "height": 800}, locale="vi-VN", accept_downloads=True)
    pg = context.new_page()
    yield pg
    context.close()


def shot(page, name: str, full_page: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def sign_in(page, base: str) -> None:
    page.goto(base + "/-/login")
    page.fill("#id_username", REVIEWER)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state()
    assert any(c["name"] == "ds_actor" for c in page.context.cookies())


def test_the_reviewers_whole_job(served, page, sample_pdfs, tmp_path):
    s, db, folder = served
    base = s.base
    sign_in(page, base)

    # upload two PDFs and one DOCX, watch them processed
    page.goto(base + "/-/rasoat/upload")
    files = [sample_pdfs["qd-ubnd-loi"], sample_pdfs["bc-cchc-sai"], sample_docx(tmp_path / "nghi-quyet.docx")]
    page.set_input_files("#files", [str(f) for f in files])
    page.wait_for_function("document.querySelectorAll('#progress li[data-status=done]').length === 3",
                           timeout=PROCESSING_TIMEOUT_MS)
    items = page.locator("#progress li")
    assert items.count() == 3 and all("Xong" in t for t in items.all_inner_texts())

    # a 100 MB file is refused with a Vietnamese message, before it is sent
    big = tmp_path / "qua-lon.pdf"
    with big.open("wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse: no 100 MB written
    page.set_input_files("#files", str(big))
    refused = page.locator("#progress li[data-status=error]")
    refused.wait_for()
    assert "Tệp quá lớn (100 MB)" in refused.inner_text()
    shot(page, "upload")

    # open the first document, mark a finding "Không phải lỗi" with a note
    page.locator("#progress li", has_text="qd-ubnd-loi").locator("a").click()
    page.wait_for_load_state()
    card = page.locator(".finding-card").first
    key = card.locator("input[name=key]").get_attribute("value")
    card.locator("select[name=decision]").select_option(reviews.DISMISSED)
    card.locator("textarea[name=note]").fill(NOTE)
    card.locator("button[type=submit]").click()
    page.wait_for_load_state()
    card = page.locator(".finding-card", has=page.locator(f"#k-{key}"))
    assert reviews.DISMISSED in card.inner_text() and NOTE in card.inner_text() and FULL_NAME in card.inner_text()
    assert float(card.evaluate("e => getComputedStyle(e).opacity")) < 1  # greyed, not hidden
    card.scroll_into_view_if_needed()
    shot(page, "decision")
    doc_url = page.url.split("#")[0]
    doc_id = doc_url.rstrip("/").rsplit("/", 1)[1]

    # read the same file again (and check again): the decision stays
    with sqlite3.connect(db) as conn:
        stored = conn.execute("select path from documents where id = ?", [doc_id]).fetchone()[0]
    assert Path(stored).parent.name == doc_id  # kept in the upload folder under its SHA-256
    for args in (["ingest", stored, "--db", str(db), "--force"], ["check", "--db", str(db)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
    page.goto(doc_url)
    card = page.locator(".finding-card", has=page.locator(f"#k-{key}"))
    assert reviews.DISMISSED in card.inner_text() and NOTE in card.inner_text()

    # the findings table shows the decision and facets by it
    page.goto(f"{base}/rasoat/findings?document_id={doc_id}")
    assert reviews.DISMISSED in page.locator("table.rows-and-columns").inner_text()
    assert page.locator(".facet-info[data-column=decision]").count() == 1
    page.locator("table.rows-and-columns td a", has_text="Đánh giá").first.click()  # to the finding's form
    page.wait_for_load_state()
    anchor = "#" + page.url.split("#", 1)[1]
    assert anchor.startswith("#k-") and page.locator(f"{anchor} form").count() == 1

    # the record: no navigation, at most 3 A4 pages, and its .docx
    page.goto(doc_url + "/phieu")
    assert page.locator("nav, .crumbs, footer, .hd").count() == 0
    body = page.locator("body").inner_text()
    assert "PHIẾU KIỂM TRA VĂN BẢN" in body and NOTE in body and "Kết luận" in body
    shot(page, "record", full_page=True)
    pdf = page.pdf(format="A4", print_background=True)
    import pypdfium2

    printed = pypdfium2.PdfDocument(pdf)
    pages = len(printed)
    text = "".join(printed[i].get_textpage().get_text_range() for i in range(pages))
    assert 1 <= pages <= MAX_RECORD_PAGES, pages
    assert "Trang văn bản" not in text and "Tìm kiếm" not in text  # the screen-only links are not printed
    (SHOTS / "record.pdf").write_bytes(pdf)
    with page.expect_download() as download:
        page.click("text=Tải .docx")
    import docx

    document = docx.Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    words = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells)
    with sqlite3.connect(db) as conn:
        number, issuer = conn.execute("select number, issuer from documents where id = ?", [doc_id]).fetchone()
        rules = {r[0] for r in conn.execute("select rule_id from findings where document_id = ?", [doc_id])}
    assert number in words and (issuer or "") in words and FULL_NAME in words and NOTE in words
    assert rules and all(r in words for r in rules)

    # the period report
    page.goto(base + "/-/rasoat/report")
    assert page.locator("[data-count=checked]").inner_text() == "3"
    shot(page, "report", full_page=True)


def test_without_sign_in_the_upload_page_asks_to_sign_in(served, page):
    s, _, _ = served
    response = page.goto(s.base + "/-/rasoat/upload")
    assert response.status == 401 and "Cần đăng nhập" in page.locator("body").inner_text()
    assert page.locator("#files").count() == 0

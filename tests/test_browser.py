"""The served site in a real browser: Debian's chromium driven by
Playwright (no browser download).  A reviewer opens the home page, searches
without diacritics, opens a document, reaches a finding's evidence marked in
the text, does the same from the findings table, and uses the overview.
Every page kind (home, database, table, row, SQL and canned queries, search,
document, overview, login, errors) is walked on a phone (390 px) and a
desktop: no English word of Datasette's and nothing wider than the screen;
the table's export is one click to a CSV for Excel.

Screenshots go to test-artifacts/screenshots/ (or $RASOAT_SCREENSHOTS); the
folder is printed when the tests run."""

from __future__ import annotations

import codecs
import csv
import json
import os
import re
import shutil
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest
from test_datasette import Server, build_review_db

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path(os.environ.get("RASOAT_SCREENSHOTS") or ROOT / "test-artifacts" / "screenshots")


@pytest.fixture(scope="module")
def shots(request):
    if SHOTS.exists():
        shutil.rmtree(SHOTS)
    SHOTS.mkdir(parents=True)
    capman = request.config.pluginmanager.getplugin("capturemanager")
    with capman.global_and_fixture_disabled():
        print(f"\nẢnh chụp màn hình (screenshots): {SHOTS}")
    return SHOTS


@pytest.fixture(scope="module")
def site(sample_db, tmp_path_factory):
    s = Server(build_review_db(sample_db, tmp_path_factory.mktemp("browser")))
    yield s.base
    s.stop()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make system, or apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    pg = context.new_page()
    yield pg
    context.close()


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def background(locator) -> str:
    return locator.evaluate("e => getComputedStyle(e).backgroundColor")


TRANSPARENT = ("rgba(0, 0, 0, 0)", "transparent")


def test_search_without_diacritics_then_open_a_document_and_see_its_finding(site, page, shots):
    page.goto(site + "/")
    assert page.locator("h1").inner_text() == "rasoat — rà soát văn bản"
    page.screenshot(path=shots / "01-trang-chu.png", full_page=True)

    page.fill("input[name=q]", "cai cach hanh chinh quy III")
    page.keyboard.press("Enter")
    page.wait_for_url("**/-/rasoat/search?**")
    hits = page.locator("li.hit-document")
    assert "1347/BC-SNV" in " ".join(hits.all_inner_texts())
    marked = [t.lower() for t in page.locator("li.hit-document mark.hit").all_inner_texts()]
    assert any("cải cách hành chính" in t for t in marked), marked  # found without diacritics, shown with them
    page.screenshot(path=shots / "02-tim-kiem-khong-dau.png", full_page=True)

    page.locator("li.hit-document a", has_text="1347/BC-SNV").first.click()
    page.wait_for_url("**/-/rasoat/document/**")
    assert "1347/BC-SNV" in page.locator("h1").inner_text()
    card = page.locator(".finding-card", has_text="FIG002")
    assert "97/92" in card.inner_text()
    page.screenshot(path=shots / "03-van-ban.png")

    card.locator("a.to-evidence").click()
    target = page.locator(":target")
    assert target.get_attribute("id").startswith("f-")
    assert "finding" in target.get_attribute("class").split()
    assert target.inner_text() == "97/92 xã"
    assert target.is_visible() and in_viewport(page, target)
    assert background(target) not in TRANSPARENT
    page.screenshot(path=shots / "04-bang-chung-trong-van-ban.png")


def test_one_click_from_the_findings_table_to_the_evidence(site, page, shots):
    page.goto(site + "/rasoat/findings?rule_id=FIG004")
    row = page.locator("table.rows-and-columns tbody tr", has_text="1347/BC-SNV")
    page.screenshot(path=shots / "05-bang-phat-hien.png")
    row.locator("td.col-evidence a").click()
    page.wait_for_url("**/-/rasoat/document/**#f-*")
    target = page.locator(":target")
    assert "finding" in target.get_attribute("class").split()
    assert target.inner_text() == "18.426 hồ sơ"
    assert in_viewport(page, target) and background(target) not in TRANSPARENT
    page.screenshot(path=shots / "06-bang-chung-tu-bang-phat-hien.png")


def test_overview_bar_leads_to_its_rows(site, page, shots):
    page.goto(site + "/-/rasoat/overview")
    assert page.locator("svg.chart").count() == 6
    page.screenshot(path=shots / "07-tong-quan.png", full_page=True)
    page.locator('svg.chart a[href$="severity=error"]').click()
    page.wait_for_url("**/rasoat/findings?severity=error")
    severities = page.locator("td.col-severity").all_inner_texts()
    assert severities and set(severities) == {"Lỗi"}
    page.screenshot(path=shots / "08-tu-bieu-do-toi-dong.png")


# ---- every page kind in Vietnamese, and nothing wider than a phone ------------------------------------------

# What Datasette 0.65's templates (and click, for the CLI) say in English: none of it may reach a reviewer.
ENGLISH = (
    "Custom SQL query", "returning", "Query parameters", "Run SQL", "Edit SQL", "Format SQL", "View and edit SQL",
    "sorted by", "Suggested facets", "Advanced export", "This data as", "0 results", "0 records", "Log in",
    "Log out", "Next page", "Apply", "remove filter", "- column -", "Sort by", "descending", "CSV options",
    "download file", "expand labels", "stream all rows", "Export CSV", "JSON shape", "newline-delimited",
    "Links from other tables", "hidden table", "Many rows", "Queries", "Tables", "Views", "Download SQLite DB",
    "Error 404", "Error 403", "Error 500", "Not Found", "Forbidden", "Internal Server Error", "Table not found",
    "Database not found", "Row not found", "Permission denied", "These facets timed out", "extra where clause",
    "(view)", "(hidden)", "Search:", "is not null", "ends with", "starts with", "contains", "Powered by",
    "Query took", "Data license", "Data source", "You are logged in as", "rows", "row",
    "Show this message and exit", "CREATE TABLE",
)
ENGLISH_RE = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![\w-])")  # whole words only
PHONE = {"width": 390, "height": 844}
# What a page shows to read, menus closed or open: its text (SQL itself left out: the editor, code) and what its
# controls say (options, buttons, placeholders)
SHOWN_TEXT = """() => { const body = document.body.cloneNode(true);
  body.querySelectorAll('script, style, textarea, .CodeMirror, pre, code').forEach(e => e.remove());
  return [document.title, body.textContent,
  ...Array.from(document.querySelectorAll('option, summary')).map(e => e.textContent),
  ...Array.from(document.querySelectorAll('input[type=submit], button')).map(e => e.value || e.textContent),
  ...Array.from(document.querySelectorAll('[placeholder]')).map(e => e.placeholder)].join('\\n'); }"""
# Elements whose box reaches past the viewport's right edge (a text wider than the screen)
TOO_WIDE = """() => { const w = document.documentElement.clientWidth; const out = [];
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width && r.right > w + 1 && getComputedStyle(e).visibility !== 'hidden' && !e.closest('details:not([open])'))
      out.push(e.tagName + '.' + e.className + ': ' + (e.innerText || '').slice(0, 40));
  }
  return {scroll: document.documentElement.scrollWidth, width: w, elements: out.slice(0, 8)}; }"""


def english_on(page) -> list[str]:
    return sorted(set(ENGLISH_RE.findall(page.evaluate(SHOWN_TEXT))))


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  locale="vi-VN")
    pg = context.new_page()
    yield pg
    context.close()


def document_id(site, number: str) -> str:
    return fetch_json(site, "/rasoat/documents.json", number=number, _shape="array")[0]["id"]


def fetch_json(site, path, **params):
    with urllib.request.urlopen(f"{site}{path}?{urllib.parse.urlencode(params)}", timeout=20) as r:
        return json.loads(r.read())


PAGES = [  # (name, path, status, what the page shows)
    ("trang-chu", "/", 200, "rà soát văn bản"),
    ("co-so-du-lieu", "/rasoat", 200, "Truy vấn có sẵn"),
    ("bang-van-ban", "/rasoat/documents", 200, "Thêm cột"),
    ("bang-van-ban-loc", "/rasoat/documents?doc_type=Quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh&_sort=number", 200,
     "sắp xếp theo Số ký hiệu"),
    ("bang-phat-hien", "/rasoat/findings", 200, "Mức độ"),
    ("bang-khong-dong", "/rasoat/findings?rule_id=KHONG-CO", 200, "Không có dòng nào"),
    ("dong", "/rasoat/rules/FIG002", 200, "Liên kết từ các bảng khác"),
    ("truy-van-sql", "/rasoat?sql=select+number%2C+title+from+documents+order+by+number", 200, "Truy vấn SQL"),
    ("truy-van-khong-ket-qua", "/rasoat?sql=select+number+from+documents+where+0", 200, "Không có kết quả nào"),
    ("truy-van-co-san", "/rasoat/findings_by_document?s%E1%BB%91_k%C3%BD_hi%E1%BB%87u=93%2FNQ-HDND&"
     "m%E1%BB%A9c_%C4%91%E1%BB%99=", 200, "Số ký hiệu"),
    ("truy-van-co-san-trong", "/rasoat/qppl_by_issuer_year", 200, "Cơ quan ban hành"),
    ("tim-kiem", "/-/rasoat/search?q=dang+ky+kinh+doanh", 200, "Kết quả cho"),
    ("tong-quan", "/-/rasoat/overview", 200, "Tổng quan"),
    ("dang-nhap", "/-/login", 200, "Đăng nhập"),
    ("loi-404", "/rasoat/khong-co-bang-nay", 404, "Không tìm thấy"),
    ("loi-404-dong", "/rasoat/documents/khongco", 404, "Không tìm thấy"),
    ("loi-403", "/-/permissions", 403, "Không có quyền truy cập"),
    ("loi-400", "/rasoat?sql=select+khong_co_cot", 400, "Truy vấn SQL"),
]


@pytest.mark.parametrize("name, path, status, shows", PAGES, ids=[p[0] for p in PAGES])
def test_every_page_kind_in_vietnamese_and_within_a_phone(site, browser, phone, shots, name, path, status, shows):
    for pg, kind in ((phone, "dien-thoai"), (None, "may-tinh")):
        if pg is None:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
            pg = context.new_page()
        answer = pg.goto(site + path)
        assert answer.status == status
        assert shows in pg.evaluate(SHOWN_TEXT)
        assert english_on(pg) == [], f"{kind} {path}"
        pg.screenshot(path=shots / f"20-{name}-{kind}.png", full_page=True)
        if kind == "dien-thoai":
            wide = pg.evaluate(TOO_WIDE)
            assert wide["scroll"] <= wide["width"] and not wide["elements"], wide
        else:
            context.close()


def test_document_page_on_a_phone_findings_first(site, phone, shots):
    doc = document_id(site, "1347/BC-SNV")
    phone.goto(f"{site}/-/rasoat/document/{doc}")
    assert english_on(phone) == []
    wide = phone.evaluate(TOO_WIDE)
    assert wide["scroll"] <= wide["width"] and not wide["elements"], wide
    findings = phone.locator("#phat-hien").bounding_box()
    header = phone.locator("#thong-tin").bounding_box()
    assert findings["y"] < header["y"]  # findings before the header fields
    assert findings["y"] < PHONE["height"]  # and on the first screen
    phone.screenshot(path=shots / "21-van-ban-dien-thoai.png", full_page=True)


def test_overview_charts_readable_on_a_phone(site, phone, shots):
    phone.goto(site + "/-/rasoat/overview")
    sizes = phone.locator("svg.chart text.label").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)")
    assert sizes and min(sizes) >= 10  # a label line at least 10 px tall on the screen
    wide = phone.evaluate(TOO_WIDE)
    assert wide["scroll"] <= wide["width"], wide
    phone.screenshot(path=shots / "22-tong-quan-dien-thoai.png", full_page=True)


def test_facet_values_do_not_break_inside_a_syllable(site, page):
    page.set_viewport_size({"width": 700, "height": 900})
    page.goto(site + "/rasoat/documents?_facet=issuer")
    breaks = page.locator(".facet-info li").evaluate_all("els => els.map(e => getComputedStyle(e).wordBreak)")
    assert breaks and set(breaks) == {"normal"}


def test_documents_table_names_documents_never_by_hash(site, page):
    page.goto(site + "/rasoat/documents")
    headers = page.locator("table.rows-and-columns th").all_inner_texts()
    assert [h.replace("\xa0▲", "").strip() for h in headers] == [
        "Số ký hiệu", "Loại văn bản", "Cơ quan ban hành", "Ngày ban hành", "Trích yếu", "Lỗi", "Số phát hiện"]
    cells = " ".join(page.locator("table.rows-and-columns td").all_inner_texts())
    assert not re.search(r"\b[0-9a-f]{12,}\b", cells)
    facets = " ".join(page.locator(".facet-info li").all_inner_texts())
    assert "None" not in facets
    page.locator("details.rasoat-columns summary").click()
    page.locator("details.rasoat-columns label", has_text="Tên tệp").locator("input").check()
    page.locator("details.rasoat-columns input[type=submit]").click()
    assert "Tên tệp" in page.locator("table.rows-and-columns thead").inner_text()


def test_csv_export_one_click_from_a_table(site, page, tmp_path):
    page.goto(site + "/rasoat/findings?severity=warning")
    with page.expect_download() as download:
        page.locator("a.export-csv").click()
    path = tmp_path / "phat-hien.csv"
    download.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:4] == ["Văn bản", "Mức độ", "Quy tắc", "Nội dung"]
    assert len(rows) > 1 and {r[1] for r in rows[1:]} == {"Cảnh báo"}
    assert all(re.search(r"\d+/", r[0]) for r in rows[1:]), rows  # documents named by number, not by id
    with page.expect_download() as download:
        page.locator("a.export-xlsx").click()
    xlsx = tmp_path / "phat-hien.xlsx"
    download.value.save_as(xlsx)
    with zipfile.ZipFile(xlsx) as z:
        shared = z.read("xl/sharedStrings.xml").decode()
    assert "Mức độ" in shared and "Văn bản" in shared


def test_error_500_page_in_vietnamese(browser, shots, tmp_path):
    """Datasette's own handler of an unexpected exception, with rasoat's templates (a route of a plugin
    registered here raises), shown in the browser at a phone's width."""
    html = server_error_page(tmp_path)
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    pg = context.new_page()
    pg.set_content(html)
    assert "Lỗi máy chủ" in pg.locator("h1").inner_text()
    assert english_on(pg) == []
    pg.screenshot(path=shots / "23-loi-500.png", full_page=True)
    context.close()


def server_error_page(tmp_path) -> str:
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from datasette import hookimpl
    from datasette.app import Datasette
    from datasette.plugins import pm

    from rasoat.web.serve import templates

    class Broken:
        __name__ = "broken"

        @hookimpl
        def register_routes(self):
            async def broken(request):
                raise RuntimeError("boom")
            return [(r"^/-/broken$", broken)]

    async def fetch_page():
        pm.register(Broken(), name="broken")
        try:
            ds = Datasette(memory=True, template_dir=str(templates()))
            answer = await ds.client.get("/-/broken")
        finally:
            pm.unregister(name="broken")
        assert answer.status_code == 500
        return answer.text

    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API runs an event loop in this thread
        return pool.submit(asyncio.run, fetch_page()).result()
def test_effect_status_and_diagram_lead_to_the_cited_document(site, page, shots):
    page.goto(site + "/-/rasoat/search?q=27%2F2025%2FQD-UBND")
    page.locator("li.hit-document a", has_text="27/2025/QĐ-UBND").first.click()
    page.wait_for_url("**/-/rasoat/document/**")
    section = page.locator("#hieu-luc")
    assert "Tình trạng hiệu lực" in section.inner_text()
    row = section.locator("tr", has_text="41/2020/QĐ-UBND")
    assert "hết hiệu lực toàn bộ" in row.inner_text()  # a căn cứ repealed before the signing date
    svg = section.locator("svg.rasoat-diagram")
    box = svg.bounding_box()
    assert svg.is_visible() and box["width"] > 300 and box["height"] > 60
    section.scroll_into_view_if_needed()
    page.screenshot(path=shots / "08-hieu-luc-luoc-do.png")
    svg.locator("a.node", has_text="93/NQ-HĐND").click()  # a node of a stored document opens its page
    page.wait_for_url("**/-/rasoat/document/**")
    assert "93/NQ-HĐND" in page.locator("h1").inner_text()

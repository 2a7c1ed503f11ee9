"""The served site in a real browser: Debian's chromium driven by
Playwright (no browser download).  A reviewer opens the home page, searches
without diacritics, opens a document, reaches a finding's evidence marked in
the text, does the same from the findings table, and uses the overview.

Screenshots go to test-artifacts/screenshots/ (or $RASOAT_SCREENSHOTS); the
folder is printed when the tests run."""

from __future__ import annotations

import os
import shutil
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
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= height


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

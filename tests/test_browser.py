"""A reader's view: real headless Chromium opens the built site from file:// with every
other request blocked, clicks to a recommendation, searches, and opens a citation."""
import re

import pytest
from playwright.sync_api import expect

from conftest import offline_context


@pytest.fixture
def browser_page(built_site, chromium):
    context, blocked, console_errors = offline_context(chromium)
    page = context.new_page()
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    yield page, built_site
    context.close()
    assert blocked == [], f"requests left the site: {blocked}"
    assert console_errors == [], console_errors


def test_reader_navigates_searches_and_reads_a_citation_offline(browser_page):
    page, site = browser_page
    page.goto((site / "index.html").as_uri())
    expect(page.locator("h1")).to_contain_text("Sanya memorandum")

    # Navigate by clicking: the Recommendations tab, then the first recommendation.
    page.locator(".md-tabs__link", has_text="Recommendations").first.click()
    expect(page).to_have_url(re.compile(r"recommendations/index\.html$"))
    first = page.locator("article table a[href$='.html']").first
    title = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_contain_text(title)
    expect(page.locator("h2", has_text="What happened since")).to_be_visible()

    # Search by a word that stands only in a page body (not its title). The index loads
    # when search is opened, not with the page.
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto((site / "index.html").as_uri())
    page.wait_for_load_state("load")
    assert [u for u in requested if "search_index" in u] == []
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").press_sequentially("Solarium", delay=30)
    result = page.locator(".md-search-result__item a[href*='methodology']").first
    expect(result).to_be_visible(timeout=15000)

    # Open a citation's footnote: the hover tooltip and the footnote itself.
    page.goto((site / "memorandum" / "index.html").as_uri())
    ref = page.locator("sup[id^='fnref:'] a.footnote-ref").first
    ref.hover()
    expect(page.locator(".md-tooltip2").first).to_be_visible()
    target = ref.get_attribute("href")
    ref.click()
    footnote = page.locator(f"li[id='{target[1:]}']")
    expect(footnote).to_be_visible()
    expect(footnote.locator("a[href^='https://']").first).to_be_visible()


def test_every_page_asks_nothing_from_outside(browser_page):
    """Every built page opened in the browser; the fixture fails on any request that
    leaves the site and on any script error."""
    page, site = browser_page
    pages = sorted(p for p in site.rglob("*.html") if p.name != "404.html")  # 404 is served by a web server
    for path in pages:
        page.goto(path.as_uri(), wait_until="load")
    assert len(pages) > 100


def test_served_site_loads_the_search_index_on_first_use(built_site, chromium):
    """Served over HTTP, as a host serves it: a page view does not download the search
    index; opening search does, once, and search works. Nothing but the site is asked for."""
    from static_server import serve_site

    requested, console_errors = [], []
    with serve_site(built_site) as base:
        context = chromium.new_context()
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        page = context.new_page()
        page.on("request", lambda r: requested.append(r.url))
        page.on("pageerror", lambda e: console_errors.append(str(e)))
        page.goto(base + "developments/index.html")
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)  # Material sets search up after the load event
        assert [u for u in requested if "search_index" in u] == []
        page.keyboard.press("/")  # the keyboard shortcut opens search
        page.locator(".md-search__input").press_sequentially("Solarium", delay=30)
        expect(page.locator(".md-search-result__item a[href*='methodology']").first).to_be_visible(timeout=15000)
        context.close()
    assert [u for u in requested if "search_index" in u] == [base + "search/search_index.json"]
    assert [u for u in requested if not u.startswith(base)] == []
    assert console_errors == []

"""The published build's Content-Security-Policy, in a real Chromium over loopback
HTTP: the site works under it (navigation, search, no violation), and markup injected
past the checks (an inline script, an image from another host) is refused."""
import functools
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from conftest import BUILD_ENV
from loopback import serve
from sitefactory import write_buildable_site

WATCH_VIOLATIONS = "window.__violations = []; document.addEventListener('securitypolicyviolation', " \
                   "e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"


# Material's repository widget asks GitHub's API for the repository's stars; the policy
# refuses it like any request off the site (the widget then shows the name alone).
REPOSITORY_WIDGET = "connect-src https://api.github.com/"


def _violations(page):
    return [v for v in page.evaluate("window.__violations") if not v.startswith(REPOSITORY_WIDGET)]


@pytest.fixture(scope="module")
def published_site(tmp_path_factory):
    root = write_buildable_site(tmp_path_factory.mktemp("csp"), {"methodology.md": "# Methodology\n\n## Effects\n\nThe Solarium rule.\n"})
    site = root / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                            capture_output=True, text=True, cwd=root, env={**BUILD_ENV, "SITE_PUBLISH": "1"})
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def browse(published_site, chromium):
    """(page, site URL, hits on the other host, requests to anywhere else)."""
    handler = functools.partial(type("Quiet", (SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}),
                                directory=str(published_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site_url = f"http://127.0.0.1:{server.server_address[1]}"
    stray, errors = [], []
    with serve() as (other_url, other_hits):
        context = chromium.new_context()
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith((site_url, other_url))
                      else (stray.append(route.request.url), route.abort()))
        context.add_init_script(WATCH_VIOLATIONS)
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        yield page, site_url, other_url, other_hits, published_site
        context.close()
    server.shutdown()
    server.server_close()
    assert stray == [] and errors == []


def test_offline_build_has_no_policy(built_site):
    assert "Content-Security-Policy" not in (built_site / "index.html").read_text(encoding="utf-8")


def test_published_site_works_under_its_policy(browse):
    page, site_url, _, _, site = browse
    assert 'http-equiv="Content-Security-Policy"' in (site / "index.html").read_text(encoding="utf-8")
    page.goto(f"{site_url}/index.html")
    page.locator(".md-tabs__link", has_text="Methodology").first.click()
    expect(page).to_have_url(f"{site_url}/methodology.html")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").press_sequentially("Solarium", delay=30)
    expect(page.locator(".md-search-result__item a[href*='methodology']").first).to_be_visible(timeout=15000)
    assert _violations(page) == []
    # The timeline's filters load every development's row from a script of the site's own.
    page.goto(f"{site_url}/developments/index.html")
    page.select_option("form[data-timeline-filter] select[name=actor]", "china")
    expect(page.locator("[data-timeline-count]")).to_have_text("Showing 1 of 1 development.")
    expect(page.locator(".timeline-results a[href='cn-2024-initiative.html']")).to_be_visible()
    assert _violations(page) == []


def test_injected_script_and_external_image_are_refused(browse):
    page, site_url, other_url, other_hits, site = browse
    target = site / "methodology.html"
    html = target.read_text(encoding="utf-8")
    injected = f'<script>window.__injected = 1</script><img src="{other_url}/ok?pixel">'
    target.write_text(html.replace("<p>The Solarium rule.</p>", injected), encoding="utf-8")
    try:
        page.goto(f"{site_url}/methodology.html")
        page.wait_for_function(f"window.__violations.filter(v => !v.startsWith('{REPOSITORY_WIDGET}')).length >= 2")
        assert page.evaluate("window.__injected") is None
        violations = _violations(page)
        directives = sorted(v.split()[0] for v in violations)
        assert directives == ["img-src", "script-src-elem"], violations
        assert other_hits == []
    finally:
        target.write_text(html, encoding="utf-8")

"""The menu does not grow with the site: development pages are reached from the timeline
and from each other, not listed on every page."""
import re

from conftest import REPO

DEVELOPMENTS = sorted(p.stem for p in (REPO / "docs" / "developments").glob("*.md") if p.stem != "index")


def _menu(html: str) -> str:
    start = html.index('<nav class="md-nav md-nav--primary')
    return html[start:html.index('<div class="md-sidebar md-sidebar--secondary"', start)]


def _menu_links(html: str) -> list[str]:
    """Links to pages (the current page's own contents, '#...', aside)."""
    return [link for link in re.findall(r'<a href="([^"]+)" class="md-nav__link', _menu(html))
            if not link.startswith("#")]


def test_the_menu_lists_no_other_development_and_is_the_same_size_on_every_development_page(built_site):
    sizes = set()
    for stem in DEVELOPMENTS:
        links = _menu_links((built_site / "developments" / f"{stem}.html").read_text(encoding="utf-8"))
        # From developments/x.html, a development is a bare "y.html"; the timeline is "index.html".
        # The page itself is listed, under the timeline, with its contents.
        pages = [link for link in links if "/" not in link and link != "index.html"]
        assert pages == [f"{stem}.html"], stem
        sizes.add(len(links))
    # Sections, recommendations, the about pages and the page itself: a fixed number,
    # whatever the count of developments.
    other_pages = len(list((REPO / "docs").rglob("*.md"))) - len(DEVELOPMENTS)
    assert len(sizes) == 1 and sizes.pop() <= other_pages + 1


def test_a_development_page_shows_its_place_and_links_to_its_neighbours(built_site):
    from sitecheck import generate
    from sitecheck.run import check_site

    model = check_site(REPO, REPO / "docs", REPO / "bibliography").model
    older, path, newer = generate.development_sequence(model)[1]
    html = (built_site / path.replace(".md", ".html")).read_text(encoding="utf-8")
    active_tab = re.search(r'md-tabs__item--active">\s*<a href="([^"]+)"', html)
    assert active_tab and active_tab.group(1) == "index.html"  # the Developments tab: the timeline
    assert re.search(r'class="md-path__link">\s*<span class="md-ellipsis">\s*Developments', html)
    assert f'href="{older.split("/")[1].replace(".md", ".html")}" class="md-footer__link md-footer__link--prev"' in html
    assert f'href="{newer.split("/")[1].replace(".md", ".html")}" class="md-footer__link md-footer__link--next"' in html


def test_a_development_page_stays_light(built_site):
    """Most of a page's weight was the menu (64 KB when it listed every development); now
    it is the sections, the recommendations and the page's own contents."""
    for stem in DEVELOPMENTS:
        html = (built_site / "developments" / f"{stem}.html").read_text(encoding="utf-8")
        assert len(_menu(html).encode()) < 32_000, stem

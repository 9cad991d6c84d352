"""A reader's tools in a real browser, from file:// with the network blocked: the
timeline's filters (checked against the content model, restored from the address), the
bibliography's filter, Chinese and phrase search, and the printed page's addresses."""
import io
import re

import pytest
from pypdf import PdfReader

from conftest import REPO, offline_context

SEARCH_DONE = """() => { const m = document.querySelector('.md-search-result__meta');
    return m && /match/i.test(m.textContent); }"""


@pytest.fixture(scope="module")
def model():
    from sitecheck.run import check_site

    return check_site(REPO, REPO / "docs", REPO / "bibliography").model


@pytest.fixture(scope="module")
def reader(built_site, chromium):
    context, blocked, errors = offline_context(chromium, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
    assert blocked == [] and errors == []


def shown_developments(page) -> set[str]:
    """The developments whose rows the reader sees (rows of a hidden table do not count)."""
    return set(page.eval_on_selector_all(
        "tr[data-year] td:nth-child(2) a",
        "links => links.filter(a => a.checkVisibility()).map(a => a.getAttribute('href').replace(/\\.html$/, ''))"))


def newest(model, n=25) -> set[str]:
    return {d.id for d in model.ordered_developments()[:n]}


def expected(model, actor="", type="", rec="", effect="", year="") -> set[str]:
    return {d.id for d in model.developments.values()
            if (not actor or actor in d.actors) and (not type or d.type == type)
            and (not year or str(d.date.year) == year)
            and (not (rec or effect) or any((not rec or e.recommendation == rec) and (not effect or e.effect == effect)
                                            for e in d.effects))}


@pytest.mark.parametrize("choice", [
    {"actor": "china"}, {"type": "law"}, {"rec": "data-free-port"}, {"effect": "contradicts"}, {"year": "2021"},
    {"actor": "united-states", "effect": "advances", "rec": "ai-safety-ethics"},
])
def test_timeline_filters_show_exactly_the_matching_developments_and_the_address_restores_them(
        reader, built_site, model, choice):
    """The page lists the newest developments; a filter reaches every development (the
    rows load from the script beside the page), and the address restores the choice."""
    timeline = (built_site / "developments" / "index.html").as_uri()
    reader.goto(timeline)
    total = len(model.developments)
    assert shown_developments(reader) == newest(model)
    assert reader.inner_text("[data-timeline-count]") == f"Showing the 25 newest of {total} developments; a filter searches them all."
    for name, value in choice.items():
        reader.select_option(f"form[data-timeline-filter] select[name={name}]", value)
    want = expected(model, **choice)
    assert want and not want <= newest(model)  # the filter reaches past the page's own list
    reader.wait_for_function("() => !/Loading/.test(document.querySelector('[data-timeline-count]').textContent)")
    assert shown_developments(reader) == want
    # The contents no longer offer the page's own year headings, which the filter hides.
    assert reader.eval_on_selector(".md-nav--secondary a[href='#2026']", "a => a.checkVisibility()") is False
    count = reader.inner_text("[data-timeline-count]")
    assert count == f"Showing {len(want)} of {total} developments."
    address = reader.url
    assert all(f"{name}={value}" in address for name, value in choice.items())

    reader.goto("about:blank")
    reader.goto(address)
    reader.wait_for_function("() => /^Showing \\d+ of/.test(document.querySelector('[data-timeline-count]').textContent)")
    assert shown_developments(reader) == want
    assert {n: reader.input_value(f"select[name={n}]") for n in choice} == choice

    reader.click("form[data-timeline-filter] button[type=reset]")
    reader.wait_for_function("() => !location.hash")
    assert shown_developments(reader) == newest(model)
    assert reader.eval_on_selector(".md-nav--secondary a[href='#2026']", "a => a.checkVisibility()") is True


def test_every_development_is_reached_without_javascript(built_site, chromium, model):
    """Without JavaScript the timeline lists the newest and links to every year's page;
    the year pages together list every development, each once."""
    context, _, _ = offline_context(chromium, java_script_enabled=False)
    page = context.new_page()
    page.goto((built_site / "developments" / "index.html").as_uri())
    assert shown_developments(page) == newest(model)
    assert page.locator("form[data-timeline-filter]").is_hidden()
    years = page.eval_on_selector_all("#every-year + ul a", "links => links.map(a => a.href)")
    assert len(years) == len({d.date.year for d in model.developments.values()})
    seen = []
    for year in years:
        page.goto(year)
        seen += sorted(shown_developments(page))
    assert sorted(seen) == sorted(model.developments)
    context.close()


def search(page, site, query) -> list[str]:
    """The pages a search finds, best first (each page once)."""
    page.goto((site / "index.html").as_uri())
    box = page.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_function(SEARCH_DONE, timeout=30000)
    for _ in range(10):  # Material shows results in batches as the list is scrolled
        before = page.locator(".md-search-result__item").count()
        page.eval_on_selector(".md-search__scrollwrap", "e => e.scrollTop = e.scrollHeight")
        page.wait_for_timeout(200)
        if page.locator(".md-search-result__item").count() == before:
            break
    hrefs = page.eval_on_selector_all(".md-search-result__list > .md-search-result__item > a",
                                      "links => links.map(a => a.href)")
    pages = []
    for href in hrefs:
        path = href.split("#")[0].split("?")[0].split("/site/")[-1]
        if path not in pages:
            pages.append(path)
    return pages


def pages_containing(site, word) -> set[str]:
    found = set()
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        article = text[text.find("<article"):text.find("</article>")]
        if word in re.sub(r"<[^>]+>", "", article):
            found.add(path.relative_to(site).as_posix())
    # The bibliography is left out of the search on purpose (it has its own filter).
    return found - {"bibliography.html"}


@pytest.mark.parametrize("word", ["数据安全", "人工智能"])
def test_chinese_search_finds_every_page_whose_text_contains_the_word(reader, built_site, word):
    want = pages_containing(built_site, word)
    assert len(want) >= 2
    assert want <= set(search(reader, built_site, word))


@pytest.mark.parametrize("query", ["zhòngyào shùjù", "zhongyao shuju"])
def test_pinyin_with_or_without_tones_finds_the_glossary(reader, built_site, query):
    assert search(reader, built_site, query)[0] == "glossary.html"


def test_a_sentence_finds_its_page_first(reader, built_site):
    found = search(reader, built_site, "dialogue is better than confrontation")
    assert found[0] == "developments/us-cn-2025-busan-leaders-meeting.html", found[:5]


def test_bibliography_filter_keeps_only_matching_entries_with_their_anchors(reader, built_site):
    reader.goto((built_site / "bibliography.html").as_uri())
    total = reader.locator("p[id^='ref-']").count()
    reader.fill("form[data-bib-filter] input[name=filter]", "semiconductor")
    shown = reader.locator("p[id^='ref-']:not([hidden])")
    assert 0 < shown.count() < total
    assert all("semiconductor" in t.lower() for t in shown.all_inner_texts())
    assert reader.inner_text("[data-bib-count]").startswith(f"{shown.count()} of {total} sources")
    assert reader.url.endswith("#filter=semiconductor")


def test_printed_pages_give_the_published_address_of_each_link(reader, built_site):
    import yaml

    url = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["publication"]["url"]
    reader.goto((built_site / "developments" / "us-cn-2025-busan-leaders-meeting.html").as_uri())
    reader.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(reader.pdf(format="A4")))
    text = " ".join(page.extract_text() for page in pdf.pages)
    reader.emulate_media(media="screen")
    assert re.sub(r"\s+", "", f"<{url}recommendations/") in re.sub(r"\s+", "", text)
    assert "file://" not in text

"""A reader on a phone and on paper: every recommendation page shows its status word in
the first screen, and the printed report card keeps each status on the page that names
its recommendation. Real Chromium, the built site over file://, every other request blocked."""
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from pypdf import PdfReader

from conftest import REPO
from sitecheck import vocabulary
from test_browser import ARGS, CHROMIUM

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def model():
    from sitecheck.run import check_site

    return check_site(REPO, REPO / "docs", REPO / "bibliography").model


@pytest.fixture(scope="module")
def browser_context(built_site):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is not installed at {CHROMIUM}: run 'make test', which installs it")
    blocked = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(viewport=PHONE)

        def gate(route):
            if route.request.url.startswith("file:"):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", gate)
        yield context
        context.close()
        browser.close()
    assert blocked == [], f"requests left the site: {blocked}"


def test_every_recommendation_shows_its_status_word_in_the_first_phone_screen(browser_context, built_site, model):
    page = browser_context.new_page()
    outside = []
    for rec in model.ordered_recommendations():
        page.goto((built_site / "recommendations" / f"{rec.id}.html").as_uri())
        word = page.locator(".sanya-glance .sanya-status__word").first
        assert word.inner_text() == vocabulary.label(rec.status), rec.id
        box = word.bounding_box()
        if not (box and box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
                and box["y"] + box["height"] <= PHONE["height"]):
            outside.append((rec.id, box))
    assert len(model.recommendations) == 19
    assert outside == []


def test_report_card_prints_each_status_on_the_page_that_names_its_recommendation(browser_context, built_site,
                                                                                   model):
    page = browser_context.new_page()
    page.goto((built_site / "report-card.html").as_uri())
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    texts = [re.sub(r"\s+", " ", p.extract_text()) for p in pdf.pages]
    assert len(texts) <= 8, f"the report card should fit a few sheets, not {len(texts)}"
    misplaced = []
    for rec in model.ordered_recommendations():
        heading = f"{rec.number}. {rec.title}"
        found = [i for i, text in enumerate(texts) if heading in text]
        text = texts[found[0]] if len(found) == 1 else ""
        block = text[text.index(heading):] if heading in text else ""
        if not block.startswith(f"{heading} Status: {vocabulary.label(rec.status)} as of "):
            misplaced.append((rec.id, found))
    assert misplaced == []

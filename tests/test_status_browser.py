"""A reader on a phone and on paper: every recommendation page shows its status word in
the first screen, and the printed report card keeps each status on the page that names
its recommendation. Real Chromium, the built site over file://, every other request blocked."""
import io
import re

import pytest
from pypdf import PdfReader

from conftest import REPO, offline_context
from sitecheck import vocabulary

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def model():
    from sitecheck.run import check_site

    return check_site(REPO, REPO / "docs", REPO / "bibliography").model


@pytest.fixture(scope="module")
def browser_context(built_site, chromium):
    context, blocked, _ = offline_context(chromium, viewport=PHONE)
    yield context
    context.close()
    assert blocked == [], f"requests left the site: {blocked}"


def test_every_recommendation_shows_its_status_word_in_the_first_phone_screen(browser_context, built_site, model):
    page = browser_context.new_page()
    outside = []
    for rec in model.ordered_recommendations():
        page.goto((built_site / "recommendations" / f"{rec.id}.html").as_uri())
        word = page.locator(".sanya-glance .sanya-status__word").first
        assert word.inner_text() == vocabulary.label(rec.status), rec.id
        box = word.bounding_box()
        # Its shape is drawn: the icon's reference finds the page's sprite (an unresolved
        # <use> draws nothing and measures 0 x 0).
        shape = page.eval_on_selector(".sanya-glance .sanya-icon use", "u => [u.getBBox().width, u.getBBox().height]")
        assert shape[0] > 10 and shape[1] > 10, (rec.id, shape)
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

"""The search index holds each page's own text, not the lists that grow with the site."""
import json

from conftest import REPO
from sitecheck import search_scope


def test_a_block_is_rendered_but_marked_for_search_to_skip():
    assert search_scope.block("| a |\n| - |") == \
        "<section data-search-exclude markdown>\n\n| a |\n| - |\n\n</section>"


def _index(site):
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_real_index_leaves_out_timeline_rows_and_citation_boxes(built_site):
    docs = _index(built_site)
    assert [d["location"] for d in docs if d["location"].startswith("developments/index.html#")] == []
    assert [d["location"] for d in docs if "Cite this page" in d["text"] or "@online{" in d["text"]] == []
    # Every development is still found by its own page.
    indexed = {d["location"].split("#")[0] for d in docs}
    developments = {f"developments/{p.stem}.html" for p in (REPO / "docs" / "developments").glob("*.md")}
    assert developments <= indexed


def test_a_link_that_spells_out_its_address_is_left_out_of_the_index():
    html = ('<p>Source. <a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>. '
            'See <a href="https://example.org/b">the text</a>.</p>')
    assert search_scope.leave_out_addresses(html) == (
        '<p>Source. <a href="https://example.org/a?b=1&amp;c=2" data-search-exclude>https://example.org/a?b=1&amp;c=2'
        '</a>. See <a href="https://example.org/b">the text</a>.</p>')


def test_real_index_keeps_reference_titles_but_not_their_addresses_or_page_dates(built_site):
    docs = _index(built_site)
    sources = [d for d in docs if d["location"] == "recommendations/data-free-port.html#sources"]
    assert sources and "Hainan Pilot Free Trade Zone" in sources[0]["text"]
    assert [d["location"] for d in docs if "https://news.cgtn.com/" in d["text"]] == []
    assert [d["location"] for d in docs if "This page last changed" in d["text"]] == []
    # The page still shows both to the reader.
    page = (built_site / "recommendations" / "data-free-port.html").read_text(encoding="utf-8")
    assert ">https://news.cgtn.com/" in page and "This page last changed on" in page

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


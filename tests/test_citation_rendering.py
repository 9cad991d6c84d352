"""Citations as readers see them: real pandoc, the Chicago author-date style pandoc
ships, locators, several keys, capitals kept, a batch of at most two pandoc runs per
build, and two runs giving exactly what one gives."""
import html as html_lib
import re

import pypandoc
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from sitecheck.citations import pandoc_style, protect_capitals
from sitefactory import BIB, REC, write_buildable_site

CITES = ('It asks for a port [@memo-2019, p. 3]. Both texts agree [@memo-2019; @cn-2024-initiative-text]. '
         'See also [@us-2023-report]. A law firm agrees [@icourt-2024-rules]. A blog [@panda-2025-cut].')
EXTRA = """@online{icourt-2024-rules,
  author = {{iCourt}},
  title = {MOFCOM's Rules on the PRC's Data},
  date = {2024},
  url = {https://icourt.example/rules_2024?a=1&b=%20x},
  keywords = {secondary},
}

@online{panda-2025-cut,
  author = {{brave\\_panda}},
  title = {A 15\\% Cut \\& More},
  date = {2025},
  url = {https://note.example/n1},
  keywords = {secondary},
}

@online{us-2023-report,
  author = {{Office of the U.S. Trade Representative}},
  title = {U.S.-China Trade Relations and the IPEF: An Update},
  date = {2023-11-16},
  url = {https://ustr.gov/report},
  keywords = {secondary},
}
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    root = tmp_path_factory.mktemp("cite")
    page = REC.replace('It asks for a port [@memo-2019, "Data Governance"].', CITES)
    write_buildable_site(root, {"recommendations/data-free-port.md": page}, {"extra.bib": EXTRA})
    calls = []
    real = pypandoc.convert_text

    def counting(*args, **kwargs):  # a spy: counts, then runs the real pandoc
        calls.append(1)
        return real(*args, **kwargs)

    pypandoc.convert_text = counting
    try:
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    finally:
        pypandoc.convert_text = real
    html = (root / "site" / "recommendations" / "data-free-port.html").read_text(encoding="utf-8")
    return html, len(calls), root


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_locator_renders_in_author_date_form(rendered):
    html, _, _ = rendered
    assert "(National Committee on U.S.-China Relations 2020, 3)" in _text(html)


def test_several_keys_render_as_one_citation_with_a_footnote_each(rendered):
    html, _, _ = rendered
    assert "(National Committee on U.S.-China Relations 2020; Cyberspace Administration of China 2024)" in _text(html)
    assert 'href="#fn:memo-2019"' in html and 'href="#fn:cn-2024-initiative-text"' in html


def test_capitalised_words_keep_their_capitals(rendered):
    html, _, _ = rendered
    text = _text(html)
    assert "U.S.-China Trade Relations and the IPEF" in text
    assert "U.s." not in text


def test_no_pandoc_span_markup_leaks_into_the_page(rendered):
    html, _, _ = rendered
    assert "{.nocase}" not in html
    assert "(iCourt 2024)" in _text(html) and "MOFCOM" in _text(html)


def test_urls_keep_underscores_ampersands_and_percent_signs(rendered):
    html, _, _ = rendered
    url = "https://icourt.example/rules_2024?a=1&amp;b=%20x"
    assert f'<a href="{url}" data-search-exclude>{url}</a>' in html  # shown, not indexed


def test_escaped_characters_in_titles_and_names_render_as_written(rendered):
    """LaTeX escapes in the .bib reach pandoc as written (pybtex's own writer doubled them)."""
    text = html_lib.unescape(_text(rendered[0]))
    assert 'brave_panda. 2025. "A 15% Cut & More."' in text


def test_full_reference_links_to_the_source(rendered):
    html, _, _ = rendered
    assert re.search(r'id="fn:memo-2019".*?href="https://www.ncuscr.org/memo"', html, re.S)


def test_the_whole_build_formats_citations_in_at_most_two_pandoc_runs(rendered):
    _, calls, _ = rendered
    assert calls in (1, 2)  # one part, or two side by side; never one per page


def test_style_is_pandocs_own_chicago_author_date(tmp_path):
    style = pandoc_style("default.csl", tmp_path).read_text(encoding="utf-8")
    assert "Chicago Manual of Style" in style and 'citation-format="author-date"' in style


@pytest.mark.parametrize("batch", ["1", "0"])  # 0: mkdocs-bibtex's own pandoc run per page (benchmarks)
def test_bibliography_page_lists_every_source_with_an_anchor(tmp_path, monkeypatch, batch):
    monkeypatch.setenv("SITE_CITATION_BATCH", batch)
    root = write_buildable_site(tmp_path, {"bibliography.md": "# Bibliography\n\n<!-- bibliography -->\n"})
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    html = (root / "site" / "bibliography.html").read_text(encoding="utf-8")
    assert 'id="ref-memo-2019"' in html and 'id="ref-cn-2024-initiative-text"' in html
    assert "Cited on:" in html


@pytest.mark.parametrize("title, expected", [
    ("U.S.-China Trade", "{U.S.-China} Trade"),
    ("The IPEF: An Update", "The {IPEF}: An Update"),
    ("Already {U.S.} safe", "Already {U.S.} safe"),
    ("(PIPL) rules", "({PIPL}) rules"),
    ("Plain words only", "Plain words only"),
])
def test_protect_capitals(title, expected):
    assert protect_capitals(title) == expected


def _entries(text):
    from pybtex.database import parse_string

    return parse_string(text, "bibtex").entries


def _keys(part):
    return {citation.key for block in part for citation in block.citations}


def test_sources_a_citation_could_confuse_share_a_run_and_runs_are_balanced():
    from mkdocs_bibtex.citation import CitationBlock

    from sitecheck.citation_runs import partition

    entries = _entries("""
@online{wh-a, author = {{The White House}}, title = {A}, date = {2024-05-01}}
@online{wh-b, author = {{The White House}}, title = {B}, date = {2024-06-01}}
@online{wh-c, author = {{The White House}}, title = {C}, date = {2023}}
@article{smith-j, author = {Smith, John}, title = {D}, year = {2020}}
@article{smith-a, author = {Smith, Anne and Roe, Rick}, title = {E}, year = {2020}}
@online{x, author = {{X}}, title = {F}, date = {2021}}
@online{y, author = {{Y}}, title = {G}, date = {2021}}
@online{z, title = {Untitled author}, date = {2021}}""")
    blocks = CitationBlock.from_markdown("[@wh-a] [@smith-j] [@x; @y] [@wh-c]")
    parts = partition(blocks, ["wh-b", "smith-a", "z"], entries, 2)
    assert len(parts) == 2
    runs = [_keys(part) for part in parts]
    assert sorted(len(run) for run in runs) == [4, 4]
    for together in ({"wh-a", "wh-b"}, {"smith-j", "smith-a"}, {"x", "y"}):
        assert any(together <= run for run in runs), together
    assert runs[0] | runs[1] == set(entries) and not runs[0] & runs[1]
    # Each page citation goes to the run holding its sources, once; the rest of each run
    # is one block citing its uncited sources.
    written = [str(b) for part in parts for b in part]
    assert all(written.count(str(b)) == 1 for b in blocks)
    rest = [b for part in parts for b in part if str(b) not in map(str, blocks)]
    assert len(rest) == 2 and set().union(*(_keys([b]) for b in rest)) == {"wh-b", "smith-a", "z"}
    assert [len(p) for p in partition(blocks, ["wh-b", "smith-a", "z"], entries, 1)] == [5]


def test_two_runs_give_the_real_sites_citations_exactly_as_one_does():
    """Every citation and reference of the real site, formatted by real pandoc in one run
    and in two: identical, year suffixes (2024a, 2024b ...) included."""
    from pathlib import Path

    from mkdocs_bibtex.registry import PandocRegistry

    from conftest import REPO
    from sitecheck import citations
    from sitecheck.run import check_site

    checked = check_site(REPO, REPO / "docs", REPO / "bibliography")
    caches = []
    for runs in (1, 2):
        registry = PandocRegistry(bib_files=[], csl_file=str(pandoc_style("default.csl")), csl_file_encoding=None,
                                  footnote_format="{key}")
        registry.bib_data = checked.bib.data
        citations.prepare_registry(registry)
        batch = citations.Batch(registry, [page.body for page in checked.model.pages.values()], runs)
        assert len(batch.parts) == runs
        batch.wait()
        caches.append((registry._inline_cache, registry._reference_cache))
    (inline_one, refs_one), (inline_two, refs_two) = caches
    assert len(refs_one) == len(checked.bib.data.entries) > 500
    assert inline_two == inline_one and refs_two == refs_one
    assert any(re.search(r"\b20\d\d[a-f]\b", text) for text in inline_one.values())  # suffixes are in play

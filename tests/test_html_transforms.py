"""The post-processing of rendered HTML: Chinese marked with its language, table cells
labelled for phones, the theme's search dialog named and status markers spelled out."""
import json
import time

import pytest

from sitecheck import html_chinese, html_chrome, html_pinyin, html_print, html_tables, search_terms, timeline_rows


def test_chinese_runs_are_marked_outside_tags_scripts_and_marked_elements():
    html = ('<p><strong>安全评估 (数据出境安全评估)</strong> <em>ānquán</em></p>'
            '<a title="数据">data</a><script>var s = "数据";</script><span lang="zh-Hant">數據</span>')
    assert html_chinese.mark_chinese(html) == (
        '<p><strong><span lang="zh-Hans">安全评估</span> (<span lang="zh-Hans">数据出境安全评估</span>)</strong> '
        '<em>ānquán</em></p><a title="数据">data</a><script>var s = "数据";</script><span lang="zh-Hant">數據</span>')


def test_text_without_chinese_is_returned_unchanged():
    html = "<p>Data, données — ānquán</p>"
    assert html_chinese.mark_chinese(html) is html


def test_cells_of_wide_tables_carry_their_column_heading():
    html = ("<table>\n<thead>\n<tr>\n<th>Date</th>\n<th>Development</th>\n<th>Effect</th>\n</tr>\n</thead>\n"
            "<tbody>\n<tr>\n<td>1 May 2024</td>\n<td><a href='x.html'>An <em>order</em></a></td>\n<td>Mixed</td>\n</tr>\n"
            "</tbody>\n</table>\n<table><thead><tr><th>Value</th><th>Meaning</th></tr></thead>"
            "<tbody><tr><td>a</td><td>b</td></tr></tbody></table>")
    out = html_tables.label_cells(html)
    assert '<table data-stack>' in out
    assert '<td data-label="Date">1 May 2024</td>' in out
    assert "<td data-label=\"Development\"><a href='x.html'>" in out
    assert '<td data-label="Effect">Mixed</td>' in out
    assert out.endswith("<tbody><tr><td>a</td><td>b</td></tr></tbody></table>")  # two columns stay a table


def test_search_dialog_gets_a_name_and_status_markers_become_text():
    html = ('<div class="md-search" data-md-component="search" role="dialog">'
            '<span class="md-status md-status--no-visible-action" title="Status: no visible action">\n    </span>')
    out = html_chrome.status_as_text(html_chrome.name_search_dialog(html), {"no-visible-action": "No visible action"})
    assert out == ('<div class="md-search" data-md-component="search" role="dialog" aria-label="Search this site">'
                   '<span class="md-status md-status--no-visible-action md-status--text">'
                   '<span class="visually-hidden">Status: </span>No visible action</span>')


def test_row_data_moves_from_its_marker_onto_the_row():
    html = '<tr>\n<td><span data-row data-type="law" data-year="2021"></span>1 May 2021</td>\n<td>x</td></tr>'
    assert html_tables.lift_row_data(html) == '<tr data-type="law" data-year="2021">\n<td>1 May 2021</td>\n<td>x</td></tr>'


def test_links_to_pages_get_their_published_address_for_print():
    pages = {"recommendations/a.html": "https://example.org/site/recommendations/a.html"}
    html = ('<a href="../recommendations/a.html#why">A</a> <a href="#top">top</a> '
            '<a href="https://other.org/">o</a> <a href="../assets/x.pdf">x</a>')
    assert html_print.add_print_addresses(html, "developments/b.html", pages.get) == (
        '<a href="../recommendations/a.html#why" data-print-url="https://example.org/site/recommendations/a.html#why">A</a>'
        ' <a href="#top">top</a> <a href="https://other.org/">o</a> <a href="../assets/x.pdf">x</a>')


def test_search_separator_drops_short_function_words_whole_and_in_any_case():
    import re

    separator = re.compile(search_terms.separator(r"[\s\u200b\-]+"))
    text = "Dialogue IS better than “confrontation”, in the island\u200b数据\u200b安全 (1.5 U.S.)"
    words = [w for w in separator.split(text) if w]
    assert words == ["Dialogue", "better", "confrontation", "island", "数据", "安全", "1.5", "U", "S"]


def test_pinyin_glosses_get_a_hidden_toneless_spelling_and_other_italics_do_not():
    other = "<p>Elsewhere, in a paragraph of its own, <em>données</em> and <em>de minimis</em>.</p>"
    html = "<p><strong>重要数据</strong> <em>zhòngyào shùjù</em></p>" + other
    assert html_pinyin.add_toneless_pinyin(html) == (
        '<p><strong>重要数据</strong> <em>zhòngyào shùjù</em><span class="visually-hidden" aria-hidden="true">'
        ' zhongyao shuju</span></p>' + other)


@pytest.mark.parametrize("name, html_text", [
    ("20,000 tables never closed", "<table>" * 20_000),
    ("20,000 rows never closed", "<table><thead><th>a</th><th>b</th><th>c</th></thead>" + "<tr>" * 20_000 + "</table>"),
    ("20,000 table tags never ended", "<table " * 20_000),
    ("50,000 stray '<' before Chinese", "<" * 50_000 + "数据"),
])
def test_malformed_contributed_html_is_transformed_in_linear_time(name, html_text):
    """A contributor's raw HTML reaches these transforms; lazy patterns over unclosed tags
    took 10-18 s on such pages."""
    start = time.process_time()
    html_chinese.mark_chinese(html_tables.label_cells(html_text))
    assert time.process_time() - start < 0.5, name


def test_timeline_rows_are_the_rendered_rows_that_carry_a_development():
    page = ('<table><thead><tr><th>Date</th></tr></thead><tbody>'
            '<tr data-actors="china" data-year="2021"><td data-label="Date">1 June 2021</td></tr>'
            '<tr><td>not a development</td></tr>'
            '<tr data-year="2020"><td><a href="x.html">"X" 数据</a></td></tr></tbody></table>')
    rows = timeline_rows.rows_of(page)
    assert rows == ['<tr data-actors="china" data-year="2021"><td data-label="Date">1 June 2021</td></tr>',
                    '<tr data-year="2020"><td><a href="x.html">"X" 数据</a></td></tr>']
    script = timeline_rows.script(rows)
    assert script.startswith("window.sanyaTimelineRows = [") and script.endswith("];\n")
    assert json.loads(script[len("window.sanyaTimelineRows = "):-2]) == rows


def test_timeline_rows_read_an_unclosed_row_in_linear_time():
    start = time.perf_counter()
    assert timeline_rows.rows_of('<tr data-year="2020">' * 50_000) == []
    assert time.perf_counter() - start < 0.5

"""Derived parts come from the model: lists, timeline, scorecard, nav."""
from sitecheck import generate
from sitefactory import DEV, check, write_site

NEWER = DEV.replace("id: cn-2024-initiative", "id: us-2025-order").replace("date: 2024-11-20", "date: 2025-01-02") \
    .replace("title: An initiative", "title: An order").replace("actors: [china]", "actors: [united-states]") \
    .replace("effect: mixed", "effect: contradicts")


def model(tmp_path):
    return check(write_site(tmp_path, {"developments/us-2025-order.md": NEWER})).model


def test_recommendation_list_is_newest_first_with_effects(tmp_path):
    md = generate.recommendation_developments(model(tmp_path), "data-free-port", "recommendations/data-free-port.md")
    rows = [line for line in md.split("\n") if line.startswith("| ") and "Date" not in line and "---" not in line]
    assert rows == [
        "| 2 January 2025 | [An order](../developments/us-2025-order.md) | United States | Contradicts |",
        "| 20 November 2024 | [An initiative](../developments/cn-2024-initiative.md) | China | Mixed |",
    ]


def test_timeline_groups_by_year_newest_first(tmp_path):
    md = generate.timeline(model(tmp_path), "developments/index.md")
    assert md.index("## 2025") < md.index("## 2024")
    # Recommendations by number and title with the effect; the row's facts as data for the filters.
    assert ('| <span data-row data-actors="united-states" data-type="initiative" data-year="2025" '
            'data-effects="data-free-port:contradicts"></span>2 January 2025') in md
    assert "| [No. 5: A free data port](../recommendations/data-free-port.md) (contradicts) |" in md
    assert '<select name="rec"><option value="">Any</option><option value="data-free-port">No. 5: A free data port' in md
    assert 'data-total="2" data-rows="timeline-rows.js"' in md
    assert md.endswith("## Every year { #every-year data-search-exclude }\n\n- [2025](2025.md): 1 development\n"
                       "- [2024](2024.md): 1 development")


def test_timeline_lists_only_the_newest_and_every_year_has_a_page(tmp_path, monkeypatch):
    monkeypatch.setattr(generate, "TIMELINE_NEWEST", 1)
    m = model(tmp_path)
    md = generate.timeline(m, "developments/index.md")
    assert "2 January 2025" in md and "20 November 2024" not in md
    assert "This page lists the 1 newest of the 2 developments; every year has its own page" in md
    pages = generate.year_pages(m)
    assert list(pages) == ["developments/2025.md", "developments/2024.md"]
    year = pages["developments/2024.md"]
    assert year.startswith("---\ntitle: Developments of 2024\nsearch:\n  exclude: true\n---\n\n# Developments of 2024\n")
    assert "[An initiative](cn-2024-initiative.md)" in year and "2 January 2025" not in year
    assert "## 2024" not in year  # one table, under the page's title
    assert generate.year_sequence(m) == [(None, "developments/2024.md", "developments/2025.md"),
                                         ("developments/2024.md", "developments/2025.md", None)]


def test_development_facts_box_follows_the_title(tmp_path):
    m = model(tmp_path)
    page = "# An order\n\nBody."
    out = generate.render_markers(page, "developments/us-2025-order.md", m)
    assert out.startswith("# An order\n\n!!! abstract \"At a glance\"")
    assert "**Date:** 2 January 2025 (published)" in out
    assert "[A free data port](../recommendations/data-free-port.md) (contradicts)" in out


def test_scorecard_counts_every_status(tmp_path):
    md = generate.scorecard(model(tmp_path), "index.md")
    assert "| **Stalled** (1) | [A free data port](recommendations/data-free-port.md) |" in md
    assert "| **Advanced** (0) | none |" in md


def test_nav_lists_recommendations_by_section_and_only_the_timeline_for_developments(tmp_path):
    nav = generate.nav([{"Recommendations": "recommendations/"}, {"Developments": "developments/"}], model(tmp_path))
    assert nav[0] == {"Recommendations": ["recommendations/index.md",
                                          {"Data governance": [{"A free data port": "recommendations/data-free-port.md"}]}]}
    assert nav[1] == {"Developments": ["developments/index.md"]}


def test_development_sequence_links_each_page_to_its_older_and_newer_neighbour(tmp_path):
    assert generate.development_sequence(model(tmp_path)) == [
        (None, "developments/cn-2024-initiative.md", "developments/us-2025-order.md"),
        ("developments/cn-2024-initiative.md", "developments/us-2025-order.md", None),
    ]


def test_empty_list_says_so(tmp_path):
    m = check(write_site(tmp_path, {"developments/cn-2024-initiative.md": None})).model
    assert "No development on this site" in generate.recommendation_developments(m, "data-free-port", "x/y.md")


def test_bibliography_sorts_by_the_words_not_the_markup():
    refs = {"b": "Beta Org. 2020.", "a": "[alpha]{.nocase} 2021.", "c": "*Gamma*. 2019."}
    md = generate.bibliography_list(refs, {"a": ["x.md"]}, "bibliography.md", lambda p: "X")
    assert md.index("[alpha]") < md.index("Beta") < md.index("*Gamma*")
    assert "{: #ref-a }" in md and "*Cited on:* [X](x.md)" in md and "*Cited on:* no page yet" in md


def test_bibliography_groups_primary_first_then_by_initial():
    refs = {"b": "Beta Org. 2020.", "a": "Alpha. 2021.", "c": "Gamma. 2019.", "n": "2024 report."}
    md = generate.bibliography_list(refs, {}, "bibliography.md", str, {"c": "primary", "a": "secondary"})
    assert md.index("## Official texts and announcements {#primary }") < md.index("### G {#primary-g")
    assert md.index("### G {#primary-g") < md.index("## Analysis and reporting {#secondary }")
    assert md.index("### 0-9 {#secondary-0-9") < md.index("### A {#secondary-a") < md.index("### B {#secondary-b")
    assert "[1 official texts and announcements](#primary) and [3 analysis and reporting](#secondary)" in md
    assert "[0-9](#secondary-0-9) · [A](#secondary-a) · [B](#secondary-b)" in md


def test_effects_matrix_counts_effects_and_sides(tmp_path):
    md = generate.effects_matrix(model(tmp_path), "recommendations/index.md")
    assert md.split("\n")[0] == "| Recommendation | Advances | Contradicts | Mixed | Context | U.S. | China |"
    assert "| [A free data port](data-free-port.md) | 0 | 1 | 1 | 0 | 1 | 1 |" in md


def test_a_title_is_text_in_every_generated_table(tmp_path):
    """Markup in a title is shown as written, never read as tags that would break the
    timeline's rows (and with them the rows its filters load)."""
    title = 'title: "An </tr><tr data-year=\\"1999\\"> initiative"'
    m = check(write_site(tmp_path, {"developments/cn-2024-initiative.md": DEV.replace("title: An initiative", title)})).model
    md = generate.timeline(m, "developments/index.md")
    assert '[An &lt;/tr>&lt;tr data-year="1999"> initiative](cn-2024-initiative.md)' in md
    assert "<tr" not in md

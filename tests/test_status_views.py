"""The status history is shown from the front matter alone: the box that opens a
recommendation page, its history table, the grid by year and the report card."""
from sitecheck import generate, status_views
from sitefactory import BLOCK_HISTORY, DEV, REC, check, write_site

PAGE = "recommendations/data-free-port.md"
_lines = REC.split("\n")
# The fixture page with a history of three entries: baseline, end of 2024, now.
THREE_ENTRIES = BLOCK_HISTORY.replace("  - as_of: 2026-11-01", """  - as_of: 2024-12-31
    status: partial
    evidence: [cn-2024-initiative]
    reason: China's initiative was a first step toward agreed rules on data flows.
  - as_of: 2026-11-01""")
NEWER = DEV.replace("id: cn-2024-initiative", "id: us-2025-order").replace("date: 2024-11-20", "date: 2025-01-02") \
    .replace("title: An initiative", "title: An order").replace("actors: [china]", "actors: [united-states]") \
    .replace("effect: mixed", "effect: contradicts")


def page_with(history: str) -> str:
    return "\n".join(_lines[:6]) + "\n" + history + "\n".join(_lines[8:])


def model(tmp_path, history=THREE_ENTRIES):
    return check(write_site(tmp_path, {PAGE: page_with(history), "developments/us-2025-order.md": NEWER})).model


def rendered(m):
    return generate.render_markers(m.pages[PAGE].body, PAGE, m)


def history_rows(markdown: str) -> list[str]:
    section = markdown[markdown.index(status_views.HISTORY_HEADING):]
    return [line for line in section.split("\n") if line.startswith("| ") and "As of" not in line and "---" not in line]


def grid_cells(m) -> list[str]:
    row = [line for line in status_views.status_grid(m, "index.md").split("\n") if "A free data port" in line][0]
    assert row.startswith("| 5. [A free data port](recommendations/data-free-port.md) | ")
    return [cell.split('sanya-status__word">')[1].split("<")[0] if "sanya-status__word" in cell else cell.strip()
            for cell in row.rstrip(" |").split(" | ")[1:]]


def test_one_changed_entry_changes_the_page_history_and_the_grid(tmp_path):
    before = model(tmp_path / "a")
    nva = "No visible action"
    # columns: 2019 (baseline), 2020 ... 2025, Now
    assert grid_cells(before) == [nva, nva, nva, nva, nva, "Partial", "Partial", "Stalled"]
    assert "Partial" in history_rows(rendered(before))[1]

    after = model(tmp_path / "b", THREE_ENTRIES.replace("    status: partial", "    status: reversed"))
    assert grid_cells(after) == [nva, nva, nva, nva, nva, "Reversed", "Reversed", "Stalled"]
    rows = history_rows(rendered(after))
    assert [r.split("| ")[1].strip() for r in rows] == ["2019 (baseline)", "End of 2024", "1 November 2026"]
    assert 'sanya-status--reversed' in rows[1] and "down from no visible action" in rows[1]
    assert 'sanya-status--stalled' in rows[2] and "up from reversed" in rows[2]


def test_history_lists_each_entry_with_its_reason_and_evidence_links(tmp_path):
    rows = history_rows(rendered(model(tmp_path)))
    assert len(rows) == 3
    assert "China's initiative was a first step toward agreed rules on data flows." in rows[1]
    assert "[An initiative](../developments/cn-2024-initiative.md) (2024)" in rows[1]
    assert rows[0].endswith("| none |")


def test_the_page_opens_with_the_glance_box_status_first(tmp_path):
    m = model(tmp_path)
    out = rendered(m)
    assert out.startswith('\n# A free data port\n\n!!! abstract sanya-glance "At a glance"\n\n    - **Status:** '
                          '<span class="sanya-status sanya-status--stalled">')
    box = out[:out.index("\n## ")]
    assert "as of 1 November 2026 ([history](#status-history))" in box
    assert "**Recommendation 5** of 1, in [Data governance](index.md#data-governance)" in box
    assert "China's initiative invites talks on data flows" in box  # the current reason
    assert "**Latest development:** [An order](../developments/us-2025-order.md), 2 January 2025 (contradicts)" in box
    assert "    | U.S. | 0 | 1 | 0 |" in box and "    | China | 0 | 0 | 1 |" in box and "    | Others | 0 | 0 | 0 |" in box


def test_the_history_closes_the_status_section(tmp_path):
    body = model(tmp_path).pages[PAGE].body
    out = generate.render_markers(body, PAGE, model(tmp_path / "m"))
    assert out.index("## Status") < out.index(status_views.HISTORY_HEADING) < out.index("## Sources")


def test_report_card_names_every_recommendation_with_status_history_and_key_developments(tmp_path):
    m = model(tmp_path)
    card = status_views.report_card(m, "report-card.md")
    assert "### 5. [A free data port](recommendations/data-free-port.md) { #data-free-port }" in card
    assert "**Status:** <span class=\"sanya-status sanya-status--stalled\">" in card
    assert "| 2019 | 2020 | 2021 | 2022 | 2023 | 2024 | 2025 | Now |" in card
    assert "**Developments that matter most:** [An initiative](developments/cn-2024-initiative.md) " \
           "(20 November 2024, mixed)" in card


def test_key_developments_prefer_the_latest_that_move_the_recommendation(tmp_path):
    history = BLOCK_HISTORY.replace("evidence: [cn-2024-initiative]", "evidence: [cn-2024-initiative, us-2025-order]")
    m = model(tmp_path, history)
    key = status_views.key_developments(m, m.recommendations["data-free-port"])
    assert [(d.id, e) for d, e in key] == [("us-2025-order", "contradicts"), ("cn-2024-initiative", "mixed")]


def test_contributing_page_documents_every_assessment_field_from_the_schema():
    from conftest import REPO
    from sitecheck.model import ASSESSMENT_SCHEMA

    table = generate.assessment_fields()
    assert [line.split("`")[1] for line in table.split("\n")[2:]] == list(ASSESSMENT_SCHEMA)
    assert "one of: `advanced`, `partial`, `stalled`, `reversed`, `no-visible-action`" in table
    assert "<!-- schema: assessments -->" in (REPO / "docs" / "contributing.md").read_text(encoding="utf-8")


def test_each_page_draws_the_shapes_its_icons_use_once():
    content = f"<p>{status_views.badge('partial')} {status_views.badge('partial')} {status_views.badge('reversed')}</p>"
    assert '<use href="#sanya-icon-partial"/>' in content and "<circle" not in content
    page = status_views.with_icon_sprite(content)
    sprite = page[len(content):]
    assert sprite.count("<symbol") == 2
    assert '<symbol id="sanya-icon-partial" viewBox="0 0 16 16"><circle' in sprite
    assert 'id="sanya-icon-reversed"' in sprite and "sanya-icon-advanced" not in sprite
    assert status_views.with_icon_sprite("<p>No status here.</p>") == "<p>No status here.</p>"

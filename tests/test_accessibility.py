"""axe-core (pinned in package.json, injected from node_modules) over every page type,
light and dark, from file:// with the network blocked: no serious or critical violation."""
import json

from conftest import REPO, offline_context

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# The navigation is the same on every page and costs most of axe's time there; it is
# checked in full on the pages listed first, and left out on the others.
NAV = ".md-sidebar--primary"
START = """(exclude) => { window.__axe = axe.run(
    {include: [['html']], exclude: exclude ? [[exclude]] : []}, {resultTypes: ['violations']}); }"""
RESULT = """async () => (await window.__axe).violations
    .filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)}))"""


def pages_to_check(site):
    recommendations = sorted(p for p in (site / "recommendations").glob("*.html") if p.name != "index.html")
    return [site / "index.html", recommendations[0], site / "recommendations" / "index.html", *recommendations[1:],
            site / "developments" / "index.html", site / "developments" / "2021.html",
            site / "developments" / "us-cn-2025-busan-leaders-meeting.html",
            site / "glossary.html", site / "bibliography.html", site / "report-card.html", site / "data.html",
            site / "whats-new.html", site / "developments" / FILTERED]


# The timeline as a filter leaves it: rows loaded from the rows' script, a table a year.
FILTERED = "index.html#actor=china&effect=contradicts"
FILTERED_SHOWN = "() => /^Showing \\d+ of/.test(document.querySelector('[data-timeline-count]').textContent)"


def test_no_serious_or_critical_axe_violations_light_and_dark(built_site, chromium):
    assert AXE.exists(), "axe-core is missing: run 'make test' (npm ci installs it)"
    schemes = {}
    for scheme in ("light", "dark"):
        context, blocked, errors = offline_context(chromium, color_scheme=scheme)
        context.add_init_script(path=str(AXE))
        schemes[scheme] = (context, context.new_page(), blocked, errors)
    found, checked = {}, 0
    for number, path in enumerate(pages_to_check(built_site)):
        # Both schemes at once: axe runs in each page's own renderer.
        for _, page, _, _ in schemes.values():
            page.goto(path.parent.as_uri() + "/" + path.name)  # as_uri() would escape the filter's "#"
            if path.name == FILTERED:
                page.wait_for_function(FILTERED_SHOWN)
            page.evaluate(START, None if number < 2 else NAV)
        for scheme, (_, page, _, _) in schemes.items():
            scheme_shown = page.evaluate("getComputedStyle(document.body).getPropertyValue('color-scheme')")
            violations = page.evaluate(RESULT)
            checked += 1
            if violations:
                found[f"{path.relative_to(built_site)} ({scheme}, {scheme_shown})"] = violations
    for context, _, blocked, errors in schemes.values():
        context.close()
        assert blocked == [] and errors == []
    assert checked == 2 * len(pages_to_check(built_site))
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)


def test_dark_pages_really_are_dark(built_site, chromium):
    context, _, _ = offline_context(chromium, color_scheme="dark")
    page = context.new_page()
    page.goto((built_site / "index.html").as_uri())
    scheme = page.get_attribute("body", "data-md-color-scheme")
    context.close()
    assert scheme == "slate"

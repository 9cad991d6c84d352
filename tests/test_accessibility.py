"""axe-core (pinned in package.json, injected from node_modules) over every page type,
light and dark, from file:// with the network blocked: no serious or critical violation."""
import json

import pytest

from conftest import REPO, offline_context

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
GRAVE = ("serious", "critical")


def pages_to_check(site):
    recommendations = sorted(p for p in (site / "recommendations").glob("*.html") if p.name != "index.html")
    return [site / "index.html", site / "recommendations" / "index.html", *recommendations,
            site / "developments" / "index.html", site / "developments" / "us-cn-2025-busan-leaders-meeting.html",
            site / "glossary.html", site / "bibliography.html"]


def run_axe(page) -> list[str]:
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
    }""")
    return [json.dumps(v, ensure_ascii=False) for v in result]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_axe_violations(built_site, chromium, scheme):
    assert AXE.exists(), "axe-core is missing: run 'make test' (npm ci installs it)"
    context, blocked, errors = offline_context(chromium, color_scheme=scheme)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    found = {}
    for path in pages_to_check(built_site):
        page.goto(path.as_uri())
        assert page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-default-bg-color')") is not None
        violations = run_axe(page)
        if violations:
            found[str(path.relative_to(built_site))] = violations
    context.close()
    assert blocked == [] and errors == []
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)

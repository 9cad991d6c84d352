"""On a 390x844 phone, no cell of the site's data tables (recommendations index, effects
matrix, each recommendation's developments, the timeline) lies outside the screen or
behind a sideways scroll; on a desktop the effects matrix fits the text column."""
from conftest import offline_context

CELLS_OUTSIDE = """() => {
    const width = document.documentElement.clientWidth, out = [];
    for (const table of document.querySelectorAll('article table')) {
        for (const cell of table.querySelectorAll('td')) {
            const r = cell.getBoundingClientRect();
            if (r.width && (r.left < 0 || r.right > width + 0.5))
                out.push(`${cell.dataset.label || '?'}: "${cell.innerText.slice(0, 40)}" spans ${r.left}-${r.right}`);
        }
        let box = table;
        while (box && box.tagName !== 'ARTICLE') {
            if (box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== 'visible')
                out.push(`a sideways scroll (${box.scrollWidth} px in ${box.clientWidth} px) around a table`);
            box = box.parentElement;
        }
    }
    return out;
}"""


def table_pages(site):
    recommendations = sorted(p for p in (site / "recommendations").glob("*.html") if p.name != "index.html")
    return [site / "recommendations" / "index.html", site / "developments" / "index.html", *recommendations]


def test_no_table_cell_off_screen_on_a_phone(built_site, chromium):
    context, blocked, errors = offline_context(chromium, viewport={"width": 390, "height": 844},
                                               device_scale_factor=1, is_mobile=True, has_touch=True)
    page = context.new_page()
    outside, cells = {}, 0
    for path in table_pages(built_site):
        page.goto(path.as_uri())
        cells += page.locator("article td").count()
        found = page.evaluate(CELLS_OUTSIDE)
        if found:
            outside[path.name] = found[:5]
    context.close()
    assert cells > 500 and blocked == [] and errors == []
    assert outside == {}


def test_effects_matrix_fits_the_desktop_column(built_site, chromium):
    context, _, _ = offline_context(chromium, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto((built_site / "recommendations" / "index.html").as_uri())
    # The status grid by year (.sanya-grid) scrolls sideways on purpose; the others fit.
    widths = page.evaluate("""() => [...document.querySelectorAll('article table')]
        .filter(t => !t.closest('.sanya-grid'))
        .map(t => [t.getBoundingClientRect().width, t.closest('article').clientWidth])""")
    context.close()
    assert len(widths) >= 7 and all(table <= column + 1 for table, column in widths), widths

"""The derived parts of pages, rendered as Markdown from the content model. Each part
replaces a marker line, so a page says where its generated part goes."""
from __future__ import annotations

import html
import posixpath
import re

from . import search_scope
from . import vocabulary as vocab
from .model import ASSESSMENT_HELP, ASSESSMENT_SCHEMA, MARKER, Development, SiteModel

TIMELINE = "developments/index.md"
# The timeline lists this many developments; the rest are on their years' pages.
TIMELINE_NEWEST = 25
# Every development's row, for the timeline's filters (see timeline_rows), beside the timeline.
ROWS_SCRIPT_NAME = "timeline-rows.js"
ROWS_SCRIPT = f"{posixpath.dirname(TIMELINE)}/{ROWS_SCRIPT_NAME}"


def day(date) -> str:
    return f"{date.day} {date:%B %Y}"


def link(from_path: str, to_path: str) -> str:
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def _actors(dev: Development) -> str:
    return ", ".join(vocab.label(a) for a in dev.actors)


def _cell(text: str) -> str:
    """Front matter text (a title, a reason) as one table cell or link text. It is text:
    a "<" in it is shown, never read as a tag that could break the table around it."""
    return text.replace("<", "&lt;").replace("|", "\\|").replace("\n", " ")


def recommendation_developments(model: SiteModel, rec_id: str, from_path: str) -> str:
    pairs = model.developments_for(rec_id)
    if not pairs:
        return "*No development on this site names this recommendation yet.*"
    rows = ["| Date | Development | Actors | Effect |", "| --- | --- | --- | --- |"]
    for dev, effect in pairs:
        rows.append(f"| {day(dev.date)} | [{_cell(dev.title)}]({link(from_path, dev.page.path)}) "
                    f"| {_actors(dev)} | {vocab.label(effect)} |")
    # Each development has its own page in the search index; the list grows with the site.
    return search_scope.block("\n".join(rows) + "\n\n*Effect* says how each development bears on this "
                              f"recommendation; see the [methodology]({link(from_path, 'methodology.md')}#effects).")


def development_facts(model: SiteModel, dev: Development) -> str:
    bears = "; ".join(
        f"[{_cell(model.recommendations[e.recommendation].title)}]"
        f"({link(dev.page.path, model.recommendations[e.recommendation].page.path)}) ({vocab.label(e.effect).lower()})"
        for e in dev.effects if e.recommendation in model.recommendations)
    lines = [
        f"**Date:** {day(dev.date)} ({vocab.label(dev.date_kind).lower()})",
        f"**Actors:** {_actors(dev)}",
        f"**Type:** {vocab.label(dev.type).lower()}",
        f"**Bears on:** {bears or 'none'}",
    ]
    return '!!! abstract "At a glance"\n\n' + "\n".join(f"    - {line}" for line in lines) + "\n"


def recommendations_index(model: SiteModel, from_path: str) -> str:
    parts = []
    for section, title in vocab.SECTIONS.items():
        recs = [r for r in model.ordered_recommendations() if r.section == section]
        if not recs:
            continue
        parts.append(f"## {title}\n\n| No. | Recommendation | What it asks | Status |\n| --- | --- | --- | --- |")
        parts += [f"| {r.number} | [{_cell(r.title)}]({link(from_path, r.page.path)}) | {_cell(r.summary)} "
                  f"| {vocab.label(r.status)} (as of {day(r.status_as_of)}) |" for r in recs]
        parts.append("")
    return "\n".join(parts)


def _rec_label(rec) -> str:
    return f"No. {rec.number}: {rec.title}"


def _bears_on(model: SiteModel, dev: Development, from_path: str) -> str:
    items = [f"[{_cell(_rec_label(model.recommendations[e.recommendation]))}]"
             f"({link(from_path, model.recommendations[e.recommendation].page.path)}) ({vocab.label(e.effect).lower()})"
             for e in dev.effects if e.recommendation in model.recommendations]
    return "<br>".join(items) or "none"


def _html_text(text: str) -> str:
    return html.escape(text, quote=False).replace("[", "&#91;").replace("]", "&#93;")


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def _select(name: str, label: str, options: list[tuple[str, str]], wide: bool = False) -> str:
    choices = "".join(f'<option value="{_attr(value)}">{_html_text(text)}</option>' for value, text in options)
    css = ' class="timeline-filter__wide"' if wide else ""
    return f'<label{css}>{label} <select name="{name}"><option value="">Any</option>{choices}</select></label>'



def timeline_filter(model: SiteModel, total: int) -> str:
    """The filter form over the timeline, hidden until the page's script shows it."""
    devs = model.ordered_developments()
    actors = [a for a in vocab.ACTORS if any(a in d.actors for d in devs)]
    types = [t for t in vocab.TYPES if any(d.type == t for d in devs)]
    years = sorted({d.date.year for d in devs}, reverse=True)
    selects = [
        _select("actor", "Actor", [(a, vocab.label(a)) for a in actors]),
        _select("type", "Type", [(t, vocab.label(t)) for t in types]),
        _select("rec", "Recommendation", [(r.id, _rec_label(r)) for r in model.ordered_recommendations()], wide=True),
        _select("effect", "Effect", [(e, vocab.label(e)) for e in vocab.EFFECTS]),
        _select("year", "Year", [(str(y), str(y)) for y in years]),
    ]
    return (f'<form class="timeline-filter" data-timeline-filter data-total="{total}" data-rows="{ROWS_SCRIPT_NAME}" '
            'hidden aria-label="Filter the developments">'
            + "".join(selects) + '<button type="reset" class="md-button">Clear filters</button>'
            '<p data-timeline-count role="status" aria-live="polite"></p></form>')


def _timeline_tables(model: SiteModel, devs: list[Development], from_path: str, year_headings: bool) -> str:
    """Developments, newest first, one table a year (under a heading per year, or one
    table alone). Each row carries its actors, type, year and effects as data-*
    attributes (lifted onto the row by html_tables.lift_row_data) for the filters."""
    parts, year = [], None
    for dev in devs:
        if dev.date.year != year:
            year = dev.date.year
            # Not indexed for search: each row is a development's own page, and the list grows with the site.
            heading = f"\n## {year} {search_scope.HEADING}\n" if year_headings else ""
            parts.append(f"{heading}\n| Date | Development | Actors | Type | Bears on |\n| --- | --- | --- | --- | --- |")
        effects = " ".join(f"{e.recommendation}:{e.effect}" for e in dev.effects if e.recommendation in model.recommendations)
        row_data = (f'<span data-row data-actors="{_attr(" ".join(dev.actors))}" data-type="{_attr(dev.type)}" '
                    f'data-year="{dev.date.year}" data-effects="{_attr(effects)}"></span>')
        parts.append(f"| {row_data}{day(dev.date)} ({vocab.label(dev.date_kind).lower()}) | "
                     f"[{_cell(dev.title)}]({link(from_path, dev.page.path)}) | {_actors(dev)} "
                     f"| {vocab.label(dev.type).lower()} | {_bears_on(model, dev, from_path)} |")
    return "\n".join(parts).strip("\n")


def _by_year(model: SiteModel) -> dict[int, list[Development]]:
    years: dict[int, list[Development]] = {}
    for dev in model.ordered_developments():
        years.setdefault(dev.date.year, []).append(dev)
    return years


def year_page_path(year: int) -> str:
    return f"{posixpath.dirname(TIMELINE)}/{year}.md"


def timeline(model: SiteModel, from_path: str) -> str:
    """The timeline's page: the filter form, the newest developments, and a link to each
    year's page. It stays the same size as the site grows; the filters reach every
    development through the rows the year pages render (see timeline_rows)."""
    devs = model.ordered_developments()
    newest = devs[:TIMELINE_NEWEST]
    years = _by_year(model)
    year_links = "\n".join(f"- [{year}]({link(from_path, year_page_path(year))}): {_count(len(items))}"
                            for year, items in years.items())
    intro = (f"This page lists the {len(newest)} newest of the {_count(len(devs))}; every year has its own "
             "page, listed [below](#every-year)." if len(newest) < len(devs) else f"All {_count(len(devs))}.")
    return "\n\n".join([intro, timeline_filter(model, len(devs)), _timeline_tables(model, newest, from_path, True),
                        f"## Every year {{ #every-year {search_scope.ATTRIBUTE} }}", year_links or "*No development yet.*"])


def year_page(model: SiteModel, year: int, devs: list[Development]) -> str:
    """A year's developments (`devs`, newest first): the page the timeline links to for that year."""
    path = year_page_path(year)
    return (f"---\ntitle: Developments of {year}\nsearch:\n  exclude: true\n---\n\n"
            f"# Developments of {year}\n\n"
            f"{_count(len(devs)).capitalize()} dated {year}, newest first. The [timeline]"
            f"({link(path, TIMELINE)}) has the newest across all years and filters over all of them.\n\n"
            + _timeline_tables(model, devs, path, False) + "\n")


def year_pages(model: SiteModel) -> dict[str, str]:
    """{path: Markdown} of every year's page, generated at build time."""
    return {year_page_path(year): year_page(model, year, devs) for year, devs in _by_year(model).items()}


def year_sequence(model: SiteModel) -> list[tuple[str | None, str, str | None]]:
    """(older, page, newer) paths of the year pages, oldest first."""
    return _sequence([year_page_path(year) for year in reversed(_by_year(model))])


def _count(n: int) -> str:
    return f"{n} development" + ("" if n == 1 else "s")


def effects_matrix(model: SiteModel, from_path: str) -> str:
    """How many developments bear on each recommendation, by effect and by side."""
    effects = list(vocab.EFFECTS)
    head = " | ".join(vocab.label(e) for e in effects)
    rows = [f"| Recommendation | {head} | U.S. | China |", "| --- |" + " ---: |" * (len(effects) + 2)]
    for rec in model.ordered_recommendations():
        pairs = model.developments_for(rec.id)
        counts = " | ".join(str(sum(1 for _, e in pairs if e == effect)) for effect in effects)
        sides = [sum(1 for d, _ in pairs if side in d.actors) for side in ("united-states", "china")]
        rows.append(f"| [{_cell(rec.title)}]({link(from_path, rec.page.path)}) | {counts} | {sides[0]} | {sides[1]} |")
    return "\n".join(rows)


def scorecard(model: SiteModel, from_path: str) -> str:
    rows = ["| Status | Recommendations |", "| --- | --- |"]
    for status in vocab.STATUSES:
        recs = [r for r in model.ordered_recommendations() if r.status == status]
        names = ", ".join(f"[{_cell(r.title)}]({link(from_path, r.page.path)})" for r in recs) or "none"
        rows.append(f"| **{vocab.label(status)}** ({len(recs)}) | {names} |")
    return "\n".join(rows)


def vocabulary_table(name: str) -> str:
    values = getattr(vocab, name.upper())
    rows = ["| Value | Meaning |", "| --- | --- |"]
    rows += [f"| `{value}` | {_cell(meaning)} |" for value, meaning in values.items()]
    return "\n".join(rows)


def _kind(kind) -> str:
    if isinstance(kind, dict):
        return "one of: " + ", ".join(f"`{value}`" for value in kind)
    return {"date": "date, YYYY-MM-DD", "text": "text", "ids": "list of development ids"}[kind]


def assessment_fields() -> str:
    """The fields of one `assessments` entry, from the schema the checks use."""
    rows = ["| Field | Value | What it holds |", "| --- | --- | --- |"]
    rows += [f"| `{name}` | {_cell(_kind(kind))} | {_cell(ASSESSMENT_HELP[name])} |"
             for name, kind in ASSESSMENT_SCHEMA.items()]
    return "\n".join(rows)


def all_vocabularies() -> str:
    names = {"sections": "Sections", "statuses": "Statuses", "effects": "Effects", "types": "Types",
             "actors": "Actors", "date_kinds": "Date kinds"}
    return "\n\n".join(f"### {title}\n\n{vocabulary_table(name)}" for name, title in names.items())


KIND_HEADINGS = {
    "primary": ("Official texts and announcements", "primary"),
    "secondary": ("Analysis and reporting", "secondary"),
}


def _initial(sort_text: str) -> str:
    first = next((c for c in sort_text if c.isalnum()), "")
    if first.isdigit():
        return "0-9"
    return first.upper() if "a" <= first.lower() <= "z" else "Other"


def bibliography_list(references: dict[str, str], citing_pages: dict[str, list], from_path: str, titles,
                      kinds: dict[str, str] | None = None) -> str:
    """Every source, formatted by pandoc, with its anchor (ref-<key>) and the pages that
    cite it: official texts first, then analysis and reporting, each by initial letter
    under its own heading, with a filter form the page's script shows."""
    kinds = kinds or {}

    def sort_text(text):  # by the words of the reference, not the markup around them
        return re.sub(r"[^\w ]", "", text).lower()

    groups = {kind: [] for kind in KIND_HEADINGS}
    for key, text in sorted(references.items(), key=lambda item: sort_text(item[1])):
        groups["primary" if kinds.get(key) == "primary" else "secondary"].append((key, text))
    counts = " and ".join(f"[{len(entries)} {KIND_HEADINGS[kind][0].lower()}](#{KIND_HEADINGS[kind][1]})"
                          for kind, entries in groups.items() if entries)
    parts = [f"{len(references)} sources: {counts}.\n", BIBLIOGRAPHY_FILTER, ""]
    for kind, entries in groups.items():
        if not entries:
            continue
        heading, anchor = KIND_HEADINGS[kind]
        letters = {}
        for key, text in entries:
            letters.setdefault(_initial(sort_text(text)), []).append((key, text))
        index = " · ".join(f"[{letter}](#{anchor}-{letter.lower()})" for letter in letters)
        parts.append(f"## {heading} {{#{anchor} }}\n\n{index}\n")
        for letter, items in letters.items():
            parts.append(f'### {letter} {{#{anchor}-{letter.lower()} data-toc-label="{letter}" }}\n')
            for key, text in items:
                pages = citing_pages.get(key, [])
                cited = ", ".join(f"[{_cell(titles(p))}]({link(from_path, p)})" for p in pages)
                parts.append(f"{text}  \n*Cited on:* {cited or 'no page yet'}\n{{: #ref-{key} }}\n")
    return "\n".join(parts)


BIBLIOGRAPHY_FILTER = (
    '<form class="bib-filter" data-bib-filter hidden role="search" aria-label="Filter the sources">'
    '<label>Filter the sources <input type="search" name="filter" autocomplete="off" '
    'placeholder="author, title, year, page"></label>'
    '<p data-bib-count role="status" aria-live="polite"></p></form>')


def render_markers(markdown: str, path: str, model: SiteModel, extra: dict | None = None) -> str:
    """Replace every marker line a page holds with its generated Markdown."""
    from . import status_views  # imported here: the status views build on this module's helpers

    page_kind = path.split("/")[0]
    if path.startswith("recommendations/") and not path.endswith("index.md"):
        rec_id = path.split("/")[-1][:-3]
        markdown = markdown.replace(MARKER, recommendation_developments(model, rec_id, path))
        rec = model.recommendations.get(rec_id)
        if rec:
            markdown = _end_of_section(markdown, "## Status", status_views.recommendation_history(model, rec))
            markdown = _after_title(markdown, status_views.recommendation_facts(model, rec))
    replacements = {
        "<!-- recommendations -->": lambda: recommendations_index(model, path),
        "<!-- timeline -->": lambda: timeline(model, path),
        "<!-- scorecard -->": lambda: scorecard(model, path),
        "<!-- status-grid -->": lambda: status_views.status_grid(model, path),
        "<!-- report-card -->": lambda: status_views.report_card(model, path),
        "<!-- effects-matrix -->": lambda: effects_matrix(model, path),
        "<!-- vocabulary -->": all_vocabularies,
        "<!-- schema: assessments -->": assessment_fields,
        "<!-- vocabulary: statuses -->": lambda: vocabulary_table("statuses"),
        "<!-- vocabulary: effects -->": lambda: vocabulary_table("effects"),
        **(extra or {}),
    }
    for marker, render in replacements.items():
        if marker in markdown:
            markdown = markdown.replace(marker, render())
    if page_kind == "developments" and not path.endswith("index.md"):
        dev_id = path.split("/")[-1][:-3]
        if dev_id in model.developments:
            markdown = _after_title(markdown, development_facts(model, model.developments[dev_id]))
    return markdown


def _end_of_section(markdown: str, heading: str, block: str) -> str:
    """Insert a block at the end of the section a second-level heading opens (or at the
    end of the page if it has no such section)."""
    lines = markdown.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip() == heading), None)
    if start is None:
        return markdown.rstrip("\n") + "\n\n" + block
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return "\n".join(lines[:end] + ["", block] + lines[end:])


def _after_title(markdown: str, block: str) -> str:
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: i + 1] + ["", block] + lines[i + 1:])
    return block + "\n" + markdown


def nav(config_nav, model: SiteModel):
    """Replace the 'recommendations/' and 'developments/' entries of mkdocs.yml's nav.
    Recommendations are listed, grouped as the memorandum groups them (a fixed number).
    Developments are not: the menu is on every page, so listing them would make every
    page grow with the site. The timeline is their way in (it lists every one), and each
    development page is attached to it by `development_sequence` instead."""
    if not config_nav:
        return config_nav
    out = []
    for item in config_nav:
        if isinstance(item, dict):
            (title, value), = item.items()
            if value == "recommendations/":
                value = ["recommendations/index.md"] + [
                    {vocab.SECTIONS[s]: [{r.title: r.page.path} for r in model.ordered_recommendations()
                                              if r.section == s]}
                    for s in vocab.SECTIONS if any(r.section == s for r in model.recommendations.values())]
            elif value == "developments/":
                value = [TIMELINE]
            elif isinstance(value, list):
                value = nav(value, model)
            item = {title: value}
        out.append(item)
    return out


def development_sequence(model: SiteModel) -> list[tuple[str | None, str, str | None]]:
    """(older, page, newer) paths for every development page, oldest first: the
    neighbours a development page links to as its previous and next pages."""
    return _sequence([d.page.path for d in reversed(model.ordered_developments())])


def _sequence(paths: list[str]) -> list[tuple[str | None, str, str | None]]:
    return list(zip([None] + paths[:-1], paths, paths[1:] + [None]))

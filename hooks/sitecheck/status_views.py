"""The views of each recommendation's status history, rendered as Markdown from the
model: the "At a glance" box that opens a recommendation page, the history table under
its status, the grid of all recommendations by year, and the printable report card.

Every status is shown as a word with a shape (an SVG icon), never colour alone. Each
shape is drawn once per page, in a sprite the build adds after the content (`with_icon_
sprite`), and each icon refers to it: a grid of 150 statuses costs 150 short references,
not 150 drawings."""
from __future__ import annotations

import datetime as dt

from markdown.extensions.toc import slugify

from . import vocabulary as vocab
from .generate import _cell, day, link
from .model import Recommendation, SiteModel

HISTORY_HEADING = "### Status history"
HISTORY_ANCHOR = "status-history"
SIDES = {"U.S.": "united-states", "China": "china"}
COUNTED_EFFECTS = ("advances", "contradicts", "mixed")
# From furthest from the recommendation to closest: a move down this list is a slide.
RANK = {"reversed": 0, "no-visible-action": 1, "stalled": 2, "partial": 3, "advanced": 4}

# One shape per status, drawn in the current text colour, so that the status reads the
# same in print, in greyscale and to a reader who does not see the colour.
_SHAPES = {
    "advanced": '<circle cx="8" cy="8" r="7" fill="currentColor"/>'
                '<path d="M4.5 8.3l2.4 2.4 4.6-5" fill="none" stroke="#fff" stroke-width="2"/>',
    "partial": '<circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" stroke-width="1.6"/>'
               '<path d="M8 1.7a6.3 6.3 0 0 1 0 12.6z" fill="currentColor"/>',
    "stalled": '<circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" stroke-width="1.6"/>'
               '<path d="M6.2 5v6M9.8 5v6" stroke="currentColor" stroke-width="1.8"/>',
    "reversed": '<circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" stroke-width="1.6"/>'
                '<path d="M8 4.3v7M5 8.5l3 3 3-3" fill="none" stroke="currentColor" stroke-width="1.8"/>',
    "no-visible-action": '<circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" stroke-width="1.6" '
                         'stroke-dasharray="2.4 1.6"/>',
}


ICON_ID = "sanya-icon-"


def icon(status: str) -> str:
    if status not in _SHAPES:
        raise KeyError(status)
    return (f'<svg class="sanya-icon" width="16" height="16" aria-hidden="true" focusable="false">'
            f'<use href="#{ICON_ID}{status}"/></svg>')


def with_icon_sprite(html: str) -> str:
    """A page's rendered content with the shapes its icons refer to, each drawn once, in
    a hidden SVG after the content; a page without icons is left as it is."""
    used = [status for status in _SHAPES if f'href="#{ICON_ID}{status}"' in html]
    if not used:
        return html
    symbols = "".join(f'<symbol id="{ICON_ID}{status}" viewBox="0 0 16 16">{_SHAPES[status]}</symbol>'
                      for status in used)
    return f'{html}\n<svg class="sanya-icon-sprite" aria-hidden="true" focusable="false">{symbols}</svg>'


def badge(status: str, extra: str = "", title: str = "") -> str:
    """The status as icon and word, in one unbreakable inline element."""
    tip = f' title="{title}"' if title else ""
    return (f'<span class="sanya-status sanya-status--{status}"{tip}>{icon(status)}'
            f'<span class="sanya-status__word">{vocab.label(status)}</span>{extra}</span>')


def period(entry, first: bool) -> str:
    """How an entry's date reads in a history: the baseline, a year end, or its day."""
    if first:
        return "2019 (baseline)"
    if (entry.as_of.month, entry.as_of.day) == (12, 31):
        return f"End of {entry.as_of.year}"
    return day(entry.as_of)


def _evidence_links(model: SiteModel, ids, from_path: str) -> str:
    devs = [model.developments[i] for i in ids if i in model.developments]
    return "; ".join(f"[{_cell(d.title)}]({link(from_path, d.page.path)}) ({d.date.year})" for d in devs)


# --- the box that opens a recommendation page -------------------------------------

def _counts(model: SiteModel, rec: Recommendation) -> dict:
    """{side: {effect: n}} for the developments naming a recommendation."""
    counts = {side: dict.fromkeys(COUNTED_EFFECTS, 0) for side in (*SIDES, "Others")}
    for dev, effect in model.developments_for(rec.id):
        if effect not in COUNTED_EFFECTS:
            continue
        sides = [side for side, actor in SIDES.items() if actor in dev.actors] or ["Others"]
        for side in sides:
            counts[side][effect] += 1
    return counts


def recommendation_facts(model: SiteModel, rec: Recommendation) -> str:
    path = rec.page.path
    pairs = model.developments_for(rec.id)
    current = rec.current
    lines = [
        f'**Status:** {badge(current.status)} as of {day(current.as_of)} ([history](#{HISTORY_ANCHOR}))',
        f"**Recommendation {rec.number}** of {len(model.recommendations)}, "
        f"in [{vocab.SECTIONS[rec.section]}]({link(path, 'recommendations/index.md')}"
        f"#{slugify(vocab.SECTIONS[rec.section], '-')})",
        f"**This site's assessment:** {_cell(current.reason)}",
    ]
    if pairs:
        latest, effect = pairs[0]
        lines.append(f"**Latest development:** [{_cell(latest.title)}]({link(path, latest.page.path)}), "
                     f"{day(latest.date)} ({vocab.label(effect).lower()})")
    counts = _counts(model, rec)
    total = len(pairs)
    table = ["| Side | Advance | Contradict | Mixed |", "| --- | ---: | ---: | ---: |"]
    table += [f"| {side} | {c['advances']} | {c['contradicts']} | {c['mixed']} |" for side, c in counts.items()]
    note = (f"Developments by side: {total} name this recommendation; one involving both governments "
            "counts for each side, and those giving only context are not counted.")
    body = "\n".join(f"    - {line}" for line in lines)
    body += "\n\n" + "\n".join(f"    {row}" for row in table) + f"\n\n    <small>{note}</small>"
    return f'!!! abstract sanya-glance "At a glance"\n\n{body}\n'


# --- the history under a recommendation's status -----------------------------------

def _direction(before: str | None, after: str) -> str:
    if before is None or before == after:
        return ""
    return "up" if RANK[after] > RANK[before] else "down"


def _change_mark(before: str | None, after: str) -> tuple[str, str]:
    """(text after the word, tooltip) marking a change from the previous status."""
    direction = _direction(before, after)
    if not direction:
        return "", ""
    arrow = "\u2191" if direction == "up" else "\u2193"
    word = "up" if direction == "up" else "down"
    return (f'<span class="sanya-change sanya-change--{word}">\u00a0{arrow}<span class="sanya-sr"> ({word} from '
            f'{vocab.label(before).lower()})</span></span>', f"{word} from {vocab.label(before).lower()}")


def recommendation_history(model: SiteModel, rec: Recommendation) -> str:
    path = rec.page.path
    rows = ["| As of | Status | Why | Evidence |", "| --- | --- | --- | --- |"]
    before = None
    for i, entry in enumerate(rec.assessments):
        mark, tip = _change_mark(before, entry.status)
        evidence = _evidence_links(model, entry.evidence, path) or "none"
        rows.append(f"| {period(entry, i == 0)} | {badge(entry.status, mark, tip)} | {_cell(entry.reason)} "
                    f"| {evidence} |")
        before = entry.status
    intro = ("The site's assessment at the memorandum's meeting, at the end of each year since, and now, "
             "each judged on the developments then on record; "
             f"see [how yearly assessments are made]({link(path, 'methodology.md')}#yearly-assessments).")
    return f'{HISTORY_HEADING}\n\n{intro}\n\n<div class="sanya-history" markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n"


# --- the grid of every recommendation by year ---------------------------------------

def columns(model: SiteModel) -> list[tuple[str, dt.date | None]]:
    """(heading, date) for each column: the baseline, each year end since, and now (None)."""
    recs = model.ordered_recommendations()
    if not recs:
        return []
    first = min(r.assessments[0].as_of for r in recs)
    last = max(r.current.as_of for r in recs)
    cols = [(str(first.year), first)]
    cols += [(str(year), dt.date(year, 12, 31)) for year in range(first.year + 1, last.year)]
    cols.append(("Now", None))
    return cols


def _status_at(rec: Recommendation, date: dt.date | None):
    return rec.current if date is None else rec.assessment_at(date)


def history_row(rec: Recommendation, cols) -> list[str]:
    cells, before = [], None
    for _, date in cols:
        entry = _status_at(rec, date)
        if entry is None:
            cells.append("")
            continue
        mark, tip = _change_mark(before, entry.status)
        cells.append(badge(entry.status, mark, tip or f"as of {day(entry.as_of)}"))
        before = entry.status
    return cells


def legend() -> str:
    items = " ".join(badge(s) for s in vocab.STATUSES)
    return (f'<p class="sanya-legend">{items} <span class="sanya-change">\u2191</span> moved towards the '
            'recommendation, <span class="sanya-change">\u2193</span> moved away, since the column before.</p>')


def status_grid(model: SiteModel, from_path: str) -> str:
    cols = columns(model)
    if not cols:
        return ""
    head = " | ".join(h if h != cols[0][0] else f"{h} (baseline)" for h, _ in cols)
    rows = [f"| Recommendation | {head} |", "| --- |" + " --- |" * len(cols)]
    for rec in model.ordered_recommendations():
        rows.append(f"| {rec.number}. [{_cell(rec.title)}]({link(from_path, rec.page.path)}) | "
                    + " | ".join(history_row(rec, cols)) + " |")
    return (legend() + '\n\n<div class="sanya-grid" markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n\n"
            "*Each cell is the status in force at the end of that year (the baseline: at the memorandum's "
            "meeting on 10 December 2019; Now: the latest assessment).*")


# --- the report card -------------------------------------------------------------------

def key_developments(model: SiteModel, rec: Recommendation, limit: int = 3) -> list:
    """The developments that matter most for the current status: the latest of the current
    assessment's evidence that move it (advance, contradict or mixed), then context ones."""
    effects = {dev.id: effect for dev, effect in model.developments_for(rec.id)}
    devs = [model.developments[i] for i in rec.current.evidence if i in model.developments]
    devs.sort(key=lambda d: (effects.get(d.id) != "context", d.date, d.id), reverse=True)
    return [(d, effects.get(d.id, "context")) for d in devs[:limit]]


def report_card(model: SiteModel, from_path: str) -> str:
    cols = columns(model)
    parts = [legend()]
    for section, section_title in vocab.SECTIONS.items():
        recs = [r for r in model.ordered_recommendations() if r.section == section]
        if not recs:
            continue
        parts.append(f"## {section_title}")
        for rec in recs:
            current = rec.current
            strip = ["| " + " | ".join(h for h, _ in cols) + " |", "|" + " --- |" * len(cols),
                     "| " + " | ".join(history_row(rec, cols)) + " |"]
            key = "; ".join(f"[{_cell(d.title)}]({link(from_path, d.page.path)}) ({day(d.date)}, "
                            f"{vocab.label(e).lower()})" for d, e in key_developments(model, rec))
            parts.append(
                f'<div class="sanya-card" markdown>\n\n'
                f"### {rec.number}. [{_cell(rec.title)}]({link(from_path, rec.page.path)}) {{ #{rec.id} }}\n\n"
                f"**Status:** {badge(current.status)} as of {day(current.as_of)}. {_cell(current.reason)}\n\n"
                + "\n".join(strip) + "\n\n"
                f"**Developments that matter most:** {key or 'none yet'}\n\n</div>")
    return '<div class="sanya-report" markdown>\n\n' + "\n\n".join(parts) + "\n\n</div>\n"

"""The content model: recommendations and developments read from front matter,
validated against the schema, and cross-referenced."""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

from . import clock
from . import vocabulary as vocab
from .findings import WARNING, Finding
from .pages import Page

RECOMMENDATIONS_DIR = "recommendations/"
DEVELOPMENTS_DIR = "developments/"
MARKER = "<!-- developments -->"


@dataclass
class Assessment:
    """One dated judgement of a recommendation: its status then, and why."""
    as_of: dt.date
    status: str
    evidence: list  # development ids dated on or before as_of
    reason: str
    line: int  # the line of the entry in the page's front matter


@dataclass
class Recommendation:
    id: str
    number: int
    title: str
    section: str
    summary: str
    assessments: list  # Assessment, oldest first; the last is the current status
    page: Page

    # The history is the one source of truth; the current status is its last entry.
    @property
    def current(self) -> Assessment:
        return self.assessments[-1]

    @property
    def status(self) -> str:
        return self.current.status

    @property
    def status_as_of(self) -> dt.date:
        return self.current.as_of

    def assessment_at(self, date: dt.date) -> Assessment | None:
        """The assessment in force on a date: the latest dated on or before it."""
        found = [a for a in self.assessments if a.as_of <= date]
        return found[-1] if found else None


@dataclass
class Effect:
    recommendation: str
    effect: str
    line: int


@dataclass
class Development:
    id: str
    title: str
    date: dt.date
    date_kind: str
    actors: list
    type: str
    summary: str
    effects: list
    sources: list
    page: Page


@dataclass
class SiteModel:
    pages: dict  # docs-relative path -> Page
    recommendations: dict = field(default_factory=dict)  # id -> Recommendation
    developments: dict = field(default_factory=dict)  # id -> Development

    _effects: dict | None = field(default=None, repr=False, compare=False)  # rec id -> pairs, built once

    def developments_for(self, rec_id: str) -> list[tuple[Development, str]]:
        """(development, effect) pairs naming a recommendation, newest first. Indexed on
        first use (the model is complete and read-only by then), so asking for every
        recommendation costs one pass over the developments, not one pass each."""
        if self._effects is None:
            self._effects = {}
            for dev in self.ordered_developments():
                for effect in dev.effects:
                    self._effects.setdefault(effect.recommendation, []).append((dev, effect.effect))
        return list(self._effects.get(rec_id, []))

    def ordered_recommendations(self) -> list[Recommendation]:
        return sorted(self.recommendations.values(), key=lambda r: r.number)

    def ordered_developments(self) -> list[Development]:
        """Newest first."""
        return sorted(self.developments.values(), key=lambda d: (d.date, d.id), reverse=True)


# The schema, as data: field -> kind. A dict kind is a vocabulary of allowed values.
TEXT, DATE, INT, KEYS, IDS = "text", "date", "int", "keys", "ids"
# One entry of a recommendation's `assessments` list (all four fields required).
ASSESSMENT_SCHEMA = {"as_of": DATE, "status": vocab.STATUSES, "evidence": IDS, "reason": TEXT}
# What each field of an assessment holds: rendered on the contributing page beside the schema.
ASSESSMENT_HELP = {
    "as_of": "2019-12-10 for the baseline (the memorandum's meeting), YYYY-12-31 for the end of a year, "
             "or the day of the current assessment; oldest entry first, none in the future",
    "status": "the status on that date, on the scale under \"Statuses\"",
    "evidence": "ids of the development pages behind the status, each dated on or before as_of and naming "
                "this recommendation in its front matter; may be [] only for no-visible-action",
    "reason": "one sentence in the site's own words; when the status moves backwards, say why",
}
RECOMMENDATION_SCHEMA = {
    "id": TEXT, "number": INT, "title": TEXT, "section": vocab.SECTIONS, "summary": TEXT,
    "assessments": "assessments",
}
DEVELOPMENT_SCHEMA = {
    "id": TEXT, "title": TEXT, "date": DATE, "date_kind": vocab.DATE_KINDS, "actors": [vocab.ACTORS],
    "type": vocab.TYPES, "summary": TEXT, "recommendations": "effects", "sources": KEYS,
}
# Front-matter keys MkDocs and Material read themselves: allowed on any page, and
# checked like any other field (a wrong type would crash the theme or print a dict).
HIDE = {"navigation": "the navigation sidebar", "toc": "the table of contents", "footer": "the footer",
        "path": "the breadcrumbs", "tags": "the tags", "feedback": "the feedback widget"}
THEME_SCHEMA = {"title": TEXT, "subtitle": TEXT, "description": TEXT, "hide": "hide", "search": "search",
                "template": "template", "icon": "icon"}
THEME_KEYS = set(THEME_SCHEMA)
_TEMPLATE = re.compile(r"[\w-]+\.html")
_ICON = re.compile(r"[a-z0-9-]+/[a-z0-9-]+")


def _suggest(value, choices) -> str:
    close = difflib.get_close_matches(str(value), list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _choices(vocabulary) -> str:
    return ", ".join(vocabulary)


class _Reader:
    """Validates one page's front matter against a schema, collecting findings."""

    def __init__(self, page: Page, findings: list):
        self.page, self.findings = page, findings

    def fail(self, key, code, message):
        self.findings.append(Finding(self.page.repo_path, self.page.line_of(*key), code, message))

    def value(self, name, kind):
        meta = self.page.meta
        if name not in meta or meta[name] in (None, "", []):
            # Reported where it belongs: above the '---' that closes the front matter.
            line = self.page.closing_line or 1
            where = "add it above this line" if self.page.closing_line else "the page has no front matter"
            self.findings.append(Finding(self.page.repo_path, line, "front-matter-missing-field",
                                         f"required field '{name}' is missing ({where}); see docs/contributing.md"))
            return None
        return self.typed((name,), meta[name], kind)

    def typed(self, key, raw, kind):
        name = [k for k in key if isinstance(k, str)][-1]  # the field itself, also inside a list entry
        if isinstance(kind, dict):
            if not isinstance(raw, str) or raw not in kind:  # a mapping or a list is never a value
                self.fail(key, "front-matter-bad-value",
                          f"'{name}' is '{raw}', which is not allowed{_suggest(raw, kind)}; use one of: {_choices(kind)}")
                return None
            return raw
        if isinstance(kind, list):
            if not isinstance(raw, list):
                raw = [raw]
            values = [self.typed(key + (i,), item, kind[0]) for i, item in enumerate(raw)]
            return None if None in values else values
        if kind == TEXT:
            if not isinstance(raw, str):
                self.fail(key, "front-matter-bad-type", f"'{name}' must be text, not {type(raw).__name__}; quote it")
                return None
            return raw.strip()
        if kind == INT:
            if not isinstance(raw, int) or isinstance(raw, bool):
                self.fail(key, "front-matter-bad-type", f"'{name}' must be a whole number, not '{raw}'")
                return None
            return raw
        if kind == DATE:
            try:
                return dt.date.fromisoformat(str(raw))
            except ValueError:
                self.fail(key, "front-matter-bad-date",
                          f"'{name}' is '{raw}', which is not a real calendar date; write YYYY-MM-DD, e.g. 2024-11-16")
                return None
        if kind == KEYS:
            if not isinstance(raw, list) or not all(isinstance(k, str) for k in raw):
                self.fail(key, "front-matter-bad-type", f"'{name}' must be a list of BibTeX keys: [key-one, key-two]")
                return None
            return raw
        if kind == IDS:
            if raw is None:
                return []
            if not isinstance(raw, list) or not all(isinstance(k, str) for k in raw):
                self.fail(key, "front-matter-bad-type", f"'{name}' must be a list of page ids: [id-one, id-two], or []")
                return None
            return raw
        if kind == "effects":
            return self.effects(raw)
        if kind in ("hide", "search", "template", "icon"):
            return self.theme_value(key, raw, kind)
        if kind == "assessments":
            return self.entries(key, raw, ASSESSMENT_SCHEMA)
        raise AssertionError(kind)

    def entries(self, key, raw, schema):
        """A list of small mappings, each with every field of `schema` (the assessments)."""
        name = key[0]
        fields = ", ".join(schema)
        if not isinstance(raw, list):
            self.fail(key, "front-matter-bad-type", f"'{name}' must be a list of '- {fields}' entries")
            return None
        result, ok = [], True
        for i, item in enumerate(raw):
            at = key + (i,)
            if not isinstance(item, dict):
                self.fail(at, "front-matter-bad-type", f"each entry of '{name}' needs the fields {fields}")
                ok = False
                continue
            misspelt = set()  # a field that is only misspelt is reported once, as unknown
            for extra in item:
                if extra not in schema:
                    self.fail(at + (extra,), "front-matter-unknown-field",
                              f"unknown field '{extra}' in an entry of '{name}'{_suggest(extra, schema)}; "
                              f"allowed: {fields}")
                    misspelt.update(difflib.get_close_matches(str(extra), list(schema), n=1))
                    ok = False
            values = {}
            for field_name, kind in schema.items():
                if field_name not in item and field_name in misspelt:
                    continue
                if field_name not in item or (item[field_name] in (None, "") and kind != IDS):
                    self.fail(at, "front-matter-missing-field",
                              f"entry {i + 1} of '{name}' has no '{field_name}'; each entry needs {fields}")
                    ok = False
                    continue
                values[field_name] = self.typed(at + (field_name,), item[field_name], kind)
                ok = ok and values[field_name] is not None
            if ok:
                result.append(Assessment(line=self.page.line_of(*at), **values))
        return result if ok else None

    def effects(self, raw):
        if not isinstance(raw, list):
            self.fail(("recommendations",), "front-matter-bad-type",
                      "'recommendations' must be a list of '- id: ...' / 'effect: ...' items")
            return None
        result = []
        for i, item in enumerate(raw):
            key = ("recommendations", i)
            if not isinstance(item, dict) or "id" not in item or "effect" not in item:
                self.fail(key, "front-matter-bad-type",
                          "each item of 'recommendations' needs 'id' (a recommendation id) and 'effect'")
                continue
            if not isinstance(item["id"], str):
                self.fail(key + ("id",), "front-matter-bad-type", "'id' must be a recommendation id (text)")
                continue
            effect = self.typed(key + ("effect",), item["effect"], vocab.EFFECTS)
            if effect:
                result.append(Effect(str(item["id"]), effect, self.page.line_of(*key, "id")))
        return result

    def theme_value(self, key, raw, kind):
        """Material's own keys: hide (a list), search (exclude / boost), template, icon."""
        name = key[0]
        if kind == "hide":
            if not isinstance(raw, list):
                self.fail(key, "front-matter-bad-type", f"'hide' must be a list: [{', '.join(HIDE)}]")
                return None
            values = [self.typed(key + (i,), item, HIDE) for i, item in enumerate(raw)]
            return None if None in values else values
        if kind == "search":
            if not isinstance(raw, dict) or not set(raw) <= {"exclude", "boost"} \
                    or not isinstance(raw.get("exclude", False), bool) \
                    or isinstance(raw.get("boost", 1), bool) or not isinstance(raw.get("boost", 1), (int, float)):
                self.fail(key, "front-matter-bad-type",
                          "'search' takes 'exclude: true' or 'boost: <number>' (indented under it)")
                return None
            return raw
        pattern, example = (_TEMPLATE, "main.html") if kind == "template" else (_ICON, "material/bridge")
        if not isinstance(raw, str) or not pattern.fullmatch(raw):
            self.fail(key, "front-matter-bad-type", f"'{name}' must be a name like '{example}', not '{raw}'")
            return None
        return raw

    def theme_keys(self, schema):
        for name, kind in THEME_SCHEMA.items():
            if name in self.page.meta and name not in schema:
                self.typed((name,), self.page.meta[name], kind)

    def unknown_keys(self, schema):
        for name in self.page.meta:
            if name not in schema and name not in THEME_KEYS:
                self.fail((name,), "front-matter-unknown-field",
                          f"unknown field '{name}'{_suggest(name, [*schema, *THEME_SCHEMA])}; "
                          f"allowed: {', '.join([*schema, *THEME_SCHEMA])}")

    def read(self, schema):
        self.unknown_keys(schema)
        self.theme_keys(schema)
        values = {name: self.value(name, kind) for name, kind in schema.items()}
        return None if None in values.values() else values


def build_model(pages: dict[str, Page]) -> tuple[SiteModel, list[Finding]]:
    model, findings = SiteModel(pages=pages), []
    for path, page in sorted(pages.items()):
        if page.front_matter_broken:
            continue  # reported where it breaks; its fields cannot be checked
        if path.endswith("/index.md") or not path.startswith((RECOMMENDATIONS_DIR, DEVELOPMENTS_DIR)):
            _Reader(page, findings).read({})  # any other page: theme keys only
            continue
        for folder, schema, cls, store in (
            (RECOMMENDATIONS_DIR, RECOMMENDATION_SCHEMA, Recommendation, model.recommendations),
            (DEVELOPMENTS_DIR, DEVELOPMENT_SCHEMA, Development, model.developments),
        ):
            if not path.startswith(folder):
                continue
            values = _Reader(page, findings).read(schema)
            if values is None:
                continue
            if "recommendations" in values:
                values["effects"] = values.pop("recommendations")
            item = cls(page=page, **values)
            stem = path[len(folder):-3]
            if item.id != stem:
                findings.append(Finding(page.repo_path, page.line_of("id"), "id-file-mismatch",
                                        f"id '{item.id}' must equal the file name '{stem}' (ids are stable URLs)"))
            if folder == DEVELOPMENTS_DIR and stem.isdigit():
                findings.append(Finding(page.repo_path, page.line_of("id"), "id-reserved",
                                        f"'{stem}' is the name of the timeline's page for the year {stem}; "
                                        "name the page after the development (e.g. cn-2021-data-security-law)"))
                continue
            if item.id in model.recommendations or item.id in model.developments:
                other = (model.recommendations.get(item.id) or model.developments[item.id]).page.repo_path
                findings.append(Finding(page.repo_path, page.line_of("id"), "id-duplicate",
                                        f"id '{item.id}' is already used by {other}; ids must be unique"))
                continue
            store[item.id] = item
            if isinstance(item, Development) and item.date > clock.today():
                findings.append(Finding(page.repo_path, page.line_of("date"), "date-in-future",
                                        f"date {item.date.isoformat()} is in the future (today is "
                                        f"{clock.today().isoformat()}); a development is recorded once it has "
                                        "happened: use the day it was adopted, issued or announced"))
    findings += check_cross_references(model)
    return model, findings


def _links(page):
    return page.structure.links


def _linked_developments(page) -> list[tuple[int, str]]:
    """(line, development id) for every link from a page to a development page."""
    found = []
    for link in _links(page):
        target = link.target.split("#")[0]
        if target.startswith("../" + DEVELOPMENTS_DIR) and target.endswith(".md"):
            found.append((link.line, target[len("../" + DEVELOPMENTS_DIR):-3]))
    return found


def _one_way_links(model: SiteModel) -> list[Finding]:
    """A recommendation page that discusses a development which does not name it back:
    the generated list on that page would then miss a development its own text relies on."""
    findings = []
    for rec in model.recommendations.values():
        named = {dev.id for dev, _ in model.developments_for(rec.id)}
        first_line = {}  # links come in line order: keep the first mention of each
        for line, dev_id in _linked_developments(rec.page):
            first_line.setdefault(dev_id, line)
        for dev_id, line in first_line.items():
            if dev_id in model.developments and dev_id not in named:
                findings.append(Finding(rec.page.repo_path, line, "cross-reference-one-way",
                                        f"this page discusses development '{dev_id}', which does not name "
                                        f"'{rec.id}' in its front matter; add it there with an effect "
                                        "(context, if nothing else) so the generated list shows it", WARNING))
    return findings


def _unexplained_effects(model: SiteModel) -> list[Finding]:
    """A development that names a recommendation must say why on the page, with a link."""
    findings = []
    for dev in model.developments.values():
        linked = {link.target.split("#")[0] for link in _links(dev.page)}
        for effect in dev.effects:
            if effect.recommendation in model.recommendations and \
                    f"../{RECOMMENDATIONS_DIR}{effect.recommendation}.md" not in linked:
                findings.append(Finding(dev.page.repo_path, effect.line, "effect-unexplained",
                                        f"the page names '{effect.recommendation}' ({effect.effect}) but never links "
                                        f"to ../{RECOMMENDATIONS_DIR}{effect.recommendation}.md; explain the effect "
                                        "in '## How it bears on the recommendations'", WARNING))
    return findings


def check_cross_references(model: SiteModel) -> list[Finding]:
    findings = _one_way_links(model) + _unexplained_effects(model)
    for dev in model.developments.values():
        seen = set()
        for effect in dev.effects:
            if effect.recommendation not in model.recommendations:
                findings.append(Finding(dev.page.repo_path, effect.line, "unknown-recommendation",
                                        f"recommendation id '{effect.recommendation}' does not exist"
                                        f"{_suggest(effect.recommendation, model.recommendations)}; "
                                        f"valid ids: {', '.join(sorted(model.recommendations))}"))
            if effect.recommendation in seen:
                findings.append(Finding(dev.page.repo_path, effect.line, "recommendation-repeated",
                                        f"recommendation '{effect.recommendation}' is named twice; keep one effect"))
            seen.add(effect.recommendation)
    numbers = {}
    for rec in model.recommendations.values():
        if rec.number in numbers:
            findings.append(Finding(rec.page.repo_path, rec.page.line_of("number"), "number-duplicate",
                                    f"number {rec.number} is also used by {numbers[rec.number]}; "
                                    "each recommendation has its own place in the memorandum"))
        numbers[rec.number] = rec.page.repo_path
        if MARKER not in rec.page.body:
            findings.append(Finding(rec.page.repo_path, None, "marker-missing",
                                    f"the page has no '{MARKER}' line; put it at the end of '## What happened since' "
                                    "so the build can list the developments there"))
    return findings

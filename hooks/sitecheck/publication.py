"""What the site publishes for researchers, put together from the model: each page's
permanent address and version date, its citation, its head metadata, the data package
and the feed. The build adapter only hands these to MkDocs."""
from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass

from . import changes, cite, metadata, opendata, search_scope
from .model import SiteModel

SITE_KEY = "sanya-tracker"
FEED = "feed.xml"


@dataclass
class Site:
    name: str  # the site's name, as the citation's container
    description: str
    url: str  # published address, ending in '/'
    editors: str
    license_url: str
    directory_urls: bool = False  # MkDocs' use_directory_urls (the offline build turns it off)

    def url_of(self, path: str) -> str:
        """The permanent address of a docs-relative page."""
        if path == "index.md":
            return self.url
        stem = path[:-3]
        if self.directory_urls:
            return self.url + (stem[:-len("index")] if stem.endswith("index") else stem + "/")
        return self.url + stem + ".html"


def generated_paths() -> set[str]:
    """Files the build adds to the site that pages may link to."""
    return {FEED, f"{opendata.DATA_DIR}/datapackage.json"} | {
        f"{opendata.DATA_DIR}/{t.name}.{ext}" for t in opendata.TABLES for ext in ("csv", "json")}


def _is_content(path: str, folder: str) -> bool:
    return path.startswith(folder) and not path.endswith("index.md")


class Publication:
    def __init__(self, model: SiteModel, bib, site: Site, page_dates: dict, style: str):
        self.model, self.bib, self.site, self.page_dates = model, bib, site, page_dates
        self._recs = {r.page.path: r for r in model.recommendations.values()}
        self._devs = {d.page.path: d for d in model.developments.values()}
        self._latest = max([*page_dates.values(), *(r.status_as_of for r in model.recommendations.values())])
        self.citations = {path: self._citation(path) for path in self._cited_paths()}
        self.chicago = cite.chicago(list(self.citations.values()), style)
        self.changes = changes.changes(model)

    # -- dates and citations ------------------------------------------------------------
    def version(self, path: str) -> dt.date:
        """The version a reader sees: a recommendation's latest assessment (or a later
        edit of its page), otherwise the page's last change."""
        rec = self._recommendation(path)
        changed = self.page_dates.get(path, self.latest())
        return max(rec.status_as_of, changed) if rec else changed

    def latest(self) -> dt.date:
        """The newest change anywhere: a page's or an assessment's."""
        return self._latest

    def _recommendation(self, path):
        return self._recs.get(path)

    def _cited_paths(self):
        return ["index.md"] + sorted(p for p in self.model.pages
                                     if _is_content(p, "recommendations/") or _is_content(p, "developments/"))

    def _title(self, path: str) -> str:
        if path == "index.md":
            return self.site.name
        return str(self.model.pages[path].meta.get("title") or path)

    def _citation(self, path: str) -> cite.PageCitation:
        key = SITE_KEY if path == "index.md" else f"{SITE_KEY}-{posixpath.basename(path)[:-3]}"
        version = self.latest() if path == "index.md" else self.version(path)
        return cite.PageCitation(key, self._title(path), version, self.site.url_of(path), self.site.editors,
                                 self.site.name)

    def cite_block(self, path: str) -> str | None:
        c = self.citations.get(path)
        return cite.block(c, self.chicago.get(c.key, "")) if c else None

    def last_changed_line(self, path: str) -> str | None:
        if path not in self.page_dates:
            return None
        d = self.page_dates[path]
        return (f'<p class="page-changed" {search_scope.ATTRIBUTE}><small>This page last changed on '
                f'{d.day} {d:%B %Y}.</small></p>')

    # -- head metadata ------------------------------------------------------------------
    def _subject_date(self, path: str) -> dt.date:
        dev = self._devs.get(path)
        return dev.date if dev else self.version(path)

    def head(self, path: str, description: str, feed_href: str, title: str = "") -> str:
        """The head's metadata; `title` for a page the build generates (not in the model)."""
        dataset = {}
        if path == "data.md":
            dataset = {"name": f"{self.site.name}: data",
                       "description": "Recommendations, their status histories, developments, their effects and "
                                      "sources, as CSV and JSON with a Frictionless Data Package.",
                       "files": [(self.site.url + name, kind) for name, kind in self.data_downloads()]}
        facts = metadata.PageFacts(
            title=self._title(path) if path in self.model.pages else title,
            description=description or self.site.description, url=self.site.url_of(path),
            published=self._subject_date(path), modified=self.version(path), site=self.site.name,
            editors=self.site.editors, license_url=opendata.LICENSE["path"], dataset=dataset)
        return metadata.head(facts, feed_href)

    # -- files ----------------------------------------------------------------------------
    def data_version(self) -> str:
        d = self.latest()
        return f"{d.year}.{d.month}.{d.day}"

    def data_files(self) -> dict[str, str]:
        info = {"name": SITE_KEY, "title": f"{self.site.name}: data", "description": self.site.description,
                "url": self.site.url, "editors": self.site.editors}
        return opendata.files(self.model, self.bib, self.site.url_of, info, self.data_version())

    def data_downloads(self):
        files = [(f"{opendata.DATA_DIR}/datapackage.json", "application/json")]
        for table in opendata.TABLES:
            files += [(f"{opendata.DATA_DIR}/{table.name}.csv", "text/csv"),
                      (f"{opendata.DATA_DIR}/{table.name}.json", "application/json")]
        return files

    def feed(self) -> str:
        return changes.atom(self.changes, self.site.name, self.site.url, self.site.url_of, self.site.editors)

    def whats_new(self, from_path: str) -> str:
        return changes.whats_new(self.changes, lambda p: posixpath.relpath(p, posixpath.dirname(from_path) or "."))

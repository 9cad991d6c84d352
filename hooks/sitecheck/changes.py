"""What changed: new developments and status changes, newest first, for the Atom feed
and the "What's new" page; and when each page last changed, from the project's history."""
from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from . import search_scope
from . import vocabulary as vocab
from .model import SiteModel

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Change:
    date: dt.date
    kind: str  # "development" or "status"
    title: str
    summary: str
    path: str  # docs-relative page the change is on
    id: str  # stable, unique among changes


def changes(model: SiteModel) -> list[Change]:
    """Every development, and every assessment whose status differs from the one before."""
    out = [Change(dev.date, "development", dev.title, dev.summary, dev.page.path, f"development:{dev.id}")
           for dev in model.developments.values()]
    for rec in model.recommendations.values():
        for before, entry in zip(rec.assessments, rec.assessments[1:]):
            if entry.status != before.status:
                out.append(Change(
                    entry.as_of, "status",
                    f"{rec.title}: {vocab.label(before.status).lower()} to {vocab.label(entry.status).lower()}",
                    entry.reason, rec.page.path, f"status:{rec.id}:{entry.as_of.isoformat()}"))
    return sorted(out, key=lambda c: (c.date, c.kind == "status", c.id), reverse=True)


def atom(items: list[Change], site_title: str, site_url: str, url_of, editors: str, limit: int = 100) -> str:
    """An Atom 1.0 feed of the newest changes; every link is the published address."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def add(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    def stamp(date: dt.date) -> str:
        return f"{date.isoformat()}T00:00:00Z"

    add(feed, "title", f"{site_title}: what's new")
    add(feed, "id", site_url + "feed.xml")
    add(feed, "updated", stamp(items[0].date if items else dt.date(2019, 12, 10)))
    add(feed, "link", href=site_url + "feed.xml", rel="self", type="application/atom+xml")
    add(feed, "link", href=site_url + "whats-new.html", rel="alternate", type="text/html")
    add(add(feed, "author"), "name", editors)
    for item in items[:limit]:
        entry = add(feed, "entry")
        prefix = "New development" if item.kind == "development" else "Status change"
        add(entry, "title", f"{prefix}: {item.title}")
        add(entry, "id", f"{site_url}#{item.id}")
        add(entry, "updated", stamp(item.date))
        add(entry, "link", href=url_of(item.path), rel="alternate", type="text/html")
        add(entry, "category", term=item.kind)
        add(entry, "summary", item.summary)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def whats_new(items: list[Change], link) -> str:
    """The "What's new" page body: changes grouped by year, newest first."""
    parts, year = [], None
    for item in items:
        if item.date.year != year:
            year = item.date.year
            parts.append(f"\n## {year} {search_scope.HEADING}\n")  # each item is another page
        what = "New development" if item.kind == "development" else "Status change"
        title = item.title.replace("[", "\\[").replace("]", "\\]")
        parts.append(f"- **{item.date.day} {item.date:%B %Y}**, {what.lower()}: [{title}]({link(item.path)})")
    return "\n".join(parts).lstrip("\n") + "\n"


def last_changed(repo_root: Path, folder: str = "docs") -> dict[str, dt.date]:
    """folder-relative path -> the date of the last commit that touched it, from one
    `git log`; empty when there is no history (a source tarball): callers fall back."""
    try:
        log = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", folder],
                             cwd=repo_root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if log.returncode != 0:
        return {}
    dates, current = {}, None
    prefix = folder.rstrip("/") + "/"
    for line in log.stdout.split("\n"):
        if line.startswith("\x00"):
            current = dt.date.fromisoformat(line[1:])
        elif line.startswith(prefix) and current:
            dates.setdefault(line[len(prefix):], current)
    return dates


def page_dates(repo_root: Path, docs_dir: Path, paths) -> dict[str, dt.date]:
    """When each page last changed: its last commit; for a file git does not know (no
    history, or not yet committed), the file's modification time."""
    known = last_changed(repo_root, docs_dir.relative_to(repo_root).as_posix())
    out = {}
    for path in paths:
        out[path] = known.get(path) or dt.date.fromtimestamp((docs_dir / path).stat().st_mtime)
    return out

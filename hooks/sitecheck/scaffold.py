"""`make new-development` and `make new-source`: a development page or a BibTeX entry
written from a template, with a valid id, today's access date and the right file. Every
TODO left in it is a finding (`check_placeholders`), so nothing half-filled ships."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from . import bibliography, bibtex_scan, clock, vocabulary
from .findings import Finding
from .model import DEVELOPMENTS_DIR, RECOMMENDATIONS_DIR, build_model
from .pages import read_pages

PLACEHOLDER = "TODO"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*-\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*$")

DEVELOPMENT = """---
id: {id}
title: "TODO: the official title of the text, or the name of the event"
date: YYYY-MM-DD
date_kind: TODO
actors: [TODO]
type: TODO
summary: "TODO: one sentence on what it is and does."
recommendations:
  - id: {rec}
    effect: TODO
sources: [{source}]
---

# TODO: the official title

## What it is

TODO: what the text or event is, who issued or held it, and when [@{source}].

## What it does

TODO: what it provides or changed, in the site's own words [@{source}].

## How it bears on the recommendations

TODO: how it bears on [{rec_title}](../recommendations/{rec}.md), and why the effect named above.

## Sources

\\bibliography
"""

SOURCE = """@online{{{key},
  author = {{{{TODO: the issuing body, or Last, First}}}},
  title = {{TODO: the title as published}},
  date = {{YYYY-MM-DD}},
  url = {{https://TODO.example/the-original-page}},
  urldate = {{{today}}},
  keywords = {{TODO: primary or secondary}},
}}
"""


class ScaffoldError(Exception):
    """A request that cannot be honoured; the message says why and what to do."""


def _model(root: Path):
    pages, _ = read_pages(root / "docs", root)
    return build_model(pages)[0]


def _recommendation(model, rec_id: str):
    if rec_id not in model.recommendations:
        listing = "".join(f"\n  {r.id:<28} {r.title}" for r in model.ordered_recommendations())
        raise ScaffoldError(f"REC={rec_id or '(empty)'} is not a recommendation id; give the id of the "
                            f"recommendation the development bears on (the first, if several):{listing}")
    return model.recommendations[rec_id]


def new_development(root: Path, dev_id: str, rec_id: str, source: str) -> Path:
    if not ID_PATTERN.match(dev_id or ""):
        raise ScaffoldError(f"ID={dev_id or '(empty)'} is not a development id: write <actor>-<year>-<short-title> "
                            "in lower-case letters, digits and hyphens, e.g. us-2026-example-order")
    if not bibliography.KEY_PATTERN.match(source or ""):
        raise ScaffoldError(f"SOURCE={source or '(empty)'} is not a BibTeX key: write <issuer>-<year>-<short-title>, "
                            "e.g. whitehouse-2026-example-order (add it with make new-source)")
    path = root / "docs" / "developments" / f"{dev_id}.md"
    model = _model(root)
    if path.exists() or dev_id in model.developments or dev_id in model.recommendations:
        raise ScaffoldError(f"id '{dev_id}' already exists ({path.relative_to(root).as_posix()}); "
                            "ids are stable addresses: choose another, or edit that page")
    rec = _recommendation(model, rec_id)
    path.write_text(DEVELOPMENT.format(id=dev_id, rec=rec.id, rec_title=rec.title, source=source), encoding="utf-8")
    return path


def bib_file_for(root: Path, rec_id: str | None = None, section: str | None = None) -> Path:
    """The .bib file of the section of a recommendation (or of a section named directly)."""
    if rec_id or not section:
        section = _recommendation(_model(root), rec_id).section
    if section == "general":
        return root / "bibliography" / vocabulary.GENERAL_BIB_FILE
    if section not in vocabulary.BIB_FILES:
        raise ScaffoldError(f"SECTION={section or '(empty)'} is not a section; use REC=<recommendation id> or "
                            f"SECTION= one of: {', '.join(vocabulary.BIB_FILES)}, general")
    return root / "bibliography" / vocabulary.BIB_FILES[section]


def new_source(root: Path, key: str, rec_id: str | None = None, section: str | None = None) -> Path:
    if not bibliography.KEY_PATTERN.match(key or ""):
        raise ScaffoldError(f"KEY={key or '(empty)'} is not a BibTeX key: lower-case letters, digits and single "
                            "hyphens, <issuer>-<year>-<short-title>, e.g. whitehouse-2026-example-order")
    path = bib_file_for(root, rec_id, section)
    for existing in sorted(f for f in (root / "bibliography").glob("*.bib") if f.is_file()):
        for other, line in _entries(existing.read_text(encoding="utf-8")):
            if other == key:
                raise ScaffoldError(f"key '{key}' already exists ({existing.relative_to(root).as_posix()}:{line}); "
                                    "cite that entry, or choose another key")
    entry = SOURCE.format(key=key, today=clock.today().isoformat())
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(_insert_in_key_order(text, key, entry), encoding="utf-8")
    return path


def entry_line(path: Path, key: str) -> int:
    """Where an entry starts, to tell the contributor."""
    return dict(_entries(path.read_text(encoding="utf-8")))[key]


def _entries(text: str) -> list[tuple[str, int]]:
    """(key, line) of every entry of a .bib text, as the bibliography check reads it."""
    entries, _ = bibtex_scan.scan(text)
    return [(e.key, e.line) for e in entries if e.key and e.type not in ("comment", "string", "preamble")]


def _insert_in_key_order(text: str, key: str, entry: str) -> str:
    """Entries stay in order of their keys: the new one goes before the first larger key."""
    lines = text.split("\n")
    later = [line for other, line in _entries(text) if other > key]
    if not later:
        return text.rstrip("\n") + ("\n\n" if text.strip() else "") + entry
    at = later[0] - 1
    return "\n".join(lines[:at] + entry.split("\n") + lines[at:])


def check_placeholders(pages: dict, bib_files: list[str], repo_root: Path) -> list[Finding]:
    """A TODO left from a template, in a recommendation or development page or a .bib
    file, at its line (other pages, this guide among them, may speak of TODOs)."""
    findings = []
    paths = [page.repo_path for path, page in sorted(pages.items())
             if path.startswith((RECOMMENDATIONS_DIR, DEVELOPMENTS_DIR))] + list(bib_files)
    for path in paths:
        file = repo_root / path
        if not file.is_file():  # a pipe or a device is the bibliography check's finding; never read it
            continue
        try:
            text = file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for number, line in enumerate(text.split("\n"), 1):
            if PLACEHOLDER in line:
                findings.append(Finding(path, number, "placeholder-left",
                                        f"a {PLACEHOLDER} from the template is still here: replace it with the "
                                        "real text or value (see docs/contributing.md)"))
    return findings


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitecheck.scaffold", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd())
    sub = parser.add_subparsers(dest="what", required=True)
    dev = sub.add_parser("development", help="a new page in docs/developments/")
    dev.add_argument("--id", default="")
    dev.add_argument("--rec", default="")
    dev.add_argument("--source", default="")
    src = sub.add_parser("source", help="a new BibTeX entry in the file of its section")
    src.add_argument("--key", default="")
    src.add_argument("--rec", default="")
    src.add_argument("--section", default="")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        if args.what == "development":
            path = new_development(root, args.id, args.rec, args.source)
        else:
            path = new_source(root, args.key, args.rec or None, args.section or None)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    where = path.relative_to(root).as_posix()
    if args.what == "source":
        where += f":{entry_line(path, args.key)} (entry '{args.key}')"
    print(f"wrote {where}: replace every TODO and YYYY-MM-DD, then run make check")
    return 0


if __name__ == "__main__":
    sys.exit(main())

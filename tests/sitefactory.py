"""Small, valid fixture sites written from text; tests change one thing and look for
exactly the finding that change should cause."""
from __future__ import annotations

import shutil
from pathlib import Path

# The status history in YAML's compact flow style (two lines); tests of the history
# itself use BLOCK_HISTORY, the block style of the real pages.
REC = """---
id: data-free-port
number: 5
title: A free data port
section: data-governance
summary: Start with commercial data; consider a free data port.
assessments: [{as_of: 2019-12-10, status: no-visible-action, evidence: [], reason: "No government had acted yet."},
  {as_of: 2026-11-01, status: stalled, evidence: [cn-2024-initiative], reason: "China's initiative led to no talks."}]
---

# A free data port

## What it asks

It asks for a port [@memo-2019, "Data Governance"].

## What happened since

See [the initiative](../developments/cn-2024-initiative.md#what-it-is).

<!-- developments -->

## Status

Stalled.

## Sources

\\bibliography
"""

BLOCK_HISTORY = """assessments:
  - as_of: 2019-12-10
    status: no-visible-action
    evidence: []
    reason: When the memorandum was agreed, no government had acted on a free data port.
  - as_of: 2026-11-01
    status: stalled
    evidence: [cn-2024-initiative]
    reason: China's initiative invites talks on data flows, but no bilateral port has been proposed since.
"""

DEV = """---
id: cn-2024-initiative
title: An initiative
date: 2024-11-20
date_kind: published
actors: [china]
type: initiative
summary: China published an initiative.
recommendations:
  - id: data-free-port
    effect: mixed
sources: [cn-2024-initiative-text, memo-2019]
---

# An initiative

## What it is

A text [@cn-2024-initiative-text; @memo-2019].

## How it bears on the recommendations

On [the port](../recommendations/data-free-port.md).

## Sources

\\bibliography
"""

BIB = """@online{memo-2019,
  author = {{National Committee on U.S.-China Relations}},
  title = {Consensus Memorandum},
  year = {2020},
  url = {https://www.ncuscr.org/memo},
  keywords = {primary},
}

@online{cn-2024-initiative-text,
  author = {{Cyberspace Administration of China}},
  title = {Global Cross-Border Data Flow Cooperation Initiative},
  date = {2024-11-20},
  url = {https://www.cac.gov.cn/initiative.htm},
  keywords = {primary},
}
"""

BASE_PAGES = {
    "index.md": "# Home\n",
    "recommendations/index.md": "# Recommendations\n\n<!-- recommendations -->\n",
    "developments/index.md": "# Developments\n\n<!-- timeline -->\n",
    "recommendations/data-free-port.md": REC,
    "developments/cn-2024-initiative.md": DEV,
}


def write_site(root: Path, pages: dict | None = None, bibs: dict | None = None) -> Path:
    """A repository-shaped folder: docs/ and bibliography/. Pages map to None are left out."""
    pages = {**BASE_PAGES, **(pages or {})}
    bibs = {"sources.bib": BIB, **(bibs or {})}
    for rel, text in pages.items():
        if text is not None:
            path = root / "docs" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    (root / "bibliography").mkdir(parents=True, exist_ok=True)
    for name, text in bibs.items():
        if text is not None:
            (root / "bibliography" / name).write_text(text, encoding="utf-8")
    return root


# The fixture's pages are dated in 2026; they are judged on a fixed day (unless a test
# sets SITE_TODAY itself), so that the staleness warning does not appear as time passes.
FIXTURE_TODAY = "2026-12-06"


def check(root: Path):
    import os

    from sitecheck.run import check_site

    fixed = "SITE_TODAY" not in os.environ
    if fixed:
        os.environ["SITE_TODAY"] = FIXTURE_TODAY
    try:
        return check_site(root, root / "docs", root / "bibliography")
    finally:
        if fixed:
            del os.environ["SITE_TODAY"]


def codes(findings) -> list[tuple[str, str, int | None]]:
    return sorted((f.code, f.path, f.line) for f in findings)


def write_buildable_site(root: Path, pages: dict | None = None, bibs: dict | None = None) -> Path:
    """write_site plus the real mkdocs.yml (without its nav) and the real hooks, so the
    fixture builds exactly as the real site does."""
    import yaml

    repo = Path(__file__).resolve().parent.parent
    write_site(root, {"methodology.md": "# Methodology\n\n## Effects\n\n## Yearly assessments\n", **(pages or {})}, bibs)
    config = yaml.safe_load((repo / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("nav", None)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (root / "hooks").symlink_to(repo / "hooks")
    (root / "node_modules").symlink_to(repo / "node_modules")
    # The site's own scripts, as they are (the timeline's filters, search on demand).
    shutil.copytree(repo / "docs" / "assets" / "javascripts", root / "docs" / "assets" / "javascripts",
                    dirs_exist_ok=True)
    stylesheet = root / "docs" / "assets" / "stylesheets" / "site.css"
    stylesheet.parent.mkdir(parents=True, exist_ok=True)
    stylesheet.write_text("", encoding="utf-8")
    return root

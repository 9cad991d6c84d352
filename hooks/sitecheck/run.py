"""Run every check over a site on disk: the one entry point the build hook and the
command line share."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import bibliography
from .check_citations import check_citations
from .check_history import check_histories
from .check_links import check_links
from .check_nav import check_nav, load_config
from .check_markup import check_markup
from .check_snippets import check_snippets, snippet_base_paths
from .files import walk
from .findings import ERROR, Finding, errors
from .model import SiteModel, build_model
from .pages import read_pages
from .publication import generated_paths
from .scaffold import check_placeholders


@dataclass
class CheckedSite:
    model: SiteModel
    bib: bibliography.Bibliography
    findings: list[Finding]


def check_site(repo_root: Path, docs_dir: Path, bib_dir: Path, bibliography_sound=None) -> CheckedSite:
    """bibliography_sound(bib, pages), if given, is called as soon as the bibliography is
    read without error, before the other checks (the build starts formatting citations
    there, beside them)."""
    own, findings = walk(docs_dir, repo_root)
    pages, page_findings = read_pages(docs_dir, repo_root, own)
    findings += page_findings
    # The bibliography first: the build's citation formatting, the slowest step, starts
    # from it and the pages' text, and runs beside everything below.
    bib, bib_findings = bibliography.load(bib_dir, repo_root)
    if bibliography_sound and not errors(bib_findings):
        bibliography_sound(bib, pages)
    model, model_findings = build_model(pages)
    files = {file.rel for file in own} | generated_paths()
    findings += model_findings + bib_findings
    findings += check_links(pages, files)
    bases = snippet_base_paths(repo_root)
    for page in pages.values():
        findings += check_markup(page)
        findings += check_snippets(page, bases, repo_root)
    findings += check_citations(model, bib)
    findings += check_histories(model)
    # A TODO on a line that already has an error (a placeholder value) is said once.
    flagged = {(f.path, f.line) for f in findings if f.severity == ERROR}
    findings += [f for f in check_placeholders(pages, bib.files, repo_root) if (f.path, f.line) not in flagged]
    # The menu, as MkDocs builds it from mkdocs.yml (the build would fail on the same slips).
    config_file = repo_root / "mkdocs.yml"
    if config_file.exists():
        findings += check_nav(load_config(repo_root), model, config_file.read_text(encoding="utf-8"))
    return CheckedSite(model, bib, findings)

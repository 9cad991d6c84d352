"""Citations: every key cited in a page, or listed in a development's `sources`, exists
in the bibliography; developments cite a primary source; unused entries are reported."""
from __future__ import annotations

import difflib
import re

from .bibliography import Bibliography
from .findings import WARNING, Finding
from .model import SiteModel
from .pages import Page

# What mkdocs-bibtex reads as a key ([\w-]+), then what a slip leaves right after it.
_KEY_THEN_JUNK = re.compile(r"@([\w-]++)([^\s,;\]])")
BIB_COMMAND = "\\bibliography"  # mkdocs-bibtex's command for the page's reference list
_CITE_START = re.compile(r"@[\w-]")
# mkdocs-bibtex finds citations with regular expressions whose time grows with the square
# of a line's length; longer lines holding a '[' are refused before it reads them.
MAX_CITING_LINE = 10_000


def _unclosed(line: str) -> bool:
    """A citation opened on this line but not closed on it: mkdocs-bibtex reads line by
    line and would leave it as literal text."""
    last = line.rfind("[")
    return last != -1 and "]" not in line[last:] and bool(_CITE_START.search(line, last))


def _too_long(line: str) -> bool:
    return len(line) > MAX_CITING_LINE and "[" in line


def cited_keys(page: Page) -> list[tuple[int, str]]:
    """(line, key) for every citation in the page body, as mkdocs-bibtex will read it:
    it reads code blocks and inline code too, so these are not skipped here either
    (see markdown_page.citation_keys, tested against the plugin's own reader)."""
    lines = page.body.split("\n")
    return [(citation.line, citation.key) for citation in page.structure.citations
            if not _too_long(lines[citation.line - page.body_line])]  # reported as citation-line-too-long


def citations_by_key(model: SiteModel) -> dict[str, list[str]]:
    """Key -> the pages (docs-relative) that cite it in their text or list it in `sources`."""
    citing: dict[str, list[str]] = {}
    listed = {dev.page.path: dev.sources for dev in model.developments.values()}
    for path, page in sorted(model.pages.items()):
        keys = {key for _, key in cited_keys(page)} | set(listed.get(path, []))
        for key in sorted(keys):
            citing.setdefault(key, []).append(path)
    return citing


def _did_you_mean(key: str, bib: Bibliography) -> str:
    close = difflib.get_close_matches(key, list(bib.sources), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


SOURCES_HEADING = "## Sources"


def _reference_list(page: Page, cited: list[tuple[int, str]], needs_heading: bool) -> list[Finding]:
    """A page that cites needs the `\\bibliography` line, or its readers get literal
    [^key] marks instead of references; content pages also need the section it sits in."""
    if not cited:
        return []
    lines = page.body.split("\n")
    findings, first = [], cited[0][0]
    if not any(line.strip() == BIB_COMMAND for line in lines):
        findings.append(Finding(page.repo_path, first, "bibliography-command-missing",
                                f"the page cites sources but has no '{BIB_COMMAND}' line, so its citations would "
                                f"show as [^key]; end the page with '{SOURCES_HEADING}' and '{BIB_COMMAND}' "
                                "on the line below it"))
    if needs_heading and not any(line.rstrip() == SOURCES_HEADING for _, line in page.structure.lines):
        findings.append(Finding(page.repo_path, first, "sources-section-missing",
                                f"the page cites sources but has no '{SOURCES_HEADING}' section; add it at the "
                                f"end, with '{BIB_COMMAND}' under it"))
    return findings


def _development_sources(dev, cited: list[tuple[int, str]]) -> list[Finding]:
    """`sources:` lists exactly the keys the text cites: the timeline and the bibliography
    page read the list, readers read the text."""
    page, findings = dev.page, []
    if not cited:
        return [Finding(page.repo_path, page.line_of("sources"), "development-cites-nothing",
                        "the text cites no source; cite each source where it supports the text, e.g. "
                        "[@key] or [@key, p. 3]")]
    in_text = {key for _, key in cited}
    for i, key in enumerate(dev.sources):
        if key not in in_text:
            findings.append(Finding(page.repo_path, page.line_of("sources", i), "source-not-cited",
                                    f"'{key}' is in 'sources' but the text never cites it; cite it where it "
                                    "supports the text, or remove it from 'sources'"))
    listed, reported = set(dev.sources), set()
    for number, key in cited:
        if key not in listed and key not in reported:
            reported.add(key)
            findings.append(Finding(page.repo_path, number, "citation-not-in-sources",
                                    f"cites '@{key}', which is not in the page's 'sources'; add it there"))
    return findings


def check_citations(model: SiteModel, bib: Bibliography) -> list[Finding]:
    findings, used = [], set(citations_by_key(model))
    developments = {dev.page.path: dev for dev in model.developments.values()}
    recommendations = {rec.page.path for rec in model.recommendations.values()}
    for path, page in sorted(model.pages.items()):
        cited = cited_keys(page)
        findings += _reference_list(page, cited, path in developments or path in recommendations)
        if path in developments:
            findings += _development_sources(developments[path], cited)
        for number, key in cited:
            if key not in bib.sources and key.lower() not in bib.broken:
                findings.append(Finding(page.repo_path, number, "citation-unknown-key",
                                        f"cites '@{key}', which is not in bibliography/{_did_you_mean(key, bib)}; "
                                        "fix the key or add the entry"))
        for number, line in enumerate(page.body.split("\n"), page.body_line):
            if BIB_COMMAND in line and line.strip() != BIB_COMMAND:
                findings.append(Finding(page.repo_path, number, "bibliography-command-inline",
                                        f"'{BIB_COMMAND}' is replaced by the page's reference list wherever it "
                                        "stands, code included; put it alone on its own line under '## Sources', "
                                        "and write it as &#92;bibliography where you only mean to show it"))
            if _too_long(line):
                findings.append(Finding(page.repo_path, number, "citation-line-too-long",
                                        f"this line has {len(line):,} characters and a '['; the citation reader "
                                        f"slows down with the square of a line's length: break it into lines of "
                                        f"at most {MAX_CITING_LINE:,} characters"))
                continue
            if _unclosed(line):
                findings.append(Finding(page.repo_path, number, "citation-split",
                                        "a citation opens with '[' on this line but closes on a later one; "
                                        "keep each [@...] citation on one line"))
        for number, block in page.structure.citation_texts:
            for key, junk in _KEY_THEN_JUNK.findall(block):
                findings.append(Finding(page.repo_path, number, "citation-key-truncated",
                                        f"'@{key}{junk}...' would be read as key '{key}': keys hold only "
                                        "letters, digits, '-' and '_'; put a locator after a comma: [@key, p. 3]"))
    for dev in model.developments.values():
        for i, key in enumerate(dev.sources):
            if key not in bib.sources and key.lower() not in bib.broken:
                findings.append(Finding(dev.page.repo_path, dev.page.line_of("sources", i), "citation-unknown-key",
                                        f"source '{key}' is not in bibliography/{_did_you_mean(key, bib)}"))
        unreadable = any(str(k).lower() in bib.broken for k in dev.sources)  # already reported
        if dev.sources and not unreadable and not any(bib.sources[k].is_primary for k in dev.sources
                                                      if k in bib.sources):
            findings.append(Finding(dev.page.repo_path, dev.page.line_of("sources"), "no-primary-source",
                                    "none of 'sources' is a primary source (keywords = {primary}); add the official "
                                    "text or announcement"))
    for key, source in sorted(bib.sources.items()):
        if key not in used:
            findings.append(Finding(source.path, source.line, "bib-unused",
                                    f"entry '{key}' is cited nowhere; cite it or remove it", WARNING))
    return findings

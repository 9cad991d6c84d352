"""Internal links: target files and anchors exist, nothing escapes docs/, no empty
targets, and every reference-style link and footnote reference is defined."""
from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from .bibliography import URL
from .findings import Finding
from .pages import Page

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def check_links(pages: dict[str, Page], files: set[str]) -> list[Finding]:
    """pages: docs-relative path -> Page; files: every docs-relative file path (pages included)."""

    findings = []
    for path, page in sorted(pages.items()):
        def fail(line, code, message):
            findings.append(Finding(page.repo_path, line, code, message))

        for link in page.structure.links:
            target = link.target
            if target == "":
                fail(link.line, "link-empty", "link has an empty target '()'; put the page or URL between the parentheses")
                continue
            if link.has_space:
                fail(link.line, "link-target-space",
                     f"link target '{target}' holds a space; rename the file without spaces, write %20, "
                     "or put a title in quotes: [text](page.md \"Title\")")
                continue
            if _SCHEME.match(target) or target.startswith("//"):
                problem = _external_problem(target)
                if problem:
                    fail(link.line, "link-bad-url", f"external link '{target}' {problem}")
                continue  # reachability is make linkcheck's job
            file_part, _, anchor = target.partition("#")
            file_part = unquote(file_part)
            if file_part.startswith("/"):
                fail(link.line, "link-absolute", f"'{target}' is an absolute path; use a path relative to this page")
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), file_part)) if file_part else path
            if resolved == ".." or resolved.startswith("../"):
                fail(link.line, "link-escapes-docs", f"'{target}' points outside docs/; link only to files inside docs/")
                continue
            if resolved not in files:
                what = "image" if link.image else "page"
                hint = " (link to the .md file, not to a folder or .html)" if not resolved.endswith((".md", ".png", ".svg", ".jpg")) else ""
                fail(link.line, "link-target-missing", f"{what} '{target}' does not exist (resolved to docs/{resolved}){hint}")
                continue
            if anchor and resolved in pages and anchor not in pages[resolved].structure.anchors:
                fail(link.line, "anchor-missing",
                     f"'{target}': page docs/{resolved} has no anchor '#{anchor}'; "
                     "link to a heading's id (lower-case words joined by '-') or add {#" + anchor + "}")
        findings += _undefined_references(page)
    return findings


def _external_problem(url: str) -> str | None:
    scheme = url.split(":", 1)[0].lower() if _SCHEME.match(url) else ""
    if scheme in ("javascript", "vbscript", "data"):
        return None  # reported as unsafe markup
    if scheme == "mailto":
        return None if re.fullmatch(r"mailto:[^@\s]+@[^@\s]+\.[a-z]{2,}", url, re.I) else "is not a valid mailto: address"
    if scheme not in ("http", "https"):
        return "has no http:// or https:// scheme; write the full address, e.g. https://example.org/page"
    if not URL.match(url):
        return "is not a well-formed web address (https://host/path, no spaces)"
    return None


def _undefined_references(page: Page) -> list[Finding]:
    structure = page.structure
    findings = []
    for ref in structure.references:
        if ref.label not in structure.definitions:
            findings.append(Finding(page.repo_path, ref.line, "reference-undefined",
                                    f"reference link '[{ref.text}][...]' has no definition "
                                    f"'[{ref.label}]: URL' on this page; it would show as literal text"))
    for number, label in structure.footnote_refs:
        if label not in structure.footnote_definitions:
            findings.append(Finding(page.repo_path, number, "footnote-undefined",
                                    f"footnote '[^{label}]' is never defined; add a line '[^{label}]: text' "
                                    "(for sources, cite with [@key] instead)"))
    return findings

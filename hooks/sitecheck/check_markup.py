"""Unsafe contributed markup: Python-Markdown passes raw HTML through unsanitised."""
from __future__ import annotations

import re

from . import markdown_scan as scan
from .findings import Finding
from .pages import Page

_TAG = re.compile(r"<\s*(script|iframe|object|embed|frame|frameset|form|base|meta|link|style)\b", re.I)
_HANDLER = re.compile(r"<[a-zA-Z][^>]*\s(on[a-z]+)\s*=", re.I)
_BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.I)
_ATTR_URL = re.compile(r"""\s(?:href|src|action|formaction)\s*=\s*["']?\s*((?:javascript|vbscript|data):)""", re.I)


def check_markup(page: Page) -> list[Finding]:
    findings = []

    def fail(line, code, message):
        findings.append(Finding(page.repo_path, line, code, message))

    for number, line in scan.source_lines(page.body, page.body_line):
        for tag in _TAG.findall(line):
            fail(number, "unsafe-tag", f"<{tag.lower()}> is not allowed in content; remove it "
                                       "(embed nothing: link to the resource instead)")
        for handler in _HANDLER.findall(line):
            fail(number, "unsafe-event-handler", f"inline event handler '{handler}=' is not allowed; remove it")
        for url in _ATTR_URL.findall(line):
            fail(number, "unsafe-url", f"'{url}' URLs are not allowed in content; link to an https:// page")
    for link in scan.links(page.body, page.body_line):
        if _BAD_SCHEME.match(link.target):
            fail(link.line, "unsafe-url", f"'{link.target.split(':')[0]}:' URLs are not allowed in content; "
                                          "link to an https:// page")
    return findings

"""A Content-Security-Policy for the published pages, written into each page as a
<meta> element: scripts, styles, images and fonts from the site itself only; the
theme's inline scripts and the inline style attributes the page holds are allowed by
their hashes, computed from the page as built. Anything injected that the checks
missed (an inline script, an image from another host) is then refused by the browser.

Not in the offline build: over file:// search runs through the iframe-worker shim,
which executes the search worker as an inline script in a frame it makes at run time;
no hash can be known for it at build time, so the policy would switch search off
(tried in Chromium: zero results). The offline build instead relies on the checks.
"""
from __future__ import annotations

import base64
import hashlib
import re

from selectolax.lexbor import LexborHTMLParser

_SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(html: str) -> str:
    tree = LexborHTMLParser(html)
    scripts, styles, attributes = set(), set(), set()
    for node in tree.css("script"):
        if "src" not in node.attributes and (node.attributes.get("type") or "").lower() in _SCRIPT_TYPES:
            scripts.add(_hash(node.text(deep=True)))
    for node in tree.css("style"):
        styles.add(_hash(node.text(deep=True)))
    for node in tree.css("[style]"):
        attributes.add(_hash(node.attributes.get("style") or ""))
    style_src = ["'self'", *sorted(styles)]
    if attributes:
        style_src += ["'unsafe-hashes'", *sorted(attributes)]
    return "; ".join([
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *sorted(scripts)]),
        "style-src " + " ".join(style_src),
        "img-src 'self' data:",  # the theme's icons are data: SVGs in its stylesheet
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def with_policy(html: str) -> str:
    """The page with its policy in <head>, right after the character set and before any
    script or style."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    charset = re.search(r"<meta charset=[^>]*>", html)
    if charset:
        return html[:charset.end()] + "\n      " + meta + html[charset.end():]
    head = html.find("<head>")
    return html if head < 0 else html[:head + 6] + meta + html[head + 6:]

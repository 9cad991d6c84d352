"""Line-level reading of Markdown source: what a page links to and which anchors it has.

It reads the source the way Python-Markdown will render it closely enough for checking:
fenced code is skipped, inline code is blanked, heading ids follow the `toc` extension."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markdown.extensions.toc import slugify, unique

_FENCE_OPEN = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_ATTR_ID = re.compile(r"\{:?[^}]*?#([\w:.-]+)[^}]*\}")
_TRAILING_ATTR = re.compile(r"\s*\{:?[^}]*\}\s*$")
_HTML_ID = re.compile(r"""<[a-zA-Z][^>]*\sid=["']([^"']+)["']""")
INLINE_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
REF_LINK = re.compile(r"(?<![\]\\])\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\[([^\[\]]*)\]")
REF_DEF = re.compile(r"^\s{0,3}\[([^\]^][^\]]*)\]:\s*<?(\S*?)>?(?:\s+.*)?$")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^\s{0,3}\[\^([^\]\s]+)\]:")


@dataclass(frozen=True)
class Link:
    line: int
    target: str
    image: bool


def source_lines(body: str, first_line: int = 1):
    """(line number, text) for every line outside fenced code, inline code blanked out."""
    fence = None
    for offset, line in enumerate(body.split("\n")):
        opener = _FENCE_OPEN.match(line)
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            continue
        if opener:
            fence = opener.group(1)
            continue
        yield first_line + offset, _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def _heading_text(raw: str) -> str:
    text = _TRAILING_ATTR.sub("", raw)
    text = INLINE_LINK.sub(lambda m: m.group(2), text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"[*_`]", "", text)
    return html.unescape(text)


def anchors(body: str) -> set[str]:
    """Every id the rendered page will have that a link may target."""
    ids: set[str] = set()
    previous = ""
    for _, line in source_lines(body):
        heading = _HEADING.match(line)
        setext = _SETEXT.match(line) if previous.strip() and not previous.startswith(("#", "    ", "\t", "-", "*")) else None
        text = heading.group(2) if heading else previous if setext else None
        if text is not None:
            explicit = _ATTR_ID.search(text) if _TRAILING_ATTR.search(text) else None
            ids.add(explicit.group(1) if explicit else unique(slugify(_heading_text(text), "-"), ids))
        else:
            ids.update(_ATTR_ID.findall(line))
        ids.update(_HTML_ID.findall(line))
        footnote = FOOTNOTE_DEF.match(line)
        if footnote:
            ids.add(f"fn:{footnote.group(1)}")
        ids.update(f"fnref:{label}" for label in FOOTNOTE_REF.findall(line))
        previous = line
    return ids


def links(body: str, first_line: int = 1) -> list[Link]:
    found = []
    for number, line in source_lines(body, first_line):
        for match in INLINE_LINK.finditer(line):
            found.append(Link(number, match.group(3), bool(match.group(1))))
        definition = REF_DEF.match(line)
        if definition:
            found.append(Link(number, definition.group(2), False))
    return found

"""The net under the source checks: the HTML Markdown rendered for a page's content,
read with a real HTML parser (selectolax, the Lexbor engine, as a browser would parse
it) and held to an allowlist of elements, attributes and URL schemes. Whatever the
source checks miss (an entity inside a scheme, an attribute list, markup that the
Markdown reading got wrong) is caught here. The theme's own HTML is not checked."""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from .findings import Finding
from .urls import loads_from_outside, scheme

ELEMENTS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input",
    "ins", "kbd", "label", "li", "form", "select", "option", "button", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    "section",  # the generated parts search leaves out (search_scope.block)
    "html", "head", "body",  # the parser's own wrapping of a fragment
}
# Inline drawings (the site's generated status icons): shapes, and <use> of a shape on
# the same page (its href may only be a fragment). Nothing that links, loads, embeds or
# animates (image, foreignObject, animate, set, script) is here.
SVG_ELEMENTS = {"svg", "g", "path", "circle", "ellipse", "rect", "line", "polyline", "polygon", "title", "desc",
                "use", "symbol"}
SVG_ATTRIBUTES = {"viewbox", "width", "height", "focusable", "xmlns", "cx", "cy", "r", "rx", "ry", "x", "y", "x1",
                  "y1", "x2", "y2", "d", "points", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width",
                  "stroke-dasharray", "stroke-linecap", "stroke-linejoin", "stroke-opacity", "opacity", "transform"}
ELEMENTS |= SVG_ELEMENTS
GLOBAL_ATTRIBUTES = {"id", "class", "title", "lang", "dir", "style", "role", "hidden"}
ATTRIBUTES = {
    "a": {"href", "rel", "name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"align", "colspan", "rowspan"}, "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start", "type", "reversed"}, "li": {"value"},
    "input": {"type", "name", "checked", "placeholder", "value", "autocomplete", "spellcheck", "inputmode"},
    # The site's generated filter forms (timeline, bibliography): read by its own script,
    # never submitted anywhere (no action, method or formaction is allowed).
    "form": {"hidden"}, "select": {"name"}, "option": {"value", "selected"}, "button": {"type"},
    "label": {"for"}, "details": {"open"}, "time": {"datetime"}, "col": {"span"}, "colgroup": {"span"},
    "use": {"href"}, "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
}
INPUT_TYPES = {"radio", "checkbox", "search", "text"}
BUTTON_TYPES = {"button", "reset"}
LINK_SCHEMES = {None, "http", "https", "mailto"}  # where a link (href, cite) may point
RESOURCE_ATTRIBUTES = {"src"}  # what the browser fetches by itself: only from the site
_SAME_PAGE_FRAGMENT = re.compile(r"#[A-Za-z][\w-]*")
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_LOADS = re.compile(r"url\(|image-set\(|@import|expression\(|-moz-binding|behavior\s*:", re.I)


def _inert_data(name: str) -> bool:
    """data-* attributes carry text for the site's own scripts (the timeline's row data);
    the theme's (data-md-*) steer its scripts, so content may not set them."""
    return name.startswith("data-") and not name.startswith("data-md-")


def _css(value: str) -> str:
    """CSS text as the browser reads it: comments out, escapes decoded."""
    decoded = _CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2),
                              _CSS_COMMENT.sub("", value))
    return decoded.replace(" ", "").replace("\t", "").replace("\n", "")


def violations(html: str) -> list[tuple[str, str, list[str]]]:
    """(code, message, needles to find it in the source) for everything the page's
    rendered content may not hold."""
    found = []
    root = LexborHTMLParser(html).root
    if root is None:
        return found
    for node in root.traverse(include_text=False):
        tag = node.tag
        if tag.startswith("-"):  # comments, doctype
            continue
        if tag not in ELEMENTS:
            found.append(("html-element", f"<{tag}> is not allowed in content (nothing may run or be embedded); "
                                          "remove it, and link to the resource instead", [f"<{tag}"]))
            continue
        allowed = GLOBAL_ATTRIBUTES | ATTRIBUTES.get(tag, set()) | (SVG_ATTRIBUTES if tag in SVG_ELEMENTS else set())
        for name, value in node.attributes.items():
            name, value = name.lower(), value or ""
            needles = [value, f"{name}="] if value else [f"{name}="]
            if name.startswith("on"):
                found.append(("html-event-handler", f"<{tag} {name}=...>: event handlers are not allowed in "
                                                    "content; remove it", [f"{name}="]))
            elif name not in allowed and not name.startswith("aria-") and not _inert_data(name):
                found.append(("html-attribute", f"<{tag} {name}=...>: attribute '{name}' is not allowed in "
                                                "content; remove it", [f"{name}="]))
            elif name in RESOURCE_ATTRIBUTES and (loads_from_outside(value) or scheme(value) is not None):
                found.append(("html-external-resource", f"<{tag} {name}=\"{value}\"> loads from outside the "
                                                        "site; copy the file into docs/ (if its licence allows) "
                                                        "or link to it", needles))
            elif tag == "use" and name == "href" and not _SAME_PAGE_FRAGMENT.fullmatch(value):
                found.append(("html-external-resource", f"<use href=\"{value}\"> may only refer to a shape on "
                                                        "the same page (href=\"#id\"); draw the shape inline "
                                                        "instead", needles))
            elif name in ("href", "cite") and scheme(value) not in LINK_SCHEMES:
                found.append(("html-unsafe-url", f"<{tag} {name}=...> uses the scheme '{scheme(value)}:'; "
                                                 "links may use only https://, http:// or mailto:", needles))
            elif name == "style" and _CSS_LOADS.search(_css(value)):
                found.append(("html-style-loads", f"<{tag} style=\"{value}\"> may load something (url(), "
                                                  "@import...); inline styles in content may not: remove it",
                              needles))
            elif tag == "button" and name == "type" and value.lower() not in BUTTON_TYPES:
                found.append(("html-element", f"<button type=\"{value}\"> is not allowed in content", ["<button"]))
            elif tag == "input" and name == "type" and value.lower() not in INPUT_TYPES:
                found.append(("html-element", f"<input type=\"{value}\"> is not allowed in content",
                              ["<input"]))
    return found


def _line_of(body: str, first_line: int, needles: list[str]) -> int | None:
    """The line of the first needle that stands in the source, in a form the reader can
    find; None when the rendered text cannot be traced back (entities, generated parts)."""
    lowered = body.lower()
    for needle in needles:
        if not needle.strip():
            continue
        at = lowered.find(needle.lower())
        if at >= 0 and needle.endswith("=") and lowered.count(needle.lower()) > 1:
            continue  # an attribute name alone places it only when the page has one
        if at >= 0:
            return first_line + body.count("\n", 0, at)
    return None


def check_rendered(html: str, body: str, repo_path: str, first_line: int = 1) -> list[Finding]:
    """Findings for one page's rendered content, placed in its source file."""
    return [Finding(repo_path, _line_of(body, first_line, needles), code, message)
            for code, message, needles in violations(html)]

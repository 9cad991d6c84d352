"""Unsafe contributed markup, found in the source with its line: Python-Markdown passes
raw HTML and attr_list attributes through unsanitised. The rendered page is checked
again after Markdown (see rendered_html); this check gives the precise line."""
from __future__ import annotations

from .findings import Finding
from .pages import Page
from .urls import is_unsafe_url, loads_from_outside

_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "form", "base", "meta", "link", "style",
         "video", "audio", "source", "track", "picture", "svg", "math", "template", "applet", "portal"}
_URL_ATTRS = {"href", "src", "action", "formaction", "poster", "data", "background", "cite", "xlink:href",
              "srcset", "ping", "lowsrc", "dynsrc", "longdesc", "usemap", "manifest"}
_LOADING_ATTRS = {"src", "poster", "data", "background", "srcset", "lowsrc", "dynsrc"}


def _attribute_findings(fail, line, attrs):
    for name, value in attrs:
        name = name.lower()
        if name.startswith("on"):
            fail(line, "unsafe-event-handler", f"inline event handler '{name}=' is not allowed; remove it")
        elif name in _URL_ATTRS and value is not None:
            if is_unsafe_url(value):
                fail(line, "unsafe-url", f"'{value.split(':')[0].strip()}:' URLs are not allowed in content; "
                                         "link to an https:// page")
            elif name in _LOADING_ATTRS and loads_from_outside(value, srcset=name == "srcset"):
                fail(line, "unsafe-external-resource", f"'{name}=\"{value}\"' loads from outside the site; "
                                                "copy the file into docs/ (if its licence allows) or link to it")
        elif name == "style" and value and "url(" in value.replace(" ", "").lower():
            fail(line, "unsafe-style", "inline styles may not load anything (url(...)); remove it")


def check_markup(page: Page) -> list[Finding]:
    findings = []

    def fail(line, code, message):
        findings.append(Finding(page.repo_path, line, code, message))

    structure = page.structure
    for tag in structure.tags:
        if tag.name in _TAGS:
            fail(tag.line, "unsafe-tag", f"<{tag.name}> is not allowed in content; remove it "
                                         "(embed nothing: link to the resource instead)")
        _attribute_findings(fail, tag.line, tag.attrs)
    for attr_list in structure.attr_lists:
        _attribute_findings(fail, attr_list.line, attr_list.attrs)
    for link in structure.links:
        if is_unsafe_url(link.target):
            fail(link.line, "unsafe-url", f"'{link.target.split(':')[0].strip()}:' URLs are not allowed in content; "
                                          "link to an https:// page")
        elif link.image and loads_from_outside(link.target):
            fail(link.line, "unsafe-external-resource", f"image '{link.target}' loads from outside the site; "
                                                 "copy it into docs/ (if its licence allows) or link to it")
    for line in structure.unclosed_comments:
        fail(line, "comment-unclosed", "'<!--' opens a comment that does not close before the next one (or never "
                                       "closes), which hides or garbles the text after it; close it with '-->' "
                                       "(or write &lt;!-- to show it)")
    for line in structure.unclosed_fences:
        fail(line, "fence-unclosed", "this code fence never closes (or a line in it is less indented than the "
                                     "fence), so Markdown renders what follows as text and HTML; close it with the "
                                     "same fence at the same indentation")
    return findings

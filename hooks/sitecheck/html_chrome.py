"""Accessibility fixes to the theme's own markup, applied to each finished page: plain
string functions, so they are tested without MkDocs."""
from __future__ import annotations

import html as html_lib
import re

_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
# Material renders a page's status in the navigation as an empty span with a title:
# one icon told apart by colour, its label only in a tooltip screen readers skip.
_STATUS = re.compile(r'<span class="md-status md-status--([a-z-]+)" title="([^"]*)">\s*</span>')


def name_search_dialog(html: str, name: str = "Search this site") -> str:
    return html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{html_lib.escape(name)}">')


def status_as_text(html: str, labels: dict[str, str]) -> str:
    """Put each navigation status marker's label in the page as text: a short visible
    word (labels[value]) after a visually hidden "Status:"."""
    def text(match: re.Match) -> str:
        value = match.group(1)
        word = labels.get(value)
        if word is None:
            return match.group(0)
        return (f'<span class="md-status md-status--{value} md-status--text">'
                f'<span class="visually-hidden">Status: </span>{html_lib.escape(word)}</span>')
    return _STATUS.sub(text, html)

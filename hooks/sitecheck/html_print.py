"""Give each link to another page of the site its published address, so the print
stylesheet can print it after the link text: on paper a link is an address, and the
reader's own disk (file://...) is no address at all."""
from __future__ import annotations

import html as html_lib
import posixpath
import re
from typing import Callable

_LINK = re.compile(r'<a href="([^"#:?][^":?]*?)(#[^"]*)?"')


def add_print_addresses(html: str, page_url: str, address_of: Callable[[str], str | None]) -> str:
    """Add data-print-url="<published address>" to every relative link in `html`, a page
    whose built URL is `page_url`; `address_of(built url)` gives the published address of
    a page of the site, or None for anything else (an image, a download)."""
    base = posixpath.dirname(page_url)

    def add(match: re.Match) -> str:
        target, fragment = match.group(1), match.group(2) or ""
        address = address_of(posixpath.normpath(posixpath.join(base, html_lib.unescape(target))))
        if address is None:
            return match.group(0)
        return f'{match.group(0)} data-print-url="{html_lib.escape(address + fragment)}"'
    return _LINK.sub(add, html)

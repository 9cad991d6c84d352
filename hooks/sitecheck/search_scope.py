"""What the search index holds: each page's own text. Left out are the parts that grow
with the site and repeat what other pages say (the timeline's rows, a recommendation's
list of developments, the what's-new list, each page's "Cite this page" box), and web
addresses written out as links (a tenth of the index, and no reader searches for one).
A page's reference list stays: a source's title finds the pages that cite it. Material's search
plugin skips any element marked `data-search-exclude`, and a heading's whole section
when the heading is marked."""
from __future__ import annotations

import re

ATTRIBUTE = "data-search-exclude"
# After a Markdown heading (attr_list): the heading and its section are not indexed.
HEADING = f"{{ {ATTRIBUTE} }}"


def block(markdown: str) -> str:
    """Markdown that is rendered but not indexed (md_in_html). A <section>, not a <div>:
    Material's search parser tells elements apart by tag name only, so the first inner
    </div> (a tabbed box, a code block) would end the exclusion."""
    return f"<section data-search-exclude markdown>\n\n{markdown}\n\n</section>"



# A link whose text is its own address: what a reference list prints after each source.
_ADDRESS_LINK = re.compile(r'<a href="(https?://[^"<>]+)">\1</a>')


def leave_out_addresses(html: str) -> str:
    """Rendered HTML with every link that spells out its own address left out of the index."""
    return _ADDRESS_LINK.sub(rf'<a href="\1" {ATTRIBUTE}>\1</a>', html)

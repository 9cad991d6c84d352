"""What the search index holds: each page's own text. Left out are the parts that grow
with the site and repeat what other pages say (the timeline's rows, a recommendation's
list of developments, the what's-new list, each page's "Cite this page" box). A page's
reference list stays: a source's title finds the pages that cite it. Material's search
plugin skips any element marked `data-search-exclude`, and a heading's whole section
when the heading is marked."""
from __future__ import annotations

ATTRIBUTE = "data-search-exclude"
# After a Markdown heading (attr_list): the heading and its section are not indexed.
HEADING = f"{{ {ATTRIBUTE} }}"


def block(markdown: str) -> str:
    """Markdown that is rendered but not indexed (md_in_html). A <section>, not a <div>:
    Material's search parser tells elements apart by tag name only, so the first inner
    </div> (a tabbed box, a code block) would end the exclusion."""
    return f"<section data-search-exclude markdown>\n\n{markdown}\n\n</section>"


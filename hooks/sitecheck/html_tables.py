"""Label table cells with their column heading, so that narrow screens can show each
row as a small card ("Status: Reversed") instead of a table wider than the screen."""
from __future__ import annotations

import html as html_lib
import re

_TD = re.compile(r"<td\b")
_TAGS = re.compile(r"<[^>]+>")
# Tables this narrow read well as they are; wider ones stack on small screens.
STACK_FROM_COLUMNS = 3


def _text(cell_html: str) -> str:
    return " ".join(html_lib.unescape(_TAGS.sub("", cell_html)).split())


def _elements(text: str, tag: str):
    """(start, end, attributes, inner) of each <tag ...>inner</tag>, in one pass: a
    missing close ends the search, so malformed HTML costs time linear in its length
    (lazy regular expressions over unclosed tags would rescan the rest for each one)."""
    opener, close, pos = re.compile(rf"<{tag}\b([^<>]*)>"), f"</{tag}>", 0
    while (match := opener.search(text, pos)) is not None:
        end = text.find(close, match.end())
        if end < 0:
            return
        yield match.start(), end + len(close), match.group(1), text[match.end():end]
        pos = end + len(close)


def _replace(text: str, tag: str, change) -> str:
    """text with change(attributes, inner, whole) in place of each <tag> element."""
    out, pos = [], 0
    for start, end, attrs, inner in _elements(text, tag):
        out += [text[pos:start], change(attrs, inner, text[start:end])]
        pos = end
    return "".join(out) + text[pos:]


def _label_row(row: str, labels: list[str]) -> str:
    cells = iter(labels)

    def add(_):
        label = next(cells, "")
        return f'<td data-label="{html_lib.escape(label)}"' if label else "<td"
    return _TD.sub(add, row)


def _label_table(attrs: str, inner: str, whole: str) -> str:
    head = next(_elements(inner, "thead"), None)
    if head is None:
        return whole
    labels = [_text(cell) for *_, cell in _elements(head[3], "th")]
    if len(labels) < STACK_FROM_COLUMNS or "data-stack" in attrs:
        return whole
    body = _replace(inner[head[1]:], "tr", lambda _a, _i, row: _label_row(row, labels))
    return f"<table{attrs} data-stack>" + inner[:head[1]] + body + "</table>"


def label_cells(html: str) -> str:
    """Give every body cell of a table with three or more columns a data-label with its
    column heading, and mark the table data-stack (the stylesheet stacks it on phones)."""
    return _replace(html, "table", _label_table)


_ROW_DATA = re.compile(r'<tr>(\s*<td[^>]*>)<span data-row ([^>]*)></span>')


def lift_row_data(html: str) -> str:
    """Move the data-* attributes of a row marker (<span data-row data-x="..."></span> at
    the start of a row's first cell, written by the generator since Markdown tables have
    no syntax for row attributes) onto the row itself."""
    return _ROW_DATA.sub(lambda m: f"<tr {m.group(2)}>{m.group(1)}", html)

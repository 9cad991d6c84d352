"""Label table cells with their column heading, so that narrow screens can show each
row as a small card ("Status: Reversed") instead of a table wider than the screen."""
from __future__ import annotations

import html as html_lib
import re

_TABLE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.S)
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_TD = re.compile(r"<td\b")
_TAGS = re.compile(r"<[^>]+>")
# Tables this narrow read well as they are; wider ones stack on small screens.
STACK_FROM_COLUMNS = 3


def _text(cell_html: str) -> str:
    return " ".join(html_lib.unescape(_TAGS.sub("", cell_html)).split())


def _label_row(row: re.Match, labels: list[str]) -> str:
    cells = iter(labels)

    def add(_):
        label = next(cells, "")
        return f'<td data-label="{html_lib.escape(label)}"' if label else "<td"
    return _TD.sub(add, row.group(0))


def _label_table(table: re.Match) -> str:
    attrs, inner = table.group(1), table.group(2)
    head = _HEAD.search(inner)
    if not head:
        return table.group(0)
    labels = [_text(cell) for cell in _TH.findall(head.group(1))]
    if len(labels) < STACK_FROM_COLUMNS or "data-stack" in attrs:
        return table.group(0)
    body = inner[head.end():]
    return f"<table{attrs} data-stack>" + inner[:head.end()] + _ROW.sub(lambda r: _label_row(r, labels), body) + "</table>"


def label_cells(html: str) -> str:
    """Give every body cell of a table with three or more columns a data-label with its
    column heading, and mark the table data-stack (the stylesheet stacks it on phones)."""
    return _TABLE.sub(_label_table, html)


_ROW_DATA = re.compile(r'<tr>(\s*<td[^>]*>)<span data-row ([^>]*)></span>')


def lift_row_data(html: str) -> str:
    """Move the data-* attributes of a row marker (<span data-row data-x="..."></span> at
    the start of a row's first cell, written by the generator since Markdown tables have
    no syntax for row attributes) onto the row itself."""
    return _ROW_DATA.sub(lambda m: f"<tr {m.group(2)}>{m.group(1)}", html)

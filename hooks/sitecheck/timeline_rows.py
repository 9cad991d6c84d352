"""The rows behind the timeline's filters. The timeline page lists only the newest
developments; each year's page lists all of that year's. The filters reach every
development through one script file holding the rows the year pages rendered (the same
directory, so the same links), loaded when a reader first filters. A script, not JSON:
a page opened from file:// may load a script beside it but may not fetch a file."""
from __future__ import annotations

import json

ROW_START = "<tr "
ROW_END = "</tr>"
GLOBAL = "sanyaTimelineRows"


def rows_of(html: str) -> list[str]:
    """The rendered rows of a year page that carry a development's data (data-year),
    in page order. One pass: each search starts where the last one ended."""
    rows, at = [], 0
    while (start := html.find(ROW_START, at)) >= 0:
        end = html.find(ROW_END, start)
        if end < 0:
            break
        end += len(ROW_END)
        row = html[start:end]
        if 'data-year="' in row[: row.find(">") + 1]:
            rows.append(row)
        at = end
    return rows


def script(rows: list[str]) -> str:
    """Every development's row, newest first, as a script that sets one global."""
    return f"window.{GLOBAL} = {json.dumps(rows, ensure_ascii=False)};\n"

"""A linear scanner that cuts BibTeX text into entries before any parser sees it, so one
broken entry (an unclosed brace, a stray '}') costs that entry alone and the rest of the
file still loads.

BibTeX ignores text between entries; here only blank lines and `%` comment lines may
stand there, because anything else is almost always the tail of an entry closed too early."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_START = re.compile(r"@[ \t]*([A-Za-z][\w-]*)[ \t\r\n]*([{(])")
# Inside an entry: a brace, a closing parenthesis, or a new entry at the start of a line
# (which means the entry before it was never closed).
_INSIDE = re.compile(r"[{}()]|\n[ \t]*@[ \t]*[A-Za-z][\w-]*[ \t]*[{(]")
_KEY = re.compile(r"[ \t\r\n]*([^,\s{}()]*)[ \t\r\n]*,")
_FIELD_START = re.compile(r"^[ \t]*([A-Za-z][\w:.+-]*)[ \t]*=", re.M)


@dataclass
class RawEntry:
    type: str  # lower-case: online, article, comment, string, ...
    key: str | None
    text: str  # from '@' to the closing delimiter (or to where the entry was cut off)
    line: int  # line of the '@'
    problem: str | None = None  # why the entry cannot be read, if it cannot
    field_lines: dict = field(default_factory=dict)  # lower-case field name -> first line
    repeated_fields: list = field(default_factory=list)  # (name, line) of a field given again


@dataclass
class Stray:
    line: int
    text: str


class _Lines:
    """Line number of an offset, by binary search over the newline positions."""

    def __init__(self, text: str):
        self.newlines = [match.start() for match in re.finditer("\n", text)]

    def of(self, offset: int) -> int:
        return bisect.bisect_left(self.newlines, offset) + 1

    def start_of(self, offset: int) -> int:
        """Offset of the first character of the line holding offset."""
        before = bisect.bisect_left(self.newlines, offset)
        return self.newlines[before - 1] + 1 if before else 0


def _is_comment_or_blank(chunk: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("%") for line in chunk.split("\n"))


def _first_stray_line(chunk: str) -> tuple[int, str]:
    for offset, line in enumerate(chunk.split("\n")):
        if line.strip() and not line.lstrip().startswith("%"):
            return offset, line.strip()
    return 0, chunk.strip()


def _body_end(text: str, start: int, opener: str) -> tuple[int, str | None]:
    """Offset just after the entry's closing delimiter, or where it was cut off, and the
    problem if it was."""
    depth = 0
    for match in _INSIDE.finditer(text, start):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            if depth == 0:
                if opener == "{":
                    return match.end(), None
                return match.end(), "has a '}' that closes nothing"
            depth -= 1
        elif token == ")":
            if opener == "(" and depth == 0:
                return match.end(), None
        elif token == "(":
            continue
        else:  # a new entry begins at the start of a line
            return match.start() + 1, "is not closed: a '}' is missing before the next entry"
    return len(text), "is not closed: a '}' is missing before the end of the file"


def _fields(entry: RawEntry, lines: _Lines, offset: int) -> None:
    for match in _FIELD_START.finditer(entry.text):
        name, line = match.group(1).lower(), lines.of(offset + match.start(1))
        if name in entry.field_lines:
            entry.repeated_fields.append((name, line))
        else:
            entry.field_lines[name] = line


def scan(text: str) -> tuple[list[RawEntry], list[Stray]]:
    """Every entry (with its line and fields) and every piece of stray text, in file order."""
    lines = _Lines(text)
    entries: list[RawEntry] = []
    strays: list[Stray] = []
    position = 0

    def between(start: int, end: int) -> None:
        chunk = text[start:end]
        if _is_comment_or_blank(chunk):
            return
        offset, snippet = _first_stray_line(chunk)
        line = lines.of(start) + offset
        previous = entries[-1] if entries else None
        if previous and previous.problem is None and start == previous_end[0] and line <= lines.of(start) + 1:
            # Text right after an entry (same or next line): an extra '}' closed it early.
            previous.problem = f"is closed early at line {lines.of(start - 1)}: the text after it " \
                               f"('{snippet[:40]}') is outside any entry; remove the extra '}}'"
        else:
            strays.append(Stray(line, snippet[:60]))

    previous_end = [-1]
    while True:
        at = text.find("@", position)
        while at != -1:
            line_start = lines.start_of(at)
            if not text[line_start:at].lstrip().startswith("%"):
                break
            newline = text.find("\n", at)
            at = -1 if newline == -1 else text.find("@", newline)
        if at == -1:
            between(position, len(text))
            break
        start = _START.match(text, at)
        if not start:
            newline = text.find("\n", at)
            stop = len(text) if newline == -1 else newline
            between(position, stop)
            position = stop
            previous_end[0] = -1
            continue
        between(position, at)
        kind, opener = start.group(1).lower(), start.group(2)
        end, problem = _body_end(text, start.end(), opener)
        key_match = _KEY.match(text, start.end(), end)
        key = key_match.group(1) if key_match and key_match.group(1) else None
        entry = RawEntry(kind, key, text[at:end], lines.of(at), problem)
        if kind not in ("comment", "string", "preamble"):
            if key is None and problem is None:
                entry.problem = "has no key: write @type{key, field = {...}, ...}"
            _fields(entry, lines, at)
        entries.append(entry)
        position = previous_end[0] = end
    return entries, strays

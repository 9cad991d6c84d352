"""One reading of a page body: everything the checks need, each item with its line.

The reading follows what the site's Python-Markdown stack renders, closely enough to
check it: pymdownx.superfences decides what is fenced code (a fence that never closes,
or whose content is less indented than its opening, is NOT code: Python-Markdown then
renders what follows as Markdown and HTML), inline code and HTML comments are blanked,
heading ids follow the toc extension, and citations are read the way mkdocs-bibtex
reads them (line by line, code included).

Every step is linear in the size of the page: no regular expression here can backtrack
over a line (they are anchored, possessive, or exclude the character that ends them),
and brackets and backticks are paired with stacks and pointers, not by searching again
from every position."""
from __future__ import annotations

import html
import re
from bisect import bisect_right
from itertools import accumulate
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify, unique


@dataclass(frozen=True)
class Link:
    line: int
    target: str
    image: bool
    has_space: bool = False  # the target holds whitespace outside <...>: Python-Markdown keeps it in the href


@dataclass(frozen=True)
class Reference:
    line: int
    text: str
    label: str  # lower-cased, as Python-Markdown matches it


@dataclass(frozen=True)
class Tag:
    line: int
    name: str  # lower-case
    attrs: tuple  # ((name lower-case, value entity-decoded or None), ...)


@dataclass(frozen=True)
class AttrList:
    line: int
    attrs: tuple  # ((name, value), ...); '#id' gives ('id', ...), '.c' gives ('class', ...)


@dataclass(frozen=True)
class Citation:
    line: int
    key: str


@dataclass(frozen=True)
class Snippet:
    line: int
    path: str


@dataclass
class PageStructure:
    lines: list = field(default_factory=list)  # (line, text) outside fenced code; code spans and comments blanked
    links: list = field(default_factory=list)  # Link: inline links, images, autolinks, reference definitions
    references: list = field(default_factory=list)  # Reference: [text][label] uses
    definitions: dict = field(default_factory=dict)  # reference label (lower-case) -> line
    footnote_refs: list = field(default_factory=list)  # (line, label)
    footnote_definitions: dict = field(default_factory=dict)  # label -> line
    anchors: dict = field(default_factory=dict)  # id -> line of the element that carries it
    tags: list = field(default_factory=list)  # Tag: raw HTML start tags outside code
    attr_lists: list = field(default_factory=list)  # AttrList: attr_list's {: ...}
    citations: list = field(default_factory=list)  # Citation, as mkdocs-bibtex reads them (code included)
    citation_texts: list = field(default_factory=list)  # (line, text inside [...] holding '@'), outside code
    snippets: list = field(default_factory=list)  # Snippet: pymdownx.snippets inclusions (code included)
    unclosed_fences: list = field(default_factory=list)  # lines of fences Python-Markdown renders as text
    unclosed_comments: list = field(default_factory=list)  # lines of '<!--' that do not close where meant


# ---------------------------------------------------------------------------------
# Fenced code, as pymdownx.superfences decides it.

_FENCE_START = re.compile(r"(`{3,}+|~{3,}+)(.*)")
_LANG = re.compile(r"[ \t]*+\.?[\w#.+-]++(?=[\t ]|$)")
_OPTION = re.compile(r"""[ \t]*+[a-zA-Z][a-zA-Z0-9_]*+(?:=(?:"[^"]*+"|'[^']*+'))?(?=[\t ]|$)""")


def _prefix(line: str) -> str:
    """The leading run of blanks and blockquote markers superfences measures."""
    return line[:len(line) - len(line.lstrip(" \t>"))]


def _fence_header_ok(rest: str) -> bool:
    """The text after the fence characters: empty, a language, {attributes} or options."""
    pos = 0
    lang = _LANG.match(rest)
    if lang:
        pos = lang.end()
    tail = rest[pos:].strip(" \t")
    if not tail:
        return True
    if tail.startswith("{") and tail.endswith("}"):
        return True
    while pos < len(rest):
        option = _OPTION.match(rest, pos)
        if not option or option.end() == pos:
            return not rest[pos:].strip(" \t")
        pos = option.end()
    return True


def fenced_lines(lines: list[str], tab_length: int = 4) -> tuple[set, list]:
    """(indexes of lines inside closed fences, fence lines included; indexes of fences
    that never close). Each line is looked at once, as superfences does."""
    code, unclosed = set(), []
    open_at, fence, ws_len = None, None, 0
    for index, line in enumerate(lines):
        if fence is None:
            ws = _prefix(line)
            match = _FENCE_START.fullmatch(line, len(ws))
            if match and _fence_header_ok(match.group(2)):
                open_at, fence, ws_len = index, match.group(1), len(ws.expandtabs(tab_length))
            continue
        stripped = line.strip()
        if not stripped:
            continue
        ws = _prefix(line)
        indent = len(ws.expandtabs(tab_length))
        if indent < ws_len:
            unclosed.append(open_at)  # abandoned: superfences leaves these lines to Markdown
            fence = None
        elif indent == ws_len and line[len(ws):].rstrip(" \t") == fence:
            code.update(range(open_at, index + 1))
            fence = None
    if fence is not None:
        unclosed.append(open_at)
    return code, unclosed


# ---------------------------------------------------------------------------------
# Inline code and comments, blanked so nothing inside them is read as Markdown or HTML.

_BACKTICKS = re.compile(r"`++")


def blank_code_spans(line: str) -> str:
    """Python-Markdown's code spans: a run of n backticks up to the next run of exactly
    n. Runs are paired with one pointer per length, so the work is linear."""
    if "`" not in line:
        return line
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for i, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(i)
    pointer = {n: 0 for n in by_length}
    out, i, last = [], 0, 0
    while i < len(runs):
        start, end = runs[i]
        n = end - start
        if start > 0 and line[start - 1] == "\\":
            i += 1
            continue
        same, p = by_length[n], pointer[n]
        while p < len(same) and same[p] <= i:
            p += 1
        pointer[n] = p
        if p == len(same):
            i += 1
            continue
        close = same[p]
        close_end = runs[close][1]
        out.append(line[last:start])
        out.append(" " * (close_end - start))
        last, i = close_end, close + 1
    out.append(line[last:])
    return "".join(out)


def blank_comments(lines: list[str], code: set) -> tuple[list[str], list[int]]:
    """HTML comments blanked across lines, and the lines (indexes) of every '<!--' that
    does not close before the next '<!--' or never closes: Python-Markdown then hides
    everything up to a later comment's end, or shows the '<!--' as text. A comment that
    never closes is left unblanked, since what follows it is still rendered."""
    out, inside, opened, broken = [], False, None, []
    for index, line in enumerate(lines):
        if index in code:
            out.append(line)
            continue
        pieces, pos = [], 0
        while True:
            if inside:
                close = line.find("-->", pos)
                nested = line.find("<!--", pos)
                if nested >= 0 and (close < 0 or nested < close) and opened[0] not in broken:
                    broken.append(opened[0])
                if close < 0:
                    pieces.append(" " * (len(line) - pos))
                    break
                pieces.append(" " * (close + 3 - pos))
                pos, inside = close + 3, False
            else:
                start = line.find("<!--", pos)
                if start < 0:
                    pieces.append(line[pos:])
                    break
                pieces.append(line[pos:start])
                pos, inside, opened = start + 4, True, (index, start)
                pieces.append(" " * 4)
        out.append("".join(pieces))
    if inside:
        index, column = opened
        out[index] = out[index][:column] + lines[index][column:]
        out[index + 1:] = lines[index + 1:]
        if index not in broken:
            broken.append(index)
    return out, broken


# ---------------------------------------------------------------------------------
# Raw HTML and attribute lists.

_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*+)((?:\s++[^\s\"'>/=<]++(?:\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s\"'=<>`]++))?)*+)\s*+/?>")
_ATTR = re.compile(r"([^\s\"'>/=<]++)(?:\s*+=\s*+(?:\"([^\"]*+)\"|'([^']*+)'|([^\s\"'=<>`]++)))?")
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*+)\}")
_ATTR_LIST_ITEM = re.compile(r"""([^\s=}]++)=(?:"([^"]*+)"|'([^']*+)'|([^\s}]*+))|#([^\s}]++)|\.([^\s}]++)|(\S++)""")


def _tags(text: str, newlines: list[int], first_line: int) -> list[Tag]:
    found = []
    for match in _TAG.finditer(text):
        attrs = tuple((a.group(1).lower(), None if a.group(2) is None and a.group(3) is None and a.group(4) is None
                       else html.unescape(a.group(2) if a.group(2) is not None else
                                          a.group(3) if a.group(3) is not None else a.group(4)))
                      for a in _ATTR.finditer(match.group(2)))
        found.append(Tag(first_line + bisect_right(newlines, match.start()), match.group(1).lower(), attrs))
    return found


def parse_attr_list(inner: str) -> tuple | None:
    """attr_list's items, or None when the braces do not hold an attribute list."""
    attrs, plain = [], 0
    for item in _ATTR_LIST_ITEM.finditer(inner):
        if item.group(1):
            value = next((g for g in item.group(2, 3, 4) if g is not None), "")
            attrs.append((item.group(1), value))
        elif item.group(5):
            attrs.append(("id", item.group(5)))
        elif item.group(6):
            attrs.append(("class", item.group(6)))
        else:
            plain += 1
    return tuple(attrs) if attrs and not plain else None


# ---------------------------------------------------------------------------------
# Links, references, footnotes: brackets paired with a stack, once per line.

_SPECIAL = re.compile(r"[\[\]()]")
_REF_DEF = re.compile(r" {0,3}\[([^\]^][^\]]*+)\]:[ \t]*+(?:<([^>]*+)>|(\S*+))")
_FOOTNOTE_DEF = re.compile(r" {0,3}\[\^([^\]\s]++)\]:")
_AUTOLINK = re.compile(r"<((?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>\s]*+)>")
_TITLE = re.compile(r"""\s*+(?:"[^"]*+"|'[^']*+'|\([^()]*+\))\s*+""")


def _pairs(line: str) -> tuple[dict, dict, list]:
    """Matching ']' for every '[' and ')' for every '(' (unescaped), and the positions
    of every bracket, in one pass."""
    brackets, parens, positions = {}, {}, []
    open_b, open_p = [], []
    for m in _SPECIAL.finditer(line):
        pos, ch = m.start(), m.group()
        if pos and line[pos - 1] == "\\":
            continue
        if ch == "[":
            open_b.append(pos)
            positions.append(pos)
        elif ch == "]":
            positions.append(pos)
            if open_b:
                brackets[open_b.pop()] = pos
        elif ch == "(":
            open_p.append(pos)
        elif open_p:
            parens[open_p.pop()] = pos
    return brackets, parens, positions


def _inline(number: int, line: str, out: PageStructure) -> None:
    if "[" not in line:
        return
    brackets, parens, positions = _pairs(line)
    skip = set()
    for start, close in brackets.items():
        if start in skip:
            continue
        after = close + 1
        text = line[start + 1:close]
        if text.startswith("^") and text[1:] and not any(c.isspace() for c in text) and line[after:after + 1] != ":":
            out.footnote_refs.append((number, text[1:]))
            continue
        nxt = line[after:after + 1]
        if nxt == "(" and after in parens:
            end = parens[after]
            # A target never holds a bracket: stopping there keeps every target disjoint.
            k = bisect_right(positions, after)
            if k < len(positions) and positions[k] < end:
                continue
            out.links.append(_inline_link(number, line[after + 1:end], start > 0 and line[start - 1] == "!"))
        elif nxt == "[" and after in brackets and (start == 0 or line[start - 1] not in "]\\"):
            label = line[after + 1:brackets[after]]
            skip.add(after)
            out.references.append(Reference(number, text, " ".join((label or text).split()).lower()))


def _multiline_links(lines: list[str], code: set, first_line: int, out: PageStructure) -> None:
    """A link whose text runs over a line break ([two\nlines](page.md)) is a link once
    rendered: read each paragraph as one text for those (one-line links are read above)."""
    start = None
    for index in range(len(lines) + 1):
        if index == len(lines) or index in code or not lines[index].strip():
            if start is not None and index - start > 1:
                _paragraph_links(lines[start:index], first_line + start, out)
            start = None
        elif start is None:
            start = index


def _paragraph_links(lines: list[str], first: int, out: PageStructure) -> None:
    text = "\n".join(lines)
    if "](" not in text:
        return
    ends = list(accumulate(len(line) + 1 for line in lines))  # offset just past each line
    brackets, parens, positions = _pairs(text)
    for start, close in brackets.items():
        after = close + 1
        if "\n" not in text[start:close] or text[after:after + 1] != "(" or after not in parens:
            continue
        end = parens[after]
        k = bisect_right(positions, after)
        if "\n" in text[after:end] or (k < len(positions) and positions[k] < end):
            continue
        line = first + bisect_right(ends, after)
        out.links.append(_inline_link(line, text[after + 1:end], start > 0 and text[start - 1] == "!"))


def _inline_link(number: int, inner: str, image: bool) -> Link:
    inner = inner.strip()
    if inner.startswith("<") and ">" in inner:
        close = inner.index(">")
        return Link(number, inner[1:close], image)
    cut = next((i for i, c in enumerate(inner) if c.isspace()), len(inner))
    target, rest = inner[:cut], inner[cut:]
    if rest and not _TITLE.fullmatch(rest):
        return Link(number, inner, image, has_space=True)
    return Link(number, target, image)


# ---------------------------------------------------------------------------------
# Headings and their ids, as the toc extension makes them.

_SETEXT = re.compile(r"(?:=++|-++)[ \t]*+")
_INLINE_LINK_TEXT = re.compile(r"!?\[([^\[\]]*+)\]\([^()]*+\)")


def _heading_text(raw: str) -> str:
    text = _INLINE_LINK_TEXT.sub(lambda m: m.group(1), raw)
    text = re.sub(r"<[^<>]*+>", "", text)
    text = re.sub(r"[*_`]", "", text)
    return html.unescape(text)


def _split_heading_attrs(text: str) -> tuple[str, tuple | None]:
    """A heading's text and its trailing {: ...} attribute list, if any."""
    stripped = text.rstrip()
    if stripped.endswith("}"):
        open_at = stripped.rfind("{")
        if open_at >= 0:
            inner = stripped[open_at + 1:-1]
            attrs = parse_attr_list(inner[1:] if inner.startswith(":") else inner)
            if attrs is not None:
                return stripped[:open_at].rstrip(), attrs
    return stripped, None


def _atx(line: str) -> str | None:
    """The text of an ATX heading ('## Text ##'), or None."""
    hashes = len(line) - len(line.lstrip("#"))
    if not 1 <= hashes <= 6 or hashes == len(line) or line[hashes] not in " \t":
        return None
    text = line[hashes:].strip()
    return text.rstrip("#").rstrip() if text.rstrip("#") != text else text


# ---------------------------------------------------------------------------------
# Citations and snippets: read from the raw lines, as their extensions read them.

_KEY = re.compile(r"[\w-]++")
_EMAIL = re.compile(r"[a-zA-Z0-9._%+-]++@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}")
_SNIPPET_INLINE = re.compile(r"[ \t]*+(;*+)-++8<-++[ \t]++(\"[^\"\n]++\"|'[^'\n]++')[ \t]*+")
_SNIPPET_BLOCK = re.compile(r"[ \t]*+(;*+)-++8<-++[ \t]*+")


def citation_keys(text: str) -> list[str]:
    """The keys mkdocs-bibtex reads in one line: each '[...]' up to the first ']', split
    at ';', each piece's first '@' followed by a key (pieces that start like an e-mail
    address are skipped), with the plugin's regular expressions replaced by finds."""
    keys, pos = [], 0
    while True:
        start = text.find("[", pos)
        if start < 0:
            return keys
        close = text.find("]", start + 1)
        if close < 0:
            return keys
        for piece in text[start + 1:close].split(";"):
            at = piece.find("@")
            if at < 0 or _EMAIL.match(piece):
                continue
            key = _KEY.match(piece, at + 1)
            if key:
                keys.append(key.group())
        pos = close + 1


def _snippets(lines: list[str], first_line: int) -> list[Snippet]:
    found, block_open = [], False
    for index, line in enumerate(lines):
        number = first_line + index
        inline = _SNIPPET_INLINE.fullmatch(line)
        if inline and not block_open:
            if not inline.group(1):
                found.append(Snippet(number, inline.group(2)[1:-1].strip()))
            continue
        block = _SNIPPET_BLOCK.fullmatch(line)
        if block:
            if not block.group(1):
                block_open = not block_open
            continue
        if block_open and line.strip() and not line.strip().startswith(";"):
            found.append(Snippet(number, line.strip()))
    return found


# ---------------------------------------------------------------------------------


def parse(body: str, first_line: int = 1) -> PageStructure:
    """The one reading of a page body. first_line: the body's first line in the file."""
    out = PageStructure()
    raw = body.split("\n")
    code, unclosed = fenced_lines(raw)
    out.unclosed_fences = [first_line + i for i in unclosed]
    out.snippets = _snippets(raw, first_line)
    for index, line in enumerate(raw):
        if "@" in line:
            out.citations += [Citation(first_line + index, key) for key in citation_keys(line)]
    blanked = ["" if i in code else blank_code_spans(line) for i, line in enumerate(raw)]
    blanked, comments = blank_comments(blanked, code)
    out.unclosed_comments = [first_line + i for i in comments]

    text = "\n".join(blanked)
    newlines = list(accumulate(len(line) + 1 for line in blanked))  # offset just past each line
    if "<" in text:
        out.tags = _tags(text, newlines, first_line)
    for tag in out.tags:
        for name, value in tag.attrs:
            if name == "id" and value:
                out.anchors.setdefault(value, tag.line)

    ids: set = set()
    counters: dict = {}
    previous = ""
    for index, line in enumerate(blanked):
        number = first_line + index
        if index in code:
            previous = ""
            continue
        out.lines.append((number, line))
        first = line[:1]
        heading = _atx(line) if first == "#" else None
        if first in ("=", "-") and previous.strip() and _SETEXT.fullmatch(line) \
                and not previous.startswith(("#", "    ", "\t", "-", "*")):
            heading = previous.strip()
        if heading is not None:
            heading, attrs = _split_heading_attrs(heading)
            explicit = dict(attrs or ()).get("id")
            anchor = explicit or unique(slugify(_heading_text(heading), "-"), ids, counters)  # counters: linear
            ids.add(anchor)
            out.anchors.setdefault(anchor, number)
            if attrs:
                out.attr_lists.append(AttrList(number, attrs))
        elif "{" in line:
            for match in _ATTR_LIST.finditer(line):
                attrs = parse_attr_list(match.group(1))
                if attrs is not None:
                    out.attr_lists.append(AttrList(number, attrs))
                    if dict(attrs).get("id"):
                        out.anchors.setdefault(dict(attrs)["id"], number)
        definition = _REF_DEF.match(line) if "]:" in line else None
        footnote = _FOOTNOTE_DEF.match(line) if "]:" in line else None
        if footnote:
            out.footnote_definitions.setdefault(footnote.group(1), number)
            out.anchors.setdefault(f"fn:{footnote.group(1)}", number)
        elif definition:
            target = definition.group(2) if definition.group(2) is not None else definition.group(3)
            out.definitions.setdefault(" ".join(definition.group(1).split()).lower(), number)
            out.links.append(Link(number, target, False))
        else:
            _inline(number, line, out)
        if "<" in line and "://" in line:
            out.links += [Link(number, m.group(1), False) for m in _AUTOLINK.finditer(line)]
        if "@" in line and "[" in line:
            pos = 0
            while (start := line.find("[", pos)) >= 0 and (close := line.find("]", start + 1)) >= 0:
                if "@" in line[start:close]:
                    out.citation_texts.append((number, line[start:close + 1]))
                pos = close + 1
        previous = line
    _multiline_links(blanked, code, first_line, out)
    for number, label in out.footnote_refs:
        out.anchors.setdefault(f"fnref:{label}", number)
    out.links.sort(key=lambda link: link.line)
    return out

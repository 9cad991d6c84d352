"""Read Markdown pages: YAML front matter (with the line of every key) and the body."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from . import markdown_page
from .files import MARKDOWN_SUFFIXES, walk
from .findings import WARNING, Finding

_FENCE = re.compile(r"^---\s*$")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: 10x faster
    """A safe loader that keeps dates as text, so the checks can report an impossible
    date (2024-02-30) with its line instead of crashing inside the YAML library."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Page:
    path: str  # relative to docs/, posix: "recommendations/data-free-port.md"
    repo_path: str  # relative to the repository: "docs/recommendations/data-free-port.md"
    meta: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)  # key path tuple -> line number in the file
    body: str = ""
    body_line: int = 1  # line number of the body's first line in the file
    closing_line: int | None = None  # the line of the '---' that closes the front matter
    front_matter_broken: bool = False  # unreadable front matter: reported once, its fields not checked

    @cached_property
    def structure(self) -> markdown_page.PageStructure:
        """The body read once; every check reads this."""
        return markdown_page.parse(self.body, self.body_line)

    def line_of(self, *key) -> int:
        """The line of a front-matter key (or the nearest enclosing one)."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return 1


_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CHARACTER_NAMES = {0x00: "NUL", 0x07: "bell", 0x08: "backspace", 0x0B: "vertical tab", 0x0C: "form feed",
                    0x1B: "escape", 0x7F: "delete", 0xFEFF: "byte-order mark"}


MAX_NESTING = 20
_BRACKETS = re.compile(r"[\[\]{}]")


def _character(ch: str) -> str:
    return f"U+{ord(ch):04X} ({_CHARACTER_NAMES.get(ord(ch), 'a control character')})"


def _refusals(source: str, first_line: int) -> list[tuple[int, str, str]]:
    """(line, code, message) for what front matter may not hold, found before YAML
    reads it: characters YAML rejects, tabs, anchors and aliases."""
    found, depth = [], 0
    for number, line in enumerate(source.split("\n"), first_line):
        # The YAML composer recurses once per level of nesting, in C: bound it first.
        deepest = depth
        for bracket in _BRACKETS.finditer(line):
            depth = depth + 1 if bracket.group() in "[{" else max(0, depth - 1)
            deepest = max(deepest, depth)
        indent = len(line) - len(line.lstrip(" "))
        if deepest > MAX_NESTING or indent > 2 * MAX_NESTING:
            return [(number, "front-matter-too-deep", f"front matter nests deeper than {MAX_NESTING} levels; "
                                                      "keep it to plain fields and short lists")]
        bad = _NOT_YAML.search(line)
        if bad:
            found.append((number, "front-matter-control-character",
                          f"front matter holds the invisible character {_character(bad.group())}; delete it"))
        elif "\t" in line:
            found.append((number, "front-matter-tab", "front matter holds a tab; indent and separate with spaces"))
    if found:
        return found
    try:
        for event in yaml.parse(source, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                found.append((first_line + event.start_mark.line, "front-matter-alias",
                              "front matter may not use YAML anchors or aliases (&name, *name); write the value out"))
    except yaml.YAMLError:
        pass  # reported by the full reading below, with its line
    return found


def _node_lines(root, first_line: int) -> tuple[dict, list[tuple[int, str]]]:
    """The line of every key and item, and (line, key) for every key given twice in the
    same mapping (YAML would silently keep the last). Iterative: no depth limit."""
    out, repeated = {}, []
    stack = [((), root)]
    while stack:
        prefix, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node.value)
                if key in seen:
                    repeated.append((first_line + key_node.start_mark.line, key))
                seen.add(key)
                path = prefix + (key,)
                out.setdefault(path, first_line + key_node.start_mark.line)
                stack.append((path, value_node))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                path = prefix + (index,)
                out[path] = first_line + item.start_mark.line
                stack.append((path, item))
    return out, repeated


def parse_page(text: str, path: str, repo_path: str) -> tuple[Page, list[Finding]]:
    """A page's front matter and body. Text comes with newlines normalised (files are
    read with universal newlines, so CRLF line endings read as plain newlines)."""
    findings = []
    if text.startswith("\ufeff"):
        # MkDocs reads pages as utf-8-sig, so the page still renders; name it anyway.
        findings.append(Finding(repo_path, 1, "page-bom", "the file starts with a byte-order mark (BOM); "
                                                          "save it as UTF-8 without BOM", WARNING))
        text = text[1:]
    page = Page(path=path, repo_path=repo_path, body=text)
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return page, findings
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        page.front_matter_broken = True
        return page, findings + [Finding(repo_path, 1, "front-matter-unclosed",
                                         "front matter opens with '---' but never closes: add a line '---' "
                                         "after the last field")]
    source = "\n".join(lines[1:end])
    page.body = "\n".join(lines[end + 1:])
    page.body_line = end + 2
    page.closing_line = end + 1
    refused = _refusals(source, 2)
    if refused:
        page.front_matter_broken = True
        return page, findings + [Finding(repo_path, line, code, message) for line, code, message in refused]
    loader = _Loader(source)
    try:
        node = loader.get_single_node()  # parsed once: the node gives lines, then the values
        meta = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 1
        problem = exc.problem or str(exc)
        page.front_matter_broken = True
        return page, findings + [Finding(repo_path, line, "front-matter-yaml",
                                         f"front matter is not valid YAML ({problem}); "
                                         "check indentation and quote values that contain ':' or '#'")]
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        page.front_matter_broken = True
        return page, findings + [Finding(repo_path, 2, "front-matter-yaml",
                                         f"front matter cannot be read ({type(exc).__name__}: {exc}); "
                                         "keep it to plain 'key: value' lines and lists")]
    finally:
        loader.dispose()
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        page.front_matter_broken = True
        return page, findings + [Finding(repo_path, 2, "front-matter-not-mapping",
                                         "front matter must be 'key: value' lines, not a list or a bare value")]
    page.meta = meta
    page.lines, repeated = _node_lines(node, 2)
    findings += [Finding(repo_path, line, "front-matter-duplicate-key",
                         f"'{key}' is given twice; YAML would silently keep only the last: keep one")
                 for line, key in repeated]
    return page, findings


def read_pages(docs_dir: Path, repo_root: Path, own: list | None = None) -> tuple[dict[str, Page], list[Finding]]:
    """Every page under docs_dir, keyed by its path relative to docs_dir. Only the
    repository's own regular files are read (see files.walk); a file MkDocs would render
    as a page under another extension than .md is refused."""
    pages, findings = {}, []
    if own is None:
        own, findings = walk(docs_dir, repo_root)
    for file in own:
        repo_path = Path(os.path.relpath(docs_dir / file.rel, repo_root)).as_posix()
        if not file.rel.lower().endswith(MARKDOWN_SUFFIXES):
            continue
        if not file.rel.endswith(".md"):
            findings.append(Finding(repo_path, None, "page-extension",
                                    f"'{file.rel.rsplit('/', 1)[-1]}': pages end in '.md' (MkDocs would render "
                                    "or copy this file unchecked); rename it"))
            continue
        try:
            text = file.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            findings.append(Finding(repo_path, None, "page-not-utf8",
                                    f"file is not UTF-8 ({exc.reason} at byte {exc.start}); save it as UTF-8"))
            continue
        except OSError as exc:
            findings.append(Finding(repo_path, None, "file-unreadable",
                                    f"file cannot be read ({exc.strerror or exc}); fix its permissions"))
            continue
        page, page_findings = parse_page(text, file.rel, repo_path)
        pages[file.rel] = page
        findings += page_findings
    return pages, findings

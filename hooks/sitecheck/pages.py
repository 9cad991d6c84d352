"""Read Markdown pages: YAML front matter (with the line of every key) and the body."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from . import markdown_page
from .findings import Finding

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


def _node_lines(node, prefix=(), out=None) -> dict:
    out = {} if out is None else out
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = prefix + (key_node.value,)
            out[path] = key_node.start_mark.line
            _node_lines(value_node, path, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = prefix + (index,)
            out[path] = item.start_mark.line
            _node_lines(item, path, out)
    return out


def parse_page(text: str, path: str, repo_path: str) -> tuple[Page, list[Finding]]:
    page = Page(path=path, repo_path=repo_path, body=text)
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return page, []
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        return page, [Finding(repo_path, 1, "front-matter-unclosed",
                              "front matter opens with '---' but never closes: add a line '---' after the last field")]
    source = "\n".join(lines[1:end])
    page.body = "\n".join(lines[end + 1:])
    page.body_line = end + 2
    page.closing_line = end + 1
    loader = _Loader(source)
    try:
        node = loader.get_single_node()  # parsed once: the node gives lines, then the values
        meta = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 1
        problem = exc.problem or str(exc)
        return page, [Finding(repo_path, line, "front-matter-yaml",
                              f"front matter is not valid YAML ({problem}); "
                              "check indentation and quote values that contain ':' or '#'")]
    finally:
        loader.dispose()
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return page, [Finding(repo_path, 2, "front-matter-not-mapping",
                              "front matter must be 'key: value' lines, not a list or a bare value")]
    page.meta = meta
    page.lines = {k: v + 2 for k, v in _node_lines(node).items()}
    return page, []


def read_pages(docs_dir: Path, repo_root: Path) -> tuple[dict[str, Page], list[Finding]]:
    """Every Markdown page under docs_dir, keyed by its path relative to docs_dir."""
    pages, findings = {}, []
    for file in sorted(docs_dir.rglob("*.md")):
        rel = file.relative_to(docs_dir).as_posix()
        repo_path = file.relative_to(repo_root).as_posix()
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            findings.append(Finding(repo_path, None, "page-not-utf8",
                                    f"file is not UTF-8 ({exc.reason} at byte {exc.start}); save it as UTF-8"))
            continue
        page, page_findings = parse_page(text, rel, repo_path)
        pages[rel] = page
        findings += page_findings
    return pages, findings

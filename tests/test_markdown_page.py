"""The one reading of a page body: faithful to what Python-Markdown renders, and linear."""
import gc
import re
import time
from html import unescape
from pathlib import Path

import markdown
import pytest
from mkdocs_bibtex.citation import CitationBlock

from sitecheck.markdown_page import citation_keys, parse
from sitecheck.pages import read_pages
from sitefactory import REC, check, codes, write_site

REPO = Path(__file__).resolve().parent.parent
REC_PATH = "docs/recommendations/data-free-port.md"
GOOD = "See [the initiative](../developments/cn-2024-initiative.md#what-it-is)."
LINE = 19  # the line of GOOD in the fixture page


def _site_markdown():
    """Python-Markdown with the site's own extensions, read from mkdocs.yml."""
    import yaml
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name == "pymdownx.snippets":
            continue
        names.append(name)
        if options:
            configs[name] = options
    return markdown.Markdown(extensions=names, extension_configs=configs)


def test_links_and_ids_match_what_python_markdown_renders_on_every_real_page():
    pages, _ = read_pages(REPO / "docs", REPO)
    md = _site_markdown()
    for path, page in pages.items():
        rendered = md.reset().convert(page.body)
        targets = {unescape(t) for t in re.findall(r'(?:href|src)="([^"#][^"]*)"', rendered)}
        assert {link.target for link in page.structure.links} == targets, path
        assert set(re.findall(r'id="([^"]*)"', rendered)) <= set(page.structure.anchors), path


def test_citations_match_what_mkdocs_bibtex_reads_on_every_real_page():
    pages, _ = read_pages(REPO / "docs", REPO)
    for path, page in pages.items():
        theirs = [(n, c.key) for n, line in enumerate(page.body.split("\n"), page.body_line)
                  for block in CitationBlock.from_markdown(line) for c in block.citations]
        assert [(c.line, c.key) for c in page.structure.citations] == theirs, path


@pytest.mark.parametrize("line", [
    "[@a; @b, p. 3] and [see @c-d_e] [x@y.org] [no key] [@] [a;@b]",
    "[@a [@b] @c] ] [",
])
def test_citation_keys_equal_mkdocs_bibtex(line):
    assert citation_keys(line) == [c.key for b in CitationBlock.from_markdown(line) for c in b.citations]


@pytest.mark.parametrize("body, code_line", [
    ("```\ncode\n```\n", True),        # closed: code
    ("```\ncode\n", False),            # never closes: Python-Markdown renders it as text
    ("```\ncode\n````\n", False),      # a longer fence does not close it
    ("  ```\ncode\n  ```\n", False),    # a less indented line abandons the fence
    ("- item\n    ```\n    code\n    ```\n", True),  # indented in a list: code
])
def test_fences_as_superfences_decides(body, code_line):
    structure = parse(body)
    read_as_text = [text.strip() for _, text in structure.lines]
    assert ("code" not in read_as_text) == code_line


def _finds(tmp_path, replacement):
    page = REC.replace(GOOD, replacement)
    return codes(check(write_site(tmp_path, {"recommendations/data-free-port.md": page})).findings)


@pytest.mark.parametrize("replacement, expected", [
    # a script after a fence that never closes is live HTML, not code
    ("```\n<script>alert(1)</script>", [("fence-unclosed", LINE), ("unsafe-tag", LINE + 1)]),
    # a broken link after an abandoned (less indented) fence is checked
    ("  ```\nx\n[a](missing.md)", [("fence-unclosed", LINE), ("link-target-missing", LINE + 2)]),
    ("Text <!-- never closed", [("comment-unclosed", LINE)]),
    ("[a](my page.md)", [("link-target-space", LINE)]),
    ('--8<-- "missing.md"', [("snippet-missing", LINE)]),
    ('--8<--\nparts/missing.md\n--8<--', [("snippet-missing", LINE + 1)]),
    ('--8<-- "../../etc/os-release"', [("snippet-missing", LINE)]),
    ('## Heading {: onclick="alert(1)" }', [("unsafe-event-handler", LINE)]),
    ('Para\n{: onmouseover="x()" }', [("unsafe-event-handler", LINE + 1)]),
    ('<a href="java&#9;script:alert(1)">x</a>', [("unsafe-url", LINE)]),
    ('<a href=" JaVa\nScRiPt:alert(1)">x</a>', [("unsafe-url", LINE)]),
    ("![pixel](https://tracker.example.org/p.gif)", [("unsafe-external-resource", LINE)]),
    ('<img src="//tracker.example.org/p.gif">', [("unsafe-external-resource", LINE)]),
    ('<img src="a.png" srcset="b.png 1x, https://x.example.org/c.png 2x">', [("unsafe-external-resource", LINE)]),
    ('<span style="background: url(https://x.example.org/p)">x</span>', [("unsafe-style", LINE)]),
    ('<video src="https://x.example.org/v.mp4"></video>', [("unsafe-external-resource", LINE), ("unsafe-tag", LINE)]),
])
def test_source_finding_at_its_line(tmp_path, replacement, expected):
    found = _finds(tmp_path, replacement)
    assert found == sorted((code, REC_PATH, line) for code, line in expected)


@pytest.mark.parametrize("name, body", [
    ("50,000 backticks on one line", "`" * 50_000 + "\n"),
    ("text then 50,000 backticks", "Text " + "`" * 50_000 + "\n"),
    ("a heading followed by 50,000 spaces", "# Heading" + " " * 50_000 + "\n"),
    ("a heading with 50,000 spaces inside", "# Heading" + " " * 50_000 + "x\n[self](#heading)\n"),
    ("4,000 '[@' in prose", "Text " + "[@" * 4_000 + "\n"),
    ("50,000 '[' then '](' ", "[" * 25_000 + "](" * 12_500 + "\n"),
    ("an unclosed tag with 20,000 attributes", "<a " + 'x="<a ' * 20_000 + "\n"),
])
def test_pathological_bodies_are_read_fast(tmp_path, name, body):
    page = REC.replace(GOOD, body)
    root = write_site(tmp_path, {"recommendations/data-free-port.md": page})
    start = time.process_time()  # CPU time: other processes on a busy machine do not count
    check(root)
    assert time.process_time() - start < 1.0, name


def test_a_1_mb_page_is_checked_in_under_a_second(tmp_path):
    """The real site's page bodies, one after another, to 1 MB: a long page of real prose."""
    pages, _ = read_pages(REPO / "docs", REPO)
    bodies = "\n\n".join(page.body.replace("<!-- developments -->", "") for page in pages.values())
    body = (bodies * (1_000_000 // len(bodies) + 1))[:1_000_000]
    root = write_site(tmp_path, {"recommendations/data-free-port.md": REC.replace(GOOD, body)})
    start = time.process_time()
    check(root)
    assert time.process_time() - start < 1.0


def test_reading_dense_markup_is_linear():
    """Every line holding a link, code, a citation, HTML or a heading: four times the
    text takes about four times the time, never sixteen."""
    unit = ("A paragraph [with a link](../index.md) and `code` and [@memo-2019].\n\n## A heading\n\n"
            "<span id='x'>html</span> *emphasis* {: .class }\n\n")

    def cost(n):  # the least of three runs, without the collector: only the parse is timed
        text, times = unit * n, []
        for _ in range(3):
            gc.disable()
            try:
                start = time.process_time()
                parse(text)
                times.append(time.process_time() - start)
            finally:
                gc.enable()
        return min(times)

    cost(500)  # warm up
    assert cost(16_000) < 8 * cost(4_000)  # linear: about 4x; quadratic would be 16x


